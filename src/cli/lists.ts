import { groupThousands } from '../core/index.js';
import { fail, isExactDecimal, ok, show, stringParser } from './numbers.js';

/*
 * Lists and ranges of numbers on the command line: `16,22,28,40`, `10:52:6`
 * (start:stop:step, stop included when reached), `1:12` (step 1), or a mix
 * (`1,2,4:8:2`). Every item is a plain decimal, as in numbers.ts.
 */
const DECIMAL = /^[0-9]+(?:\.[0-9]+)?$/;

/** The most values one list may expand to; ranges beyond this are refused, not truncated. */
export const MAX_LIST_LENGTH = 10_000;

export interface ListRules {
  /** Whole numbers only (depths, N) or positive decimals (k). */
  readonly whole: boolean;
  readonly example: string;
}

/** Parses `a,b,c` and `start:stop[:step]`; returns a message instead of throwing. */
export function expandList(raw: string, rules: ListRules): number[] | string {
  const values: number[] = [];
  const valid = rules.whole ? 'whole numbers ≥ 1' : 'positive decimal numbers';
  for (const item of raw.split(',').map((part) => part.trim())) {
    const parts = item.split(':');
    const numbers = parts.map(Number);
    if (
      parts.length > 3 ||
      !parts.every((part) => DECIMAL.test(part)) ||
      numbers.some((n) => !Number.isFinite(n) || n <= 0 || (rules.whole && !Number.isSafeInteger(n)))
    ) {
      return `item ${show(item)} is not one of ${valid}, a list like ${rules.example}, or a range start:stop[:step]`;
    }
    const inexact = parts.find((part, i) => !isExactDecimal(part, numbers[i] ?? Number.NaN));
    if (inexact !== undefined) return `${show(inexact)} has more digits than a number holds exactly (at most 15 significant digits)`;
    const [start = 0, stop = start, step = 1] = numbers;
    if (parts.length === 1) {
      values.push(start);
      continue;
    }
    if (stop < start) return `range '${item}' runs backwards; write start:stop with start ≤ stop`;
    const count = Math.floor((stop - start) / step + 1e-9) + 1;
    if (values.length + count > MAX_LIST_LENGTH) return `range '${item}' has more than ${groupThousands(MAX_LIST_LENGTH)} values`;
    // Multiply rather than accumulate, so 0.5 steps do not drift.
    for (let i = 0; i < count; i++) values.push(Number((start + i * step).toFixed(10)));
  }
  return [...new Set(values)];
}

/** A zod schema for a list option, e.g. `numberList('--depth', { whole: true, example: '16,22,28' })`. */
export function numberList(label: string, rules: ListRules) {
  return stringParser((raw) => {
    const result = expandList(raw, rules);
    return typeof result === 'string' ? fail(`${label} ${show(raw)}: ${result}.`) : ok(result);
  });
}
