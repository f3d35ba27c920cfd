import { beforeEach, describe, expect, it, vi } from 'vitest';
import { WrnError, buildWrn, summarizeWrn, wrnTotals } from '../../src/core/index.js';
import { summarizeSpec } from '../../src/core/wrn.js';
import { REFERENCE, cifarReference } from '../helpers/reference.js';

/*
 * wrnTotals (closed-form.ts) computes totals by plain arithmetic and hands a
 * network to summarizeSpec only when something is unusual (a residual add whose
 * sides differ, a size below 1, a count past MAX_SAFE_INTEGER). Its agreement
 * with the layer-by-layer totals (test/core/invariants.test.ts, the property tests)
 * proves nothing if every network were handed over, so here the hand-over is
 * watched: ordinary networks must be computed by the arithmetic itself.
 */
vi.mock('../../src/core/wrn.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/core/wrn.js')>();
  return { ...actual, summarizeSpec: vi.fn(actual.summarizeSpec) };
});

const handedOver = vi.mocked(summarizeSpec);

beforeEach(() => {
  handedOver.mockClear();
});

describe('wrnTotals computes ordinary networks itself', () => {
  it.each(REFERENCE.map((config) => [config.id, config] as const))('%s: the PyTorch totals, without the summary', (_, config) => {
    const totals = wrnTotals(config.spec);
    expect({ params: totals.params, buffers: totals.buffers, macs: totals.macs }).toEqual(config.totals);
    expect(handedOver).not.toHaveBeenCalled();
  });

  it('a 1×1 input: every size stays 1 (⌊(1 + 2 − 2 − 1)/2⌋ + 1 = 1), so each weight is one MAC', () => {
    // Parameters do not depend on the input size: WRN-16-2's PyTorch count. At 1×1 the MACs are
    // the conv and linear weights: the params less the BN affine pairs (as many as the buffers) and the 10 linear biases.
    const reference = cifarReference(2, 2).totals;
    const totals = wrnTotals({ depth: 16, k: 2, input: [3, 1, 1] });
    expect(totals).toMatchObject({ params: reference.params, buffers: reference.buffers, macs: reference.params - reference.buffers - 10 });
    expect(totals).toEqual(buildWrn({ depth: 16, k: 2, input: [3, 1, 1] }).totals);
    expect(handedOver).not.toHaveBeenCalled();
  });
});

describe('wrnTotals hands the unusual to the summary, which throws the coded error', () => {
  it.each([
    ['a residual add whose sides differ', { depth: 16, k: 1, block: [2, 2] }, 'RESIDUAL_MISMATCH'],
    ['counts past MAX_SAFE_INTEGER', { depth: 28, k: 100_000 }, 'COUNT_OVERFLOW'],
  ] as const)('%s', (_, options, code) => {
    expect(() => wrnTotals(options)).toThrow(WrnError);
    expect(handedOver).toHaveBeenCalledTimes(1);
    expect(handedOver.mock.results[0]).toMatchObject({ type: 'throw', value: { issue: { code } } });
  });
});

describe('wrnTotals refuses with the summary\'s own error', () => {
  const messageOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return error instanceof WrnError ? error.message : `not a WrnError: ${String(error)}`;
    }
    return 'no error';
  };

  it.each([
    // MACs past the limit while params and activation bytes fit: the MAC count is what cannot be exact,
    // not the FLOPs derived from it.
    ['WRN-16-1 at 720,000×720,000 (MACs ≈ 1.5 × MAX_SAFE_INTEGER)', { depth: 16, k: 1, input: [3, 720_000, 720_000] }, 'MAC count'],
    ['WRN-28-10 at k = 10^5', { depth: 28, k: 100_000 }, 'MAC count'],
    ['N = 2^40', { blocksPerGroup: 2 ** 40, k: 1 }, 'MAC count'],
    ['10^7 channels', { depth: 28, k: 1e7 }, 'parameter count'],
  ] as const)('%s', (_, options, what) => {
    const message = messageOf(() => wrnTotals(options));
    expect(message).toBe(messageOf(() => summarizeWrn(options)));
    expect(message).toMatch(new RegExp(`^The ${what} of this network would exceed 9,007,199,254,740,991`));
  });
});
