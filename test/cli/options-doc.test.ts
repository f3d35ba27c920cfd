import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, helpOf } from '../../src/cli/options.js';
import type { CommandName } from '../../src/cli/options.js';
import { OPTIONS_DOC_END, OPTIONS_DOC_START, USAGE, renderOptionsMarkdown, shownFlags } from '../../src/cli/options-doc.js';
import { runCli } from '../helpers/cli.js';

/*
 * docs/options.md's tables are made from the option table (src/cli/options-doc.ts),
 * and say what --help says: the same options of each command, each with the same
 * help, choices and default. UPDATE_DOCS=1 rewrites the generated part of the page.
 */

const PAGE = 'docs/options.md';

async function helpText(command: CommandName): Promise<string> {
  const result = await runCli(command === 'summary' ? ['--help'] : [command, '--help']);
  expect(result.exitCode).toBe(0);
  return result.stdout;
}

/** The flags --help lists under "Options:" (`-d, --debug` as `--debug`), without commander's -h/--help and -V/--version. */
function helpFlags(help: string): string[] {
  const section = help.slice(help.indexOf('\nOptions:\n'), help.indexOf('\n\n', help.indexOf('\nOptions:\n') + 1));
  return section
    .split('\n')
    .flatMap((line) => /^ {2}(?:-\w, )?(--[\w-]+(?: <[^>]+>)?)/.exec(line)?.[1] ?? [])
    .filter((flag) => flag !== '--help' && flag !== '--version');
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

describe('docs/options.md', () => {
  it('holds the tables made from the option table (UPDATE_DOCS=1 rewrites them)', () => {
    const page = readFileSync(PAGE, 'utf8');
    const start = page.indexOf(OPTIONS_DOC_START);
    const end = page.indexOf(OPTIONS_DOC_END);
    expect(start, `${PAGE} has its markers`).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const generated = renderOptionsMarkdown();
    const updated = page.slice(0, start) + generated + page.slice(end + OPTIONS_DOC_END.length);
    if (process.env.UPDATE_DOCS === '1') writeFileSync(PAGE, updated);
    expect(readFileSync(PAGE, 'utf8'), `${PAGE} is stale: run UPDATE_DOCS=1 npx vitest run test/cli/options-doc.test.ts`).toBe(updated);
  });

  it.each(COMMAND_NAMES)('lists the options wrn-calc %s --help lists, in its order, with its usage', async (command) => {
    const help = await helpText(command);
    expect(help.startsWith(`Usage: ${USAGE[command]}\n`)).toBe(true);
    expect(shownFlags(command).map((shown) => shown.flag)).toEqual(helpFlags(help));
  });

  it.each(COMMAND_NAMES)('gives each option of %s the help, choices and default --help gives it', async (command) => {
    const help = oneLine(await helpText(command));
    const page = oneLine(readFileSync(PAGE, 'utf8'));
    const section = page.slice(page.indexOf(`## \`${command === 'summary' ? 'wrn-calc' : `wrn-calc ${command}`}\``));
    for (const { key, flag, negated } of shownFlags(command)) {
      if (negated) continue;
      const text = oneLine(helpOf(key, command));
      expect(help, `${command} --help shows ${flag}: ${text}`).toContain(text);
      expect(section).toContain(`| \`${flag}\` |`);
    }
  });
});
