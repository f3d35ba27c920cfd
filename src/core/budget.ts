import type { Totals, TrainingMemory } from './memory.js';

/**
 * What a budget can limit, and which total each limit reads. Memory budgets are
 * fp32 (4 bytes per element), the dtype the summary lists first and most
 * training starts from; an fp16 budget is half of it.
 */
export const BUDGET_METRICS = ['params', 'macs', 'flops', 'paramBytes', 'activationBytes', 'trainBytes'] as const;
export type BudgetMetric = (typeof BUDGET_METRICS)[number];

/**
 * What a budget is checked against: a network's totals and, for `trainBytes`, the
 * total memory of a training step at the model's batch and optimizer.
 */
export type BudgetValues = Totals & { readonly trainBytes: number };

export function budgetValues(totals: Totals, training: Pick<TrainingMemory, 'totalBytes'>): BudgetValues {
  return { ...totals, trainBytes: training.totalBytes };
}

export const METRIC_TOTAL = {
  params: 'params',
  macs: 'macs',
  flops: 'flops',
  paramBytes: 'paramBytesFp32',
  activationBytes: 'activationBytesFp32',
  trainBytes: 'trainBytes',
} as const satisfies Record<BudgetMetric, keyof BudgetValues>;

/** Counts take decimal units (40M); byte amounts also take binary ones (150MiB). */
export type Quantity = 'count' | 'bytes';

export const METRIC_QUANTITY = {
  params: 'count',
  macs: 'count',
  flops: 'count',
  paramBytes: 'bytes',
  activationBytes: 'bytes',
  trainBytes: 'bytes',
} as const satisfies Record<BudgetMetric, Quantity>;

/** A limit per metric; a metric without one is not checked. Limits are exact positive integers. */
export type Budget = Partial<Record<BudgetMetric, number>>;

export interface MetricCheck {
  readonly metric: BudgetMetric;
  readonly value: number;
  readonly budget: number;
  /** Within budget: value ≤ budget (reaching the budget exactly is allowed). */
  readonly ok: boolean;
}

/** The budgeted metrics of `budget`, in BUDGET_METRICS order. */
export function budgetedMetrics(budget: Budget): BudgetMetric[] {
  return BUDGET_METRICS.filter((metric) => budget[metric] !== undefined);
}

export function checkBudget(totals: BudgetValues, budget: Budget): MetricCheck[] {
  return budgetedMetrics(budget).map((metric) => {
    const limit = budget[metric] ?? 0;
    const value = totals[METRIC_TOTAL[metric]];
    return { metric, value, budget: limit, ok: value <= limit };
  });
}

/**
 * Whether every budgeted metric is within its limit (checkBudget's verdict), read from the
 * totals and the training memory as they are: fit asks it of every candidate, so it builds
 * no values object and no checks.
 */
export function withinBudget(totals: Totals, training: Pick<TrainingMemory, 'totalBytes'>, budget: Budget): boolean {
  for (const metric of BUDGET_METRICS) {
    const limit = budget[metric];
    if (limit === undefined) continue;
    const total = METRIC_TOTAL[metric];
    if ((total === 'trainBytes' ? training.totalBytes : totals[total]) > limit) return false;
  }
  return true;
}

/** Headroom as a percentage of the budget: positive when under, negative when over. */
export function headroomPercent(check: MetricCheck): number {
  return (100 * (check.budget - check.value)) / check.budget;
}
