import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runShellLine } from '../helpers/shell.js';

/*
 * The README's examples, run: every output block that follows a `sh` block (blank
 * lines between at most) is what that block's one command prints, run from the repository root
 * with the paths the README gives (README, "Examples in this README"):
 *
 * - the whole output, exactly, when the block has no `…` line;
 * - its beginning when the block's last line is `…`, its end when the first is;
 * - a command piped through head, tail, sed -n or jq shows what that prints;
 * - a refused command (exit 2) shows its message, which goes to stderr.
 *
 * An output block after a `sh` block of several commands would not say whose
 * output it is: that fails too.
 */

const README = readFileSync('README.md', 'utf8');
const ELLIPSIS = '…';

interface Example {
  readonly line: number;
  readonly commands: readonly string[];
  readonly output: string;
}

/** Fenced blocks in order: their info string, text and first line number. */
function blocks(markdown: string): { info: string; text: string; line: number; end: number }[] {
  const lines = markdown.split('\n');
  const found: { info: string; text: string; line: number; end: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i] ?? '');
    if (open === null) continue;
    const close = lines.findIndex((line, j) => j > i && line === '```');
    if (close === -1) break;
    found.push({ info: open[1] ?? '', text: lines.slice(i + 1, close).join('\n'), line: i + 1, end: close + 1 });
    i = close;
  }
  return found;
}

/** An sh block's command lines: not empty, not a comment; a trailing `\` joins the next line. */
function commandsOf(text: string): string[] {
  return text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Every sh block followed by an output block (plain, text or json) with nothing but blank lines between. */
function examples(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const all = blocks(markdown);
  return all.flatMap((block, index) => {
    const next = all[index + 1];
    if (block.info !== 'sh' || next === undefined || !['', 'json', 'text'].includes(next.info)) return [];
    if (lines.slice(block.end, next.line - 1).some((line) => line.trim() !== '')) return [];
    return [{ line: block.line, commands: commandsOf(block.text), output: `${next.text}\n` }];
  });
}

const EXAMPLES = examples(README);

/** The docs pages whose examples run as the README's do. */
const PAGES = ['README.md', 'docs/charts.md'] as const;

describe.each(PAGES)('%s', (page) => {
  const pageExamples = page === 'README.md' ? EXAMPLES : examples(readFileSync(page, 'utf8'));

  it('has examples with their output (the parser finds them)', () => {
    expect(pageExamples.length).toBeGreaterThanOrEqual(page === 'README.md' ? 10 : 3);
  });

  it.each(pageExamples.map((example) => [`line ${example.line}: ${example.commands.join('; ')}`, example] as const))(
    '%s',
    async (_, example) => {
      expect(example.commands, 'an output block follows a sh block of exactly one command').toHaveLength(1);
      const result = await runShellLine(example.commands[0] ?? '');
      const printed = result.exitCode === 2 ? result.stderr : result.stdout;
      if (result.exitCode !== 2) expect(result.stderr).toBe('');
      const lines = example.output.trimEnd().split('\n');
      if (lines[lines.length - 1] === ELLIPSIS) {
        expect(printed.startsWith(`${lines.slice(0, -1).join('\n')}\n`), `the output begins with the block\n${printed}`).toBe(true);
      } else if (lines[0] === ELLIPSIS) {
        expect(printed.endsWith(`${lines.slice(1).join('\n')}\n`), `the output ends with the block\n${printed}`).toBe(true);
      } else {
        expect(printed).toBe(example.output);
      }
    },
  );
});
