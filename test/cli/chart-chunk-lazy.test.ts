import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/cli.js';

/*
 * The chart chunk (Observable Plot, d3, linkedom) loads only for --svg, --png and
 * --plot: here it throws when loaded, so every other path, tables included, must
 * still succeed. (test/e2e/chart-chunk.test.ts does the same to the built bundle.)
 */
vi.mock('../../src/charts/node/chunk.js', () => {
  throw new Error('the chart chunk was loaded');
});

const OVER = JSON.stringify({ budget: { params: '40M' }, models: [{ name: 'deep', depth: 40, k: 10 }] });

describe('no path without a chart flag loads the chart chunk', () => {
  it.each([
    { argv: [], exitCode: 0 },
    { argv: ['--depth', '16', '--k', '4', '--layers'], exitCode: 0 },
    { argv: ['WRN-28-10', '--json'], exitCode: 0 },
    { argv: ['grid'], exitCode: 0 },
    { argv: ['grid', '--metric', 'macs', '--format', 'markdown'], exitCode: 0 },
    { argv: ['fit', '--max-params', '10M'], exitCode: 0 },
    { argv: ['fit', '--max-params', '10M', '--pareto', '--json'], exitCode: 0 },
    { argv: ['compare', 'WRN-40-4', 'WRN-28-10'], exitCode: 0 },
    { argv: ['block', '--compare-k', '1,2,4,8'], exitCode: 0 },
    { argv: ['check', 'over.json'], exitCode: 1 },
    { argv: ['schema'], exitCode: 0 },
    { argv: ['--help'], exitCode: 0 },
    { argv: ['--depth', '27'], exitCode: 2 },
    { argv: ['grid', '--plot', '--json'], exitCode: 2 },
  ])('wrn-calc $argv', async ({ argv, exitCode }) => {
    const result = await runCli(argv, { tty: true, columns: 80, files: { 'over.json': OVER } });
    expect(result.exitCode, result.stderr).toBe(exitCode);
  });

  it('(the trap works: a chart loads the chunk)', async () => {
    for (const argv of [
      ['grid', '--plot'],
      ['--svg', '-'],
      ['compare', 'WRN-40-4', 'WRN-28-10', '--png', 'x.png'],
    ]) {
      expect((await runCli(argv)).exitCode).toBe(70);
    }
  });
});
