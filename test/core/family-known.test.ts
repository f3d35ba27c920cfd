import { describe, expect, it } from 'vitest';
import { WrnError, summarizeNetwork } from '../../src/core/index.js';
import type { NetworkOptions } from '../../src/core/index.js';

/*
 * The ResNet family's exact values, measured with PyTorch 1.13 / torchvision 0.14
 * (torchvision's own model objects for torchvision's names; the ImageNet input is
 * 3×224×224 with 1000 classes). Each figure comes from PyTorch, not from our formulas.
 */
const KNOWN: readonly [string, NetworkOptions, { params: number; buffers?: number; macs?: number }][] = [
  ['resnet18', { model: 'resnet18' }, { params: 11_689_512, buffers: 9_600, macs: 1_814_073_344 }],
  ['resnet34', { model: 'resnet34' }, { params: 21_797_672, buffers: 17_024, macs: 3_663_761_408 }],
  ['resnet50', { model: 'resnet50' }, { params: 25_557_032, buffers: 53_120, macs: 4_089_184_256 }],
  ['resnet101', { model: 'resnet101' }, { params: 44_549_160, buffers: 105_344, macs: 7_801_405_440 }],
  ['resnet152', { model: 'resnet152' }, { params: 60_192_808, buffers: 151_424, macs: 11_513_626_624 }],
  ['wide_resnet50_2', { model: 'wide_resnet50_2' }, { params: 68_883_240, buffers: 68_224, macs: 11_398_021_120 }],
  ['wide_resnet101_2', { model: 'wide_resnet101_2' }, { params: 126_886_696, buffers: 137_856, macs: 22_753_050_624 }],
  ['imagenet basic depth 18, k = 2 (the WRN paper, Table 7)', { family: 'imagenet', depth: 18, k: 2 }, { params: 45_618_216 }],
  ['resnext50_32x4d', { model: 'resnext50_32x4d' }, { params: 25_028_904, buffers: 68_224, macs: 4_230_479_872 }],
  ['resnext101_32x8d', { model: 'resnext101_32x8d' }, { params: 88_791_336, buffers: 202_880, macs: 16_414_015_488 }],
  ['resnext101_64x4d', { model: 'resnext101_64x4d' }, { params: 83_455_272, buffers: 202_880, macs: 15_460_270_080 }],
  [
    'resnet50 strided on its first 1×1 (He et al. 2015, Caffe)',
    { model: 'resnet50', bottleneckStride: '1x1' },
    { params: 25_557_032, macs: 3_857_973_248 },
  ],
  [
    "pre-ResNet-200 (fb.resnet.torch's preresnet.lua; Table 8: 64.7M)",
    { model: 'preresnet200' },
    { params: 64_672_808, buffers: 174_976, macs: 15_007_481_856 },
  ],
  [
    "pre-activation ResNet-18 (fb.resnet.torch's preresnet.lua)",
    { family: 'imagenet', depth: 18, k: 1, order: 'pre' },
    { params: 11_689_384 },
  ],
  ['pre-activation bottleneck ResNet-1001 (Table 5 prints 10.2M)', { model: 'preact-resnet1001' }, { params: 10_327_706 }],
  ['ResNet-110, post, zero-pad (He et al. 2015: 1.7M)', { model: 'resnet110' }, { params: 1_727_962 }],
];

describe('the ResNet family, against PyTorch and torchvision', () => {
  it.each(KNOWN)('%s', (_, options, expected) => {
    const { totals } = summarizeNetwork(options);
    expect({
      params: totals.params,
      ...(expected.buffers === undefined ? {} : { buffers: totals.buffers }),
      ...(expected.macs === undefined ? {} : { macs: totals.macs }),
    }).toEqual(expected);
  });
});

