import { groupThousands } from '../core/index.js';
import type { Quantity } from '../core/index.js';
import { clip, escapeControl, quote, showJson } from './quote.js';

/*
 * Budget amounts: `40000000`, `40M`, `1.5G`, `150MiB`, `64MB`.
 *
 * - Counts (params, MACs, FLOPs) take K, M, G, T: ×1000, the SI prefixes that
 *   papers and torchvision use ("36.5M params", "5.24 GMACs").
 * - Bytes take B, KB, MB, GB, TB (×1000) and KiB, MiB, GiB, TiB (×1024). A bare
 *   K/M/G/T is refused for bytes: people mean both 1000 and 1024 by it.
 * - Strict, as the other numbers of the command line: digits with an optional
 *   fraction and the unit written right after, case-sensitive (mb and Mb are
 *   not MB). No spaces (`10 M`), exponents (`1e3`), signs (`-1M`, `+1M`), hex or
 *   `_` separators. A JSON number must be a whole number; note that JSON itself
 *   reads `1e3` as 1000 before we ever see it, so in a JSON file the number 1e3
 *   is accepted and the string "1e3" is not.
 * - The result is exact: 1.5M = 1500000, computed with BigInt, and an amount
 *   that is not a whole number after scaling (1.0000005K) is refused rather
 *   than rounded. Budgets are at least 1 and at most MAX_SAFE_INTEGER.
 */
export const COUNT_UNITS = { '': 1n, K: 1000n, M: 1000n ** 2n, G: 1000n ** 3n, T: 1000n ** 4n } as const;
export const BYTE_UNITS = {
  '': 1n,
  B: 1n,
  KB: 1000n,
  MB: 1000n ** 2n,
  GB: 1000n ** 3n,
  TB: 1000n ** 4n,
  KiB: 1024n,
  MiB: 1024n ** 2n,
  GiB: 1024n ** 3n,
  TiB: 1024n ** 4n,
} as const;

const UNITS: Record<Quantity, Readonly<Record<string, bigint>>> = { count: COUNT_UNITS, bytes: BYTE_UNITS };

function unitNames(quantity: Quantity): string[] {
  return Object.keys(UNITS[quantity]).filter((unit) => unit !== '');
}

/** The accepted strings as one regular expression (also the JSON Schema's `pattern`). */
export function amountPattern(quantity: Quantity): RegExp {
  return new RegExp(`^[0-9]+(?:\\.[0-9]+)?(?:${unitNames(quantity).join('|')})?$`);
}

const SHAPE = /^([0-9]+)(?:\.([0-9]+))?([A-Za-z]*)$/;

export type AmountResult = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: string };

const fail = (reason: string): AmountResult => ({ ok: false, reason });

export function showAmount(raw: unknown): string {
  if (raw === '') return 'an empty value';
  // JSON reads 1e400 as Infinity, which JSON.stringify would show as null.
  if (typeof raw === 'number' && !Number.isFinite(raw)) return Number.isNaN(raw) ? 'NaN' : 'a number too large to represent';
  return typeof raw === 'string' ? quote(raw) : showJson(raw);
}

/** What a quantity accepts, for the end of an error message. */
export function describeAmount(quantity: Quantity): string {
  return quantity === 'count'
    ? 'a whole number, or a number with K, M, G or T (×1000) such as 40M or 1.5G'
    : 'a whole number of bytes, or a number with KB, MB, GB, TB (×1000) or KiB, MiB, GiB, TiB (×1024) such as 150MiB';
}

function checkRange(shown: string, value: bigint): AmountResult {
  if (value < 1n) return fail(`${shown} is zero; a budget must be at least 1`);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    return fail(`${shown} is above ${groupThousands(Number.MAX_SAFE_INTEGER)} (Number.MAX_SAFE_INTEGER), the largest exact count`);
  }
  return { ok: true, value: Number(value) };
}

function explainUnit(shown: string, unit: string, quantity: Quantity, whole: string): string {
  if (quantity === 'bytes' && Object.hasOwn(COUNT_UNITS, unit)) {
    return `${shown} is ambiguous for bytes; write ${whole}${unit}B (×1000) or ${whole}${unit}iB (×1024)`;
  }
  if (quantity === 'count' && Object.hasOwn(BYTE_UNITS, unit))
    return `${shown} has a byte unit, but this budget is a count; use K, M, G or T`;
  return `${shown} has an unknown unit '${unit}'; use ${unitNames(quantity).join(', ')} (units are case-sensitive)`;
}

function parseString(raw: string, quantity: Quantity): AmountResult {
  const shown = showAmount(raw);
  if (raw.trim() === '') return fail(`${shown} is not a budget; use ${describeAmount(quantity)}`);
  if (raw.trim().startsWith('-')) return fail(`${shown} is negative; a budget must be at least 1`);
  if (/\s/.test(raw)) return fail(`${shown} has a space in it; write it without spaces (${clip(escapeControl(raw.replace(/\s+/g, '')))})`);
  if (/^[0-9.]+e[+-]?[0-9]+$/i.test(raw))
    return fail(`${shown} has an exponent, which budgets do not take; write the digits or a unit (1e3 → 1000 or 1K)`);
  const match = SHAPE.exec(raw);
  if (match === null) return fail(`${shown} is not a budget; use ${describeAmount(quantity)}`);
  const [, whole = '', fraction = '', unit = ''] = match;
  // Own keys only: a unit such as 'constructor' or 'toString' must not find Object.prototype's.
  const multiplier = Object.hasOwn(UNITS[quantity], unit) ? UNITS[quantity][unit] : undefined;
  if (multiplier === undefined) return fail(explainUnit(shown, unit, quantity, `${whole}${fraction ? `.${fraction}` : ''}`));
  // Exact: digits × unit ÷ 10^(fraction digits), which must divide evenly.
  const scaled = BigInt(whole + fraction) * multiplier;
  const divisor = 10n ** BigInt(fraction.length);
  if (scaled % divisor !== 0n) {
    return fail(`${shown} is ${Number(scaled) / Number(divisor)}, not a whole number; a budget is an exact count`);
  }
  return checkRange(shown, scaled / divisor);
}

function parseNumber(raw: number, quantity: Quantity): AmountResult {
  const shown = showAmount(raw);
  if (!Number.isFinite(raw)) return fail(`${shown} is not a budget; use ${describeAmount(quantity)}`);
  if (raw < 0) return fail(`${shown} is negative; a budget must be at least 1`);
  if (!Number.isInteger(raw)) return fail(`${shown} is not a whole number; a budget is an exact count`);
  if (!Number.isSafeInteger(raw)) return checkRange(shown, BigInt(Number.MAX_SAFE_INTEGER) + 1n);
  return checkRange(shown, BigInt(raw));
}

/** A budget amount from a flag (string) or a JSON file (string or number). */
export function parseAmount(raw: unknown, quantity: Quantity): AmountResult {
  if (typeof raw === 'string') return parseString(raw, quantity);
  if (typeof raw === 'number') return parseNumber(raw, quantity);
  return fail(`expected ${describeAmount(quantity)}, got ${showAmount(raw)}`);
}

/** Why `raw` is not an amount (for zod's error callbacks, which only know the input). */
export function amountProblem(raw: unknown, quantity: Quantity): string {
  const result = parseAmount(raw, quantity);
  return result.ok ? `expected ${describeAmount(quantity)}, got ${showAmount(raw)}` : result.reason;
}
