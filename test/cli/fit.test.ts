import { describe, expect, it } from 'vitest';
import type { Totals } from '../../src/core/index.js';
import { widenRange } from '../../src/cli/commands/fit.js';
import { runCli, runJson } from '../helpers/cli.js';

interface Candidate {
  model: { name: string; depth: number; k: number; block: number[]; classes: number; dataset: string };
  totals: Totals;
  training: { batch: number; optimizer: string; totalBytes: number };
}

async function fitJson(argv: readonly string[]): Promise<Candidate[]> {
  return (await runJson(['fit', ...argv, '--json'])) as Candidate[];
}

describe('wrn-calc fit', () => {
  it('lists the 10 largest networks within the budget by default, best first', async () => {
    const result = await runCli(['fit', '--max-params', '10M']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('WRN-22-6');
    expect(result.stdout).toContain('showing the top 10, ranked by params');
    const json = await fitJson(['--max-params', '10M']);
    expect(json).toHaveLength(10);
    expect(json[0]?.model.name).toBe('WRN-22-6');
    expect(json[0]?.totals.params).toBe(9_658_458);
  });

  it.each([
    ['--max-params', '10M'],
    ['--max-params', '5M', '--max-macs', '500M'],
    ['--max-macs', '2G', '--depth', '16:52', '--k', '1:12:0.5'],
    ['--max-param-bytes', '16MiB', '--max-activation-bytes', '8MiB', '--dataset', 'tiny-imagenet'],
    ['--max-flops', '1G', '--block', 'B(3,1,3)', '--depth-rule', 'nominal', '--objective', 'depth'],
  ])('every result is within every budget: %s %s %s %s', async (...argv) => {
    const json = await fitJson([...argv, '--top', '1000']);
    expect(json.length).toBeGreaterThan(0);
    const limit = (flag: string, amount: (raw: string) => number): number => {
      const i = argv.indexOf(flag);
      return i < 0 ? Infinity : amount(argv[i + 1] ?? '');
    };
    const decimal = (raw: string) => Number(raw.replace('M', 'e6').replace('G', 'e9'));
    const binary = (raw: string) => Number(raw.replace('MiB', '')) * 1024 ** 2;
    for (const { totals } of json) {
      expect(totals.params).toBeLessThanOrEqual(limit('--max-params', decimal));
      expect(totals.macs).toBeLessThanOrEqual(limit('--max-macs', decimal));
      expect(totals.flops).toBeLessThanOrEqual(limit('--max-flops', decimal));
      expect(totals.paramBytesFp32).toBeLessThanOrEqual(limit('--max-param-bytes', binary));
      expect(totals.activationBytesFp32).toBeLessThanOrEqual(limit('--max-activation-bytes', binary));
    }
  });

  it("each candidate's model, totals and training memory (at fit's batch and optimizer) are the summary JSON's", async () => {
    const training = ['--batch', '64', '--optimizer', 'adam'];
    const json = await fitJson(['--max-params', '3M', '--block', 'B(3,1,3)', '--dataset', 'cifar100', '--top', '4', ...training]);
    expect(json).toHaveLength(4);
    for (const candidate of json) {
      const summary = (await runJson([
        '--depth',
        String(candidate.model.depth),
        '--k',
        String(candidate.model.k),
        '--block',
        'B(3,1,3)',
        '--dataset',
        'cifar100',
        ...training,
        '--json',
      ])) as Candidate;
      expect(candidate.model).toEqual(summary.model);
      expect(candidate.totals).toEqual(summary.totals);
      expect(candidate.training).toEqual(summary.training);
      expect(candidate.training).toMatchObject({ batch: 64, optimizer: 'adam' });
    }
  });

  it('--pareto keeps exactly the fits that no other fit dominates', async () => {
    const all = await fitJson(['--max-params', '10M', '--max-macs', '1.5G', '--top', '100000']);
    const front = await fitJson(['--max-params', '10M', '--max-macs', '1.5G', '--pareto']);
    const dominated = (a: Candidate) =>
      all.some(
        (b) =>
          b.totals.params >= a.totals.params &&
          b.totals.macs <= a.totals.macs &&
          (b.totals.params > a.totals.params || b.totals.macs < a.totals.macs),
      );
    expect(front.map((c) => c.model.name).sort()).toEqual(
      all
        .filter((c) => !dominated(c))
        .map((c) => c.model.name)
        .sort(),
    );
    expect(front.length).toBeLessThan(all.length);
  });

  it('--objective ranks largest first; --top limits', async () => {
    const byWidth = await fitJson(['--max-params', '10M', '--objective', 'width', '--top', '5']);
    expect(byWidth).toHaveLength(5);
    expect(byWidth.map((c) => c.model.k)).toEqual([...byWidth.map((c) => c.model.k)].sort((a, b) => b - a));
    const byDepth = await fitJson(['--max-params', '10M', '--objective', 'depth', '--top', '3']);
    // Ties on depth go to more params: the wider network first.
    expect(byDepth.map((c) => [c.model.depth, c.model.k])).toEqual([
      [100, 2],
      [100, 1],
      [94, 2],
    ]);
    const byMacs = await fitJson(['--max-macs', '1G', '--objective', 'macs']);
    expect(byMacs.map((c) => c.totals.macs)).toEqual([...byMacs.map((c) => c.totals.macs)].sort((a, b) => b - a));
  });

  it('nothing fitting is not an error', async () => {
    const result = await runCli(['fit', '--max-params', '1K']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Nothing fits: none of the 256 valid (depth, k) pairs is within the budget.');
    expect(await fitJson(['--max-params', '1K'])).toEqual([]);
  });

  it('--format markdown prints a GitHub table', async () => {
    const result = await runCli(['fit', '--max-params', '10M', '--top', '2', '--format', 'markdown']);
    expect(result.stdout).toContain('| # | model | depth | k | N | params | MACs |');
    expect(result.stdout).toContain('| 1 | WRN-22-6 | 22 | 6 | 3 | 9,658,458 (9.66M) | 1,384,566,528 (1.38G) |');
  });

  it('never colours JSON', async () => {
    const result = await runCli(['fit', '--max-params', '10M', '--json', '--color'], { tty: true });
    expect(result.stdout).not.toContain('\u001b[');
  });

  const USAGE: readonly { name: string; argv: string[]; mentions: string[] }[] = [
    { name: 'no budget', argv: [], mentions: ['fit needs a budget', '--max-params'] },
    { name: 'a bad amount', argv: ['--max-macs', '2 G'], mentions: ['--max-macs', "'2 G'"] },
    {
      name: 'no depth that fits the block',
      argv: ['--max-params', '1M', '--depth', '11:15'],
      mentions: ['No depth in --depth 11:15', 'B(3,3)', '10, 16, 22'],
    },
    { name: 'no k with whole widths', argv: ['--max-params', '1M', '--k', '0.01,0.02'], mentions: ['No k in --k 0.01,0.02'] },
    { name: 'a bad range', argv: ['--max-params', '1M', '--depth', '40:10'], mentions: ["'40:10'", 'backwards'] },
    { name: 'too many pairs', argv: ['--max-params', '1M', '--depth', '10:10000', '--k', '1:100'], mentions: ['more than the 100,000'] },
    {
      name: 'an unknown objective',
      argv: ['--max-params', '1M', '--objective', 'size'],
      mentions: ["'size'", 'params, macs, depth, width'],
    },
    { name: 'top 0', argv: ['--max-params', '1M', '--top', '0'], mentions: ['--top', "'0'"] },
    { name: 'a block no network can have', argv: ['--max-params', '1G', '--block', '2,2'], mentions: ['residual add'] },
    { name: 'an unknown option', argv: ['--max-param', '1M'], mentions: ["unknown option '--max-param'"] },
  ];

  it.each(USAGE)('exits 2 for $name, with one sentence on stderr and nothing on stdout', async ({ argv, mentions }) => {
    const result = await runCli(['fit', ...argv]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.startsWith('wrn-calc: ')).toBe(true);
    for (const text of mentions) expect(result.stderr).toContain(text);
  });
});

describe('fit says when the range, not the budget, ended the search', () => {
  const NOTE = /^The range, not the budget, ended the search: (.*); larger networks may fit too\. Widen it: (.*)\.$/m;

  it('a network shown at the largest depth or k searched: the note names it and the flags that widen the range', async () => {
    const result = await runCli(['fit', '--max-train-bytes', '16GiB', '--batch', '128']);
    const [, where, flags] = NOTE.exec(result.stdout) ?? [];
    expect(where).toBe(
      'WRN-100-14 and WRN-100-13 at the largest depth searched (100), and WRN-82-16, WRN-76-16 and WRN-70-16 at the largest k searched (16)',
    );
    expect(flags).toBe('--depth 10:200 --k 1:32');
    // The note was right: the widened search finds larger networks within the same budget.
    const best = async (argv: string[]) =>
      ((await runJson(['fit', '--max-train-bytes', '16GiB', '--batch', '128', ...argv, '--json'])) as { totals: { params: number } }[])[0]
        ?.totals.params ?? 0;
    expect(await best(['--depth', '10:200', '--k', '1:32'])).toBeGreaterThan(await best([]));
    const markdown = await runCli(['fit', '--max-train-bytes', '16GiB', '--batch', '128', '--format', 'markdown']);
    expect(markdown.stdout).toMatch(NOTE);
  });

  it('none when no network shown sits at an edge', async () => {
    for (const argv of [
      ['fit', '--max-params', '10M'],
      ['fit', '--max-params', '10M', '--pareto'],
    ]) {
      expect((await runCli(argv)).stdout).not.toMatch(NOTE);
    }
  });

  it('the Pareto front counts as shown; ImageNet depths are a table and are not widened', async () => {
    const pareto = NOTE.exec((await runCli(['fit', '--max-params', '100M', '--pareto', '--k', '1:4'])).stdout);
    expect(pareto?.[2]).toBe('--depth 10:200 --k 1:8');
    const imagenet = NOTE.exec((await runCli(['fit', '--max-params', '200M', '--dataset', 'imagenet', '--k', '1:2'])).stdout);
    expect(imagenet?.[2]).toBe('--k 1:4');
  });

  it.each([
    ['10:100', 100, '10:200'],
    ['1:4:0.5', 4, '1:8:0.5'],
    ['1,2,4,8', 8, '1,2,4,8,16'],
    ['16,28', 28, '16,28,56'],
  ])('widens %s (largest %i) to %s', (text, largest, widened) => {
    expect(widenRange(text, largest)).toBe(widened);
  });
});
