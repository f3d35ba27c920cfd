/*
 * A borderless table in the torchinfo manner: a rule under the header, columns
 * two spaces apart, numbers right-aligned. Written here rather than with
 * cli-table3, whose import plus first render (string-width compiles a very
 * large emoji regex) cost 20–25 ms, a third of Node's whole start-up, for a
 * layout that needs only padding. Output is byte-for-byte what the cli-table3
 * version printed (the golden files did not change).
 */
export type Align = 'left' | 'right';

const GAP = 2;
const RULE = '─';
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Columns a string takes in a terminal: colour codes take none; each code point one (no CJK or emoji in our cells). */
export function visibleWidth(text: string): number {
  let width = 0;
  for (const _ of text.replace(ANSI, '')) width += 1;
  return width;
}

function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - visibleWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

export function renderTable(head: readonly string[], rows: readonly (readonly string[])[], aligns: readonly Align[]): string {
  const widths = head.map((title, column) => Math.max(visibleWidth(title), ...rows.map((row) => visibleWidth(row[column] ?? ''))));
  const line = (cells: readonly string[]) =>
    widths
      .map((width, column) => pad(cells[column] ?? '', width, aligns[column] ?? 'left') + ' '.repeat(GAP))
      .join('')
      .trimEnd();
  const rule = RULE.repeat(widths.reduce((sum, width) => sum + width + GAP, 0) + widths.length - 1);
  return [line(head), rule, ...rows.map(line)].join('\n');
}
