import type { CheckReport, ModelCheck } from '../check-report.js';
import { overBudget } from '../check-report.js';
import type { Layout } from '../layout.js';
import type { Paint } from '../paint.js';
import { renderMarkdownTable } from './markdown.js';
import type { BudgetMetric } from '../../core/index.js';
import { METRIC_LABEL, METRIC_SHORT_LABEL, formatHeadroom, formatMetricValue, formatReadableValue } from './metrics.js';
import { columnsOf } from './table.js';
import type { Align, ColumnForm, Shrink } from './table.js';
import { wrapLine } from './wrap.js';
import { STDIN_PATH } from '../context.js';
import { escapeControl } from '../quote.js';

const HEAD = ['model', 'metric', 'value', 'budget', 'headroom', 'status'] as const;
const ALIGNS: readonly Align[] = ['left', 'left', 'right', 'right', 'right', 'left'];

/**
 * In a narrow terminal the report keeps every row and gives up, in this order:
 * the exact value and budget for their readable forms alone (`36.5M`, `139.16 MiB`),
 * both columns in one step so that a value and its budget are always written alike;
 * the `(fp32)` of the byte metrics' names; the headroom (the status still says ok or
 * OVER); and last it wraps the model names. The status is never dropped; --json
 * and --format markdown keep the exact counts.
 */
const CHECK_SHRINK: readonly Shrink[] = [
  { shorten: ['value', 'budget'] },
  { shorten: 'metric' },
  { drop: 'headroom' },
  { wrap: 'model', min: 8 },
];

function rows(
  models: readonly ModelCheck[],
  status: (ok: boolean) => string,
  format: (metric: BudgetMetric, value: number) => string = formatMetricValue,
  label: (metric: BudgetMetric) => string = (metric) => METRIC_LABEL[metric],
): string[][] {
  return models.flatMap((model) =>
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
  const several = report.files.length > 1;
  // With several budget files a model is also named by its file, where names may repeat.
  const label = (model: ModelCheck): string =>
    several && model.file !== undefined ? `${model.name} (${fileHeading(model.file)})` : model.name;
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
  const which = over.map((model) => `${label(model)} in ${metrics(model)}`).join('; ');
  return `${over.length} of ${total} models ${over.length === 1 ? 'is' : 'are'} over budget: ${which}.`;
}

/** The models of each budget file, in the order given: one group of all the models when there is one file or none. */
function byFile(report: CheckReport): { file: string | undefined; models: readonly ModelCheck[] }[] {
  if (report.files.length <= 1) return [{ file: undefined, models: report.models }];
  return report.files.map((file) => ({ file, models: report.models.filter((model) => model.file === file) }));
}

/** How a heading names a budget file. */
function fileHeading(file: string): string {
  return file === STDIN_PATH ? 'standard input' : escapeControl(file);
}

/** The terminal report: one row per model and metric, a table per budget file; rows over budget in red. */
export function renderCheckTable(report: CheckReport, paint: Paint, layout: Layout): string {
  const status = (ok: boolean) => (ok ? 'ok' : 'OVER');
  const painted = (table: string[][]) => table.map((cells) => (cells[5] === 'OVER' ? cells.map((cell) => paint.red(cell)) : cells));
  const tableOf = (models: readonly ModelCheck[]) => {
    const columns = columnsOf(HEAD, HEAD, ALIGNS, painted(rows(models, status)));
    const short = columnsOf(HEAD, HEAD, ALIGNS, painted(rows(models, status, formatReadableValue, (metric) => METRIC_SHORT_LABEL[metric])));
    const shorter = (index: number): ColumnForm[] => {
      const key = HEAD[index];
      return key === 'metric' || key === 'value' || key === 'budget' ? [{ cells: short[index]?.cells ?? [] }] : [];
    };
    return layout.table({ columns: columns.map((column, index) => ({ ...column, shorter: shorter(index) })), shrink: CHECK_SHRINK });
  };
  const tables = byFile(report).map(({ file, models }) =>
    file === undefined ? tableOf(models) : `${paint.bold(wrapLine(fileHeading(file), layout.width))}\n${tableOf(models)}`,
  );
  const verdict = wrapLine(checkVerdict(report), layout.width);
  return `${tables.join('\n\n')}\n\n${report.ok ? paint.green(verdict) : paint.red(paint.bold(verdict))}\n`;
}

/** For a pull-request comment: a heading line with the verdict, then a GitHub-flavoured table (one per budget file). */
export function renderCheckMarkdown(report: CheckReport): string {
  const status = (ok: boolean) => (ok ? '✅ ok' : '❌ over');
  const tables = byFile(report).map(({ file, models }) => {
    const table = renderMarkdownTable(HEAD, rows(models, status), ALIGNS);
    return file === undefined ? table : `\`${fileHeading(file)}\`\n\n${table}`;
  });
  return `**wrn-calc check**: ${checkVerdict(report)}\n\n${tables.join('\n')}`;
}
