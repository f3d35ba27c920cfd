import { DATASETS, FAMILIES, PRESET_NAMES, datasetOf, familyOf, resolveModelName, resolveNetwork } from '../core/index.js';
import type { DatasetName, NetworkOptions, NetworkSpec } from '../core/index.js';

type PresetOptions = ReturnType<typeof resolveModelName>['options'];
import { UsageError } from './errors.js';
import { NETWORK_KEYS, OPTION_KEYS, flagOf } from './options.js';
import type { NetworkKey, NetworkValues, OptionKey } from './options.js';
import { quote } from './quote.js';
import { listAnd } from './suggest.js';

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

/**
 * What a name fixes that a flag may not contradict: its depth and k (a ResNeXt's k is
 * W·G/64). Its other options may change: a width per group or groups (another spelling
 * of the width, as torchvision's), the input, classes, dataset, order, shortcut.
 */
const NAMED = ['depth', 'k'] as const satisfies readonly NetworkKey[];
/** The structure two networks share when one name may stand for the other. */
const STRUCTURE = [
  'family',
  'depth',
  'k',
  'block',
  'groups',
  'widthPerGroup',
  'bottleneckStride',
  'order',
  'shortcut',
  'blocksPerGroup',
] as const;

/** A preset's options as flags, in the table's order: `--family imagenet --depth 77 --k 1`. */
function asFlags(options: PresetOptions): string {
  return OPTION_KEYS.filter((key) => key in options && options[key as keyof PresetOptions] !== undefined)
    .map((key) => {
      const value = options[key as keyof PresetOptions];
      return `${flagOf(key)} ${Array.isArray(value) ? value.join(',') : String(value)}`;
    })
    .join(' ');
}

function sameStructure(a: NetworkSpec, b: NetworkSpec): boolean {
  return STRUCTURE.every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));
}

/** The preset with the structure the name and the flags describe together, if there is one. */
function matchingPreset(preset: string, target: NetworkSpec): string | undefined {
  return PRESET_NAMES.find((candidate) => candidate !== preset && sameStructure(resolveNetwork({ model: candidate }), target));
}

/** What the name itself says of its depth and width: WRN-d-k literally, a preset as the core resolves it. */
function namedValues(name: string): {
  preset: string | undefined;
  options: PresetOptions;
  own: Partial<Record<(typeof NAMED)[number], number>>;
} {
  const { preset, options } = resolveModelName(name);
  if (preset === undefined) return { preset, options, own: { depth: options.depth, k: options.k } };
  const spec = resolveNetwork({ model: name });
  return { preset, options, own: { depth: spec.depth, k: spec.k } };
}

/**
 * `WRN-28-10 --depth 40`: a depth or width that contradicts the model's name is refused,
 * naming the name that would match (or, for a preset none matches, its options as
 * flags). The input, classes, dataset and the other options may change a preset.
 */
function refuseContradictions(parsed: ParsedNetworkOptions, naming: OptionNaming): void {
  if (parsed.model === undefined) return;
  const { preset, options, own } = namedValues(parsed.model);
  const contradicted = NAMED.filter((key) => parsed[key] !== undefined && own[key] !== undefined && parsed[key] !== own[key]);
  if (contradicted.length === 0) return;
  const overrides = Object.fromEntries(contradicted.map((key) => [key, parsed[key]]));
  const has = listAnd(contradicted.map((key) => `${key} ${String(own[key])}`));
  const flags = listAnd(contradicted.map(naming));
  const gives = listAnd(contradicted.map((key) => String(parsed[key])));
  // A network the core refuses (WRN-27-10, resnet50 at depth 77) is refused for that, which says more.
  const match =
    preset === undefined
      ? `WRN-${parsed.depth ?? own.depth}-${parsed.k ?? own.k}`
      : matchingPreset(preset, resolveNetwork({ model: parsed.model, ...overrides }));
  const instead =
    match === undefined ? `give the network by its options instead (${asFlags({ ...options, ...overrides })})` : `name it ${match}`;
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
