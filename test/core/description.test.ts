import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeNetwork, listLayers, resolveNetwork, walkNetwork } from '../../src/core/index.js';
import type { NetworkOptions, PartVisit } from '../../src/core/index.js';

/*
 * What the network description says and what its one walk hands a visitor, checked
 * against the reference code the description follows: fb.resnet.torch's preresnet.lua
 * (transcribed in scripts/reference/preresnet.py), the official WRN code, and
 * torchvision objects (test/fixtures/reference/family.json).
 */

describe("fb.resnet.torch's pre-activation ImageNet blocks (preresnet.lua)", () => {
  const rows = listLayers({ family: 'imagenet', depth: 18, k: 1, order: 'pre' }).layers;
  const block = (prefix: string) =>
    rows.filter((row) => row.name.startsWith(prefix)).map((row) => [row.name.slice(prefix.length), row.type, row.relu ?? null]);

  it("layer1's blocks are built with type 'first': no BN-ReLU before their first conv", () => {
    expect(block('conv2.block0.')).toEqual([
      ['conv1', 'conv', null],
      ['bn2', 'bn', true],
      ['conv2', 'conv', null],
      ['add', 'add', null],
    ]);
  });

  it('later blocks open their main path with BN-ReLU (bn1, relu1); the 1×1 projection and its BN (no ReLU) read the raw input', () => {
    expect(block('conv3.block0.')).toEqual([
      ['bn1', 'bn', true],
      ['conv1', 'conv', null],
      ['bn2', 'bn', true],
      ['conv2', 'conv', null],
      ['shortcut', 'shortcut', null],
      ['shortcut.bn', 'bn', false],
      ['add', 'add', null],
    ]);
    // The opening BN-ReLU keeps its input and its output, 64×56×56 fp32 each.
    expect(rows.find((row) => row.name === 'conv3.block0.bn1')?.savedBytesPerImage).toBe(2 * 4 * 64 * 56 * 56);
  });
});

describe('which tensor a shortcut reads', () => {
  const firstBlockOfConv3 = (options: NetworkOptions) => describeNetwork(resolveNetwork(options)).groups[1]?.first;

  it("the official WRN's projection reads the block's BN-ReLU output (o1 = relu(bn(x)); conv(o1) in its code)", () => {
    expect(firstBlockOfConv3({ model: 'WRN-16-4' })).toMatchObject({ shortcutKind: 'projection', shortcutInput: 'preactivated' });
  });

  it("preresnet.lua's projection and every zero-pad shortcut read the block's raw input", () => {
    expect(firstBlockOfConv3({ model: 'preresnet200' })).toMatchObject({ shortcutKind: 'projection', shortcutInput: 'block' });
    expect(firstBlockOfConv3({ model: 'WRN-16-4', shortcut: 'zero-pad' })).toMatchObject({
      shortcutKind: 'zero-pad',
      shortcutInput: 'block',
    });
    expect(firstBlockOfConv3({ model: 'resnet110' })).toMatchObject({ shortcutKind: 'zero-pad', shortcutInput: 'block' });
  });
});

describe('the kind of each block', () => {
  it('a bottleneck network describes bottleneck blocks, a WRN basic ones, in every group', () => {
    const kinds = (options: NetworkOptions) =>
      describeNetwork(resolveNetwork(options)).groups.flatMap((group) => [group.first.kind, group.repeated.kind]);
    expect(new Set(kinds({ model: 'resnext50_32x4d' }))).toEqual(new Set(['bottleneck']));
    expect(new Set(kinds({ model: 'WRN-28-10' }))).toEqual(new Set(['basic']));
  });
});

describe('op names in a block', () => {
  it("dropout is named after the conv it feeds, as the PyTorch reference's modules are (dropout2 before conv2)", () => {
    const block = describeNetwork(resolveNetwork({ model: 'WRN-16-4', dropout: 0.3 })).groups[1]?.first;
    expect(block?.preact.map((op) => `${op.kind} ${op.name}`)).toEqual(['bn bn1']);
    expect(block?.main.map((op) => `${op.kind} ${op.name}`)).toEqual(['conv conv1', 'bn bn2', 'dropout dropout2', 'conv conv2']);
  });
});

describe('what the walk hands a visitor', () => {
  interface Reference {
    readonly id: string;
    readonly options: NetworkOptions & { readonly blocksPerGroup: number[] };
    readonly totals: { readonly params: number; readonly buffers: number; readonly macs: number };
  }
  const references = (
    JSON.parse(readFileSync(new URL('../fixtures/reference/family.json', import.meta.url), 'utf8')) as { configs: Reference[] }
  ).configs;

  it('a visitor of ops alone (no part method) sees every op of a network of one block per group: torchvision ResNet(groups=64, width_per_group=1)', () => {
    const reference = references.find((config) => config.id === 'tv-resnext-1111-g64w1-c10-97x61');
    expect(reference?.options.blocksPerGroup).toEqual([1, 1, 1, 1]);
    const sums = { params: 0, buffers: 0, macs: 0 };
    walkNetwork(describeNetwork(resolveNetwork({ ...reference?.options, depthRule: 'resnet' })), {
      op: ({ counts }) => {
        sums.params += counts.params;
        sums.buffers += counts.buffers;
        sums.macs += counts.macs;
      },
    });
    expect(sums).toEqual(reference?.totals);
  });

  it("a repeated block's field step is what one more block adds (two 3×3 convs at jump j: 2·2·j); every other part's is zero", () => {
    const steps: [string, PartVisit['fieldStep']][] = [];
    walkNetwork(describeNetwork(resolveNetwork({ model: 'resnet18' })), {
      part: (visit) => steps.push([visit.part.prefix, visit.fieldStep]),
    });
    const zero = { rh: 0, rw: 0, sh: 0, sw: 0 };
    const step = (jump: number) => ({ rh: 4 * jump, rw: 4 * jump, sh: 0, sw: 0 });
    expect(steps).toEqual([
      ['conv1.', zero],
      ['conv2.block0.', zero],
      ['conv2.block1.', step(4)],
      ['conv3.block0.', zero],
      ['conv3.block1.', step(8)],
      ['conv4.block0.', zero],
      ['conv4.block1.', step(16)],
      ['conv5.block0.', zero],
      ['conv5.block1.', step(32)],
      ['head.', zero],
    ]);
  });
});
