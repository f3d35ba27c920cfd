import { WrnError } from './errors.js';
import { checkedAdd, checkedMul } from './safe-int.js';

/*
 * The operations a network is made of, and one cost function for each: the
 * output shape, trainable parameters, BN running statistics (buffers), MACs and
 * output elements of one op for one image. Both walkers of a network
 * description (the layer listing and the totals counter) call `evaluateOp`, so
 * each fact about an op is written here once.
 */

/** `[C, H, W]` for one image; `[C]` after global pooling. */
export type Shape = readonly number[];

export interface ConvOp {
  readonly kind: 'conv';
  readonly name: string;
  readonly outChannels: number;
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
  readonly groups: number;
  readonly bias: boolean;
  /** A projection shortcut (listed as `conv (shortcut)`). */
  readonly shortcut: boolean;
  /** Dropout probability applied just before this conv (shown, never counted); 0 for none. */
  readonly dropoutBefore: number;
}

/** BatchNorm: 2 parameters and 2 running statistics per channel; `relu` fuses the ReLU that follows it. */
export interface BnOp {
  readonly kind: 'bn';
  readonly name: string;
  readonly relu: boolean;
}

export interface ReluOp {
  readonly kind: 'relu';
  readonly name: string;
}

export interface MaxPoolOp {
  readonly kind: 'max-pool';
  readonly name: string;
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
}

/** Global average pooling to one value per channel (the output is `[C]`). */
export interface AvgPoolOp {
  readonly kind: 'avg-pool';
  readonly name: string;
}

/** A fully connected layer, always with a bias (as every peer's classifier has). */
export interface LinearOp {
  readonly kind: 'linear';
  readonly name: string;
  readonly outFeatures: number;
}

/** He et al. 2015 option A: a strided identity whose extra channels are zero; no parameters. */
export interface ZeroPadOp {
  readonly kind: 'zero-pad';
  readonly name: string;
  readonly outChannels: number;
  readonly stride: number;
}

/** The residual add of a block. */
export interface AddOp {
  readonly kind: 'add';
  readonly name: string;
}

export type Op = ConvOp | BnOp | ReluOp | MaxPoolOp | AvgPoolOp | LinearOp | ZeroPadOp | AddOp;
export type OpKind = Op['kind'];

/** PyTorch's (and vdumoulin/conv_arithmetic's) output size for one spatial axis; max pool (ceil_mode off) uses it too. */
export function convOutputSize(input: number, kernel: number, stride: number, padding: number, dilation = 1): number {
  return Math.floor((input + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1;
}

/** What one op does to one image: its output `[c, h, w]` (h = w = 1 once pooled) and its counts. */
export interface OpResult {
  c: number;
  h: number;
  w: number;
  params: number;
  buffers: number;
  macs: number;
  activationElements: number;
}

export function emptyResult(): OpResult {
  return { c: 0, h: 0, w: 0, params: 0, buffers: 0, macs: 0, activationElements: 0 };
}

function spatialCollapse(name: string, input: Shape, kernel: number, stride: number, padding: number, dilation: number): WrnError {
  return new WrnError({ code: 'SPATIAL_COLLAPSE', layer: name, input, kernel, stride, padding, dilation });
}

/** A window op's output side, with its conv arithmetic kept exact (a huge padding or dilation would round). */
function windowOutput(name: string, c: number, h: number, w: number, kernel: number, stride: number, padding: number, dilation: number): [number, number] {
  checkedMul('dilated kernel extent', dilation, kernel - 1);
  checkedAdd('padded input size', Math.max(h, w), checkedMul('padded input size', 2, padding));
  const outH = convOutputSize(h, kernel, stride, padding, dilation);
  const outW = convOutputSize(w, kernel, stride, padding, dilation);
  if (outH < 1 || outW < 1) throw spatialCollapse(name, [c, h, w], kernel, stride, padding, dilation);
  return [outH, outW];
}

function elements(c: number, h: number, w: number): number {
  return checkedMul('activation element count', c, h, w);
}

function setResult(out: OpResult, c: number, h: number, w: number, params: number, buffers: number, macs: number): void {
  out.c = c;
  out.h = h;
  out.w = w;
  out.params = params;
  out.buffers = buffers;
  out.macs = macs;
  out.activationElements = elements(c, h, w);
}

function evaluateConv(op: ConvOp, name: string, c: number, h: number, w: number, out: OpResult): void {
  if (c % op.groups !== 0 || op.outChannels % op.groups !== 0) {
    throw new WrnError({ code: 'CHANNELS_NOT_DIVISIBLE', layer: name, inChannels: c, outChannels: op.outChannels, groups: op.groups });
  }
  const [outH, outW] = windowOutput(name, c, h, w, op.kernel, op.stride, op.padding, op.dilation);
  // Weight C_out·(C_in/groups)·kh·kw, plus C_out with a bias.
  const weights = checkedMul('parameter count', op.outChannels, c / op.groups, op.kernel, op.kernel);
  const params = op.bias ? checkedAdd('parameter count', weights, op.outChannels) : weights;
  // torchvision/fvcore: one MAC per weight per output position; the bias add is not a MAC.
  setResult(out, op.outChannels, outH, outW, params, 0, checkedMul('MAC count', outH, outW, weights));
}

/**
 * The cost of `op` on a `[c, h, w]` input, written into `out` (no allocation: the
 * totals counter calls this millions of times a second). `name` is the op's full
 * name, for errors.
 */
export function evaluateOp(op: Op, name: string, c: number, h: number, w: number, out: OpResult): void {
  switch (op.kind) {
    case 'conv':
      return evaluateConv(op, name, c, h, w, out);
    case 'bn': {
      const perChannel = checkedMul('parameter count', 2, c);
      return setResult(out, c, h, w, perChannel, perChannel, 0);
    }
    case 'relu':
    case 'add':
      return setResult(out, c, h, w, 0, 0, 0);
    case 'max-pool': {
      const [outH, outW] = windowOutput(name, c, h, w, op.kernel, op.stride, op.padding, 1);
      return setResult(out, c, outH, outW, 0, 0, 0);
    }
    case 'avg-pool':
      return setResult(out, c, 1, 1, 0, 0, 0);
    case 'linear': {
      const macs = checkedMul('MAC count', c, op.outFeatures);
      return setResult(out, op.outFeatures, 1, 1, checkedAdd('parameter count', macs, op.outFeatures), 0, macs);
    }
    case 'zero-pad': {
      const [outH, outW] = windowOutput(name, c, h, w, 1, op.stride, 0, 1);
      return setResult(out, op.outChannels, outH, outW, 0, 0, 0);
    }
  }
}

/** Ops after which an image is a vector `[C]`. */
export function isFlat(op: Op): boolean {
  return op.kind === 'avg-pool' || op.kind === 'linear';
}
