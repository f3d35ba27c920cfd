import type { GridRowAxis } from '../../core/index.js';
import type { Layout } from '../layout.js';
import type { Paint } from '../paint.js';
import {
  cellText,
  columnHead,
  footnoteLines,
  gridHeadingParts,
  gridNotes,
  heatScale,
  lawSentence,
  rowHeads,
  rowLabels,
} from './grid-parts.js';
import type { GridView } from './grid-parts.js';
import { columnsOf } from './table.js';
import type { Align, Shrink } from './table.js';
import { joinParts, wrapLine, wrapText } from './wrap.js';

/** Row-head columns are numbers (right-aligned) except the l axis's block notation. */
export function rowHeadAligns(heads: readonly string[]): Align[] {
  return heads.map((head) => (head === 'block' ? 'left' : 'right'));
}

/**
 * In a narrow terminal a grid first gives up the row head that follows from the
 * other (N beside depth, depth beside N; on the l axis N and then the block
 * notation), then splits its k columns into stacked panels that repeat the row
 * heads: every cell stays.
 */
const GRID_SHRINK: Readonly<Record<GridRowAxis, readonly Shrink[]>> = {
  depth: [{ drop: 'N' }],
  blocksPerGroup: [{ drop: 'depth' }],
  l: [{ drop: 'N' }, { drop: 'block' }],
};

/**
 * The terminal grid: heading, table, the fitted law, then a footnote per
 * distinct reason a cell is `—`. Cells are coloured by a heat scale only when
 * `paint` colours (a TTY without NO_COLOR); otherwise they are plain text.
 */
export function renderGridTable(view: GridView, paint: Paint, layout: Layout): string {
  const { grid } = view;
  const heads = rowHeads(grid.rowAxis);
  const level = heatScale(grid);
  const rows = grid.cells.map((cells, r) => [
    ...rowLabels(grid.rowAxis, grid.rows[r] ?? 0, cells).map((label) => paint.cyan(label)),
    ...cells.map((cell) => (cell.ok ? paint.heat(cellText(cell, view), level(cell.value)) : paint.dim(cellText(cell, view)))),
  ]);
  const shrink = GRID_SHRINK[grid.rowAxis];
  // Panels come after every shrink step, so they repeat the row heads the steps left.
  const kept = heads.length - shrink.length;
  const allHeads = [...heads, ...grid.ks.map(columnHead)];
  const table = layout.table({
    columns: columnsOf(allHeads, allHeads, [...rowHeadAligns(heads), ...grid.ks.map((): Align => 'right')], rows),
    shrink,
    panels: { repeat: kept },
  });
  const sections = [
    [
      paint.bold(joinParts(gridHeadingParts(view), '  ·  ', layout.width)),
      ...gridNotes(view).map((note) => paint.dim(wrapText(`  ${note}`, layout.width))),
    ].join('\n'),
    table,
    wrapLine(lawSentence(view), layout.width),
  ];
  const notes = footnoteLines(view.notes);
  if (notes.length > 0) sections.push(notes.map((line) => paint.dim(wrapLine(line, layout.width, line.indexOf(' ') + 1))).join('\n'));
  return `${sections.join('\n\n')}\n`;
}
