import { pickCounts, sumCounts } from './counts.js';
import type { Counts } from './counts.js';
import { describeNetwork } from './describe.js';
import type { NetworkDescription } from './describe.js';
import { WrnError, isWrnError } from './errors.js';
import type { ReceptiveField } from './field.js';
import type { LayerRow, Shape } from './layers.js';
import { deriveTotals } from './memory.js';
import type { Totals } from './memory.js';
import { checkedAdd } from './safe-int.js';
import { FAMILIES, resolveNetwork } from './spec.js';
import type { NetworkOptions, NetworkSpec } from './spec.js';
import { countNetwork, countParts, listNetwork, tallyCounts, tallyOfParts } from './walk.js';
import type { GroupWalk } from './walk.js';

/** conv1 is the stem (with its max pool on ImageNet); conv2… the groups of blocks; head the classifier. */
export const GROUP_NAMES = ['conv1', 'conv2', 'conv3', 'conv4', 'conv5', 'head'] as const;
export type GroupName = (typeof GROUP_NAMES)[number];

/** A row of the paper's structure table, with numbers. */
export interface GroupSummary extends Counts {
  readonly name: GroupName;
  readonly output: Shape;
  /** Output channels of the group (the stem: 16 or 64; the head: classes). */
  readonly width: number;
  /** Width of the group's inner convs: a bottleneck's base·k; otherwise the width. */
  readonly innerWidth: number;
  /** Blocks in the group: 1 for the stem and the head. */
  readonly blocks: number;
  /** How much the group shrinks the image: its first block's stride; the ImageNet stem's 4 (conv and max pool). */
  readonly stride: number;
  /** Kernel sizes of a block's main-path convs: the stem's `[3]` or `[7]`, a block's `[3, 3]` or `[1, 3, 1]`, the head's `[]`. */
  readonly kernels: readonly number[];
  /** The receptive field of one unit of the group's output (the head's: after global pooling). */
  readonly receptiveField: ReceptiveField;
}

export interface NetworkSummary {
  readonly model: NetworkSpec;
  readonly groups: readonly GroupSummary[];
  readonly totals: Totals;
  /** How many rows `listNetwork` would return. */
  readonly layerCount: number;
}

export interface NetworkWithLayers extends NetworkSummary {
  readonly layers: readonly LayerRow[];
}

export type WrnSummary = NetworkSummary;
export type WrnNetwork = NetworkWithLayers;

/** Listing more layers than this is refused, to keep memory bounded (about 30 MB of rows). */
export const MAX_LISTED_LAYERS = 100_000;

function stemStride(spec: NetworkSpec): number {
  const family = FAMILIES[spec.family];
  return family.stem.stride * (family.maxPool?.stride ?? 1);
}

/** Groups and totals, walking each group's first and repeated block once: flat in depth. */
export function summarizeSpec(spec: NetworkSpec, description: NetworkDescription = describeNetwork(spec)): NetworkSummary {
  const walks: GroupWalk[] = [];
  countNetwork(description, (walk) => walks.push(walk));
  const family = FAMILIES[spec.family];
  let layerCount = 0;
  const groups = walks.map((walk, index): GroupSummary => {
    layerCount = checkedAdd('layer count', layerCount, walk.rows);
    const group = description.groups[index - 1];
    const base = { name: walk.name as GroupName, output: walk.output, ...pickCounts(walk.counts) };
    const field = { receptiveField: walk.receptiveField };
    if (index === 0) {
      return {
        ...base,
        width: family.stem.channels,
        innerWidth: family.stem.channels,
        blocks: 1,
        stride: stemStride(spec),
        kernels: [family.stem.kernel],
        ...field,
      };
    }
    if (group === undefined) return { ...base, width: spec.classes, innerWidth: spec.classes, blocks: 1, stride: 1, kernels: [], ...field };
    return {
      ...base,
      width: group.width,
      innerWidth: group.innerWidth,
      blocks: group.blocks,
      stride: group.stride,
      kernels: group.kernels,
      ...field,
    };
  });
  return { model: spec, groups, totals: deriveTotals(sumCounts(groups)), layerCount };
}

