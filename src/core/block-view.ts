import { blockKind } from './blocks.js';
import type { BlockType, BottleneckStride } from './blocks.js';
import { checkedCounts, emptyTally, pickCounts } from './counts.js';
import type { Counts } from './counts.js';
import { blockDescription, paddingFor } from './describe.js';
import type { Padding } from './describe.js';
import { WrnError, isWrnError } from './errors.js';
import { FAMILIES } from './families.js';
import type { Order, Shortcut } from './families.js';
import { listingVisitor } from './layers.js';
import type { LayerRow } from './layers.js';
import { deriveTotals } from './memory.js';
import type { Totals } from './memory.js';
import { requirePositiveInteger } from './errors.js';
import { checkBlock } from './spec.js';
import { shapeOf } from './tensor.js';
import type { Shape, Tensor } from './tensor.js';
import { inputTensor, walkBlock } from './walk.js';

/**
 * One block on its own, as the article this tool started from explains widening:
 * any input, any padding (0 included), so a residual add whose sides differ is
 * shown rather than refused.
 */
export interface BlockViewOptions {
  /** Channels of the block's input; default 16 (what the CIFAR stem hands conv2). */
  readonly inChannels?: number;
  /**
   * Widening factor, default 1. A basic block's width is inChannels × k; a
   * bottleneck's output is its input's (or `outChannels`) and k widens its inner
   * convs from a quarter of that, as torchvision's wide ResNets do.
   */
  readonly k?: number;
  readonly outChannels?: number;
  /** One output width per conv, instead of k or outChannels (the article's c → 2c → c reading). */
  readonly widths?: readonly number[];
  /** Kernel sizes of B(k1, ..., kl), or `bottleneck`; default B(3,3). */
  readonly kernels?: BlockType;
  /** A bottleneck's channel groups (its 3×3 is grouped); default 1. */
  readonly groups?: number;
  /** Where a bottleneck strides; default CIFAR's convention for the order (pre: the first 1×1, post: the 3×3). */
  readonly bottleneckStride?: BottleneckStride;
  readonly order?: Order;
  readonly shortcut?: Shortcut;
  /** On the first conv (a post-order bottleneck's 3×3) and the shortcut; default 1. */
  readonly stride?: number;
  /** Default `same` (⌊k/2⌋ at dilation 1, the official WRN's padding). */
  readonly padding?: Padding;
  readonly dilation?: number;
  /** `[height, width]` of the input; default CIFAR's 32×32. */
  readonly input?: readonly [number, number];
  readonly convBias?: boolean;
  readonly dropout?: number;
}

/** The options with every default filled in and checked. */
export interface BlockViewSpec {
  readonly inChannels: number;
  /** The factor the width came from; undefined when `outChannels` or `widths` set it. */
  readonly k: number | undefined;
  readonly outChannels: number;
  /** Output width of each conv. */
  readonly widths: readonly number[];
  readonly kernels: BlockType;
  /** A bottleneck's channel groups and stride position; undefined for a basic block. */
  readonly groups: number | undefined;
  readonly bottleneckStride: BottleneckStride | undefined;
  readonly order: Order;
  readonly shortcut: Shortcut;
  readonly stride: number;
  readonly padding: Padding;
  readonly dilation: number;
  readonly input: readonly [number, number, number];
  readonly convBias: boolean;
  readonly dropout: number;
}

export interface Residual {
  readonly ok: boolean;
  readonly shortcut: 'identity' | 'projection' | 'zero-pad';
  readonly main: Shape;
  readonly shortcutShape: Shape;
}

export interface BlockView extends Counts {
  readonly spec: BlockViewSpec;
  readonly layers: readonly LayerRow[];
  readonly output: Shape;
  readonly residual: Residual;
  readonly totals: Totals;
}

export const BLOCK_VIEW_DEFAULTS = {
  inChannels: FAMILIES.cifar.stem.channels,
  k: 1,
  kernels: [3, 3],
  stride: 1,
  padding: 'same',
  dilation: 1,
  input: [32, 32],
} as const;

/** Each conv's output width, and the k it came from (undefined when given outright). */
function resolveWidths(options: BlockViewOptions, inChannels: number, kernels: BlockType): { widths: number[]; k: number | undefined } {
  const kind = blockKind(kernels);
  const convs = kind.convCount(kernels);
  if (options.widths !== undefined) {
    if (options.widths.length !== convs) throw new WrnError({ code: 'WIDTHS_LENGTH', given: options.widths.length, convs });
    return { widths: options.widths.map((w) => requirePositiveInteger('Width', w)), k: undefined };
  }
  const { k, ...widths } = kind.viewWidths(inChannels, options.outChannels, options.k ?? BLOCK_VIEW_DEFAULTS.k);
  return { widths: kind.convs(kernels, widths, 1).map((conv) => conv.outChannels), k };
}

