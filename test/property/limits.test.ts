import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_LISTED_LAYERS, summarizeNetwork } from '../../src/core/index.js';

import type { Totals, NetworkOptions } from '../../src/core/index.js';
import { runCli } from '../helpers/cli.js';
import { MAX_SAFE, fitsExactly, grouped, wrnBigTotals } from './wrn-bigint.js';
import type { BigTotals } from './wrn-bigint.js';

/*
 * The exact-integer limits (docs/errors.md, "Limits"): the
 * largest depth, k and input size the CLI accepts, found by bisection against
 * the CLI itself, then checked on both sides. The last accepted value prints
 * exact counts (equal to BigInt arithmetic: an extrapolation of the affine law
 * in N, and an independent per-layer reference); the next one is refused with
 * exit 2 naming MAX_SAFE_INTEGER, and the reference confirms that a count would
 * really pass it (the guard is exact, not merely cautious). If a change moves a
 * limit, this test fails and the numbers in docs/errors.md must move with it.
 */

/** The documented limits (docs/errors.md, "Limits"). */
const LIMITS = {
  blocksPerGroupAtK1: 318_145_725,
  depthAtK1: 1_908_874_354,
  kAtDepth28: 9291.375,
  wholeKAtDepth28: 9291,
  inputAtWrn28x10: 29_656,
  listedBlocksPerGroupAtK1: 6_666,
  /** resnet50's k, in steps of 1/64 (its inner widths are 64·k). */
  kAtResnet50: 1559.890625,
  /** ImageNet bottleneck blocks, the same N in all four groups, k = 1: depth 12·N + 2. */
  imagenetBlocksPerGroup: 5_156_022,
} as const;

const accepts = async (argv: readonly string[]): Promise<boolean> => {
  const result = await runCli(argv);
  if (result.exitCode !== 0 && !result.stderr.includes('MAX_SAFE_INTEGER')) throw new Error(`refused for another reason: ${result.stderr}`);
  return result.exitCode === 0;
};

