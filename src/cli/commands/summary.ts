import type { Command } from 'commander';
import { buildWrn, summarizeWrn } from '../../core/index.js';
import type { CliContext } from '../context.js';
import { addNetworkOptions, networkOptionsSchema, parseOrThrow, toWrnOptions } from '../network-options.js';
import { makePaint, wantsColor } from '../paint.js';
import * as z from 'zod/mini';

const summaryFlags = z.extend(networkOptionsSchema, {
  json: z.optional(z.boolean()),
  layers: z.optional(z.boolean()),
  color: z.optional(z.boolean()),
});

export function configureSummary(command: Command, ctx: CliContext): Command {
  return addNetworkOptions(command)
    .option('--layers', 'one row per layer (stem conv; each block\'s BN-ReLU, convs, shortcut and add; head)')
    .option('--json', 'print one JSON object (model, groups, layers, totals) and nothing else')
    .option('--color', 'force colour')
    .option('--no-color', 'never colour (NO_COLOR and a non-TTY stdout also turn it off)')
    .action(async (raw: Record<string, unknown>) => {
      const parsed = parseOrThrow(summaryFlags, raw);
      const options = toWrnOptions(parsed);
      if (parsed.json) {
        const { renderJson, networkToJson } = await import('../render/json.js');
        ctx.stdout = renderJson(networkToJson(buildWrn(options), options.dataset));
        return;
      }
      const network = parsed.layers ? buildWrn(options) : summarizeWrn(options);
      const paint = await makePaint(wantsColor(parsed.color, ctx.env, ctx.stdoutIsTTY));
      const { renderSummary } = await import('../render/summary.js');
      ctx.stdout = renderSummary(network, paint, options.dataset);
    });
}
