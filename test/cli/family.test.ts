import { describe, expect, it } from 'vitest';
import { runCli, runJson } from '../helpers/cli.js';

interface ModelJson {
  name: string;
  family: string;
  order: string;
  shortcut: string;
  depth: number;
  k: number;
  block: number[] | 'bottleneck';
  blocksPerGroup: number | number[];
  input: number[];
  classes: number;
  dataset: string | null;
}
interface SummaryJson {
  model: ModelJson;
  groups: { name: string; output: number[] }[];
  totals: { params: number; macs: number };
}
const summary = async (argv: string[]) => (await runJson([...argv, '--json'])) as SummaryJson;

describe('the ResNet family on the command line', () => {
  it("names torchvision's models and the paper's, and WRN-d-k is --depth d --k k", async () => {
    expect((await summary(['wide_resnet50_2'])).totals).toMatchObject({ params: 68_883_240, macs: 11_398_021_120 });
    expect((await summary(['WRN-50-2-bottleneck'])).totals.params).toBe(68_883_240);
    expect((await summary(['WRN-28-10'])).totals).toEqual((await summary(['--depth', '28', '--k', '10'])).totals);
    expect((await summary(['wrn-40-4'])).totals.params).toBe(8_949_210);
  });

  it('options override a preset: its input and classes keep its name, its structure does not', async () => {
    const cifar = await summary(['wide_resnet50_2', '--dataset', 'cifar10']);
    expect(cifar.model).toMatchObject({ name: 'wide_resnet50_2', family: 'imagenet', input: [3, 32, 32], classes: 10, dataset: 'cifar10' });
    expect(cifar.groups.find((g) => g.name === 'conv5')?.output).toEqual([2048, 1, 1]);
    expect((await summary(['resnet50', '--classes', '10'])).model).toMatchObject({ name: 'resnet50', classes: 10, input: [3, 224, 224] });
    expect((await summary(['--family', 'imagenet', '--depth', '50', '--k', '2'])).model.name).toBe('WRN-50-2-bottleneck');
    expect((await summary(['resnet110', '--shortcut', 'projection'])).model).toMatchObject({
      name: 'ResNet-110',
      order: 'post',
      shortcut: 'projection',
    });
  });

  it("--dataset imagenet makes the ImageNet family the default, with torchvision's block for the depth", async () => {
    expect((await summary(['--dataset', 'imagenet'])).model).toMatchObject({
      name: 'ResNet-50',
      block: 'bottleneck',
      blocksPerGroup: [3, 4, 6, 3],
      order: 'post',
    });
    expect((await summary(['--dataset', 'imagenet', '--depth', '18'])).model).toMatchObject({ block: [3, 3], blocksPerGroup: 2 });
    expect((await summary(['--family', 'imagenet', '--blocks-per-group', '1,2,3,4', '--block', '3,3'])).model).toMatchObject({
      depth: 22,
      blocksPerGroup: [1, 2, 3, 4],
    });
  });

  it("grid runs over torchvision's depths, and over per-group lists", async () => {
    const imagenet = (await runJson(['grid', '--dataset', 'imagenet', '--k', '1,2', '--json'])) as {
      rows: number[];
      cells: { depth: number; k: number; params: number }[];
    };
    expect(imagenet.rows).toEqual([18, 34, 50, 101, 152, 200]);
    expect(imagenet.cells.find((c) => c.depth === 50 && c.k === 2)?.params).toBe(68_883_240);
    const lists = (await runJson([
      'grid',
      '--family',
      'imagenet',
      '--block',
      '3,3',
      '--blocks-per-group',
      '2,2,2,2/3,4,6,3',
      '--k',
      '1',
      '--json',
    ])) as { cells: { blocksPerGroup: number | number[]; params: number }[] };
    expect(lists.cells.map((c) => [c.blocksPerGroup, c.params])).toEqual([
      [2, 11_689_512],
      [[3, 4, 6, 3], 21_797_672],
    ]);
  });

  it('fit searches ImageNet depths, and check takes a model by name from a budget file', async () => {
    const fit = (await runJson(['fit', '--dataset', 'imagenet', '--k', '1:2', '--max-params', '30M', '--json'])) as {
      model: { name: string };
    }[];
    // Under 30M: resnet50 (25.6M), resnet34 (21.8M), resnet18 (11.7M); ResNet-18 at k = 2 has 45.6M.
    expect(fit.map((c) => c.model.name)).toEqual(['ResNet-50', 'ResNet-34', 'ResNet-18']);
    const files = {
      'budgets.json': JSON.stringify({
        budget: { params: '26M' },
        models: [{ model: 'resnet50' }, { model: 'resnet18', family: 'imagenet', order: 'pre', blocksPerGroup: [2, 2, 2, 2] }],
      }),
    };
    const check = JSON.parse((await runCli(['check', 'budgets.json', '--json'], { files })).stdout) as {
      ok: boolean;
      models: { name: string; metrics: { params: { value: number } } }[];
    };
    expect(check.ok).toBe(true);
    expect(check.models.map((m) => [m.name, m.metrics.params.value])).toEqual([
      ['resnet50', 25_557_032],
      ['ResNet-18', expect.any(Number)],
    ]);
  });

  it('block takes a bottleneck, post-activation and zero-pad', async () => {
    const json = (await runJson([
      'block',
      '--block',
      'bottleneck',
      '--order',
      'post',
      '--shortcut',
      'zero-pad',
      '--in-channels',
      '64',
      '--out-channels',
      '256',
      '--json',
    ])) as {
      layers: { name: string; type: string }[];
      residual: { ok: boolean; shortcut: string };
    };
    expect(json.layers.map((l) => l.type)).toEqual(['conv', 'bn', 'conv', 'bn', 'conv', 'bn', 'zero-pad', 'add', 'relu']);
    expect(json.residual).toMatchObject({ ok: true, shortcut: 'zero-pad' });
    expect((await runCli(['block', '--widths', '32,16,8'])).stderr).toContain('Widths lists 3 values, but the block has 2 convs');
  });
});
