import { formatBytes, formatHuman, formatInteger } from '../../cli/format.js';
import { formatRatio } from '../../cli/render/grid-parts.js';
import { fill, h, table } from '../dom.js';
import type { Child } from '../dom.js';
import type { CompareEntry } from '../evaluate.js';

/*
 * Networks side by side: the page's own first, each other one with its ratio to
 * it, as `wrn-calc compare` prints them.
 */

function withRatio(value: number, base: number, short: string): Child {
  return h(
    'span',
    {},
    h('span', { className: 'exact' }, formatInteger(value)),
    ' ',
    h('span', { className: 'short' }, short),
    ' ',
    h('span', { className: 'ratio' }, base > 0 ? formatRatio(value / base) : ''),
  );
}

export function renderCompare(container: HTMLElement, entries: readonly CompareEntry[]): void {
  const [first] = entries;
  if (first === undefined || entries.length < 2) {
    fill(container, h('p', { className: 'note' }, 'Give other models in compare (e.g. WRN-40-4,resnet50) to see them beside this one.'));
    return;
  }
  const rows: Child[][] = entries.map((entry) => {
    const { model, totals } = entry.summary;
    return [
      model.name,
      String(model.depth),
      String(model.k),
      withRatio(totals.params, first.summary.totals.params, formatHuman(totals.params)),
      withRatio(totals.macs, first.summary.totals.macs, formatHuman(totals.macs)),
      withRatio(entry.trainBytes, first.trainBytes, formatBytes(entry.trainBytes)),
    ];
  });
  fill(
    container,
    table(
      `Side by side, ratios to ${first.name}: params, MACs per image, and the memory of a training step at batch 1 with momentum`,
      [
        { head: 'model' },
        { head: 'depth', align: 'right' },
        { head: 'k', align: 'right' },
        { head: 'params', align: 'right' },
        { head: 'MACs', align: 'right' },
        { head: 'training memory', align: 'right', label: 'training memory at batch 1' },
      ],
      rows,
      'compare',
    ),
  );
}
