import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_BLOCK_LENGTH, MAX_COMPARED_WIDTHS, compareBlockWidths, describeBlock } from '../../src/core/index.js';
import type { BlockViewOptions } from '../../src/core/index.js';
import { cifarReference, referenceLayer } from '../helpers/reference.js';
import { refusal } from '../helpers/refusal.js';

/*
 * The single-block view as a library (describeBlock, compareBlockWidths): the CLI's
 * zod layer refuses most bad values before they reach the core, so the core's own
 * guards and messages are tested here directly (mutation testing found them unobserved).
 */

/** PyTorch: a 3×3 conv 16 → 16 at 32×32 (conv2.block1.conv1 of WRN-16-1). */
const CONV_16_16 = referenceLayer(cifarReference(2, 1), 'conv2.block1.conv1');

describe('describeBlock defaults', () => {
  it("is conv2's identity block of WRN-n-1: B(3,3), 16 → 16, 32×32, no bias", () => {
    const view = describeBlock({});
    // Strict: every field of the spec is there, a basic block's groups and stride position stated as undefined.
    expect(view.spec).toStrictEqual({
      inChannels: 16,
      k: 1,
      outChannels: 16,
      widths: [16, 16],
      kernels: [3, 3],
      groups: undefined,
      bottleneckStride: undefined,
      order: 'pre',
      shortcut: 'projection',
      stride: 1,
      padding: 'same',
      dilation: 1,
      input: [16, 32, 32],
      convBias: false,
      dropout: 0,
    });
    // Two BN-ReLUs (2 params per channel) and two convs as PyTorch counts them; no shortcut conv.
    expect(CONV_16_16.params).toBe(2_304);
    expect(view.params).toBe(2 * (2 * 16 + CONV_16_16.params));
    expect(view.macs).toBe(2 * CONV_16_16.macs);
    expect(view.residual).toMatchObject({ ok: true, shortcut: 'identity' });
  });

  it('a conv bias adds one parameter per output channel of each conv, and no MACs', () => {
    const plain = describeBlock({});
    const biased = describeBlock({ convBias: true });
    expect(biased.params - plain.params).toBe(2 * 16);
    expect(biased.macs).toBe(plain.macs);
  });

  it('one conv per block (B(3)) and the longest block allowed (64 convs) are blocks', () => {
    expect(describeBlock({ kernels: [3] }).params).toBe(2 * 16 + CONV_16_16.params);
    const longest = describeBlock({ kernels: Array.from({ length: MAX_BLOCK_LENGTH }, () => 3) });
    expect(longest.params).toBe(MAX_BLOCK_LENGTH * (2 * 16 + CONV_16_16.params));
  });

  it("one channel group is a basic block's only grouping, as torchvision's BasicBlock takes groups = 1: the plain block", () => {
    const grouped = describeBlock({ groups: 1 });
    expect(grouped.spec.groups).toBeUndefined();
    expect(grouped.params).toBe(2 * (2 * 16 + CONV_16_16.params));
  });

  it('dropout just below 1 is shown before the 2nd conv and costs nothing', () => {
    const view = describeBlock({ dropout: 0.999 });
    expect(view.layers.find((l) => l.name === 'block.conv2')?.dropoutBefore).toBe(0.999);
    expect(view.params).toBe(describeBlock({}).params);
  });
});

describe('a grouped bottleneck on its own', () => {
  it("is torchvision's resnext50_32x4d layer1.1: 256 → 1×1 to 128 → 3×3 grouped 32 ways → 1×1 to 256, at 56×56", () => {
    const reference = (
      JSON.parse(readFileSync(new URL('../fixtures/reference/family.json', import.meta.url), 'utf8')) as {
        configs: { id: string; layers: { name: string; output: number[]; params: number; macs: number }[] }[];
      }
    ).configs.find((config) => config.id === 'resnext50_32x4d');
    const expected = ['conv1', 'conv2', 'conv3'].map((conv) => reference?.layers.find((layer) => layer.name === `layer1.1.${conv}`));
    // A bottleneck's inner width is a quarter of its output times k: 256 / 4 × 2 = 128.
    const view = describeBlock({ kernels: 'bottleneck', inChannels: 256, k: 2, groups: 32, order: 'post', input: [56, 56] });
    const convs = view.layers.filter((layer) => layer.type === 'conv');
    expect(convs.map(({ output, params, macs }) => ({ output: [...output], params, macs }))).toEqual(
      expected.map((layer) => ({ output: layer?.output, params: layer?.params, macs: layer?.macs })),
    );
    expect(convs.map((layer) => layer.groups)).toEqual([1, 32, 1]);
  });
});

