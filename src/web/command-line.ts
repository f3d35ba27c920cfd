import { PAGE_OPTIONS } from './options.js';
import type { PageState } from './state.js';

/*
 * The page's state as the command that prints the same numbers: the model as the
 * summary's argument, every other option as its flag. Only for showing (it is set
 * as text, never run); values are quoted as a POSIX shell would need them.
 */

/** Options of the page's views, not of the summary: the command leaves them out. */
const NOT_SUMMARY_OPTIONS: ReadonlySet<string> = new Set(['compare', 'metric']);

/** Plain decimals as the CLI reads them: `0028` is 28 and `1.50` is 1.5 (leading and trailing zeros say nothing). */
function plainNumbers(value: string): string {
  return value.replace(/[0-9]+(?:\.[0-9]+)?/g, (number) => String(Number(number)));
}

/** `16`, `B(3,1,3)` → `'B(3,1,3)'`, `it's` → `'it'\''s'`. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_.,:=+/@%-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(state: PageState): string {
  const words = ['wrn-calc'];
  const model = state.get('model');
  if (model !== undefined) words.push(shellWord(plainNumbers(model)));
  for (const option of PAGE_OPTIONS) {
    const value = state.get(option.param);
    if (value === undefined || option.param === 'model' || NOT_SUMMARY_OPTIONS.has(option.param)) continue;
    words.push(`--${option.param}`);
    if (option.control !== 'switch') words.push(shellWord(plainNumbers(value)));
  }
  return words.join(' ');
}
