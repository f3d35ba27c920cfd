import { BLOCK_KINDS, BOTTLENECK_STRIDES, blockKind } from './blocks.js';
import type { BlockKind, BlockType, BottleneckStride } from './blocks.js';
import { DATASETS } from './datasets.js';
import type { DatasetName } from './datasets.js';
import { IMAGENET_DEPTHS, IMAGENET_DEPTH_LIST, blocksPerGroupFor, depthLaw, depthOf, isImagenetDepth } from './depth.js';
import type { DepthLaw, DepthRuleName } from './depth.js';
import { WrnError, requirePositiveInteger } from './errors.js';
import { FAMILIES } from './families.js';
import type { FamilyDefinition, FamilyName, Order, Shortcut } from './families.js';
import { PRESETS, resolveModelName } from './presets.js';
import type { PresetName, PresetOptions } from './presets.js';
import { resolveWidths } from './widths.js';
import type { NetworkOptions } from './options.js';

export type { NetworkOptions } from './options.js';

/** A network the describer can trust: every field checked and derived. */
export interface NetworkSpec {
  readonly name: string;
  readonly family: FamilyName;
  readonly depth: number;
  /** Widening factor: inner widths are base·k (for a ResNeXt, W·G/64). */
  readonly k: number;
  readonly block: BlockType;
  /** A bottleneck's channel groups and width per group; undefined for basic blocks, which have neither. */
  readonly groups: number | undefined;
  readonly widthPerGroup: number | undefined;
  /** Where a bottleneck strides; undefined for basic blocks (always their first conv). */
  readonly bottleneckStride: BottleneckStride | undefined;
  readonly order: Order;
  readonly shortcut: Shortcut;
  /** One N per group (conv2, conv3, …). */
  readonly blocksPerGroup: readonly number[];
  readonly depthRule: DepthRuleName;
  /** Output channels of each group's blocks: base·k, or 4·base for a bottleneck. */
  readonly widths: readonly number[];
  /** Width of each group's inner convs (equal to `widths` for basic blocks). */
  readonly innerWidths: readonly number[];
  readonly input: readonly [number, number, number];
  readonly classes: number;
  readonly convBias: boolean;
  readonly dropout: number;
}

/** The options with the model name's preset filled in under them (the caller's options win). */
export function withModel(options: NetworkOptions): NetworkOptions & { readonly preset?: PresetName } {
  if (options.model === undefined) return options;
  const { preset, options: named } = resolveModelName(options.model);
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  // k and a width per group spell the same width (W·G = 64·k): the caller's spelling replaces the preset's.
  const { k, widthPerGroup, ...structure } = named;
  const width = options.k === undefined && options.widthPerGroup === undefined ? { k, widthPerGroup } : {};
  return { ...structure, ...width, ...given, ...(preset === undefined ? {} : { preset }) };
}

export function familyOf(options: NetworkOptions): FamilyName {
  const merged = withModel(options);
  return merged.family ?? (merged.dataset === 'imagenet' ? 'imagenet' : 'cifar');
}

/** The dataset whose input and classes the network gets unless told otherwise. */
export function datasetOf(options: NetworkOptions): DatasetName {
  return options.dataset ?? FAMILIES[familyOf(options)].dataset;
}

/** A bottleneck, or 1 to MAX_BLOCK_LENGTH positive kernel sizes (a copy). */
export function checkBlock(block: BlockType): BlockType {
  return blockKind(block).check(block);
}

/** The block asked for; else the depth table's for the depth, or the family's. */
function resolveBlock(block: BlockType | undefined, family: FamilyName, depth: number | undefined): BlockType {
  if (block !== undefined) return checkBlock(block);
  const definition: FamilyDefinition = FAMILIES[family];
  if (definition.depthTable && depth !== undefined && isImagenetDepth(depth)) return BLOCK_KINDS[IMAGENET_DEPTHS[depth].block].defaultBlock;
  return definition.block;
}

function resolveRule(rule: DepthRuleName | undefined, family: FamilyName, kind: BlockKind): DepthRuleName {
  if (rule === undefined) return kind.defaultDepthRule(family);
  if (rule !== 'resnet' && FAMILIES[family].depthTable) throw new WrnError({ code: 'RULE_NOT_FOR_NETWORK', rule, reason: 'imagenet' });
  if (rule !== 'resnet' && !kind.wrnDepthRules) throw new WrnError({ code: 'RULE_NOT_FOR_NETWORK', rule, reason: 'bottleneck' });
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
  const kind = blockKind(block).imagenetKind(block);
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
  if (FAMILIES[family].depthTable) return imagenetBlocks(depth, block, options.block !== undefined);
  const n = blocksPerGroupFor(depth, law.blockLength, law.rule, groups, law.bottleneck);
  return Array.from({ length: groups }, () => n);
}

