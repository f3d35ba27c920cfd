import type { Command } from 'commander';
import * as z from 'zod/mini';
import { DATASETS, DATASET_NAMES, DEPTH_RULES } from '../core/index.js';
import type { DatasetName, WrnOptions } from '../core/index.js';
import { kernelList, oneOf, positiveDecimal, probability, spatialSize, wholeNumber } from './numbers.js';
import { UsageError } from './errors.js';

/** The options every command that describes one network shares (DESIGN §4). */
export function addNetworkOptions(command: Command): Command {
  command
    .option('--depth <d>', 'network depth, e.g. 28 (default 28 unless --blocks-per-group is given)')
    .option('--k <k>', 'widening factor; fractional when 16·k is whole (default 10)')
    .option('--blocks-per-group <n>', 'blocks per group N, instead of (or consistent with) --depth');
  return addShapeOptions(command);
}

/** Everything about a network but its depth and width: for commands that take lists of those (grid, fit). */
export function addShapeOptions(command: Command): Command {
  return command
    .option('--block <kernels>', 'kernel sizes of a block: 3,3 or B(3,1,3) (default 3,3)')
    .option('--depth-rule <rule>', 'layers: d = 3·N·l + 4; nominal: d = 6·N + 4, the paper\'s Table 2 labels (default layers)')
    .option('--dataset <name>', `input and classes preset: ${DATASET_NAMES.join(', ')} (default cifar10)`)
    .option('--input <size>', 'input spatial size: S or HxW (overrides the dataset)')
    .option('--in-channels <c>', 'input channels (overrides the dataset)')
    .option('--classes <n>', 'number of classes (overrides the dataset)')
    .option('--conv-bias', 'give every conv a bias (the official WRN has none)')
    .option('--dropout <p>', 'dropout before the 2nd and later convs of a block; no parameters (default 0)');
}

/** Raw commander values are strings (or true for flags); zod turns them into WrnOptions. */
export const shapeOptionsSchema = z.object({
  block: z.optional(kernelList('--block')),
  depthRule: z.optional(oneOf('--depth-rule', DEPTH_RULES)),
  dataset: z.optional(oneOf('--dataset', DATASET_NAMES)),
  input: z.optional(spatialSize('--input')),
  inChannels: z.optional(wholeNumber('--in-channels', 1, '3')),
  classes: z.optional(wholeNumber('--classes', 1, '10')),
  convBias: z.optional(z.boolean()),
  dropout: z.optional(probability('--dropout')),
});

export const networkOptionsSchema = z.extend(shapeOptionsSchema, {
  depth: z.optional(wholeNumber('--depth', 1, '28')),
  k: z.optional(positiveDecimal('--k', '10')),
  blocksPerGroup: z.optional(wholeNumber('--blocks-per-group', 1, '4')),
});

export type NetworkOptionsInput = z.input<typeof networkOptionsSchema>;
export type ParsedNetworkOptions = z.output<typeof networkOptionsSchema>;

/** Parse with a zod schema; the first problem becomes the one sentence the user sees. */
export function parseOrThrow<S extends z.ZodMiniType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new UsageError(issue?.message ?? 'Invalid options.');
}

export interface NetworkDefaults {
  readonly depth?: number;
  readonly k?: number;
}

/** The summary's defaults: WRN-28-10 on CIFAR-10, the paper's headline model. */
export const SUMMARY_DEFAULTS: NetworkDefaults = { depth: 28, k: 10 };

export function toWrnOptions(parsed: ParsedNetworkOptions, defaults: NetworkDefaults = SUMMARY_DEFAULTS): WrnOptions & { dataset: DatasetName } {
  const dataset = parsed.dataset ?? 'cifar10';
  const preset = DATASETS[dataset];
  const [height, width] = parsed.input ?? [preset.input[1], preset.input[2]];
  const depth = parsed.depth ?? (parsed.blocksPerGroup === undefined ? defaults.depth : undefined);
  const k = parsed.k ?? defaults.k;
  if (k === undefined) throw new UsageError('--k is required (a positive decimal such as 10).');
  return {
    dataset,
    depth,
    blocksPerGroup: parsed.blocksPerGroup,
    k,
    block: parsed.block,
    depthRule: parsed.depthRule,
    input: [parsed.inChannels ?? preset.input[0], height, width],
    classes: parsed.classes ?? preset.classes,
    convBias: parsed.convBias === true,
    dropout: parsed.dropout,
  };
}
