import { describe, expect, it } from 'vitest';
import { MAX_QUOTED_CHARS } from '../../src/core/messages.js';
import {
  listLayers,
  clip,
  describeBlock,
  escapeControl,
  formatIssue,
  formatShape,
  groupThousands,
  quote,
  summarizeNetwork,
} from '../../src/core/index.js';

import type { BlockViewOptions, NetworkOptions } from '../../src/core/index.js';
import { refusal } from '../helpers/refusal.js';

/*
 * The sentences the core refuses with, whole: the CLI prints them as they are, so a
 * library user and a CLI user read the same words. Each case gives the input that
 * makes the refusal and the numbers in it worked out by hand from the rule it names.
 */

const network = (options: NetworkOptions) => () => summarizeNetwork(options);
const block = (options: BlockViewOptions) => () => describeBlock(options);

describe('refusals of a network, sentence by sentence', () => {
  it.each([
    [
      "a depth outside torchvision's table, no block asked for: every depth of the table",
      network({ family: 'imagenet', depth: 26, k: 1 }),
      'IMAGENET_DEPTH',
      "Depth 26 is not an ImageNet ResNet depth; use 18, 34, 50, 101, 152 or 200 (torchvision's table), or give the blocks of each group with --blocks-per-group a,b,c,d.",
    ],
    [
      "a depth outside torchvision's table, bottleneck blocks asked for",
      network({ family: 'imagenet', depth: 26, block: 'bottleneck', k: 1 }),
      'IMAGENET_DEPTH',
      "Depth 26 is not an ImageNet ResNet depth with bottleneck blocks; use 50, 101, 152 or 200 (torchvision's table), or give the blocks of each group with --blocks-per-group a,b,c,d.",
    ],
    [
      'a bottleneck depth with basic blocks: only 18 and 34 use them',
      network({ family: 'imagenet', depth: 50, block: [3, 3], k: 1 }),
      'IMAGENET_DEPTH',
      "Depth 50 is not an ImageNet ResNet depth with basic blocks; use 18 or 34 (torchvision's table), or give the blocks of each group with --blocks-per-group a,b,c,d.",
    ],
    [
      'the layers rule on ImageNet',
      network({ family: 'imagenet', depth: 50, k: 1, depthRule: 'layers' }),
      'RULE_NOT_FOR_NETWORK',
      "The layers depth rule counts the CIFAR WRN's layers; ImageNet networks use the resnet rule (torchvision's depth table).",
    ],
    [
      'the nominal rule on a CIFAR bottleneck network',
      network({ depth: 164, k: 1, block: 'bottleneck', depthRule: 'nominal' }),
      'RULE_NOT_FOR_NETWORK',
      'The nominal depth rule counts basic blocks; a bottleneck network uses the resnet rule (depth = 9·N + 2 on CIFAR).',
    ],
    [
      'two blocks-per-group values for three CIFAR groups',
      network({ blocksPerGroup: [1, 2], k: 1 }),
      'BLOCKS_LIST_LENGTH',
      'Blocks per group lists 2 values, but a cifar network has 3 groups; give one N for all groups or 3 values (one per group).',
    ],
    [
      'three values for the four ImageNet groups',
      network({ family: 'imagenet', blocksPerGroup: [1, 1, 1], k: 1 }),
      'BLOCKS_LIST_LENGTH',
      'Blocks per group lists 3 values, but a imagenet network has 4 groups; give one N for all groups or 4 values (one per group).',
    ],
    [
      // Layers rule, B(3,3): N = 3 gives 3·3·2 + 4 = 22.
      'a depth and an N that disagree',
      network({ depth: 28, blocksPerGroup: 3, k: 1 }),
      'DEPTH_CONFLICT',
      'Depth 28 and 3 blocks per group disagree: 3 blocks per group give depth 22 (layers rule); give one of them, or matching values.',
    ],
    [
      // resnet rule, bottleneck: 3 convs per block, (3 + 4 + 6 + 2)·3 + 2 = 47.
      'a depth and one N per group that disagree (the list is shown as given)',
      network({ family: 'imagenet', depth: 50, blocksPerGroup: [3, 4, 6, 2], k: 1 }),
      'DEPTH_CONFLICT',
      'Depth 50 and 3,4,6,2 blocks per group disagree: 3,4,6,2 blocks per group give depth 47 (resnet rule); give one of them, or matching values.',
    ],
    [
      // The resnet rule for B(3,3) is 6N + 2: 20 and 26 around 21.
      'a depth that does not fit B(3,3) under the resnet rule',
      network({ depth: 21, k: 1, depthRule: 'resnet' }),
      'DEPTH_MISFIT',
      'Depth 21 does not fit the block (depth = 6·N + 2 under the resnet rule for a block of 2 convs); the nearest valid depths are 20 or 26.',
    ],
    [
      // 3N + 2 for a one-conv block: 8 and 11 around 10.
      'a depth that does not fit a one-conv block under the resnet rule ("1 conv")',
      network({ depth: 10, k: 1, block: [3], depthRule: 'resnet' }),
      'DEPTH_MISFIT',
      'Depth 10 does not fit the block (depth = 3·N + 2 under the resnet rule for a block of 1 conv); the nearest valid depths are 8 or 11.',
    ],
    [
      // 9N + 2 for a CIFAR bottleneck (164 = 9·18 + 2).
      'a depth that does not fit a CIFAR bottleneck network',
      network({ depth: 165, k: 1, block: 'bottleneck' }),
      'DEPTH_MISFIT',
      'Depth 165 does not fit the block (depth = 9·N + 2 under the resnet rule for a bottleneck block); the nearest valid depths are 164 or 173.',
    ],
    [
      // ImageNet widths are 64k, 128k, 256k, 512k.
      'an ImageNet k whose widths are not whole names the base 64',
      network({ family: 'imagenet', depth: 50, k: 1 / 128 }),
      'WIDTH_NOT_WHOLE',
      'Widening factor k = 0.0078125 gives widths 0.5, 1, 2, 4, which are not all whole positive numbers; use a k for which 64·k is a whole number (e.g. 1, 1.5, 2, 10).',
    ],
    [
      // k = 0.5 makes conv2 16 → 8 channels: option A's zero channels cannot narrow.
      'a zero-pad shortcut that would have to narrow, in a network',
      network({ order: 'post', shortcut: 'zero-pad', depthRule: 'resnet', depth: 20, k: 0.5 }),
      'ZERO_PAD_NARROWS',
      'The zero-pad shortcut of conv2.block0 would have to drop channels (16 in, 8 out): it can only add zero channels; use a projection shortcut or a wider network.',
    ],
    [
      'no depth and no N',
      network({ k: 1 }),
      'DEPTH_MISSING',
      'The network needs a depth or a number of blocks per group; give either (e.g. depth 28, or 4 blocks per group).',
    ],
    [
      'no widening factor',
      network({ depth: 28 }),
      'WIDTH_MISSING',
      'The network needs a widening factor k; give one (e.g. k = 10, or a model name such as WRN-28-10).',
    ],
    [
      // Kernel 2 with padding ⌊(1 + 1)/2⌋ = 1 grows each side by one: 32 → 33 → 34.
      'even kernels: the add gets two shapes',
      network({ depth: 16, k: 1, block: [2, 2] }),
      'RESIDUAL_MISMATCH',
      'The residual add of conv2.block0 gets 16×34×34 from the convolutions but 16×32×32 from the shortcut; use odd kernel sizes so that each conv keeps the spatial size.',
    ],
    [
      'an unknown model name, with the closest known ones',
      network({ model: 'resnet51' }),
      'UNKNOWN_MODEL',
      "Model 'resnet51' is not known; did you mean resnet50, resnet56 or resnet18? Otherwise give WRN-d-k (e.g. WRN-28-10) or a preset name such as resnet50 or wide_resnet50_2.",
    ],
    [
      'an unknown model name close to none',
      network({ model: 'transformer-xl' }),
      'UNKNOWN_MODEL',
      "Model 'transformer-xl' is not known; give WRN-d-k (e.g. WRN-28-10) or a preset name such as resnet50 or wide_resnet50_2.",
    ],
    [
      // B(3,3), layers rule: (4 − 4)/6 = 0 blocks per group is whole but no network; the smallest is N = 1, 3·1·2 + 4 = 10.
      'the depth of a network without blocks',
      network({ depth: 4, k: 1 }),
      'DEPTH_MISFIT',
      'Depth 4 does not fit the block (depth = 3·N·2 + 4 for a block of 2 convs); the nearest valid depth is 10.',
    ],
    [
      // 200 is an ImageNet table depth, but a CIFAR network keeps its B(3,3): 196 = 3·32·2 + 4, 202 = 3·33·2 + 4.
      "a CIFAR depth that is also in torchvision's table does not pick the table's block",
      network({ depth: 200, k: 1 }),
      'DEPTH_MISFIT',
      'Depth 200 does not fit the block (depth = 3·N·2 + 4 for a block of 2 convs); the nearest valid depths are 196 or 202.',
    ],
    [
      'a bottleneck stride that is neither conv',
      network({ model: 'resnet50', bottleneckStride: 'middle' as '3x3' }),
      'NOT_ONE_OF',
      "Bottleneck stride must be 3x3 or 1x1, got 'middle'.",
    ],
    [
      // W·G/64 = 4·32/64 = 2.
      'k and a width per group that disagree, several groups',
      network({ family: 'imagenet', depth: 50, k: 1, groups: 32, widthPerGroup: 4 }),
      'WIDTH_CONFLICT',
      'k = 1 and a width per group of 4 with 32 groups disagree: that width per group means k = W·G/64 = 2; give one of the two, or values that agree.',
    ],
    [
      // W·G/64 = 64·1/64 = 1.
      'k and a width per group that disagree, one group',
      network({ family: 'imagenet', depth: 50, k: 2, groups: 1, widthPerGroup: 64 }),
      'WIDTH_CONFLICT',
      'k = 2 and a width per group of 64 with 1 group disagree: that width per group means k = W·G/64 = 1; give one of the two, or values that agree.',
    ],
    [
      // torchvision's ⌊base·W/64⌋·G at CIFAR's base 16: ⌊16·2/64⌋ = 0; W = 4 is the first to give a channel.
      'a width per group that leaves no inner channel, several groups',
      network({ block: 'bottleneck', depth: 29, groups: 3, widthPerGroup: 2 }),
      'INNER_WIDTH_TOO_SMALL',
      'A width per group of 2 with 3 groups gives inner convs of ⌊16·2/64⌋·3 = 0 channels; use a width per group of at least 4.',
    ],
    [
      'a width per group that leaves no inner channel, one group',
      network({ block: 'bottleneck', depth: 29, widthPerGroup: 1 }),
      'INNER_WIDTH_TOO_SMALL',
      'A width per group of 1 with 1 group gives inner convs of ⌊16·1/64⌋·1 = 0 channels; use a width per group of at least 4.',
    ],
    [
      // A B(1) block lists BN-ReLU, conv and add: 3 rows a block, and 3·2^52 > 2^53 − 1 in conv2 alone, while the
      // depth, 2^52 + 6, is still exact. The summary checks a group's row count before its other counts.
      'more listing rows in one group than MAX_SAFE_INTEGER',
      network({ blocksPerGroup: [2 ** 52, 1, 1], k: 1 / 16, block: [1], input: [1, 1, 1] }),
      'COUNT_OVERFLOW',
      'The layer count of this network would exceed 9,007,199,254,740,991 (Number.MAX_SAFE_INTEGER), so it cannot be counted exactly; use a smaller depth, width or input.',
    ],
  ] as const)('%s', (_, run, code, message) => {
    expect(refusal(run)).toEqual({ code, message });
  });

  it('a block that is neither B(3,3) nor bottleneck has no ImageNet depth: the sentence says the table has neither and asks for the blocks', () => {
    const { code, message } = refusal(network({ family: 'imagenet', depth: 50, block: [3, 3, 3], k: 1 }));
    expect(code).toBe('IMAGENET_DEPTH');
    expect(message).toBe(
      "ImageNet depths come from torchvision's table, which has B(3,3) and bottleneck networks only; for this block give the blocks of each group with --blocks-per-group a,b,c,d.",
    );
  });

  it('listing more than 100,000 layers is refused with the count (3 groups of B(3,3) at N = 20,000: 300,006 rows)', () => {
    // Stem conv 1; per group 5 rows a block (BN-ReLU, conv, BN-ReLU, conv, add), plus the projection
    // of conv3's and conv4's first blocks (conv2 keeps 16 channels at k = 1); head BN-ReLU, pool, fc 3.
    expect(summarizeNetwork({ blocksPerGroup: 20_000, k: 1 }).layerCount).toBe(1 + 3 * 5 * 20_000 + 2 + 3);
    expect(refusal(() => listLayers({ blocksPerGroup: 20_000, k: 1 }))).toEqual({
      code: 'TOO_MANY_LAYERS',
      message:
        'This network has 300,006 layers, more than the 100,000 that can be listed one by one; ask for totals only or use a smaller depth.',
    });
  });
});

