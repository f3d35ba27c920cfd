import { describeBlock, describeData, FAMILY_LABELS, joinParts } from './describe.js';
import { fitCommonExponent } from './from-core.js';
import type { Grid, GridLaws, GridMetric, GridRowAxis, ValidGridCell } from './from-core.js';
import type { Axis, LineSeries, NumberFormat, Point, XYChart } from './spec.js';

/** What `grid` computed: the cells, the laws fitted from them, and the dataset its heading names. */
export interface GridChartInput {
  readonly grid: Grid;
  readonly laws: GridLaws;
  /** Undefined when the input or classes were replaced (a custom input). */
  readonly dataset: string | undefined;
}

const METRICS: Record<GridMetric, { title: string; noun: string; format: NumberFormat }> = {
  params: { title: 'Parameters', noun: 'params', format: 'count' },
  macs: { title: 'MACs per image', noun: 'MACs', format: 'count' },
  memory: { title: 'Parameter memory', noun: 'param bytes', format: 'bytes' },
  'train-memory': { title: 'Training memory', noun: 'training bytes', format: 'bytes' },
  'receptive-field': { title: 'Receptive field', noun: 'field', format: 'plain' },
};

function yLabel(grid: Grid): string {
  switch (grid.metric) {
    case 'params':
      return 'parameters';
    case 'macs':
      return 'MACs per image';
    case 'memory':
      return `parameter memory (${grid.dtype}, bytes)`;
    case 'train-memory':
      return `training memory (fp32, batch ${grid.training.batch ?? 1}, ${grid.training.optimizer ?? 'momentum'}; bytes)`;
    case 'receptive-field':
      return 'receptive field of the last group (pixels per side)';
  }
}

/** The x of a cell: its row (depth, N or l), or the network's depth when the row is one N per group. */
function xOf(cell: ValidGridCell): number {
  return typeof cell.row === 'number' ? cell.row : cell.summary.model.depth;
}

function xAxisOf(grid: Grid): { label: string; symbol: string; title: string } {
  const perGroupRows = grid.rows.some((row) => typeof row !== 'number');
  const axis: GridRowAxis = perGroupRows ? 'depth' : grid.rowAxis;
  switch (axis) {
    case 'depth':
      return { label: 'depth d (layers)', symbol: 'd', title: 'depth' };
    case 'blocksPerGroup':
      return { label: 'blocks per group N', symbol: 'N', title: 'blocks per group' };
    case 'l':
      return { label: `block length l (convs per block; depth ${grid.fixedDepth ?? ''} held fixed)`, symbol: 'l', title: 'block length' };
  }
}

function formatK(k: number): string {
  return String(k);
}

/** One line per k, in the grid's column order; lines that coincide (a metric that does not depend on k) become one. */
function seriesOf(grid: Grid): LineSeries[] {
  const lines: { ks: number[]; points: Point[] }[] = [];
  grid.ks.forEach((k, column) => {
    const points = grid.cells
      .map((row) => row[column])
      .filter((cell): cell is ValidGridCell => cell !== undefined && cell.ok && cell.value > 0)
      .map((cell) => ({ x: xOf(cell), y: cell.value }))
      .sort((a, b) => a.x - b.x);
    if (points.length === 0) return;
    const same = lines.find((line) => JSON.stringify(line.points) === JSON.stringify(points));
    if (same) same.ks.push(k);
    else lines.push({ ks: [k], points });
  });
  return lines.map((line, index) => ({
    type: 'line',
    label: `k = ${line.ks.map(formatK).join(', ')}`,
    color: index,
    points: line.points,
  }));
}

function exponentText(exponent: number): string {
  const rounded = Math.abs(exponent) < 0.05 ? 0 : exponent;
  return rounded.toFixed(1);
}