describe('describeBlock refuses, naming the value', () => {
  const CASES: readonly [string, BlockViewOptions, 'NOT_POSITIVE_INTEGER' | 'NOT_IN_RANGE', string][] = [
    ['no input channels', { inChannels: 0 }, 'NOT_POSITIVE_INTEGER', 'Input channels must be a positive whole number, got 0.'],
    ['no output channels', { outChannels: 0 }, 'NOT_POSITIVE_INTEGER', 'Output channels must be a positive whole number, got 0.'],
    [
      'a width that is not whole',
      { inChannels: 3, k: 1.5 },
      'NOT_POSITIVE_INTEGER',
      'Block width (input channels 3 × k 1.5) must be a positive whole number, got 4.5.',
    ],
    ['an empty block', { kernels: [] }, 'NOT_IN_RANGE', 'Block length (convs per block) must be at least 1 and at most 64, got 0.'],
    [
      'a block of 65 convs',
      { kernels: Array.from({ length: 65 }, () => 3) },
      'NOT_IN_RANGE',
      'Block length (convs per block) must be at least 1 and at most 64, got 65.',
    ],
    ['a kernel of 0', { kernels: [3, 0] }, 'NOT_POSITIVE_INTEGER', 'Kernel size must be a positive whole number, got 0.'],
    ['a negative padding', { padding: -1 }, 'NOT_IN_RANGE', 'Padding must be at least 0 and at most 9007199254740991, got -1.'],
    ['a stride of 0', { stride: 0 }, 'NOT_POSITIVE_INTEGER', 'Stride must be a positive whole number, got 0.'],
    ['a dilation of 0', { dilation: 0 }, 'NOT_POSITIVE_INTEGER', 'Dilation must be a positive whole number, got 0.'],
    ['an input height of 0', { input: [0, 32] }, 'NOT_POSITIVE_INTEGER', 'Input height must be a positive whole number, got 0.'],
    ['an input width of 0', { input: [32, 0] }, 'NOT_POSITIVE_INTEGER', 'Input width must be a positive whole number, got 0.'],
    ['a dropout of 1', { dropout: 1 }, 'NOT_IN_RANGE', 'Dropout must be at least 0 and below 1, got 1.'],
    ['a negative dropout', { dropout: -0.1 }, 'NOT_IN_RANGE', 'Dropout must be at least 0 and below 1, got -0.1.'],
    ['a dropout of NaN', { dropout: Number.NaN }, 'NOT_IN_RANGE', 'Dropout must be at least 0 and below 1, got NaN.'],
  ];

  it.each(CASES)('%s', (_, options, code, message) => {
    expect(refusal(() => describeBlock(options))).toEqual({ code, message });
  });
});

describe('compareBlockWidths', () => {
  it('compares up to MAX_COMPARED_WIDTHS values of k, and refuses one more', () => {
    const ks = Array.from({ length: MAX_COMPARED_WIDTHS }, (_, i) => i + 1);
    expect(compareBlockWidths({ input: [4, 4] }, ks)).toHaveLength(MAX_COMPARED_WIDTHS);
    expect(refusal(() => compareBlockWidths({ input: [4, 4] }, [...ks, MAX_COMPARED_WIDTHS + 1])).message).toBe(
      'The number of k values compared must be at least 1 and at most 1000, got 1001.',
    );
  });

  it('compares nothing when given no k', () => {
    expect(compareBlockWidths({}, [])).toEqual([]);
  });

  it("a mid-group block costs about k² times k = 1 (the article's 16× at k = 4)", () => {
    const [one, four] = compareBlockWidths({}, [1, 4]);
    expect(one?.midGroup).toMatchObject({ inChannels: 16, width: 16, paramsRatio: 1, macsRatio: 1 });
    // Convs: exactly 16×; BN (2 per channel) only 4×, so the whole block is a little under 16×.
    expect(four?.midGroup.macsRatio).toBe(16);
    expect(four?.midGroup.params).toBe(2 * (2 * 64 + 16 * CONV_16_16.params));
  });
});
