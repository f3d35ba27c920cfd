import { DATASETS, FAMILIES, PRESETS, PRESET_NAMES, datasetOf, familyOf, resolveModelName } from '../core/index.js';
import type { DatasetName, NetworkOptions, PresetOptions } from '../core/index.js';
import { UsageError } from './errors.js';
import { NETWORK_KEYS, OPTION_KEYS, flagOf } from './options.js';
import type { NetworkKey, NetworkValues, OptionKey } from './options.js';
import { quote } from './quote.js';

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

/** How a message names an option: `--depth` on the command line, `"depth"` in a budget file. */
export type OptionNaming = (key: OptionKey) => string;

/** The options a name fixes that a flag may not contradict: a name says its depth and width. */
const NAMED = ['depth', 'k'] as const satisfies readonly (keyof PresetOptions & NetworkKey)[];

/** A preset's options as flags, in the table's order: `--family imagenet --depth 77 --k 1`. */
function asFlags(options: PresetOptions): string {
  return OPTION_KEYS.filter((key) => key in options)
    .map((key) => {
      const value = options[key as keyof PresetOptions];
      return `${flagOf(key)} ${Array.isArray(value) ? value.join(',') : String(value)}`;
    })
    .join(' ');
}

/** The name of the network the name and the flags describe together: WRN-d-k, or the preset with that structure. */
function matchingName(name: string, preset: string | undefined, options: PresetOptions): string | undefined {
  if (preset === undefined) return `WRN-${options.depth}-${options.k}`;
  const same = (other: PresetOptions) =>
    Object.keys({ ...other, ...options }).every(
      (key) => JSON.stringify(other[key as keyof PresetOptions]) === JSON.stringify(options[key as keyof PresetOptions]),
    );
  return PRESET_NAMES.find((candidate) => candidate !== name && same(PRESETS[candidate]));
}

function listAnd(values: readonly string[]): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]}`;
}

/**
 * `WRN-28-10 --depth 40`: a depth or k that contradicts the model's name is refused,
 * naming the name that would match (or, for a preset none matches, its options as
 * flags). The input, classes, dataset and the other options may change a preset.
 */
function refuseContradictions(parsed: ParsedNetworkOptions, naming: OptionNaming): void {
  if (parsed.model === undefined) return;
  const { preset, options } = resolveModelName(parsed.model);
  const contradicted = NAMED.filter((key) => parsed[key] !== undefined && parsed[key] !== options[key]);
  if (contradicted.length === 0) return;
  const merged: PresetOptions = { ...options, ...Object.fromEntries(contradicted.map((key) => [key, parsed[key]])) };
  const has = listAnd(contradicted.map((key) => `${key} ${String(options[key])}`));
  const flags = listAnd(contradicted.map(naming));
  const gives = listAnd(contradicted.map((key) => String(parsed[key])));
  const match = matchingName(parsed.model, preset, merged);
  const instead = match === undefined ? `give the network by its options instead (${asFlags(merged)})` : `name it ${match}`;
  throw new UsageError(
    `${quote(parsed.model)} has ${has}, but ${flags} ${contradicted.length === 1 ? 'gives' : 'give'} ${gives}; ${instead}, or drop ${flags}.`,
  );
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
  naming: OptionNaming = flagOf,
): NetworkOptions & { dataset: DatasetName } {
  refuseContradictions(parsed, naming);
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
