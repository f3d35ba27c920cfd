import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarizeNetwork } from '../../src/core/index.js';

import type { NetworkOptions } from '../../src/core/index.js';
import {
  atPaperPrecision,
  END,
  printedCount,
  referenceParams,
  renderPaperTable,
  replaceSection,
  START,
  // @ts-expect-error: a plain .mjs script without types; it renders docs/validation.md's table from the built library.
} from '../../scripts/paper-table.mjs';

interface PaperRow {
  table: string;
  model: string;
  options: NetworkOptions;
  paper: string | null;
  reference: string;
  /** Which PyTorch fixture holds the reference network; default the CIFAR WRN one. */
  fixture?: 'pytorch' | 'family';
  /** `withoutBn`: the paper printed the count without batch norm's parameters (a note says so). */
  printed?: 'withoutBn';
  note?: string;
}

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const paper = JSON.parse(read('test/fixtures/paper.json')) as { rows: PaperRow[] };
const references = referenceParams() as Record<'pytorch' | 'family', Map<string, number>>;
const reference = references.pytorch;

describe("the paper's parameter figures", () => {
  it.each(paper.rows.map((row) => [`${row.table}: ${row.model}`, row] as const))('%s', (_, row) => {
    const totals = summarizeNetwork(row.options).totals;
    // Exact against PyTorch for every row, including those the paper prints no figure for.
    expect(totals.params).toBe(references[row.fixture ?? 'pytorch'].get(row.reference));
    // At the paper's printed precision (0.1M, or 1M for the "56M" of the text), counted as the paper counted.
    if (row.paper !== null) expect(atPaperPrecision(printedCount(row, totals), row.paper)).toBe(row.paper);
    // A figure that needs another count says why in a note.
    expect(row.printed === undefined).toBe(row.note === undefined);
  });

  it("covers Tables 2 to 8, the text, and He et al. 2015's CIFAR ResNets", () => {
    expect(new Set(paper.rows.map((r) => r.table.split(' (')[0]))).toEqual(
      new Set(['Table 2', 'Table 3', 'Table 4', 'Table 5', 'Text', 'Table 6', 'Table 7', 'Table 8', 'He et al. 2015, Table 6']),
    );
  });

  it("shows ResNet-1001's printed 10.2M beside the 10,327,706 the official code builds, and why they differ", () => {
    const totals = summarizeNetwork({ model: 'preact-resnet1001' }).totals;
    expect(totals.params).toBe(10_327_706);
    expect(atPaperPrecision(totals.params, '10.2M')).toBe('10.3M');
    expect(atPaperPrecision(totals.params - totals.buffers, '10.2M')).toBe('10.2M');
    expect(renderPaperTable()).toContain('10,178,490');
  });

  it("the nominal rule makes --depth 22 --k 2 --block 3,1,3 the paper's 1.1M WRN-22-2", () => {
    expect(atPaperPrecision(summarizeNetwork({ depth: 22, k: 2, block: [3, 1, 3], depthRule: 'nominal' }).totals.params, '1.1M')).toBe(
      '1.1M',
    );
  });

  it("docs/validation.md's paper table is the generated one", () => {
    const page = read('docs/validation.md');
    expect(page).toContain(START);
    expect(page).toContain(END);
    expect(replaceSection(page, renderPaperTable())).toBe(page);
  });
});

describe("docs/counting.md's table of other tools' conventions", () => {
  it("states counts that follow from PyTorch's", () => {
    const page = read('docs/counting.md');
    const base = summarizeNetwork({ depth: 28, k: 10 }).totals;
    const biased = reference.get('wrn-28-10-cifar10-bias') ?? 0;
    expect(summarizeNetwork({ depth: 28, k: 10, convBias: true }).totals.params).toBe(biased);
    for (const value of [base.params, base.params + base.buffers, base.buffers, biased, base.macs]) {
      expect(page).toContain(value.toLocaleString('en-US'));
    }
  });
});
