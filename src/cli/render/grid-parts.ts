import { DEEPENING_KERNEL, DTYPE_BYTES, blockNotation, depthStepPerBlock } from '../../core/index.js';
import type { Grid, GridCell, GridLaws, GridMetric, GridRow, GridRowAxis, ValidGridCell } from '../../core/index.js';
import { describeInput, formatBlocksPerGroup, formatBytes, formatHuman, formatInteger } from '../format.js';

/*
 * The pieces every human-readable grid format shares (table and Markdown):
 * row labels, cell text, footnotes for invalid cells, the heading and the
 * fitted-law sentence. No chalk, no table layout: plain strings only.
 */

export interface GridView {
  readonly grid: Grid;
  readonly laws: GridLaws;
  /** Show each cell as a ratio to the reference cell instead of its value. */
  readonly relative: boolean;
  /** The dataset named in the heading; undefined when the input or classes were replaced (`custom input`). */
  readonly dataset: string | undefined;
  /**
   * The cell `--relative` divides by: the top-left one, or the first valid one
   * in row-major order when that is invalid. Also the model the heading describes.
   */
  readonly reference: ValidGridCell | undefined;
  /** Footnote number of each distinct refusal, in row-major order of first appearance. */
  readonly notes: ReadonlyMap<string, number>;
}

export function gridView(grid: Grid, laws: GridLaws, relative: boolean, dataset: string | undefined): GridView {
  const notes = new Map<string, number>();
  for (const cell of grid.cells.flat()) {
    if (!cell.ok && !notes.has(cell.message)) notes.set(cell.message, notes.size + 1);
  }
  const reference = grid.cells.flat().find((cell): cell is ValidGridCell => cell.ok);
  return { grid, laws, relative, dataset, reference, notes };
}

const ROW_HEADS: Record<GridRowAxis, readonly string[]> = {
  depth: ['depth', 'N'],
  blocksPerGroup: ['N', 'depth'],
  l: ['l', 'block', 'N'],
};

export function rowHeads(axis: GridRowAxis): readonly string[] {
  return ROW_HEADS[axis];
}

export function columnHead(k: number): string {
  return `k=${k}`;
}

/** What a row is, in the row-head columns; derived values come from any valid cell of the row, `—` when none is. */
/** A row's label: a number, or one N per group (`3,4,6,3`). */
export function formatRow(row: GridRow): string {
  return String(row);
}

export function rowLabels(axis: GridRowAxis, gridRow: GridRow, cells: readonly GridCell[]): string[] {
  const model = cells.find((cell): cell is ValidGridCell => cell.ok)?.summary.model;
  const row = typeof gridRow === 'number' ? gridRow : 0;
  switch (axis) {
    case 'depth':
      return [formatRow(gridRow), model ? formatBlocksPerGroup(model.blocksPerGroup) : '—'];
    case 'blocksPerGroup':
      return [formatRow(gridRow), model ? String(model.depth) : '—'];
    case 'l':
      // Long blocks are abbreviated: B(3,3,3,3,3,3,3,3,…).
      return [
        formatRow(gridRow),
        `B(${Array.from({ length: Math.min(row, 8) }, () => DEEPENING_KERNEL).join(',')}${row > 8 ? ',…' : ''})`,
        model ? formatBlocksPerGroup(model.blocksPerGroup) : '—',
      ];
  }
}

/** A human amount of a metric: 36.5M params, 5.24G MACs, 139.16 MiB. */
export function formatAmount(value: number, metric: GridMetric): string {
  const rounded = Math.round(value);
  if (metric === 'receptive-field') return formatInteger(rounded);
  return metric === 'memory' || metric === 'train-memory' ? formatBytes(rounded) : formatHuman(rounded);
}

