import { describe, expect, it } from 'vitest';
import { listLayers, convOutputSize } from '../../src/core/index.js';

function groupOutputs(options: Parameters<typeof listLayers>[0]): number[][] {
  return listLayers(options).groups.map((g) => [...g.output]);
}

describe('conv arithmetic', () => {
  it('follows o = ⌊(i + 2p − d(k−1) − 1)/s⌋ + 1', () => {
    expect(convOutputSize(32, 3, 1, 1)).toBe(32);
    expect(convOutputSize(32, 3, 2, 1)).toBe(16);
    expect(convOutputSize(33, 3, 2, 1)).toBe(17);
    expect(convOutputSize(17, 1, 2, 0)).toBe(9);
    expect(convOutputSize(32, 3, 1, 0)).toBe(30);
    expect(convOutputSize(32, 3, 1, 2, 2)).toBe(32);
    expect(convOutputSize(7, 3, 3, 0)).toBe(2);
  });
});

describe('network shapes', () => {
  it('CIFAR 32×32', () => {
    expect(groupOutputs({ depth: 28, k: 10 })).toEqual([[16, 32, 32], [160, 32, 32], [320, 16, 16], [640, 8, 8], [10]]);
  });

  it('odd 33×33 goes 33 → 17 → 9', () => {
    expect(groupOutputs({ depth: 16, k: 2, input: [3, 33, 33] })).toEqual([[16, 33, 33], [32, 33, 33], [64, 17, 17], [128, 9, 9], [10]]);
  });

  it('non-square 40×24 follows each axis', () => {
    expect(groupOutputs({ depth: 16, k: 1, input: [3, 40, 24] })).toEqual([[16, 40, 24], [16, 40, 24], [32, 20, 12], [64, 10, 6], [10]]);
  });

  it('MNIST 1×28×28: one input channel only changes the stem', () => {
    const mnist = listLayers({ depth: 16, k: 4, input: [1, 28, 28] });
    const cifarSized = listLayers({ depth: 16, k: 4, input: [3, 28, 28] });
    expect(mnist.groups.map((g) => g.output)).toEqual([[16, 28, 28], [64, 28, 28], [128, 14, 14], [256, 7, 7], [10]]);
    expect(mnist.layers[0]).toMatchObject({ name: 'conv1.conv', params: 16 * 1 * 9, output: [16, 28, 28] });
    expect(cifarSized.totals.params - mnist.totals.params).toBe(16 * 2 * 9);
  });

  it('lists layers with dotted names in execution order', () => {
    const names = listLayers({ depth: 10, k: 1 }).layers.map((l) => l.name);
    expect(names.slice(0, 8)).toEqual([
      'conv1.conv',
      'conv2.block0.bn1',
      'conv2.block0.conv1',
      'conv2.block0.bn2',
      'conv2.block0.conv2',
      'conv2.block0.add',
      'conv3.block0.bn1',
      'conv3.block0.conv1',
    ]);
    expect(names).toContain('conv3.block0.shortcut');
    expect(names.slice(-3)).toEqual(['head.bn', 'head.pool', 'head.fc']);
  });

  it('puts the stride on the first conv and the projection', () => {
    const layers = listLayers({ depth: 16, k: 2 }).layers;
    const find = (name: string) => layers.find((l) => l.name === name);
    expect(find('conv3.block0.conv1')).toMatchObject({ stride: 2, padding: 1, output: [64, 16, 16] });
    expect(find('conv3.block0.conv2')).toMatchObject({ stride: 1, output: [64, 16, 16] });
    expect(find('conv3.block0.shortcut')).toMatchObject({ kernel: [1, 1], stride: 2, padding: 0, input: [32, 32, 32], params: 32 * 64 });
    expect(find('conv3.block1.shortcut')).toBeUndefined();
  });

  it('widens by k from the first group on (k = 1 still projects nowhere in conv2)', () => {
    expect(listLayers({ depth: 16, k: 1 }).layers.some((l) => l.name === 'conv2.block0.shortcut')).toBe(false);
    expect(listLayers({ depth: 16, k: 2 }).layers.some((l) => l.name === 'conv2.block0.shortcut')).toBe(true);
  });

  it('accepts a fractional k whose widths are whole', () => {
    expect(listLayers({ depth: 16, k: 1.5 }).model.widths).toEqual([24, 48, 96]);
  });

  it('shows dropout on the 2nd and later convs without counting it (but for what training keeps)', () => {
    const plain = listLayers({ depth: 16, k: 2 });
    const dropped = listLayers({ depth: 16, k: 2, dropout: 0.3 });
    const { savedBytesPerImage, ...counts } = dropped.totals;
    const { savedBytesPerImage: plainSaved, ...plainCounts } = plain.totals;
    expect(counts).toEqual(plainCounts);
    // Training keeps dropout's fp32 mask and its output (the next conv's input): 8 bytes per element it drops from.
    const dropped2 = dropped.layers
      .filter((l) => l.dropoutBefore !== undefined)
      .reduce((sum, l) => sum + l.input.reduce((a, b) => a * b, 1), 0);
    expect(savedBytesPerImage - plainSaved).toBe(8 * dropped2);
    expect(dropped.layers.find((l) => l.name === 'conv2.block0.conv2')?.dropoutBefore).toBe(0.3);
    expect(dropped.layers.find((l) => l.name === 'conv2.block0.conv1')?.dropoutBefore).toBeUndefined();
  });

  it('conv bias adds one parameter per conv output channel, no MACs', () => {
    const plain = listLayers({ depth: 28, k: 10 });
    const biased = listLayers({ depth: 28, k: 10, convBias: true });
    // The Conventions section's figure: some popular implementations add a bias to every conv.
    expect(biased.totals.params).toBe(36_489_290);
    expect(biased.totals.macs).toBe(plain.totals.macs);
  });
});
