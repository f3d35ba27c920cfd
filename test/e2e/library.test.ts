import { describe, expect, it } from 'vitest';
// The package's own name resolves through package.json "exports" to the built dist/lib (with types).
import { buildWrn, summarizeWrn, WrnError } from 'wrn-calc';

describe("import { buildWrn } from 'wrn-calc'", () => {
  it('gives the exact count', () => {
    expect(buildWrn({ depth: 28, k: 10 }).totals.params).toBe(36_479_194);
    expect(summarizeWrn({ depth: 40, k: 4 }).totals.macs).toBe(1_298_582_016);
  });

  it('throws typed, coded errors', () => {
    expect(() => buildWrn({ depth: 27, k: 1 })).toThrow(WrnError);
    try {
      buildWrn({ depth: 27, k: 1 });
    } catch (error) {
      expect(error instanceof WrnError && error.issue.code).toBe('DEPTH_MISFIT');
    }
  });
});
