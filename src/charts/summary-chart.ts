import { describeBlock, describeData, FAMILY_LABELS, joinParts } from './describe.js';
import { formatShape } from './from-core.js';
import type { NetworkSummary } from './from-core.js';
import type { BarChart, BarPanel, NumberFormat } from './spec.js';
import { valueText } from './ticks.js';

/** The summary of one network, and the dataset its heading names. */
export interface SummaryChartInput {
  readonly summary: NetworkSummary;
  readonly dataset: string | undefined;
}

const QUANTITIES = [
  { title: 'parameters', key: 'params', format: 'count' },
  { title: 'MACs per image', key: 'macs', format: 'count' },
] as const satisfies readonly { title: string; key: 'params' | 'macs'; format: NumberFormat }[];

function percent(part: number, whole: number): number {
  return whole > 0 ? (100 * part) / whole : 0;
}

/** The network's shape: each group's share of the params and of the MACs, labelled with its output shape. */
export function summaryChart(input: SummaryChartInput): BarChart {
  const { model, groups, totals } = input.summary;
  const panels: BarPanel[] = QUANTITIES.map((quantity) => ({
    title: `${quantity.title}: ${valueText(totals[quantity.key], quantity.format)} in all`,
    bars: groups.map((group) => {
      const share = percent(group[quantity.key], totals[quantity.key]);
      return {
        category: group.name,
        detail: formatShape(group.output),
        value: share,
        label: `${valueText(group[quantity.key], quantity.format)} (${share < 0.1 && share > 0 ? '<0.1' : share.toFixed(1)}%)`,
      };
    }),
  }));
  return {
    kind: 'summary',
    layout: 'bars',
    title: `${model.name}: where the parameters and MACs are`,
    subtitle: joinParts([FAMILY_LABELS[model.family], describeBlock(model.block), describeData(model, input.dataset)]),
    caption: [
      "Bar lengths are each group's share of the network's total; by each group's name, its output shape (channels × height × width).",
    ],
    value: { label: 'share of the network (%)', scale: 'linear', format: 'percent' },
    panels,
  };
}
