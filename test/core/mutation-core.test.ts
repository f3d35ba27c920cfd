import { describe, expect, it } from 'vitest';
import {
  GROUP_NAMES,
  MAX_BLOCK_LENGTH,
  WrnError,
  listLayers,
  checkedAdd,
  checkedMul,
  MAX_GRID_CELLS,
  PAPER_GRID,
  compareCandidates,
  computeGrid,
  describeBlock,
  fitToBudget,
  fitCommonExponent,
  fitLine,
  gridLaws,
  metricValue,
  groupOf,
  resolveNetwork,
  summarizeNetwork,
  validCells,
} from '../../src/core/index.js';

import { convLayer } from '../helpers/ops.js';
import type { FitCandidate, FitShape, NetworkOptions } from '../../src/core/index.js';
import { cifarReference } from '../helpers/reference.js';
import type { BlockViewOptions } from '../../src/core/index.js';
import { refusal } from '../helpers/refusal.js';

/*
 * Boundaries and messages of the core that mutation testing (npm run mutate)
 * found unobserved: each test states behaviour a library user can rely on.
 */

const LIMIT = '9,007,199,254,740,991';

describe('block length of a network', () => {
  it('64 convs per block is the longest accepted (d = 3·64 + 4 = 196 at N = 1); 0 and 65 are refused', () => {
    const longest = Array.from({ length: MAX_BLOCK_LENGTH }, () => 3);
    expect(resolveNetwork({ blocksPerGroup: 1, k: 1, block: longest })).toMatchObject({ depth: 196, blocksPerGroup: [1, 1, 1] });
    expect(refusal(() => summarizeNetwork({ depth: 28, k: 1, block: [] }))).toEqual({
      code: 'NOT_IN_RANGE',
      message: 'Block length (convs per block) must be at least 1 and at most 64, got 0.',
    });
    expect(refusal(() => summarizeNetwork({ blocksPerGroup: 1, k: 1, block: [...longest, 3] })).message).toBe(
      'Block length (convs per block) must be at least 1 and at most 64, got 65.',
    );
  });
});

describe('messages (one formatter, exact sentences)', () => {
  it.each([
    [{ depth: 28, k: 1, classes: 0 }, 'Classes must be a positive whole number, got 0.'],
    [{ depth: 28.5, k: 1 }, 'Depth must be a positive whole number, got 28.5.'],
    [{ blocksPerGroup: 0, k: 1 }, 'Blocks per group must be a positive whole number, got 0.'],
    [{ depth: 28, k: 1, block: [3, 0] }, 'Kernel size must be a positive whole number, got 0.'],
    [{ depth: 28, k: 1, input: [0, 32, 32] }, 'Input channels must be a positive whole number, got 0.'],
    [{ depth: 28, k: 1, input: [3, 32, 0] }, 'Input width must be a positive whole number, got 0.'],
  ] as const)('%o: %s', (options, message) => {
    expect(refusal(() => summarizeNetwork(options as NetworkOptions))).toEqual({ code: 'NOT_POSITIVE_INTEGER', message });
  });

  it('a depth that does not fit a one-conv block: "1 conv", singular (d = 3·N + 4)', () => {
    expect(refusal(() => summarizeNetwork({ depth: 12, k: 1, block: [3] })).message).toBe(
      'Depth 12 does not fit the block (depth = 3·N·1 + 4 for a block of 1 conv); the nearest valid depths are 10 or 13.',
    );
  });

  it('a depth that does not fit under the nominal rule names that rule (d = 6·N + 4)', () => {
    expect(refusal(() => summarizeNetwork({ depth: 27, k: 2, block: [3, 1, 3], depthRule: 'nominal' })).message).toBe(
      'Depth 27 does not fit the block (depth = 6·N + 4 under the nominal depth rule); the nearest valid depths are 22 or 28.',
    );
  });
});

