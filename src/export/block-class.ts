import type { BlockDescription, BlockKindName, ConvPlan, Op } from '../core/index.js';
import type { BlockUse, ExportNetwork } from './network.js';

/*
 * One class for a network's blocks: the code builds every block from one class, the
 * first block of a group and the block it repeats alike, so the class is written from
 * one block of the description (the template) with the values in which the network's
 * blocks differ as its arguments. Which values those are is not assumed: every block
 * the description holds is rebuilt from the template and its arguments here, op by
 * op, and a block that comes out different stops the export. What the class builds
 * is therefore, provably, what the description says.
 */

export type ShortcutKind = BlockDescription['shortcutKind'];

/** The values in which a network's blocks differ: what the class takes as arguments. */
export interface BlockArgs {
  readonly inChannels: number;
  readonly innerWidth: number;
  readonly width: number;
  /** The stride of the conv that carries the block's stride (1 in a repeated block). */
  readonly stride: number;
  readonly shortcut: ShortcutKind;
  /** Whether the block opens with a BN-ReLU (fb.resnet.torch's first group does not). */
  readonly opens: boolean;
}

/** The widths a template op takes from the arguments. */
export type WidthArg = 'innerWidth' | 'width';

/** The fields of a template op the class takes from its arguments; the others are the template's. */
export interface Binding {
  readonly outChannels?: WidthArg;
  readonly stride?: boolean;
}

export interface BlockClass {
  readonly kind: BlockKindName;
  readonly template: BlockDescription;
  /** The block kind's main-path convs (which width each has) and which conv strides: the same in every group. */
  readonly convs: readonly ConvPlan[];
  readonly strideAt: number;
  /** Whether some of the network's blocks open with a BN-ReLU and others do not (then the class takes `opens`). */
  readonly openingVaries: boolean;
  /** Whether a conv has the inner width (a bottleneck's): the class takes it. */
  readonly takesInnerWidth: boolean;
}

/** The ops a block opens with before its first conv: the BN-ReLU both paths read, or the main path's own. */
export function openingOf(block: BlockDescription): readonly Op[] {
  if (block.preact.length > 0) return block.preact;
  const firstConv = block.main.findIndex((op) => op.kind === 'conv');
  return block.main.slice(0, Math.max(0, firstConv));
}

function mainConvs(block: BlockDescription): Op[] {
  return block.main.filter((op) => op.kind === 'conv');
}

/** A block's arguments, read off its description and the walk. */
export function argsOf(use: BlockUse, strideAt: number): BlockArgs {
  const strided = mainConvs(use.block)[strideAt];
  return {
    inChannels: use.inChannels,
    innerWidth: use.group.innerWidth,
    width: use.group.width,
    stride: strided?.kind === 'conv' ? strided.stride : 1,
    shortcut: use.block.shortcutKind,
    opens: openingOf(use.block).length > 0,
  };
}

/** What each main-path op of the template takes from the arguments: a conv its width, the strided conv its stride. */
export function mainBindings(cls: BlockClass): Binding[] {
  let conv = -1;
  return cls.template.main.map((op): Binding => {
    if (op.kind !== 'conv') return {};
    conv += 1;
    const plan = cls.convs[conv];
    return { outChannels: plan?.width === 'inner' ? 'innerWidth' : 'width', stride: conv === cls.strideAt };
  });
}

/** The shortcut's ops take the block's output width and its stride. */
export function shortcutBinding(op: Op): Binding {
  return op.kind === 'conv' || op.kind === 'zero-pad' ? { outChannels: 'width', stride: true } : {};
}

function bind(op: Op, binding: Binding, args: BlockArgs): Op {
  const stride = binding.stride === true ? { stride: args.stride } : {};
  const channels = binding.outChannels === undefined ? {} : { outChannels: args[binding.outChannels] };
  return { ...op, ...channels, ...stride };
}