describe('refusals of a single block', () => {
  it.each([
    [
      'a zero-pad shortcut cannot narrow 16 channels to 8',
      block({ shortcut: 'zero-pad', outChannels: 8 }),
      'ZERO_PAD_NARROWS',
      'The zero-pad shortcut of block would have to drop channels (16 in, 8 out): it can only add zero channels; use a projection shortcut or a wider network.',
    ],
    [
      'one width for two convs',
      block({ widths: [16] }),
      'WIDTHS_LENGTH',
      'Widths lists 1 value, but the block has 2 convs; give one output width per conv.',
    ],
    [
      'two widths for one conv',
      block({ kernels: [3], widths: [8, 16] }),
      'WIDTHS_LENGTH',
      'Widths lists 2 values, but the block has 1 conv; give one output width per conv.',
    ],
    [
      'a bottleneck of no channel groups',
      block({ kernels: 'bottleneck', groups: 0 }),
      'NOT_POSITIVE_INTEGER',
      'Groups must be a positive whole number, got 0.',
    ],
    [
      "channel groups on a basic block (torchvision's BasicBlock refuses groups ≠ 1)",
      block({ groups: 32 }),
      'NOT_FOR_BASIC_BLOCKS',
      "32 channel groups need bottleneck blocks: torchvision's BasicBlock takes only groups = 1 and a width per group of 64; use --block bottleneck for a ResNeXt.",
    ],
    [
      'a stride position on a basic block',
      block({ bottleneckStride: '1x1' }),
      'NOT_FOR_BASIC_BLOCKS',
      'The bottleneck stride (1x1) applies to bottleneck blocks only: a basic block strides on its first conv.',
    ],
    [
      // Two faults: the padding is checked before the block is built, so the one that makes it inexact is named.
      'a dilation too large to pad exactly, on a block whose zero-pad shortcut would also narrow',
      block({ shortcut: 'zero-pad', inChannels: 32, outChannels: 16, dilation: 2 ** 52 }),
      'COUNT_OVERFLOW',
      'The dilated kernel extent of this network would exceed 9,007,199,254,740,991 (Number.MAX_SAFE_INTEGER), so it cannot be counted exactly; use a smaller depth, width or input.',
    ],
  ] as const)('%s', (_, run, code, message) => {
    expect(refusal(run)).toEqual({ code, message });
  });
});

