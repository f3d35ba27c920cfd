import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/cli.js';

/*
 * The ONNX chunk (protobufjs and onnx.proto's descriptor) loads only for
 * `export --format onnx`: here it throws when loaded, so every other path, the
 * Python export and the charts included, must still succeed. (test/e2e/onnx-chunk.test.ts
 * does the same to the built bundle.)
 */
vi.mock('../../src/export/onnx/chunk.js', () => {
  throw new Error('the ONNX chunk was loaded');
});

const OVER = JSON.stringify({ budget: { params: '40M' }, models: [{ name: 'deep', depth: 40, k: 10 }] });

describe('no path but export --format onnx loads the ONNX chunk', () => {
  it.each([
    { argv: [], exitCode: 0 },
    { argv: ['--depth', '16', '--k', '4', '--layers'], exitCode: 0 },
    { argv: ['WRN-28-10', '--json'], exitCode: 0 },
    { argv: ['grid'], exitCode: 0 },
    { argv: ['grid', '--plot'], exitCode: 0 },
    { argv: ['--svg', '-'], exitCode: 0 },
    { argv: ['fit', '--max-params', '10M'], exitCode: 0 },
    { argv: ['compare', 'WRN-40-4', 'WRN-28-10'], exitCode: 0 },
    { argv: ['block', '--compare-k', '1,2,4,8'], exitCode: 0 },
    { argv: ['check', 'over.json'], exitCode: 1 },
    { argv: ['schema'], exitCode: 0 },
    { argv: ['--help'], exitCode: 0 },
    { argv: ['export'], exitCode: 0 },
    { argv: ['export', 'resnet50', '--format', 'pytorch'], exitCode: 0 },
    { argv: ['export', '--help'], exitCode: 0 },
    { argv: ['export', '--format', 'onnx', '--json'], exitCode: 2 },
    { argv: ['export', '--format', 'onnx', '--depth', '27'], exitCode: 2 },
    { argv: ['export', '--format', 'onnx', '--blocks-per-group', '20000', '--k', '1'], exitCode: 2 },
  ])('wrn-calc $argv', async ({ argv, exitCode }) => {
    const result = await runCli(argv, { tty: true, columns: 80, files: { 'over.json': OVER } });
    expect(result.exitCode, result.stderr).toBe(exitCode);
  });

  it('(the trap works: an ONNX export loads the chunk)', async () => {
    const result = await runCli(['export', 'resnet18', '--format', 'onnx']);
    expect(result.exitCode).toBe(70);
    expect(result.stderr).toContain('internal error');
  });
});
