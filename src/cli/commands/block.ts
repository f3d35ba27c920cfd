import type { Command } from 'commander';
import { SUBCOMMAND_DESCRIPTIONS } from './descriptions.js';
import { blockKind, compareBlockWidths, describeBlock } from '../../core/index.js';
import type { BlockViewOptions } from '../../core/index.js';
import { chartReplacesOutput, checkChartFlags, emitChart, wantsChart } from '../charts.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { addOptions, chooseFormat, parseOptions, valuesOfRoles } from '../options.js';
import type { Options } from '../options.js';
import { terminalOutput } from '../layout.js';

type BlockFlags = Options<'block'>;

/** The block command's network and own options as the core's, each under its own name but the block's kernels. */
function toBlockOptions(flags: BlockFlags): BlockViewOptions {
  const { block: _block, compareK: _compare, ...options } = valuesOfRoles(flags, 'block', ['network', 'command']);
  return { ...options, kernels: flags.block, convBias: flags.convBias === true };
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
    if (flags.outChannels !== undefined && flags.k !== undefined && !blockKind(flags.block ?? [3, 3]).separateInnerWidth)
      throw new UsageError('--out-channels sets the width, and --k sets it to in-channels × k; give one of them.');
    return;
  }
  if (flags.outChannels !== undefined)
    throw new UsageError('--compare-k sets the width to in-channels × k for each k; drop --out-channels.');
  if (flags.k !== undefined) throw new UsageError('--compare-k replaces --k; give one of them.');
}

export function configureBlock(program: Command, ctx: CliContext): Command {
  const command = program.command('block').description(SUBCOMMAND_DESCRIPTIONS.block);
  return addOptions(command, 'block').action(async (raw: Record<string, unknown>) => {
    const flags = parseOptions('block', raw);
    const format = chooseFormat('block', raw);
    checkWidthOptions(flags);
    checkChartFlags(flags, format === 'json' ? '--json' : undefined);
    if (wantsChart(flags) && flags.compareK === undefined) {
      throw new UsageError('--svg, --png and --plot on block draw the --compare-k comparison; add --compare-k, e.g. --compare-k 1,2,4,8.');
    }
    const options = toBlockOptions(flags);
    if (flags.compareK !== undefined) {
      const rows = compareBlockWidths(options, flags.compareK);
      const spec = describeBlock({ ...options, k: flags.compareK[0] }).spec;
      const chart = { kind: 'block', spec, rows } as const;
      if (chartReplacesOutput(flags)) return emitChart(ctx, flags, chart);
      if (format === 'json') {
        const [{ comparisonToJson }, { renderJson }] = await Promise.all([import('../render/block-json.js'), import('../render/json.js')]);
        ctx.stdout = renderJson(comparisonToJson(spec, rows));
      } else {
        const { paint, layout } = await terminalOutput(ctx, flags.color);
        const { renderComparison } = await import('../render/block.js');
        ctx.stdout = renderComparison(spec, rows, paint, layout);
      }
      return emitChart(ctx, flags, chart);
    }
    const view = describeBlock(options);
    if (format === 'json') {
      const [{ blockToJson }, { renderJson }] = await Promise.all([import('../render/block-json.js'), import('../render/json.js')]);
      ctx.stdout = renderJson(blockToJson(view));
      return;
    }
    const { paint, layout } = await terminalOutput(ctx, flags.color);
    const { renderBlock } = await import('../render/block.js');
    ctx.stdout = renderBlock(view, paint, layout);
  });
}
