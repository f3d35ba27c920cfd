import { blockKind, formatShape } from './from-core.js';
import type { NetworkSpec } from './from-core.js';

/*
 * The words every chart's subtitle shares: the model family and the data it was
 * counted on, as the tables' headings say them.
 */

export const FAMILY_LABELS = { cifar: 'CIFAR family', imagenet: 'ImageNet family' } as const satisfies Record<
  NetworkSpec['family'],
  string
>;

/** `cifar10 (3×32×32, 10 classes)`, or `custom input 3×64×64, 7 classes` when the input or classes were replaced. */
export function describeData(model: Pick<NetworkSpec, 'input' | 'classes'>, dataset: string | undefined): string {
  const classes = `${model.classes} ${model.classes === 1 ? 'class' : 'classes'}`;
  return dataset === undefined
    ? `custom input ${formatShape(model.input)}, ${classes}`
    : `${dataset} (${formatShape(model.input)}, ${classes})`;
}

/** `B(3,3)`, `B(3,1,3)` or `bottleneck`. */
export function describeBlock(block: NetworkSpec['block']): string {
  return blockKind(block).label(block);
}

/** Joins a heading's parts as the tables do. */
export function joinParts(parts: readonly string[]): string {
  return parts.filter((part) => part !== '').join(' · ');
}
