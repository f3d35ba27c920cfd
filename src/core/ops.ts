import { WrnError } from './errors.js';
import { copyField, fieldThrough, pixelField, unionInto } from './field.js';
import type { Counts } from './counts.js';
import type { Issue } from './messages.js';
import type { Field } from './field.js';

/*
 * The operations a network is made of, and the cost of each: the output shape,
 * trainable parameters, BN running statistics (buffers), MACs, output elements
 * and what autograd keeps, for one image. Every walker of a network description
 * (walk.ts) evaluates ops with `walkOps`, so each fact about an op is written here
 * once.
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

/**
 * A marker in a network's counting program (describe.ts): `prefix` names the ops that
 * follow (`conv2.block0.`, for a refusal); `fork` starts a block's shortcut path from
 * the current tensor; `side` walks the shortcut path, `join` returns to the main path
 * (refusing two sides that differ) before the add; the steps between `repeat` and
 * `end-repeat` count `times` times.
 */
export interface ControlStep extends Keeps {
  readonly kind: 'prefix' | 'fork' | 'side' | 'join' | 'repeat' | 'end-repeat';
  readonly name: string;
  readonly times: number;
  /** fork: both paths read one tensor, and the main path's first op keeps it. */
  readonly keptBoth: boolean;
}

/** What walkOps walks: the ops of a list, or the ops and markers of a counting program. */
export type Step = Op | ControlStep;

/**
 * PyTorch's (and vdumoulin/conv_arithmetic's) output size for one spatial axis; max pool
 * (ceil_mode off) and the zero-pad shortcut's stride use it too. A division only where the
 * stride needs one: the walker calls this for every window op.
 */
export function convOutputSize(input: number, kernel: number, stride: number, padding: number, dilation = 1): number {
  const extent = input + 2 * padding - dilation * (kernel - 1) - 1;
  return stride === 1 ? extent + 1 : Math.floor(extent / stride) + 1;
}

/** The counts (counts.ts), written in place as a walk goes. */
type CountFields = { -readonly [K in keyof Counts]: number };

/**
 * What one op does to one image: its output `[c, h, w]` (h = w = 1 once pooled), its counts
 * (its saved bytes: what it newly keeps, given what the walk has kept already) and the
 * receptive field of one output unit.
 */
