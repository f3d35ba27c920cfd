import { describe, expect, it } from 'vitest';
import { listLayers, describeBlock, summarizeNetwork } from '../../src/core/index.js';
import { pixelField, unionInto } from '../../src/core/field.js';

/*
 * Receptive fields worked out by hand with the recurrences of Araujo, Norris & Sim
 * (Distill, 2019): r += (k − 1)·d·j, start += ((k − 1)·d/2 − p)·j, j *= s; a residual
 * add covers the union of its two paths' fields.
 */

describe('receptive fields by hand', () => {
  it('the global pool of a 10×6 map widens each axis by its own side: WRN-10-1 on 40×24', () => {
    // Stem 3; conv2's two 3×3 convs at jump 1: 7; conv3's at jump 1 then 2: 13; conv4's at 2 then 4: 25.
    // The pool is a 10×6 window at jump 4: 25 + 9·4 = 61 by 25 + 5·4 = 45, centred at 4.5·4 = 18 and 2.5·4 = 10.
    const network = listLayers({ depth: 10, k: 1, input: [3, 40, 24] });
    const field = (name: string) => network.layers.find((l) => l.name === name)?.receptiveField;
    expect(field('conv4.block0.add')).toEqual({ size: [25, 25], jump: [4, 4], start: [0, 0] });
    expect(field('head.pool')).toEqual({ size: [61, 45], jump: [4, 4], start: [18, 10] });
    expect(field('head.fc')).toEqual({ size: [61, 45], jump: [4, 4], start: [18, 10] });
    expect(summarizeNetwork({ depth: 10, k: 1, input: [3, 40, 24] }).groups.map((g) => [g.name, g.receptiveField.size])).toEqual([
      ['conv1', [3, 3]],
      ['conv2', [7, 7]],
      ['conv3', [13, 13]],
      ['conv4', [25, 25]],
      ['head', [61, 45]],
    ]);
  });

  it('an add whose paths see different pixels covers both: a padded 1×1 conv at stride 3 against the 1×1 projection', () => {
    // Main: 1×1, padding 1, stride 3 sees pixel −1 (start 0 + (0 − 1)·1); the projection sees pixel 0.
    // Both give ⌊(31 + 2 − 1)/3⌋ + 1 = ⌊30/3⌋ + 1 = 11. The add sees pixels −1 and 0: size 2, centred at −0.5.
    const view = describeBlock({ kernels: [1], padding: 1, stride: 3, input: [31, 31] });
    expect(view.residual.ok).toBe(true);
    expect(view.layers.map((l) => [l.name, l.output, l.receptiveField])).toEqual([
      ['block.bn1', [16, 31, 31], { size: [1, 1], jump: [1, 1], start: [0, 0] }],
      ['block.conv1', [16, 11, 11], { size: [1, 1], jump: [3, 3], start: [-1, -1] }],
      ['block.shortcut', [16, 11, 11], { size: [1, 1], jump: [3, 3], start: [0, 0] }],
      ['block.add', [16, 11, 11], { size: [2, 2], jump: [3, 3], start: [-0.5, -0.5] }],
    ]);
  });
});

describe('field helpers', () => {
  it('an input pixel sees itself: size 1, jump 1, centred on itself', () => {
    expect(pixelField()).toEqual({ rh: 1, rw: 1, jh: 1, jw: 1, sh: 0, sw: 0 });
  });

  it('unionInto covers both intervals, whichever reaches further on either side', () => {
    // [−2, 2] ∪ [0, 0] = [−2, 2]; [0, 0] ∪ [−2, 2] likewise; [1, 3] ∪ [−4, −2] = [−4, 3]: size 8, centre −0.5.
    const wide = { rh: 5, rw: 5, jh: 1, jw: 1, sh: 0, sw: 0 };
    const narrow = pixelField();
    unionInto(narrow, wide);
    expect(narrow).toEqual({ rh: 5, rw: 5, jh: 1, jw: 1, sh: 0, sw: 0 });
    const right = { rh: 3, rw: 1, jh: 2, jw: 2, sh: 2, sw: 0 };
    unionInto(right, { rh: 3, rw: 1, jh: 2, jw: 2, sh: -3, sw: 0 });
    expect(right).toEqual({ rh: 8, rw: 1, jh: 2, jw: 2, sh: -0.5, sw: 0 });
  });
});
