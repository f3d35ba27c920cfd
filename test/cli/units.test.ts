import { describe, expect, it } from 'vitest';
import { amountPattern, amountProblem, parseAmount } from '../../src/cli/units.js';
import type { Quantity } from '../../src/core/index.js';

function value(raw: unknown, quantity: Quantity): number {
  const result = parseAmount(raw, quantity);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

function reason(raw: unknown, quantity: Quantity): string {
  const result = parseAmount(raw, quantity);
  if (result.ok) throw new Error(`${String(raw)} was accepted as ${result.value}`);
  return result.reason;
}

describe('budget amounts', () => {
  it.each([
    ['40000000', 'count', 40_000_000],
    ['40M', 'count', 40_000_000],
    ['1.5M', 'count', 1_500_000],
    ['6G', 'count', 6_000_000_000],
    ['2.25K', 'count', 2_250],
    ['1T', 'count', 1_000_000_000_000],
    ['0.001K', 'count', 1],
    ['150MiB', 'bytes', 150 * 1024 ** 2],
    ['64MB', 'bytes', 64_000_000],
    ['1.5KiB', 'bytes', 1_536],
    ['2GiB', 'bytes', 2 * 1024 ** 3],
    ['1TB', 'bytes', 1e12],
    ['512B', 'bytes', 512],
    ['512', 'bytes', 512],
    [40_000_000, 'count', 40_000_000],
    [1000, 'bytes', 1000],
  ] as const)('%s (%s) is exactly %d', (raw, quantity, expected) => {
    expect(value(raw, quantity)).toBe(expected);
    expect(Number.isSafeInteger(value(raw, quantity))).toBe(true);
  });

  it('is exact where floating point is not: 1.1M, 0.3G, 4.35K', () => {
    // 1.1 * 1e6 = 1100000.0000000002 and 4.35 * 1000 = 4349.999999999999 in doubles.
    expect(value('1.1M', 'count')).toBe(1_100_000);
    expect(value('0.3G', 'count')).toBe(300_000_000);
    expect(value('4.35K', 'count')).toBe(4_350);
  });

  describe('refuses, naming the value and the reason', () => {
    it.each([
      ['10 M', 'count', ["'10 M'", 'space', '10M']],
      ['1e3', 'count', ["'1e3'", 'exponent', '1000', '1K']],
      ['1E6', 'count', ["'1E6'", 'exponent']],
      ['-1M', 'count', ["'-1M'", 'negative']],
      [-5, 'count', ['-5', 'negative']],
      ['0', 'count', ["'0'", 'zero']],
      [0, 'bytes', ['0', 'zero']],
      ['1.0000005K', 'count', ["'1.0000005K'", '1000.0005', 'not a whole number']],
      ['0.5', 'count', ["'0.5'", 'not a whole number']],
      [1.5, 'count', ['1.5', 'not a whole number']],
      ['40m', 'count', ["'40m'", "unknown unit 'm'", 'case-sensitive']],
      ['40MB', 'count', ["'40MB'", 'byte unit', 'count']],
      ['150M', 'bytes', ["'150M'", 'ambiguous', '150MB', '150MiB']],
      ['150mib', 'bytes', ["'150mib'", "unknown unit 'mib'", 'KiB']],
      ['10000T', 'count', ["'10000T'", 'MAX_SAFE_INTEGER']],
      [2 ** 53, 'count', ['MAX_SAFE_INTEGER']],
      ['', 'count', ['empty value']],
      ['0x10', 'count', ["'0x10'", 'not a budget', '40M']],
      ['+1M', 'count', ["'+1M'", 'not a budget']],
      ['1_000', 'count', ["'1_000'", 'not a budget']],
      ['.5M', 'count', ["'.5M'", 'not a budget']],
      ['NaN', 'count', ["'NaN'"]],
      ['Infinity', 'count', ["'Infinity'"]],
      [true, 'count', ['expected', 'true']],
      [null, 'bytes', ['expected', 'null']],
    ] as const)('%s (%s)', (raw, quantity, mentions) => {
      const text = reason(raw, quantity);
      for (const part of mentions) expect(text).toContain(part);
    });
  });

  it('the JSON Schema pattern accepts exactly the well-formed strings', () => {
    const samples = [
      '40M',
      '1.5M',
      '10 M',
      '1e3',
      '-1M',
      '40m',
      '40MB',
      '150MiB',
      '150M',
      '64MB',
      '512B',
      '512',
      '.5K',
      '1.0000005K',
      '1.5KiB',
    ];
    for (const quantity of ['count', 'bytes'] as const) {
      const pattern = amountPattern(quantity);
      for (const sample of samples) {
        // A string the pattern accepts parses, unless it is not whole after scaling (which a pattern cannot see).
        const parsed = parseAmount(sample, quantity);
        if (pattern.test(sample) && !parsed.ok) expect(parsed.reason).toMatch(/not a whole number|zero/);
        if (!pattern.test(sample)) expect(parsed.ok, `${sample} (${quantity})`).toBe(false);
      }
    }
  });
});

describe('budget amounts: boundaries and exact messages', () => {
  it('MAX_SAFE_INTEGER itself is a budget; one more is not', () => {
    expect(value('9007199254740991', 'count')).toBe(Number.MAX_SAFE_INTEGER);
    expect(value(Number.MAX_SAFE_INTEGER, 'bytes')).toBe(Number.MAX_SAFE_INTEGER);
    expect(reason('9007199254740992', 'count')).toBe(
      "'9007199254740992' is above 9,007,199,254,740,991 (Number.MAX_SAFE_INTEGER), the largest exact count",
    );
  });

  it('a unit named like an Object.prototype member is an unknown unit, not an internal error', () => {
    // Units are looked up as own keys: '1constructor' once found Object.prototype.constructor and crashed (exit 70).
    expect(reason('1constructor', 'count')).toBe(
      "'1constructor' has an unknown unit 'constructor'; use K, M, G, T (units are case-sensitive)",
    );
    expect(reason('5toString', 'bytes')).toBe(
      "'5toString' has an unknown unit 'toString'; use B, KB, MB, GB, TB, KiB, MiB, GiB, TiB (units are case-sensitive)",
    );
    for (const unit of ['valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf']) {
      for (const quantity of ['count', 'bytes'] as const) expect(parseAmount(`1${unit}`, quantity).ok).toBe(false);
    }
  });

  it('the ambiguous-bytes hint keeps the fraction: 1.5M → 1.5MB or 1.5MiB', () => {
    expect(reason('1.5M', 'bytes')).toBe("'1.5M' is ambiguous for bytes; write 1.5MB (×1000) or 1.5MiB (×1024)");
  });

  it('blank is not a budget, and a sign is reported before the spaces around it', () => {
    expect(reason('   ', 'count')).toBe(
      "'   ' is not a budget; use a whole number, or a number with K, M, G or T (×1000) such as 40M or 1.5G",
    );
    expect(reason(' -1M', 'count')).toBe("' -1M' is negative; a budget must be at least 1");
  });

  it('the exponent hint is for exponent notation only (a hex number is just not a budget)', () => {
    for (const raw of ['10e3', '1e+3', '1e-3', '1e10', '2.5E6']) expect(reason(raw, 'count'), raw).toContain('has an exponent');
    expect(reason('0x1e3', 'count')).toBe(
      "'0x1e3' is not a budget; use a whole number, or a number with K, M, G or T (×1000) such as 40M or 1.5G",
    );
  });

  it('a JSON number too large for a double (1e999 reads as Infinity) is named as such, not as null', () => {
    expect(reason(JSON.parse('1e999') as number, 'count')).toBe(
      'a number too large to represent is not a budget; use a whole number, or a number with K, M, G or T (×1000) such as 40M or 1.5G',
    );
    expect(reason(-Infinity, 'bytes')).toMatch(/^a number too large to represent is not a budget; use a whole number of bytes/);
    expect(reason(Number.NaN, 'count')).toMatch(/^NaN is not a budget/);
  });

  it('a value of the wrong type is shown as JSON', () => {
    expect(reason({ a: 1 }, 'count')).toBe(
      'expected a whole number, or a number with K, M, G or T (×1000) such as 40M or 1.5G, got {"a":1}',
    );
    expect(reason([1], 'count')).toMatch(/, got \[1\]$/);
    expect(reason(undefined, 'bytes')).toMatch(/, got undefined$/);
  });

  it('amountProblem explains what is expected even for an amount parseAmount accepts (a schema that refuses more than the parser)', () => {
    expect(amountProblem('40M', 'count')).toBe(
      "expected a whole number, or a number with K, M, G or T (×1000) such as 40M or 1.5G, got '40M'",
    );
    expect(amountProblem('40MB', 'count')).toBe(reason('40MB', 'count'));
  });
});
