import { describe, expect, it } from 'vitest';
import type { NetworkWithLayers } from '../../src/core/index.js';
import { runCli, runJson } from '../helpers/cli.js';
import { expectRowsSumToTotals } from '../helpers/sums.js';

describe('wrn-calc summary', () => {
  it('prints WRN-28-10 with its exact parameter count by default', async () => {
    const result = await runCli([]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('WRN-28-10');
    expect(result.stdout).toContain('36,479,194');
    expect(result.stdout).toContain('36.5M');
    expect(result.stdout).toContain('17,952');
    expect(result.stdout).toContain('[3×3, 160; 3×3, 160] × 4');
    expect(result.stdout).toContain('FLOPs = 2 × MACs');
    expect(result.stderr).toBe('');
  });

  it('--json prints the documented object and nothing else', async () => {
    const json = (await runJson(['--depth', '28', '--k', '10', '--json'])) as NetworkWithLayers & { model: { dataset: string } };
    expect(json.model).toMatchObject({
      name: 'WRN-28-10',
      depth: 28,
      k: 10,
      block: [3, 3],
      blocksPerGroup: 4,
      input: [3, 32, 32],
      classes: 10,
      dataset: 'cifar10',
    });
    expect(json.groups.map((g) => g.name)).toEqual(['conv1', 'conv2', 'conv3', 'conv4', 'head']);
    expect(json.groups[0]).toMatchObject({ output: [16, 32, 32], params: 432 });
    expect(json.groups[3]?.output).toEqual([640, 8, 8]);
    expect(json.groups[4]?.output).toEqual([10]);
    expect(json.totals).toMatchObject({ params: 36_479_194, buffers: 17_952, macs: 5_243_328_768, flops: 10_486_657_536 });
    expect(json.layers.length).toBeGreaterThan(60);
    expectRowsSumToTotals(json);
  });

  it('dataset presets set input and classes; flags override them', async () => {
    const tiny = (await runJson(['--dataset', 'tiny-imagenet', '--json'])) as NetworkWithLayers;
    expect(tiny.model).toMatchObject({ input: [3, 64, 64], classes: 200 });
    const mnist = (await runJson(['--dataset', 'mnist', '--json'])) as NetworkWithLayers;
    expect(mnist.model).toMatchObject({ input: [1, 28, 28], classes: 10 });
    const custom = (await runJson([
      '--dataset',
      'mnist',
      '--input',
      '40x24',
      '--in-channels',
      '3',
      '--classes',
      '7',
      '--json',
    ])) as NetworkWithLayers;
    expect(custom.model).toMatchObject({ input: [3, 40, 24], classes: 7 });
    expect(custom.groups[3]?.output).toEqual([640, 10, 6]);
  });

  it('--blocks-per-group states N directly and agrees with a matching depth', async () => {
    const byN = (await runJson(['--blocks-per-group', '6', '--k', '4', '--json'])) as NetworkWithLayers;
    const byDepth = (await runJson(['--depth', '40', '--k', '4', '--blocks-per-group', '6', '--json'])) as NetworkWithLayers;
    expect(byN.model.depth).toBe(40);
    expect(byN.totals.params).toBe(8_949_210);
    expect(byDepth.totals).toEqual(byN.totals);
  });

  it('accepts both block notations', async () => {
    const a = (await runJson(['--blocks-per-group', '3', '--k', '2', '--block', 'B(3,1,3)', '--json'])) as NetworkWithLayers;
    const b = (await runJson(['--blocks-per-group', '3', '--k', '2', '--block', '3,1,3', '--json'])) as NetworkWithLayers;
    expect(a.totals.params).toBe(1_145_498);
    expect(b.totals).toEqual(a.totals);
  });

  describe('colour', () => {
    const ESC = '\u001b[';
    it('is off when stdout is not a TTY', async () => {
      expect((await runCli([], { tty: false })).stdout).not.toContain(ESC);
    });
    it('is on in a TTY', async () => {
      expect((await runCli([], { tty: true })).stdout).toContain(ESC);
    });
    it('is off in a TTY with NO_COLOR or --no-color', async () => {
      expect((await runCli([], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
      expect((await runCli(['--no-color'], { tty: true })).stdout).not.toContain(ESC);
    });
    it('follows the flag over the environment: --color beats NO_COLOR, --no-color beats FORCE_COLOR', async () => {
      expect((await runCli(['--color'], { env: { NO_COLOR: '1' } })).stdout).toContain(ESC);
      expect((await runCli(['grid', '--color'], { env: { NO_COLOR: '1' } })).stdout).toContain(ESC);
      expect((await runCli(['--no-color'], { tty: true, env: { FORCE_COLOR: '1' } })).stdout).not.toContain(ESC);
      expect((await runCli([], { env: { FORCE_COLOR: '1' } })).stdout).toContain(ESC);
      expect((await runCli([], { tty: true, env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).stdout).not.toContain(ESC);
    });
    it('never colours JSON', async () => {
      expect((await runCli(['--json', '--color'], { tty: true })).stdout).not.toContain(ESC);
    });
  });
});
