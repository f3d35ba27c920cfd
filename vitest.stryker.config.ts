import { defineConfig, mergeConfig } from 'vitest/config';
import { BaseSequencer } from 'vitest/node';
import type { TestSpecification } from 'vitest/node';
import base from './vitest.config.js';

/*
 * The test run of `npm run mutate` (stryker.config.json). Stryker mutates src/ in
 * a sandbox and, for each mutant, runs the tests that cover it until one fails
 * (bail), so a slow test that runs first costs its time for every mutant:
 * - test/e2e spawns bin/wrn-calc.cjs or imports the package, which run the built
 *   dist/; Stryker never mutates dist/, so these tests cannot kill a mutant.
 * - the fuzz suites (test/property/*.fuzz.test.ts) check robustness (an exit
 *   class, no crash, parseable output) over thousands of generated inputs, several
 *   seconds per run; they would re-run for nearly every mutant, and the values and
 *   messages they could catch wrong are asserted exactly by the deterministic tests.
 * - the PyTorch export tests (test/export/torch.test.ts, docs.test.ts) run Python
 *   for minutes; the counts they check are the ones the core tests check exactly.
 * - the rest run fastest first: core unit tests, then CLI tests, then the property
 *   and limit tests (seconds each), instead of vitest's slowest-first order.
 */
const TIERS = ['test/core/', 'test/cli/', 'test/property/'];

function tier(file: string): number {
  const found = TIERS.findIndex((dir) => file.includes(`/${dir}`));
  // The limits bisect and list 100,000 layers: last of all.
  return file.endsWith('/limits.test.ts') ? TIERS.length : found < 0 ? TIERS.length : found;
}

class FastestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => tier(a.moduleId) - tier(b.moduleId) || a.moduleId.localeCompare(b.moduleId));
  }
}

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        '**/node_modules/**',
        'test/e2e/**',
        'test/property/**/*.fuzz.test.ts',
        'test/export/torch.test.ts',
        'test/export/docs.test.ts',
      ],
      sequence: { sequencer: FastestFirst },
    },
  }),
);