/** A bottleneck's groups and stride position (CIFAR's convention for the order unless told); a basic block takes neither. */
function resolveBottleneck(
  options: BlockViewOptions,
  kernels: BlockType,
  order: Order,
): { groups: number | undefined; bottleneckStride: BottleneckStride | undefined } {
  if (blockKind(kernels).separateInnerWidth) {
    return {
      groups: requirePositiveInteger('Groups', options.groups ?? 1),
      bottleneckStride: options.bottleneckStride ?? FAMILIES.cifar.conventions[order].bottleneckStride,
    };
  }
  if (options.groups !== undefined && options.groups !== 1)
    throw new WrnError({ code: 'NOT_FOR_BASIC_BLOCKS', option: 'groups', value: options.groups });
  if (options.bottleneckStride !== undefined)
    throw new WrnError({ code: 'NOT_FOR_BASIC_BLOCKS', option: 'bottleneckStride', value: options.bottleneckStride });
  return { groups: undefined, bottleneckStride: undefined };
}

export function resolveBlockView(options: BlockViewOptions): BlockViewSpec {
  const inChannels = requirePositiveInteger('Input channels', options.inChannels ?? BLOCK_VIEW_DEFAULTS.inChannels);
  const kernels = checkBlock(options.kernels ?? BLOCK_VIEW_DEFAULTS.kernels);
  const { widths, k } = resolveWidths(options, inChannels, kernels);
  const padding = options.padding ?? BLOCK_VIEW_DEFAULTS.padding;
  if (padding !== 'same' && !(Number.isSafeInteger(padding) && padding >= 0)) {
    throw new WrnError({ code: 'NOT_IN_RANGE', what: 'Padding', value: padding, min: 0, max: Number.MAX_SAFE_INTEGER });
  }
  const [height, width] = options.input ?? BLOCK_VIEW_DEFAULTS.input;
  const dropout = options.dropout ?? 0;
  if (!(dropout >= 0 && dropout < 1)) {
    throw new WrnError({ code: 'NOT_IN_RANGE', what: 'Dropout', value: dropout, min: 0, max: 1, maxExclusive: true });
  }
  const order = options.order ?? 'pre';
  return {
    inChannels,
    k,
    outChannels: widths[widths.length - 1] ?? inChannels,
    widths,
    kernels,
    ...resolveBottleneck(options, kernels, order),
    order,
    shortcut: options.shortcut ?? 'projection',
    stride: requirePositiveInteger('Stride', options.stride ?? BLOCK_VIEW_DEFAULTS.stride),
    padding,
    dilation: requirePositiveInteger('Dilation', options.dilation ?? BLOCK_VIEW_DEFAULTS.dilation),
    input: [inChannels, requirePositiveInteger('Input height', height), requirePositiveInteger('Input width', width)],
    convBias: options.convBias ?? false,
    dropout,
  };
}

/** The block conv by conv (BN-ReLU, conv, ..., shortcut, add), with totals and the residual's verdict. */
export function describeBlock(options: BlockViewOptions): BlockView {
  const spec = resolveBlockView(options);
  const kind = blockKind(spec.kernels);
  const convs = kind
    .convs(spec.kernels, { inner: spec.widths[0] ?? 1, out: spec.outChannels }, spec.groups ?? 1)
    .map((conv, i) => ({ ...conv, outChannels: spec.widths[i] ?? 1 }));
  // Checked before the walk, whose own conv arithmetic assumes a padding it can compute exactly.
  convs.forEach((conv) => paddingFor(spec.padding, conv.kernel, spec.dilation));
  const conventions = FAMILIES.cifar.conventions[spec.order];
  const block = blockDescription({
    kind: kind.name,
    inChannels: spec.inChannels,
    convs,
    strideAt: kind.strideAt(spec.bottleneckStride),
    stride: spec.stride,
    order: spec.order,
    opening: conventions.opening,
    projectionNorm: conventions.projectionNorm,
    shortcut: spec.shortcut,
    padding: spec.padding,
    dilation: spec.dilation,
    convBias: spec.convBias,
    dropout: spec.dropout,
  });
  const tally = emptyTally();
  const listing = listingVisitor();
  const [c, h, w] = spec.input;
  const part = { group: 'block', block: undefined, prefix: 'block.' };
  const walked = walkShowingMismatch(() => walkBlock(block, part, inputTensor(c, h, w), tally, listing.visitor));
  listing.visitor.part?.({ part, tally, times: 1, output: inputTensor(c, h, w), fieldStep: { rh: 0, rw: 0, sh: 0, sw: 0 } });
  const counts = pickCounts(checkedCounts(tally));
  const main = 'mismatch' in walked ? walked.mismatch.main : walked.output;
  return {
    ...counts,
    spec,
    layers: listing.rows(),
    output: main,
    residual: {
      ok: !('mismatch' in walked),
      shortcut: block.shortcutKind,
      main,
      shortcutShape: 'mismatch' in walked ? walked.mismatch.shortcut : main,
    },
    totals: deriveTotals(counts),
  };
}

