import { blocksPerGroupFor, depthFor } from './depth.js';
import type { DepthRuleName } from './depth.js';
import { WrnError } from './errors.js';

/** What a caller may say about a network; everything but depth/N and k has a CIFAR-10 default. */
export interface WrnOptions {
  /** Give depth, blocks per group, or both when they agree. */
  readonly depth?: number;
  readonly blocksPerGroup?: number;
  /** Widening factor; may be fractional when 16·k is whole (k = 1.5 → 24, 48, 96). */
  readonly k: number;
  /** Kernel sizes of B(k1, ..., kl); default B(3,3). */
  readonly block?: readonly number[];
  readonly depthRule?: DepthRuleName;
  /** `[channels, height, width]`; default CIFAR's 3×32×32. */
  readonly input?: readonly [number, number, number];
  readonly classes?: number;
  readonly convBias?: boolean;
  readonly dropout?: number;
}

/** A network the builder can trust: every field checked and derived. */
export interface WrnSpec {
  readonly name: string;
  readonly depth: number;
  readonly k: number;
  readonly block: readonly number[];
  readonly blocksPerGroup: number;
  readonly depthRule: DepthRuleName;
  /** Widths of conv2, conv3, conv4: 16k, 32k, 64k. */
  readonly widths: readonly [number, number, number];
  readonly input: readonly [number, number, number];
  readonly classes: number;
  readonly convBias: boolean;
  readonly dropout: number;
}

/** The stem conv is 3×3 with 16 channels whatever k is (DESIGN §2). */
export const STEM_CHANNELS = 16;
export const GROUP_STRIDES = [1, 2, 2] as const;
/** Longer blocks than this are refused; the paper goes up to l = 4. */
export const MAX_BLOCK_LENGTH = 64;

export function requirePositiveInteger(what: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new WrnError({ code: 'NOT_POSITIVE_INTEGER', what, value });
  return value;
}

export function groupWidths(k: number): [number, number, number] {
  const widths: [number, number, number] = [STEM_CHANNELS * k, 2 * STEM_CHANNELS * k, 4 * STEM_CHANNELS * k];
  if (!Number.isFinite(k) || k <= 0 || !widths.every((w) => Number.isSafeInteger(w) && w >= 1)) {
    throw new WrnError({ code: 'WIDTH_NOT_WHOLE', k, widths });
  }
  return widths;
}

export function formatK(k: number): string {
  return String(k);
}

function resolveBlocksPerGroup(options: WrnOptions, blockLength: number, rule: DepthRuleName): number {
  const { depth, blocksPerGroup } = options;
  if (blocksPerGroup !== undefined) requirePositiveInteger('Blocks per group', blocksPerGroup);
  if (depth !== undefined) requirePositiveInteger('Depth', depth);
  if (depth === undefined) {
    if (blocksPerGroup === undefined) throw new WrnError({ code: 'DEPTH_MISSING' });
    return blocksPerGroup;
  }
  if (blocksPerGroup !== undefined) {
    const expectedDepth = depthFor(blocksPerGroup, blockLength, rule);
    if (expectedDepth !== depth) throw new WrnError({ code: 'DEPTH_CONFLICT', depth, blocksPerGroup, expectedDepth, rule });
    return blocksPerGroup;
  }
  return blocksPerGroupFor(depth, blockLength, rule);
}

export function resolveWrn(options: WrnOptions): WrnSpec {
  const block = options.block ?? [3, 3];
  if (block.length < 1 || block.length > MAX_BLOCK_LENGTH) {
    throw new WrnError({ code: 'NOT_IN_RANGE', what: 'Block length (convs per block)', value: block.length, min: 1, max: MAX_BLOCK_LENGTH });
  }
  block.forEach((kernel) => requirePositiveInteger('Kernel size', kernel));
  const depthRule = options.depthRule ?? 'layers';
  const blocksPerGroup = resolveBlocksPerGroup(options, block.length, depthRule);
  const depth = depthFor(blocksPerGroup, block.length, depthRule);
  const widths = groupWidths(options.k);
  const input = options.input ?? [3, 32, 32];
  requirePositiveInteger('Input channels', input[0]);
  requirePositiveInteger('Input height', input[1]);
  requirePositiveInteger('Input width', input[2]);
  const classes = requirePositiveInteger('Classes', options.classes ?? 10);
  const dropout = options.dropout ?? 0;
  if (!(dropout >= 0 && dropout < 1)) {
    throw new WrnError({ code: 'NOT_IN_RANGE', what: 'Dropout', value: dropout, min: 0, max: 1, maxExclusive: true });
  }
  return {
    name: `WRN-${depth}-${formatK(options.k)}`,
    depth,
    k: options.k,
    block: [...block],
    blocksPerGroup,
    depthRule,
    widths,
    input: [input[0], input[1], input[2]],
    classes,
    convBias: options.convBias ?? false,
    dropout,
  };
}
