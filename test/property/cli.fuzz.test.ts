import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { BUDGET_FILES, COMMANDS, fuzzCaseArb } from './argv-arbitraries.js';
import type { CommandName, FuzzCase } from './argv-arbitraries.js';
import { contractViolation } from './cli-invariants.js';
import { FUZZ_SEED, fuzzRuns, fuzzTimeout } from './settings.js';

/*
 * The CLI in process, fed generated argument vectors: every command,
 * valid and hostile values, repeated and conflicting flags, unknown options.
 * Whatever the argv, the run must keep the contract of cli-invariants.ts.
 * Fixed seed, so a failure reproduces and shrinks to a small argv;
 * FUZZ_RUNS=100000 for a longer run (settings.ts). Bugs it found have their
 * own tests in test/cli/hostile-regressions.test.ts.
 */

const RUNS = fuzzRuns(10_000);

describe('CLI fuzzing (fast-check, fixed seed)', () => {
  it(
    `${RUNS} generated argument vectors: exit 0 with complete output, 1 only from check, or 2 with one line on stderr`,
    async () => {
      // Which exits each command reached: a generator that only ever produced errors would test little.
      const exits = new Map<CommandName, Set<number>>();
      await fc.assert(
        fc.asyncProperty(fuzzCaseArb, async (fuzz: FuzzCase) => {
          const result = await runCli(fuzz.argv, { env: fuzz.env, tty: fuzz.tty, files: BUDGET_FILES });
          const problem = contractViolation(result, fuzz);
          if (problem !== undefined) throw new Error(`${problem}\nargv: ${JSON.stringify(fuzz.argv)}`);
          exits.set(fuzz.command, (exits.get(fuzz.command) ?? new Set()).add(result.exitCode));
        }),
        { seed: FUZZ_SEED, numRuns: RUNS },
      );
      for (const command of Object.keys(COMMANDS) as CommandName[]) {
        expect([...(exits.get(command) ?? [])].sort(), command).toEqual(command === 'check' ? [0, 1, 2] : [0, 2]);
      }
    },
    fuzzTimeout(RUNS),
  );
});
