import { DATASETS } from './datasets.js';
import type { DatasetName } from './datasets.js';
import { IMAGENET_DEPTHS, IMAGENET_DEPTH_LIST, blocksPerGroupFor, depthLaw, depthOf, isImagenetDepth } from './depth.js';
import type { DepthLaw, DepthRuleName } from './depth.js';
import { WrnError } from './errors.js';
import { PRESETS, resolveModelName } from './presets.js';
import type { PresetName, PresetOptions } from './presets.js';

export const FAMILY_NAMES = ['cifar', 'imagenet'] as const;
export type FamilyName = (typeof FAMILY_NAMES)[number];

/** `pre`: He et al. 2016 (BN-ReLU before each conv; the official WRN). `post`: He et al. 2015 (conv-BN-ReLU; torchvision). */
export const ORDERS = ['pre', 'post'] as const;
export type Order = (typeof ORDERS)[number];

/** `projection`: a 1×1 conv where channels or stride change. `zero-pad`: He et al. 2015 option A, no parameters. */
export const SHORTCUTS = ['projection', 'zero-pad'] as const;
export type Shortcut = (typeof SHORTCUTS)[number];

/** A basic block's kernel sizes B(k1, …, kl), or a bottleneck block (1×1, 3×3, 1×1; output 4× its base width). */
export type BlockType = readonly number[] | 'bottleneck';

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
  readonly dataset: DatasetName;
  readonly order: Order;
  readonly defaults: { readonly depth: number; readonly k: number };
}

/**
 * The two families of the ResNet papers: a stem that is never widened, groups of
 * blocks (base widths and strides; the first block of a group carries its
 * stride), and a head.
 */
export const FAMILIES = {
  cifar: {
    stem: { channels: 16, kernel: 3, stride: 1, padding: 1 },
    maxPool: undefined,
    bases: [16, 32, 64],
    strides: [1, 2, 2],
    dataset: 'cifar10',
    order: 'pre',
    /** The summary's network when nothing else is said: the paper's headline WRN-28-10. */
    defaults: { depth: 28, k: 10 },
  },
  imagenet: {
    stem: { channels: 64, kernel: 7, stride: 2, padding: 3 },
    maxPool: { kernel: 3, stride: 2, padding: 1 },
    bases: [64, 128, 256, 512],
    strides: [1, 2, 2, 2],
    dataset: 'imagenet',
    order: 'post',
    /** torchvision's default ResNet, resnet50. */
    defaults: { depth: 50, k: 1 },
  },
} as const satisfies Record<FamilyName, FamilyDefinition>;

/** A bottleneck block's output has this many times its base width (its inner convs have base·k). */
export const BOTTLENECK_EXPANSION = 4;

/** What a caller may say about a network. Everything has a default but depth (or N) and k, which a model name can give. */
export interface NetworkOptions {
  /** A preset name (`resnet50`, `wide_resnet50_2`, `resnet110`, …) or `WRN-d-k`; the other options override it. */
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

/** The CIFAR WRN's options, the library's first API; every NetworkOptions is one. */
export type WrnOptions = NetworkOptions;

/** A network the describer can trust: every field checked and derived. */
export interface NetworkSpec {
  readonly name: string;
  readonly family: FamilyName;
  readonly depth: number;
  readonly k: number;
  readonly block: BlockType;
  readonly order: Order;
  readonly shortcut: Shortcut;
  /** One N per group (conv2, conv3, …). */
  readonly blocksPerGroup: readonly number[];
  readonly depthRule: DepthRuleName;
  /** Output channels of each group's blocks: base·k, or 4·base for a bottleneck. */
  readonly widths: readonly number[];
  /** Width of each group's inner convs: base·k (equal to `widths` for basic blocks). */
  readonly innerWidths: readonly number[];
  readonly input: readonly [number, number, number];
  readonly classes: number;
  readonly convBias: boolean;
  readonly dropout: number;
}

export type WrnSpec = NetworkSpec;

/** Longer blocks than this are refused; the paper goes up to l = 4. */
export const MAX_BLOCK_LENGTH = 64;

export function requirePositiveInteger(what: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new WrnError({ code: 'NOT_POSITIVE_INTEGER', what, value });
  return value;
}

export function formatK(k: number): string {
  return String(k);
}

export function isBottleneck(block: BlockType): block is 'bottleneck' {
  return block === 'bottleneck';
}

/** Convs on a block's main path. */
export function convsPerBlock(block: BlockType): number {
  return isBottleneck(block) ? 3 : block.length;
}

/** The options with the model name's preset filled in under them (the caller's options win). */
export function withModel(options: NetworkOptions): NetworkOptions & { readonly preset?: PresetName } {
  if (options.model === undefined) return options;
  const { preset, options: named } = resolveModelName(options.model);
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...named, ...given, ...(preset === undefined ? {} : { preset }) };
}