describe('exact-integer arithmetic at MAX_SAFE_INTEGER', () => {
  it('checkedAdd reaches the limit exactly and refuses one past it, naming the count', () => {
    expect(checkedAdd('parameter count', Number.MAX_SAFE_INTEGER - 1, 1)).toBe(Number.MAX_SAFE_INTEGER);
    expect(refusal(() => checkedAdd('parameter count', Number.MAX_SAFE_INTEGER, 1))).toEqual({
      code: 'COUNT_OVERFLOW',
      message: `The parameter count of this network would exceed ${LIMIT} (Number.MAX_SAFE_INTEGER), so it cannot be counted exactly; use a smaller depth, width or input.`,
    });
  });

  it('checkedMul reaches the limit exactly (2^53 − 1 = 6361 · 69431 · 20394401) and refuses 2^53', () => {
    expect(checkedMul('MAC count', 6_361, 69_431, 20_394_401)).toBe(Number.MAX_SAFE_INTEGER);
    expect(refusal(() => checkedMul('MAC count', 2 ** 26, 2 ** 27)).code).toBe('COUNT_OVERFLOW');
  });
});

describe('grouped convolution (the conv op)', () => {
  const conv = { kernel: 3, stride: 1, padding: 1, dilation: 1, bias: false } as const;

  it("counts C_out·(C_in/groups)·kh·kw weights, as PyTorch's nn.Conv2d(groups=g)", () => {
    const layer = convLayer('g', [16, 8, 8], { ...conv, outChannels: 32, groups: 4 });
    expect(layer.params).toBe(32 * (16 / 4) * 9);
    expect(layer.macs).toBe(32 * (16 / 4) * 9 * 8 * 8);
  });

  it('refuses channels that the groups do not divide, on either side', () => {
    expect(refusal(() => convLayer('g.conv', [16, 8, 8], { ...conv, outChannels: 24, groups: 3 }))).toEqual({
      code: 'CHANNELS_NOT_DIVISIBLE',
      message: 'Layer g.conv has 16 input and 24 output channels, which 3 groups do not divide evenly.',
    });
    expect(refusal(() => convLayer('g.conv', [18, 8, 8], { ...conv, outChannels: 16, groups: 3 })).code).toBe('CHANNELS_NOT_DIVISIBLE');
  });
});

describe('layer groups', () => {
  it('every listed layer belongs to the group its name starts with', () => {
    const network = listLayers({ depth: 16, k: 2 });
    for (const layer of network.layers) expect(groupOf(layer.name)).toBe(layer.name.split('.')[0]);
    expect(new Set(network.layers.map((l) => groupOf(l.name)))).toEqual(new Set(GROUP_NAMES.filter((name) => name !== 'conv5')));
  });

  it('a name from outside the network still gets a group name (the head), never an empty one', () => {
    expect(groupOf('classifier.fc')).toBe('head');
  });
});

describe('grid cells', () => {
  it('validCells leaves out the refused networks', () => {
    const grid = computeGrid({ rowAxis: 'depth', rows: [16, 27], ks: [1, 2] });
    expect(validCells(grid).map((c) => [c.row, c.k])).toEqual([
      [16, 1],
      [16, 2],
    ]);
  });

  it('the memory metric is fp32 parameter bytes unless told otherwise', () => {
    const summary = summarizeNetwork({ depth: 16, k: 2 });
    expect(metricValue(summary, 'memory')).toBe(4 * cifarReference(2, 2).totals.params);
  });

  it('the l axis refuses a block length outside 1..64 (or not whole) by name, before building a block', () => {
    const grid = computeGrid({ rowAxis: 'l', rows: [0, -1, 1.5, 65], ks: [1] });
    expect(grid.cells.flat().map((c) => (c.ok ? 'valid' : c.message))).toEqual([
      'Block length l must be at least 1 and at most 64, got 0.',
      'Block length l must be at least 1 and at most 64, got -1.',
      'Block length l must be at least 1 and at most 64, got 1.5.',
      'Block length l must be at least 1 and at most 64, got 65.',
    ]);
  });

  it('the l axis accepts l = 64 at a depth it fits (196 = 3·64·1 + 4)', () => {
    const [cell] = validCells(computeGrid({ rowAxis: 'l', rows: [64], ks: [1], fixedDepth: 196 }));
    expect(cell?.summary.model).toMatchObject({ blocksPerGroup: [1, 1, 1], depth: 196 });
    expect(cell?.summary.model.block).toHaveLength(64);
  });
});

