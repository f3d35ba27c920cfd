import { resolveNetwork, totalsOfSpec } from '../../src/core/index.js';
import type { ModelTotals, NetworkOptions, Totals } from '../../src/core/index.js';

/** The totals of a network given by options: resolve, then count. */
export function totalsOf(options: NetworkOptions): Totals {
  return totalsOfSpec(resolveNetwork(options));
}

/** The resolved network and its totals. */
export function modelTotalsOf(options: NetworkOptions): ModelTotals {
  const model = resolveNetwork(options);
  return { model, totals: totalsOfSpec(model) };
}
