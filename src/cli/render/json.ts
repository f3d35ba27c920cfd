import type { WrnNetwork } from '../../core/index.js';

/** DESIGN §4's object: model, groups, layers, totals; one document, exact integers. */
export function networkToJson(network: WrnNetwork, dataset?: string): object {
  const { model, groups, layers, totals } = network;
  return {
    model: { ...model, dataset: dataset ?? null },
    groups,
    layers,
    totals,
  };
}

export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
