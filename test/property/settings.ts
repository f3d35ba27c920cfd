import type fc from 'fast-check';

/**
 * Property and fuzz tests run with a fixed seed and a bounded number of runs in `npm test`,
 * so that a failure reproduces and the suite stays fast.
 *
 * FUZZ_RUNS counts CLI argument vectors, of which `npm test` generates DEFAULT_FUZZ_RUNS;
 * every property and fuzz test scales by the same factor. So FUZZ_RUNS=100000 runs ten
 * times the default everywhere (about two minutes on 2 cores), and never fewer:
 *   FUZZ_RUNS=100000 FUZZ_SEED=$RANDOM npx vitest run test/property
 * vitest.config.ts scales the per-test timeout by the same factor.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_161_607);
export const DEFAULT_FUZZ_RUNS = 10_000;
export const FUZZ_SCALE = Math.max(1, Number(process.env.FUZZ_RUNS ?? 0) / DEFAULT_FUZZ_RUNS || 1);

export function runs(base: number): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns: Math.round(base * FUZZ_SCALE) };
}

/** How many inputs a fuzz suite generates: `base` per `npm test`, scaled by FUZZ_RUNS. */
export function fuzzRuns(base: number): number {
  return Math.round(base * FUZZ_SCALE);
}

/** A timeout for `runs` inputs (about 10 ms each on a slow, busy machine), never below vitest's 20 s. */
export function fuzzTimeout(runs: number, msPerRun = 10): number {
  return Math.max(20_000, runs * msPerRun);
}
