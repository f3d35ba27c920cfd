import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The built bin, end to end (npm test builds first). */
const BIN = fileURLToPath(new URL('../../bin/wrn-calc.cjs', import.meta.url));

function wrnCalc(...argv: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...argv], {
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
});
