/*
 * A chart spec: what a picture shows, as plain data. Made from a command's result
 * (grid, fit, compare, summary, block --compare-k) by the builders beside this file,
 * and drawn by either renderer: SVG through Observable Plot (plot-options.ts) or text
 * for a terminal (terminal.ts). No drawing library is imported here.
 */

export const CHART_KINDS = ['grid', 'fit', 'compare', 'summary', 'block'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** How an axis writes its numbers: counts as 1M and 10G, bytes as 16 GiB, ratios as ×4, shares as 40%. */
export type NumberFormat = 'count' | 'bytes' | 'plain' | 'ratio' | 'percent';

export interface Axis {
  /** The axis title, with its unit. */
  readonly label: string;
  readonly scale: 'log' | 'linear';
  readonly format: NumberFormat;
  /** Tick positions; the renderer picks them when absent. */
  readonly ticks?: readonly number[];
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A line through points in x order, labelled at its end (`k = 10`). */
export interface LineSeries {
  readonly type: 'line';
  readonly label: string;
  /** Index into SERIES_COLORS and SERIES_SYMBOLS. */
  readonly color: number;
  readonly points: readonly Point[];
  /** Dashed: a reference rather than data (the two readings of widening). */
  readonly dashed?: boolean;
}

/** Points; `emphasis` draws them in a series colour (the Pareto front), else muted (every other candidate). */
export interface DotSeries {
  readonly type: 'dots';
  readonly label: string;
  readonly color: number | 'muted';
  readonly points: readonly Point[];
  /** Join the points in x order (the Pareto front). */
  readonly joined?: boolean;
}

/** A limit drawn across the plot: a budget. */
export interface Rule {
  readonly type: 'rule';
  readonly axis: 'x' | 'y';
  readonly value: number;
  readonly label: string;
}

/** A labelled point: the best candidate. */
export interface Callout {
  readonly type: 'callout';
  readonly at: Point;
  readonly text: string;
}

export type XYMark = LineSeries | DotSeries | Rule | Callout;

interface ChartHead {
  readonly kind: ChartKind;
  /** The first line: what is drawn. */
  readonly title: string;
  /** The second line: family, block, dataset. */
  readonly subtitle: string;
  /** Lines under the chart: the fitted law, what was left out. */
  readonly caption: readonly string[];
}

/** Values against values: grid (lines per k), fit (candidates, front, budgets), block (params against k). */
export interface XYChart extends ChartHead {
  readonly layout: 'xy';
  readonly x: Axis;
  readonly y: Axis;
  readonly marks: readonly XYMark[];
}

export interface Bar {
  /** The row's name (a model, a group). */
  readonly category: string;
  /** A second line under it (a group's output shape). */
  readonly detail?: string;
  readonly value: number;
  /** Written at the bar's end: `36.5M ×4.08`. */
  readonly label: string;
}

/** One panel of bars: one quantity. */
export interface BarPanel {
  readonly title: string;
  readonly bars: readonly Bar[];
}

/** Horizontal bars, one panel per quantity, every panel on the same value axis (ratios or shares). */
export interface BarChart extends ChartHead {
  readonly layout: 'bars';
  readonly value: Axis;
  readonly panels: readonly BarPanel[];
}

export type ChartSpec = XYChart | BarChart;

/**
 * Series colours: Okabe and Ito's colour-blind-safe hues, a few darkened so that
 * every one keeps a contrast of at least 3:1 (WCAG's figure for graphics) against
 * both a white and a black page. Lines also differ by symbol and carry their label.
 */
export const SERIES_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#B8860B', '#3399CC', '#999933', '#AA4499'] as const;

/** Plot's symbol names, one per series colour, for readers who cannot tell the colours apart. */
export const SERIES_SYMBOLS = ['circle', 'square', 'triangle', 'diamond', 'star', 'cross', 'wye', 'times'] as const;

/** Text, axes and muted points: a grey with 4.5:1 contrast on white and on black (WCAG AA for text on both). */
export const INK = '#767676';

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length] ?? SERIES_COLORS[0];
}