describe("the family's refusals, each a coded error with one sentence", () => {
  const refusal = (options: NetworkOptions) => {
    try {
      summarizeNetwork(options);
    } catch (error) {
      return error instanceof WrnError ? { code: error.issue.code, message: error.message } : undefined;
    }
    return undefined;
  };

  it.each([
    ['an ImageNet depth outside the table', { family: 'imagenet', depth: 26 }, 'IMAGENET_DEPTH', 'use 18, 34, 50, 101, 152 or 200'],
    [
      'an ImageNet depth outside the table, bottleneck blocks asked for',
      { family: 'imagenet', depth: 26, block: 'bottleneck' },
      'IMAGENET_DEPTH',
      'use 50, 101, 152 or 200',
    ],
    [
      'a basic-block depth asked of bottlenecks',
      { family: 'imagenet', depth: 18, block: 'bottleneck' },
      'IMAGENET_DEPTH',
      'use 50, 101, 152 or 200',
    ],
    [
      'a block the table does not have',
      { family: 'imagenet', depth: 18, block: [3, 1, 3] },
      'IMAGENET_DEPTH',
      'B(3,3) and bottleneck networks only',
    ],
    [
      'the layers rule on ImageNet',
      { family: 'imagenet', depth: 50, depthRule: 'layers' },
      'RULE_NOT_FOR_NETWORK',
      'ImageNet networks use the resnet rule',
    ],
    [
      'the nominal rule on a bottleneck',
      { depth: 164, k: 1, block: 'bottleneck', depthRule: 'nominal' },
      'RULE_NOT_FOR_NETWORK',
      'depth = 9·N + 2',
    ],
    ['a list of blocks of the wrong length', { blocksPerGroup: [1, 2], k: 1 }, 'BLOCKS_LIST_LENGTH', '3 groups'],
    ['a zero-pad shortcut that would drop channels', { depth: 16, k: 0.5, shortcut: 'zero-pad' }, 'ZERO_PAD_NARROWS', '16 in, 8 out'],
    ['a bottleneck depth that fits no N', { depth: 165, k: 1, block: 'bottleneck' }, 'DEPTH_MISFIT', '164 or 173'],
    ['an unknown model, with the closest names', { model: 'resnet5' }, 'UNKNOWN_MODEL', 'did you mean resnet50'],
    ['no widening factor', { depth: 28 }, 'WIDTH_MISSING', 'widening factor k'],
    ['widths not whole on ImageNet', { family: 'imagenet', depth: 50, k: 1.01 }, 'WIDTH_NOT_WHOLE', '64·k'],
    ['channel groups on basic blocks', { depth: 28, k: 10, groups: 4 }, 'NOT_FOR_BASIC_BLOCKS', 'use --block bottleneck for a ResNeXt'],
    ['a width per group on basic blocks', { depth: 28, k: 10, widthPerGroup: 32 }, 'NOT_FOR_BASIC_BLOCKS', 'widen basic blocks with k'],
    [
      'a bottleneck stride on basic blocks',
      { depth: 28, k: 10, bottleneckStride: '1x1' },
      'NOT_FOR_BASIC_BLOCKS',
      'a basic block strides on its first conv',
    ],
    [
      'a k that contradicts the width per group',
      { family: 'imagenet', depth: 50, groups: 32, widthPerGroup: 4, k: 4 },
      'WIDTH_CONFLICT',
      'that width per group means k = W·G/64 = 2',
    ],
    [
      'groups that do not divide a conv',
      { family: 'imagenet', depth: 50, k: 1, groups: 3 },
      'CHANNELS_NOT_DIVISIBLE',
      'Layer conv2.block0.conv2 has 64 input and 64 output channels, which 3 groups do not divide evenly.',
    ],
    [
      'a width per group that leaves no channels',
      { depth: 29, block: 'bottleneck', widthPerGroup: 2 },
      'INNER_WIDTH_TOO_SMALL',
      'gives inner convs of ⌊16·2/64⌋·1 = 0 channels; use a width per group of at least 4',
    ],
    [
      'no channel groups',
      { family: 'imagenet', depth: 50, k: 1, groups: 0 },
      'NOT_POSITIVE_INTEGER',
      'Groups must be a positive whole number, got 0.',
    ],
    ['a fractional number of groups', { family: 'imagenet', depth: 50, k: 1, groups: 1.5 }, 'NOT_POSITIVE_INTEGER', 'got 1.5'],
    ['a fractional width per group', { family: 'imagenet', depth: 50, widthPerGroup: 2.5 }, 'NOT_POSITIVE_INTEGER', 'Width per group'],
  ] as const)('%s', (_, options, code, text) => {
    const refused = refusal(options as NetworkOptions);
    expect(refused?.code).toBe(code);
    expect(refused?.message).toContain(text);
    expect(refused?.message.split('\n')).toHaveLength(1);
  });
});
