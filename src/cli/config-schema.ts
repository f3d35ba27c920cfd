import * as z from 'zod/mini';
import { METRIC_QUANTITY } from '../core/index.js';
import type { BudgetMetric } from '../core/index.js';
import { described, expecting, refineTo, showValue } from './file-fields.js';
import type { IssueLike } from './file-fields.js';
import { fileFields, sharedTrainingFields } from './options.js';
import { amountPattern, amountProblem, describeAmount, parseAmount } from './units.js';

/*
 * The budget file of `wrn-calc check`. One zod schema is both the
 * validator and, through z.toJSONSchema({ io: 'input' }) (config-json-schema.ts),
 * the JSON Schema that `wrn-calc schema` prints: transforms only turn accepted
 * strings ("40M", "B(3,1,3)", "40x24") into values, so the input side is the
 * file's format.
 * Every field's error names what was expected and what was found; the path
 * (`models[1].k`) is added by config-issues.ts.
 */

/** A strict object's errors: unknown keys name the keys that are allowed. */
function objectOf(what: string, shape: Readonly<Record<string, unknown>>) {
  const keys = Object.keys(shape);
  return {
    error: (issue: IssueLike) => {
      if (issue.code === 'unrecognized_keys') {
        const unknown = issue.keys ?? [];
        // A file may hold thousands of unknown keys: name the first few.
        const named = unknown.slice(0, 5).map(showValue).join(', ') + (unknown.length > 5 ? ` and ${unknown.length - 5} more` : '');
        const noun = unknown.length === 1 ? 'unknown key' : `unknown keys ${named}`;
        return `${noun}; ${what} takes ${keys.map((key) => `"${key}"`).join(', ')}`;
      }
      return issue.input === undefined
        ? `is missing; expected ${what} (a JSON object)`
        : `expected ${what} (a JSON object), got ${showValue(issue.input)}`;
    },
  };
}

const METRIC_HELP = {
  params: 'trainable parameters',
  macs: 'multiply-accumulates per image (conv and linear)',
  flops: 'FLOPs per image (2 × MACs)',
  paramBytes: 'parameter memory at fp32 (4 bytes each)',
  activationBytes: 'activation memory per image at fp32 (4 bytes each)',
  trainBytes:
    "training memory of one fp32 step at the model's batch and optimizer (saved activations, weights, gradients, optimizer state, BN buffers, logits)",
} as const satisfies Record<BudgetMetric, string>;

/** A budget amount: a whole number, or a string with a unit (units.ts); exact after the transform. */
function amount(metric: BudgetMetric) {
  const quantity = METRIC_QUANTITY[metric];
  const problem = { error: (issue: IssueLike) => amountProblem(issue.input, quantity) };
  const accepted = z
    .union([z.int(problem).check(z.gte(1, problem)), z.string(problem).check(z.regex(amountPattern(quantity), problem))], problem)
    .check(z.describe(`${METRIC_HELP[metric]}: ${describeAmount(quantity)}`));
  return z.optional(
    z.pipe(
      accepted,
      refineTo((raw: number | string) => {
        const result = parseAmount(raw, quantity);
        return result.ok ? result : { ok: false, message: result.reason };
      }),
    ),
  );
}

const budgetShape = {
  params: amount('params'),
  macs: amount('macs'),
  flops: amount('flops'),
  paramBytes: amount('paramBytes'),
  activationBytes: amount('activationBytes'),
  trainBytes: amount('trainBytes'),
} satisfies Record<BudgetMetric, unknown>;

function budgetSchema(description: string) {
  return z.optional(z.strictObject(budgetShape, objectOf('a budget', budgetShape)).check(z.describe(description)));
}

/** Every network option `check` takes (options.ts), plus a name and the model's own budget. */
const modelShape = {
  name: z.optional(
    described(
      z.string(expecting('a non-empty string')).check(z.minLength(1, expecting('a non-empty string'))),
      "Shown in the report; default the network's name (WRN-d-k, resnet50, …).",
    ),
  ),
  ...fileFields(),
  budget: budgetSchema("This model's limits; each overrides the shared budget's."),
};

export const modelSchema = z.strictObject(modelShape, objectOf('a model', modelShape));

const configShape = {
  $schema: z.optional(
    described(z.string(expecting('a string')), 'The JSON Schema of this file, for editors: wrn-calc schema > budgets.schema.json.'),
  ),
  budget: budgetSchema('Limits shared by every model; a metric without a limit is not checked.'),
  ...sharedTrainingFields(),
  models: described(
    z.array(modelSchema, expecting('an array of models')).check(z.minLength(1, expecting('at least one model'))),
    'The networks to check.',
  ),
};

/** The keys a budget file may have at its top. */
export const BUDGET_FILE_KEYS = Object.keys(configShape);

export const configSchema = z.strictObject(configShape, objectOf('a budget file', configShape)).check(
  z.meta({
    title: 'wrn-calc budget file',
    description: 'Architecture budgets checked by `wrn-calc check <file>`: a shared budget and the models it applies to.',
  }),
);

export type BudgetConfig = z.output<typeof configSchema>;
export type ModelConfig = z.output<typeof modelSchema>;
