import { describe, expect, it } from 'vitest';
import { checkedMul, describeBlock, describeNetwork, resolveNetwork, totalsOfSpec, walkNetwork } from '../../src/core/index.js';
import { checkedCounts, emptyTally } from '../../src/core/counts.js';
import { convLayer } from '../helpers/ops.js';
import type { ConvOptions } from '../helpers/ops.js';
import { refusal } from '../helpers/refusal.js';

/*
 * One conv at the edge of exact arithmetic. Every count is an exact integer up
 * to MAX_SAFE_INTEGER = 2^53 − 1 = 6361 · 69431 · 20394401 and refused past it,
 * so a value of exactly MAX_SAFE_INTEGER is accepted; and a padding or dilation is
 * refused only when the conv arithmetic could no longer be done exactly.
 */

const MAX = Number.MAX_SAFE_INTEGER;
const ONE_BY_ONE: ConvOptions = { outChannels: 1, kernel: 1, stride: 1, padding: 0, dilation: 1, groups: 1, bias: false };
const counts = (row: ReturnType<typeof convLayer>) => ({
  output: row.output,
  params: row.params,
  macs: row.macs,
  activationElements: row.activationElements,
});

describe('a conv whose counts are exactly MAX_SAFE_INTEGER', () => {
  it('weights and MACs of MAX_SAFE_INTEGER: a 1×1 conv 441,650,591 → 20,394,401 channels on one pixel', () => {
    expect(6_361 * 69_431).toBe(441_650_591);
    expect(counts(convLayer('c', [441_650_591, 1, 1], { ...ONE_BY_ONE, outChannels: 20_394_401 }))).toEqual({
      output: [20_394_401, 1, 1],
      params: MAX,
      macs: MAX,
      activationElements: 20_394_401,
    });
  });

  it('output elements and MACs of MAX_SAFE_INTEGER: 6361 channels of 69,431 × 20,394,401', () => {
    expect(counts(convLayer('c', [1, 69_431, 20_394_401], { ...ONE_BY_ONE, outChannels: 6_361 }))).toEqual({
      output: [6_361, 69_431, 20_394_401],
      params: 6_361,
      macs: MAX,
      activationElements: MAX,
    });
  });
});

describe('padding and dilation near MAX_SAFE_INTEGER', () => {
  it('a padded side of exactly MAX_SAFE_INTEGER is computed (a stride that large brings it back to 1); one more is refused', () => {
    const padding = (MAX - 1) / 2;
    expect(convLayer('c', [1, 1, 1], { ...ONE_BY_ONE, padding, stride: MAX }).output).toEqual([1, 1, 1]);
    expect(refusal(() => convLayer('c', [1, 1, 2], { ...ONE_BY_ONE, padding, stride: MAX })).message).toMatch(
      /^The padded input size of this network/,
    );
  });

  it('the wider side decides: 2^52 wide plus a padding of 2^51 on each side passes MAX_SAFE_INTEGER', () => {
    expect(refusal(() => convLayer('c', [1, 1, 2 ** 52], { ...ONE_BY_ONE, padding: 2 ** 51 })).message).toMatch(
      /^The padded input size of this network/,
    );
    expect(refusal(() => convLayer('c', [1, 2 ** 52, 1], { ...ONE_BY_ONE, padding: 2 ** 51 })).message).toMatch(
      /^The padded input size of this network/,
    );
  });

  it('a dilated kernel extent d·(k − 1) of exactly MAX_SAFE_INTEGER, or of 2^51, is exact: the kernel outgrows one pixel', () => {
    for (const dilation of [MAX, 2 ** 51]) {
      expect(refusal(() => convLayer('c', [1, 1, 1], { ...ONE_BY_ONE, kernel: 2, dilation })).code, String(dilation)).toBe(
        'SPATIAL_COLLAPSE',
      );
    }
    expect(refusal(() => convLayer('c', [1, 1, 1], { ...ONE_BY_ONE, kernel: 3, dilation: 2 ** 52 })).message).toMatch(
      /^The dilated kernel extent of this network/,
    );
  });
});

describe('a residual add whose sides differ on one axis only', () => {
  // Kernel 2 padded by 1 at stride 2 gives ⌊h/2⌋ + 1; the 1×1 stride-2 projection ⌊(h − 1)/2⌋ + 1: equal for odd h only.
  it.each([
    [
      [33, 32],
      [16, 17, 16],
    ],
    [
      [32, 33],
      [16, 16, 17],
    ],
  ] as const)("input %j: the shortcut gives %j against the main path's 16×17×17", (input, shortcutShape) => {
    expect(describeBlock({ kernels: [2], stride: 2, input }).residual).toEqual({
      ok: false,
      shortcut: 'projection',
      main: [16, 17, 17],
      shortcutShape,
    });
  });

  it('both sides odd: the add works', () => {
    const view = describeBlock({ kernels: [2], stride: 2, input: [33, 33] });
    expect(view.residual).toEqual({ ok: true, shortcut: 'projection', main: [16, 17, 17], shortcutShape: [16, 17, 17] });
    expect(view.layers.map((l) => l.name)).toEqual(['block.bn1', 'block.conv1', 'block.shortcut', 'block.add']);
  });
});

