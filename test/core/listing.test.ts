import { describe, expect, it } from 'vitest';
import { listLayers, summarizeNetwork } from '../../src/core/index.js';

import type { LayerRow, NetworkOptions } from '../../src/core/index.js';

/*
 * Whole listings of tiny networks, row by row, worked out by hand from the
 * architectures (He et al. 2015 and 2016; torchvision's ResNet v1.5) and conv
 * arithmetic: a 3×3 conv C_in → C_out has 9·C_in·C_out weights and that many MACs
 * per output position; BN has 2 parameters and 2 running statistics per channel;
 * the classifier has C·classes weights plus a bias per class.
 */

type Row = Pick<LayerRow, 'name' | 'type' | 'input' | 'output' | 'params' | 'buffers' | 'macs'> & Partial<LayerRow>;

const rowsOf = (options: NetworkOptions): Row[] =>
  listLayers(options).layers.map(
    ({ receptiveField: _f, activationElements: _a, savedBytesPerImage: _s, savedBytesFixed: _x, ...row }) => row,
  );

const conv = (
  name: string,
  input: number[],
  output: number[],
  kernel: number,
  stride: number,
  padding: number,
  params: number,
  macs: number,
  type: 'conv' | 'shortcut' = 'conv',
): Row => ({
  name,
  type,
  input,
  output,
  kernel: [kernel, kernel],
  stride,
  padding,
  dilation: 1,
  groups: 1,
  bias: false,
  params,
  buffers: 0,
  macs,
});
const bn = (name: string, shape: number[], relu: boolean): Row => ({
  name,
  type: 'bn',
  input: shape,
  output: shape,
  relu,
  params: 2 * (shape[0] ?? 0),
  buffers: 2 * (shape[0] ?? 0),
  macs: 0,
});
const plain = (name: string, type: 'add' | 'relu', shape: number[]): Row => ({
  name,
  type,
  input: shape,
  output: shape,
  params: 0,
  buffers: 0,
  macs: 0,
});

