import * as Plot from '@observablehq/plot';
import type { Axis, BarChart, BarPanel, ChartSpec, XYChart, XYMark } from './spec.js';
import { INK, SERIES_SYMBOLS, seriesColor } from './spec.js';
import { domainOf, formatNumber, linearTicks, ticksOf } from './ticks.js';
import { estimateWidth, wrapText } from './text-metrics.js';

/*
 * A chart spec drawn as one self-contained SVG element with Observable Plot, in
 * whatever document it is given (linkedom on Node, the page's in a browser). Plot
 * draws the axes and marks; the title, subtitle and caption are SVG text around
 * it (Plot's own title and caption are HTML, which a standalone .svg cannot hold).
 * Every colour is explicit (INK, the series colours): the file does not depend on
 * the page it lands on, light or dark.
 */

export const CHART_WIDTH = 720;
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif";
const FONT_SIZE = 11;
const TITLE_SIZE = 16;
const SUBTITLE_SIZE = 12;
const LINE = 16;
const SVG_NS = 'http://www.w3.org/2000/svg';

/** The top of the plot area below the title and subtitle. */
const HEAD_HEIGHT = 58;

interface Frame {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
  readonly height: number;
}

/** Pixel y of a value on a log axis drawn from frame.top (max) to height − bottom (min). */
function logPixel(value: number, domain: readonly [number, number], frame: Frame): number {
  const [low, high] = domain.map(Math.log) as [number, number];
  return frame.top + ((high - Math.log(value)) / (high - low)) * (frame.height - frame.top - frame.bottom);
}

/** Moves label positions apart (at least `gap` pixels), keeping their order: end labels of lines that end close together. */
export function spreadLabels(positions: readonly number[], gap: number): number[] {
  const order = positions.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const placed: number[] = [];
  for (const { p } of order) placed.push(placed.length === 0 ? p : Math.max(p, (placed[placed.length - 1] ?? p) + gap));
  // Centre the moved block on the original positions, so one crowded end does not push the rest off the frame.
  const shift = (order.reduce((s, o) => s + o.p, 0) - placed.reduce((s, p) => s + p, 0)) / Math.max(1, placed.length);
  const result = new Array<number>(positions.length);
  order.forEach(({ i }, rank) => {
    result[i] = (placed[rank] ?? 0) + shift;
  });
  return result;
}

function xyValues(marks: readonly XYMark[], axis: 'x' | 'y'): number[] {
  return marks.flatMap((mark) => {
    switch (mark.type) {
      case 'line':
      case 'dots':
        return mark.points.map((p) => p[axis]);
      case 'rule':
        return mark.axis === axis ? [mark.value] : [];
      case 'callout':
        return [mark.at[axis]];
    }
  });
}

/**
 * An axis as explicit marks: Plot infers a log axis's tick text through d3, which
 * blanks labels it finds crowded (5M between 2M and 10M); a `text` channel is taken as given.
 */
function axisMarks(which: 'x' | 'y', axis: Axis, domain: readonly [number, number]): Plot.Markish[] {
  const ticks = ticksOf(axis, domain);
  const options = {
    text: (value: number) => formatNumber(value, axis.format),
    label: axis.label,
    labelArrow: 'none' as const,
    labelAnchor: 'center' as const,
  };
  return which === 'x'
    ? [Plot.gridX(ticks, { strokeOpacity: 0.12 }), Plot.axisX(ticks, options)]
    : [Plot.gridY(ticks, { strokeOpacity: 0.12 }), Plot.axisY(ticks, options)];
}