/** A line along depth or N that the grid's own numbers follow (R² ≥ 0.999): its growth exponent is 1. */
function linearAlongRows(grid: Grid, laws: GridLaws): boolean {
  const rows = laws.rows;
  return rows !== undefined && grid.rowAxis !== 'l' && rows.fit.slope > 0 && rows.fit.r2 >= 0.999;
}

/**
 * `params ∝ d^1.0 · k^2.0`: the growth exponents of the grid's law, as the terminal states
 * it. Along depth (or N) the law is a line (the metric adds the same amount per block),
 * so its exponent is 1; where the rows are not a line (ImageNet's table depths, the l
 * axis), the exponent is fitted by least squares on log–log, like k's.
 */
function lawCaption(grid: Grid, laws: GridLaws, series: readonly LineSeries[], symbol: string): string[] {
  const columns = grid.ks.map((_, column) =>
    grid.cells
      .map((row) => row[column])
      .filter((cell): cell is ValidGridCell => cell !== undefined && cell.ok)
      .map((cell) => ({ x: xOf(cell), y: cell.value })),
  );
  const linear = linearAlongRows(grid, laws);
  const alongRows = linear ? { exponent: 1 } : fitCommonExponent(columns);
  const factors: string[] = [];
  if (alongRows !== undefined) factors.push(`${symbol}^${exponentText(alongRows.exponent)}`);
  if (laws.width !== undefined) factors.push(`k^${exponentText(laws.width.exponent)}`);
  const valid = grid.cells.flat().filter((cell) => cell.ok).length;
  const lines: string[] = [];
  if (factors.length > 0) {
    const how =
      linear && laws.rows !== undefined
        ? `a line in ${symbol} at k = ${formatK(laws.rows.k)}, R² = ${laws.rows.fit.r2.toFixed(4)}; k by least squares on log–log`
        : 'least squares on log–log';
    lines.push(`Fitted: ${METRICS[grid.metric].noun} ∝ ${factors.join(' · ')} (${how}; ${valid} networks)`);
  }
  const invalid = grid.cells.flat().length - valid;
  if (invalid > 0)
    lines.push(
      `${invalid} of the grid's cells ${invalid === 1 ? 'is not a valid network' : 'are not valid networks'} and ${invalid === 1 ? 'is' : 'are'} left out.`,
    );
  if (series.some((line) => line.label.includes(','))) lines.push(`Lines that coincide carry every k they stand for.`);
  return lines;
}

function subtitleOf(input: GridChartInput): string {
  const first = input.grid.cells.flat().find((cell): cell is ValidGridCell => cell.ok);
  if (first === undefined) return '';
  const model = first.summary.model;
  const blocks = new Set(input.grid.cells.flat().flatMap((cell) => (cell.ok ? [describeBlock(cell.summary.model.block)] : [])));
  const block =
    input.grid.rowAxis === 'l'
      ? 'blocks B(3,…,3) of l convs'
      : blocks.size > 1
        ? "block by depth (torchvision's table)"
        : describeBlock(model.block);
  return joinParts([FAMILY_LABELS[model.family], block, describeData(model, input.dataset)]);
}

/** The scaling law: the grid's metric against depth (or N, or l), one line per k, log–log. */
export function gridChart(input: GridChartInput): XYChart {
  const { grid, laws } = input;
  const axis = xAxisOf(grid);
  const series = seriesOf(grid);
  const xs = [...new Set(series.flatMap((line) => line.points.map((p) => p.x)))].sort((a, b) => a - b);
  const x: Axis = { label: axis.label, scale: 'log', format: 'plain', ...(xs.length <= 12 ? { ticks: xs } : {}) };
  const metric = METRICS[grid.metric];
  return {
    kind: 'grid',
    layout: 'xy',
    title: `${metric.title} against ${axis.title}, one line per widening factor k`,
    subtitle: subtitleOf(input),
    caption: lawCaption(grid, laws, series, axis.symbol),
    x,
    y: { label: yLabel(grid), scale: 'log', format: metric.format },
    marks: series,
  };
}
