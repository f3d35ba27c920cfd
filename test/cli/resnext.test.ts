import { describe, expect, it } from 'vitest';
import { runCli, runJson } from '../helpers/cli.js';

interface SummaryJson {
  model: { name: string; k: number; block: unknown; groups?: number; widthPerGroup?: number; bottleneckStride?: string };
  totals: { params: number; buffers: number; macs: number };
}
const summary = async (argv: string[]) => (await runJson([...argv, '--json'])) as SummaryJson;

/*
 * ResNeXt's groups and width per group, and where a bottleneck strides, through every
 * command. Counts are torchvision's (its own resnext objects, PyTorch 1.13); the options
 * spelled three ways must give the same network.
 */
describe('channel groups and width per group (ResNeXt)', () => {
  it("names torchvision's ResNeXts, with their groups, width per group and k in the model", async () => {
    const resnext = await summary(['resnext50_32x4d']);
    expect(resnext.totals).toEqual({ ...resnext.totals, params: 25_028_904, buffers: 68_224, macs: 4_230_479_872 });
    expect(resnext.model).toMatchObject({
      name: 'resnext50_32x4d',
      k: 2,
      block: 'bottleneck',
      groups: 32,
      widthPerGroup: 4,
      bottleneckStride: '3x3',
    });
    expect((await summary(['resnext101_32x8d'])).totals.params).toBe(88_791_336);
    expect((await summary(['resnext101_64x4d'])).totals.params).toBe(83_455_272);
  });

  it('--groups with --width-per-group, or with --k (W·G = 64·k), builds the same network', async () => {
    const byWidth = await summary(['--family', 'imagenet', '--depth', '50', '--groups', '32', '--width-per-group', '4']);
    const byK = await summary(['--family', 'imagenet', '--depth', '50', '--groups', '32', '--k', '2']);
    expect(byWidth.totals.params).toBe(25_028_904);
    expect(byK.totals).toEqual(byWidth.totals);
    expect(byWidth.model.name).toBe('ResNeXt-50-32x4d');
    // wide_resnet50_2 is torchvision's width_per_group = 128: the same thing as k = 2.
    expect((await summary(['wide_resnet50_2', '--width-per-group', '128'])).totals.params).toBe(68_883_240);
  });

  it('basic blocks have no groups, width per group or stride position in their JSON (torchvision fixes them)', async () => {
    const wrn = await summary(['WRN-28-10']);
    expect(Object.keys(wrn.model)).not.toContain('groups');
    expect(Object.keys(wrn.model)).not.toContain('widthPerGroup');
    expect(Object.keys(wrn.model)).not.toContain('bottleneckStride');
  });

  it("writes a grouped block in the paper's notation", async () => {
    const { stdout } = await runCli(['resnext50_32x4d'], { columns: 140 });
    expect(stdout).toContain('block grouped bottleneck 32×4d');
    expect(stdout).toContain('[1×1, 128; 3×3, 128, G = 32; 1×1, 256] × 3');
  });

  it.each([
    [['--groups', '0'], "--groups must be a whole number ≥ 1 (e.g. 32), got '0'."],
    [['--groups', '1.5'], "--groups must be a whole number ≥ 1 (e.g. 32), got '1.5'."],
    [['--groups', '-1'], "--groups must be a whole number ≥ 1 (e.g. 32), got '-1'."],
    [['--width-per-group', '2.5'], "--width-per-group must be a whole number ≥ 1 (e.g. 4), got '2.5'."],
  ])('%j is refused in one sentence', async (flags, message) => {
    const result = await runCli(['--family', 'imagenet', '--depth', '50', ...flags]);
    expect(result).toMatchObject({ exitCode: 2, stdout: '' });
    expect(result.stderr).toBe(`wrn-calc: ${message}\n`);
  });

  it.each([
    [['--depth', '28', '--k', '10', '--groups', '4'], 'use --block bottleneck for a ResNeXt'],
    [['--depth', '28', '--k', '10', '--width-per-group', '8'], 'widen basic blocks with k'],
    [
      ['--family', 'imagenet', '--depth', '50', '--groups', '3'],
      'Layer conv2.block0.conv2 has 64 input and 64 output channels, which 3 groups',
    ],
    [
      ['--family', 'imagenet', '--depth', '50', '--groups', '32', '--width-per-group', '4', '--k', '4'],
      'that width per group means k = W·G/64 = 2',
    ],
  ])('%j: the core refuses it, naming why', async (argv, text) => {
    const result = await runCli(argv);
    expect(result).toMatchObject({ exitCode: 2, stdout: '' });
    expect(result.stderr).toContain(text);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('works in grid, fit, compare, block and check', async () => {
    const grid = (await runJson(['grid', '--dataset', 'imagenet', '--depth', '50', '--k', '1,2', '--groups', '32', '--json'])) as {
      cells: { params: number }[];
    };
    expect(grid.cells.map((cell) => cell.params)).toEqual([
      (await summary(['--family', 'imagenet', '--depth', '50', '--groups', '32', '--k', '1'])).totals.params,
      25_028_904,
    ]);
    const fit = (await runJson([
      'fit',
      '--dataset',
      'imagenet',
      '--groups',
      '32',
      '--k',
      '2',
      '--depth',
      '50,101',
      '--max-params',
      '30M',
      '--json',
    ])) as {
      model: { name: string; groups: number };
    }[];
    expect(fit.map((c) => c.model.name)).toEqual(['ResNeXt-50-32x4d']);
    const compare = await runCli(['compare', 'resnext50_32x4d', 'resnet50', '--json']);
    expect(compare.exitCode).toBe(0);
    const block = (await runJson(['block', '--block', 'bottleneck', '--groups', '32', '--in-channels', '256', '--k', '2', '--json'])) as {
      block: { groups: number };
      layers: { name: string; params: number }[];
    };
    // conv2 of a resnext50 block of conv2: 128 channels in 32 groups, 3×3: 128·(128/32)·9 weights.
    expect(block.block.groups).toBe(32);
    expect(block.layers.find((layer) => layer.name === 'block.conv2')?.params).toBe(128 * 4 * 9);
    const files = {
      'b.json': JSON.stringify({ budget: { params: '30M' }, models: [{ model: 'resnet50', groups: 32, widthPerGroup: 4 }] }),
    };
    const check = await runCli(['check', 'b.json', '--json'], { files });
    expect(check.exitCode).toBe(0);
    expect(check.stdout).toContain('25028904');
  });

  it.each([['grid'], ['fit', '--max-params', '30M']])(
    '%s sweeps the width as k: a fixed --width-per-group is refused, naming the k it spells',
    async (...command) => {
      const result = await runCli([...command, '--dataset', 'imagenet', '--groups', '32', '--width-per-group', '4']);
      expect(result).toMatchObject({ exitCode: 2, stdout: '' });
      expect(result.stderr).toBe(
        `wrn-calc: --width-per-group does not apply to ${command[0]}, which sweeps the width as --k: W is another spelling of k (W·G = 64·k), so --groups 32 --width-per-group 4 is --groups 32 --k 2.\n`,
      );
    },
  );
});

describe('where a bottleneck strides', () => {
  it("1x1 (He et al. 2015, Caffe) against 3x3 (torchvision's v1.5): same parameters, fewer MACs", async () => {
    const caffe = await summary(['resnet50', '--bottleneck-stride', '1x1']);
    const torchvision = await summary(['resnet50']);
    expect(caffe.totals.params).toBe(torchvision.totals.params);
    expect(caffe.totals.macs).toBe(3_857_973_248);
    expect(torchvision.totals.macs).toBe(4_089_184_256);
    expect(caffe.model.bottleneckStride).toBe('1x1');
  });

  it('says so in the header when it is not the convention of the family and order', async () => {
    expect((await runCli(['resnet50', '--bottleneck-stride', '1x1'], { columns: 140 })).stdout).toContain(
      'each bottleneck strides on its first 1×1 conv',
    );
    expect((await runCli(['resnet50'], { columns: 140 })).stdout).not.toContain('strides on its');
  });

  it('is refused on basic blocks and takes only 3x3 or 1x1', async () => {
    const basic = await runCli(['--depth', '28', '--k', '10', '--bottleneck-stride', '1x1']);
    expect(basic).toMatchObject({ exitCode: 2, stdout: '' });
    expect(basic.stderr).toContain('applies to bottleneck blocks only');
    const other = await runCli(['resnet50', '--bottleneck-stride', '2x2']);
    expect(other).toMatchObject({ exitCode: 2, stdout: '' });
    expect(other.stderr).toContain('3x3');
    expect(other.stderr).toContain('1x1');
  });
});

describe("fit's notes name the family's widths and depth table", () => {
  it('an ImageNet k whose widths are not whole: 64k, 128k, 256k, 512k', async () => {
    const { stdout } = await runCli(['fit', '--dataset', 'imagenet', '--max-params', '100M', '--k', '1,1.3,2']);
    expect(stdout).toContain('Skipped k = 1.3: widths 64k, 128k, 256k, 512k not whole.');
  });

  it("an ImageNet depth outside torchvision's table", async () => {
    const { stdout } = await runCli(['fit', '--dataset', 'imagenet', '--max-params', '100M', '--depth', '18,20,50']);
    expect(stdout).toContain("Skipped 1 depth that does not fit torchvision's table (18, 34, 50, 101, 152, 200).");
    expect(stdout).toContain("block torchvision's block for each depth");
  });
});
