import type { Issue } from '../core/index.js';

/*
 * Which control a refusal of the core belongs to, so that its sentence is shown
 * next to the field that caused it. The core names quantities in its sentences
 * (`Input channels must be …`); these are its names.
 */
const BY_QUANTITY: Readonly<Record<string, string>> = {
  Depth: 'depth',
  'Blocks per group': 'blocks-per-group',
  'Input channels': 'in-channels',
  'Input height': 'input',
  'Input width': 'input',
  Classes: 'classes',
  Dropout: 'dropout',
  'Batch size': 'batch',
  Groups: 'groups',
  'Width per group': 'width-per-group',
  'Kernel size': 'block',
  'Block length (convs per block)': 'block',
  'Bottleneck stride': 'bottleneck-stride',
};

const BY_OPTION = { groups: 'groups', widthPerGroup: 'width-per-group', bottleneckStride: 'bottleneck-stride' } as const;

/** The URL parameter of the control an issue is about, or undefined when it is about the network as a whole. */
export function paramOfIssue(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'DEPTH_MISFIT':
    case 'IMAGENET_DEPTH':
    case 'DEPTH_CONFLICT':
    case 'DEPTH_MISSING':
      return 'depth';
    case 'WIDTH_NOT_WHOLE':
    case 'WIDTH_MISSING':
      return 'k';
    case 'RULE_NOT_FOR_NETWORK':
      return 'depth-rule';
    case 'BLOCKS_LIST_LENGTH':
      return 'blocks-per-group';
    case 'ZERO_PAD_NARROWS':
      return 'shortcut';
    case 'UNKNOWN_MODEL':
      return 'model';
    case 'SPATIAL_COLLAPSE':
      return 'input';
    case 'CHANNELS_NOT_DIVISIBLE':
      return 'groups';
    case 'RESIDUAL_MISMATCH':
    case 'WIDTHS_LENGTH':
      return 'block';
    case 'TOO_MANY_LAYERS':
      return 'layers';
    case 'NOT_FOR_BASIC_BLOCKS':
      return BY_OPTION[issue.option];
    case 'WIDTH_CONFLICT':
    case 'INNER_WIDTH_TOO_SMALL':
      return 'width-per-group';
    case 'NOT_POSITIVE_INTEGER':
    case 'NOT_IN_RANGE':
    case 'NOT_ONE_OF':
      return BY_QUANTITY[issue.what];
    case 'COUNT_OVERFLOW':
      return undefined;
  }
}

/**
 * Where the sentence goes: the control the issue is about when the reader set it;
 * else the model field when a model name set it (`WRN-27-10` is refused for its
 * depth); else the network as a whole (undefined).
 */
export function placeIssue(issue: Issue, given: ReadonlySet<string>): string | undefined {
  const param = paramOfIssue(issue);
  if (param === undefined || given.has(param)) return param;
  if (param === 'depth' && given.has('blocks-per-group')) return 'blocks-per-group';
  return given.has('model') ? 'model' : param;
}
