import { FAMILIES, IMAGENET_DEPTH_LIST, budgetValues, budgetedMetrics, familyOf, formatShape } from '../../core/index.js';
import type { Budget, BudgetMetric, DatasetName, FitCandidate, FitObjective, FitResult, FitShape } from '../../core/index.js';
import { METRIC_TOTAL } from '../../core/index.js';
import { describeBlockOf, describeInput, formatBlocksPerGroup, formatInteger, widthsInK } from '../format.js';
import type { Layout } from '../layout.js';
import type { Paint } from '../paint.js';
import { renderMarkdownTable } from './markdown.js';
import { METRIC_LABEL, METRIC_SHORT_LABEL, formatExactValue, formatMetricValue, formatReadableValue } from './metrics.js';
import { columnsOf } from './table.js';
import type { Align, Shrink } from './table.js';
import { joinParts, wrapLine } from './wrap.js';

/** What `fit` found, and what it was asked (for the header and the notes). */
export interface FitReport {
  readonly result: FitResult;
  readonly budget: Budget;
  /** The dataset whose input and classes the networks have, or undefined when they are custom. */
  readonly dataset: DatasetName | undefined;
  readonly shape: FitShape;
  readonly objective: FitObjective;
  readonly pareto: boolean;
  readonly top: number;
  /** The --depth and --k values as given, e.g. `10:100`. */
  readonly ranges: { readonly depth: string; readonly k: string };
  /** The largest depth and k searched, and the flags that widen each (no depth for ImageNet's table). */
  readonly edges: {
    readonly depth: { readonly largest: number; readonly widen: string } | undefined;
    readonly k: { readonly largest: number; readonly widen: string };
  };
}

