import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/cli.js';

/* A machine without @resvg/resvg-js (a devDependency here, so its loader is made to find nothing). */
vi.mock('../../src/charts/node/png.js', async (original) => ({
  ...(await original<typeof import('../../src/charts/node/png.js')>()),
  loadResvg: () => undefined,
}));

const dir = mkdtempSync(join(tmpdir(), 'wrn-calc-no-resvg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--png without @resvg/resvg-js', () => {
  it('says in one sentence how to install it, exits 2, and writes nothing (not even the --svg file)', async () => {
    const svg = join(dir, 'x.svg');
    const png = join(dir, 'x.png');
    const result = await runCli(['grid', '--svg', svg, '--png', png]);
    expect(result).toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        'wrn-calc: --png needs the package @resvg/resvg-js, which is not installed; install it with npm install @resvg/resvg-js, or use --svg.\n',
    });
    expect(existsSync(svg) || existsSync(png)).toBe(false);
  });

  it('leaves --svg alone', async () => {
    expect((await runCli(['grid', '--svg', join(dir, 'y.svg')])).exitCode).toBe(0);
  });
});