/**
 * Walks a block that may not add up: the view shows a residual add whose two sides differ
 * (the rows of both paths are kept; there is no add row) instead of refusing it.
 */
function walkShowingMismatch(walk: () => Tensor): { output: Shape } | { mismatch: { main: Shape; shortcut: Shape } } {
  try {
    return { output: shapeOf(walk()) };
  } catch (error) {
    if (isWrnError(error) && error.issue.code === 'RESIDUAL_MISMATCH')
      return { mismatch: { main: error.issue.main, shortcut: error.issue.shortcut } };
    throw error;
  }
}

/** A comparison table longer than this helps nobody; it is refused rather than truncated. */
export const MAX_COMPARED_WIDTHS = 1_000;

export interface BlockCost {
  readonly inChannels: number;
  readonly width: number;
  readonly params: number;
  readonly macs: number;
  /** Relative to the first k compared. */
  readonly paramsRatio: number;
  readonly macsRatio: number;
}

export interface WidthComparison {
  readonly k: number;
  /** This block: input channels fixed, width inChannels × k (like the first block of conv2). */
  readonly block: BlockCost;
  /**
   * A block in the middle of a group: input and output both inChannels × k,
   * stride 1, identity shortcut. Its convs grow with k², so k = 4 costs about 16× k = 1.
   */
  readonly midGroup: BlockCost;
  /**
   * The other reading of "widen by k": only the inner convs widen, c → k·c → c
   * (a basic block of two or more convs). Each conv has one widened side, so it
   * grows with k, not k².
   */
  readonly innerOnly: BlockCost | undefined;
}

function cost(view: BlockView, base: BlockView | undefined): BlockCost {
  const reference = base ?? view;
  return {
    inChannels: view.spec.inChannels,
    width: view.spec.outChannels,
    params: view.params,
    macs: view.macs,
    paramsRatio: view.params / reference.params,
    macsRatio: view.macs / reference.macs,
  };
}

/** How the block's cost scales with k, against the first k of the list. `outChannels` is ignored: k sets the width. */
export function compareBlockWidths(options: BlockViewOptions, ks: readonly number[]): WidthComparison[] {
  if (ks.length > MAX_COMPARED_WIDTHS) {
    throw new WrnError({
      code: 'NOT_IN_RANGE',
      what: 'The number of k values compared',
      value: ks.length,
      min: 1,
      max: MAX_COMPARED_WIDTHS,
    });
  }
  const widthFree = { ...options, outChannels: undefined, widths: undefined };
  const views = ks.map((k) => {
    const block = describeBlock({ ...widthFree, k });
    const midGroup = describeBlock({ ...widthFree, inChannels: block.spec.outChannels, k: 1, stride: 1 });
    const widths = blockKind(block.spec.kernels).innerOnlyWidths(block.spec.kernels, block.spec.inChannels, k);
    const innerOnly = widths === undefined ? undefined : describeBlock({ ...widthFree, k: undefined, widths });
    return { k, block, midGroup, innerOnly };
  });
  const first = views[0];
  // Stryker disable next-line ConditionalExpression: equivalent, with no k the map below is empty too (the guard narrows the type).
  if (first === undefined) return [];
  return views.map(({ k, block, midGroup, innerOnly }) => ({
    k,
    block: cost(block, first.block),
    midGroup: cost(midGroup, first.midGroup),
    innerOnly: innerOnly === undefined ? undefined : cost(innerOnly, first.innerOnly),
  }));
}
