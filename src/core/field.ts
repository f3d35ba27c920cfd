import type { Op } from './ops.js';

/*
 * Receptive fields by the recurrences of Araujo, Norris & Sim, "Computing Receptive
 * Fields of Convolutional Neural Networks" (Distill, 2019), per spatial axis:
 *   r_out = r_in + (k − 1)·d·j_in,   j_out = j_in·s,   start_out = start_in + ((k − 1)·d/2 − p)·j_in,
 * where r is the field's size in input pixels, j the jump (the product of strides,
 * the distance in input pixels between neighbouring units) and start the input
 * coordinate at the centre of unit 0's field (negative or past the edge where the
 * field reaches into padding). Pooling counts like a conv of its kernel; a residual
 * add covers the union of its two paths' fields (they share the jump).
 */

/** The field of one unit of a tensor, per axis (h, w). */
export interface Field {
  rh: number;
  rw: number;
  jh: number;
  jw: number;
  sh: number;
  sw: number;
}

/** An input pixel sees itself. */
export function pixelField(): Field {
  return { rh: 1, rw: 1, jh: 1, jw: 1, sh: 0, sw: 0 };
}

export function copyField(target: Field, source: Field): void {
  target.rh = source.rh;
  target.rw = source.rw;
  target.jh = source.jh;
  target.jw = source.jw;
  target.sh = source.sh;
  target.sw = source.sw;
}

/** A window of kernel k (dilated by d), stride s and padding p on one axis. */
function throughWindow(f: Field, kh: number, kw: number, s: number, p: number, d: number): void {
  f.sh += ((kh - 1) * d * 0.5 - p) * f.jh;
  f.sw += ((kw - 1) * d * 0.5 - p) * f.jw;
  f.rh += (kh - 1) * d * f.jh;
  f.rw += (kw - 1) * d * f.jw;
  f.jh *= s;
  f.jw *= s;
}

/**
 * The field after `op`, in place, given the op's input height and width (the global
 * average pool's window). Pointwise ops (BN, ReLU, add) and the linear layer on a
 * pooled vector leave it as it is.
 */
export function fieldThrough(op: Op, inH: number, inW: number, f: Field): void {
  switch (op.kind) {
    case 'conv':
      return throughWindow(f, op.kernel, op.kernel, op.stride, op.padding, op.dilation);
    case 'max-pool':
      return throughWindow(f, op.kernel, op.kernel, op.stride, op.padding, 1);
    case 'avg-pool':
      return throughWindow(f, inH, inW, 1, 0, 1);
    case 'zero-pad':
      return throughWindow(f, 1, 1, op.stride, 0, 1);
    default:
      return;
  }
}

/** `target` becomes the smallest field covering both (per axis, the union of two intervals). */
export function unionInto(target: Field, other: Field): void {
  const axis = (r1: number, s1: number, r2: number, s2: number): [number, number] => {
    const lo = Math.min(s1 - (r1 - 1) / 2, s2 - (r2 - 1) / 2);
    const hi = Math.max(s1 + (r1 - 1) / 2, s2 + (r2 - 1) / 2);
    return [hi - lo + 1, (lo + hi) / 2];
  };
  [target.rh, target.sh] = axis(target.rh, target.sh, other.rh, other.sh);
  [target.rw, target.sw] = axis(target.rw, target.sw, other.rw, other.sw);
}

/** As JSON shows it: `{ size: [h, w], jump: [h, w], start: [h, w] }`. */
export interface ReceptiveField {
  readonly size: readonly [number, number];
  readonly jump: readonly [number, number];
  readonly start: readonly [number, number];
}

export function receptiveFieldOf(f: Field): ReceptiveField {
  return { size: [f.rh, f.rw], jump: [f.jh, f.jw], start: [f.sh, f.sw] };
}
