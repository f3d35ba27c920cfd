import { formatBytes, formatHuman } from '../cli/format.js';
import { formatRatio } from '../cli/render/grid-parts.js';
import type { Axis, NumberFormat } from './spec.js';

/*
 * Tick positions and tick text. Log axes get round values in the tool's short
 * forms: counts at 1, 2, 5 × 10ⁿ (1M, 2M, 5M, 10M), bytes at powers of two
 * (256 MiB, 1 GiB, 4 GiB), so that a reader never meets 9.31 GiB on an axis.
 */

/** Up to three significant digits, trailing zeros dropped: 1, 2.5, 36.5, 128. */
function significant(value: number): string {
  if (value === 0) return '0';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return String(Number(value.toFixed(digits)));
}

const COUNT_PREFIXES = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'K'],
] as const;

/** 500, 1K, 2.5M, 10G: the short form of a count, as the tool's tables write it but without trailing zeros. */
export function shortCount(value: number): string {
  const prefix = COUNT_PREFIXES.find(([size]) => Math.abs(value) >= size);
  return prefix === undefined ? significant(value) : `${significant(value / prefix[0])}${prefix[1]}`;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** 512 B, 1.5 KiB, 16 GiB. */
export function shortBytes(value: number): string {
  let scaled = value;
  let unit = 0;
  while (Math.abs(scaled) >= 1024 && unit < BYTE_UNITS.length - 1) {
    scaled /= 1024;
    unit += 1;
  }
  return `${significant(scaled)} ${BYTE_UNITS[unit]}`;
}

export function formatNumber(value: number, format: NumberFormat): string {
  switch (format) {
    case 'count':
      return shortCount(value);
    case 'bytes':
      return shortBytes(value);
    case 'plain':
      return significant(value);
    case 'ratio':
      return `×${significant(value)}`;
    case 'percent':
      return `${significant(value)}%`;
  }
}

/** Round steps for a linear axis (1, 2 or 5 × 10ⁿ), about `count` of them, covering [min, max]. */
export function linearTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let i = Math.ceil(min / step); i * step <= max + step * 1e-9; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

function powersOfTwoTicks(min: number, max: number, maxTicks: number): number[] {
  const low = Math.ceil(Math.log2(min) - 1e-9);
  const high = Math.floor(Math.log2(max) + 1e-9);
  for (const step of [1, 2, 5, 10, 20, 30]) {
    const ticks: number[] = [];
    for (let e = Math.ceil(low / step) * step; e <= high; e += step) ticks.push(2 ** e);
    if (ticks.length <= maxTicks) return ticks;
  }
  return [2 ** low, 2 ** high];
}

function decimalTicks(min: number, max: number, maxTicks: number): number[] {
  const low = Math.floor(Math.log10(min));
  const high = Math.ceil(Math.log10(max));
  const inRange = (v: number) => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);
  const options: number[][] = [];
  for (const mantissas of [[1, 2, 5], [1, 3], [1]]) {
    const ticks: number[] = [];
    for (let e = low; e <= high; e++) for (const m of mantissas) ticks.push(Number((m * 10 ** e).toPrecision(12)));
    options.push(ticks.filter(inRange));
  }
  for (const step of [2, 3, 5, 10]) {
    const ticks: number[] = [];
    for (let e = Math.ceil(low / step) * step; e <= high; e += step) ticks.push(10 ** e);
    options.push(ticks.filter(inRange));
  }
  const fits = (ticks: number[], least: number) => ticks.length >= least && ticks.length <= maxTicks;
  // Three or more round values if any set gives them; within one decade, evenly spaced ones (60, 80, 100, 120).
  return options.find((ticks) => fits(ticks, 3)) ?? linearTicks(min, max, 6).filter((v) => v > 0);
}

/** Ticks of a log axis over [min, max]: at most `maxTicks` round values, at least two where the range allows. */
export function logTicks(min: number, max: number, format: NumberFormat, maxTicks = 7): number[] {
  if (!(min > 0) || !(max > min)) return min > 0 ? [min] : [];
  if (format === 'bytes') {
    const ticks = powersOfTwoTicks(min, max, maxTicks);
    if (ticks.length >= 2) return ticks;
  }
  return decimalTicks(min, max, maxTicks);
}

/** A log domain with a little room around the data, so that no point sits on the frame. */
export function paddedLogDomain(values: readonly number[]): [number, number] {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0) return [1, 10];
  const min = Math.min(...positive);
  const max = Math.max(...positive);
  const factor = max > min ? Math.max(1.08, (max / min) ** 0.06) : 2;
  return [min / factor, max * factor];
}

/** A linear domain from zero (bars) to a little past the largest value. */
export function zeroBasedDomain(values: readonly number[]): [number, number] {
  const max = Math.max(0, ...values.filter(Number.isFinite));
  return [0, max > 0 ? max * 1.02 : 1];
}

/**
 * A value in a label, exactly as the tool's tables write it (36.5M, 5.24G, 139.16 MiB,
 * ×4.08), so that a chart and the table beside it agree to the digit. Ticks use the
 * rounder forms above.
 */
export function valueText(value: number, format: NumberFormat): string {
  switch (format) {
    case 'count':
      return formatHuman(Math.round(value));
    case 'bytes':
      return formatBytes(Math.round(value));
    case 'ratio':
      return formatRatio(value);
    case 'plain':
    case 'percent':
      return formatNumber(value, format);
  }
}

/** The domain an axis shows for these values: padded on a log axis, from zero on a linear one. */
export function domainOf(axis: Axis, values: readonly number[]): [number, number] {
  if (axis.scale === 'log') return paddedLogDomain([...values, ...(axis.ticks ?? [])]);
  const max = Math.max(0, ...values);
  return [0, max > 0 ? max : 1];
}

/** The axis's own ticks, or round ones for its domain. */
export function ticksOf(axis: Axis, domain: readonly [number, number], maxTicks = 7): number[] {
  if (axis.ticks !== undefined) return [...axis.ticks];
  return axis.scale === 'log' ? logTicks(domain[0], domain[1], axis.format, maxTicks) : linearTicks(domain[0], domain[1]);
}

/** Where a value sits on an axis, 0 at the domain's start and 1 at its end. */
export function axisFraction(axis: Axis, domain: readonly [number, number], value: number): number {
  if (axis.scale === 'log') return (Math.log(value) - Math.log(domain[0])) / (Math.log(domain[1]) - Math.log(domain[0]));
  return (value - domain[0]) / (domain[1] - domain[0]);
}
