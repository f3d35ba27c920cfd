import { WrnError } from './errors.js';
import { KEEPS, keepsOf } from './ops.js';
import type { BnOp, ConvOp, ControlStep, LinearOp, Op, Step } from './ops.js';
import { checkedAdd, checkedMul } from './safe-int.js';
import { FAMILIES, isBottleneck } from './spec.js';
import type { NetworkSpec, Order, Shortcut } from './spec.js';

/*
 * One description of a network, made from its resolved spec: the stem's ops,
 * each group's first block and the block it then repeats (with the count), and
 * the head's ops. Every walker (walk.ts: the listing, the summary's counter, the
 * totals) walks it, so padding, shortcuts, stem and head are decided here and
 * nowhere else.
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
 * One residual block. Listing order: preact, main, shortcut, add, after. `steps` is made from
 * the paths once, with the block (blockOps): the walkers read only the steps, the paths say
 * what the block is.
 */
export interface BlockDescription {
  /** Pre-activation: the BN-ReLU whose output both the first conv and a projection shortcut read. */
  readonly preact: readonly Op[];
  readonly main: readonly Op[];
  /** Ops of the shortcut path; empty for the identity. */
  readonly shortcut: readonly Op[];
  readonly shortcutKind: 'identity' | 'projection' | 'zero-pad';
  /** Whether the shortcut reads the pre-activated input (pre order's projection) rather than the block input. */
  readonly shortcutFromPreact: boolean;
  /** Ops after the add (post order's ReLU). */
  readonly after: readonly Op[];
  /** What the walkers walk: the ops above in the listing's order, with the markers that route the shortcut path. */
  readonly steps: readonly Step[];
}

export interface ConvPlan {
  readonly kernel: number;
  readonly outChannels: number;
}

/** Everything a block needs to know to describe itself. */
export interface BlockPlan {
  readonly inChannels: number;
  readonly convs: readonly ConvPlan[];
  /** Index of the conv that carries the stride. */
  readonly strideAt: number;
  readonly stride: number;
  readonly order: Order;
  readonly shortcut: Shortcut;
  readonly padding: Padding;
  readonly dilation: number;
  readonly convBias: boolean;
  /** Before the 2nd and later convs; shown, never counted. */
  readonly dropout: number;
}

/**
 * Every op gets the same fields in the same order (unused ones zero), so the
 * walkers' property reads stay monomorphic: the counter runs a million times a
 * second. The types stay the discriminated union.
 */
type AnyOpFields = Partial<Omit<ConvOp, 'kind'> & Omit<BnOp, 'kind'> & Omit<LinearOp, 'kind'>>;

/** The op with every field, and what it keeps for backward worked out once. */
export function uniformOp<T extends Op>(op: T): T {
  // One object literal with every field (not a spread): the same hidden class for every op, made fast.
  const fields: AnyOpFields = op;
  const uniform = {
    kind: op.kind,
    name: op.name,
    outChannels: fields.outChannels ?? 0,
    kernel: fields.kernel ?? 0,
    stride: fields.stride ?? 1,
    padding: fields.padding ?? 0,
    dilation: fields.dilation ?? 1,
    groups: fields.groups ?? 1,
    bias: fields.bias ?? false,
    shortcut: fields.shortcut ?? false,
    dropoutBefore: fields.dropoutBefore ?? 0,
    relu: fields.relu ?? false,
    outFeatures: fields.outFeatures ?? 0,
    keeps: keepsOf(op),
    times: 0,
    keptBoth: false,
  };
  return uniform as unknown as T;
}

/** A marker of a counting program, with the ops' fields (see uniformOp). */
function control(kind: ControlStep['kind'], name = '', times = 0, keptBoth = false): ControlStep {
  const uniform = {
    kind,
    name,
    outChannels: 0,
    kernel: 0,
    stride: 1,
    padding: 0,
    dilation: 1,
    groups: 1,
    bias: false,
    shortcut: false,
    dropoutBefore: 0,
    relu: false,
    outFeatures: 0,
    keeps: 0,
    times,
    keptBoth,
  };
  return uniform;
}

/** The residual add that ends every block. */
const ADD_OP: Op = uniformOp({ kind: 'add', name: 'add' });

function conv(name: string, plan: BlockPlan, index: number, shortcut = false): Op {
  const spec = plan.convs[index] ?? { kernel: 1, outChannels: 1 };
  const kernel = shortcut ? 1 : spec.kernel;
  const dilation = shortcut ? 1 : plan.dilation;
  const last = plan.convs[plan.convs.length - 1];
  return uniformOp({
    kind: 'conv',
    name,
    outChannels: shortcut ? (last?.outChannels ?? 1) : spec.outChannels,
    kernel,
    stride: shortcut || index === plan.strideAt ? plan.stride : 1,
    padding: shortcut ? 0 : paddingFor(plan.padding, kernel, dilation),
    dilation,
    groups: 1,
    bias: plan.convBias,
    shortcut,
    dropoutBefore: !shortcut && index > 0 ? plan.dropout : 0,
  });
}

