import type { Command } from 'commander';
import { isWrnError, listLayers, summarizeNetwork, trainingMemory } from '../../core/index.js';
import { chartReplacesOutput, checkChartFlags, emitChart } from '../charts.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { terminalOutput } from '../layout.js';
import { namedDataset, toNetworkOptions } from '../network-options.js';
import { addOptions, chooseFormat, givenFlags, isHiddenOn, optionKeysOf, parseOptions, parseOrThrow } from '../options.js';
import type { FormatOf, OptionKey } from '../options.js';
import { quote } from '../quote.js';
import type { CompareEntry } from '../render/compare.js';
import { modelName, stringParser } from '../values.js';
import { SUBCOMMAND_DESCRIPTIONS } from './descriptions.js';

/**
 * Options the names set: each model is WRN-d-k or a preset, so a --depth, --k or
 * --blocks-per-group for all of them would replace what the names say. They are
 * refused (with a message, rather than commander's "unknown option"), and hidden from --help.
 */
const SET_BY_NAMES: readonly OptionKey[] = optionKeysOf('compare').filter((key) => isHiddenOn(key, 'compare'));

const eachModel = stringParser(modelName, 'Each model');

/** Every network is resolved (and refused, naming it) before anything is printed. */
async function runCompare(names: readonly string[], raw: Record<string, unknown>, ctx: CliContext): Promise<void> {
  const given = givenFlags(raw, SET_BY_NAMES);
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
  const flags = parseOptions('compare', raw);
  const format = chooseFormat('compare', raw);
  checkChartFlags(flags, format === 'table' ? undefined : format === 'json' && raw.json === true ? '--json' : `--format ${format}`);
  const resolved = names.map((name) => ({ name, options: toNetworkOptions({ ...flags, model: parseOrThrow(eachModel, name) }) }));
  const entries: CompareEntry[] = resolved.map(({ name, options }) => ({
    summary: withName(name, () => summarizeNetwork(options)),
    dataset: namedDataset(options),
  }));
  if (!chartReplacesOutput(flags)) await printComparison(ctx, format, flags.color, resolved, entries);
  const chartEntries = entries.map(({ summary, dataset }) => ({
    model: summary.model,
    totals: summary.totals,
    // A training step at compare's defaults (batch 1, momentum), as its JSON gives it.
    trainBytes: trainingMemory(summary.totals, summary.model.classes, {}).totalBytes,
    dataset,
  }));
  await emitChart(ctx, flags, { kind: 'compare', entries: chartEntries });
}

async function printComparison(
  ctx: CliContext,
  format: FormatOf<'compare'>,
  color: boolean | undefined,
  resolved: readonly { name: string; options: ReturnType<typeof toNetworkOptions> }[],
  entries: readonly CompareEntry[],
): Promise<void> {
  if (format === 'json') {
    // The summary's JSON for each network, the training object at its defaults (batch 1, momentum) included.
    const { networkToJson, renderJson } = await import('../render/json.js');
    const documents = resolved.map(({ name, options }) => {
      const network = withName(name, () => listLayers(options));
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
  return addOptions(command, 'compare').action(async (names: string[], raw: Record<string, unknown>) => runCompare(names, raw, ctx));
}
