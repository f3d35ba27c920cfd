/*
 * Prose for a terminal: lines word-wrapped to the terminal's width. A width of
 * undefined means stdout is not a terminal, and then every function here returns
 * its input unchanged: piped output keeps whole lines, so scripts, goldens and
 * the README see one line per sentence whatever terminal the test ran in.
 * Text is wrapped before it is painted (chalk re-opens its styles after a line
 * break), so widths here only meet colour codes in already painted parts.
 */

const ANSI = /\u001b\[[0-9;]*m/g;

/** Columns a string takes in a terminal: colour codes take none; each code point one (no CJK or emoji in our text). */
export function visibleWidth(text: string): number {
  let width = 0;
  for (const _ of text.replace(ANSI, '')) width += 1;
  return width;
}

/** The first `width` columns of a word too long for any line, and the rest (no colour codes in such words). */
function splitWord(word: string, width: number): [string, string] {
  const chars = [...word];
  return [chars.slice(0, width).join(''), chars.slice(width).join('')];
}

/** A unit after a number (`139.16 MiB`, `5.24 G)`): a line never breaks between the two. */
const UNIT = /^\(?(B|[KMGTP]i?B|[KMGT])\)?[,;:.]?$/;

/** Words at even indexes, the spaces after each at odd ones; a unit joins the word before it. */
function glueUnits(tokens: readonly string[]): string[] {
  const glued: string[] = [];
  for (let index = 0; index < tokens.length; index += 2) {
    const word = tokens[index] ?? '';
    if (glued.length > 0 && UNIT.test(word)) glued[glued.length - 2] += (glued.pop() ?? ' ') + word;
    else glued.push(word);
    glued.push(tokens[index + 1] ?? '');
  }
  return glued;
}

const MULTIPLIER = '×';
/** A bare count, as in `3×3, 160;`, `] × 4` and `stride 2`. */
const COUNT = /^[0-9]+[\];,]*$/;
/** A unit after a number in a table cell: `36.84 MiB`. */
const CELL_UNIT = /^[KMGTP]?i?B\)?[,;]?$/;

/**
 * The words of a table cell as its wrapping sees them, each with the space after
 * it: whitespace-separated, except that a bare count (`160;`, `4`, `2`), a `×` and a
 * byte unit stay with the word before them, so that a group's notation
 * `[3×3, 160; 3×3, 160] × 4` breaks only after its `;` and `stride 2` and
 * `36.84 MiB` never break. With `multiplierOnly` (a column too narrow for
 * `3×3, 160;`), only `× 4` and the units are kept together.
 */
export function cellWords(text: string, multiplierOnly = false): { word: string; space: string }[] {
  const tokens = text.split(/(\s+)/);
  const words: { word: string; space: string }[] = [];
  for (let i = 0; i < tokens.length; i += 2) {
    const word = tokens[i] ?? '';
    const space = tokens[i + 1] ?? '';
    const last = words[words.length - 1];
    const afterMultiplier = last?.word.endsWith(MULTIPLIER) === true;
    const glued =
      last !== undefined &&
      word !== '' &&
      (word === MULTIPLIER || CELL_UNIT.test(word) || (COUNT.test(word) && (afterMultiplier || !multiplierOnly)));
    if (glued) {
      last.word += last.space + word;
      last.space = space;
    } else if (word !== '' || i === 0) words.push({ word, space });
  }
  return words;
}

/**
 * One line word-wrapped to `width` columns; continuation lines start with
 * `hanging` spaces (the column where the first line's text, after its label,
 * begins). Spaces between words are kept as they are (`Total:   456 B`), except
 * where a line breaks. A word longer than a whole line is cut where the line ends.
 */
export function wrapLine(line: string, width: number | undefined, hanging = 0): string {
  if (width === undefined || visibleWidth(line) <= width) return line;
  const indent = ' '.repeat(Math.min(hanging, Math.max(0, width - 10)));
  const lead = /^ */.exec(line)?.[0] ?? '';
  const tokens = glueUnits(line.slice(lead.length).split(/( +)/));
  const lines: string[] = [];
  let current = lead;
  let empty = true;
  for (let index = 0; index < tokens.length; index += 2) {
    let word = tokens[index] ?? '';
    const gap = empty ? '' : (tokens[index - 1] ?? ' ');
    if (word === '') continue;
    if (visibleWidth(current) + gap.length + visibleWidth(word) <= width) {
      current += gap + word;
      empty = false;
      continue;
    }
    if (!empty) {
      lines.push(current);
      current = indent;
      empty = true;
    }
    while (visibleWidth(current) + visibleWidth(word) > width) {
      const [head, rest] = splitWord(word, Math.max(1, width - visibleWidth(current)));
      lines.push(current + head);
      current = indent;
      word = rest;
    }
    if (word !== '') {
      current += word;
      empty = false;
    }
  }
  if (!empty) lines.push(current);
  return lines.join('\n');
}

/** Every line of `text` wrapped, each continuing at its own indentation plus `hanging` spaces. */
export function wrapText(text: string, width: number | undefined, hanging = 0): string {
  if (width === undefined) return text;
  return text
    .split('\n')
    .map((line) => wrapLine(line, width, (/^ */.exec(line)?.[0].length ?? 0) + hanging))
    .join('\n');
}

/**
 * Parts joined by `separator` on one line, or, where that is too wide, as many
 * parts per line as fit (a header such as `WRN-28-10  ·  cifar family, …  ·  block B(3,3)`);
 * a part wider than the line on its own is wrapped.
 */
export function joinParts(parts: readonly string[], separator: string, width: number | undefined): string {
  const whole = parts.join(separator);
  if (width === undefined || visibleWidth(whole) <= width) return whole;
  const lines: string[] = [];
  let current = '';
  for (const part of parts) {
    if (current === '') current = part;
    else if (visibleWidth(current) + visibleWidth(separator) + visibleWidth(part) <= width) current += separator + part;
    else {
      lines.push(current);
      current = part;
    }
  }
  if (current !== '') lines.push(current);
  return lines.map((line) => wrapLine(line, width)).join('\n');
}
