import { describeNetwork } from './describe.js';
import { emptyTally, inputActivation, walkOps } from './ops.js';
import type { OpVisitor } from './ops.js';
import type { NetworkSpec } from './spec.js';
import { walkBlock } from './walk.js';

/*
 * Batch norm in training mode normalises each channel over the batch and the map:
 * batch × H × W values. PyTorch refuses a step where a BN layer would see only one
 * (F.batch_norm: "Expected more than 1 value per channel when training"), which
 * happens at batch 1 when a BN layer's input is a 1×1 map.
 */

/** The fewest values per channel any BN layer of the network normalises for one image: the smallest H·W of a BN's input. */
export function smallestBatchNormMap(spec: NetworkSpec): number | undefined {
  const description = describeNetwork(spec);
  const [c, h, w] = spec.input;
  const x = inputActivation(c, h, w, false);
  const tally = emptyTally();
  let smallest: number | undefined;
  const visit: OpVisitor = (op, _name, input) => {
    if (op.kind !== 'bn') return;
    const [, height = 1, width = 1] = input;
    smallest = Math.min(smallest ?? Infinity, height * width);
  };
  walkOps(description.stem, 'conv1.', x, tally, visit);
  // A group's repeated blocks all see the shape the first one leaves: one of them stands for the N − 1.
  for (const group of description.groups) {
    walkBlock(group.first, group.prefixes[0], x, tally, visit);
    if (group.blocks > 1) walkBlock(group.repeated, group.prefixes[1], x, tally, visit);
  }
  walkOps(description.head, 'head.', x, tally, visit);
  return smallest;
}

/** The smallest batch PyTorch trains the network at: 1, or 2 when some BN layer sees a 1×1 map. */
export function smallestTrainableBatch(spec: NetworkSpec): number {
  const smallest = smallestBatchNormMap(spec);
  return smallest === undefined || smallest >= 2 ? 1 : 2;
}
