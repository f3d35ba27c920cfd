import { KEEPS_INPUT_AND_INDICES } from './keeps.js';
import { none } from './pointwise.js';
import type { MaxPoolOp, OpKindEntry } from './types.js';
import { kernelText, throughWindow, windowOutput } from './window.js';

/** Max pooling (ceil_mode off): it keeps its input and int64 indices of its output's size. */
export const maxPool: OpKindEntry<MaxPoolOp> = {
  output: (op, input, prefix) =>
    windowOutput(input, input.c, { kernel: op.kernel, stride: op.stride, padding: op.padding, dilation: 1 }, prefix + op.name),
  params: none,
  buffers: none,
  macs: none,
  keeps: () => KEEPS_INPUT_AND_INDICES,
  field: (op, _input, f) => throughWindow(f, op.kernel, op.kernel, op.stride, op.padding, 1),
  lists: { row: (op) => ({ type: 'max-pool', kernel: [op.kernel, op.kernel], stride: op.stride, padding: op.padding }) },
  notation: (op) => `${kernelText(op.kernel)} max pool${op.stride === 1 ? '' : `, stride ${op.stride}`}`,
  structural: true,
};