describe('fit ranking ties (the order is total)', () => {
  const candidate = (params: number, macs: number, depth: number, k: number): FitCandidate =>
    ({ model: { depth, k }, totals: { params, macs } }) as unknown as FitCandidate;
  /** The ranking, which must not depend on the order the candidates came in. */
  const rank = (objective: Parameters<typeof compareCandidates>[0], list: FitCandidate[]) => {
    const show = (sorted: FitCandidate[]) => sorted.map((c) => [c.totals.params, c.totals.macs, c.model.depth, c.model.k]);
    const forward = show([...list].sort(compareCandidates(objective)));
    expect(show([...list].reverse().sort(compareCandidates(objective)))).toEqual(forward);
    return forward;
  };

  it('equal objective and params: fewer MACs first', () => {
    expect(rank('depth', [candidate(10, 9, 16, 1), candidate(10, 5, 16, 2)])).toEqual([
      [10, 5, 16, 2],
      [10, 9, 16, 1],
    ]);
  });

  it('equal params and MACs: shallower first, then narrower', () => {
    expect(rank('params', [candidate(10, 5, 22, 1), candidate(10, 5, 16, 2), candidate(10, 5, 16, 1)])).toEqual([
      [10, 5, 16, 1],
      [10, 5, 16, 2],
      [10, 5, 22, 1],
    ]);
  });
});

describe('WrnError', () => {
  it('is named WrnError (what a stack trace and String(error) show)', () => {
    try {
      summarizeNetwork({ depth: 27, k: 1 });
    } catch (error) {
      expect(error).toBeInstanceOf(WrnError);
      expect((error as Error).name).toBe('WrnError');
      expect(String(error)).toMatch(/^WrnError: Depth 27 does not fit/);
    }
    expect.assertions(3);
  });
});

describe('a depth that does not fit names the nearest valid depths', () => {
  it('below the smallest network, only the smallest is offered (d = 10 for B(3,3)), in the singular', () => {
    expect(refusal(() => summarizeNetwork({ depth: 5, k: 1 })).message).toBe(
      'Depth 5 does not fit the block (depth = 3·N·2 + 4 for a block of 2 convs); the nearest valid depth is 10.',
    );
  });

  it('between the two smallest, both are offered', () => {
    expect(refusal(() => summarizeNetwork({ depth: 11, k: 1 })).message).toBe(
      'Depth 11 does not fit the block (depth = 3·N·2 + 4 for a block of 2 convs); the nearest valid depths are 10 or 16.',
    );
  });
});

describe('widths', () => {
  it('k = 1/16 is the narrowest whole network: widths 1, 2, 4', () => {
    expect(resolveNetwork({ depth: 10, k: 0.0625 }).widths).toEqual([1, 2, 4]);
  });

  it('k = 1/32 is refused although 32k and 64k are whole: every width must be', () => {
    expect(refusal(() => summarizeNetwork({ depth: 10, k: 0.03125 }))).toEqual({
      code: 'WIDTH_NOT_WHOLE',
      message:
        'Widening factor k = 0.03125 gives widths 0.5, 1, 2, which are not all whole positive numbers; use a k for which 16·k is a whole number (e.g. 1, 1.5, 2, 10).',
    });
  });

  it('a negative dropout is refused by the network as by the block', () => {
    expect(refusal(() => summarizeNetwork({ depth: 16, k: 1, dropout: -0.1 })).message).toBe(
      'Dropout must be at least 0 and below 1, got -0.1.',
    );
  });
});

describe('shortcuts and shapes of one block', () => {
  it('stride 2 with equal channels still projects: identity only when channels and stride are unchanged', () => {
    const view = describeBlock({ stride: 2 });
    expect(view.residual).toEqual({ ok: true, shortcut: 'projection', main: [16, 16, 16], shortcutShape: [16, 16, 16] });
    expect(view.layers.find((l) => l.type === 'shortcut')).toMatchObject({ kernel: [1, 1], stride: 2, params: 16 * 16 });
  });

  it('a size below 1 on one axis only is a collapse too', () => {
    expect(refusal(() => describeBlock({ input: [32, 2], padding: 0 }))).toEqual({
      code: 'SPATIAL_COLLAPSE',
      message:
        'Layer block.conv1 gets input 16×32×2 and its 3×3 kernel (stride 1, padding 0, dilation 1) leaves a spatial size below 1; use a larger input or more padding.',
    });
  });
});

