/** What the chart chunk offers (src/charts/node/chunk.ts). */
export type ChartChunk = typeof import('../charts/node/chunk.js');

/**
 * The chart chunk, loaded on first use. In the built CLI this import is replaced
 * by a load of dist/charts.cjs through its V8 code cache (scripts/bundle.mjs), so
 * Observable Plot, d3 and linkedom cost nothing to a run that draws no chart.
 */
export function loadChartChunk(): Promise<ChartChunk> {
  return import('../charts/node/chunk.js');
}
