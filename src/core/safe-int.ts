import { WrnError } from './errors.js';

/*
 * Exact-integer arithmetic on doubles. For non-negative integers a and b, the
 * double product (or sum) is exact whenever the true result is at most
 * MAX_SAFE_INTEGER, and rounding is monotone, so a true result above the limit
 * always shows up as a double above it. Checking the double is therefore enough
 * to guarantee that every count we print is exact; no BigInt is needed.
 */
export function checkedMul(what: string, a: number, b: number, c = 1, d = 1): number {
  // One check of the product suffices: the factors are non-negative integers, so a true product
  // above the limit shows as a double above it (a 0 factor after an infinite one gives NaN, refused too).
  // Fixed arity rather than rest parameters: the totals counter calls this millions of times a second.
  const product = a * b * c * d;
  if (product <= Number.MAX_SAFE_INTEGER) return product;
  throw new WrnError({ code: 'COUNT_OVERFLOW', what });
}

export function checkedAdd(what: string, a: number, b: number): number {
  const sum = a + b;
  if (sum > Number.MAX_SAFE_INTEGER) throw new WrnError({ code: 'COUNT_OVERFLOW', what });
  return sum;
}
