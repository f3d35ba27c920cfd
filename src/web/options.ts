import { MODEL_FIELD_KEYS, OPTIONS, choicesOf, flagOf, parserOf, takesValue } from '../cli/options.js';
import type { OptionKey } from '../cli/options.js';
import { modelName } from '../cli/values.js';
import type { Parsed } from '../cli/values.js';

/*
 * The page's controls are the command line's options: the same names (a URL's
 * `?blocks-per-group=4` is `--blocks-per-group 4`), the same help and the same
 * parsers, read from the CLI's option table, so a value the CLI refuses is
 * refused here with the CLI's own sentence. Beyond the table's network and
 * training options the page takes the summary's --memory and --layers, grid's
 * --metric, and compare's model names.
 */

export type Control = 'text' | 'select' | 'switch';

export interface PageOption {
  /** The camelCase key the CLI stores the option under. */
  readonly key: string;
  /** The flag without its dashes: the URL parameter and the start of the control's label. */
  readonly param: string;
  readonly help: string;
  readonly control: Control;
  /** A select's names, in the CLI's order. */
  readonly choices?: readonly string[];
  /** The raw text → the value the CLI would have, or its sentence. */
  readonly parse: (raw: string) => Parsed<unknown>;
}

/** A switch in a URL: present with no value (`&conv-bias`), or `true`. */
function parseSwitch(flag: string) {
  return (raw: string): Parsed<boolean> =>
    raw === '' || raw === 'true'
      ? { ok: true, value: true }
      : { ok: false, message: `${flag} is a switch: give it without a value, or leave it out; got ${JSON.stringify(raw.slice(0, 40))}.` };
}

/** An option of the CLI's table as the page's control: its flag's name, help, choices and parser (the summary's, or `command`'s). */
function tableOption(key: OptionKey, command: 'summary' | 'grid' = 'summary'): PageOption {
  const flag = flagOf(key);
  const choices = choicesOf(key, command);
  const parse = parserOf(key, command);
  return {
    key,
    param: flag.replace(/^--/, ''),
    help: OPTIONS[key].help,
    control: !takesValue(key) ? 'switch' : choices === undefined ? 'text' : 'select',
    ...(choices === undefined ? {} : { choices }),
    parse: parse ?? parseSwitch(flag),
  };
}

/** The network's and the training step's options, in the CLI table's order. */
export const TABLE_OPTIONS: readonly PageOption[] = MODEL_FIELD_KEYS.map((key) => tableOption(key));

/** The summary's --memory, as its command parses it. */
export const MEMORY_OPTION: PageOption = tableOption('memory');

/** The summary's --layers: the per-layer table, shown on demand. */
export const LAYERS_OPTION: PageOption = {
  key: 'layers',
  param: 'layers',
  help: 'one row per layer',
  control: 'switch',
  parse: parseSwitch('--layers'),
};

/** grid's --metric: what the heat map's cells show. */
export const METRIC_OPTION: PageOption = {
  ...tableOption('metric', 'grid'),
  help: "what each cell shows: params, MACs, parameter memory (fp32), a training step's memory at the batch, or the last group's receptive field",
};

/** The most models compared beside the page's own (four side by side). */
export const MAX_COMPARED = 3;

/** compare's model names, comma-separated; each is checked as the CLI checks a model name. */
export const COMPARE_OPTION: PageOption = {
  key: 'compare',
  param: 'compare',
  help: `up to ${MAX_COMPARED} more models, comma-separated (WRN-40-4,resnet50): each beside this one, with ratios to it`,
  control: 'text',
  parse: (raw) => ({ ok: true, value: raw }),
};

/** One of compare's names, checked as the CLI checks each of compare's model names. */
export function parseComparedName(raw: string): Parsed<string> {
  return modelName.parse(raw, 'Each model');
}

/** Every URL parameter the page reads, by name. */
export const PAGE_OPTIONS: readonly PageOption[] = [...TABLE_OPTIONS, MEMORY_OPTION, LAYERS_OPTION, METRIC_OPTION, COMPARE_OPTION];

export const OPTION_BY_PARAM: ReadonlyMap<string, PageOption> = new Map(PAGE_OPTIONS.map((option) => [option.param, option]));

export function optionOf(param: string): PageOption {
  const option = OPTION_BY_PARAM.get(param);
  if (option === undefined) throw new Error(`the page has no option ${param}`);
  return option;
}
