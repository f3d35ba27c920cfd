import { describe, expect, it } from 'vitest';
import { listLayers } from '../../src/core/index.js';

import type { NetworkOptions } from '../../src/core/index.js';
import { expectRowsSumToTotals } from '../helpers/sums.js';

// Exact counts from PyTorch 1.13 (sum(p.numel()), BN running stats, hooked MACs).
// test/fixtures/reference/pytorch.json, made by scripts/reference/wrn_reference.py, reproduces every row.
const KNOWN: readonly { label: string; options: NetworkOptions; params: number; buffers: number; macs: number }[] = [
  { label: 'WRN-28-10', options: { depth: 28, k: 10 }, params: 36_479_194, buffers: 17_952, macs: 5_243_328_768 },
  {
    label: 'WRN-28-10, 100 classes',
    options: { depth: 28, k: 10, classes: 100 },
    params: 36_536_884,
    buffers: 17_952,
    macs: 5_243_386_368,
  },
  { label: 'WRN-16-8', options: { depth: 16, k: 8 }, params: 10_961_370, buffers: 7_200, macs: 1_548_145_664 },
  { label: 'WRN-40-4', options: { depth: 40, k: 4 }, params: 8_949_210, buffers: 10_784, macs: 1_298_582_016 },
  { label: 'WRN-16-4', options: { depth: 16, k: 4 }, params: 2_748_890, buffers: 3_616, macs: 392_612_352 },
  { label: 'WRN-40-1', options: { depth: 40, k: 1 }, params: 563_930, buffers: 2_720, macs: 83_280_512 },
  {
    label: 'B(3,1,3), k = 2, N = 3',
    options: { blocksPerGroup: 3, k: 2, block: [3, 1, 3] },
    params: 1_145_498,
    buffers: 4_064,
    macs: 167_167_232,
  },
];

describe('known exact values (PyTorch)', () => {
  it.each(KNOWN)('$label', ({ options, params, buffers, macs }) => {
    const network = listLayers(options);
    expect(network.totals.params).toBe(params);
    expect(network.totals.buffers).toBe(buffers);
    expect(network.totals.macs).toBe(macs);
    expect(network.totals.flops).toBe(2 * macs);
    expectRowsSumToTotals(network);
  });

  it('names the model WRN-d-k and derives N from the depth', () => {
    const { model } = listLayers({ depth: 28, k: 10 });
    expect(model).toMatchObject({ name: 'WRN-28-10', depth: 28, k: 10, blocksPerGroup: [4, 4, 4], block: [3, 3], widths: [160, 320, 640] });
  });

  it("the nominal depth rule labels B(3,1,3) at N = 3 as the paper's WRN-22-2", () => {
    const { model, totals } = listLayers({ depth: 22, k: 2, block: [3, 1, 3], depthRule: 'nominal' });
    expect(model.blocksPerGroup).toEqual([3, 3, 3]);
    expect(model.name).toBe('WRN-22-2');
    expect(totals.params).toBe(1_145_498);
  });
});
