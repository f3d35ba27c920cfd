import { describe, expect, it } from 'vitest';
import {
  BUDGET_METRICS,
  METRIC_TOTAL,
  DTYPES,
  OPTIMIZERS,
  budgetValues,
  budgetedMetrics,
  bytesFor,
  checkBudget,
  deriveTotals,
  headroomPercent,
  trainingMemory,
  withinBudget,
} from '../../src/core/index.js';

import type { Counts, Totals } from '../../src/core/index.js';
import { cifarReference } from '../helpers/reference.js';
import { refusal } from '../helpers/refusal.js';
import { totalsOf } from '../helpers/totals.js';

/*
 * Budgets and the memory of a training step on small made-up counts, where every
 * number can be worked out by hand: fp32 is 4 bytes, fp16 and bf16 2; a training
 * step holds the weights, as many gradients, one (momentum) or two (Adam) optimizer
 * states per weight, BN's running statistics, what autograd keeps, and the logits.
 */

const COUNTS: Counts = { params: 100, buffers: 10, macs: 7, activationElements: 30, savedBytesPerImage: 1_000, savedBytesFixed: 50 };

describe('deriveTotals', () => {
  it('adds FLOPs (2 per MAC) and fp32/fp16 bytes of the parameters and activations, and keeps the counts', () => {
    expect(deriveTotals(COUNTS)).toEqual({
      params: 100,
      buffers: 10,
      macs: 7,
      flops: 14,
      activationElements: 30,
      paramBytesFp32: 400,
      paramBytesFp16: 200,
      activationBytesFp32: 120,
      activationBytesFp16: 60,
      savedBytesPerImage: 1_000,
      savedBytesFixed: 50,
    });
  });

  it('bytesFor knows fp32, fp16 and bf16', () => {
    expect(DTYPES).toEqual(['fp32', 'fp16', 'bf16']);
    expect(DTYPES.map((dtype) => bytesFor(3, dtype))).toEqual([12, 6, 6]);
  });
});

describe('trainingMemory', () => {
  // Made in each test (a call while collecting would be covered by no test, see grid.test.ts).
  const made = () => deriveTotals(COUNTS);
  // Weights 4·100 = 400 B; momentum 400; BN buffers 4·10 = 40; fixed 50 + 400 + 400 + 400 + 40 = 1,290.
  // Per image: 1,000 saved + 4·10 logits = 1,040.

  it('one image with momentum (the defaults)', () => {
    expect(trainingMemory(made(), 10)).toEqual({
      batch: 1,
      optimizer: 'momentum',
      precision: 'fp32',
      savedActivationBytes: 1_050,
      weightBytes: 400,
      gradientBytes: 400,
      optimizerBytes: 400,
      bufferBytes: 40,
      outputBytes: 40,
      totalBytes: 1_040 + 1_290,
      memoryBytes: null,
      maxBatch: null,
    });
  });

  it('a batch multiplies the per-image part only', () => {
    expect(trainingMemory(made(), 10, { batch: 3 })).toMatchObject({
      batch: 3,
      savedActivationBytes: 3_050,
      outputBytes: 120,
      totalBytes: 3 * 1_040 + 1_290,
    });
  });

  it('optimizer state: none for SGD, one copy of the weights for momentum, two for Adam', () => {
    expect(OPTIMIZERS).toEqual(['none', 'sgd', 'momentum', 'adam']);
    expect(OPTIMIZERS.map((optimizer) => trainingMemory(made(), 10, { optimizer }).optimizerBytes)).toEqual([0, 0, 400, 800]);
    expect(trainingMemory(made(), 10, { optimizer: 'adam' }).totalBytes).toBe(1_040 + 1_290 + 400);
  });

  it('maxBatch is the largest batch whose total fits the memory, 0 when not even the fixed part does', () => {
    const maxBatch = (memoryBytes: number) => trainingMemory(made(), 10, { memoryBytes }).maxBatch;
    expect(maxBatch(1_289)).toBe(0);
    expect(maxBatch(1_290)).toBe(0);
    expect(maxBatch(1_290 + 1_039)).toBe(0);
    expect(maxBatch(1_290 + 1_040)).toBe(1);
    expect(maxBatch(1_290 + 3 * 1_040 - 1)).toBe(2);
    expect(maxBatch(1_290 + 3 * 1_040)).toBe(3);
    expect(trainingMemory(made(), 10, { memoryBytes: 5_000 }).memoryBytes).toBe(5_000);
  });

  it('refuses a batch that is not a positive whole number', () => {
    for (const batch of [0, -1, 1.5, Number.NaN, 2 ** 53]) {
      expect(
        refusal(() => trainingMemory(made(), 10, { batch })),
        String(batch),
      ).toEqual({
        code: 'NOT_POSITIVE_INTEGER',
        message: `Batch size must be a positive whole number, got ${batch}.`,
      });
    }
  });

  it('WRN-16-2 on CIFAR-10: weights and BN buffers from the PyTorch reference counts', () => {
    const reference = cifarReference(2, 2).totals;
    const memory = trainingMemory(totalsOf({ depth: 16, k: 2 }), 10, { optimizer: 'sgd' });
    expect(memory.weightBytes).toBe(4 * reference.params);
    expect(memory.bufferBytes).toBe(4 * reference.buffers);
    expect(memory.outputBytes).toBe(40);
  });
});

