import type { BlockType, BottleneckStride } from './blocks.js';
import type { DatasetName } from './datasets.js';
import type { DepthRuleName } from './depth.js';
import type { FamilyName, Order, Shortcut } from './families.js';

/** What a caller may say about a network. Everything has a default but depth (or N) and k, which a model name can give. */
export interface NetworkOptions {
  /** A preset name (`resnet50`, `wide_resnet50_2`, `resnext50_32x4d`, `resnet110`, …) or `WRN-d-k`; the other options override it. */
  readonly model?: string;
  readonly family?: FamilyName;
  /** Give depth, blocks per group, or both when they agree. */
  readonly depth?: number;
  /** One N for every group, or one per group. */
  readonly blocksPerGroup?: number | readonly number[];
  /** Widening factor; may be fractional when every width is whole (k = 1.5 → 24, 48, 96). */
  readonly k?: number;
  /** Kernel sizes of B(k1, ..., kl), or `bottleneck`; default B(3,3) on CIFAR, torchvision's block on ImageNet. */
  readonly block?: BlockType;
  /** A bottleneck's channel groups (torchvision's `groups`, ResNeXt's cardinality); default 1. */
  readonly groups?: number;
  /** A bottleneck's width per group (torchvision's `width_per_group`): another spelling of k, W·G = 64·k. */
  readonly widthPerGroup?: number;
  /** Where a bottleneck strides; default the 3×3 (the 1×1 in CIFAR pre order, as He et al. 2016's code). */
  readonly bottleneckStride?: BottleneckStride;
  readonly order?: Order;
  readonly shortcut?: Shortcut;
  readonly depthRule?: DepthRuleName;
  /** The input and classes preset; default the family's (CIFAR-10 or ImageNet). */
  readonly dataset?: DatasetName;
  /** `[channels, height, width]`; overrides the dataset's. */
  readonly input?: readonly [number, number, number];
  readonly classes?: number;
  readonly convBias?: boolean;
  readonly dropout?: number;
}
