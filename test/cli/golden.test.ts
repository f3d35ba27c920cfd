import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NetworkWithLayers } from '../../src/core/index.js';
import { runCli } from '../helpers/cli.js';
import { expectRowsSumToTotals } from '../helpers/sums.js';

/*
 * Golden files (arethetypeswrong style) hold the command, its exit code, stdout and stderr.
 * To add one, create test/golden/NAME.txt with only its first line (`$ wrn-calc ...`) and run
 * `UPDATE_GOLDEN=1 npx vitest run test/cli/golden.test.ts`; then read the diff before committing.
 */
const DIR = new URL('../golden/', import.meta.url);
const SEPARATOR = {
  exit: '# exit ',
  stdout: '# ---- stdout ----',
  stderr: '# ---- stderr ----',
} as const;

interface Golden {
  argv: string[];
  exitCode: number;
  stdout: string;
  stderr: string;
}

function parseCommand(line: string): string[] {
  const words = line.replace(/^\$ wrn-calc\s*/, '').match(/'[^']*'|\S+/g) ?? [];
  return words.map((word) => word.replace(/^'(.*)'$/, '$1'));
}

function parseGolden(text: string): Golden | { argv: string[] } {
  const [command = '', ...rest] = text.split('\n');
  const argv = parseCommand(command);
  const body = rest.join('\n');
  const exitLine = rest.find((line) => line.startsWith(SEPARATOR.exit));
  if (exitLine === undefined) return { argv };
  const stdout = body.slice(body.indexOf(SEPARATOR.stdout) + SEPARATOR.stdout.length + 1, body.indexOf(SEPARATOR.stderr));
  const stderr = body.slice(body.indexOf(SEPARATOR.stderr) + SEPARATOR.stderr.length + 1);
  return { argv, exitCode: Number(exitLine.slice(SEPARATOR.exit.length)), stdout, stderr };
}

function formatGolden(command: string, exitCode: number, stdout: string, stderr: string): string {
  return `${command}\n${SEPARATOR.exit}${exitCode}\n${SEPARATOR.stdout}\n${stdout}${SEPARATOR.stderr}\n${stderr}`;
}

const files = readdirSync(DIR)
  .filter((name) => name.endsWith('.txt'))
  .sort();

describe('golden files', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)('%s', async (file) => {
    const path = new URL(file, DIR);
    const text = readFileSync(path, 'utf8');
    const golden = parseGolden(text);
    const result = await runCli(golden.argv);
    if (process.env.UPDATE_GOLDEN === '1') {
      writeFileSync(path, formatGolden(text.split('\n')[0] ?? '', result.exitCode, result.stdout, result.stderr));
      return;
    }
    expect('exitCode' in golden, `${file} has no recorded output; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(result.exitCode).toBe((golden as Golden).exitCode);
    expect(result.stdout).toBe((golden as Golden).stdout);
    expect(result.stderr).toBe((golden as Golden).stderr);
  });
});

describe("golden summaries add up (torchinfo's check)", () => {
  const summaries = files
    .map((file) => parseGolden(readFileSync(new URL(file, DIR), 'utf8')))
    .filter(
      (golden): golden is Golden =>
        'exitCode' in golden &&
        golden.exitCode === 0 &&
        !golden.argv.some((a) => a.startsWith('-h') || a === '--help') &&
        !/^[a-z]/.test(golden.argv[0] ?? ''),
    );

  it.each(summaries.map((g) => [g.argv.join(' '), g] as const))('%s', async (_, golden) => {
    const argv = golden.argv.filter((a) => a !== '--layers' && a !== '--json');
    const result = await runCli([...argv, '--json']);
    expectRowsSumToTotals(JSON.parse(result.stdout) as NetworkWithLayers);
    // The table's printed total is the JSON total.
    if (!golden.argv.includes('--json')) {
      const total = (JSON.parse(result.stdout) as NetworkWithLayers).totals.params.toLocaleString('en-US');
      expect(golden.stdout).toMatch(new RegExp(`^Total params: +${total} `, 'm'));
    }
  });
});
