import { describe, expect, it } from 'vitest';
import { compareBlockWidths, describeBlock } from '../../src/core/index.js';
import { refusal } from '../helpers/refusal.js';

/*
 * The single-block view's widths, strides and width comparison, by hand: a 3×3
 * conv C_in → C_out has 9·C_in·C_out weights and as many MACs per output position;
 * BN has 2 parameters per channel; a 1×1 projection C_in·C_out weights.
 */

const strides = (view: ReturnType<typeof describeBlock>) =>
  view.layers.filter((l) => l.stride !== undefined).map((l) => [l.name, l.stride, l.output]);

describe('bottleneck blocks on their own', () => {
  it('k widens the inner convs from a quarter of the output: 256 channels at k = 2 have inner width 128', () => {
    const view = describeBlock({ kernels: 'bottleneck', inChannels: 256, k: 2 });
    expect(view.spec).toMatchObject({ inChannels: 256, k: 2, outChannels: 256, widths: [128, 128, 256] });
    expect(view.residual).toMatchObject({ ok: true, shortcut: 'identity' });
  });

  it('pre order: the stride sits on the first conv (He et al. 2016); post order: on the 3×3 (torchvision, v1.5)', () => {
    expect(strides(describeBlock({ kernels: 'bottleneck', stride: 2, inChannels: 64, outChannels: 256 }))).toEqual([
      ['block.conv1', 2, [64, 16, 16]],
      ['block.conv2', 1, [64, 16, 16]],
      ['block.conv3', 1, [256, 16, 16]],
      ['block.shortcut', 2, [256, 16, 16]],
    ]);
    expect(strides(describeBlock({ kernels: 'bottleneck', order: 'post', stride: 2, inChannels: 64, outChannels: 256 }))).toEqual([
      ['block.conv1', 1, [64, 32, 32]],
      ['block.conv2', 2, [64, 16, 16]],
      ['block.conv3', 1, [256, 16, 16]],
      ['block.shortcut', 2, [256, 16, 16]],
    ]);
  });

  it('an inner width that is not whole is refused, naming the output and k it came from', () => {
    expect(refusal(() => describeBlock({ kernels: 'bottleneck', inChannels: 6 }))).toEqual({
      code: 'NOT_POSITIVE_INTEGER',
      message: 'Inner width (output 6 / 4 × k 1) must be a positive whole number, got 1.5.',
    });
    expect(refusal(() => describeBlock({ kernels: 'bottleneck', inChannels: 16, k: 1.5, outChannels: 12 })).message).toBe(
      'Inner width (output 12 / 4 × k 1.5) must be a positive whole number, got 4.5.',
    );
  });

  it("a bottleneck's output channels must be a positive whole number", () => {
    expect(refusal(() => describeBlock({ kernels: 'bottleneck', outChannels: 0 }))).toEqual({
      code: 'NOT_POSITIVE_INTEGER',
      message: 'Output channels must be a positive whole number, got 0.',
    });
  });

  it('explicit widths win over k and outChannels, and leave k undefined', () => {
    const view = describeBlock({ kernels: 'bottleneck', inChannels: 64, k: 4, outChannels: 512, widths: [8, 16, 64] });
    expect(view.spec).toMatchObject({ k: undefined, outChannels: 64, widths: [8, 16, 64] });
    expect(refusal(() => describeBlock({ widths: [16, 0] }))).toEqual({
      code: 'NOT_POSITIVE_INTEGER',
      message: 'Width must be a positive whole number, got 0.',
    });
  });
});

