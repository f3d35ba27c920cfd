import { emptyTally } from '../../src/core/counts.js';
import { listingVisitor } from '../../src/core/layers.js';
import type { LayerRow } from '../../src/core/layers.js';
import type { ConvOp } from '../../src/core/ops/index.js';
import type { Shape } from '../../src/core/tensor.js';
import { inputTensor, walkOp } from '../../src/core/walk.js';

export type ConvOptions = Pick<ConvOp, 'outChannels' | 'kernel' | 'stride' | 'padding' | 'dilation' | 'groups' | 'bias'>;

/** One conv on its own as a listing row: the walk's one op, on `input` (`[C, H, W]`). */
export function convLayer(name: string, input: Shape, conv: ConvOptions, type: 'conv' | 'shortcut' = 'conv'): LayerRow {
  const op: ConvOp = { kind: 'conv', name, ...conv, shortcut: type === 'shortcut' };
  const listing = listingVisitor();
  const part = { group: '', block: undefined, prefix: '' };
  const tally = emptyTally();
  const output = walkOp(op, part, inputTensor(input[0] ?? 1, input[1] ?? 1, input[2] ?? 1), tally, listing.visitor);
  listing.visitor.part?.({ part, tally, times: 1, output, fieldStep: { rh: 0, rw: 0, sh: 0, sw: 0 } });
  const [row] = listing.rows();
  if (row === undefined) throw new Error('a conv makes one row');
  return row;
}
