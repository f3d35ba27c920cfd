import { formatBlocksPerGroup, formatInteger } from '../cli/format.js';
import { byId, fill, h } from './dom.js';
import { blockOf, compareOf, evaluate, gridOf } from './evaluate.js';
import type { CountedNetwork, Evaluation, PageGrid, Problem } from './evaluate.js';
import { buildForm, field, setFieldValues, showDefaults, showProblems } from './fields.js';
import type { FieldEvents } from './fields.js';
import { COMPARE_OPTION, METRIC_OPTION } from './options.js';
import { describeIgnored, readQuery, withValue, writeQuery } from './state.js';
import type { PageState } from './state.js';
import { renderBlock } from './views/block.js';
import { drawInto } from './views/charts.js';
import { renderCompare } from './views/compare.js';
import { renderHeatMap } from './views/grid.js';
import { renderLayers } from './views/layers.js';
import type { LayersSection } from './views/layers.js';
import { renderGroups, renderSummary, renderTraining } from './views/summary.js';

/*
 * The page: its state lives in the URL (the CLI's option names), every change
 * recounts at once what a keystroke needs (the summary, the groups, the training
 * step), and the rest (layers, heat map, comparison, block, charts) follows in
 * later tasks so that typing stays within a frame. Timings are left as
 * performance measures (wrn:first-totals, wrn:recompute, wrn:grid, wrn:charts),
 * which the browser test and `npm run bench` read.
 */

/** The views below the summary wait until typing pauses this long, so that a burst of keys does not queue behind them. */
const VIEWS_DELAY_MS = 60;
/** Charts wait longer: Plot takes more than a frame. */
const CHART_DELAY_MS = 120;

let state: PageState = new Map();
/** The text field whose edit has already added a history entry: later keystrokes replace it. */
let editing: string | undefined;
let evaluation: Evaluation | undefined;
let viewProblems: Problem[] = [];
let viewsTimer: ReturnType<typeof setTimeout> | undefined;
let chartsTimer: ReturnType<typeof setTimeout> | undefined;
let gridKey = '';
let pageGrid: PageGrid | undefined;
let focusCurrentCell = false;
let firstPaint = true;

let pendingRecord: 'push' | 'replace' | undefined;