/** Marks of the xy layout, and the frame they need. */
function xyMarks(spec: XYChart, xDomain: readonly [number, number], yDomain: readonly [number, number], frame: Frame): Plot.Markish[] {
  const marks: Plot.Markish[] = [];
  const lines = spec.marks.filter((m) => m.type === 'line');
  const ends = lines.map((line) => line.points[line.points.length - 1] ?? { x: 0, y: 0 });
  const labelY = spreadLabels(
    ends.map((end) => logPixel(end.y, yDomain, frame)),
    FONT_SIZE + 2,
  );
  for (const mark of spec.marks) {
    if (mark.type === 'rule') {
      const style = { stroke: INK, strokeDasharray: '5,4', strokeWidth: 1.25 };
      const label = { text: (d: string) => d, fill: INK, fontWeight: 'bold' };
      marks.push(
        mark.axis === 'y' ? Plot.ruleY([mark.value], style) : Plot.ruleX([mark.value], style),
        mark.axis === 'y'
          ? Plot.text([mark.label], { ...label, x: xDomain[0], y: mark.value, textAnchor: 'start', dx: 4, dy: -7 })
          : Plot.text([mark.label], { ...label, x: mark.value, y: yDomain[0], textAnchor: 'end', dx: -5, dy: -7 }),
      );
    }
  }
  for (const mark of spec.marks) {
    if (mark.type === 'dots') {
      const fill = mark.color === 'muted' ? INK : seriesColor(mark.color);
      const sorted = [...mark.points].sort((a, b) => a.x - b.x);
      if (mark.joined === true) marks.push(Plot.line(sorted, { x: 'x', y: 'y', stroke: fill, strokeWidth: 2 }));
      marks.push(
        Plot.dot(sorted, {
          x: 'x',
          y: 'y',
          r: mark.color === 'muted' ? 2.2 : 3.5,
          fill,
          fillOpacity: mark.color === 'muted' ? 0.55 : 1,
          stroke: 'none',
        }),
      );
    }
  }
  lines.forEach((line, index) => {
    const color = seriesColor(line.color);
    const symbol = SERIES_SYMBOLS[line.color % SERIES_SYMBOLS.length] ?? 'circle';
    const end = ends[index] ?? { x: 0, y: 0 };
    marks.push(
      Plot.line(line.points, {
        x: 'x',
        y: 'y',
        stroke: color,
        strokeWidth: 2,
        ...(line.dashed === true ? { strokeDasharray: '6,4' } : {}),
      }),
      Plot.dot(line.points, { x: 'x', y: 'y', symbol, fill: color, stroke: color, r: 3.5 }),
      Plot.text([line.label], {
        x: end.x,
        y: end.y,
        text: (d: string) => d,
        textAnchor: 'start',
        dx: 9,
        dy: (labelY[index] ?? 0) - logPixel(end.y, yDomain, frame),
        fill: color,
        fontWeight: 'bold',
      }),
    );
  });
  for (const mark of spec.marks) {
    if (mark.type === 'callout') {
      const [low, high] = xDomain.map(Math.log) as [number, number];
      const right = (Math.log(mark.at.x) - low) / (high - low) > 0.55;
      marks.push(
        Plot.dot([mark.at], { x: 'x', y: 'y', r: 7, stroke: seriesColor(1), strokeWidth: 2.5, fill: 'none' }),
        Plot.text([mark.text], {
          x: mark.at.x,
          y: mark.at.y,
          text: (d: string) => d,
          textAnchor: right ? 'end' : 'start',
          dx: right ? -11 : 11,
          dy: -12,
          fill: seriesColor(1),
          fontWeight: 'bold',
        }),
      );
    }
  }
  return marks;
}

function xyPlot(spec: XYChart, document: Document): { svg: SVGElement; height: number } {
  const lineLabels = spec.marks.filter((m) => m.type === 'line').map((m) => m.label);
  const right = Math.max(24, ...lineLabels.map((label) => estimateWidth(label, FONT_SIZE, true) + 18));
  const frame: Frame = { top: 20, right, bottom: 44, left: 66, height: 420 };
  const xDomain = domainOf(spec.x, xyValues(spec.marks, 'x'));
  const yDomain = domainOf(spec.y, xyValues(spec.marks, 'y'));
  const svg = Plot.plot({
    document,
    width: CHART_WIDTH,
    height: frame.height,
    marginTop: frame.top,
    marginRight: frame.right,
    marginBottom: frame.bottom,
    marginLeft: frame.left,
    style: { background: 'none', color: INK, fontSize: `${FONT_SIZE}px`, fontFamily: FONT_FAMILY },
    x: { type: spec.x.scale, domain: [...xDomain] },
    y: { type: spec.y.scale, domain: [...yDomain] },
    marks: [...axisMarks('x', spec.x, xDomain), ...axisMarks('y', spec.y, yDomain), ...xyMarks(spec, xDomain, yDomain, frame)],
  }) as unknown as SVGElement;
  return { svg, height: frame.height };
}

/** Room a bar's label needs after the bar: the value axis reaches far enough that none runs off the panel. */
function barDomainMax(panels: readonly BarPanel[], plotWidth: number): number {
  let max = 0;
  for (const bar of panels.flatMap((p) => p.bars)) {
    const room = plotWidth - estimateWidth(bar.label, FONT_SIZE, false) - 8;
    max = Math.max(max, (bar.value * plotWidth) / Math.max(room, plotWidth / 4));
  }
  return max > 0 ? max : 1;
}

