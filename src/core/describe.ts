import { blockKind } from './blocks.js';
import type { BlockKindName, ConvPlan } from './blocks.js';
import { FAMILIES } from './families.js';
import type { BlockOpening, FamilyDefinition, Order, Shortcut } from './families.js';
import type { AddOp, Op } from './ops/index.js';
import { checkedAdd, checkedMul } from './safe-int.js';
import type { NetworkSpec } from './spec.js';
import { WrnError } from './errors.js';

/*
 * One description of a network, made from its resolved spec: the stem's ops, each
 * group's first block and the block it then repeats (with the count), and the head's
 * ops. The one walk (walk.ts) and everything built on it (listing, summary, totals,
 * the block view, code export) read it, so padding, shortcuts, stem and head are
 * decided here and nowhere else.
 */

/**
 * `same` pads each conv by ⌊(d·(k−1) + 1)/2⌋: the official WRN's ⌊k/2⌋ at dilation 1 for every k,
 * and the size-keeping padding for any odd effective kernel.
 */
export type Padding = number | 'same';

export function paddingFor(padding: Padding, kernel: number, dilation: number): number {
  if (padding !== 'same') return padding;
  // Checked: with a dilation near MAX_SAFE_INTEGER the double d·(k−1) + 1 rounds, and so would the padding.
  return Math.floor(checkedAdd('dilated kernel extent', checkedMul('dilated kernel extent', dilation, kernel - 1), 1) / 2);
}

/**
 * One residual block, in the listing's order: the opening BN-ReLU both paths read (if
 * any), the main path, the shortcut path, the add, what follows the add.
 */
export interface BlockDescription {
  readonly kind: BlockKindName;
  /** The BN-ReLU that opens both paths (He et al. 2016's CIFAR blocks); a zero-pad shortcut still reads the raw input. */
  readonly preact: readonly Op[];
  readonly main: readonly Op[];
  /** Ops of the shortcut path; empty for the identity. */
  readonly shortcut: readonly Op[];
  readonly shortcutKind: 'identity' | 'projection' | 'zero-pad';
  /** What the shortcut reads: the block's input, or the preact's output (a projection in He et al. 2016's CIFAR blocks). */
  readonly shortcutInput: 'block' | 'preactivated';
  readonly add: AddOp;
  /** Ops after the add (post order's ReLU). */
  readonly after: readonly Op[];
}

/** Everything a block needs to know to describe itself. */
export interface BlockPlan {
  readonly kind: BlockKindName;
  readonly inChannels: number;
  readonly convs: readonly ConvPlan[];
  /** Index of the conv that carries the stride. */
  readonly strideAt: number;
  readonly stride: number;
  readonly order: Order;
  readonly opening: BlockOpening;
  readonly projectionNorm: boolean;
  readonly shortcut: Shortcut;
  readonly padding: Padding;
  readonly dilation: number;
  readonly convBias: boolean;
  /** Before the 2nd and later convs (training mode). */
  readonly dropout: number;
}

const bn = (name: string, relu: boolean): Op => ({ kind: 'bn', name, relu });

function conv(name: string, plan: BlockPlan, index: number): Op {
  const { kernel, outChannels, groups } = plan.convs[index] ?? { kernel: 1, outChannels: 1, groups: 1 };
  return {
    kind: 'conv',
    name,
    outChannels,
    kernel,
    stride: index === plan.strideAt ? plan.stride : 1,
    padding: paddingFor(plan.padding, kernel, plan.dilation),
    dilation: plan.dilation,
    groups,
    bias: plan.convBias,
    shortcut: false,
  };
}

/** The main path: pre order puts BN-ReLU before each conv after the first, post order BN (and ReLU but after the last) after each. */
function mainPath(plan: BlockPlan): Op[] {
  const ops: Op[] = plan.opening === 'main-path' ? [bn('bn1', true)] : [];
  plan.convs.forEach((_, i) => {
    const last = i === plan.convs.length - 1;
    if (plan.order === 'pre' && i > 0) ops.push(bn(`bn${i + 1}`, true));
    if (i > 0 && plan.dropout > 0) ops.push({ kind: 'dropout', name: `dropout${i + 1}`, p: plan.dropout });
    ops.push(conv(`conv${i + 1}`, plan, i));
    if (plan.order === 'post') ops.push(bn(`bn${i + 1}`, !last));
  });
  return ops;
}

function shortcutPath(plan: BlockPlan, kind: BlockDescription['shortcutKind'], outChannels: number): Op[] {
  if (kind === 'identity') return [];
  if (kind === 'zero-pad') return [{ kind: 'zero-pad', name: 'shortcut', outChannels, stride: plan.stride }];
  const projection: Op = {
    kind: 'conv',
    name: 'shortcut',
    outChannels,
    kernel: 1,
    stride: plan.stride,
    padding: 0,
    dilation: 1,
    groups: 1,
    bias: plan.convBias,
    shortcut: true,
  };
  return plan.projectionNorm ? [projection, bn('shortcut.bn', false)] : [projection];
}

/**
 * A block of either order. The shortcut is the identity when channels and stride are
 * unchanged, else the plan's kind; a zero-pad shortcut that would drop channels is refused.
 */
