import type { Command } from 'commander';
import { SUBCOMMAND_DESCRIPTIONS } from './descriptions.js';
import { FIT_OBJECTIVES } from '../../core/index.js';
import { addBudgetOptions } from '../budget-options.js';
import type { CliContext } from '../context.js';
import { addShapeOptions } from '../network-options.js';
import { addFormatOptions } from '../output-format.js';

/** The search space when no range is given: the depths and widths of the paper's tables, and then some. */
export const FIT_DEFAULTS = { depth: '10:100', k: '1:16', top: 10 } as const;

/** `wrn-calc fit`: the options here; the search in fit-action.ts, loaded when the command runs. */
export function configureFit(program: Command, ctx: CliContext): Command {
  const command = program
    .command('fit')
    .description(SUBCOMMAND_DESCRIPTIONS.fit)
    .option('--depth <list>', 'depths to try: a list or range such as 16,28 or 10:100 (depths that do not fit the block are skipped)', FIT_DEFAULTS.depth)
    .option('--k <list>', 'widening factors to try: a list or range such as 1:16 or 1:4:0.5', FIT_DEFAULTS.k);
  addShapeOptions(command);
  addBudgetOptions(command);
  command
    .option('--objective <name>', `rank by: ${FIT_OBJECTIVES.join(', ')}, largest first (default params: the biggest network that fits)`)
    .option('--top <n>', `show the best n (default ${FIT_DEFAULTS.top}; with --pareto, the whole front)`)
    .option('--pareto', 'only the Pareto front: no other fit has at least as many params with at most as many MACs');
  addFormatOptions(command);
  return command.action(async (raw: Record<string, unknown>) => {
    const { runFit } = await import('./fit-action.js');
    await runFit(raw, ctx);
  });
}
