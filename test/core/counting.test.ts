import { describe, expect, it } from 'vitest';
import { describeNetwork, listLayers, resolveNetwork, summarizeNetwork, totalsOfSpec, walkNetwork } from '../../src/core/index.js';
import { totalsCounter } from '../../src/core/network.js';
import type { NetworkOptions } from '../../src/core/index.js';
import { expectRowsSumToTotals } from '../helpers/sums.js';
import { modelTotalsOf } from '../helpers/totals.js';

/*
 * The one walk and what is made of it: the listing (every block, each repeated block's rows
 * once per block it stands for), the summary (each group added up) and the totals agree.
 */

const NETWORKS: readonly NetworkOptions[] = [
  { depth: 28, k: 10 },
  { blocksPerGroup: [1, 3, 2], k: 2, block: [3, 1, 3] },
  { blocksPerGroup: 1, k: 1 },
  { model: 'resnet50' },
  { model: 'resnet110' },
  { model: 'preact-resnet164', dropout: 0.3 },
  { model: 'resnext50_32x4d', input: [3, 97, 64] },
  { family: 'imagenet', order: 'pre', block: 'bottleneck', k: 1, blocksPerGroup: [2, 3, 1, 2] },
  { family: 'imagenet', blocksPerGroup: [2, 1, 3, 1], k: 2, order: 'pre', shortcut: 'zero-pad', input: [3, 65, 40] },
  { blocksPerGroup: [2, 1, 3], block: 'bottleneck', groups: 4, k: 2, order: 'post', bottleneckStride: '1x1', dropout: 0.2 },
];

describe('the one walk', () => {
  it.each(NETWORKS.map((options) => [JSON.stringify(options), options] as const))('%s: listing, summary and totals agree', (_, options) => {
    const network = listLayers(options);
    expect(summarizeNetwork(options).layerCount).toBe(network.layers.length);
    expect(network.layerCount).toBe(network.layers.length);
    expectRowsSumToTotals(network);
    expect(totalsOfSpec(resolveNetwork(options))).toEqual(network.totals);
  });

  it('walks each distinct block once: a repeated block stands for N − 1 blocks', () => {
    for (const options of NETWORKS) {
      const description = describeNetwork(resolveNetwork(options));
      let ops = 0;
      const times: number[] = [];
      walkNetwork(description, { op: () => (ops += 1), part: (visit) => times.push(visit.times) });
      const blocks = description.groups.map((group) => group.blocks);
      const opsOf = (block: (typeof description.groups)[number]['first']) =>
        block.preact.length + block.main.length + block.shortcut.length + 1 + block.after.length;
      const expected =
        description.stem.length +
        description.head.length +
        description.groups.reduce((sum, group) => sum + opsOf(group.first) + (group.blocks > 1 ? opsOf(group.repeated) : 0), 0);
      expect(ops).toBe(expected);
      expect(times).toEqual([1, ...blocks.flatMap((n) => (n > 1 ? [1, n - 1] : [1])), 1]);
    }
  });

  it('modelTotalsOf is the resolved spec with its totals', () => {
    for (const options of NETWORKS) {
      expect(modelTotalsOf(options)).toEqual({ model: resolveNetwork(options), totals: summarizeNetwork(options).totals });
    }
  });
});

describe('one counter for many networks (grid cells, fit candidates)', () => {
  it('shares a walk only between networks that differ in N, whatever else differs', () => {
    const count = totalsCounter();
    const variants: NetworkOptions[] = [];
    for (const blocksPerGroup of [1, 2, 5]) {
      for (const change of [
        {},
        { classes: 100 },
        { dropout: 0.3 },
        { input: [1, 28, 28] },
        { convBias: true },
        { order: 'post' },
        { shortcut: 'zero-pad' },
        { k: 3 },
        { block: [3, 1, 3] },
        { block: 'bottleneck', groups: 2 },
        { block: 'bottleneck', groups: 2, bottleneckStride: '3x3' },
      ] as const) {
        variants.push({ k: 2, blocksPerGroup, ...change });
      }
    }
    variants.push(
      { model: 'resnet18' },
      { model: 'resnet34' },
      { model: 'resnet50' },
      { model: 'resnet101' },
      { model: 'wide_resnet50_2' },
      { model: 'resnext50_32x4d' },
      { model: 'preresnet200' },
    );
    // Interleaved, so that each structure's walk is made once and then reused.
    for (const options of [...variants, ...variants.reverse()]) {
      const spec = resolveNetwork(options);
      expect(count(spec), JSON.stringify(options)).toEqual(totalsOfSpec(spec));
    }
  });
});
