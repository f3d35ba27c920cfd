import fc from 'fast-check';

/**
 * Property and fuzz tests run with a fixed seed and a bounded number of runs in `npm test`,
 * so that a failure reproduces and the suite stays fast. For a longer, fresh run:
 *   FUZZ_RUNS=20000 FUZZ_SEED=$RANDOM npx vitest run test/property
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_161_607);
export const FUZZ_SCALE = Math.max(1, Number(process.env.FUZZ_RUNS ?? 0) / 100 || 1);

export function runs(base: number): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns: Math.round(base * FUZZ_SCALE) };
}
