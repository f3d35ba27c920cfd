import type { CheckReport, ModelCheck } from '../check-report.js';
import { overBudget } from '../check-report.js';
import type { Layout } from '../layout.js';
import type { Paint } from '../paint.js';
import { renderMarkdownTable } from './markdown.js';
import type { BudgetMetric } from '../../core/index.js';
import { METRIC_LABEL, METRIC_SHORT_LABEL, formatExactValue, formatHeadroom, formatMetricValue, formatReadableValue } from './metrics.js';
import { columnsOf } from './table.js';
import type { Align, ColumnForm, Shrink } from './table.js';
import { wrapLine } from './wrap.js';

const HEAD = ['model', 'metric', 'value', 'budget', 'headroom', 'status'] as const;
const ALIGNS: readonly Align[] = ['left', 'left', 'right', 'right', 'right', 'left'];

/**
 * In a narrow terminal the report keeps every row and gives up, in this order:
 * the readable form beside each exact value and budget (`36,479,194` without
 * `(36.5M)`), the `(fp32)` of the byte metrics' names, the exact value and budget
 * for the readable form alone (`36.5M`), the headroom (the status still says ok
 * or OVER), and last it wraps the model names. The status is never dropped.
 */
const CHECK_SHRINK: readonly Shrink[] = [
  { shorten: 'value' },
  { shorten: 'budget' },
  { shorten: 'metric' },
  { shorten: 'value' },
  { shorten: 'budget' },
  { drop: 'headroom' },
  { wrap: 'model', min: 8 },
];

function rows(
  report: CheckReport,
  status: (ok: boolean) => string,
  format: (metric: BudgetMetric, value: number) => string = formatMetricValue,
  label: (metric: BudgetMetric) => string = (metric) => METRIC_LABEL[metric],
): string[][] {
  return report.models.flatMap((model) =>
    model.checks.map((check) => [
      model.name,
      label(check.metric),
      format(check.metric, check.value),
      format(check.metric, check.budget),
      formatHeadroom(check),
      status(check.ok),
    ]),
  );
}

/** `All 2 models are within budget.`, `WRN-40-10 is over budget in params, MACs.`, `1 of 2 models is over budget: deep in params.` */
export function checkVerdict(report: CheckReport): string {
  const total = report.models.length;
  const over = overBudget(report);
  const metrics = (model: ModelCheck): string =>
    model.checks
      .filter((check) => !check.ok)
      .map((check) => METRIC_LABEL[check.metric])
      .join(', ');
  if (total === 1) {
    const [model] = report.models;
    return model === undefined || model.ok
      ? `${model?.name ?? 'The model'} is within budget.`
      : `${model.name} is over budget in ${metrics(model)}.`;
  }
  if (over.length === 0) return `All ${total} models are within budget.`;
  const which = over.map((model) => `${model.name} in ${metrics(model)}`).join('; ');
  return `${over.length} of ${total} models ${over.length === 1 ? 'is' : 'are'} over budget: ${which}.`;
}

/** The terminal report: one row per model and metric; rows over budget in red. */
export function renderCheckTable(report: CheckReport, paint: Paint, layout: Layout): string {
  const status = (ok: boolean) => (ok ? 'ok' : 'OVER');
  const painted = (table: string[][]) => table.map((cells) => (cells[5] === 'OVER' ? cells.map((cell) => paint.red(cell)) : cells));
  const columns = columnsOf(HEAD, HEAD, ALIGNS, painted(rows(report, status)));
  const exact = columnsOf(HEAD, HEAD, ALIGNS, painted(rows(report, status, formatExactValue, (metric) => METRIC_SHORT_LABEL[metric])));
  const readable = columnsOf(HEAD, HEAD, ALIGNS, painted(rows(report, status, formatReadableValue)));
  const shorter = (index: number): ColumnForm[] => {
    const key = HEAD[index];
    if (key === 'metric') return [{ cells: exact[index]?.cells ?? [] }];
    if (key === 'value' || key === 'budget') return [{ cells: exact[index]?.cells ?? [] }, { cells: readable[index]?.cells ?? [] }];
    return [];
  };
  const table = layout.table({ columns: columns.map((column, index) => ({ ...column, shorter: shorter(index) })), shrink: CHECK_SHRINK });
  const verdict = wrapLine(checkVerdict(report), layout.width);
  return `${table}\n\n${report.ok ? paint.green(verdict) : paint.red(paint.bold(verdict))}\n`;
}

/** For a pull-request comment: a heading line with the verdict, then a GitHub-flavoured table. */
export function renderCheckMarkdown(report: CheckReport): string {
  const table = renderMarkdownTable(
    HEAD,
    rows(report, (ok) => (ok ? '✅ ok' : '❌ over')),
    ALIGNS,
  );
  return `**wrn-calc check**: ${checkVerdict(report)}\n\n${table}`;
}
