import { Command, CommanderError } from 'commander';
import { configureSummary } from './commands/summary.js';
import { configureBlock } from './commands/block.js';
import { configureGrid } from './commands/grid.js';
import { configureCheck } from './commands/check.js';
import { configureFit } from './commands/fit.js';
import { configureSchema } from './commands/schema.js';
import type { CliContext } from './context.js';

export const VERSION = '0.1.0';

/** The commander program: the summary is the top-level command; subcommands have their own options. */
export function createProgram(ctx: CliContext): Command {
  const program = new Command('wrn-calc')
    .description('Exact shapes, parameters, MACs and memory of Wide Residual Networks (WRN-d-k), without building the model.')
    .version(VERSION, '-V, --version')
    .option('--debug', 'show a stack trace on errors')
    .enablePositionalOptions()
    .showHelpAfterError('(run wrn-calc --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => {
        ctx.stdout += text;
      },
      writeErr: (text) => {
        ctx.stderr += text;
      },
      // Commander's own usage errors read like ours: `wrn-calc: unknown option '--depht'`.
      outputError: (text, write) => write(text.replace(/^error: /, 'wrn-calc: ')),
    });
  configureSummary(program, ctx);
  // Subcommands copy the exit override and output capture above (commander's copyInheritedSettings).
  configureGrid(program, ctx);
  configureBlock(program, ctx);
  configureCheck(program, ctx);
  configureSchema(program, ctx);
  configureFit(program, ctx);
  return program;
}

export { CommanderError };
