import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/cli.js';

/*
 * The page costs the CLI nothing: its code (src/web) is a bundle of its own that no CLI
 * module imports, and the server behind `wrn-calc serve` (with node:http) loads only for
 * serve. Here the server module throws when loaded, so every other path must still succeed.
 */
vi.mock('../../src/cli/serve/server.js', () => {
  throw new Error('the page server was loaded');
});

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourcesUnder(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('the page and its server stay off the CLI’s paths', () => {
  it.each([[[]], [['--json']], [['grid']], [['compare', 'WRN-40-4', 'WRN-28-10']], [['block']], [['--help']], [['serve', '--help']]])(
    'wrn-calc %j does not load the server',
    async (argv) => {
      const result = await runCli(argv, { columns: 80 });
      expect(result.exitCode, result.stderr).toBe(0);
    },
  );

  it('(the trap works: serve loads it)', async () => {
    expect((await runCli(['serve', '--port', '0'])).exitCode).toBe(70);
  });

  it('no module of the CLI, the core or the charts imports the page', () => {
    const importers = ['src/cli', 'src/core', 'src/charts', 'src/index.ts']
      .flatMap((path) => (path.endsWith('.ts') ? [path] : sourcesUnder(path)))
      .filter((file) => /from '[./]*\/web\/|import\('[./]*\/web\//.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(importers).toEqual([]);
  });

  it('the built CLI holds none of the page’s code', () => {
    const cli = readFileSync(join(ROOT, 'dist/cli.cjs'), 'utf8');
    const page = readFileSync(join(ROOT, 'dist/web/app.js'), 'utf8');
    // Strings only the page has: its timing marks and its form's fieldsets.
    for (const marker of ['wrn:first-totals', 'Training step', 'model-names']) {
      expect(page).toContain(marker);
      expect(cli).not.toContain(marker);
    }
  });
});
