import { describe, expect, it } from 'vitest';
import { runCli, runJson } from '../helpers/cli.js';

/*
 * The summary answers first: the name, params, MACs and the training memory at
 * the batch asked for, in its first six lines even in an 80-column terminal; then
 * the structure, the group table and the notes. --brief prints that answer on one line.
 */

const ANSI = /\u001b\[[0-9;]*m/g;

describe('the answer first', () => {
  it.each([
    [['WRN-28-10'], 'WRN-28-10', '36,479,194', '5,243,328,768', '456,389,984 B (435.25 MiB) at batch 1'],
    [['resnet50'], 'resnet50', '25,557,032', '4,089,184,256', '393,022,848 B (374.82 MiB) at batch 1'],
    [['wide_resnet101_2', '--batch', '64'], 'wide_resnet101_2', '126,886,696', '22,753,050,624', 'at batch 64'],
    [
      ['--depth', '28', '--k', '10', '--batch', '128', '--memory', '16GiB', '--optimizer', 'adam'],
      'WRN-28-10',
      '36,479,194',
      '5,243,328,768',
      'at batch 128 (fp32, adam)',
    ],
  ])(
    'wrn-calc %s: name, params, MACs and training memory within the first 6 lines at 80 and 60 columns',
    async (argv, name, params, macs, memory) => {
      for (const columns of [undefined, 80, 60]) {
        const result = await runCli(argv, { columns, tty: columns !== undefined });
        const head = result.stdout.replace(ANSI, '').split('\n').slice(0, 6).join('\n');
        expect(head.split('\n')[0], `${columns}`).toBe(name);
        expect(head).toMatch(new RegExp(`^Total params: +${params} `, 'm'));
        expect(head).toMatch(new RegExp(`^MACs per image: +${macs} `, 'm'));
        const training = head
          .replace(/\n +/g, ' ')
          .split('\n')
          .find((line) => line.startsWith('Training memory: '));
        expect(training).toContain(memory);
        // The group table and its notes come after.
        expect(result.stdout.indexOf('group  output')).toBeGreaterThan(head.length);
      }
    },
  );

  it('the training memory on top is the total of the breakdown below, and --memory puts the largest batch beside it', async () => {
    const result = await runCli(['--depth', '28', '--k', '10', '--batch', '128', '--memory', '16GiB']);
    const lines = result.stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'WRN-28-10',
      'Total params:    36,479,194 (36.5M)',
      'MACs per image:  5,243,328,768 (5.24 G); FLOPs = 2 × MACs = 10,486,657,536 (10.5 G)',
      'Training memory: 2,805,387,064 B (2.61 GiB) at batch 128 (fp32, momentum)',
      'Largest batch:   905 in 17,179,869,184 B (16.00 GiB)',
    ]);
    const json = (await runJson(['--depth', '28', '--k', '10', '--batch', '128', '--memory', '16GiB', '--json'])) as {
      training: { totalBytes: number; maxBatch: number };
    };
    expect(json.training).toMatchObject({ totalBytes: 2_805_387_064, maxBatch: 905 });
    expect(result.stdout).toContain('  Total:             2,805,387,064 B (2.61 GiB)');
  });
});

describe('--brief', () => {
  it('one line with the name, params, MACs and the training memory at the batch', async () => {
    const result = await runCli(['WRN-28-10', '--brief']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      'WRN-28-10: 36,479,194 params (36.5M) · 5,243,328,768 MACs (5.24G) · training at batch 1: 456,389,984 B (435.25 MiB)\n',
    );
  });

  it('one line per network in a loop over models, whatever the terminal width, with the numbers of --json', async () => {
    for (const model of ['WRN-16-4', 'WRN-40-4', 'resnet18', 'wide_resnet50_2', 'preact-resnet1001']) {
      for (const columns of [undefined, 60]) {
        const brief = await runCli([model, '--brief', '--batch', '32'], { columns });
        expect(brief.stdout.trimEnd().split('\n')).toHaveLength(1);
        const json = (await runJson([model, '--json', '--batch', '32'])) as {
          model: { name: string };
          totals: { params: number; macs: number };
          training: { totalBytes: number };
        };
        const text = brief.stdout;
        expect(text.startsWith(`${json.model.name}: `)).toBe(true);
        for (const value of [json.totals.params, json.totals.macs, json.training.totalBytes])
          expect(text).toContain(value.toLocaleString('en-US'));
        expect(text).toContain('at batch 32');
      }
    }
  });

  it('with --memory, the largest batch that fits', async () => {
    const result = await runCli(['WRN-28-10', '--brief', '--memory', '16GiB']);
    expect(result.stdout.trimEnd()).toMatch(/ · largest batch in 16\.00 GiB: 905$/);
  });

  it('is refused beside --layers or --json', async () => {
    for (const [other, message] of [
      ['--layers', 'wrn-calc: --layers lists every layer and --brief prints one line; give one of them.\n'],
      ['--json', 'wrn-calc: --json and --brief ask for different outputs; give one of them.\n'],
    ] as const) {
      const result = await runCli(['WRN-28-10', '--brief', other]);
      expect(result.exitCode).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(message);
    }
  });
});

describe('batch norm at batch 1', () => {
  // Checked against PyTorch's refusal in test/core/batch-norm.test.ts.
  const refused = ['--family', 'imagenet', '--blocks-per-group', '1', '--input', '32'];
  const sentence =
    'PyTorch refuses to train this network at batch 1: a BN layer sees a 1×1 map, one value per channel ("Expected more than 1 value per channel when training"); from batch 2 it trains.';

  it('the training-memory section says PyTorch refuses batch 1 and trains from batch 2', async () => {
    const result = await runCli(refused);
    expect(result.exitCode).toBe(0);
    const training = result.stdout.slice(result.stdout.indexOf('Training memory (fp32, batch 1'));
    expect(training).toContain(sentence);
    expect(result.stdout.split('\n')[3]).toBe(
      'Training memory: 121,716,096 B (116.08 MiB) at batch 1 (fp32, momentum; PyTorch refuses this batch)',
    );
    expect((await runCli([...refused, '--brief'])).stdout).toContain(', which PyTorch refuses (from batch 2 it trains)');
  });

  it('says nothing at batch 2, nor for a network whose smallest BN map has more than one value', async () => {
    for (const argv of [
      [...refused, '--batch', '2'],
      ['--family', 'imagenet', '--blocks-per-group', '1', '--input', '32x64'],
      ['WRN-28-10'],
      ['resnet18'],
    ]) {
      const result = await runCli(argv);
      expect(result.stdout, argv.join(' ')).not.toContain('PyTorch refuses');
    }
  });

  it('fits the terminal', async () => {
    const result = await runCli(refused, { columns: 60 });
    expect(Math.max(...result.stdout.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(60);
    expect(result.stdout.replace(/\n/g, ' ').replace(/ +/g, ' ')).toContain(sentence);
  });
});

describe('headers', () => {
  it('N = 1 block per group; N = 4 blocks per group', async () => {
    expect((await runCli(['--depth', '10', '--k', '1'])).stdout).toContain('N = 1 block per group');
    expect((await runCli(['--depth', '28', '--k', '10'])).stdout).toContain('N = 4 blocks per group');
  });
});
