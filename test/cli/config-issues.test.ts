import { describe, expect, it } from 'vitest';
import { describeConfigIssues, formatConfigIssue, formatJsonPath } from '../../src/cli/config-issues.js';
import { configSchema } from '../../src/cli/config-schema.js';
import { showValue } from '../../src/cli/file-fields.js';

/*
 * How a budget file's problems are named: the JSON path as people write it in
 * JavaScript, the first problem, and how many more there are(one
 * sentence on stderr).
 */

function issuesOf(config: unknown) {
  const result = configSchema.safeParse(config);
  if (result.success) throw new Error('expected the config to be refused');
  return result.error.issues;
}

describe('formatJsonPath', () => {
  it.each([
    [[], ''],
    [['models', 1, 'budget', 'params'], 'models[1].budget.params'],
    [['$schema'], '$schema'],
    [['_private', 'a1'], '_private.a1'],
    [['odd key'], '["odd key"]'],
    [['models', 0, 'a-b'], 'models[0]["a-b"]'],
    [['budget', '1abc'], 'budget["1abc"]'],
    [['budget', ''], 'budget[""]'],
    [['budget', 'say "hi"'], 'budget["say \\"hi\\""]'],
  ] as const)('%j → %s', (path, text) => {
    expect(formatJsonPath(path)).toBe(text);
  });

  it('a key of 40 characters is shown whole; a longer one is cut after 40', () => {
    const forty = 'k'.repeat(40);
    expect(formatJsonPath(['budget', forty])).toBe(`budget.${forty}`);
    expect(formatJsonPath(['budget', `${forty}x`])).toBe(`budget.${forty}…`);
  });

  it('a symbol key (zod allows them) is shown, not thrown on', () => {
    expect(formatJsonPath(['budget', Symbol('s')])).toBe('budget["Symbol(s)"]');
  });
});

describe('unknown keys', () => {
  const unknownKeys = (count: number) =>
    describeConfigIssues(
      'b.json',
      issuesOf({ models: [{ k: 1, depth: 10, ...Object.fromEntries(Array.from({ length: count }, (_, i) => [`x${i}`, 1])) }] }),
    );

  it('up to five are named; beyond that, how many more', () => {
    expect(unknownKeys(5)).toMatch(/^b\.json: models\[0\]: unknown keys "x0", "x1", "x2", "x3", "x4"; a model takes "name", /);
    expect(unknownKeys(6)).toMatch(/^b\.json: models\[0\]: unknown keys "x0", "x1", "x2", "x3", "x4" and 1 more; a model takes /);
  });
});

describe('describeConfigIssues', () => {
  it('the first problem with its path, then every other one on its own line, none hidden', () => {
    const one = issuesOf({ models: [{ k: '10' }] });
    expect(describeConfigIssues('b.json', one)).toBe('b.json: models[0].k: expected a positive number, got "10".');
    const three = issuesOf({ models: [{ k: '10' }, { k: '11' }, { k: '12' }] });
    expect(describeConfigIssues('b.json', three).split('\n')).toEqual([
      'b.json: models[0].k: expected a positive number, got "10".',
      '(also b.json: models[1].k: expected a positive number, got "11")',
      '(also b.json: models[2].k: expected a positive number, got "12")',
    ]);
  });

  it('a problem of the whole file has no path; no problem at all still makes a sentence', () => {
    expect(formatConfigIssue(issuesOf(7)[0]!)).toBe('expected a budget file (a JSON object), got 7');
    expect(describeConfigIssues('b.json', [])).toBe('b.json: invalid budget file.');
  });

  it('a missing required object is "missing", and a value shown for nothing says so', () => {
    expect(describeConfigIssues('b.json', issuesOf(undefined))).toBe('b.json: is missing; expected a budget file (a JSON object).');
    expect(showValue(undefined)).toBe('nothing');
  });
});
