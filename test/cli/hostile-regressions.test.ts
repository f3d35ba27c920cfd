import { describe, expect, it } from 'vitest';
import { describeBlock, isWrnError } from '../../src/core/index.js';
import { runCli } from '../helpers/cli.js';

/*
 * Bugs the CLI fuzzer (test/property/cli.fuzz.test.ts) found, one test each, so
 * that they stay fixed whatever the fuzzer's seed happens to generate.
 */

async function usageError(argv: readonly string[]): Promise<string> {
  const result = await runCli(argv);
  expect(result.exitCode, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  return result.stderr;
}

describe('echoed input stays on one line and cannot drive the terminal', () => {
  it.each([
    { argv: ['--k', '1\n2'], echo: "'1\\u000a2'" },
    { argv: ['--dataset', '\u001b[31mcifar10'], echo: "'\\u001b[31mcifar10'" },
    { argv: ['grid', '--depth', '16,\u000728'], echo: "'16,\\u000728'" },
    { argv: ['check', '--max-params', '1\n0M'], echo: "'1\\u000a0M'" },
    { argv: ['--x\ny'], echo: "'--x\\u000ay'" },
    { argv: ['check', 'budgets\n.json'], echo: "'budgets\\u000a.json'" },
  ])('$argv', async ({ argv, echo }) => {
    const stderr = await usageError(argv);
    expect(stderr).toContain(echo);
    // One line, commander's refusals included.
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).not.toContain('\u001b');
  });
});

describe('decimals a double cannot hold are refused, not rounded to a neighbour', () => {
  it.each([
    ['--k', '1.00000000000000000001'],
    ['--k', '10.000000000000000001'],
    ['--dropout', '0.30000000000000000001'],
    ['grid', '--k', '1,2.0000000000000000001'],
    ['fit', '--max-params', '10M', '--k', '1:1.00000000000000000001'],
    ['block', '--k', '0.50000000000000000001'],
  ])('%s %s %s', async (...argv) => {
    expect(await usageError(argv)).toContain('more digits than a number holds exactly');
  });

  it('still takes redundant zeros: --k 010 is k = 10, --k 2.50 is 2.5', async () => {
    const json = async (argv: string[]) => JSON.parse((await runCli([...argv, '--json'])).stdout) as { model: { k: number } };
    expect((await json(['--k', '010'])).model.k).toBe(10);
    expect((await json(['--k', '2.50'])).model.k).toBe(2.5);
  });
});

describe('options that would be dropped without a word are refused', () => {
  it('summary options before a subcommand (commander would run grid without them)', async () => {
    const stderr = await usageError(['--json', '--block', '3,3', 'grid']);
    expect(stderr).toBe(
      "wrn-calc: --block, --json are options of the summary, not of grid; put grid's options after it: wrn-calc grid [options].\n",
    );
    expect(await usageError(['--no-color', '--depth', '16', 'fit', '--max-params', '1M'])).toContain(
      '--depth, --no-color are options of the summary, not of fit',
    );
  });

  it('block: --k beside --out-channels (the width would come from --out-channels alone)', async () => {
    expect(await usageError(['block', '--k', '2', '--out-channels', '32'])).toContain('give one of them');
    expect((await runCli(['block', '--out-channels', '32'])).exitCode).toBe(0);
  });
});

describe('block: conv arithmetic with a huge dilation stays exact or is refused', () => {
  // A 3×3 conv at padding same pads by d; the padded size 32 + 2d must be a safe integer.
  const LARGEST = Math.floor((Number.MAX_SAFE_INTEGER - 32) / 2);

  it('the largest dilation whose padded input is exact gives the exact padding and keeps the size', async () => {
    const dilation = LARGEST;
    const result = await runCli(['block', '--dilation', String(dilation), '--json']);
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout) as { layers: { name: string; padding: number | null; output: number[] }[] };
    const conv = json.layers.find((layer) => layer.name === 'block.conv1');
    expect(conv?.padding).toBe(dilation);
    expect(conv?.output).toEqual([16, 32, 32]);
  });

  it('one more and the padding would round (it printed 9007199254740992 and a 34×34 output): exit 2 naming the limit', async () => {
    for (const dilation of [String(LARGEST + 1), String(Number.MAX_SAFE_INTEGER)]) {
      expect(await usageError(['block', '--dilation', dilation])).toContain('Number.MAX_SAFE_INTEGER');
    }
  });

  it('the core refuses it too, with a coded error', () => {
    let error: unknown;
    try {
      describeBlock({ dilation: Number.MAX_SAFE_INTEGER });
    } catch (caught) {
      error = caught;
    }
    expect(isWrnError(error) && error.issue.code).toBe('COUNT_OVERFLOW');
  });

  it('an explicit padding whose padded size passes MAX_SAFE_INTEGER is refused, not rounded', async () => {
    expect(await usageError(['block', '--padding', '4503599627370496', '--dilation', '4503599627370496', '--input', '33'])).toContain(
      'Number.MAX_SAFE_INTEGER',
    );
  });
});

describe('help for something that is not a command', () => {
  it('wrn-calc help --layers fit: exit 2 and one sentence (it exited 0 with the whole help on stderr and nothing on stdout)', async () => {
    const result = await runCli(['help', '--layers', 'fit']);
    expect(result).toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        'wrn-calc: help takes the name of a command (grid, block, check, schema, fit, compare, export or serve), or nothing; run wrn-calc --help for usage.\n',
    });
  });

  it('help <command> and --help still exit 0 with the help on stdout', async () => {
    for (const argv of [['help', 'fit'], ['help', 'grid'], ['--help'], ['grid', '--help']]) {
      const result = await runCli(argv);
      expect(result.exitCode, argv.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/^Usage: wrn-calc/);
    }
  });
});
