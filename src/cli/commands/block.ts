import type { Command } from 'commander';
import { SUBCOMMAND_DESCRIPTIONS } from './descriptions.js';
import * as z from 'zod/mini';
import { compareBlockWidths, describeBlock } from '../../core/index.js';
import type { BlockViewOptions, Padding } from '../../core/index.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { numberList } from '../lists.js';
import { parseOrThrow } from '../network-options.js';
import { ok, parseWhole, stringParser, wholeNumber } from '../numbers.js';
import { addNetworkOptions, networkOptionsSchema } from '../options.js';
import type { ParsedNetworkOptions } from '../options.js';
import { terminalOutput } from '../layout.js';
import { addColorOptions } from '../output-format.js';
import { addChartOptions, chartFlagsSchema, chartReplacesOutput, checkChartFlags, emitChart, wantsChart } from '../charts.js';

/** `same` (the official WRN's ⌊k/2⌋ at dilation 1) or a whole number of pixels, 0 included. */
const padding = stringParser((raw) => (raw === 'same' ? ok<Padding>('same') : parseWhole('--padding', raw, 0, '0 or same')));

const blockFlags = z.object({
  outChannels: z.optional(wholeNumber('--out-channels', 1, '32')),
  widths: z.optional(numberList('--widths', { whole: true, example: '32,16' })),
  stride: z.optional(wholeNumber('--stride', 1, '2')),
  padding: z.optional(padding),
  dilation: z.optional(wholeNumber('--dilation', 1, '2')),
  compareK: z.optional(numberList('--compare-k', { whole: false, example: '1,2,4,8' })),
  json: z.optional(z.boolean()),
  color: z.optional(z.boolean()),
  debug: z.optional(z.boolean()),
});
type BlockFlags = z.output<typeof blockFlags> & ParsedNetworkOptions;

function toBlockOptions(flags: BlockFlags): BlockViewOptions {
  return {
    inChannels: flags.inChannels,
    k: flags.k,
    outChannels: flags.outChannels,
    widths: flags.widths,
    kernels: flags.block,
    order: flags.order,
    shortcut: flags.shortcut,
    stride: flags.stride,
    padding: flags.padding,
    dilation: flags.dilation,
    input: flags.input,
    convBias: flags.convBias === true,
    dropout: flags.dropout,
  };
}

/**
 * Options that set the width twice would leave one of them silently ignored: refuse them.
 * --out-channels is the width itself, and --compare-k sets it to in-channels × k for each k.
 */
function checkWidthOptions(flags: BlockFlags): void {
  if (flags.widths !== undefined) {
    if (flags.k !== undefined || flags.outChannels !== undefined)
      throw new UsageError("--widths sets every conv's width; drop --k and --out-channels.");
    if (flags.compareK !== undefined) throw new UsageError('--compare-k sets the widths from k; drop --widths.');
    return;
  }
  if (flags.compareK === undefined) {
    // A bottleneck takes both: --out-channels its output, --k the widening of its inner convs.
    if (flags.outChannels !== undefined && flags.k !== undefined && flags.block !== 'bottleneck')
      throw new UsageError('--out-channels sets the width, and --k sets it to in-channels × k; give one of them.');
    return;
  }
  if (flags.outChannels !== undefined)
    throw new UsageError('--compare-k sets the width to in-channels × k for each k; drop --out-channels.');
  if (flags.k !== undefined) throw new UsageError('--compare-k replaces --k; give one of them.');
}

export function configureBlock(program: Command, ctx: CliContext): Command {
  const command = program.command('block').description(SUBCOMMAND_DESCRIPTIONS.block);
  addNetworkOptions(command, 'block')
    .option('--out-channels <c>', "the block's width (a bottleneck's output), instead of in-channels × k")
    .option('--widths <list>', 'one output width per conv, e.g. 32,16 (c → 2c → c), instead of --k and --out-channels')
    .option('--stride <s>', "stride of the first conv (a post-order bottleneck's 3×3) and of the shortcut (default 1)")
    .option('--padding <p>', 'padding of every conv: a whole number, or same (⌊k/2⌋, keeps the size) (default same)')
    .option('--dilation <d>', 'dilation of every conv (default 1)')
    .option(
      '--compare-k <list>',
      "compare params and MACs over widening factors, e.g. 1,2,4,8, with the in = out block of a group's middle",
    )
    .option('--json', 'print one JSON object (layers, totals, residual) and nothing else');
  addChartOptions(command, 'the --compare-k comparison: params against k for the two readings of widening');
  return addColorOptions(command)
    .option('--debug', 'show a stack trace on errors')
    .action(async (raw: Record<string, unknown>) => {
      const flags: BlockFlags = { ...parseOrThrow(networkOptionsSchema('block'), raw), ...parseOrThrow(blockFlags, raw) };
      checkWidthOptions(flags);
      const chartFlags = parseOrThrow(chartFlagsSchema, raw);
      checkChartFlags(chartFlags, flags.json === true ? '--json' : undefined);
      if (wantsChart(chartFlags) && flags.compareK === undefined) {
        throw new UsageError(
          '--svg, --png and --plot on block draw the --compare-k comparison; add --compare-k, e.g. --compare-k 1,2,4,8.',
        );
      }
      const options = toBlockOptions(flags);
      if (flags.compareK !== undefined) {
        const rows = compareBlockWidths(options, flags.compareK);
        const spec = describeBlock({ ...options, k: flags.compareK[0] }).spec;
        const chart = { kind: 'block', spec, rows } as const;
        if (chartReplacesOutput(chartFlags)) return emitChart(ctx, { ...chartFlags, color: flags.color }, chart);
        if (flags.json) {
          const [{ comparisonToJson }, { renderJson }] = await Promise.all([
            import('../render/block-json.js'),
            import('../render/json.js'),
          ]);
          ctx.stdout = renderJson(comparisonToJson(spec, rows));
        } else {
          const { paint, layout } = await terminalOutput(ctx, flags.color);
          const { renderComparison } = await import('../render/block.js');
          ctx.stdout = renderComparison(spec, rows, paint, layout);
        }
        return emitChart(ctx, { ...chartFlags, color: flags.color }, chart);
      }
      const view = describeBlock(options);
      if (flags.json) {
        const [{ blockToJson }, { renderJson }] = await Promise.all([import('../render/block-json.js'), import('../render/json.js')]);
        ctx.stdout = renderJson(blockToJson(view));
        return;
      }
      const { paint, layout } = await terminalOutput(ctx, flags.color);
      const { renderBlock } = await import('../render/block.js');
      ctx.stdout = renderBlock(view, paint, layout);
    });
}
