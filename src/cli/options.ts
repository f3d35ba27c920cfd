import { Option } from 'commander';
import type { Command } from 'commander';
import * as z from 'zod/mini';
import {
  BLOCK_VIEW_DEFAULTS,
  BOTTLENECK_STRIDES,
  BUDGET_METRICS,
  DATASET_NAMES,
  DEFAULT_FIXED_DEPTH,
  DEPTH_RULES,
  DTYPES,
  FAMILIES,
  FAMILY_NAMES,
  FIT_OBJECTIVES,
  GRID_METRICS,
  METRIC_QUANTITY,
  OPTIMIZERS,
  ORDERS,
  PAPER_GRID,
  SHORTCUTS,
  TRAINING_DEFAULTS,
} from '../core/index.js';
import type { Budget, BudgetMetric } from '../core/index.js';
import { UsageError } from './errors.js';
import * as file from './file-fields.js';
import {
  IMAGENET_DEPTHS_TEXT,
  amount,
  blockRows,
  blockType,
  blocksPerGroup,
  choice,
  filePath,
  modelName,
  numberList,
  padding,
  positiveDecimal,
  probability,
  spatialSize,
  stringParser,
  whole,
} from './values.js';
import type { Parsed, ValueKind } from './values.js';

/*
 * Every option of every command, declared once: its flag, the kind of value it
 * takes (values.ts: one parser per kind), its choices and default, its help, the
 * commands that take it, and for the network's options the budget file's field.
 * Commander options, --help (choices and default appended), the commands' zod
 * schemas, the budget file's model fields, toNetworkOptions and the format
 * chooser are all made from this table, and so is the options table in the docs
 * (options-doc.ts). The key is the camelCase name commander stores the flag
 * under, which is also the budget-file field.
 *
 * Adding an option is one entry here: a network option (role 'network') reaches
 * the core's NetworkOptions under its key, on every command it lists.
 */

