import type { Field } from '../field.js';
import type { TensorShape } from '../tensor.js';

/*
 * What ops that change nothing about a tensor's shape or field say (BN, ReLU, the add,
 * dropout): the input's own objects, so that the walk allocates nothing for them.
 */
export const sameShape = (_op: unknown, input: TensorShape): TensorShape => input;
export const sameField = (_op: unknown, _input: TensorShape, field: Field): Field => field;
export const none = (): number => 0;
