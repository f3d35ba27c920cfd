import { cellText, columnHead, footnoteLines, formatRow, gridHeading, gridNotes, lawSentence, rowHeads, rowLabels } from './grid-parts.js';
import type { GridView } from './grid-parts.js';
import { renderCsv } from './csv.js';
import { renderMarkdownTable } from './markdown.js';
import type { Align } from './table.js';

/** The grid as Markdown for a README or a PR: heading, table, law and footnotes as paragraphs. Human numbers, as in the terminal. */
export function renderGridMarkdown(view: GridView): string {
  const { grid } = view;
  const heads = rowHeads(grid.rowAxis);
  const rows = grid.cells.map((cells, r) => [
    ...rowLabels(grid.rowAxis, grid.rows[r] ?? 0, cells),
    ...cells.map((cell) => cellText(cell, view)),
  ]);
  const aligns: Align[] = [...heads.map((head): Align => (head === 'block' ? 'left' : 'right')), ...grid.ks.map((): Align => 'right')];
  const paragraphs = [
    [gridHeading(view), ...gridNotes(view)].join('  \n'),
    renderMarkdownTable([...heads, ...grid.ks.map(columnHead)], rows, aligns).trimEnd(),
    lawSentence(view),
    ...footnoteLines(view.notes),
  ];
  return `${paragraphs.join('\n\n')}\n`;
}

/**
 * The grid as a CSV matrix for spreadsheets: the row value, then one column per
 * k, holding the exact integer (or, with --relative, the exact ratio to the
 * reference cell). Invalid cells are empty; `invalidCellNotes` says why.
 */
export function renderGridCsv(view: GridView): string {
  const { grid } = view;
  const head = [rowHeads(grid.rowAxis)[0] ?? 'row', ...grid.ks.map(columnHead)];
  const reference = view.reference?.value ?? 1;
  const rows = grid.cells.map((cells, r) => [
    formatRow(grid.rows[r] ?? 0),
    ...cells.map((cell) => (!cell.ok ? '' : view.relative ? cell.value / reference : cell.value)),
  ]);
  return renderCsv(head, rows);
}

/** One line per distinct reason cells were left empty (stderr, so that stdout stays pure CSV). */
export function invalidCellNotes(view: GridView): string {
  return [...view.notes.keys()].map((message) => `wrn-calc: note: some cells are empty: ${message}\n`).join('');
}
