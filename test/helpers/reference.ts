import { readFileSync } from 'node:fs';

/**
 * The PyTorch reference fixtures (scripts/reference/wrn_reference.py): counts of real
 * nn.Module networks, independent of wrn-calc's formulas.
 */
export interface ReferenceConfig {
  readonly id: string;
  readonly spec: {
    blocksPerGroup: number;
    k: number;
    block: number[];
    input: [number, number, number];
    classes: number;
    convBias: boolean;
  };
  readonly totals: { params: number; buffers: number; macs: number };
  readonly layers: readonly { name: string; type: 'conv' | 'linear'; output: number[]; params: number; macs: number }[];
}

export const REFERENCE = (
  JSON.parse(readFileSync(new URL('../fixtures/reference/pytorch.json', import.meta.url), 'utf8')) as { configs: ReferenceConfig[] }
).configs;

/** The CIFAR-10 reference network with N blocks per group, width k and block kernels (default B(3,3)); throws when the fixtures lack it. */
export function cifarReference(blocksPerGroup: number, k: number, block: readonly number[] = [3, 3]): ReferenceConfig {
  const found = REFERENCE.find(
    ({ spec }) =>
      spec.blocksPerGroup === blocksPerGroup &&
      spec.k === k &&
      spec.block.join(',') === block.join(',') &&
      spec.input.join(',') === '3,32,32' &&
      spec.classes === 10 &&
      !spec.convBias,
  );
  if (found === undefined) throw new Error(`no PyTorch reference for N = ${blocksPerGroup}, k = ${k}, B(${block.join(',')})`);
  return found;
}

export function referenceLayer(config: ReferenceConfig, name: string): ReferenceConfig['layers'][number] {
  const layer = config.layers.find((l) => l.name === name);
  if (layer === undefined) throw new Error(`${config.id} has no layer ${name}`);
  return layer;
}
