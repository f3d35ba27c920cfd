import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { runShellLine } from '../helpers/shell.js';

/** budgets.json in the examples stands for the repository's example budget file, vision-budgets.json for another one. */
const FILES = {
  'budgets.json': readFileSync('examples/budgets.json', 'utf8'),
  'vision-budgets.json': JSON.stringify({ budget: { params: '100M' }, models: [{ model: 'resnet50' }, { model: 'wide_resnet50_2' }] }),
};
const COMMANDS = ['', 'grid', 'block', 'check', 'schema', 'fit', 'compare', 'export'] as const;

function helpOf(command: string): Promise<ReturnType<typeof runCli> extends Promise<infer R> ? R : never> {
  return runCli(command === '' ? ['--help'] : [command, '--help']);
}

/** The example command lines of a help text: after `Examples:`, the lines that are not comments, `\` continuations joined. */
function examplesOf(help: string): string[] {
  const section = help.slice(help.indexOf('\nExamples:\n'), help.indexOf('\nExit codes:\n'));
  return section
    .replace(/ \\\n +/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('wrn-calc '));
}

describe('help', () => {
  it('wrn-calc help is wrn-calc --help, and exits 0', async () => {
    const help = await runCli(['help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toBe((await runCli(['--help'])).stdout);
    expect((await runCli(['--debug', 'help'])).stdout).toBe(help.stdout);
  });

  it.each(COMMANDS)('wrn-calc %s --help ends with 3 to 5 real examples and the exit codes', async (command) => {
    const help = await helpOf(command);
    expect(help.exitCode).toBe(0);
    const examples = examplesOf(help.stdout);
    expect(examples.length).toBeGreaterThanOrEqual(3);
    expect(examples.length).toBeLessThanOrEqual(5);
    const codes = help.stdout.slice(help.stdout.indexOf('\nExit codes:\n'));
    expect(help.stdout.trimEnd().endsWith(codes.trimEnd())).toBe(true);
    for (const code of ['0 ', '2 ', '70', '74']) expect(codes).toContain(`\n  ${code}`);
    expect(codes.includes('\n  1 ')).toBe(command === 'check');
    for (const example of examples) {
      if (command !== '') expect(example.startsWith(`wrn-calc ${command}`)).toBe(true);
      const result = await runShellLine(example, FILES);
      expect(result.stderr, example).toBe('');
      expect(result.exitCode, example).toBe(0);
      // Text, or the bytes of a binary format (export --format onnx).
      expect(result.stdout || result.stdoutBytes?.length, example).toBeTruthy();
    }
  });

  it('at 60 columns, every line of every help fits', async () => {
    for (const command of COMMANDS) {
      const help = await runCli(command === '' ? ['--help'] : [command, '--help'], { columns: 60 });
      for (const line of help.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(60);
      // A command cut into lines still runs: the examples join back into the ones at 80 columns.
      expect(examplesOf(help.stdout)).toEqual(examplesOf((await helpOf(command)).stdout));
    }
  });
});

describe('did you mean', () => {
  it.each([
    [
      ['gird'],
      "wrn-calc: 'gird' is neither a command nor a known model; did you mean the command grid? (wrn-calc --help lists the commands.)\n",
    ],
    [
      ['chek'],
      "wrn-calc: 'chek' is neither a command nor a known model; did you mean the command check? (wrn-calc --help lists the commands.)\n",
    ],
    [
      ['help', 'gird'],
      'wrn-calc: help takes the name of a command (grid, block, check, schema, fit, compare, export or serve), or nothing; did you mean grid? run wrn-calc --help for usage.\n',
    ],
    [
      ['help', 'nope'],
      'wrn-calc: help takes the name of a command (grid, block, check, schema, fit, compare, export or serve), or nothing; run wrn-calc --help for usage.\n',
    ],
    [
      ['compre', 'WRN-40-4', 'WRN-28-10'],
      'wrn-calc: too many arguments: expected 1 argument but got 3; did you mean the command compare? (wrn-calc --help shows the usage)\n',
    ],
    [
      ['fi', '--max-params', '1M'],
      "wrn-calc: unknown option '--max-params'; did you mean the command fit? (wrn-calc --help shows the usage)\n",
    ],
    [
      ['resnet51'],
      "wrn-calc: Model 'resnet51' is not known; did you mean resnet50, resnet56 or resnet18? Otherwise give WRN-d-k (e.g. WRN-28-10) or a preset name such as resnet50 or wide_resnet50_2.\n",
    ],
  ])('wrn-calc %s', async (argv, message) => {
    const result = await runCli(argv);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(message);
  });
});