describe('budgets', () => {
  const made = () => deriveTotals(COUNTS);
  const training = { totalBytes: 2_330 };
  const valuesOf = () => budgetValues(made(), training);

  it("budgetValues is the totals plus a training step's bytes", () => {
    expect(valuesOf()).toEqual({ ...made(), trainBytes: 2_330 });
  });

  it('budgetedMetrics lists the limited metrics in BUDGET_METRICS order, whatever the key order', () => {
    expect(BUDGET_METRICS).toEqual(['params', 'macs', 'flops', 'paramBytes', 'activationBytes', 'trainBytes']);
    expect(budgetedMetrics({ trainBytes: 1, params: 2 })).toEqual(['params', 'trainBytes']);
    expect(budgetedMetrics({})).toEqual([]);
  });

  it('each metric reads its total: bytes are fp32', () => {
    const budget = { params: 100, macs: 7, flops: 14, paramBytes: 400, activationBytes: 120, trainBytes: 2_330 };
    expect(checkBudget(valuesOf(), budget)).toEqual([
      { metric: 'params', value: 100, budget: 100, ok: true },
      { metric: 'macs', value: 7, budget: 7, ok: true },
      { metric: 'flops', value: 14, budget: 14, ok: true },
      { metric: 'paramBytes', value: 400, budget: 400, ok: true },
      { metric: 'activationBytes', value: 120, budget: 120, ok: true },
      { metric: 'trainBytes', value: 2_330, budget: 2_330, ok: true },
    ]);
    expect(withinBudget(made(), training, budget)).toBe(true);
  });

  it('reaching a limit exactly is within it; one over is not, and one metric over is enough', () => {
    expect(checkBudget(valuesOf(), { params: 99 })).toEqual([{ metric: 'params', value: 100, budget: 99, ok: false }]);
    expect(withinBudget(made(), training, { params: 99 })).toBe(false);
    expect(withinBudget(made(), training, { params: 1_000, activationBytes: 119 })).toBe(false);
    expect(withinBudget(made(), training, { trainBytes: 2_329 })).toBe(false);
    expect(withinBudget(made(), training, {})).toBe(true);
  });

  it("withinBudget is checkBudget's verdict for every metric, one under, at and one over its value", () => {
    const values = valuesOf();
    for (const metric of BUDGET_METRICS) {
      for (const delta of [-1, 0, 1]) {
        const budget = { [metric]: values[METRIC_TOTAL[metric]] + delta };
        expect(withinBudget(made(), training, budget), `${metric} ${delta}`).toBe(checkBudget(values, budget).every((c) => c.ok));
        expect(withinBudget(made(), training, budget)).toBe(delta >= 0);
      }
    }
  });

  it('headroom is the share of the budget left: positive under it, negative over it', () => {
    expect(headroomPercent({ metric: 'params', value: 150, budget: 200, ok: true })).toBe(25);
    expect(headroomPercent({ metric: 'params', value: 200, budget: 200, ok: true })).toBe(0);
    expect(headroomPercent({ metric: 'macs', value: 300, budget: 200, ok: false })).toBe(-50);
  });
});

describe('a training step past MAX_SAFE_INTEGER bytes names the part that passes it', () => {
  // Made-up totals, each sized so that exactly one product or sum of the step passes 2^53 − 1.
  const huge = (counts: Partial<Counts>): Totals => ({ ...deriveTotals(COUNTS), ...counts });
  const what = (run: () => unknown) => /^The (.+) of this network would exceed /.exec(refusal(run).message)?.[1];

  it('FLOPs, twice the MACs', () => {
    expect(what(() => deriveTotals({ ...COUNTS, macs: 2 ** 52 }))).toBe('FLOP count');
  });

  it.each([
    ['the weights, 4 bytes a parameter', { params: 2 ** 51 }, {}],
    ['the logits, 4 bytes a class', {}, { classes: 2 ** 51 }],
    ['what is kept plus the logits, per image', { savedBytesPerImage: Number.MAX_SAFE_INTEGER - 3 }, { classes: 1 }],
    ["Adam's two states of 2^52 bytes of weights", { params: 2 ** 50 }, { optimizer: 'adam' as const }],
    ["BN's running statistics", { buffers: 2 ** 51 }, {}],
    ['the fixed part', { savedBytesFixed: Number.MAX_SAFE_INTEGER - 1, params: 1, buffers: 0 }, {}],
    ['the kept activations of a batch', { savedBytesPerImage: 2 ** 52 }, { batch: 2 }],
    ['the kept activations plus the fixed part', { savedBytesPerImage: 2 ** 52, savedBytesFixed: 2 ** 52 }, {}],
    ['the logits of a batch', {}, { classes: 2 ** 50, batch: 2 }],
    ['per image times the batch', { savedBytesPerImage: 2 ** 51 }, { classes: 2 ** 49, batch: 2 }],
    ['per-image plus fixed bytes', { savedBytesPerImage: 0, params: 2 ** 49 }, { classes: 2 ** 50 }],
  ] as const)('%s', (_, counts, step) => {
    const { classes = 10, ...options } = step as { classes?: number; batch?: number; optimizer?: 'adam' };
    expect(what(() => trainingMemory(huge(counts), classes, options))).toBe('byte count');
  });
});
