import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { budgetFileArb, pathText } from './budget-files.js';
import type { BudgetFileCase } from './budget-files.js';
import { contractViolation } from './cli-invariants.js';
import type { OutputFormat } from './cli-invariants.js';
import { prototypeSnapshot } from './prototype.js';
import { FUZZ_SEED, fuzzRuns, fuzzTimeout } from './settings.js';

/*
 * Budget files for `wrn-calc check`, generated: one wrong value at a
 * known JSON path, unknown keys such as __proto__ and constructor, damaged text,
 * and valid files. A broken file must exit 2 naming the file and the path, with
 * nothing on stdout; a valid one must give a report. Nothing may reach
 * Object.prototype. (Files on disk, huge and deep ones: config-files.test.ts.)
 */

const FILE = 'budgets.json';
const RUNS = fuzzRuns(3_000);

/** `budgets.json: budget.Infinityparams: unknown key`: a JSON path is the file's own keys, echoed without quotes. */
const JSON_PATH = /^(wrn-calc: budgets\.json: )((?:[A-Za-z_$][\w$…]*|\.[A-Za-z_$][\w$…]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])+)/;

async function problem(fuzz: BudgetFileCase, format: OutputFormat): Promise<string | undefined> {
  const argv = ['check', FILE, ...(format === 'json' ? ['--json'] : format === 'markdown' ? ['--format', 'markdown'] : [])];
  const result = await runCli(argv, { files: { [FILE]: fuzz.text } });
  const withoutPath = { ...result, stderr: result.stderr.replace(JSON_PATH, '$1<path>') };
  const strings = fuzz.text.match(/"(?:[^"\\]|\\.)*"/g)?.map((literal) => literal.slice(1, -1)) ?? [];
  const broken = contractViolation(withoutPath, { argv, format, mayExceedBudget: true, inputs: [fuzz.text, ...strings] });
  if (broken !== undefined) return broken;
  if (fuzz.path === undefined) {
    if (fuzz.description === 'a valid file' && result.exitCode === 2) return `a valid file was refused: ${result.stderr}`;
    return result.exitCode === 2 && !result.stderr.startsWith(`wrn-calc: ${FILE}`) ? 'the message does not name the file' : undefined;
  }
  if (result.exitCode !== 2) return `exit ${result.exitCode} for an invalid file`;
  // The message names the file and the JSON path of the wrong value (or of its enclosing field).
  const expected = `wrn-calc: ${FILE}: ${pathText(fuzz.path)}`;
  return result.stderr.startsWith(expected) ? undefined : `expected the message to start with ${JSON.stringify(expected)}`;
}

describe('budget file fuzzing (fast-check, fixed seed)', () => {
  it(
    `${RUNS} generated budget files: a broken one exits 2 naming the file and the JSON path; nothing reaches Object.prototype`,
    async () => {
      const before = prototypeSnapshot();
      await fc.assert(
        fc.asyncProperty(budgetFileArb, fc.constantFrom<OutputFormat>('table', 'json', 'markdown'), async (fuzz, format) => {
          const found = await problem(fuzz, format);
          if (found !== undefined) throw new Error(`${found}\nfile (${fuzz.description}): ${fuzz.text.slice(0, 300)}`);
          if (prototypeSnapshot() !== before) throw new Error(`Object.prototype changed after ${fuzz.description}`);
        }),
        { seed: FUZZ_SEED, numRuns: RUNS },
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(prototypeSnapshot()).toBe(before);
    },
    fuzzTimeout(RUNS),
  );
});
