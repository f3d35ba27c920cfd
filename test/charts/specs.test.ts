import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockChart } from '../../src/charts/block-chart.js';
import { compareChart } from '../../src/charts/compare-chart.js';
import { fitChart } from '../../src/charts/fit-chart.js';
import { gridChart } from '../../src/charts/grid-chart.js';
import { nonDominated } from '../../src/charts/pareto.js';
import type { DotSeries, LineSeries, XYChart } from '../../src/charts/spec.js';
import { summaryChart } from '../../src/charts/summary-chart.js';
import {
  PAPER_GRID,
  compareBlockWidths,
  computeGrid,
  describeBlock,
  fitToBudget,
  gridLaws,
  paretoFront,
  summarizeNetwork,
  trainingMemory,
} from '../../src/core/index.js';
import type { FitCandidate } from '../../src/core/index.js';

/*
 * The chart specs against the numbers they draw. Known exact values are the
 * PyTorch-measured ones (WRN-28-10: 36,479,194 params, 5,243,328,768 MACs;
 * WRN-40-4: 8,949,210; WRN-16-8: 10,961,370), not values derived from the specs.
 */

function lines(chart: XYChart): LineSeries[] {
  return chart.marks.filter((m): m is LineSeries => m.type === 'line');
}

function paperGrid(metric: 'params' | 'receptive-field' = 'params') {
  const grid = computeGrid({ rowAxis: 'depth', rows: PAPER_GRID.depths, ks: PAPER_GRID.ks, metric });
  return gridChart({ grid, laws: gridLaws(grid), dataset: 'cifar10' });
}

describe('the grid chart', () => {
  const chart = paperGrid();

  it('has one line per k, labelled k = …, each through the four depths', () => {
    expect(lines(chart).map((l) => l.label)).toEqual(['k = 1', 'k = 2', 'k = 4', 'k = 8', 'k = 10', 'k = 12']);
    for (const line of lines(chart)) expect(line.points.map((p) => p.x)).toEqual([16, 22, 28, 40]);
  });

  it("draws WRN-28-10 at PyTorch's 36,479,194 params and WRN-40-4 at 8,949,210", () => {
    const at = (label: string, depth: number) =>
      lines(chart)
        .find((l) => l.label === label)
        ?.points.find((p) => p.x === depth)?.y;
    expect(at('k = 10', 28)).toBe(36_479_194);
    expect(at('k = 4', 40)).toBe(8_949_210);
  });

  it('puts the k = 10 line above k = 4 at every depth', () => {
    const [k4, k10] = ['k = 4', 'k = 10'].map((label) => lines(chart).find((l) => l.label === label));
    k10?.points.forEach((p, i) => expect(p.y).toBeGreaterThan(k4?.points[i]?.y ?? Infinity));
  });

  it("is log–log, titled and captioned with the grid's law (a line in d, about 2 in k)", () => {
    expect(chart.x.scale).toBe('log');
    expect(chart.y.scale).toBe('log');
    expect(chart.x.label).toBe('depth d (layers)');
    expect(chart.y.label).toBe('parameters');
    expect(chart.subtitle).toBe('CIFAR family · B(3,3) · cifar10 (3×32×32, 10 classes)');
    const match = /params ∝ d\^(\d\.\d) · k\^(\d\.\d)/.exec(chart.caption[0] ?? '');
    expect(match?.[2]).toBe('2.0');
    expect(match?.[1]).toBe('1.0');
    expect(chart.caption[0]).toContain('a line in d at k = 12, R² = 1.0000');
  });

  it('merges lines that coincide: the receptive field does not depend on k', () => {
    const field = paperGrid('receptive-field');
    expect(lines(field).map((l) => l.label)).toEqual(['k = 1, 2, 4, 8, 10, 12']);
    expect(field.caption.join(' ')).toContain('field ∝ d^');
  });
});

