import type { Command } from 'commander';
import * as z from 'zod/mini';
import { summarizeNetwork, trainingMemory } from '../../core/index.js';
import { budgetFlagsSchema, toBudget } from '../budget-flags.js';
import type { ParsedBudgetFlags } from '../budget-flags.js';
import { BUDGET_FLAGS, addBudgetOptions, budgetFlagList } from '../budget-options.js';
import { evaluateCheck } from '../check-report.js';
import type { CheckReport, CheckTarget } from '../check-report.js';
import { STDIN_PATH } from '../context.js';
import type { CliContext } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { formatFlagsSchema, outputFormat } from '../format-flags.js';
import { namedDataset, parseOrThrow, toNetworkOptions } from '../network-options.js';
import { addNetworkOptions, networkOptionsSchema, optionKeysOf } from '../options.js';
import type { ParsedNetworkOptions } from '../options.js';
import { addFormatOptions } from '../output-format.js';
import type { OutputFormat } from '../output-format.js';
import { SUBCOMMAND_DESCRIPTIONS } from './descriptions.js';
import { terminalOutput } from '../layout.js';
import { quote } from '../quote.js';

const otherFlagsSchema = z.object({ ...budgetFlagsSchema.shape, ...formatFlagsSchema.shape });

/** Flags that describe the network or its budget; with a budget file, the file says all of that. */
const NETWORK_AND_BUDGET_KEYS = [...optionKeysOf('check'), ...Object.values(BUDGET_FLAGS).map((flag) => flag.key)];

function targetFromFlags(parsed: ParsedNetworkOptions & ParsedBudgetFlags): CheckTarget {
  const budget = toBudget(parsed);
  if (Object.keys(budget).length === 0) {
    throw new UsageError(`check needs a budget: give at least one of ${budgetFlagList()} (e.g. --max-params 40M), or a budget file.`);
  }
  const options = toNetworkOptions(parsed);
  const summary = summarizeNetwork(options);
  const training = trainingMemory(summary.totals, summary.model.classes, { batch: parsed.batch, optimizer: parsed.optimizer });
  return { name: summary.model.name, summary, dataset: namedDataset(options), budget, training };
}

function kebab(key: string): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

async function targetsFromFile(path: string, raw: Record<string, unknown>, ctx: CliContext): Promise<CheckTarget[]> {
  const mixed = NETWORK_AND_BUDGET_KEYS.filter((key) => raw[key] !== undefined);
  if (mixed.length > 0) {
    const source = path === STDIN_PATH ? 'standard input' : quote(path);
    throw new UsageError(
      `${mixed.map(kebab).join(', ')} cannot be combined with a budget file (${source}); put the network and its budget in the file.`,
    );
  }
  const { loadBudgetFile } = await import('../config.js');
  return loadBudgetFile(path, ctx);
}

async function render(report: CheckReport, format: OutputFormat, color: boolean | undefined, ctx: CliContext): Promise<string> {
  if (format === 'json') {
    const [{ checkToJson }, { renderJson }] = await Promise.all([import('../render/check-json.js'), import('../render/json.js')]);
    return renderJson(checkToJson(report));
  }
  const { renderCheckMarkdown, renderCheckTable } = await import('../render/check.js');
  if (format === 'markdown') return renderCheckMarkdown(report);
  const { paint, layout } = await terminalOutput(ctx, color);
  return renderCheckTable(report, paint, layout);
}

/** Everything is validated and computed before anything is rendered: nothing partial on stdout. */
async function runCheck(file: string | undefined, raw: Record<string, unknown>, ctx: CliContext): Promise<void> {
  const parsed = { ...parseOrThrow(networkOptionsSchema('check'), raw), ...parseOrThrow(otherFlagsSchema, raw) };
  const format = outputFormat(parsed);
  const targets = file === undefined ? [targetFromFlags(parsed)] : await targetsFromFile(file, raw, ctx);
  // Annotations point at the budget file; one read from standard input has no path to point at.
  const report = evaluateCheck(targets, file === STDIN_PATH ? undefined : file);
  const output = await render(report, format, parsed.color, ctx);
  if (ctx.env.GITHUB_ACTIONS === 'true' && !report.ok) {
    const { githubAnnotations } = await import('../render/annotations.js');
    ctx.stderr += githubAnnotations(report);
  }
  ctx.stdout = output;
  ctx.exitCode = report.ok ? EXIT.ok : EXIT.overBudget;
}

/** `wrn-calc check`: a network and budget from flags, or a budget file. */
export function configureCheck(program: Command, ctx: CliContext): Command {
  const command = program
    .command('check')
    .description(SUBCOMMAND_DESCRIPTIONS.check)
    .argument(
      '[budget-file]',
      'a JSON budget file (see wrn-calc schema), or - for standard input; instead of the network and --max-* flags',
    );
  addNetworkOptions(command, 'check');
  addBudgetOptions(command);
  addFormatOptions(command);
  return command.action(async (file: string | undefined, raw: Record<string, unknown>) => runCheck(file, raw, ctx));
}