export interface OpResult extends CountFields {
  c: number;
  h: number;
  w: number;
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

const MAX = Number.MAX_SAFE_INTEGER;

/** Thrown when a count would pass MAX_SAFE_INTEGER (kept out of line: the hot path only compares). */
function overflow(what: string): never {
  throw new WrnError({ code: 'COUNT_OVERFLOW', what });
}

/**
 * The checks of a window op that the common path skips (it tests only that every term is
 * small and both sides are at least 1): a padding or dilation large enough to round, and
 * an output side below 1.
 */
function checkWindow(prefix: string, op: Op, input: Shape, sides: readonly [number, number], window: readonly number[]): void {
  const [c, h, w] = input as [number, number, number];
  const [kernel, stride, padding, dilation] = window as [number, number, number, number];
  if (dilation * (kernel - 1) > MAX) overflow('dilated kernel extent');
  if (2 * padding > MAX || Math.max(h, w) + 2 * padding > MAX) overflow('padded input size');
  if (sides[0] < 1 || sides[1] < 1) {
    throw new WrnError({ code: 'SPATIAL_COLLAPSE', layer: `${prefix}${op.name}`, input: [c, h, w], kernel, stride, padding, dilation });
  }
}

function notDivisible(prefix: string, op: ConvOp, c: number): WrnError {
  return new WrnError({
    code: 'CHANNELS_NOT_DIVISIBLE',
    layer: `${prefix}${op.name}`,
    inChannels: c,
    outChannels: op.outChannels,
    groups: op.groups,
  });
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

/** Receives each op as it is evaluated (the listing); `input` is the op's input shape. */
export type OpVisitor = (op: Op, name: string, input: Shape, result: OpResult) => void;

/**
 * A tensor flowing through a walk: `[c, h, w]`, flat once pooled; `saved` once an op
 * keeps it for backward; and the receptive field of one of its units.
 */
export interface Activation extends Field {
  c: number;
  h: number;
  w: number;
  flat: boolean;
  saved: boolean;
  /** Whether the walk follows the receptive field (totals alone do not need it). */
  follow: boolean;
}

export function inputActivation(c: number, h: number, w: number, follow = true): Activation {
  return { c, h, w, flat: false, saved: false, follow, rh: 1, rw: 1, jh: 1, jw: 1, sh: 0, sw: 0 };
}

/** Counts added up over ops (unchecked sums: tallyCounts checks them once). */
export interface Tally extends CountFields {
  /** Listing rows the ops make. */
  rows: number;
}

export function emptyTally(): Tally {
  return { params: 0, buffers: 0, macs: 0, activationElements: 0, savedBytesPerImage: 0, savedBytesFixed: 0, rows: 0 };
}

const FP32_BYTES = 4;
const INT64_BYTES = 8;
/** The shortcut path's receptive field, and the main path's while the shortcut is walked (walks never nest). */
const SIDE_FIELD = pixelField();
const MAIN_FIELD = pixelField();
/** What a listing's visitor receives, reused (the visitor copies what it keeps). */
const visited = emptyResult();

/**
 * Evaluates `ops` in sequence from `x` (updated in place), adding their counts to
 * `tally`: the one cost function of every op kind, written out in this loop over
 * locals (the totals counter runs a million networks a second; a call per op that
 * hands its result back through an object cost it half of that). For each op: the
 * output shape, trainable parameters, BN running statistics (buffers), MACs, output
 * elements, and what it newly keeps for backward. `prefix` + an op's name is its
 * full name, made only for an error or a listing row. Markers route a block's two
 * paths (its receptive field too, when followed or listed) and repeat counts; a
 * repeated stretch is walked once, so a program (describe.ts) is walked for totals only.
 */
export function walkOps(ops: readonly Step[], prefix: string, x: Activation, tally: Tally, visit?: OpVisitor): void {
  if (ops.length === 0) return;
  let { c, h, w, flat, saved } = x;
  const { follow } = x;
  const fields = follow || visit !== undefined;
  let mismatch: Issue | undefined;
  let params = 0;
  let buffers = 0;
  let macs = 0;
  let elements = 0;
  let perImage = 0;
  let fixed = 0;
  let rows = 0;
  // A counting program's state: the shortcut path's tensor, the main path's while the shortcut
  // is walked, and the sums where a repeat began.
  let sideC = 0;
  let sideH = 0;
  let sideW = 0;
  let sideSaved = false;
  let mainC = 0;
  let mainH = 0;
  let mainW = 0;
  let mainSaved = false;
  let times = 1;
  let [params0, buffers0, macs0, elements0, perImage0, fixed0, rows0] = [0, 0, 0, 0, 0, 0, 0];
  steps: for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as Step;
    let outC = c;
    let outH = h;
    let outW = w;
    let opParams = 0;
    let opBuffers = 0;
    let opMacs = 0;
    // Window ops (conv, max pool, zero-pad): kernel, stride, padding, dilation.
    let window = false;
    let kernel = 1;
    let stride = 1;
    let padding = 0;
    let dilation = 1;
    switch (op.kind) {
      case 'conv': {
        if (op.groups !== 1 && (c % op.groups !== 0 || op.outChannels % op.groups !== 0)) throw notDivisible(prefix, op, c);
        ({ kernel, stride, padding, dilation } = op);
        outC = op.outChannels;
        window = true;
        // Weight C_out·(C_in/groups)·kh·kw, plus C_out with a bias: checked below, after the window's own checks.
        const weights = outC * (op.groups === 1 ? c : c / op.groups) * kernel * kernel;
        opParams = op.bias ? weights + outC : weights;
        // torchvision/fvcore: one MAC per weight per output position; the bias add is not a MAC (set below, once the sides are known).
        opMacs = weights;
        break;
      }
      case 'bn':
        // 2 parameters (scale, shift) and 2 running statistics per channel.
        opParams = 2 * c;
        if (opParams > MAX) overflow('parameter count');
        opBuffers = opParams;
        break;
      case 'relu':
      case 'add':
        break;
      case 'max-pool':
        window = true;
        ({ kernel, stride, padding } = op);
        break;
      case 'avg-pool':
        outH = 1;
        outW = 1;
        break;
      case 'linear':
        outC = op.outFeatures;
        outH = 1;
        outW = 1;
        opMacs = c * outC;
        if (opMacs > MAX) overflow('MAC count');
        // Always with a bias, as every peer's classifier has.
        opParams = opMacs + outC;
        if (opParams > MAX) overflow('parameter count');
        break;
      case 'zero-pad':
        window = true;
        outC = op.outChannels;
        kernel = 1;
        stride = op.stride;
        break;
      case 'prefix':
        prefix = op.name;
        continue;
      case 'fork':
        sideC = c;
        sideH = h;
        sideW = w;
        sideSaved = saved || op.keptBoth;
        if (fields) copyField(SIDE_FIELD, x);
        continue;
      case 'side':
        mainC = c;
        mainH = h;
        mainW = w;
        mainSaved = saved;
        c = sideC;
        h = sideH;
        w = sideW;
        saved = sideSaved;
        if (fields) {
          copyField(MAIN_FIELD, x);
          copyField(x, SIDE_FIELD);
        }
        continue;
      case 'join':
        if (c !== mainC || h !== mainH || w !== mainW) {
          // Refused after the loop, once what was walked is written back (the block view shows it).
          mismatch = { code: 'RESIDUAL_MISMATCH', block: prefix.slice(0, -1), main: [mainC, mainH, mainW], shortcut: [c, h, w] };
          c = mainC;
          h = mainH;
          w = mainW;
          saved = mainSaved;
          if (fields) copyField(x, MAIN_FIELD);
          break steps;
        }
        c = mainC;
        h = mainH;
        w = mainW;
        saved = mainSaved;
        // The add's unit sees what either path's unit sees.
        if (fields) unionInto(x, MAIN_FIELD);
        continue;
      case 'repeat':
        times = op.times;
        [params0, buffers0, macs0, elements0, perImage0, fixed0, rows0] = [params, buffers, macs, elements, perImage, fixed, rows];
        continue;
      case 'end-repeat':
        // Unchecked products of non-negative integers, as the sums: tallyCounts checks them once.
        params = params0 + (params - params0) * times;
        buffers = buffers0 + (buffers - buffers0) * times;
        macs = macs0 + (macs - macs0) * times;
        elements = elements0 + (elements - elements0) * times;
        perImage = perImage0 + (perImage - perImage0) * times;
        fixed = fixed0 + (fixed - fixed0) * times;
        rows = rows0 + (rows - rows0) * times;
        continue;
    }
    if (window) {
      outH = convOutputSize(h, kernel, stride, padding, dilation);
      outW = convOutputSize(w, kernel, stride, padding, dilation);
      if (h + w + 2 * padding + dilation * kernel > 2 ** 52 || outH < 1 || outW < 1) {
        checkWindow(prefix, op, [c, h, w], [outH, outW], [kernel, stride, padding, dilation]);
      }
      // Each product checked once (see safe-int.ts): parameters (never fewer than the weights), then MACs.
      if (opParams > MAX) overflow('parameter count');
      opMacs *= outH * outW;
      if (opMacs > MAX) overflow('MAC count');
    }
    const outElements = outC * outH * outW;
    if (outElements > MAX) overflow('activation element count');
    // What the op newly keeps for backward: each tensor once, by the first op that keeps it.
    const keeps = op.keeps ?? keepsOf(op);
    const inputElements = flat ? c : c * h * w;
    let bytes = 0;
    if ((keeps & KEEPS.input) !== 0 && !saved) bytes += FP32_BYTES * inputElements;
    if ((keeps & KEEPS.output) !== 0) bytes += FP32_BYTES * outElements;
    if ((keeps & KEEPS.indices) !== 0) bytes += INT64_BYTES * outElements;
    if ((keeps & KEEPS.dropout) !== 0) bytes += 2 * FP32_BYTES * inputElements;
    const bytesFixed = (keeps & KEEPS.channelStats) !== 0 ? 2 * FP32_BYTES * c : 0;
    if (visit !== undefined) {
      const result = visited;
      result.c = outC;
      result.h = outH;
      result.w = outW;
      result.params = opParams;
      result.buffers = opBuffers;
      result.macs = opMacs;
      result.activationElements = outElements;
      result.savedBytesPerImage = bytes;
      result.savedBytesFixed = bytesFixed;
      // The listing shows the field after the op: worked out aside, then the walk moves on.
      copyField(result.field, x);
      fieldThrough(op, h, w, result.field);
      visit(op, `${prefix}${op.name}`, flat ? [c] : [c, h, w], result);
      copyField(x, result.field);
    } else if (follow) {
      fieldThrough(op, h, w, x);
    }
    // Sums of non-negative integers: checked once, in tallyCounts (a sum past the limit stays past it).
    params += opParams;
    buffers += opBuffers;
    macs += opMacs;
    elements += outElements;
    perImage += bytes;
    fixed += bytesFixed;
    rows += 1;
    c = outC;
    h = outH;
    w = outW;
    // Every op makes a new tensor; only one that keeps its own output has it kept.
    saved = (keeps & KEEPS.output) !== 0;
    if (isFlat(op)) flat = true;
  }
  x.c = c;
  x.h = h;
  x.w = w;
  x.flat = flat;
  x.saved = saved;
  tally.params += params;
  tally.buffers += buffers;
  tally.macs += macs;
  tally.activationElements += elements;
  tally.savedBytesPerImage += perImage;
  tally.savedBytesFixed += fixed;
  tally.rows += rows;
  if (mismatch !== undefined) throw new WrnError(mismatch);
}

/**
 * The cost of one op on a `[c, h, w]` input, written into `out` (its field: that of one
 * output unit of the op alone). The walk above with a single op; `prefix` + the op's
 * name is its full name, for an error.
 */
export function evaluateOp(op: Op, prefix: string, c: number, h: number, w: number, out: OpResult): void {
  walkOps([op], prefix, inputActivation(c, h, w), emptyTally(), (_op, _name, _input, result) => {
    const { field, ...counts } = result;
    Object.assign(out, counts);
    copyField(out.field, field);
  });
}
