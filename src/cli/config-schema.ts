import * as z from 'zod/mini';
import { DATASET_NAMES, DEPTH_RULES, METRIC_QUANTITY } from '../core/index.js';
import type { BudgetMetric } from '../core/index.js';
import { showJson } from './quote.js';
import { amountPattern, amountProblem, describeAmount, parseAmount } from './units.js';

/*
 * The budget file of `wrn-calc check` (issue 4). One zod schema is both the
 * validator and, through z.toJSONSchema({ io: 'input' }) (config-json-schema.ts),
 * the JSON Schema that `wrn-calc schema` prints: transforms only turn accepted
 * strings ("40M", "B(3,1,3)", "40x24") into numbers, so the input side is the
 * file's format.
 * Every field's error names what was expected and what was found; the path
 * (`models[1].k`) is added by config-issues.ts.
 */

type IssueLike = { readonly code?: string; readonly input?: unknown; readonly keys?: readonly string[] };

export function showValue(value: unknown): string {
  return value === undefined ? 'nothing' : showJson(value);
}

/** `expected <what>, got <value>`, or `is missing` for a required key. */
function expecting(what: string) {
  return { error: (issue: IssueLike) => (issue.input === undefined ? `is missing; expected ${what}` : `expected ${what}, got ${showValue(issue.input)}`) };
}

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
      return issue.input === undefined ? `is missing; expected ${what} (a JSON object)` : `expected ${what} (a JSON object), got ${showValue(issue.input)}`;
    },
  };
}

function positiveInt(what: string) {
  return z.int(expecting(what)).check(z.gte(1, expecting(what)));
}

/** A transform whose failure is an issue with our message (zod/mini's ctx.issues). */
function refineTo<I, O>(convert: (input: I) => { ok: true; value: O } | { ok: false; message: string }) {
  return z.transform((input: I, ctx): O => {
    const result = convert(input);
    if (result.ok) return result.value;
    ctx.issues.push({ code: 'custom', message: result.message, input });
    return z.NEVER;
  });
}

const METRIC_HELP = {
  params: 'trainable parameters',
  macs: 'multiply-accumulates per image (conv and linear)',
  flops: 'FLOPs per image (2 × MACs)',
  paramBytes: 'parameter memory at fp32 (4 bytes each)',
  activationBytes: 'activation memory per image at fp32 (4 bytes each)',
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
} satisfies Record<BudgetMetric, unknown>;

function budgetSchema(description: string) {
  return z.optional(z.strictObject(budgetShape, objectOf('a budget', budgetShape)).check(z.describe(description)));
}

/** `3,3`, `B(3,1,3)` (as on the command line) or a JSON array `[3, 1, 3]`. */
const KERNELS = '[0-9]+(?:\\s*,\\s*[0-9]+)*';
const BLOCK_STRING = new RegExp(`^\\s*(?:[Bb]\\(\\s*${KERNELS}\\s*\\)|${KERNELS})\\s*$`);
const BLOCK_EXPECTED = 'kernel sizes such as [3, 3], "B(3,1,3)" or "3,1,3"';

function blockSchema() {
  const problem = expecting(BLOCK_EXPECTED);
  const accepted = z
    .union([z.array(z.int(problem).check(z.gte(1, problem)), problem).check(z.minLength(1, problem)), z.string(problem).check(z.regex(BLOCK_STRING, problem))], problem)
    .check(z.describe(`Kernel sizes of a block: ${BLOCK_EXPECTED}; default [3, 3].`));
  return z.optional(
    z.pipe(
      accepted,
      refineTo((raw: number[] | string) => {
        const kernels = typeof raw === 'string' ? (raw.match(/[0-9]+/g) ?? []).map(Number) : raw;
        if (kernels.every((k) => Number.isSafeInteger(k) && k >= 1)) return { ok: true, value: kernels };
        return { ok: false, message: `expected ${BLOCK_EXPECTED}, each at least 1, got ${showValue(raw)}` };
      }),
    ),
  );
}

/** `32`, `[40, 24]` or `"40x24"` (height × width). */
const INPUT_STRING = /^[0-9]+(?:[xX×][0-9]+)?$/;
const INPUT_EXPECTED = 'an input size such as 32, [40, 24] or "40x24"';

