import { WrnError } from './errors.js';
import type { DepthRuleName } from './messages.js';
import { checkedAdd, checkedMul } from './safe-int.js';

export type { DepthRuleName } from './messages.js';

export const DEPTH_RULES = ['layers', 'nominal', 'resnet'] as const satisfies readonly DepthRuleName[];

/**
 * How a network's depth label relates to its blocks:
 * - `layers` (the CIFAR WRN's default): WRN-n-k counts conv layers, d = 3·N·l + 4
 *   for three groups of N blocks of l convs;
 * - `nominal`: the WRN paper's Table 2 labels every block type as if it had two
 *   convs, d = 6·N + 4, whatever l is;
 * - `resnet` (He et al.): convs per block × all blocks + 2 (stem and classifier):
 *   6N + 2 for CIFAR B(3,3) (ResNet-20 … 1202), 9N + 2 for a CIFAR bottleneck
 *   (164, 1001), and torchvision's table for ImageNet.
 * Each rule is linear in the total number of blocks, so it is written as a step
 * per block and an offset.
 */
export interface DepthLaw {
  readonly rule: DepthRuleName;
  /** Depth added by one block. */
  readonly perBlock: number;
  /** Depth of a network with no blocks. */
  readonly offset: number;
  /** Convs per block, for messages. */
  readonly blockLength: number;
  readonly bottleneck: boolean;
}

export function depthLaw(rule: DepthRuleName, blockLength: number, bottleneck = false): DepthLaw {
  switch (rule) {
    case 'layers':
      return { rule, perBlock: blockLength, offset: 4, blockLength, bottleneck };
    case 'nominal':
      return { rule, perBlock: 2, offset: 4, blockLength, bottleneck };
    case 'resnet':
      return { rule, perBlock: blockLength, offset: 2, blockLength, bottleneck };
  }
}

/** The depth of a network with these blocks per group. */
export function depthOf(blocksPerGroup: readonly number[], law: DepthLaw): number {
  let blocks = 0;
  for (const n of blocksPerGroup) blocks = checkedAdd('depth', blocks, n);
  return checkedAdd('depth', checkedMul('depth', law.perBlock, blocks), law.offset);
}

/** The one N for every group that gives `depth`, or an error naming the nearest valid depths. */
export function blocksPerGroupFor(depth: number, blockLength: number, rule: DepthRuleName, groups = 3, bottleneck = false): number {
  const law = depthLaw(rule, blockLength, bottleneck);
  const step = groups * law.perBlock;
  const blocks = (depth - law.offset) / step;
  if (Number.isInteger(blocks) && blocks >= 1) return blocks;
  const first = law.offset + step;
  const below = law.offset + step * Math.floor((depth - law.offset) / step);
  const nearest = below >= first ? [below, below + step] : [first];
  throw new WrnError({ code: 'DEPTH_MISFIT', depth, blockLength, rule, nearest, ...(bottleneck ? { bottleneck } : {}) });
}

/**
 * torchvision's ImageNet ResNets (He et al. 2015, Table 1; depth 200 from He et
 * al. 2016): blocks per group of conv2…conv5, and the block they use.
 */
export const IMAGENET_DEPTHS = {
  18: { block: 'basic', blocksPerGroup: [2, 2, 2, 2] },
  34: { block: 'basic', blocksPerGroup: [3, 4, 6, 3] },
  50: { block: 'bottleneck', blocksPerGroup: [3, 4, 6, 3] },
  101: { block: 'bottleneck', blocksPerGroup: [3, 4, 23, 3] },
  152: { block: 'bottleneck', blocksPerGroup: [3, 8, 36, 3] },
  200: { block: 'bottleneck', blocksPerGroup: [3, 24, 36, 3] },
} as const satisfies Record<number, { block: 'basic' | 'bottleneck'; blocksPerGroup: readonly number[] }>;

export type ImagenetDepth = keyof typeof IMAGENET_DEPTHS;
export const IMAGENET_DEPTH_LIST = Object.keys(IMAGENET_DEPTHS).map(Number) as ImagenetDepth[];

export function isImagenetDepth(depth: number): depth is ImagenetDepth {
  return Object.hasOwn(IMAGENET_DEPTHS, depth);
}
