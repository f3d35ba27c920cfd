import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FIXED_DEPTH,
  PAPER_GRID,
  PRESETS,
  PRESET_NAMES,
  closestModelNames,
  computeGrid,
  datasetOf,
  defaultGridDepths,
  depthStepPerBlock,
  familyOf,
  receptiveField,
  resolveModelName,
  resolveNetwork,
  summarizeNetwork,
  trainingMemory,
  validCells,
  withModel,
} from '../../src/core/index.js';
import { addTally, emptyTally, sumCounts } from '../../src/core/counts.js';
import { blocksPerGroupFor, depthLaw, depthOf } from '../../src/core/depth.js';
import { cellOptions } from '../../src/core/grid.js';

import type { Counts, GridOptions } from '../../src/core/index.js';
import { refusal } from '../helpers/refusal.js';
import { totalsOf } from '../helpers/totals.js';

/*
 * Model names, presets, the grid's defaults and metrics, and count arithmetic,
 * called as a library. Expectations are the documented conventions (the paper's
 * WRN-d-k names, He et al.'s ResNet-d, torchvision's table) or small sums by hand.
 */

describe('model names', () => {
  it('resolveModelName: presets case-insensitively, WRN-d-k with a fractional k, nothing else', () => {
    expect(resolveModelName('ResNet50')).toEqual({ preset: 'resnet50', options: PRESETS.resnet50 });
    expect(resolveModelName('wrn-50-2-BOTTLENECK').preset).toBe('WRN-50-2-bottleneck');
    expect(resolveModelName('WRN-28-10')).toEqual({ preset: undefined, options: { depth: 28, k: 10 } });
    expect(resolveModelName('wrn-40-1.5')).toEqual({ preset: undefined, options: { depth: 40, k: 1.5 } });
    for (const name of ['WRN-28-10x', 'xWRN-28-10', 'WRN-28', 'WRN-28-1.', 'WRN--10'])
      expect(refusal(() => resolveModelName(name)).code, name).toBe('UNKNOWN_MODEL');
  });

  it('closestModelNames: the nearest presets by edit distance (ties in preset order), at most three', () => {
    // resnet50 and resnet56 are one substitution away; resnet18, resnet34, resnet101, … two.
    expect(closestModelNames('resnet51')).toEqual(['resnet50', 'resnet56', 'resnet18']);
    expect(closestModelNames('RESNET50')[0]).toBe('resnet50');
    // One deletion away from WRN-50-2-bottleneck, case aside.
    expect(closestModelNames('wrn-50-2-botleneck')).toEqual(['WRN-50-2-bottleneck']);
  });

  it("closestModelNames: within a third of the name's length (at least 2), so a short or foreign name gets none", () => {
    // 'resnet' is 2 insertions from resnet18 … resnet56 (limit 2), 3 from resnet101 (too far).
    expect(closestModelNames('resnet')).toEqual(['resnet18', 'resnet34', 'resnet50']);
    // A longer name allows more: 'preact-resnet' (13 letters, limit 5) is 3 and 4 edits from the pre-activation presets.
    expect(closestModelNames('preact-resnet')).toEqual(['preact-resnet110', 'preact-resnet164', 'preact-resnet1001']);
    expect(closestModelNames('vgg')).toEqual([]);
    expect(closestModelNames('')).toEqual([]);
    // A long name is compared by its first 100 characters only (and stays far from every preset).
    expect(closestModelNames(`resnet50${'x'.repeat(10_000)}`)).toEqual([]);
  });

  it('every preset resolves to a network named after the preset', () => {
    for (const name of PRESET_NAMES) expect(summarizeNetwork({ model: name }).model.name, name).toBe(name);
  });

  it('a preset keeps its name when the input or classes change, or when its own structure is repeated', () => {
    expect(resolveNetwork({ model: 'resnet50', classes: 10, input: [3, 64, 64] }).name).toBe('resnet50');
    expect(resolveNetwork({ model: 'resnet50', family: 'imagenet', depth: 50, k: 1 }).name).toBe('resnet50');
    expect(resolveNetwork({ model: 'preact-resnet110', block: [3, 3] }).name).toBe('preact-resnet110');
  });

  it('a preset whose structure changes is named by the rules: ResNet-d at k = 1, WRN-d-k(-bottleneck) when widened', () => {
    expect(resolveNetwork({ model: 'resnet50', depth: 101 }).name).toBe('ResNet-101');
    expect(resolveNetwork({ model: 'resnet50', k: 2 }).name).toBe('WRN-50-2-bottleneck');
    expect(resolveNetwork({ model: 'resnet18', k: 2 }).name).toBe('WRN-18-2');
    expect(resolveNetwork({ model: 'resnet110', shortcut: 'projection' }).name).toBe('ResNet-110');
    expect(resolveNetwork({ model: 'resnet110', order: 'pre' }).name).toBe('WRN-110-1');
  });

  it('each structural option given differently renames a preset: block, family, blocks per group', () => {
    // 164 = 6·27 + 2: B(3,3) under the preset's resnet rule; the CIFAR pre-activation WRN's name.
    expect(resolveNetwork({ model: 'preact-resnet164', block: [3, 3] })).toMatchObject({ name: 'WRN-164-1', blocksPerGroup: [27, 27, 27] });
    // On CIFAR, 34 = 6·5 + 4 under the layers rule.
    expect(resolveNetwork({ model: 'resnet34', family: 'cifar' })).toMatchObject({ name: 'WRN-34-1', blocksPerGroup: [5, 5, 5] });
    // The preset states a depth, not blocks per group: giving them (even the same N) is a change of structure.
    expect(resolveNetwork({ model: 'resnet20', blocksPerGroup: 3 })).toMatchObject({ name: 'ResNet-20', depth: 20 });
  });

  it('a depth and blocks per group that agree are accepted (one N, or one per ImageNet group)', () => {
    expect(resolveNetwork({ depth: 28, blocksPerGroup: 4, k: 1 })).toMatchObject({ name: 'WRN-28-1', blocksPerGroup: [4, 4, 4] });
    expect(resolveNetwork({ family: 'imagenet', depth: 50, blocksPerGroup: [3, 4, 6, 3], k: 1 })).toMatchObject({
      name: 'ResNet-50',
      block: 'bottleneck',
    });
  });

  it('a CIFAR width refusal carries k and the widths, and no base (16 is implied)', () => {
    try {
      summarizeNetwork({ depth: 16, k: 0.1 });
      expect.unreachable();
    } catch (error) {
      expect((error as { issue: unknown }).issue).toEqual({ code: 'WIDTH_NOT_WHOLE', k: 0.1, widths: [1.6, 3.2, 6.4] });
    }
  });

  it('the CIFAR pre-activation WRN is WRN-d-k even at k = 1; post order at k = 1 is ResNet-d', () => {
    expect(resolveNetwork({ depth: 16, k: 1 }).name).toBe('WRN-16-1');
    expect(resolveNetwork({ depth: 20, k: 1, order: 'post', depthRule: 'resnet' }).name).toBe('ResNet-20');
    expect(resolveNetwork({ depth: 20, k: 2, order: 'post', depthRule: 'resnet' }).name).toBe('WRN-20-2');
    expect(resolveNetwork({ depth: 164, k: 4, block: 'bottleneck' }).name).toBe('WRN-164-4-bottleneck');
  });

  it('a WRN-d-k model name is no preset: the network is named WRN-d-k by the rules', () => {
    expect(resolveNetwork({ model: 'WRN-28-10' }).name).toBe('WRN-28-10');
    expect(resolveNetwork({ model: 'wrn-16-1.25' })).toMatchObject({ name: 'WRN-16-1.25', k: 1.25, widths: [20, 40, 80] });
    expect('preset' in withModel({ model: 'WRN-28-10', k: 4 })).toBe(false);
    // Only a named model gives a preset name: options that merely carry a preset (a spread of another result) do not.
    expect(resolveNetwork({ preset: 'resnet50', family: 'imagenet', depth: 50, k: 1 } as Parameters<typeof resolveNetwork>[0]).name).toBe(
      'ResNet-50',
    );
  });

  it("an ImageNet pre-activation network of basic blocks at k = 1 is ResNet-d (WRN-d-k is the CIFAR WRN's name)", () => {
    expect(resolveNetwork({ family: 'imagenet', order: 'pre', depth: 18, k: 1 }).name).toBe('ResNet-18');
  });

  it('the shortcut is a projection unless told otherwise', () => {
    expect(resolveNetwork({ depth: 16, k: 1 }).shortcut).toBe('projection');
    expect(resolveNetwork({ model: 'resnet20' }).shortcut).toBe('zero-pad');
  });

  it("group widths: base·k for basic blocks; a bottleneck's output is 4× its base", () => {
    expect(resolveNetwork({ depth: 16, k: 1.5 })).toMatchObject({ widths: [24, 48, 96], innerWidths: [24, 48, 96] });
    expect(resolveNetwork({ family: 'imagenet', depth: 50, k: 2 })).toMatchObject({
      widths: [256, 512, 1024, 2048],
      innerWidths: [128, 256, 512, 1024],
    });
  });

  it('refusals carry what they are about: the bottleneck reason, a block that is neither basic nor bottleneck', () => {
    const issue = (options: Parameters<typeof resolveNetwork>[0]) => {
      try {
        resolveNetwork(options);
      } catch (error) {
        return (error as { issue: unknown }).issue;
      }
      return undefined;
    };
    expect(issue({ depth: 164, k: 1, block: 'bottleneck', depthRule: 'layers' })).toEqual({
      code: 'RULE_NOT_FOR_NETWORK',
      rule: 'layers',
      reason: 'bottleneck',
    });
    expect(issue({ family: 'imagenet', depth: 50, k: 1, block: [3] })).toEqual({
      code: 'IMAGENET_DEPTH',
      depth: 50,
      block: 'other',
      valid: [],
    });
  });

  it("withModel: the caller's options win over the preset's, undefined ones do not erase it", () => {
    expect(withModel({ depth: 28, k: 2 })).toEqual({ depth: 28, k: 2 });
    expect(withModel({ model: 'resnet50', k: 2, depth: undefined })).toEqual({
      ...PRESETS.resnet50,
      model: 'resnet50',
      k: 2,
      preset: 'resnet50',
    });
    expect(withModel({ model: 'WRN-28-10', k: 4 })).toEqual({ model: 'WRN-28-10', depth: 28, k: 4 });
  });

  it('the family follows the model, the family option, or an ImageNet dataset; the dataset follows the family', () => {
    expect(familyOf({ model: 'resnet18' })).toBe('imagenet');
    expect(familyOf({ dataset: 'imagenet' })).toBe('imagenet');
    expect(familyOf({ dataset: 'cifar100' })).toBe('cifar');
    expect(familyOf({})).toBe('cifar');
    expect(datasetOf({ family: 'imagenet' })).toBe('imagenet');
    expect(datasetOf({ model: 'resnet50' })).toBe('imagenet');
    expect(datasetOf({})).toBe('cifar10');
    expect(datasetOf({ family: 'imagenet', dataset: 'cifar10' })).toBe('cifar10');
  });
});

