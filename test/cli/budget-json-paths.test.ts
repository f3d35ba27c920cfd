import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/cli.js';

/*
 * check, fit and schema: their JSON paths (and their errors) must not load chalk
 * or cli-table3, the slow part of start-up. Both modules throw when loaded here.
 */
vi.mock('chalk', () => {
  throw new Error('chalk was loaded');
});
vi.mock('cli-table3', () => {
  throw new Error('cli-table3 was loaded');
});

const OVER = JSON.stringify({ budget: { params: '40M' }, models: [{ name: 'deep', depth: 40, k: 10 }] });

describe('check, fit and schema load neither chalk nor cli-table3 on their JSON paths', () => {
  it.each([
    { argv: ['check', '--max-params', '40M', '--json'], exitCode: 0 },
    { argv: ['check', 'over.json', '--json'], exitCode: 1 },
    { argv: ['fit', '--max-params', '10M', '--json'], exitCode: 0 },
    { argv: ['fit', '--max-params', '10M', '--pareto', '--json'], exitCode: 0 },
    { argv: ['schema'], exitCode: 0 },
  ])('wrn-calc $argv', async ({ argv, exitCode }) => {
    const result = await runCli(argv, { tty: true, env: { GITHUB_ACTIONS: 'true' }, files: { 'over.json': OVER } });
    expect(result.exitCode).toBe(exitCode);
    expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
  });

  it.each([
    ['check', '--max-params', '10 M'],
    ['check', 'over.json', '--depth', '28'],
    ['fit'],
  ])('and neither do their errors: wrn-calc %s', async (...argv) => {
    const result = await runCli(argv, { tty: true, files: { 'over.json': OVER } });
    expect(result.exitCode).toBe(2);
  });

  it('(the trap works: the table path does load cli-table3)', async () => {
    expect((await runCli(['check', '--max-params', '40M'])).exitCode).toBe(70);
  });
});
