import { describe, expect, it } from 'vitest';
import { amountPattern, parseAmount } from '../../src/cli/units.js';
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
    const samples = ['40M', '1.5M', '10 M', '1e3', '-1M', '40m', '40MB', '150MiB', '150M', '64MB', '512B', '512', '.5K', '1.0000005K', '1.5KiB'];
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
