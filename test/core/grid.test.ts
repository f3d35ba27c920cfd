import { describe, expect, it } from 'vitest';
import {
  MAX_GRID_CELLS,
  PAPER_GRID,
  WrnError,
  listLayers,
  computeGrid,
  fitCommonExponent,
  fitLine,
  gridLaws,
  summarizeNetwork,
  validCells,
} from '../../src/core/index.js';

import type { Grid, GridCell, ValidGridCell, NetworkOptions } from '../../src/core/index.js';
import { cifarReference } from '../helpers/reference.js';

/** The paper's Table 4 (and the known exact values): params as printed, in millions to 0.1M. */
const TABLE_4: readonly { depth: number; k: number; paper: string }[] = [
  { depth: 40, k: 1, paper: '0.6M' },
  { depth: 40, k: 2, paper: '2.2M' },
  { depth: 40, k: 4, paper: '8.9M' },
  { depth: 40, k: 8, paper: '35.7M' },
  { depth: 28, k: 10, paper: '36.5M' },
  { depth: 28, k: 12, paper: '52.5M' },
  { depth: 22, k: 8, paper: '17.2M' },
  { depth: 22, k: 10, paper: '26.8M' },
  { depth: 16, k: 8, paper: '11.0M' },
  { depth: 16, k: 10, paper: '17.1M' },
];

/** The exact values (PyTorch 1.13) for the models of the paper grid. */
const KNOWN_EXACT: readonly { depth: number; k: number; params: number; buffers: number; macs: number }[] = [
  { depth: 28, k: 10, params: 36_479_194, buffers: 17_952, macs: 5_243_328_768 },
  { depth: 16, k: 8, params: 10_961_370, buffers: 7_200, macs: 1_548_145_664 },
  { depth: 40, k: 4, params: 8_949_210, buffers: 10_784, macs: 1_298_582_016 },
  { depth: 16, k: 4, params: 2_748_890, buffers: 3_616, macs: 392_612_352 },
  { depth: 40, k: 1, params: 563_930, buffers: 2_720, macs: 83_280_512 },
];

const inMillions = (params: number) => `${(params / 1e6).toFixed(1)}M`;

function cell(grid: Grid, row: number, k: number): GridCell {
  const found = grid.cells.flat().find((c) => c.row === row && c.k === k);
  if (found === undefined) throw new Error(`no cell ${row}, ${k}`);
  return found;
}

function valid(grid: Grid, row: number, k: number): ValidGridCell {
  const found = cell(grid, row, k);
  if (!found.ok) throw new Error(`cell ${row}, ${k} is invalid: ${found.message}`);
  return found;
}

/** Differences of successive values, exact on integers. */
const differences = (values: readonly number[]) => values.slice(1).map((v, i) => v - (values[i] ?? 0));

/*
 * Made inside each test, not once in the describe body: a computation during test
 * collection is covered by no test, so mutation testing (npm run mutate) would have
 * to rerun the whole suite for every mutant it reaches. The grid is cheap.
 */
const paperGrid = (): Grid => computeGrid({ rowAxis: 'depth', rows: PAPER_GRID.depths, ks: PAPER_GRID.ks });

