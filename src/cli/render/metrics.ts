import { METRIC_QUANTITY, headroomPercent } from '../../core/index.js';
import type { BudgetMetric, MetricCheck } from '../../core/index.js';
import { formatBytes, formatHuman, formatInteger } from '../format.js';

/** How budget metrics are named in reports (the JSON keeps the camelCase keys). */
export const METRIC_LABEL = {
  params: 'params',
  macs: 'MACs',
  flops: 'FLOPs',
  paramBytes: 'param bytes (fp32)',
  activationBytes: 'activation bytes (fp32)',
  trainBytes: 'training memory (fp32)',
} as const satisfies Record<BudgetMetric, string>;

/** The same in a narrow terminal: every byte metric is fp32. */
export const METRIC_SHORT_LABEL = {
  params: 'params',
  macs: 'MACs',
  flops: 'FLOPs',
  paramBytes: 'param bytes',
  activationBytes: 'activation bytes',
  trainBytes: 'training memory',
} as const satisfies Record<BudgetMetric, string>;

/** The exact integer, then a readable form: `36,479,194 (36.5M)`, `145,916,776 B (139.16 MiB)`. */
export function formatMetricValue(metric: BudgetMetric, value: number): string {
  return METRIC_QUANTITY[metric] === 'bytes'
    ? `${formatInteger(value)} B (${formatBytes(value)})`
    : `${formatInteger(value)} (${formatHuman(value)})`;
}

/** The exact value alone, for a narrow terminal: `36,479,194`, `145,916,776 B`. */
export function formatExactValue(metric: BudgetMetric, value: number): string {
  return METRIC_QUANTITY[metric] === 'bytes' ? `${formatInteger(value)} B` : formatInteger(value);
}

/** The readable form alone, for the narrowest terminals: `36.5M`, `139.16 MiB`. */
export function formatReadableValue(metric: BudgetMetric, value: number): string {
  return METRIC_QUANTITY[metric] === 'bytes' ? formatBytes(value) : formatHuman(value);
}

/** Headroom left, as a share of the budget: `8.8%` under, `-39.6%` over. */
export function formatHeadroom(check: MetricCheck): string {
  return `${headroomPercent(check).toFixed(1)}%`;
}