describe('a conv past MAX_SAFE_INTEGER, on its own (no totals to catch it later)', () => {
  const what = (run: () => unknown) => /^The (.+) of this network would exceed /.exec(refusal(run).message)?.[1];

  it('weights of exactly MAX_SAFE_INTEGER plus a bias of 20,394,401 are too many parameters', () => {
    expect(what(() => convLayer('c', [441_650_591, 1, 1], { ...ONE_BY_ONE, outChannels: 20_394_401, bias: true }))).toBe('parameter count');
  });

  it('2^54 MACs (one weight at 2^27 × 2^27 positions) are too many MACs, before the output elements are counted', () => {
    expect(what(() => convLayer('c', [1, 2 ** 27, 2 ** 27], ONE_BY_ONE))).toBe('MAC count');
  });

  it('a height below 1 alone is a collapse (a 3×3 kernel unpadded on a 2×32 input)', () => {
    expect(refusal(() => convLayer('c', [1, 2, 32], { ...ONE_BY_ONE, kernel: 3 })).code).toBe('SPATIAL_COLLAPSE');
  });

  it('a projection row is typed shortcut; a conv row conv unless told otherwise', () => {
    expect(convLayer('p', [16, 8, 8], { ...ONE_BY_ONE, outChannels: 32, stride: 2 }, 'shortcut')).toMatchObject({
      type: 'shortcut',
      output: [32, 4, 4],
      params: 512,
    });
    expect(convLayer('c', [16, 8, 8], ONE_BY_ONE).type).toBe('conv');
  });
});

describe('checkedCounts names the total that passes MAX_SAFE_INTEGER', () => {
  it.each([
    ['params', 'parameter count'],
    ['buffers', 'buffer count'],
    ['macs', 'MAC count'],
    ['activationElements', 'activation element count'],
    ['savedBytesPerImage', 'saved byte count'],
    ['savedBytesFixed', 'saved byte count'],
  ] as const)('%s', (key, what) => {
    const tally = { ...emptyTally(), [key]: 2 ** 53 };
    expect(refusal(() => checkedCounts(tally)).message).toMatch(new RegExp(`^The ${what} of this network would exceed`));
    expect(checkedCounts({ ...emptyTally(), [key]: MAX })[key]).toBe(MAX);
  });
});

describe('counting near the limit', () => {
  it('checkedMul multiplies up to four factors', () => {
    expect(checkedMul('MAC count', 2, 3, 5, 7)).toBe(210);
  });

  it('a group of one block never walks the block it would repeat (whose conv alone would pass MAX_SAFE_INTEGER)', () => {
    // B(3) at N = 1 on a 1×1 input, K = 16k = 8,500,000: stem 3·16·9 = 432; conv2: BN 32, 3×3 16→K (144K),
    // projection 16K; conv3: BN 2K, 3×3 K→2K (18K²), projection 2K²; conv4: BN 4K, 3×3 2K→4K (72K²), projection 8K²;
    // head: BN 8K, fc 4K·10 + 10. Total 474 + 214K + 100K². A repeated conv4 block's 3×3 4K→4K would alone have
    // 144K² > MAX_SAFE_INTEGER weights. (The summary refuses this network: its FLOPs, 2 per MAC, pass the limit.)
    const K = 8_500_000;
    const spec = resolveNetwork({ blocksPerGroup: 1, k: K / 16, block: [3], input: [3, 1, 1] });
    expect(144 * K * K).toBeGreaterThan(MAX);
    let params = 0;
    walkNetwork(describeNetwork(spec), { part: ({ tally, times }) => (params += tally.params * times) });
    expect(params).toBe(474 + 214 * K + 100 * K * K);
    // Its totals are refused for their FLOPs (2 per MAC), not for a walk of the repeated block's conv.
    expect(refusal(() => totalsOfSpec(spec)).message).toContain('FLOP count');
  });
});

describe('which refusal comes first', () => {
  it('a kernel larger than its padded input collapses the output before its weights pass the limit', () => {
    // 16·16·6,000,001² weights are past 2^53, but the output side (32 − 6,000,001 + 1) is below 1: PyTorch refuses that first.
    const block = refusal(() => describeBlock({ kernels: [6_000_001], padding: 0 }));
    expect(block.code).toBe('SPATIAL_COLLAPSE');
    expect(refusal(() => convLayer('c', [16, 32, 32], { ...ONE_BY_ONE, outChannels: 16, kernel: 6_000_001 })).code).toBe(
      'SPATIAL_COLLAPSE',
    );
    // The same weights on an input the kernel fits: now the parameter count is what is refused.
    const fits = refusal(() => convLayer('c', [16, 6_000_001, 6_000_001], { ...ONE_BY_ONE, outChannels: 16, kernel: 6_000_001 }));
    expect(fits.code).toBe('COUNT_OVERFLOW');
    expect(fits.message).toContain('parameter count');
  });
});
