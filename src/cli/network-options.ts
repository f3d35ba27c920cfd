import { DATASETS, FAMILIES, datasetOf, familyOf } from '../core/index.js';
import type { DatasetName, NetworkOptions } from '../core/index.js';
import { NETWORK_KEYS } from './options.js';
import type { NetworkKey, NetworkValues } from './options.js';

/** What the network options parse to on a command that takes one network (the summary's, the budget file's). */
export type ParsedNetworkOptions = NetworkValues;

/** Options the command line composes before the core sees them: the input from its size and channels. */
const COMPOSED = ['input', 'inChannels'] as const satisfies readonly NetworkKey[];
type Composed = (typeof COMPOSED)[number];

/** Every network option but the composed ones, copied under its own key: the core's NetworkOptions has the same names. */
function networkFields(parsed: ParsedNetworkOptions): Omit<NetworkOptions, Composed> {
  const fields: Record<string, unknown> = {};
  for (const key of NETWORK_KEYS) {
    if (!(COMPOSED as readonly string[]).includes(key) && parsed[key] !== undefined) fields[key] = parsed[key];
  }
  return fields as Pick<ParsedNetworkOptions, Exclude<NetworkKey, Composed>> satisfies Omit<NetworkOptions, Composed>;
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
  const structure = networkFields(parsed);
  const dataset = datasetOf(structure);
  const preset = DATASETS[dataset];
  const [height, width] = parsed.input ?? [preset.input[1], preset.input[2]];
  const headline = FAMILIES[familyOf(structure)].defaults;
  const unnamed = defaults === 'summary' && parsed.model === undefined;
  const depth = parsed.depth ?? (unnamed && parsed.blocksPerGroup === undefined ? headline.depth : undefined);
  const k = parsed.k ?? (unnamed ? headline.k : undefined);
  return {
    ...structure,
    dataset,
    depth,
    k,
    input: [parsed.inChannels ?? preset.input[0], height, width],
    classes: parsed.classes ?? preset.classes,
    convBias: parsed.convBias === true,
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
