import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatHuman, formatInteger } from '../../src/cli/format.js';
import { runCli, runJson } from '../helpers/cli.js';
import { cifarReference } from '../helpers/reference.js';

interface JsonCell {
  depth?: number;
  k: number;
  blocksPerGroup?: number;
  l?: number;
  block?: number[];
  name?: string;
  params?: number;
  buffers?: number;
  macs?: number;
  paramBytes?: number;
  value?: number;
  relative?: number;
  error?: string;
  code?: string;
}
interface GridJson {
  metric: string;
  dtype: string;
  rowAxis: string;
  fixedDepth?: number;
  rows: number[];
  columns: number[];
  cells: JsonCell[];
  laws: {
    kExponent: { exponent: number; points: number } | null;
    rows: { k: number; slope: number; r2: number; perBlockPerGroup: number | null } | null;
  };
}

const grid = async (...argv: string[]) => (await runJson(['grid', ...argv, '--json'])) as GridJson;
const ESC = '\u001b[';

/** The paper's Table 4 (params as printed) for the cells of the paper grid. */
const TABLE_4: readonly [number, number, string][] = [
  [40, 1, '0.6M'],
  [40, 2, '2.2M'],
  [40, 4, '8.9M'],
  [40, 8, '35.7M'],
  [28, 10, '36.5M'],
  [28, 12, '52.5M'],
  [22, 8, '17.2M'],
  [22, 10, '26.8M'],
  [16, 8, '11.0M'],
  [16, 10, '17.1M'],
];