export const COMMAND_NAMES = ['summary', 'check', 'grid', 'fit', 'compare', 'block', 'schema', 'export', 'serve'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Commands whose depth, k and N are lists: one network per value. */
const LIST_COMMANDS = ['grid', 'fit'] as const satisfies readonly CommandName[];
type ListCommand = (typeof LIST_COMMANDS)[number];

/**
 * What an absent option means. `value` is filled in as if the user had typed it
 * (so it goes through the option's own parser); `text` only says what applies,
 * because the model name, the family or the core decides it.
 */
type Default = { readonly value: string } | { readonly text: string };

/** What an option is about: the network (the core's NetworkOptions), its training step, a budget, the output, or one command's own. */
type Role = 'network' | 'training' | 'budget' | 'output' | 'command';

interface Declaration {
  /** `--depth <d>`; a flag without a value is an on/off switch. */
  readonly flag: string;
  readonly role: Role;
  readonly help: string;
  /** Help for particular commands, where the option means more (or something else) there. */
  readonly helpFor?: Partial<Record<CommandName, string>>;
  /** The kind of value; absent for a switch, or for a choice (made from `choices`). */
  readonly value?: ValueKind<unknown>;
  /** The kind on commands that take lists (grid, fit). */
  readonly list?: ValueKind<unknown>;
  /** The names a choice takes: one list, or one per command. */
  readonly choices?: readonly string[] | Partial<Record<CommandName, readonly string[]>>;
  readonly default?: Default;
  readonly defaultFor?: Partial<Record<CommandName, Default>>;
  /** The budget file's field; absent for options a file does not take. */
  readonly file?: () => z.ZodMiniType;
  /** A budget flag's metric: the key of the budget it sets, in a budget file too. */
  readonly metric?: BudgetMetric;
  /** The switch's `--no-` form, which commander stores under the same key. */
  readonly negate?: { readonly flag: string; readonly help: string };
  readonly commands: readonly CommandName[];
  /** Commands that take it only to refuse it with a sentence of their own, and leave it out of --help and the docs. */
  readonly hiddenOn?: readonly CommandName[];
}

const NETWORK_COMMANDS = ['summary', 'check', 'grid', 'fit', 'compare', 'export'] as const satisfies readonly CommandName[];
const SHAPE_COMMANDS = [...NETWORK_COMMANDS, 'block'] as const satisfies readonly CommandName[];
/** Training options: what a step of training at some batch costs. */
const TRAINING_COMMANDS = ['summary', 'check', 'grid', 'fit'] as const satisfies readonly CommandName[];
const BUDGET_COMMANDS = ['check', 'fit'] as const satisfies readonly CommandName[];
/** Commands that print a terminal table (and so may colour it). */
const TABLE_COMMANDS = ['summary', 'check', 'grid', 'fit', 'compare', 'block'] as const satisfies readonly CommandName[];

/** Commands that draw a chart of their result (--svg, --png, --plot). */
const CHART_COMMANDS = ['summary', 'grid', 'fit', 'compare', 'block'] as const satisfies readonly CommandName[];
const SVG_WHERE = 'to an SVG file too; - writes it to stdout instead of the usual output';

/** fit's search space when no range is given: the depths and widths of the paper's tables, and then some. */
export const FIT_RANGES = { depth: '10:100', imagenetDepth: IMAGENET_DEPTHS_TEXT, k: '1:16' } as const;
/** How many of fit's candidates are shown when --top is not given (with --pareto: the whole front). */
export const FIT_TOP = 10;
/** What export writes: a Python file for PyTorch, or an ONNX graph. */
export const EXPORT_FORMATS = ['pytorch', 'onnx'] as const;

const cifar = FAMILIES.cifar.defaults;
const imagenet = FAMILIES.imagenet.defaults;

function budgetFlag(metric: BudgetMetric, flag: string, help: string) {
  return {
    flag: `${flag} <amount>`,
    role: 'budget',
    help,
    value: amount(METRIC_QUANTITY[metric]),
    metric,
    commands: BUDGET_COMMANDS,
  } as const;
}

export const OPTIONS = {
  model: {
    flag: '--model <name>',
    role: 'network',
    help: 'a preset (resnet50, wide_resnet50_2, resnet110, preact-resnet164, …) or WRN-d-k, instead of the model argument',
    value: modelName,
    file: file.modelName,
    commands: ['check'],
  },
  family: {
    flag: '--family <family>',
    role: 'network',
    help: 'stem, group widths and strides',
    choices: FAMILY_NAMES,
    default: { text: 'cifar, or imagenet with --dataset imagenet' },
    file: () =>
      file.oneOfField(FAMILY_NAMES, 'Network family: stem, group widths and strides; default cifar (imagenet with the imagenet dataset).'),
    commands: NETWORK_COMMANDS,
  },
  depth: {
    flag: '--depth <d>',
    role: 'network',
    help: 'network depth, e.g. 28; it must fit the block and the depth rule',
    helpFor: {
      grid: 'depths as a list or range, 16,22,28,40 or 10:52:6; with --l, the one depth held fixed',
      fit: 'depths to try, a list or range such as 16,28 or 10:100; depths that do not fit are skipped',
    },
    value: whole('28'),
    list: numberList({ whole: true, example: '16,22,28,40' }),
    default: { text: `${cifar.depth} on CIFAR, ${imagenet.depth} on ImageNet, unless --blocks-per-group is given` },
    defaultFor: {
      grid: { text: `${PAPER_GRID.depths.join(',')}, on ImageNet ${IMAGENET_DEPTHS_TEXT}, with --l ${DEFAULT_FIXED_DEPTH}` },
      fit: { text: `${FIT_RANGES.depth}, on ImageNet ${FIT_RANGES.imagenetDepth}` },
    },
    file: file.depth,
    commands: NETWORK_COMMANDS,
    hiddenOn: ['compare'],
  },
  k: {
    flag: '--k <k>',
    role: 'network',
    help: 'widening factor; fractional when every width is whole',
    helpFor: {
      grid: 'widening factors, a list or range such as 1:12',
      fit: 'widening factors to try, a list or range such as 1:16 or 1:4:0.5',
      block: "widening factor: a basic block's width is in-channels × k; a bottleneck's inner convs are a quarter of its output × k",
    },
    value: positiveDecimal('10'),
    list: numberList({ whole: false, example: '1,2,4,8,10,12' }),
    default: { text: `${cifar.k} on CIFAR, ${imagenet.k} on ImageNet` },
    defaultFor: {
      grid: { value: PAPER_GRID.ks.join(',') },
      fit: { value: FIT_RANGES.k },
      block: { text: String(BLOCK_VIEW_DEFAULTS.k) },
    },
    file: file.k,
    commands: SHAPE_COMMANDS,
    hiddenOn: ['compare'],
  },
  blocksPerGroup: {
    flag: '--blocks-per-group <n>',
    role: 'network',
    help: 'blocks per group: one N for every group, or one per group (3,4,6,3), instead of (or agreeing with) --depth',
    helpFor: { grid: 'rows are blocks per group instead of depths: 1:6, or per-group lists separated by / (2,2,2,2/3,4,6,3)' },
    value: blocksPerGroup,
    list: blockRows,
    file: file.blocksPerGroup,
    commands: ['summary', 'check', 'grid', 'compare', 'export'],
    hiddenOn: ['compare'],
  },
  block: {
    flag: '--block <kernels>',
    role: 'network',
    help: "a basic block's kernel sizes, 3,3 or B(3,1,3), or bottleneck (1×1, 3×3, 1×1)",
    value: blockType,
    default: { text: "3,3, on ImageNet torchvision's block for the depth" },
    defaultFor: { block: { text: BLOCK_VIEW_DEFAULTS.kernels.join(',') } },
    file: file.block,
    commands: SHAPE_COMMANDS,
  },
  groups: {
    flag: '--groups <G>',
    role: 'network',
    help: "a bottleneck's channel groups, torchvision's groups: its 3×3 conv is grouped G ways (ResNeXt's cardinality)",
    value: whole('32'),
    default: { text: '1' },
    file: () => file.positiveIntField("A bottleneck's channel groups (torchvision's groups, ResNeXt's cardinality); default 1."),
    commands: SHAPE_COMMANDS,
  },
  widthPerGroup: {
    flag: '--width-per-group <W>',
    role: 'network',
    help: "a bottleneck's channels per group, torchvision's width_per_group: another spelling of k, W·G = 64·k (resnext50_32x4d: --groups 32 --width-per-group 4)",
    value: whole('4'),
    file: () =>
      file.positiveIntField("A bottleneck's channels per group (torchvision's width_per_group): another spelling of k, W·G = 64·k."),
    commands: ['summary', 'check', 'compare', 'grid', 'fit', 'export'],
    // grid and fit sweep the width as k; they refuse a fixed W (refuseSweptWidth).
    hiddenOn: ['grid', 'fit'],
  },
  bottleneckStride: {
    flag: '--bottleneck-stride <conv>',
    role: 'network',
    help: 'where a bottleneck strides: 3x3 (torchvision, ResNet v1.5) or 1x1 (He et al. 2015, Caffe)',
    choices: BOTTLENECK_STRIDES,
    default: { text: '3x3, 1x1 on CIFAR in pre order' },
    file: () =>
      file.oneOfField(
        BOTTLENECK_STRIDES,
        'Where a bottleneck strides: 3x3 (torchvision, ResNet v1.5) or 1x1 (He et al. 2015); default 3x3 (1x1 on CIFAR in pre order).',
      ),
    commands: SHAPE_COMMANDS,
  },
  order: {
    flag: '--order <order>',
    role: 'network',
    help: 'pre: BN-ReLU before each conv (He 2016, the official WRN); post: conv-BN-ReLU (He 2015, torchvision)',
    choices: ORDERS,
    default: { text: `${FAMILIES.cifar.order} on CIFAR, ${FAMILIES.imagenet.order} on ImageNet` },
    defaultFor: { block: { text: FAMILIES.cifar.order } },
    file: () =>
      file.oneOfField(
        ORDERS,
        'pre: BN-ReLU before each conv (the official WRN); post: conv-BN-ReLU (torchvision). Default pre on CIFAR, post on ImageNet.',
      ),
    commands: SHAPE_COMMANDS,
  },
  shortcut: {
    flag: '--shortcut <kind>',
    role: 'network',
    help: 'projection: a 1×1 conv where channels or stride change; zero-pad: strided identity with zero channels, no parameters',
    choices: SHORTCUTS,
    default: { text: 'projection' },
    file: () =>
      file.oneOfField(
        SHORTCUTS,
        'projection: a 1×1 conv where channels or stride change; zero-pad: He et al. 2015 option A. Default projection.',
      ),
    commands: SHAPE_COMMANDS,
  },
  depthRule: {
    flag: '--depth-rule <rule>',
    role: 'network',
    help: "layers: d = 3·N·l + 4; nominal: d = 6·N + 4 (the paper's Table 2 labels); resnet: convs per block × blocks + 2",
    choices: DEPTH_RULES,
    default: { text: 'layers for CIFAR basic blocks, else resnet' },
    file: () => file.oneOfField(DEPTH_RULES, 'layers: d = 3·N·l + 4; nominal: d = 6·N + 4; resnet: convs per block × blocks + 2.'),
    commands: NETWORK_COMMANDS,
  },
  dataset: {
    flag: '--dataset <name>',
    role: 'network',
    help: 'input and classes preset',
    choices: DATASET_NAMES,
    default: { text: 'cifar10, or imagenet for the ImageNet family' },
    file: () => file.oneOfField(DATASET_NAMES, 'Input and classes preset; default cifar10 (imagenet for the ImageNet family).'),
    commands: NETWORK_COMMANDS,
  },
  input: {
    flag: '--input <size>',
    role: 'network',
    help: 'input spatial size, S or HxW; overrides the dataset',
    helpFor: { block: 'input spatial size, S or HxW' },
    value: spatialSize,
    default: { text: "the dataset's" },
    defaultFor: { block: { text: BLOCK_VIEW_DEFAULTS.input.join('x').replace(/^(\d+)x\1$/, '$1') } },
    file: file.input,
    commands: SHAPE_COMMANDS,
  },
  inChannels: {
    flag: '--in-channels <c>',
    role: 'network',
    help: 'input channels; overrides the dataset',
    helpFor: { block: "channels of the block's input" },
    value: whole('3'),
    default: { text: "the dataset's" },
    defaultFor: { block: { text: String(BLOCK_VIEW_DEFAULTS.inChannels) } },
    file: () => file.positiveIntField('Input channels; overrides the dataset.'),
    commands: SHAPE_COMMANDS,
  },
  classes: {
    flag: '--classes <n>',
    role: 'network',
    help: 'number of classes; overrides the dataset',
    value: whole('10'),
    default: { text: "the dataset's" },
    file: () => file.positiveIntField('Number of classes; overrides the dataset.'),
    commands: NETWORK_COMMANDS,
  },
  convBias: {
    flag: '--conv-bias',
    role: 'network',
    help: 'give every conv a bias (the official WRN and torchvision have none)',
    file: file.convBias,
    commands: SHAPE_COMMANDS,
  },
  dropout: {
    flag: '--dropout <p>',
    role: 'network',
    help: 'dropout before the 2nd and later convs of a block; no parameters',
    value: probability,
    default: { text: '0' },
    file: file.dropout,
    commands: SHAPE_COMMANDS,
  },
  batch: {
    flag: '--batch <B>',
    role: 'training',
    help: 'images per training step, for the training memory',
    value: whole('128'),
    default: { text: String(TRAINING_DEFAULTS.batch) },
    file: () => file.positiveIntField("Images per training step, for trainBytes; default 1 (or the file's shared batch)."),
    commands: TRAINING_COMMANDS,
  },
  optimizer: {
    flag: '--optimizer <name>',
    role: 'training',
    help: 'optimizer state in the training memory: none and sgd keep nothing, momentum one copy of the weights, adam two',
    choices: OPTIMIZERS,
    default: { text: TRAINING_DEFAULTS.optimizer },
    file: () =>
      file.oneOfField(
        OPTIMIZERS,
        'Optimizer state in trainBytes: none and sgd keep nothing, momentum one copy of the weights, adam two; default momentum.',
      ),
    commands: TRAINING_COMMANDS,
  },
  memory: {
    flag: '--memory <amount>',
    role: 'training',
    help: 'a memory to fit, e.g. 16GiB or 24GB: reports the largest batch whose training step fits',
    value: amount('bytes'),
    commands: ['summary'],
  },
  maxParams: budgetFlag('params', '--max-params', 'parameter budget, e.g. 40M'),
  maxMacs: budgetFlag('macs', '--max-macs', 'MACs per image budget, e.g. 6G'),
  maxFlops: budgetFlag('flops', '--max-flops', 'FLOPs per image budget (2 × MACs), e.g. 12G'),
  maxParamBytes: budgetFlag('paramBytes', '--max-param-bytes', 'fp32 parameter memory budget, e.g. 150MiB'),
  maxActivationBytes: budgetFlag('activationBytes', '--max-activation-bytes', 'fp32 activation memory per image budget, e.g. 64MiB'),
  maxTrainBytes: budgetFlag(
    'trainBytes',
    '--max-train-bytes',
    'fp32 training memory budget at --batch and --optimizer (saved activations, weights, gradients, optimizer state), e.g. 16GiB',
  ),
  layers: {
    flag: '--layers',
    role: 'command',
    help: "one row per layer (stem; each block's BN-ReLU, convs, shortcut and add; head), with the bytes each keeps for backward",
    commands: ['summary'],
  },
  l: {
    flag: '--l <list>',
    role: 'command',
    help: "rows are block lengths l at a fixed depth: B(3,…,3) with l convs, N = (d − 4)/(3·l), e.g. 1:4 (the paper's Table 3)",
    value: numberList({ whole: true, example: '1:4' }),
    commands: ['grid'],
  },
  metric: {
    flag: '--metric <metric>',
    role: 'command',
    help: "what each cell shows (memory: parameter bytes at --dtype; train-memory: a training step's bytes at --batch; receptive-field: the last group's field, pixels per side)",
    choices: GRID_METRICS,
    default: { value: 'params' },
    commands: ['grid'],
  },
  dtype: {
    flag: '--dtype <dtype>',
    role: 'command',
    help: 'bytes per parameter for --metric memory',
    choices: DTYPES,
    default: { value: 'fp32' },
    commands: ['grid'],
  },
  relative: {
    flag: '--relative',
    role: 'command',
    help: 'show each cell as a ratio to the top-left cell',
    commands: ['grid'],
  },
  objective: {
    flag: '--objective <name>',
    role: 'command',
    help: 'rank by this, largest first (params: the biggest network that fits)',
    choices: FIT_OBJECTIVES,
    default: { value: 'params' },
    commands: ['fit'],
  },
  top: {
    flag: '--top <n>',
    role: 'command',
    help: 'show the best n',
    value: whole(String(FIT_TOP)),
    default: { text: `${FIT_TOP}, with --pareto the whole front` },
    commands: ['fit'],
  },
  pareto: {
    flag: '--pareto',
    role: 'command',
    help: 'only the Pareto front: no other fit has at least as many params with at most as many MACs',
    commands: ['fit'],
  },
  outChannels: {
    flag: '--out-channels <c>',
    role: 'command',
    help: "the block's width (a bottleneck's output), instead of in-channels × k",
    value: whole('32'),
    commands: ['block'],
  },
  widths: {
    flag: '--widths <list>',
    role: 'command',
    help: 'one output width per conv, e.g. 32,16 (c → 2c → c), instead of --k and --out-channels',
    value: numberList({ whole: true, example: '32,16' }),
    commands: ['block'],
  },
  stride: {
    flag: '--stride <s>',
    role: 'command',
    help: "stride of the first conv (a post-order bottleneck's 3×3) and of the shortcut",
    value: whole('2'),
    default: { text: String(BLOCK_VIEW_DEFAULTS.stride) },
    commands: ['block'],
  },
  padding: {
    flag: '--padding <p>',
    role: 'command',
    help: 'padding of every conv: a whole number, or same (⌊k/2⌋, keeps the size)',
    value: padding,
    default: { text: BLOCK_VIEW_DEFAULTS.padding },
    commands: ['block'],
  },
  dilation: {
    flag: '--dilation <d>',
    role: 'command',
    help: 'dilation of every conv',
    value: whole('2'),
    default: { text: String(BLOCK_VIEW_DEFAULTS.dilation) },
    commands: ['block'],
  },
  compareK: {
    flag: '--compare-k <list>',
    role: 'command',
    help: "compare params and MACs over widening factors, e.g. 1,2,4,8, with the in = out block of a group's middle",
    value: numberList({ whole: false, example: '1,2,4,8' }),
    commands: ['block'],
  },
  port: {
    flag: '--port <N>',
    role: 'command',
    help: 'the port on 127.0.0.1, 0 for any free one',
    value: whole('8000', 0),
    default: { value: '8000' },
    commands: ['serve'],
  },
  brief: {
    flag: '--brief',
    role: 'output',
    help: 'one line: the name, params, MACs and the training memory at --batch',
    commands: ['summary'],
  },
  format: {
    flag: '--format <format>',
    role: 'output',
    help: 'output format',
    helpFor: { export: 'pytorch: a Python file that needs only torch; onnx: an ONNX graph whose weights are graph inputs' },
    choices: {
      check: ['table', 'markdown', 'json'],
      fit: ['table', 'markdown', 'json'],
      grid: ['table', 'json', 'markdown', 'csv'],
      compare: ['table', 'markdown', 'csv', 'json'],
      export: EXPORT_FORMATS,
    },
    default: { value: 'table' },
    defaultFor: { export: { value: 'pytorch' } },
    commands: ['check', 'grid', 'fit', 'compare', 'export'],
  },
  out: {
    flag: '--out <path>',
    role: 'output',
    help: 'write to this file instead of stdout (- is stdout), whole or not at all',
    value: filePath,
    commands: ['export'],
  },
  json: {
    flag: '--json',
    role: 'output',
    help: 'same as --format json: one JSON document on stdout, nothing else',
    helpFor: {
      summary: 'print one JSON object (model, groups, layers, totals, training) and nothing else',
      grid: 'same as --format json: one JSON object with exact integers',
      compare: "same as --format json: an array of the summary's JSON objects, one per network",
      block: 'print one JSON object (layers, totals, residual) and nothing else',
    },
    commands: TABLE_COMMANDS,
  },
  svg: {
    flag: '--svg <path>',
    role: 'output',
    help: 'write a chart to an SVG file too; - writes it to stdout instead of the usual output',
    helpFor: {
      summary: `write a chart (each group's share of the params and MACs, labelled with its output shape) ${SVG_WHERE}`,
      grid: `write a chart (the metric against depth, one line per k, log–log) ${SVG_WHERE}`,
      fit: `write a chart (every network within the budget: params against MACs or training memory, the Pareto front and the best) ${SVG_WHERE}`,
      compare: `write a chart (bars of params, MACs and training memory per model, as ratios to the first) ${SVG_WHERE}`,
      block: `write a chart (the --compare-k comparison: params against k for the two readings of widening) ${SVG_WHERE}`,
    },
    value: filePath,
    commands: CHART_COMMANDS,
  },
  png: {
    flag: '--png <path>',
    role: 'output',
    help: 'write the chart to a PNG file too (needs @resvg/resvg-js: npm install @resvg/resvg-js)',
    value: filePath,
    commands: CHART_COMMANDS,
  },
  plot: {
    flag: '--plot',
    role: 'output',
    help: 'draw the chart in the terminal instead of the usual output',
    commands: CHART_COMMANDS,
  },
  color: {
    flag: '--color',
    role: 'output',
    help: 'colour even when stdout is not a terminal or NO_COLOR is set',
    negate: {
      flag: '--no-color',
      help: 'never colour, even with FORCE_COLOR (by default colour is on only in a terminal, and NO_COLOR turns it off)',
    },
    commands: TABLE_COMMANDS,
  },
  debug: {
    flag: '--debug',
    role: 'output',
    help: 'show a stack trace on errors, with source files and lines',
    commands: COMMAND_NAMES,
  },
} as const satisfies Record<string, Declaration>;

type Table = typeof OPTIONS;
export type OptionKey = keyof Table;
export const OPTION_KEYS = Object.keys(OPTIONS) as OptionKey[];

/*
 * The parsed options of a command, typed from the table: a key for every option
 * the command takes, required where a default value is filled in.
 */
type Choices<D> = D extends { choices: readonly (infer C)[] }
  ? C
  : D extends { choices: Partial<Record<CommandName, readonly (infer C)[]>> }
    ? C
    : never;
type ValueOf<D> = D extends { value: ValueKind<infer T> } ? T : D extends { choices: unknown } ? Choices<D> : boolean;
type OutputOf<D, C> = C extends ListCommand ? (D extends { list: ValueKind<infer T> } ? T : ValueOf<D>) : ValueOf<D>;
type DefaultOf<D, C> = D extends { defaultFor: infer F } ? (C extends keyof F ? F[C] : BaseDefault<D>) : BaseDefault<D>;
type BaseDefault<D> = D extends { default: infer X } ? X : undefined;
type Filled<D, C> = DefaultOf<D, C> extends { value: string } ? true : false;
type Takes<K extends OptionKey, C extends CommandName> = C extends Table[K]['commands'][number] ? K : never;
export type KeyOf<C extends CommandName> = { [K in OptionKey]: Takes<K, C> }[OptionKey];
export type Options<C extends CommandName> = {
  -readonly [K in KeyOf<C> as Filled<Table[K], C> extends true ? K : never]: OutputOf<Table[K], C>;
} & { -readonly [K in KeyOf<C> as Filled<Table[K], C> extends true ? never : K]?: OutputOf<Table[K], C> };

function declaration(key: OptionKey): Declaration {
  return OPTIONS[key];
}

export function optionKeysOf(command: CommandName): OptionKey[] {
  return OPTION_KEYS.filter((key) => declaration(key).commands.includes(command));
}

function isListCommand(command: CommandName): command is ListCommand {
  return (LIST_COMMANDS as readonly CommandName[]).includes(command);
}

/** Whether the option takes a value (`--depth <d>`), rather than being a switch. */
export function takesValue(key: OptionKey): boolean {
  return declaration(key).flag.includes('<');
}

/** `--in-channels` for a key, as messages name options. */
export function flagOf(key: OptionKey): string {
  return declaration(key).flag.split(' ')[0] ?? key;
}

export function choicesOf(key: OptionKey, command: CommandName): readonly string[] | undefined {
  const { choices } = declaration(key);
  if (choices === undefined || Array.isArray(choices)) return choices as readonly string[] | undefined;
  return (choices as Partial<Record<CommandName, readonly string[]>>)[command];
}

export function defaultOf(key: OptionKey, command: CommandName): Default | undefined {
  const { default: fallback, defaultFor } = declaration(key);
  return defaultFor?.[command] ?? fallback;
}

/** What the default says, as help and the docs show it. */
export function defaultText(key: OptionKey, command: CommandName): string | undefined {
  const value = defaultOf(key, command);
  return value === undefined ? undefined : 'value' in value ? value.value : value.text;
}

function kindOf(key: OptionKey, command: CommandName): ValueKind<unknown> | undefined {
  const { value, list } = declaration(key);
  if (isListCommand(command) && list !== undefined) return list;
  if (value !== undefined) return value;
  const names = choicesOf(key, command);
  return names === undefined ? undefined : choice(names);
}

/** The option's help on a command, with its choices and default appended as commander does. */
export function helpOf(key: OptionKey, command: CommandName): string {
  const { help, helpFor } = declaration(key);
  const notes: string[] = [];
  const names = choicesOf(key, command);
  if (names !== undefined) notes.push(`choices: ${names.join(', ')}`);
  const fallback = defaultText(key, command);
  if (fallback !== undefined) notes.push(`default: ${fallback}`);
  const text = helpFor?.[command] ?? help;
  return notes.length === 0 ? text : `${text} (${notes.join('; ')})`;
}

/** The flag as a command shows it: `--depth <list>` on grid and fit. */
export function flagShownOn(key: OptionKey, command: CommandName): string {
  const { flag, list } = declaration(key);
  return isListCommand(command) && list !== undefined ? flag.replace(/<.*>/, '<list>') : flag;
}

/** Whether the command takes the option only to refuse it, and leaves it out of --help (compare's depth and k, which its model names set). */
export function isHiddenOn(key: OptionKey, command: CommandName): boolean {
  return (declaration(key).hiddenOn ?? []).includes(command);
}

/** The command's options as commander options, in the table's order. */
export function addOptions(command: Command, name: CommandName): Command {
  for (const key of optionKeysOf(name)) addOption(command, key, name, isHiddenOn(key, name));
  return command;
}

/** One option as commander's, with its --no- form if it has one (hidden with it). */
export function addOption(command: Command, key: OptionKey, name: CommandName, hidden = false): Command {
  const { negate } = declaration(key);
  const options = [new Option(flagShownOn(key, name), helpOf(key, name))];
  if (negate !== undefined) options.push(new Option(negate.flag, negate.help));
  for (const option of options) command.addOption(hidden ? option.hideHelp() : option);
  return command;
}

/** Raw commander values → checked values, the first problem as the one sentence the user sees. */
export function parseOrThrow<S extends z.ZodMiniType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new UsageError(issue?.message ?? 'Invalid options.');
}

