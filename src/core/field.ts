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

export function cloneField(source: Field): Field {
  return { rh: source.rh, rw: source.rw, jh: source.jh, jw: source.jw, sh: source.sh, sw: source.sw };
}

export function copyField(target: Field, source: Field): void {
  target.rh = source.rh;
  target.rw = source.rw;
  target.jh = source.jh;
  target.jw = source.jw;
  target.sh = source.sh;
  target.sw = source.sw;
}

/** `x` moves on by `times` more of the step from `before` to `x` (a stride-1 block: the jump does not change). */
export function extendField(x: Field, before: Field, times: number): void {
  x.rh += (x.rh - before.rh) * times;
  x.rw += (x.rw - before.rw) * times;
  x.sh += (x.sh - before.sh) * times;
  x.sw += (x.sw - before.sw) * times;
}

/** `target` becomes the smallest field covering both (per axis, the union of two intervals). */
export function unionInto(target: Field, other: Field): void {
  const loH = Math.min(target.sh - (target.rh - 1) / 2, other.sh - (other.rh - 1) / 2);
  const hiH = Math.max(target.sh + (target.rh - 1) / 2, other.sh + (other.rh - 1) / 2);
  const loW = Math.min(target.sw - (target.rw - 1) / 2, other.sw - (other.rw - 1) / 2);
  const hiW = Math.max(target.sw + (target.rw - 1) / 2, other.sw + (other.rw - 1) / 2);
  target.rh = hiH - loH + 1;
  target.sh = (loH + hiH) / 2;
  target.rw = hiW - loW + 1;
  target.sw = (loW + hiW) / 2;
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
