import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** One case per error class of the foundation issue: exit 2, one sentence naming the value, nothing on stdout. */
const CASES: readonly { name: string; argv: string[]; mentions: string[] }[] = [
  { name: 'depth that does not fit the block', argv: ['--depth', '27'], mentions: ['27', '22 or 28'] },
  { name: 'depth and blocks per group disagree', argv: ['--depth', '28', '--blocks-per-group', '3'], mentions: ['28', '3', 'depth 22'] },
  { name: 'hex number', argv: ['--depth', '0x1c'], mentions: ["'0x1c'", 'whole number'] },
  { name: 'overflowing exponent', argv: ['--k', '1e309'], mentions: ["'1e309'", 'positive decimal'] },
  { name: 'NaN', argv: ['--k', 'NaN'], mentions: ["'NaN'"] },
  { name: 'empty value', argv: ['--depth', ''], mentions: ['empty value'] },
  { name: 'Infinity', argv: ['--classes', 'Infinity'], mentions: ["'Infinity'"] },
  { name: 'k whose widths are not whole', argv: ['--k', '0.1'], mentions: ['k = 0.1', '1.6'] },
  { name: 'zero size', argv: ['--input', '0'], mentions: ['--input', "'0'"] },
  { name: 'negative size', argv: ['--in-channels', '-3'], mentions: ['--in-channels'] },
  { name: 'zero classes', argv: ['--classes', '0'], mentions: ['--classes', "'0'"] },
  { name: 'residual add whose sides differ', argv: ['--depth', '16', '--block', '2,2'], mentions: ['residual add', 'conv2.block0'] },
  { name: 'unknown option', argv: ['--depht', '28'], mentions: ["'--depht'", '--depth'] },
  { name: 'unknown dataset', argv: ['--dataset', 'imagenet-21k'], mentions: ["'imagenet-21k'", 'cifar10'] },
  { name: 'unknown model', argv: ['resnet51'], mentions: ["'resnet51'", 'resnet50'] },
  {
    name: 'ImageNet depth outside the table',
    argv: ['--dataset', 'imagenet', '--depth', '26'],
    mentions: ['Depth 26', '50, 101, 152 or 200', '--blocks-per-group a,b,c,d'],
  },
  {
    name: 'blocks per group of the wrong length',
    argv: ['--family', 'imagenet', '--blocks-per-group', '3,4,6'],
    mentions: ['3 values', '4 groups'],
  },
  { name: 'layers rule on ImageNet', argv: ['resnet50', '--depth-rule', 'layers'], mentions: ['layers depth rule', 'resnet rule'] },
  {
    name: 'zero-pad shortcut that would drop channels',
    argv: ['--depth', '16', '--k', '0.5', '--shortcut', 'zero-pad'],
    mentions: ['zero-pad shortcut', '16 in, 8 out'],
  },
  {
    name: 'a depth that fits no resnet block count',
    argv: ['--depth', '21', '--depth-rule', 'resnet'],
    mentions: ['Depth 21', '6·N + 2', '20 or 26'],
  },
  { name: 'unknown depth rule', argv: ['--depth-rule', 'paper'], mentions: ["'paper'", 'layers, nominal'] },
  { name: 'bad block', argv: ['--block', 'B(3,x)'], mentions: ["'B(3,x)'", 'B(3,1,3)'] },
  { name: 'dropout out of range', argv: ['--dropout', '1'], mentions: ['--dropout', "'1'"] },
  { name: 'option without its value', argv: ['--depth'], mentions: ['--depth', 'argument missing'] },
  { name: 'a number where a model name goes', argv: ['28'], mentions: ["Model '28' is not known", 'WRN-d-k'] },
  { name: 'unexpected argument', argv: ['WRN-28-10', '10'], mentions: ['too many arguments'] },
  { name: 'count beyond MAX_SAFE_INTEGER', argv: ['--depth', '28', '--k', '100000'], mentions: ['MAX_SAFE_INTEGER'] },
  { name: 'too many layers to list', argv: ['--blocks-per-group', '100000', '--k', '1', '--json'], mentions: ['layers', '100,000'] },
];

describe('every invalid input exits 2 with one sentence and an empty stdout', () => {
  it.each(CASES)('$name', async ({ argv, mentions }) => {
    const result = await runCli(argv);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.startsWith('wrn-calc: ')).toBe(true);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    for (const text of mentions) expect(result.stderr).toContain(text);
  });

  it('--debug adds a stack trace', async () => {
    const result = await runCli(['--depth', '27', '--debug']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/\n\s+at /);
  });

  it('--help and --version exit 0', async () => {
    expect((await runCli(['--help'])).exitCode).toBe(0);
    const version = await runCli(['--version']);
    expect(version.exitCode).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('subcommands are loaded only when asked for', () => {
  it('finds the subcommand after program options and after help', async () => {
    const { selectedSubcommand } = await import('../../src/cli/program.js');
    expect(selectedSubcommand(['grid', '--k', '1'])).toBe('grid');
    expect(selectedSubcommand(['--debug', 'fit', '--max-params', '1M'])).toBe('fit');
    expect(selectedSubcommand(['help', 'check'])).toBe('check');
    expect(selectedSubcommand(['--depth', '28'])).toBeUndefined();
    expect(selectedSubcommand(['--depth', '28', 'grid'])).toBeUndefined();
  });

  it("lists every subcommand in --help and shows a subcommand's own help", async () => {
    const help = await runCli(['--help']);
    for (const name of ['grid', 'block', 'check', 'schema', 'fit']) expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    const gridHelp = await runCli(['help', 'grid']);
    expect(gridHelp.exitCode).toBe(0);
    expect(gridHelp.stdout).toContain('--relative');
  });

  it('a subcommand after --debug runs in full; after a summary option it is refused, not run without the option', async () => {
    const result = await runCli(['--debug', 'grid', '--k', '1', '--json']);
    expect(result.exitCode).toBe(0);
    // Commander would parse --depth 28 as the summary's and then run grid without it.
    const late = await runCli(['--depth', '28', 'grid', '--k', '1', '--json']);
    expect(late.exitCode).toBe(2);
    expect(late.stdout).toBe('');
    expect(late.stderr).toBe(
      "wrn-calc: --depth is an option of the summary, not of grid; put grid's options after it: wrn-calc grid [options].\n",
    );
  });

  it('an operand that is not a subcommand is a usage error', async () => {
    const result = await runCli(['28']);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
  });
});