export function familyOf(options: NetworkOptions): FamilyName {
  const merged = withModel(options);
  return merged.family ?? (merged.dataset === 'imagenet' ? 'imagenet' : 'cifar');
}

/** The dataset whose input and classes the network gets unless told otherwise. */
export function datasetOf(options: NetworkOptions): DatasetName {
  return options.dataset ?? FAMILIES[familyOf(options)].dataset;
}

/** Widths of each group: inner (base·k) and output (base·k, or 4·base for a bottleneck). */
export function groupWidths(
  k: number,
  family: FamilyName = 'cifar',
  block: BlockType = [3, 3],
): { widths: number[]; innerWidths: number[] } {
  const { bases } = FAMILIES[family];
  const innerWidths = bases.map((base) => base * k);
  if (!Number.isFinite(k) || k <= 0 || !innerWidths.every((w) => Number.isSafeInteger(w) && w >= 1)) {
    throw new WrnError({ code: 'WIDTH_NOT_WHOLE', k, widths: innerWidths, ...(bases[0] === 16 ? {} : { base: bases[0] }) });
  }
  const widths = isBottleneck(block) ? bases.map((base) => BOTTLENECK_EXPANSION * base) : innerWidths;
  return { widths, innerWidths };
}

function resolveBlock(block: BlockType | undefined, family: FamilyName, depth: number | undefined): BlockType {
  if (block === undefined) {
    if (family === 'cifar') return [3, 3];
    return depth !== undefined && isImagenetDepth(depth) && IMAGENET_DEPTHS[depth].block === 'basic' ? [3, 3] : 'bottleneck';
  }
  return checkBlock(block);
}

/** A bottleneck, or 1 to MAX_BLOCK_LENGTH positive kernel sizes (a copy). */
export function checkBlock(block: BlockType): BlockType {
  if (isBottleneck(block)) return block;
  if (block.length < 1 || block.length > MAX_BLOCK_LENGTH) {
    throw new WrnError({
      code: 'NOT_IN_RANGE',
      what: 'Block length (convs per block)',
      value: block.length,
      min: 1,
      max: MAX_BLOCK_LENGTH,
    });
  }
  block.forEach((kernel) => requirePositiveInteger('Kernel size', kernel));
  return [...block];
}

function resolveRule(rule: DepthRuleName | undefined, family: FamilyName, block: BlockType): DepthRuleName {
  if (rule === undefined) return family === 'cifar' && !isBottleneck(block) ? 'layers' : 'resnet';
  if (rule !== 'resnet' && family === 'imagenet') throw new WrnError({ code: 'RULE_NOT_FOR_NETWORK', rule, reason: 'imagenet' });
  if (rule !== 'resnet' && isBottleneck(block)) throw new WrnError({ code: 'RULE_NOT_FOR_NETWORK', rule, reason: 'bottleneck' });
  return rule;
}

function blocksList(given: number | readonly number[], groups: number, family: FamilyName): number[] {
  const list = typeof given === 'number' ? [given] : [...given];
  list.forEach((n) => requirePositiveInteger('Blocks per group', n));
  if (list.length === 1) return Array.from({ length: groups }, () => list[0] ?? 1);
  if (list.length !== groups) throw new WrnError({ code: 'BLOCKS_LIST_LENGTH', given: list.length, groups, family });
  return list;
}

/** torchvision's blocks for an ImageNet depth; `given` says whether the block was asked for (else every depth of the table is valid). */
function imagenetBlocks(depth: number, block: BlockType, given: boolean): number[] {
  const kind = isBottleneck(block) ? 'bottleneck' : block.length === 2 ? 'basic' : 'other';
  if (isImagenetDepth(depth) && IMAGENET_DEPTHS[depth].block === kind) return [...IMAGENET_DEPTHS[depth].blocksPerGroup];
  if (!given) throw new WrnError({ code: 'IMAGENET_DEPTH', depth, block: 'any', valid: [...IMAGENET_DEPTH_LIST] });
  const valid = IMAGENET_DEPTH_LIST.filter((d) => IMAGENET_DEPTHS[d].block === kind);
  throw new WrnError({ code: 'IMAGENET_DEPTH', depth, block: kind, valid });
}

