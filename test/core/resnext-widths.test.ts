import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveNetwork } from '../../src/core/index.js';
import { cifarReference } from '../helpers/reference.js';
import { totalsOf } from '../helpers/totals.js';

/*
 * torchvision's ResNet arguments groups G and width_per_group W against its own code
 * (models/resnet.py: a Bottleneck's width = int(planes · W/64) · G; BasicBlock raises
 * unless G = 1 and W = 64; wide_resnet50_2 sets W = 64·2) and its objects
 * (test/fixtures/reference/family.json).
 */

const torchvision = (id: string): { totals: { params: number; buffers: number; macs: number } } | undefined =>
  (
    JSON.parse(readFileSync(new URL('../fixtures/reference/family.json', import.meta.url), 'utf8')) as {
      configs: { id: string; totals: { params: number; buffers: number; macs: number } }[];
    }
  ).configs.find((config) => config.id === id);

describe('groups and width per group', () => {
  it("basic blocks take G = 1 and W = 64, the only values torchvision's BasicBlock accepts: WRN-16-1 as PyTorch builds it", () => {
    const spec = resolveNetwork({ depth: 16, k: 1, groups: 1, widthPerGroup: 64 });
    expect(spec).toMatchObject({ groups: undefined, widthPerGroup: undefined, widths: [16, 32, 64] });
    expect(totalsOf({ depth: 16, k: 1, groups: 1, widthPerGroup: 64 }).params).toBe(cifarReference(2, 1).totals.params);
  });

  it('one channel is an inner width: W = 4 on a CIFAR bottleneck gives int(16 · 4/64) · 1 = 1, then 2 and 4', () => {
    expect(resolveNetwork({ block: 'bottleneck', depth: 11, widthPerGroup: 4 })).toMatchObject({
      blocksPerGroup: [1, 1, 1],
      innerWidths: [1, 2, 4],
      widths: [64, 128, 256],
    });
  });

  it('a network spelt with k states its width per group: wide_resnet50_2 is W = 64·2 = 128', () => {
    expect(resolveNetwork({ model: 'wide_resnet50_2' })).toMatchObject({ k: 2, groups: 1, widthPerGroup: 128 });
  });

  it("k = 2 with 32 groups is W = 64·2/32 = 4: resnext50_32x4d, torchvision's counts", () => {
    const options = { family: 'imagenet', depth: 50, k: 2, groups: 32 } as const;
    expect(resolveNetwork(options)).toMatchObject({ name: 'ResNeXt-50-32x4d', widthPerGroup: 4, innerWidths: [128, 256, 512, 1024] });
    const { params, buffers, macs } = totalsOf(options);
    expect({ params, buffers, macs }).toEqual(torchvision('resnext50_32x4d')?.totals);
  });
});
