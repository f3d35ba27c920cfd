import * as z from 'zod/mini';
import { IMAGENET_DEPTH_LIST, groupThousands } from '../core/index.js';
import type { BlockType, Padding, Quantity } from '../core/index.js';
import { quote } from './quote.js';
import { parseAmount } from './units.js';

/*
 * The kinds of value an option takes, each parsed by one function that the
 * command line and the budget file share (file-fields.ts gives the file's JSON
 * numbers and arrays their own zod shapes, and its strings go through these).
 *
 * Numbers are plain decimals: digits, optionally a fraction. Hex (0x1c),
 * exponents (1e309), NaN, Infinity, signs, unicode digits and empty strings are
 * refused before Number() ever sees them, because Number('0x1c') === 28 and
 * Number('') === 0 would silently accept them.
 *
 * zod/mini, not classic zod: the same validation, but it tree-shakes to ~15 KB
 * instead of ~450 KB, which is most of the CLI's start-up time otherwise.
 */
const DECIMAL = /^[0-9]+(?:\.[0-9]+)?$/;
const WHOLE = /^[0-9]+$/;

/** Kernel sizes `3,3` or `B(3,1,3)` (spaces around the numbers allowed), or `bottleneck`: also the budget file's pattern. */
const KERNEL_LIST = '[0-9]+(?:\\s*,\\s*[0-9]+)*';
export const BLOCK_PATTERN = new RegExp(`^\\s*(?:[Bb]\\(\\s*${KERNEL_LIST}\\s*\\)|${KERNEL_LIST}|bottleneck)\\s*$`);
/** `32` or `40x24` (height × width): also the budget file's pattern. */
export const INPUT_PATTERN = /^[0-9]+(?:[xX×][0-9]+)?$/;

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = <T = never>(message: string): Parsed<T> => ({ ok: false, message });

/** A kind of value: what the command line's text (or a budget file's string) means, or why it is refused. */
export interface ValueKind<T> {
  /** `label` is how the message names the value: the flag (`--depth`), or `The model`. */
  readonly parse: (raw: string, label: string) => Parsed<T>;
}

/**
 * `--depth --k 10`: commander gives a flag that needs a value the next word, even a flag.
 * The refusal then says so, after naming the value as usual.
 */
function withFlagTaken(message: string, raw: string, label: string): string {
  if (!label.startsWith('--') || !/^--[a-z][a-z-]*$/.test(raw)) return message;
  return `${message.replace(/\.$/, '')}; ${raw} is a flag, so ${label} was given no value of its own.`;
}

/** The zod schema of a string option parsed by a kind; its message becomes the zod issue the user sees. */
export function stringParser<T>(kind: ValueKind<T>, label: string) {
  return z.pipe(
    z.string(),
    z.transform((raw: string, ctx): T => {
      const result = kind.parse(raw, label);
      if (result.ok) return result.value;
      ctx.issues.push({ code: 'custom', message: withFlagTaken(result.message, raw, label), input: raw });
      return z.NEVER;
    }),
  );
}

export function show(raw: string): string {
  return raw === '' ? 'an empty value' : quote(raw);
}

/**
 * Whether the double `value` is the decimal `raw` as written: JavaScript prints the
 * double back as the same digits ('0.1', '28.5', '010' → '10'). '1.00000000000000000001'
 * reads as the double 1, which prints as '1': taking it would silently compute a
 * different network (k = 1) than the one asked for, so such values are refused.
 */
export function isExactDecimal(raw: string, value: number): boolean {
  const [whole = '', fraction = ''] = raw.split('.');
  const digits = whole.replace(/^0+(?=[0-9])/, '');
  const decimals = fraction.replace(/0+$/, '');
  return String(value) === (decimals === '' ? digits : `${digits}.${decimals}`);
}

const inexact = (label: string, raw: string) =>
  fail<never>(
    `${label} ${show(raw)} has more digits than a number holds exactly (at most 15 significant digits); it would be rounded, not used as written.`,
  );

/** A whole number ≥ min (a safe integer), e.g. a depth. */
export function parseWhole(label: string, raw: string, min = 1, example = '28'): Parsed<number> {
  const value = Number(raw);
  if (WHOLE.test(raw) && Number.isSafeInteger(value) && value >= min) return ok(value);
  return fail(`${label} must be a whole number ≥ ${min} (e.g. ${example}), got ${show(raw)}.`);
}

export function whole(example: string, min = 1): ValueKind<number> {
  return { parse: (raw, label) => parseWhole(label, raw, min, example) };
}

