import type { Command } from 'commander';
import { summarizeNetwork, trainingMemory } from '../../core/index.js';
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

/** Flags that describe the network or its budget; with a budget file, the file says all of that. */
const NETWORK_AND_BUDGET_KEYS = optionKeysOf('check').filter(describesNetworkOrBudget);

function targetFromFlags(parsed: Options<'check'>): CheckTarget {
  const budget = budgetOf(parsed);
  if (Object.keys(budget).length === 0) {
    throw new UsageError(`check needs a budget: give at least one of ${budgetFlagList()} (e.g. --max-params 40M), or a budget file.`);
  }
  const options = toNetworkOptions(parsed);
  const summary = summarizeNetwork(options);
  const training = trainingMemory(summary.totals, summary.model.classes, { batch: parsed.batch, optimizer: parsed.optimizer });
  return { name: summary.model.name, summary, dataset: namedDataset(options), budget, training };
}

async function targetsFromFile(path: string, raw: Record<string, unknown>, ctx: CliContext): Promise<CheckTarget[]> {
  const mixed = givenFlags(raw, NETWORK_AND_BUDGET_KEYS);
  if (mixed.length > 0) {
    const source = path === STDIN_PATH ? 'standard input' : quote(path);
    throw new UsageError(
      `${mixed.join(', ')} cannot be combined with a budget file (${source}); put the network and its budget in the file.`,
    );
  }
  const { loadBudgetFile } = await import('../config.js');
  return loadBudgetFile(path, ctx);
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

/** Everything is validated and computed before anything is rendered: nothing partial on stdout. */
async function runCheck(file: string | undefined, raw: Record<string, unknown>, ctx: CliContext): Promise<void> {
  const parsed = parseOptions('check', raw);
  const format = chooseFormat('check', raw);
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
  return addOptions(command, 'check').action(async (file: string | undefined, raw: Record<string, unknown>) => runCheck(file, raw, ctx));
}
