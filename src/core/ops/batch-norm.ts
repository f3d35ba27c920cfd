import { KEEPS_BN, KEEPS_BN_RELU } from './keeps.js';
import { none, sameField, sameShape } from './pointwise.js';
import { layerTypeText } from './types.js';
import type { BatchNormOp, OpKindEntry } from './types.js';
import { checked } from './window.js';

/**
 * BatchNorm2d: a scale and a shift per channel (parameters) and a running mean and
 * variance (buffers; `num_batches_tracked` is not counted). In training it keeps its
 * input and, per channel, its batch mean and inverse std; with the fused ReLU it also
 * keeps the ReLU's output.
 */
export const batchNorm: OpKindEntry<BatchNormOp> = {
  output: sameShape,
  params: (_op, input) => checked('parameter count', 2 * input.c),
  buffers: (_op, input) => 2 * input.c,
  macs: none,
  keeps: (op) => (op.relu ? KEEPS_BN_RELU : KEEPS_BN),
  field: sameField,
  lists: { row: (op) => ({ type: 'bn', relu: op.relu }) },
  notation: (op) => layerTypeText({ type: 'bn', relu: op.relu }),
  structural: false,
};
