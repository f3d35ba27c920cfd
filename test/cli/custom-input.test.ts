import { describe, expect, it } from 'vitest';
import { runCli, runJson } from '../helpers/cli.js';

/*
 * A report never names a dataset whose input, channels or classes were replaced:
 * the header says `custom input 3×224×224` and JSON has `"dataset": null`, the
 * numbers stay. Options equal to the dataset's own keep its name.
 */

type ModelJson = { model: { dataset: string | null; input: number[]; classes: number } };

/** The summary's structure line: the first line of the section after the answer. */
function structureLine(stdout: string): string {
  return stdout.split('\n\n')[1]?.split('\n')[0] ?? '';
}

describe('a replaced input, channel count or class count is a custom input', () => {
  it.each([
    [['--input', '224', '--classes', '1000'], 'custom input 3×224×224  ·  1000 classes'],
    [['--in-channels', '1'], 'custom input 1×32×32  ·  10 classes'],
    [['--classes', '7'], 'custom input 3×32×32  ·  7 classes'],
    [['resnet50', '--classes', '10', '--input', '64'], 'custom input 3×64×64  ·  10 classes'],
  ])('wrn-calc %s', async (argv, header) => {
    const table = await runCli(argv);
    expect(structureLine(table.stdout)).toContain(header);
    expect(table.stdout).not.toMatch(/\((cifar10|imagenet)\)/);
    const json = (await runJson([...argv, '--json'])) as ModelJson;
    expect(json.model.dataset).toBeNull();
  });

  it("options equal to the dataset's own keep its name", async () => {
    const table = await runCli(['--dataset', 'cifar100', '--classes', '100', '--input', '32']);
    expect(structureLine(table.stdout)).toContain('input 3×32×32 (cifar100)  ·  100 classes');
    expect(((await runJson(['--dataset', 'cifar100', '--classes', '100', '--json'])) as ModelJson).model.dataset).toBe('cifar100');
    expect(((await runJson(['resnet50', '--json'])) as ModelJson).model.dataset).toBe('imagenet');
  });

  it('in grid, fit and check as well', async () => {
    expect((await runCli(['grid', '--input', '64'])).stdout.split('\n')[0]).toContain('custom input 3×64×64  ·  10 classes');
    expect((await runCli(['grid', '--input', '64', '--format', 'markdown'])).stdout).toContain('custom input 3×64×64');
    expect((await runCli(['fit', '--max-params', '1M', '--classes', '3'])).stdout.split('\n')[0]).toContain(
      'custom input 3×32×32, 3 classes',
    );
    const fit = (await runJson(['fit', '--max-params', '1M', '--classes', '3', '--json'])) as ModelJson[];
    expect(fit[0]?.model.dataset).toBeNull();
    const check = (await runJson(['check', '--max-params', '40M', '--input', '224', '--json'])) as { models: ModelJson[] };
    expect(check.models[0]?.model.dataset).toBeNull();
  });
});
