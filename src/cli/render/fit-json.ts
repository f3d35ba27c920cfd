import { modelToJson } from './json.js';
import type { FitReport } from './fit.js';

/** An array of candidates, best first, each with the summary JSON's `model`, `totals` and `training` (at fit's --batch and --optimizer) objects. */
export function fitToJson(report: FitReport): object[] {
  return report.result.candidates.map((candidate) => ({
    model: modelToJson(candidate.model, report.dataset),
    totals: candidate.totals,
    training: candidate.training,
  }));
}
