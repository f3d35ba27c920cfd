/**
 * Every way the core can refuse an input, as a code plus the values involved.
 * `formatIssue` is the one place that turns them into sentences.
 */
export type Issue =
  | { code: 'NOT_POSITIVE_INTEGER'; what: string; value: number }
  | { code: 'NOT_IN_RANGE'; what: string; value: number; min: number; max: number; maxExclusive?: boolean }
  | { code: 'DEPTH_MISFIT'; depth: number; blockLength: number; rule: DepthRuleName; nearest: number[]; bottleneck?: boolean }
  | { code: 'IMAGENET_DEPTH'; depth: number; block: 'basic' | 'bottleneck' | 'other' | 'any'; valid: number[] }
  | { code: 'RULE_NOT_FOR_NETWORK'; rule: DepthRuleName; reason: 'imagenet' | 'bottleneck' }
  | { code: 'BLOCKS_LIST_LENGTH'; given: number; groups: number; family: string }
  | { code: 'ZERO_PAD_NARROWS'; block: string; inChannels: number; outChannels: number }
  | { code: 'WIDTHS_LENGTH'; given: number; convs: number }
  | { code: 'UNKNOWN_MODEL'; name: string; suggestions: string[] }
  | { code: 'DEPTH_CONFLICT'; depth: number; blocksPerGroup: number | string; expectedDepth: number; rule: DepthRuleName }
  | { code: 'WIDTH_NOT_WHOLE'; k: number; widths: number[]; base?: number }
  | { code: 'SPATIAL_COLLAPSE'; layer: string; input: readonly number[]; kernel: number; stride: number; padding: number; dilation: number }
  | { code: 'CHANNELS_NOT_DIVISIBLE'; layer: string; inChannels: number; outChannels: number; groups: number }
  | { code: 'RESIDUAL_MISMATCH'; block: string; main: readonly number[]; shortcut: readonly number[] }
  | { code: 'COUNT_OVERFLOW'; what: string }
  | { code: 'DEPTH_MISSING' }
  | { code: 'WIDTH_MISSING' }
  | { code: 'TOO_MANY_LAYERS'; layers: number; limit: number }
  | { code: 'NOT_FOR_BASIC_BLOCKS'; option: 'groups' | 'widthPerGroup' | 'bottleneckStride'; value: number | string }
  | { code: 'WIDTH_CONFLICT'; k: number; widthPerGroup: number; groups: number; impliedK: number }
  | { code: 'INNER_WIDTH_TOO_SMALL'; widthPerGroup: number; groups: number; base: number; minimum: number }
  | { code: 'NOT_ONE_OF'; what: string; value: string; valid: string[] };

export type IssueCode = Issue['code'];

/**
 * Depth rules: `layers` counts a CIFAR WRN's convs (d = 3·N·l + 4), `nominal` is the
 * WRN paper's Table 2 labelling (d = 6·N + 4), `resnet` is He et al.'s count of
 * weighted layers (convs per block × blocks + 2, and torchvision's ImageNet table).
 */
export type DepthRuleName = 'layers' | 'nominal' | 'resnet';

/**
 * 36479194 → "36,479,194". Not toLocaleString: its first call initialises ICU,
 * which costs ~20 ms, a quarter of Node's whole start-up.
 */
export function groupThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatShape(shape: readonly number[]): string {
  return shape.join('×');
}

/*
 * User input echoed in a message. Control characters (a newline, a tab, a
 * terminal escape such as ESC[31m) are written as \u escapes, never raw, so an
 * error stays one line and cannot recolour or rewrite the user's terminal.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Quoted input longer than this is cut short: a message is one readable line. */
export const MAX_QUOTED_CHARS = 100;

