import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PYTHON, torchTestsRun } from '../helpers/python.js';
import { CASES } from './cases.js';

/*
 * docs/export.md, run as a reader would run it: in one empty folder, in order, every
 * command of its sh blocks (by bash, with wrn-calc being this repository's bin and
 * python3 the interpreter with torch) and every python block (as a script). An output
 * block right after an sh block of one command, or after a python block, is exactly
 * what that printed. Commands that need Python run where the PyTorch tests run.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PAGE = readFileSync(join(ROOT, 'docs/export.md'), 'utf8');

interface Step {
  readonly line: number;
  readonly kind: 'sh' | 'python';
  readonly code: string;
  readonly output: string | undefined;
}

function steps(markdown: string): Step[] {
  const lines = markdown.split('\n');
  const blocks: { info: string; text: string; line: number; end: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i] ?? '');
    if (open === null) continue;
    const close = lines.findIndex((line, j) => j > i && line === '```');
    blocks.push({ info: open[1] ?? '', text: lines.slice(i + 1, close).join('\n'), line: i + 1, end: close + 1 });
    i = close;
  }
  return blocks.flatMap((block, index): Step[] => {
    if (block.info !== 'sh' && block.info !== 'python') return [];
    const next = blocks[index + 1];
    const adjacent =
      next !== undefined && ['', 'text'].includes(next.info) && lines.slice(block.end, next.line - 1).every((l) => l.trim() === '');
    const output = adjacent ? `${next.text}\n` : undefined;
    if (block.info === 'python') return [{ line: block.line, kind: 'python', code: block.text, output }];
    const commands = block.text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    return commands.map((code, i) => ({
      line: block.line + 1 + i,
      kind: 'sh' as const,
      code,
      output: i === commands.length - 1 ? output : undefined,
    }));
  });
}

const STEPS = steps(PAGE);
const RUN_PYTHON = torchTestsRun();
const needsPython = (step: Step) => step.kind === 'python' || /(^|\s)python3\s/.test(step.code);

const dir = mkdtempSync(join(tmpdir(), 'wrn-calc-export-docs-'));
const bin = join(dir, '.bin');
execFileSync('mkdir', ['-p', bin]);
for (const [name, target] of [
  ['wrn-calc', `exec "${process.execPath}" "${join(ROOT, 'bin/wrn-calc.cjs')}" "$@"`],
  ['python3', `exec "${PYTHON}" "$@"`],
] as const) {
  writeFileSync(join(bin, name), `#!/bin/sh\n${target}\n`);
  chmodSync(join(bin, name), 0o755);
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(step: Step) {
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, NO_COLOR: '1', PYTHONDONTWRITEBYTECODE: '1' };
  if (step.kind === 'python') return spawnSync(PYTHON, ['-'], { cwd: dir, env, input: step.code, encoding: 'utf8', timeout: 300_000 });
  return spawnSync('bash', ['-o', 'pipefail', '-c', step.code], { cwd: dir, env, encoding: 'utf8', timeout: 300_000 });
}

describe('docs/export.md', () => {
  it('has commands, Python and their output (the parser finds them)', () => {
    expect(STEPS.filter((step) => step.kind === 'sh').length).toBeGreaterThanOrEqual(5);
    expect(STEPS.filter((step) => step.kind === 'python')).toHaveLength(1);
    expect(STEPS.filter((step) => step.output !== undefined).length).toBeGreaterThanOrEqual(5);
  });

  it('says how many networks the PyTorch tests run', () => {
    expect(PAGE).toContain(`exports ${CASES.length} networks across the family`);
  });

  // One test, in the page's order: later steps read the files earlier ones wrote.
  it('runs every step in order, each printing what the page shows', () => {
    for (const step of STEPS) {
      if (needsPython(step) && !RUN_PYTHON) continue;
      const result = run(step);
      const where = `docs/export.md line ${step.line}: ${step.code.split('\n')[0] ?? ''}`;
      expect(result.status, `${where}\n${result.stderr}`).toBe(0);
      expect(result.stderr, where).toBe('');
      if (step.output !== undefined) expect(result.stdout, where).toBe(step.output);
    }
  }, 600_000);
});
