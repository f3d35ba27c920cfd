import { addTally, checkedCounts, checkedLayers, emptyTally, pickCounts, sumCounts } from './counts.js';
import type { Counts, Tally } from './counts.js';
import { describeNetwork } from './describe.js';
import type { NetworkDescription } from './describe.js';
import { WrnError, isWrnError } from './errors.js';
import { receptiveFieldOf } from './field.js';
import type { ReceptiveField } from './field.js';
import { listingVisitor } from './layers.js';
import type { LayerRow } from './layers.js';
import { deriveTotals } from './memory.js';
import type { Totals } from './memory.js';
import { checkedAdd } from './safe-int.js';
import { resolveNetwork } from './spec.js';
import type { NetworkOptions, NetworkSpec } from './spec.js';
import { shapeOf } from './tensor.js';
import type { Shape, Tensor } from './tensor.js';
import { walkNetwork } from './walk.js';
import type { WalkVisitor } from './walk.js';

/** conv1 is the stem (with its max pool on ImageNet); conv2… the groups of blocks; head the classifier. */
export const GROUP_NAMES = ['conv1', 'conv2', 'conv3', 'conv4', 'conv5', 'head'] as const;
export type GroupName = (typeof GROUP_NAMES)[number];

/** A row of the paper's structure table, with numbers. */
export interface GroupSummary extends Counts {
  readonly name: GroupName;
  readonly output: Shape;
  /** Output channels of the group (the stem: 16 or 64; the head: classes). */
  readonly width: number;
  /** Width of the group's inner convs: a bottleneck's; otherwise the width. */
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
  /** How many rows the per-layer listing has. */
  readonly layerCount: number;
}

export interface NetworkWithLayers extends NetworkSummary {
  readonly layers: readonly LayerRow[];
}

/** A network and its totals, without groups or layers: what grid cells and fit candidates carry. */
export interface ModelTotals {
  readonly model: NetworkSpec;
  readonly totals: Totals;
}

/** Listing more layers than this is refused, to keep memory bounded (about 30 MB of rows). */
export const MAX_LISTED_LAYERS = 100_000;

interface GroupWalk {
  readonly name: string;
  readonly tally: Tally;
  output: Tensor | undefined;
}

/** A visitor adding up each group's parts (a repeated block × N − 1), and the tensor each group ends with. */
function groupsVisitor(): { readonly visitor: WalkVisitor; readonly walks: GroupWalk[] } {
  const walks: GroupWalk[] = [];
  const visitor: WalkVisitor = {
    part({ part, tally, times, output }) {
      let walk = walks[walks.length - 1];
      if (walk?.name !== part.group) {
        walk = { name: part.group, tally: emptyTally(), output: undefined };
        walks.push(walk);
      }
      addTally(walk.tally, tally, times);
      walk.output = output;
    },
  };
  return { visitor, walks };
}

/** The structure-table facts of a group (or the stem, or the head), read off the description. */
function groupFacts(
  description: NetworkDescription,
  index: number,
  output: Tensor,
): Omit<GroupSummary, keyof Counts | 'name' | 'output' | 'receptiveField'> {
  const group = description.groups[index - 1];
  if (group !== undefined) {
    const { width, innerWidth, blocks, stride, kernels } = group;
    return { width, innerWidth, blocks, stride, kernels };
  }
  if (index === 0) {
    const conv = description.stem.find((op) => op.kind === 'conv');
    const width = conv?.kind === 'conv' ? conv.outChannels : output.c;
    // The stem's strides (conv, max pool) multiply into the jump between its output units.
    return { width, innerWidth: width, blocks: 1, stride: output.field.jh, kernels: conv?.kind === 'conv' ? [conv.kernel] : [] };
  }
  return { width: output.c, innerWidth: output.c, blocks: 1, stride: 1, kernels: [] };
}

function summaryOf(description: NetworkDescription, walks: readonly GroupWalk[]): NetworkSummary {
  let layerCount = 0;
  const groups = walks.map((walk, index): GroupSummary => {
    layerCount = checkedAdd('layer count', layerCount, checkedLayers(walk.tally));
    const output = walk.output as Tensor;
    return {
      name: walk.name as GroupName,
      output: shapeOf(output),
      ...pickCounts(checkedCounts(walk.tally)),
      ...groupFacts(description, index, output),
      receptiveField: receptiveFieldOf(output.field),
    };
  });
  return { model: description.spec, groups, totals: deriveTotals(sumCounts(groups)), layerCount };
}

