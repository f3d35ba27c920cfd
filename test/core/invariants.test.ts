import { describe, expect, it } from 'vitest';
import { WrnError, listLayers, resolveNetwork, summarizeNetwork } from '../../src/core/index.js';

import type { NetworkOptions } from '../../src/core/index.js';
import { expectRowsSumToTotals } from '../helpers/sums.js';
import { totalsOf } from '../helpers/totals.js';

const NETWORKS: readonly NetworkOptions[] = [
  { depth: 10, k: 1 },
  { depth: 28, k: 10 },
  { depth: 40, k: 1.5, classes: 100 },
  { blocksPerGroup: 2, k: 3, block: [3, 1, 3], input: [3, 33, 33] },
  { blocksPerGroup: 3, k: 2, block: [1, 3, 1], input: [1, 28, 28], convBias: true },
  { blocksPerGroup: 5, k: 4, block: [3], input: [3, 40, 24], classes: 200 },
  { blocksPerGroup: 1, k: 12, block: [3, 3, 3, 3], input: [3, 64, 64], dropout: 0.3 },
];

function convParams(options: NetworkOptions): number {
  return listLayers(options)
    .layers.filter((l) => l.type === 'conv' || l.type === 'shortcut')
    .reduce((sum, l) => sum + l.params, 0);
}

describe('invariants on every network', () => {
  it.each(NETWORKS)('layers sum to groups and groups to totals: %o', (options) => {
    expectRowsSumToTotals(listLayers(options));
  });

  it.each(NETWORKS)('the closed form equals the layer-by-layer sum: %o', (options) => {
    const listed = listLayers(options);
    const closed = summarizeNetwork(options);
    expect(closed.totals).toEqual(listed.totals);
    expect(closed.layerCount).toBe(listed.layers.length);
  });

  it.each(NETWORKS)('the arithmetic closed form (totalsOf) equals the summary: %o', (options) => {
    expect(totalsOf(options)).toEqual(summarizeNetwork(options).totals);
  });

  it.each([
    { depth: 16, k: 1, block: [2, 2] },
    { depth: 28, k: 100_000 },
    { blocksPerGroup: 2 ** 40, k: 1 },
  ])('totalsOf hands unusual networks to the summary, which throws the coded error: %o', (options) => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof WrnError ? error.issue.code : 'not a WrnError';
      }
      return 'no error';
    };
    expect(codeOf(() => totalsOf(options))).toBe(codeOf(() => summarizeNetwork(options)));
    expect(codeOf(() => resolveNetwork(options))).toBe('no error');
  });

  it("activation elements are the sum of the listed layers' outputs", () => {
    const network = listLayers({ depth: 16, k: 2 });
    const byShape = network.layers.reduce((sum, l) => sum + l.output.reduce((a, b) => a * b, 1), 0);
    expect(network.totals.activationElements).toBe(byShape);
  });
});

describe('growth laws', () => {
  // conv params as a polynomial in k for fixed N: a·k² + b·k + c, for k ≠ 1 (at k = 1 conv2 needs no
  // projection shortcut, so k = 1 sits below the parabola). Constant second differences mean exactly quadratic;
  // the stem is the constant term.
  it.each([1, 2, 4])('conv params are exactly quadratic in k at N = %i', (blocksPerGroup) => {
    const values = [2, 3, 4, 5, 6].map((k) => convParams({ blocksPerGroup, k }));
    const first = values.slice(1).map((v, i) => v - (values[i] ?? 0));
    const second = first.slice(1).map((v, i) => v - (first[i] ?? 0));
    expect(new Set(second).size).toBe(1);
    expect(second[0]).toBeGreaterThan(0);
    // Doubling k multiplies conv params by just under 4 (the linear terms are the stem-fed convs).
    const ratio = convParams({ blocksPerGroup, k: 16 }) / convParams({ blocksPerGroup, k: 8 });
    expect(ratio).toBeGreaterThan(3.9);
    expect(ratio).toBeLessThan(4.01);
  });

  it.each([
    { k: 1, block: [3, 3] },
    { k: 10, block: [3, 3] },
    { k: 2, block: [3, 1, 3] },
  ])('params grow by a constant per added block per group (k = $k, $block)', ({ k, block }) => {
    const totals = [1, 2, 3, 4, 5, 6].map((n) => summarizeNetwork({ blocksPerGroup: n, k, block }).totals);
    for (const key of ['params', 'macs', 'buffers'] as const) {
      const steps = totals.slice(1).map((t, i) => t[key] - (totals[i]?.[key] ?? 0));
      expect(new Set(steps).size, key).toBe(1);
    }
    // The increment is one identity block per group: for B(3,3) at width w, 2·(9w² + 2w) params.
    if (block.length === 2) {
      const widths = [16 * k, 32 * k, 64 * k];
      const perBlock = widths.reduce((sum, w) => sum + 2 * (9 * w * w + 2 * w), 0);
      expect((totals[1]?.params ?? 0) - (totals[0]?.params ?? 0)).toBe(perBlock);
    }
  });
});
