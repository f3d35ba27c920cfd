import type { Command } from 'commander';

/** How `check` and `fit` print their report: a terminal table, a Markdown table (PR comments) or JSON. */
export const OUTPUT_FORMATS = ['table', 'markdown', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** --color and --no-color, on every command that prints a terminal table (paint.ts says which wins). */
export function addColorOptions(command: Command): Command {
  return command
    .option('--color', 'colour even when stdout is not a terminal or NO_COLOR is set')
    .option('--no-color', 'never colour, even with FORCE_COLOR (by default colour is on only in a terminal, and NO_COLOR turns it off)');
}

export function addFormatOptions(command: Command): Command {
  command
    .option('--format <format>', `output: ${OUTPUT_FORMATS.join(', ')} (default table)`)
    .option('--json', 'same as --format json: one JSON document on stdout, nothing else');
  return (
    addColorOptions(command)
      // The program's --debug goes before a subcommand (positional options); accept it after too.
      .option('--debug', 'show a stack trace on errors')
  );
}
