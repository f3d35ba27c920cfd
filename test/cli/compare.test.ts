import { describe, expect, it } from 'vitest';
import { runCli, runJson } from '../helpers/cli.js';

type SummaryJson = { model: { name: string; classes: number; dataset: string | null }; totals: { params: number } };

describe('wrn-calc compare', () => {
  it("the paper's Table 5 question in one command: WRN-40-4, WRN-16-8 and WRN-28-10 with their ratios", async () => {
    const json = (await runJson(['compare', 'WRN-40-4', 'WRN-16-8', 'WRN-28-10', '--json'])) as SummaryJson[];
    expect(json.map((network) => network.totals.params)).toEqual([8_949_210, 10_961_370, 36_479_194]);
    const table = (await runCli(['compare', 'WRN-40-4', 'WRN-16-8', 'WRN-28-10'])).stdout;
    expect(table).toMatch(/^WRN-28-10 +28 +10 +36,479,194 +×4\.08 +5,243,328,768 +×4\.04 +139\.16 MiB +×4\.08 +6,054,538 +×1\.69$/m);
    expect(table.split('\n')[0]).toBe('Ratios are to WRN-40-4, the first network  ·  input 3×32×32 (cifar10)  ·  10 classes');
  });

  it("--json is an array of the summary's JSON objects, shape options applied to every network", async () => {
    const names = ['WRN-16-4', 'resnet18', 'preact-resnet164'];
    const shape = ['--dataset', 'cifar100', '--dropout', '0.3'];
    const compared = (await runJson(['compare', ...names, ...shape, '--json'])) as SummaryJson[];
    for (const [index, name] of names.entries()) expect(compared[index]).toEqual(await runJson([name, ...shape, '--json']));
    expect(compared.map((network) => network.model.classes)).toEqual([100, 100, 100]);
  });

  it('shows the data per network when the networks were counted on different inputs', async () => {
    const table = (await runCli(['compare', 'resnet50', 'WRN-28-10'])).stdout;
    expect(table.split('\n')[0]).toBe('Ratios are to resnet50, the first network');
    expect(table).toMatch(/^resnet50 +50 +1 +imagenet /m);
    expect(table).toMatch(/^WRN-28-10 +28 +10 +cifar10 /m);
  });

  it('--format markdown and csv (exact integers and ratios)', async () => {
    const markdown = (await runCli(['compare', 'WRN-40-4', 'WRN-28-10', '--format', 'markdown'])).stdout;
    expect(markdown).toContain('| WRN-28-10 | 28 | 10 | 36,479,194 | ×4.08 |');
    const csv = (await runCli(['compare', 'WRN-40-4', 'WRN-28-10', '--format', 'csv'])).stdout.split('\n');
    expect(csv[0]).toBe(
      'model,depth,k,input,classes,dataset,params,paramsRatio,macs,macsRatio,paramBytesFp32,paramBytesFp32Ratio,activationElements,activationElementsRatio',
    );
    expect(csv[2]).toBe(
      `WRN-28-10,28,10,3×32×32,10,cifar10,36479194,${36_479_194 / 8_949_210},5243328768,${5_243_328_768 / 1_298_582_016},145916776,${145_916_776 / 35_796_840},6054538,${6_054_538 / 3_588_362}`,
    );
  });

  it.each([
    [
      ['compare', 'WRN-28-10'],
      "wrn-calc: compare needs at least two models, the first being the one the ratios are to; got only 'WRN-28-10'.\n",
    ],
    [
      ['compare', 'WRN-28-10', 'WRN-16-8', '--k', '2'],
      "wrn-calc: --k does not apply to compare: each model's name sets its depth and k; name the networks instead, e.g. wrn-calc compare WRN-40-4 WRN-28-10.\n",
    ],
    [
      ['compare', 'WRN-28-10', 'WRN-16-8', '--depth', '40', '--blocks-per-group', '2'],
      "wrn-calc: --depth and --blocks-per-group do not apply to compare: each model's name sets its depth and k; name the networks instead, e.g. wrn-calc compare WRN-40-4 WRN-28-10.\n",
    ],
    [
      ['compare', 'WRN-28-10', 'resnet51'],
      "wrn-calc: Model 'resnet51' is not known; did you mean resnet50, resnet56 or resnet18? Otherwise give WRN-d-k (e.g. WRN-28-10) or a preset name such as resnet50 or wide_resnet50_2.\n",
    ],
    [
      ['compare', 'WRN-28-10', 'WRN-27-10'],
      "wrn-calc: 'WRN-27-10': Depth 27 does not fit the block (depth = 3·N·2 + 4 for a block of 2 convs); the nearest valid depths are 22 or 28.\n",
    ],
    [
      ['compare', 'WRN-28-10', 'WRN-16-8', '--json', '--format', 'csv'],
      'wrn-calc: --json and --format csv ask for different outputs; give one of them.\n',
    ],
  ])('refuses wrn-calc %s: exit 2, one line, nothing on stdout', async (argv, message) => {
    const result = await runCli(argv);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(message);
  });

  it("without any model: commander's own message, exit 2", async () => {
    const result = await runCli(['compare']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe("wrn-calc: missing required argument 'model' (wrn-calc compare --help shows the usage)\n");
  });

  it('--help lists the shape options but not the depth and k the names set', async () => {
    const help = (await runCli(['compare', '--help'])).stdout;
    expect(help).toContain('--dataset <name>');
    expect(help).not.toMatch(/--depth |--k |--blocks-per-group/);
  });
});
