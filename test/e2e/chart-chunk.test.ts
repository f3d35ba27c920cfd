import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * The built CLI keeps the charts in their own file: a copy of bin/ and dist/ whose
 * dist/charts.cjs throws when loaded still runs every command without a chart flag.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const copy = mkdtempSync(join(tmpdir(), 'wrn-calc-chunk-'));
cpSync(join(ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
cpSync(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true, filter: (source) => !source.endsWith('charts.cjs.cache') });
writeFileSync(join(copy, 'dist/charts.cjs'), "throw new Error('dist/charts.cjs was loaded');\n");
afterAll(() => rmSync(copy, { recursive: true, force: true }));

function run(argv: readonly string[]) {
  return spawnSync(process.execPath, [join(copy, 'bin/wrn-calc.cjs'), ...argv], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
}

describe('the chart chunk of the built CLI', () => {
  it('is a file of its own, and the CLI bundle holds none of Plot', () => {
    expect(statSync(join(ROOT, 'dist/charts.cjs')).size).toBeGreaterThan(100_000);
    const cli = spawnSync('grep', ['-c', 'observablehq', join(ROOT, 'dist/cli.cjs')], { encoding: 'utf8' });
    expect(cli.stdout.trim()).toBe('0');
  });

  it.each([
    [['--depth', '28', '--k', '10']],
    [['--json']],
    [['grid']],
    [['fit', '--max-params', '10M']],
    [['compare', 'WRN-40-4', 'WRN-28-10']],
    [['block', '--compare-k', '1,2']],
  ])('is not loaded by wrn-calc %s', (argv) => {
    const result = run(argv);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('is loaded by --svg (and here it throws: the trap works)', () => {
    const result = run(['grid', '--svg', '-']);
    expect(result.status).toBe(70);
    expect(result.stdout).toBe('');
  });

  it('renders from the real bundle', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'bin/wrn-calc.cjs'), 'grid', '--svg', '-'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
  });
});
