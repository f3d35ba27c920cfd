import { KEEPS_NOTHING } from './keeps.js';
import { none, sameField, sameShape } from './pointwise.js';
import type { AddOp, OpKindEntry } from './types.js';

/** The residual add: no parameters, nothing kept (the walk checks that its two sides agree and joins their fields). */
export const add: OpKindEntry<AddOp> = {
  output: sameShape,
  params: none,
  buffers: none,
  macs: none,
  keeps: () => KEEPS_NOTHING,
  field: sameField,
  lists: { row: () => ({ type: 'add' }) },
  notation: () => 'add',
  structural: false,
};