export function blockDescription(plan: BlockPlan, blockName = 'block'): BlockDescription {
  const outChannels = plan.convs[plan.convs.length - 1]?.outChannels ?? 1;
  const changes = plan.inChannels !== outChannels || plan.stride !== 1;
  const shortcutKind = changes ? plan.shortcut : 'identity';
  if (shortcutKind === 'zero-pad' && outChannels < plan.inChannels) {
    throw new WrnError({ code: 'ZERO_PAD_NARROWS', block: blockName, inChannels: plan.inChannels, outChannels });
  }
  return {
    kind: plan.kind,
    preact: plan.opening === 'both-paths' ? [bn('bn1', true)] : [],
    main: mainPath(plan),
    shortcut: shortcutPath(plan, shortcutKind, outChannels),
    shortcutKind,
    shortcutInput: plan.opening === 'both-paths' && shortcutKind === 'projection' ? 'preactivated' : 'block',
    add: { kind: 'add', name: 'add' },
    after: plan.order === 'post' ? [{ kind: 'relu', name: 'relu' }] : [],
  };
}

export interface GroupDescription {
  /** conv2, conv3, … */
  readonly name: string;
  /** N: the first block, then the repeated one N − 1 times. */
  readonly blocks: number;
  readonly stride: number;
  /** Output channels of the group. */
  readonly width: number;
  /** Width of a block's inner convs (a bottleneck's; equal to `width` for basic blocks). */
  readonly innerWidth: number;
  /** Kernel sizes of a block's main-path convs. */
  readonly kernels: readonly number[];
  readonly first: BlockDescription;
  /** The block repeated N − 1 times after the first (stride 1, width in = width out). */
  readonly repeated: BlockDescription;
}

export interface NetworkDescription {
  readonly spec: NetworkSpec;
  readonly stem: readonly Op[];
  readonly groups: readonly GroupDescription[];
  readonly head: readonly Op[];
}

function stemOps(spec: NetworkSpec): Op[] {
  const family: FamilyDefinition = FAMILIES[spec.family];
  const { stem, maxPool } = family;
  const ops: Op[] = [
    {
      kind: 'conv',
      name: 'conv',
      outChannels: stem.channels,
      kernel: stem.kernel,
      stride: stem.stride,
      padding: stem.padding,
      dilation: 1,
      groups: 1,
      bias: spec.convBias,
      shortcut: false,
    },
  ];
  if (family.conventions[spec.order].stemActivation) ops.push(bn('bn', true));
  if (maxPool !== undefined)
    ops.push({ kind: 'max-pool', name: 'pool', kernel: maxPool.kernel, stride: maxPool.stride, padding: maxPool.padding });
  return ops;
}

function headOps(spec: NetworkSpec): Op[] {
  const activation = FAMILIES[spec.family].conventions[spec.order].headActivation ? [bn('bn', true)] : [];
  return [...activation, { kind: 'avg-pool', name: 'pool' }, { kind: 'linear', name: 'fc', outFeatures: spec.classes }];
}

/** Group names: conv1 is the stem; conv2… the groups of blocks; then the head. */
export function groupName(index: number): string {
  return `conv${index + 2}`;
}

/** The block a group repeats: its input is the group's width, and it does not stride. */
function repeatedPlan(plan: BlockPlan, width: number): BlockPlan {
  // Field by field, not a spread: V8 copies a spread object slowly, and this runs for every group described.
  return {
    kind: plan.kind,
    inChannels: width,
    convs: plan.convs,
    strideAt: plan.strideAt,
    stride: 1,
    order: plan.order,
    opening: plan.opening,
    projectionNorm: plan.projectionNorm,
    shortcut: plan.shortcut,
    padding: plan.padding,
    dilation: plan.dilation,
    convBias: plan.convBias,
    dropout: plan.dropout,
  };
}

function groupDescription(spec: NetworkSpec, g: number, inChannels: number): GroupDescription {
  const family: FamilyDefinition = FAMILIES[spec.family];
  const conventions = family.conventions[spec.order];
  const kind = blockKind(spec.block);
  const width = spec.widths[g] ?? 1;
  const innerWidth = spec.innerWidths[g] ?? width;
  const convs = kind.convs(spec.block, { inner: innerWidth, out: width }, spec.groups ?? 1);
  const stride = family.strides[g] ?? 1;
  const plan: BlockPlan = {
    kind: kind.name,
    inChannels,
    convs,
    strideAt: kind.strideAt(spec.bottleneckStride),
    stride,
    order: spec.order,
    opening: g === 0 && !conventions.firstGroupOpens ? 'none' : conventions.opening,
    projectionNorm: conventions.projectionNorm,
    shortcut: spec.shortcut,
    padding: 'same',
    dilation: 1,
    convBias: spec.convBias,
    dropout: spec.dropout,
  };
  const name = groupName(g);
  return {
    name,
    blocks: spec.blocksPerGroup[g] ?? 1,
    stride,
    width,
    innerWidth,
    kernels: convs.map((c) => c.kernel),
    first: blockDescription(plan, `${name}.block0`),
    repeated: blockDescription(repeatedPlan(plan, width), `${name}.block1`),
  };
}

export function describeNetwork(spec: NetworkSpec): NetworkDescription {
  let inChannels: number = FAMILIES[spec.family].stem.channels;
  const groups = spec.widths.map((width, g) => {
    const group = groupDescription(spec, g, inChannels);
    inChannels = width;
    return group;
  });
  return { spec, stem: stemOps(spec), groups, head: headOps(spec) };
}
