import { WrnError, requirePositiveInteger } from './errors.js';
import type { DepthRuleName } from './messages.js';

/*
 * The block-kind registry: everything about a kind of residual block in one entry
 * (its convs, where its stride sits, its expansion, its depth rule, how the paper
 * writes it). spec, describe, the block view, grid, fit and the renderers ask it;
 * nothing else tells block kinds apart.
 */

/** A basic block's kernel sizes B(k1, …, kl), or a bottleneck block (1×1, 3×3, 1×1; output 4× its base width). */
export type BlockType = readonly number[] | 'bottleneck';

/**
 * Where a bottleneck's stride sits: on its 3×3 conv (torchvision, "ResNet v1.5"), or on
 * its first 1×1 (He et al. 2015's original, Caffe). Parameters are the same; MACs differ.
 */
export const BOTTLENECK_STRIDES = ['3x3', '1x1'] as const;
export type BottleneckStride = (typeof BOTTLENECK_STRIDES)[number];

/** One conv of a block's main path. */
export interface ConvPlan {
  readonly kernel: number;
  readonly outChannels: number;
  /** Channel groups (ResNeXt's cardinality). */
  readonly groups: number;
}

/** A block's widths: its inner convs' and its output's. */
export interface BlockWidths {
  readonly inner: number;
  readonly out: number;
}

export interface BlockKind {
  readonly name: 'basic' | 'bottleneck';
  /** Its block when nothing more is said: B(3,3), or the bottleneck. */
  readonly defaultBlock: BlockType;
  /** The block as given, checked (a basic block's kernels: 1 to MAX_BLOCK_LENGTH positive sizes), as a copy. */
  check(block: BlockType): BlockType;
  /** Convs on the main path. */
  convCount(block: BlockType): number;
  /** The main path's convs; only a bottleneck's 3×3 is grouped. */
  convs(block: BlockType, widths: BlockWidths, groups: number): ConvPlan[];
  /** Index of the conv that carries the block's stride (a basic block's first). */
  strideAt(stride: BottleneckStride | undefined): number;
  /** Output width of a group of base width `base` whose inner convs have `inner` channels. */
  outWidth(base: number, inner: number): number;
  /**
   * Whether its inner convs have a width of their own (k, or G groups of W channels, widens
   * them only), so that it takes channel groups, a width per group and a stride position;
   * torchvision's BasicBlock has none of these.
   */
  readonly separateInnerWidth: boolean;
  /** The depth rule a network of this block follows unless told (the CIFAR WRN's `layers` for basic blocks). */
  defaultDepthRule(family: 'cifar' | 'imagenet'): DepthRuleName;
  /** Whether the WRN paper's `layers` and `nominal` rules, written for basic blocks, apply. */
  readonly wrnDepthRules: boolean;
  /** Its key in torchvision's ImageNet depth table: B(3,3) networks are `basic`; other basic blocks have no depth there. */
  imagenetKind(block: BlockType): 'basic' | 'bottleneck' | 'other';
  /** The paper's name: B(3,3), B(3,1,3), bottleneck. */
  label(block: BlockType): string;
  /**
   * A lone block's widths (the block view): its output `outChannels` (a basic block's
   * default in-channels × k; a bottleneck's its input's), its inner convs' from k; `k` is
   * undefined when the width was given outright.
   */
  viewWidths(inChannels: number, outChannels: number | undefined, k: number): BlockWidths & { readonly k: number | undefined };
  /** Where a lone block's width came from: `16 × k 4`, `inner 256 / 4 × k 2`. */
  widthRule(inChannels: number, outChannels: number, k: number): string;
  /**
   * The other reading of "widen by k" (the article this tool started from): only the inner
   * convs widen, c → k·c → c, each conv's width; undefined where it means nothing (one conv;
   * a bottleneck, whose inner convs are the only ones k widens already).
   */
  innerOnlyWidths(block: BlockType, inChannels: number, k: number): number[] | undefined;
}

/** Longer blocks than this are refused; the paper goes up to l = 4. */
export const MAX_BLOCK_LENGTH = 64;

