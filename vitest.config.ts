import { defineConfig } from 'vitest/config';

// A longer fuzz run (FUZZ_RUNS, test/property/settings.ts) scales every property test's runs: scale the timeout with it.
const fuzzScale = Math.max(1, Number(process.env.FUZZ_RUNS ?? 0) / 10_000 || 1);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000 * fuzzScale,
  },
});
