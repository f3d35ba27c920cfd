import { modelToJson } from './json.js';
import type { BudgetMetric } from '../../core/index.js';
import type { CheckReport } from '../check-report.js';

interface MetricJson {
  readonly value: number;
  readonly budget: number;
  readonly ok: boolean;
}

/**
 * `{ ok, models: [{ name, ok, model, metrics: { params: { value, budget, ok }, ... } }] }`:
 * `model` is the summary JSON's model object; metrics appear only when budgeted.
 * With several budget files, each model also says its `file`.
 */
export function checkToJson(report: CheckReport): object {
  const files = report.files.length > 1;
  return {
    ok: report.ok,
    models: report.models.map((model) => {
      const metrics: Partial<Record<BudgetMetric, MetricJson>> = {};
      for (const check of model.checks) metrics[check.metric] = { value: check.value, budget: check.budget, ok: check.ok };
      const from = files ? { file: model.file } : {};
      return { name: model.name, ...from, ok: model.ok, model: modelToJson(model.summary.model, model.dataset), metrics };
    }),
  };
}
