import type { GridCell, GridMetric } from '../../core/index.js';
import { formatInteger } from '../../cli/format.js';
import {
  cellText,
  columnHead,
  footnoteLines,
  gridHeadingParts,
  gridView,
  heatScale,
  lawSentence,
  rowHeads,
  rowLabels,
} from '../../cli/render/grid-parts.js';
import type { GridView } from '../../cli/render/grid-parts.js';
import { fill, h, scrollingTable } from '../dom.js';
import type { PageGrid } from '../evaluate.js';
import { heatColors } from '../heat.js';

/*
 * The depth × width grid as a heat map: the CLI's grid table (its row labels, cell
 * text, footnotes and fitted law), each cell coloured by where its value sits on
 * the grid's log scale. Every valid cell is a button that shows its network.
 */

export interface GridEvents {
  readonly select: (depth: number, k: number) => void;
}

/** What a cell's short value counts, for its button's name (byte amounts carry their unit). */
const METRIC_NOUNS: Record<GridMetric, string> = {
  params: ' params',
  macs: ' MACs',
  memory: '',
  'train-memory': '',
  'receptive-field': ' pixels',
};

/** The network a valid cell stands for, for its button's name: `WRN-16-8: 11.0M params`. */
function cellName(cell: Extract<GridCell, { ok: true }>, text: string, metric: GridMetric): string {
  return `${cell.summary.model.name}: ${text}${METRIC_NOUNS[metric]}`;
}

function cellElement(cell: GridCell, view: GridView, level: (value: number) => number, current: boolean, events: GridEvents): HTMLElement {
  const text = cellText(cell, view);
  if (!cell.ok) {
    return h(
      'td',
      { className: 'invalid', attrs: { title: cell.message } },
      h('span', { attrs: { 'aria-hidden': 'true' } }, text),
      h('span', { className: 'visually-hidden' }, `not a network: ${cell.message}`),
    );
  }
  const colors = heatColors(level(cell.value));
  const button = h(
    'button',
    {
      attrs: {
        type: 'button',
        title: `${cell.summary.model.name}: ${formatInteger(cell.value)}`,
        'aria-label': cellName(cell, text, view.grid.metric),
        'aria-current': current ? 'true' : undefined,
        'data-depth': String(cell.summary.model.depth),
        'data-k': String(cell.k),
      },
    },
    text,
  );
  // Colours through the CSSOM: the page's Content-Security-Policy refuses inline style attributes.
  button.style.backgroundColor = colors.background;
  button.style.color = colors.text;
  button.addEventListener('click', () => events.select(cell.summary.model.depth, cell.k));
  return h('td', { className: current ? 'current' : undefined }, button);
}

/** The heat map, its heading and its fitted law; `current` is the page's network (depth, k). */
export function renderHeatMap(container: HTMLElement, pageGrid: PageGrid, current: { depth: number; k: number }, events: GridEvents): void {
  const { grid, laws, dataset } = pageGrid;
  const view = gridView(grid, laws, false, dataset);
  const level = heatScale(grid);
  const [title = '', ...context] = gridHeadingParts(view);
  const heads = rowHeads(grid.rowAxis);
  const head = h(
    'tr',
    {},
    ...heads.map((name) => h('th', { attrs: { scope: 'col' } }, name)),
    ...grid.ks.map((k) => h('th', { attrs: { scope: 'col', class: 'num' } }, columnHead(k))),
  );
  const rows = grid.rows.map((row, r) => {
    const cells = grid.cells[r] ?? [];
    const [label = '', ...more] = rowLabels(grid.rowAxis, row, cells);
    return h(
      'tr',
      {},
      h('th', { attrs: { scope: 'row' } }, label),
      ...more.map((text) => h('td', {}, text)),
      ...cells.map((cell) => cellElement(cell, view, level, row === current.depth && cell.k === current.k, events)),
    );
  });
  const caption = `${title}. ${context.join(' · ')}`;
  fill(
    container,
    scrollingTable(
      caption,
      h(
        'table',
        { className: 'heat' },
        h('caption', { className: 'visually-hidden' }, caption),
        h('thead', {}, head),
        h('tbody', {}, ...rows),
      ),
    ),
    h('p', { className: 'law' }, lawSentence(view)),
    ...footnoteLines(view.notes).map((line) => h('p', { className: 'note' }, line)),
  );
}
