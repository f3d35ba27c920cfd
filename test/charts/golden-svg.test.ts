import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/*
 * Golden SVGs: the charts of a few fixed commands, byte for byte (no random ids, no
 * timestamps). To update, run `UPDATE_GOLDEN=1 npx vitest run test/charts/golden-svg.test.ts`,
 * then look at the changed pictures (rsvg-convert -o x.png x.svg) and read the diff before committing.
 */
const DIR = new URL('../golden/charts/', import.meta.url);

const GOLDENS = [
  { file: 'grid-params.svg', argv: ['grid'] },
  { file: 'grid-macs-imagenet.svg', argv: ['grid', '--dataset', 'imagenet', '--metric', 'macs', '--k', '1,2,4'] },
  { file: 'fit-10m.svg', argv: ['fit', '--max-params', '10M'] },
  { file: 'fit-train-memory.svg', argv: ['fit', '--max-params', '20M', '--max-train-bytes', '4GiB', '--batch', '64'] },
  { file: 'compare-table5.svg', argv: ['compare', 'WRN-40-4', 'WRN-16-8', 'WRN-28-10'] },
  { file: 'summary-wrn-28-10.svg', argv: ['WRN-28-10'] },
  { file: 'block-compare-k.svg', argv: ['block', '--compare-k', '1,2,4,8'] },
] as const;

describe('golden SVGs', () => {
  it.each(GOLDENS)('$file: wrn-calc $argv --svg -', async ({ file, argv }) => {
    const result = await runCli([...argv, '--svg', '-']);
    expect(result.exitCode, result.stderr).toBe(0);
    const path = new URL(file, DIR);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, result.stdout);
    expect(result.stdout).toBe(readFileSync(path, 'utf8'));
  });
});
