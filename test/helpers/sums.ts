import { expect } from 'vitest';
import { GROUP_NAMES, groupOf } from '../../src/core/index.js';
import type { Counts, GroupSummary, LayerRow, Totals } from '../../src/core/index.js';

const KEYS = ['params', 'buffers', 'macs', 'activationElements'] as const;

/** torchinfo's check: the layer rows add up to each group, and the groups to the totals. */
export function expectRowsSumToTotals(network: {
  layers: readonly LayerRow[];
  groups: readonly GroupSummary[];
  totals: Totals | Counts;
}): void {
  // Every row belongs to a group the summary lists (conv5 only on ImageNet).
  expect(new Set(network.layers.map((layer) => groupOf(layer.name)))).toEqual(new Set(network.groups.map((g) => g.name)));
  for (const name of GROUP_NAMES.filter((group) => network.groups.some((g) => g.name === group))) {
    const rows = network.layers.filter((layer) => groupOf(layer.name) === name);
    const group = network.groups.find((g) => g.name === name);
    for (const key of KEYS) {
      expect(
        rows.reduce((sum, row) => sum + row[key], 0),
        `${name} ${key}`,
      ).toBe(group?.[key]);
    }
  }
  for (const key of KEYS) {
    expect(
      network.groups.reduce((sum, g) => sum + g[key], 0),
      `total ${key}`,
    ).toBe(network.totals[key]);
    expect(
      network.layers.reduce((sum, row) => sum + row[key], 0),
      `layers ${key}`,
    ).toBe(network.totals[key]);
  }
}
