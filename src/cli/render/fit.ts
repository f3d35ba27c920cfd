import { budgetValues, budgetedMetrics, formatShape } from '../../core/index.js';
import type { Budget, BudgetMetric, DatasetName, FitCandidate, FitObjective, FitResult, FitShape } from '../../core/index.js';
import { METRIC_TOTAL } from '../../core/index.js';
import { formatBlock, formatBlocksPerGroup, formatInteger } from '../format.js';
import type { Paint } from '../paint.js';
import { renderMarkdownTable } from './markdown.js';
import { METRIC_LABEL, formatMetricValue } from './metrics.js';
import { renderTable } from './table.js';
import type { Align } from './table.js';

/** What `fit` found, and what it was asked (for the header and the notes). */
export interface FitReport {
  readonly result: FitResult;
  readonly budget: Budget;
  readonly dataset: DatasetName;
  readonly shape: FitShape;
  readonly objective: FitObjective;
  readonly pareto: boolean;
  readonly top: number;
  /** The --depth and --k values as given, e.g. `10:100`. */
  readonly ranges: { readonly depth: string; readonly k: string };
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

function header(report: FitReport): string {
  const { shape } = report;
  const input = shape.input === undefined ? '' : `${formatShape(shape.input)}, `;
  const data = `${report.dataset} (${input}${shape.classes ?? 10} classes)`;
  return `Budget: ${describeBudget(report.budget)} · block ${formatBlock(shape.block ?? [3, 3])} · ${data} · depth ${report.ranges.depth} × k ${report.ranges.k}`;
}

function notes(report: FitReport): string[] {
  const { result } = report;
  const lines: string[] = [];
  const ranked = `ranked by ${report.objective}, largest first`;
  if (result.candidates.length === 0) {
    lines.push(`Nothing fits: ${result.evaluated === 1 ? 'the one valid (depth, k) pair is not' : `none of the ${formatInteger(result.evaluated)} valid (depth, k) pairs is`} within the budget.`);
  } else if (report.pareto) {
    lines.push(`${result.candidates.length} on the Pareto front (more params, fewer MACs) of the ${formatInteger(result.within)} of ${formatInteger(result.evaluated)} valid (depth, k) pairs that fit; ${ranked}.`);
  } else {
    const shown = result.candidates.length < result.within ? `the top ${result.candidates.length}, ${ranked}` : `all, ${ranked}`;
    const pairs = `${formatInteger(result.within)} of ${formatInteger(result.evaluated)} valid (depth, k) pair${result.evaluated === 1 ? '' : 's'}`;
    lines.push(`${pairs} ${result.within === 1 ? 'fits' : 'fit'}; showing ${shown}.`);
  }
  const block = formatBlock(report.shape.block ?? [3, 3]);
  if (result.skippedDepths.length > 0) lines.push(`Skipped ${result.skippedDepths.length} depth${result.skippedDepths.length === 1 ? '' : 's'} that do not fit ${block}.`);
  const ks = result.skippedKs;
  if (ks.length > 0) lines.push(`Skipped ${ks.length <= 6 ? `k = ${ks.join(', ')}` : `${ks.length} values of k`}: widths 16k, 32k, 64k not whole.`);
  if (result.tooLarge > 0) lines.push(`Left out ${result.tooLarge} pair${result.tooLarge === 1 ? '' : 's'} too large to count exactly (above MAX_SAFE_INTEGER).`);
  return lines;
}

function rows(report: FitReport): { head: string[]; body: string[][]; aligns: Align[] } {
  const metrics = columns(report.budget);
  const head = ['#', 'model', 'depth', 'k', 'N', ...metrics.map((metric) => METRIC_LABEL[metric])];
  const body = report.result.candidates.map((candidate: FitCandidate, index) => [
    String(index + 1),
    candidate.model.name,
    String(candidate.model.depth),
    String(candidate.model.k),
    formatBlocksPerGroup(candidate.model.blocksPerGroup),
    ...metrics.map((metric) => formatMetricValue(metric, budgetValues(candidate.totals, candidate.training)[METRIC_TOTAL[metric]])),
  ]);
  const aligns: Align[] = ['right', 'left', 'right', 'right', 'right', ...metrics.map((): Align => 'right')];
  return { head, body, aligns };
}

export function renderFitTable(report: FitReport, paint: Paint): string {
  const { head, body, aligns } = rows(report);
  const sections = [paint.bold(header(report))];
  if (body.length > 0) sections.push(renderTable(head, body.map(([rank = '', name = '', ...rest]) => [rank, paint.cyan(name), ...rest]), aligns));
  sections.push(notes(report).map((line) => paint.dim(line)).join('\n'));
  return `${sections.join('\n\n')}\n`;
}

export function renderFitMarkdown(report: FitReport): string {
  const { head, body, aligns } = rows(report);
  const sections = [`**wrn-calc fit**: ${header(report)}`];
  if (body.length > 0) sections.push(renderMarkdownTable(head, body, aligns).trimEnd());
  sections.push(...notes(report));
  return `${sections.join('\n\n')}\n`;
}
