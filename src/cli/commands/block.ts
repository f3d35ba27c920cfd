import type { Command } from 'commander';
import { SUBCOMMAND_DESCRIPTIONS } from './descriptions.js';
import { compareBlockWidths, describeBlock } from '../../core/index.js';
import type { BlockViewOptions } from '../../core/index.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { addOptions, chooseFormat, parseOptions } from '../options.js';
import type { Options } from '../options.js';
import { terminalOutput } from '../layout.js';

type BlockFlags = Options<'block'>;

/** The block command's options as the core's: each under its own name, but for the block's kernels. */
function toBlockOptions(flags: BlockFlags): BlockViewOptions {
  const { block, compareK: _compare, json: _json, color: _color, debug: _debug, ...options } = flags;
  return { ...options, kernels: block, convBias: flags.convBias === true } satisfies BlockViewOptions;
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
  return addOptions(command, 'block').action(async (raw: Record<string, unknown>) => {
    const flags = parseOptions('block', raw);
    const format = chooseFormat('block', raw);
    checkWidthOptions(flags);
    const options = toBlockOptions(flags);
    if (flags.compareK !== undefined) {
      const rows = compareBlockWidths(options, flags.compareK);
      const spec = describeBlock({ ...options, k: flags.compareK[0] }).spec;
      if (format === 'json') {
        const [{ comparisonToJson }, { renderJson }] = await Promise.all([import('../render/block-json.js'), import('../render/json.js')]);
        ctx.stdout = renderJson(comparisonToJson(spec, rows));
        return;
      }
      const { paint, layout } = await terminalOutput(ctx, flags.color);
      const { renderComparison } = await import('../render/block.js');
      ctx.stdout = renderComparison(spec, rows, paint, layout);
      return;
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
