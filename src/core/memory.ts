import type { Counts } from './counts.js';
import { WrnError } from './errors.js';
import { checkedAdd, checkedMul } from './safe-int.js';

/** Bytes per element of the dtypes people budget for. */
export const DTYPE_BYTES = { fp32: 4, fp16: 2, bf16: 2 } as const;
export type Dtype = keyof typeof DTYPE_BYTES;
export const DTYPES = Object.keys(DTYPE_BYTES) as Dtype[];

/** The counts plus what follows from them: FLOPs (2 per MAC) and memory at fp32/fp16. */
export interface Totals extends Counts {
  readonly flops: number;
  readonly paramBytesFp32: number;
  readonly paramBytesFp16: number;
  readonly activationBytesFp32: number;
  readonly activationBytesFp16: number;
}

export function bytesFor(elements: number, dtype: Dtype): number {
  return checkedMul('byte count', elements, DTYPE_BYTES[dtype]);
}

export function deriveTotals(counts: Counts): Totals {
  return {
    params: counts.params,
    buffers: counts.buffers,
    macs: counts.macs,
    // One multiply and one add per MAC, the convention torchvision's and fvcore's MACs imply.
    flops: checkedMul('FLOP count', counts.macs, 2),
    activationElements: counts.activationElements,
    paramBytesFp32: bytesFor(counts.params, 'fp32'),
    paramBytesFp16: bytesFor(counts.params, 'fp16'),
    activationBytesFp32: bytesFor(counts.activationElements, 'fp32'),
    activationBytesFp16: bytesFor(counts.activationElements, 'fp16'),
    savedBytesPerImage: counts.savedBytesPerImage,
    savedBytesFixed: counts.savedBytesFixed,
  };
}

/** Optimizer state per parameter: SGD keeps none, momentum a velocity, Adam two moments. */
export const OPTIMIZER_STATES = { none: 0, sgd: 0, momentum: 1, adam: 2 } as const;
export type OptimizerName = keyof typeof OPTIMIZER_STATES;
export const OPTIMIZERS = Object.keys(OPTIMIZER_STATES) as OptimizerName[];

/** The training step when none is described: one image, and momentum (the WRN paper trains with SGD and Nesterov momentum). */
export const TRAINING_DEFAULTS = { batch: 1, optimizer: 'momentum' } as const satisfies { batch: number; optimizer: OptimizerName };

export interface TrainingOptions {
  /** Images per step; default 1. */
  readonly batch?: number;
  /** Default `momentum`: the WRN paper trains with SGD and Nesterov momentum. */
  readonly optimizer?: OptimizerName;
  /** A memory to fit: `maxBatch` is the largest batch whose total fits it. */
  readonly memoryBytes?: number;
}

/**
 * The tensor memory of one fp32 training step at the end of the forward pass, the
 * floor a step needs: what autograd keeps for backward, the weights, their
 * gradients, the optimizer's state, BN's running statistics and the logits. Not
 * counted: the CUDA context, cuDNN workspaces, the allocator's rounding and cache,
 * and activation gradients that live briefly during backward.
 */
export interface TrainingMemory {
  readonly batch: number;
  readonly optimizer: OptimizerName;
  readonly precision: 'fp32';
  readonly savedActivationBytes: number;
  readonly weightBytes: number;
  readonly gradientBytes: number;
  readonly optimizerBytes: number;
  readonly bufferBytes: number;
  readonly outputBytes: number;
  readonly totalBytes: number;
  /** The memory asked about, if any. */
  readonly memoryBytes: number | null;
  /** The largest batch whose totalBytes fits memoryBytes (0: not even one image); null without a memory. */
  readonly maxBatch: number | null;
}

const FP32_BYTES = DTYPE_BYTES.fp32;

/** The parts of a step that grow with the batch (per image) and those that do not. */
function stepParts(totals: Totals, classes: number, optimizer: OptimizerName) {
  const weightBytes = checkedMul('byte count', totals.params, FP32_BYTES);
  const perImage = checkedAdd('byte count', totals.savedBytesPerImage, checkedMul('byte count', classes, FP32_BYTES));
  const optimizerBytes = checkedMul('byte count', weightBytes, OPTIMIZER_STATES[optimizer]);
  const bufferBytes = checkedMul('byte count', totals.buffers, FP32_BYTES);
  const fixed = [weightBytes, weightBytes, optimizerBytes, bufferBytes].reduce(
    (sum, part) => checkedAdd('byte count', sum, part),
    totals.savedBytesFixed,
  );
  return { weightBytes, optimizerBytes, bufferBytes, perImage, fixed };
}

export function trainingMemory(totals: Totals, classes: number, options: TrainingOptions = {}): TrainingMemory {
  const batch = options.batch ?? TRAINING_DEFAULTS.batch;
  if (!Number.isSafeInteger(batch) || batch < 1) throw new WrnError({ code: 'NOT_POSITIVE_INTEGER', what: 'Batch size', value: batch });
  const optimizer = options.optimizer ?? TRAINING_DEFAULTS.optimizer;
  const parts = stepParts(totals, classes, optimizer);
  const savedActivationBytes = checkedAdd('byte count', checkedMul('byte count', totals.savedBytesPerImage, batch), totals.savedBytesFixed);
  const outputBytes = checkedMul('byte count', classes, FP32_BYTES, batch);
  const memory = options.memoryBytes;
  let maxBatch: number | null = null;
  if (memory !== undefined) {
    maxBatch = memory < parts.fixed ? 0 : Math.floor((memory - parts.fixed) / parts.perImage);
  }
  return {
    batch,
    optimizer,
    precision: 'fp32',
    savedActivationBytes,
    weightBytes: parts.weightBytes,
    gradientBytes: parts.weightBytes,
    optimizerBytes: parts.optimizerBytes,
    bufferBytes: parts.bufferBytes,
    outputBytes,
    totalBytes: checkedAdd('byte count', checkedMul('byte count', parts.perImage, batch), parts.fixed),
    memoryBytes: memory ?? null,
    maxBatch,
  };
}
