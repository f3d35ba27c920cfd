import fc from 'fast-check';
import type { OutputFormat, RunFacts } from './cli-invariants.js';
import { blockArgvProblem, summaryJsonProblem } from './json-semantics.js';

/*
 * Argument vectors for the CLI fuzzer. Every option of every command gets a mix of
 * values that work and values people (and scripts) get wrong. Valid values are kept
 * small: the fuzzer looks for crashes and bad output, and a WRN with 10^4 layers
 * listed as JSON would only make each run slow.
 */

/** Numbers the CLI must refuse, or accept only when they really are plain decimals. */
export const HOSTILE_NUMBERS = [
  '-1',
  '-0',
  '0',
  '0.0',
  '00',
  '0.5',
  '1.5',
  '-28',
  '+28',
  '28.',
  '.5',
  '28.0',
  'NaN',
  'nan',
  'Infinity',
  '-Infinity',
  'infinity',
  '1e309',
  '-1e309',
  '1e3',
  '1E3',
  '1e-3',
  '0x1c',
  '0X1C',
  '0b1',
  '0o17',
  '1_000',
  '1,000',
  '28abc',
  'abc',
  '--',
  '-',
  '=28',
  '',
  ' ',
  '  ',
  '\t',
  ' 28',
  '28 ',
  '\t28\n',
  '2 8',
  '\u00a028',
  '２８',
  '٢٨',
  '۲۸',
  '߂߈',
  'Ⅻ',
  '²',
  '💥',
  '\u0000',
  '\u001b[31m28',
  '1\n2',
  'ʼ28ʼ',
  '9007199254740991',
  '9007199254740992',
  '9007199254740993',
  '18446744073709551616',
  `1${'0'.repeat(400)}`,
  `0.${'0'.repeat(400)}1`,
  '1.00000000000000000001',
  '0.99999999999999999999',
  '0.30000000000000000001',
  '4503599627370497',
  '1.7976931348623157e308',
  '5e-324',
  'null',
  'undefined',
  'true',
  '[object Object]',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
] as const;

/** List and range syntax the commands that take lists must refuse or expand exactly. */
export const HOSTILE_LISTS = [
  '1:3',
  '3:1',
  '1:3:0',
  '1:3:-1',
  '1:2:0.0001',
  '1:100000',
  '1:10001',
  '1::2',
  ':',
  '1:',
  ':3',
  '1:2:3:4',
  '1,,2',
  ',',
  '1,',
  ',1',
  '1, 2',
  '16,abc',
  '0:4',
  '0.5:2:0.5',
  '1:9007199254740993',
  '1e1:2e1',
  'NaN:3',
  '1:Infinity',
] as const;

const pick = <T>(values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values);

/** Mostly values that work, often hostile ones: both kinds must end in exit 0 or a clean exit 2. */
function value(valid: fc.Arbitrary<string>, ...hostile: readonly (readonly string[])[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: valid, weight: 3 },
    { arbitrary: pick(hostile.flat()), weight: 2 },
    { arbitrary: fc.string({ maxLength: 6 }), weight: 1 },
  );
}

const small = (min: number, max: number) => fc.integer({ min, max }).map(String);
/** k values: quarters (valid whole widths) and some that are not (0.1, 0.3). */
const kValue = fc.oneof(
  fc.integer({ min: 1, max: 48 }).map((q) => String(q / 4)),
  pick(['1', '2', '4', '10', '12', '0.0625', '0.1', '0.3', '1.5', '010', '2.50']),
  // Decimals a double cannot hold: they must be refused, not rounded to a valid k.
  pick(['1.00000000000000000001', '10.000000000000000001', '0.06250000000000000001', '2.9999999999999999999']),
);

