import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runShellLine } from '../helpers/shell.js';

/*
 * The docs' commands, run: the README, CONTRIBUTING.md and every page of docs/.
 *
 * Every `wrn-calc` line of a `sh` block runs (in process, from the repository root,
 * with the paths the page gives; a file it writes, a chart or an export, goes to a
 * temporary directory). It exits 0, or 1 from `check`, or 2 when an output block shows the
 * refusal. An output block (plain, text or json) right after a `sh` block of one
 * command is what that command prints:
 *
 * - the whole output, exactly, when the block has no `…` line;
 * - its beginning when the block's last line is `…`, its end when the first is;
 * - a command piped through head, tail, sed -n or jq shows what that prints;
 * - a refused command (exit 2) shows its message, which goes to stderr.
 *
 * Every other line is a command of this repository or of its tools: an npm
 * script that package.json has, a bin that node_modules has, a file that exists.
 * Python runs a script that exists or that an earlier line of the page writes
 * (`wrn-calc export … --out model.py`), or a `-c` program; test/export/docs.test.ts
 * runs those lines of docs/export.md in PyTorch.
 */

const PAGES = ['README.md', 'CONTRIBUTING.md', ...readdirSync('docs').flatMap((name) => (name.endsWith('.md') ? [`docs/${name}`] : []))];
const ELLIPSIS = '…';
const OUTPUT_DIR = mkdtempSync(join(tmpdir(), 'wrn-calc-docs-'));
afterAll(() => rmSync(OUTPUT_DIR, { recursive: true, force: true }));

interface Block {
  readonly info: string;
  readonly text: string;
  readonly line: number;
  readonly end: number;
}

/** Fenced blocks in order (indented ones too, as in a list item): their info string, text and first and last line numbers. */
function blocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const found: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)```(\S*)\s*$/.exec(lines[i] ?? '');
    if (open === null) continue;
    const indent = open[1] ?? '';
    const close = lines.findIndex((line, j) => j > i && line === `${indent}\`\`\``);
    if (close === -1) break;
    const text = lines
      .slice(i + 1, close)
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join('\n');
    found.push({ info: open[2] ?? '', text, line: i + 1, end: close + 1 });
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

interface Command {
  readonly line: number;
  readonly command: string;
  /** The output block that follows, when the sh block has it and this one command. */
  readonly output?: string;
  readonly blockSize: number;
}

/** Every command of every sh block, with the output block that follows it (nothing but blank lines between). */
function commands(markdown: string): Command[] {
  const lines = markdown.split('\n');
  const all = blocks(markdown);
  return all.flatMap((block, index) => {
    if (block.info !== 'sh') return [];
    const next = all[index + 1];
    const followed =
      next !== undefined &&
      ['', 'json', 'text'].includes(next.info) &&
      lines.slice(block.end, next.line - 1).every((line) => line.trim() === '');
    const list = commandsOf(block.text);
    return list.map((command) => ({
      line: block.line,
      command,
      blockSize: list.length,
      ...(followed ? { output: `${next.text}\n` } : {}),
    }));
  });
}

const isWrnCalc = (command: string) => /^(npx )?wrn-calc( |$)/.test(command);

/** A chart or an export written to a file goes to the temporary directory (`--svg grid.svg`, `--out model.py`); `-` stays stdout. */
function filesToTemp(command: string): string {
  return command.replace(
    /(--svg|--png|--out) (?!-(?: |$))(\S+)/g,
    (_, flag: string, path: string) => `${flag} ${join(OUTPUT_DIR, path.replace(/\//g, '_'))}`,
  );
}