/** Three significant digits: ×1.00, ×3.97, ×15.8, ×300. */
export function formatRatio(ratio: number): string {
  const digits = ratio >= 100 ? 0 : ratio >= 10 ? 1 : 2;
  return `×${ratio.toFixed(digits)}`;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

export function footnoteMark(index: number): string {
  return [...String(index)].map((digit) => SUPERSCRIPT[Number(digit)] ?? digit).join('');
}

export function footnoteLines(notes: ReadonlyMap<string, number>): string[] {
  return [...notes].map(([message, index]) => `${footnoteMark(index)} ${message}`);
}

/** A cell's text: its human value, its ratio to the reference, or `—` and its footnote mark. */
export function cellText(cell: GridCell, view: GridView): string {
  if (!cell.ok) return `—${footnoteMark(view.notes.get(cell.message) ?? 0)}`;
  if (view.relative && view.reference !== undefined) return formatRatio(cell.value / view.reference.value);
  return formatAmount(cell.value, view.grid.metric);
}

/** Where a value sits between the grid's smallest and largest, 0 to 1 on a log scale (the values span orders of magnitude). */
export function heatScale(grid: Grid): (value: number) => number {
  let low = Infinity;
  let high = -Infinity;
  for (const cell of grid.cells.flat()) {
    if (!cell.ok || cell.value <= 0) continue;
    low = Math.min(low, Math.log(cell.value));
    high = Math.max(high, Math.log(cell.value));
  }
  return (value) => (high > low && value > 0 ? (Math.log(value) - low) / (high - low) : 0);
}

const METRIC_TITLES: Record<GridMetric, string> = {
  params: 'Parameters',
  macs: 'MACs per image',
  memory: 'Parameter memory',
  'train-memory': 'Training memory',
  'receptive-field': 'Receptive field of the last group (pixels per side)',
};

const METRIC_NOUNS: Record<GridMetric, string> = {
  params: 'params',
  macs: 'MACs',
  memory: 'param bytes',
  'train-memory': 'training bytes',
  'receptive-field': 'pixels of field',
};

const AXIS_NAMES: Record<GridRowAxis, string> = {
  depth: 'depth d',
  blocksPerGroup: 'blocks per group N',
  l: 'block length l',
};

/** The line above the table, in parts: what the numbers are, what rows and columns vary, and what is held fixed. */
export function gridHeadingParts(view: GridView): string[] {
  const { grid } = view;
  const first = view.reference;
  const model = first?.summary.model;
  const metric =
    grid.metric === 'memory'
      ? `${METRIC_TITLES.memory} (${grid.dtype}, ${DTYPE_BYTES[grid.dtype]} B per param)`
      : grid.metric === 'train-memory'
        ? `${METRIC_TITLES['train-memory']} (fp32, batch ${grid.training.batch ?? 1}, ${grid.training.optimizer ?? 'momentum'}; the floor a step needs)`
        : METRIC_TITLES[grid.metric];
  const parts = [`${metric}: ${AXIS_NAMES[grid.rowAxis]} (rows) × widening factor k (columns)`];
  if (grid.rowAxis === 'l' && grid.fixedDepth !== undefined) {
    parts.push(`depth ${grid.fixedDepth} held fixed: blocks B(${DEEPENING_KERNEL},…,${DEEPENING_KERNEL}) of l convs, N = (d − 4)/(3·l)`);
  } else if (model) {
    const blocks = new Set(grid.cells.flat().flatMap((cell) => (cell.ok ? [blockNotation(cell.summary.model)] : [])));
    parts.push(blocks.size > 1 ? `block by depth: ${[...blocks].join(' or ')} (torchvision's table)` : `block ${blockNotation(model)}`);
  }
  if (model) parts.push(describeInput(model.input, view.dataset), `${model.classes} classes`);
  if (view.relative && first) parts.push(`relative to ${first.summary.model.name} = ${formatInteger(first.value)}`);
  return parts;
}

export function gridHeading(view: GridView): string {
  return gridHeadingParts(view).join('  ·  ');
}

/** Notes on options that change the counts, as the summary's header gives them. */
export function gridNotes(view: GridView): string[] {
  const { grid } = view;
  const model = view.reference?.summary.model;
  if (!model) return [];
  const notes: string[] = [];
  if (model.depthRule === 'nominal' && grid.rowAxis !== 'l')
    notes.push("depth by the nominal rule d = 6·N + 4 (the paper's Table 2 labels)");
  if (model.convBias) notes.push('every conv has a bias');
  if (model.dropout > 0) notes.push(`dropout ${model.dropout} before the 2nd and later convs of each block (no parameters)`);
  return notes;
}

function signed(value: number, metric: GridMetric): string {
  return `${value < 0 ? '−' : '+'}${formatAmount(Math.abs(value), metric)}`;
}

function rowClause(view: GridView): string | undefined {
  const { grid, laws } = view;
  const rows = laws.rows;
  if (rows === undefined) return undefined;
  const noun = METRIC_NOUNS[grid.metric];
  const r2 = `R² = ${rows.fit.r2.toFixed(4)}`;
  const perBlock = rows.perBlockPerGroup === undefined ? '' : signed(rows.perBlockPerGroup, grid.metric);
  switch (grid.rowAxis) {
    case 'depth': {
      const model = view.reference?.summary.model;
      const step = model ? depthStepPerBlock(model.block, model.depthRule) : 0;
      return `linear in depth at k = ${rows.k}: ${perBlock} per extra block per group (+${step} layers; ${r2})`;
    }
    case 'blocksPerGroup':
      return `linear in N at k = ${rows.k}: ${perBlock} per extra block per group (${r2})`;
    case 'l': {
      const spread = rows.min > 0 ? (100 * (rows.max - rows.min)) / rows.min : 0;
      const convs = (grid.fixedDepth ?? 0) - 4;
      return spread === 0
        ? `constant in l at k = ${rows.k}: every arrangement of the ${convs} block convs has ${formatAmount(rows.min, grid.metric)} ${noun}`
        : `at k = ${rows.k}, ${noun} vary by ${spread.toFixed(2)}% across l (${formatAmount(rows.min, grid.metric)} to ${formatAmount(rows.max, grid.metric)})`;
    }
  }
}

/** The one line below the table: the laws fitted from this grid's own numbers. */
export function lawSentence(view: GridView): string {
  const { grid, laws } = view;
  const noun = METRIC_NOUNS[grid.metric];
  const clauses: string[] = [];
  if (laws.width) {
    const fixed = { depth: 'depth', blocksPerGroup: 'N', l: 'l' }[grid.rowAxis];
    // Two decimals, and no "-0.00" when the values do not change with k (the receptive field).
    const exponent = Math.abs(laws.width.exponent) < 0.005 ? '0.00' : laws.width.exponent.toFixed(2);
    const constant = exponent === '0.00' ? ', constant in k' : '';
    clauses.push(`${noun} ∝ k^${exponent} at fixed ${fixed}${constant} (least squares on log-log, ${laws.width.points} cells)`);
  }
  const rows = rowClause(view);
  if (rows) clauses.push(rows);
  if (clauses.length === 0) return 'Fitted law: too few valid cells (a fit needs two values of k in a row, or two rows in a column).';
  return `Fitted law: ${clauses.join('; ')}.`;
}