describe('the paper grid (depth 16, 22, 28, 40 × k 1, 2, 4, 8, 10, 12)', () => {
  it('has one valid cell per (depth, k), in row-major order', () => {
    const grid = paperGrid();
    expect(grid.cells.flat().map((c) => [c.row, c.k])).toEqual(PAPER_GRID.depths.flatMap((d) => PAPER_GRID.ks.map((k) => [d, k])));
    expect(validCells(grid)).toHaveLength(24);
  });

  it('every cell equals the PyTorch reference network exactly (params, buffers, MACs)', () => {
    for (const c of validCells(paperGrid())) {
      const reference = cifarReference((Number(c.row) - 4) / 6, c.k);
      const { params, buffers, macs } = c.summary.totals;
      expect({ params, buffers, macs }, `WRN-${c.row}-${c.k}`).toEqual(reference.totals);
    }
  });

  it.each(KNOWN_EXACT)('WRN-$depth-$k has the known exact counts', ({ depth, k, params, buffers, macs }) => {
    const { totals } = valid(paperGrid(), depth, k).summary;
    expect(totals).toMatchObject({ params, buffers, macs });
  });

  it.each(TABLE_4)("WRN-$depth-$k has the paper's Table 4 figure $paper (and PyTorch agrees)", ({ depth, k, paper }) => {
    const c = valid(paperGrid(), depth, k);
    expect(inMillions(c.value)).toBe(paper);
    expect(inMillions(cifarReference((depth - 4) / 6, k).totals.params)).toBe(paper);
  });

  it('the metric picks the cell value: MACs, or parameter bytes at a dtype', () => {
    const macs = computeGrid({ rowAxis: 'depth', rows: [28], ks: [10], metric: 'macs' });
    expect(valid(macs, 28, 10).value).toBe(5_243_328_768);
    for (const [dtype, bytes] of [
      ['fp32', 4],
      ['fp16', 2],
      ['bf16', 2],
    ] as const) {
      const memory = computeGrid({ rowAxis: 'depth', rows: [28], ks: [10], metric: 'memory', dtype });
      expect(valid(memory, 28, 10).value).toBe(36_479_194 * bytes);
    }
  });
});

describe('rows by blocks per group and by block length l', () => {
  it('--blocks-per-group rows give depth 6·N + 4 for B(3,3)', () => {
    const grid = computeGrid({ rowAxis: 'blocksPerGroup', rows: [1, 2, 3, 4, 6, 8], ks: [1, 2] });
    expect(validCells(grid).map((c) => c.summary.model.depth)).toEqual([10, 10, 16, 16, 22, 22, 28, 28, 40, 40, 52, 52]);
    expect(valid(grid, 8, 1).value).toBe(cifarReference(8, 1).totals.params);
  });

  it('the l axis holds depth 40 fixed: B(3)×12, B(3,3)×6, B(3,3,3)×4, B(3,3,3,3)×3, each 2,243,546 params at k = 2 (PyTorch, Table 3)', () => {
    const grid = computeGrid({ rowAxis: 'l', rows: [1, 2, 3, 4], ks: [2] });
    expect(grid.fixedDepth).toBe(40);
    const cells = validCells(grid);
    expect(cells.map((c) => [c.summary.model.block, c.summary.model.blocksPerGroup[0]])).toEqual([
      [[3], 12],
      [[3, 3], 6],
      [[3, 3, 3], 4],
      [[3, 3, 3, 3], 3],
    ]);
    for (const c of cells) {
      const reference = cifarReference(c.summary.model.blocksPerGroup[0] ?? 0, 2, c.summary.model.block as number[]);
      expect(c.value).toBe(reference.totals.params);
      expect(c.summary.totals.macs).toBe(reference.totals.macs);
    }
    expect(new Set(cells.map((c) => c.value))).toEqual(new Set([2_243_546]));
  });

  it('the l axis ignores --depth-rule nominal and replaces the block, so the conv count stays fixed', () => {
    const grid = computeGrid({ rowAxis: 'l', rows: [1, 4], ks: [2], network: { depthRule: 'nominal', block: [1, 3, 1] } });
    expect(validCells(grid).map((c) => c.value)).toEqual([2_243_546, 2_243_546]);
  });

  it('another fixed depth works the same way (d = 28: B(3)×8, B(3,3)×4, l = 3 does not fit)', () => {
    const grid = computeGrid({ rowAxis: 'l', rows: [1, 2, 3], ks: [10], fixedDepth: 28 });
    expect(valid(grid, 1, 10).value).toBe(valid(grid, 2, 10).value);
    expect(valid(grid, 2, 10).value).toBe(36_479_194);
    expect(cell(grid, 3, 10).ok).toBe(false);
  });
});