/** A bottleneck's output has this many times its group's base width. */
export const BOTTLENECK_EXPANSION = 4;

const kernelsOf = (block: BlockType): readonly number[] => (block === 'bottleneck' ? [1, 3, 1] : block);

/** B(k1, …, kl): every conv at the block's width, base·k (the WRN paper). */
export const BASIC: BlockKind = {
  name: 'basic',
  defaultBlock: [3, 3],
  check(block) {
    const kernels = kernelsOf(block);
    if (kernels.length < 1 || kernels.length > MAX_BLOCK_LENGTH) {
      throw new WrnError({
        code: 'NOT_IN_RANGE',
        what: 'Block length (convs per block)',
        value: kernels.length,
        min: 1,
        max: MAX_BLOCK_LENGTH,
      });
    }
    kernels.forEach((kernel) => requirePositiveInteger('Kernel size', kernel));
    return [...kernels];
  },
  convCount: (block) => kernelsOf(block).length,
  convs: (block, widths) => kernelsOf(block).map((kernel) => ({ kernel, outChannels: widths.out, groups: 1 })),
  strideAt: () => 0,
  outWidth: (_base, inner) => inner,
  separateInnerWidth: false,
  defaultDepthRule: (family) => (family === 'cifar' ? 'layers' : 'resnet'),
  wrnDepthRules: true,
  imagenetKind: (block) => (kernelsOf(block).length === 2 ? 'basic' : 'other'),
  label: (block) => `B(${kernelsOf(block).join(',')})`,
  viewWidths(inChannels, outChannels, k) {
    const out =
      outChannels === undefined
        ? requirePositiveInteger(`Block width (input channels ${inChannels} × k ${k})`, inChannels * k)
        : requirePositiveInteger('Output channels', outChannels);
    return { inner: out, out, k: outChannels === undefined ? k : undefined };
  },
  widthRule: (inChannels, _outChannels, k) => `${inChannels} × k ${k}`,
  innerOnlyWidths(block, inChannels, k) {
    const kernels = kernelsOf(block);
    return kernels.length < 2 ? undefined : kernels.map((_, i) => (i === kernels.length - 1 ? inChannels : inChannels * k));
  },
};

/**
 * 1×1 → 3×3 → 1×1 (He et al. 2015): inner convs at the inner width, output at 4× the
 * base width, so k (or torchvision's width per group) widens the inner convs only; the
 * 3×3 is grouped G ways in a ResNeXt.
 */
export const BOTTLENECK: BlockKind = {
  name: 'bottleneck',
  defaultBlock: 'bottleneck',
  check: (block) => block,
  convCount: () => 3,
  convs: (_block, widths, groups) => [
    { kernel: 1, outChannels: widths.inner, groups: 1 },
    { kernel: 3, outChannels: widths.inner, groups },
    { kernel: 1, outChannels: widths.out, groups: 1 },
  ],
  strideAt: (stride) => (stride === '1x1' ? 0 : 1),
  outWidth: (base) => BOTTLENECK_EXPANSION * base,
  separateInnerWidth: true,
  defaultDepthRule: () => 'resnet',
  wrnDepthRules: false,
  imagenetKind: () => 'bottleneck',
  label: () => 'bottleneck',
  viewWidths(inChannels, outChannels, k) {
    const out = requirePositiveInteger('Output channels', outChannels ?? inChannels);
    const inner = requirePositiveInteger(
      `Inner width (output ${out} / ${BOTTLENECK_EXPANSION} × k ${k})`,
      (out / BOTTLENECK_EXPANSION) * k,
    );
    return { inner, out, k };
  },
  widthRule: (_inChannels, outChannels, k) => `inner ${outChannels} / ${BOTTLENECK_EXPANSION} × k ${k}`,
  innerOnlyWidths: () => undefined,
};

export const BLOCK_KINDS = { basic: BASIC, bottleneck: BOTTLENECK } as const;
export type BlockKindName = keyof typeof BLOCK_KINDS;

/** The kind of a block type: the one place that reads `'bottleneck'`. */
export function blockKind(block: BlockType): BlockKind {
  return block === 'bottleneck' ? BOTTLENECK : BASIC;
}
