import type { Command } from 'commander';
import { isWrnError, resolveModelName, summarizeNetwork, trainingMemory } from '../../core/index.js';
import { evaluateCheck } from '../check-report.js';
import type { CheckReport, CheckTarget } from '../check-report.js';
import { STDIN_PATH } from '../context.js';
import type { CliContext } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { namedDataset, toNetworkOptions } from '../network-options.js';
import {
  addOptions,
  budgetFlagList,
  budgetOf,
  chooseFormat,
  describesNetworkOrBudget,
  givenFlags,
  optionKeysOf,
  parseOptions,
} from '../options.js';
import type { FormatOf, Options } from '../options.js';
import { SUBCOMMAND_DESCRIPTIONS } from './descriptions.js';
import { terminalOutput } from '../layout.js';
import { quote } from '../quote.js';
import { listOr } from '../suggest.js';
import { modelNameProblem } from '../values.js';

/** Flags that describe the network or its budget; with a budget file, the file says all of that. */
const NETWORK_AND_BUDGET_KEYS = optionKeysOf('check').filter(describesNetworkOrBudget);

function targetFromFlags(parsed: Options<'check'>): CheckTarget {
  const budget = budgetOf(parsed);
  if (Object.keys(budget).length === 0) {
    const example = parsed.model === undefined ? '--max-params 40M' : `wrn-calc check ${parsed.model} --max-params 40M`;
    throw new UsageError(`check needs a budget: give at least one of ${budgetFlagList()} (e.g. ${example}), or a budget file.`);
  }
  const options = toNetworkOptions(parsed);
  const summary = summarizeNetwork(options);
  const training = trainingMemory(summary.totals, summary.model.classes, { batch: parsed.batch, optimizer: parsed.optimizer });
  return { name: summary.model.name, summary, dataset: namedDataset(options), budget, training };
}

/** A budget file (`budgets.json`, `-`, a path), or a model name as for the summary (`WRN-28-10`, `resnet50`). */
type Argument = { readonly file: string } | { readonly model: string };

function looksLikeFile(word: string): boolean {
  return word === STDIN_PATH || /\.json$/i.test(word) || /[/\\]/.test(word);
}

function isModelName(word: string): boolean {
  if (modelNameProblem(word) !== undefined) return false;
  try {
    resolveModelName(word);
    return true;
  } catch {
    return false;
  }
}

/** Each argument as a budget file or a model: a path or a known model name says which; anything else is read as a file. */
function classify(words: readonly string[]): Argument[] {
  return words.map((word) => (!looksLikeFile(word) && isModelName(word) ? { model: word } : { file: word }));
}

/**
 * A word that is neither a file nor a model (`check resnet5`): the file's absence
 * is not the whole story, so the sentence offers the models it is close to.
 */
function neitherFileNorModel(word: string): UsageError {
  let close = '';
  try {
    resolveModelName(word);
  } catch (error) {
    if (isWrnError(error) && error.issue.code === 'UNKNOWN_MODEL' && error.issue.suggestions.length > 0)
      close = ` (did you mean ${listOr(error.issue.suggestions)}?)`;
  }
  return new UsageError(
    `${quote(word)} is neither a budget file nor a known model${close}; give budget files (wrn-calc check budgets.json) or models with a budget (wrn-calc check WRN-28-10 --max-params 40M).`,
  );
}

/**
 * Every budget file's models; every file's problem named, none printed until all
 * were read. A word that is neither a file nor a model is named first, then flags
 * that a budget file would ignore, then the files' own problems.
 */
