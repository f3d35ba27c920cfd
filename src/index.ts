/**
 * The library API of wrn-calc: a deliberate list, documented in the README's
 * "Library" section. Everything here is pure (no I/O) and exact.
 */

// One network: options → resolved spec → summary (groups and totals) or every layer.
export {
  buildNetwork,
  summarizeNetwork,
  networkTotals,
  modelTotals,
  totalsOfSpec,
  totalsOfDescription,
  summarizeSpec,
  listSpecLayers,
  groupOf,
  GROUP_NAMES,
  MAX_LISTED_LAYERS,
  // The first release's names, kept.
  buildWrn,
  summarizeWrn,
  wrnTotals,
  wrnTotalsOfSpec,
} from './core/network.js';
export type { GroupName, GroupSummary, ModelTotals, NetworkSummary, NetworkWithLayers, WrnNetwork, WrnSummary } from './core/network.js';

export {
  resolveNetwork,
  resolveWrn,
  datasetOf,
  familyOf,
  FAMILIES,
  FAMILY_NAMES,
  ORDERS,
  SHORTCUTS,
  BOTTLENECK_EXPANSION,
  MAX_BLOCK_LENGTH,
} from './core/spec.js';
export type { BlockType, FamilyName, NetworkOptions, NetworkSpec, Order, Shortcut, WrnOptions, WrnSpec } from './core/spec.js';

export { PRESETS, PRESET_NAMES, resolveModelName } from './core/presets.js';
export type { PresetName } from './core/presets.js';

export { DATASETS, DATASET_NAMES } from './core/datasets.js';
export type { DatasetName } from './core/datasets.js';

export { DEPTH_RULES, IMAGENET_DEPTHS, depthOf } from './core/depth.js';
export type { DepthRuleName } from './core/depth.js';

// The network description, its walkers, and the cost of one op.
export { describeNetwork } from './core/describe.js';
export type { BlockDescription, GroupDescription, NetworkDescription } from './core/describe.js';
export { convOutputSize, evaluateOp } from './core/ops.js';
export type { Op, OpKind, Shape } from './core/ops.js';
export { countNetwork, listNetwork, tallyCounts } from './core/walk.js';
export type { GroupWalk } from './core/walk.js';
export type { Tally } from './core/ops.js';
export { convLayer } from './core/layers.js';
export type { LayerRow, LayerType } from './core/layers.js';

export type { Counts } from './core/counts.js';
export { checkedAdd, checkedMul } from './core/safe-int.js';
export { DTYPES, DTYPE_BYTES, OPTIMIZERS, OPTIMIZER_STATES, bytesFor, trainingMemory } from './core/memory.js';
export type { Dtype, OptimizerName, Totals, TrainingMemory, TrainingOptions } from './core/memory.js';
export { KEEPS, keepsOf } from './core/ops.js';
export { receptiveFieldOf } from './core/field.js';
export type { ReceptiveField } from './core/field.js';

// The commands' cores: grid, block, fit and budgets.
export { computeGrid, GRID_METRICS, PAPER_GRID } from './core/grid.js';
export type { Grid, GridCell, GridMetric, GridOptions, GridRow, GridRowAxis } from './core/grid.js';
export { gridLaws } from './core/laws.js';
export type { GridLaws } from './core/laws.js';
export { compareBlockWidths, describeBlock } from './core/block-view.js';
export type { BlockView, BlockViewOptions, BlockViewSpec, WidthComparison } from './core/block-view.js';
export { fitWrn, FIT_OBJECTIVES } from './core/fit.js';
export type { FitCandidate, FitObjective, FitRequest, FitResult, FitShape } from './core/fit.js';
export { BUDGET_METRICS, budgetValues, checkBudget, withinBudget } from './core/budget.js';
export type { Budget, BudgetMetric, BudgetValues, MetricCheck } from './core/budget.js';

// Errors: one class, a machine-readable code, one formatter.
export { WrnError, isWrnError } from './core/errors.js';
export { formatIssue } from './core/messages.js';
export type { Issue, IssueCode } from './core/messages.js';
