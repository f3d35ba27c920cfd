import { describe, expect, it } from 'vitest';
import { fitToBudget, trainingMemory } from '../../src/core/index.js';

import type { FitRequest } from '../../src/core/index.js';
import { totalsOf } from '../helpers/totals.js';

/*
 * fit's handling of the request beyond depth and k: the training step a trainBytes
 * budget is checked at, and what counts as a valid depth or k on ImageNet.
 */

const REQUEST: Omit<FitRequest, 'depths' | 'ks' | 'budget'> = { shape: {}, objective: 'params', pareto: false, top: Infinity };

describe('a trainBytes budget', () => {
  it("is checked at the request's batch and optimizer, which each candidate carries", () => {
    const training = { batch: 4, optimizer: 'adam' } as const;
    // Exactly WRN-16-1's step at batch 4 with Adam: WRN-16-2 is over it.
    const limit = trainingMemory(totalsOf({ depth: 16, k: 1 }), 10, training).totalBytes;
    const { candidates, within } = fitToBudget({ ...REQUEST, depths: [16], ks: [1, 2], budget: { trainBytes: limit }, training });
    expect(within).toBe(1);
    expect(candidates.map((c) => [c.model.name, c.training.batch, c.training.optimizer, c.training.totalBytes])).toEqual([
      ['WRN-16-1', 4, 'adam', limit],
    ]);
  });

  it('defaults to one image with momentum', () => {
    const [candidate] = fitToBudget({ ...REQUEST, depths: [16], ks: [1], budget: { params: 1e9 } }).candidates;
    expect(candidate?.training).toMatchObject({ batch: 1, optimizer: 'momentum' });
  });
});

describe('valid depths and widths on ImageNet', () => {
  it("skips depths outside torchvision's table, and k whose ImageNet widths (64k, …, 512k) are not whole", () => {
    // k = 1/32 gives 2, 4, 8, 16 channels on ImageNet (a CIFAR network would need 16k = 0.5); k = 0.01 gives 0.64.
    const result = fitToBudget({
      ...REQUEST,
      depths: [18, 26, 34],
      ks: [1, 1 / 32, 0.01],
      shape: { family: 'imagenet' },
      budget: { params: 1e12 },
    });
    expect(result.skippedDepths).toEqual([26]);
    expect(result.skippedKs).toEqual([0.01]);
    expect(result.evaluated).toBe(4);
    expect(result.candidates.map((c) => c.model.name)).toEqual(['ResNet-34', 'ResNet-18', 'WRN-34-0.03125', 'WRN-18-0.03125']);
  });
});

describe('refusals fit does not take for a skipped depth or k', () => {
  it('an option no depth could satisfy (a dropout of 1) is thrown, not taken for depths that do not fit', () => {
    expect(() => fitToBudget({ ...REQUEST, depths: [16], ks: [1], shape: { dropout: 1 }, budget: { params: 1e9 } })).toThrow(
      'Dropout must be at least 0 and below 1, got 1.',
    );
  });

  it('an unknown model is thrown, not taken for a k whose widths are not whole', () => {
    expect(() => fitToBudget({ ...REQUEST, depths: [], ks: [1], shape: { model: 'nope' }, budget: { params: 1e9 } })).toThrow(
      /^Model 'nope' is not known/,
    );
  });
});
