import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TABLE_COMMANDS } from '../helpers/table-commands.js';

/*
 * The bin in a real pseudo-terminal (util-linux `script`), COLUMNS=80 and 60: no
 * line of any table report is wider. The in-process tests give the width through
 * CliContext.columns; this one checks that main.ts reads it from the terminal.
 */
const BIN = fileURLToPath(new URL('../../bin/wrn-calc.cjs', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

const ANSI = /\u001b\[[0-9;]*m/g;

function inTerminal(argv: readonly string[], columns: number): { lines: string[]; exitCode: number | null } {
  const quoted = [process.execPath, BIN, ...argv].map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(' ');
  const result = spawnSync('script', ['-qec', quoted, '/dev/null'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, COLUMNS: String(columns), NO_COLOR: undefined, FORCE_COLOR: undefined },
  });
  return { lines: result.stdout.replace(ANSI, '').split(/\r?\n/), exitCode: result.status };
}

describe.skipIf(!hasScript)('in a pseudo-terminal', () => {
  it.each([80, 60])(
    'at COLUMNS=%i no line is wider',
    (columns) => {
      const commands = TABLE_COMMANDS.filter((argv) => !argv.includes('budgets.json'));
      for (const argv of commands) {
        const { lines, exitCode } = inTerminal(argv, columns);
        expect(exitCode, argv.join(' ')).toBeLessThanOrEqual(1);
        expect(lines.length, argv.join(' ')).toBeGreaterThan(3);
        expect(Math.max(...lines.map((line) => [...line].length)), `${argv.join(' ')}\n${lines.join('\n')}`).toBeLessThanOrEqual(columns);
      }
    },
    120_000,
  );

  it('at COLUMNS=80 the summary gives the name, params, MACs and training memory in its first 6 lines', () => {
    const { lines } = inTerminal(['WRN-28-10', '--batch', '64'], 80);
    const head = lines.slice(0, 6).join('\n');
    expect(lines[0]).toBe('WRN-28-10');
    expect(head).toMatch(/^Total params: +36,479,194 \(36\.5M\)$/m);
    expect(head).toMatch(/^MACs per image: +5,243,328,768 /m);
    expect(head).toMatch(/^Training memory: .* at batch 64 /m);
  });

  it('at COLUMNS=60 a group keeps `] × N` on one line, and check writes a value and its budget alike', () => {
    const summary = inTerminal(['resnet50'], 60).lines.join('\n');
    expect(summary.match(/\] × \d+/g)).toHaveLength(4);
    const check = inTerminal(['check', 'examples/budgets.json'], 60).lines;
    expect(check).toContain('baseline    param bytes       139.16 MiB  150.00 MiB  ok');
    expect(check).toContain('baseline    params                 36.5M       37.0M  ok');
  });
});
