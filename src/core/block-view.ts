import { buildBlock } from './block.js';
import type { BlockResult, Padding } from './block.js';
import { WrnError } from './errors.js';
import { deriveTotals } from './memory.js';
import type { Totals } from './memory.js';
import { MAX_BLOCK_LENGTH, STEM_CHANNELS, requirePositiveInteger } from './spec.js';

/**
 * One block on its own, as the article this tool started from explains widening:
 * any input, any padding (0 included), so a residual add whose sides differ is
 * shown rather than refused.
 */
export interface BlockViewOptions {
  /** Channels of the block's input; default 16 (what the stem hands conv2). */
  readonly inChannels?: number;
  /** The block's width is inChannels × k unless `outChannels` is given; default 1. */
  readonly k?: number;
  readonly outChannels?: number;
  /** Kernel sizes of B(k1, ..., kl); default B(3,3). */
  readonly kernels?: readonly number[];
  /** On the first conv and the projection shortcut; default 1. */
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
  /** The factor the width came from; undefined when `outChannels` set the width. */
  readonly k: number | undefined;
  readonly outChannels: number;
  readonly kernels: readonly number[];
  readonly stride: number;
  readonly padding: Padding;
  readonly dilation: number;
  readonly input: readonly [number, number, number];
  readonly convBias: boolean;
  readonly dropout: number;
}

export interface BlockView extends BlockResult {
  readonly spec: BlockViewSpec;
  readonly totals: Totals;
}

export const BLOCK_VIEW_DEFAULTS = { inChannels: STEM_CHANNELS, k: 1, kernels: [3, 3], stride: 1, padding: 'same', dilation: 1, input: [32, 32] } as const;

export function resolveBlockView(options: BlockViewOptions): BlockViewSpec {
  const inChannels = requirePositiveInteger('Input channels', options.inChannels ?? BLOCK_VIEW_DEFAULTS.inChannels);
  const k = options.outChannels === undefined ? options.k ?? BLOCK_VIEW_DEFAULTS.k : undefined;
  const outChannels =
    options.outChannels === undefined
      ? requirePositiveInteger(`Block width (input channels ${inChannels} × k ${k})`, inChannels * (k ?? 1))
      : requirePositiveInteger('Output channels', options.outChannels);
  const kernels = options.kernels ?? BLOCK_VIEW_DEFAULTS.kernels;
  if (kernels.length < 1 || kernels.length > MAX_BLOCK_LENGTH) {
    throw new WrnError({ code: 'NOT_IN_RANGE', what: 'Block length (convs per block)', value: kernels.length, min: 1, max: MAX_BLOCK_LENGTH });
  }
  kernels.forEach((kernel) => requirePositiveInteger('Kernel size', kernel));
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
    outChannels,
    kernels: [...kernels],
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
  const block = buildBlock('block', spec.input, {
    width: spec.outChannels,
    kernels: spec.kernels,
    stride: spec.stride,
    padding: spec.padding,
    dilation: spec.dilation,
    convBias: spec.convBias,
    dropout: spec.dropout,
  });
  return { ...block, spec, totals: deriveTotals(block) };
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
    throw new WrnError({ code: 'NOT_IN_RANGE', what: 'The number of k values compared', value: ks.length, min: 1, max: MAX_COMPARED_WIDTHS });
  }
  const views = ks.map((k) => {
    const block = describeBlock({ ...options, outChannels: undefined, k });
    const midGroup = describeBlock({ ...options, outChannels: undefined, inChannels: block.spec.outChannels, k: 1, stride: 1 });
    return { k, block, midGroup };
  });
  const first = views[0];
  // Stryker disable next-line ConditionalExpression: equivalent, with no k the map below is empty too (the guard narrows the type).
  if (first === undefined) return [];
  return views.map(({ k, block, midGroup }) => ({ k, block: cost(block, first.block), midGroup: cost(midGroup, first.midGroup) }));
}
