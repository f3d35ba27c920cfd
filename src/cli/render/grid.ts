import type { Paint } from '../paint.js';
import { cellText, columnHead, footnoteLines, gridHeading, gridNotes, heatScale, lawSentence, rowHeads, rowLabels } from './grid-parts.js';
import type { GridView } from './grid-parts.js';
import { renderTable } from './table.js';
import type { Align } from './table.js';

/** Row-head columns are numbers (right-aligned) except the l axis's block notation. */
export function rowHeadAligns(heads: readonly string[]): Align[] {
  return heads.map((head) => (head === 'block' ? 'left' : 'right'));
}

/**
 * The terminal grid: heading, table, the fitted law, then a footnote per
 * distinct reason a cell is `—`. Cells are coloured by a heat scale only when
 * `paint` colours (a TTY without NO_COLOR); otherwise they are plain text.
 */
export function renderGridTable(view: GridView, paint: Paint): string {
  const { grid } = view;
  const heads = rowHeads(grid.rowAxis);
  const level = heatScale(grid);
  const rows = grid.cells.map((cells, r) => [
    ...rowLabels(grid.rowAxis, grid.rows[r] ?? 0, cells).map((label) => paint.cyan(label)),
    ...cells.map((cell) => (cell.ok ? paint.heat(cellText(cell, view), level(cell.value)) : paint.dim(cellText(cell, view)))),
  ]);
  const table = renderTable([...heads, ...grid.ks.map(columnHead)], rows, [...rowHeadAligns(heads), ...grid.ks.map((): Align => 'right')]);
  const sections = [
    [paint.bold(gridHeading(view)), ...gridNotes(view).map((note) => paint.dim(`  ${note}`))].join('\n'),
    table,
    lawSentence(view),
  ];
  const notes = footnoteLines(view.notes);
  if (notes.length > 0) sections.push(notes.map((line) => paint.dim(line)).join('\n'));
  return `${sections.join('\n\n')}\n`;
}
