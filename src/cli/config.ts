import { groupThousands, isWrnError, summarizeNetwork, trainingMemory } from '../core/index.js';
import type { Budget } from '../core/index.js';
import type { CheckTarget } from './check-report.js';
import { describeConfigIssues } from './config-issues.js';
import { BUDGET_FILE_KEYS, configSchema } from './config-schema.js';
import { showValue } from './file-fields.js';
import type { BudgetConfig, ModelConfig } from './config-schema.js';
import { STDIN_PATH } from './context.js';
import type { CliContext } from './context.js';
import { UsageError } from './errors.js';
import { namedDataset, toNetworkOptions } from './network-options.js';
import type { ParsedNetworkOptions } from './network-options.js';
import { escapeControl, quote } from './quote.js';

/*
 * Reading a budget file is all-or-nothing: the file is read, parsed, validated
 * and every model computed before anything is reported, so a broken file never
 * prints half a report (exit 2, stdout empty).
 */

/** The file does not exist: `check` may then read its argument as a model name instead. */
export class MissingFileError extends UsageError {}

/** Valid JSON that is something else than a budget file; `schema` when it is the budget file's own JSON Schema. */
export class NotABudgetFileError extends UsageError {
  constructor(
    message: string,
    readonly schema: boolean,
  ) {
    super(message);
  }
}

/**
 * The largest budget file `check` reads. A budget file is a few hundred bytes; 1 MiB
 * holds thousands of models, and anything larger is a mistake (a wrong path, a log,
 * a dataset) that should be refused at once rather than parsed into memory.
 */
export const MAX_BUDGET_FILE_BYTES = 1024 * 1024;

const TOO_LARGE = `it is larger than 1 MiB (${groupThousands(MAX_BUDGET_FILE_BYTES)} bytes), the most a budget file may have`;

/** How messages name the budget file: `'budgets.json'`, or standard input. */
function describeSource(path: string): string {
  return path === STDIN_PATH ? 'from standard input' : quote(path);
}

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many levels of symbolic links',
  EFBIG: TOO_LARGE,
};

async function readText(path: string, ctx: Pick<CliContext, 'readFile'>): Promise<string> {
  let text: string;
  try {
    text = await ctx.readFile(path, MAX_BUDGET_FILE_BYTES);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const reason =
      (typeof code === 'string' ? READ_ERRORS[code] : undefined) ?? escapeControl(error instanceof Error ? error.message : String(error));
    const message = `cannot read the budget file ${describeSource(path)}: ${reason}.`;
    throw code === 'ENOENT' ? new MissingFileError(message) : new UsageError(message);
  }
  // A reader that ignores the limit is held to it here (UTF-16 length ≤ UTF-8 bytes, so this never refuses a file that fits).
  if (text.length > MAX_BUDGET_FILE_BYTES) throw new UsageError(`cannot read the budget file ${describeSource(path)}: ${TOO_LARGE}.`);
  return text;
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  return `line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`;
}

/** JSON.parse's message on one line, without the echo of the file V8 adds, and with a line and column. */
function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error))
      .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')
      .replace(/\s+/g, ' ');
    const position = /at position (\d+)/.exec(message);
    const where = position ? ` (${lineAndColumn(text, Number(position[1]))})` : '';
    // V8 quotes the offending character raw (a NUL, an escape): escape it, as any echo of input.
    throw new UsageError(`${path} is not valid JSON: ${escapeControl(message)}${where}.`);
  }
}

/**
 * A JSON object that is plainly no budget file: a JSON Schema (the budget file's own,
 * saved beside it, is the likely one in `check *.json`), or an object with none of a
 * budget file's keys (a package.json). Anything else is validated, and its problems named.
 */
function notABudgetFile(file: string, json: unknown): NotABudgetFileError | undefined {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const object = json as Record<string, unknown>;
  const schema = typeof object.$schema === 'string' && /json-schema\.org/.test(object.$schema);
  if (schema && object.title === 'wrn-calc budget file') {
    return new NotABudgetFileError(
      `${file} is the JSON Schema of budget files (what wrn-calc schema prints), not a budget file; give the budget files that point to it.`,
      true,
    );
  }
  if (schema) return new NotABudgetFileError(`${file} is a JSON Schema, not a budget file.`, false);
  const keys = Object.keys(object);
  if (keys.length === 0 || keys.some((key) => BUDGET_FILE_KEYS.includes(key))) return undefined;
  const named = keys.slice(0, 3).map(showValue).join(', ') + (keys.length > 3 ? ', …' : '');
  return new NotABudgetFileError(
    `${file} is not a budget file: it has none of a budget file's keys (${BUDGET_FILE_KEYS.map((key) => `"${key}"`).join(', ')}), but ${named}.`,
    false,
  );
}

function modelLabel(index: number, model: ModelConfig): string {
  return `models[${index}]${model.name === undefined ? '' : ` (${showValue(model.name)})`}`;
}

/** Names are how the report and the annotations tell models apart, so a file may not repeat one. */
function checkNames(path: string, config: BudgetConfig): void {
  const seen = new Map<string, number>();
  config.models.forEach((model, index) => {
    if (model.name === undefined) return;
    const first = seen.get(model.name);
    if (first !== undefined) {
      throw new UsageError(
        `${path}: models[${index}].name: ${showValue(model.name)} is already the name of models[${first}]; give each model its own name.`,
      );
    }
    seen.set(model.name, index);
  });
}

/** A model's budget: the shared one, each metric overridden by the model's own. */
export function mergeBudgets(shared: Budget | undefined, own: Budget | undefined): Budget {
  return { ...shared, ...own };
}

function toTarget(path: string, config: BudgetConfig, model: ModelConfig, index: number): CheckTarget {
  const budget = mergeBudgets(config.budget, model.budget);
  const label = modelLabel(index, model);
  if (Object.keys(budget).length === 0) {
    throw new UsageError(`${path}: ${label}: no budget applies to this model; add "budget" at the top level or to the model.`);
  }
  const { name, budget: _own, ...network } = model;
  try {
    // No depth or k defaults in a file: a budget should say which network it guards.
    // The fields are the option table's (options.ts), so they parse to what the command line's flags do.
    const parsed = network as ParsedNetworkOptions;
    const options = toNetworkOptions(parsed, 'none', (key) => `"${key}"`);
    const summary = summarizeNetwork(options);
    // The model's batch and optimizer, else the file's shared ones.
    const training = trainingMemory(summary.totals, summary.model.classes, {
      batch: parsed.batch ?? config.batch,
      optimizer: parsed.optimizer ?? config.optimizer,
    });
    return { name: name ?? summary.model.name, summary, dataset: namedDataset(options), budget, training };
  } catch (error) {
    if (isWrnError(error) || error instanceof UsageError) throw new UsageError(`${path}: ${label}: ${error.message}`);
    throw error;
  }
}

/** The checked models of a budget file, or a UsageError naming the file, the JSON path and the problem. */
export async function loadBudgetFile(path: string, ctx: Pick<CliContext, 'readFile'>): Promise<CheckTarget[]> {
  const text = await readText(path, ctx);
  // The file name begins every message below: one line, whatever characters the path has.
  const shown = path === STDIN_PATH ? 'standard input' : escapeControl(path);
  const json = parseJson(shown, text);
  const other = notABudgetFile(shown, json);
  if (other !== undefined) throw other;
  const result = configSchema.safeParse(json);
  if (!result.success) throw new UsageError(describeConfigIssues(shown, result.error.issues));
  const config = result.data;
  checkNames(shown, config);
  return config.models.map((model, index) => ({ ...toTarget(shown, config, model, index), file: path }));
}
