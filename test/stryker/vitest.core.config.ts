import { defineConfig, mergeConfig } from 'vitest/config';
import { BaseSequencer } from 'vitest/node';
import type { TestSpecification } from 'vitest/node';
import base from '../../vitest.stryker.config.js';

/*
 * A quicker test run for mutation testing src/core alone
 * (npx stryker run test/stryker/stryker.core.json): the core's own tests
 * (test/core), without the CLI, property and limit suites. Every test here also
 * runs in `npm run mutate`, so the score it gives is a lower bound of that run's
 * score for src/core.
 *
 * Files run cheapest and most telling first, so that a mutant is usually killed
 * before the slow suites (fit's brute force, the 10,000-cell grid, the
 * 1,000-width comparison) are reached; any file not listed runs after these.
 */
const FIRST = [
  'family-known',
  'known-values',
  'shapes',
  'listing',
  'messages',
  'ops-limits',
  'field',
  'block-view',
  'budget-memory',
  'names-and-grid',
  'laws',
  'fit-requests',
  'saved-bytes',
  'reference',
  'errors',
  'invariants',
  'paper',
  'mutation-core',
  'receptive-field',
  'family-reference',
  'mutation-block-view',
  'grid',
  'fit',
];

function rank(file: string): number {
  const found = FIRST.findIndex((name) => file.endsWith(`/test/core/${name}.test.ts`));
  return found < 0 ? FIRST.length : found;
}

class CheapestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => rank(a.moduleId) - rank(b.moduleId) || a.moduleId.localeCompare(b.moduleId));
  }
}

const config = mergeConfig(base, defineConfig({}));
// Replaced, not merged: mergeConfig would append to the base's include.
config.test = { ...config.test, include: ['test/core/**/*.test.ts'], sequence: { ...config.test?.sequence, sequencer: CheapestFirst } };
export default config;
