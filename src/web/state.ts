import { clip, escapeControl } from '../core/index.js';
import { OPTION_BY_PARAM, PAGE_OPTIONS } from './options.js';

/*
 * The page's state is the text of each option given, keyed by its URL parameter
 * (the CLI's option name), exactly as typed: a link holds the whole view, and the
 * values are parsed by the CLI's own parsers every time they are used.
 */
export type PageState = ReadonlyMap<string, string>;

export interface ReadQuery {
  readonly state: PageState;
  /** Parameters the page does not know (a typo, a tracker's tag), as shown to the reader. */
  readonly ignored: readonly string[];
}

/** At most this many unknown parameter names are listed; a link with thousands says how many. */
const MAX_IGNORED_SHOWN = 5;

/** `?depth=16&k=8` → state. A repeated parameter takes its last value, as a repeated flag does; empty values are absent. */
export function readQuery(search: string): ReadQuery {
  const state = new Map<string, string>();
  const ignored = new Set<string>();
  for (const [name, value] of new URLSearchParams(search)) {
    const option = OPTION_BY_PARAM.get(name);
    if (option === undefined) {
      ignored.add(name);
      continue;
    }
    const text = value.trim();
    if (text === '' && option.control !== 'switch') state.delete(name);
    else state.set(name, text);
  }
  return { state, ignored: [...ignored] };
}

/** What the page says about parameters it ignored: their names, quoted as the CLI quotes input, a few at most. */
export function describeIgnored(names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  const shown = names.slice(0, MAX_IGNORED_SHOWN).map((name) => `'${clip(escapeControl(name), 40)}'`);
  const more = names.length > MAX_IGNORED_SHOWN ? ` and ${names.length - MAX_IGNORED_SHOWN} more` : '';
  return names.length === 1
    ? `This link's parameter ${shown.join('')} is not an option of this page and was ignored.`
    : `This link's parameters ${shown.join(', ')}${more} are not options of this page and were ignored.`;
}

/** Query text that keeps lists and block notation readable: `compare=WRN-40-4,WRN-16-8`, `block=B(3,1,3)`. */
function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%3A/gi, ':');
}

/** State → `?depth=16&k=8` in the CLI table's order (a switch as its bare name), or '' when nothing is given. */
export function writeQuery(state: PageState): string {
  const parts: string[] = [];
  for (const option of PAGE_OPTIONS) {
    const value = state.get(option.param);
    if (value === undefined) continue;
    parts.push(option.control === 'switch' ? option.param : `${option.param}=${encodeValue(value)}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/** A copy of the state with one option set (a non-empty text) or removed. */
export function withValue(state: PageState, param: string, value: string | undefined): PageState {
  const next = new Map(state);
  if (value === undefined) next.delete(param);
  else next.set(param, value);
  return next;
}
