import { budgetValues, checkBudget } from '../core/index.js';
import type { Budget, DatasetName, MetricCheck, TrainingMemory, NetworkSummary } from '../core/index.js';

/** One network to check: from the flags, or one model of a budget file. */
export interface CheckTarget {
  /** The file's `name`, or WRN-d-k. */
  readonly name: string;
  readonly summary: NetworkSummary;
  /** The dataset the model's input and classes are those of; undefined for a custom input. */
  readonly dataset: DatasetName | undefined;
  readonly budget: Budget;
  /** A training step at the model's batch and optimizer (what `trainBytes` checks). */
  readonly training: TrainingMemory;
  /** The budget file the model comes from, as given (STDIN_PATH for standard input); none for flags. */
  readonly file?: string;
}

export interface ModelCheck extends CheckTarget {
  readonly checks: readonly MetricCheck[];
  readonly ok: boolean;
}

export interface CheckReport {
  readonly models: readonly ModelCheck[];
  /** Every model within every budget: exit 0; otherwise exit 1. */
  readonly ok: boolean;
  /** The budget files checked, in the order given (none for flags). */
  readonly files: readonly string[];
}

export function evaluateCheck(targets: readonly CheckTarget[]): CheckReport {
  const models = targets.map((target) => {
    const checks = checkBudget(budgetValues(target.summary.totals, target.training), target.budget);
    return { ...target, checks, ok: checks.every((check) => check.ok) };
  });
  const files = [...new Set(targets.flatMap((target) => (target.file === undefined ? [] : [target.file])))];
  return { models, ok: models.every((model) => model.ok), files };
}

export function overBudget(report: CheckReport): ModelCheck[] {
  return report.models.filter((model) => !model.ok);
}
