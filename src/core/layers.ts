import { WrnError } from './errors.js';
import type { Counts } from './counts.js';
import { checkedMul, checkedAdd } from './safe-int.js';

/** `[C, H, W]` for one image; `[C]` after flattening. */
export type Shape = readonly number[];

export type LayerType = 'conv' | 'bn' | 'shortcut' | 'add' | 'pool' | 'linear';

export interface LayerRow extends Counts {
  /** Dotted name, e.g. `conv3.block0.conv1`. */
  readonly name: string;
  readonly type: LayerType;
  readonly input: Shape;
  readonly output: Shape;
  readonly kernel?: readonly [number, number];
  readonly stride?: number;
  readonly padding?: number;
  readonly dilation?: number;
  readonly groups?: number;
  readonly bias?: boolean;
  /** Dropout probability applied just before this conv (shown, never counted). */
  readonly dropoutBefore?: number;
}

/** PyTorch's (and vdumoulin/conv_arithmetic's) output size for one spatial axis. */
export function convOutputSize(input: number, kernel: number, stride: number, padding: number, dilation = 1): number {
  return Math.floor((input + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1;
}

export interface ConvOptions {
  readonly outChannels: number;
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
  readonly groups: number;
  readonly bias: boolean;
}

export function convOutputShape(name: string, input: Shape, conv: ConvOptions): Shape {
  const [, height = 1, width = 1] = input;
  // Conv arithmetic is exact only while its terms are safe integers: a huge padding or
  // dilation would otherwise round (i + 2p − d(k−1) − 1) and give a wrong shape.
  checkedMul('dilated kernel extent', conv.dilation, conv.kernel - 1);
  checkedAdd('padded input size', Math.max(height, width), checkedMul('padded input size', 2, conv.padding));
  const axes = [height, width].map((size) => convOutputSize(size, conv.kernel, conv.stride, conv.padding, conv.dilation));
  if (axes.some((size) => size < 1)) {
    throw new WrnError({
      code: 'SPATIAL_COLLAPSE',
      layer: name,
      input,
      kernel: conv.kernel,
      stride: conv.stride,
      padding: conv.padding,
      dilation: conv.dilation,
    });
  }
  return [conv.outChannels, ...axes];
}

function elements(what: string, shape: Shape): number {
  return checkedMul(what, ...shape);
}

export function convLayer(name: string, input: Shape, conv: ConvOptions, type: 'conv' | 'shortcut' = 'conv'): LayerRow {
  const inChannels = input[0] ?? 0;
  if (inChannels % conv.groups !== 0 || conv.outChannels % conv.groups !== 0) {
    throw new WrnError({ code: 'CHANNELS_NOT_DIVISIBLE', layer: name, inChannels, outChannels: conv.outChannels, groups: conv.groups });
  }
  const output = convOutputShape(name, input, conv);
  // Weight C_out·(C_in/groups)·kh·kw, plus C_out with a bias.
  const weights = checkedMul('parameter count', conv.outChannels, inChannels / conv.groups, conv.kernel, conv.kernel);
  const params = conv.bias ? checkedAdd('parameter count', weights, conv.outChannels) : weights;
  // torchvision/fvcore: one MAC per weight per output position; the bias add is not a MAC.
  const macs = checkedMul('MAC count', output[1] ?? 1, output[2] ?? 1, weights);
  return {
    name,
    type,
    input,
    output,
    kernel: [conv.kernel, conv.kernel],
    stride: conv.stride,
    padding: conv.padding,
    dilation: conv.dilation,
    groups: conv.groups,
    bias: conv.bias,
    params,
    buffers: 0,
    macs,
    activationElements: elements('activation element count', output),
  };
}

/** BatchNorm followed by ReLU (fused in the listing): 2 parameters and 2 running statistics per channel. */
export function bnReluLayer(name: string, input: Shape): LayerRow {
  const perChannel = checkedMul('parameter count', 2, input[0] ?? 0);
  return {
    name,
    type: 'bn',
    input,
    output: input,
    params: perChannel,
    buffers: perChannel,
    macs: 0,
    activationElements: elements('activation element count', input),
  };
}

export function addLayer(name: string, input: Shape): LayerRow {
  return { name, type: 'add', input, output: input, params: 0, buffers: 0, macs: 0, activationElements: elements('activation element count', input) };
}

export function globalAvgPoolLayer(name: string, input: Shape): LayerRow {
  const output = [input[0] ?? 0];
  return { name, type: 'pool', input, output, params: 0, buffers: 0, macs: 0, activationElements: output[0] ?? 0 };
}

export function linearLayer(name: string, input: Shape, outFeatures: number): LayerRow {
  const inFeatures = input[0] ?? 0;
  const macs = checkedMul('MAC count', inFeatures, outFeatures);
  return {
    name,
    type: 'linear',
    input,
    output: [outFeatures],
    bias: true,
    params: checkedAdd('parameter count', macs, outFeatures),
    buffers: 0,
    macs,
    activationElements: outFeatures,
  };
}
