import type { Command } from 'commander';
import * as z from 'zod/mini';
import { buildNetwork, isWrnError, summarizeNetwork, trainingMemory } from '../../core/index.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { modelNameFlag } from '../file-fields.js';
import { terminalOutput } from '../layout.js';
import { namedDataset, parseOrThrow, toNetworkOptions } from '../network-options.js';
import { oneOf } from '../numbers.js';
import { addNetworkOptions, flagOf, networkOptionsSchema } from '../options.js';
import type { NetworkOptionKey } from '../options.js';
import { addColorOptions } from '../output-format.js';
import { quote } from '../quote.js';
import type { CompareEntry } from '../render/compare.js';
import { SUBCOMMAND_DESCRIPTIONS } from './descriptions.js';
import { addChartOptions, chartFlagsSchema, chartReplacesOutput, checkChartFlags, emitChart } from '../charts.js';

export const COMPARE_FORMATS = ['table', 'markdown', 'csv', 'json'] as const;

const compareFlags = z.object({
  format: z.optional(oneOf('--format', COMPARE_FORMATS)),
  json: z.optional(z.boolean()),
  color: z.optional(z.boolean()),
  debug: z.optional(z.boolean()),
});

/**
 * Options the names set: each model is WRN-d-k or a preset, so a --depth, --k or
 * --blocks-per-group for all of them would replace what the names say. They are
 * refused (with a message, rather than commander's "unknown option"), and hidden from --help.
 */
const SET_BY_NAMES: readonly NetworkOptionKey[] = ['depth', 'k', 'blocksPerGroup'];

const modelName = modelNameFlag('Each model');

function chooseFormat(flags: z.output<typeof compareFlags>): (typeof COMPARE_FORMATS)[number] {
  if (flags.json === true && flags.format !== undefined && flags.format !== 'json') {
    throw new UsageError(`--json and --format ${flags.format} ask for different outputs; give one of them.`);
  }
  return flags.json === true ? 'json' : (flags.format ?? 'table');
}

/** Every network is resolved (and refused, naming it) before anything is printed. */
async function runCompare(names: readonly string[], raw: Record<string, unknown>, ctx: CliContext): Promise<void> {
  const given = SET_BY_NAMES.filter((key) => raw[key] !== undefined).map(flagOf);
  if (given.length > 0) {
    throw new UsageError(
      `${given.join(' and ')} ${given.length === 1 ? 'does' : 'do'} not apply to compare: each model's name sets its depth and k; name the networks instead, e.g. wrn-calc compare WRN-40-4 WRN-28-10.`,
    );
  }
  if (names.length < 2) {
    throw new UsageError(
      `compare needs at least two models, the first being the one the ratios are to; got ${names.length === 1 ? `only ${quote(names[0] ?? '')}` : 'none'}.`,
    );
  }
  const shape = parseOrThrow(networkOptionsSchema('compare'), raw);
  const flags = parseOrThrow(compareFlags, raw);
  const format = chooseFormat(flags);
  const chartFlags = parseOrThrow(chartFlagsSchema, raw);
  checkChartFlags(chartFlags, format === 'table' ? undefined : flags.json === true ? '--json' : `--format ${format}`);
  const resolved = names.map((name) => ({ name, options: toNetworkOptions({ ...shape, model: parseOrThrow(modelName, name) }) }));
  const entries: CompareEntry[] = resolved.map(({ name, options }) => ({
    summary: withName(name, () => summarizeNetwork(options)),
    dataset: namedDataset(options),
  }));
  if (!chartReplacesOutput(chartFlags)) await printComparison(ctx, format, flags.color, resolved, entries);
  const chartEntries = entries.map(({ summary, dataset }) => ({
    model: summary.model,
    totals: summary.totals,
    // A training step at compare's defaults (batch 1, momentum), as its JSON gives it.
    trainBytes: trainingMemory(summary.totals, summary.model.classes, {}).totalBytes,
    dataset,
  }));
  await emitChart(ctx, { ...chartFlags, color: flags.color }, { kind: 'compare', entries: chartEntries });
}

async function printComparison(
  ctx: CliContext,
  format: (typeof COMPARE_FORMATS)[number],
  color: boolean | undefined,
  resolved: readonly { name: string; options: ReturnType<typeof toNetworkOptions> }[],
  entries: readonly CompareEntry[],
): Promise<void> {
  if (format === 'json') {
    // The summary's JSON for each network, the training object at its defaults (batch 1, momentum) included.
    const { networkToJson, renderJson } = await import('../render/json.js');
    const documents = resolved.map(({ name, options }) => {
      const network = withName(name, () => buildNetwork(options));
      return { ...networkToJson(network, namedDataset(options)), training: trainingMemory(network.totals, network.model.classes, {}) };
    });
    ctx.stdout = renderJson(documents);
    return;
  }
  const { renderCompareCsv, renderCompareMarkdown, renderCompareTable } = await import('../render/compare.js');
  if (format === 'csv') ctx.stdout = renderCompareCsv(entries);
  else if (format === 'markdown') ctx.stdout = renderCompareMarkdown(entries);
  else {
    const { paint, layout } = await terminalOutput(ctx, color);
    ctx.stdout = renderCompareTable(entries, paint, layout);
  }
}

/** A network the core refuses is named, since the message alone (`Depth 27 does not fit …`) does not say which. */
function withName<T>(name: string, count: () => T): T {
  try {
    return count();
  } catch (error) {
    if (isWrnError(error) && error.issue.code !== 'UNKNOWN_MODEL') throw new UsageError(`${quote(name)}: ${error.message}`);
    throw error;
  }
}

/** `wrn-calc compare <model…>`: networks side by side, ratios to the first. */
export function configureCompare(program: Command, ctx: CliContext): Command {
  const command = program
    .command('compare')
    .description(SUBCOMMAND_DESCRIPTIONS.compare)
    .argument(
      '<model...>',
      'two or more networks: WRN-d-k (WRN-28-10) or presets (resnet50, wide_resnet50_2, resnet110, …); ratios are to the first',
    );
  addNetworkOptions(command, 'compare', SET_BY_NAMES);
  command
    .option('--format <format>', `${COMPARE_FORMATS.join(', ')} (default table)`)
    .option('--json', "same as --format json: an array of the summary's JSON objects, one per network");
  addChartOptions(command, 'bars of params, MACs and training memory per model, as ratios to the first');
  return addColorOptions(command)
    .option('--debug', 'show a stack trace on errors')
    .action(async (names: string[], raw: Record<string, unknown>) => runCompare(names, raw, ctx));
}
