import { PRESET_NAMES } from '../core/index.js';
import { byId, fill, h } from './dom.js';
import type { Problem } from './evaluate.js';
import { OPTION_BY_PARAM, optionOf } from './options.js';
import type { PageOption } from './options.js';
import type { PageState } from './state.js';

/*
 * The form: one labelled control per option, grouped as the CLI's help groups
 * them, built from the option table. Each control's label is the option's name,
 * its hint the option's help, and beside it a slot for the sentence that refuses
 * its value.
 */

export const FIELDSETS = [
  { legend: 'Model', params: ['model'] },
  {
    legend: 'Structure',
    params: [
      'family',
      'depth',
      'k',
      'blocks-per-group',
      'block',
      'groups',
      'width-per-group',
      'bottleneck-stride',
      'order',
      'shortcut',
      'depth-rule',
      'conv-bias',
      'dropout',
    ],
  },
  { legend: 'Data', params: ['dataset', 'input', 'in-channels', 'classes'] },
  { legend: 'Training step', params: ['batch', 'optimizer', 'memory'] },
] as const;

/** Virtual keyboards: digits for whole numbers, a decimal point for k and dropout. */
const INPUT_MODES: Readonly<Record<string, string>> = {
  depth: 'numeric',
  groups: 'numeric',
  'width-per-group': 'numeric',
  'in-channels': 'numeric',
  classes: 'numeric',
  batch: 'numeric',
  k: 'decimal',
  dropout: 'decimal',
};

/** Examples the model list offers beside the presets: the WRN paper's networks. */
const WRN_EXAMPLES = ['WRN-28-10', 'WRN-16-8', 'WRN-40-4', 'WRN-16-4', 'WRN-40-1', 'WRN-22-8', 'WRN-40-10'] as const;

export const controlId = (param: string) => `f-${param}`;
const errorId = (param: string) => `f-${param}-error`;
const helpId = (param: string) => `f-${param}-help`;

export interface FieldEvents {
  /** A keystroke in a text field (its value as typed). */
  readonly input: (param: string, value: string, event: Event) => void;
  /** A select or switch changed, or a text field was left (its edit is over). */
  readonly commit: (param: string, value: string | undefined, event: Event) => void;
}

function textControl(option: PageOption, events: FieldEvents): HTMLInputElement {
  const input = h('input', {
    id: controlId(option.param),
    attrs: {
      name: option.param,
      type: 'text',
      autocomplete: 'off',
      autocapitalize: 'off',
      spellcheck: 'false',
      inputmode: INPUT_MODES[option.param],
      list: option.param === 'model' || option.param === 'compare' ? 'model-names' : undefined,
      'aria-describedby': `${helpId(option.param)} ${errorId(option.param)}`,
    },
  });
  input.addEventListener('input', (event) => events.input(option.param, input.value, event));
  input.addEventListener('change', (event) => events.commit(option.param, input.value.trim() || undefined, event));
  return input;
}

function selectControl(option: PageOption, events: FieldEvents): HTMLSelectElement {
  const select = h(
    'select',
    { id: controlId(option.param), attrs: { name: option.param, 'aria-describedby': `${helpId(option.param)} ${errorId(option.param)}` } },
    h('option', { attrs: { value: '' } }, 'default'),
    ...(option.choices ?? []).map((choice) => h('option', { attrs: { value: choice } }, choice)),
  );
  select.addEventListener('change', (event) => events.commit(option.param, select.value || undefined, event));
  return select;
}

function switchControl(option: PageOption, events: FieldEvents): HTMLInputElement {
  const box = h('input', {
    id: controlId(option.param),
    attrs: { name: option.param, type: 'checkbox', 'aria-describedby': `${helpId(option.param)} ${errorId(option.param)}` },
  });
  box.addEventListener('change', (event) => events.commit(option.param, box.checked ? '' : undefined, event));
  return box;
}

/** One option: its label (the option's name), control, hint and error slot. */
export function field(option: PageOption, events: FieldEvents, help = option.help): HTMLElement {
  const control =
    option.control === 'select'
      ? selectControl(option, events)
      : option.control === 'switch'
        ? switchControl(option, events)
        : textControl(option, events);
  const label = h('label', { attrs: { for: control.id } }, h('span', { className: 'name' }, option.param));
  const parts = option.control === 'switch' ? [control, label] : [label, control];
  return h(
    'div',
    { className: `field field-${option.control}`, attrs: { 'data-param': option.param } },
    h('div', { className: 'control' }, ...parts),
    h('p', { className: 'help', id: helpId(option.param) }, help),
    h('p', { className: 'error', id: errorId(option.param) }),
  );
}

/** The network's form, and the list of model names its model field offers. */
export function buildForm(form: HTMLFormElement, events: FieldEvents): void {
  const names = h(
    'datalist',
    { id: 'model-names' },
    ...[...WRN_EXAMPLES, ...PRESET_NAMES].map((name) => h('option', { attrs: { value: name } })),
  );
  const sets = FIELDSETS.map(({ legend, params }) =>
    h('fieldset', {}, h('legend', {}, legend), ...params.map((param) => field(optionOf(param), events))),
  );
  fill(form, names, ...sets, h('p', { className: 'error form-error', id: 'form-error', attrs: { 'aria-live': 'polite' } }));
  form.addEventListener('submit', (event) => event.preventDefault());
}

/** Puts the state's values into the controls (on load and on the back button). */
export function setFieldValues(state: PageState): void {
  for (const [param, option] of OPTION_BY_PARAM) {
    const control = document.getElementById(controlId(param));
    if (control === null) continue;
    const value = state.get(param);
    if (control instanceof HTMLInputElement && option.control === 'switch') control.checked = value !== undefined;
    else if (control instanceof HTMLSelectElement) control.value = option.choices?.includes(value ?? '') === true ? (value ?? '') : '';
    else if (control instanceof HTMLInputElement) control.value = value ?? '';
  }
}

/**
 * Each control's sentence, or none; a sentence about the network as a whole goes
 * under the form. A select whose URL value is not one of its names shows that value's
 * sentence while it shows `default`.
 */
export function showProblems(problems: readonly Problem[]): void {
  const byParam = new Map<string, string>();
  const general: string[] = [];
  for (const problem of problems) {
    if (problem.param === undefined || document.getElementById(errorId(problem.param)) === null) general.push(problem.message);
    else byParam.set(problem.param, [byParam.get(problem.param), problem.message].filter(Boolean).join(' '));
  }
  for (const param of OPTION_BY_PARAM.keys()) {
    const slot = document.getElementById(errorId(param));
    if (slot === null) continue;
    const message = byParam.get(param);
    if (slot.textContent !== (message ?? '')) slot.textContent = message ?? '';
    const control = document.getElementById(controlId(param));
    if (message === undefined) control?.removeAttribute('aria-invalid');
    else control?.setAttribute('aria-invalid', 'true');
  }
  const formError = byId('form-error');
  const text = general.join(' ');
  if (formError.textContent !== text) formError.textContent = text;
}

/** What an absent option means for this network: a text box's placeholder, a select's `default (…)`. */
export function showDefaults(defaults: ReadonlyMap<string, string>): void {
  for (const [param, value] of defaults) {
    const control = document.getElementById(controlId(param));
    if (control instanceof HTMLInputElement && control.type === 'text') {
      if (control.placeholder !== value) control.placeholder = value;
    } else if (control instanceof HTMLSelectElement) {
      const first = control.options[0];
      const text = value === '' ? 'default' : `default (${value})`;
      if (first !== undefined && first.textContent !== text) first.textContent = text;
    }
  }
}
