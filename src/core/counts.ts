import { checkedAdd } from './safe-int.js';

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

/** Counts being added up over ops, and the listing rows they make: unchecked sums, checked once by `checkedCounts`. */
export type Tally = { -readonly [K in keyof Counts]: number } & { layers: number };

export function emptyTally(): Tally {
  return { params: 0, buffers: 0, macs: 0, activationElements: 0, savedBytesPerImage: 0, savedBytesFixed: 0, layers: 0 };
}

/**
 * `total += part × times`. Unchecked products and sums of non-negative integers: a result
 * past MAX_SAFE_INTEGER stays past it as a double, so checking the final sums is enough.
 */
export function addTally(total: Tally, part: Readonly<Tally>, times = 1): void {
  total.params += part.params * times;
  total.buffers += part.buffers * times;
  total.macs += part.macs * times;
  total.activationElements += part.activationElements * times;
  total.savedBytesPerImage += part.savedBytesPerImage * times;
  total.savedBytesFixed += part.savedBytesFixed * times;
  total.layers += part.layers * times;
}

/** The tally's counts, each refused (naming it) when past MAX_SAFE_INTEGER. */
export function checkedCounts(tally: Readonly<Tally>): Counts {
  return {
    params: checkedAdd('parameter count', tally.params, 0),
    buffers: checkedAdd('buffer count', tally.buffers, 0),
    macs: checkedAdd('MAC count', tally.macs, 0),
    activationElements: checkedAdd('activation element count', tally.activationElements, 0),
    savedBytesPerImage: checkedAdd('saved byte count', tally.savedBytesPerImage, 0),
    savedBytesFixed: checkedAdd('saved byte count', tally.savedBytesFixed, 0),
  };
}

/** The listing rows a tally stands for, refused past MAX_SAFE_INTEGER. */
export function checkedLayers(tally: Readonly<Tally>): number {
  return checkedAdd('layer count', tally.layers, 0);
}

/** Just the counts of a larger object (a row, a group). */
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

/** The sum of several counts, each sum refused (naming it) when past MAX_SAFE_INTEGER. */
export function sumCounts(items: readonly Counts[]): Counts {
  const total = emptyTally();
  let result: Counts = checkedCounts(total);
  for (const item of items) {
    result = {
      params: checkedAdd('parameter count', result.params, item.params),
      buffers: checkedAdd('buffer count', result.buffers, item.buffers),
      macs: checkedAdd('MAC count', result.macs, item.macs),
      activationElements: checkedAdd('activation element count', result.activationElements, item.activationElements),
      savedBytesPerImage: checkedAdd('saved byte count', result.savedBytesPerImage, item.savedBytesPerImage),
      savedBytesFixed: checkedAdd('saved byte count', result.savedBytesFixed, item.savedBytesFixed),
    };
  }
  return result;
}
