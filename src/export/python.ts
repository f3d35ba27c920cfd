/*
 * Python text from values the network's description holds: whole numbers, decimals,
 * booleans and names wrn-calc itself knows. Each is checked as it is written, so that
 * nothing else (nothing a user typed) can reach the generated code: a value that is
 * not what it should be stops the export instead.
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Python's keywords (and soft keywords that would confuse a reader), never an identifier here. */
const KEYWORDS = new Set(
  'False None True and as assert async await break case class continue def del elif else except finally for from global if import in is lambda match nonlocal not or pass raise return try type while with yield'.split(
    ' ',
  ),
);

function refuse(what: string, value: unknown): never {
  throw new Error(`${what} ${JSON.stringify(value)} cannot be written into Python code`);
}

/** `name` as a Python identifier, checked against [A-Za-z_][A-Za-z0-9_]* (and not a keyword). */
export function identifier(name: string): string {
  return IDENTIFIER.test(name) && !KEYWORDS.has(name) ? name : refuse('The name', name);
}

/** A class name from a model name: `WRN-28-10` → `WRN_28_10`, `resnet50` → `resnet50`; checked as an identifier. */
export function className(modelName: string): string {
  const name = modelName.replace(/[^A-Za-z0-9_]/g, '_');
  return identifier(/^[0-9]/.test(name) ? `Net_${name}` : name);
}

/** A whole number as Python writes it; `grouped` puts underscores between thousands (36_479_194). */
export function int(value: number, grouped = false): string {
  if (!Number.isSafeInteger(value)) refuse('The number', value);
  const text = String(value);
  return grouped ? text.replace(/\B(?=(\d{3})+(?!\d))/g, '_') : text;
}

/** A finite decimal as a Python float literal: 0.3, 1e-07, 1.0. */
export function float(value: number): string {
  if (!Number.isFinite(value)) refuse('The number', value);
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

export function bool(value: boolean): string {
  return value ? 'True' : 'False';
}

/** A short name wrn-calc knows (`projection`, `zero-pad`) as a Python string. */
export function name(value: string): string {
  return /^[a-z][a-z0-9-]*$/.test(value) ? `'${value}'` : refuse('The name', value);
}

/**
 * Text for a docstring (`lines`) or a comment (one line) made of numbers and known
 * names: printable characters and the ×, →, …, − and · the reports use; never a
 * double quote or a backslash, which could end a docstring or escape from it.
 */
export function text(value: string, lines = false): string {
  const allowed = lines ? /^[\n\x20\x21\x23-\x5b\x5d-\x7e×→…−·]*$/ : /^[\x20\x21\x23-\x5b\x5d-\x7e×→…−·]*$/;
  return allowed.test(value) ? value : refuse('The text', value);
}
