import type { BarChart, ChartSpec, LineSeries, XYChart, XYMark } from './spec.js';
import { SERIES_SYMBOLS } from './spec.js';
import { TextCanvas } from './text-canvas.js';
import type { Cell } from './text-canvas.js';
import { axisFraction, domainOf, formatNumber, ticksOf } from './ticks.js';

/*
 * A chart spec as text for a terminal: the same title, axes, series and caption as
 * the SVG, fitted to the terminal's width. Lines are Braille dots, points the
 * series' symbol, and colour (ANSI, 16 colours) only when asked for.
 */

export interface TerminalOptions {
  /** Columns to fit. */
  readonly width: number;
  readonly color: boolean;
}

/** A series colour in the terminal: blue, red, green, magenta, yellow, cyan (ANSI's colours in SERIES_COLORS' order). */
const ANSI_SERIES = [34, 31, 32, 35, 33, 36] as const;
const MUTED = -1;
const HIGHLIGHT = -2;

/** Each SVG symbol's character. */
const SYMBOL_CHARS: Record<(typeof SERIES_SYMBOLS)[number], string> = {
  circle: '●',
  square: '■',
  triangle: '▲',
  diamond: '◆',
  star: '★',
  cross: '✚',
  wye: '✱',
  times: '✖',
};

type Style = (text: string, slot: number | 'bold' | 'dim' | undefined) => string;

function styler(color: boolean): Style {
  if (!color) return (text) => text;
  return (text, slot) => {
    if (slot === undefined || text === '') return text;
    const code =
      slot === 'bold' ? 1 : slot === 'dim' || slot === MUTED ? 2 : slot === HIGHLIGHT ? 31 : (ANSI_SERIES[slot % ANSI_SERIES.length] ?? 39);
    const close = code === 1 || code === 2 ? 22 : 39;
    return `\u001b[${code}m${text}\u001b[${close}m`;
  };
}

function symbolOf(index: number): string {
  return SYMBOL_CHARS[SERIES_SYMBOLS[index % SERIES_SYMBOLS.length] ?? 'circle'];
}

function header(spec: ChartSpec, width: number, style: Style): string[] {
  return [
    ...wrapLines(spec.title, width).map((line) => style(line, 'bold')),
    ...wrapLines(spec.subtitle, width).map((line) => style(line, 'dim')),
    '',
  ];
}

/** Words in lines of at most `width` characters. */
export function wrapLines(text: string, width: number): string[] {
  if (text === '') return [];
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (current !== '' && [...candidate].length > width) {
      lines.push(current);
      current = word;
    } else current = candidate;
  }
  if (current !== '') lines.push(current);
  return lines;
}