describe('the layer listing, row by row', () => {
  it('a CIFAR pre-activation WRN-10-1 on 8×8: bare stem conv, BN-ReLU before each conv, a projection from the pre-activated input, BN-ReLU in the head', () => {
    expect(rowsOf({ depth: 10, k: 1, input: [3, 8, 8] })).toEqual([
      conv('conv1.conv', [3, 8, 8], [16, 8, 8], 3, 1, 1, 432, 432 * 64),
      bn('conv2.block0.bn1', [16, 8, 8], true),
      conv('conv2.block0.conv1', [16, 8, 8], [16, 8, 8], 3, 1, 1, 2_304, 2_304 * 64),
      bn('conv2.block0.bn2', [16, 8, 8], true),
      conv('conv2.block0.conv2', [16, 8, 8], [16, 8, 8], 3, 1, 1, 2_304, 2_304 * 64),
      plain('conv2.block0.add', 'add', [16, 8, 8]),
      bn('conv3.block0.bn1', [16, 8, 8], true),
      conv('conv3.block0.conv1', [16, 8, 8], [32, 4, 4], 3, 2, 1, 4_608, 4_608 * 16),
      bn('conv3.block0.bn2', [32, 4, 4], true),
      conv('conv3.block0.conv2', [32, 4, 4], [32, 4, 4], 3, 1, 1, 9_216, 9_216 * 16),
      conv('conv3.block0.shortcut', [16, 8, 8], [32, 4, 4], 1, 2, 0, 512, 512 * 16, 'shortcut'),
      plain('conv3.block0.add', 'add', [32, 4, 4]),
      bn('conv4.block0.bn1', [32, 4, 4], true),
      conv('conv4.block0.conv1', [32, 4, 4], [64, 2, 2], 3, 2, 1, 18_432, 18_432 * 4),
      bn('conv4.block0.bn2', [64, 2, 2], true),
      conv('conv4.block0.conv2', [64, 2, 2], [64, 2, 2], 3, 1, 1, 36_864, 36_864 * 4),
      conv('conv4.block0.shortcut', [32, 4, 4], [64, 2, 2], 1, 2, 0, 2_048, 2_048 * 4, 'shortcut'),
      plain('conv4.block0.add', 'add', [64, 2, 2]),
      bn('head.bn', [64, 2, 2], true),
      { name: 'head.pool', type: 'pool', input: [64, 2, 2], output: [64], params: 0, buffers: 0, macs: 0 },
      { name: 'head.fc', type: 'linear', input: [64], output: [10], bias: true, params: 650, buffers: 0, macs: 640 },
    ]);
  });

  it('a CIFAR post-activation ResNet-8 with zero-pad shortcuts (He et al. 2015, option A): conv-BN-ReLU, the last BN without ReLU, add, then ReLU', () => {
    expect(rowsOf({ order: 'post', shortcut: 'zero-pad', depthRule: 'resnet', depth: 8, k: 1, input: [3, 8, 8] })).toEqual([
      conv('conv1.conv', [3, 8, 8], [16, 8, 8], 3, 1, 1, 432, 432 * 64),
      bn('conv1.bn', [16, 8, 8], true),
      conv('conv2.block0.conv1', [16, 8, 8], [16, 8, 8], 3, 1, 1, 2_304, 2_304 * 64),
      bn('conv2.block0.bn1', [16, 8, 8], true),
      conv('conv2.block0.conv2', [16, 8, 8], [16, 8, 8], 3, 1, 1, 2_304, 2_304 * 64),
      bn('conv2.block0.bn2', [16, 8, 8], false),
      plain('conv2.block0.add', 'add', [16, 8, 8]),
      plain('conv2.block0.relu', 'relu', [16, 8, 8]),
      conv('conv3.block0.conv1', [16, 8, 8], [32, 4, 4], 3, 2, 1, 4_608, 4_608 * 16),
      bn('conv3.block0.bn1', [32, 4, 4], true),
      conv('conv3.block0.conv2', [32, 4, 4], [32, 4, 4], 3, 1, 1, 9_216, 9_216 * 16),
      bn('conv3.block0.bn2', [32, 4, 4], false),
      { name: 'conv3.block0.shortcut', type: 'zero-pad', input: [16, 8, 8], output: [32, 4, 4], stride: 2, params: 0, buffers: 0, macs: 0 },
      plain('conv3.block0.add', 'add', [32, 4, 4]),
      plain('conv3.block0.relu', 'relu', [32, 4, 4]),
      conv('conv4.block0.conv1', [32, 4, 4], [64, 2, 2], 3, 2, 1, 18_432, 18_432 * 4),
      bn('conv4.block0.bn1', [64, 2, 2], true),
      conv('conv4.block0.conv2', [64, 2, 2], [64, 2, 2], 3, 1, 1, 36_864, 36_864 * 4),
      bn('conv4.block0.bn2', [64, 2, 2], false),
      { name: 'conv4.block0.shortcut', type: 'zero-pad', input: [32, 4, 4], output: [64, 2, 2], stride: 2, params: 0, buffers: 0, macs: 0 },
      plain('conv4.block0.add', 'add', [64, 2, 2]),
      plain('conv4.block0.relu', 'relu', [64, 2, 2]),
      { name: 'head.pool', type: 'pool', input: [64, 2, 2], output: [64], params: 0, buffers: 0, macs: 0 },
      { name: 'head.fc', type: 'linear', input: [64], output: [10], bias: true, params: 650, buffers: 0, macs: 640 },
    ]);
  });

  it('an ImageNet bottleneck network on 32×32: the 7×7/2 stem, BN-ReLU, 3×3/2 max pool; the stride on the 3×3 (v1.5); projection conv + BN', () => {
    const rows = rowsOf({ family: 'imagenet', blocksPerGroup: 1, block: 'bottleneck', k: 1, input: [3, 32, 32], classes: 10 });
    expect(rows.slice(0, 3)).toEqual([
      // 32 → ⌊(32 + 6 − 7)/2⌋ + 1 = 16 → ⌊(16 + 2 − 3)/2⌋ + 1 = 8.
      conv('conv1.conv', [3, 32, 32], [64, 16, 16], 7, 2, 3, 64 * 3 * 49, 64 * 3 * 49 * 256),
      bn('conv1.bn', [64, 16, 16], true),
      {
        name: 'conv1.pool',
        type: 'max-pool',
        input: [64, 16, 16],
        output: [64, 8, 8],
        kernel: [3, 3],
        stride: 2,
        padding: 1,
        params: 0,
        buffers: 0,
        macs: 0,
      },
    ]);
    // conv3's first block: 256 → 128 (1×1) → 128 (3×3, stride 2) → 512 (1×1); the shortcut 256 → 512 at stride 2.
    expect(rows.filter((row) => row.name.startsWith('conv3.'))).toEqual([
      conv('conv3.block0.conv1', [256, 8, 8], [128, 8, 8], 1, 1, 0, 256 * 128, 256 * 128 * 64),
      bn('conv3.block0.bn1', [128, 8, 8], true),
      conv('conv3.block0.conv2', [128, 8, 8], [128, 4, 4], 3, 2, 1, 9 * 128 * 128, 9 * 128 * 128 * 16),
      bn('conv3.block0.bn2', [128, 4, 4], true),
      conv('conv3.block0.conv3', [128, 4, 4], [512, 4, 4], 1, 1, 0, 128 * 512, 128 * 512 * 16),
      bn('conv3.block0.bn3', [512, 4, 4], false),
      conv('conv3.block0.shortcut', [256, 8, 8], [512, 4, 4], 1, 2, 0, 256 * 512, 256 * 512 * 16, 'shortcut'),
      bn('conv3.block0.shortcut.bn', [512, 4, 4], false),
      plain('conv3.block0.add', 'add', [512, 4, 4]),
      plain('conv3.block0.relu', 'relu', [512, 4, 4]),
    ]);
    expect(rows.at(-1)).toEqual({
      name: 'head.fc',
      type: 'linear',
      input: [2048],
      output: [10],
      bias: true,
      params: 2048 * 10 + 10,
      buffers: 0,
      macs: 2048 * 10,
    });
  });

  it('dropout is shown on the 2nd and later convs of a block, never on the first conv or a projection', () => {
    const rows = listLayers({ depth: 10, k: 2, block: [3, 3, 3], depthRule: 'nominal', dropout: 0.3, input: [3, 8, 8] }).layers;
    const shown = rows.filter((row) => row.dropoutBefore !== undefined).map((row) => [row.name, row.dropoutBefore]);
    expect(shown).toEqual(
      ['conv2', 'conv3', 'conv4'].flatMap((group) => [
        [`${group}.block0.conv2`, 0.3],
        [`${group}.block0.conv3`, 0.3],
      ]),
    );
  });

  it('a conv bias is on every conv row, projection included, and adds C_out parameters to each', () => {
    const rows = listLayers({ depth: 10, k: 1, convBias: true, input: [3, 8, 8] }).layers.filter(
      (row) => row.type === 'conv' || row.type === 'shortcut',
    );
    expect(rows.every((row) => row.bias === true)).toBe(true);
    expect(rows.find((row) => row.name === 'conv1.conv')?.params).toBe(432 + 16);
    expect(rows.find((row) => row.name === 'conv3.block0.shortcut')?.params).toBe(512 + 32);
  });

  it('what each row newly keeps for backward, each tensor once, by the first op that keeps it (post-order ResNet-8 on 8×8)', () => {
    // fp32: conv, pool and fc keep their input, unless already kept; BN keeps its input and, with a fused ReLU,
    // its output, plus 2 floats per channel whatever the batch; a ReLU its output; add and zero-pad nothing.
    const rows = listLayers({ order: 'post', shortcut: 'zero-pad', depthRule: 'resnet', depth: 8, k: 1, input: [3, 8, 8] }).layers;
    const kept = (c: number, side: number) => 4 * c * side * side;
    expect(rows.map((row) => [row.name, row.savedBytesPerImage, row.savedBytesFixed])).toEqual([
      ['conv1.conv', kept(3, 8), 0],
      ['conv1.bn', 2 * kept(16, 8), 2 * 4 * 16],
      ['conv2.block0.conv1', 0, 0],
      ['conv2.block0.bn1', 2 * kept(16, 8), 2 * 4 * 16],
      ['conv2.block0.conv2', 0, 0],
      ['conv2.block0.bn2', kept(16, 8), 2 * 4 * 16],
      ['conv2.block0.add', 0, 0],
      ['conv2.block0.relu', kept(16, 8), 0],
      ['conv3.block0.conv1', 0, 0],
      ['conv3.block0.bn1', 2 * kept(32, 4), 2 * 4 * 32],
      ['conv3.block0.conv2', 0, 0],
      ['conv3.block0.bn2', kept(32, 4), 2 * 4 * 32],
      ['conv3.block0.shortcut', 0, 0],
      ['conv3.block0.add', 0, 0],
      ['conv3.block0.relu', kept(32, 4), 0],
      ['conv4.block0.conv1', 0, 0],
      ['conv4.block0.bn1', 2 * kept(64, 2), 2 * 4 * 64],
      ['conv4.block0.conv2', 0, 0],
      ['conv4.block0.bn2', kept(64, 2), 2 * 4 * 64],
      ['conv4.block0.shortcut', 0, 0],
      ['conv4.block0.add', 0, 0],
      ['conv4.block0.relu', kept(64, 2), 0],
      ['head.pool', 0, 0],
      ['head.fc', 4 * 64, 0],
    ]);
  });
});

