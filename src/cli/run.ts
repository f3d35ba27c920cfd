import { isWrnError, resolveModelName } from '../core/index.js';
import type { CliContext } from './context.js';
import { EXIT } from './errors.js';
import type { ExitCode } from './errors.js';
import { OutputError, UsageError } from './errors.js';
import { OPTION_KEYS, flagOf, optionKeysOf, takesValue } from './options.js';
import type { CommandName } from './options.js';
import { CommanderError, createProgram, selectedSubcommand } from './program.js';
import { SUBCOMMAND_NAMES, closestCommands, listOr } from './suggest.js';

export interface RunResult {
  readonly stdout: string;
  /** Binary output, written instead of `stdout` when present. */
  readonly stdoutBytes?: Uint8Array;
  readonly stderr: string;
  readonly exitCode: number;
}

export type RunEnvironment = Pick<CliContext, 'env' | 'stdoutIsTTY' | 'columns' | 'readFile'>;

/** argv without --debug, which may stand anywhere: the words the hints and aliases read. */
function withoutDebug(argv: readonly string[]): readonly string[] {
  return argv.filter((arg) => arg !== '--debug');
}

/**
 * `wrn-calc help --layers`: commander has no command to show help for, so it dumps
 * the whole help on stderr and fails (exit code 1). That is a usage error, not help.
 */
function isHelpAsError(error: unknown): boolean {
  return error instanceof CommanderError && error.code === 'commander.help' && error.exitCode !== 0;
}

/** `wrn-calc help gird`: one sentence, with the command meant when it is close. */
function helpAsError(argv: readonly string[]): UsageError {
  const word = withoutDebug(argv)[1];
  const close = word === undefined ? [] : closestCommands(word);
  const hint = close.length > 0 ? ` did you mean ${listOr(close)}?` : '';
  return new UsageError(
    `help takes the name of a command (${listOr(SUBCOMMAND_NAMES)}), or nothing;${hint} run wrn-calc --help for usage.`,
  );
}

/** `help` followed by anything but a command name (commander would read `help` as the summary's model). */
function isHelpWithoutCommand(argv: readonly string[]): boolean {
  const words = withoutDebug(argv);
  return words[0] === 'help' && words.length > 1 && !(SUBCOMMAND_NAMES as readonly string[]).includes(words[1] ?? '');
}

/**
 * `wrn-calc compre A B` or `wrn-calc fi --max-params 1M`: commander refuses the
 * summary's arguments or options; when the first word is close to a command, a
 * hint says which.
 */
function commandHint(argv: readonly string[]): string {
  const [first] = withoutDebug(argv);
  if (first === undefined || first.startsWith('-') || (SUBCOMMAND_NAMES as readonly string[]).includes(first)) return '';
  const close = closestCommands(first);
  return close.length > 0 ? `the command ${listOr(close)}` : '';
}

/** Flags that take a value (`--depth <d>`): the word after one is its value, not an operand. */
const VALUE_FLAGS = new Set(OPTION_KEYS.filter(takesValue).map(flagOf));

/** The words of argv that are not options or their values. */
function operandsOf(argv: readonly string[]): string[] {
  const operands: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (VALUE_FLAGS.has(word)) i++;
    else if (!word.startsWith('-')) operands.push(word);
  }
  return operands;
}

function isModelName(word: string): boolean {
  try {
    resolveModelName(word);
    return true;
  } catch {
    return false;
  }
}

/** `wrn-calc WRN-28-10 WRN-16-8`: the summary takes one model; two or more are what compare is for. */
function compareHintLine(argv: readonly string[]): string {
  const operands = operandsOf(argv);
  return operands.length > 1 && operands.every(isModelName) ? `wrn-calc compare ${operands.join(' ')}` : '';
}

/**
 * `wrn-calc --K 10`: commander suggests options two or more letters long only; an
 * option of the command that differs in case only is suggested here.
 */
