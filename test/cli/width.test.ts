import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TABLE_COMMANDS } from '../helpers/table-commands.js';

/*
 * Terminal output fits the terminal: with stdout a terminal of `columns` columns
 * (CliContext.columns), no line of a table report is wider, colour or not. Piped
 * output (no columns) is never fitted: the goldens hold it, whole lines and all.
 */

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