/** The zod schema of a command's options (each optional: commander leaves absent flags undefined). */
export function optionsSchema(name: CommandName): z.ZodMiniType<Record<string, unknown>, Record<string, unknown>> {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const key of optionKeysOf(name)) {
    const kind = kindOf(key, name);
    shape[key] = z.optional(kind === undefined ? z.boolean() : stringParser(kind, flagOf(key)));
  }
  return z.object(shape);
}

/** A command's options, checked and typed, with every default value filled in. */
export function parseOptions<C extends CommandName>(name: C, raw: Record<string, unknown>): Options<C> {
  const parsed = parseOrThrow(optionsSchema(name), raw);
  for (const key of optionKeysOf(name)) {
    const fallback = defaultOf(key, name);
    const kind = kindOf(key, name);
    if (parsed[key] !== undefined || fallback === undefined || !('value' in fallback) || kind === undefined) continue;
    const result = kind.parse(fallback.value, flagOf(key));
    if (!result.ok) throw new Error(`the default of ${flagOf(key)} does not parse: ${result.message}`);
    parsed[key] = result.value;
  }
  return parsed as Options<C>;
}

/** The parsed options of `command` whose role is one of `roles`, under their keys (the block view takes its network and own options). */
export function valuesOfRoles(
  parsed: Readonly<Record<string, unknown>>,
  command: CommandName,
  roles: readonly Role[],
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of optionKeysOf(command))
    if (roles.includes(declaration(key).role) && parsed[key] !== undefined) values[key] = parsed[key];
  return values;
}

