import type { Command } from 'commander';
import * as z from 'zod/mini';
import { buildNetwork, summarizeNetwork, trainingMemory } from '../../core/index.js';
import type { NetworkSummary } from '../../core/index.js';
import { amountFlag } from '../budget-flags.js';
import type { CliContext } from '../context.js';
import { modelNameFlag } from '../file-fields.js';
import { namedDataset, parseOrThrow, toNetworkOptions } from '../network-options.js';
import { addNetworkOptions, networkOptionsSchema } from '../options.js';
import { terminalOutput } from '../layout.js';
import { addColorOptions } from '../output-format.js';
import { withCommandHint } from '../suggest.js';
import { addChartOptions, chartFlagsSchema, chartReplacesOutput, checkChartFlags, emitChart } from '../charts.js';

const outputFlags = z.object({
  json: z.optional(z.boolean()),
  layers: z.optional(z.boolean()),
  color: z.optional(z.boolean()),
  memory: z.optional(amountFlag('--memory', 'bytes')),
});

const modelArgument = z.optional(modelNameFlag('The model'));

export function configureSummary(command: Command, ctx: CliContext): Command {
  command.argument(
    '[model]',
    'WRN-d-k (e.g. WRN-28-10) or a preset: resnet18…152, wide_resnet50_2, wide_resnet101_2, WRN-50-2-bottleneck, resnet20…1202, preact-resnet110/164/1001, preresnet200',
  );
  addNetworkOptions(command, 'summary')
    .option('--memory <amount>', 'a memory to fit, e.g. 16GiB or 24GB: reports the largest batch whose training step fits')
    .option(
      '--layers',
      "one row per layer (stem; each block's BN-ReLU, convs, shortcut and add; head), with the bytes each keeps for backward",
    )
    .option('--json', 'print one JSON object (model, groups, layers, totals) and nothing else');
  addChartOptions(command, "each group's share of the params and MACs, labelled with its output shape");
  // A word that is not a model may be a mistyped command (`wrn-calc gird`): its error suggests the command.
  return addColorOptions(command).action(async (model: string | undefined, raw: Record<string, unknown>) => {
    try {
      await runSummary(model, raw, ctx);
    } catch (error) {
      throw withCommandHint(error, model);
    }
  });
}

async function runSummary(model: string | undefined, raw: Record<string, unknown>, ctx: CliContext): Promise<void> {
  const parsed = { ...parseOrThrow(networkOptionsSchema('summary'), raw), model: parseOrThrow(modelArgument, model) };
  const output = parseOrThrow(outputFlags, raw);
  const chartFlags = parseOrThrow(chartFlagsSchema, raw);
  checkChartFlags(chartFlags, output.json === true ? '--json' : undefined);
  const options = toNetworkOptions(parsed);
  const chart = { ...chartFlags, color: output.color };
  const trainingOf = (network: NetworkSummary) =>
    trainingMemory(network.totals, network.model.classes, { batch: parsed.batch, optimizer: parsed.optimizer, memoryBytes: output.memory });
  if (output.json) {
    const network = buildNetwork(options);
    const { renderJson, networkToJson } = await import('../render/json.js');
    ctx.stdout = renderJson({ ...networkToJson(network, namedDataset(options)), training: trainingOf(network) });
    return emitChart(ctx, chart, { kind: 'summary', summary: network, dataset: namedDataset(options) });
  }
  const network = output.layers ? buildNetwork(options) : summarizeNetwork(options);
  if (chartReplacesOutput(chartFlags)) return emitChart(ctx, chart, { kind: 'summary', summary: network, dataset: namedDataset(options) });
  const training = trainingOf(network);
  const { paint, layout } = await terminalOutput(ctx, output.color);
  const { renderSummary } = await import('../render/summary.js');
  ctx.stdout = renderSummary(network, paint, layout, namedDataset(options), training);
  await emitChart(ctx, chart, { kind: 'summary', summary: network, dataset: namedDataset(options) });
}
