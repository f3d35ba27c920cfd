import { describe, expect, it } from 'vitest';
import { INK, SERIES_COLORS } from '../../src/charts/spec.js';
import { formatNumber, logTicks, shortBytes, shortCount, valueText } from '../../src/charts/ticks.js';

/** WCAG 2's contrast ratio of two sRGB colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0);
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

describe('colours readable on a light and a dark page', () => {
  it.each(SERIES_COLORS)('series colour %s has at least 3:1 against white and against black', (color) => {
    expect(contrast(color, '#FFFFFF')).toBeGreaterThanOrEqual(3);
    expect(contrast(color, '#000000')).toBeGreaterThanOrEqual(3);
  });

  it('text ink has 4.5:1 (WCAG AA) against both', () => {
    expect(contrast(INK, '#FFFFFF')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(INK, '#000000')).toBeGreaterThanOrEqual(4.5);
    // GitHub's dark page, where a README picture lands for many readers.
    expect(contrast(INK, '#0D1117')).toBeGreaterThanOrEqual(4);
  });
});

describe('short forms', () => {
  it('writes counts as 1M, 2.5M, 10G and bytes as 16 GiB, without trailing zeros', () => {
    expect([1e6, 2.5e6, 1e10, 500, 36_479_194].map(shortCount)).toEqual(['1M', '2.5M', '10G', '500', '36.5M']);
    expect([16 * 2 ** 30, 512 * 2 ** 20, 1536, 100].map(shortBytes)).toEqual(['16 GiB', '512 MiB', '1.5 KiB', '100 B']);
    expect(formatNumber(4.08, 'ratio')).toBe('×4.08');
  });

  it('labels values as the tables do: 36.5M, 5.24G, 435.25 MiB, ×1.00', () => {
    expect(valueText(36_479_194, 'count')).toBe('36.5M');
    expect(valueText(5_243_328_768, 'count')).toBe('5.24G');
    expect(valueText(1, 'ratio')).toBe('×1.00');
    expect(valueText(1.5 * 2 ** 30, 'bytes')).toBe('1.50 GiB');
  });
});

describe('log ticks', () => {
  it('puts counts at 1, 2, 5 × 10ⁿ inside the range', () => {
    expect(logTicks(80_000, 12_000_000, 'count')).toEqual([1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7]);
  });

  it('puts bytes at powers of two, thinned to at most seven', () => {
    const ticks = logTicks(30 * 2 ** 20, 5 * 2 ** 30, 'bytes');
    expect(ticks.every((t) => Number.isInteger(Math.log2(t)))).toBe(true);
    expect(ticks.length).toBeLessThanOrEqual(7);
    expect(ticks.map(shortBytes)).toEqual(['64 MiB', '256 MiB', '1 GiB', '4 GiB']);
  });

  it('gives evenly spaced ticks when the range holds fewer than three round values', () => {
    expect(logTicks(52, 140, 'plain')).toEqual([60, 80, 100, 120, 140]);
  });
});