export function listSpecLayers(spec: NetworkSpec, layerCount: number, description: NetworkDescription = describeNetwork(spec)): LayerRow[] {
  if (layerCount > MAX_LISTED_LAYERS) throw new WrnError({ code: 'TOO_MANY_LAYERS', layers: layerCount, limit: MAX_LISTED_LAYERS });
  return listNetwork(description);
}

export function groupOf(layerName: string): GroupName {
  const prefix = layerName.split('.')[0];
  return GROUP_NAMES.find((name) => name === prefix) ?? 'head';
}

/** The whole summary of a network: model, groups, totals. */
export function summarizeNetwork(options: NetworkOptions): NetworkSummary {
  return summarizeSpec(resolveNetwork(options));
}

/** The summary plus every layer, listed one by one. */
export function buildNetwork(options: NetworkOptions): NetworkWithLayers {
  const spec = resolveNetwork(options);
  const description = describeNetwork(spec);
  const summary = summarizeSpec(spec, description);
  return { ...summary, layers: listSpecLayers(spec, summary.layerCount, description) };
}

/** A network and its totals, without groups or layers: what grid cells and fit candidates carry. */
export interface ModelTotals {
  readonly model: NetworkSpec;
  readonly totals: Totals;
}

/** The totals alone (a budget check): the description's program, the same ops as summarizeSpec walks, without the group rows. */
export function totalsOfSpec(spec: NetworkSpec): Totals {
  return totalsOfDescription(describeNetwork(spec));
}

/** The counter alone: totals of a described network. */
export function totalsOfDescription(description: NetworkDescription): Totals {
  return deriveTotals(tallyCounts(countNetwork(description)));
}

/**
 * The totals of every network that differs from `spec` only in its blocks per group, from one
 * walk of its parts. The walk counts each repeated block even where `spec` has one block per
 * group, so it may refuse what `totalsOfSpec(spec)` would count.
 */
export function totalsByBlocks(spec: NetworkSpec): (blocksPerGroup: readonly number[]) => Totals {
  const parts = countParts(describeNetwork(spec));
  return (blocksPerGroup) => deriveTotals(tallyCounts(tallyOfParts(parts, blocksPerGroup)));
}

/** Everything about a spec that its description depends on, but its blocks per group (and so depth and name). */
function structureKey(spec: NetworkSpec): string {
  return JSON.stringify({ ...spec, name: '', depth: 0, blocksPerGroup: [] });
}

/**
 * totalsOfSpec for many networks (grid cells, fit candidates): networks that differ only in N
 * share one walk of their parts. Where the core refuses the parts, each network is counted on
 * its own, which gives its own count or its own refusal.
 */
export function sharedPartsCounter(): (spec: NetworkSpec) => Totals {
  const byStructure = new Map<string, ((blocksPerGroup: readonly number[]) => Totals) | null>();
  return (spec) => {
    const key = structureKey(spec);
    let byBlocks = byStructure.get(key);
    if (byBlocks === undefined) {
      try {
        byBlocks = totalsByBlocks(spec);
      } catch (error) {
        if (!isWrnError(error)) throw error;
        byBlocks = null;
      }
      byStructure.set(key, byBlocks);
    }
    return byBlocks === null ? totalsOfSpec(spec) : byBlocks(spec.blocksPerGroup);
  };
}

export function networkTotals(options: NetworkOptions): Totals {
  return totalsOfSpec(resolveNetwork(options));
}

export function modelTotals(options: NetworkOptions): ModelTotals {
  const model = resolveNetwork(options);
  return { model, totals: totalsOfSpec(model) };
}

/** The first API's names, kept for library users. */
export const summarizeWrn = summarizeNetwork;
export const buildWrn = buildNetwork;
export const wrnTotals = networkTotals;
export const wrnTotalsOfSpec = totalsOfSpec;
