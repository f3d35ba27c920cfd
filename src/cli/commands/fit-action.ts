import * as z from 'zod/mini';
import { FIT_OBJECTIVES, MAX_FIT_PAIRS, depthFor, fitWrn, groupThousands, validFitAxes } from '../../core/index.js';
import type { FitShape } from '../../core/index.js';
import { budgetFlagsSchema, toBudget } from '../budget-flags.js';
import { budgetFlagList } from '../budget-options.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { numberList } from '../lists.js';
import { parseOrThrow, shapeOptionsSchema, toWrnOptions } from '../network-options.js';
import { oneOf, wholeNumber } from '../numbers.js';
import { formatFlagsSchema, outputFormat } from '../format-flags.js';
import { makePaint, wantsColor } from '../paint.js';
import type { FitReport } from '../render/fit.js';
import { FIT_DEFAULTS } from './fit.js';

const fitFlagsSchema = z.extend(shapeOptionsSchema, {
  ...budgetFlagsSchema.shape,
  ...formatFlagsSchema.shape,
  // commander fills in the defaults, so the ranges are always there.
  depth: numberList('--depth', { whole: true, example: FIT_DEFAULTS.depth }),
  k: numberList('--k', { whole: false, example: FIT_DEFAULTS.k }),
  objective: z.optional(oneOf('--objective', FIT_OBJECTIVES)),
  top: z.optional(wholeNumber('--top', 1, String(FIT_DEFAULTS.top))),
  pareto: z.optional(z.boolean()),
});

type ParsedFitFlags = z.output<typeof fitFlagsSchema>;

function fitShape(parsed: ParsedFitFlags): { shape: FitShape; dataset: FitReport['dataset'] } {
  // toWrnOptions applies the dataset preset; depth and k are set per candidate, so k here is a stand-in.
  const { depth: _depth, k: _k, blocksPerGroup: _n, dataset, ...shape } = toWrnOptions(
    { block: parsed.block, depthRule: parsed.depthRule, dataset: parsed.dataset, input: parsed.input, inChannels: parsed.inChannels, classes: parsed.classes, convBias: parsed.convBias, dropout: parsed.dropout, k: 1 },
    {},
  );
  return { shape, dataset };
}

/** Refuse searches that cannot find anything, or would take too long, before searching. */
function checkSearchSpace(parsed: ParsedFitFlags, raw: Record<string, unknown>, shape: FitShape): void {
  const axes = validFitAxes({ depths: parsed.depth, ks: parsed.k, shape });
  const block = shape.block ?? [3, 3];
  const rule = shape.depthRule ?? 'layers';
  if (axes.depths.length === 0) {
    const examples = [1, 2, 3].map((n) => depthFor(n, block.length, rule)).join(', ');
    throw new UsageError(`No depth in --depth ${String(raw.depth)} fits the block B(${block.join(',')}) under the ${rule} rule; valid depths are ${examples}, ...`);
  }
  if (axes.ks.length === 0) {
    throw new UsageError(`No k in --k ${String(raw.k)} gives whole widths 16k, 32k, 64k; use values for which 16·k is whole (e.g. 1, 1.5, 2).`);
  }
  const pairs = axes.depths.length * axes.ks.length;
  if (pairs > MAX_FIT_PAIRS) {
    throw new UsageError(`--depth and --k give ${groupThousands(pairs)} valid (depth, k) pairs, more than the ${groupThousands(MAX_FIT_PAIRS)} fit searches; narrow the ranges.`);
  }
}

async function render(report: FitReport, format: ReturnType<typeof outputFormat>, color: boolean): Promise<string> {
  if (format === 'json') {
    const [{ fitToJson }, { renderJson }] = await Promise.all([import('../render/fit-json.js'), import('../render/json.js')]);
    return renderJson(fitToJson(report));
  }
  const { renderFitMarkdown, renderFitTable } = await import('../render/fit.js');
  return format === 'markdown' ? renderFitMarkdown(report) : renderFitTable(report, await makePaint(color));
}

/** Parse, refuse what cannot work, search, then render: nothing partial on stdout. */
export async function runFit(raw: Record<string, unknown>, ctx: CliContext): Promise<void> {
  const parsed = parseOrThrow(fitFlagsSchema, raw);
  const format = outputFormat(parsed);
  const budget = toBudget(parsed);
  if (Object.keys(budget).length === 0) throw new UsageError(`fit needs a budget: give at least one of ${budgetFlagList()} (e.g. --max-params 10M).`);
  const { shape, dataset } = fitShape(parsed);
  checkSearchSpace(parsed, raw, shape);
  const pareto = parsed.pareto === true;
  const objective = parsed.objective ?? 'params';
  const top = parsed.top ?? (pareto ? Infinity : FIT_DEFAULTS.top);
  const result = fitWrn({ depths: parsed.depth, ks: parsed.k, shape, budget, objective, pareto, top });
  const report: FitReport = { result, budget, dataset, shape, objective, pareto, top, ranges: { depth: String(raw.depth), k: String(raw.k) } };
  ctx.stdout = await render(report, format, format === 'table' && wantsColor(parsed.color, ctx.env, ctx.stdoutIsTTY));
}
