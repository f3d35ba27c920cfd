import type { Keeps } from './ops/index.js';
import { elementsOf } from './tensor.js';
import type { Tensor, TensorShape } from './tensor.js';

const FP32_BYTES = 4;
const INT64_BYTES = 8;

/**
 * Bytes per image an op newly keeps for backward, given what it keeps (its registry
 * entry) and whether its input is kept already: autograd stores a tensor once, however
 * many ops save it (a ReLU's output that the next conv saves counts once). Marks the
 * input kept. Unchecked products of counts the op already checked: the sums are checked once.
 */
export function keepForBackward(keeps: Keeps, input: Tensor, output: TensorShape): number {
  let bytes = 0;
  if (keeps.input && !input.saved) bytes += FP32_BYTES * elementsOf(input);
  if (keeps.output) bytes += FP32_BYTES * elementsOf(output);
  if (keeps.indices) bytes += INT64_BYTES * elementsOf(output);
  if (keeps.mask) bytes += FP32_BYTES * elementsOf(input);
  if (keeps.input) input.saved = true;
  return bytes;
}

/** Bytes an op keeps whatever the batch: batch norm's mean and inverse std, two fp32 per input channel. */
export function keptWhateverTheBatch(keeps: Keeps, input: TensorShape): number {
  return keeps.channelStats ? 2 * FP32_BYTES * input.c : 0;
}