function barPanel(spec: BarChart, panel: BarPanel, last: boolean, layout: { left: number; max: number }, document: Document) {
  const rowHeight = panel.bars.some((b) => b.detail !== undefined) ? 34 : 24;
  const bottom = last ? 42 : 6;
  const height = panel.bars.length * rowHeight + bottom + 6;
  const categories = panel.bars.map((b) => b.category);
  const detail = new Map(panel.bars.map((b) => [b.category, b.detail]));
  const reference = spec.value.format === 'ratio' ? [Plot.ruleX([1], { stroke: INK, strokeDasharray: '3,3' })] : [];
  const svg = Plot.plot({
    document,
    width: CHART_WIDTH,
    height,
    marginTop: 6,
    marginRight: 12,
    marginBottom: bottom,
    marginLeft: layout.left,
    style: { background: 'none', color: INK, fontSize: `${FONT_SIZE}px`, fontFamily: FONT_FAMILY },
    x: {
      domain: [0, layout.max],
      ticks: linearTicks(0, layout.max, 6).filter((t) => t <= layout.max),
      tickFormat: (value: number) => formatNumber(value, spec.value.format),
      label: last ? spec.value.label : null,
      labelArrow: 'none',
      labelAnchor: 'center',
      axis: last ? 'bottom' : null,
      grid: true,
    },
    y: {
      domain: categories,
      tickFormat: (category: string) => {
        const extra = detail.get(category);
        return extra === undefined ? category : `${category}\n${extra}`;
      },
      label: null,
      padding: 0.25,
      tickSize: 0,
    },
    marks: [
      Plot.barX(panel.bars, { x: 'value', y: 'category', fill: (_: unknown, i: number) => seriesColor(spec.kind === 'compare' ? i : 0) }),
      ...reference,
      Plot.text(panel.bars, { x: 'value', y: 'category', text: 'label', textAnchor: 'start', dx: 5, fill: INK, fontWeight: 'bold' }),
    ],
  }) as unknown as SVGElement;
  return { svg, height };
}

function textElement(document: Document, x: number, y: number, content: string, size: number, bold: boolean): Element {
  const text = document.createElementNS(SVG_NS, 'text');
  text.setAttribute('x', String(x));
  text.setAttribute('y', String(y));
  text.setAttribute('font-size', String(size));
  if (bold) text.setAttribute('font-weight', 'bold');
  text.textContent = content;
  return text;
}

/** The chart as one <svg>: title and subtitle, Plot's panels stacked, caption lines. */
export function drawChart(spec: ChartSpec, document: Document): Element {
  const root = document.createElementNS(SVG_NS, 'svg');
  const parts: { element: Element; height: number; gapAbove: number }[] = [];
  if (spec.layout === 'xy') {
    const { svg, height } = xyPlot(spec, document);
    parts.push({ element: svg, height, gapAbove: 0 });
  } else {
    const labels = spec.panels.flatMap((p) => p.bars.flatMap((b) => [b.category, b.detail ?? '']));
    const left = Math.max(60, ...labels.map((label) => estimateWidth(label, FONT_SIZE, false) + 14));
    const max = barDomainMax(spec.panels, CHART_WIDTH - left - 12);
    spec.panels.forEach((panel, index) => {
      const title = textElement(document, left, 0, panel.title, 12, true);
      parts.push({ element: title, height: 8, gapAbove: 14 });
      const { svg, height } = barPanel(spec, panel, index === spec.panels.length - 1, { left, max }, document);
      parts.push({ element: svg, height, gapAbove: 0 });
    });
  }
  root.appendChild(textElement(document, 12, 24, spec.title, TITLE_SIZE, true));
  root.appendChild(textElement(document, 12, 44, spec.subtitle, SUBTITLE_SIZE, false));
  let y = HEAD_HEIGHT;
  for (const part of parts) {
    y += part.gapAbove;
    if (part.element.localName === 'text') part.element.setAttribute('y', String(y));
    else part.element.setAttribute('y', String(y));
    y += part.height;
  }
  for (const part of parts) root.appendChild(part.element);
  y += 10;
  for (const line of spec.caption.flatMap((text) => wrapText(text, CHART_WIDTH - 24, FONT_SIZE))) {
    y += LINE;
    root.appendChild(textElement(document, 12, y, line, FONT_SIZE, false));
  }
  const height = Math.ceil(y + 12);
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(CHART_WIDTH));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${CHART_WIDTH} ${height}`);
  root.setAttribute('font-family', FONT_FAMILY);
  root.setAttribute('fill', INK);
  root.setAttribute('color', INK);
  root.setAttribute('role', 'img');
  root.setAttribute('aria-label', `${spec.title}. ${spec.subtitle}`);
  return root;
}
