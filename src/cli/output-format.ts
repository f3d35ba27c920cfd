import type { Command } from 'commander';

/** How `check` and `fit` print their report: a terminal table, a Markdown table (PR comments) or JSON. */
export const OUTPUT_FORMATS = ['table', 'markdown', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function addFormatOptions(command: Command): Command {
  return command
    .option('--format <format>', `output: ${OUTPUT_FORMATS.join(', ')} (default table)`)
    .option('--json', 'same as --format json: one JSON document on stdout, nothing else')
    .option('--color', 'force colour')
    .option('--no-color', 'never colour (NO_COLOR and a non-TTY stdout also turn it off)')
    // The program's --debug goes before a subcommand (positional options); accept it after too.
    .option('--debug', 'show a stack trace on errors');
}