describe("invalid cells carry the core's refusal instead of throwing", () => {
  it('a depth that does not fit the block, and a k whose widths are not whole', () => {
    const grid = computeGrid({ rowAxis: 'depth', rows: [16, 27], ks: [1, 0.1] });
    const misfit = cell(grid, 27, 1);
    expect(misfit.ok).toBe(false);
    if (misfit.ok) return;
    expect(misfit.issue.code).toBe('DEPTH_MISFIT');
    expect(() => summarizeNetwork({ depth: 27, k: 1 })).toThrow(misfit.message);
    const notWhole = cell(grid, 16, 0.1);
    expect(notWhole.ok ? 'valid' : notWhole.issue.code).toBe('WIDTH_NOT_WHOLE');
    expect(valid(grid, 16, 1).value).toBe(cifarReference(2, 1).totals.params);
  });

  it('an l past the longest block, even an absurd one, is refused without building it', () => {
    const grid = computeGrid({ rowAxis: 'l', rows: [5, 65, 1e15], ks: [1] });
    expect(grid.cells.flat().map((c) => (c.ok ? 'valid' : c.issue.code))).toEqual(['DEPTH_MISFIT', 'NOT_IN_RANGE', 'NOT_IN_RANGE']);
  });

  it('a count past MAX_SAFE_INTEGER is an invalid cell, not a wrong number', () => {
    const grid = computeGrid({ rowAxis: 'depth', rows: [28], ks: [10, 100_000] });
    const overflow = cell(grid, 28, 100_000);
    expect(overflow.ok ? 'valid' : overflow.issue.code).toBe('COUNT_OVERFLOW');
  });

  it('an empty or oversized grid is refused as a whole', () => {
    expect(() => computeGrid({ rowAxis: 'depth', rows: [], ks: [1] })).toThrow(WrnError);
    const rows = Array.from({ length: MAX_GRID_CELLS / 10 + 1 }, (_, i) => 6 * i + 10);
    expect(() => computeGrid({ rowAxis: 'depth', rows, ks: Array.from({ length: 10 }, (_, i) => i + 1) })).toThrow(/grid cells/);
  });
});

describe('scaling laws, exactly (property tests)', () => {
  const convParams = (options: NetworkOptions) =>
    listLayers(options)
      .layers.filter((l) => l.type === 'conv' || l.type === 'shortcut')
      .reduce((sum, l) => sum + l.params, 0);

  const blocks: readonly (readonly number[])[] = [[3, 3], [3], [3, 1, 3], [1, 3, 1], [3, 3, 3, 3]];
  const Ns = [1, 2, 3, 5];

  it.each(blocks.flatMap((block) => Ns.map((N) => [`B(${block.join(',')}), N = ${N}`, block, N] as const)))(
    'for fixed N, conv params are exactly quadratic in k for k ≥ 2 (%s)',
    (_, block, N) => {
      // Equally spaced k, in whole and in half steps: the second differences of a quadratic are constant.
      for (const ks of [
        [2, 3, 4, 5, 6, 7],
        [1.5, 2, 2.5, 3, 3.5],
      ]) {
        const conv = ks.map((k) => convParams({ blocksPerGroup: N, k, block }));
        const second = differences(differences(conv));
        expect(new Set(second).size, `k = ${ks.join(',')}`).toBe(1);
        expect(second[0]).toBeGreaterThan(0);
        // Totals add BN and the head, which are linear in k: still exactly quadratic.
        const total = computeGrid({ rowAxis: 'blocksPerGroup', rows: [N], ks, network: { block } });
        expect(new Set(differences(differences(validCells(total).map((c) => c.value)))).size).toBe(1);
      }
    },
  );

  it("at k = 1 the law breaks: conv2's first block has no projection shortcut (16 → 16 channels)", () => {
    const conv = [1, 2, 3, 4].map((k) => convParams({ blocksPerGroup: 2, k }));
    const second = differences(differences(conv));
    expect(second[0]).not.toBe(second[1]);
    // The defect is exactly the missing 1×1 projection 16 → 16k at k = 1: 16·16 weights.
    expect((second[1] ?? 0) - (second[0] ?? 0)).toBe(16 * 16);
  });

  it.each(blocks.flatMap((block) => [1, 2, 4, 10].map((k) => [`B(${block.join(',')}), k = ${k}`, block, k] as const)))(
    'for fixed k, params and MACs are exactly affine in N (%s)',
    (_, block, k) => {
      for (const metric of ['params', 'macs'] as const) {
        const grid = computeGrid({ rowAxis: 'blocksPerGroup', rows: [1, 2, 3, 4, 5, 6, 7, 8], ks: [k], network: { block }, metric });
        const first = differences(validCells(grid).map((c) => c.value));
        expect(new Set(first).size, metric).toBe(1);
        expect(first[0]).toBeGreaterThan(0);
      }
    },
  );
});