function namesOf(candidates: readonly FitCandidate[]): string {
  const names = candidates.map((candidate) => candidate.model.name);
  if (names.length <= 3) return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

/**
 * When a network shown (the best ones, or the Pareto front) sits at the largest depth
 * or k searched, larger ones may fit the budget too: the range, not the budget, ended
 * the search there. One sentence says so and gives the flags that widen it.
 */
function clippedNote(report: FitReport): string | undefined {
  const { candidates } = report.result;
  const { depth, k } = report.edges;
  const atDepth = depth === undefined ? [] : candidates.filter((candidate) => candidate.model.depth === depth.largest);
  const atK = candidates.filter((candidate) => candidate.model.k === k.largest);
  if (atDepth.length === 0 && atK.length === 0) return undefined;
  const where: string[] = [];
  if (depth !== undefined && atDepth.length > 0) where.push(`${namesOf(atDepth)} at the largest depth searched (${depth.largest})`);
  if (atK.length > 0) where.push(`${namesOf(atK)} at the largest k searched (${k.largest})`);
  const flags = [...(atDepth.length > 0 && depth !== undefined ? [depth.widen] : []), ...(atK.length > 0 ? [k.widen] : [])];
  return `The range, not the budget, ended the search: ${where.join(', and ')}; larger networks may fit too. Widen it: ${flags.join(' ')}.`;
}

/** params and MACs always; any other budgeted metric too. */
function columns(budget: Budget): BudgetMetric[] {
  return [...new Set<BudgetMetric>(['params', 'macs', ...budgetedMetrics(budget)])];
}

function describeBudget(budget: Budget): string {
  return budgetedMetrics(budget)
    .map((metric) => `${METRIC_LABEL[metric]} ≤ ${formatMetricValue(metric, budget[metric] ?? 0)}`)
    .join(', ');
}

function headerParts(report: FitReport): string[] {
  const { shape } = report;
  const input = shape.input === undefined ? '' : `${formatShape(shape.input)}, `;
  // `cifar10 (3×32×32, 10 classes)`; with its input or classes replaced, `custom input 3×64×64, 7 classes`.
  const data =
    report.dataset === undefined
      ? `${describeInput(shape.input ?? [], undefined)}, ${shape.classes ?? 10} classes`
      : `${report.dataset} (${input}${shape.classes ?? 10} classes)`;
  return [
    `Budget: ${describeBudget(report.budget)}`,
    `block ${describeBlockOf(shape)}`,
    data,
    `depth ${report.ranges.depth} × k ${report.ranges.k}`,
  ];
}

/** What a depth must fit: a depth rule's block, or a table's depths. */
function fitsWhat(shape: FitShape): string {
  const family = FAMILIES[familyOf(shape)];
  return family.depthTable ? `torchvision's table (${IMAGENET_DEPTH_LIST.join(', ')})` : describeBlockOf(shape);
}

function notes(report: FitReport): string[] {
  const { result } = report;
  const lines: string[] = [];
  const ranked = `ranked by ${report.objective}, largest first`;
  if (result.candidates.length === 0) {
    lines.push(
      `Nothing fits: ${result.evaluated === 1 ? 'the one valid (depth, k) pair is not' : `none of the ${formatInteger(result.evaluated)} valid (depth, k) pairs is`} within the budget.`,
    );
  } else if (report.pareto) {
    lines.push(
      `${result.candidates.length} on the Pareto front (more params, fewer MACs) of the ${formatInteger(result.within)} of ${formatInteger(result.evaluated)} valid (depth, k) pairs that fit; ${ranked}.`,
    );
  } else {
    const shown = result.candidates.length < result.within ? `the top ${result.candidates.length}, ${ranked}` : `all, ${ranked}`;
    const pairs = `${formatInteger(result.within)} of ${formatInteger(result.evaluated)} valid (depth, k) pair${result.evaluated === 1 ? '' : 's'}`;
    lines.push(`${pairs} ${result.within === 1 ? 'fits' : 'fit'}; showing ${shown}.`);
  }
  const clipped = clippedNote(report);
  if (clipped !== undefined) lines.push(clipped);
  const skipped = result.skippedDepths.length;
  if (skipped > 0)
    lines.push(
      `Skipped ${skipped} depth${skipped === 1 ? '' : 's'} that ${skipped === 1 ? 'does' : 'do'} not fit ${fitsWhat(report.shape)}.`,
    );
  const ks = result.skippedKs;
  if (ks.length > 0)
    lines.push(
      `Skipped ${ks.length <= 6 ? `k = ${ks.join(', ')}` : `${ks.length} values of k`}: widths ${widthsInK(report.shape)} not whole.`,
    );
  if (result.tooLarge > 0)
    lines.push(`Left out ${result.tooLarge} pair${result.tooLarge === 1 ? '' : 's'} too large to count exactly (above MAX_SAFE_INTEGER).`);
  return lines;
}

function rows(
  report: FitReport,
  format: typeof formatMetricValue = formatMetricValue,
): { head: string[]; body: string[][]; aligns: Align[] } {
  const metrics = columns(report.budget);
  const head = ['#', 'model', 'depth', 'k', 'N', ...metrics.map((metric) => METRIC_LABEL[metric])];
  const body = report.result.candidates.map((candidate: FitCandidate, index) => [
    String(index + 1),
    candidate.model.name,
    String(candidate.model.depth),
    String(candidate.model.k),
    formatBlocksPerGroup(candidate.model.blocksPerGroup),
    ...metrics.map((metric) => format(metric, budgetValues(candidate.totals, candidate.training)[METRIC_TOTAL[metric]])),
  ]);
  const aligns: Align[] = ['right', 'left', 'right', 'right', 'right', ...metrics.map((): Align => 'right')];
  return { head, body, aligns };
}

/**
 * In a narrow terminal the ranking gives up N, k and depth (the model's name,
 * WRN-d-k, says them), then the readable form beside each exact count
 * (`8,949,210` without `(8.95M)`), and then the exact counts for the readable
 * forms alone (`8.95M`, `15.92 GiB`), every metric column in the same step; the
 * rank, the name and every budgeted metric stay. A ranking still too wide is split
 * into panels, each repeating the rank and the name.
 */
function fitShrink(budget: Budget): Shrink[] {
  const metrics = columns(budget).map((metric) => METRIC_LABEL[metric]);
  return [{ drop: 'N' }, { drop: 'k' }, { drop: 'depth' }, { shorten: metrics }, { shorten: metrics }];
}

export function renderFitTable(report: FitReport, paint: Paint, layout: Layout): string {
  const { head, body, aligns } = rows(report);
  const sections = [paint.bold(joinParts(headerParts(report), ' · ', layout.width))];
  if (body.length > 0) {
    const name = (cells: readonly string[]) => cells.map((cell, index) => (index === 1 ? paint.cyan(cell) : cell));
    const exact = columnsOf(head, head, aligns, rows(report, formatExactValue).body);
    const readable = columnsOf(head, head, aligns, rows(report, formatReadableValue).body);
    const metrics = columns(report.budget);
    const columnsShown = columnsOf(head, head, aligns, body.map(name)).map((column, index) => {
      if (index < 5) return column;
      const metric = metrics[index - 5];
      const shortHead = metric === undefined ? column.head : METRIC_SHORT_LABEL[metric];
      return { ...column, shorter: [{ cells: exact[index]?.cells ?? [] }, { head: shortHead, cells: readable[index]?.cells ?? [] }] };
    });
    // Many budgeted metrics: stacked panels that repeat the rank and the name, rather than cut cells.
    sections.push(layout.table({ columns: columnsShown, shrink: fitShrink(report.budget), panels: { repeat: 2 } }));
  }
  sections.push(
    notes(report)
      .map((line) => paint.dim(wrapLine(line, layout.width)))
      .join('\n'),
  );
  return `${sections.join('\n\n')}\n`;
}

export function renderFitMarkdown(report: FitReport): string {
  const { head, body, aligns } = rows(report);
  const sections = [`**wrn-calc fit**: ${headerParts(report).join(' · ')}`];
  if (body.length > 0) sections.push(renderMarkdownTable(head, body, aligns).trimEnd());
  sections.push(...notes(report));
  return `${sections.join('\n\n')}\n`;
}