/** The largest integer in [low, high) that `accepted` takes, given that it takes `low` and refuses `high`. */
async function bisect(accepted: (value: number) => Promise<boolean>, low: number, high: number): Promise<number> {
  expect(await accepted(low)).toBe(true);
  expect(await accepted(high)).toBe(false);
  let [lo, hi] = [low, high];
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await accepted(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

const TOTAL_KEYS = [
  'params',
  'buffers',
  'macs',
  'flops',
  'activationElements',
  'paramBytesFp32',
  'paramBytesFp16',
  'activationBytesFp32',
  'activationBytesFp16',
] as const;

function toBig(totals: Totals): BigTotals {
  return Object.fromEntries(TOTAL_KEYS.map((key) => [key, BigInt(totals[key])])) as unknown as BigTotals;
}

/** The summary table prints every total exactly, with thousands separators. */
async function expectExactSummary(argv: readonly string[], expected: BigTotals): Promise<void> {
  const result = await runCli(argv);
  expect(result.exitCode, result.stderr).toBe(0);
  for (const key of ['params', 'buffers', 'macs', 'flops', 'activationElements', 'paramBytesFp32', 'activationBytesFp32'] as const) {
    expect(result.stdout, key).toContain(grouped(expected[key]));
  }
}

async function expectRefusedAtLimit(argv: readonly string[]): Promise<void> {
  const result = await runCli(argv);
  expect(result.exitCode).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(
    /^wrn-calc: The \w[\w ]* count of this network would exceed 9,007,199,254,740,991 \(Number\.MAX_SAFE_INTEGER\)/,
  );
}

describe('the BigInt reference (wrn-bigint.ts) is right where the answer is known', () => {
  it.each([
    { name: 'WRN-28-10', n: 4n, k16: 160n, params: 36_479_194n, buffers: 17_952n, macs: 5_243_328_768n, activations: 6_054_538n },
    { name: 'WRN-16-8', n: 2n, k16: 128n, params: 10_961_370n, buffers: 7_200n, macs: 1_548_145_664n },
    { name: 'WRN-40-4', n: 6n, k16: 64n, params: 8_949_210n, buffers: 10_784n, macs: 1_298_582_016n },
    { name: 'WRN-40-1', n: 6n, k16: 16n, params: 563_930n, buffers: 2_720n, macs: 83_280_512n },
  ])('$name (PyTorch 1.13)', ({ n, k16, params, buffers, macs, activations }) => {
    const totals = wrnBigTotals({ n, k16, height: 32n, width: 32n });
    expect([totals.params, totals.buffers, totals.macs]).toEqual([params, buffers, macs]);
    if (activations !== undefined) expect(totals.activationElements).toBe(activations);
  });

  it('and agrees with the tool on odd, non-square inputs and fractional k', () => {
    const options: NetworkOptions = { blocksPerGroup: 3, k: 1.5, input: [1, 33, 17], classes: 7 };
    expect(wrnBigTotals({ n: 3n, k16: 24n, height: 33n, width: 17n, inChannels: 1n, classes: 7n })).toEqual(
      toBig(summarizeNetwork(options).totals),
    );
  });
});

describe('depth at k = 1: the largest accepted network, and the next one', () => {
  it(`bisection finds N = ${LIMITS.blocksPerGroupAtK1} (depth ${LIMITS.depthAtK1}); N + 1 passes MAX_SAFE_INTEGER`, async () => {
    const n = await bisect((value) => accepts(['--blocks-per-group', String(value), '--k', '1']), 1, 2 ** 40);
    expect(n).toBe(LIMITS.blocksPerGroupAtK1);
    expect(6 * n + 4).toBe(LIMITS.depthAtK1);

    // Counts are affine in N: t(N) = t(1) + (N − 1)·(t(2) − t(1)), extrapolated in BigInt from the tool's own small networks.
    const [one, two] = [1, 2].map((blocksPerGroup) => toBig(summarizeNetwork({ blocksPerGroup, k: 1 }).totals));
    const at = (blocks: bigint): BigTotals =>
      Object.fromEntries(
        TOTAL_KEYS.map((key) => [key, (one?.[key] ?? 0n) + (blocks - 1n) * ((two?.[key] ?? 0n) - (one?.[key] ?? 0n))]),
      ) as unknown as BigTotals;
    const last = at(BigInt(n));
    expect(fitsExactly(last)).toBe(true);
    expect(toBig(summarizeNetwork({ blocksPerGroup: n, k: 1 }).totals)).toEqual(last);
    expect(wrnBigTotals({ n: BigInt(n), k16: 16n, height: 32n, width: 32n })).toEqual(last);
    await expectExactSummary(['--depth', String(LIMITS.depthAtK1), '--k', '1'], last);

    // FLOPs (2 × MACs) are the first count to pass the limit.
    expect(at(BigInt(n) + 1n).flops).toBeGreaterThan(MAX_SAFE);
    expect(at(BigInt(n) + 1n).macs).toBeLessThanOrEqual(MAX_SAFE);
    await expectRefusedAtLimit(['--depth', String(LIMITS.depthAtK1 + 6), '--k', '1']);
  });
});

describe('k at depth 28: the largest accepted width, and the next one', () => {
  it(`bisection over k = m/16 finds k = ${LIMITS.kAtDepth28}; the next multiple of 1/16 passes MAX_SAFE_INTEGER`, async () => {
    const m = await bisect((value) => accepts(['--depth', '28', '--k', String(value / 16)]), 16, 2 ** 24);
    expect(m / 16).toBe(LIMITS.kAtDepth28);
    expect(Math.floor(m / 16)).toBe(LIMITS.wholeKAtDepth28);

    const last = wrnBigTotals({ n: 4n, k16: BigInt(m), height: 32n, width: 32n });
    expect(fitsExactly(last)).toBe(true);
    expect(toBig(summarizeNetwork({ depth: 28, k: m / 16 }).totals)).toEqual(last);
    await expectExactSummary(['--depth', '28', '--k', String(LIMITS.kAtDepth28)], last);

    expect(fitsExactly(wrnBigTotals({ n: 4n, k16: BigInt(m + 1), height: 32n, width: 32n }))).toBe(false);
    await expectRefusedAtLimit(['--depth', '28', '--k', String((m + 1) / 16)]);
  });
});

describe('input size of WRN-28-10: the largest accepted square input, and the next one', () => {
  it(`bisection finds ${LIMITS.inputAtWrn28x10}×${LIMITS.inputAtWrn28x10}; one pixel more passes MAX_SAFE_INTEGER`, async () => {
    const size = await bisect((value) => accepts(['--depth', '28', '--k', '10', '--input', String(value)]), 32, 2 ** 30);
    expect(size).toBe(LIMITS.inputAtWrn28x10);

    const big = (s: number) => wrnBigTotals({ n: 4n, k16: 160n, height: BigInt(s), width: BigInt(s) });
    expect(fitsExactly(big(size))).toBe(true);
    expect(toBig(summarizeNetwork({ depth: 28, k: 10, input: [3, size, size] }).totals)).toEqual(big(size));
    await expectExactSummary(['--depth', '28', '--k', '10', '--input', String(size)], big(size));

    expect(fitsExactly(big(size + 1))).toBe(false);
    await expectRefusedAtLimit(['--depth', '28', '--k', '10', '--input', String(size + 1)]);
  });
});

/** resnet50 by its options: the CLI refuses a --k that contradicts the name `resnet50` (k = 1). */
const RESNET50 = ['--family', 'imagenet', '--depth', '50'] as const;

/** The totals the tool prints, as BigInts, for the exact extrapolations below. */
const totalsOf = (options: NetworkOptions): BigTotals => toBig(summarizeNetwork(options).totals);

describe('the ResNet family: k of resnet50 and N of an ImageNet bottleneck network', () => {
  it(`bisection over k = m/64 finds resnet50 at k = ${LIMITS.kAtResnet50}; the next step passes MAX_SAFE_INTEGER`, async () => {
    const m = await bisect((value) => accepts([...RESNET50, '--k', String(value / 64)]), 64, 2 ** 24);
    expect(m / 64).toBe(LIMITS.kAtResnet50);
    // Every count is a quadratic in m (k widens the inner convs, whose weights grow with k² and
    // their neighbours' with k): exact Lagrange extrapolation in BigInt from three small networks.
    const points = [64, 128, 192].map((x) => [BigInt(x), totalsOf({ model: 'resnet50', k: x / 64 })] as const);
    const at = (x: bigint): BigTotals =>
      Object.fromEntries(
        TOTAL_KEYS.map((key) => {
          let numerator = 0n;
          const denominator = 2n * 64n * 64n;
          // With nodes 64, 128, 192 each Lagrange weight is a product over a denominator of ±2·64².
          const [[x0, t0], [x1, t1], [x2, t2]] = points as unknown as [[bigint, BigTotals], [bigint, BigTotals], [bigint, BigTotals]];
          numerator += t0[key] * (x - x1) * (x - x2);
          numerator -= 2n * t1[key] * (x - x0) * (x - x2);
          numerator += t2[key] * (x - x0) * (x - x1);
          expect(numerator % denominator).toBe(0n);
          return [key, numerator / denominator];
        }),
      ) as unknown as BigTotals;
    const last = at(BigInt(m));
    expect(fitsExactly(last)).toBe(true);
    expect(totalsOf({ model: 'resnet50', k: m / 64 })).toEqual(last);
    await expectExactSummary([...RESNET50, '--k', String(LIMITS.kAtResnet50)], last);
    expect(fitsExactly(at(BigInt(m + 1)))).toBe(false);
    await expectRefusedAtLimit([...RESNET50, '--k', String((m + 1) / 64)]);
  });

  it(`bisection finds N = ${LIMITS.imagenetBlocksPerGroup} bottleneck blocks per ImageNet group at k = 1; N + 1 passes MAX_SAFE_INTEGER`, async () => {
    const argv = (n: number) => ['--family', 'imagenet', '--block', 'bottleneck', '--blocks-per-group', String(n), '--k', '1'];
    const n = await bisect((value) => accepts(argv(value)), 1, 2 ** 40);
    expect(n).toBe(LIMITS.imagenetBlocksPerGroup);
    const options = (blocksPerGroup: number): NetworkOptions => ({ family: 'imagenet', block: 'bottleneck', blocksPerGroup, k: 1 });
    const [one, two] = [totalsOf(options(1)), totalsOf(options(2))];
    const at = (blocks: bigint): BigTotals =>
      Object.fromEntries(TOTAL_KEYS.map((key) => [key, one[key] + (blocks - 1n) * (two[key] - one[key])])) as unknown as BigTotals;
    expect(fitsExactly(at(BigInt(n)))).toBe(true);
    expect(totalsOf(options(n))).toEqual(at(BigInt(n)));
    await expectExactSummary(argv(n), at(BigInt(n)));
    expect(fitsExactly(at(BigInt(n) + 1n))).toBe(false);
    await expectRefusedAtLimit(argv(n + 1));
  });
});

describe(`the layer listing (--layers, --json) stops at MAX_LISTED_LAYERS = ${MAX_LISTED_LAYERS.toLocaleString('en-US')}`, () => {
  // B(3,3): 15 rows per block after the first of each group, 15·N + 6 in all.
  const N = LIMITS.listedBlocksPerGroupAtK1;

  it(`N = ${N} lists ${15 * N + 6} layers, the most a B(3,3) network can`, async () => {
    expect(15 * N + 6).toBeLessThanOrEqual(MAX_LISTED_LAYERS);
    expect(15 * (N + 1) + 6).toBeGreaterThan(MAX_LISTED_LAYERS);
    const json = await runCli(['--blocks-per-group', String(N), '--k', '1', '--json']);
    expect(json.exitCode).toBe(0);
    expect((JSON.parse(json.stdout) as { layers: unknown[] }).layers).toHaveLength(15 * N + 6);
    const table = await runCli(['--blocks-per-group', String(N), '--k', '1', '--layers']);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toContain('conv4.block6665.add');
  }, 30_000);

  it(`N = ${N + 1} (${15 * (N + 1) + 6} layers) is refused for --layers and --json, naming the limit; its totals still print`, async () => {
    for (const flag of ['--layers', '--json']) {
      const result = await runCli(['--blocks-per-group', String(N + 1), '--k', '1', flag]);
      expect(result.exitCode).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `wrn-calc: This network has ${grouped(BigInt(15 * (N + 1) + 6))} layers, more than the 100,000 that can be listed one by one; ask for totals only or use a smaller depth.\n`,
      );
    }
    expect((await runCli(['--blocks-per-group', String(N + 1), '--k', '1'])).exitCode).toBe(0);
  });
});

describe('docs/errors.md states these limits', () => {
  it('in "Limits"', () => {
    const readme = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Limits'), readme.indexOf('## Troubleshooting'));
    const stated = [
      grouped(BigInt(LIMITS.depthAtK1)),
      `N = ${grouped(BigInt(LIMITS.blocksPerGroupAtK1))}`,
      String(LIMITS.kAtDepth28),
      `whole k: ${LIMITS.wholeKAtDepth28}`,
      `${grouped(BigInt(LIMITS.inputAtWrn28x10))} × ${grouped(BigInt(LIMITS.inputAtWrn28x10))}`,
      `N = ${grouped(BigInt(LIMITS.listedBlocksPerGroupAtK1))}`,
      String(LIMITS.kAtResnet50),
      grouped(BigInt(LIMITS.imagenetBlocksPerGroup)),
      '1 MiB (1,048,576 bytes)',
    ];
    for (const text of stated) expect(section).toContain(text);
  });
});
