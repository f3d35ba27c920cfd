import { depthStepPerBlock } from './grid.js';
import type { Grid, ValidGridCell } from './grid.js';

/*
 * The scaling laws a grid shows, fitted from its own numbers (never assumed):
 * the WRN paper's claim is that parameters grow about quadratically with the
 * widening factor k and linearly with depth. Both fits are ordinary least squares.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface PowerLawFit {
  /** e in y ≈ c·x^e. */
  readonly exponent: number;
  /** Points that entered the fit. */
  readonly points: number;
}

/**
 * One exponent shared by several series, each with its own constant:
 * y ≈ c_g · x^e. Least squares on log y against log x after centring each
 * series on its own means (a fixed-effects fit), so that rows of different
 * depth do not bias the slope in k. Series with fewer than two points, and
 * non-positive values, contribute nothing. Undefined when no series has two
 * distinct x.
 */
export function fitCommonExponent(series: readonly (readonly Point[])[]): PowerLawFit | undefined {
  let sxy = 0;
  let sxx = 0;
  let points = 0;
  for (const raw of series) {
    const logs = raw.filter((p) => p.x > 0 && p.y > 0).map((p) => ({ x: Math.log(p.x), y: Math.log(p.y) }));
    if (logs.length < 2) continue;
    const meanX = logs.reduce((sum, p) => sum + p.x, 0) / logs.length;
    const meanY = logs.reduce((sum, p) => sum + p.y, 0) / logs.length;
    for (const p of logs) {
      sxy += (p.x - meanX) * (p.y - meanY);
      sxx += (p.x - meanX) ** 2;
    }
    points += logs.length;
  }
  return sxx > 0 ? { exponent: sxy / sxx, points } : undefined;
}

export interface LineFit {
  readonly slope: number;
  readonly intercept: number;
  /** Coefficient of determination; 1 when the points lie exactly on the line (a constant included). */
  readonly r2: number;
  readonly points: number;
}

/** y ≈ intercept + slope·x by least squares; undefined without two distinct x. */
export function fitLine(points: readonly Point[]): LineFit | undefined {
  if (points.length < 2) return undefined;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / points.length;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / points.length;
  const sxx = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0);
  if (sxx === 0) return undefined;
  const slope = points.reduce((sum, p) => sum + (p.x - meanX) * (p.y - meanY), 0) / sxx;
  const intercept = meanY - slope * meanX;
  const total = points.reduce((sum, p) => sum + (p.y - meanY) ** 2, 0);
  const residual = points.reduce((sum, p) => sum + (p.y - intercept - slope * p.x) ** 2, 0);
  // Relative tolerance: exact data still leaves rounding residue in doubles.
  const r2 = total === 0 || residual <= total * 1e-15 ? 1 : 1 - residual / total;
  return { slope, intercept, r2, points: points.length };
}

/** Growth along the rows (depth, N or l) in one column. */
export interface RowLaw {
  /** The column fitted: the one with the most valid cells, the widest k on a tie. */
  readonly k: number;
  readonly fit: LineFit;
  /**
   * The metric added by one more block in each of the three groups (the slope
   * per layer × 3·l on the depth axis; the slope itself on the N axis).
   * Undefined on the l axis, where the conv count is held fixed.
   */
  readonly perBlockPerGroup: number | undefined;
  /** Smallest and largest value in the column, for the l axis's "how much does it change". */
  readonly min: number;
  readonly max: number;
}

export interface GridLaws {
  /** The metric ≈ c·k^e at a fixed row, one exponent fitted over every row. */
  readonly width: PowerLawFit | undefined;
  readonly rows: RowLaw | undefined;
}

function columnCells(grid: Grid, column: number): ValidGridCell[] {
  return grid.cells.map((row) => row[column]).filter((cell): cell is ValidGridCell => cell !== undefined && cell.ok);
}

function rowLaw(grid: Grid): RowLaw | undefined {
  let best: ValidGridCell[] = [];
  grid.ks.forEach((_, column) => {
    const cells = columnCells(grid, column);
    if (cells.length >= 2 && cells.length >= best.length) best = cells;
  });
  // A line along the rows needs numeric rows and a CIFAR network: ImageNet's table depths change N unevenly.
  const first = best[0];
  if (first === undefined || first.summary.model.family !== 'cifar' || best.some((cell) => typeof cell.row !== 'number')) return undefined;
  const fit = fitLine(best.map((cell) => ({ x: Number(cell.row), y: cell.value })));
  if (fit === undefined) return undefined;
  const { block, depthRule } = first.summary.model;
  const perBlockPerGroup =
    grid.rowAxis === 'depth' ? fit.slope * depthStepPerBlock(block, depthRule) : grid.rowAxis === 'blocksPerGroup' ? fit.slope : undefined;
  const values = best.map((cell) => cell.value);
  return { k: first.k, fit, perBlockPerGroup, min: Math.min(...values), max: Math.max(...values) };
}

/** Both laws of a grid, from its valid cells; each is undefined when the grid is too small to fit it. */
export function gridLaws(grid: Grid): GridLaws {
  const series = grid.cells.map((row) =>
    row.filter((cell): cell is ValidGridCell => cell.ok).map((cell) => ({ x: cell.k, y: cell.value })),
  );
  return { width: fitCommonExponent(series), rows: rowLaw(grid) };
}
