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
});
