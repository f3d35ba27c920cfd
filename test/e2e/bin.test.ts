import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The built bin, end to end (npm test builds first). */
const BIN = fileURLToPath(new URL('../../bin/wrn-calc.cjs', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

function wrnCalc(...argv: string[]) {
  return runBin(BIN, argv);
}

function runBin(bin: string, argv: readonly string[]) {
  const result = spawnSync(process.execPath, [bin, ...argv], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined },
  });
  return { stdout: result.stdout, stderr: result.stderr, exitCode: result.status };
}

describe('bin/wrn-calc.cjs', () => {
  it('prints WRN-28-10 and exits 0', () => {
    const result = wrnCalc('--depth', '28', '--k', '10');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('36,479,194');
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('--json is one parseable document', () => {
    const result = wrnCalc('--depth', '16', '--k', '8', '--json');
    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as { totals: { params: number } }).totals.params).toBe(10_961_370);
  });

  it('bad input exits 2 with one line on stderr and nothing on stdout', () => {
    const result = wrnCalc('--depth', '27');
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('commander usage errors exit 2', () => {
    expect(wrnCalc('--nope').exitCode).toBe(2);
  });

  it('--debug: the stack trace names the source files and lines (the source map), the message stays first', () => {
    const result = wrnCalc('--depth', '27', '--debug');
    expect(result.exitCode).toBe(2);
    const [message, ...trace] = result.stderr.trimEnd().split('\n');
    expect(message).toBe(
      'wrn-calc: Depth 27 does not fit the block (depth = 3·N·2 + 4 for a block of 2 convs); the nearest valid depths are 22 or 28.',
    );
    expect(trace.join('\n')).toMatch(/at \w+ \(.*src\/core\/depth\.ts:\d+:\d+\)/);
    expect(trace.join('\n')).not.toContain('dist/cli.cjs');
    // The same run without --debug: the message alone.
    expect(wrnCalc('--depth', '27').stderr).toBe(`${message}\n`);
  });

  // --debug loads the bundle without its loader, so only a missing bundle stops it.
  it.each([
    ['no dist/ at all', [] as string[], [['WRN-28-10'], ['--debug', 'WRN-28-10']]],
    ['a dist/ without the bundle', ['cli-loader.cjs'], [['WRN-28-10'], ['--debug', 'WRN-28-10']]],
    ['a dist/ without the loader', ['cli.cjs', 'cli.cjs.map'], [['WRN-28-10']]],
  ])('%s: one line saying to run npm run build, exit 70, no stack trace', (_, kept, runs) => {
    const root = mkdtempSync(join(tmpdir(), 'wrn-calc-unbuilt-'));
    try {
      mkdirSync(join(root, 'bin'));
      copyFileSync(BIN, join(root, 'bin/wrn-calc.cjs'));
      if (kept.length > 0) mkdirSync(join(root, 'dist'));
      for (const file of kept) copyFileSync(join(DIST, file), join(root, 'dist', file));
      for (const argv of runs) {
        const result = runBin(join(root, 'bin/wrn-calc.cjs'), argv);
        expect(result.exitCode).toBe(70);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe(
          `wrn-calc: this copy of wrn-calc is not built (${join(root, 'dist')} is missing or incomplete); run npm run build in ${root}.\n`,
        );
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