const STRUCTURE_KEYS = [
  'family',
  'depth',
  'k',
  'block',
  'groups',
  'widthPerGroup',
  'bottleneckStride',
  'order',
  'shortcut',
  'depthRule',
  'blocksPerGroup',
] as const;

/** A preset keeps its name unless the caller changed its structure (input and classes may change). */
function keepsPresetName(options: NetworkOptions, preset: PresetName | undefined): preset is PresetName {
  if (preset === undefined || options.model === undefined) return false;
  const named: PresetOptions & { blocksPerGroup?: undefined } = PRESETS[preset];
  const raw = options as Record<string, unknown>;
  return STRUCTURE_KEYS.every((key) => raw[key] === undefined || JSON.stringify(raw[key]) === JSON.stringify(named[key]));
}

/**
 * WRN-d-k for the CIFAR pre-activation WRN (the paper's name) and any widened network;
 * ResNeXt-d-GxWd for grouped bottlenecks (the ResNeXt paper's 32×4d); ResNet-d at k = 1
 * elsewhere; the paper's `-bottleneck` suffix on a widened bottleneck network.
 */
function networkName(spec: Pick<NetworkSpec, 'family' | 'order' | 'block' | 'depth' | 'k' | 'groups' | 'widthPerGroup'>): string {
  const { family, order, block, depth, k, groups, widthPerGroup } = spec;
  const bottleneck = blockKind(block).separateInnerWidth;
  if (groups !== undefined && groups > 1) return `ResNeXt-${depth}-${groups}x${widthPerGroup ?? ''}d`;
  if (family === 'cifar' && order === 'pre' && !bottleneck) return `WRN-${depth}-${k}`;
  if (k === 1) return `ResNet-${depth}`;
  return `WRN-${depth}-${k}${bottleneck ? '-bottleneck' : ''}`;
}

function resolveInput(merged: NetworkOptions): { input: [number, number, number]; classes: number; dropout: number } {
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
  return { input: [input[0], input[1], input[2]], classes, dropout };
}

/** Where a bottleneck strides: as asked, else the family's convention for the order; basic blocks take no such option. */
function resolveStride(merged: NetworkOptions, kind: BlockKind, family: FamilyName, order: Order): BottleneckStride | undefined {
  const asked = merged.bottleneckStride;
  if (!kind.separateInnerWidth) {
    if (asked !== undefined) throw new WrnError({ code: 'NOT_FOR_BASIC_BLOCKS', option: 'bottleneckStride', value: asked });
    return undefined;
  }
  if (asked !== undefined && !BOTTLENECK_STRIDES.includes(asked))
    throw new WrnError({ code: 'NOT_ONE_OF', what: 'Bottleneck stride', value: String(asked), valid: [...BOTTLENECK_STRIDES] });
  return asked ?? FAMILIES[family].conventions[order].bottleneckStride;
}

export function resolveNetwork(options: NetworkOptions): NetworkSpec {
  const merged = withModel(options);
  const family = familyOf(merged);
  const block = resolveBlock(merged.block, family, merged.depth);
  const kind = blockKind(block);
  const depthRule = resolveRule(merged.depthRule, family, kind);
  const law = depthLaw(depthRule, kind.convCount(block), kind.separateInnerWidth);
  const blocksPerGroup = resolveBlocks(merged, family, block, law);
  const order = merged.order ?? FAMILIES[family].order;
  const { k, groups, widthPerGroup, widths, innerWidths } = resolveWidths(merged, family, kind);
  const { input, classes, dropout } = resolveInput(merged);
  const depth = depthOf(blocksPerGroup, law);
  const bottleneckStride = resolveStride(merged, kind, family, order);
  const shortcut = merged.shortcut ?? 'projection';
  const convBias = merged.convBias ?? false;
  const named = { family, order, block, depth, k, groups, widthPerGroup };
  const name = keepsPresetName(options, merged.preset) ? merged.preset : networkName(named);
  // One literal in the contract's key order (not a spread, which V8 copies slowly): every grid cell and fit candidate resolves one.
  return {
    name,
    family,
    depth,
    k,
    block,
    groups,
    widthPerGroup,
    bottleneckStride,
    order,
    shortcut,
    blocksPerGroup,
    depthRule,
    widths,
    innerWidths,
    input,
    classes,
    convBias,
    dropout,
  };
}
