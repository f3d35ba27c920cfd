import { describe, expect, it } from 'vitest';
import {
  countNetwork,
  describeNetwork,
  listNetwork,
  modelTotals,
  resolveNetwork,
  sharedPartsCounter,
  summarizeNetwork,
  totalsOfSpec,
} from '../../src/core/index.js';
import type { NetworkOptions } from '../../src/core/index.js';

/*
 * The ways the core counts a network without listing it (the description's program for
 * totals, the group walk for summaries, shared parts for grid and fit) against the layer
 * listing, which walks every block.
 */

const NETWORKS: readonly NetworkOptions[] = [
  { depth: 28, k: 10 },
  { blocksPerGroup: [1, 3, 2], k: 2, block: [3, 1, 3] },
  { blocksPerGroup: 1, k: 1 },
  { model: 'resnet50' },
  { model: 'resnet110' },
  { model: 'preact-resnet164', dropout: 0.3 },
  { family: 'imagenet', blocksPerGroup: [2, 1, 3, 1], k: 2, order: 'pre', shortcut: 'zero-pad', input: [3, 65, 40] },
];

describe('the totals counter', () => {
  it.each(NETWORKS.map((options) => [JSON.stringify(options), options] as const))('%s: as many rows as the listing', (_, options) => {
    const description = describeNetwork(resolveNetwork(options));
    const rows = listNetwork(description).length;
    expect(countNetwork(description).rows).toBe(rows);
    expect(summarizeNetwork(options).layerCount).toBe(rows);
  });

  it('modelTotals is the resolved spec with its totals', () => {
    for (const options of NETWORKS) {
      expect(modelTotals(options)).toEqual({ model: resolveNetwork(options), totals: summarizeNetwork(options).totals });
    }
  });
});

describe('one counter shared by many networks (grid cells, fit candidates)', () => {
  it('shares parts only between networks that differ in N, whatever else differs', () => {
    const count = sharedPartsCounter();
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
    );
    // Interleaved, so that each structure's parts are made once and then reused.
    for (const options of [...variants, ...variants.reverse()]) {
      const spec = resolveNetwork(options);
      expect(count(spec), JSON.stringify(options)).toEqual(totalsOfSpec(spec));
    }
  });
});
