/*
 * Plain DOM, built node by node: every text the page shows goes in as a text node,
 * so nothing from a URL or a field is ever parsed as HTML. Attributes are set by
 * name, and the two kinds that could carry code or layout from outside (event
 * handlers `on…`, and `style`, which the page's Content-Security-Policy refuses
 * inline) cannot be set here at all.
 */

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  readonly className?: string;
  readonly id?: string;
  /** Plain attributes: aria-*, for, type, scope, … */
  readonly attrs?: Readonly<Record<string, string | undefined>>;
}

/** Attribute names that must never come from here: event handlers run code, and inline styles break the CSP. */
const FORBIDDEN_ATTRIBUTE = /^(on|style$|srcdoc$)/i;

export function setAttributes(element: Element, attrs: Readonly<Record<string, string | undefined>>): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (FORBIDDEN_ATTRIBUTE.test(name)) throw new Error(`the page sets no ${name} attribute`);
    if (value === undefined) element.removeAttribute(name);
    else element.setAttribute(name, value);
  }
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** `h('p', { className: 'note' }, 'text', h('code', {}, 'wrn-calc'))`. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className !== undefined) element.className = props.className;
  if (props.id !== undefined) element.id = props.id;
  if (props.attrs !== undefined) setAttributes(element, props.attrs);
  append(element, children);
  return element;
}

/** Replaces a container's content. */
export function fill(container: Element, ...children: Child[]): void {
  container.replaceChildren();
  append(container, children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element as T;
}

export type Align = 'left' | 'right';

export interface Column {
  readonly head: string;
  readonly align?: Align;
  /** A header cell that reads better with a longer name for screen readers. */
  readonly label?: string;
}

/**
 * A table in a box that scrolls sideways on its own (the page never does): its caption
 * above the box, where a narrow screen still shows all of it (the table's own caption
 * says the same to screen readers), a header row, rows of cells; the first cell of
 * each row is its header.
 */
export function table(caption: string, columns: readonly Column[], rows: readonly (readonly Child[])[], className = ''): HTMLElement {
  const head = h(
    'tr',
    {},
    ...columns.map((column) =>
      h('th', { attrs: { scope: 'col', class: column.align === 'right' ? 'num' : undefined, 'aria-label': column.label } }, column.head),
    ),
  );
  const body = rows.map((cells) =>
    h(
      'tr',
      {},
      ...cells.map((cell, index) => {
        const align = columns[index]?.align === 'right' ? 'num' : undefined;
        return index === 0 ? h('th', { attrs: { scope: 'row', class: align } }, cell) : h('td', { attrs: { class: align } }, cell);
      }),
    ),
  );
  return scrollingTable(
    caption,
    h('table', { className }, h('caption', { className: 'visually-hidden' }, caption), h('thead', {}, head), h('tbody', {}, ...body)),
  );
}

/** A table's caption shown above it, and the table in a box a keyboard can reach and scroll, named by the caption. */
export function scrollingTable(caption: string, element: HTMLTableElement): HTMLElement {
  const box = h('div', { className: 'scroll', attrs: { role: 'region', tabindex: '0', 'aria-label': caption } }, element);
  const wrapper = h('div', { className: 'table' }, h('p', { className: 'table-caption', attrs: { 'aria-hidden': 'true' } }, caption), box);
  return wrapper;
}
