import type { Command } from 'commander';
import { FAMILIES, IMAGENET_DEPTH_LIST, MAX_FIT_PAIRS, familyOf, fitToBudget, groupThousands, validFitAxes } from '../../core/index.js';
import type { FitAxes, FitShape } from '../../core/index.js';
import type { ChartInput } from '../../charts/index.js';
import { chartReplacesOutput, checkChartFlags, emitChart, wantsChart } from '../charts.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { describeBlockOf } from '../format.js';
import { namedDataset, toNetworkOptions } from '../network-options.js';
import { FIT_RANGES, FIT_TOP, addOptions, budgetFlagList, budgetOf, chooseFormat, parseOptions, refuseSweptWidth } from '../options.js';
import type { FormatOf, Options } from '../options.js';
import { SUBCOMMAND_DESCRIPTIONS } from './descriptions.js';
import { terminalOutput } from '../layout.js';
import type { FitReport } from '../render/fit.js';
import { expandList } from '../values.js';

/** Everything but depth and k, from the same options every command takes; depth and k vary per candidate. */
function fitShape(parsed: Options<'fit'>): { shape: FitShape; dataset: FitReport['dataset'] } {
  const { depth: _depth, k: _k, batch: _b, optimizer: _o, ...rest } = parsed;
  const { depth: _d, k: _kk, blocksPerGroup: _bb, ...shape } = toNetworkOptions(rest, 'none');
  return { shape, dataset: namedDataset(shape) };
}

function listOf(raw: string, whole: boolean, label: string): number[] {
  const result = expandList(raw, { whole, example: raw });
  if (typeof result === 'string') throw new UsageError(`${label} ${raw}: ${result}.`);
  return result;
}

/** Refuse searches that cannot find anything, or would take too long, before searching; the valid axes otherwise. */
function checkSearchSpace(depths: readonly number[], ks: readonly number[], ranges: FitReport['ranges'], shape: FitShape): FitAxes {
  const axes = validFitAxes({ depths, ks, shape });
  if (axes.depths.length === 0) {
    const block =
      FAMILIES[familyOf(shape)].depthTable && shape.block === undefined ? 'an ImageNet network' : `the block ${describeBlockOf(shape)}`;
    const rule = shape.depthRule === undefined ? '' : ` under the ${shape.depthRule} rule`;
    throw new UsageError(`No depth in --depth ${ranges.depth} fits ${block}${rule}; ${describeValidDepths(shape)}.`);
  }
  if (axes.ks.length === 0) {
    const [base] = FAMILIES[familyOf(shape)].bases;
    throw new UsageError(`No k in --k ${ranges.k} gives whole widths; use values for which ${base}·k is whole (e.g. 1, 1.5, 2).`);
  }
  const pairs = axes.depths.length * axes.ks.length;
  if (pairs > MAX_FIT_PAIRS) {
    throw new UsageError(
      `--depth and --k give ${groupThousands(pairs)} valid (depth, k) pairs, more than the ${groupThousands(MAX_FIT_PAIRS)} fit searches; narrow the ranges.`,
    );
  }
  return axes;
}

/** A range with its upper end doubled (`10:100` → `10:200`), or a list with twice its largest value added. */
export function widenRange(text: string, largest: number): string {
  const range = /^\s*([0-9.]+)\s*:\s*([0-9.]+)\s*(:\s*[0-9.]+)?\s*$/.exec(text);
  if (range !== null) return `${range[1]}:${Number(range[2]) * 2}${(range[3] ?? '').replace(/\s+/g, '')}`;
  return `${text},${largest * 2}`;
}

/** The largest depth and k searched, and the flags that would widen each (an ImageNet depth is torchvision's table: not widened). */
function searchEdges(axes: FitAxes, ranges: FitReport['ranges'], shape: FitShape): FitReport['edges'] {
  const depth = Math.max(...axes.depths);
  const k = Math.max(...axes.ks);
  return {
    depth: FAMILIES[familyOf(shape)].depthTable ? undefined : { largest: depth, widen: `--depth ${widenRange(ranges.depth, depth)}` },
    k: { largest: k, widen: `--k ${widenRange(ranges.k, k)}` },
  };
}

async function render(report: FitReport, format: FormatOf<'fit'>, color: boolean | undefined, ctx: CliContext): Promise<string> {
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
  if (FAMILIES[familyOf(shape)].depthTable) return `ImageNet depths are ${IMAGENET_DEPTH_LIST.join(',')} (torchvision's table)`;
  const valid = validFitAxes({ depths: Array.from({ length: 200 }, (_, i) => i + 1), ks: [], shape }).depths.slice(0, 3);
  return valid.length === 0 ? 'no depth up to 200 fits it' : `valid depths are ${valid.join(', ')}, ...`;
}

/** Parse, refuse what cannot work, search, then render: nothing partial on stdout. */
async function runFit(raw: Record<string, unknown>, ctx: CliContext): Promise<void> {
  refuseSweptWidth('fit', raw);
  const parsed = parseOptions('fit', raw);
  const format = chooseFormat('fit', raw);
  checkChartFlags(parsed, format === 'table' ? undefined : format === 'json' && raw.json === true ? '--json' : `--format ${format}`);
  const budget = budgetOf(parsed);
  if (Object.keys(budget).length === 0)
    throw new UsageError(`fit needs a budget: give at least one of ${budgetFlagList()} (e.g. --max-params 10M).`);
  const { shape, dataset } = fitShape(parsed);
  const ranges = {
    depth: typeof raw.depth === 'string' ? raw.depth : FAMILIES[familyOf(shape)].depthTable ? FIT_RANGES.imagenetDepth : FIT_RANGES.depth,
    k: typeof raw.k === 'string' ? raw.k : FIT_RANGES.k,
  };
  const depths = parsed.depth ?? listOf(ranges.depth, true, '--depth');
  const ks = parsed.k;
  const axes = checkSearchSpace(depths, ks, ranges, shape);
  const pareto = parsed.pareto === true;
  const objective = parsed.objective;
  const top = parsed.top ?? (pareto ? Infinity : FIT_TOP);
  const training = { batch: parsed.batch, optimizer: parsed.optimizer };
  const request = { depths, ks, shape, budget, objective, pareto, top, training };
  const result = fitToBudget(request, axes);
  const edges = searchEdges(axes, ranges, shape);
  const report: FitReport = { result, budget, dataset, shape, objective, pareto, top, ranges, edges };
  if (!chartReplacesOutput(parsed)) ctx.stdout = await render(report, format, parsed.color, ctx);
  if (wantsChart(parsed)) await emitChart(ctx, parsed, fitChartInput(request, axes, report));
}

/** The chart draws every network within the budget, not only the ones the table shows: the same search, unranked and uncut. */
function fitChartInput(request: Parameters<typeof fitToBudget>[0], axes: FitAxes, report: FitReport): ChartInput {
  const all = fitToBudget({ ...request, pareto: false, top: Infinity }, axes);
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
  return addOptions(command, 'fit').action(async (raw: Record<string, unknown>) => runFit(raw, ctx));
}
