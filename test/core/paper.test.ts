import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarizeWrn } from '../../src/core/index.js';
import type { WrnOptions } from '../../src/core/index.js';
// @ts-expect-error: a plain .mjs script without types; it renders README's table from the built library.
import { atPaperPrecision, END, renderPaperTable, replaceSection, START } from '../../scripts/paper-table.mjs';

interface PaperRow {
  table: string;
  model: string;
  options: WrnOptions;
  paper: string | null;
  reference: string;
}

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const paper = JSON.parse(read('test/fixtures/paper.json')) as { rows: PaperRow[] };
const reference = new Map(
  (JSON.parse(read('test/fixtures/reference/pytorch.json')) as { configs: { id: string; totals: { params: number } }[] }).configs.map((c) => [c.id, c.totals.params]),
);

describe('the paper\'s parameter figures', () => {
  it.each(paper.rows.map((row) => [`${row.table}: ${row.model}`, row] as const))('%s', (_, row) => {
    const params = summarizeWrn(row.options).totals.params;
    // Exact against PyTorch for every row, including those the paper prints no figure for.
    expect(params).toBe(reference.get(row.reference));
    // At the paper's printed precision (0.1M, or 1M for the "56M" of the text).
    if (row.paper !== null) expect(atPaperPrecision(params, row.paper)).toBe(row.paper);
  });

  it('covers Tables 2 to 5 and the text', () => {
    expect(new Set(paper.rows.map((r) => r.table.split(' (')[0]))).toEqual(new Set(['Table 2', 'Table 3', 'Table 4', 'Table 5', 'Text', 'Table 6']));
  });

  it('the nominal rule makes --depth 22 --k 2 --block 3,1,3 the paper\'s 1.1M WRN-22-2', () => {
    expect(atPaperPrecision(summarizeWrn({ depth: 22, k: 2, block: [3, 1, 3], depthRule: 'nominal' }).totals.params, '1.1M')).toBe('1.1M');
  });

  it('README\'s "Reproduces the paper" table is the generated one', () => {
    const readme = read('README.md');
    expect(readme).toContain(START);
    expect(readme).toContain(END);
    expect(replaceSection(readme, renderPaperTable())).toBe(readme);
  });
});

describe('README\'s Conventions table', () => {
  it('states counts that follow from PyTorch\'s', () => {
    const readme = read('README.md');
    const base = summarizeWrn({ depth: 28, k: 10 }).totals;
    const biased = reference.get('wrn-28-10-cifar10-bias') ?? 0;
    expect(summarizeWrn({ depth: 28, k: 10, convBias: true }).totals.params).toBe(biased);
    for (const value of [base.params, base.params + base.buffers, base.buffers, biased, base.macs]) {
      expect(readme).toContain(value.toLocaleString('en-US'));
    }
  });
});