describe('wrn-calc grid --json', () => {
  it('with no lists is the paper grid, row-major, every cell the exact PyTorch count', async () => {
    const json = await grid();
    expect(json).toMatchObject({ metric: 'params', rowAxis: 'depth', rows: [16, 22, 28, 40], columns: [1, 2, 4, 8, 10, 12] });
    expect(json.cells.map((c) => [c.depth, c.k])).toEqual([16, 22, 28, 40].flatMap((d) => [1, 2, 4, 8, 10, 12].map((k) => [d, k])));
    for (const c of json.cells) {
      const reference = cifarReference(((c.depth ?? 0) - 4) / 6, c.k);
      expect({ params: c.params, buffers: c.buffers, macs: c.macs }, `WRN-${c.depth}-${c.k}`).toEqual(reference.totals);
      expect(c.value).toBe(c.params);
      expect(c.blocksPerGroup).toBe(((c.depth ?? 0) - 4) / 6);
    }
  });

  it("reproduces the known exact counts and the paper's Table 4 to 0.1M", async () => {
    const json = await grid();
    const at = (depth: number, k: number) => json.cells.find((c) => c.depth === depth && c.k === k);
    expect(at(28, 10)).toMatchObject({
      name: 'WRN-28-10',
      blocksPerGroup: 4,
      params: 36_479_194,
      buffers: 17_952,
      macs: 5_243_328_768,
      paramBytes: 145_916_776,
    });
    expect(at(16, 8)).toMatchObject({ params: 10_961_370, buffers: 7_200, macs: 1_548_145_664 });
    expect(at(40, 4)).toMatchObject({ params: 8_949_210, buffers: 10_784, macs: 1_298_582_016 });
    expect(at(16, 4)).toMatchObject({ params: 2_748_890, buffers: 3_616, macs: 392_612_352 });
    expect(at(40, 1)).toMatchObject({ params: 563_930, buffers: 2_720, macs: 83_280_512 });
    for (const [depth, k, paper] of TABLE_4) {
      expect(`${((at(depth, k)?.params ?? 0) / 1e6).toFixed(1)}M`, `WRN-${depth}-${k}`).toBe(paper);
    }
  });

  it('carries the fitted laws', async () => {
    const { laws } = await grid();
    expect(laws.kExponent?.points).toBe(24);
    expect(laws.rows).toMatchObject({ k: 12, r2: 1 });
    expect(laws.rows?.perBlockPerGroup).toBeCloseTo(cifarReference(3, 12).totals.params - cifarReference(2, 12).totals.params, 4);
  });

  it('lists and ranges choose rows and columns', async () => {
    const json = await grid('--depth', '10:52:6', '--k', '1:3');
    expect(json.rows).toEqual([10, 16, 22, 28, 34, 40, 46, 52]);
    expect(json.columns).toEqual([1, 2, 3]);
    expect(json.cells).toHaveLength(24);
    expect(json.cells.find((c) => c.depth === 52 && c.k === 1)?.params).toBe(cifarReference(8, 1).totals.params);
  });

  it('--blocks-per-group makes the rows N', async () => {
    const json = await grid('--blocks-per-group', '1:6', '--k', '4');
    expect(json.rowAxis).toBe('blocksPerGroup');
    expect(json.cells.map((c) => c.depth)).toEqual([10, 16, 22, 28, 34, 40]);
    expect(json.cells[5]?.params).toBe(8_949_210);
  });

  it("--l 1:4 is the paper's Table 3: N·l fixed at depth 40, every cell 2,243,546 params at k = 2 (PyTorch)", async () => {
    const json = await grid('--l', '1:5', '--k', '2');
    expect(json).toMatchObject({ rowAxis: 'l', fixedDepth: 40, rows: [1, 2, 3, 4, 5] });
    const valid = json.cells.slice(0, 4);
    expect(valid.map((c) => [c.l, c.blocksPerGroup, c.block])).toEqual([
      [1, 12, [3]],
      [2, 6, [3, 3]],
      [3, 4, [3, 3, 3]],
      [4, 3, [3, 3, 3, 3]],
    ]);
    for (const c of valid) expect(c.params).toBe(cifarReference(c.blocksPerGroup ?? 0, 2, c.block).totals.params);
    expect(json.cells[4]).toMatchObject({ l: 5, depth: 40, k: 2, code: 'DEPTH_MISFIT' });
    expect(json.cells[4]?.error).toMatch(/^Depth 40 does not fit the block .* 34 or 49\.$/);
    expect(json.cells[4]).not.toHaveProperty('params');
  });

  it('--metric macs and --metric memory --dtype choose the value; exact integers', async () => {
    const macs = await grid('--depth', '28', '--k', '10', '--metric', 'macs');
    expect(macs.cells[0]?.value).toBe(5_243_328_768);
    const fp16 = await grid('--depth', '28', '--k', '10', '--metric', 'memory', '--dtype', 'fp16');
    expect(fp16).toMatchObject({ metric: 'memory', dtype: 'fp16' });
    expect(fp16.cells[0]).toMatchObject({ value: 72_958_388, paramBytes: 72_958_388 });
    const bf16 = await grid('--depth', '28', '--k', '10', '--metric', 'memory', '--dtype', 'bf16');
    expect(bf16.cells[0]?.value).toBe(72_958_388);
  });

  it('the shape options apply to every cell', async () => {
    const cifar100 = await grid('--depth', '28', '--k', '10', '--dataset', 'cifar100');
    expect(cifar100.cells[0]?.params).toBe(36_536_884);
    const nominal = await grid('--depth', '22', '--k', '2', '--block', 'B(3,1,3)', '--depth-rule', 'nominal');
    expect(nominal.cells[0]).toMatchObject({ blocksPerGroup: 3, params: 1_145_498, macs: 167_167_232 });
    const bias = await grid('--depth', '28', '--k', '10', '--conv-bias');
    expect(bias.cells[0]?.params).toBe(36_489_290);
  });

  it("--relative adds each cell's ratio to the top-left cell", async () => {
    const json = await grid('--relative', '--depth', '16,28', '--k', '1,10');
    expect(json.cells.map((c) => c.relative)).toEqual([1, 17_116_634 / 175_066, 369_498 / 175_066, 36_479_194 / 175_066]);
  });

  it('invalid cells carry the error instead of numbers', async () => {
    const json = await grid('--depth', '16,27', '--k', '1,0.1');
    expect(json.cells.map((c) => (c.error === undefined ? 'ok' : c.code))).toEqual([
      'ok',
      'WIDTH_NOT_WHOLE',
      'DEPTH_MISFIT',
      'DEPTH_MISFIT',
    ]);
    expect(json.cells[2]).toEqual({
      depth: 27,
      k: 1,
      code: 'DEPTH_MISFIT',
      error: expect.stringContaining('Depth 27 does not fit the block'),
    });
  });
});

