import { WrnError } from '../errors.js';
import type { TensorShape } from '../tensor.js';
import { KEEPS_INPUT } from './keeps.js';
import { none } from './pointwise.js';
import type { ConvOp, OpKindEntry } from './types.js';
import { checked, kernelText, throughWindow, windowOutput } from './window.js';

/** C_out·(C_in/groups)·k·k: one weight per output channel, input channel of its group and kernel position. */
const weights = (op: ConvOp, input: TensorShape): number => op.outChannels * (input.c / op.groups) * op.kernel * op.kernel;

/**
 * A 2-D convolution, grouped when `groups` > 1 (ResNeXt's 3×3): its weights, plus C_out
 * with a bias; one MAC per weight per output position (torchvision's and fvcore's
 * convention: the bias add is not a MAC). It keeps its input for backward.
 */
export const conv: OpKindEntry<ConvOp> = {
  output(op, input, prefix) {
    if (input.c % op.groups !== 0 || op.outChannels % op.groups !== 0) {
      throw new WrnError({
        code: 'CHANNELS_NOT_DIVISIBLE',
        layer: prefix + op.name,
        inChannels: input.c,
        outChannels: op.outChannels,
        groups: op.groups,
      });
    }
    return windowOutput(input, op.outChannels, op, prefix + op.name);
  },
  params: (op, input) => checked('parameter count', op.bias ? weights(op, input) + op.outChannels : weights(op, input)),
  buffers: none,
  macs: (op, input, output) => checked('MAC count', weights(op, input) * output.h * output.w),
  keeps: () => KEEPS_INPUT,
  field: (op, _input, f) => throughWindow(f, op.kernel, op.kernel, op.stride, op.padding, op.dilation),
  lists: {
    row: (op) => ({
      type: op.shortcut ? 'shortcut' : 'conv',
      kernel: [op.kernel, op.kernel],
      stride: op.stride,
      padding: op.padding,
      dilation: op.dilation,
      groups: op.groups,
      bias: op.bias,
    }),
  },
  notation: (op) =>
    [
      kernelText(op.kernel),
      String(op.outChannels),
      ...(op.groups === 1 ? [] : [`G = ${op.groups}`]),
      ...(op.stride === 1 ? [] : [`stride ${op.stride}`]),
    ].join(', '),
  structural: true,
};
