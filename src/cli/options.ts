import { Option } from 'commander';
import type { Command } from 'commander';
import * as z from 'zod/mini';
import { BOTTLENECK_STRIDES, DATASET_NAMES, DEPTH_RULES, FAMILY_NAMES, OPTIMIZERS, ORDERS, SHORTCUTS } from '../core/index.js';
import type { BlockType } from '../core/index.js';
import { blockRowsList, blocksPerGroupValue } from './blocks-list.js';
import * as file from './file-fields.js';
import { numberList } from './lists.js';
import { fail, ok, oneOf, parseKernels, show, positiveDecimal, probability, spatialSize, stringParser, wholeNumber } from './numbers.js';

/*
 * Every option that describes a network, declared once: its flag, its parser
 * (command line), its budget-file field (JSON), its help and the commands that
 * take it. Commander options, the commands' zod schemas and the budget file's
 * model schema are all made from this table, so no command can drop a field
 * another one takes. The key is the camelCase name commander stores the flag
 * under, which is also the budget-file field.
 */

export const COMMAND_NAMES = ['summary', 'check', 'grid', 'fit', 'compare', 'block'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Commands whose depth, k and N are lists: one network per value. */
const LIST_COMMANDS: readonly CommandName[] = ['grid', 'fit'];

interface Declaration {
  /** `--depth <d>`; a flag without a value is a boolean switch. */
  readonly flag: string;
  readonly help: string;
  /** Help for particular commands, where the option means more (or something else) there. */
  readonly helpFor?: Partial<Record<CommandName, string>>;
  readonly cli: z.ZodMiniType;
  /** The parser on commands that take a list (grid, fit). */
  readonly list?: z.ZodMiniType;
  /** The budget file's field; absent for options a file does not take. */
  readonly file?: () => z.ZodMiniType;
  readonly commands: readonly CommandName[];
}

const NETWORK_COMMANDS = ['summary', 'check', 'grid', 'fit', 'compare'] as const satisfies readonly CommandName[];
const ALL = [...NETWORK_COMMANDS, 'block'] as const satisfies readonly CommandName[];
/** Training options: what a step of training at some batch costs. */
const TRAINING_COMMANDS = ['summary', 'check', 'grid', 'fit'] as const satisfies readonly CommandName[];

/** `3,3`, `B(3,1,3)` or `bottleneck`. */
const blockType = stringParser((raw) => {
  if (raw.trim().toLowerCase() === 'bottleneck') return ok<BlockType>('bottleneck');
  const kernels = parseKernels('--block', raw);
  return kernels.ok
    ? ok<BlockType>(kernels.value)
    : fail<BlockType>(`--block must be kernel sizes like 3,3 or B(3,1,3), or bottleneck, got ${show(raw)}.`);
});

export const NETWORK_OPTIONS = {
  model: {
    flag: '--model <name>',
    help: 'a preset (resnet50, wide_resnet50_2, resnet110, preact-resnet164, …) or WRN-d-k; the other options override it',
    cli: file.modelNameFlag('--model'),
    file: file.modelName,
    commands: ['check'],
  },
  family: {
    flag: '--family <family>',
    help: `${FAMILY_NAMES.join(' or ')}: stem, group widths and strides (default cifar; imagenet with --dataset imagenet)`,
    cli: oneOf('--family', FAMILY_NAMES),
    file: () =>
      file.oneOfField(FAMILY_NAMES, 'Network family: stem, group widths and strides; default cifar (imagenet with the imagenet dataset).'),
    commands: NETWORK_COMMANDS,
  },
  depth: {
    flag: '--depth <d>',
    help: 'network depth, e.g. 28 (default 28 on CIFAR, 50 on ImageNet, unless --blocks-per-group is given)',
    helpFor: {
      grid: 'depths as a list or range: 16,22,28,40 or 10:52:6 (default 16,22,28,40; ImageNet 18,34,50,101,152,200); with --l, the one depth held fixed (default 40)',
      fit: 'depths to try: a list or range such as 16,28 or 10:100 (default 10:100; ImageNet 18,34,50,101,152,200; depths that do not fit are skipped)',
    },
    cli: wholeNumber('--depth', 1, '28'),
    list: numberList('--depth', { whole: true, example: '16,22,28,40' }),
    file: file.depth,
    commands: NETWORK_COMMANDS,
  },
  k: {
    flag: '--k <k>',
    help: 'widening factor; fractional when every width is whole (default 10 on CIFAR, 1 on ImageNet)',
    helpFor: {
      grid: 'widening factors, a list or range: 1:12 (default 1,2,4,8,10,12)',
      fit: 'widening factors to try: a list or range such as 1:16 or 1:4:0.5 (default 1:16)',
      block:
        "widening factor: a basic block's width is in-channels × k; a bottleneck's inner convs are a quarter of its output × k (default 1)",
    },
    cli: positiveDecimal('--k', '10'),
    list: numberList('--k', { whole: false, example: '1,2,4,8,10,12' }),
    file: file.k,
    commands: ALL,
  },
  blocksPerGroup: {
    flag: '--blocks-per-group <n>',
    help: 'blocks per group: one N for every group, or one per group (3,4,6,3), instead of (or agreeing with) --depth',
    helpFor: { grid: 'rows are blocks per group instead of depths: 1:6, or per-group lists separated by / (2,2,2,2/3,4,6,3)' },
    cli: blocksPerGroupValue('--blocks-per-group'),
    list: blockRowsList('--blocks-per-group'),
    file: file.blocksPerGroup,
    commands: ['summary', 'check', 'grid', 'compare'],
  },
  block: {
    flag: '--block <kernels>',
    help: "a basic block's kernel sizes, 3,3 or B(3,1,3), or bottleneck (1×1, 3×3, 1×1) (default 3,3; ImageNet: torchvision's block for the depth)",
    cli: blockType,
    file: file.block,
    commands: ALL,
  },
  groups: {
    flag: '--groups <G>',
    help: "a bottleneck's channel groups, torchvision's groups: its 3×3 conv is grouped G ways (ResNeXt's cardinality; default 1)",
    cli: wholeNumber('--groups', 1, '32'),
    file: () => file.positiveIntField("A bottleneck's channel groups (torchvision's groups, ResNeXt's cardinality); default 1."),
    commands: ALL,
  },
  widthPerGroup: {
    flag: '--width-per-group <W>',
    help: "a bottleneck's channels per group, torchvision's width_per_group: another spelling of k, W·G = 64·k (resnext50_32x4d: --groups 32 --width-per-group 4)",
    cli: wholeNumber('--width-per-group', 1, '4'),
    file: () =>
      file.positiveIntField("A bottleneck's channels per group (torchvision's width_per_group): another spelling of k, W·G = 64·k."),
    commands: ['summary', 'check', 'compare'],
  },
  bottleneckStride: {
    flag: '--bottleneck-stride <conv>',
    help: 'where a bottleneck strides: 3x3 (torchvision, ResNet v1.5) or 1x1 (He et al. 2015, Caffe) (default 3x3; 1x1 on CIFAR in pre order)',
    cli: oneOf('--bottleneck-stride', BOTTLENECK_STRIDES),
    file: () =>
      file.oneOfField(
        BOTTLENECK_STRIDES,
        'Where a bottleneck strides: 3x3 (torchvision, ResNet v1.5) or 1x1 (He et al. 2015); default 3x3 (1x1 on CIFAR in pre order).',
      ),
    commands: ALL,
  },
  order: {
    flag: '--order <order>',
    help: 'pre: BN-ReLU before each conv (He 2016, the official WRN); post: conv-BN-ReLU (He 2015, torchvision) (default pre on CIFAR, post on ImageNet)',
    cli: oneOf('--order', ORDERS),
    file: () =>
      file.oneOfField(
        ORDERS,
        'pre: BN-ReLU before each conv (the official WRN); post: conv-BN-ReLU (torchvision). Default pre on CIFAR, post on ImageNet.',
      ),
    commands: ALL,
  },
  shortcut: {
    flag: '--shortcut <kind>',
    help: 'projection: a 1×1 conv where channels or stride change; zero-pad: strided identity with zero channels, no parameters (default projection)',
    cli: oneOf('--shortcut', SHORTCUTS),
    file: () =>
      file.oneOfField(
        SHORTCUTS,
        'projection: a 1×1 conv where channels or stride change; zero-pad: He et al. 2015 option A. Default projection.',
      ),
    commands: ALL,
  },
  depthRule: {
    flag: '--depth-rule <rule>',
    help: "layers: d = 3·N·l + 4; nominal: d = 6·N + 4 (the paper's Table 2 labels); resnet: convs per block × blocks + 2 (default layers for CIFAR basic blocks, else resnet)",
    cli: oneOf('--depth-rule', DEPTH_RULES),
    file: () => file.oneOfField(DEPTH_RULES, 'layers: d = 3·N·l + 4; nominal: d = 6·N + 4; resnet: convs per block × blocks + 2.'),
    commands: NETWORK_COMMANDS,
  },
  dataset: {
    flag: '--dataset <name>',
    help: `input and classes preset: ${DATASET_NAMES.join(', ')} (default cifar10; imagenet for the ImageNet family)`,
    cli: oneOf('--dataset', DATASET_NAMES),
    file: () => file.oneOfField(DATASET_NAMES, 'Input and classes preset; default cifar10 (imagenet for the ImageNet family).'),
    commands: NETWORK_COMMANDS,
  },
  input: {
    flag: '--input <size>',
    help: 'input spatial size: S or HxW (overrides the dataset)',
    helpFor: { block: 'input spatial size: S or HxW (default 32)' },
    cli: spatialSize('--input'),
    file: file.input,
    commands: ALL,
  },
  inChannels: {
    flag: '--in-channels <c>',
    help: 'input channels (overrides the dataset)',
    helpFor: { block: "channels of the block's input (default 16)" },
    cli: wholeNumber('--in-channels', 1, '3'),
    file: () => file.positiveIntField('Input channels; overrides the dataset.'),
    commands: ALL,
  },
  classes: {
    flag: '--classes <n>',
    help: 'number of classes (overrides the dataset)',
    cli: wholeNumber('--classes', 1, '10'),
    file: () => file.positiveIntField('Number of classes; overrides the dataset.'),
    commands: NETWORK_COMMANDS,
  },
  convBias: {
    flag: '--conv-bias',
    help: 'give every conv a bias (the official WRN and torchvision have none)',
    cli: z.boolean(),
    file: file.convBias,
    commands: ALL,
  },
  dropout: {
    flag: '--dropout <p>',
    help: 'dropout before the 2nd and later convs of a block; no parameters (default 0)',
    cli: probability('--dropout'),
    file: file.dropout,
    commands: ALL,
  },
  batch: {
    flag: '--batch <B>',
    help: 'images per training step, for the training memory (default 1)',
    cli: wholeNumber('--batch', 1, '128'),
    file: () => file.positiveIntField("Images per training step, for trainBytes; default 1 (or the file's shared batch)."),
    commands: TRAINING_COMMANDS,
  },
  optimizer: {
    flag: '--optimizer <name>',
    help: `optimizer state in the training memory: ${OPTIMIZERS.join(', ')} (0, 0, 1 and 2 copies of the weights; default momentum)`,
    cli: oneOf('--optimizer', OPTIMIZERS),
    file: () =>
      file.oneOfField(
        OPTIMIZERS,
        'Optimizer state in trainBytes: none and sgd keep nothing, momentum one copy of the weights, adam two; default momentum.',
      ),
    commands: TRAINING_COMMANDS,
  },
} as const satisfies Record<string, Declaration>;

type Table = typeof NETWORK_OPTIONS;
export type NetworkOptionKey = keyof Table;
export const NETWORK_OPTION_KEYS = Object.keys(NETWORK_OPTIONS) as NetworkOptionKey[];

/** What each option parses to on a command that takes one network. */
export type ParsedNetworkOptions = { -readonly [K in NetworkOptionKey]?: z.output<Table[K]['cli']> };

type ListKey = { [K in NetworkOptionKey]: Table[K] extends { list: z.ZodMiniType } ? K : never }[NetworkOptionKey];
type ListOutput<K extends ListKey> = Table[K] extends { list: infer L extends z.ZodMiniType } ? z.output<L> : never;
/** The same on grid and fit: depth, k and N are lists. */
export type ParsedListOptions = Omit<ParsedNetworkOptions, ListKey> & { -readonly [K in ListKey]?: ListOutput<K> };

function declaration(key: NetworkOptionKey): Declaration {
  return NETWORK_OPTIONS[key];
}

export function optionKeysOf(command: CommandName): NetworkOptionKey[] {
  return NETWORK_OPTION_KEYS.filter((key) => declaration(key).commands.includes(command));
}

/**
 * The command's network options as commander options, in the table's order.
 * `hidden` ones are parsed but left out of --help: the command refuses them with
 * a sentence of its own (compare's depth and k, which its model names set).
 */
export function addNetworkOptions(command: Command, name: CommandName, hidden: readonly NetworkOptionKey[] = []): Command {
  for (const key of optionKeysOf(name)) {
    const { flag, help, helpFor, list } = declaration(key);
    const shown = LIST_COMMANDS.includes(name) && list !== undefined ? flag.replace(/<.*>/, '<list>') : flag;
    const option = new Option(shown, helpFor?.[name] ?? help);
    command.addOption(hidden.includes(key) ? option.hideHelp() : option);
  }
  return command;
}

/** The zod shape of the command's network options (each optional: commander leaves absent flags undefined). */
function schemaShape(name: CommandName): Record<string, z.ZodMiniType> {
  const lists = LIST_COMMANDS.includes(name);
  const shape: Record<string, z.ZodMiniType> = {};
  for (const key of optionKeysOf(name)) {
    const { cli, list } = declaration(key);
    shape[key] = z.optional(lists && list !== undefined ? list : cli);
  }
  return shape;
}

/** Raw commander values → typed options, for a command that takes one network. */
export function networkOptionsSchema(name: Exclude<CommandName, 'grid' | 'fit'>) {
  return z.object(schemaShape(name)) as unknown as z.ZodMiniType<ParsedNetworkOptions, Record<string, unknown>>;
}

/** The same for grid and fit, whose depth, k and N are lists. */
export function listOptionsSchema(name: 'grid' | 'fit') {
  return z.object(schemaShape(name)) as unknown as z.ZodMiniType<ParsedListOptions, Record<string, unknown>>;
}

/** The budget file's model fields, from the same table: every option `check` takes. */
export function fileFields(): Record<string, z.ZodMiniType> {
  const fields: Record<string, z.ZodMiniType> = {};
  for (const key of optionKeysOf('check')) {
    const field = declaration(key).file;
    if (field !== undefined) fields[key] = z.optional(field());
  }
  return fields;
}

/** The training fields a budget file may also give once for every model. */
export function sharedTrainingFields() {
  return { batch: z.optional(NETWORK_OPTIONS.batch.file()), optimizer: z.optional(NETWORK_OPTIONS.optimizer.file()) };
}

/** `--in-channels` for a key, as messages name options. */
export function flagOf(key: NetworkOptionKey): string {
  return declaration(key).flag.split(' ')[0] ?? key;
}
