import { add } from './add.js';
import { avgPool } from './avg-pool.js';
import { batchNorm } from './batch-norm.js';
import { conv } from './conv.js';
import { dropout } from './dropout.js';
import { linear } from './linear.js';
import { maxPool } from './max-pool.js';
import { relu } from './relu.js';
import type { Op, OpKind, OpKindEntry, OpOfKind } from './types.js';
import { zeroPad } from './zero-pad.js';

export type * from './types.js';
export { layerTypeText } from './types.js';
export { convOutputSize } from './window.js';

/**
 * The op registry: one entry per kind of op, holding everything about that kind
 * (output shape, parameters, buffers, MACs, what it keeps for backward, its
 * receptive-field step, its listing row and its notation). To add a kind: a file
 * here, its op type in types.ts, and a line below.
 */
export const OP_KINDS: { readonly [K in OpKind]: OpKindEntry<OpOfKind<K>> } = {
  conv,
  bn: batchNorm,
  relu,
  'max-pool': maxPool,
  'avg-pool': avgPool,
  linear,
  'zero-pad': zeroPad,
  add,
  dropout,
};

/** The registry entry of `op`'s kind. */
export function entryOf<O extends Op>(op: O): OpKindEntry<O> {
  // A switch rather than OP_KINDS[op.kind]: the walk looks up every op it evaluates, and V8 compares
  // the interned kind strings of a switch faster than it hashes a computed key.
  const entries: { readonly [K in OpKind]: OpKindEntry<OpOfKind<K>> } = OP_KINDS;
  let entry;
  switch (op.kind) {
    case 'conv':
      entry = entries.conv;
      break;
    case 'bn':
      entry = entries.bn;
      break;
    case 'relu':
      entry = entries.relu;
      break;
    case 'max-pool':
      entry = entries['max-pool'];
      break;
    case 'avg-pool':
      entry = entries['avg-pool'];
      break;
    case 'linear':
      entry = entries.linear;
      break;
    case 'zero-pad':
      entry = entries['zero-pad'];
      break;
    case 'add':
      entry = entries.add;
      break;
    case 'dropout':
      entry = entries.dropout;
      break;
  }
  // The registry's type pairs each kind with its entry; a union of kinds loses that pairing.
  return entry as unknown as OpKindEntry<O>;
}
