import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/cli/program.js';
import { runCli } from '../helpers/cli.js';

/*
 * The rough edges a newcomer hits first: a name and a flag that disagree, two
 * names where compare was meant, a misspelt WRN-d-k or option, -v, and an
 * ImageNet depth without a block. Each is refused in one sentence (plus hint
 * lines in parentheses) that names what would work.
 */

async function refused(argv: readonly string[]): Promise<string> {
  const result = await runCli(argv);
  expect(result.exitCode, argv.join(' ')).toBe(2);
  expect(result.stdout).toBe('');
  return result.stderr;
}

describe('a name and a flag that contradict it', () => {
  it.each([
    [['WRN-28-10', '--depth', '40'], "'WRN-28-10' has depth 28, but --depth gives 40; name it WRN-40-10, or drop --depth."],
    [
      ['WRN-28-10', '--depth', '40', '--k', '4'],
      "'WRN-28-10' has depth 28 and k 10, but --depth and --k give 40 and 4; name it WRN-40-4, or drop --depth and --k.",
    ],
    [['wrn-16-4', '--k', '1.5'], "'wrn-16-4' has k 4, but --k gives 1.5; name it WRN-16-1.5, or drop --k."],
    [['resnet50', '--k', '2'], "'resnet50' has k 1, but --k gives 2; name it wide_resnet50_2, or drop --k."],
    [['resnet50', '--depth', '101'], "'resnet50' has depth 50, but --depth gives 101; name it resnet101, or drop --depth."],
    [['resnet110', '--depth', '56'], "'resnet110' has depth 110, but --depth gives 56; name it resnet56, or drop --depth."],
    [
      ['resnet110', '--depth', '38'],
      "'resnet110' has depth 110, but --depth gives 38; give the network by its options instead (--family cifar --depth 38 --k 1 --order post --shortcut zero-pad --depth-rule resnet), or drop --depth.",
    ],
    [
      ['check', '--model', 'WRN-28-10', '--k', '8', '--max-params', '40M'],
      "'WRN-28-10' has k 10, but --k gives 8; name it WRN-28-8, or drop --k.",
    ],
  ])('wrn-calc %s is refused, naming the name that matches', async (argv, message) => {
    expect(await refused(argv)).toBe(`wrn-calc: ${message}\n`);
  });

  it('the same in a budget file, naming its fields', async () => {
    const file = JSON.stringify({ budget: { params: '40M' }, models: [{ model: 'WRN-28-10', depth: 40 }] });
    const result = await runCli(['check', 'budgets.json'], { files: { 'budgets.json': file } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      `wrn-calc: budgets.json: models[0]: 'WRN-28-10' has depth 28, but "depth" gives 40; name it WRN-40-10, or drop "depth".\n`,
    );
  });

  it('a flag that agrees with the name, and the input, classes, dataset and other options of a preset, stay allowed', async () => {
    for (const argv of [
      ['WRN-28-10', '--depth', '28', '--k', '10'],
      ['resnet50', '--classes', '10', '--input', '64'],
      ['wide_resnet50_2', '--dataset', 'cifar10'],
      ['resnet110', '--shortcut', 'projection'],
      ['resnet50', '--order', 'pre'],
    ]) {
      const result = await runCli(argv);
      expect(result.exitCode, `${argv.join(' ')}: ${result.stderr}`).toBe(0);
    }
  });
});

describe('two model names', () => {
  it.each([
    [['WRN-28-10', 'WRN-16-8'], 'wrn-calc compare WRN-28-10 WRN-16-8'],
    [['WRN-28-10', '--batch', '2', 'WRN-16-8', 'resnet50'], 'wrn-calc compare WRN-28-10 WRN-16-8 resnet50'],
  ])('wrn-calc %s points to compare', async (argv, command) => {
    const stderr = await refused(argv);
    expect(stderr).toContain(`; did you mean ${command}? (wrn-calc --help shows the usage)`);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a word that is not a model does not', async () => {
    expect(await refused(['WRN-28-10', 'foo'])).not.toContain('compare');
  });
});

describe('misspellings', () => {
  it.each(['WRN28-10', 'wrn_28_10', 'WRN-28x10', 'WRN-28_10'])('%s suggests WRN-28-10', async (name) => {
    expect(await refused([name])).toBe(
      `wrn-calc: Model '${name}' is not known; did you mean WRN-28-10? Otherwise give WRN-d-k (e.g. WRN-28-10) or a preset name such as resnet50 or wide_resnet50_2.\n`,
    );
  });

  it.each([
    [['--K', '10'], '--k'],
    [['--DEPTH', '28'], '--depth'],
    [['grid', '--K', '2'], '--k'],
    [['check', '--Max-Params', '1M'], '--max-params'],
  ])('wrn-calc %s suggests %s', async (argv, flag) => {
    const stderr = await refused(argv);
    expect(stderr).toMatch(
      new RegExp(
        `^wrn-calc: unknown option '${argv.find((arg) => arg.startsWith('--')) ?? ''}'; did you mean ${flag}\\? \\(wrn-calc( \\w+)? --help shows the usage\\)\\n$`,
      ),
    );
  });
});

describe('a flag where a value belongs', () => {
  it.each([
    [
      ['--depth', '--k', '10'],
      "wrn-calc: --depth must be a whole number ≥ 1 (e.g. 28), got '--k'; --k is a flag, so --depth was given no value of its own.\n",
    ],
    [['block', '--compare-k', '--json'], '; --json is a flag, so --compare-k was given no value of its own.\n'],
  ])('wrn-calc %j says the flag took the next word', async (argv, text) => {
    const stderr = await refused(argv);
    expect(stderr.endsWith(text)).toBe(true);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a negative number is a value, not a flag', async () => {
    expect(await refused(['--input', '-5'])).not.toContain('is a flag');
  });
});

describe('the version', () => {
  it.each([['-v'], ['-V'], ['--version']])('wrn-calc %s prints it and exits 0', async (flag) => {
    const result = await runCli([flag]);
    expect(result).toEqual({ stdout: `${VERSION}\n`, stderr: '', exitCode: 0 });
  });
});

describe('ImageNet depths', () => {
  it('without a block, every depth of the table is listed', async () => {
    expect(await refused(['--dataset', 'imagenet', '--depth', '28'])).toBe(
      "wrn-calc: Depth 28 is not an ImageNet ResNet depth; use 18, 34, 50, 101, 152 or 200 (torchvision's table), or give the blocks of each group with --blocks-per-group a,b,c,d.\n",
    );
  });

  it('with a block, the depths of that block', async () => {
    expect(await refused(['--dataset', 'imagenet', '--depth', '28', '--block', 'bottleneck'])).toContain('use 50, 101, 152 or 200');
    expect(await refused(['--dataset', 'imagenet', '--depth', '28', '--block', '3,3'])).toContain('with basic blocks; use 18 or 34');
  });
});