function inputSchema() {
  const problem = expecting(INPUT_EXPECTED);
  const side = z.int(problem).check(z.gte(1, problem));
  const accepted = z
    .union([side, z.tuple([side, side], problem), z.string(problem).check(z.regex(INPUT_STRING, problem))], problem)
    .check(z.describe(`Input spatial size: ${INPUT_EXPECTED}; overrides the dataset.`));
  return z.optional(
    z.pipe(
      accepted,
      refineTo((raw: number | [number, number] | string): { ok: true; value: readonly [number, number] } | { ok: false; message: string } => {
        const [height = 0, width = height] = typeof raw === 'number' ? [raw, raw] : typeof raw === 'string' ? raw.split(/[xX×]/).map(Number) : raw;
        if (Number.isSafeInteger(height) && Number.isSafeInteger(width) && height >= 1 && width >= 1) return { ok: true, value: [height, width] as const };
        return { ok: false, message: `expected ${INPUT_EXPECTED} (whole numbers ≥ 1), got ${showValue(raw)}` };
      }),
    ),
  );
}

function described<T extends z.ZodMiniType>(schema: T, description: string) {
  return schema.check(z.describe(description)) as T;
}

const DROPOUT_EXPECTED = expecting('a number from 0 up to (not including) 1');

/** Every option of the summary (DESIGN §4), camelCase, plus a name and the model's own budget. */
const modelShape = {
  name: z.optional(described(z.string(expecting('a non-empty string')).check(z.minLength(1, expecting('a non-empty string'))), 'Shown in the report; default WRN-d-k.')),
  depth: z.optional(described(positiveInt('a whole number ≥ 1 such as 28'), 'Depth; must fit the block: d = 3·N·l + 4. Give depth or blocksPerGroup.')),
  k: described(z.number(expecting('a positive number')).check(z.positive(expecting('a positive number'))), 'Widening factor; fractional when 16·k is whole.'),
  blocksPerGroup: z.optional(described(positiveInt('a whole number ≥ 1'), 'Blocks per group N, instead of (or agreeing with) depth.')),
  block: blockSchema(),
  depthRule: z.optional(described(z.enum(DEPTH_RULES, expecting(`one of ${DEPTH_RULES.join(', ')}`)), 'layers: d = 3·N·l + 4; nominal: d = 6·N + 4.')),
  dataset: z.optional(described(z.enum(DATASET_NAMES, expecting(`one of ${DATASET_NAMES.join(', ')}`)), 'Input and classes preset; default cifar10.')),
  input: inputSchema(),
  inChannels: z.optional(described(positiveInt('a whole number ≥ 1'), 'Input channels; overrides the dataset.')),
  classes: z.optional(described(positiveInt('a whole number ≥ 1'), 'Number of classes; overrides the dataset.')),
  convBias: z.optional(described(z.boolean(expecting('true or false')), 'A bias on every conv (the official WRN has none).')),
  dropout: z.optional(
    described(z.number(DROPOUT_EXPECTED).check(z.gte(0, DROPOUT_EXPECTED), z.lt(1, DROPOUT_EXPECTED)), 'Dropout before the 2nd and later convs of a block; no parameters.'),
  ),
  budget: budgetSchema("This model's limits; each overrides the shared budget's."),
};

export const modelSchema = z.strictObject(modelShape, objectOf('a model', modelShape));

const configShape = {
  $schema: z.optional(described(z.string(expecting('a string')), 'The JSON Schema of this file, for editors: wrn-calc schema > budgets.schema.json.')),
  budget: budgetSchema('Limits shared by every model; a metric without a limit is not checked.'),
  models: described(z.array(modelSchema, expecting('an array of models')).check(z.minLength(1, expecting('at least one model'))), 'The networks to check.'),
};

export const configSchema = z.strictObject(configShape, objectOf('a budget file', configShape)).check(
  z.meta({
    title: 'wrn-calc budget file',
    description: 'Architecture budgets checked by `wrn-calc check <file>`: a shared budget and the models it applies to.',
  }),
);

export type BudgetConfig = z.output<typeof configSchema>;
export type ModelConfig = z.output<typeof modelSchema>;
