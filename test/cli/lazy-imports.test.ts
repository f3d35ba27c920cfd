import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/cli.js';

/*
 * Start-up speed: the JSON paths (and errors) must load neither chalk nor
 * cli-table3, and Markdown and CSV never load cli-table3. Here both packages
 * throw when loaded, so any path that imports them fails; vitest reports the
 * throwing factory as an internal error (70).
 */
vi.mock('chalk', () => {
  throw new Error('chalk was loaded');
});
vi.mock('cli-table3', () => {
  throw new Error('cli-table3 was loaded');
});
// The chart chunk (Observable Plot, d3, linkedom): only --svg, --png and --plot may load it.
vi.mock('../../src/charts/node/chunk.js', () => {
  throw new Error('the chart chunk was loaded');
});

const OVER = JSON.stringify({ budget: { params: '40M' }, models: [{ name: 'deep', depth: 40, k: 10 }] });

describe('the JSON paths load neither chalk nor cli-table3 (nor the chart chunk)', () => {
  it.each([
    { argv: ['--json'], exitCode: 0 },
    { argv: ['grid', '--json'], exitCode: 0 },
    { argv: ['grid', '--json', '--l', '1:4'], exitCode: 0 },
    { argv: ['block', '--json'], exitCode: 0 },
    { argv: ['block', '--compare-k', '1,2', '--json'], exitCode: 0 },
    { argv: ['check', '--max-params', '40M', '--json'], exitCode: 0 },
    { argv: ['check', 'over.json', '--json'], exitCode: 1 },
    { argv: ['fit', '--max-params', '10M', '--json'], exitCode: 0 },
    { argv: ['fit', '--max-params', '10M', '--pareto', '--json'], exitCode: 0 },
    { argv: ['schema'], exitCode: 0 },
    { argv: ['compare', 'WRN-40-4', 'resnet50', '--json'], exitCode: 0 },
  ])('wrn-calc $argv', async ({ argv, exitCode }) => {
    const result = await runCli(argv, { tty: true, env: { GITHUB_ACTIONS: 'true' }, files: { 'over.json': OVER } });
    expect(result.exitCode).toBe(exitCode);
    expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
  });

  it.each([['--depth', '27'], ['check', '--max-params', '10 M'], ['check', 'over.json', '--depth', '28'], ['fit']])(
    'and neither do their errors: wrn-calc %s',
    async (...argv) => {
      const result = await runCli(argv, { tty: true, files: { 'over.json': OVER } });
      expect(result.exitCode).toBe(2);
    },
  );

  it.each([
    ['grid', '--format', 'markdown'],
    ['grid', '--format', 'csv'],
    ['grid', '--format', 'csv', '--depth', '16,27'],
    ['check', '--max-params', '40M', '--format', 'markdown'],
    ['check', 'over.json', '--format', 'markdown'],
    ['fit', '--max-params', '10M', '--format', 'markdown'],
    ['compare', 'WRN-40-4', 'WRN-28-10', '--format', 'markdown'],
    ['compare', 'WRN-40-4', 'WRN-28-10', '--format', 'csv'],
  ])('Markdown and CSV do not load cli-table3 either: wrn-calc %s', async (...argv) => {
    const result = await runCli(argv, { tty: true, columns: 80, files: { 'over.json': OVER } });
    expect(result.exitCode, result.stderr).toBeLessThanOrEqual(1);
    expect(result.stdout).not.toBe('');
  });

  it('(the traps work: a terminal table loads cli-table3, colour loads chalk)', async () => {
    expect((await runCli(['grid'])).exitCode).toBe(70);
    expect((await runCli([])).exitCode).toBe(70);
    expect((await runCli(['check', '--max-params', '40M'])).exitCode).toBe(70);
    expect((await runCli(['fit', '--max-params', '10M'])).exitCode).toBe(70);
    expect((await runCli(['block'])).exitCode).toBe(70);
    expect((await runCli(['compare', 'WRN-40-4', 'WRN-28-10'])).exitCode).toBe(70);
    expect((await runCli(['--json', '--layers', '--color'], { tty: true })).exitCode).toBe(0);
    // and a chart loads the chart chunk, even with JSON on stdout.
    expect((await runCli(['grid', '--json', '--svg', '-'])).exitCode).toBe(2);
    expect((await runCli(['grid', '--svg', '-'])).exitCode).toBe(70);
    expect((await runCli(['fit', '--max-params', '10M', '--json', '--svg', 'x.svg'])).exitCode).toBe(70);
  });
});
