import { describe, expect, it } from 'vitest';
import { FIT_OBJECTIVES, WrnError, listLayers, fitToBudget, paretoFront } from '../../src/core/index.js';

import type { Budget, FitCandidate, FitObjective, FitShape, LayerRow } from '../../src/core/index.js';

/*
 * fit against brute force: every (depth, k) is built layer by layer (listLayers),
 * its layers summed by hand, and compared with the budget here, independently
 * of the core's closed form, budget check, skipping rules and Pareto sweep.
 */

const DEPTHS = Array.from({ length: 57 }, (_, i) => i + 4); // 4..60
const KS = [0.5, 1, 1.03, 1.5, 2, 3, 4, 6, 8];

interface Brute {
  depth: number;
  k: number;
  params: number;
  macs: number;
  activationBytes: number;
}

function bruteForce(shape: FitShape): Brute[] {
  const all: Brute[] = [];
  for (const depth of DEPTHS) {
    for (const k of KS) {
      let layers: readonly LayerRow[];
      try {
        layers = listLayers({ ...shape, depth, k }).layers;
      } catch (error) {
        // Depths that do not fit the block and k whose widths are not whole are skipped by fit too.
        if (error instanceof WrnError && (error.issue.code === 'DEPTH_MISFIT' || error.issue.code === 'WIDTH_NOT_WHOLE')) continue;
        throw error;
      }
      const sum = (pick: (l: LayerRow) => number) => layers.reduce((total, layer) => total + pick(layer), 0);
      all.push({ depth, k, params: sum((l) => l.params), macs: sum((l) => l.macs), activationBytes: 4 * sum((l) => l.activationElements) });
    }
  }
  return all;
}

function within(candidate: Brute, budget: Budget): boolean {
  return (
    (budget.params === undefined || candidate.params <= budget.params) &&
    (budget.macs === undefined || candidate.macs <= budget.macs) &&
    (budget.flops === undefined || 2 * candidate.macs <= budget.flops) &&
    (budget.paramBytes === undefined || 4 * candidate.params <= budget.paramBytes) &&
    (budget.activationBytes === undefined || candidate.activationBytes <= budget.activationBytes)
  );
}

const key = (c: { depth: number; k: number }) => `${c.depth}/${c.k}`;
const keyOf = (c: FitCandidate) => key(c.model);

const SHAPES: readonly { name: string; shape: FitShape }[] = [
  { name: 'B(3,3), CIFAR-10', shape: {} },
  { name: 'B(3,1,3), 100 classes', shape: { block: [3, 1, 3], classes: 100 } },
  { name: 'B(3,1,3) nominal, MNIST-sized input', shape: { block: [3, 1, 3], depthRule: 'nominal', input: [1, 28, 28] } },
  { name: 'B(1,3,1), conv bias', shape: { block: [1, 3, 1], convBias: true } },
];

const BUDGETS: readonly Budget[] = [
  { params: 5_000_000 },
  { params: 10_000_000, macs: 1_000_000_000 },
  { macs: 300_000_000 },
  { paramBytes: 8 * 1024 ** 2, activationBytes: 6 * 1024 ** 2 },
  { flops: 1_000_000_000, params: 2_000_000 },
];

