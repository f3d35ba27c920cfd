import { WrnError } from './errors.js';
import type { NetworkOptions } from './options.js';

/** What a preset fixes: the structure of the network (input and classes follow its family's dataset). */
export type PresetOptions = Pick<
  NetworkOptions,
  'family' | 'depth' | 'k' | 'block' | 'groups' | 'widthPerGroup' | 'bottleneckStride' | 'order' | 'shortcut' | 'depthRule'
>;

const torchvision = (depth: number, k = 1): PresetOptions => ({ family: 'imagenet', depth, k });
/** torchvision's ResNeXts: bottlenecks whose 3×3 has `groups` groups of `widthPerGroup` channels (ResNeXt's 32×4d). */
const resnext = (depth: number, groups: number, widthPerGroup: number): PresetOptions => ({
  family: 'imagenet',
  depth,
  groups,
  widthPerGroup,
});
/** He et al. 2015's CIFAR ResNets: post-activation, zero-padded shortcuts (option A), 6N + 2 layers. */
const cifarResnet = (depth: number): PresetOptions => ({
  family: 'cifar',
  order: 'post',
  shortcut: 'zero-pad',
  depthRule: 'resnet',
  depth,
  k: 1,
});
/** He et al. 2016's pre-activation ResNets on CIFAR (projection shortcuts, as in the official WRN code). */
const preactCifar = (depth: number, block: PresetOptions['block']): PresetOptions => ({
  family: 'cifar',
  order: 'pre',
  depthRule: 'resnet',
  block,
  depth,
  k: 1,
});

/**
 * Networks by name. torchvision's names build torchvision's models; the WRN
 * paper's WRN-50-2-bottleneck is torchvision's wide_resnet50_2; preresnet200 is
 * fb.resnet.torch's pre-activation ResNet-200 (He et al. 2016, Table 8).
 */
export const PRESETS = {
  resnet18: torchvision(18),
  resnet34: torchvision(34),
  resnet50: torchvision(50),
  resnet101: torchvision(101),
  resnet152: torchvision(152),
  wide_resnet50_2: torchvision(50, 2),
  wide_resnet101_2: torchvision(101, 2),
  resnext50_32x4d: resnext(50, 32, 4),
  resnext101_32x8d: resnext(101, 32, 8),
  resnext101_64x4d: resnext(101, 64, 4),
  'WRN-50-2-bottleneck': { ...torchvision(50, 2), block: 'bottleneck' },
  resnet20: cifarResnet(20),
  resnet32: cifarResnet(32),
  resnet44: cifarResnet(44),
  resnet56: cifarResnet(56),
  resnet110: cifarResnet(110),
  resnet1202: cifarResnet(1202),
  'preact-resnet110': preactCifar(110, [3, 3]),
  'preact-resnet164': preactCifar(164, 'bottleneck'),
  'preact-resnet1001': preactCifar(1001, 'bottleneck'),
  preresnet200: { family: 'imagenet', order: 'pre', depth: 200, k: 1 },
} as const satisfies Record<string, PresetOptions>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

/** `WRN-28-10`, `wrn-40-1.5`: the same as depth d and widening factor k. */
const WRN_NAME = /^WRN-([0-9]+)-([0-9]+(?:\.[0-9]+)?)$/i;

export interface ResolvedModelName {
  /** The preset's own name, or undefined for WRN-d-k (whose name follows from depth and k). */
  readonly preset: PresetName | undefined;
  readonly options: PresetOptions;
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** `WRN28-10`, `wrn_28_10`, `WRN-28x10`: WRN-d-k written with another separator. */
const LOOSE_WRN_NAME = /^wrn[-_]?([0-9]+)[-_x]([0-9]+(?:\.[0-9]+)?)$/i;

/** The known names closest to `name` (at most three, within a third of its length), WRN-d-k first when the name is one misspelt. */
export function closestModelNames(name: string): string[] {
  const lower = name.toLowerCase().slice(0, 100);
  const limit = Math.max(2, Math.ceil(lower.length / 3));
  const loose = LOOSE_WRN_NAME.exec(name);
  const presets = PRESET_NAMES.map((preset) => ({ preset, d: distance(lower, preset.toLowerCase()) }))
    .filter(({ d }) => d <= limit)
    .sort((a, b) => a.d - b.d)
    .map(({ preset }) => preset);
  return [...(loose === null ? [] : [`WRN-${loose[1]}-${loose[2]}`]), ...presets].slice(0, 3);
}

/** A model name (case-insensitive): a preset, or WRN-d-k. Unknown names are refused with the closest known ones. */
export function resolveModelName(name: string): ResolvedModelName {
  const preset = PRESET_NAMES.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  if (preset !== undefined) return { preset, options: PRESETS[preset] };
  const wrn = WRN_NAME.exec(name);
  if (wrn !== null) return { preset: undefined, options: { depth: Number(wrn[1]), k: Number(wrn[2]) } };
  throw new WrnError({ code: 'UNKNOWN_MODEL', name, suggestions: closestModelNames(name) });
}