const depth = value(fc.oneof(pick(['10', '16', '22', '28', '40', '52', '27', '4', '1']), small(1, 60)), HOSTILE_NUMBERS);
const k = value(kValue, HOSTILE_NUMBERS);
const blocksPerGroup = value(fc.oneof(small(1, 6), pick(['1,2,3', '2,2,2,2', '3,4,6,3', '1,1', '1,2,3,4,5'])), HOSTILE_NUMBERS, [
  '100000',
  '100001',
  '16667',
  '16666',
  '3,,4',
  '3,4,',
  '0,1,1',
  '1,2,x',
]);
const block = value(
  pick([
    '3,3',
    'B(3,3)',
    'B(3,1,3)',
    'b(1,3,1)',
    '3',
    '1',
    '3,3,3,3',
    ' 3 , 3 ',
    '2,2',
    '5,5',
    '1,3',
    '4',
    'bottleneck',
    'Bottleneck',
    Array(64).fill('1').join(','),
    Array(65).fill('1').join(','),
  ]),
  HOSTILE_NUMBERS,
  ['B()', 'B(3,3', 'B(3,,3)', '3,,3', 'B(0,3)', '3,x', '(3,3)', 'B((3))', '3;3', 'bottle', 'basic'],
);
const depthRule = value(pick(['layers', 'nominal', 'resnet']), ['Layers', 'paper', '', '__proto__', 'constructor']);
const dataset = value(pick(['cifar10', 'cifar100', 'svhn', 'mnist', 'fashion-mnist', 'stl10', 'tiny-imagenet', 'imagenet']), [
  'ImageNet',
  'CIFAR10',
  '',
  '__proto__',
  'toString',
  'hasOwnProperty',
]);
const family = value(pick(['cifar', 'imagenet']), ['CIFAR', 'resnet', '', '__proto__', 'toString']);
const order = value(pick(['pre', 'post']), ['Pre', 'preact', '', '__proto__']);
const groups = value(pick(['1', '2', '4', '32']), HOSTILE_NUMBERS, ['3', '1.5']);
const widthPerGroup = value(pick(['4', '8', '64', '128']), HOSTILE_NUMBERS, ['2.5']);
const bottleneckStride = value(pick(['3x3', '1x1']), ['3×3', '2x2', '', 'first']);
const shortcut = value(pick(['projection', 'zero-pad']), ['A', 'identity', 'zeropad', '', 'constructor']);
/** Model names: presets, WRN-d-k (valid or not), near misses and hostile strings. */
const MODELS = [
  'resnet18',
  'resnet50',
  'wide_resnet50_2',
  'WRN-28-10',
  'wrn-16-4',
  'WRN-50-2-bottleneck',
  'resnet20',
  'resnet110',
  'preact-resnet164',
  'preresnet200',
  'WRN-27-10',
  'WRN-28-0.1',
];
const modelName = value(
  pick(MODELS),
  ['resnet51', 'resnet', 'WRN-28', 'WRN-28-10-3', 'WRN-28-1.00000000000000000001', '__proto__', 'toString', 'grid2', `x${'y'.repeat(120)}`],
  HOSTILE_NUMBERS,
);
const input = value(pick(['32', '33', '1', '2', '7', '40x24', '28×28', '64X64', '1x1', '3x5', ' 32']), HOSTILE_NUMBERS, [
  '32x',
  'x32',
  '32x32x3',
  '0x0',
  '32 x 24',
  '4503599627370496x2',
]);
const inChannels = value(small(1, 4), HOSTILE_NUMBERS);
const classes = value(pick(['1', '10', '100', '1000']), HOSTILE_NUMBERS);
const dropout = value(pick(['0', '0.3', '0.5', '0.999', '1', '0.0']), HOSTILE_NUMBERS);
const amount = value(
  pick(['40M', '1', '37M', '1.5G', '6G', '150MiB', '64MiB', '3M', '400M', '1T', '9007199254740991', '12G', '64MB', '1000000000']),
  HOSTILE_NUMBERS,
  ['10 M', 'M', '1.0000005K', '-1M', '40m', '1e3', '150M', '1.5', '9007199254740992', '9007199254.740992M', '40Mi', 'KiB'],
);

type Option = readonly [flag: string, value: fc.Arbitrary<string> | undefined];

/** `--flag value`, `--flag=value`, or the flag with its value missing. */
function optionTokens([flag, arb]: Option): fc.Arbitrary<string[]> {
  if (arb === undefined) return fc.constant<string[]>([flag]);
  return fc.oneof(
    { arbitrary: arb.map((v) => [flag, v]), weight: 8 },
    { arbitrary: arb.map((v) => [`${flag}=${v}`]), weight: 1 },
    { arbitrary: fc.constant<string[]>([flag]), weight: 1 },
  );
}

const SHAPE: readonly Option[] = [
  ['--family', family],
  ['--groups', groups],
  ['--bottleneck-stride', bottleneckStride],
  ['--order', order],
  ['--shortcut', shortcut],
  ['--block', block],
  ['--depth-rule', depthRule],
  ['--dataset', dataset],
  ['--input', input],
  ['--in-channels', inChannels],
  ['--classes', classes],
  ['--conv-bias', undefined],
  ['--dropout', dropout],
];
const NETWORK: readonly Option[] = [
  ['--depth', depth],
  ['--k', k],
  ['--blocks-per-group', blocksPerGroup],
  ['--width-per-group', widthPerGroup],
  ...SHAPE,
];
const BUDGETS: readonly Option[] = ['--max-params', '--max-macs', '--max-flops', '--max-param-bytes', '--max-activation-bytes'].map(
  (flag) => [flag, amount] as const,
);
const OUTPUT: readonly Option[] = [
  ['--json', undefined],
  ['--color', undefined],
  ['--no-color', undefined],
  ['--debug', undefined],
];
const format = (formats: readonly string[]): Option => ['--format', value(pick(formats), ['JSON', 'yaml', '', 'tsv', 'html'])];

