import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/*
 * Terminal output fits the terminal: with stdout a terminal of `columns` columns
 * (CliContext.columns), no line of a table report is wider, colour or not. Piped
 * output (no columns) is never fitted: the goldens hold it, whole lines and all.
 */

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function widest(text: string): number {
  return Math.max(...text.split('\n').map((line) => [...line.replace(ANSI, '')].length));
}

const BUDGETS = JSON.stringify({
  budget: { params: '40M', macs: '6G', paramBytes: '150MiB', activationBytes: '64MiB', trainBytes: '16GiB' },
  models: [
    { name: 'a-rather-long-model-name-for-a-budget-file', depth: 28, k: 10 },
    { name: 'over', depth: 40, k: 10, batch: 512, optimizer: 'adam' },
  ],
});

/** Every command with a terminal table, in the shapes that make its widest lines. */
export const TABLE_COMMANDS: readonly (readonly string[])[] = [
  [],
  ['resnet50'],
  ['wide_resnet101_2', '--layers'],
  ['preact-resnet1001'],
  ['--depth', '16', '--k', '4', '--layers', '--dropout', '0.3', '--conv-bias'],
  ['--depth', '10', '--k', '1.5', '--input', '40x24', '--in-channels', '1', '--classes', '5'],
  ['--depth', '28', '--k', '10', '--batch', '128', '--memory', '16GiB', '--optimizer', 'adam'],
  ['resnet110', '--layers'],
  ['grid'],
  ['grid', '--depth', '10:52:6', '--k', '1:12'],
  ['grid', '--depth', '10:52:6', '--k', '1:12', '--relative'],
  ['grid', '--l', '1:4', '--k', '2'],
  ['grid', '--dataset', 'imagenet', '--k', '1,2,4'],
  ['grid', '--family', 'imagenet', '--blocks-per-group', '2,2,2,2/3,4,6,3', '--block', '3,3'],
  ['grid', '--depth', '16,27,28', '--k', '1,0.1,2'],
  ['grid', '--metric', 'train-memory', '--batch', '128', '--optimizer', 'adam'],
  ['grid', '--metric', 'receptive-field', '--k', '1:16'],
  ['check', 'budgets.json'],
  ['check', 'examples/budgets.json'],
  ['check', '--depth', '40', '--k', '10', '--max-params', '40M', '--max-macs', '10G', '--max-activation-bytes', '10MiB', '--max-train-bytes', '1GiB'],
  ['fit', '--max-params', '10M'],
  ['fit', '--max-params', '10M', '--max-macs', '1.3G', '--top', '5'],
  ['fit', '--max-params', '10M', '--pareto'],
  ['fit', '--max-params', '10M', '--max-flops', '3G', '--max-param-bytes', '40MB', '--max-activation-bytes', '20MiB', '--max-train-bytes', '1GiB'],
  ['fit', '--max-params', '30M', '--dataset', 'imagenet'],
  ['block', '--in-channels', '16', '--k', '2', '--input', '32', '--padding', '0'],
  ['block', '--block', 'bottleneck', '--order', 'post', '--in-channels', '256', '--k', '2', '--stride', '2', '--dropout', '0.3', '--conv-bias'],
  ['block', '--compare-k', '1,2,4,8'],
  ['block', '--widths', '32,16', '--input', '32', '--padding', '0'],
  ['compare', 'WRN-40-4', 'WRN-16-8', 'WRN-28-10'],
  ['compare', 'resnet50', 'wide_resnet101_2', 'WRN-50-2-bottleneck', 'WRN-28-10', 'preact-resnet1001'],
  ['compare', 'resnet50', 'WRN-28-10', '--classes', '7'],
];

describe('terminal output fits the terminal', () => {
  for (const columns of [80, 60, 40]) {
    it.each(TABLE_COMMANDS.map((argv) => [argv.join(' '), argv] as const))(`at ${columns} columns: wrn-calc %s`, async (_, argv) => {
      for (const tty of [false, true]) {
        const result = await runCli(argv, { columns, tty, files: { 'budgets.json': BUDGETS } });
        expect(result.exitCode, result.stderr).toBeLessThanOrEqual(1);
        expect(widest(result.stdout), result.stdout).toBeLessThanOrEqual(columns);
      }
    });
  }

  it('piped output keeps its whole lines (nothing is fitted without a terminal)', async () => {
    const piped = await runCli(['grid', '--depth', '10:52:6', '--k', '1:12']);
    expect(widest(piped.stdout)).toBeGreaterThan(100);
    const wide = await runCli(['grid', '--depth', '10:52:6', '--k', '1:12'], { columns: 400 });
    expect(wide.stdout).toBe(piped.stdout);
  });

  it('drops the least important columns first, in the stated order', async () => {
    const summary = (await runCli([], { columns: 80 })).stdout;
    expect(summary).not.toContain('share');
    expect(summary).not.toContain('field /jump');
    expect(summary).toContain('[3×3, 160; 3×3, 160] × 4');
    expect(summary).toContain('36,479,194');
    const narrow = (await runCli([], { columns: 60 })).stdout;
    expect(narrow).toContain('5.24G');
    const check = (await runCli(['check', '--depth', '40', '--k', '10', '--max-params', '40M'], { columns: 60 })).stdout;
    expect(check).toContain('OVER');
    expect(check).toContain('-39.6%');
  });

  it('splits a wide grid into panels that repeat the row heads, keeping every cell', async () => {
    const piped = (await runCli(['grid', '--depth', '10:52:6', '--k', '1:12'])).stdout;
    const fitted = (await runCli(['grid', '--depth', '10:52:6', '--k', '1:12'], { columns: 60 })).stdout;
    const cells = (text: string) => text.match(/\b\d+(\.\d+)?[KM]\b/g)?.sort() ?? [];
    expect(cells(fitted)).toEqual(cells(piped));
    expect(fitted.match(/^depth /gm)?.length).toBeGreaterThan(1);
  });

  it('wraps prose under its label', async () => {
    const text = (await runCli([], { columns: 60 })).stdout;
    expect(text).toContain('BN running statistics: 17,952 (non-trainable buffers:\n                       running mean and variance;');
  });
});
