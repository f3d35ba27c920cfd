import {
  PAPER_GRID,
  blockKind,
  compareBlockWidths,
  computeGrid,
  defaultGridDepths,
  describeBlock,
  gridLaws,
  isWrnError,
  listLayers,
  summarizeNetwork,
  trainingMemory,
  withModel,
} from '../core/index.js';
import type {
  BlockView,
  BlockViewOptions,
  DatasetName,
  Grid,
  GridLaws,
  GridMetric,
  NetworkOptions,
  NetworkSummary,
  NetworkWithLayers,
  TrainingMemory,
  WidthComparison,
} from '../core/index.js';
import { namedDataset, toNetworkOptions } from '../cli/network-options.js';
import type { ParsedNetworkOptions } from '../cli/network-options.js';
import { placeIssue } from './issues.js';
import { MAX_COMPARED, PAGE_OPTIONS, TABLE_OPTIONS, parseComparedName } from './options.js';
import type { PageState } from './state.js';

/*
 * What the page computes from its state, without touching the DOM: the same path
 * as the CLI's summary (each value through the CLI's parser, toNetworkOptions,
 * the core), with every refusal kept as a sentence and the control it belongs to.
 */

/** A sentence and the URL parameter of the control it is shown beside (undefined: the network as a whole). */
export interface Problem {
  readonly param: string | undefined;
  readonly message: string;
}

export interface PageValues {
  readonly network: ParsedNetworkOptions;
  readonly memory: number | undefined;
  readonly layers: boolean;
  readonly metric: GridMetric;
  readonly compare: string | undefined;
}

export type NetworkOptionsWithData = NetworkOptions & { readonly dataset: DatasetName };

/** The page's network, counted. */
export interface CountedNetwork {
  readonly values: PageValues;
  readonly options: NetworkOptionsWithData;
  /** The dataset a heading may name (undefined for a custom input). */
  readonly dataset: DatasetName | undefined;
  readonly summary: NetworkSummary;
  readonly training: TrainingMemory;
}

export interface Evaluation {
  readonly values: PageValues;
  /** Each sentence for a control: a value its parser refused, or the core's refusal of the network. */
  readonly problems: readonly Problem[];
  /** Undefined when a network option was refused: the page then shows no numbers rather than stale ones. */
  readonly network: CountedNetwork | undefined;
}

/** The core's refusal as a Problem placed at its control; anything else is a bug and propagates. */
function problemOf(error: unknown, given: ReadonlySet<string>): Problem {
  if (!isWrnError(error)) throw error;
  return { param: placeIssue(error.issue, given), message: error.message };
}

/** Options that shape the page's views but not its network: a refusal of one leaves the network counted. */
const VIEW_PARAMS: ReadonlySet<string> = new Set(['compare', 'metric', 'layers']);

/** Each given value through its option's parser. */
export function parseState(state: PageState): { values: PageValues; problems: Problem[] } {
  const problems: Problem[] = [];
  const parsed: Record<string, unknown> = {};
  for (const option of PAGE_OPTIONS) {
    const raw = state.get(option.param);
    if (raw === undefined) continue;
    const result = option.parse(raw);
    if (result.ok) parsed[option.key] = result.value;
    else problems.push({ param: option.param, message: result.message });
  }
  const network = Object.fromEntries(TABLE_OPTIONS.map((option) => [option.key, parsed[option.key]])) as ParsedNetworkOptions;
  const values: PageValues = {
    network,
    memory: parsed.memory as number | undefined,
    layers: parsed.layers === true,
    metric: (parsed.metric as GridMetric | undefined) ?? 'params',
    compare: parsed.compare as string | undefined,
  };
  return { values, problems };
}

/** The page's network: its summary and a training step, or why there is none. */
export function evaluate(state: PageState): Evaluation {
  const { values, problems } = parseState(state);
  if (problems.some((problem) => problem.param === undefined || !VIEW_PARAMS.has(problem.param))) {
    return { values, problems, network: undefined };
  }
  try {
    const options = toNetworkOptions(values.network);
    const summary = summarizeNetwork(options);
    const training = trainingMemory(summary.totals, summary.model.classes, {
      batch: values.network.batch,
      optimizer: values.network.optimizer,
      memoryBytes: values.memory,
    });
    return { values, problems, network: { values, options, dataset: namedDataset(options), summary, training } };
  } catch (error) {
    return { values, problems: [...problems, problemOf(error, new Set(state.keys()))], network: undefined };
  }
}

/** Every layer of the network, or the core's refusal (too many to list). */
export function layersOf(evaluation: CountedNetwork): { layers: NetworkWithLayers } | { problem: Problem } {
  try {
    return { layers: listLayers(evaluation.options) };
  } catch (error) {
    return { problem: problemOf(error, new Set(['layers'])) };
  }
}

