import { depthLaw } from './depth.js';
import type { DepthRuleName } from './depth.js';
import { WrnError, isWrnError } from './errors.js';
import { bytesFor, trainingMemory } from './memory.js';
import type { Dtype, Totals, TrainingOptions } from './memory.js';
import type { Issue } from './messages.js';
import { blockKind } from './blocks.js';
import type { BlockType } from './blocks.js';
import { IMAGENET_DEPTH_LIST } from './depth.js';
import { FAMILIES } from './families.js';
import { familyOf, resolveNetwork } from './spec.js';
import { MAX_BLOCK_LENGTH } from './blocks.js';
import type { NetworkOptions, NetworkSpec } from './spec.js';
import { receptiveField, totalsCounter } from './network.js';
import type { ModelTotals } from './network.js';

/**
 * What a grid's rows vary (its columns always vary the widening factor k):
 * - `depth`: WRN-d-k's d; N follows from the block and the depth rule;
 * - `blocksPerGroup`: N itself;
 * - `l`: the paper's Table 3 "deepening factor": blocks B(3,…,3) of l convs at a
 *   fixed depth, so N = (d − 4)/(3·l) shrinks as l grows and N·l (the convs per
 *   group) stays constant. At d = 40: B(3)×12, B(3,3)×6, B(3,3,3)×4, B(3,3,3,3)×3.
 */
export const GRID_ROW_AXES = ['depth', 'blocksPerGroup', 'l'] as const;
export type GridRowAxis = (typeof GRID_ROW_AXES)[number];

/** What a cell shows: trainable parameters, MACs per image, or parameter bytes at a dtype. */
export const GRID_METRICS = ['params', 'macs', 'memory', 'train-memory', 'receptive-field'] as const;
export type GridMetric = (typeof GRID_METRICS)[number];

/** The paper's grid (Tables 4 and 5): depths 16 to 40 against k from 1 to 12. */
export const PAPER_GRID = { depths: [16, 22, 28, 40], ks: [1, 2, 4, 8, 10, 12] } as const;

/** A row: a depth, an N or an l; on the N axis also one N per group (`[3, 4, 6, 3]`). */
export type GridRow = number | readonly number[];

/** The rows a grid has when none are given: the paper's depths, or torchvision's on ImageNet. */
export function defaultGridDepths(network: Omit<NetworkOptions, 'depth' | 'blocksPerGroup' | 'k'> = {}): readonly number[] {
  return FAMILIES[familyOf(network)].depthTable ? IMAGENET_DEPTH_LIST : PAPER_GRID.depths;
}

/** The `l` axis holds this depth fixed unless told otherwise: WRN-40-2 of the paper's Table 3. */
export const DEFAULT_FIXED_DEPTH = 40;
/** The kernel of every conv of the `l` axis's blocks, as in the paper's Table 3. */
export const DEEPENING_KERNEL = 3;

/** Each cell is one network counted, so this bounds the work and the output. */
export const MAX_GRID_CELLS = 10_000;

export interface GridOptions {
  readonly rowAxis: GridRowAxis;
  /** Depths, blocks per group (one N or one per group) or block lengths l, in the order they are shown. */
  readonly rows: readonly GridRow[];
  /** Widening factors k, in the order they are shown. */
  readonly ks: readonly number[];
  /**
   * The rest of the network. For the `l` axis, `block` is replaced by B(3,…,3) of
   * length l and the depth rule is `layers` (the nominal rule would not keep the
   * conv count fixed).
   */
  readonly network?: Omit<NetworkOptions, 'depth' | 'blocksPerGroup' | 'k'>;
  /** The depth the `l` axis holds fixed; default 40. */
  readonly fixedDepth?: number;
  /** What each cell's `value` is; default params. */
  readonly metric?: GridMetric;
  /** The dtype of the `memory` metric; default fp32. */
  readonly dtype?: Dtype;
  /** The batch and optimizer of the `train-memory` metric (a training step's total bytes). */
  readonly training?: Pick<TrainingOptions, 'batch' | 'optimizer'>;
}

export interface ValidGridCell {
  readonly ok: true;
  readonly row: GridRow;
  readonly k: number;
  /** The cell's network and its totals. */
  readonly summary: ModelTotals;
  /** The grid's metric for this network (an exact integer). */
  readonly value: number;
}

export interface InvalidGridCell {
  readonly ok: false;
  readonly row: GridRow;
  readonly k: number;
  /** The core's coded refusal of this network, and its sentence. */
  readonly issue: Issue;
  readonly message: string;
}

export type GridCell = ValidGridCell | InvalidGridCell;