const bn = (name: string, relu: boolean): Op => uniformOp({ kind: 'bn', name, relu });

function shortcutOps(plan: BlockPlan, kind: BlockDescription['shortcutKind']): Op[] {
  const outChannels = plan.convs[plan.convs.length - 1]?.outChannels ?? 1;
  if (kind === 'identity') return [];
  if (kind === 'zero-pad') return [uniformOp({ kind: 'zero-pad', name: 'shortcut', outChannels, stride: plan.stride })];
  const projection = conv('shortcut', plan, 0, true);
  return plan.order === 'post' ? [projection, bn('shortcut.bn', false)] : [projection];
}

/**
 * A block of either order. `pre` (He et al. 2016, the official WRN): for each conv
 * BN → ReLU → (dropout from the 2nd conv on) → conv; a projection reads the
 * BN-ReLU'd input. `post` (He et al. 2015, torchvision): conv → BN → ReLU, the last
 * conv → BN, the add, then ReLU; a projection is conv + BN on the raw block input.
 * The shortcut is the identity when channels and stride are unchanged.
 */
export function blockOps(plan: BlockPlan, blockName = 'block'): BlockDescription {
  const outChannels = plan.convs[plan.convs.length - 1]?.outChannels ?? 1;
  const changes = plan.inChannels !== outChannels || plan.stride !== 1;
  const shortcutKind = !changes ? 'identity' : plan.shortcut;
  if (shortcutKind === 'zero-pad' && outChannels < plan.inChannels) {
    throw new WrnError({ code: 'ZERO_PAD_NARROWS', block: blockName, inChannels: plan.inChannels, outChannels });
  }
  const main: Op[] = [];
  if (plan.order === 'pre') {
    plan.convs.forEach((_, i) => {
      if (i > 0) main.push(bn(`bn${i + 1}`, true));
      main.push(conv(`conv${i + 1}`, plan, i));
    });
  } else {
    plan.convs.forEach((_, i) => {
      main.push(conv(`conv${i + 1}`, plan, i), bn(`bn${i + 1}`, i < plan.convs.length - 1));
    });
  }
  const preact = plan.order === 'pre' ? [bn('bn1', true)] : [];
  const shortcut = shortcutOps(plan, shortcutKind);
  const shortcutFromPreact = plan.order === 'pre' && shortcutKind === 'projection';
  const after = plan.order === 'post' ? [uniformOp({ kind: 'relu', name: 'relu' })] : [];
  const steps = blockSteps({ preact, main, shortcut, shortcutKind, shortcutFromPreact, after });
  // One literal (not a spread of the paths): describing is part of every grid cell and fit candidate.
  return { preact, main, shortcut, shortcutKind, shortcutFromPreact, after, steps };
}

export interface GroupDescription {
  /** conv2, conv3, … */
  readonly name: string;
  readonly blocks: number;
  readonly stride: number;
  /** Output channels of the group. */
  readonly width: number;
  readonly innerWidth: number;
  /** Kernel sizes of a block's main-path convs. */
  readonly kernels: readonly number[];
  readonly first: BlockDescription;
  /** The block repeated blocks − 1 times after the first (stride 1, width in = width out). */
  readonly repeated: BlockDescription;
  /** Name prefixes of the first and the repeated block as the counter walks them (`conv2.block0.`). */
  readonly prefixes: readonly [string, string];
}

export interface NetworkDescription {
  readonly spec: NetworkSpec;
  readonly stem: readonly Op[];
  readonly groups: readonly GroupDescription[];
  readonly head: readonly Op[];
  /**
   * The same ops in one sequence for the totals counter, made with the description: stem,
   * each group's first block, its repeated block once inside `repeat` (N − 1 times; left out
   * when N is 1), head. For totals only: a listing or a receptive field walks the groups.
   */
  readonly program: readonly Step[];
}

/** The convs of one block of a group: a bottleneck's 1×1, 3×3, 1×1, or a basic block's kernels at one width. */
export function blockConvs(spec: Pick<NetworkSpec, 'block'>, innerWidth: number, width: number): ConvPlan[] {
  if (isBottleneck(spec.block)) {
    return [
      { kernel: 1, outChannels: innerWidth },
      { kernel: 3, outChannels: innerWidth },
      { kernel: 1, outChannels: width },
    ];
  }
  return spec.block.map((kernel) => ({ kernel, outChannels: width }));
}

