import { describe, expect, it } from 'vitest';
// The package's own name resolves through package.json "exports" to the built dist/lib (with types).
import { listLayers, summarizeNetwork, WrnError } from 'wrn-calc';

describe("import { listLayers } from 'wrn-calc'", () => {
  it('gives the exact count', () => {
    expect(listLayers({ depth: 28, k: 10 }).totals.params).toBe(36_479_194);
    expect(summarizeNetwork({ depth: 40, k: 4 }).totals.macs).toBe(1_298_582_016);
  });

  it('knows the ResNet family by name', () => {
    expect(summarizeNetwork({ model: 'wide_resnet50_2' }).totals.macs).toBe(11_398_021_120);
    expect(listLayers({ model: 'resnet18' }).layers.filter((layer) => layer.type === 'max-pool')).toHaveLength(1);
  });

  it('throws typed, coded errors', () => {
    expect(() => listLayers({ depth: 27, k: 1 })).toThrow(WrnError);
    try {
      listLayers({ depth: 27, k: 1 });
    } catch (error) {
      expect(error instanceof WrnError && error.issue.code).toBe('DEPTH_MISFIT');
    }
  });
});
