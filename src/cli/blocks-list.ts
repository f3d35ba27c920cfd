import { expandList } from './lists.js';
import { fail, ok, show, stringParser } from './numbers.js';

/*
 * Blocks per group on the command line: `4` (every group), `3,4,6,3` (one per
 * group), and on grid rows of either, `1:6` or `2,2,2,2/3,4,6,3`.
 */
const WHOLE = /^[0-9]+$/;

function perGroup(label: string, raw: string) {
  const parts = raw.split(',').map((part) => part.trim());
  const values = parts.map(Number);
  if (parts.length > 0 && parts.every((part) => WHOLE.test(part)) && values.every((n) => Number.isSafeInteger(n) && n >= 1)) {
    return ok(values.length === 1 ? (values[0] ?? 1) : values);
  }
  return fail<number | number[]>(`${label} must be one whole number ≥ 1 (e.g. 4) or one per group (e.g. 3,4,6,3), got ${show(raw)}.`);
}

/** One N, or a list with one N per group. */
export function blocksPerGroupValue(label: string) {
  return stringParser((raw) => perGroup(label, raw));
}

/** Grid rows: a list or range of N (`1:6`), or per-group lists separated by `/`. */
export function blockRowsList(label: string) {
  return stringParser((raw) => {
    if (!raw.includes('/')) {
      const result = expandList(raw, { whole: true, example: '1,2,4' });
      return typeof result === 'string'
        ? fail<(number | number[])[]>(`${label} ${show(raw)}: ${result}.`)
        : ok<(number | number[])[]>(result);
    }
    const rows: (number | number[])[] = [];
    for (const row of raw.split('/')) {
      const parsed = perGroup(label, row.trim());
      if (!parsed.ok)
        return fail<(number | number[])[]>(
          `${label} ${show(raw)}: rows separated by / are one N or one N per group each (e.g. 2,2,2,2/3,4,6,3); ${show(row)} is not.`,
        );
      rows.push(parsed.value);
    }
    return ok(rows);
  });
}
