import { z } from 'zod';

/*
 * Numbers on the command line are plain decimals: digits, optionally a
 * fraction. Hex (0x1c), exponents (1e309), NaN, Infinity, signs, unicode
 * digits and empty strings are refused before Number() ever sees them,
 * because Number('0x1c') === 28 and Number('') === 0 would silently accept them.
 */
const DECIMAL = /^[0-9]+(?:\.[0-9]+)?$/;
const WHOLE = /^[0-9]+$/;

function show(raw: string): string {
  return raw === '' ? 'an empty value' : `'${raw}'`;
}

/** A whole number ≥ min (safe integer), e.g. a depth. */
export function wholeNumber(label: string, min = 1, example = '28') {
  return z.string().transform((raw, ctx) => {
    const value = Number(raw);
    if (!WHOLE.test(raw) || !Number.isSafeInteger(value) || value < min) {
      const valid = min <= 0 ? 'a whole number ≥ 0' : `a whole number ≥ ${min}`;
      ctx.addIssue({ code: 'custom', message: `${label} must be ${valid} (e.g. ${example}), got ${show(raw)}.` });
      return z.NEVER;
    }
    return value;
  });
}

/** A positive decimal such as 1.5 (k). */
export function positiveDecimal(label: string, example = '10') {
  return z.string().transform((raw, ctx) => {
    const value = Number(raw);
    if (!DECIMAL.test(raw) || !Number.isFinite(value) || value <= 0) {
      ctx.addIssue({ code: 'custom', message: `${label} must be a positive decimal number (e.g. ${example}), got ${show(raw)}.` });
      return z.NEVER;
    }
    return value;
  });
}

/** A probability in [0, 1) such as a dropout rate. */
export function probability(label: string) {
  return z.string().transform((raw, ctx) => {
    const value = Number(raw);
    if (!DECIMAL.test(raw) || !(value >= 0 && value < 1)) {
      ctx.addIssue({ code: 'custom', message: `${label} must be a decimal from 0 up to (not including) 1 (e.g. 0.3), got ${show(raw)}.` });
      return z.NEVER;
    }
    return value;
  });
}

/** `3,3`, `3, 1, 3` or `B(3,1,3)`: the kernel sizes of a block. */
export function kernelList(label: string) {
  return z.string().transform((raw, ctx) => {
    const inner = raw.trim().replace(/^[Bb]\((.*)\)$/, '$1');
    const parts = inner.split(',').map((part) => part.trim());
    const kernels = parts.map(Number);
    if (!parts.every((part) => WHOLE.test(part)) || !kernels.every((k) => Number.isSafeInteger(k) && k >= 1)) {
      ctx.addIssue({ code: 'custom', message: `${label} must be kernel sizes like 3,3 or B(3,1,3), got ${show(raw)}.` });
      return z.NEVER;
    }
    return kernels;
  });
}

/** `32` (square) or `40x24` (height × width). */
export function spatialSize(label: string) {
  return z.string().transform((raw, ctx) => {
    const parts = raw.trim().split(/[x×]/i);
    const sizes = parts.map(Number);
    if (parts.length > 2 || !parts.every((part) => WHOLE.test(part)) || !sizes.every((s) => Number.isSafeInteger(s) && s >= 1)) {
      ctx.addIssue({ code: 'custom', message: `${label} must be a size like 32 or HxW like 40x24 (whole numbers ≥ 1), got ${show(raw)}.` });
      return z.NEVER;
    }
    const [height = 1, width = height] = sizes;
    return [height, width] as const;
  });
}

/** One of a fixed set of names. */
export function oneOf<const T extends string>(label: string, names: readonly T[]) {
  return z.string().transform((raw, ctx): T => {
    const name = names.find((candidate) => candidate === raw);
    if (name === undefined) {
      ctx.addIssue({ code: 'custom', message: `${label} '${raw}' is not known; use one of ${names.join(', ')}.` });
      return z.NEVER;
    }
    return name;
  });
}
