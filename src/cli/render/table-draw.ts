import type CliTable3 from 'cli-table3';
import { GAP } from './table-fit.js';
import type { Panel } from './table-fit.js';
import { cellWords, visibleWidth } from './wrap.js';

/*
 * Drawing a planned table with cli-table3 (column widths, word wrap, widths that
 * ignore colour codes): no borders, a rule under the header, columns GAP spaces
 * apart (the torchinfo look). The rule keeps cli-table3's length, which runs a few
 * columns past the last one; fitted to a terminal it stops at the terminal's edge.
 *
 * For speed: cli-table3 lays a table out in time quadratic in its rows, so a long
 * table is drawn CHUNK_ROWS rows at a time at the planned widths; and it spends
 * about a quarter of a millisecond per row, so a table of more than
 * CLI_TABLE3_MAX_ROWS rows (the per-layer listing of a deep network: up to 100,000
 * rows, a minute) whose columns need no wrapping is padded here instead, to the same
 * widths and the same characters (a test draws tables both ways and compares).
 */

export type TableConstructor = typeof CliTable3;

const RULE = '─';

const CHARS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: RULE,
  'mid-mid': RULE,
  right: '',
  'right-mid': '',
  middle: '',
} as const;

export const CLI_TABLE3_MAX_ROWS = 1_000;
const CHUNK_ROWS = 200;

/** A cell as drawn: word-wrapped here first when its column wraps (wrapCell). */
function cellOf(column: Panel[number], row: number): string {
  const cell = column.cells[row] ?? '';
  return column.wrap ? wrapCell(cell, column.width) : cell;
}

function rowCount(panel: Panel): number {
  return Math.max(0, ...panel.map((column) => column.cells.length));
}

/** Trailing padding trimmed; the rule stops at the terminal's edge. */
function finish(lines: readonly string[], width: number | undefined): string {
  return lines
    .map((line) => {
      const trimmed = line.trimEnd();
      return width !== undefined && /^─+$/.test(trimmed) ? trimmed.slice(0, width) : trimmed;
    })
    .join('\n');
}

/** Rows `from` to `to` by cli-table3, with the header when `from` is 0. */
function drawRows(Table: TableConstructor, panel: Panel, from: number, to: number, chunked: boolean): string[] {
  const table = new Table({
    head: from === 0 ? panel.map((column) => column.head) : [],
    colAligns: panel.map((column) => column.align),
    // cli-table3's widths hold the padding; null leaves a column at its natural width (every chunk
    // of a long table gets the planned widths, so the chunks line up).
    colWidths: panel.map((column) => (column.wrap || chunked ? column.width + GAP : null)),
    wordWrap: true,
    // head and border colours come from @colors/colors in cli-table3; ours are painted by the renderers.
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': GAP, compact: true },
    chars: CHARS,
  });
  for (let row = from; row < to; row++) table.push(panel.map((column) => cellOf(column, row)));
  return table.toString().split('\n');
}

/**
 * A cell word-wrapped as cli-table3 wraps it (greedy, at whitespace, a word longer
 * than the width on a line of its own), but by the words of cellWords, which keep
 * a group's notation readable: `[3×3, 160; 3×3, 160] × 4` breaks after `;`, never
 * before `4`. Lines that fit pass through cli-table3 unchanged.
 */
export function wrapCell(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const lines: string[] = [];
      let current = '';
      let gap = '';
      const words = cellWords(line).flatMap((item) => (visibleWidth(item.word) > width ? cellWords(item.word + item.space, true) : [item]));
      for (const { word, space } of words) {
        const joined = current === '' ? word : `${current}${gap}${word}`;
        if (current !== '' && visibleWidth(joined) > width) {
          lines.push(current);
          current = word;
        } else current = joined;
        gap = space;
      }
      lines.push(current);
      return lines.join('\n');
    })
    .join('\n');
}

function pad(text: string, width: number, align: Panel[number]['align']): string {
  const fill = ' '.repeat(Math.max(0, width - visibleWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** The same table padded directly: what cli-table3 draws for columns at their natural widths. */
export function padPanel(panel: Panel, width: number | undefined): string {
  const line = (cells: readonly string[]) =>
    panel.map((column, index) => pad(cells[index] ?? '', column.width, column.align) + ' '.repeat(GAP)).join('');
  const rule = RULE.repeat(panel.reduce((sum, column) => sum + column.width + GAP, 0) + panel.length - 1);
  const rows = Array.from({ length: rowCount(panel) }, (_, row) => line(panel.map((column) => column.cells[row] ?? '')));
  // cli-table3 draws the rule as the top of the first row: a table without rows has none.
  return finish([line(panel.map((column) => column.head)), ...(rows.length > 0 ? [rule] : []), ...rows], width);
}

export function drawPanel(Table: TableConstructor, panel: Panel, width: number | undefined): string {
  const rows = rowCount(panel);
  if (rows <= CHUNK_ROWS) return finish(drawRows(Table, panel, 0, rows, false), width);
  if (rows > CLI_TABLE3_MAX_ROWS && !panel.some((column) => column.wrap)) return padPanel(panel, width);
  const lines: string[] = [];
  for (let from = 0; from < rows; from += CHUNK_ROWS) lines.push(...drawRows(Table, panel, from, Math.min(rows, from + CHUNK_ROWS), true));
  return finish(lines, width);
}
