import { describeNetwork } from './describe.js';
import type { NetworkSpec } from './spec.js';
import { walkNetwork } from './walk.js';

/*
 * Batch norm in training mode normalises each channel over the batch and the map:
 * batch × H × W values. PyTorch refuses a step where a BN layer would see only one
 * (F.batch_norm: "Expected more than 1 value per channel when training"), which
 * happens at batch 1 when a BN layer's input is a 1×1 map.
 */

/** The fewest values per channel any BN layer of the network normalises for one image: the smallest H·W of a BN's input. */
export function smallestBatchNormMap(spec: NetworkSpec): number | undefined {
  let smallest: number | undefined;
  // The one walk: a group's repeated block is walked once, for all of its N − 1 blocks, which see the same shapes.
  walkNetwork(describeNetwork(spec), {
    op: ({ op, input }) => {
      if (op.kind === 'bn') smallest = Math.min(smallest ?? Infinity, input.flat ? 1 : input.h * input.w);
    },
  });
  return smallest;
}

/** The smallest batch PyTorch trains the network at: 1, or 2 when some BN layer sees a 1×1 map. */
export function smallestTrainableBatch(spec: NetworkSpec): number {
  const smallest = smallestBatchNormMap(spec);
  return smallest === undefined || smallest >= 2 ? 1 : 2;
}