describe('COUNT_OVERFLOW names the count that would pass MAX_SAFE_INTEGER', () => {
  const overflowing = (run: () => unknown): string => {
    const { code, message } = refusal(run);
    expect(code).toBe('COUNT_OVERFLOW');
    return /^The (.+) of this network would exceed /.exec(message)?.[1] ?? message;
  };

  it.each([
    ['the depth, 6·N at N = 2^52', { blocksPerGroup: 2 ** 52, k: 1 }, 'depth'],
    [
      'the depth, 3·N + 4 at the largest N with 3·N safe',
      { blocksPerGroup: Math.floor(Number.MAX_SAFE_INTEGER / 3), k: 1, block: [3] },
      'depth',
    ],
    ["conv2's 3×3 weights at k = 10^7 (1.6·10^8 channels)", { depth: 28, k: 1e7 }, 'parameter count'],
    ["the classifier's MACs, 64·2^50", { depth: 10, k: 1, classes: 2 ** 50 }, 'MAC count'],
    [
      "the classifier's bias on top of 64·C ≤ MAX_SAFE_INTEGER weights",
      { depth: 10, k: 1, classes: Math.floor(Number.MAX_SAFE_INTEGER / 64) },
      'parameter count',
    ],
    ['the fp32 parameter bytes of 2^51 parameters (FLOPs still fit)', { depth: 10, k: 1, classes: 2 ** 45 }, 'byte count'],
  ] as const)('%s: %s', (_, options, what) => {
    expect(overflowing(() => summarizeNetwork(options as NetworkOptions))).toBe(what);
  });

  const LIMIT_NUMBER = Number.MAX_SAFE_INTEGER;
  it.each([
    [
      'a conv whose weights are exactly MAX_SAFE_INTEGER (1×1, 441,650,591 → 20,394,401), plus its bias',
      { inChannels: 441_650_591, outChannels: 20_394_401, kernels: [1], input: [1, 1], convBias: true },
      'parameter count',
    ],
    ["BN's 2 parameters per channel of 2^52 channels", { inChannels: 2 ** 52 }, 'parameter count'],
    ['the elements of a 16×2^26×2^27 input', { input: [2 ** 26, 2 ** 27] }, 'activation element count'],
    [
      "the block's parameters: two convs of exactly MAX_SAFE_INTEGER weights (conv and projection)",
      { inChannels: 441_650_591, outChannels: 20_394_401, kernels: [1], input: [1, 1] },
      'parameter count',
    ],
    [
      "the block's activation elements: BN, conv and add of 1×2^26×2^26 each",
      { inChannels: 1, outChannels: 1, kernels: [1], input: [2 ** 26, 2 ** 26] },
      'activation element count',
    ],
    ['a dilation of 2^52 (padding same)', { dilation: 2 ** 52 }, 'dilated kernel extent'],
    ['d·(k − 1) + 1 = MAX_SAFE_INTEGER + 1 (padding same)', { dilation: LIMIT_NUMBER, kernels: [2] }, 'dilated kernel extent'],
    ['a dilation of 2^52 (explicit padding)', { dilation: 2 ** 52, padding: 0 }, 'dilated kernel extent'],
    ['a padding of 2^52', { padding: 2 ** 52 }, 'padded input size'],
    [
      'the larger side plus 2·padding: 2 + (MAX_SAFE_INTEGER − 1)',
      { input: [1, 2], kernels: [1], padding: (LIMIT_NUMBER - 1) / 2 },
      'padded input size',
    ],
  ] as const)('%s: %s', (_, options, what) => {
    expect(overflowing(() => describeBlock(options as BlockViewOptions))).toBe(what);
  });
});

describe('grid limits and defaults', () => {
  it('exactly MAX_GRID_CELLS cells are computed (here cheap refusals), one more is refused', () => {
    const rows = Array.from({ length: MAX_GRID_CELLS / 10 }, (_, i) => 100 + i);
    const ks = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(computeGrid({ rowAxis: 'l', rows, ks }).cells.flat()).toHaveLength(MAX_GRID_CELLS);
    expect(refusal(() => computeGrid({ rowAxis: 'l', rows: [...rows, 1], ks })).message).toBe(
      'The number of grid cells (rows × columns) must be at least 1 and at most 10000, got 10010.',
    );
  });

  it('only the l axis holds a depth fixed', () => {
    expect(computeGrid({ rowAxis: 'depth', rows: [16], ks: [1] }).fixedDepth).toBeUndefined();
    expect(computeGrid({ rowAxis: 'blocksPerGroup', rows: [2], ks: [1] }).fixedDepth).toBeUndefined();
  });

  it('a memory grid without a dtype is fp32: 4 bytes per parameter', () => {
    const [cell] = validCells(computeGrid({ rowAxis: 'depth', rows: [16], ks: [2], metric: 'memory' }));
    expect(cell?.value).toBe(4 * cifarReference(2, 2).totals.params);
  });
});

