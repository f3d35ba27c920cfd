/*
 * A small JSON Schema (2020-12) validator for the keywords `wrn-calc schema`
 * emits, so tests can check the generated schema against files without a new
 * dependency. It throws on any keyword it does not know, so a schema that grows
 * a new keyword fails loudly instead of being half-checked.
 */
type Schema = boolean | { readonly [keyword: string]: unknown };

const ANNOTATIONS = new Set(['$schema', 'title', 'description', 'examples', 'default']);
const KNOWN = new Set([
  ...ANNOTATIONS,
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'anyOf',
  'enum',
  'const',
  'pattern',
  'minLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** The problems of `value` against `schema`, as `path: problem`; empty when valid. */
export function validateJsonSchema(schema: Schema, value: unknown, path = '$'): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: not allowed`];
  for (const keyword of Object.keys(schema))
    if (!KNOWN.has(keyword)) throw new Error(`validator does not know keyword ${keyword} at ${path}`);
  const s = schema as Record<string, unknown>;
  const errors: string[] = [];
  if (typeof s.type === 'string' && !matchesType(value, s.type)) return [`${path}: expected ${s.type}, got ${typeOf(value)}`];
  if (Array.isArray(s.enum) && !s.enum.includes(value)) errors.push(`${path}: not one of ${JSON.stringify(s.enum)}`);
  if ('const' in s && s.const !== value) errors.push(`${path}: not ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.anyOf)) {
    const branches = s.anyOf as Schema[];
    if (!branches.some((branch) => validateJsonSchema(branch, value, path).length === 0)) errors.push(`${path}: matches no anyOf branch`);
  }
  if (typeof value === 'string') {
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) errors.push(`${path}: does not match ${s.pattern}`);
    if (typeof s.minLength === 'number' && [...value].length < s.minLength) errors.push(`${path}: shorter than ${s.minLength}`);
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) errors.push(`${path}: below ${s.minimum}`);
    if (typeof s.maximum === 'number' && value > s.maximum) errors.push(`${path}: above ${s.maximum}`);
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) errors.push(`${path}: not above ${s.exclusiveMinimum}`);
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) errors.push(`${path}: not below ${s.exclusiveMaximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) errors.push(`${path}: fewer than ${s.minItems} items`);
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) errors.push(`${path}: more than ${s.maxItems} items`);
    const prefix = Array.isArray(s.prefixItems) ? (s.prefixItems as Schema[]) : [];
    value.forEach((item, i) => {
      const itemSchema = i < prefix.length ? prefix[i] : (s.items as Schema | undefined);
      if (itemSchema !== undefined) errors.push(...validateJsonSchema(itemSchema, item, `${path}[${i}]`));
    });
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    for (const key of (s.required ?? []) as string[]) if (!(key in object)) errors.push(`${path}: missing ${key}`);
    for (const [key, item] of Object.entries(object)) {
      const propertySchema = properties[key] ?? (s.additionalProperties as Schema | undefined);
      if (propertySchema !== undefined) errors.push(...validateJsonSchema(propertySchema, item, `${path}.${key}`));
    }
  }
  return errors;
}
