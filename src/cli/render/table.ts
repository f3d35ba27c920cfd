/*
 * What a terminal table is, before it is drawn: its columns, and how it gives
 * way when the terminal is narrower than the table. Renderers describe tables
 * with these plain values; layout.ts draws them with cli-table3, which is loaded
 * only when a terminal table is printed (JSON, CSV and Markdown never load it).
 */

export type Align = 'left' | 'right';

export interface Column {
  /** The name the table's shrink steps use for this column (its head may repeat: `share`, `ratio`). */
  readonly key: string;
  readonly head: string;
  readonly align: Align;
  /** One cell per row, possibly painted. */
  readonly cells: readonly string[];
  /**
   * Shorter forms of the column, shortest last (`36,479,194` for `36,479,194 (36.5M)`,
   * then `36.5M`); each `shorten` step takes the next.
   */
  readonly shorter?: readonly ColumnForm[];
}

/** Another way to write a column: every cell, and the head when it changes too. */
export interface ColumnForm {
  readonly head?: string;
  readonly cells: readonly string[];
}

/**
 * One way a table gives way, tried in the table's stated order until it fits:
 * leave a column out, switch a column to its next shorter form (several columns
 * in one step, when their forms must agree: a value and its budget), or word-wrap
 * a column's cells down to `min` columns (never below its longest word).
 */
export type Shrink =
  { readonly drop: string } | { readonly shorten: string | readonly string[] } | { readonly wrap: string; readonly min: number };

export interface TableSpec {
  readonly columns: readonly Column[];
  /** Least important first; nothing is dropped while the table fits. */
  readonly shrink: readonly Shrink[];
  /**
   * A table of many like columns (a grid's k = 1 … 12) is split into stacked
   * panels rather than losing columns, each panel repeating the first `repeat` columns.
   */
  readonly panels?: { readonly repeat: number };
}

/** Rows of cells (the way renderers build them) as columns. */
export function columnsOf(
  keys: readonly string[],
  heads: readonly string[],
  aligns: readonly Align[],
  rows: readonly (readonly string[])[],
): Column[] {
  return heads.map((head, index) => ({
    key: keys[index] ?? head,
    head,
    align: aligns[index] ?? 'left',
    cells: rows.map((row) => row[index] ?? ''),
  }));
}