const SCRIPTS = Object.keys((JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts);

/** The files a command writes with `--out`, as the page names them. */
function writtenBy(command: string): string[] {
  return [...command.matchAll(/--out (?!-(?: |$))(\S+)/g)].map((match) => match[1] ?? '');
}

/** Why a line that is not wrn-calc's would not work here, or undefined if it would; `written`: the files earlier lines write. */
function problemOf(command: string, written: ReadonlySet<string> = new Set()): string | undefined {
  const words = command.replace(/^([A-Z_]+=\S+ )+/, '').split(/\s+/);
  const [program = '', first = '', second = ''] = words;
  const paths = words.slice(1).filter((word) => /^[\w.-]+\/[\w./-]+$/.test(word));
  const missing = paths.find((path) => !existsSync(path));
  if (missing !== undefined) return `${missing} does not exist`;
  switch (program) {
    case 'npm':
      if (first === 'run') return SCRIPTS.includes(second) ? undefined : `package.json has no script ${second}`;
      return ['install', 'ci', 'test', 'install-scripts'].includes(first) ? undefined : `npm ${first} is not a command the docs use`;
    case 'npx':
      return existsSync(join('node_modules', '.bin', first)) ? undefined : `no ${first} in node_modules/.bin`;
    case 'node':
      return existsSync(first) ? undefined : `${first} does not exist`;
    case 'python3':
    case '/usr/bin/python3':
      return first === '-c' || existsSync(first) || written.has(first) ? undefined : `${first} does not exist`;
    case 'apt-get':
    case 'git':
      return undefined;
    default:
      return `${program}: not a command this test knows`;
  }
}

describe.each(PAGES)('%s', (page) => {
  const markdown = readFileSync(page, 'utf8');
  const all = commands(markdown);
  const examples = all.filter((command) => command.output !== undefined && isWrnCalc(command.command));

  if (page === 'README.md') {
    it('has a dozen examples with their output, and the two commands that set it up', () => {
      expect(examples.length).toBeGreaterThanOrEqual(12);
      expect(all.slice(0, 2).map((command) => command.command)).toEqual(['npm install', 'npx wrn-calc WRN-28-10']);
      expect(markdown.split('\n').length).toBeLessThanOrEqual(300);
    });
  }

  it('tells no history: the docs say what is, not what was', () => {
    expect(markdown).not.toMatch(
      /\bit was\b|\bmeasured when\b|\bwent from\b|\bpreviously\b|\bfirst release\b|\bformerly\b|\bwhen the project was\b/i,
    );
  });

  it("links only to this repository's files that exist", () => {
    const targets = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].flatMap((match) => {
      const target = (match[1] ?? '').replace(/#.*$/, '');
      const own = /^https:\/\/(?:github\.com\/wrn-calc\/wrn-calc\/blob|raw\.githubusercontent\.com\/wrn-calc\/wrn-calc)\/main\/(.+)$/.exec(
        target,
      );
      if (own !== null) return [own[1] ?? ''];
      return target === '' || /^[a-z]+:/.test(target) ? [] : [join(dirname(page), target)];
    });
    for (const target of targets) expect(existsSync(target), `${page} links to ${target}`).toBe(true);
  });

  it.each(all.map((command) => [`line ${command.line}: ${command.command}`, command] as const))('%s', async (_, entry) => {
    if (!isWrnCalc(entry.command)) {
      const written = new Set(
        all.filter((earlier) => earlier.line < entry.line && isWrnCalc(earlier.command)).flatMap((earlier) => writtenBy(earlier.command)),
      );
      expect(problemOf(entry.command, written)).toBeUndefined();
      return;
    }
    if (/^(npx )?wrn-calc serve\b/.test(entry.command)) {
      // A server runs until Ctrl-C (test/e2e/serve-bin.test.ts starts one): here, its options exist.
      const help = await runShellLine('wrn-calc serve --help');
      expect(help.exitCode).toBe(0);
      for (const flag of entry.command.replace(/#.*$/, '').match(/--[\w-]+/g) ?? []) expect(help.stdout).toContain(flag);
      return;
    }
    const result = await runShellLine(filesToTemp(entry.command));
    if (entry.output === undefined) {
      expect(result.stderr, 'a command without an output block runs cleanly').toBe('');
      expect(result.exitCode === 0 || (result.exitCode === 1 && entry.command.includes(' check '))).toBe(true);
      return;
    }
    expect(entry.blockSize, 'an output block follows a sh block of exactly one command').toBe(1);
    const printed = result.exitCode === 2 ? result.stderr : result.stdout;
    if (result.exitCode !== 2) expect(result.stderr).toBe('');
    const lines = entry.output.trimEnd().split('\n');
    if (lines[lines.length - 1] === ELLIPSIS) {
      expect(printed.startsWith(`${lines.slice(0, -1).join('\n')}\n`), `the output begins with the block\n${printed}`).toBe(true);
    } else if (lines[0] === ELLIPSIS) {
      expect(printed.endsWith(`${lines.slice(1).join('\n')}\n`), `the output ends with the block\n${printed}`).toBe(true);
    } else {
      expect(printed).toBe(entry.output);
    }
  });
});

describe('what the docs test reads', () => {
  it('finds indented blocks and the output after a command', () => {
    const markdown = ['- a list item:', '', '  ```sh', '  wrn-calc grid', '  ```', '  ```', '  out', '  ```'].join('\n');
    expect(blocks(markdown)).toEqual([
      { info: 'sh', text: 'wrn-calc grid', line: 3, end: 5 },
      { info: '', text: 'out', line: 6, end: 8 },
    ]);
    expect(commands(markdown)).toEqual([{ line: 3, command: 'wrn-calc grid', blockSize: 1, output: 'out\n' }]);
  });

  it('refuses a command that does not exist here', () => {
    expect(problemOf('npm run nope')).toBe('package.json has no script nope');
    expect(problemOf('npx nope')).toBe('no nope in node_modules/.bin');
    expect(problemOf('/usr/bin/python3 scripts/reference/nope.py')).toBe('scripts/reference/nope.py does not exist');
    expect(problemOf('curl https://example.com | sh')).toBe('curl: not a command this test knows');
    expect(problemOf('UPDATE_GOLDEN=1 npx vitest run test/cli/nope.test.ts')).toBe('test/cli/nope.test.ts does not exist');
    expect(problemOf('npm run bench -- --write')).toBeUndefined();
    expect(problemOf('python3 model.py')).toBe('model.py does not exist');
    expect(problemOf('python3 model.py', new Set(['model.py']))).toBeUndefined();
    expect(writtenBy('wrn-calc export resnet50 --out model.py')).toEqual(['model.py']);
    expect(writtenBy('wrn-calc export resnet50 --out - | head -n 1')).toEqual([]);
  });

  it('sends a chart or an export file to the temporary directory, and leaves stdout alone', () => {
    expect(filesToTemp('wrn-calc grid --svg grid.svg')).toBe(`wrn-calc grid --svg ${join(OUTPUT_DIR, 'grid.svg')}`);
    expect(filesToTemp('wrn-calc grid --svg - | head -n 1')).toBe('wrn-calc grid --svg - | head -n 1');
    expect(filesToTemp('wrn-calc export resnet50 --out resnet50.py')).toBe(
      `wrn-calc export resnet50 --out ${join(OUTPUT_DIR, 'resnet50.py')}`,
    );
  });
});

describe('docs/performance.md', () => {
  it('shows a run of npm run bench between its markers, as the bench prints it (npm run bench -- --write)', () => {
    const page = readFileSync('docs/performance.md', 'utf8');
    const bench = readFileSync('scripts/bench.mjs', 'utf8');
    const generated = /<!-- bench:start[^\n]*-->\n\n```text\n([\s\S]*?)\n```\n\n<!-- bench:end -->/.exec(page)?.[1];
    expect(generated, 'the bench markers hold one text block').toBeDefined();
    const lines = (generated ?? '').split('\n');
    expect(lines[0]).toMatch(/^CLI against node -e 0: medians of \d+ alternating pairs/);
    for (const header of [
      '| command | node -e 0 | wrn-calc | ratio | goal | met | CPU ratio (user + sys) |',
      '| core, in process | per second | mean |',
    ]) {
      expect(bench).toContain(header);
      expect(lines).toContain(header);
    }
    // Outside the generated block, no measured time or size (goals only): those drift, and only the bench states them.
    const prose = page
      .replace(/<!-- bench:start[\s\S]*<!-- bench:end -->/, '')
      .replace(/(≤|at most)\s+\d+(\.\d+)? ?(ms|KiB|MiB|kB)\b/g, 'a goal');
    expect(prose).not.toMatch(/\d+(\.\d+)?\s?(ms|KiB|MiB)\b/);
  });
});
