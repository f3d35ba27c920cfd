import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveNetwork, smallestBatchNormMap, smallestTrainableBatch } from '../../src/core/index.js';
import type { NetworkOptions } from '../../src/core/index.js';

/**
 * test/fixtures/reference/batch-norm.json is made by scripts/reference/batch_norm.py: the networks built from
 * real nn.BatchNorm2d modules (torchvision's own objects for its names), the values per channel each BN layer
 * received (forward pre-hooks), and whether a training-mode forward pass at batch 1 and 2 was refused.
 */
interface BatchNormReference {
  readonly id: string;
  readonly source: string;
  readonly options: Required<Pick<NetworkOptions, 'family' | 'block' | 'order' | 'shortcut' | 'k' | 'classes' | 'convBias' | 'dropout'>> & {
    readonly blocksPerGroup: number[];
    readonly input: [number, number, number];
  };
  readonly batchNormLayers: number;
  readonly smallestValuesPerChannel: number;
  readonly refusedAtBatch1: string | null;
  readonly refusedAtBatch2: string | null;
}

const reference = (
  JSON.parse(readFileSync(new URL('../fixtures/reference/batch-norm.json', import.meta.url), 'utf8')) as {
    configs: BatchNormReference[];
  }
).configs;

const specOf = (config: BatchNormReference) => resolveNetwork({ ...config.options, depthRule: 'resnet' });

describe('batch norm at batch 1, against PyTorch', () => {
  it('covers networks PyTorch refuses at batch 1 and ones it trains, in both families and orders', () => {
    const refused = reference.filter((config) => config.refusedAtBatch1 !== null);
    expect(refused.length).toBeGreaterThanOrEqual(6);
    expect(reference.length - refused.length).toBeGreaterThanOrEqual(6);
    expect(new Set(refused.map(({ options: o }) => `${o.family}/${o.order}`)).size).toBe(4);
    for (const config of refused) expect(config.refusedAtBatch1).toMatch(/^Expected more than 1 value per channel when training/);
    expect(reference.every((config) => config.refusedAtBatch2 === null)).toBe(true);
  });

  it.each(reference.map((config) => [config.id, config] as const))('%s: the fewest values per channel of any BN layer', (_, config) => {
    expect(smallestBatchNormMap(specOf(config))).toBe(config.smallestValuesPerChannel);
  });

  it.each(reference.map((config) => [config.id, config] as const))('%s: the smallest batch PyTorch trains it at', (_, config) => {
    expect(smallestTrainableBatch(specOf(config))).toBe(config.refusedAtBatch1 === null ? 1 : 2);
  });

  it('walks a group once however many blocks it has (a network of a million blocks per group)', () => {
    expect(smallestBatchNormMap(resolveNetwork({ blocksPerGroup: 1_000_000, k: 1, input: [3, 4, 4] }))).toBe(1);
  });
});