describe('fitToBudget against brute force', () => {
  /*
   * One test per shape, checking every budget: the brute force is built inside the
   * test (not in the describe body, where no test would be covering it for mutation
   * testing) and only once per shape.
   */
  it.each(SHAPES)(
    '$name: finds exactly the pairs within each budget, with the layer-by-layer totals, and the Pareto front',
    ({ shape }) => {
      const brute = bruteForce(shape);
      expect(brute.length).toBeGreaterThan(20);
      for (const budget of BUDGETS) {
        const label = JSON.stringify(budget);
        const result = fitToBudget({ depths: DEPTHS, ks: KS, shape, budget, objective: 'params', pareto: false, top: Infinity });
        const expected = brute.filter((c) => within(c, budget));
        expect(result.candidates.map(keyOf).sort(), label).toEqual(expected.map(key).sort());
        expect(result.within, label).toBe(expected.length);
        expect(result.evaluated, label).toBe(brute.length);
        for (const candidate of result.candidates) {
          const twin = expected.find((c) => key(c) === keyOf(candidate));
          expect(candidate.totals.params, label).toBe(twin?.params);
          expect(candidate.totals.macs, label).toBe(twin?.macs);
          expect(candidate.totals.activationBytesFp32, label).toBe(twin?.activationBytes);
        }

        const pareto = fitToBudget({ depths: DEPTHS, ks: KS, shape, budget, objective: 'params', pareto: true, top: Infinity });
        // O(n²): a candidate is on the front when nothing has ≥ params and ≤ MACs with one strictly better.
        const front = expected.filter(
          (a) => !expected.some((b) => b.params >= a.params && b.macs <= a.macs && (b.params > a.params || b.macs < a.macs)),
        );
        expect(pareto.candidates.map(keyOf).sort(), `Pareto front, ${label}`).toEqual(front.map(key).sort());
      }
    },
  );

  it('skips depths that do not fit the block and k whose widths are not whole', () => {
    const result = fitToBudget({
      depths: [10, 11, 16, 27],
      ks: [1, 1.03],
      shape: {},
      budget: { params: 1e9 },
      objective: 'params',
      pareto: false,
      top: Infinity,
    });
    expect(result.skippedDepths).toEqual([11, 27]);
    expect(result.skippedKs).toEqual([1.03]);
    expect(result.candidates.map(keyOf).sort()).toEqual(['10/1', '16/1']);
  });

  it('leaves out pairs too large to count exactly, as over any budget', () => {
    const result = fitToBudget({
      depths: [28],
      ks: [1, 100_000],
      shape: {},
      budget: { params: Number.MAX_SAFE_INTEGER },
      objective: 'params',
      pareto: false,
      top: Infinity,
    });
    expect(result.tooLarge).toBe(1);
    expect(result.candidates.map(keyOf)).toEqual(['28/1']);
  });

  it('throws the errors that do not depend on depth or k', () => {
    expect(() =>
      fitToBudget({
        depths: [16],
        ks: [1],
        shape: { block: [2, 2] },
        budget: { params: 1e9 },
        objective: 'params',
        pareto: false,
        top: 10,
      }),
    ).toThrow(/residual add/);
  });
});

describe('ranking', () => {
  const shape: FitShape = {};
  const budget: Budget = { params: 20_000_000 };
  const value: Record<FitObjective, (c: FitCandidate) => number> = {
    params: (c) => c.totals.params,
    macs: (c) => c.totals.macs,
    depth: (c) => c.model.depth,
    width: (c) => c.model.k,
  };

  it.each(FIT_OBJECTIVES)('--objective %s sorts largest first, and ties by more params', (objective) => {
    const { candidates } = fitToBudget({ depths: DEPTHS, ks: KS, shape, budget, objective, pareto: false, top: Infinity });
    for (let i = 1; i < candidates.length; i++) {
      const [a, b] = [candidates[i - 1] as FitCandidate, candidates[i] as FitCandidate];
      expect(value[objective](a)).toBeGreaterThanOrEqual(value[objective](b));
      if (value[objective](a) === value[objective](b)) expect(a.totals.params).toBeGreaterThanOrEqual(b.totals.params);
    }
  });

  it('top n is the first n of the full ranking', () => {
    const all = fitToBudget({ depths: DEPTHS, ks: KS, shape, budget, objective: 'macs', pareto: false, top: Infinity });
    const top = fitToBudget({ depths: DEPTHS, ks: KS, shape, budget, objective: 'macs', pareto: false, top: 7 });
    expect(top.candidates).toEqual(all.candidates.slice(0, 7));
    expect(top.within).toBe(all.within);
  });

  it('the default objective puts the largest network within budget first', () => {
    const [best] = fitToBudget({
      depths: [16, 22, 28, 40],
      ks: [4, 8, 10],
      shape,
      budget: { params: 37_000_000 },
      objective: 'params',
      pareto: false,
      top: 1,
    }).candidates;
    expect(best?.model.name).toBe('WRN-28-10');
    expect(best?.totals.params).toBe(36_479_194);
  });
});

describe('paretoFront', () => {
  const candidate = (params: number, macs: number, depth = 10, k = 1): FitCandidate =>
    ({ model: { depth, k }, totals: { params, macs } }) as unknown as FitCandidate;

  it('keeps ties on both counts, and drops the dominated', () => {
    const a = candidate(10, 5, 10);
    const tie = candidate(10, 5, 16);
    const dominated = candidate(9, 5);
    const costlier = candidate(10, 6);
    const bigger = candidate(20, 8);
    expect(paretoFront([dominated, costlier, a, bigger, tie])).toEqual([a, tie, bigger]);
  });

  it('is empty for no candidates', () => {
    expect(paretoFront([])).toEqual([]);
  });
});
