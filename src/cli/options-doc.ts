import { SUBCOMMAND_DESCRIPTIONS } from './commands/descriptions.js';
import { COMMAND_NAMES, OPTIONS, OPTION_KEYS, choicesOf, defaultOf, flagShownOn, isHiddenOn, optionKeysOf } from './options.js';
import type { CommandName, OptionKey } from './options.js';

/*
 * docs/options.md's tables, made from the option table (options.ts): one per
 * command, in the order --help lists the options, with each option's help,
 * choices and default as --help gives them; then the budget file's fields. Not
 * part of the CLI: a test compares the page with this and with --help, and
 * UPDATE_DOCS=1 rewrites the page's generated part.
 */

export const OPTIONS_DOC_START =
  '<!-- options:start (made from src/cli/options.ts; UPDATE_DOCS=1 npx vitest run test/cli/options-doc.test.ts rewrites it) -->';
export const OPTIONS_DOC_END = '<!-- options:end -->';

/** Each command's usage, as its --help's first line gives it after `Usage: `. */
export const USAGE: Record<CommandName, string> = {
  summary: 'wrn-calc [options] [command] [model]',
  check: 'wrn-calc check [options] [files-or-models...]',
  grid: 'wrn-calc grid [options]',
  fit: 'wrn-calc fit [options]',
  compare: 'wrn-calc compare [options] <model...>',
  block: 'wrn-calc block [options]',
  schema: 'wrn-calc schema [options]',
  export: 'wrn-calc export [options] [model]',
  serve: 'wrn-calc serve [options]',
};

const ABOUT: Record<CommandName, string> = {
  summary: 'one network: its size, compute and training memory, then its structure',
  ...SUBCOMMAND_DESCRIPTIONS,
};

/** A table cell: one line, with Markdown's table separator escaped. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

function code(text: string): string {
  return `\`${text}\``;
}

/** The options a command lists in --help, in its order: the table's, each with its --no- form after it. */
export function shownFlags(command: CommandName): { key: OptionKey; flag: string; negated: boolean }[] {
  return optionKeysOf(command)
    .filter((key) => !isHiddenOn(key, command))
    .flatMap((key) => {
      const negate = (OPTIONS[key] as { negate?: { flag: string } }).negate;
      const own = { key, flag: flagShownOn(key, command), negated: false };
      return negate === undefined ? [own] : [own, { key, flag: negate.flag, negated: true }];
    });
}

function commandSection(command: CommandName): string[] {
  const rows = shownFlags(command).map(({ key, flag, negated }) => {
    const declared = OPTIONS[key] as { help: string; helpFor?: Partial<Record<CommandName, string>>; negate?: { help: string } };
    const help = negated ? (declared.negate?.help ?? '') : (declared.helpFor?.[command] ?? declared.help);
    const choices = negated ? undefined : choicesOf(key, command);
    const fallback = negated ? undefined : defaultOf(key, command);
    const shownDefault = fallback === undefined ? '' : 'value' in fallback ? code(fallback.value) : fallback.text;
    return `| ${code(flag)} | ${cell(help)} | ${cell(choices?.map(code).join(', ') ?? '')} | ${cell(shownDefault)} |`;
  });
  return [
    `## ${code(command === 'summary' ? 'wrn-calc' : `wrn-calc ${command}`)}`,
    '',
    `${code(USAGE[command])}: ${ABOUT[command]}.`,
    '',
    '| option | what it does | choices | default |',
    '|---|---|---|---|',
    ...rows,
  ];
}

/** The budget file's fields for one model: the network and training options `check` takes, under the option's key. */
function fileSection(): string[] {
  const rows = OPTION_KEYS.filter((key) => 'file' in OPTIONS[key]).map(
    (key) => `| ${code(key)} | ${code(flagShownOn(key, 'check').split(' ')[0] ?? key)} |`,
  );
  const budget = OPTION_KEYS.filter((key) => 'metric' in OPTIONS[key]).map((key) => {
    const { metric } = OPTIONS[key] as { metric: string };
    return `| ${code(metric)} | ${code(flagShownOn(key, 'check').split(' ')[0] ?? key)} |`;
  });
  return [
    '## Budget files',
    '',
    "A model in a budget file takes the same values as these flags, under the option's name (and a `name`",
    'of its own; [docs/ci.md](ci.md) shows a whole file):',
    '',
    '| model field | flag |',
    '|---|---|',
    ...rows,
    '',
    'and a budget (for the file, or for one model) the same amounts as the `--max-*` flags:',
    '',
    '| budget field | flag |',
    '|---|---|',
    ...budget,
  ];
}

/** The generated part of docs/options.md, between its markers. */
export function renderOptionsMarkdown(): string {
  const sections = COMMAND_NAMES.map((command) => commandSection(command).join('\n'));
  return [OPTIONS_DOC_START, '', ...sections.flatMap((section) => [section, '']), fileSection().join('\n'), '', OPTIONS_DOC_END].join('\n');
}