/** Groups and totals of a resolved network: one walk, flat in depth. */
export function summarizeSpec(spec: NetworkSpec): NetworkSummary {
  const description = describeNetwork(spec);
  const { visitor, walks } = groupsVisitor();
  walkNetwork(description, visitor);
  return summaryOf(description, walks);
}

/** The whole summary of a network: model, groups, totals. */
export function summarizeNetwork(options: NetworkOptions): NetworkSummary {
  return summarizeSpec(resolveNetwork(options));
}

/** The summary and every layer, from one walk; more than MAX_LISTED_LAYERS rows are refused. */
export function listLayers(options: NetworkOptions): NetworkWithLayers {
  const description = describeNetwork(resolveNetwork(options));
  const groups = groupsVisitor();
  const listing = listingVisitor();
  walkNetwork(description, {
    op: (visit) => listing.visitor.op?.(visit),
    part: (visit) => {
      groups.visitor.part?.(visit);
      listing.visitor.part?.(visit);
    },
  });
  const summary = summaryOf(description, groups.walks);
  if (summary.layerCount > MAX_LISTED_LAYERS) {
    throw new WrnError({ code: 'TOO_MANY_LAYERS', layers: summary.layerCount, limit: MAX_LISTED_LAYERS });
  }
  return { ...summary, layers: listing.rows() };
}

/** The totals alone (a grid cell, a fit candidate, a budget check): the same walk, adding up everything. */
export function totalsOfSpec(spec: NetworkSpec): Totals {
  const total = emptyTally();
  walkNetwork(describeNetwork(spec), { part: ({ tally, times }) => addTally(total, tally, times) });
  return deriveTotals(checkedCounts(total));
}

/** What a walk of a network adds up, kept apart: the parts that count once, and each group's repeated block. */
interface Parts {
  readonly once: Tally;
  readonly repeated: readonly Tally[];
}

/**
 * One walk of `spec`'s structure with at least two blocks in every group, so that every
 * group's repeated block is walked once: the totals of any blocks per group follow by
 * addition (the repeated block stands for N − 1 blocks, as in every walk).
 */
function walkParts(spec: NetworkSpec): Parts {
  const description = describeNetwork({ ...spec, blocksPerGroup: spec.blocksPerGroup.map((n) => Math.max(n, 2)) });
  const once = emptyTally();
  const repeated: Tally[] = [];
  walkNetwork(description, {
    part: ({ part, tally }) => {
      if (part.block === 1) repeated.push({ ...tally });
      else addTally(once, tally);
    },
  });
  return { once, repeated };
}

function totalsOfParts(parts: Parts, blocksPerGroup: readonly number[]): Totals {
  const total = emptyTally();
  addTally(total, parts.once);
  parts.repeated.forEach((tally, g) => addTally(total, tally, (blocksPerGroup[g] ?? 1) - 1));
  return deriveTotals(checkedCounts(total));
}

/** Everything about a spec that its description depends on, but its blocks per group (and so its depth and name). */
function structureKey(spec: NetworkSpec): string {
  return JSON.stringify({ ...spec, name: '', depth: 0, blocksPerGroup: [] });
}

/**
 * totalsOfSpec for many networks (grid cells, fit candidates): networks that differ only in
 * their blocks per group share one walk of their structure. Where that walk is refused (a
 * repeated block that a network with one block per group never walks), each network is
 * counted on its own, with its own count or its own refusal.
 */
export function totalsCounter(): (spec: NetworkSpec) => Totals {
  const byStructure = new Map<string, Parts | null>();
  return (spec) => {
    const key = structureKey(spec);
    let parts = byStructure.get(key);
    if (parts === undefined) {
      try {
        parts = walkParts(spec);
      } catch (error) {
        if (!isWrnError(error)) throw error;
        parts = null;
      }
      byStructure.set(key, parts);
    }
    return parts === null ? totalsOfSpec(spec) : totalsOfParts(parts, spec.blocksPerGroup);
  };
}

/** The receptive field of one unit of the last group of blocks (the head pools it all away). */
export function receptiveField(spec: NetworkSpec): ReceptiveField {
  const { groups } = summarizeSpec(spec);
  return (groups[groups.length - 2] ?? groups[0])?.receptiveField ?? receptiveFieldOf({ rh: 1, rw: 1, jh: 1, jw: 1, sh: 0, sw: 0 });
}

/** Which group a listed layer belongs to, by its name. */
export function groupOf(layerName: string): GroupName {
  const prefix = layerName.split('.')[0];
  return GROUP_NAMES.find((name) => name === prefix) ?? 'head';
}
