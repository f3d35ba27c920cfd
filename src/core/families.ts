import type { BlockType, BottleneckStride } from './blocks.js';
import type { DatasetName } from './datasets.js';

export const FAMILY_NAMES = ['cifar', 'imagenet'] as const;
export type FamilyName = (typeof FAMILY_NAMES)[number];

/** `pre`: He et al. 2016 (BN-ReLU before each conv; the official WRN). `post`: He et al. 2015 (conv-BN-ReLU; torchvision). */
export const ORDERS = ['pre', 'post'] as const;
export type Order = (typeof ORDERS)[number];

/** `projection`: a 1×1 conv where channels or stride change. `zero-pad`: He et al. 2015 option A, no parameters. */
export const SHORTCUTS = ['projection', 'zero-pad'] as const;
export type Shortcut = (typeof SHORTCUTS)[number];

/**
 * How a block opens in pre order: `both-paths`, a BN-ReLU whose output both the main path
 * and a projection shortcut read (He et al. 2016's CIFAR code, the official WRN);
 * `main-path`, a BN-ReLU at the head of the main path only, the shortcut reading the raw
 * block input (fb.resnet.torch's preresnet.lua); `none` (post order).
 */
export type BlockOpening = 'none' | 'both-paths' | 'main-path';

/** What an order means in a family: where BN-ReLU sits around the blocks, and its shortcut and stride conventions. */
export interface OrderConventions {
  /** BN-ReLU after the stem's conv. */
  readonly stemActivation: boolean;
  /** BN-ReLU before the head's pool (pre order: the last add's output is not yet activated). */
  readonly headActivation: boolean;
  readonly opening: BlockOpening;
  /** Whether the first group's blocks open too (preresnet.lua builds them with type 'first': they do not). */
  readonly firstGroupOpens: boolean;
  /** A BN after a projection shortcut's 1×1 conv. */
  readonly projectionNorm: boolean;
  /** Where a bottleneck's stride sits unless told. */
  readonly bottleneckStride: BottleneckStride;
}

interface Window {
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
}

export interface FamilyDefinition {
  readonly stem: Window & { readonly channels: number };
  readonly maxPool: Window | undefined;
  readonly bases: readonly number[];
  readonly strides: readonly number[];
  /** The block when none is given and the depth table (if any) does not say. */
  readonly block: BlockType;
  /** Whether depths come from torchvision's table (each names its blocks per group and block) rather than a depth rule. */
  readonly depthTable: boolean;
  readonly dataset: DatasetName;
  readonly order: Order;
  readonly conventions: Readonly<Record<Order, OrderConventions>>;
  readonly defaults: { readonly depth: number; readonly k: number };
}

/** He et al. 2015 and torchvision: conv → BN → ReLU, projection conv + BN on the raw input, a bottleneck strided on its 3×3. */
const POST: OrderConventions = {
  stemActivation: true,
  headActivation: false,
  opening: 'none',
  firstGroupOpens: false,
  projectionNorm: true,
  bottleneckStride: '3x3',
};

/**
 * The two families of the ResNet papers: a stem that is never widened, groups of
 * blocks (base widths and strides; the first block of a group carries its stride),
 * and a head, with each order's conventions.
 */
export const FAMILIES = {
  cifar: {
    stem: { channels: 16, kernel: 3, stride: 1, padding: 1 },
    maxPool: undefined,
    bases: [16, 32, 64],
    strides: [1, 2, 2],
    block: [3, 3],
    depthTable: false,
    dataset: 'cifar10',
    order: 'pre',
    conventions: {
      // He et al. 2016's CIFAR code (the official WRN, resnet-1k-layers): a bare stem conv, every
      // block pre-activated, a bare 1×1 projection on the activated input, a bottleneck strided on its first 1×1.
      pre: {
        stemActivation: false,
        headActivation: true,
        opening: 'both-paths',
        firstGroupOpens: true,
        projectionNorm: false,
        bottleneckStride: '1x1',
      },
      post: POST,
    },
    /** The summary's network when nothing else is said: the paper's headline WRN-28-10. */
    defaults: { depth: 28, k: 10 },
  },
  imagenet: {
    stem: { channels: 64, kernel: 7, stride: 2, padding: 3 },
    maxPool: { kernel: 3, stride: 2, padding: 1 },
    bases: [64, 128, 256, 512],
    strides: [1, 2, 2, 2],
    block: 'bottleneck',
    depthTable: true,
    dataset: 'imagenet',
    order: 'post',
    conventions: {
      // fb.resnet.torch's models/preresnet.lua, the code of He et al. 2016's ImageNet ResNet-200.
      pre: {
        stemActivation: true,
        headActivation: true,
        opening: 'main-path',
        firstGroupOpens: false,
        projectionNorm: true,
        bottleneckStride: '3x3',
      },
      post: POST,
    },
    /** torchvision's default ResNet, resnet50. */
    defaults: { depth: 50, k: 1 },
  },
} as const satisfies Record<FamilyName, FamilyDefinition>;

/** How much the stem shrinks the image: its conv's stride times its max pool's. */
export function stemStride(family: FamilyName): number {
  const definition: FamilyDefinition = FAMILIES[family];
  return definition.stem.stride * (definition.maxPool?.stride ?? 1);
}