/** Lists and ranges: small valid ones (a grid or a fit search stays cheap) and the hostile ones above. */
const list = (valid: readonly string[]) => value(pick(valid), HOSTILE_LISTS, HOSTILE_NUMBERS);

export const COMMANDS = {
  summary: [...NETWORK, ['--layers', undefined], ...OUTPUT],
  grid: [
    ['--depth', list(['16,22,28,40', '10:52:6', '16', '28,27', '1:20', '40', '16,16'])],
    ['--blocks-per-group', list(['1:6', '2', '1,3', '2,2,2,2/3,4,6,3', '1,2,3/2', '2/3/x'])],
    ['--l', list(['1:4', '2', '1,3'])],
    ['--k', list(['1:12', '1,2,4', '0.5:2:0.5', '1.5', '0.1', '10', '1:4:0.25'])],
    ...SHAPE,
    ['--metric', value(pick(['params', 'macs', 'memory']), ['flops', ''])],
    ['--dtype', value(pick(['fp32', 'fp16', 'bf16']), ['int8', ''])],
    ['--relative', undefined],
    format(['table', 'json', 'markdown', 'csv']),
    ...OUTPUT,
  ],
  block: [
    ['--in-channels', value(pick(['16', '1', '3', '32']), HOSTILE_NUMBERS)],
    ['--k', k],
    ['--out-channels', value(pick(['32', '1', '64']), HOSTILE_NUMBERS)],
    ['--widths', list(['32,16', '16', '8,8,32', '64,64'])],
    ['--block', block],
    ['--groups', groups],
    ['--bottleneck-stride', bottleneckStride],
    ['--order', order],
    ['--shortcut', shortcut],
    ['--stride', value(pick(['1', '2', '3']), HOSTILE_NUMBERS)],
    ['--padding', value(pick(['same', '0', '1', '2']), HOSTILE_NUMBERS, ['SAME', 'valid'])],
    ['--dilation', value(pick(['1', '2', '3']), HOSTILE_NUMBERS)],
    ['--input', input],
    ['--conv-bias', undefined],
    ['--dropout', dropout],
    ['--compare-k', list(['1,2,4,8', '1:4', '0.5,1', '0.3'])],
    ...OUTPUT,
  ],
  check: [...NETWORK, ['--model', modelName], ...BUDGETS, format(['table', 'markdown', 'json']), ...OUTPUT],
  schema: [['--debug', undefined]],
  // Depth, k and N are refused (the names set them): the fuzzer checks that they are, cleanly.
  compare: [...SHAPE, ['--depth', depth], ['--k', k], format(['table', 'markdown', 'csv', 'json']), ...OUTPUT],
  fit: [
    ['--depth', list(['10:40', '16,28', '10:100', '28', '27'])],
    ['--k', list(['1:4', '1:16', '1:4:0.5', '10', '0.1'])],
    ...SHAPE,
    ...BUDGETS,
    ['--objective', value(pick(['params', 'macs', 'depth', 'width']), ['flops', ''])],
    ['--top', value(pick(['1', '5', '10', '20']), HOSTILE_NUMBERS)],
    ['--pareto', undefined],
    format(['table', 'markdown', 'json']),
    ...OUTPUT,
  ],
} as const satisfies Record<string, readonly Option[]>;

export type CommandName = keyof typeof COMMANDS;

/** Budget files `check` is pointed at: within budget, over budget, invalid; and one that does not exist. */
export const BUDGET_FILES: Readonly<Record<string, string>> = {
  'within.json': JSON.stringify({
    budget: { params: '40M' },
    models: [
      { depth: 28, k: 10 },
      { name: 'small', blocksPerGroup: 1, k: 1 },
    ],
  }),
  'over.json': JSON.stringify({ budget: { params: '1M', macs: 1 }, models: [{ depth: 16, k: 4 }] }),
  'invalid.json': JSON.stringify({ models: [{ depth: 27, k: 10, budget: { params: '10 M' } }] }),
};
const MISSING_FILE = '/nonexistent/wrn-calc-fuzz/budgets.json';

/** What commander may meet instead of an option: unknown flags, stray operands, help. */
const STRAY = pick([
  '--depht',
  '--K',
  '-k',
  '-z',
  '--unknown',
  '--json=1',
  '--layers=no',
  '--',
  '-',
  '28',
  'grid',
  'fit',
  'help',
  'NaN',
  '--__proto__',
  '--constructor',
  '--toString',
  '-h',
  '--help',
  '-V',
  '--version',
  '--no-json',
  '--no-debug',
]);

