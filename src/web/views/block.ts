import type { WidthComparison } from '../../core/index.js';
import { formatInteger } from '../../cli/format.js';
import { PLAIN } from '../../cli/paint.js';
import { blockHeading, comparisonLaw, describeResidual } from '../../cli/render/block.js';
import { formatRatio } from '../../cli/render/grid-parts.js';
import { fill, h, table } from '../dom.js';
import type { Child } from '../dom.js';
import type { PageBlock } from '../evaluate.js';
import { layerTable } from './layers.js';

/*
 * One block on its own, as `wrn-calc block` shows it: the first block of the
 * network's first group conv by conv, then the same block across k, with the two
 * readings of "widen by k" (every conv k times wider, or only the inner convs:
 * c → 2c → c at k = 2).
 */

/** The c → 2c → c sentence, from the comparison's k = 2 row (a basic block of two or more convs has one). */
export function twoReadings(rows: readonly WidthComparison[]): string | undefined {
  const first = rows[0];
  const two = rows.find((row) => row.k === 2);
  if (first === undefined || two?.innerOnly === undefined || first.k !== 1) return undefined;
  const c = two.block.inChannels;
  return (
    `At k = 2, widening only the inner convs, c → 2c → c (${c} → ${2 * c} → ${c}), gives ${formatInteger(two.innerOnly.params)} params, ` +
    `${formatRatio(two.innerOnly.paramsRatio)} the k = 1 block; the WRN block, 2c → 2c (${2 * c} → ${2 * c}) throughout, ` +
    `gives ${formatInteger(two.midGroup.params)}, ${formatRatio(two.midGroup.paramsRatio)}.`
  );
}

function comparisonTable(rows: readonly WidthComparison[]): HTMLElement {
  const inner = rows.every((row) => row.innerOnly !== undefined);
  const c = rows[0]?.block.inChannels ?? 0;
  const cells = rows.map((row): Child[] => [
    String(row.k),
    String(row.block.width),
    formatInteger(row.block.params),
    formatRatio(row.block.paramsRatio),
    formatInteger(row.midGroup.params),
    formatRatio(row.midGroup.paramsRatio),
    ...(inner && row.innerOnly !== undefined ? [formatInteger(row.innerOnly.params), formatRatio(row.innerOnly.paramsRatio)] : []),
  ]);
  return table(
    `The block across k, ratios to k = ${rows[0]?.k ?? 1}: this block (${c} → ${c}·k), a block in the middle of a group (${c}·k → ${c}·k)${inner ? `, and only the inner convs widened (${c} → ${c}·k → ${c})` : ''}`,
    [
      { head: 'k', align: 'right' },
      { head: 'width', align: 'right' },
      { head: 'params', align: 'right', label: 'this block’s params' },
      { head: 'ratio', align: 'right' },
      { head: 'mid-group', align: 'right', label: 'params of a block in the middle of a group' },
      { head: 'ratio', align: 'right' },
      ...(inner
        ? [
            { head: 'inner only', align: 'right' as const, label: 'params with only the inner convs widened' },
            { head: 'ratio', align: 'right' as const },
          ]
        : []),
    ],
    cells,
    'block-k',
  );
}

export function renderBlock(container: HTMLElement, block: PageBlock): void {
  const { view, rows } = block;
  const [heading = '', ...notes] = blockHeading(view.spec, PLAIN, undefined).split('\n');
  const reading = twoReadings(rows);
  fill(
    container,
    h('p', { className: 'structure' }, heading.split('  ·  ').join(' · ')),
    ...notes.map((note) => h('p', { className: 'note' }, note.trim())),
    layerTable(`The first block of the first group, conv by conv`, view.layers),
    h('p', {}, describeResidual(view, PLAIN, undefined)),
    h('p', {}, `This block: ${formatInteger(view.totals.params)} params, ${formatInteger(view.totals.macs)} MACs per image.`),
    h('h3', {}, 'How a block grows with k'),
    comparisonTable(rows),
    reading === undefined ? null : h('p', { className: 'reading' }, reading),
    ...comparisonLaw(rows)
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => h('p', { className: 'note' }, line)),
  );
}