export function clip(text: string, max = MAX_QUOTED_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** `'value'`, with control characters escaped and a long value cut short. */
export function quote(raw: string): string {
  return `'${clip(escapeControl(raw))}'`;
}

function list(values: readonly (number | string)[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** torchvision's BasicBlock refuses groups ≠ 1 and width_per_group ≠ 64; a stride position means nothing without a 3×3 between 1×1s. */
function notForBasicBlocks(option: 'groups' | 'widthPerGroup' | 'bottleneckStride', value: number | string): string {
  switch (option) {
    case 'groups':
      return `${value} channel groups need bottleneck blocks: torchvision's BasicBlock takes only groups = 1 and a width per group of 64; use --block bottleneck for a ResNeXt.`;
    case 'widthPerGroup':
      return `A width per group of ${value} needs bottleneck blocks: torchvision's BasicBlock takes only groups = 1 and a width per group of 64; widen basic blocks with k instead.`;
    case 'bottleneckStride':
      return `The bottleneck stride (${value}) applies to bottleneck blocks only: a basic block strides on its first conv.`;
  }
}

export function formatIssue(issue: Issue): string {
  switch (issue.code) {
    case 'NOT_POSITIVE_INTEGER':
      return `${issue.what} must be a positive whole number, got ${issue.value}.`;
    case 'NOT_IN_RANGE': {
      const upper = issue.maxExclusive ? `below ${issue.max}` : `at most ${issue.max}`;
      return `${issue.what} must be at least ${issue.min} and ${upper}, got ${issue.value}.`;
    }
    case 'DEPTH_MISFIT': {
      const rule =
        issue.rule === 'layers'
          ? `depth = 3·N·${issue.blockLength} + 4 for a block of ${issue.blockLength} conv${issue.blockLength === 1 ? '' : 's'}`
          : issue.rule === 'nominal'
            ? 'depth = 6·N + 4 under the nominal depth rule'
            : `depth = ${3 * issue.blockLength}·N + 2 under the resnet rule for a ${issue.bottleneck ? 'bottleneck block' : `block of ${issue.blockLength} conv${issue.blockLength === 1 ? '' : 's'}`}`;
      return `Depth ${issue.depth} does not fit the block (${rule}); the nearest valid depth${issue.nearest.length > 1 ? 's are' : ' is'} ${list(issue.nearest)}.`;
    }
    case 'DEPTH_CONFLICT':
      return `Depth ${issue.depth} and ${issue.blocksPerGroup} blocks per group disagree: ${issue.blocksPerGroup} blocks per group give depth ${issue.expectedDepth} (${issue.rule} rule); give one of them, or matching values.`;
    case 'WIDTH_NOT_WHOLE': {
      const base = issue.base ?? 16;
      return `Widening factor k = ${issue.k} gives widths ${issue.widths.join(', ')}, which are not all whole positive numbers; use a k for which ${base}·k is a whole number (e.g. 1, 1.5, 2, 10).`;
    }
    case 'IMAGENET_DEPTH': {
      if (issue.valid.length === 0) {
        return `ImageNet depths come from torchvision's table, which has B(3,3) and bottleneck networks only; for this block give the blocks of each group with --blocks-per-group a,b,c,d.`;
      }
      const which = issue.block === 'any' ? '' : ` with ${issue.block} blocks`;
      return `Depth ${issue.depth} is not an ImageNet ResNet depth${which}; use ${list(issue.valid)} (torchvision's table), or give the blocks of each group with --blocks-per-group a,b,c,d.`;
    }
    case 'RULE_NOT_FOR_NETWORK':
      return issue.reason === 'imagenet'
        ? `The ${issue.rule} depth rule counts the CIFAR WRN's layers; ImageNet networks use the resnet rule (torchvision's depth table).`
        : `The ${issue.rule} depth rule counts basic blocks; a bottleneck network uses the resnet rule (depth = 9·N + 2 on CIFAR).`;
    case 'BLOCKS_LIST_LENGTH':
      return `Blocks per group lists ${issue.given} value${issue.given === 1 ? '' : 's'}, but a ${issue.family} network has ${issue.groups} groups; give one N for all groups or ${issue.groups} values (one per group).`;
    case 'ZERO_PAD_NARROWS':
      return `The zero-pad shortcut of ${issue.block} would have to drop channels (${issue.inChannels} in, ${issue.outChannels} out): it can only add zero channels; use a projection shortcut or a wider network.`;
    case 'WIDTHS_LENGTH':
      return `Widths lists ${issue.given} value${issue.given === 1 ? '' : 's'}, but the block has ${issue.convs} conv${issue.convs === 1 ? '' : 's'}; give one output width per conv.`;
    case 'UNKNOWN_MODEL':
      return `Model ${quote(issue.name)} is not known; ${issue.suggestions.length > 0 ? `did you mean ${list(issue.suggestions)}? Otherwise g` : 'g'}ive WRN-d-k (e.g. WRN-28-10) or a preset name such as resnet50 or wide_resnet50_2.`;
    case 'SPATIAL_COLLAPSE':
      return `Layer ${issue.layer} gets input ${formatShape(issue.input)} and its ${issue.kernel}×${issue.kernel} kernel (stride ${issue.stride}, padding ${issue.padding}, dilation ${issue.dilation}) leaves a spatial size below 1; use a larger input or more padding.`;
    case 'CHANNELS_NOT_DIVISIBLE':
      return `Layer ${issue.layer} has ${issue.inChannels} input and ${issue.outChannels} output channels, which ${issue.groups} groups do not divide evenly.`;
    case 'RESIDUAL_MISMATCH':
      return `The residual add of ${issue.block} gets ${formatShape(issue.main)} from the convolutions but ${formatShape(issue.shortcut)} from the shortcut; use odd kernel sizes so that each conv keeps the spatial size.`;
    case 'COUNT_OVERFLOW':
      return `The ${issue.what} of this network would exceed ${groupThousands(Number.MAX_SAFE_INTEGER)} (Number.MAX_SAFE_INTEGER), so it cannot be counted exactly; use a smaller depth, width or input.`;
    case 'DEPTH_MISSING':
      return 'The network needs a depth or a number of blocks per group; give either (e.g. depth 28, or 4 blocks per group).';
    case 'WIDTH_MISSING':
      return 'The network needs a widening factor k; give one (e.g. k = 10, or a model name such as WRN-28-10).';
    case 'NOT_FOR_BASIC_BLOCKS':
      return notForBasicBlocks(issue.option, issue.value);
    case 'WIDTH_CONFLICT':
      return `k = ${issue.k} and a width per group of ${issue.widthPerGroup} with ${plural(issue.groups, 'group')} disagree: that width per group means k = W·G/64 = ${issue.impliedK}; give one of the two, or values that agree.`;
    case 'INNER_WIDTH_TOO_SMALL':
      return `A width per group of ${issue.widthPerGroup} with ${plural(issue.groups, 'group')} gives inner convs of ⌊${issue.base}·${issue.widthPerGroup}/64⌋·${issue.groups} = 0 channels; use a width per group of at least ${issue.minimum}.`;
    case 'NOT_ONE_OF':
      return `${issue.what} must be ${list(issue.valid)}, got ${quote(issue.value)}.`;
    case 'TOO_MANY_LAYERS':
      return `This network has ${groupThousands(issue.layers)} layers, more than the ${groupThousands(issue.limit)} that can be listed one by one; ask for totals only or use a smaller depth.`;
  }
}
