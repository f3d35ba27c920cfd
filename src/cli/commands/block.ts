import type { Command } from 'commander';
import { SUBCOMMAND_DESCRIPTIONS } from './descriptions.js';
import * as z from 'zod/mini';
import { BLOCK_VIEW_DEFAULTS, compareBlockWidths, describeBlock } from '../../core/index.js';
import type { BlockViewOptions, Padding } from '../../core/index.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { numberList } from '../lists.js';
import { parseOrThrow } from '../network-options.js';
import { kernelList, ok, parseWhole, positiveDecimal, probability, spatialSize, stringParser, wholeNumber } from '../numbers.js';
import { makePaint, wantsColor } from '../paint.js';

/** `same` (the official WRN's ⌊k/2⌋ at dilation 1) or a whole number of pixels, 0 included. */
const padding = stringParser((raw) => (raw === 'same' ? ok<Padding>('same') : parseWhole('--padding', raw, 0, '0 or same')));

const blockFlags = z.object({
  inChannels: z.optional(wholeNumber('--in-channels', 1, '16')),
  k: z.optional(positiveDecimal('--k', '2')),
  outChannels: z.optional(wholeNumber('--out-channels', 1, '32')),
  block: z.optional(kernelList('--block')),
  stride: z.optional(wholeNumber('--stride', 1, '2')),
  padding: z.optional(padding),
  dilation: z.optional(wholeNumber('--dilation', 1, '2')),
  input: z.optional(spatialSize('--input')),
  convBias: z.optional(z.boolean()),
  dropout: z.optional(probability('--dropout')),
  compareK: z.optional(numberList('--compare-k', { whole: false, example: '1,2,4,8' })),
  json: z.optional(z.boolean()),
  color: z.optional(z.boolean()),
  debug: z.optional(z.boolean()),
});
type BlockFlags = z.output<typeof blockFlags>;

function toBlockOptions(flags: BlockFlags): BlockViewOptions {
  return {
    inChannels: flags.inChannels,
    k: flags.k,
    outChannels: flags.outChannels,
    kernels: flags.block,
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
  if (flags.compareK === undefined) {
    if (flags.outChannels !== undefined && flags.k !== undefined) throw new UsageError('--out-channels sets the width, and --k sets it to in-channels × k; give one of them.');
    return;
  }
  if (flags.outChannels !== undefined) throw new UsageError('--compare-k sets the width to in-channels × k for each k; drop --out-channels.');
  if (flags.k !== undefined) throw new UsageError('--compare-k replaces --k; give one of them.');
}

export function configureBlock(program: Command, ctx: CliContext): Command {
  return program
    .command('block')
    .description(SUBCOMMAND_DESCRIPTIONS.block)
    .option('--in-channels <c>', `channels of the block's input (default ${BLOCK_VIEW_DEFAULTS.inChannels})`)
    .option('--k <k>', `widening factor: the block's width is in-channels × k (default ${BLOCK_VIEW_DEFAULTS.k})`)
    .option('--out-channels <c>', 'the block\'s width, instead of in-channels × k')
    .option('--block <kernels>', 'kernel sizes: 3,3 or B(3,1,3) (default 3,3)')
    .option('--stride <s>', 'stride of the first conv and of the projection shortcut (default 1)')
    .option('--padding <p>', 'padding of every conv: a whole number, or same (⌊k/2⌋, keeps the size) (default same)')
    .option('--dilation <d>', 'dilation of every conv (default 1)')
    .option('--input <size>', 'input spatial size: S or HxW (default 32)')
    .option('--conv-bias', 'give every conv a bias')
    .option('--dropout <p>', 'dropout before the 2nd and later convs; no parameters (default 0)')
    .option('--compare-k <list>', 'compare params and MACs over widening factors, e.g. 1,2,4,8, with the in = out block of a group\'s middle')
    .option('--json', 'print one JSON object (layers, totals, residual) and nothing else')
    .option('--color', 'force colour')
    .option('--no-color', 'never colour (NO_COLOR and a non-TTY stdout also turn it off)')
    .option('--debug', 'show a stack trace on errors')
    .action(async (raw: Record<string, unknown>) => {
      const flags = parseOrThrow(blockFlags, raw);
      checkWidthOptions(flags);
      const options = toBlockOptions(flags);
      if (flags.compareK !== undefined) {
        const rows = compareBlockWidths(options, flags.compareK);
        const spec = describeBlock({ ...options, k: flags.compareK[0] }).spec;
        if (flags.json) {
          const [{ comparisonToJson }, { renderJson }] = await Promise.all([import('../render/block-json.js'), import('../render/json.js')]);
          ctx.stdout = renderJson(comparisonToJson(spec, rows));
          return;
        }
        const paint = await makePaint(wantsColor(flags.color, ctx.env, ctx.stdoutIsTTY));
        const { renderComparison } = await import('../render/block.js');
        ctx.stdout = renderComparison(spec, rows, paint);
        return;
      }
      const view = describeBlock(options);
      if (flags.json) {
        const [{ blockToJson }, { renderJson }] = await Promise.all([import('../render/block-json.js'), import('../render/json.js')]);
        ctx.stdout = renderJson(blockToJson(view));
        return;
      }
      const paint = await makePaint(wantsColor(flags.color, ctx.env, ctx.stdoutIsTTY));
      const { renderBlock } = await import('../render/block.js');
      ctx.stdout = renderBlock(view, paint);
    });
}
