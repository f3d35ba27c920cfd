import { WrnError } from '../errors.js';
import type { Field } from '../field.js';
import type { TensorShape } from '../tensor.js';

/*
 * What the window ops (conv, max pool, the zero-pad shortcut's stride) share: PyTorch's
 * output size, the checks that keep it exact, and the receptive-field step.
 */

export const MAX = Number.MAX_SAFE_INTEGER;

export interface Window {
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
}

/**
 * PyTorch's (and vdumoulin/conv_arithmetic's) output size for one spatial axis,
 * ⌊(i + 2p − d(k−1) − 1)/s⌋ + 1; max pool (ceil_mode off) and the zero-pad shortcut's stride use it too.
 */
export function convOutputSize(input: number, kernel: number, stride: number, padding: number, dilation = 1): number {
  return Math.floor((input + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1;
}

/** Thrown when a count would pass MAX_SAFE_INTEGER. */
export function overflow(what: string): never {
  throw new WrnError({ code: 'COUNT_OVERFLOW', what });
}

/** `count`, or a refusal naming `what` when it is past MAX_SAFE_INTEGER. */
export function checked(what: string, count: number): number {
  return count > MAX ? overflow(what) : count;
}

/**
 * The output of a window with `channels` output channels on `input`: the extent and padding
 * are checked before they could round, and an output side below 1 is refused, naming `layer`.
 */
export function windowOutput(input: TensorShape, channels: number, window: Window, layer: string): TensorShape {
  const { kernel, stride, padding, dilation } = window;
  if (dilation * (kernel - 1) > MAX) overflow('dilated kernel extent');
  if (2 * padding > MAX || Math.max(input.h, input.w) + 2 * padding > MAX) overflow('padded input size');
  const h = convOutputSize(input.h, kernel, stride, padding, dilation);
  const w = convOutputSize(input.w, kernel, stride, padding, dilation);
  if (h < 1 || w < 1) {
    throw new WrnError({ code: 'SPATIAL_COLLAPSE', layer, input: [input.c, input.h, input.w], kernel, stride, padding, dilation });
  }
  return { c: channels, h, w, flat: false };
}

/**
 * A window's receptive-field step (Araujo, Norris & Sim 2019, per axis):
 * r += (k − 1)·d·j, start += ((k − 1)·d/2 − p)·j, j *= s.
 */
export function throughWindow(f: Field, kh: number, kw: number, stride: number, padding: number, dilation: number): Field {
  return {
    rh: f.rh + (kh - 1) * dilation * f.jh,
    rw: f.rw + (kw - 1) * dilation * f.jw,
    jh: f.jh * stride,
    jw: f.jw * stride,
    sh: f.sh + ((kh - 1) * dilation * 0.5 - padding) * f.jh,
    sw: f.sw + ((kw - 1) * dilation * 0.5 - padding) * f.jw,
  };
}

/** `3×3`, `7×7`: a square kernel as the paper writes it. */
export function kernelText(kernel: number): string {
  return `${kernel}×${kernel}`;
}
