import { isWrnError } from '../core/index.js';
import type { CliContext } from './context.js';
import { EXIT } from './errors.js';
import type { ExitCode } from './errors.js';
import { OutputError, UsageError } from './errors.js';
import { CommanderError, createProgram } from './program.js';

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export type RunEnvironment = Pick<CliContext, 'env' | 'stdoutIsTTY' | 'columns' | 'readFile'>;

/**
 * `wrn-calc help --layers`: commander has no command to show help for, so it dumps
 * the whole help on stderr and fails (exit code 1). That is a usage error, not help.
 */
function isHelpAsError(error: unknown): boolean {
  return error instanceof CommanderError && error.code === 'commander.help' && error.exitCode !== 0;
}

const HELP_AS_ERROR = 'wrn-calc: help takes the name of a command (grid, block, check, schema or fit), or nothing; run wrn-calc --help for usage.\n';

/** The one place that maps an error to an exit code. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof CommanderError) {
    if (isHelpAsError(error)) return EXIT.usage;
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help'
      ? EXIT.ok
      : EXIT.usage;
  }
  if (error instanceof UsageError || isWrnError(error)) return EXIT.usage;
  if (error instanceof OutputError) return EXIT.ioError;
  return EXIT.internal;
}

/** The one line on stderr for an error (commander writes its own). */
export function errorMessage(error: unknown): string {
  if (error instanceof UsageError || isWrnError(error) || error instanceof OutputError) return `wrn-calc: ${error.message}\n`;
  const text = error instanceof Error ? error.message : String(error);
  return `wrn-calc: internal error: ${text} (please report it; --debug shows a stack trace)\n`;
}

/** argv (without node and script) → stdout, stderr and exit code. Nothing partial reaches stdout on failure. */
export async function run(argv: readonly string[], environment: RunEnvironment): Promise<RunResult> {
  const ctx: CliContext = { ...environment, stdout: '', stderr: '', exitCode: EXIT.ok };
  const debug = argv.includes('--debug');
  try {
    await (await createProgram(ctx, argv)).parseAsync([...argv], { from: 'user' });
    return { stdout: ctx.stdout, stderr: ctx.stderr, exitCode: ctx.exitCode };
  } catch (error) {
    const exitCode = exitCodeFor(error);
    if (exitCode === EXIT.ok) return { stdout: ctx.stdout, stderr: ctx.stderr, exitCode };
    // Commander has already written its own one-line message to stderr (but for the help it dumped as an error).
    const message = error instanceof CommanderError ? '' : errorMessage(error);
    const trace = debug && error instanceof Error && error.stack ? `${error.stack}\n` : '';
    return { stdout: '', stderr: (isHelpAsError(error) ? HELP_AS_ERROR : ctx.stderr + message) + trace, exitCode };
  }
}