/** Whether the option was given on the command line (commander leaves an absent option undefined). */
export function isGiven(raw: Readonly<Record<string, unknown>>, key: OptionKey): boolean {
  return raw[key] !== undefined;
}

/** The options of `keys` that were given, as flags: `--depth, --k`; a switch given in its --no- form (stored as false) by that form. */
export function givenFlags(raw: Readonly<Record<string, unknown>>, keys: readonly OptionKey[]): string[] {
  return keys
    .filter((key) => isGiven(raw, key))
    .map((key) => {
      const { negate } = declaration(key);
      return negate !== undefined && raw[key] === false ? negate.flag : flagOf(key);
    });
}

/** grid and fit sweep the width as --k, which W spells another way (W·G = 64·k): a fixed --width-per-group is refused with the k to give. */
export function refuseSweptWidth(command: 'grid' | 'fit', raw: Readonly<Record<string, unknown>>): void {
  if (!isGiven(raw, 'widthPerGroup')) return;
  throw new UsageError(
    `--width-per-group does not apply to ${command}, which sweeps the width as --k: W is another spelling of k (W·G = 64·k), so --groups 32 --width-per-group 4 is --groups 32 --k 2.`,
  );
}

export type NetworkKey = { [K in OptionKey]: Table[K]['role'] extends 'network' ? K : never }[OptionKey];
type TrainingKey = { [K in OptionKey]: Table[K]['role'] extends 'training' ? K : never }[OptionKey];
/** The network and training options of one network, as the summary's flags or a budget file's model give them. */
export type NetworkValues = { -readonly [K in NetworkKey | TrainingKey]?: ValueOf<Table[K]> };
export const NETWORK_KEYS = OPTION_KEYS.filter((key): key is NetworkKey => declaration(key).role === 'network');
type BudgetKey = { [K in OptionKey]: Table[K] extends { metric: BudgetMetric } ? K : never }[OptionKey];
const BUDGET_KEYS = OPTION_KEYS.filter((key): key is BudgetKey => declaration(key).metric !== undefined);

