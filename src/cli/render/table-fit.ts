import type { Align, Column, Shrink, TableSpec } from './table.js';
import { cellWords, visibleWidth } from './wrap.js';

/*
 * Fitting a table to the terminal: the table's own shrink steps in their stated
 * order (least important column first) until its lines fit; then, for a table of
 * like columns, stacked panels; then, as a last resort, the widest column wrapped
 * (and, below its longest word, cut with …) one column at a time. Without a width
 * (stdout is not a terminal) the table keeps its natural widths: piped output is
 * the same whatever terminal the command ran in.
 */

/** Spaces between columns (the torchinfo look: no borders, a rule under the header). */
export const GAP = 2;

export interface PlannedColumn {
  /** The column as the renderer described it (its shorter forms, for a `shorten` step). */
  readonly source: Column;
  /** 0 for the column as given, n for its n-th shorter form. */
  readonly form: number;
  readonly key: string;
  readonly head: string;
  readonly align: Align;
  readonly cells: readonly string[];
  /** Terminal columns the content takes, without the gap after it. */
  readonly width: number;
  /** Cells are word-wrapped to `width` (set when the table was narrowed by wrapping this column). */
  readonly wrap: boolean;
}

/** One table as drawn: the whole table, or one of the stacked panels of a split one. */
export type Panel = readonly PlannedColumn[];

function widest(texts: readonly string[]): number {
  return Math.max(0, ...texts.map(visibleWidth));
}

/** The widest word of the cells, as a wrapped cell is broken into words (wrap.ts's cellWords). */
function longestWord(texts: readonly string[]): number {
  return widest(texts.flatMap((text) => text.split('\n').flatMap((line) => cellWords(line).map(({ word }) => word))));
}

function natural(column: Column, form: number): PlannedColumn {
  const shorter = form === 0 ? undefined : column.shorter?.[form - 1];
  const head = shorter?.head ?? column.head;
  const cells = shorter?.cells ?? column.cells;
  return { source: column, form, key: column.key, head, align: column.align, cells, width: widest([head, ...cells]), wrap: false };
}

/** The width of the panel's widest line (trailing spaces are trimmed when drawn). */
export function lineWidth(panel: Panel): number {
  return panel.reduce((sum, column) => sum + column.width, 0) + GAP * Math.max(0, panel.length - 1);
}

function applyStep(panel: Panel, step: Shrink, width: number): Panel {
  if ('drop' in step) return panel.filter((column) => column.key !== step.drop);
  if ('shorten' in step) {
    const keys: readonly string[] = typeof step.shorten === 'string' ? [step.shorten] : step.shorten;
    return panel.map((column) =>
      keys.includes(column.key) && column.form < (column.source.shorter?.length ?? 0) ? natural(column.source, column.form + 1) : column,
    );
  }
  const excess = lineWidth(panel) - width;
  return panel.map((column) => {
    if (column.key !== step.wrap) return column;
    const target = Math.max(step.min, longestWord([column.head, ...column.cells]), column.width - excess);
    return target < column.width ? { ...column, width: target, wrap: true } : column;
  });
}

/** The like columns after the first `repeat` ones, as many to a panel as fit; each panel repeats the first ones. */
function splitPanels(panel: Panel, repeat: number, width: number): Panel[] {
  const fixed = panel.slice(0, repeat);
  const panels: Panel[] = [];
  let current: PlannedColumn[] = [];
  for (const column of panel.slice(repeat)) {
    if (current.length > 0 && lineWidth([...fixed, ...current, column]) > width) {
      panels.push([...fixed, ...current]);
      current = [];
    }
    current.push(column);
  }
  if (current.length > 0) panels.push([...fixed, ...current]);
  return panels;
}

/** The last resort: narrow the widest column by one, again and again, until the panel fits or every column is one wide. */
function squeeze(panel: Panel, width: number): Panel {
  const columns = [...panel];
  while (lineWidth(columns) > width) {
    let index = 0;
    columns.forEach((column, i) => {
      if (column.width > (columns[index]?.width ?? 0)) index = i;
    });
    const column = columns[index];
    if (column === undefined || column.width <= 1) break;
    columns[index] = { ...column, width: column.width - 1, wrap: true };
  }
  return columns;
}

/** Width left over after the steps goes back to the wrapped columns, first ones first, up to their natural width. */
function relax(panel: Panel, width: number): Panel {
  let slack = width - lineWidth(panel);
  return panel.map((column) => {
    if (!column.wrap || slack <= 0) return column;
    const full = widest([column.head, ...column.cells]);
    const grown = Math.min(full, column.width + slack);
    slack -= grown - column.width;
    return { ...column, width: grown, wrap: grown < full };
  });
}

/** The keys of the columns a table keeps at `width` (in any of its panels): what its notes may speak of. */
export function keptColumns(spec: TableSpec, width: number | undefined): Set<string> {
  return new Set(planTable(spec, width).flatMap((panel) => panel.map((column) => column.key)));
}

/** The panels to draw: one table at its natural widths without a width, else fitted to `width` columns. */
export function planTable(spec: TableSpec, width: number | undefined): Panel[] {
  let panel: Panel = spec.columns.map((column) => natural(column, 0));
  if (width === undefined) return [panel];
  for (const step of spec.shrink) {
    if (lineWidth(panel) <= width) break;
    panel = applyStep(panel, step, width);
  }
  if (lineWidth(panel) <= width) return [relax(panel, width)];
  const panels = spec.panels === undefined ? [panel] : splitPanels(panel, spec.panels.repeat, width);
  return panels.map((part) => relax(squeeze(part, width), width));
}
