import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/cli.js';
import { wrapCell } from '../../src/cli/render/table-draw.js';

/*
 * 80 and 60 columns read well: readable forms (MiB, M, G) are kept or dropped
 * for a whole column and the same way for a value and its budget; a dropped
 * column takes its footnote along; a group's notation never leaves its multiplier
 * alone on a line; a number never loses its unit to the next line.
 */

const FILES = {
  'budgets.json': readFileSync('examples/budgets.json', 'utf8'),
  'more.json': JSON.stringify({
    budget: { params: '40M', macs: '6G', paramBytes: '150MiB', activationBytes: '64MiB', trainBytes: '16GiB' },
    models: [
      { name: 'long-model-name', depth: 28, k: 10 },
      { name: 'over', depth: 40, k: 10, batch: 512, optimizer: 'adam' },
    ],
  }),
};

/** The rows of a check table: the cells of the value and budget columns, split where two or more spaces are. */
function checkCells(stdout: string): { value: string; budget: string }[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('─'));
  // A line that starts with spaces continues the row above it (a wrapped metric name).
  const rows = lines.slice(start + 1, lines.indexOf('', start)).filter((row) => !row.startsWith(' '));
  return rows.map((row) => {
    const cells = row.trim().split(/ {2,}/);
    // model, metric, value, budget, [headroom], status
    return { value: cells[2] ?? '', budget: cells[3] ?? '' };
  });
}

const BOTH = /^[0-9,]+( B)? \([0-9.]+ ?[KMGT]?(i?B)?\)$/;
const READABLE = /^[0-9.]+ ?([KMGT]|[KMGT]iB|B)?$/;

describe('check at 80 and 60 columns', () => {
  it.each([
    [['check', 'budgets.json']],
    [['check', 'more.json']],
    [['check', '--depth', '40', '--k', '10', '--max-params', '40M', '--max-macs', '10G', '--max-train-bytes', '1GiB']],
    [['check', 'WRN-28-10', '--max-params', '40M']],
  ])('%s: the value and budget of every row are written alike, one form per column', async (argv) => {
    for (const columns of [undefined, 120, 80, 60]) {
      const result = await runCli(argv, { columns, files: FILES });
      const cells = checkCells(result.stdout);
      expect(cells.length).toBeGreaterThan(0);
      const form = (cell: string) => (BOTH.test(cell) ? 'both' : READABLE.test(cell) ? 'readable' : `unexpected: ${cell}`);
      const forms = new Set(cells.flatMap(({ value, budget }) => [form(value), form(budget)]));
      expect([...forms], `${columns}: ${argv.join(' ')}\n${result.stdout}`).toHaveLength(1);
      expect([...forms][0]).not.toMatch(/^unexpected/);
      if (columns === undefined) expect([...forms][0]).toBe('both');
    }
  });

  it('at 80 columns the budget file reads 150.00 MiB, as written, not 157,286,400 B', async () => {
    const result = await runCli(['check', 'budgets.json'], { columns: 80, files: FILES });
    expect(result.stdout).toMatch(/^baseline {4}param bytes \(fp32\) +139\.16 MiB +150\.00 MiB +7\.2% +ok$/m);
    expect(result.stdout).not.toContain('157,286,400');
  });
});

