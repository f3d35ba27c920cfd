import { KEEPS_INPUT } from './keeps.js';
import { none, sameField } from './pointwise.js';
import type { LinearOp, OpKindEntry } from './types.js';
import { checked } from './window.js';

/** A fully connected layer with a bias, on the pooled vector: in·out MACs, in·out + out parameters; it keeps its input. */
export const linear: OpKindEntry<LinearOp> = {
  output: (op) => ({ c: op.outFeatures, h: 1, w: 1, flat: true }),
  // The MAC count is checked first: the parameters are never fewer.
  params: (op, input) => checked('parameter count', checked('MAC count', input.c * op.outFeatures) + op.outFeatures),
  buffers: none,
  macs: (op, input) => input.c * op.outFeatures,
  keeps: () => KEEPS_INPUT,
  field: sameField,
  lists: { row: () => ({ type: 'linear', bias: true }) },
  notation: (op, input) => `fc ${input.c}→${op.outFeatures}`,
  structural: true,
};