function sortedUnique(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** The grid's shared network: the page's, depth, N, k (and the width per group, which k replaces) left to the grid. */
function gridNetwork(options: NetworkOptionsWithData): Omit<NetworkOptions, 'depth' | 'blocksPerGroup' | 'k'> {
  const merged = withModel(options);
  const { model: _model, depth: _depth, blocksPerGroup: _n, k: _k, widthPerGroup: _w, preset: _preset, ...network } = merged;
  return network;
}

export interface PageGrid {
  readonly grid: Grid;
  readonly laws: GridLaws;
  readonly dataset: DatasetName | undefined;
}

/**
 * The depth × width grid around the page's network: the paper's depths (torchvision's on
 * ImageNet) and widths, plus the network's own depth and k when they are not among them.
 */
export function gridOf(evaluation: CountedNetwork): PageGrid {
  const network = gridNetwork(evaluation.options);
  const { depth, k } = evaluation.summary.model;
  const training = { batch: evaluation.values.network.batch, optimizer: evaluation.values.network.optimizer };
  const ks = sortedUnique([...PAPER_GRID.ks, k]);
  const defaults = defaultGridDepths(network);
  const run = (rows: readonly number[]) => computeGrid({ rowAxis: 'depth', rows, ks, network, metric: evaluation.values.metric, training });
  let grid = run(sortedUnique([...defaults, depth]));
  // The network's own depth joins the rows only when the grid's network at that depth is the page's one.
  const row = grid.rows.indexOf(depth);
  if (!defaults.includes(depth) && grid.cells[row]?.[ks.indexOf(k)]?.ok !== true) grid = run(defaults);
  return { grid, laws: gridLaws(grid), dataset: namedDataset(evaluation.options) };
}

export interface CompareEntry {
  readonly name: string;
  readonly summary: NetworkSummary;
  readonly dataset: DatasetName | undefined;
  /** A training step at batch 1 with momentum, as the CLI's compare gives it. */
  readonly trainBytes: number;
}

/** The page's network first, then each compared model on the same data (dataset, input, channels, classes). */
export function compareOf(evaluation: CountedNetwork): { entries: CompareEntry[] } | { problem: Problem } {
  const first: CompareEntry = {
    name: evaluation.summary.model.name,
    summary: evaluation.summary,
    dataset: evaluation.dataset,
    trainBytes: trainingMemory(evaluation.summary.totals, evaluation.summary.model.classes, {}).totalBytes,
  };
  const names = (evaluation.values.compare ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length > MAX_COMPARED) {
    const message = `compare takes at most ${MAX_COMPARED} models beside this one (${MAX_COMPARED + 1} side by side), got ${names.length.toLocaleString('en-US')} names.`;
    return { problem: { param: 'compare', message } };
  }
  const { dataset, input, inChannels, classes } = evaluation.values.network;
  const entries = [first];
  for (const name of names) {
    const checked = parseComparedName(name);
    if (!checked.ok) return { problem: { param: 'compare', message: checked.message } };
    try {
      const options = toNetworkOptions({ model: name, dataset, input, inChannels, classes });
      const summary = summarizeNetwork(options);
      const trainBytes = trainingMemory(summary.totals, summary.model.classes, {}).totalBytes;
      entries.push({ name, summary, dataset: namedDataset(options), trainBytes });
    } catch (error) {
      const problem = problemOf(error, new Set());
      const message = problem.message.startsWith('Model ') ? problem.message : `'${name}': ${problem.message}`;
      return { problem: { param: 'compare', message } };
    }
  }
  return { entries };
}

export interface PageBlock {
  readonly options: BlockViewOptions;
  /** The first block of the first group, at the network's width. */
  readonly view: BlockView;
  /** The same block at the grid's widths: its cost against k. */
  readonly rows: readonly WidthComparison[];
}

/** The single-block view of the page's network: its first group's first block, and how it grows with k. */
export function blockOf(evaluation: CountedNetwork): { block: PageBlock } | { problem: Problem } {
  const { model, groups } = evaluation.summary;
  const [stem, first] = groups;
  if (stem === undefined || first === undefined) return { problem: { param: undefined, message: 'The network has no group of blocks.' } };
  const bottleneck = blockKind(model.block).separateInnerWidth;
  const options: BlockViewOptions = {
    inChannels: stem.width,
    k: model.k,
    ...(bottleneck ? { outChannels: first.width, groups: model.groups, bottleneckStride: model.bottleneckStride } : {}),
    kernels: model.block,
    order: model.order,
    shortcut: model.shortcut,
    stride: 1,
    input: [stem.output[1] ?? 1, stem.output[2] ?? 1],
    convBias: model.convBias,
    dropout: model.dropout,
  };
  try {
    const view = describeBlock(options);
    const rows = compareBlockWidths(options, sortedUnique([...PAPER_GRID.ks, model.k]));
    return { block: { options, view, rows } };
  } catch (error) {
    return { problem: problemOf(error, new Set(['block'])) };
  }
}
