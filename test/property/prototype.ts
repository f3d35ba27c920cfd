/**
 * Object.prototype as a string: its own keys and what each holds. A budget file with
 * "__proto__" or "constructor": { "prototype": ... } must not change it (prototype
 * pollution), and comparing snapshots shows it if anything did.
 */
export function prototypeSnapshot(): string {
  const prototypes: Record<string, object> = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype };
  return Object.entries(prototypes)
    .map(([name, prototype]) =>
      Reflect.ownKeys(prototype)
        .map((key) => {
          const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
          const value: unknown = descriptor?.value;
          const shown =
            typeof value === 'function' ? `function ${value.name}` : typeof value === 'object' && value !== null ? 'object' : String(value);
          return `${name}.${String(key)}=${shown}${descriptor?.get === undefined ? '' : ' (getter)'}`;
        })
        .join(';'),
    )
    .join('\n');
}
