import { buildBlock } from './block.js';
import type { BlockResult } from './block.js';
import { addCounts, pickCounts, scaleCounts, sumCounts } from './counts.js';
import type { Counts } from './counts.js';
import { WrnError } from './errors.js';
import { deriveTotals } from './memory.js';
import type { Totals } from './memory.js';
import { bnReluLayer, convLayer, globalAvgPoolLayer, linearLayer } from './layers.js';
import type { LayerRow, Shape } from './layers.js';
import { GROUP_STRIDES, STEM_CHANNELS, resolveWrn } from './spec.js';
import type { WrnOptions, WrnSpec } from './spec.js';

export const GROUP_NAMES = ['conv1', 'conv2', 'conv3', 'conv4', 'head'] as const;
export type GroupName = (typeof GROUP_NAMES)[number];

/** A row of the paper's structure table, with numbers. */
export interface GroupSummary extends Counts {
  readonly name: GroupName;
  readonly output: Shape;
  /** Output channels of every conv in the group (the stem: 16; the head: classes). */
  readonly width: number;
  /** Blocks in the group: 1 for the stem and the head. */
  readonly blocks: number;
  readonly stride: number;
  /** Kernel sizes of the group's convs: the stem's `[3]`, a block's `[3, 3]`, the head's `[]`. */
  readonly kernels: readonly number[];
}

export interface WrnSummary {
  readonly model: WrnSpec;
  readonly groups: readonly GroupSummary[];
  readonly totals: Totals;
  /** How many rows `listWrnLayers` would return. */
  readonly layerCount: number;
}

export interface WrnNetwork extends WrnSummary {
  readonly layers: readonly LayerRow[];
}

/** Listing more layers than this is refused, to keep memory bounded (about 30 MB of rows). */
export const MAX_LISTED_LAYERS = 100_000;

const STEM_NAME = 'conv1.conv';

function stemLayer(spec: WrnSpec): LayerRow {
  return convLayer(STEM_NAME, spec.input, { outChannels: STEM_CHANNELS, kernel: 3, stride: 1, padding: 1, dilation: 1, groups: 1, bias: spec.convBias });
}

function headLayers(spec: WrnSpec, input: Shape): LayerRow[] {
  const bn = bnReluLayer('head.bn', input);
  const pool = globalAvgPoolLayer('head.pool', bn.output);
  return [bn, pool, linearLayer('head.fc', pool.output, spec.classes)];
}

function wrnBlock(spec: WrnSpec, group: number, index: number, input: Shape): BlockResult {
  const name = `${GROUP_NAMES[group + 1]}.block${index}`;
  const block = buildBlock(name, input, {
    width: spec.widths[group] ?? 0,
    kernels: spec.block,
    stride: index === 0 ? GROUP_STRIDES[group] ?? 1 : 1,
    padding: 'same',
    dilation: 1,
    convBias: spec.convBias,
    dropout: spec.dropout,
  });
  if (!block.residual.ok) {
    throw new WrnError({ code: 'RESIDUAL_MISMATCH', block: name, main: block.residual.main, shortcut: block.residual.shortcutShape });
  }
  return block;
}

function group(name: GroupName, output: Shape, counts: Counts, extra: Pick<GroupSummary, 'width' | 'blocks' | 'stride' | 'kernels'>): GroupSummary {
  return { name, output, ...pickCounts(counts), ...extra };
}

/**
 * Totals by closed form per group: only the first block of a group differs
 * (stride, projection shortcut); the other N−1 are identical, so a group costs
 * block0 + (N−1)·block1 whatever N is. Nothing here grows with depth.
 */
export function summarizeSpec(spec: WrnSpec): WrnSummary {
  const stem = stemLayer(spec);
  const groups: GroupSummary[] = [group('conv1', stem.output, stem, { width: STEM_CHANNELS, blocks: 1, stride: 1, kernels: [3] })];
  let current = stem.output;
  let layerCount = 1;
  spec.widths.forEach((width, g) => {
    const first = wrnBlock(spec, g, 0, current);
    let counts: Counts = first;
    if (spec.blocksPerGroup > 1) {
      const repeated = wrnBlock(spec, g, 1, first.output);
      counts = addCounts(first, scaleCounts(repeated, spec.blocksPerGroup - 1));
      layerCount += repeated.layers.length * (spec.blocksPerGroup - 1);
    }
    layerCount += first.layers.length;
    current = first.output;
    groups.push(group(GROUP_NAMES[g + 1] ?? 'conv2', current, counts, { width, blocks: spec.blocksPerGroup, stride: GROUP_STRIDES[g] ?? 1, kernels: spec.block }));
  });
  const head = headLayers(spec, current);
  layerCount += head.length;
  groups.push(group('head', [spec.classes], sumCounts(head), { width: spec.classes, blocks: 1, stride: 1, kernels: [] }));
  return { model: spec, groups, totals: deriveTotals(sumCounts(groups)), layerCount };
}

/** Every layer in execution order: stem; each block's BN-ReLU, conv, shortcut and add; head BN-ReLU, pool, linear. */
export function listSpecLayers(spec: WrnSpec, layerCount: number): LayerRow[] {
  if (layerCount > MAX_LISTED_LAYERS) throw new WrnError({ code: 'TOO_MANY_LAYERS', layers: layerCount, limit: MAX_LISTED_LAYERS });
  const layers: LayerRow[] = [stemLayer(spec)];
  let current = layers[0]?.output ?? spec.input;
  spec.widths.forEach((_, g) => {
    for (let b = 0; b < spec.blocksPerGroup; b++) {
      const block = wrnBlock(spec, g, b, current);
      layers.push(...block.layers);
      current = block.output;
    }
  });
  layers.push(...headLayers(spec, current));
  return layers;
}

export function groupOf(layerName: string): GroupName {
  const prefix = layerName.split('.')[0];
  return GROUP_NAMES.find((name) => name === prefix) ?? 'head';
}

/** The whole summary of a network: model, groups, totals (closed form). */
export function summarizeWrn(options: WrnOptions): WrnSummary {
  return summarizeSpec(resolveWrn(options));
}

/** The summary plus every layer, listed one by one. */
export function buildWrn(options: WrnOptions): WrnNetwork {
  const summary = summarizeWrn(options);
  return { ...summary, layers: listSpecLayers(summary.model, summary.layerCount) };
}
