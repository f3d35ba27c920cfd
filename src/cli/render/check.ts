import type { CheckReport, ModelCheck } from '../check-report.js';
import { overBudget } from '../check-report.js';
import type { Paint } from '../paint.js';
import { renderMarkdownTable } from './markdown.js';
import { METRIC_LABEL, formatHeadroom, formatMetricValue } from './metrics.js';
import { renderTable } from './table.js';
import type { Align } from './table.js';

const HEAD = ['model', 'metric', 'value', 'budget', 'headroom', 'status'] as const;
const ALIGNS: readonly Align[] = ['left', 'left', 'right', 'right', 'right', 'left'];

function rows(report: CheckReport, status: (ok: boolean) => string): string[][] {
  return report.models.flatMap((model) =>
    model.checks.map((check) => [
      model.name,
      METRIC_LABEL[check.metric],
      formatMetricValue(check.metric, check.value),
      formatMetricValue(check.metric, check.budget),
      formatHeadroom(check),
      status(check.ok),
    ]),
  );
}

/** `All 2 models are within budget.`, `WRN-40-10 is over budget in params, MACs.`, `1 of 2 models is over budget: deep in params.` */
export function checkVerdict(report: CheckReport): string {
  const total = report.models.length;
  const over = overBudget(report);
  const metrics = (model: ModelCheck): string => model.checks.filter((check) => !check.ok).map((check) => METRIC_LABEL[check.metric]).join(', ');
  if (total === 1) {
    const [model] = report.models;
    return model === undefined || model.ok ? `${model?.name ?? 'The model'} is within budget.` : `${model.name} is over budget in ${metrics(model)}.`;
  }
  if (over.length === 0) return `All ${total} models are within budget.`;
  const which = over.map((model) => `${model.name} in ${metrics(model)}`).join('; ');
  return `${over.length} of ${total} models ${over.length === 1 ? 'is' : 'are'} over budget: ${which}.`;
}

/** The terminal report: one row per model and metric; rows over budget in red. */
export function renderCheckTable(report: CheckReport, paint: Paint): string {
  const body = rows(report, (ok) => (ok ? 'ok' : 'OVER')).map((cells) => (cells[5] === 'OVER' ? cells.map((cell) => paint.red(cell)) : cells));
  const verdict = report.ok ? paint.green(checkVerdict(report)) : paint.red(paint.bold(checkVerdict(report)));
  return `${renderTable(HEAD, body, ALIGNS)}\n\n${verdict}\n`;
}

/** For a pull-request comment: a heading line with the verdict, then a GitHub-flavoured table. */
export function renderCheckMarkdown(report: CheckReport): string {
  const table = renderMarkdownTable(HEAD, rows(report, (ok) => (ok ? '✅ ok' : '❌ over')), ALIGNS);
  return `**wrn-calc check**: ${checkVerdict(report)}\n\n${table}`;
}