describe('formatIssue for what the API cannot reach on its own', () => {
  it('one value in a blocks-per-group list is singular (a list of one is taken as one N for every group)', () => {
    expect(formatIssue({ code: 'BLOCKS_LIST_LENGTH', given: 1, groups: 3, family: 'cifar' })).toBe(
      'Blocks per group lists 1 value, but a cifar network has 3 groups; give one N for all groups or 3 values (one per group).',
    );
  });

  it('a depth below the smallest network names one depth; a resnet-rule bottleneck misfit says "bottleneck block"', () => {
    expect(formatIssue({ code: 'DEPTH_MISFIT', depth: 3, blockLength: 3, rule: 'resnet', nearest: [11], bottleneck: true })).toBe(
      'Depth 3 does not fit the block (depth = 9·N + 2 under the resnet rule for a bottleneck block); the nearest valid depth is 11.',
    );
  });
});

describe('message helpers', () => {
  it('groupThousands puts a comma every three digits from the right, and none in a short number', () => {
    expect(groupThousands(0)).toBe('0');
    expect(groupThousands(999)).toBe('999');
    expect(groupThousands(1_000)).toBe('1,000');
    expect(groupThousands(36_479_194)).toBe('36,479,194');
    expect(groupThousands(Number.MAX_SAFE_INTEGER)).toBe('9,007,199,254,740,991');
  });

  it('formatShape joins with ×', () => {
    expect(formatShape([3, 32, 32])).toBe('3×32×32');
    expect(formatShape([10])).toBe('10');
  });

  it('escapeControl writes C0, DEL and C1 controls as \\u escapes and leaves printable text alone', () => {
    expect(escapeControl('a\nb\tc\u001b[31m')).toBe('a\\u000ab\\u0009c\\u001b[31m');
    expect(escapeControl('\u0000\u001f\u007f\u0080\u009f')).toBe('\\u0000\\u001f\\u007f\\u0080\\u009f');
    expect(escapeControl(' ~\u00a0é×')).toBe(' ~\u00a0é×');
  });

  it(`clip keeps ${MAX_QUOTED_CHARS} characters and cuts a longer text short with an ellipsis`, () => {
    expect(MAX_QUOTED_CHARS).toBe(100);
    const exact = 'x'.repeat(100);
    expect(clip(exact)).toBe(exact);
    expect(clip(`${exact}y`)).toBe(`${exact}…`);
    expect(clip('abcdef', 3)).toBe('abc…');
  });

  it('quote escapes first, then clips, inside single quotes', () => {
    expect(quote('resnet51')).toBe("'resnet51'");
    expect(quote('a\nb')).toBe("'a\\u000ab'");
    // 60 newlines are 360 characters once escaped: the first 100 of them are kept.
    expect(quote('\n'.repeat(60))).toBe(`'${'\\u000a'.repeat(16)}\\u00…'`);
  });
});
