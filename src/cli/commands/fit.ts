import * as z from 'zod/mini';
import type { Command } from 'commander';
import { FIT_OBJECTIVES, IMAGENET_DEPTH_LIST, MAX_FIT_PAIRS, familyOf, fitWrn, groupThousands, validFitAxes } from '../../core/index.js';
import type { FitShape } from '../../core/index.js';
import { budgetFlagsSchema, toBudget } from '../budget-flags.js';
import { addBudgetOptions, budgetFlagList } from '../budget-options.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { formatBlock } from '../format.js';
import { expandList } from '../lists.js';
import { namedDataset, parseOrThrow, toNetworkOptions } from '../network-options.js';
import { oneOf, wholeNumber } from '../numbers.js';
import { addNetworkOptions, listOptionsSchema } from '../options.js';
import type { ParsedListOptions } from '../options.js';
import { addFormatOptions } from '../output-format.js';
import { SUBCOMMAND_DESCRIPTIONS } from './descriptions.js';
import { formatFlagsSchema, outputFormat } from '../format-flags.js';
import { terminalOutput } from '../layout.js';
import type { FitReport } from '../render/fit.js';
import type { ChartInput } from '../../charts/index.js';
import { addChartOptions, chartFlagsSchema, chartReplacesOutput, checkChartFlags, emitChart, wantsChart } from '../charts.js';

/** The search space when no range is given: the depths and widths of the paper's tables, and then some; ImageNet's table depths. */
export const FIT_DEFAULTS = { depth: '10:100', imagenetDepth: IMAGENET_DEPTH_LIST.join(','), k: '1:16', top: 10 } as const;

const fitFlagsSchema = z.object({
  ...budgetFlagsSchema.shape,
  ...formatFlagsSchema.shape,
  objective: z.optional(oneOf('--objective', FIT_OBJECTIVES)),
  top: z.optional(wholeNumber('--top', 1, String(FIT_DEFAULTS.top))),
  pareto: z.optional(z.boolean()),
});

/** Everything but depth and k, from the same options every command takes; depth and k vary per candidate. */
function fitShape(parsed: ParsedListOptions): { shape: FitShape; dataset: FitReport['dataset'] } {
  const { depth: _depth, k: _k, blocksPerGroup: _n, batch: _b, optimizer: _o, ...rest } = parsed;
  const { depth: _d, k: _kk, blocksPerGroup: _bb, ...shape } = toNetworkOptions(rest, 'none');
  return { shape, dataset: namedDataset(shape) };
}

function listOf(raw: string, whole: boolean, label: string): number[] {
  const result = expandList(raw, { whole, example: raw });
  if (typeof result === 'string') throw new UsageError(`${label} ${raw}: ${result}.`);
  return result;
}

/** Refuse searches that cannot find anything, or would take too long, before searching. */
function checkSearchSpace(depths: readonly number[], ks: readonly number[], ranges: FitReport['ranges'], shape: FitShape): void {
  const axes = validFitAxes({ depths, ks, shape });
  if (axes.depths.length === 0) {
    const block =
      familyOf(shape) === 'imagenet' && shape.block === undefined
        ? 'an ImageNet network'
        : `the block ${formatBlock(shape.block ?? [3, 3])}`;
    const rule = shape.depthRule === undefined ? '' : ` under the ${shape.depthRule} rule`;
    throw new UsageError(`No depth in --depth ${ranges.depth} fits ${block}${rule}; ${describeValidDepths(shape)}.`);
  }
  if (axes.ks.length === 0) {
    const base = familyOf(shape) === 'imagenet' ? 64 : 16;
    throw new UsageError(`No k in --k ${ranges.k} gives whole widths; use values for which ${base}·k is whole (e.g. 1, 1.5, 2).`);
  }
  const pairs = axes.depths.length * axes.ks.length;
  if (pairs > MAX_FIT_PAIRS) {
    throw new UsageError(
      `--depth and --k give ${groupThousands(pairs)} valid (depth, k) pairs, more than the ${groupThousands(MAX_FIT_PAIRS)} fit searches; narrow the ranges.`,
    );
  }
}