function optionCaseHint(error: CommanderError, argv: readonly string[]): string {
  const unknown = /unknown option '([^']*)'/.exec(error.message)?.[1];
  if (unknown === undefined) return '';
  const command: CommandName = selectedSubcommand(argv) ?? 'summary';
  const match = optionKeysOf(command)
    .map(flagOf)
    .find((flag) => flag.toLowerCase() === unknown.toLowerCase());
  return match ?? '';
}

/** What was probably meant: commander's own suggestion, else the command, the compare or the option in another case. */
function commanderHint(error: CommanderError, argv: readonly string[], suggested: string | undefined): string {
  const command = commandHint(argv);
  if (command !== '') return command;
  if (suggested !== undefined) return suggested;
  if (error.code === 'commander.excessArguments' && selectedSubcommand(argv) === undefined) return compareHintLine(argv);
  if (error.code === 'commander.unknownOption') return optionCaseHint(error, argv);
  return '';
}

/**
 * Commander's refusal as one line, like every other: its message (`too many arguments.
 * Expected 1 argument but got 2.` read as one clause), then what was probably meant,
 * then where the usage is: `wrn-calc: unknown option '--depht'; did you mean --depth?
 * (wrn-calc --help shows the usage)`.
 */
function commanderLine(error: CommanderError, argv: readonly string[], written: string): string {
  const [first = '', ...rest] = written.trimEnd().split('\n');
  const suggested = rest.map((line) => /^\(Did you mean (.*)\?\)$/.exec(line)?.[1]).find((match) => match !== undefined);
  const message = first.replace(/\. Expected /, ': expected ').replace(/\.$/, '');
  const hint = commanderHint(error, argv, suggested);
  const meant = hint === '' ? '' : `; did you mean ${hint}?`;
  return `${message}${meant} (wrn-calc${helpTarget(argv)} --help shows the usage)\n`;
}

/** `wrn-calc grid --help` for a refusal of grid's options, `wrn-calc --help` for the summary's. */
function helpTarget(argv: readonly string[]): string {
  const command = selectedSubcommand(argv);
  return command === undefined ? '' : ` ${command}`;
}

/** `-v` is `-V`, the version, as many tools have it (only where commander reads program options). */
function versionAlias(argv: readonly string[]): readonly string[] {
  return selectedSubcommand(argv) === undefined ? argv.map((arg) => (arg === '-v' ? '-V' : arg)) : argv;
}

/** `wrn-calc help` alone is `wrn-calc --help` (the summary would read `help` as a model name). */
function helpAlias(argv: readonly string[]): readonly string[] {
  const words = withoutDebug(argv);
  return words.length === 1 && words[0] === 'help' ? argv.map((arg) => (arg === 'help' ? '--help' : arg)) : argv;
}

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
export async function run(given: readonly string[], environment: RunEnvironment): Promise<RunResult> {
  const argv = versionAlias(helpAlias(given));
  const ctx: CliContext = { ...environment, stdout: '', stderr: '', exitCode: EXIT.ok };
  const debug = argv.includes('--debug');
  try {
    if (isHelpWithoutCommand(argv)) throw helpAsError(argv);
    await (await createProgram(ctx, argv)).parseAsync([...argv], { from: 'user' });
    const bytes = ctx.stdoutBytes === undefined ? {} : { stdoutBytes: ctx.stdoutBytes };
    return { stdout: ctx.stdout, ...bytes, stderr: ctx.stderr, exitCode: ctx.exitCode };
  } catch (error) {
    const exitCode = exitCodeFor(error);
    if (exitCode === EXIT.ok) return { stdout: ctx.stdout, stderr: ctx.stderr, exitCode };
    // Commander has written its message (and its suggestion) to stderr: one line is made of it.
    const message = isHelpAsError(error)
      ? errorMessage(helpAsError(argv))
      : error instanceof CommanderError
        ? commanderLine(error, argv, ctx.stderr)
        : ctx.stderr + errorMessage(error);
    const trace = debug && error instanceof Error && error.stack ? `${error.stack}\n` : '';
    return { stdout: '', stderr: message + trace, exitCode };
  }
}