/**
 * Where a block's stride sits: its first conv, except a post-order bottleneck's,
 * which torchvision puts on the 3×3 (ResNet v1.5). In pre order the stride sits on
 * the first conv of every block, as He et al. 2016's CIFAR code does.
 */
export function strideIndex(spec: Pick<NetworkSpec, 'block' | 'order'>): number {
  return isBottleneck(spec.block) && spec.order === 'post' ? 1 : 0;
}

function stemOps(spec: NetworkSpec): Op[] {
  const family = FAMILIES[spec.family];
  const { stem } = family;
  const ops: Op[] = [
    uniformOp({
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
      dropoutBefore: 0,
    }),
  ];
  // The CIFAR pre-activation stem is a bare conv: the first block's BN-ReLU follows it.
  if (spec.family === 'imagenet' || spec.order === 'post') ops.push(bn('bn', true));
  if (family.maxPool !== undefined) ops.push(uniformOp({ kind: 'max-pool', name: 'pool', ...family.maxPool }));
  return ops;
}

function headOps(spec: NetworkSpec): Op[] {
  const pool: Op = uniformOp({ kind: 'avg-pool', name: 'pool' });
  const fc: Op = uniformOp({ kind: 'linear', name: 'fc', outFeatures: spec.classes });
  return spec.order === 'pre' ? [bn('bn', true), pool, fc] : [pool, fc];
}

/** Group names: conv1 is the stem; conv2… the groups of blocks; then the head. */
export function groupName(index: number): string {
  return `conv${index + 2}`;
}

export function describeNetwork(spec: NetworkSpec): NetworkDescription {
  const family = FAMILIES[spec.family];
  let inChannels: number = family.stem.channels;
  const groups = spec.widths.map((width, g): GroupDescription => {
    const innerWidth = spec.innerWidths[g] ?? width;
    const convs = blockConvs(spec, innerWidth, width);
    const stride = family.strides[g] ?? 1;
    const plan: BlockPlan = {
      inChannels,
      convs,
      strideAt: strideIndex(spec),
      stride,
      order: spec.order,
      shortcut: spec.shortcut,
      padding: 'same',
      dilation: 1,
      convBias: spec.convBias,
      dropout: spec.dropout,
    };
    const name = groupName(g);
    const group: GroupDescription = {
      name,
      blocks: spec.blocksPerGroup[g] ?? 1,
      stride,
      width,
      innerWidth,
      kernels: convs.map((c) => c.kernel),
      first: blockOps(plan, `${name}.block0`),
      repeated: blockOps({ ...plan, inChannels: width, stride: 1 }, `${name}.block1`),
      prefixes: [`${name}.block0.`, `${name}.block1.`],
    };
    inChannels = width;
    return group;
  });
  const stem = stemOps(spec);
  const head = headOps(spec);
  return { spec, stem, groups, head, program: networkProgram(stem, groups, head) };
}

/**
 * Whether a block's two paths read one tensor (a projection on the pre-activated input, or
 * any shortcut without pre-activation) that the main path's first op keeps for backward:
 * then the shortcut finds it kept already.
 */
function shortcutSeesKept(block: Omit<BlockDescription, 'steps'>): boolean {
  const shared = block.shortcutFromPreact || block.preact.length === 0;
  const first = block.main[0];
  return shared && first !== undefined && ((first.keeps ?? keepsOf(first)) & KEEPS.input) !== 0;
}

/**
 * A block as walking steps, in the listing's order: preact, main path, shortcut path, add,
 * after. The shortcut starts (`fork`) from the block input or the pre-activated one.
 */
function blockSteps(block: Omit<BlockDescription, 'steps'>): Step[] {
  const fork = control('fork', '', 0, shortcutSeesKept(block));
  return [
    ...(block.shortcutFromPreact ? [...block.preact, fork] : [fork, ...block.preact]),
    ...block.main,
    control('side'),
    ...block.shortcut,
    control('join'),
    ADD_OP,
    ...block.after,
  ];
}

function networkProgram(stem: readonly Op[], groups: readonly GroupDescription[], head: readonly Op[]): Step[] {
  const steps: Step[] = [control('prefix', 'conv1.'), ...stem];
  for (const group of groups) {
    steps.push(control('prefix', group.prefixes[0]), ...group.first.steps);
    // A group of one block never walks the block it would repeat (its refusals included).
    if (group.blocks > 1) {
      steps.push(
        control('repeat', '', group.blocks - 1),
        control('prefix', group.prefixes[1]),
        ...group.repeated.steps,
        control('end-repeat'),
      );
    }
  }
  steps.push(control('prefix', 'head.'), ...head);
  return steps;
}
