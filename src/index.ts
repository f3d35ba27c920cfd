/**
 * The library API of wrn-calc: one function per need, all pure (no I/O) and exact.
 * docs/library.md documents it.
 */

// One network: options → resolved spec → its summary, its listing, its totals, its receptive field.
export { resolveNetwork, summarizeNetwork, listLayers, totalsOfSpec, receptiveField } from './core/index.js';
export type {
  NetworkOptions,
  NetworkSpec,
  NetworkSummary,
  NetworkWithLayers,
  GroupSummary,
  GroupName,
  LayerRow,
  LayerType,
  Counts,
  Totals,
  ReceptiveField,
  Shape,
} from './core/index.js';

// What a training step keeps in memory at a batch.
export { trainingMemory } from './core/index.js';
export type { TrainingMemory, TrainingOptions, OptimizerName } from './core/index.js';

// The network's description (stem ops, each group's first and repeated block, head ops), as code generators read it.
export { describeNetwork } from './core/index.js';
export type { NetworkDescription, GroupDescription, BlockDescription, Op, OpKind } from './core/index.js';

// Many networks: the depth × width grid and its laws, a search within a budget, a budget check, one block on its own.
export { computeGrid, gridLaws, fitToBudget, checkBudget, budgetValues, describeBlock, compareBlockWidths } from './core/index.js';
export type {
  Grid,
  GridCell,
  GridMetric,
  GridOptions,
  GridRow,
  GridRowAxis,
  GridLaws,
  FitCandidate,
  FitObjective,
  FitRequest,
  FitResult,
  FitShape,
  Budget,
  BudgetMetric,
  BudgetValues,
  MetricCheck,
  BlockView,
  BlockViewOptions,
  WidthComparison,
} from './core/index.js';

// The names a caller may use.
export {
  PRESETS,
  PRESET_NAMES,
  DATASETS,
  DATASET_NAMES,
  FAMILIES,
  FAMILY_NAMES,
  ORDERS,
  SHORTCUTS,
  BOTTLENECK_STRIDES,
  DEPTH_RULES,
  OPTIMIZERS,
  GRID_METRICS,
  BUDGET_METRICS,
  FIT_OBJECTIVES,
} from './core/index.js';
export type { PresetName, DatasetName, FamilyName, Order, Shortcut, BlockType, BottleneckStride, DepthRuleName } from './core/index.js';

// Errors: one class, a machine-readable code, one formatter.
export { WrnError, isWrnError, formatIssue } from './core/index.js';
export type { Issue, IssueCode } from './core/index.js';