async function render(
  report: FitReport,
  format: ReturnType<typeof outputFormat>,
  color: boolean | undefined,
  ctx: CliContext,
): Promise<string> {
  if (format === 'json') {
    const [{ fitToJson }, { renderJson }] = await Promise.all([import('../render/fit-json.js'), import('../render/json.js')]);
    return renderJson(fitToJson(report));
  }
  const { renderFitMarkdown, renderFitTable } = await import('../render/fit.js');
  if (format === 'markdown') return renderFitMarkdown(report);
  const { paint, layout } = await terminalOutput(ctx, color);
  return renderFitTable(report, paint, layout);
}

/** A few valid depths of this network, for the message when none of the asked ones fits. */
function describeValidDepths(shape: FitShape): string {
  if (familyOf(shape) === 'imagenet') return `ImageNet depths are ${FIT_DEFAULTS.imagenetDepth} (torchvision's table)`;
  const valid = validFitAxes({ depths: Array.from({ length: 200 }, (_, i) => i + 1), ks: [], shape }).depths.slice(0, 3);
  return valid.length === 0 ? 'no depth up to 200 fits it' : `valid depths are ${valid.join(', ')}, ...`;
}

/** Parse, refuse what cannot work, search, then render: nothing partial on stdout. */
async function runFit(raw: Record<string, unknown>, ctx: CliContext): Promise<void> {
  const network = parseOrThrow(listOptionsSchema('fit'), raw);
  const parsed = parseOrThrow(fitFlagsSchema, raw);
  const format = outputFormat(parsed);
  const chartFlags = parseOrThrow(chartFlagsSchema, raw);
  checkChartFlags(chartFlags, format === 'table' ? undefined : parsed.json === true ? '--json' : `--format ${format}`);
  const budget = toBudget(parsed);
  if (Object.keys(budget).length === 0)
    throw new UsageError(`fit needs a budget: give at least one of ${budgetFlagList()} (e.g. --max-params 10M).`);
  const { shape, dataset } = fitShape(network);
  const ranges = {
    depth: typeof raw.depth === 'string' ? raw.depth : familyOf(shape) === 'imagenet' ? FIT_DEFAULTS.imagenetDepth : FIT_DEFAULTS.depth,
    k: typeof raw.k === 'string' ? raw.k : FIT_DEFAULTS.k,
  };
  const depths = network.depth ?? listOf(ranges.depth, true, '--depth');
  const ks = network.k ?? listOf(ranges.k, false, '--k');
  checkSearchSpace(depths, ks, ranges, shape);
  const pareto = parsed.pareto === true;
  const objective = parsed.objective ?? 'params';
  const top = parsed.top ?? (pareto ? Infinity : FIT_DEFAULTS.top);
  const training = { batch: network.batch, optimizer: network.optimizer };
  const request = { depths, ks, shape, budget, objective, pareto, top, training };
  const result = fitWrn(request);
  const report: FitReport = { result, budget, dataset, shape, objective, pareto, top, ranges };
  if (!chartReplacesOutput(chartFlags)) ctx.stdout = await render(report, format, parsed.color, ctx);
  if (wantsChart(chartFlags)) await emitChart(ctx, { ...chartFlags, color: parsed.color }, fitChartInput(request, report));
}

/** The chart draws every network within the budget, not only the ones the table shows: the same search, unranked and uncut. */
function fitChartInput(request: Parameters<typeof fitWrn>[0], report: FitReport): ChartInput {
  const all = fitWrn({ ...request, pareto: false, top: Infinity });
  return {
    kind: 'fit',
    candidates: all.candidates,
    budget: report.budget,
    objective: report.objective,
    evaluated: all.evaluated,
    dataset: report.dataset,
    training: request.training ?? {},
  } as const;
}

/** `wrn-calc fit`: search (depth, k) for the networks within a budget. */
export function configureFit(program: Command, ctx: CliContext): Command {
  const command = program.command('fit').description(SUBCOMMAND_DESCRIPTIONS.fit);
  addNetworkOptions(command, 'fit');
  addBudgetOptions(command);
  addChartOptions(command, 'every network within the budget (params against MACs or training memory), the Pareto front and the best');
  command
    .option('--objective <name>', `rank by: ${FIT_OBJECTIVES.join(', ')}, largest first (default params: the biggest network that fits)`)
    .option('--top <n>', `show the best n (default ${FIT_DEFAULTS.top}; with --pareto, the whole front)`)
    .option('--pareto', 'only the Pareto front: no other fit has at least as many params with at most as many MACs');
  addFormatOptions(command);
  return command.action(async (raw: Record<string, unknown>) => runFit(raw, ctx));
}
