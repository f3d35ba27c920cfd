/*
 * What a successful JSON output must say about the argv it came from: the tool
 * used the numbers it was given (not a rounded neighbour), and every conv of a
 * block follows conv arithmetic exactly (checked with BigInt, so no double
 * rounding can hide a wrong shape).
 */

/** '028.50' → '28.5': the decimal as JavaScript prints the number it denotes, when it is one. */
export function canonicalDecimal(raw: string): string | undefined {
  const match = /^\s*([0-9]+)(?:\.([0-9]+))?\s*$/.exec(raw);
  if (match === null) return undefined;
  const whole = (match[1] ?? '').replace(/^0+(?=[0-9])/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The user's decimal, if given, is the number the output reports (String(1.00000000000000000001) is '1': not the same). */
function sameNumber(values: ReadonlyMap<string, string>, flag: string, reported: unknown): string | undefined {
  const raw = values.get(flag);
  if (raw === undefined) return undefined;
  const expected = canonicalDecimal(raw);
  return expected === String(reported) ? undefined : `${flag} ${JSON.stringify(raw)} was used as ${String(reported)}`;
}

/** `values`: each option's last value, as commander reads the argv (argv-arbitraries.ts readArgv). */
export function summaryJsonProblem(values: ReadonlyMap<string, string>, json: unknown): string | undefined {
  const model = record(record(json).model);
  return sameNumber(values, '--k', model.k) ?? sameNumber(values, '--depth', model.depth);
}

/** An exact integer from the JSON; -1 (never a valid size or kernel) for anything else, so comparisons fail loudly. */
const big = (value: unknown): bigint => (typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : -1n);

/** PyTorch's output size, in exact integers. */
function convSize(input: bigint, kernel: bigint, stride: bigint, padding: bigint, dilation: bigint): bigint {
  const span = input + 2n * padding - dilation * (kernel - 1n) - 1n;
  // BigInt division truncates toward zero; conv arithmetic floors.
  const floor = span >= 0n ? span / stride : -((-span + stride - 1n) / stride);
  return floor + 1n;
}

export function blockJsonProblem(json: unknown): string | undefined {
  const view = record(json);
  const block = record(view.block);
  const layers = Array.isArray(view.layers) ? view.layers.map(record) : [];
  if (layers.length === 0) return undefined; // --compare-k: no layer list
  const dilation = big(block.dilation);
  const input = Array.isArray(block.input) ? block.input : [];
  let previous: unknown[] = input;
  for (const layer of layers) {
    const output = Array.isArray(layer.output) ? layer.output : [];
    if (layer.type === 'conv' || layer.type === 'shortcut') {
      const source = layer.type === 'shortcut' ? input : previous;
      const kernel = big(Array.isArray(layer.kernel) ? layer.kernel[0] : undefined);
      const stride = big(layer.stride);
      const padding = big(layer.padding);
      const layerDilation = layer.type === 'shortcut' ? 1n : dilation;
      if (block.padding === 'same' && layer.type === 'conv' && padding !== (layerDilation * (kernel - 1n) + 1n) / 2n) {
        return `${String(layer.name)}: padding ${String(layer.padding)} is not 'same' for kernel ${kernel} at dilation ${layerDilation}`;
      }
      for (const axis of [1, 2]) {
        const expected = convSize(big(source[axis]), kernel, stride, padding, layerDilation);
        if (big(output[axis]) !== expected)
          return `${String(layer.name)}: output size ${String(output[axis])}, conv arithmetic gives ${expected}`;
      }
    }
    if (layer.type !== 'shortcut') previous = output;
  }
  return undefined;
}

export function blockArgvProblem(values: ReadonlyMap<string, string>, json: unknown): string | undefined {
  const block = record(record(json).block);
  if (values.has('--compare-k')) return blockJsonProblem(json);
  return (
    sameNumber(values, '--k', block.k) ??
    sameNumber(values, '--dilation', block.dilation) ??
    sameNumber(values, '--stride', block.stride) ??
    blockJsonProblem(json)
  );
}
