import type { LayerRow } from '../../core/index.js';
import { formatInteger } from '../../cli/format.js';
import { PLAIN } from '../../cli/paint.js';
import { layerCells } from '../../cli/render/summary.js';
import { fill, h, table } from '../dom.js';
import type { Column } from '../dom.js';
import { layersOf } from '../evaluate.js';
import type { CountedNetwork, Problem } from '../evaluate.js';

/*
 * The per-layer table (the CLI's --layers), built only when asked for: a deep
 * network has tens of thousands of rows. The first rows come at once, the rest
 * on request.
 */

/** Rows built at once; a longer listing offers the rest behind a button. */
export const LAYERS_SHOWN_AT_ONCE = 1_000;

export const LAYER_COLUMNS: readonly Column[] = [
  { head: 'layer' },
  { head: 'type' },
  { head: 'kernel' },
  { head: 'stride', align: 'right' },
  { head: 'pad', align: 'right', label: 'padding' },
  { head: 'output' },
  { head: 'params', align: 'right' },
  { head: 'MACs', align: 'right' },
  { head: 'saved B/image', align: 'right', label: 'bytes saved for backward per image' },
  { head: 'field', align: 'right', label: 'receptive field' },
];

export function layerTable(caption: string, layers: readonly LayerRow[]): HTMLElement {
  return table(
    caption,
    LAYER_COLUMNS,
    layers.map((layer) => layerCells(layer, PLAIN)),
    'layers',
  );
}

export interface LayersSection {
  /** The show/hide button (the URL's `layers` switch); it stays, so keyboard focus stays on it. */
  readonly button: HTMLButtonElement;
  readonly body: HTMLElement;
}

/** The button's words, and when shown the table; the core's refusal to list so many layers is returned, for its slot. */
export function renderLayers(section: LayersSection, network: CountedNetwork | undefined, shown: boolean): Problem | undefined {
  const { button, body } = section;
  button.disabled = network === undefined;
  button.setAttribute('aria-expanded', String(shown && network !== undefined));
  button.textContent = shown
    ? 'Hide the layers'
    : `Show every layer${network === undefined ? '' : ` (${formatInteger(network.summary.layerCount)})`}`;
  fill(body);
  if (!shown || network === undefined) return undefined;
  const listed = layersOf(network);
  if ('problem' in listed) return listed.problem;
  const layers = listed.layers.layers;
  const caption = `Every layer of ${network.summary.model.name}: kernel, stride, padding, output shape, params, MACs, bytes kept for backward per image and receptive field`;
  fill(body, layerTable(caption, layers.slice(0, LAYERS_SHOWN_AT_ONCE)));
  if (layers.length > LAYERS_SHOWN_AT_ONCE) {
    const more = h('button', { attrs: { type: 'button' } }, `Show the other ${formatInteger(layers.length - LAYERS_SHOWN_AT_ONCE)} layers`);
    more.addEventListener('click', () => fill(body, layerTable(caption, layers)));
    body.appendChild(h('p', {}, `The first ${formatInteger(LAYERS_SHOWN_AT_ONCE)} of ${formatInteger(layers.length)} layers. `, more));
  }
  return undefined;
}