/** The options that describe a network (or train it), or its budget: with a budget file, the file says all of that. */
export function describesNetworkOrBudget(key: OptionKey): boolean {
  const { role } = declaration(key);
  return role === 'network' || role === 'training' || role === 'budget';
}

/** The budget the `--max-*` flags set. */
export function budgetOf(parsed: Partial<Record<BudgetKey, number>>): Budget {
  const budget: Budget = {};
  for (const key of BUDGET_KEYS) {
    const value = parsed[key];
    if (value !== undefined) budget[OPTIONS[key].metric] = value;
  }
  return budget;
}

/** `--max-params, --max-macs, …`, in the order of the budget's metrics. */
export function budgetFlagList(): string {
  return BUDGET_METRICS.map((metric) => flagOf(BUDGET_KEYS.find((key) => OPTIONS[key].metric === metric) ?? 'maxParams')).join(', ');
}

type ModelFieldKey = { [K in OptionKey]: Table[K] extends { file: unknown } ? K : never }[OptionKey];
/** The options a model of a budget file takes, in the table's order: the network's and its training step's (the page's fields too). */
export const MODEL_FIELD_KEYS = OPTION_KEYS.filter((key): key is ModelFieldKey => declaration(key).file !== undefined);

/** The option's parser on a command: its raw text → its value, or the sentence the CLI prints. A switch has none. */
export function parserOf(key: OptionKey, command: CommandName): ((raw: string) => Parsed<unknown>) | undefined {
  const kind = kindOf(key, command);
  return kind === undefined ? undefined : (raw) => kind.parse(raw, flagOf(key));
}

