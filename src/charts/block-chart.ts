import { describeBlock, joinParts } from './describe.js';
import { formatShape } from './from-core.js';
import type { BlockViewSpec, WidthComparison } from './from-core.js';
import type { LineSeries, XYChart } from './spec.js';
import { valueText } from './ticks.js';

/** What `block --compare-k` computed: the block and its costs at each k. */
export interface BlockChartInput {
  readonly spec: BlockViewSpec;
  readonly rows: readonly WidthComparison[];
}

function ratioText(ratio: number): string {
  return valueText(ratio, 'ratio');
}

/** The k the caption quotes: 4 (the "k = 4 → ×16" claim) when compared, else the largest. */
function quotedRow(rows: readonly WidthComparison[]): WidthComparison | undefined {
  return (
    rows.find((row) => row.k === 4) ?? rows.reduce<WidthComparison | undefined>((a, b) => (a === undefined || b.k > a.k ? b : a), undefined)
  );
}

/** Params against k for the two readings of "widen by k": the WRN block (×k²) and c → k·c → c (×k). */
export function blockChart(input: BlockChartInput): XYChart {
  const { spec, rows } = input;
  const c = spec.inChannels;
  const sorted = [...rows].sort((a, b) => a.k - b.k);
  const series: LineSeries[] = [
    {
      type: 'line',
      label: `WRN block, ${c}·k → ${c}·k (×k²)`,
      color: 0,
      points: sorted.map((row) => ({ x: row.k, y: row.midGroup.params })),
    },
  ];
  if (sorted.every((row) => row.innerOnly !== undefined)) {
    series.push({
      type: 'line',
      label: `inner convs only, ${c} → ${c}·k → ${c} (×k)`,
      color: 1,
      points: sorted.map((row) => ({ x: row.k, y: row.innerOnly?.params ?? 0 })),
    });
  }
  const first = rows[0];
  const quoted = quotedRow(rows);
  const caption: string[] = [];
  if (first !== undefined && quoted !== undefined && quoted !== first) {
    const inner = quoted.innerOnly === undefined ? '' : `; inner convs only, ${ratioText(quoted.innerOnly.paramsRatio)}`;
    caption.push(`From k = ${first.k} to k = ${quoted.k}: the WRN block's params grow ${ratioText(quoted.midGroup.paramsRatio)}${inner}.`);
  }
  caption.push(
    'The WRN block widens every conv on both sides, so its params grow with k²; widening only the inner convs gives each conv one widened side, so they grow with k.',
  );
  return {
    kind: 'block',
    layout: 'xy',
    title: `Block params against k: two readings of "widen by k"`,
    subtitle: joinParts([
      `block ${describeBlock(spec.kernels)}`,
      `${spec.order}-activation`,
      `input ${formatShape(spec.input)}`,
      `stride ${spec.stride}`,
    ]),
    caption,
    x: { label: 'widening factor k', scale: 'log', format: 'plain', ticks: sorted.map((row) => row.k) },
    y: {
      label: `parameters of one block (${valueText(first?.midGroup.params ?? 0, 'count')} at k = ${first?.k ?? 1})`,
      scale: 'log',
      format: 'count',
    },
    marks: series,
  };
}
