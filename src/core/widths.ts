import type { BlockKind } from './blocks.js';
import { WrnError, requirePositiveInteger } from './errors.js';
import { FAMILIES } from './families.js';
import type { FamilyName } from './families.js';
import type { NetworkOptions } from './options.js';

/** torchvision's width per group of an ordinary ResNet: inner width = ⌊base·W/64⌋·G. */
export const BASE_WIDTH_PER_GROUP = 64;

export interface ResolvedWidths {
  readonly k: number;
  readonly groups: number | undefined;
  readonly widthPerGroup: number | undefined;
  /** Output channels of each group's blocks. */
  readonly widths: readonly number[];
  /** Channels of each group's inner convs. */
  readonly innerWidths: readonly number[];
}

/** base·k for every base, refused unless every width is a whole positive number. */
export function widenedBases(k: number | undefined, bases: readonly number[]): number[] {
  if (k === undefined) throw new WrnError({ code: 'WIDTH_MISSING' });
  const widths = bases.map((base) => base * k);
  if (!Number.isFinite(k) || k <= 0 || !widths.every((w) => Number.isSafeInteger(w) && w >= 1)) {
    throw new WrnError({ code: 'WIDTH_NOT_WHOLE', k, widths, ...(bases[0] === 16 ? {} : { base: bases[0] }) });
  }
  return widths;
}

/**
 * torchvision's rule for a bottleneck given its width per group W and groups G:
 * ⌊base·W/64⌋·G channels; k is then W·G/64, which a k given too must equal.
 */
function innerFromWidthPerGroup(
  options: NetworkOptions,
  widthPerGroup: number,
  groups: number,
  bases: readonly number[],
): { k: number; inner: number[] } {
  const k = (widthPerGroup * groups) / BASE_WIDTH_PER_GROUP;
  if (options.k !== undefined && options.k !== k)
    throw new WrnError({ code: 'WIDTH_CONFLICT', k: options.k, widthPerGroup, groups, impliedK: k });
  const inner = bases.map((base) => Math.floor((base * widthPerGroup) / BASE_WIDTH_PER_GROUP) * groups);
  const narrowest = inner.findIndex((width) => !Number.isSafeInteger(width) || width < 1);
  if (narrowest >= 0)
    throw new WrnError({
      code: 'INNER_WIDTH_TOO_SMALL',
      widthPerGroup,
      groups,
      base: bases[narrowest] ?? 1,
      minimum: Math.ceil(BASE_WIDTH_PER_GROUP / (bases[0] ?? 1)),
    });
  return { k, inner };
}

/**
 * Each group's inner and output widths. Basic blocks: base·k at every conv (torchvision's
 * BasicBlock takes only G = 1 and W = 64). Bottlenecks: inner convs at base·k, or at
 * ⌊base·W/64⌋·G when a width per group W is given (the two agree where both are given),
 * the output at 4·base; a k-spelt bottleneck has W = 64·k/G.
 */
export function resolveWidths(options: NetworkOptions, family: FamilyName, kind: BlockKind): ResolvedWidths {
  const { bases } = FAMILIES[family];
  if (!kind.separateInnerWidth) {
    if (options.groups !== undefined && options.groups !== 1)
      throw new WrnError({ code: 'NOT_FOR_BASIC_BLOCKS', option: 'groups', value: options.groups });
    if (options.widthPerGroup !== undefined && options.widthPerGroup !== BASE_WIDTH_PER_GROUP) {
      throw new WrnError({ code: 'NOT_FOR_BASIC_BLOCKS', option: 'widthPerGroup', value: options.widthPerGroup });
    }
    const inner = widenedBases(options.k, bases);
    return { k: options.k ?? 1, groups: undefined, widthPerGroup: undefined, widths: inner, innerWidths: inner };
  }
  const groups = requirePositiveInteger('Groups', options.groups ?? 1);
  const given = options.widthPerGroup === undefined ? undefined : requirePositiveInteger('Width per group', options.widthPerGroup);
  const { k, inner } =
    given === undefined ? { k: options.k, inner: widenedBases(options.k, bases) } : innerFromWidthPerGroup(options, given, groups, bases);
  return {
    k: k ?? 1,
    groups,
    widthPerGroup: given ?? ((k ?? 1) * BASE_WIDTH_PER_GROUP) / groups,
    widths: bases.map((base, g) => kind.outWidth(base, inner[g] ?? base)),
    innerWidths: inner,
  };
}
