import { describeData, FAMILY_LABELS, joinParts } from './describe.js';
import type { NetworkSpec, Totals } from './from-core.js';
import type { Bar, BarChart, BarPanel, NumberFormat } from './spec.js';
import { valueText } from './ticks.js';

/** One network of `compare`: its counts, and a training step at batch 1 with momentum (as compare's JSON gives it). */
export interface CompareChartEntry {
  readonly model: NetworkSpec;
  readonly totals: Pick<Totals, 'params' | 'macs'>;
  readonly trainBytes: number;
  readonly dataset: string | undefined;
}

const QUANTITIES = [
  { title: 'parameters', value: (e: CompareChartEntry) => e.totals.params, format: 'count' },
  { title: 'MACs per image', value: (e: CompareChartEntry) => e.totals.macs, format: 'count' },
  { title: 'training memory (fp32, batch 1, momentum)', value: (e: CompareChartEntry) => e.trainBytes, format: 'bytes' },
] as const satisfies readonly { title: string; value: (e: CompareChartEntry) => number; format: NumberFormat }[];

function sameData(entries: readonly CompareChartEntry[]): boolean {
  const key = (e: CompareChartEntry) => describeData(e.model, e.dataset);
  return entries.every((e) => key(e) === key(entries[0] ?? e));
}

/** Bars per model for params, MACs and training memory, each as a ratio to the first model. */
export function compareChart(entries: readonly CompareChartEntry[]): BarChart {
  const first = entries[0];
  const same = sameData(entries);
  const panels: BarPanel[] = QUANTITIES.map((quantity) => {
    const base = first === undefined ? 0 : quantity.value(first);
    const bars: Bar[] = entries.map((entry) => {
      const value = quantity.value(entry);
      const ratio = base > 0 ? value / base : 0;
      return {
        category: entry.model.name,
        ...(same ? {} : { detail: describeData(entry.model, entry.dataset) }),
        value: ratio,
        label: `${valueText(value, quantity.format)} ${valueText(ratio, 'ratio')}`,
      };
    });
    return { title: quantity.title, bars };
  });
  const families = [...new Set(entries.map((e) => FAMILY_LABELS[e.model.family]))];
  return {
    kind: 'compare',
    layout: 'bars',
    title: `${entries.map((e) => e.model.name).join(' vs ')}`,
    subtitle: joinParts([
      families.join(' and '),
      same && first !== undefined ? describeData(first.model, first.dataset) : 'inputs differ (under each name)',
    ]),
    caption: [
      first === undefined ? '' : `Bar lengths are ratios to ${first.model.name}, the first network; the numbers are each network's own.`,
    ],
    value: { label: `ratio to ${first?.model.name ?? 'the first'}`, scale: 'linear', format: 'ratio' },
    panels,
  };
}
