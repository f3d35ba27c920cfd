import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listLayers, describeBlock, summarizeNetwork } from '../../src/core/index.js';
import { paddingFor } from '../../src/core/describe.js';
import { convLayer } from '../helpers/ops.js';

import type { ReceptiveField } from '../../src/core/field.js';
import type { BlockViewOptions, NetworkOptions } from '../../src/core/index.js';

/**
 * test/fixtures/reference/receptive-field.json is made by scripts/reference/receptive_field.py: the
 * network built in PyTorch with positive conv weights, BN as the identity and max pool replaced by an
 * average pool of the same geometry; the input pixels with a non-zero gradient of one output unit are
 * its field (their extent the size; moving the unit by one moves it by the jump). Nothing here comes
 * from our recurrences.
 */
interface MeasuredField {
  readonly at: string;
  readonly size: [number, number];
  readonly jump: [number, number];
  readonly start: [number, number];
}
interface FieldReference {
  readonly id: string;
  readonly kind: 'network' | 'block';
  readonly options: Record<string, unknown>;
  readonly fields: readonly MeasuredField[];
}

const reference = (
  JSON.parse(readFileSync(new URL('../fixtures/reference/receptive-field.json', import.meta.url), 'utf8')) as { configs: FieldReference[] }
).configs;

const fieldOf = ({ size, jump, start }: ReceptiveField) => ({ size: [...size], jump: [...jump], start: [...start] });
const measured = ({ size, jump, start }: MeasuredField) => ({ size, jump, start });

function networkFields(config: FieldReference): Map<string, ReceptiveField> {
  const network = listLayers({ ...(config.options as NetworkOptions), depthRule: 'resnet' });
  const fields = new Map<string, ReceptiveField>();
  for (const group of network.groups) fields.set(group.name, group.receptiveField);
  for (const layer of network.layers) {
    fields.set(layer.name, layer.receptiveField);
    // A block's output is its add (and, after the add, post-activation's ReLU, which keeps the field).
    if (layer.type === 'add') fields.set(layer.name.replace(/\.add$/, ''), layer.receptiveField);
  }
  return fields;
}

function blockFields(config: FieldReference): Map<string, ReceptiveField> {
  const options = config.options as {
    block: number[];
    padding: number | 'same';
    dilation: number;
    stride: number;
    inChannels: number;
    outChannels: number;
    input: [number, number];
  };
  const view = describeBlock({
    kernels: options.block,
    padding: options.padding,
    dilation: options.dilation,
    stride: options.stride,
    inChannels: options.inChannels,
    outChannels: options.outChannels,
    input: options.input,
  } satisfies BlockViewOptions);
  return new Map(view.layers.map((layer) => [layer.name.replace(/^block\./, ''), layer.receptiveField]));
}

describe('receptive fields against a gradient measurement in PyTorch', () => {
  it('covers both families, basic and bottleneck, pre and post, zero-pad, B(3,1,3), and blocks with padding 0 and dilation', () => {
    expect(reference.length).toBeGreaterThanOrEqual(20);
    const networks = reference.filter((c) => c.kind === 'network').map((c) => c.options as NetworkOptions);
    expect(
      new Set(networks.map((o) => `${o.family}/${o.block === 'bottleneck' ? 'bottleneck' : 'basic'}/${o.order}`)).size,
    ).toBeGreaterThanOrEqual(6);
    expect(networks.some((o) => o.shortcut === 'zero-pad')).toBe(true);
    const blocks = reference.filter((c) => c.kind === 'block').map((c) => c.options);
    expect(blocks.some((o) => o.padding === 0)).toBe(true);
    expect(blocks.some((o) => o.dilation === 2)).toBe(true);
  });

  it.each(reference.map((config) => [config.id, config] as const))('%s: every measured point', (_, config) => {
    const ours = config.kind === 'network' ? networkFields(config) : blockFields(config);
    for (const point of config.fields) {
      const field = ours.get(point.at);
      expect(field, point.at).toBeDefined();
      expect({ at: point.at, ...fieldOf(field as ReceptiveField) }).toEqual({ at: point.at, ...measured(point) });
    }
  });
});

describe('one conv on its own (the library helper convLayer)', () => {
  const blocks = reference.filter((c) => c.kind === 'block');
  it.each(blocks.map((config) => [config.id, config] as const))("%s: the first conv's field is the measured conv1's", (_, config) => {
    const options = config.options as {
      block: number[];
      padding: number | 'same';
      dilation: number;
      stride: number;
      input: [number, number];
    };
    const kernel = options.block[0] ?? 1;
    const conv = {
      outChannels: 4,
      kernel,
      stride: options.stride,
      padding: paddingFor(options.padding, kernel, options.dilation),
      dilation: options.dilation,
      groups: 1,
      bias: false,
    };
    const point = config.fields.find((f) => f.at === 'conv1') as MeasuredField;
    expect(fieldOf(convLayer('conv1', [16, ...options.input], conv).receptiveField)).toEqual(measured(point));
  });
});

describe('the depth-against-width argument in one number', () => {
  it('a WRN-28-k unit of the last group sees 109×109 with jump 4, whatever k is', () => {
    for (const k of [1, 2, 10, 12]) {
      const conv4 = summarizeNetwork({ depth: 28, k }).groups.find((g) => g.name === 'conv4');
      expect(conv4?.receptiveField).toEqual({ size: [109, 109], jump: [4, 4], start: [0, 0] });
    }
  });

  it('grows by a constant per extra block per group and does not change with k (the counter agrees with the listing)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(1, 2, 4, 10),
        fc.constantFrom<NetworkOptions>(
          {},
          { block: [3, 1, 3] },
          { order: 'post', shortcut: 'zero-pad' },
          { block: 'bottleneck' },
          { family: 'imagenet', block: [3, 3], input: [3, 64, 64] },
        ),
        (n, k, shape) => {
          const size = (blocks: number, width: number) => {
            const summary = summarizeNetwork({ ...shape, blocksPerGroup: blocks, k: width, depthRule: 'resnet' });
            return summary.groups.map((g) => g.receptiveField.size[0]);
          };
          const [one, two, many] = [size(1, k), size(2, k), size(n, k)];
          // Each group's field is affine in N (the repeated blocks have stride 1, so each adds the same amount).
          many.forEach((value, g) => expect(value - (one[g] ?? 0)).toBe((n - 1) * ((two[g] ?? 0) - (one[g] ?? 0))));
          expect(size(n, 1)).toEqual(many);
          // The counter's extrapolation equals the listing's block-by-block walk.
          const listed = listLayers({ ...shape, blocksPerGroup: n, k, depthRule: 'resnet' });
          const lastOfGroup = new Map(listed.layers.map((layer) => [layer.name.split('.')[0], layer.receptiveField]));
          for (const group of listed.groups) expect(group.receptiveField).toEqual(lastOfGroup.get(group.name));
        },
      ),
      { seed: 14, numRuns: 60 },
    );
  });
});
