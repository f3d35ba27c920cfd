import { KEEPS_INPUT } from './keeps.js';
import { none } from './pointwise.js';
import { layerTypeText } from './types.js';
import type { AvgPoolOp, OpKindEntry } from './types.js';
import { throughWindow } from './window.js';

/** Global average pooling to `[C]`: it keeps its input; its window is the whole map. */
export const avgPool: OpKindEntry<AvgPoolOp> = {
  output: (_op, input) => ({ c: input.c, h: 1, w: 1, flat: true }),
  params: none,
  buffers: none,
  macs: none,
  keeps: () => KEEPS_INPUT,
  field: (_op, input, f) => throughWindow(f, input.h, input.w, 1, 0, 1),
  lists: { row: () => ({ type: 'pool' }) },
  notation: () => layerTypeText({ type: 'pool' }),
  structural: true,
};
