/*
 * The heat map's colours: ColorBrewer's sequential Blues (9 classes), pale for
 * the grid's smallest value and deep for its largest, on the log scale the CLI's
 * grid uses. Each cell's text is black or white, whichever contrasts more with
 * its background; that choice always reaches WCAG AA's 4.5:1.
 */
const BLUES = ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'] as const;

type Rgb = readonly [number, number, number];

function rgbOf(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function hexOf(rgb: Rgb): string {
  return `#${rgb.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG 2's relative luminance of an sRGB colour. */
export function luminance(hex: string): number {
  const [r, g, b] = rgbOf(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2's contrast ratio of two colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

export interface HeatColors {
  readonly background: string;
  readonly text: string;
}

/** The colours of a cell at `level` (0: the grid's smallest value, 1: its largest). */
export function heatColors(level: number): HeatColors {
  const position = Math.min(1, Math.max(0, Number.isFinite(level) ? level : 0)) * (BLUES.length - 1);
  const index = Math.min(BLUES.length - 2, Math.floor(position));
  const [from, to] = [rgbOf(BLUES[index] ?? BLUES[0]), rgbOf(BLUES[index + 1] ?? BLUES[0])];
  const t = position - index;
  const background = hexOf([0, 1, 2].map((i) => (from[i] ?? 0) + ((to[i] ?? 0) - (from[i] ?? 0)) * t) as unknown as Rgb);
  return { background, text: contrast(background, '#000000') >= contrast(background, '#ffffff') ? '#000000' : '#ffffff' };
}