describe("the group table (the paper's structure table, with numbers)", () => {
  const table = (summary: ReturnType<typeof summarizeNetwork>) =>
    summary.groups.map(({ name, output, width, innerWidth, blocks, stride, kernels }) => ({
      name,
      output,
      width,
      innerWidth,
      blocks,
      stride,
      kernels,
    }));

  it("WRN-28-10 (the WRN paper's Table 1: 16, then 16k, 32k, 64k channels; N = 4)", () => {
    expect(table(summarizeNetwork({ depth: 28, k: 10 }))).toEqual([
      { name: 'conv1', output: [16, 32, 32], width: 16, innerWidth: 16, blocks: 1, stride: 1, kernels: [3] },
      { name: 'conv2', output: [160, 32, 32], width: 160, innerWidth: 160, blocks: 4, stride: 1, kernels: [3, 3] },
      { name: 'conv3', output: [320, 16, 16], width: 320, innerWidth: 320, blocks: 4, stride: 2, kernels: [3, 3] },
      { name: 'conv4', output: [640, 8, 8], width: 640, innerWidth: 640, blocks: 4, stride: 2, kernels: [3, 3] },
      { name: 'head', output: [10], width: 10, innerWidth: 10, blocks: 1, stride: 1, kernels: [] },
    ]);
  });

  it('resnet50 (He et al. 2015, Table 1: the stem shrinks 4× with its conv and max pool; blocks 3, 4, 6, 3)', () => {
    expect(table(summarizeNetwork({ model: 'resnet50' }))).toEqual([
      { name: 'conv1', output: [64, 56, 56], width: 64, innerWidth: 64, blocks: 1, stride: 4, kernels: [7] },
      { name: 'conv2', output: [256, 56, 56], width: 256, innerWidth: 64, blocks: 3, stride: 1, kernels: [1, 3, 1] },
      { name: 'conv3', output: [512, 28, 28], width: 512, innerWidth: 128, blocks: 4, stride: 2, kernels: [1, 3, 1] },
      { name: 'conv4', output: [1024, 14, 14], width: 1024, innerWidth: 256, blocks: 6, stride: 2, kernels: [1, 3, 1] },
      { name: 'conv5', output: [2048, 7, 7], width: 2048, innerWidth: 512, blocks: 3, stride: 2, kernels: [1, 3, 1] },
      { name: 'head', output: [1000], width: 1000, innerWidth: 1000, blocks: 1, stride: 1, kernels: [] },
    ]);
  });
});
