import type { Counts } from './counts.js';
import { checkedMul } from './safe-int.js';

/** Bytes per element of the dtypes people budget for. */
export const DTYPE_BYTES = { fp32: 4, fp16: 2, bf16: 2 } as const;
export type Dtype = keyof typeof DTYPE_BYTES;
export const DTYPES = Object.keys(DTYPE_BYTES) as Dtype[];

/** The counts plus what follows from them: FLOPs (2 per MAC) and memory at fp32/fp16. */
export interface Totals extends Counts {
  readonly flops: number;
  readonly paramBytesFp32: number;
  readonly paramBytesFp16: number;
  readonly activationBytesFp32: number;
  readonly activationBytesFp16: number;
}

export function bytesFor(elements: number, dtype: Dtype): number {
  return checkedMul('byte count', elements, DTYPE_BYTES[dtype]);
}

export function deriveTotals(counts: Counts): Totals {
  return {
    params: counts.params,
    buffers: counts.buffers,
    macs: counts.macs,
    // One multiply and one add per MAC, the convention torchvision's and fvcore's MACs imply.
    flops: checkedMul('FLOP count', counts.macs, 2),
    activationElements: counts.activationElements,
    paramBytesFp32: bytesFor(counts.params, 'fp32'),
    paramBytesFp16: bytesFor(counts.params, 'fp16'),
    activationBytesFp32: bytesFor(counts.activationElements, 'fp32'),
    activationBytesFp16: bytesFor(counts.activationElements, 'fp16'),
  };
}
