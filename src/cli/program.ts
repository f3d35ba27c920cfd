import { Command, CommanderError } from 'commander';
import { configureSummary } from './commands/summary.js';
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
  return program;
}

export { CommanderError };
