import { readFileSync } from 'node:fs';
import type { RunResult } from '../../src/cli/run.js';
import { runCli } from './cli.js';

/*
 * The command lines the README and the help show, run as a shell would run them
 * (in process, from the repository root): `wrn-calc …` with quoted words, a
 * trailing `# comment`, `< file` as standard input, `> file` (the output is
 * discarded), and pipes through the few filters the docs use, each emulated
 * here exactly: `head -n N`, `tail -n N` (and `-N`), `sed -n 'A,Bp'` / `'Np'`, and
 * `jq '<path>'` for paths such as `.totals` or `.models[0].name`. Anything
 * else is refused, so a doc cannot show a command this test does not run.
 */

export interface ShellLine {
  readonly argv: readonly string[];
  readonly stdin?: string;
  readonly pipes: readonly (readonly string[])[];
}

/** Words, with '…' and "…" quoting; `|`, `<` and `>` as operators; an unquoted `#` starts a comment. */
function tokens(line: string): string[] {
  const words: string[] = [];
  let current: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end === -1) throw new Error(`unclosed quote in: ${line}`);
      current = (current ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === ' ' || c === '\t') {
      if (current !== undefined) words.push(current);
      current = undefined;
    } else if ((c === '|' || c === '<' || c === '>') && current === undefined) {
      words.push(c);
    } else if (c === '#' && current === undefined) {
      break;
    } else {
      current = (current ?? '') + c;
    }
  }
  if (current !== undefined) words.push(current);
  return words;
}

export function parseShellLine(line: string): ShellLine {
  const segments: string[][] = [[]];
  let stdin: string | undefined;
  const words = tokens(line);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === '|') segments.push([]);
    else if (word === '<') stdin = words[++i];
    else if (word === '>') i++;
    else segments[segments.length - 1]?.push(word);
  }
  const [command = [], ...pipes] = segments;
  const start = command[0] === 'npx' ? 1 : 0;
  if (command[start] !== 'wrn-calc') throw new Error(`not a wrn-calc command: ${line}`);
  return { argv: command.slice(start + 1), ...(stdin === undefined ? {} : { stdin }), pipes };
}

function count(args: readonly string[], filter: string): number {
  const [flag, value] = args;
  const n = flag === '-n' ? Number(value) : Number(flag?.replace(/^-/, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`${filter} ${args.join(' ')}: not a line count this test understands`);
  return n;
}

/** jq's output for a path: `.`, `.a.b`, `.a[0]`, `.[0].a`; two-space indentation, as jq prints. */
function jq(text: string, path: string): string {
  let value = JSON.parse(text) as unknown;
  const steps = path === '.' ? [] : (path.match(/\.[A-Za-z_$][\w$]*|\.?\[\d+\]/g) ?? []);
  if (path !== '.' && steps.join('') !== path) throw new Error(`jq ${path}: not a path this test understands`);
  for (const step of steps) {
    const bare = step.replace(/^\.(?=\[)/, '');
    const key = bare.startsWith('[') ? Number(bare.slice(1, -1)) : bare.slice(1);
    value = (value as Record<string | number, unknown> | null)?.[key] ?? null;
  }
  return `${JSON.stringify(value, null, 2)}\n`;
}

function applyFilter(text: string, [filter, ...args]: readonly string[]): string {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const joined = (kept: readonly string[]) => (kept.length === 0 ? '' : `${kept.join('\n')}\n`);
  switch (filter) {
    case 'head':
      return joined(lines.slice(0, count(args, 'head')));
    case 'tail':
      return joined(lines.slice(Math.max(0, lines.length - count(args, 'tail'))));
    case 'sed': {
      const match = args[0] === '-n' ? /^(\d+)(?:,(\d+))?p$/.exec(args[1] ?? '') : null;
      if (match === null) throw new Error(`sed ${args.join(' ')}: only sed -n 'A,Bp' is understood here`);
      const from = Number(match[1]);
      return joined(lines.slice(from - 1, Number(match[2] ?? from)));
    }
    case 'jq':
      return jq(text, args[0] ?? '.');
    default:
      throw new Error(`${filter ?? ''}: not a filter this test runs`);
  }
}

/** Runs the line: the CLI in process, piped output filtered as the shell would. */
export async function runShellLine(line: string, files: Readonly<Record<string, string>> = {}): Promise<RunResult> {
  const parsed = parseShellLine(line);
  const all: Record<string, string> = { ...files };
  if (parsed.stdin !== undefined) all['-'] = files[parsed.stdin] ?? readFileSync(parsed.stdin, 'utf8');
  const result = await runCli(parsed.argv, { files: all });
  return { ...result, stdout: parsed.pipes.reduce(applyFilter, result.stdout) };
}
