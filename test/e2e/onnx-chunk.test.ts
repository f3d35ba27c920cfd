import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * The built CLI keeps protobufjs and onnx.proto's descriptor in their own file: a copy
 * of bin/ and dist/ whose dist/onnx.cjs throws when loaded still runs every command
 * but `export --format onnx`, and the real one writes the graph.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const copy = mkdtempSync(join(tmpdir(), 'wrn-calc-onnx-chunk-'));
cpSync(join(ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
cpSync(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true, filter: (source) => !source.endsWith('onnx.cjs.cache') });
writeFileSync(join(copy, 'dist/onnx.cjs'), "throw new Error('dist/onnx.cjs was loaded');\n");
afterAll(() => rmSync(copy, { recursive: true, force: true }));

function run(bin: string, argv: readonly string[]) {
  return spawnSync(process.execPath, [bin, ...argv], { env: { ...process.env, NO_COLOR: '1' } });
}

describe('the ONNX chunk of the built CLI', () => {
  it('is a file of its own, about 30 KiB gzipped, and the CLI bundle holds none of protobufjs', () => {
    const chunk = readFileSync(join(ROOT, 'dist/onnx.cjs'));
    expect(gzipSync(chunk).length).toBeLessThan(32 * 1024);
    expect(statSync(join(ROOT, 'dist/onnx.cjs.LEGAL.txt')).size).toBeGreaterThan(10_000);
    const legal = readFileSync(join(ROOT, 'dist/onnx.cjs.LEGAL.txt'), 'utf8');
    expect(legal).toContain('protobufjs');
    expect(legal).toContain('onnx.proto of ONNX 1.12.0 (Apache-2.0)');
    expect(readFileSync(join(ROOT, 'dist/cli.cjs'), 'utf8')).not.toContain('protobufjs');
  });

  it.each([
    [['--depth', '28', '--k', '10']],
    [['--json']],
    [['grid']],
    [['export', 'resnet50']],
    [['export', 'WRN-16-4', '--format', 'pytorch']],
  ])('is not loaded by wrn-calc %s', (argv) => {
    const result = run(join(copy, 'bin/wrn-calc.cjs'), argv);
    expect(String(result.stderr)).toBe('');
    expect(result.status).toBe(0);
  });

  it('is loaded by --format onnx (and here it throws: the trap works)', () => {
    const result = run(join(copy, 'bin/wrn-calc.cjs'), ['export', '--format', 'onnx']);
    expect(result.status).toBe(70);
    expect(String(result.stdout)).toBe('');
  });

  it('writes the graph from the real bundle, to a pipe as to a file', () => {
    const piped = run(join(ROOT, 'bin/wrn-calc.cjs'), ['export', 'resnet18', '--format', 'onnx']);
    expect(piped.status).toBe(0);
    // A ModelProto opens with field 1 (ir_version, a varint): 0x08, then 8.
    expect([...piped.stdout.subarray(0, 2)]).toEqual([0x08, 8]);
    const out = join(copy, 'resnet18.onnx');
    expect(run(join(ROOT, 'bin/wrn-calc.cjs'), ['export', 'resnet18', '--format', 'onnx', '--out', out]).status).toBe(0);
    expect(readFileSync(out).equals(piped.stdout)).toBe(true);
  });
});
