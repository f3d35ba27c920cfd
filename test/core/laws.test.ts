import { describe, expect, it } from 'vitest';
import { computeGrid, fitLine, gridLaws } from '../../src/core/index.js';
import { cifarReference } from '../helpers/reference.js';

/*
 * Least squares by hand on tiny point sets, and which grids the row law applies to.
 */

describe('fitLine on small point sets', () => {
  it('two points make a line (R² = 1)', () => {
    expect(
      fitLine([
        { x: 1, y: 3 },
        { x: 3, y: 7 },
      ]),
    ).toEqual({ slope: 2, intercept: 1, r2: 1, points: 2 });
  });

  it('a constant is a line of slope 0 that explains everything (R² = 1, not 0/0)', () => {
    expect(
      fitLine([
        { x: 1, y: 5 },
        { x: 2, y: 5 },
        { x: 4, y: 5 },
      ]),
    ).toEqual({ slope: 0, intercept: 5, r2: 1, points: 3 });
  });

  it('(0, 0), (1, 1), (2, 1): slope 1/2, intercept 1/6, R² = 1 − (1/6)/(2/3) = 3/4', () => {
    const fit = fitLine([
      { x: 0, y: 0 },
      { x: 1, y: 1 },
      { x: 2, y: 1 },
    ]);
    expect(fit?.slope).toBeCloseTo(0.5, 14);
    expect(fit?.intercept).toBeCloseTo(1 / 6, 14);
    expect(fit?.r2).toBeCloseTo(0.75, 14);
    expect(fit?.points).toBe(3);
  });
});

describe('the row law of a grid', () => {
  it("two rows are enough: one more block per group costs what PyTorch's WRN-22-1 has over WRN-16-1", () => {
    const rows = gridLaws(computeGrid({ rowAxis: 'depth', rows: [16, 22], ks: [1] })).rows;
    expect(rows?.fit.points).toBe(2);
    expect(rows?.perBlockPerGroup).toBeCloseTo(cifarReference(3, 1).totals.params - cifarReference(2, 1).totals.params, 6);
  });

  it('on the blocks-per-group axis the slope itself is the cost of one more block per group', () => {
    const rows = gridLaws(computeGrid({ rowAxis: 'blocksPerGroup', rows: [1, 2, 3], ks: [1] })).rows;
    const step = cifarReference(2, 1).totals.params - cifarReference(1, 1).totals.params;
    expect(rows?.fit.slope).toBeCloseTo(step, 6);
    expect(rows?.perBlockPerGroup).toBeCloseTo(step, 6);
  });

  it('none for ImageNet (its table changes N unevenly) nor for rows given as one N per group; the width law still fits', () => {
    const imagenet = gridLaws(computeGrid({ rowAxis: 'depth', rows: [18, 34], ks: [1, 2], network: { family: 'imagenet' } }));
    expect(imagenet.rows).toBeUndefined();
    expect(imagenet.width?.points).toBe(4);
    // One row given as a single N and one as a list: still no line.
    expect(gridLaws(computeGrid({ rowAxis: 'blocksPerGroup', rows: [1, [2, 2, 2]], ks: [1] })).rows).toBeUndefined();
    const lists = gridLaws(
      computeGrid({
        rowAxis: 'blocksPerGroup',
        rows: [
          [1, 1, 1],
          [2, 2, 2],
        ],
        ks: [1, 2],
      }),
    );
    expect(lists.rows).toBeUndefined();
    expect(lists.width?.points).toBe(4);
  });
});
