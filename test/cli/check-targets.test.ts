import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/*
 * check takes what the summary takes, and more than one of it: budget files (a
 * shell glob gives several), or model names with --max-* flags. One exit code for
 * all: 2 if any file is invalid, else 1 if any model is over, else 0.
 */

const EXAMPLE = readFileSync('examples/budgets.json', 'utf8');
const SCHEMA = readFileSync('examples/budgets.schema.json', 'utf8');
const OVER = JSON.stringify({ budget: { params: '10M' }, models: [{ name: 'wide', depth: 28, k: 10 }] });
const INVALID = JSON.stringify({ budget: { params: '10M' }, models: [{ depth: 27, k: 10 }] });
const FILES = {
  'budgets.json': EXAMPLE,
  'over.json': OVER,
  'invalid.json': INVALID,
  'budgets.schema.json': SCHEMA,
  'package.json': JSON.stringify({ name: 'app', version: '1.0.0', scripts: {} }),
};

const check = (...argv: string[]) => runCli(['check', ...argv], { files: FILES });

describe('several budget files', () => {
  it('each file its own report, one verdict and one exit code', async () => {
    const result = await check('budgets.json', 'over.json');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('');
    const sections = result.stdout.split('\n\n');
    expect(sections[0]?.split('\n')[0]).toBe('budgets.json');
    expect(sections[0]).toContain('paper-b313');
    expect(sections[1]?.split('\n')[0]).toBe('over.json');
    expect(sections[1]).toMatch(/^wide +params +36,479,194 \(36\.5M\) +10,000,000 \(10\.0M\) +-264\.8% +OVER$/m);
    expect(sections[2]).toBe('1 of 5 models is over budget: wide (over.json) in params.\n');
    expect((await check('budgets.json', 'budgets.json')).exitCode).toBe(0);
  });

  it('exit 2 when any file is invalid, naming each problem, with nothing on stdout', async () => {
    const result = await check('budgets.json', 'invalid.json', 'over.json', 'missing.json');
    expect(result).toMatchObject({ exitCode: 2, stdout: '' });
    expect(result.stderr).toBe(
      [
        'wrn-calc: invalid.json: models[0]: Depth 27 does not fit the block (depth = 3·N·2 + 4 for a block of 2 convs); the nearest valid depths are 22 or 28.',
        "(also cannot read the budget file 'missing.json': no such file)",
        '',
      ].join('\n'),
    );
  });

  it('--json: one document, each model with its file; a single file keeps the document without files', async () => {
    const two = JSON.parse((await check('budgets.json', 'over.json', '--json')).stdout) as {
      ok: boolean;
      models: { name: string; file: string; ok: boolean }[];
    };
    expect(two.ok).toBe(false);
    expect(two.models.map((model) => [model.file, model.name, model.ok])).toEqual([
      ['budgets.json', 'baseline', true],
      ['budgets.json', 'cifar100', true],
      ['budgets.json', 'small', true],
      ['budgets.json', 'paper-b313', true],
      ['over.json', 'wide', false],
    ]);
    const one = JSON.parse((await check('budgets.json', '--json')).stdout) as { models: object[] };
    expect(one.models.every((model) => !('file' in model))).toBe(true);
  });

  it('--format markdown: a table per file under its name', async () => {
    const result = await check('budgets.json', 'over.json', '--format', 'markdown');
    expect(
      result.stdout.startsWith(
        '**wrn-calc check**: 1 of 5 models is over budget: wide (over.json) in params.\n\n`budgets.json`\n\n| model |',
      ),
    ).toBe(true);
    expect(result.stdout).toContain('\n`over.json`\n\n| model |');
  });

  it('GitHub annotations point at the file of each model over budget', async () => {
    const result = await runCli(['check', 'budgets.json', 'over.json'], { files: FILES, env: { GITHUB_ACTIONS: 'true' } });
    expect(result.stderr).toMatch(/^::error file=over\.json,title=wrn-calc%3A over budget::wide \(WRN-28-10\): params /);
  });
});

describe('files that are not budget files', () => {
  it('the budget file’s JSON Schema beside it (as in a glob) is skipped, saying so', async () => {
    const result = await check('budgets.json', 'budgets.schema.json');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe(
      'wrn-calc: skipped: budgets.schema.json is the JSON Schema of budget files (what wrn-calc schema prints), not a budget file; give the budget files that point to it.\n',
    );
    expect(result.stdout).toBe((await check('budgets.json')).stdout);
  });

  it.each([
    [
      ['budgets.schema.json'],
      'budgets.schema.json is the JSON Schema of budget files (what wrn-calc schema prints), not a budget file; give the budget files that point to it.',
    ],
    [
      ['package.json'],
      'package.json is not a budget file: it has none of a budget file\'s keys ("$schema", "budget", "batch", "optimizer", "models"), but "name", "version", "scripts".',
    ],
  ])('%s alone: one sentence saying what it is', async (argv, message) => {
    const result = await check(...argv);
    expect(result).toEqual({ exitCode: 2, stdout: '', stderr: `wrn-calc: ${message}\n` });
  });
});

describe('model names, as for the summary', () => {
  it('check WRN-28-10 --max-params 40M is the network of the summary against the flags’ budget', async () => {
    const named = await check('WRN-28-10', '--max-params', '40M', '--json');
    const flags = await check('--depth', '28', '--k', '10', '--max-params', '40M', '--json');
    expect(named.exitCode).toBe(0);
    expect(named.stdout).toBe(flags.stdout);
  });

  it('several models against one budget', async () => {
    const result = await check('WRN-28-10', 'WRN-40-10', 'resnet50', '--max-params', '40M');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('1 of 3 models is over budget: WRN-40-10 in params.');
  });

  it.each([
    [
      ['WRN-28-10'],
      'check needs a budget: give at least one of --max-params, --max-macs, --max-flops, --max-param-bytes, --max-activation-bytes, --max-train-bytes (e.g. wrn-calc check WRN-28-10 --max-params 40M), or a budget file.',
    ],
    [
      ['resnet5', '--max-params', '1M'],
      "'resnet5' is neither a budget file nor a known model (did you mean resnet50, resnet56 or resnet18?); give budget files (wrn-calc check budgets.json) or models with a budget (wrn-calc check WRN-28-10 --max-params 40M).",
    ],
    [
      ['WRN-28-10', 'budgets.json', '--max-params', '1M'],
      "check takes budget files or model names, not both: 'budgets.json' is a file and 'WRN-28-10' a model.",
    ],
    [
      ['WRN-28-10', '--model', 'resnet50', '--max-params', '1M'],
      "--model 'resnet50' and the model argument both name a network; give one of them.",
    ],
    [
      ['budgets.json', '--max-params', '40M'],
      "--max-params cannot be combined with a budget file ('budgets.json'); put the network and its budget in the file.",
    ],
  ])('check %s: refused in one sentence that points to the form that works', async (argv, message) => {
    expect(await check(...argv)).toEqual({ exitCode: 2, stdout: '', stderr: `wrn-calc: ${message}\n` });
  });
});
