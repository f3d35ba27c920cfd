import { checkedAdd, checkedMul } from './safe-int.js';

/** What the tool counts for a layer, a block, a group or a whole network (DESIGN §3). */
export interface Counts {
  /** Trainable parameters, as PyTorch's `sum(p.numel() for p in model.parameters())`. */
  readonly params: number;
  /** BN running mean and variance; `num_batches_tracked` is not counted. */
  readonly buffers: number;
  /** Multiply-accumulates of conv and linear layers for one image (torchvision/fvcore convention). */
  readonly macs: number;
  /** Elements of every listed layer's output for one image. */
  readonly activationElements: number;
}

export const ZERO_COUNTS: Counts = { params: 0, buffers: 0, macs: 0, activationElements: 0 };

const COUNT_KEYS = ['params', 'buffers', 'macs', 'activationElements'] as const;

const COUNT_NAMES: Record<keyof Counts, string> = {
  params: 'parameter count',
  buffers: 'buffer count',
  macs: 'MAC count',
  activationElements: 'activation element count',
};

export function addCounts(a: Counts, b: Counts): Counts {
  // Stryker disable next-line ObjectLiteral: equivalent, the loop assigns every key in the same order.
  const sum = { ...ZERO_COUNTS };
  for (const key of COUNT_KEYS) sum[key] = checkedAdd(COUNT_NAMES[key], a[key], b[key]);
  return sum;
}

export function scaleCounts(counts: Counts, times: number): Counts {
  // Stryker disable next-line ObjectLiteral: equivalent, the loop assigns every key in the same order.
  const scaled = { ...ZERO_COUNTS };
  for (const key of COUNT_KEYS) scaled[key] = checkedMul(COUNT_NAMES[key], counts[key], times);
  return scaled;
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
  };
}
