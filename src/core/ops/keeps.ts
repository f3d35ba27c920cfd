import type { Keeps } from './types.js';

/*
 * The combinations of what ops keep for backward, made once: the walk reads one for
 * every op it evaluates.
 */
const NONE: Keeps = { input: false, output: false, indices: false, mask: false, channelStats: false };

export const KEEPS_NOTHING: Keeps = NONE;
export const KEEPS_INPUT: Keeps = { ...NONE, input: true };
export const KEEPS_OUTPUT: Keeps = { ...NONE, output: true };
export const KEEPS_INPUT_AND_INDICES: Keeps = { ...NONE, input: true, indices: true };
export const KEEPS_MASK: Keeps = { ...NONE, mask: true };
export const KEEPS_BN: Keeps = { ...NONE, input: true, channelStats: true };
export const KEEPS_BN_RELU: Keeps = { ...KEEPS_BN, output: true };
