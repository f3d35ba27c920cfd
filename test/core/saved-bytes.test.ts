import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listLayers, summarizeNetwork, trainingMemory } from '../../src/core/index.js';

import type { NetworkOptions } from '../../src/core/index.js';
import { totalsOf } from '../helpers/totals.js';

/**
 * test/fixtures/reference/saved-bytes.json is made by scripts/reference/saved_bytes.py: one training-mode
 * forward pass of real PyTorch modules (torchvision's own models for its names) under
 * torch.autograd.graph.saved_tensors_hooks, each storage counted once, the model's parameters and buffers
 * left out, at three batch sizes. Nothing here comes from our formulas.
 */
interface SavedReference {
  readonly id: string;
  readonly source: string;
  readonly options: NetworkOptions & { blocksPerGroup: number[] };
  readonly batches: readonly number[];
  readonly savedBytes: readonly number[];
  readonly perImage: number;
  readonly fixed: number;
}

const reference = (
  JSON.parse(readFileSync(new URL('../fixtures/reference/saved-bytes.json', import.meta.url), 'utf8')) as { configs: SavedReference[] }
).configs;
const optionsOf = (config: SavedReference): NetworkOptions => ({ ...config.options, depthRule: 'resnet' });

describe('saved activation bytes against PyTorch autograd, to the byte', () => {
  it('covers CIFAR WRNs with and without dropout, other blocks, ImageNet with max pool, bottleneck and zero-pad', () => {
    expect(reference.length).toBeGreaterThanOrEqual(25);
    const options = reference.map((c) => c.options);
    expect(options.some((o) => (o.dropout ?? 0) > 0)).toBe(true);
    expect(options.some((o) => o.family === 'imagenet')).toBe(true);
    expect(options.some((o) => o.block === 'bottleneck')).toBe(true);
    expect(options.some((o) => o.shortcut === 'zero-pad')).toBe(true);
    expect(options.some((o) => o.input?.[0] === 1)).toBe(true);
    expect(options.some((o) => o.input !== undefined && o.input[1] !== o.input[2])).toBe(true);
    expect(reference.some((c) => c.source.startsWith('torchvision.models.'))).toBe(true);
  });

  it.each(reference.map((config) => [config.id, config] as const))('%s: every batch size', (_, config) => {
    const { totals, model } = summarizeNetwork(optionsOf(config));
    expect({ perImage: totals.savedBytesPerImage, fixed: totals.savedBytesFixed }).toEqual({
      perImage: config.perImage,
      fixed: config.fixed,
    });
    config.batches.forEach((batch, i) => {
      expect(trainingMemory(totals, model.classes, { batch }).savedActivationBytes).toBe(config.savedBytes[i]);
    });
    // Totals alone (grid cells, fit, check) walk the description's program instead of its groups.
    expect(totalsOf(optionsOf(config))).toEqual(totals);
  });

  it("the listing's rows add up to the same bytes", () => {
    for (const config of reference.slice(0, 12)) {
      const network = listLayers(optionsOf(config));
      expect(network.layers.reduce((sum, layer) => sum + layer.savedBytesPerImage, 0)).toBe(config.perImage);
      expect(network.layers.reduce((sum, layer) => sum + layer.savedBytesFixed, 0)).toBe(config.fixed);
    }
  });
});
