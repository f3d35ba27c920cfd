import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listLayers, summarizeNetwork } from '../../src/core/index.js';

import type { NetworkOptions } from '../../src/core/index.js';
import { expectRowsSumToTotals } from '../helpers/sums.js';
import { totalsOf } from '../helpers/totals.js';

/**
 * test/fixtures/reference/family.json is made by scripts/reference/family_reference.py: torchvision's own
 * model objects for its names, and the same family built from real nn.Conv2d, nn.BatchNorm2d, nn.MaxPool2d
 * and nn.Linear modules for the rest (one forward pass with hooks). Nothing here comes from our formulas.
 */
interface FamilyReference {
  readonly id: string;
  readonly source: string;
  readonly options: Required<Pick<NetworkOptions, 'family' | 'block' | 'order' | 'shortcut' | 'k' | 'classes' | 'convBias' | 'dropout'>> & {
    readonly blocksPerGroup: number[];
    readonly input: [number, number, number];
  };
  readonly totals: { params: number; buffers: number; macs: number };
  readonly groups: readonly { name: string; output: number[] }[];
  readonly layers: readonly { name: string; type: 'conv' | 'linear'; output: number[]; params: number; macs: number }[];
}

const reference = (
  JSON.parse(readFileSync(new URL('../fixtures/reference/family.json', import.meta.url), 'utf8')) as { configs: FamilyReference[] }
).configs;

/** Options as the fixture states them; the depth follows from the blocks (resnet rule: no CIFAR WRN label needed). */
const optionsOf = (config: FamilyReference): NetworkOptions => ({ ...config.options, depthRule: 'resnet' });

describe('the ResNet family against PyTorch and torchvision, layer by layer', () => {
  it('covers both families, both block kinds, both orders and both shortcuts, torchvision included', () => {
    expect(reference.length).toBeGreaterThanOrEqual(40);
    const kinds = new Set(
      reference.map(({ options: o }) => `${o.family}/${o.block === 'bottleneck' ? 'bottleneck' : 'basic'}/${o.order}/${o.shortcut}`),
    );
    expect(kinds.size).toBeGreaterThanOrEqual(12);
    expect(reference.filter((config) => config.source.startsWith('torchvision.models.')).map((config) => config.id)).toEqual(
      expect.arrayContaining(['resnet18', 'resnet34', 'resnet50', 'resnet101', 'resnet152', 'wide_resnet50_2', 'wide_resnet101_2']),
    );
  });

  it.each(reference.map((config) => [config.id, config] as const))(
    '%s: totals, group outputs and every conv and linear layer',
    (_, config) => {
      const network = listLayers(optionsOf(config));
      expect({ params: network.totals.params, buffers: network.totals.buffers, macs: network.totals.macs }).toEqual(config.totals);
      expect(network.groups.map((group) => ({ name: group.name, output: [...group.output] }))).toEqual(config.groups);
      // Execution order; names are PyTorch's module paths there, so the comparison is by position.
      const ours = network.layers
        .filter((layer) => layer.type === 'conv' || layer.type === 'shortcut' || layer.type === 'linear')
        .map((layer) => ({
          type: layer.type === 'linear' ? 'linear' : 'conv',
          output: [...layer.output],
          params: layer.params,
          macs: layer.macs,
        }));
      expect(ours).toEqual(config.layers.map(({ type, output, params, macs }) => ({ type, output, params, macs })));
      expectRowsSumToTotals(network);
      // Totals alone (grid cells, fit, check) walk the description's program instead of its groups.
      expect(totalsOf(optionsOf(config))).toEqual(network.totals);
    },
  );

  it.each(reference.filter((config) => config.source === `torchvision.models.${config.id}`).map((config) => [config.id] as const))(
    "the preset %s is torchvision's model",
    (id) => {
      const config = reference.find((c) => c.id === id);
      expect(summarizeNetwork({ model: id }).totals).toMatchObject(config?.totals ?? {});
    },
  );
});
