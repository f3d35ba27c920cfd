import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/cli.js';

/*
 * Start-up speed: the JSON paths must not load chalk or cli-table3. Here both
 * modules throw when loaded, so any path that imports them fails with exit 70.
 */
vi.mock('chalk', () => {
  throw new Error('chalk was loaded');
});
vi.mock('cli-table3', () => {
  throw new Error('cli-table3 was loaded');
});

describe('the JSON paths load neither chalk nor cli-table3', () => {
  it.each([
    ['grid', '--json'],
    ['grid', '--json', '--l', '1:4'],
    ['block', '--json'],
    ['block', '--compare-k', '1,2', '--json'],
    ['--json'],
  ].map((argv) => [argv.join(' '), argv] as const))('wrn-calc %s', async (_, argv) => {
    const result = await runCli(argv, { tty: true });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
  });

  it('(the trap works: the table path does load cli-table3)', async () => {
    const result = await runCli(['grid']);
    // vitest reports the throwing factory as a generic mocking error: an internal error (70) here.
    expect(result.exitCode).toBe(70);
  });
});
