import { KEEPS_MASK } from './keeps.js';
import { none, sameField, sameShape } from './pointwise.js';
import type { DropoutOp, OpKindEntry } from './types.js';

/**
 * Dropout in training mode, as PyTorch 1.13 runs it on the CPU: `input * noise`, with
 * `noise` an fp32 tensor of the input's size (0 or 1/(1 − p)) that it keeps; its output is
 * a new tensor, which the conv after it keeps (CUDA's fused kernel keeps a 1-byte mask
 * instead; not modelled). No parameters, no MACs. It has no row of its own: the conv it
 * feeds shows its probability (`dropoutBefore`), and its output is not a listed activation.
 */
export const dropout: OpKindEntry<DropoutOp> = {
  output: sameShape,
  params: none,
  buffers: none,
  macs: none,
  keeps: () => KEEPS_MASK,
  field: sameField,
  lists: { note: (op) => ({ dropoutBefore: op.p }) },
  notation: (op) => `dropout ${op.p}`,
  structural: false,
};