describe('fitted laws', () => {
  it('fitLine recovers an exact line and reports R² = 1', () => {
    const fit = fitLine([1, 2, 3, 4].map((x) => ({ x, y: 7 + 3 * x })));
    expect(fit?.slope).toBeCloseTo(3, 12);
    expect(fit?.intercept).toBeCloseTo(7, 12);
    expect(fit?.r2).toBe(1);
    expect(fitLine([{ x: 1, y: 1 }])).toBeUndefined();
    expect(
      fitLine([
        { x: 2, y: 1 },
        { x: 2, y: 5 },
      ]),
    ).toBeUndefined();
    expect(fitLine([1, 2, 3].map((x) => ({ x, y: x % 2 })))?.r2).toBeCloseTo(0, 12);
  });

  it('fitCommonExponent recovers one exponent from series with different constants', () => {
    const series = [3, 40, 900].map((c) => [1, 2, 4, 8].map((x) => ({ x, y: c * x ** 2 })));
    expect(fitCommonExponent(series)?.exponent).toBeCloseTo(2, 12);
    expect(fitCommonExponent(series)?.points).toBe(12);
    // Series at different x ranges would bias a pooled fit; the within-series fit is not fooled.
    const shifted = [
      [
        { x: 1, y: 1 },
        { x: 2, y: 4 },
      ],
      [
        { x: 10, y: 1 },
        { x: 20, y: 4 },
      ],
    ];
    expect(fitCommonExponent(shifted)?.exponent).toBeCloseTo(2, 12);
    expect(fitCommonExponent([[{ x: 1, y: 1 }]])).toBeUndefined();
  });

  it("on the paper grid: params grow with about k² and by exactly one block's cost per extra block per group", () => {
    const grid = computeGrid({ rowAxis: 'depth', rows: PAPER_GRID.depths, ks: PAPER_GRID.ks });
    const laws = gridLaws(grid);
    expect(laws.width?.points).toBe(24);
    // Below 2 because BN, the stem and the head grow more slowly than k².
    expect(laws.width?.exponent).toBeGreaterThan(1.9);
    expect(laws.width?.exponent).toBeLessThan(2);
    // The widest column, and the PyTorch difference between WRN-22-12 and WRN-16-12 (one more block per group).
    expect(laws.rows?.k).toBe(12);
    expect(laws.rows?.fit.r2).toBe(1);
    const perBlock = cifarReference(3, 12).totals.params - cifarReference(2, 12).totals.params;
    expect(laws.rows?.perBlockPerGroup).toBeCloseTo(perBlock, 4);
  });

  it('on the l axis the row law is flat: the conv count, and so the params, do not change', () => {
    const laws = gridLaws(computeGrid({ rowAxis: 'l', rows: [1, 2, 3, 4], ks: [1, 2, 4] }));
    expect(laws.rows?.min).toBe(laws.rows?.max);
    expect(laws.rows?.perBlockPerGroup).toBeUndefined();
  });

  it('a single cell fits nothing', () => {
    expect(gridLaws(computeGrid({ rowAxis: 'depth', rows: [28], ks: [10] }))).toEqual({ width: undefined, rows: undefined });
  });
});
