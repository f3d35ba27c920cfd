/*
 * What the rest of wrn-calc (the CLI, the page, the library entry) may use of the
 * core: an explicit list. Walker internals stay inside.
 */
export { smallestBatchNormMap, smallestTrainableBatch } from './batch-norm.js';
export { BLOCK_KINDS, BOTTLENECK_EXPANSION, BOTTLENECK_STRIDES, MAX_BLOCK_LENGTH, blockKind } from './blocks.js';
export type { BlockKind, BlockKindName, BlockType, BlockWidths, BottleneckStride, ConvPlan } from './blocks.js';
export { BLOCK_VIEW_DEFAULTS, MAX_COMPARED_WIDTHS, compareBlockWidths, describeBlock } from './block-view.js';
export type { BlockView, BlockViewOptions, BlockViewSpec, WidthComparison } from './block-view.js';
export {
  BUDGET_METRICS,
  METRIC_QUANTITY,
  METRIC_TOTAL,
  budgetValues,
  budgetedMetrics,
  checkBudget,
  headroomPercent,
  withinBudget,
} from './budget.js';
export type { Budget, BudgetMetric, BudgetValues, MetricCheck, Quantity } from './budget.js';
export type { Counts } from './counts.js';
export { DATASETS, DATASET_NAMES } from './datasets.js';
export type { DatasetName } from './datasets.js';
export { DEPTH_RULES, IMAGENET_DEPTHS, IMAGENET_DEPTH_LIST, depthOf } from './depth.js';
export type { DepthRuleName } from './depth.js';
export { describeNetwork, groupName } from './describe.js';
export type { BlockDescription, GroupDescription, NetworkDescription, Padding } from './describe.js';
export { WrnError, isWrnError } from './errors.js';
export { FAMILIES, FAMILY_NAMES, ORDERS, SHORTCUTS, stemStride } from './families.js';
export type { FamilyDefinition, FamilyName, Order, OrderConventions, Shortcut } from './families.js';
export type { ReceptiveField } from './field.js';
export { FIT_OBJECTIVES, MAX_FIT_PAIRS, compareCandidates, fitToBudget, paretoFront, validFitAxes } from './fit.js';
export type { FitAxes, FitCandidate, FitObjective, FitRequest, FitResult, FitShape } from './fit.js';
export {
  DEEPENING_KERNEL,
  DEFAULT_FIXED_DEPTH,
  GRID_METRICS,
  GRID_ROW_AXES,
  MAX_GRID_CELLS,
  PAPER_GRID,
  computeGrid,
  defaultGridDepths,
  depthStepPerBlock,
  metricValue,
  validCells,
} from './grid.js';
export type { Grid, GridCell, GridMetric, GridOptions, GridRow, GridRowAxis, InvalidGridCell, ValidGridCell } from './grid.js';
export type { LayerRow, LayerType } from './layers.js';
export { fitCommonExponent, fitLine, gridLaws } from './laws.js';
export type { GridLaws, LineFit, Point, PowerLawFit, RowLaw } from './laws.js';
export { DTYPES, DTYPE_BYTES, OPTIMIZERS, OPTIMIZER_STATES, TRAINING_DEFAULTS, bytesFor, deriveTotals, trainingMemory } from './memory.js';
export type { Dtype, OptimizerName, Totals, TrainingMemory, TrainingOptions } from './memory.js';
export { clip, escapeControl, formatIssue, formatShape, groupThousands, quote } from './messages.js';
export type { Issue, IssueCode } from './messages.js';
export { blockNotation, structureNotation } from './notation.js';
export {
  GROUP_NAMES,
  MAX_LISTED_LAYERS,
  groupOf,
  listLayers,
  receptiveField,
  summarizeNetwork,
  summarizeSpec,
  totalsOfSpec,
} from './network.js';
export type { GroupName, GroupSummary, ModelTotals, NetworkSummary, NetworkWithLayers } from './network.js';
export { convOutputSize, layerTypeText } from './ops/index.js';
export type { Op, OpKind, OpKindEntry, OpOfKind } from './ops/index.js';
export { PRESETS, PRESET_NAMES, closestModelNames, resolveModelName } from './presets.js';
export type { PresetName } from './presets.js';
export { checkedAdd, checkedMul } from './safe-int.js';
export { datasetOf, familyOf, resolveNetwork, withModel } from './spec.js';
export type { NetworkOptions, NetworkSpec } from './spec.js';
export type { Shape, Tensor, TensorShape } from './tensor.js';
export { walkNetwork } from './walk.js';
export type { OpVisit, Part, PartVisit, WalkVisitor } from './walk.js';
