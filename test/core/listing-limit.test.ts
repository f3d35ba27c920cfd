import { describe, expect, it } from 'vitest';
import { MAX_LISTED_LAYERS, listLayers, summarizeNetwork } from '../../src/core/index.js';

describe('the layer listing limit', () => {
  it('exactly MAX_LISTED_LAYERS = 100,000 rows are listed', () => {
    // B(3) at k = 2: the stem conv (1), per group a first block of BN-ReLU, conv, 1×1 projection and add (4)
    // then 3 rows a block, and the head's BN-ReLU, pool and fc (3): 3·(11,111 + 11,110 + 11,110) + 7 = 100,000.
    const options = { blocksPerGroup: [11_111, 11_110, 11_110], k: 2, block: [3] };
    expect(summarizeNetwork(options).layerCount).toBe(MAX_LISTED_LAYERS);
    expect(listLayers(options).layers).toHaveLength(MAX_LISTED_LAYERS);
  });
});
