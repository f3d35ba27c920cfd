/*
 * Everything the chart specs take from the core, in one place: the result types the
 * commands already compute (a grid and its laws, fit candidates, summaries, block
 * width comparisons) and the functions a chart needs beyond them.
 */
export type {
  BlockViewSpec,
  Budget,
  BudgetMetric,
  FitCandidate,
  FitObjective,
  Grid,
  GridLaws,
  GridMetric,
  GridRowAxis,
  NetworkSpec,
  NetworkSummary,
  Totals,
  ValidGridCell,
  WidthComparison,
} from '../core/index.js';
export { blockKind, fitCommonExponent, formatShape } from '../core/index.js';