/** A positive decimal such as 1.5 (k). */
export function positiveDecimal(example: string): ValueKind<number> {
  return {
    parse: (raw, label) => {
      const value = Number(raw);
      if (DECIMAL.test(raw) && Number.isFinite(value) && value > 0) return isExactDecimal(raw, value) ? ok(value) : inexact(label, raw);
      return fail(`${label} must be a positive decimal number (e.g. ${example}), got ${show(raw)}.`);
    },
  };
}

/** A probability in [0, 1) such as a dropout rate. */
export const probability: ValueKind<number> = {
  parse: (raw, label) => {
    const value = Number(raw);
    if (DECIMAL.test(raw) && value >= 0 && value < 1) return isExactDecimal(raw, value) ? ok(value) : inexact(label, raw);
    return fail(`${label} must be a decimal from 0 up to (not including) 1 (e.g. 0.3), got ${show(raw)}.`);
  },
};

/** One of a fixed set of names, as written (case matters). */
export function choice<const T extends string>(names: readonly T[]): ValueKind<T> {
  return {
    parse: (raw, label) => {
      const name = names.find((candidate) => candidate === raw);
      return name === undefined ? fail(`${label} ${quote(raw)} is not known; use one of ${names.join(', ')}.`) : ok(name);
    },
  };
}

/** The block's grammar on the command line: BLOCK_PATTERN, with `bottleneck` in any case. */
const BLOCK_ANY_CASE = new RegExp(BLOCK_PATTERN.source, 'i');

/** `3,3`, `B(3,1,3)` or `bottleneck` as a block type; undefined when the text is none of them. */
export function blockOf(raw: string, pattern: RegExp = BLOCK_ANY_CASE): BlockType | undefined {
  if (!pattern.test(raw)) return undefined;
  if (/bottleneck/i.test(raw)) return 'bottleneck';
  const kernels = (raw.match(/[0-9]+/g) ?? []).map(Number);
  return kernels.every((kernel) => Number.isSafeInteger(kernel) && kernel >= 1) ? kernels : undefined;
}

/** `3,3`, `B(3,1,3)` or `bottleneck`. */
export const blockType: ValueKind<BlockType> = {
  parse: (raw, label) => {
    const block = blockOf(raw);
    return block === undefined ? fail(`${label} must be kernel sizes like 3,3 or B(3,1,3), or bottleneck, got ${show(raw)}.`) : ok(block);
  },
};

/** `32` (square) or `40x24` (height × width), as [height, width]; undefined when the text is neither. */
export function spatialSizeOf(raw: string): readonly [number, number] | undefined {
  if (!INPUT_PATTERN.test(raw)) return undefined;
  const [height = 0, width = height] = raw.split(/[xX×]/).map(Number);
  return Number.isSafeInteger(height) && Number.isSafeInteger(width) && height >= 1 && width >= 1 ? [height, width] : undefined;
}

export const spatialSize: ValueKind<readonly [number, number]> = {
  parse: (raw, label) => {
    const size = spatialSizeOf(raw.trim());
    return size === undefined ? fail(`${label} must be a size like 32 or HxW like 40x24 (whole numbers ≥ 1), got ${show(raw)}.`) : ok(size);
  },
};

/** `4` (every group) or `3,4,6,3` (one per group). */
function perGroup(label: string, raw: string): Parsed<number | number[]> {
  const parts = raw.split(',').map((part) => part.trim());
  const values = parts.map(Number);
  if (parts.length > 0 && parts.every((part) => WHOLE.test(part)) && values.every((n) => Number.isSafeInteger(n) && n >= 1)) {
    return ok(values.length === 1 ? (values[0] ?? 1) : values);
  }
  return fail(`${label} must be one whole number ≥ 1 (e.g. 4) or one per group (e.g. 3,4,6,3), got ${show(raw)}.`);
}

export const blocksPerGroup: ValueKind<number | number[]> = { parse: (raw, label) => perGroup(label, raw) };

/** `same` (the official WRN's ⌊k/2⌋ at dilation 1) or a whole number of pixels, 0 included. */
export const padding: ValueKind<Padding> = {
  parse: (raw, label) => (raw === 'same' ? ok<Padding>('same') : parseWhole(label, raw, 0, '0 or same')),
};

/** A file to write, or `-` for standard output. */
export const filePath: ValueKind<string> = {
  parse: (raw, label) => (raw.trim() === '' ? fail(`${label} needs a file path (or - for standard output), got an empty value.`) : ok(raw)),
};

/** A budget amount with its unit: `40M`, `150MiB` (units.ts). */
export function amount(quantity: Quantity): ValueKind<number> {
  return {
    parse: (raw, label) => {
      const result = parseAmount(raw, quantity);
      return result.ok ? ok(result.value) : fail(`${label}: ${result.reason}.`);
    },
  };
}

