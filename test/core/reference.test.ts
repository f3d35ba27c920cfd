import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listLayers } from '../../src/core/index.js';
import { totalsOf } from '../helpers/totals.js';

/**
 * test/fixtures/reference/pytorch.json is made by scripts/reference/wrn_reference.py: real nn.Conv2d,
 * nn.BatchNorm2d and nn.Linear modules, one forward pass with hooks. Nothing here is derived from our formulas.
 */
interface ReferenceLayer {
  name: string;
  type: 'conv' | 'linear';
  output: number[];
  params: number;
  macs: number;
}
interface ReferenceConfig {
  id: string;
  spec: { blocksPerGroup: number; k: number; block: number[]; input: [number, number, number]; classes: number; convBias: boolean };
  totals: { params: number; buffers: number; macs: number };
  layers: ReferenceLayer[];
}

const reference = JSON.parse(readFileSync(new URL('../fixtures/reference/pytorch.json', import.meta.url), 'utf8')) as {
  configs: ReferenceConfig[];
};

describe('PyTorch reference fixtures', () => {
  it('cover a broad matrix', () => {
    expect(reference.configs.length).toBeGreaterThanOrEqual(60);
  });

  it.each(reference.configs.map((config) => [config.id, config] as const))(
    '%s: totals and every conv/linear layer match exactly',
    (_, config) => {
      const network = listLayers(config.spec);
      expect({ params: network.totals.params, buffers: network.totals.buffers, macs: network.totals.macs }).toEqual(config.totals);
      const ours = network.layers
        .filter((layer) => layer.type === 'conv' || layer.type === 'shortcut' || layer.type === 'linear')
        .map((layer) => ({
          name: layer.name,
          type: layer.type === 'linear' ? 'linear' : 'conv',
          output: [...layer.output],
          params: layer.params,
          macs: layer.macs,
        }));
      expect(ours).toEqual(config.layers);
      expect({ params: network.totals.params, buffers: network.totals.buffers, macs: network.totals.macs }).toEqual(
        (({ params, buffers, macs }) => ({ params, buffers, macs }))(totalsOf(config.spec)),
      );
    },
  );
});
