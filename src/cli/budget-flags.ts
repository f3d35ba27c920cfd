import * as z from 'zod/mini';
import { BUDGET_METRICS, METRIC_QUANTITY } from '../core/index.js';
import type { Budget, Quantity } from '../core/index.js';
import { BUDGET_FLAGS } from './budget-options.js';
import { fail, ok, stringParser } from './numbers.js';
import { parseAmount } from './units.js';

/** A budget flag: the amount, or one sentence naming the flag, the value and what is accepted. */
export function amountFlag(flag: string, quantity: Quantity) {
  return stringParser((raw) => {
    const result = parseAmount(raw, quantity);
    return result.ok ? ok(result.value) : fail(`${flag}: ${result.reason}.`);
  });
}

export const budgetFlagsSchema = z.object({
  maxParams: z.optional(amountFlag(BUDGET_FLAGS.params.flag, METRIC_QUANTITY.params)),
  maxMacs: z.optional(amountFlag(BUDGET_FLAGS.macs.flag, METRIC_QUANTITY.macs)),
  maxFlops: z.optional(amountFlag(BUDGET_FLAGS.flops.flag, METRIC_QUANTITY.flops)),
  maxParamBytes: z.optional(amountFlag(BUDGET_FLAGS.paramBytes.flag, METRIC_QUANTITY.paramBytes)),
  maxActivationBytes: z.optional(amountFlag(BUDGET_FLAGS.activationBytes.flag, METRIC_QUANTITY.activationBytes)),
  maxTrainBytes: z.optional(amountFlag(BUDGET_FLAGS.trainBytes.flag, METRIC_QUANTITY.trainBytes)),
});

export type ParsedBudgetFlags = z.output<typeof budgetFlagsSchema>;

export function toBudget(parsed: ParsedBudgetFlags): Budget {
  const budget: Budget = {};
  for (const metric of BUDGET_METRICS) {
    const value = parsed[BUDGET_FLAGS[metric].key];
    if (value !== undefined) budget[metric] = value;
  }
  return budget;
}
