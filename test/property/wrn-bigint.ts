/*
 * An independent reference for the exact-integer limits: the counts of a WRN
 * with blocks B(3,3) written out layer by layer from the network definition in BigInt, so
 * no double rounding can hide an error near Number.MAX_SAFE_INTEGER. It shares
 * no code with src/core.
 */

export interface BigTotals {
  readonly params: bigint;
  readonly buffers: bigint;
  readonly macs: bigint;
  readonly flops: bigint;
  readonly activationElements: bigint;
  readonly paramBytesFp32: bigint;
  readonly paramBytesFp16: bigint;
  readonly activationBytesFp32: bigint;
  readonly activationBytesFp16: bigint;
}

export interface BigWrn {
  /** Blocks per group N. */
  readonly n: bigint;
  /** 16·k: k is a multiple of 1/16 whenever its widths are whole. */
  readonly k16: bigint;
  readonly height: bigint;
  readonly width: bigint;
  readonly inChannels?: bigint;
  readonly classes?: bigint;
}

/** A 3×3 conv with padding 1, or a 1×1 conv with padding 0, at stride s: ⌊(i − 1)/s⌋ + 1 either way. */
const convSize = (size: bigint, stride: bigint): bigint => (size - 1n) / stride + 1n;

export function wrnBigTotals(wrn: BigWrn): BigTotals {
  let params = 0n;
  let buffers = 0n;
  let macs = 0n;
  let activations = 0n;
  const bn = (channels: bigint, h: bigint, w: bigint) => {
    params += 2n * channels;
    buffers += 2n * channels;
    activations += channels * h * w;
  };
  const conv = (inC: bigint, outC: bigint, kernel: bigint, h: bigint, w: bigint) => {
    params += outC * inC * kernel * kernel;
    macs += h * w * outC * inC * kernel * kernel;
    activations += outC * h * w;
  };

  const inChannels = wrn.inChannels ?? 3n;
  let [h, w] = [wrn.height, wrn.width];
  conv(inChannels, 16n, 3n, h, w); // stem: 16 channels, never widened
  let channels = 16n;
  const strides = [1n, 2n, 2n];
  for (let g = 0; g < 3; g++) {
    const width = wrn.k16 * 2n ** BigInt(g); // 16k, 32k, 64k
    for (let b = 0n; b < wrn.n; b++) {
      // Only the first two blocks of a group differ from the rest: the others repeat the second.
      if (b >= 2n) {
        const blocksLeft = wrn.n - b;
        const perBlock = {
          params: 2n * width * 2n + 2n * width * width * 9n,
          buffers: 4n * width,
          macs: 2n * h * w * width * width * 9n,
          activations: 5n * width * h * w,
        };
        params += blocksLeft * perBlock.params;
        buffers += blocksLeft * perBlock.buffers;
        macs += blocksLeft * perBlock.macs;
        activations += blocksLeft * perBlock.activations;
        break;
      }
      const stride = b === 0n ? (strides[g] ?? 1n) : 1n;
      const [outH, outW] = [convSize(h, stride), convSize(w, stride)];
      bn(channels, h, w);
      conv(channels, width, 3n, outH, outW);
      bn(width, outH, outW);
      conv(width, width, 3n, outH, outW);
      if (channels !== width || stride !== 1n) conv(channels, width, 1n, outH, outW); // projection shortcut
      activations += width * outH * outW; // the residual add
      [h, w, channels] = [outH, outW, width];
    }
  }
  const classes = wrn.classes ?? 10n;
  bn(channels, h, w);
  activations += channels; // global average pool
  params += channels * classes + classes; // linear with bias
  macs += channels * classes;
  activations += classes;
  return {
    params,
    buffers,
    macs,
    flops: 2n * macs,
    activationElements: activations,
    paramBytesFp32: 4n * params,
    paramBytesFp16: 2n * params,
    activationBytesFp32: 4n * activations,
    activationBytesFp16: 2n * activations,
  };
}

export const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Whether every count can be printed exactly. */
export function fitsExactly(totals: BigTotals): boolean {
  return Object.values(totals).every((value) => value <= MAX_SAFE);
}

/** 30928854782234n → "30,928,854,782,234", as the CLI prints counts. */
export function grouped(value: bigint): string {
  return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