/** Where a repeated block's argument comes from: a copy of one of the group's first block's arguments, or a value. */
export type RepeatedArg<K extends keyof BlockArgs> = { readonly copies: keyof BlockArgs } | { readonly value: BlockArgs[K] };

/** What the code gives a group's repeated blocks: the group's width in and out, no stride, the identity. */
export const REPEATED_ARGS: { readonly [K in keyof BlockArgs]: RepeatedArg<K> } = {
  inChannels: { copies: 'width' },
  innerWidth: { copies: 'innerWidth' },
  width: { copies: 'width' },
  stride: { value: 1 },
  shortcut: { value: 'identity' },
  opens: { copies: 'opens' },
};

export function repeatedArgs(first: BlockArgs): BlockArgs {
  const arg = <K extends keyof BlockArgs>(key: K): BlockArgs[K] => {
    const source: RepeatedArg<K> = REPEATED_ARGS[key];
    return 'copies' in source ? (first[source.copies] as BlockArgs[K]) : source.value;
  };
  return {
    inChannels: arg('inChannels'),
    innerWidth: arg('innerWidth'),
    width: arg('width'),
    stride: arg('stride'),
    shortcut: arg('shortcut'),
    opens: arg('opens'),
  };
}

/** The block the class builds from `args`, in the description's terms. */
export function expand(cls: BlockClass, args: BlockArgs): BlockDescription {
  const { template } = cls;
  const bindings = mainBindings(cls);
  const opening = openingOf(template);
  const preactOpens = template.preact.length > 0;
  let main = template.main.map((op, i) => bind(op, bindings[i] ?? {}, args));
  if (!args.opens && !preactOpens) main = main.slice(opening.length);
  const identity = args.shortcut === 'identity';
  return {
    kind: template.kind,
    preact: args.opens && preactOpens ? template.preact : [],
    main,
    shortcut: identity ? [] : template.shortcut.map((op) => bind(op, shortcutBinding(op), args)),
    shortcutKind: identity ? 'identity' : template.shortcutKind,
    shortcutInput: identity || !args.opens ? 'block' : template.shortcutInput,
    add: template.add,
    after: template.after,
  };
}

/** JSON with sorted keys: two descriptions are the same block when these agree. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)))
      : item,
  );
}

/** The use whose block has the most to show: an opening if any has one, then a shortcut of its own. */
function templateUse(uses: readonly BlockUse[]): BlockUse {
  const score = (use: BlockUse) => (openingOf(use.block).length > 0 ? 2 : 0) + (use.block.shortcutKind === 'identity' ? 0 : 1);
  const best = [...uses].sort((a, b) => score(b) - score(a))[0];
  if (best === undefined) throw new Error('a network without blocks');
  return best;
}

/** The network's block class, checked against every block of the description; each use's arguments. */
export function blockClass(network: ExportNetwork): { readonly cls: BlockClass; readonly args: readonly BlockArgs[] } {
  const { uses } = network;
  const template = templateUse(uses);
  const opening = uses.map((use) => openingOf(use.block).length > 0);
  const cls: BlockClass = {
    kind: template.block.kind,
    template: template.block,
    convs: template.group.convs,
    strideAt: template.group.strideAt,
    openingVaries: opening.includes(true) && opening.includes(false),
    takesInnerWidth: template.group.convs.some((conv) => conv.width === 'inner'),
  };
  const args = uses.map((use) => argsOf(use, cls.strideAt));
  uses.forEach((use, i) => {
    const own = args[i] as BlockArgs;
    const first = args[uses.findIndex((other) => other.group === use.group)] as BlockArgs;
    const given = use.position === 0 ? own : repeatedArgs(first);
    if (canonical(given) !== canonical(own) || canonical(expand(cls, given)) !== canonical(use.block)) {
      throw new Error(`${use.prefix.slice(0, -1)} is not what one block class would build; the export cannot write it`);
    }
  });
  return { cls, args };
}