describe('fitted laws: what enters the fit', () => {
  it('non-positive values contribute nothing to the exponent (no log of 0)', () => {
    const fit = fitCommonExponent([
      [
        { x: 0, y: 5 },
        { x: 1, y: 0 },
        { x: -1, y: 3 },
        { x: 2, y: -4 },
        { x: 2, y: 4 },
        { x: 4, y: 16 },
      ],
    ]);
    expect(fit?.exponent).toBeCloseTo(2, 12);
    expect(fit?.points).toBe(2);
  });

  it('a series of one point contributes nothing, not even to the count', () => {
    expect(
      fitCommonExponent([
        [
          { x: 1, y: 1 },
          { x: 2, y: 4 },
        ],
        [{ x: 5, y: 5 }],
      ]),
    ).toEqual({ exponent: 2, points: 2 });
  });

  it('no points, no line', () => {
    expect(fitLine([])).toBeUndefined();
  });

  it('exact data whose doubles leave a rounding residue still has R² = 1 (y = 10^7 + 0.1·x)', () => {
    expect(fitLine([1, 2, 3, 4].map((x) => ({ x, y: 1e7 + 0.1 * x })))?.r2).toBe(1);
  });

  it('the row law fits the column with the most valid cells, not merely the widest', () => {
    // At k = 10,885 the MACs of N = 3 pass MAX_SAFE_INTEGER; k = 1 has all three rows.
    const grid = computeGrid({ rowAxis: 'blocksPerGroup', rows: [1, 2, 3], ks: [1, 10_885] });
    expect(validCells(grid).map((c) => [c.row, c.k])).toEqual([
      [1, 1],
      [1, 10_885],
      [2, 1],
      [2, 10_885],
      [3, 1],
    ]);
    const rows = gridLaws(grid).rows;
    expect(rows?.k).toBe(1);
    expect(rows?.fit.points).toBe(3);
    expect([rows?.min, rows?.max]).toEqual([cifarReference(1, 1).totals.params, cifarReference(3, 1).totals.params]);
  });

  it("its range is the column's smallest and largest value (paper grid, k = 12: WRN-16-12 to WRN-40-12)", () => {
    const rows = gridLaws(computeGrid({ rowAxis: 'depth', rows: PAPER_GRID.depths, ks: PAPER_GRID.ks })).rows;
    expect([rows?.min, rows?.max]).toEqual([cifarReference(2, 12).totals.params, cifarReference(6, 12).totals.params]);
  });

  it('a column whose cells share one row value fits no line (no spread in x)', () => {
    expect(gridLaws(computeGrid({ rowAxis: 'depth', rows: [16, 16], ks: [1, 2] })).rows).toBeUndefined();
  });
});

describe("only the core's own refusals are caught; a bug propagates", () => {
  // A getter that throws stands for a bug: an error that is not a WrnError.
  const bug = () => {
    throw new TypeError('a bug');
  };

  it('computeGrid: a bug is not turned into an invalid cell', () => {
    const network = {
      get classes(): number {
        return bug();
      },
    } as unknown as NetworkOptions;
    expect(() => computeGrid({ rowAxis: 'depth', rows: [16], ks: [1], network })).toThrow(new TypeError('a bug'));
  });

  it('fitToBudget: a bug is not taken for a depth that does not fit the block, nor for a k whose widths are not whole', () => {
    const request = { depths: [16], ks: [1], budget: { params: 1e9 }, objective: 'params', pareto: false, top: 10 } as const;
    const shape = {
      get block(): number[] {
        return bug();
      },
    } as unknown as FitShape;
    expect(() => fitToBudget({ ...request, shape })).toThrow(new TypeError('a bug'));
    const k = { valueOf: bug } as unknown as number;
    expect(() => fitToBudget({ ...request, shape: {}, ks: [k] })).toThrow(new TypeError('a bug'));
  });
});
