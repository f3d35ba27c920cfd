import type { Command } from 'commander';
import type { HelpName } from './commands/examples.js';
import { EXAMPLES, exitCodesOf } from './commands/examples.js';
import type { CliContext } from './context.js';
import { wrapLine } from './render/wrap.js';

/** Help is laid out for the terminal, or for 80 columns when piped (commander's own default). */
export function helpWidth(ctx: Pick<CliContext, 'columns'>): number {
  return ctx.columns() ?? 80;
}

/** A command line that fits the help's width: longer ones continue on the next line after a `\`, as a shell reads them. */
function commandLines(command: string, width: number): string[] {
  const lines: string[] = [];
  let current = '  ';
  for (const word of command.split(' ')) {
    if (current.trim() !== '' && current.length + 1 + word.length + 2 > width) {
      lines.push(`${current} \\`);
      current = '      ';
    }
    current += current.trim() === '' ? word : ` ${word}`;
  }
  lines.push(current);
  return lines;
}

/**
 * The end of a command's --help: its examples, each a comment saying what it shows
 * above the command line (so both copy into a shell as they are), then the exit codes.
 */
export function helpEpilogue(name: HelpName, width: number): string {
  const comment = (what: string) =>
    wrapLine(what, width - 4)
      .split('\n')
      .map((line) => `  # ${line}`);
  const examples = EXAMPLES[name].flatMap(([command, what]) => [...comment(what), ...commandLines(command, width)]);
  const codes = exitCodesOf(name).map((line) => {
    const [code = '', ...words] = line.split(' ');
    return wrapLine(`  ${code.padEnd(4)}${words.join(' ')}`, width, 6);
  });
  return ['', 'Examples:', ...examples, '', 'Exit codes:', ...codes].join('\n');
}

/** Adds the examples and exit codes to the end of the command's --help. */
export function addHelpEpilogue(command: Command, name: HelpName, ctx: Pick<CliContext, 'columns'>): Command {
  return command.addHelpText('after', () => helpEpilogue(name, helpWidth(ctx)));
}
