import { blockChart } from './block-chart.js';
import type { BlockChartInput } from './block-chart.js';
import { compareChart } from './compare-chart.js';
import type { CompareChartEntry } from './compare-chart.js';
import { fitChart } from './fit-chart.js';
import type { FitChartInput } from './fit-chart.js';
import { gridChart } from './grid-chart.js';
import type { GridChartInput } from './grid-chart.js';
import type { ChartSpec } from './spec.js';
import { summaryChart } from './summary-chart.js';
import type { SummaryChartInput } from './summary-chart.js';

/*
 * The chart specs: a command's result → what its picture shows (spec.ts). Pure:
 * the CLI and a browser page both start here, then draw with Observable Plot
 * (plot-options.ts) or as text (terminal.ts).
 */

/** A command's result, tagged with the chart it makes. */
export type ChartInput =
  | ({ readonly kind: 'grid' } & GridChartInput)
  | ({ readonly kind: 'fit' } & FitChartInput)
  | { readonly kind: 'compare'; readonly entries: readonly CompareChartEntry[] }
  | ({ readonly kind: 'summary' } & SummaryChartInput)
  | ({ readonly kind: 'block' } & BlockChartInput);

export function chartSpec(input: ChartInput): ChartSpec {
  switch (input.kind) {
    case 'grid':
      return gridChart(input);
    case 'fit':
      return fitChart(input);
    case 'compare':
      return compareChart(input.entries);
    case 'summary':
      return summaryChart(input);
    case 'block':
      return blockChart(input);
  }
}

export type { BlockChartInput, CompareChartEntry, FitChartInput, GridChartInput, SummaryChartInput };
export * from './spec.js';
