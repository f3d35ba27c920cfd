import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The built bin at the process's edges: a full disk, standard input, a closed pipe. */
const BIN = fileURLToPath(new URL('../../bin/wrn-calc.cjs', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../examples/budgets.json', import.meta.url));

function wrnCalc(argv: readonly string[], options: { input?: string | Buffer; stdout?: number } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...argv], {
    input: options.input,
    stdio: ['pipe', options.stdout ?? 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { stdout: String(result.stdout ?? ''), stderr: String(result.stderr), exitCode: result.status };
}

describe('the bin at its edges', () => {
  it.skipIf(!existsSync('/dev/full'))('a stdout that cannot be written (/dev/full): one line, exit 74, no stack trace', () => {
    const full = openSync('/dev/full', 'w');
    try {
      for (const argv of [
        ['--depth', '28', '--k', '10'],
        ['--depth', '28', '--k', '10', '--json'],
        ['check', EXAMPLE],
      ]) {
        const result = wrnCalc(argv, { stdout: full });
        expect(result.exitCode).toBe(74);
        expect(result.stderr).toBe('wrn-calc: cannot write to standard output: no space left on device (ENOSPC).\n');
      }
    } finally {
      closeSync(full);
    }
  });

  it('check - reads the budget file from standard input', () => {
    const result = wrnCalc(['check', '-', '--json'], { input: readFileSync(EXAMPLE) });
    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as { models: unknown[] }).models).toHaveLength(4);
    expect(wrnCalc(['check', EXAMPLE]).stdout).toBe(wrnCalc(['check', '-'], { input: readFileSync(EXAMPLE) }).stdout);
  });

  it('check - holds standard input to the 1 MiB limit', () => {
    const result = wrnCalc(['check', '-'], { input: Buffer.alloc(1024 * 1024 + 1, 0x20) });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'wrn-calc: cannot read the budget file from standard input: it is larger than 1 MiB (1,048,576 bytes), the most a budget file may have.\n',
    );
  });

  it('check - names standard input in its messages', () => {
    const result = wrnCalc(['check', '-'], { input: '{"budget": {"params": 1}, "models": [{"depth": 28, "k": "10"}]}' });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('wrn-calc: standard input: models[0].k: expected a positive number, got "10".\n');
  });
});