describe('depth rules', () => {
  it('depthOf: 3·N·l + 4 (layers), 6N + 4 (nominal), 3·N·l + 2 (resnet), and per group for other group counts', () => {
    expect(depthOf([4, 4, 4], depthLaw('layers', 2))).toBe(28);
    expect(depthOf([3, 3, 3], depthLaw('nominal', 3))).toBe(22);
    expect(depthOf([18, 18, 18], depthLaw('resnet', 2))).toBe(110);
    expect(depthOf([18, 18, 18], depthLaw('resnet', 3, true))).toBe(164);
    expect(depthOf([1, 1, 1, 1], depthLaw('resnet', 3, true))).toBe(14);
  });

  it('depthLaw: a step per block and an offset; not a bottleneck unless told', () => {
    expect(depthLaw('layers', 3)).toEqual({ rule: 'layers', perBlock: 3, offset: 4, blockLength: 3, bottleneck: false });
    expect(depthLaw('nominal', 3)).toEqual({ rule: 'nominal', perBlock: 2, offset: 4, blockLength: 3, bottleneck: false });
    expect(depthLaw('resnet', 3, true)).toEqual({ rule: 'resnet', perBlock: 3, offset: 2, blockLength: 3, bottleneck: true });
  });

  it('blocksPerGroupFor: N from the depth, or the nearest depths for a basic block unless told it is a bottleneck', () => {
    expect(blocksPerGroupFor(28, 2, 'layers')).toBe(4);
    expect(refusal(() => blocksPerGroupFor(12, 3, 'resnet')).message).toBe(
      'Depth 12 does not fit the block (depth = 9·N + 2 under the resnet rule for a block of 3 convs); the nearest valid depths are 11 or 20.',
    );
  });

  it('a depth past MAX_SAFE_INTEGER is refused by name: 6·N with 3N = 3·2^51 blocks, and 6N + 4 with 6N = MAX_SAFE_INTEGER − 1', () => {
    const what = (run: () => unknown) => /^The (.+) of this network would exceed /.exec(refusal(run).message)?.[1];
    expect(what(() => summarizeNetwork({ blocksPerGroup: 2 ** 51, k: 1 }))).toBe('depth');
    const layers = (n: number) => depthOf([n, n, n], depthLaw('layers', 2));
    expect(what(() => layers(2 ** 52))).toBe('depth');
    // 2^53 ≡ 2 (mod 6), so MAX_SAFE_INTEGER − 1 = 6 · 1,501,199,875,790,165.
    expect(what(() => layers(1_501_199_875_790_165))).toBe('depth');
    expect(layers(1_501_199_875_790_164)).toBe(Number.MAX_SAFE_INTEGER - 3);
  });

  it('depthStepPerBlock: layers added by one more block in each of the three CIFAR groups', () => {
    expect(depthStepPerBlock([3, 3], 'layers')).toBe(6);
    expect(depthStepPerBlock([3, 1, 3], 'layers')).toBe(9);
    expect(depthStepPerBlock([3, 1, 3], 'nominal')).toBe(6);
    expect(depthStepPerBlock('bottleneck', 'resnet')).toBe(9);
  });
});

