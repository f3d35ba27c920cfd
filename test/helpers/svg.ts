import { DOMParser } from '@xmldom/xmldom';
import type { Document as XmlDocument, Element as XmlElement } from '@xmldom/xmldom';

/** An SVG parsed as strict XML: any well-formedness error throws. */
export function parseSvg(text: string): XmlDocument {
  const parser = new DOMParser({
    onError: (level, message) => {
      throw new Error(`not well-formed XML (${level}): ${message}`);
    },
  });
  return parser.parseFromString(text, 'image/svg+xml');
}

export function elements(root: XmlDocument | XmlElement, tag: string): XmlElement[] {
  return Array.from(root.getElementsByTagName(tag));
}

/** The <g> groups Plot labels with aria-label (`line`, `dot`, `x-axis label`, …). */
export function groups(root: XmlDocument, label: string): XmlElement[] {
  return elements(root, 'g').filter((g) => g.getAttribute('aria-label') === label);
}

/** Text of every <text> in the groups, tspans joined by a space. */
export function texts(root: XmlDocument | XmlElement): string[] {
  return elements(root, 'text').map((text) => {
    const spans = elements(text, 'tspan');
    return spans.length > 0 ? spans.map((span) => span.textContent ?? '').join(' ') : (text.textContent ?? '');
  });
}

export interface Vertex {
  readonly x: number;
  readonly y: number;
}

/** The vertices of a path made of M and L commands (Plot's linear lines). */
export function vertices(d: string): Vertex[] {
  return [...d.matchAll(/[ML]\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)].map(([, x, y]) => ({ x: Number(x), y: Number(y) }));
}

/** A line's colour and vertices, for every path of every `line` group. */
export function lineSeries(root: XmlDocument): { stroke: string; points: Vertex[] }[] {
  return groups(root, 'line').flatMap((g) =>
    elements(g, 'path').map((path) => ({
      stroke: path.getAttribute('stroke') ?? g.getAttribute('stroke') ?? '',
      points: vertices(path.getAttribute('d') ?? ''),
    })),
  );
}

/** The translate(x,y) of an element. */
export function translation(element: XmlElement): Vertex {
  const match = /translate\((-?[\d.]+),(-?[\d.]+)\)/.exec(element.getAttribute('transform') ?? '');
  return { x: Number(match?.[1]), y: Number(match?.[2]) };
}
