import { checkedAdd, checkedMul } from './safe-int.js';

/** What the tool counts for a layer, a block, a group or a whole network. */
export interface Counts {
  /** Trainable parameters, as PyTorch's `sum(p.numel() for p in model.parameters())`. */
  readonly params: number;
  /** BN running mean and variance; `num_batches_tracked` is not counted. */
  readonly buffers: number;
  /** Multiply-accumulates of conv and linear layers for one image (torchvision/fvcore convention). */
  readonly macs: number;
  /** Elements of every listed layer's output for one image. */
  readonly activationElements: number;
  /** Bytes autograd keeps for backward per image (each tensor once), training mode, fp32. */
  readonly savedBytesPerImage: number;
  /** Bytes it keeps whatever the batch: batch norm's saved mean and inverse std, 2 fp32 per channel. */
  readonly savedBytesFixed: number;
}

export const ZERO_COUNTS: Counts = { params: 0, buffers: 0, macs: 0, activationElements: 0, savedBytesPerImage: 0, savedBytesFixed: 0 };

const COUNT_NAMES: Record<keyof Counts, string> = {
  params: 'parameter count',
  buffers: 'buffer count',
  macs: 'MAC count',
  activationElements: 'activation element count',
  savedBytesPerImage: 'saved byte count',
  savedBytesFixed: 'saved byte count',
};

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    params: checkedAdd(COUNT_NAMES.params, a.params, b.params),
    buffers: checkedAdd(COUNT_NAMES.buffers, a.buffers, b.buffers),
    macs: checkedAdd(COUNT_NAMES.macs, a.macs, b.macs),
    activationElements: checkedAdd(COUNT_NAMES.activationElements, a.activationElements, b.activationElements),
    savedBytesPerImage: checkedAdd(COUNT_NAMES.savedBytesPerImage, a.savedBytesPerImage, b.savedBytesPerImage),
    savedBytesFixed: checkedAdd(COUNT_NAMES.savedBytesFixed, a.savedBytesFixed, b.savedBytesFixed),
  };
}

export function scaleCounts(counts: Counts, times: number): Counts {
  return {
    params: checkedMul(COUNT_NAMES.params, counts.params, times),
    buffers: checkedMul(COUNT_NAMES.buffers, counts.buffers, times),
    macs: checkedMul(COUNT_NAMES.macs, counts.macs, times),
    activationElements: checkedMul(COUNT_NAMES.activationElements, counts.activationElements, times),
    savedBytesPerImage: checkedMul(COUNT_NAMES.savedBytesPerImage, counts.savedBytesPerImage, times),
    savedBytesFixed: checkedMul(COUNT_NAMES.savedBytesFixed, counts.savedBytesFixed, times),
  };
}

export function sumCounts(items: readonly Counts[]): Counts {
  return items.reduce<Counts>(addCounts, ZERO_COUNTS);
}

export function pickCounts(counts: Counts): Counts {
  return {
    params: counts.params,
    buffers: counts.buffers,
    macs: counts.macs,
    activationElements: counts.activationElements,
    savedBytesPerImage: counts.savedBytesPerImage,
    savedBytesFixed: counts.savedBytesFixed,
  };
}
