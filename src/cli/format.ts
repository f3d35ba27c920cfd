import { FAMILIES, blockNotation, familyOf, formatShape, groupThousands, withModel } from '../core/index.js';
import type { NetworkOptions } from '../core/index.js';

/** Exact integers with thousands separators: 36,479,194. */
export function formatInteger(value: number): string {
  return groupThousands(value);
}

const METRIC_PREFIXES = [
  { value: 1e12, suffix: 'T' },
  { value: 1e9, suffix: 'G' },
  { value: 1e6, suffix: 'M' },
  { value: 1e3, suffix: 'K' },
] as const;

/** Three significant digits with a decimal (×1000) suffix: 36.5M, 5.24G. */
export function formatHuman(value: number, separator = ''): string {
  const prefix = METRIC_PREFIXES.find((p) => Math.abs(value) >= p.value);
  if (prefix === undefined) return String(value);
  const scaled = value / prefix.value;
  const digits = scaled >= 100 ? 0 : scaled >= 10 ? 1 : 2;
  return `${scaled.toFixed(digits)}${separator}${prefix.suffix}`;
}

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Bytes in binary units: 139.16 MiB. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(2)} ${BINARY_UNITS[unit]}`;
}

export function formatPercent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** Blocks per group: `4` when every group has N = 4, else one per group (`3,4,6,3`). */
export function formatBlocksPerGroup(blocks: readonly number[]): string {
  const [first] = blocks;
  return blocks.every((n) => n === first) ? String(first) : blocks.join(',');
}

/** `input 3×32×32 (cifar10)`, or `custom input 3×224×224` when no dataset is named (its input or classes were replaced). */
export function describeInput(input: readonly number[], dataset: string | undefined): string {
  return dataset === undefined ? `custom input ${formatShape(input)}` : `input ${formatShape(input)} (${dataset})`;
}

/**
 * The block of networks given by options (fit's shape): B(3,3), bottleneck, a ResNeXt's
 * grouped bottleneck; on a family whose depths come from a table and no block given,
 * the table's block for each depth.
 */
export function describeBlockOf(options: NetworkOptions): string {
  const family = FAMILIES[familyOf(options)];
  const merged = withModel(options);
  if (merged.block === undefined && family.depthTable) return "torchvision's block for each depth";
  return blockNotation({ block: merged.block ?? family.block, groups: merged.groups, widthPerGroup: merged.widthPerGroup });
}

/** `16k, 32k, 64k`: a family's group widths in terms of k. */
export function widthsInK(options: NetworkOptions): string {
  return FAMILIES[familyOf(options)].bases.map((base) => `${base}k`).join(', ');
}
