import { pickCounts } from './counts.js';
import type { Counts } from './counts.js';
import { blockOps, paddingFor } from './describe.js';
import type { ConvPlan, Padding } from './describe.js';
import { WrnError, isWrnError } from './errors.js';
import type { LayerRow, Shape } from './layers.js';
import { layerRow } from './layers.js';
import { deriveTotals } from './memory.js';
import type { Totals } from './memory.js';
import { BOTTLENECK_EXPANSION, FAMILIES, checkBlock, isBottleneck, requirePositiveInteger } from './spec.js';
import type { BlockType, Order, Shortcut } from './spec.js';
import { emptyTally, inputActivation } from './ops.js';
import { tallyCounts, walkBlock } from './walk.js';

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
  const convs = isBottleneck(kernels) ? 3 : kernels.length;
  if (options.widths !== undefined) {
    if (options.widths.length !== convs) throw new WrnError({ code: 'WIDTHS_LENGTH', given: options.widths.length, convs });
    return { widths: options.widths.map((w) => requirePositiveInteger('Width', w)), k: undefined };
  }
  if (isBottleneck(kernels)) {
    const k = options.k ?? BLOCK_VIEW_DEFAULTS.k;
    const out = requirePositiveInteger('Output channels', options.outChannels ?? inChannels);
    const inner = requirePositiveInteger(
      `Inner width (output ${out} / ${BOTTLENECK_EXPANSION} × k ${k ?? 1})`,
      (out / BOTTLENECK_EXPANSION) * (k ?? 1),
    );
    return { widths: [inner, inner, out], k };
  }
  const k = options.outChannels === undefined ? (options.k ?? BLOCK_VIEW_DEFAULTS.k) : undefined;
  const width =
    options.outChannels === undefined
      ? requirePositiveInteger(`Block width (input channels ${inChannels} × k ${k})`, inChannels * (k ?? 1))
      : requirePositiveInteger('Output channels', options.outChannels);
  return { widths: kernels.map(() => width), k };
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
  return {
    inChannels,
    k,
    outChannels: widths[widths.length - 1] ?? inChannels,
    widths,
    kernels,
    order: options.order ?? 'pre',
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
  const kernels = isBottleneck(spec.kernels) ? [1, 3, 1] : spec.kernels;
  const convs: ConvPlan[] = kernels.map((kernel, i) => ({ kernel, outChannels: spec.widths[i] ?? 1 }));
  // Checked before the walk, whose own conv arithmetic assumes a padding it can compute exactly.
  kernels.forEach((kernel) => paddingFor(spec.padding, kernel, spec.dilation));
  const ops = blockOps({
    inChannels: spec.inChannels,
    convs,
    strideAt: isBottleneck(spec.kernels) && spec.order === 'post' ? 1 : 0,
    stride: spec.stride,
    order: spec.order,
    shortcut: spec.shortcut,
    padding: spec.padding,
    dilation: spec.dilation,
    convBias: spec.convBias,
    dropout: spec.dropout,
  });
  const layers: LayerRow[] = [];
  const tally = emptyTally();
  const [c, h, w] = spec.input;
  const x = inputActivation(c, h, w);
  const residual = walkShowingMismatch(() =>
    walkBlock(ops, 'block.', x, tally, (op, name, input, result) => layers.push(layerRow(op, name, input, result))),
  );
  const counts = pickCounts(tallyCounts(tally));
  const main = residual?.main ?? [x.c, x.h, x.w];
  return {
    ...counts,
    spec,
    layers,
    output: main,
    residual: { ok: residual === undefined, shortcut: ops.shortcutKind, main, shortcutShape: residual?.shortcut ?? main },
    totals: deriveTotals(counts),
  };
}

/**
 * Walks a block that may not add up: the view shows a residual add whose two sides differ
 * (what was walked is kept; there is no add row) instead of refusing it. Returns the two
 * sides' shapes when they differ.
 */
function walkShowingMismatch(walk: () => void): { main: Shape; shortcut: Shape } | undefined {
  try {
    walk();
    return undefined;
  } catch (error) {
    if (isWrnError(error) && error.issue.code === 'RESIDUAL_MISMATCH') return { main: error.issue.main, shortcut: error.issue.shortcut };
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
    const kernels = block.spec.kernels;
    const c = block.spec.inChannels;
    const innerOnly =
      !isBottleneck(kernels) && kernels.length >= 2
        ? describeBlock({ ...widthFree, k: undefined, widths: kernels.map((_, i) => (i === kernels.length - 1 ? c : c * k)) })
        : undefined;
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
