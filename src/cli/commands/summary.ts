import type { Command } from 'commander';
import * as z from 'zod/mini';
import { listLayers, smallestTrainableBatch, summarizeNetwork, trainingMemory } from '../../core/index.js';
import type { NetworkSummary } from '../../core/index.js';
import { chartReplacesOutput, checkChartFlags, emitChart } from '../charts.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { namedDataset, toNetworkOptions } from '../network-options.js';
import { addOptions, chooseFormat, parseOptions, parseOrThrow } from '../options.js';
import { terminalOutput } from '../layout.js';
import { withCommandHint } from '../suggest.js';
import { modelName, stringParser } from '../values.js';

/** The model argument, parsed alike wherever one network is named by it (the summary, export). */
export const modelArgument = z.optional(stringParser(modelName, 'The model'));

export function configureSummary(command: Command, ctx: CliContext): Command {
  command.argument(
    '[model]',
    'WRN-d-k (e.g. WRN-28-10) or a preset: resnet18…152, wide_resnet50_2, wide_resnet101_2, WRN-50-2-bottleneck, resnet20…1202, preact-resnet110/164/1001, preresnet200',
  );
  // A word that is not a model may be a mistyped command (`wrn-calc gird`): its error suggests the command.
  return addOptions(command, 'summary').action(async (model: string | undefined, raw: Record<string, unknown>) => {
    try {
      await runSummary(model, raw, ctx);
    } catch (error) {
      throw withCommandHint(error, model);
    }
  });
}

async function runSummary(model: string | undefined, raw: Record<string, unknown>, ctx: CliContext): Promise<void> {
  const parsed = { ...parseOptions('summary', raw), model: parseOrThrow(modelArgument, model) };
  const format = chooseFormat('summary', raw);
  if (format === 'brief' && parsed.layers === true)
    throw new UsageError('--layers lists every layer and --brief prints one line; give one of them.');
  checkChartFlags(parsed, format === 'table' ? undefined : format === 'json' ? '--json' : '--brief');
  const options = toNetworkOptions(parsed);
  const chartOf = (summary: NetworkSummary) => ({ kind: 'summary', summary, dataset: namedDataset(options) }) as const;
  const trainingOf = (network: NetworkSummary) =>
    trainingMemory(network.totals, network.model.classes, { batch: parsed.batch, optimizer: parsed.optimizer, memoryBytes: parsed.memory });
  if (format === 'json') {
    const network = listLayers(options);
    const { renderJson, networkToJson } = await import('../render/json.js');
    ctx.stdout = renderJson({ ...networkToJson(network, namedDataset(options)), training: trainingOf(network) });
    return emitChart(ctx, parsed, chartOf(network));
  }
  const network = parsed.layers === true ? listLayers(options) : summarizeNetwork(options);
  if (chartReplacesOutput(parsed)) return emitChart(ctx, parsed, chartOf(network));
  const training = trainingOf(network);
  const trainable = { from: smallestTrainableBatch(network.model) };
  if (format === 'brief') {
    const { renderBrief } = await import('../render/summary.js');
    ctx.stdout = renderBrief(network, training, trainable);
  } else {
    const { paint, layout } = await terminalOutput(ctx, parsed.color);
    const { renderSummary } = await import('../render/summary.js');
    ctx.stdout = renderSummary(network, paint, layout, namedDataset(options), training, trainable);
  }
  await emitChart(ctx, parsed, chartOf(network));
}