function optionsOf(command: CommandName): fc.Arbitrary<string[]> {
  const options = COMMANDS[command].map((option) => optionTokens(option));
  // Repeats are on purpose: commander keeps the last value, and conflicts must be refused, not half-applied.
  const entries = fc.array(fc.oneof({ arbitrary: fc.oneof(...options), weight: 12 }, { arbitrary: STRAY.map((s) => [s]), weight: 1 }), {
    maxLength: 7,
  });
  return entries.map((chunks) => chunks.flat());
}

function operands(command: CommandName): fc.Arbitrary<string[]> {
  if (command === 'summary')
    return fc.oneof({ arbitrary: fc.constant<string[]>([]), weight: 2 }, { arbitrary: modelName.map((name) => [name]), weight: 1 });
  if (command === 'compare') return fc.array(modelName, { maxLength: 4 });
  if (command !== 'check') return fc.constant<string[]>([]);
  return fc.oneof(
    { arbitrary: fc.constant<string[]>([]), weight: 2 },
    { arbitrary: pick([...Object.keys(BUDGET_FILES), MISSING_FILE, '.', '']).map((file) => [file]), weight: 3 },
  );
}

const HELP_TOKENS = new Set(['-h', '--help', 'help', '-V', '--version']);

/** Flags that take a value: commander reads the token after them as that value, even `--json`. */
function valueFlags(command: CommandName): Set<string> {
  const options: readonly Option[] = [...COMMANDS[command], ...COMMANDS.summary];
  return new Set(options.filter(([, arb]) => arb !== undefined).map(([flag]) => flag));
}

/** The options as commander reads them: each value-taking flag's last value, and the flags given. */
export interface ReadArgv {
  readonly values: ReadonlyMap<string, string>;
  readonly flags: ReadonlySet<string>;
}

export function readArgv(command: CommandName, argv: readonly string[]): ReadArgv {
  const takesValue = valueFlags(command);
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    const equals = arg.indexOf('=');
    if (arg.startsWith('--') && equals > 0 && takesValue.has(arg.slice(0, equals))) values.set(arg.slice(0, equals), arg.slice(equals + 1));
    else if (takesValue.has(arg)) {
      // The next token is the value, even `--json` or `--k=-1`: commander does not look at it.
      if (i + 1 < argv.length) values.set(arg, argv[i + 1] ?? '');
      i++;
    } else flags.add(arg);
  }
  return { values, flags };
}

/** The output the argv asks for, as commander reads it: the last --format wins, --json means json. */
export function expectedFormat(command: CommandName, argv: readonly string[]): OutputFormat {
  if (argv.some((arg) => HELP_TOKENS.has(arg))) return 'help';
  if (command === 'schema') return 'json';
  const { values, flags } = readArgv(command, argv);
  if (flags.has('--json')) return 'json';
  const format = values.get('--format');
  return format === 'json' || format === 'csv' || format === 'markdown' ? format : 'table';
}

export interface FuzzCase extends RunFacts {
  readonly command: CommandName;
  readonly tty: boolean;
  readonly env: Record<string, string>;
}

const ENVS: readonly Record<string, string>[] = [{}, {}, { NO_COLOR: '1' }, { FORCE_COLOR: '1' }, { GITHUB_ACTIONS: 'true' }];

/** One argv: a command (the summary has none), its options in any order, and sometimes the subcommand late. */
export const fuzzCaseArb: fc.Arbitrary<FuzzCase> = fc
  .constantFrom(...(Object.keys(COMMANDS) as CommandName[]))
  .chain((command) =>
    fc.record({
      command: fc.constant(command),
      options: optionsOf(command),
      operands: operands(command),
      late: fc.boolean(),
      tty: fc.boolean(),
      env: pick(ENVS),
    }),
  )
  .map(({ command, options, operands: files, late, tty, env }) => {
    const name = command === 'summary' ? [] : [command];
    // `wrn-calc --debug grid ...`: program options before the subcommand are allowed; others are not.
    const argv = late && name.length > 0 ? ['--debug', ...name, ...files, ...options] : [...name, ...files, ...options];
    const { values } = readArgv(command, argv);
    const checkJson =
      command === 'summary'
        ? (json: unknown) => summaryJsonProblem(values, json)
        : command === 'block'
          ? (json: unknown) => blockArgvProblem(values, json)
          : undefined;
    return { command, argv, format: expectedFormat(command, argv), mayExceedBudget: command === 'check', tty, env, checkJson };
  });