export interface Grid {
  readonly rowAxis: GridRowAxis;
  readonly metric: GridMetric;
  readonly dtype: Dtype;
  readonly rows: readonly GridRow[];
  readonly ks: readonly number[];
  /** The depth held fixed on the `l` axis; undefined on the others. */
  readonly fixedDepth: number | undefined;
  /** The batch and optimizer of the `train-memory` metric. */
  readonly training: NonNullable<GridOptions['training']>;
  /** `cells[r][c]` is row `rows[r]` at `ks[c]`. */
  readonly cells: readonly (readonly GridCell[])[];
}

/** The network of one cell, as options for the summary. */
function numericRow(row: GridRow, what: string): number {
  if (typeof row !== 'number') throw new WrnError({ code: 'NOT_POSITIVE_INTEGER', what, value: Number.NaN });
  return row;
}

export function cellOptions(options: GridOptions, gridRow: GridRow, k: number): NetworkOptions {
  const network = options.network ?? {};
  switch (options.rowAxis) {
    case 'depth':
      return { ...network, depth: numericRow(gridRow, 'Depth'), k };
    case 'blocksPerGroup':
      return { ...network, blocksPerGroup: gridRow, k };
    case 'l': {
      const row = numericRow(gridRow, 'Block length l');
      // Guard before allocating: an absurd l must not build an absurd array.
      if (!Number.isSafeInteger(row) || row < 1 || row > MAX_BLOCK_LENGTH) {
        throw new WrnError({ code: 'NOT_IN_RANGE', what: 'Block length l', value: row, min: 1, max: MAX_BLOCK_LENGTH });
      }
      return {
        ...network,
        block: Array.from({ length: row }, () => DEEPENING_KERNEL),
        depthRule: 'layers',
        depth: options.fixedDepth ?? DEFAULT_FIXED_DEPTH,
        k,
      };
    }
  }
}

function computeCell(options: GridOptions, row: GridRow, k: number, totalsOf: (model: NetworkSpec) => Totals): GridCell {
  try {
    const model = resolveNetwork(cellOptions(options, row, k));
    const summary: ModelTotals = { model, totals: totalsOf(model) };
    return {
      ok: true,
      row,
      k,
      summary,
      value: metricValue(summary, options.metric ?? 'params', options.dtype ?? 'fp32', options.training),
    };
  } catch (error) {
    // Only the core's own refusals become cells; anything else is a bug and propagates.
    if (!isWrnError(error)) throw error;
    return { ok: false, row, k, issue: error.issue, message: error.message };
  }
}

/**
 * Every (row, k) network of the grid, with its totals. A network the
 * core refuses (a depth that does not fit the block, a k whose widths are not
 * whole, a count past MAX_SAFE_INTEGER, ...) becomes an invalid cell carrying
 * the refusal, so one bad cell never hides the others.
 */
export function computeGrid(options: GridOptions): Grid {
  const cellCount = options.rows.length * options.ks.length;
  if (cellCount < 1 || cellCount > MAX_GRID_CELLS) {
    throw new WrnError({
      code: 'NOT_IN_RANGE',
      what: 'The number of grid cells (rows × columns)',
      value: cellCount,
      min: 1,
      max: MAX_GRID_CELLS,
    });
  }
  const fixedDepth = options.rowAxis === 'l' ? (options.fixedDepth ?? DEFAULT_FIXED_DEPTH) : undefined;
  // The rows of one column differ only in N (on the depth and N axes): one walk of their structure counts them.
  const totalsOf = totalsCounter();
  return {
    rowAxis: options.rowAxis,
    metric: options.metric ?? 'params',
    dtype: options.dtype ?? 'fp32',
    rows: [...options.rows],
    ks: [...options.ks],
    fixedDepth,
    training: options.training ?? {},
    cells: options.rows.map((row) => options.ks.map((k) => computeCell(options, row, k, totalsOf))),
  };
}

export function validCells(grid: Grid): ValidGridCell[] {
  return grid.cells.flat().filter((cell): cell is ValidGridCell => cell.ok);
}

/** The number a cell shows for a metric; memory is parameter bytes at the dtype. */
export function metricValue(
  summary: ModelTotals,
  metric: GridMetric,
  dtype: Dtype = 'fp32',
  training: GridOptions['training'] = {},
): number {
  switch (metric) {
    case 'params':
      return summary.totals.params;
    case 'macs':
      return summary.totals.macs;
    case 'memory':
      return bytesFor(summary.totals.params, dtype);
    case 'train-memory':
      return trainingMemory(summary.totals, summary.model.classes, training).totalBytes;
    case 'receptive-field':
      return receptiveField(summary.model).size[0];
  }
}

/** Layers added to the depth by one more block in each CIFAR group: 3·l by the `layers` rule, 6 by the nominal one, 3·convs by the resnet one. */
export function depthStepPerBlock(block: BlockType, rule: DepthRuleName): number {
  return FAMILIES.cifar.bases.length * depthLaw(rule, blockKind(block).convCount(block)).perBlock;
}
