import type * as z from 'zod/mini';
import { DATASETS, FAMILIES, datasetOf, familyOf } from '../core/index.js';
import type { DatasetName, NetworkOptions } from '../core/index.js';
import { UsageError } from './errors.js';
import type { ParsedNetworkOptions } from './options.js';

export type { ParsedNetworkOptions } from './options.js';

/** Parse with a zod schema; the first problem becomes the one sentence the user sees. */
export function parseOrThrow<S extends z.ZodMiniType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new UsageError(issue?.message ?? 'Invalid options.');
}

/**
 * `summary`: a network with nothing said is its family's headline (WRN-28-10 on
 * CIFAR, resnet50 on ImageNet); `none`: a budget file or a grid says which
 * network it means, so nothing is filled in.
 */
export type NetworkDefaults = 'summary' | 'none';

/** Parsed options → the core's options, with the dataset's input and classes under the overrides. */
export function toNetworkOptions(
  parsed: ParsedNetworkOptions,
  defaults: NetworkDefaults = 'summary',
): NetworkOptions & { dataset: DatasetName } {
  const structure: NetworkOptions = {
    model: parsed.model,
    family: parsed.family,
    depth: parsed.depth,
    blocksPerGroup: parsed.blocksPerGroup,
    k: parsed.k,
    block: parsed.block,
    groups: parsed.groups,
    widthPerGroup: parsed.widthPerGroup,
    bottleneckStride: parsed.bottleneckStride,
    order: parsed.order,
    shortcut: parsed.shortcut,
    depthRule: parsed.depthRule,
    dataset: parsed.dataset,
  };
  const dataset = datasetOf(structure);
  const preset = DATASETS[dataset];
  const [height, width] = parsed.input ?? [preset.input[1], preset.input[2]];
  const headline = FAMILIES[familyOf(structure)].defaults;
  const unnamed = defaults === 'summary' && parsed.model === undefined;
  const depth = parsed.depth ?? (unnamed && parsed.blocksPerGroup === undefined ? headline.depth : undefined);
  // A width per group spells k too (W·G = 64·k): the headline's k would contradict it.
  const k = parsed.k ?? (unnamed && parsed.widthPerGroup === undefined ? headline.k : undefined);
  return {
    ...structure,
    dataset,
    depth,
    k,
    input: [parsed.inChannels ?? preset.input[0], height, width],
    classes: parsed.classes ?? preset.classes,
    convBias: parsed.convBias === true,
    dropout: parsed.dropout,
  };
}

/**
 * The dataset a report may name: the one whose input and classes the network has,
 * or undefined when --input, --in-channels or --classes (or a budget file's fields)
 * made them something else. Reports then say `custom input 3×224×224` and JSON has
 * `"dataset": null`, rather than name a dataset whose numbers they do not show.
 * Options equal to the dataset's own (`--dataset cifar100 --classes 100`) keep its name.
 */
export function namedDataset(options: NetworkOptions & { dataset: DatasetName }): DatasetName | undefined {
  const preset = DATASETS[options.dataset];
  const input = options.input ?? preset.input;
  const same = input.every((size, axis) => size === preset.input[axis]) && (options.classes ?? preset.classes) === preset.classes;
  return same ? options.dataset : undefined;
}