describe('grid defaults and metrics', () => {
  it("default rows: the paper's depths on CIFAR, torchvision's on ImageNet", () => {
    expect(defaultGridDepths()).toEqual([16, 22, 28, 40]);
    expect(defaultGridDepths({ family: 'imagenet' })).toEqual([18, 34, 50, 101, 152, 200]);
    expect(defaultGridDepths({ model: 'resnet50' })).toEqual([18, 34, 50, 101, 152, 200]);
    expect(PAPER_GRID).toEqual({ depths: [16, 22, 28, 40], ks: [1, 2, 4, 8, 10, 12] });
  });

  it('cellOptions: each axis sets depth, N, or a block of l 3×3 convs at the fixed depth under the layers rule', () => {
    const base: GridOptions = { rowAxis: 'depth', rows: [], ks: [], network: { classes: 100 } };
    expect(cellOptions(base, 28, 10)).toEqual({ classes: 100, depth: 28, k: 10 });
    expect(cellOptions({ ...base, rowAxis: 'blocksPerGroup' }, [3, 4, 6, 3], 2)).toEqual({
      classes: 100,
      blocksPerGroup: [3, 4, 6, 3],
      k: 2,
    });
    expect(cellOptions({ ...base, rowAxis: 'l' }, 3, 2)).toEqual({
      classes: 100,
      block: [3, 3, 3],
      depthRule: 'layers',
      depth: DEFAULT_FIXED_DEPTH,
      k: 2,
    });
    expect(cellOptions({ ...base, rowAxis: 'l', fixedDepth: 28 }, 1, 2)).toMatchObject({ block: [3], depth: 28 });
    expect(cellOptions({ rowAxis: 'depth', rows: [], ks: [] }, 16, 1)).toEqual({ depth: 16, k: 1 });
  });

  it('a list row is refused where a single number is needed (depth, l)', () => {
    expect(refusal(() => cellOptions({ rowAxis: 'depth', rows: [], ks: [] }, [2, 2, 2], 1))).toEqual({
      code: 'NOT_POSITIVE_INTEGER',
      message: 'Depth must be a positive whole number, got NaN.',
    });
    expect(refusal(() => cellOptions({ rowAxis: 'l', rows: [], ks: [] }, [2], 1)).message).toBe(
      'Block length l must be a positive whole number, got NaN.',
    );
  });

  it('the grid echoes its axes, metric, dtype and training; the fixed depth only on the l axis (40 by default)', () => {
    const grid = computeGrid({ rowAxis: 'l', rows: [1, 2], ks: [1] });
    expect(grid).toMatchObject({ rowAxis: 'l', metric: 'params', dtype: 'fp32', rows: [1, 2], ks: [1], fixedDepth: 40, training: {} });
    expect(validCells(grid).map((c) => c.summary.model.blocksPerGroup)).toEqual([
      [12, 12, 12],
      [6, 6, 6],
    ]);
    expect(computeGrid({ rowAxis: 'l', rows: [1], ks: [1], fixedDepth: 16 }).fixedDepth).toBe(16);
    expect(computeGrid({ rowAxis: 'depth', rows: [16], ks: [1], metric: 'memory', dtype: 'fp16', training: { batch: 2 } })).toMatchObject({
      metric: 'memory',
      dtype: 'fp16',
      training: { batch: 2 },
    });
  });

  it('refuses an empty grid', () => {
    expect(refusal(() => computeGrid({ rowAxis: 'depth', rows: [], ks: [1] })).message).toBe(
      'The number of grid cells (rows × columns) must be at least 1 and at most 10000, got 0.',
    );
  });

  it('the receptive-field metric: the field of a unit of the last group of blocks (WRN-28-k: 109, whatever k)', () => {
    // Distill's recurrence: the stem's 3×3 gives 3; conv2's 8 convs at jump 1 add 2 each (19); conv3's
    // 8 add 2 then 4 each at jump 2 (49); conv4's 8 add 4 then 8 each at jump 4 (109). 1×1 shortcuts add nothing.
    // WRN-16-k (4 convs a group): 3 + 4·2 = 11, + 2 + 3·4 = 25, + 4 + 3·8 = 53.
    const grid = computeGrid({ rowAxis: 'depth', rows: [16, 28], ks: [1, 10], metric: 'receptive-field' });
    expect(validCells(grid).map((c) => c.value)).toEqual([53, 53, 109, 109]);
    expect(receptiveField(resolveNetwork({ depth: 28, k: 10 })).size).toEqual([109, 109]);
  });

  it("the train-memory metric is a training step's total bytes at the grid's batch and optimizer", () => {
    const grid = computeGrid({ rowAxis: 'depth', rows: [16], ks: [2], metric: 'train-memory', training: { batch: 8, optimizer: 'adam' } });
    const totals = totalsOf({ depth: 16, k: 2 });
    expect(validCells(grid)[0]?.value).toBe(trainingMemory(totals, 10, { batch: 8, optimizer: 'adam' }).totalBytes);
    const oneImage = validCells(computeGrid({ rowAxis: 'depth', rows: [16], ks: [2], metric: 'train-memory' }))[0];
    expect(oneImage?.value).toBe(trainingMemory(totals, 10).totalBytes);
  });
});

