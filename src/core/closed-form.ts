import { convOutputSize } from './layers.js';
import { deriveTotals } from './memory.js';
import type { Totals } from './memory.js';
import { GROUP_STRIDES, STEM_CHANNELS, resolveWrn } from './spec.js';
import type { WrnOptions, WrnSpec } from './spec.js';
import { summarizeSpec } from './wrn.js';

/*
 * Totals by plain arithmetic, for callers that want millions of networks
 * (grid, fit, check): no layer rows, no names, no objects but the result.
 * The cost is O(block length) per group whatever N is, since the N−1
 * blocks after a group's first are identical.
 *
 * It never decides an error itself: on anything unusual (a residual add whose
 * sides differ, a spatial size below 1, a count past MAX_SAFE_INTEGER) it hands
 * over to summarizeSpec, which throws the one coded error for it. Overflow
 * needs only the final sums checked: every term is non-negative and double
 * rounding is monotone, so an inexact intermediate above 2^53 drags its total
 * above MAX_SAFE_INTEGER too.
 */

interface Acc {
  params: number;
  buffers: number;
  macs: number;
  activationElements: number;
}

/** Adds one pre-activation block to `acc` (times `repeat`); returns its output [h, w], or null to hand over. */
function addBlock(acc: Acc, spec: WrnSpec, inChannels: number, width: number, stride: number, h: number, w: number, repeat: number): [number, number] | null {
  const bias = spec.convBias ? width : 0;
  let params = 0;
  let macs = 0;
  let activations = 0;
  let bnChannels = 0;
  let channels = inChannels;
  let height = h;
  let wide = w;
  for (let i = 0; i < spec.block.length; i++) {
    const kernel = spec.block[i] ?? 1;
    const s = i === 0 ? stride : 1;
    // BN-ReLU before each conv: 2 params and 2 buffers per channel; its output is listed.
    bnChannels += channels;
    activations += channels * height * wide;
    const padding = Math.floor(kernel / 2);
    height = convOutputSize(height, kernel, s, padding);
    wide = convOutputSize(wide, kernel, s, padding);
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, an early exit only: a size below 1 never equals the shortcut's (at least 1), so the check after the loop hands over too.
    if (height < 1 || wide < 1) return null;
    const weights = width * channels * kernel * kernel;
    params += weights + bias;
    macs += weights * height * wide;
    activations += width * height * wide;
    channels = width;
  }
  const projection = inChannels !== width || stride !== 1;
  const shortcutH = projection ? convOutputSize(h, 1, stride, 0) : h;
  const shortcutW = projection ? convOutputSize(w, 1, stride, 0) : w;
  if (shortcutH !== height || shortcutW !== wide) return null;
  if (projection) {
    params += inChannels * width + bias;
    macs += inChannels * width * height * wide;
    activations += width * height * wide;
  }
  activations += width * height * wide; // the residual add
  acc.params += repeat * (params + 2 * bnChannels);
  acc.buffers += repeat * 2 * bnChannels;
  acc.macs += repeat * macs;
  acc.activationElements += repeat * activations;
  return [height, wide];
}

function arithmeticTotals(spec: WrnSpec): Acc | null {
  const [inChannels, inH, inW] = spec.input;
  const stemWeights = STEM_CHANNELS * inChannels * 9;
  const acc: Acc = {
    params: stemWeights + (spec.convBias ? STEM_CHANNELS : 0),
    buffers: 0,
    macs: stemWeights * inH * inW,
    activationElements: STEM_CHANNELS * inH * inW,
  };
  let channels = STEM_CHANNELS;
  let size: [number, number] | null = [inH, inW];
  for (let g = 0; g < 3; g++) {
    const width = spec.widths[g] ?? 0;
    size = addBlock(acc, spec, channels, width, GROUP_STRIDES[g] ?? 1, size[0], size[1], 1);
    if (size === null) return null;
    if (spec.blocksPerGroup > 1) {
      size = addBlock(acc, spec, width, width, 1, size[0], size[1], spec.blocksPerGroup - 1);
      if (size === null) return null;
    }
    channels = width;
  }
  // Head: BN-ReLU (listed), global average pool to [C], linear with bias.
  const pooled = channels;
  acc.params += 2 * channels + pooled * spec.classes + spec.classes;
  acc.buffers += 2 * channels;
  acc.macs += pooled * spec.classes;
  acc.activationElements += channels * size[0] * size[1] + pooled + spec.classes;
  return acc;
}

const LIMIT = Number.MAX_SAFE_INTEGER;

/** The totals of `summarizeSpec(spec)`, at a fraction of the cost. */
export function wrnTotalsOfSpec(spec: WrnSpec): Totals {
  const acc = arithmeticTotals(spec);
  if (acc === null || acc.params > LIMIT || acc.buffers > LIMIT || acc.macs * 2 > LIMIT || acc.activationElements * 4 > LIMIT || acc.params * 4 > LIMIT) {
    return summarizeSpec(spec).totals;
  }
  return deriveTotals(acc);
}

export function wrnTotals(options: WrnOptions): Totals {
  return wrnTotalsOfSpec(resolveWrn(options));
}

/** A network and its totals, without groups or layers: what grid cells and fit candidates carry. */
export interface ModelTotals {
  readonly model: WrnSpec;
  readonly totals: Totals;
}

export function modelTotals(options: WrnOptions): ModelTotals {
  const model = resolveWrn(options);
  return { model, totals: wrnTotalsOfSpec(model) };
}
