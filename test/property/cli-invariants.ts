import type { RunResult } from '../../src/cli/run.js';

/*
 * The contract every run of the CLI keeps, whatever it is given (docs/output.md and docs/errors.md):
 * exit 0 with a complete, parseable output; exit 1 only from `check`; or exit 2
 * with a short message on stderr and nothing on stdout. Never another code, a
 * stack trace, or NaN / Infinity / undefined / [object Object] of our own making.
 *
 * `contractViolation` returns why a run breaks the contract, or undefined, so that
 * fast-check reports (and shrinks to) the argv together with the reason.
 */

export type OutputFormat = 'table' | 'json' | 'markdown' | 'csv' | 'help';

export interface RunFacts {
  readonly argv: readonly string[];
  /** The output the argv asks for when it succeeds. */
  readonly format: OutputFormat;
  /** Whether exit 1 is allowed: `check` is the only command that reports "over budget". */
  readonly mayExceedBudget: boolean;
  /** Other input the CLI may quote back besides argv: a budget file's text, and its strings (model names reach the report). */
  readonly inputs?: readonly string[];
  /** What else a JSON output must satisfy for this argv (the numbers used are the numbers given, ...). */
  readonly checkJson?: (json: unknown) => string | undefined;
}

/** `--debug` asks for the stack trace after the message: then only the message line is held to the contract. */
function messageOf(stderr: string, argv: readonly string[]): string {
  if (!argv.includes('--debug')) return stderr;
  const trace = stderr.search(/\n\w*Error: [\s\S]*?\n\s+at /);
  return trace === -1 ? stderr : stderr.slice(0, trace + 1);
}

const FORBIDDEN = /NaN|Infinity|undefined|\[object Object\]/;
const STACK_TRACE = /\n\s+at /;

/** Count-like JSON keys: their values must be non-negative safe integers. */
const COUNT_KEY = /^(params|buffers|macs|flops|activationElements|paramBytes|paramBytesFp(16|32)|activationBytesFp(16|32)|value|budget)$/;
/** Where the renderers write null on purpose ("does not apply"); anywhere else a null is a NaN that JSON.stringify hid. */
const NULLABLE_KEY = /^(kernel|stride|padding|k|dataset|kExponent|rows|perBlockPerGroup|memoryBytes|maxBatch)$/;

/** Control characters are echoed escaped (\n, \u001b, ...), the way the CLI quotes user input. */
export function escapeControl(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function jsonProblem(value: unknown, key: string, path: string): string | undefined {
  if (value === null)
    return NULLABLE_KEY.test(key) ? undefined : `null at ${path} (a NaN or Infinity that JSON.stringify turned into null?)`;
  if (typeof value === 'number') {
    if (COUNT_KEY.test(key) && !(Number.isSafeInteger(value) && value >= 0))
      return `count ${path} = ${value} is not a non-negative safe integer`;
    return undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = jsonProblem(item, key, `${path}[${index}]`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    for (const [name, item] of Object.entries(value)) {
      const problem = jsonProblem(item, name, `${path}.${name}`);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

/** Fields per record of RFC 4180 CSV (quoted fields may hold commas and line breaks). */
export function csvFieldCounts(text: string): number[] {
  const counts: number[] = [];
  let fields = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') fields++;
    else if (c === '\n') {
      counts.push(fields);
      fields = 1;
    }
  }
  return counts;
}

function csvProblem(stdout: string): string | undefined {
  const widths = new Set(csvFieldCounts(stdout));
  return widths.size === 1 ? undefined : `CSV records have different field counts: ${[...widths].join(', ')}`;
}

function successProblem(result: RunResult, facts: RunFacts): string | undefined {
  const { stdout } = result;
  if (stdout.trim() === '') return 'exit 0 with an empty stdout';
  if (!stdout.endsWith('\n')) return 'stdout does not end with a newline (cut short?)';
  // A model named "NaN" in a budget file is the user's word, not ours.
  const own = (facts.inputs ?? []).filter((input) => FORBIDDEN.test(input)).reduce((text, input) => text.split(input).join(''), stdout);
  if (FORBIDDEN.test(own)) return `stdout contains ${FORBIDDEN.exec(own)?.[0]}`;
  if (facts.format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(stdout);
    } catch (error) {
      return `--json output does not parse: ${String(error)}`;
    }
    return jsonProblem(parsed, '', '$') ?? facts.checkJson?.(parsed);
  }
  if (facts.format === 'csv') return csvProblem(stdout);
  return undefined;
}

/**
 * stderr may quote the user's own values back (`got 'NaN'`), so quoted text that
 * comes from argv is set aside before looking for words the CLI itself must never write.
 */
function withoutEchoes(stderr: string, inputs: readonly string[]): string {
  const sources = inputs.flatMap((input) => [input, escapeControl(input)]);
  return stderr.replace(/'([^'\n]*)'|"([^"\n]*)"/g, (quoted, single: string | undefined, double: string | undefined) => {
    // A long value is quoted cut short, ending in an ellipsis.
    const inner = (single ?? double ?? '').replace(/…$/, '');
    return sources.some((source) => source.includes(inner)) ? "''" : quoted;
  });
}

function stderrProblem(stderr: string, inputs: readonly string[]): string | undefined {
  if (STACK_TRACE.test(stderr)) return 'stderr has a stack trace';
  const own = withoutEchoes(stderr, inputs);
  if (FORBIDDEN.test(own)) return `stderr contains ${FORBIDDEN.exec(own)?.[0]} outside an echo of the input`;
  return undefined;
}

function usageProblem(result: RunResult): string | undefined {
  if (result.stdout !== '') return 'exit 2 with output on stdout';
  const lines = result.stderr.replace(/\n$/, '').split('\n');
  const [first = '', ...rest] = lines;
  if (!result.stderr.endsWith('\n')) return 'the message does not end with a newline';
  if (!first.startsWith('wrn-calc: ') || first.length <= 'wrn-calc: '.length)
    return `the message does not start with "wrn-calc: ": ${JSON.stringify(first)}`;
  // One sentence; only a budget file's further problems follow, each on its own "(also …)" line.
  if (!rest.every((line) => /^\(also .*\)$/.test(line))) return `the message has more than one line: ${JSON.stringify(result.stderr)}`;
  if (first.length > 2_000) return `the message is ${first.length} characters long`;
  return undefined;
}

export function contractViolation(full: RunResult, facts: RunFacts): string | undefined {
  const result = { ...full, stderr: messageOf(full.stderr, facts.argv) };
  const stderr = stderrProblem(result.stderr, [...facts.argv, ...(facts.inputs ?? [])]);
  if (stderr !== undefined) return stderr;
  switch (result.exitCode) {
    case 0:
      return successProblem(result, facts);
    case 1:
      if (!facts.mayExceedBudget) return 'exit 1 from a command that has no budget';
      return successProblem(result, facts);
    case 2:
      return usageProblem(result);
    default:
      return `exit ${result.exitCode}: ${result.stderr.slice(0, 500)}`;
  }
}