describe('count arithmetic', () => {
  const a: Counts = { params: 1, buffers: 2, macs: 3, activationElements: 4, savedBytesPerImage: 5, savedBytesFixed: 6 };
  const b: Counts = { params: 10, buffers: 20, macs: 30, activationElements: 40, savedBytesPerImage: 50, savedBytesFixed: 60 };

  it('adds tallies (times a repeat count) and sums counts field by field', () => {
    const tally = emptyTally();
    addTally(tally, { ...a, layers: 7 });
    addTally(tally, { ...b, layers: 1 }, 3);
    expect(tally).toEqual({
      params: 31,
      buffers: 62,
      macs: 93,
      activationElements: 124,
      savedBytesPerImage: 155,
      savedBytesFixed: 186,
      layers: 10,
    });
    expect(sumCounts([a, b, a])).toEqual({
      params: 12,
      buffers: 24,
      macs: 36,
      activationElements: 48,
      savedBytesPerImage: 60,
      savedBytesFixed: 72,
    });
    expect(sumCounts([])).toEqual({ params: 0, buffers: 0, macs: 0, activationElements: 0, savedBytesPerImage: 0, savedBytesFixed: 0 });
  });

  it('names the count that would pass MAX_SAFE_INTEGER', () => {
    const max = Number.MAX_SAFE_INTEGER;
    const what = (run: () => unknown) => /^The (.+) of this network/.exec(refusal(run).message)?.[1];
    expect(what(() => sumCounts([{ ...a, params: max }, a]))).toBe('parameter count');
    expect(what(() => sumCounts([{ ...a, buffers: max }, a]))).toBe('buffer count');
    expect(what(() => sumCounts([{ ...a, macs: max }, a]))).toBe('MAC count');
    expect(what(() => sumCounts([{ ...a, activationElements: max }, a]))).toBe('activation element count');
    expect(what(() => sumCounts([{ ...a, savedBytesPerImage: max }, a]))).toBe('saved byte count');
    expect(what(() => sumCounts([{ ...a, savedBytesFixed: max }, a]))).toBe('saved byte count');
  });
});

describe('a preset spelt with the other width', () => {
  it("the caller's k or width per group replaces the preset's (the two spell one width, W·G = 64·k)", () => {
    expect(withModel({ model: 'resnext50_32x4d', k: 4 })).toMatchObject({ k: 4, groups: 32 });
    expect(withModel({ model: 'resnext50_32x4d', k: 4 }).widthPerGroup).toBeUndefined();
    expect(withModel({ model: 'wide_resnet50_2', widthPerGroup: 64 })).toMatchObject({ widthPerGroup: 64 });
    expect(withModel({ model: 'wide_resnet50_2', widthPerGroup: 64 }).k).toBeUndefined();
    expect(resolveNetwork({ model: 'resnet50', groups: 32, widthPerGroup: 4 })).toMatchObject({ name: 'ResNeXt-50-32x4d', k: 2 });
  });
});
