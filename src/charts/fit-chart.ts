import { describeBlock, describeData, FAMILY_LABELS, joinParts } from './describe.js';
import type { Budget, BudgetMetric, FitCandidate, FitObjective } from './from-core.js';
import { nonDominated } from './pareto.js';
import type { Axis, Callout, DotSeries, Point, Rule, XYChart, XYMark } from './spec.js';
import { formatNumber, valueText } from './ticks.js';

/** What `fit` searched and found: every network within the budget (not only the top ones shown), best first. */
export interface FitChartInput {
  readonly candidates: readonly FitCandidate[];
  readonly budget: Budget;
  readonly objective: FitObjective;
  /** Valid (depth, k) pairs tried. */
  readonly evaluated: number;
  readonly dataset: string | undefined;
  /** The training step of the trainBytes budget. */
  readonly training: { readonly batch?: number; readonly optimizer?: string };
}

/** More dots than this make a heavy file and a grey smear: the rest are thinned evenly (the front and the best stay). */
export const MAX_FIT_POINTS = 2_000;

type Cost = 'macs' | 'trainBytes';

function costOf(candidate: FitCandidate, cost: Cost): number {
  return cost === 'macs' ? candidate.totals.macs : candidate.training.totalBytes;
}

/** A budget as a line on an axis, in that axis's unit: FLOPs are 2 MACs, fp32 param bytes 4 per param. */
function budgetRules(budget: Budget, cost: Cost): { rules: Rule[]; offAxis: BudgetMetric[] } {
  const rules: Rule[] = [];
  const offAxis: BudgetMetric[] = [];
  const add = (axis: 'x' | 'y', value: number, label: string) => rules.push({ type: 'rule', axis, value, label });
  for (const [metric, limit] of Object.entries(budget) as [BudgetMetric, number | undefined][]) {
    if (limit === undefined) continue;
    if (metric === 'params') add('y', limit, `params ≤ ${formatNumber(limit, 'count')}`);
    else if (metric === 'paramBytes') add('y', Math.floor(limit / 4), `param bytes ≤ ${formatNumber(limit, 'bytes')} (fp32)`);
    else if (metric === 'macs' && cost === 'macs') add('x', limit, `MACs ≤ ${formatNumber(limit, 'count')}`);
    else if (metric === 'flops' && cost === 'macs') add('x', limit / 2, `FLOPs ≤ ${formatNumber(limit, 'count')}`);
    else if (metric === 'trainBytes' && cost === 'trainBytes') add('x', limit, `training memory ≤ ${formatNumber(limit, 'bytes')}`);
    else offAxis.push(metric);
  }
  return { rules, offAxis };
}

/** Every n-th of the rest, so the cloud keeps its shape; the front and the best are always drawn. */
function thin<T>(items: readonly T[], keep: number): T[] {
  if (items.length <= keep) return [...items];
  const step = items.length / keep;
  return Array.from({ length: keep }, (_, i) => items[Math.floor(i * step)] as T);
}

const OFF_AXIS_NAMES: Record<BudgetMetric, string> = {
  params: 'params',
  macs: 'MACs',
  flops: 'FLOPs',
  paramBytes: 'param bytes',
  activationBytes: 'activation bytes',
  trainBytes: 'training memory',
};

function captionOf(input: FitChartInput, drawn: number, offAxis: readonly BudgetMetric[], cost: Cost): string[] {
  const { candidates } = input;
  const lines: string[] = [];
  if (candidates.length === 0) {
    lines.push(`Nothing fits: none of the ${input.evaluated} valid (depth, k) pairs is within the budget.`);
  } else {
    const costName = cost === 'macs' ? 'MACs' : 'training memory';
    lines.push(
      `${candidates.length} of ${input.evaluated} valid (depth, k) pairs fit the budget; the joined points are the Pareto front (no other has more params for no more ${costName}).`,
    );
    lines.push(`Labelled: the best by ${input.objective}, largest first.`);
  }
  if (drawn < candidates.length) lines.push(`${drawn} of the ${candidates.length} are drawn (evenly thinned; the front is complete).`);
  if (offAxis.length > 0) lines.push(`Every point is also within the ${offAxis.map((m) => OFF_AXIS_NAMES[m]).join(' and ')} budget.`);
  return lines;
}

/** The search as a picture: every candidate, the budgets, the Pareto front joined, the best labelled. */
export function fitChart(input: FitChartInput): XYChart {
  const cost: Cost = input.budget.trainBytes !== undefined ? 'trainBytes' : 'macs';
  const point = (c: FitCandidate): Point => ({ x: costOf(c, cost), y: c.totals.params });
  const front = nonDominated(
    input.candidates,
    (c) => costOf(c, cost),
    (c) => c.totals.params,
  );
  const onFront = new Set(front);
  const rest = input.candidates.filter((c) => !onFront.has(c));
  const best = input.candidates[0];
  const shownRest = thin(rest, Math.max(0, MAX_FIT_POINTS - front.length));
  const { rules, offAxis } = budgetRules(input.budget, cost);
  const marks: XYMark[] = [...rules];
  if (shownRest.length > 0)
    marks.push({ type: 'dots', label: 'within budget', color: 'muted', points: shownRest.map(point) } satisfies DotSeries);
  if (front.length > 0)
    marks.push({ type: 'dots', label: 'Pareto front', color: 0, points: front.map(point), joined: true } satisfies DotSeries);
  if (best !== undefined) {
    const text = `${best.model.name}: ${valueText(best.totals.params, 'count')} params, ${valueText(costOf(best, cost), cost === 'macs' ? 'count' : 'bytes')}${cost === 'macs' ? ' MACs' : ''}`;
    marks.push({ type: 'callout', at: point(best), text } satisfies Callout);
  }
  const x: Axis =
    cost === 'macs'
      ? { label: 'MACs per image', scale: 'log', format: 'count' }
      : {
          label: `training memory (fp32, batch ${input.training.batch ?? 1}, ${input.training.optimizer ?? 'momentum'}; bytes)`,
          scale: 'log',
          format: 'bytes',
        };
  const model = best?.model;
  return {
    kind: 'fit',
    layout: 'xy',
    title: `Networks within the budget: parameters against ${cost === 'macs' ? 'MACs' : 'training memory'}`,
    subtitle:
      model === undefined ? '' : joinParts([FAMILY_LABELS[model.family], describeBlock(model.block), describeData(model, input.dataset)]),
    caption: captionOf(input, shownRest.length + front.length, offAxis, cost),
    x,
    y: { label: 'parameters', scale: 'log', format: 'count' },
    marks,
  };
}
