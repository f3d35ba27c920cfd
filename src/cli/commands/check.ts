import type { Command } from 'commander';
import { SUBCOMMAND_DESCRIPTIONS } from './descriptions.js';
import { addBudgetOptions } from '../budget-options.js';
import type { CliContext } from '../context.js';
import { addNetworkOptions } from '../network-options.js';
import { addFormatOptions } from '../output-format.js';

/** `wrn-calc check`: the options here; the work in check-action.ts, loaded when the command runs. */
export function configureCheck(program: Command, ctx: CliContext): Command {
  const command = program
    .command('check')
    .description(SUBCOMMAND_DESCRIPTIONS.check)
    .argument('[budget-file]', 'a JSON budget file (see wrn-calc schema); instead of the network and --max-* flags');
  addNetworkOptions(command);
  addBudgetOptions(command);
  addFormatOptions(command);
  return command.action(async (file: string | undefined, raw: Record<string, unknown>) => {
    const { runCheck } = await import('./check-action.js');
    await runCheck(file, raw, ctx);
  });
}