describe('basic blocks on their own', () => {
  it('outChannels sets the width and leaves k undefined; k multiplies the input channels', () => {
    expect(describeBlock({ outChannels: 48 }).spec).toMatchObject({ k: undefined, outChannels: 48, widths: [48, 48] });
    expect(describeBlock({ inChannels: 24, k: 2 }).spec).toMatchObject({ k: 2, outChannels: 48, widths: [48, 48] });
  });

  it('a zero-pad shortcut may keep the channels: at stride 2 it only subsamples', () => {
    const view = describeBlock({ shortcut: 'zero-pad', stride: 2 });
    expect(view.residual).toEqual({ ok: true, shortcut: 'zero-pad', main: [16, 16, 16], shortcutShape: [16, 16, 16] });
    expect(view.layers.find((l) => l.name === 'block.shortcut')).toMatchObject({
      type: 'zero-pad',
      input: [16, 32, 32],
      output: [16, 16, 16],
      stride: 2,
      params: 0,
    });
  });

  it('a padding that is not a whole number is refused', () => {
    expect(refusal(() => describeBlock({ padding: 1.5 })).message).toBe(
      'Padding must be at least 0 and at most 9007199254740991, got 1.5.',
    );
  });

  it('padding 0 is a padding: each 3×3 conv takes 2 off each side, and the add then fails', () => {
    const view = describeBlock({ padding: 0, input: [8, 8] });
    expect(view.spec.padding).toBe(0);
    expect(view.residual).toEqual({ ok: false, shortcut: 'identity', main: [16, 4, 4], shortcutShape: [16, 8, 8] });
    expect(view.output).toEqual([16, 4, 4]);
  });
});

describe('compareBlockWidths, worked out for k = 1 and 2 on the default 16-channel 32×32 block', () => {
  // Computed in each test: work done while collecting tests is covered by no test (see grid.test.ts).
  const compared = () => compareBlockWidths({}, [1, 2]);

  it('k = 1 is the reference of every ratio', () => {
    const [one] = compared();
    // BN 16 (32) + 3×3 16→16 (2304), twice: 4672 parameters; 2·2304·1024 MACs.
    const base = { inChannels: 16, width: 16, params: 4_672, macs: 4_718_592, paramsRatio: 1, macsRatio: 1 };
    expect(one).toEqual({ k: 1, block: base, midGroup: base, innerOnly: base });
  });

  it('the block itself: 16 → 32 → 32 with a 1×1 projection', () => {
    const [, two] = compared();
    // BN 16 (32) + 16→32 (4608) + BN 32 (64) + 32→32 (9216) + projection 16·32 (512).
    expect(two?.block).toEqual({
      inChannels: 16,
      width: 32,
      params: 14_432,
      macs: (4_608 + 9_216 + 512) * 1024,
      paramsRatio: 14_432 / 4_672,
      macsRatio: 14_336 / 4_608,
    });
  });

  it('mid-group: 32 → 32 → 32, the convs exactly 4 times k = 1', () => {
    const [, two] = compared();
    // BN 32 (64) + 32→32 (9216), twice.
    expect(two?.midGroup).toEqual({
      inChannels: 32,
      width: 32,
      params: 18_560,
      macs: 2 * 9_216 * 1024,
      paramsRatio: 18_560 / 4_672,
      macsRatio: 4,
    });
  });

  it('inner convs only: 16 → 32 → 16, the convs exactly 2 times k = 1', () => {
    const [, two] = compared();
    // BN 16 (32) + 16→32 (4608) + BN 32 (64) + 32→16 (4608); identity shortcut.
    expect(two?.innerOnly).toEqual({
      inChannels: 16,
      width: 16,
      params: 9_312,
      macs: 2 * 4_608 * 1024,
      paramsRatio: 9_312 / 4_672,
      macsRatio: 2,
    });
  });

  it('one conv has no inner side to widen, nor has a bottleneck (its own k is the inner width)', () => {
    expect(compareBlockWidths({ kernels: [3] }, [1, 2]).map((c) => c.innerOnly)).toEqual([undefined, undefined]);
    expect(compareBlockWidths({ kernels: 'bottleneck', inChannels: 64 }, [1, 2]).map((c) => c.innerOnly)).toEqual([undefined, undefined]);
    expect(compareBlockWidths({ kernels: 'bottleneck', inChannels: 64 }, [1, 2]).map((c) => c.block.params)).toEqual([
      // BN 64 + 1×1 64→16 + BN 16 + 3×3 16→16 + BN 16 + 1×1 16→64 (identity); then inner 32.
      128 + 1_024 + 32 + 2_304 + 32 + 1_024,
      128 + 2_048 + 64 + 9_216 + 64 + 2_048,
    ]);
  });

  it('outChannels and widths of the options are ignored: k sets the width', () => {
    expect(compareBlockWidths({ outChannels: 99, widths: [1, 2] }, [2])[0]?.block).toMatchObject({ width: 32, params: 14_432 });
  });
});
