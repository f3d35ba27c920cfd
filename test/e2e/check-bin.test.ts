import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** check, schema and fit through the built bin (npm test builds first): real files, real exit codes. */
const BIN = fileURLToPath(new URL('../../bin/wrn-calc.cjs', import.meta.url));

function wrnCalc(argv: readonly string[], env: Record<string, string | undefined> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...argv], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, GITHUB_ACTIONS: undefined, ...env },
  });
  return { stdout: result.stdout, stderr: result.stderr, exitCode: result.status };
}

describe('bin/wrn-calc.cjs check, schema, fit', () => {
  it('the example budget file passes', () => {
    const result = wrnCalc(['check', 'examples/budgets.json']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('All 4 models are within budget.');
  });

  it('an overrun exits 1 and, on GitHub Actions, annotates on stderr', () => {
    const result = wrnCalc(['check', '--max-params', '1M', '--json'], { GITHUB_ACTIONS: 'true' });
    expect(result.exitCode).toBe(1);
    expect((JSON.parse(result.stdout) as { ok: boolean }).ok).toBe(false);
    expect(result.stderr).toMatch(/^::error title=wrn-calc%3A over budget::WRN-28-10: params /);
  });

  it('a shell glob: check examples/*.json checks the budget file and skips its JSON Schema beside it', () => {
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" check examples/*.json`], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: undefined },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('All 4 models are within budget.');
    expect(result.stderr).toBe(
      'wrn-calc: skipped: examples/budgets.schema.json is the JSON Schema of budget files (what wrn-calc schema prints), not a budget file; give the budget files that point to it.\n',
    );
  });

  it('a missing budget file exits 2', () => {
    const result = wrnCalc(['check', 'no-such-budgets.json']);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
  });

  it('schema prints the saved JSON Schema (bundled as a JSON module)', () => {
    const result = wrnCalc(['schema']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(readFileSync('examples/budgets.schema.json', 'utf8'));
  });

  it('fit lists candidates', () => {
    const result = wrnCalc(['fit', '--max-params', '10M', '--json']);
    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as unknown[]).length).toBe(10);
  });
});