function resolveBlocks(options: NetworkOptions, family: FamilyName, block: BlockType, law: DepthLaw): number[] {
  const groups = FAMILIES[family].bases.length;
  const { depth, blocksPerGroup } = options;
  const blocks = blocksPerGroup === undefined ? undefined : blocksList(blocksPerGroup, groups, family);
  if (depth !== undefined) requirePositiveInteger('Depth', depth);
  if (depth === undefined) {
    if (blocks === undefined) throw new WrnError({ code: 'DEPTH_MISSING' });
    return blocks;
  }
  if (blocks !== undefined) {
    const expectedDepth = depthOf(blocks, law);
    if (expectedDepth !== depth) {
      const shown = blocks.every((n) => n === blocks[0]) ? (blocks[0] ?? 1) : blocks.join(',');
      throw new WrnError({ code: 'DEPTH_CONFLICT', depth, blocksPerGroup: shown, expectedDepth, rule: law.rule });
    }
    return blocks;
  }
  if (family === 'imagenet') return imagenetBlocks(depth, block, options.block !== undefined);
  const n = blocksPerGroupFor(depth, law.blockLength, law.rule, groups, law.bottleneck);
  return Array.from({ length: groups }, () => n);
}

const STRUCTURE_KEYS = ['family', 'depth', 'k', 'block', 'order', 'shortcut', 'depthRule', 'blocksPerGroup'] as const;

/** A preset keeps its name unless the caller changed its structure (input and classes may change). */
function keepsPresetName(options: NetworkOptions, preset: PresetName | undefined): preset is PresetName {
  if (preset === undefined || options.model === undefined) return false;
  const named: PresetOptions & { blocksPerGroup?: undefined } = PRESETS[preset];
  const raw = options as Record<string, unknown>;
  return STRUCTURE_KEYS.every((key) => raw[key] === undefined || JSON.stringify(raw[key]) === JSON.stringify(named[key]));
}

/**
 * WRN-d-k for the CIFAR pre-activation WRN (the paper's name) and any widened
 * network; ResNet-d at k = 1 elsewhere; the paper's `-bottleneck` suffix on a
 * widened bottleneck network.
 */
function networkName(family: FamilyName, order: Order, block: BlockType, depth: number, k: number): string {
  if (family === 'cifar' && order === 'pre' && !isBottleneck(block)) return `WRN-${depth}-${formatK(k)}`;
  if (k === 1) return `ResNet-${depth}`;
  return `WRN-${depth}-${formatK(k)}${isBottleneck(block) ? '-bottleneck' : ''}`;
}

export function resolveNetwork(options: NetworkOptions): NetworkSpec {
  const merged = withModel(options);
  const family = familyOf(merged);
  const block = resolveBlock(merged.block, family, merged.depth);
  const depthRule = resolveRule(merged.depthRule, family, block);
  const law = depthLaw(depthRule, convsPerBlock(block), isBottleneck(block));
  const blocksPerGroup = resolveBlocks(merged, family, block, law);
  const depth = depthOf(blocksPerGroup, law);
  if (merged.k === undefined) throw new WrnError({ code: 'WIDTH_MISSING' });
  const k = merged.k;
  const { widths, innerWidths } = groupWidths(k, family, block);
  const dataset = DATASETS[datasetOf(merged)];
  const input = merged.input ?? dataset.input;
  requirePositiveInteger('Input channels', input[0]);
  requirePositiveInteger('Input height', input[1]);
  requirePositiveInteger('Input width', input[2]);
  const classes = requirePositiveInteger('Classes', merged.classes ?? dataset.classes);
  const dropout = merged.dropout ?? 0;
  if (!(dropout >= 0 && dropout < 1)) {
    throw new WrnError({ code: 'NOT_IN_RANGE', what: 'Dropout', value: dropout, min: 0, max: 1, maxExclusive: true });
  }
  const order = merged.order ?? FAMILIES[family].order;
  return {
    name: keepsPresetName(options, merged.preset) ? merged.preset : networkName(family, order, block, depth, k),
    family,
    depth,
    k,
    block,
    order,
    shortcut: merged.shortcut ?? 'projection',
    blocksPerGroup,
    depthRule,
    widths,
    innerWidths,
    input: [input[0], input[1], input[2]],
    classes,
    convBias: merged.convBias ?? false,
    dropout,
  };
}

/** The first API's name for resolveNetwork. */
export const resolveWrn = resolveNetwork;

/** torchvision's ImageNet depths, the rows of an ImageNet grid. */
export const IMAGENET_DEPTH_LIST_FOR_GRID: readonly number[] = IMAGENET_DEPTH_LIST;