/** Writes the state into the address bar: a new history entry, or the current one replaced. */
function writeUrl(): void {
  const mode = pendingRecord;
  pendingRecord = undefined;
  const query = writeQuery(state);
  if (mode === undefined || query === location.search) return;
  const url = query === '' ? location.pathname : query;
  if (mode === 'push') history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

/**
 * The URL follows the numbers, in the task after them: the history API costs milliseconds
 * a keystroke's frame does not have. A push waiting to be written stays a push.
 */
function record(mode: 'push' | 'replace'): void {
  if (pendingRecord === 'push' && mode === 'replace') return;
  pendingRecord = mode;
  setTimeout(writeUrl, 0);
}

/** What an absent option means for this network, shown as placeholders and `default (…)`. */
function defaultsOf(network: CountedNetwork | undefined): Map<string, string> {
  if (network === undefined) return new Map();
  const m = network.summary.model;
  const [channels, height, width] = m.input;
  return new Map([
    ['model', m.name],
    ['family', m.family],
    ['depth', String(m.depth)],
    ['k', String(m.k)],
    ['blocks-per-group', formatBlocksPerGroup(m.blocksPerGroup)],
    // The --block option's spelling: a kind's name, or a basic block's kernel sizes.
    ['block', typeof m.block === 'string' ? m.block : m.block.join(',')],
    ['groups', String(m.groups ?? 1)],
    ['width-per-group', m.widthPerGroup === undefined ? '' : String(m.widthPerGroup)],
    ['bottleneck-stride', m.bottleneckStride ?? ''],
    ['order', m.order],
    ['shortcut', m.shortcut],
    ['depth-rule', m.depthRule],
    ['dataset', network.options.dataset],
    ['input', height === width ? String(height) : `${height}x${width}`],
    ['in-channels', String(channels)],
    ['classes', String(m.classes)],
    ['dropout', String(m.dropout)],
    ['batch', String(network.training.batch)],
    ['optimizer', network.training.optimizer],
    ['memory', 'e.g. 16GiB'],
    ['compare', 'e.g. WRN-40-4,resnet50'],
    ['metric', 'params'],
  ]);
}

const layersSection = (): LayersSection => ({ button: byId<HTMLButtonElement>('layers-toggle'), body: byId('layers-body') });

/** A bug, not bad input: said in place of the numbers, rather than a blank page or a silent one. */
function showInternalError(error: unknown): void {
  evaluation = undefined;
  fill(
    byId('summary'),
    h('h2', { id: 'summary-title' }, 'Internal error'),
    h('p', { className: 'refusal' }, `wrn-calc failed: ${String(error)} (please report it).`),
  );
}

/** The summary, the groups and the training step of the state's network (or its refusals). */
function renderAnswer(): void {
  evaluation = evaluate(state);
  const network = evaluation.network;
  showProblems(evaluation.problems);
  renderSummary(byId('summary'), network, evaluation.problems, state);
  renderGroups(byId('groups'), network);
  renderTraining(byId('training'), network);
  showDefaults(defaultsOf(network));
  document.title = network === undefined ? 'No network · wrn-calc' : `${network.summary.model.name} · wrn-calc`;
  byId('status').textContent =
    network === undefined
      ? `No network: ${evaluation.problems[0]?.message ?? ''}`
      : `${network.summary.model.name}: ${formatInteger(network.summary.totals.params)} params`;
}

/** What a keystroke needs, at once: parse, count, and show the summary, groups and training step. */
function update(start: number, typing = false): void {
  try {
    renderAnswer();
  } catch (error) {
    showInternalError(error);
    return;
  }
  performance.measure('wrn:recompute', { start, end: performance.now() });
  clearTimeout(viewsTimer);
  if (firstPaint) {
    // The first numbers are painted before anything else is drawn: the views wait for that frame.
    firstPaint = false;
    requestAnimationFrame(() => {
      performance.mark('wrn:first-totals');
      viewsTimer = setTimeout(safeViews, 0);
    });
  } else viewsTimer = setTimeout(safeViews, typing ? VIEWS_DELAY_MS : 0);
}

/** The heat map, recomputed only when its network or metric changed (depth and k only move its highlight). */
function renderGrid(network: CountedNetwork): void {
  const start = performance.now();
  const { depth: _depth, blocksPerGroup: _n, k: _k, ...shape } = network.options;
  const key = JSON.stringify([shape, network.values.metric, network.values.network.batch, network.values.network.optimizer]);
  const recount = key !== gridKey || pageGrid === undefined;
  if (recount) {
    pageGrid = gridOf(network);
    gridKey = key;
  }
  const { depth, k } = network.summary.model;
  renderHeatMap(byId('grid-map'), pageGrid as PageGrid, { depth, k }, { select: selectCell });
  if (focusCurrentCell) {
    focusCurrentCell = false;
    byId('grid-map').querySelector<HTMLButtonElement>('button[aria-current="true"]')?.focus();
  }
  // wrn:grid is a heat map counted and drawn; moving only its highlight (depth or k changed) is not measured.
  if (recount) performance.measure('wrn:grid', { start, end: performance.now() });
}

function safeViews(): void {
  try {
    renderViews();
  } catch (error) {
    showInternalError(error);
  }
  if (!warmedUp) setTimeout(warmUp, CHART_DELAY_MS);
}

/** The views after the summary: layers, heat map, comparison, block; then the charts once typing pauses. */
function renderViews(): void {
  const network = evaluation?.network;
  viewProblems = [];
  const layersProblem = renderLayers(layersSection(), network, evaluation?.values.layers === true);
  if (layersProblem !== undefined) viewProblems.push(layersProblem);
  if (network === undefined) {
    pageGrid = undefined;
    gridKey = '';
    for (const id of ['grid-chart', 'compare-chart', 'block-chart']) fill(byId(id));
    for (const id of ['grid-map', 'compare-table', 'block-body'])
      fill(byId(id), h('p', { className: 'note' }, 'No network: the options say why.'));
    return;
  }
  renderGrid(network);
  const compared = compareOf(network);
  if ('problem' in compared) {
    viewProblems.push(compared.problem);
    fill(byId('compare-table'));
  } else renderCompare(byId('compare-table'), compared.entries);
  const block = blockOf(network);
  if ('problem' in block) {
    viewProblems.push(block.problem);
    fill(byId('block-body'), h('p', { className: 'note' }, block.problem.message));
  } else renderBlock(byId('block-body'), block.block);
  showProblems([...(evaluation?.problems ?? []), ...viewProblems]);
  clearTimeout(chartsTimer);
  chartsTimer = setTimeout(() => void renderCharts(), document.documentElement.dataset.charts === undefined ? 0 : CHART_DELAY_MS);
}

async function renderCharts(): Promise<void> {
  const network = evaluation?.network;
  if (network === undefined || pageGrid === undefined) return;
  const start = performance.now();
  await drawInto(byId('grid-chart'), { kind: 'grid', ...pageGrid });
  const compared = compareOf(network);
  if ('entries' in compared && compared.entries.length > 1) {
    const entries = compared.entries.map(({ summary, trainBytes, dataset }) => ({
      model: summary.model,
      totals: summary.totals,
      trainBytes,
      dataset,
    }));
    await drawInto(byId('compare-chart'), { kind: 'compare', entries });
  } else fill(byId('compare-chart'));
  const block = blockOf(network);
  if ('block' in block) await drawInto(byId('block-chart'), { kind: 'block', spec: block.block.view.spec, rows: block.block.rows });
  else fill(byId('block-chart'));
  performance.measure('wrn:charts', { start, end: performance.now() });
  document.documentElement.dataset.charts = 'drawn';
}

let warmedUp = false;

/**
 * Once, after the first views: count the networks a first keystroke in depth or k leads
 * to (a depth that does not fit, another WRN), so that V8 has compiled those paths
 * before the reader types rather than during their first keystroke. Nothing is shown.
 */
function warmUp(): void {
  if (warmedUp) return;
  warmedUp = true;
  for (const search of ['?depth=1', '?depth=16&k=8', '?k=1.5&blocks-per-group=2']) evaluate(readQuery(search).state);
}

function set(param: string, value: string | undefined): void {
  state = withValue(state, param, value === '' && param !== 'layers' ? undefined : value);
}

/** A heat-map cell shows its network: its depth and k (blocks per group would contradict the depth). */
function selectCell(depth: number, k: number): void {
  editing = undefined;
  set('depth', String(depth));
  set('k', String(k));
  set('blocks-per-group', undefined);
  setFieldValues(state);
  record('push');
  focusCurrentCell = true;
  update(performance.now());
}

const events: FieldEvents = {
  input(param, value, event) {
    set(param, value.trim());
    // The first keystroke of an edit adds a history entry; the rest of the edit replaces it, so back undoes the edit.
    record(editing === param ? 'replace' : 'push');
    editing = param;
    update(event.timeStamp, true);
  },
  commit(param, value, event) {
    const endOfEdit = editing === param;
    editing = undefined;
    // A text field's change event ends an edit whose keystrokes were already counted.
    if (endOfEdit) return;
    set(param, value);
    record('push');
    update(event.timeStamp);
  },
};

function showIgnored(names: readonly string[]): void {
  const notice = byId('ignored');
  const text = describeIgnored(names);
  notice.textContent = text ?? '';
  notice.hidden = text === undefined;
}

function boot(): void {
  const start = performance.now();
  buildForm(byId<HTMLFormElement>('network-form'), events);
  fill(byId('grid-controls'), field(METRIC_OPTION, events));
  fill(byId('compare-controls'), field(COMPARE_OPTION, events));
  const query = readQuery(location.search);
  state = query.state;
  showIgnored(query.ignored);
  setFieldValues(state);
  byId('layers-toggle').addEventListener('click', () => {
    set('layers', evaluation?.values.layers === true ? undefined : '');
    record('push');
    update(performance.now());
  });
  window.addEventListener('popstate', () => {
    editing = undefined;
    pendingRecord = undefined;
    const next = readQuery(location.search);
    state = next.state;
    showIgnored(next.ignored);
    setFieldValues(state);
    update(performance.now());
  });
  update(start);
}

boot();
