import * as z from 'zod/mini';
import { quote } from './quote.js';

/*
 * zod/mini, not classic zod: the same validation, but it tree-shakes to ~15 KB
 * instead of ~450 KB, which is most of the CLI's start-up time otherwise.
 *
 * Numbers on the command line are plain decimals: digits, optionally a
 * fraction. Hex (0x1c), exponents (1e309), NaN, Infinity, signs, unicode
 * digits and empty strings are refused before Number() ever sees them,
 * because Number('0x1c') === 28 and Number('') === 0 would silently accept them.
 */
const DECIMAL = /^[0-9]+(?:\.[0-9]+)?$/;
const WHOLE = /^[0-9]+$/;

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = <T = never>(message: string): Parsed<T> => ({ ok: false, message });

/** A string option parsed by a plain function; its message becomes the zod issue the user sees. */
export function stringParser<T>(parse: (raw: string) => Parsed<T>) {
  return z.pipe(
    z.string(),
    z.transform((raw: string, ctx): T => {
      const result = parse(raw);
      if (result.ok) return result.value;
      ctx.issues.push({ code: 'custom', message: result.message, input: raw });
      return z.NEVER;
    }),
  );
}

/**
 * Whether the double `value` is the decimal `raw` as written: JavaScript prints the
 * double back as the same digits ('0.1', '28.5', '010' → '10'). '1.00000000000000000001'
 * reads as the double 1, which prints as '1': taking it would silently compute a
 * different network (k = 1) than the one asked for, so such values are refused.
 */
export function isExactDecimal(raw: string, value: number): boolean {
  const [whole = '', fraction = ''] = raw.split('.');
  const digits = whole.replace(/^0+(?=[0-9])/, '');
  const decimals = fraction.replace(/0+$/, '');
  return String(value) === (decimals === '' ? digits : `${digits}.${decimals}`);
}

const inexact = (label: string, raw: string) =>
  fail<never>(
    `${label} ${show(raw)} has more digits than a number holds exactly (at most 15 significant digits); it would be rounded, not used as written.`,
  );

export function show(raw: string): string {
  return raw === '' ? 'an empty value' : quote(raw);
}

/** A whole number ≥ min (safe integer), e.g. a depth. */
export function parseWhole(label: string, raw: string, min = 1, example = '28'): Parsed<number> {
  const value = Number(raw);
  if (WHOLE.test(raw) && Number.isSafeInteger(value) && value >= min) return ok(value);
  return fail(`${label} must be a whole number ≥ ${min} (e.g. ${example}), got ${show(raw)}.`);
}

export function wholeNumber(label: string, min = 1, example = '28') {
  return stringParser((raw) => parseWhole(label, raw, min, example));
}

/** A positive decimal such as 1.5 (k). */
export function positiveDecimal(label: string, example = '10') {
  return stringParser((raw) => {
    const value = Number(raw);
    if (DECIMAL.test(raw) && Number.isFinite(value) && value > 0) return isExactDecimal(raw, value) ? ok(value) : inexact(label, raw);
    return fail(`${label} must be a positive decimal number (e.g. ${example}), got ${show(raw)}.`);
  });
}

/** A probability in [0, 1) such as a dropout rate. */
export function probability(label: string) {
  return stringParser((raw) => {
    const value = Number(raw);
    if (DECIMAL.test(raw) && value >= 0 && value < 1) return isExactDecimal(raw, value) ? ok(value) : inexact(label, raw);
    return fail(`${label} must be a decimal from 0 up to (not including) 1 (e.g. 0.3), got ${show(raw)}.`);
  });
}

/** `3,3`, `3, 1, 3` or `B(3,1,3)`: the kernel sizes of a block. */
export function parseKernels(label: string, raw: string): Parsed<number[]> {
  const inner = raw.trim().replace(/^[Bb]\((.*)\)$/, '$1');
  const parts = inner.split(',').map((part) => part.trim());
  const kernels = parts.map(Number);
  if (parts.every((part) => WHOLE.test(part)) && kernels.every((k) => Number.isSafeInteger(k) && k >= 1)) return ok(kernels);
  return fail(`${label} must be kernel sizes like 3,3 or B(3,1,3), got ${show(raw)}.`);
}

/** `32` (square) or `40x24` (height × width). */
export function parseSpatialSize(label: string, raw: string): Parsed<readonly [number, number]> {
  const parts = raw.trim().split(/[x×]/i);
  const sizes = parts.map(Number);
  if (parts.length <= 2 && parts.every((part) => WHOLE.test(part)) && sizes.every((s) => Number.isSafeInteger(s) && s >= 1)) {
    const [height = 1, width = height] = sizes;
    return ok([height, width] as const);
  }
  return fail(`${label} must be a size like 32 or HxW like 40x24 (whole numbers ≥ 1), got ${show(raw)}.`);
}

export function spatialSize(label: string) {
  return stringParser((raw) => parseSpatialSize(label, raw));
}

/** One of a fixed set of names. */
export function oneOf<const T extends string>(label: string, names: readonly T[]) {
  return stringParser((raw): Parsed<T> => {
    const name = names.find((candidate) => candidate === raw);
    return name === undefined ? fail(`${label} ${quote(raw)} is not known; use one of ${names.join(', ')}.`) : ok(name);
  });
}
