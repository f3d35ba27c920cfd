import { Command, CommanderError } from 'commander';
import { SUBCOMMAND_DESCRIPTIONS } from './commands/descriptions.js';
import type { SubcommandName } from './commands/descriptions.js';
import { configureSummary } from './commands/summary.js';
import type { CliContext } from './context.js';
import { UsageError } from './errors.js';
import { addHelpEpilogue, helpWidth } from './help-text.js';
import { addOption } from './options.js';
import { escapeControl } from './quote.js';

export const VERSION = '0.1.0';

type Configure = (program: Command, ctx: CliContext) => Command;

/** Each subcommand's module is loaded only when it runs, so start-up pays for one command, not seven. */
const SUBCOMMANDS: Record<SubcommandName, () => Promise<Configure>> = {
  grid: async () => (await import('./commands/grid.js')).configureGrid,
  block: async () => (await import('./commands/block.js')).configureBlock,
  check: async () => (await import('./commands/check.js')).configureCheck,
  schema: async () => (await import('./commands/schema.js')).configureSchema,
  fit: async () => (await import('./commands/fit.js')).configureFit,
  compare: async () => (await import('./commands/compare.js')).configureCompare,
  export: async () => (await import('./commands/export.js')).configureExport,
  serve: async () => (await import('./commands/serve.js')).configureServe,
};

function isSubcommand(name: string | undefined): name is SubcommandName {
  return name !== undefined && Object.hasOwn(SUBCOMMANDS, name);
}

/** The subcommand argv asks for: its first operand (`wrn-calc --debug grid ...`), or the one after `help`. */
export function selectedSubcommand(argv: readonly string[]): SubcommandName | undefined {
  const operands = argv.filter((arg) => !arg.startsWith('-'));
  const [first, second] = operands;
  if (first === 'help') return isSubcommand(second) ? second : undefined;
  return isSubcommand(first) && argv.indexOf(first) === argv.findIndex((arg) => !arg.startsWith('-')) ? first : undefined;
}

/** The commander program: the summary is the top-level command; subcommands have their own options. */
export async function createProgram(ctx: CliContext, argv: readonly string[]): Promise<Command> {
  const program = new Command('wrn-calc')
    .description('Exact shapes, parameters, MACs and memory of Wide Residual Networks (WRN-d-k), without building the model.')
    .version(VERSION, '-V, --version')
    .enablePositionalOptions()
    // Commander leaves a description column narrower than 40 unwrapped; a 60-column terminal leaves it 32.
    .configureHelp({ minWidthToWrap: 20 })
    .exitOverride()
    .configureOutput({
      writeOut: (text) => {
        ctx.stdout += text;
      },
      writeErr: (text) => {
        ctx.stderr += text;
      },
      // Help fits the terminal as tables do (80 columns when piped), and has no colour of its own.
      getOutHelpWidth: () => helpWidth(ctx),
      getErrHelpWidth: () => helpWidth(ctx),
      getOutHasColors: () => false,
      getErrHasColors: () => false,
      // Commander's own usage errors read like ours: `wrn-calc: unknown option '--depht'`. The
      // argument it quotes is the user's, so its control characters are escaped (quote.ts).
      outputError: (text, write) => write(text.replace(/^error: /, 'wrn-calc: ').replace(/'[^']*'/g, escapeControl)),
    });
  const selected = selectedSubcommand(argv);
  if (selected === undefined) {
    addHelpEpilogue(configureSummary(program, ctx), 'summary', ctx);
    refuseSummaryOptionsBeforeSubcommand(program);
  } else {
    // Of the summary's options, only --debug may come before a subcommand.
    addOption(program, 'debug', 'summary');
  }
  // Without a leading subcommand, a name further on (`--depth 28 grid`: commander cannot tell
  // 28 from an operand until it knows the options) still loads that subcommand in full.
  const load = selected === undefined ? argv.filter(isSubcommand) : [selected];
  // Subcommands copy the exit override and output capture above (commander's copyInheritedSettings).
  // The ones not asked for are listed by name and description only, for --help.
  for (const name of Object.keys(SUBCOMMANDS) as SubcommandName[]) {
    if (load.includes(name)) addHelpEpilogue((await SUBCOMMANDS[name]())(program, ctx), name, ctx);
    else program.command(name).description(SUBCOMMAND_DESCRIPTIONS[name]);
  }
  return program;
}

/**
 * `wrn-calc --json --block 3,3 grid`: commander parses the summary's options, then runs
 * grid without them, so --json and --block would be dropped without a word. Only
 * --debug may come before a subcommand; anything else is refused, naming where it goes.
 */
function refuseSummaryOptionsBeforeSubcommand(program: Command): void {
  program.hook('preSubcommand', (command, subcommand) => {
    const given = command.options.filter(
      (option) => option.long !== '--debug' && command.getOptionValueSource(option.attributeName()) === 'cli',
    );
    // --color and --no-color share one value: name the one that was given.
    const names = [
      ...new Set(
        given.map((option) => (option.negate === (command.getOptionValue(option.attributeName()) === false) ? option.long : undefined)),
      ),
    ].filter((name): name is string => name !== undefined);
    if (names.length === 0) return;
    throw new UsageError(
      `${names.join(', ')} ${names.length === 1 ? 'is an option' : 'are options'} of the summary, not of ${subcommand.name()}; put ${subcommand.name()}'s options after it: wrn-calc ${subcommand.name()} [options].`,
    );
  });
}

export { CommanderError };
