import { describe, expect, it } from 'vitest';
import { blockKind, blockNotation, describeNetwork, resolveNetwork, stemStride, structureNotation } from '../../src/core/index.js';
import { OP_KINDS, entryOf } from '../../src/core/ops/index.js';
import type { NetworkOptions, Op, OpKind, TensorShape } from '../../src/core/index.js';

/*
 * The network as the papers' structure tables write it. Expected rows are copied from
 * the tables themselves (He et al. 2015, Table 1; Zagoruyko & Komodakis 2016, Table 1;
 * Xie et al. 2017, Table 1), in this tool's spelling: `G = 32` for ResNeXt's `C = 32`,
 * `avg pool, fc 2048→1000` for "average pool, 1000-d fc".
 */
const table = (options: NetworkOptions): string[] => structureNotation(describeNetwork(resolveNetwork(options)));

describe('the structure table of a network', () => {
  it("resnet50 is He et al. 2015's Table 1: the stem's strided conv and max pool, [1×1; 3×3; 1×1] bottlenecks, the classifier", () => {
    expect(table({ model: 'resnet50' })).toEqual([
      '7×7, 64, stride 2; 3×3 max pool, stride 2',
      '[1×1, 64; 3×3, 64; 1×1, 256] × 3',
      '[1×1, 128; 3×3, 128; 1×1, 512] × 4',
      '[1×1, 256; 3×3, 256; 1×1, 1024] × 6',
      '[1×1, 512; 3×3, 512; 1×1, 2048] × 3',
      'avg pool, fc 2048→1000',
    ]);
  });

  it("resnext50_32x4d is Xie et al.'s Table 1: the 3×3 of every bottleneck grouped 32 ways, inner widths 128 to 1024", () => {
    expect(table({ model: 'resnext50_32x4d' }).slice(1, 5)).toEqual([
      '[1×1, 128; 3×3, 128, G = 32; 1×1, 256] × 3',
      '[1×1, 256; 3×3, 256, G = 32; 1×1, 512] × 4',
      '[1×1, 512; 3×3, 512, G = 32; 1×1, 1024] × 6',
      '[1×1, 1024; 3×3, 1024, G = 32; 1×1, 2048] × 3',
    ]);
  });

  it("WRN-28-10 is the WRN paper's Table 1 at k = 10, N = 4: dropout between the convs is not a row of the table", () => {
    expect(table({ model: 'WRN-28-10', dropout: 0.3 })).toEqual([
      '3×3, 16',
      '[3×3, 160; 3×3, 160] × 4',
      '[3×3, 320; 3×3, 320] × 4',
      '[3×3, 640; 3×3, 640] × 4',
      // Pre-activation: the last add's output is activated in the head, before the pool.
      'BN-ReLU, avg pool, fc 640→10',
    ]);
  });

  it("post order (He et al. 2015's CIFAR resnet110) has no BN-ReLU in the head; the stem's BN-ReLU is taken for granted", () => {
    const rows = table({ model: 'resnet110' });
    expect(rows[0]).toBe('3×3, 16');
    expect(rows[4]).toBe('avg pool, fc 64→10');
  });

  it('preresnet200 (He et al. 2016): the stem names its conv and pool only, the head its final BN-ReLU', () => {
    const rows = table({ model: 'preresnet200' });
    expect(rows[0]).toBe('7×7, 64, stride 2; 3×3 max pool, stride 2');
    expect(rows[2]).toBe('[1×1, 128; 3×3, 128; 1×1, 512] × 24');
    expect(rows[5]).toBe('BN-ReLU, avg pool, fc 2048→1000');
  });
});

describe("a block's name as the papers write it", () => {
  it('basic blocks are B(k1,…,kl) (the WRN paper); a bottleneck of one group is a bottleneck', () => {
    expect(blockNotation({ block: [3, 3] })).toBe('B(3,3)');
    expect(blockNotation(resolveNetwork({ depth: 22, k: 2, block: [3, 1, 3] }))).toBe('B(3,1,3)');
    expect(blockNotation({ block: 'bottleneck' })).toBe('bottleneck');
    expect(blockNotation(resolveNetwork({ model: 'resnet50' }))).toBe('bottleneck');
  });

  it('a grouped bottleneck is cardinality × width per group (ResNeXt-50 32×4d); without a width per group, the cardinality alone', () => {
    expect(blockNotation(resolveNetwork({ model: 'resnext101_64x4d' }))).toBe('grouped bottleneck 64×4d');
    expect(blockNotation({ block: 'bottleneck', groups: 32, widthPerGroup: 8 })).toBe('grouped bottleneck 32×8d');
    expect(blockNotation({ block: 'bottleneck', groups: 32 })).toBe('grouped bottleneck 32×d');
  });

  it("a lone block's width rule: a basic block widens its input, a bottleneck its inner convs from a quarter of its output", () => {
    expect(blockKind([3, 3]).widthRule(16, 64, 4)).toBe('16 × k 4');
    expect(blockKind('bottleneck').widthRule(256, 256, 2)).toBe('inner 256 / 4 × k 2');
  });
});

describe('how each op kind is written', () => {
  const shape: TensorShape = { c: 640, h: 1, w: 1, flat: true };
  const written = (op: Op): string => entryOf(op).notation(op, shape, shape);
  const conv = { kind: 'conv', name: 'conv', padding: 0, dilation: 1, bias: false, shortcut: false } as const;

  it('every kind, in the words of the tables (and of the listing for the ops the tables leave out)', () => {
    expect(written({ ...conv, outChannels: 64, kernel: 7, stride: 2, groups: 1 })).toBe('7×7, 64, stride 2');
    expect(written({ ...conv, outChannels: 256, kernel: 3, stride: 2, groups: 32 })).toBe('3×3, 256, G = 32, stride 2');
    expect(written({ kind: 'max-pool', name: 'pool', kernel: 3, stride: 2, padding: 1 })).toBe('3×3 max pool, stride 2');
    expect(written({ kind: 'max-pool', name: 'pool', kernel: 2, stride: 1, padding: 0 })).toBe('2×2 max pool');
    expect(written({ kind: 'avg-pool', name: 'pool' })).toBe('avg pool');
    expect(written({ kind: 'linear', name: 'fc', outFeatures: 10 })).toBe('fc 640→10');
    expect(written({ kind: 'bn', name: 'bn', relu: true })).toBe('BN-ReLU');
    expect(written({ kind: 'bn', name: 'shortcut.bn', relu: false })).toBe('BN');
    expect(written({ kind: 'relu', name: 'relu' })).toBe('ReLU');
    expect(written({ kind: 'add', name: 'add' })).toBe('add');
    expect(written({ kind: 'zero-pad', name: 'shortcut', outChannels: 32, stride: 2 })).toBe('zero-pad to 32');
    expect(written({ kind: 'dropout', name: 'dropout2', p: 0.3 })).toBe('dropout 0.3');
  });

  it('the tables name convs, pools and the classifier; BN, ReLU, the add and dropout are taken for granted', () => {
    const named = (Object.keys(OP_KINDS) as OpKind[]).filter((kind) => OP_KINDS[kind].structural);
    expect(named.sort()).toEqual(['avg-pool', 'conv', 'linear', 'max-pool']);
  });
});

describe('how much the stem shrinks the image', () => {
  it("ImageNet's stem: a stride-2 conv and a stride-2 max pool, 224 → 56 (He et al. 2015, Table 1); CIFAR's none", () => {
    expect(stemStride('imagenet')).toBe(4);
    expect(stemStride('cifar')).toBe(1);
  });
});