function legendLine(spec: XYChart, style: Style, width: number): string[] {
  const items: string[] = [];
  for (const mark of spec.marks) {
    if (mark.type === 'line') items.push(`${style(symbolOf(mark.color), mark.color)} ${mark.label}`);
    else if (mark.type === 'dots')
      items.push(`${style(mark.color === 'muted' ? '·' : '●', mark.color === 'muted' ? MUTED : mark.color)} ${mark.label}`);
  }
  if (spec.marks.some((m) => m.type === 'callout')) items.push(`${style('◉', HIGHLIGHT)} best`);
  if (spec.marks.some((m) => m.type === 'rule')) items.push(`${style('╌', 'dim')} budget`);
  // Items are kept whole on a line; the visible length ignores colour codes.
  const lines: string[] = [];
  let current = '';
  let length = 0;
  for (const item of items) {
    const visible = [...item.replace(/\u001b\[\d+m/g, '')].length;
    if (length > 0 && length + 3 + visible > width) {
      lines.push(current);
      current = '';
      length = 0;
    }
    current += (length > 0 ? '   ' : '') + item;
    length += (length > 0 ? 3 : 0) + visible;
  }
  if (length > 0) lines.push(current);
  return lines;
}

function xyValues(marks: readonly XYMark[], axis: 'x' | 'y'): number[] {
  return marks.flatMap((mark) =>
    mark.type === 'line' || mark.type === 'dots'
      ? mark.points.map((p) => p[axis])
      : mark.type === 'rule'
        ? mark.axis === axis
          ? [mark.value]
          : []
        : [mark.at[axis]],
  );
}

interface Geometry {
  readonly columns: number;
  readonly rows: number;
  readonly toX: (value: number) => number;
  readonly toY: (value: number) => number;
}

function drawMarks(canvas: TextCanvas, spec: XYChart, g: Geometry): void {
  for (const mark of spec.marks) {
    if (mark.type !== 'rule') continue;
    if (mark.axis === 'y') {
      const row = Math.floor(g.toY(mark.value) / 4);
      for (let c = 0; c < g.columns; c++) if (canvas.isFree(c, row, 1)) canvas.put(c, row, '╌', MUTED, true);
      const label = ` ${mark.label} `;
      const place = [row - 1, row + 1].find((r) => r >= 0 && r < g.rows && canvas.isFree(0, r, label.length));
      if (place !== undefined) canvas.text(0, place, label, MUTED);
    } else {
      const column = Math.floor(g.toX(mark.value) / 2);
      for (let r = 0; r < g.rows; r++) if (canvas.isFree(column, r, 1)) canvas.put(column, r, '┆', MUTED, true);
      const label = `${mark.label} `;
      if (column - label.length >= 0) canvas.text(column - label.length, g.rows - 1, label, MUTED);
    }
  }
  for (const mark of spec.marks) {
    if (mark.type !== 'dots') continue;
    const color = mark.color === 'muted' ? MUTED : mark.color;
    const points = [...mark.points].sort((a, b) => a.x - b.x).map((p) => ({ x: g.toX(p.x), y: g.toY(p.y) }));
    if (mark.joined === true) points.slice(1).forEach((p, i) => canvas.line(points[i]?.x ?? p.x, points[i]?.y ?? p.y, p.x, p.y, color));
    for (const p of points) canvas.put(Math.floor(p.x / 2), Math.floor(p.y / 4), mark.color === 'muted' ? '·' : '●', color);
  }
  const lines = spec.marks.filter((m): m is LineSeries => m.type === 'line');
  for (const line of lines) {
    const points = line.points.map((p) => ({ x: g.toX(p.x), y: g.toY(p.y) }));
    points.slice(1).forEach((p, i) => canvas.line(points[i]?.x ?? p.x, points[i]?.y ?? p.y, p.x, p.y, line.color));
  }
  for (const line of lines) {
    for (const p of line.points) canvas.put(Math.floor(g.toX(p.x) / 2), Math.floor(g.toY(p.y) / 4), symbolOf(line.color), line.color);
  }
  for (const mark of spec.marks) {
    if (mark.type !== 'callout') continue;
    const column = Math.floor(g.toX(mark.at.x) / 2);
    const row = Math.floor(g.toY(mark.at.y) / 4);
    canvas.put(column, row, '◉', HIGHLIGHT);
    const text = mark.text;
    const start = column > g.columns / 2 ? column - 1 - text.length : column + 2;
    const place = [row - 1, row + 1, row].find((r) => r >= 0 && r < g.rows && canvas.isFree(Math.max(0, start), r, text.length));
    if (place !== undefined) canvas.text(Math.max(0, start), place, text, HIGHLIGHT);
  }
}

/** End labels to the right of the plot, moved apart so that no two share a row. */
function endLabels(lines: readonly LineSeries[], g: Geometry): { row: number; text: string; color: number }[] {
  const wanted = lines.map((line) => Math.floor(g.toY(line.points[line.points.length - 1]?.y ?? 1) / 4));
  const order = wanted.map((row, i) => ({ row, i })).sort((a, b) => a.row - b.row);
  const rows = new Array<number>(lines.length);
  let next = -Infinity;
  for (const { row, i } of order) {
    rows[i] = Math.max(row, next);
    next = (rows[i] ?? row) + 1;
  }
  // Pushed past the bottom: shift the whole block up.
  const overflow = Math.max(0, ...rows.map((r) => r - (g.rows - 1)));
  return lines.map((line, i) => ({ row: Math.max(0, (rows[i] ?? 0) - overflow), text: line.label, color: line.color }));
}

/** A row of cells as text, one colour code per run of cells of one colour, trailing blanks cut. */
function paintRow(cells: readonly Cell[], style: Style): string {
  const last = cells.map((cell) => cell.char !== ' ').lastIndexOf(true);
  let text = '';
  let run = '';
  let color: number | undefined;
  for (const cell of cells.slice(0, last + 1)) {
    const cellColor = cell.char === ' ' ? color : cell.color;
    if (cellColor !== color) {
      text += style(run, color);
      run = '';
      color = cellColor;
    }
    run += cell.char;
  }
  return text + style(run, color);
}

function renderXY(spec: XYChart, options: TerminalOptions, style: Style): string[] {
  const xDomain = domainOf(spec.x, xyValues(spec.marks, 'x'));
  const yDomain = domainOf(spec.y, xyValues(spec.marks, 'y'));
  const yTicks = ticksOf(spec.y, yDomain, 6);
  const yLabels = yTicks.map((t) => formatNumber(t, spec.y.format));
  const left = Math.max(...yLabels.map((l) => l.length), 1);
  const lines = spec.marks.filter((m): m is LineSeries => m.type === 'line');
  const labelWidth = Math.max(0, ...lines.map((l) => [...l.label].length + 1));
  const roomForLabels = labelWidth > 0 && labelWidth <= options.width * 0.3;
  const columns = Math.max(10, options.width - left - 2 - (roomForLabels ? labelWidth : 0) - 1);
  const rows = Math.min(16, Math.max(8, Math.round(columns * 0.25)));
  const g: Geometry = {
    columns,
    rows,
    toX: (v) => Math.round(axisFraction(spec.x, xDomain, v) * (2 * columns - 1)),
    toY: (v) => Math.round((1 - axisFraction(spec.y, yDomain, v)) * (4 * rows - 1)),
  };
  const canvas = new TextCanvas(columns + (roomForLabels ? labelWidth : 0), rows);
  drawMarks(canvas, spec, g);
  if (roomForLabels) for (const label of endLabels(lines, g)) canvas.text(columns + 1, label.row, label.text, label.color);
  const tickRows = new Map(yTicks.map((t, i) => [Math.floor(g.toY(t) / 4), yLabels[i] ?? '']));
  const out = [style(`${spec.y.label}${spec.y.scale === 'log' ? ', log scale' : ''}`, 'dim')];
  canvas.cells.forEach((cells, row) => {
    const tick = tickRows.get(row);
    const body = paintRow(cells, style);
    out.push(`${(tick ?? '').padStart(left)} ${tick === undefined ? '│' : '┤'}${body}`);
  });
  const xTicks = ticksOf(spec.x, xDomain, Math.max(2, Math.floor(columns / 8)));
  const axis = [...'─'.repeat(columns)];
  let labels = ' '.repeat(columns + 2);
  let lastEnd = -1;
  for (const tick of xTicks) {
    const column = Math.floor(g.toX(tick) / 2);
    if (column < 0 || column >= columns) continue;
    axis[column] = '┬';
    const text = formatNumber(tick, spec.x.format);
    const start = Math.max(0, Math.min(columns + 2 - text.length, column + 2 - Math.floor((text.length - 1) / 2)));
    if (start <= lastEnd) continue;
    labels = labels.slice(0, start) + text + labels.slice(start + text.length);
    lastEnd = start + text.length;
  }
  out.push(`${' '.repeat(left)} └${axis.join('')}`);
  out.push(`${' '.repeat(left)}${labels}`.replace(/\s+$/, ''));
  const xTitle = `${spec.x.label}${spec.x.scale === 'log' ? ', log scale' : ''}`;
  const pad = Math.max(0, left + 2 + Math.floor((columns - xTitle.length) / 2));
  out.push(style(`${' '.repeat(pad)}${xTitle}`, 'dim'));
  out.push('', ...legendLine(spec, style, options.width));
  return out;
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;

function bar(length: number): string {
  const eighths = Math.max(0, Math.round(length * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

function renderBars(spec: BarChart, options: TerminalOptions, style: Style): string[] {
  const all = spec.panels.flatMap((p) => p.bars);
  const names = all.map((b) => [...b.category].length + (b.detail === undefined ? 0 : [...b.detail].length + 1));
  const nameWidth = Math.max(...names, 1);
  const labelWidth = Math.max(...all.map((b) => [...b.label].length), 1);
  const room = Math.max(8, options.width - nameWidth - labelWidth - 3);
  const max = Math.max(...all.map((b) => b.value), 0) || 1;
  const out: string[] = [];
  spec.panels.forEach((panel) => {
    out.push(style(panel.title, 'bold'));
    panel.bars.forEach((b, i) => {
      const name = `${b.category}${b.detail === undefined ? '' : ` ${style(b.detail, 'dim')}`}`;
      const visible = [...b.category].length + (b.detail === undefined ? 0 : [...b.detail].length + 1);
      const drawn = bar((b.value / max) * room);
      out.push(`${name}${' '.repeat(nameWidth - visible)} ${style(drawn, spec.kind === 'compare' ? i : 0)} ${b.label}`);
    });
    out.push('');
  });
  out.pop();
  return out;
}

/** The chart as text lines, each at most `width` columns (one column a character). */
export function renderTerminal(spec: ChartSpec, options: TerminalOptions): string {
  const style = styler(options.color);
  const body = spec.layout === 'xy' ? renderXY(spec, options, style) : renderBars(spec, options, style);
  const caption = spec.caption.flatMap((line) => wrapLines(line, options.width));
  return `${[...header(spec, options.width, style), ...body, ...(caption.length > 0 ? ['', ...caption] : [])].join('\n')}\n`;
}
