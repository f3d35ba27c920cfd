import { describe, expect, it } from 'vitest';
import { emptyTally } from '../../src/core/counts.js';
import { entryOf } from '../../src/core/ops/index.js';
import type { Keeps, MaxPoolOp, Op } from '../../src/core/ops/index.js';
import { inputTensor, walkOp } from '../../src/core/walk.js';
import { refusal } from '../helpers/refusal.js';

/*
 * Op kinds on their own, walked one op at a time on a fresh input (a tensor no op
 * kept before), where a network never puts them: what the registry says of each kind
 * holds wherever the op sits.
 */

const pool: MaxPoolOp = { kind: 'max-pool', name: 'pool', kernel: 3, stride: 2, padding: 1 };
const stem = { group: 'conv1', block: undefined, prefix: 'conv1.' };

describe('max pool', () => {
  it("keeps its input and int64 indices of its output's size: 4,816,896 bytes for 3×3/2 on 64×112×112", () => {
    // Measured with torch 1.13's saved_tensors_hooks on nn.MaxPool2d(3, 2, 1) applied to a fresh
    // 1×64×112×112 tensor: the input (802,816 fp32) and the indices (64×56×56 = 200,704 int64).
    const tally = emptyTally();
    walkOp(pool, stem, inputTensor(64, 112, 112), tally, {});
    expect(tally.savedBytesPerImage).toBe(4_816_896);
    expect(tally.savedBytesPerImage).toBe(802_816 * 4 + 200_704 * 8);
  });

  it('a window larger than its padded input leaves no output and is refused, naming the layer', () => {
    expect(refusal(() => walkOp({ ...pool, stride: 1, padding: 0 }, stem, inputTensor(64, 2, 2), emptyTally(), {}))).toEqual({
      code: 'SPATIAL_COLLAPSE',
      message:
        'Layer conv1.pool gets input 64×2×2 and its 3×3 kernel (stride 1, padding 0, dilation 1) leaves a spatial size below 1; use a larger input or more padding.',
    });
  });
});

describe('what each op kind keeps for backward', () => {
  // torch 1.13, CPU, training mode, saved_tensors_hooks around each op applied to a fresh 1×8×6×6 tensor
  // (a 1×8 vector for the linear layer), the module's own parameters and buffers left out:
  //   conv2d: input · batch_norm: input, two (8,) fp32 · batch_norm + relu: those and the relu's output
  //   relu: output · max_pool2d: input, int64 indices · adaptive_avg_pool2d: input · linear: input
  //   add: nothing · dropout: an fp32 tensor of the input's size · strided slice + cat with zeros: nothing
  const keeps = (flags: Partial<Keeps>): Keeps => ({
    input: false,
    output: false,
    indices: false,
    mask: false,
    channelStats: false,
    ...flags,
  });
  const conv = {
    kind: 'conv',
    name: 'c',
    outChannels: 4,
    kernel: 3,
    stride: 1,
    padding: 1,
    dilation: 1,
    groups: 1,
    bias: false,
    shortcut: false,
  };

  it.each([
    ['conv', conv, keeps({ input: true })],
    ['bn', { kind: 'bn', name: 'b', relu: false }, keeps({ input: true, channelStats: true })],
    ['bn + relu', { kind: 'bn', name: 'b', relu: true }, keeps({ input: true, channelStats: true, output: true })],
    ['relu', { kind: 'relu', name: 'r' }, keeps({ output: true })],
    ['max pool', pool, keeps({ input: true, indices: true })],
    ['avg pool', { kind: 'avg-pool', name: 'p' }, keeps({ input: true })],
    ['linear', { kind: 'linear', name: 'fc', outFeatures: 3 }, keeps({ input: true })],
    ['add', { kind: 'add', name: 'a' }, keeps({})],
    ['dropout', { kind: 'dropout', name: 'd', p: 0.3 }, keeps({ mask: true })],
    ['zero-pad', { kind: 'zero-pad', name: 's', outChannels: 16, stride: 2 }, keeps({})],
  ] as const)('%s', (_, op, expected) => {
    expect(entryOf(op as Op).keeps(op as Op)).toStrictEqual(expected);
  });
});
