import { blocksPerGroupJson } from './json.js';
import { bytesFor } from '../../core/index.js';
import type { Grid, GridCell, GridLaws } from '../../core/index.js';

/** The row coordinate of a cell under its own name: depth, blocksPerGroup, or l (with the depth held fixed). */
function coordinates(grid: Grid, cell: GridCell): Record<string, number | readonly number[]> {
  switch (grid.rowAxis) {
    case 'depth':
      return { depth: cell.row, k: cell.k };
    case 'blocksPerGroup':
      return { blocksPerGroup: cell.row, k: cell.k };
    case 'l':
      return { l: cell.row, depth: grid.fixedDepth ?? 0, k: cell.k };
  }
}

function cellToJson(grid: Grid, cell: GridCell, reference: number | undefined): object {
  if (!cell.ok) return { ...coordinates(grid, cell), error: cell.message, code: cell.issue.code };
  const { model, totals } = cell.summary;
  return {
    ...coordinates(grid, cell),
    depth: model.depth,
    blocksPerGroup: blocksPerGroupJson(model.blocksPerGroup),
    name: model.name,
    block: model.block,
    params: totals.params,
    buffers: totals.buffers,
    macs: totals.macs,
    flops: totals.flops,
    // Never overflows: the summary has already checked params × 4 (fp32 bytes).
    paramBytes: bytesFor(totals.params, grid.dtype),
    value: cell.value,
    ...(reference === undefined ? {} : { relative: cell.value / reference }),
  };
}

/**
 * `{ metric, rows, columns, cells }` with one cell per
 * (row, column) in row-major order, exact integers, and `error` instead of
 * counts on invalid cells. Also: `rowAxis`, `dtype`, `value` (the metric's
 * number for each cell), `relative` with --relative, and the fitted `laws`.
 */
export function gridToJson(grid: Grid, laws: GridLaws, relative: boolean): object {
  const reference = relative ? grid.cells.flat().find((cell) => cell.ok) : undefined;
  const referenceValue = reference?.ok ? reference.value : undefined;
  return {
    metric: grid.metric,
    dtype: grid.dtype,
    rowAxis: grid.rowAxis,
    ...(grid.fixedDepth === undefined ? {} : { fixedDepth: grid.fixedDepth }),
    ...(grid.metric === 'train-memory' ? { batch: grid.training.batch ?? 1, optimizer: grid.training.optimizer ?? 'momentum' } : {}),
    rows: grid.rows,
    columns: grid.ks,
    cells: grid.cells.flat().map((cell) => cellToJson(grid, cell, referenceValue)),
    laws: {
      kExponent: laws.width ?? null,
      rows:
        laws.rows === undefined
          ? null
          : {
              k: laws.rows.k,
              ...laws.rows.fit,
              perBlockPerGroup: laws.rows.perBlockPerGroup ?? null,
              min: laws.rows.min,
              max: laws.rows.max,
            },
    },
  };
}
