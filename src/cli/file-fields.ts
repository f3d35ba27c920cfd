import * as z from 'zod/mini';
import { PRESET_NAMES } from '../core/index.js';
import type { BlockType } from '../core/index.js';
import { showJson } from './quote.js';
import { BLOCK_PATTERN, INPUT_PATTERN, blockOf, modelNameProblem, spatialSizeOf } from './values.js';

/*
 * Budget-file fields: each JSON value a model may hold, its message when it is
 * wrong (what was expected, what was found; config-issues.ts adds the path) and
 * its description for the JSON Schema. A string is parsed by the command
 * line's parser of the same kind (values.ts), whose pattern is also the JSON
 * Schema's; transforms only turn accepted strings ("B(3,1,3)", "40x24") into values.
 */

export type IssueLike = { readonly code?: string; readonly input?: unknown; readonly keys?: readonly string[] };

export function showValue(value: unknown): string {
  return value === undefined ? 'nothing' : showJson(value);
}

/** `expected <what>, got <value>`, or `is missing` for a required key. */
export function expecting(what: string) {
  return {
    error: (issue: IssueLike) =>
      issue.input === undefined ? `is missing; expected ${what}` : `expected ${what}, got ${showValue(issue.input)}`,
  };
}

export function positiveInt(what: string) {
  return z.int(expecting(what)).check(z.gte(1, expecting(what)));
}

/** A transform whose failure is an issue with our message (zod/mini's ctx.issues). */
export function refineTo<I, O>(convert: (input: I) => { ok: true; value: O } | { ok: false; message: string }) {
  return z.transform((input: I, ctx): O => {
    const result = convert(input);
    if (result.ok) return result.value;
    ctx.issues.push({ code: 'custom', message: result.message, input });
    return z.NEVER;
  });
}

export function described<T extends z.ZodMiniType>(schema: T, description: string) {
  return schema.check(z.describe(description));
}

export function positiveIntField(description: string) {
  return described(positiveInt('a whole number ≥ 1'), description);
}

export function oneOfField<const T extends string>(names: readonly T[], description: string) {
  return described(z.enum(names, expecting(`one of ${names.join(', ')}`)), description);
}

export const depth = () =>
  described(
    positiveInt('a whole number ≥ 1 such as 28'),
    'Depth; must fit the block and depth rule (d = 3·N·l + 4 for a CIFAR WRN; 18, 34, 50, 101, 152 or 200 on ImageNet). Give depth or blocksPerGroup.',
  );

export const k = () =>
  described(
    z.number(expecting('a positive number')).check(z.positive(expecting('a positive number'))),
    'Widening factor; fractional when every width (16·k, or 64·k on ImageNet) is whole.',
  );

const BLOCKS_EXPECTED = 'a whole number ≥ 1, or one per group such as [3, 4, 6, 3]';

export const blocksPerGroup = () => {
  const problem = expecting(BLOCKS_EXPECTED);
  const n = z.int(problem).check(z.gte(1, problem));
  return described(
    z.union([n, z.array(n, problem).check(z.minLength(1, problem))], problem),
    'Blocks per group: one N for every group, or one per group; instead of (or agreeing with) depth.',
  );
};

/** `3,3`, `B(3,1,3)` (as on the command line), a JSON array `[3, 1, 3]`, or `"bottleneck"`. */
const BLOCK_EXPECTED = 'kernel sizes such as [3, 3], "B(3,1,3)" or "3,1,3", or "bottleneck"';

export const block = () => {
  const problem = expecting(BLOCK_EXPECTED);
  const accepted = z
    .union(
      [
        z.array(z.int(problem).check(z.gte(1, problem)), problem).check(z.minLength(1, problem)),
        z.string(problem).check(z.regex(BLOCK_PATTERN, problem)),
      ],
      problem,
    )
    .check(
      z.describe(
        `Kernel sizes of a basic block, or "bottleneck": ${BLOCK_EXPECTED}; default [3, 3] (ImageNet: torchvision's block for the depth).`,
      ),
    );
  return z.pipe(
    accepted,
    refineTo((raw: number[] | string): { ok: true; value: BlockType } | { ok: false; message: string } => {
      const value = typeof raw === 'string' ? blockOf(raw, BLOCK_PATTERN) : raw;
      if (value !== undefined) return { ok: true, value };
      return { ok: false, message: `expected ${BLOCK_EXPECTED}, each at least 1, got ${showValue(raw)}` };
    }),
  );
};

/** `32`, `[40, 24]` or `"40x24"` (height × width). */
const INPUT_EXPECTED = 'an input size such as 32, [40, 24] or "40x24"';

export const input = () => {
  const problem = expecting(INPUT_EXPECTED);
  const side = z.int(problem).check(z.gte(1, problem));
  const accepted = z
    .union([side, z.tuple([side, side], problem), z.string(problem).check(z.regex(INPUT_PATTERN, problem))], problem)
    .check(z.describe(`Input spatial size: ${INPUT_EXPECTED}; overrides the dataset.`));
  return z.pipe(
    accepted,
    refineTo((raw: number | [number, number] | string): { ok: true; value: readonly [number, number] } | { ok: false; message: string } => {
      const size = typeof raw === 'string' ? spatialSizeOf(raw) : typeof raw === 'number' ? ([raw, raw] as const) : raw;
      if (size !== undefined) return { ok: true, value: size };
      return { ok: false, message: `expected ${INPUT_EXPECTED} (whole numbers ≥ 1), got ${showValue(raw)}` };
    }),
  );
};

export const convBias = () =>
  described(z.boolean(expecting('true or false')), 'A bias on every conv (the official WRN and torchvision have none).');

const DROPOUT_EXPECTED = expecting('a number from 0 up to (not including) 1');

export const dropout = () =>
  described(
    z.number(DROPOUT_EXPECTED).check(z.gte(0, DROPOUT_EXPECTED), z.lt(1, DROPOUT_EXPECTED)),
    'Dropout before the 2nd and later convs of a block; no parameters.',
  );

export const modelName = () => {
  const problem = expecting('a model name such as "WRN-28-10" or "resnet50"');
  return described(
    z.pipe(
      z.string(problem),
      refineTo((raw: string) => {
        const message = modelNameProblem(raw);
        return message === undefined ? { ok: true, value: raw } : { ok: false, message: `expected ${message}` };
      }),
    ),
    `A preset (${PRESET_NAMES.join(', ')}) or WRN-d-k; the model's other fields override it.`,
  );
};
