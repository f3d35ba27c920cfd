import { describe, expect, it } from 'vitest';
import { PRESET_NAMES, resolveNetwork } from '../../src/core/index.js';
import type { BlockDescription, NetworkOptions, Op } from '../../src/core/index.js';
import { blockClass, expand, openingOf, repeatedArgs } from '../../src/export/block-class.js';
import { exportNetwork } from '../../src/export/network.js';
import type { ExportNetwork } from '../../src/export/network.js';

/*
 * One class builds all of a network's blocks, and that is checked, not assumed: each
 * block of the description is rebuilt from the class's template and its arguments and
 * must come out the same. These tests show the check passing across the family and
 * failing when a block differs in a way the class does not take as an argument.
 */

const NETWORKS: readonly NetworkOptions[] = [
  ...PRESET_NAMES.map((model) => ({ model })),
  { depth: 28, k: 10, dropout: 0.3 },
  { block: [3, 1, 3], blocksPerGroup: 3, k: 2 },
  { depth: 16, k: 2, shortcut: 'zero-pad' },
  { family: 'imagenet', order: 'pre', depth: 18, k: 1 },
  { family: 'imagenet', depth: 18, k: 1, shortcut: 'zero-pad' },
  { model: 'resnet50', bottleneckStride: '1x1' },
  { family: 'imagenet', blocksPerGroup: 1, k: 2, convBias: true },
  { block: 'bottleneck', order: 'post', shortcut: 'zero-pad', blocksPerGroup: [1, 2, 3], k: 1 },
];

function withBlock(network: ExportNetwork, index: number, change: (block: BlockDescription) => BlockDescription): ExportNetwork {
  const uses = network.uses.map((use, i) => (i === index ? { ...use, block: change(use.block) } : use));
  return { ...network, uses };
}

function changeConvs(block: BlockDescription, change: (op: Extract<Op, { kind: 'conv' }>, index: number) => Op): BlockDescription {
  let index = -1;
  return {
    ...block,
    main: block.main.map((op) => {
      if (op.kind !== 'conv') return op;
      index += 1;
      return change(op, index);
    }),
  };
}

describe('the block class', () => {
  it.each(NETWORKS.map((options) => [JSON.stringify(options), options] as const))('builds every block of %s', (_, options) => {
    const network = exportNetwork(resolveNetwork(options));
    const { cls, args } = blockClass(network);
    network.uses.forEach((use, i) => expect(expand(cls, args[i] as never)).toEqual(use.block));
  });

  it('takes as arguments only what differs: input channels, widths, stride, shortcut (and the opening, where it varies)', () => {
    const { cls, args } = blockClass(exportNetwork(resolveNetwork({ model: 'preresnet200' })));
    expect(cls.openingVaries).toBe(true);
    expect(cls.takesInnerWidth).toBe(true);
    expect(args.map((a) => a.opens)).toEqual([false, false, true, true, true, true, true, true]);
    expect(args[0]).toEqual({ inChannels: 64, innerWidth: 64, width: 256, stride: 1, shortcut: 'projection', opens: false });
    expect(args[1]).toEqual(repeatedArgs(args[0] as never));
    const wrn = blockClass(exportNetwork(resolveNetwork({ depth: 28, k: 10 })));
    expect(wrn.cls.openingVaries).toBe(false);
    expect(wrn.cls.takesInnerWidth).toBe(false);
    expect(openingOf(wrn.cls.template).map((op) => op.name)).toEqual(['bn1']);
  });

  it.each([
    ['a kernel', (op: Extract<Op, { kind: 'conv' }>) => ({ ...op, kernel: 5, padding: 2 })],
    ['a conv bias', (op: Extract<Op, { kind: 'conv' }>) => ({ ...op, bias: true })],
    ['a dilation', (op: Extract<Op, { kind: 'conv' }>) => ({ ...op, dilation: 2, padding: 2 })],
    ['a stride on the wrong conv', (op: Extract<Op, { kind: 'conv' }>, i: number) => (i === 1 ? { ...op, stride: 2 } : op)],
    ['channel groups', (op: Extract<Op, { kind: 'conv' }>) => ({ ...op, groups: 2 })],
  ])('stops the export when a repeated block differs in %s', (_, change) => {
    const network = exportNetwork(resolveNetwork({ depth: 16, k: 4 }));
    const tampered = withBlock(network, 3, (block) => changeConvs(block, change));
    expect(() => blockClass(tampered)).toThrow('conv3.block1 is not what one block class would build');
  });

  it('stops the export when a block has a dropout the others lack, or a shortcut of another kind', () => {
    const network = exportNetwork(resolveNetwork({ depth: 16, k: 4 }));
    const dropout: Op = { kind: 'dropout', name: 'dropout2', p: 0.5 };
    const withDropout = withBlock(network, 1, (block) => ({
      ...block,
      main: [...block.main.slice(0, 2), dropout, ...block.main.slice(2)],
    }));
    expect(() => blockClass(withDropout)).toThrow('conv2.block1 is not');
    const zeroPad: Op = { kind: 'zero-pad', name: 'shortcut', outChannels: 128, stride: 2 };
    const mixed = withBlock(network, 2, (block) => ({ ...block, shortcut: [zeroPad], shortcutKind: 'zero-pad', shortcutInput: 'block' }));
    expect(() => blockClass(mixed)).toThrow('conv3.block0 is not');
  });

  it("stops the export when a repeated block's arguments are not the group's width, no stride and the identity", () => {
    const network = exportNetwork(resolveNetwork({ depth: 16, k: 4 }));
    const narrower = { ...network, uses: network.uses.map((use, i) => (i === 1 ? { ...use, inChannels: 16 } : use)) };
    expect(() => blockClass(narrower)).toThrow('conv2.block1 is not');
  });
});
