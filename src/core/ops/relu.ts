import { KEEPS_OUTPUT } from './keeps.js';
import { none, sameField, sameShape } from './pointwise.js';
import type { OpKindEntry, ReluOp } from './types.js';

/** A ReLU of its own (post order's, after the residual add): it keeps its output for backward. */
export const relu: OpKindEntry<ReluOp> = {
  output: sameShape,
  params: none,
  buffers: none,
  macs: none,
  keeps: () => KEEPS_OUTPUT,
  field: sameField,
  lists: { row: () => ({ type: 'relu' }) },
  notation: () => 'ReLU',
  structural: false,
};