async function targetsFromFiles(paths: readonly string[], raw: Record<string, unknown>, ctx: CliContext): Promise<CheckTarget[]> {
  const { MissingFileError, NotABudgetFileError, loadBudgetFile } = await import('../config.js');
  const targets: CheckTarget[] = [];
  const unknown: string[] = [];
  const problems: string[] = [];
  const schemas: string[] = [];
  for (const path of paths) {
    try {
      targets.push(...(await loadBudgetFile(path, ctx)));
    } catch (error) {
      if (error instanceof NotABudgetFileError && error.schema && paths.length > 1) schemas.push(error.message);
      else if (error instanceof MissingFileError && !looksLikeFile(path)) unknown.push(neitherFileNorModel(path).message);
      else if (error instanceof UsageError) problems.push(error.message);
      else throw error;
    }
  }
  const mixed = givenFlags(raw, NETWORK_AND_BUDGET_KEYS);
  if (unknown.length === 0 && mixed.length > 0) {
    const sources = paths.map((path) => (path === STDIN_PATH ? 'standard input' : quote(path))).join(', ');
    throw new UsageError(
      `${mixed.join(', ')} cannot be combined with a budget file (${sources}); put the network and its budget in the file.`,
    );
  }
  const all = [...unknown, ...problems, ...(targets.length === 0 ? schemas : [])];
  if (all.length > 0) throw new UsageError(all.map((problem, index) => (index === 0 ? problem : alsoLines(problem))).join('\n'));
  // A budget file's JSON Schema beside it is what `check *.json` meets: it is skipped, and said so.
  ctx.stderr += schemas.map((schema) => `wrn-calc: skipped: ${schema}\n`).join('');
  return targets;
}

/** A further problem, as the lines after an error are written: `(also …)`. */
function alsoLines(problem: string): string {
  return problem
    .split('\n')
    .map((line) => (line.startsWith('(') ? line : `(also ${line.replace(/\.$/, '')})`))
    .join('\n');
}

async function render(report: CheckReport, format: FormatOf<'check'>, color: boolean | undefined, ctx: CliContext): Promise<string> {
  if (format === 'json') {
    const [{ checkToJson }, { renderJson }] = await Promise.all([import('../render/check-json.js'), import('../render/json.js')]);
    return renderJson(checkToJson(report));
  }
  const { renderCheckMarkdown, renderCheckTable } = await import('../render/check.js');
  if (format === 'markdown') return renderCheckMarkdown(report);
  const { paint, layout } = await terminalOutput(ctx, color);
  return renderCheckTable(report, paint, layout);
}

/** The networks to check: budget files, or models (or the flags' one network) against the flags' budget. */
async function targetsOf(words: readonly string[], parsed: Options<'check'>, raw: Record<string, unknown>, ctx: CliContext) {
  const args = classify(words);
  const files = args.flatMap((arg) => ('file' in arg ? [arg.file] : []));
  const models = args.flatMap((arg) => ('model' in arg ? [arg.model] : []));
  if (files.length > 0 && models.length > 0) {
    throw new UsageError(
      `check takes budget files or model names, not both: ${files.map(quote).join(', ')} ${files.length === 1 ? 'is a file' : 'are files'} and ${models.map(quote).join(', ')} ${models.length === 1 ? 'a model' : 'models'}.`,
    );
  }
  if (files.length > 0) return targetsFromFiles(files, raw, ctx);
  if (models.length > 0 && parsed.model !== undefined) {
    throw new UsageError(`--model ${quote(parsed.model)} and the model argument both name a network; give one of them.`);
  }
  return models.length === 0 ? [targetFromFlags(parsed)] : models.map((model) => targetFromFlags({ ...parsed, model }));
}

/** Everything is validated and computed before anything is rendered: nothing partial on stdout. */
async function runCheck(words: readonly string[], raw: Record<string, unknown>, ctx: CliContext): Promise<void> {
  const parsed = parseOptions('check', raw);
  const format = chooseFormat('check', raw);
  const report = evaluateCheck(await targetsOf(words, parsed, raw, ctx));
  const output = await render(report, format, parsed.color, ctx);
  if (ctx.env.GITHUB_ACTIONS === 'true' && !report.ok) {
    const { githubAnnotations } = await import('../render/annotations.js');
    ctx.stderr += githubAnnotations(report);
  }
  ctx.stdout = output;
  ctx.exitCode = report.ok ? EXIT.ok : EXIT.overBudget;
}

/** `wrn-calc check`: networks against budgets, from budget files, or from models or flags and the --max-* flags. */
export function configureCheck(program: Command, ctx: CliContext): Command {
  const command = program
    .command('check')
    .description(SUBCOMMAND_DESCRIPTIONS.check)
    .argument(
      '[files-or-models...]',
      'JSON budget files (see wrn-calc schema; - for standard input), or model names as for the summary (WRN-28-10, resnet50) with --max-* flags',
    );
  return addOptions(command, 'check').action(async (words: string[], raw: Record<string, unknown>) => runCheck(words, raw, ctx));
}