/*
 * Lists and ranges of numbers on the command line: `16,22,28,40`, `10:52:6`
 * (start:stop:step, stop included when reached), `1:12` (step 1), or a mix
 * (`1,2,4:8:2`). Every item is a plain decimal.
 */

/** The most values one list may expand to; ranges beyond this are refused, not truncated. */
export const MAX_LIST_LENGTH = 10_000;

export interface ListRules {
  /** Whole numbers only (depths, N) or positive decimals (k). */
  readonly whole: boolean;
  readonly example: string;
}

/** Parses `a,b,c` and `start:stop[:step]`; returns a message instead of throwing. */
export function expandList(raw: string, rules: ListRules): number[] | string {
  const values: number[] = [];
  const valid = rules.whole ? 'whole numbers ≥ 1' : 'positive decimal numbers';
  for (const item of raw.split(',').map((part) => part.trim())) {
    const parts = item.split(':');
    const numbers = parts.map(Number);
    if (
      parts.length > 3 ||
      !parts.every((part) => DECIMAL.test(part)) ||
      numbers.some((n) => !Number.isFinite(n) || n <= 0 || (rules.whole && !Number.isSafeInteger(n)))
    ) {
      return `item ${show(item)} is not one of ${valid}, a list like ${rules.example}, or a range start:stop[:step]`;
    }
    const inexactPart = parts.find((part, i) => !isExactDecimal(part, numbers[i] ?? Number.NaN));
    if (inexactPart !== undefined)
      return `${show(inexactPart)} has more digits than a number holds exactly (at most 15 significant digits)`;
    const [start = 0, stop = start, step = 1] = numbers;
    if (parts.length === 1) {
      values.push(start);
      continue;
    }
    if (stop < start) return `range '${item}' runs backwards; write start:stop with start ≤ stop`;
    const count = Math.floor((stop - start) / step + 1e-9) + 1;
    if (values.length + count > MAX_LIST_LENGTH) return `range '${item}' has more than ${groupThousands(MAX_LIST_LENGTH)} values`;
    // Multiply rather than accumulate, so 0.5 steps do not drift.
    for (let i = 0; i < count; i++) values.push(Number((start + i * step).toFixed(10)));
  }
  return [...new Set(values)];
}

/** A list or range option, e.g. `numberList({ whole: true, example: '16,22,28' })`. */
export function numberList(rules: ListRules): ValueKind<number[]> {
  return {
    parse: (raw, label) => {
      const result = expandList(raw, rules);
      return typeof result === 'string' ? fail(`${label} ${show(raw)}: ${result}.`) : ok(result);
    },
  };
}

/** Grid rows: a list or range of N (`1:6`), or per-group lists separated by `/`. */
export const blockRows: ValueKind<(number | number[])[]> = {
  parse: (raw, label) => {
    if (!raw.includes('/')) {
      const result = expandList(raw, { whole: true, example: '1,2,4' });
      return typeof result === 'string' ? fail(`${label} ${show(raw)}: ${result}.`) : ok<(number | number[])[]>(result);
    }
    const rows: (number | number[])[] = [];
    for (const row of raw.split('/')) {
      const parsed = perGroup(label, row.trim());
      if (!parsed.ok)
        return fail(
          `${label} ${show(raw)}: rows separated by / are one N or one N per group each (e.g. 2,2,2,2/3,4,6,3); ${show(row)} is not.`,
        );
      rows.push(parsed.value);
    }
    return ok(rows);
  },
};

/** A model name is a preset or WRN-d-k; anything else is left to the core, which names the closest ones. */
const MODEL_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const WRN_NAME = /^WRN-[0-9]+-([0-9]+(?:\.[0-9]+)?)$/i;

/** Why `raw` cannot be a model name (`a model name such as …`), or undefined when it may be one. */
export function modelNameProblem(raw: string): string | undefined {
  if (!MODEL_NAME.test(raw))
    return `a model name such as WRN-28-10, resnet50 or wide_resnet50_2 (letters, digits, _ . -), got ${quote(raw)}`;
  const k = WRN_NAME.exec(raw)?.[1];
  if (k !== undefined && !isExactDecimal(k, Number(k)))
    return `a k with at most 15 significant digits in ${quote(raw)} (it would be rounded, not used as written)`;
  return undefined;
}

export const modelName: ValueKind<string> = {
  parse: (raw, label) => {
    const problem = modelNameProblem(raw);
    return problem === undefined ? ok(raw) : fail(`${label} must be ${problem}.`);
  },
};

/** torchvision's ImageNet depths as a list option's text, for defaults and messages. */
export const IMAGENET_DEPTHS_TEXT = IMAGENET_DEPTH_LIST.join(',');