describe('compare: a dropped column takes its note along', () => {
  it.each([
    [['compare', 'WRN-40-4', 'WRN-16-8', 'WRN-28-10'], undefined, ['param memory', 'activations']],
    [['compare', 'WRN-40-4', 'WRN-16-8', 'WRN-28-10'], 80, ['param memory', 'activations']],
    [['compare', 'WRN-40-4', 'WRN-16-8', 'WRN-28-10'], 60, ['activations']],
    [['compare', 'resnet50', 'wide_resnet101_2', 'WRN-50-2-bottleneck', 'WRN-28-10', 'preact-resnet1001'], 60, []],
  ])('%s at %s columns: notes for %j', async (argv, columns, noted) => {
    const result = await runCli(argv, { columns });
    const [heading, ...rest] = result.stdout.trimEnd().split('\n\n');
    expect(heading).toContain('Ratios are to');
    const table = rest[0] ?? '';
    const note = (rest[1] ?? '').replace(/\n/g, ' ');
    const header = table.split('\n')[0] ?? '';
    for (const column of ['param memory', 'activations']) {
      expect(header.includes(column), `${column} shown`).toBe(noted.includes(column));
      expect(note.includes(`${column}:`), `${column} noted`).toBe(noted.includes(column));
    }
    expect(rest).toHaveLength(noted.length === 0 ? 1 : 2);
  });
});

describe("a group's notation keeps its multiplier", () => {
  it.each([['WRN-28-10'], ['resnet50'], ['wide_resnet101_2'], ['preact-resnet1001'], ['--depth', '40', '--k', '4', '--block', '3,1,3']])(
    'wrn-calc %s at 80 and 60 columns: every `] × N` on one line, and no line of the table starts with a bare count',
    async (...argv) => {
      for (const columns of [80, 60]) {
        const { stdout } = await runCli(argv, { columns });
        const table = stdout.slice(stdout.indexOf('group  output'), stdout.indexOf('\ntotal'));
        const multipliers = table.match(/\] × \d+/g) ?? [];
        expect(multipliers.length, `${columns}\n${table}`).toBe(table.split('\n').filter((line) => /^conv[2-5] /.test(line)).length);
        const at = table.indexOf('layers');
        for (const line of table.split('\n').slice(2)) {
          const layers = line.slice(at).split(/ {2,}/)[0] ?? '';
          expect(layers, `${columns}: ${line}`).not.toMatch(/^(×|[0-9]+\]?( |$))/);
        }
      }
    },
  );

  it('wrapCell breaks after a conv, never before its width or the count', () => {
    expect(wrapCell('[3×3, 160; 3×3, 160] × 4', 16)).toBe('[3×3, 160;\n3×3, 160] × 4');
    expect(wrapCell('[1×1, 512; 3×3, 512; 1×1, 2048] × 3', 22)).toBe('[1×1, 512; 3×3, 512;\n1×1, 2048] × 3');
    expect(wrapCell('7×7, 64, stride 2; 3×3 max pool, stride 2', 20)).toBe('7×7, 64, stride 2;\n3×3 max pool,\nstride 2');
    // Too narrow for `3×3, 160;`: the convs break, the multiplier still stays with its bracket.
    expect(wrapCell('[3×3, 160; 3×3, 160] × 4', 8)).toBe('[3×3,\n160;\n3×3,\n160] × 4');
    // Text without a notation wraps as cli-table3 wraps it.
    expect(wrapCell('BN-ReLU, dropout 0.3 before', 10)).toBe('BN-ReLU,\ndropout\n0.3 before');
  });
});

describe('fit: units stay with their numbers, panels rather than cut cells', () => {
  it('at 60 columns with every budget, no number is split from its unit and no name is cut', async () => {
    const argv = [
      'fit',
      '--max-params',
      '10M',
      '--max-flops',
      '3G',
      '--max-param-bytes',
      '40MB',
      '--max-activation-bytes',
      '20MiB',
      '--max-train-bytes',
      '1GiB',
    ];
    const { stdout } = await runCli(argv, { columns: 60 });
    for (const line of stdout.split('\n')) {
      expect(line, line).not.toMatch(/^\s*(B|[KMGT]iB)\s*$/);
      expect(line).not.toContain('…');
    }
    const piped = await runCli([...argv, '--json']);
    for (const candidate of JSON.parse(piped.stdout) as { model: { name: string } }[]) expect(stdout).toContain(candidate.model.name);
    expect(stdout.match(/^ # {2}model/gm)).toHaveLength(2);
  });
});