describe('wrn-calc grid (table)', () => {
  it('shows human numbers, the fitted law computed from them, no colour when piped', async () => {
    const result = await runCli(['grid']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toContain(ESC);
    for (const text of ['36.5M', '52.5M', '175K', '80.4M', 'k=12', 'depth  N']) expect(result.stdout).toContain(text);
    const law = result.stdout.split('\n').filter((line) => line.startsWith('Fitted law:'));
    expect(law).toHaveLength(1);
    const perBlock = cifarReference(3, 12).totals.params - cifarReference(2, 12).totals.params;
    expect(law[0]).toMatch(/params ∝ k\^1\.9\d at fixed depth \(least squares on log-log, 24 cells\)/);
    expect(law[0]).toContain(`+${formatHuman(perBlock)} per extra block per group (+6 layers; R² = 1.0000)`);
  });

  it('the law line follows the numbers: MACs grow with depth by a different amount than params', async () => {
    const macs = await runCli(['grid', '--metric', 'macs', '--blocks-per-group', '2,3', '--k', '12']);
    const perBlock = cifarReference(3, 12).totals.macs - cifarReference(2, 12).totals.macs;
    expect(macs.stdout).toContain(`MACs`);
    expect(macs.stdout).toContain(`linear in N at k = 12: +${formatHuman(perBlock)} per extra block per group`);
  });

  it('colours cells with a heat scale in a TTY, never with NO_COLOR or --no-color', async () => {
    expect((await runCli(['grid'], { tty: true })).stdout).toContain(ESC);
    expect((await runCli(['grid'], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await runCli(['grid', '--no-color'], { tty: true })).stdout).not.toContain(ESC);
    expect((await runCli(['grid', '--json'], { tty: true })).stdout).not.toContain(ESC);
    expect((await runCli(['grid', '--format', 'csv'], { tty: true })).stdout).not.toContain(ESC);
  });

  it('--relative shows ratios to the top-left cell', async () => {
    const result = await runCli(['grid', '--relative']);
    expect(result.stdout).toContain(`relative to WRN-16-1 = ${formatInteger(175_066)}`);
    const row28 = result.stdout.split('\n').find((line) => line.trimStart().startsWith('28'));
    // 36,479,194 / 175,066 = 208.4 (PyTorch counts).
    expect(row28).toContain('×208');
    expect(result.stdout).toContain('×1.00');
  });

  it('an invalid cell is — with a footnote quoting the core', async () => {
    const result = await runCli(['grid', '--depth', '16,27,40', '--k', '1,2']);
    expect(result.exitCode).toBe(0);
    const row27 = result.stdout.split('\n').find((line) => line.trimStart().startsWith('27'));
    expect(row27).toMatch(/27\s+—\s+—¹\s+—¹$/);
    expect(result.stdout).toContain(
      '¹ Depth 27 does not fit the block (depth = 3·N·2 + 4 for a block of 2 convs); the nearest valid depths are 22 or 28.',
    );
  });

  it('exits 2 when no cell is valid, with one sentence and nothing on stdout', async () => {
    const result = await runCli(['grid', '--depth', '13,27']);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('No cell of the grid is a valid network');
    expect(result.stderr).toContain('Depth 13 does not fit');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('wrn-calc grid --format markdown and csv', () => {
  it('markdown: a GitHub table with the heading, the law and footnotes as paragraphs', async () => {
    const result = await runCli(['grid', '--l', '1:5', '--k', '1,2', '--format', 'markdown'], { tty: true });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toContain(ESC);
    const lines = result.stdout.split('\n');
    expect(lines).toContain('| l | block | N | k=1 | k=2 |');
    expect(lines).toContain('| ---: | --- | ---: | ---: | ---: |');
    expect(lines).toContain('| 2 | B(3,3) | 6 | 564K | 2.24M |');
    expect(lines).toContain('| 5 | B(3,3,3,3,3) | — | —¹ | —¹ |');
    expect(lines.some((line) => line.startsWith('Fitted law:') && line.includes('constant in l at k = 2'))).toBe(true);
    expect(lines.some((line) => line.startsWith('¹ Depth 40 does not fit'))).toBe(true);
  });

  it('csv: a matrix of exact integers; invalid cells empty, with a note on stderr', async () => {
    const result = await runCli(['grid', '--depth', '16,27,28', '--k', '1,10', '--format', 'csv']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(['depth,k=1,k=10', '16,175066,17116634', '27,,', '28,369498,36479194', ''].join('\n'));
    expect(result.stderr).toContain('Depth 27 does not fit');
  });

  it('csv --relative: exact ratios', async () => {
    const result = await runCli(['grid', '--depth', '16', '--k', '1,10', '--format', 'csv', '--relative']);
    expect(result.stdout).toBe(`depth,k=1,k=10\n16,1,${17_116_634 / 175_066}\n`);
  });
});

describe('wrn-calc grid: bad lists and options exit 2, name the value, print nothing on stdout', () => {
  const CASES: readonly [string[], string[]][] = [
    [
      ['--depth', '16,abc'],
      ["--depth '16,abc'", "'abc'"],
    ],
    [
      ['--depth', '10:4'],
      ["'10:4'", 'backwards'],
    ],
    [['--k', '1:0'], ["--k '1:0'"]],
    [['--k', '0'], ["--k '0'"]],
    [['--blocks-per-group', '2,x'], ["--blocks-per-group '2,x'"]],
    [['--l', '1:0'], ["--l '1:0'"]],
    [['--depth', '1:100000'], ['more than 10,000 values']],
    [
      ['--depth', '10:30000:6', '--k', '1:10'],
      ['grid cells', '10000'],
    ],
    [
      ['--metric', 'flops'],
      ["'flops'", 'params, macs, memory'],
    ],
    [
      ['--dtype', 'int8'],
      ["'int8'", 'fp32, fp16, bf16'],
    ],
    [
      ['--format', 'html'],
      ["'html'", 'table, json, markdown, csv'],
    ],
    [
      ['--json', '--format', 'csv'],
      ['--json', '--format csv'],
    ],
    [
      ['--l', '1:4', '--blocks-per-group', '2'],
      ['--l', '--blocks-per-group'],
    ],
    [
      ['--l', '1:4', '--block', '3,3'],
      ['--l', 'drop --block'],
    ],
    [
      ['--l', '1:4', '--depth', '16,22'],
      ['single --depth', '16,22'],
    ],
    [['--l', '1:4', '--depth-rule', 'nominal'], ['--depth-rule layers']],
    [
      ['--depth', '16', '--blocks-per-group', '2'],
      ['--depth', '--blocks-per-group'],
    ],
    [['--block', 'B(3,x)'], ["'B(3,x)'"]],
    [['--nope'], ["unknown option '--nope'"]],
    [['extra'], ['too many arguments']],
  ];

  it.each(CASES)('grid %j', async (argv, mentions) => {
    const result = await runCli(['grid', ...argv]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.startsWith('wrn-calc: ')).toBe(true);
    for (const text of mentions) expect(result.stderr).toContain(text);
  });

  it('--help exits 0 and is captured like any output', async () => {
    const result = await runCli(['grid', '--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Usage: wrn-calc grid [options]');
    expect(result.stdout).toContain('--l <list>');
  });

  it('--debug is accepted after the subcommand and adds a stack trace', async () => {
    const result = await runCli(['grid', '--depth', '27', '--debug']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/\n\s+at /);
  });
});

describe('README', () => {
  it('shows the paper grid exactly as `wrn-calc grid` prints it', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const { stdout } = await runCli(['grid']);
    expect(readme).toContain(`\`\`\`\n${stdout}\`\`\``);
  });
});
