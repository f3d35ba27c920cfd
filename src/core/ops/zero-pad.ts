import { KEEPS_NOTHING } from './keeps.js';
import { none } from './pointwise.js';
import type { OpKindEntry, ZeroPadOp } from './types.js';
import { throughWindow, windowOutput } from './window.js';

/**
 * He et al. 2015 option A: `x[:, :, ::s, ::s]` with the extra channels zero. It keeps
 * ⌈H/s⌉ rows, what a 1×1 window of stride s gives; no parameters, nothing kept.
 */
export const zeroPad: OpKindEntry<ZeroPadOp> = {
  output: (op, input, prefix) =>
    windowOutput(input, op.outChannels, { kernel: 1, stride: op.stride, padding: 0, dilation: 1 }, prefix + op.name),
  params: none,
  buffers: none,
  macs: none,
  keeps: () => KEEPS_NOTHING,
  field: (op, _input, f) => throughWindow(f, 1, 1, op.stride, 0, 1),
  lists: { row: (op) => ({ type: 'zero-pad', stride: op.stride }) },
  notation: (op) => `zero-pad to ${op.outChannels}`,
  structural: false,
};