describe('the fit chart', () => {
  const budget = { params: 10_000_000 };
  const search = fitToBudget({
    depths: Array.from({ length: 91 }, (_, i) => i + 10),
    ks: Array.from({ length: 16 }, (_, i) => i + 1),
    shape: {},
    budget,
    objective: 'params',
    pareto: false,
    top: Infinity,
  });
  const chart = fitChart({
    candidates: search.candidates,
    budget,
    objective: 'params',
    evaluated: search.evaluated,
    dataset: 'cifar10',
    training: {},
  });
  const dots = chart.marks.filter((m): m is DotSeries => m.type === 'dots');
  const front = dots.find((d) => d.label === 'Pareto front')?.points ?? [];
  const all = dots.flatMap((d) => d.points);

  it('draws every candidate once, all within the budget line', () => {
    expect(all).toHaveLength(search.within);
    expect(all.every((p) => p.y <= budget.params)).toBe(true);
    expect(chart.marks).toContainEqual({ type: 'rule', axis: 'y', value: 10_000_000, label: 'params ≤ 10M' });
  });

  it('joins a front that no drawn point dominates, and it is the core’s Pareto front', () => {
    for (const p of front) expect(all.some((q) => q.y >= p.y && q.x <= p.x && (q.y > p.y || q.x < p.x))).toBe(false);
    const core = paretoFront(search.candidates).map((c) => ({ x: c.totals.macs, y: c.totals.params }));
    expect([...front].sort((a, b) => a.x - b.x)).toEqual(core.sort((a, b) => a.x - b.x));
  });

  it('labels the best candidate (the first by the objective)', () => {
    const best = search.candidates[0];
    const callout = chart.marks.find((m) => m.type === 'callout');
    expect(callout).toMatchObject({ at: { x: best?.totals.macs, y: best?.totals.params } });
    expect(callout?.type === 'callout' && callout.text.startsWith(`${best?.model.name}: `)).toBe(true);
  });

  it('draws training memory on x when that budget is set, with its line', () => {
    const withMemory = { params: 20_000_000, trainBytes: 4 * 2 ** 30 };
    const found = fitToBudget({
      depths: [16, 28, 40],
      ks: [1, 2, 4, 8, 10],
      shape: {},
      budget: withMemory,
      objective: 'params',
      pareto: false,
      top: Infinity,
      training: { batch: 64 },
    });
    const memory = fitChart({
      candidates: found.candidates,
      budget: withMemory,
      objective: 'params',
      evaluated: found.evaluated,
      dataset: 'cifar10',
      training: { batch: 64 },
    });
    expect(memory.x).toMatchObject({ format: 'bytes', label: 'training memory (fp32, batch 64, momentum; bytes)' });
    expect(memory.marks).toContainEqual({ type: 'rule', axis: 'x', value: 4 * 2 ** 30, label: 'training memory ≤ 4 GiB' });
  });
});

describe('nonDominated, the front on any two axes', () => {
  it('agrees with the core’s paretoFront on params against MACs', () => {
    const candidate = fc.record({ params: fc.integer({ min: 1, max: 50 }), macs: fc.integer({ min: 1, max: 50 }) });
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 40 }), (raw) => {
        const candidates = raw.map((totals, i) => ({ model: { depth: i, k: 1 }, totals }) as unknown as FitCandidate);
        const ours = new Set(
          nonDominated(
            candidates,
            (c) => c.totals.macs,
            (c) => c.totals.params,
          ),
        );
        expect(ours).toEqual(new Set(paretoFront(candidates)));
      }),
    );
  });
});

describe('the compare chart', () => {
  const entries = ['WRN-40-4', 'WRN-16-8', 'WRN-28-10'].map((model) => {
    const summary = summarizeNetwork({ model });
    return {
      model: summary.model,
      totals: summary.totals,
      trainBytes: trainingMemory(summary.totals, 10, {}).totalBytes,
      dataset: 'cifar10',
    };
  });
  const chart = compareChart(entries);

  it('has params, MACs and training memory, one bar per model, as ratios to the first', () => {
    expect(chart.panels.map((p) => p.title)).toEqual(['parameters', 'MACs per image', 'training memory (fp32, batch 1, momentum)']);
    const params = chart.panels[0]?.bars ?? [];
    expect(params.map((b) => b.category)).toEqual(['WRN-40-4', 'WRN-16-8', 'WRN-28-10']);
    expect(params[0]?.value).toBe(1);
    expect(params[2]?.value).toBeCloseTo(36_479_194 / 8_949_210, 12);
    expect(params.map((b) => b.label)).toEqual(['8.95M ×1.00', '11.0M ×1.22', '36.5M ×4.08']);
    expect(chart.panels[1]?.bars[2]?.label).toBe('5.24G ×4.04');
  });
});

describe('the summary chart', () => {
  const chart = summaryChart({ summary: summarizeNetwork({ depth: 28, k: 10 }), dataset: 'cifar10' });

  it("labels each group with its output shape; the shares add up to the whole; conv4 holds most of WRN-28-10's params", () => {
    const params = chart.panels[0]?.bars ?? [];
    expect(params.map((b) => `${b.category} ${b.detail ?? ''}`)).toEqual([
      'conv1 16×32×32',
      'conv2 160×32×32',
      'conv3 320×16×16',
      'conv4 640×8×8',
      'head 10',
    ]);
    expect(params.reduce((sum, b) => sum + b.value, 0)).toBeCloseTo(100, 9);
    expect(Math.max(...params.map((b) => b.value))).toBe(params[3]?.value);
    expect(chart.panels[0]?.title).toBe('parameters: 36.5M in all');
  });
});

describe('the block chart', () => {
  const rows = compareBlockWidths({}, [1, 2, 4, 8]);
  const chart = blockChart({ spec: describeBlock({ k: 1 }).spec, rows });

  it('draws the two readings of widening: ×k² for the WRN block, ×k for the inner convs', () => {
    expect(lines(chart).map((l) => l.label)).toEqual(['WRN block, 16·k → 16·k (×k²)', 'inner convs only, 16 → 16·k → 16 (×k)']);
    // A mid-group B(3,3) at width w: two 3×3 convs (9w² each) and two BNs (2w each); at k = 1, w = 16: 4,672.
    expect(lines(chart)[0]?.points[0]?.y).toBe(2 * 9 * 16 * 16 + 2 * 2 * 16);
    expect(chart.caption[0]).toBe("From k = 1 to k = 4: the WRN block's params grow ×15.8; inner convs only, ×3.98.");
  });
});
