import { sumCounts } from './counts.js';
import type { Counts } from './counts.js';
import { addLayer, bnReluLayer, convLayer } from './layers.js';
import type { LayerRow, Shape } from './layers.js';
import { checkedAdd, checkedMul } from './safe-int.js';

/**
 * `same` pads each conv by ⌊(d·(k−1) + 1)/2⌋: the official WRN's ⌊k/2⌋ at dilation 1 for every k
 * (DESIGN §2), and the size-keeping padding for any odd effective kernel.
 */
export type Padding = number | 'same';

export interface BlockOptions {
  /** Every conv of the block has this many output channels (the block's width). */
  readonly width: number;
  /** Kernel sizes k1..kl of B(k1, ..., kl). */
  readonly kernels: readonly number[];
  /** Sits on the block's first conv (and on the projection shortcut). */
  readonly stride: number;
  readonly padding: Padding;
  readonly dilation: number;
  readonly convBias: boolean;
  /** Applied before the 2nd and later convs; shown, never counted. */
  readonly dropout: number;
}

export interface Residual {
  readonly ok: boolean;
  readonly shortcut: 'identity' | 'projection';
  readonly main: Shape;
  readonly shortcutShape: Shape;
}

export interface BlockResult extends Counts {
  readonly layers: LayerRow[];
  readonly output: Shape;
  readonly residual: Residual;
}

export function paddingFor(padding: Padding, kernel: number, dilation: number): number {
  if (padding !== 'same') return padding;
  // Checked: with a dilation near MAX_SAFE_INTEGER the double d·(k−1) + 1 rounds, and so would the padding.
  return Math.floor(checkedAdd('dilated kernel extent', checkedMul('dilated kernel extent', dilation, kernel - 1), 1) / 2);
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}

/**
 * One pre-activation block B(k1, ..., kl): for each kernel, BN → ReLU →
 * (dropout from the 2nd conv on) → conv. The shortcut is the identity when
 * channels and stride are unchanged, otherwise a 1×1 conv (stride s, no
 * padding) on the BN-ReLU'd block input, as in the official implementation.
 * Layers are listed in execution order: the shortcut runs after the main path.
 * A residual add whose sides differ is reported in `residual`, not thrown:
 * the single-block view shows it as information; the network builder refuses it.
 */
export function buildBlock(prefix: string, input: Shape, options: BlockOptions): BlockResult {
  const layers: LayerRow[] = [];
  const firstBn = bnReluLayer(`${prefix}.bn1`, input);
  let current: Shape = input;
  options.kernels.forEach((kernel, i) => {
    const bn = i === 0 ? firstBn : bnReluLayer(`${prefix}.bn${i + 1}`, current);
    const conv = convLayer(`${prefix}.conv${i + 1}`, bn.output, {
      outChannels: options.width,
      kernel,
      stride: i === 0 ? options.stride : 1,
      padding: paddingFor(options.padding, kernel, options.dilation),
      dilation: options.dilation,
      groups: 1,
      bias: options.convBias,
    });
    layers.push(bn, i > 0 && options.dropout > 0 ? { ...conv, dropoutBefore: options.dropout } : conv);
    current = conv.output;
  });

  const isIdentity = input[0] === options.width && options.stride === 1;
  let shortcutShape: Shape = input;
  if (!isIdentity) {
    const shortcut = convLayer(
      `${prefix}.shortcut`,
      firstBn.output,
      { outChannels: options.width, kernel: 1, stride: options.stride, padding: 0, dilation: 1, groups: 1, bias: options.convBias },
      'shortcut',
    );
    layers.push(shortcut);
    shortcutShape = shortcut.output;
  }
  const ok = sameShape(current, shortcutShape);
  if (ok) layers.push(addLayer(`${prefix}.add`, current));
  return {
    ...sumCounts(layers),
    layers,
    output: current,
    residual: { ok, shortcut: isIdentity ? 'identity' : 'projection', main: current, shortcutShape },
  };
}
