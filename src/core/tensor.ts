import type { Field } from './field.js';

/** `[C, H, W]` for one image; `[C]` after global pooling. */
export type Shape = readonly number[];

/** What an op's output looks like: channels, spatial size and whether it was pooled to a vector. */
export interface TensorShape {
  readonly c: number;
  readonly h: number;
  readonly w: number;
  /** Pooled to one value per channel: the shape is `[C]` (h = w = 1). */
  readonly flat: boolean;
}

/**
 * A tensor as a walk carries it from op to op: its shape, whether some op already keeps
 * it for backward (autograd stores each tensor once, so the next op that keeps it costs
 * nothing more), and the receptive field of one of its units.
 */
export interface Tensor extends TensorShape {
  saved: boolean;
  readonly field: Field;
}

export function shapeOf(tensor: TensorShape): Shape {
  return tensor.flat ? [tensor.c] : [tensor.c, tensor.h, tensor.w];
}

/** Elements of one image's tensor. */
export function elementsOf(tensor: TensorShape): number {
  return tensor.flat ? tensor.c : tensor.c * tensor.h * tensor.w;
}
