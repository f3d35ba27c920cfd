import { parseHTML } from 'linkedom';
import { drawChart } from '../draw.js';
import type { ChartSpec } from '../spec.js';

/*
 * SVG on Node: Plot draws into a linkedom document (a small DOM: no layout, no
 * browser), and the element is serialised. The empty string makes linkedom skip
 * its HTML parser, which the bundle leaves out.
 */

/**
 * Coordinates to two decimals: the picture is the same, the file a third smaller, and
 * goldens do not hang on the last bit of a double. Only attribute values are touched;
 * the text people read (a caption's R² = 1.0000) keeps its digits.
 */
function roundNumbers(svg: string): string {
  return svg.replace(/="[^"]*"/g, (attribute) =>
    attribute.replace(/(\d+\.\d{3,})/g, (number) => String(Number(Number(number).toFixed(2)))),
  );
}

export function renderSvg(spec: ChartSpec): string {
  const { document } = parseHTML('');
  document.appendChild(document.createElement('html'));
  const element = drawChart(spec, document);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${roundNumbers(element.outerHTML)}\n`;
}
