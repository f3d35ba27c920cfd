import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listLayers, summarizeNetwork } from '../../src/core/index.js';

import type { NetworkOptions } from '../../src/core/index.js';
import { expectRowsSumToTotals } from '../helpers/sums.js';
import { runs } from './settings.js';
import { totalsOf } from '../helpers/totals.js';

/** k values whose widths 16k, 32k, 64k are whole: multiples of 1/16 (here 1/4 to keep networks small). */
const kArb = fc.integer({ min: 1, max: 48 }).map((quarters) => quarters / 4);
/** Odd kernels keep the spatial size, so every generated network is valid. */
const blockArb = fc.array(fc.constantFrom(1, 3, 5), { minLength: 1, maxLength: 4 });

const networkArb: fc.Arbitrary<NetworkOptions> = fc.record({
  blocksPerGroup: fc.integer({ min: 1, max: 6 }),
  k: kArb,
  block: blockArb,
  input: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 })),
  classes: fc.integer({ min: 1, max: 1000 }),
  convBias: fc.boolean(),
  dropout: fc.constantFrom(0, 0.3),
});

function convParams(options: NetworkOptions): number {
  return listLayers(options)
    .layers.filter((l) => l.type === 'conv' || l.type === 'shortcut')
    .reduce((sum, l) => sum + l.params, 0);
}

const COUNT_KEYS = ['params', 'buffers', 'macs', 'activationElements', 'flops', 'paramBytesFp32', 'activationBytesFp32'] as const;

/** CIFAR networks as above, and ImageNet ones of every block, order and shortcut (blocksPerGroup set per test). */
const familyArb = fc.oneof(
  networkArb.map((options) => ({ options, groups: 3 })),
  fc
    .record({
      family: fc.constant('imagenet' as const),
      k: fc.constantFrom(1, 1.5, 2),
      block: fc.constantFrom([3, 3], 'bottleneck' as const),
      order: fc.constantFrom('pre' as const, 'post' as const),
      shortcut: fc.constantFrom('projection' as const, 'zero-pad' as const),
      input: fc.constant([3, 64, 48] as [number, number, number]),
      blocksPerGroup: fc.constant(1),
    })
    .map((options) => ({ options: options as NetworkOptions, groups: 4 })),
);

describe('core properties (fast-check, fixed seed)', () => {
  it('rows sum to groups and groups to totals', () => {
    fc.assert(
      fc.property(networkArb, (options) => {
        expectRowsSumToTotals(listLayers(options));
      }),
      runs(150),
    );
  });

  it('the closed forms equal the sum over the listed layers', () => {
    fc.assert(
      fc.property(networkArb, (options) => {
        const listed = listLayers(options);
        expect(summarizeNetwork(options).totals).toEqual(listed.totals);
        expect(totalsOf(options)).toEqual(listed.totals);
        expect(summarizeNetwork(options).layerCount).toBe(listed.layers.length);
      }),
      runs(150),
    );
  });

  it('every count is a non-negative safe integer', () => {
    fc.assert(
      fc.property(networkArb, (options) => {
        const network = listLayers(options);
        for (const key of COUNT_KEYS) {
          expect(Number.isSafeInteger(network.totals[key]) && network.totals[key] >= 0, key).toBe(true);
        }
        for (const layer of network.layers) {
          for (const value of [layer.params, layer.buffers, layer.macs, layer.activationElements, ...layer.output]) {
            expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
          }
        }
      }),
      runs(100),
    );
  });

  it('shapes follow conv arithmetic: odd kernels keep the size, each stride-2 group halves it rounding up', () => {
    fc.assert(
      fc.property(networkArb, (options) => {
        const [channels = 0, h = 0, w = 0] = options.input ?? [];
        const { groups, model } = listLayers(options);
        const half = (x: number) => Math.ceil(x / 2);
        expect(groups.map((g) => [...g.output])).toEqual([
          [16, h, w],
          [model.widths[0], h, w],
          [model.widths[1], half(h), half(w)],
          [model.widths[2], half(half(h)), half(half(w))],
          [model.classes],
        ]);
        expect(channels).toBeGreaterThan(0);
      }),
      runs(150),
    );
  });

  it('conv params are exactly quadratic in k for fixed N (k ≥ 2, where conv2 always projects)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 2, max: 12 }),
        blockArb,
        fc.integer({ min: 4, max: 40 }),
        (n, k0, block, size) => {
          const values = [0, 1, 2, 3].map((step) => convParams({ blocksPerGroup: n, k: k0 + step, block, input: [3, size, size] }));
          const first = values.slice(1).map((v, i) => v - (values[i] ?? 0));
          const second = first.slice(1).map((v, i) => v - (first[i] ?? 0));
          // Constant, positive second difference: a·k² + b·k + c with a > 0, exactly.
          expect(second[0]).toBe(second[1]);
          expect(second[0]).toBeGreaterThan(0);
        },
      ),
      runs(60),
    );
  });

  it('params, buffers and MACs are exactly affine in N for fixed k', () => {
    fc.assert(
      fc.property(kArb, blockArb, fc.integer({ min: 1, max: 200 }), fc.boolean(), (k, block, n, convBias) => {
        const [a, b, c] = [n, n + 1, n + 7].map((blocksPerGroup) => totalsOf({ blocksPerGroup, k, block, convBias }));
        for (const key of ['params', 'buffers', 'macs', 'activationElements'] as const) {
          const step = (b?.[key] ?? 0) - (a?.[key] ?? 0);
          expect((c?.[key] ?? 0) - (a?.[key] ?? 0), key).toBe(7 * step);
          expect(step, key).toBeGreaterThan(0);
        }
      }),
      runs(100),
    );
  });

  it("every total is affine in each group's N: one more block adds the same amount each time", () => {
    const KEYS = ['params', 'buffers', 'macs', 'activationElements', 'savedBytesPerImage', 'savedBytesFixed'] as const;
    fc.assert(
      fc.property(
        familyArb,
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 4, maxLength: 4 }),
        fc.nat(3),
        ({ options, groups }, blocks, which) => {
          const g = which % groups;
          const at = (extra: number) =>
            totalsOf({ ...options, depth: undefined, blocksPerGroup: blocks.slice(0, groups).map((n, i) => (i === g ? n + extra : n)) });
          const [t0, t1, t2] = [at(0), at(1), at(2)];
          for (const key of KEYS) expect(t2[key] - t1[key], key).toBe(t1[key] - t0[key]);
        },
      ),
      runs(100),
    );
  });

  it('the totals counter (one walk of the description as a program) equals the walk by groups and the listing', () => {
    fc.assert(
      fc.property(familyArb, fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 4, maxLength: 4 }), ({ options, groups }, blocks) => {
        const network = { ...options, blocksPerGroup: blocks.slice(0, groups), dropout: groups === 3 ? options.dropout : 0.2 };
        const built = listLayers(network);
        expectRowsSumToTotals(built);
        expect(totalsOf(network)).toEqual(built.totals);
      }),
      runs(100),
    );
  });
});
