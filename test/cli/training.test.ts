import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listLayers, summarizeNetwork, trainingMemory } from '../../src/core/index.js';

import type { NetworkOptions } from '../../src/core/index.js';
import { runCli, runJson } from '../helpers/cli.js';

/*
 * Training memory on the command line. The two figures below were measured with
 * torch.autograd.graph.saved_tensors_hooks (PyTorch 1.13, CPU, fp32, training mode):
 * WRN-28-10 keeps 18,496,000 bytes per image plus 71,808; resnet18 22,179,840 plus 38,400.
 */
interface Training {
  batch: number;
  optimizer: string;
  precision: string;
  savedActivationBytes: number;
  weightBytes: number;
  gradientBytes: number;
  optimizerBytes: number;
  bufferBytes: number;
  outputBytes: number;
  totalBytes: number;
  memoryBytes: number | null;
  maxBatch: number | null;
}
const trainingOf = async (argv: string[]) => ((await runJson(argv)) as { training: Training }).training;

describe('--batch, --optimizer and --memory on the summary', () => {
  it('WRN-28-10 at batch 128 keeps 128 × 18,496,000 + 71,808 bytes for backward', async () => {
    const training = await trainingOf(['--depth', '28', '--k', '10', '--batch', '128', '--json']);
    expect(training).toMatchObject({
      batch: 128,
      optimizer: 'momentum',
      precision: 'fp32',
      savedActivationBytes: 128 * 18_496_000 + 71_808,
    });
    // Weights, gradients and momentum: one fp32 copy each of 36,479,194 parameters; BN statistics; 10 logits per image.
    expect(training).toMatchObject({
      weightBytes: 145_916_776,
      gradientBytes: 145_916_776,
      optimizerBytes: 145_916_776,
      bufferBytes: 71_808,
      outputBytes: 4 * 10 * 128,
    });
    expect(training.totalBytes).toBe(training.savedActivationBytes + 3 * 145_916_776 + 71_808 + 5_120);
    expect(training).toMatchObject({ memoryBytes: null, maxBatch: null });
  });

  it('resnet18 at batch 1 keeps 22,179,840 + 38,400 bytes', async () => {
    expect((await trainingOf(['resnet18', '--batch', '1', '--json'])).savedActivationBytes).toBe(22_179_840 + 38_400);
  });

  it('the optimizer sets the state: none and sgd 0, momentum 1, adam 2 copies of the weights', async () => {
    const states = await Promise.all(
      ['none', 'sgd', 'momentum', 'adam'].map(
        async (name) => (await trainingOf(['--depth', '16', '--k', '4', '--optimizer', name, '--json'])).optimizerBytes,
      ),
    );
    expect(states).toEqual([0, 0, 4 * 2_748_890, 8 * 2_748_890]);
  });

  it('--memory gives the largest batch that fits, and the next one does not', async () => {
    const training = await trainingOf(['--depth', '28', '--k', '10', '--memory', '16GiB', '--json']);
    expect(training.memoryBytes).toBe(16 * 2 ** 30);
    const at = async (batch: number) => (await trainingOf(['--depth', '28', '--k', '10', '--batch', String(batch), '--json'])).totalBytes;
    expect(training.maxBatch).toBe(905);
    expect(await at(905)).toBeLessThanOrEqual(16 * 2 ** 30);
    expect(await at(906)).toBeGreaterThan(16 * 2 ** 30);
  });

  it('a memory too small for one image is a result, stated, not an error', async () => {
    const result = await runCli(['--depth', '28', '--k', '10', '--memory', '100MB']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('\nLargest batch:   not even batch 1 fits in 100,000,000 B (95.37 MiB)\n');
    expect((await trainingOf(['--depth', '28', '--k', '10', '--memory', '100MB', '--json'])).maxBatch).toBe(0);
  });

  it.each([
    [['--batch', '0'], '--batch must be a whole number ≥ 1'],
    [['--batch', '1.5'], "got '1.5'"],
    [['--optimizer', 'lion'], "--optimizer 'lion' is not known; use one of none, sgd, momentum, adam"],
    [['--memory', '16 GiB'], '--memory'],
  ])('refuses %j with exit 2 and one sentence', async (argv, message) => {
    const result = await runCli(argv);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--layers shows what each layer keeps per image, and the rows add up to the total', async () => {
    const result = await runCli(['--depth', '16', '--k', '4', '--layers']);
    expect(result.stdout).toContain('saved B/image');
    const network = listLayers({ depth: 16, k: 4 });
    expect(network.layers.reduce((sum, layer) => sum + layer.savedBytesPerImage, 0)).toBe(network.totals.savedBytesPerImage);
  });
});

describe('saved bytes are affine in the batch: a part per image times B plus a fixed part', () => {
  const networks = fc.constantFrom<NetworkOptions>(
    { depth: 28, k: 10 },
    { depth: 16, k: 4, dropout: 0.3 },
    { model: 'resnet18', input: [3, 64, 64] },
    { model: 'resnet50', input: [3, 64, 48] },
    { model: 'resnet56' },
    { model: 'preact-resnet164' },
    { blocksPerGroup: 2, k: 1.5, block: [3, 1, 3], order: 'post', shortcut: 'zero-pad', input: [1, 28, 28] },
  );
  it('for any network and batch, with the optimizer and memory parts independent of both', () => {
    fc.assert(
      fc.property(
        networks,
        fc.integer({ min: 1, max: 100_000 }),
        fc.constantFrom('none', 'sgd', 'momentum', 'adam' as const),
        (options, batch, optimizer) => {
          const { totals, model } = summarizeNetwork(options);
          const one = trainingMemory(totals, model.classes, { batch: 1, optimizer });
          const two = trainingMemory(totals, model.classes, { batch: 2, optimizer });
          const many = trainingMemory(totals, model.classes, { batch, optimizer });
          expect(many.savedActivationBytes).toBe(
            one.savedActivationBytes + (batch - 1) * (two.savedActivationBytes - one.savedActivationBytes),
          );
          expect(two.savedActivationBytes - one.savedActivationBytes).toBe(totals.savedBytesPerImage);
          expect(many.totalBytes).toBe(one.totalBytes + (batch - 1) * (two.totalBytes - one.totalBytes));
          expect(many.weightBytes).toBe(one.weightBytes);
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });
});

describe('trainBytes budgets', () => {
  const file = (models: unknown[], shared: Record<string, unknown> = {}) => ({
    'budgets.json': JSON.stringify({ budget: { trainBytes: '2GiB' }, ...shared, models }),
  });

  it("pass (exit 0) and fail (exit 1) at the model's batch, from flags and from a file", async () => {
    expect((await runCli(['check', '--depth', '28', '--k', '10', '--max-train-bytes', '2GiB', '--batch', '32'])).exitCode).toBe(0);
    const over = await runCli(['check', '--depth', '28', '--k', '10', '--max-train-bytes', '2GiB', '--batch', '128']);
    expect(over.exitCode).toBe(1);
    expect(over.stdout).toContain('training memory (fp32)');
    expect((await runCli(['check', 'budgets.json'], { files: file([{ depth: 28, k: 10, batch: 32 }]) })).exitCode).toBe(0);
    expect((await runCli(['check', 'budgets.json'], { files: file([{ depth: 28, k: 10, batch: 128 }]) })).exitCode).toBe(1);
  });

  it('takes batch and optimizer once for the file, each model may override them', async () => {
    expect((await runCli(['check', 'budgets.json'], { files: file([{ depth: 28, k: 10 }], { batch: 128 }) })).exitCode).toBe(1);
    expect((await runCli(['check', 'budgets.json'], { files: file([{ depth: 28, k: 10, batch: 16 }], { batch: 128 }) })).exitCode).toBe(0);
    // At batch 88 (1.63 GB kept for backward) momentum's one copy of the 146 MB of weights fits in 2 GiB; Adam's two do not.
    expect(
      (await runCli(['check', 'budgets.json'], { files: file([{ depth: 28, k: 10, batch: 88 }], { optimizer: 'momentum' }) })).exitCode,
    ).toBe(0);
    expect(
      (await runCli(['check', 'budgets.json'], { files: file([{ depth: 28, k: 10, batch: 88 }], { optimizer: 'adam' }) })).exitCode,
    ).toBe(1);
    expect(
      (
        await runCli(['check', 'budgets.json'], {
          files: file([{ depth: 28, k: 10, batch: 88, optimizer: 'momentum' }], { optimizer: 'adam' }),
        })
      ).exitCode,
    ).toBe(0);
    const json = JSON.parse(
      (await runCli(['check', 'budgets.json', '--json'], { files: file([{ depth: 28, k: 10, batch: 64, optimizer: 'adam' }]) })).stdout,
    ) as {
      models: { metrics: { trainBytes: { value: number } } }[];
    };
    const expected = trainingMemory(summarizeNetwork({ depth: 28, k: 10 }).totals, 10, { batch: 64, optimizer: 'adam' }).totalBytes;
    expect(json.models[0]?.metrics.trainBytes.value).toBe(expected);
  });

  it('fit finds the networks that train at batch 128 in 16 GiB', async () => {
    const result = (await runJson(['fit', '--max-train-bytes', '16GiB', '--batch', '128', '--json', '--top', '3'])) as {
      totals: { params: number };
      model: { depth: number; k: number };
    }[];
    expect(result).toHaveLength(3);
    for (const candidate of result) {
      const { totals } = summarizeNetwork({ depth: candidate.model.depth, k: candidate.model.k });
      expect(trainingMemory(totals, 10, { batch: 128 }).totalBytes).toBeLessThanOrEqual(16 * 2 ** 30);
    }
  });

  it("grid --metric train-memory shows a training step's bytes per cell", async () => {
    const grid = (await runJson(['grid', '--metric', 'train-memory', '--batch', '128', '--depth', '28', '--k', '10', '--json'])) as {
      batch: number;
      cells: { value: number }[];
    };
    expect(grid.batch).toBe(128);
    expect(grid.cells[0]?.value).toBe(2_805_387_064);
    expect((await runCli(['grid', '--batch', '128'])).exitCode).toBe(2);
  });
});

describe('docs/counting.md', () => {
  it('states the torchinfo estimate its conventions table compares with (torchinfo 1.8: outputs of layers with parameters, × 2)', () => {
    const readme = readFileSync(new URL('../../docs/counting.md', import.meta.url), 'utf8');
    const network = listLayers({ depth: 28, k: 10 });
    const torchinfo =
      2 * 4 * network.layers.filter((layer) => layer.params > 0).reduce((sum, layer) => sum + layer.output.reduce((a, b) => a * b, 1), 0);
    expect(readme).toContain(`${torchinfo.toLocaleString('en-US')} B`);
    expect(readme).toContain(`${(network.totals.savedBytesPerImage + network.totals.savedBytesFixed).toLocaleString('en-US')} B`);
  });
});
