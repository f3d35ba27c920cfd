import { WrnError } from './errors.js';

/*
 * Exact-integer arithmetic on doubles. For non-negative integers a and b, the
 * double product (or sum) is exact whenever the true result is at most
 * MAX_SAFE_INTEGER, and rounding is monotone, so a true result above the limit
 * always shows up as a double above it. Checking the double is therefore enough
 * to guarantee that every count we print is exact; no BigInt is needed.
 */
export function checkedMul(what: string, ...factors: number[]): number {
  let product = 1;
  for (const factor of factors) {
    product *= factor;
    if (product > Number.MAX_SAFE_INTEGER) throw new WrnError({ code: 'COUNT_OVERFLOW', what });
  }
  return product;
}

export function checkedAdd(what: string, a: number, b: number): number {
  const sum = a + b;
  if (sum > Number.MAX_SAFE_INTEGER) throw new WrnError({ code: 'COUNT_OVERFLOW', what });
  return sum;
}
