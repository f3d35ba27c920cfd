import type { NetworkSpec, NetworkWithLayers } from '../../core/index.js';

/**
 * The model as JSON: blocks per group is one number when every group has the
 * same N (a CIFAR WRN's 4), a list otherwise (resnet50's [3, 4, 6, 3]).
 */
export function blocksPerGroupJson(blocks: readonly number[]): number | readonly number[] {
  const [first] = blocks;
  return first !== undefined && blocks.every((n) => n === first) ? first : blocks;
}

export function modelToJson(model: NetworkSpec, dataset?: string): object {
  return { ...model, blocksPerGroup: blocksPerGroupJson(model.blocksPerGroup), dataset: dataset ?? null };
}

/** One document: model, groups, layers, totals; exact integers. */
export function networkToJson(network: NetworkWithLayers, dataset?: string): object {
  const { model, groups, layers, totals } = network;
  return { model: modelToJson(model, dataset), groups, layers, totals };
}

export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
