import { blockKind } from './blocks.js';
import type { BlockType } from './blocks.js';
import type { NetworkDescription } from './describe.js';
import { entryOf } from './ops/index.js';
import type { Op } from './ops/index.js';
import type { TensorShape } from './tensor.js';

/*
 * The network as the papers' structure tables write it (He et al. 2015, Table 1; the
 * WRN paper, Table 1), one row per group: the stem's conv and pool, each group's block
 * in brackets times N, the head. BN-ReLU is taken for granted inside the stem and the
 * blocks; the head spells out the pre-activation BN-ReLU the last group leaves to it.
 */

/** `7×7, 64, stride 2; 3×3 max pool, stride 2`: the stem's convs and pools. */
function stemNotation(description: NetworkDescription): string {
  const input: TensorShape = { c: description.spec.input[0], h: 1, w: 1, flat: false };
  return description.stem
    .filter((op) => entryOf(op).structural)
    .map((op) => entryOf(op).notation(op, input, input))
    .join('; ');
}

/** `[3×3, 160; 3×3, 160] × 4`, `[1×1, 128; 3×3, 128, G = 32; 1×1, 256] × 3`: a block's convs (as repeated, unstrided). */
function groupNotation(main: readonly Op[], blocks: number): string {
  const flat: TensorShape = { c: 1, h: 1, w: 1, flat: false };
  const convs = main.filter((op) => entryOf(op).structural).map((op) => entryOf(op).notation(op, flat, flat));
  return `[${convs.join('; ')}] × ${blocks}`;
}

/** `BN-ReLU, avg pool, fc 640→10`: every op of the head, the classifier with its in- and out-features. */
function headNotation(description: NetworkDescription): string {
  const last = description.groups[description.groups.length - 1];
  const features: TensorShape = { c: last?.width ?? description.spec.input[0], h: 1, w: 1, flat: true };
  return description.head.map((op) => entryOf(op).notation(op, features, features)).join(', ');
}

/** One row per group, stem and head included, in the summary's order. */
export function structureNotation(description: NetworkDescription): string[] {
  return [
    stemNotation(description),
    ...description.groups.map((group) => groupNotation(group.repeated.main, group.blocks)),
    headNotation(description),
  ];
}

/** The block's name as the papers write it: B(3,3), bottleneck, or a ResNeXt's grouped bottleneck 32×4d. */
export function blockNotation(spec: {
  readonly block: BlockType;
  readonly groups?: number | undefined;
  readonly widthPerGroup?: number | undefined;
}): string {
  const label = blockKind(spec.block).label(spec.block);
  return spec.groups !== undefined && spec.groups > 1 ? `grouped ${label} ${spec.groups}×${spec.widthPerGroup ?? ''}d` : label;
}