/** The budget file's model fields, from the same table: every network and training option `check` takes. */
export function fileFields(): Record<string, z.ZodMiniType> {
  const fields: Record<string, z.ZodMiniType> = {};
  for (const key of optionKeysOf('check')) {
    const field = (declaration(key) as { file?: () => z.ZodMiniType }).file;
    if (field !== undefined) fields[key] = z.optional(field());
  }
  return fields;
}

/** The training fields a budget file may also give once for every model. */
export function sharedTrainingFields() {
  return { batch: z.optional(OPTIONS.batch.file()), optimizer: z.optional(OPTIONS.optimizer.file()) };
}

/** The output formats a command takes, `table` first. */
export type FormatOf<C extends CommandName> = C extends keyof Table['format']['choices']
  ? Table['format']['choices'][C][number]
  : C extends 'summary'
    ? 'table' | 'json' | 'brief'
    : 'table' | 'json';

/**
 * The one format chooser: `--format` (its default: table, export's pytorch), or a switch that stands
 * for a format (`--json`, the summary's `--brief`). Two that ask for different
 * outputs are refused in one sentence.
 */
export function chooseFormat<C extends CommandName>(name: C, raw: Readonly<Record<string, unknown>>): FormatOf<C> {
  const asked: { flag: string; format: string }[] = [];
  for (const [key, format] of [
    ['json', 'json'],
    ['brief', 'brief'],
  ] as const) {
    if (raw[key] === true && optionKeysOf(name).includes(key)) asked.push({ flag: flagOf(key), format });
  }
  if (isGiven(raw, 'format') && optionKeysOf(name).includes('format'))
    asked.push({ flag: `--format ${String(raw.format)}`, format: String(raw.format) });
  const formats = [...new Set(asked.map((item) => item.format))];
  if (formats.length > 1) {
    throw new UsageError(`${asked.map((item) => item.flag).join(' and ')} ask for different outputs; give one of them.`);
  }
  const fallback = defaultOf('format', name);
  return (formats[0] ?? (fallback !== undefined && 'value' in fallback ? fallback.value : 'table')) as FormatOf<C>;
}
