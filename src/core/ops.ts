import { WrnError } from './errors.js';
import { pixelField } from './field.js';
import type { Field } from './field.js';

/*
 * The operations a network is made of, and one cost function for each: the
 * output shape, trainable parameters, BN running statistics (buffers), MACs and
 * output elements of one op for one image. Both walkers of a network
 * description (the layer listing and the totals counter) call `evaluateOp`, so
 * each fact about an op is written here once.
 */

/** `[C, H, W]` for one image; `[C]` after global pooling. */
export type Shape = readonly number[];

/** What the op keeps for backward (KEEPS flags), filled in when the description is made. */
interface Keeps {
  readonly keeps?: number;
}

export interface ConvOp extends Keeps {
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
export interface BnOp extends Keeps {
  readonly kind: 'bn';
  readonly name: string;
  readonly relu: boolean;
}

export interface ReluOp extends Keeps {
  readonly kind: 'relu';
  readonly name: string;
}

export interface MaxPoolOp extends Keeps {
  readonly kind: 'max-pool';
  readonly name: string;
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
}

/** Global average pooling to one value per channel (the output is `[C]`). */
export interface AvgPoolOp extends Keeps {
  readonly kind: 'avg-pool';
  readonly name: string;
}

/** A fully connected layer, always with a bias (as every peer's classifier has). */
export interface LinearOp extends Keeps {
  readonly kind: 'linear';
  readonly name: string;
  readonly outFeatures: number;
}

/** He et al. 2015 option A: a strided identity whose extra channels are zero; no parameters. */
export interface ZeroPadOp extends Keeps {
  readonly kind: 'zero-pad';
  readonly name: string;
  readonly outChannels: number;
  readonly stride: number;
}

/** The residual add of a block. */
export interface AddOp extends Keeps {
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
  /** What the op newly keeps for backward (set by the walker, which knows what is kept already). */
  savedBytesPerImage: number;
  savedBytesFixed: number;
  /** The receptive field of one output unit (set by the walker, which follows the field). */
  readonly field: Field;
}

export function emptyResult(): OpResult {
  return {
    c: 0,
    h: 0,
    w: 0,
    params: 0,
    buffers: 0,
    macs: 0,
    activationElements: 0,
    savedBytesPerImage: 0,
    savedBytesFixed: 0,
    field: pixelField(),
  };
}

function spatialCollapse(name: string, input: Shape, kernel: number, stride: number, padding: number, dilation: number): WrnError {
  return new WrnError({ code: 'SPATIAL_COLLAPSE', layer: name, input, kernel, stride, padding, dilation });
}

const MAX = Number.MAX_SAFE_INTEGER;

/** Thrown when a count would pass MAX_SAFE_INTEGER (kept out of line: the hot path only compares). */
function overflow(what: string): never {
  throw new WrnError({ code: 'COUNT_OVERFLOW', what });
}

/**
 * A window op's output sides (into `out.h`, `out.w`): PyTorch's conv arithmetic,
 * kept exact (a padding or dilation large enough to round is refused).
 */
function windowOutput(
  prefix: string,
  op: Op,
  c: number,
  h: number,
  w: number,
  kernel: number,
  stride: number,
  padding: number,
  dilation: number,
  out: OpResult,
): void {
  // One comparison on the common path; the precise checks only when a term is large.
  if (h + w + 2 * padding + dilation * kernel > 2 ** 52) {
    if (dilation * (kernel - 1) > MAX) overflow('dilated kernel extent');
    if (2 * padding > MAX || Math.max(h, w) + 2 * padding > MAX) overflow('padded input size');
  }
  const shrink = 2 * padding - dilation * (kernel - 1) - 1;
  // A division costs more than the rest of a conv's arithmetic: most windows have stride 1.
  out.h = stride === 1 ? h + shrink + 1 : Math.floor((h + shrink) / stride) + 1;
  out.w = stride === 1 ? w + shrink + 1 : Math.floor((w + shrink) / stride) + 1;
  if (out.h < 1 || out.w < 1) throw spatialCollapse(`${prefix}${op.name}`, [c, h, w], kernel, stride, padding, dilation);
}

/*
 * Each product is checked once: its factors are non-negative integers, so a true
 * value past the limit shows as a double past it (see safe-int.ts).
 */
function setResult(out: OpResult, c: number, h: number, w: number, params: number, buffers: number, macs: number): void {
  const activationElements = c * h * w;
  if (activationElements > MAX) overflow('activation element count');
  out.c = c;
  out.h = h;
  out.w = w;
  out.params = params;
  out.buffers = buffers;
  out.macs = macs;
  out.activationElements = activationElements;
}

function evaluateConv(op: ConvOp, prefix: string, c: number, h: number, w: number, out: OpResult): void {
  if (op.groups !== 1 && (c % op.groups !== 0 || op.outChannels % op.groups !== 0)) {
    throw new WrnError({
      code: 'CHANNELS_NOT_DIVISIBLE',
      layer: `${prefix}${op.name}`,
      inChannels: c,
      outChannels: op.outChannels,
      groups: op.groups,
    });
  }
  windowOutput(prefix, op, c, h, w, op.kernel, op.stride, op.padding, op.dilation, out);
  // Weight C_out·(C_in/groups)·kh·kw, plus C_out with a bias.
  const weights = op.outChannels * (op.groups === 1 ? c : c / op.groups) * op.kernel * op.kernel;
  if (weights > MAX) overflow('parameter count');
  const params = op.bias ? weights + op.outChannels : weights;
  if (params > MAX) overflow('parameter count');
  // torchvision/fvcore: one MAC per weight per output position; the bias add is not a MAC.
  const macs = out.h * out.w * weights;
  if (macs > MAX) overflow('MAC count');
  setResult(out, op.outChannels, out.h, out.w, params, 0, macs);
}

/**
 * The cost of `op` on a `[c, h, w]` input, written into `out` (no allocation: the
 * totals counter calls this millions of times a second). `prefix` + the op's name
 * is its full name, made only for an error.
 */
export function evaluateOp(op: Op, prefix: string, c: number, h: number, w: number, out: OpResult): void {
  // The ops of every block first, kept small enough to inline; the stem's and head's after.
  if (op.kind === 'conv') return evaluateConv(op, prefix, c, h, w, out);
  if (op.kind === 'bn') {
    const perChannel = 2 * c;
    if (perChannel > MAX) overflow('parameter count');
    return setResult(out, c, h, w, perChannel, perChannel, 0);
  }
  if (op.kind === 'add' || op.kind === 'relu') return setResult(out, c, h, w, 0, 0, 0);
  return evaluateOther(op, prefix, c, h, w, out);
}

function evaluateOther(
  op: MaxPoolOp | AvgPoolOp | LinearOp | ZeroPadOp,
  prefix: string,
  c: number,
  h: number,
  w: number,
  out: OpResult,
): void {
  switch (op.kind) {
    case 'max-pool':
      windowOutput(prefix, op, c, h, w, op.kernel, op.stride, op.padding, 1, out);
      return setResult(out, c, out.h, out.w, 0, 0, 0);
    case 'avg-pool':
      return setResult(out, c, 1, 1, 0, 0, 0);
    case 'linear': {
      const macs = c * op.outFeatures;
      if (macs > MAX) overflow('MAC count');
      const params = macs + op.outFeatures;
      if (params > MAX) overflow('parameter count');
      return setResult(out, op.outFeatures, 1, 1, params, 0, macs);
    }
    case 'zero-pad':
      windowOutput(prefix, op, c, h, w, 1, op.stride, 0, 1, out);
      return setResult(out, op.outChannels, out.h, out.w, 0, 0, 0);
  }
}

/**
 * What autograd keeps of one op for backward, in PyTorch's eager kernels (torch 1.13, CPU,
 * fp32, training mode), measured with saved_tensors_hooks: conv, max pool, global average
 * pool and linear keep their input; batch norm its input plus its batch mean and inverse std
 * (2 fp32 per channel, whatever the batch); ReLU its output; max pool also int64 indices the
 * size of its output; dropout an fp32 mask the size of its input (on CUDA a 1-byte one; not
 * modelled), and the conv after it then keeps the dropout's output instead of its input. Add
 * and zero-pad keep nothing. A set of flags, worked out once per op (the walker reads them
 * for every op of every network); whether a tensor was already kept is the walker's business.
 */
export const KEEPS = {
  /** Its input tensor, 4 bytes per element. */
  input: 1,
  /** Its output tensor, 4 bytes per element. */
  output: 2,
  /** int64 indices the size of its output. */
  indices: 4,
  /** Dropout before it: an fp32 mask and the dropped-out tensor, both the size of its input. */
  dropout: 8,
  /** Two fp32 vectors per input channel, whatever the batch. */
  channelStats: 16,
} as const;

export function keepsOf(op: Op): number {
  switch (op.kind) {
    case 'conv':
      return op.dropoutBefore > 0 ? KEEPS.dropout : KEEPS.input;
    case 'bn':
      return KEEPS.input | KEEPS.channelStats | (op.relu ? KEEPS.output : 0);
    case 'relu':
      return KEEPS.output;
    case 'max-pool':
      return KEEPS.input | KEEPS.indices;
    case 'avg-pool':
    case 'linear':
      return KEEPS.input;
    case 'add':
    case 'zero-pad':
      return 0;
  }
}

/** Ops after which an image is a vector `[C]`. */
export function isFlat(op: Op): boolean {
  return op.kind === 'avg-pool' || op.kind === 'linear';
}
