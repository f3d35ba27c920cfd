import Table from 'cli-table3';
import { describe, expect, it } from 'vitest';
import { CLI_TABLE3_MAX_ROWS, drawPanel, padPanel } from '../../src/cli/render/table-draw.js';
import { lineWidth, planTable } from '../../src/cli/render/table-fit.js';
import { columnsOf } from '../../src/cli/render/table.js';
import type { Align, TableSpec } from '../../src/cli/render/table.js';
import { joinParts, wrapLine, wrapText } from '../../src/cli/render/wrap.js';

const BOLD = (text: string) => `\u001b[1m${text}\u001b[22m`;

function spec(rows: number): TableSpec {
  const heads = ['layer', 'type', 'output', 'params', 'MACs'];
  const aligns: Align[] = ['left', 'left', 'left', 'right', 'right'];
  const body = Array.from({ length: rows }, (_, i) => [
    `conv${i}.block${i % 7}`,
    i % 3 === 0 ? 'conv (shortcut)' : 'BN-ReLU',
    `${16 * (i % 5) + 1}×32×32`,
    (i * 1_234).toLocaleString('en-US'),
    BOLD(String(i * 98_765)),
  ]);
  return { columns: columnsOf(heads, heads, aligns, body), shrink: [{ drop: 'output' }, { wrap: 'type', min: 4 }] };
}

describe('drawing a table', () => {
  it.each([0, 1, 7, 199, 200, 201, 450, CLI_TABLE3_MAX_ROWS + 3])('padding directly gives what cli-table3 draws (%i rows)', (rows) => {
    const [panel] = planTable(spec(rows), undefined);
    expect(panel).toBeDefined();
    // Up to CLI_TABLE3_MAX_ROWS rows drawPanel asks cli-table3 (in chunks past 200 rows); past it, it pads directly.
    const byCliTable3 = drawPanel(Table, panel!, undefined);
    expect(padPanel(panel!, undefined)).toBe(byCliTable3);
  });

  it('a long table that must wrap is drawn in chunks that line up', () => {
    const [panel] = planTable(spec(CLI_TABLE3_MAX_ROWS + 50), 40);
    expect(panel!.some((column) => column.wrap)).toBe(true);
    const lines = drawPanel(Table, panel!, 40).split('\n');
    expect(Math.max(...lines.map((line) => [...line.replace(/\u001b\[[0-9;]*m/g, '')].length))).toBeLessThanOrEqual(40);
    expect(lines.filter((line) => /^conv\d/.test(line))).toHaveLength(CLI_TABLE3_MAX_ROWS + 50);
  });

  it('applies the shrink steps in order, only as far as needed', () => {
    const natural = planTable(spec(5), undefined)[0]!;
    expect(planTable(spec(5), lineWidth(natural))[0]!.map((column) => column.key)).toEqual(['layer', 'type', 'output', 'params', 'MACs']);
    const narrower = planTable(spec(5), lineWidth(natural) - 1)[0]!;
    expect(narrower.map((column) => column.key)).toEqual(['layer', 'type', 'params', 'MACs']);
    expect(narrower.find((column) => column.key === 'type')?.wrap).toBe(false);
    const narrowest = planTable(spec(5), 40)[0]!;
    expect(narrowest.find((column) => column.key === 'type')?.wrap).toBe(true);
  });
});

describe('wrapping prose', () => {
  it('is the identity without a width', () => {
    const long = 'word '.repeat(100).trim();
    expect(wrapLine(long, undefined)).toBe(long);
    expect(wrapText(`${long}\n${long}`, undefined)).toBe(`${long}\n${long}`);
    expect(joinParts(['a', 'b'], '  ·  ', undefined)).toBe('a  ·  b');
  });

  it('breaks between words, keeps the spaces within a line, and hangs continuation lines', () => {
    expect(wrapLine('Total:    456,389,984 B (435.25 MiB) and then some more words', 30, 10)).toBe(
      'Total:    456,389,984 B\n          (435.25 MiB) and\n          then some more words',
    );
  });

  it('never breaks between a number and its unit', () => {
    expect(wrapLine('fp16 72,958,388 B (69.58 MiB)', 26)).toBe('fp16 72,958,388 B\n(69.58 MiB)');
  });

  it('cuts a word longer than the line', () => {
    expect(wrapLine('x'.repeat(25), 10)).toBe('xxxxxxxxxx\nxxxxxxxxxx\nxxxxx');
  });

  it('packs parts onto lines', () => {
    expect(joinParts(['WRN-28-10', 'cifar family', 'block B(3,3)', '10 classes'], '  ·  ', 35)).toBe(
      'WRN-28-10  ·  cifar family\nblock B(3,3)  ·  10 classes',
    );
  });
});
