import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import protobuf from 'protobufjs/light.js';
import { afterAll, describe, expect, it } from 'vitest';
import { PRESET_NAMES, resolveNetwork } from '../../src/core/index.js';
import descriptor from '../../src/export/onnx/onnx-descriptor.json' with { type: 'json' };
import { onnxGraph } from '../../src/export/onnx/graph.js';
import { pytorchSource } from '../../src/export/pytorch.js';
import { NETWORK_KEYS, OPTION_KEYS, flagOf, optionKeysOf, takesValue } from '../../src/cli/options.js';
import type { OptionKey } from '../../src/cli/options.js';
import { VERSION } from '../../src/cli/program.js';
import { runCli } from '../helpers/cli.js';

/*
 * wrn-calc export at the command line: the formats, where the output goes, which of
 * the summary's flags it refuses and why, files written whole or not at all, and
 * input that must not reach the generated code.
 */

const dir = mkdtempSync(join(tmpdir(), 'wrn-calc-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const modelProto = protobuf.Root.fromJSON(descriptor).lookupType('onnx.ModelProto');

function expectRefused(result: { exitCode: number; stdout: string; stderr: string; stdoutBytes?: Uint8Array }, ...words: string[]) {
  expect(result.exitCode).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stdoutBytes).toBeUndefined();
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  for (const word of words) expect(result.stderr).toContain(word);
}

describe('wrn-calc export', () => {
  it('writes Python to stdout by default: the network the summary counts', async () => {
    const result = await runCli(['export', 'WRN-16-4']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(pytorchSource(resolveNetwork({ depth: 16, k: 4 })));
    expect(result.stdout).toContain('PARAMS = 2_748_890');
    expect(result.stdout).toContain('BUFFERS = 3_616');
  });

  it('is the same file however the network is named', async () => {
    const named = (await runCli(['export', 'WRN-28-10'])).stdout;
    expect((await runCli(['export', 'wrn-28-10'])).stdout).toBe(named);
    expect((await runCli(['export', '--depth', '28', '--k', '10'])).stdout).toBe(named);
    expect((await runCli(['export'])).stdout).toBe(named);
    expect((await runCli(['export', 'RESNET50'])).stdout).toBe((await runCli(['export', 'resnet50'])).stdout);
  });

  it('writes ONNX as bytes to a pipe: the graph onnxGraph builds, encoded', async () => {
    const result = await runCli(['export', 'resnet20', '--format', 'onnx']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    const bytes = result.stdoutBytes as Uint8Array;
    const decoded = modelProto.toObject(modelProto.decode(bytes), { longs: Number });
    const built = onnxGraph(resolveNetwork({ model: 'resnet20' }), VERSION);
    // onnx.proto holds float attributes (BN's epsilon) as float32; an empty repeated field is absent once decoded.
    const asStored = (value: unknown) =>
      JSON.parse(
        JSON.stringify(value, (key, item: unknown) =>
          key === 'f' ? Math.fround(item as number) : Array.isArray(item) && item.length === 0 ? undefined : item,
        ),
      ) as unknown;
    expect(asStored(decoded)).toEqual(asStored(built));
    expect(bytes.length).toBeLessThan(30_000);
  });

  it('refuses ONNX to a terminal', async () => {
    const result = await runCli(['export', '--format', 'onnx'], { tty: true });
    expectRefused(result, '--format onnx writes binary data', '--out');
  });

  it('lists the formats when --format is unknown', async () => {
    expectRefused(await runCli(['export', '--format', 'tensorflow']), "'tensorflow'", 'pytorch, onnx');
  });

  it.each([
    [['--json'], '--json does not apply to export'],
    [['--layers'], '--layers does not apply'],
    [['--memory', '16GiB'], '--memory does not apply'],
    [['--batch', '128'], '--batch does not apply'],
    [['--optimizer', 'adam'], '--optimizer does not apply'],
    [['--svg', 'x.svg'], '--svg does not apply'],
    [['--png', 'x.png'], '--png does not apply'],
    [['--plot'], '--plot does not apply'],
    [['--color'], '--color does not apply'],
    [['--no-color'], '--no-color does not apply'],
    [['--max-params', '40M'], '--max-params does not apply'],
    [['--max-train-bytes', '16GiB', '--batch', '2'], '--batch and --max-train-bytes do not apply'],
  ])('refuses %s by name, saying what export takes', async (flags, message) => {
    expectRefused(await runCli(['export', ...flags]), message, 'export takes the network options, --format and --out');
  });

  it("takes the summary's network options, from the same table", () => {
    const networkOf = (command: 'summary' | 'export') => optionKeysOf(command).filter((key) => (NETWORK_KEYS as OptionKey[]).includes(key));
    expect(networkOf('export')).toEqual(networkOf('summary'));
    expect(optionKeysOf('export').filter((key) => !(NETWORK_KEYS as OptionKey[]).includes(key))).toEqual(['format', 'out', 'debug']);
  });

  // Every option of the summary or check that is neither the network's nor export's, as the table lists them.
  const others = OPTION_KEYS.filter(
    (key) =>
      (optionKeysOf('summary').includes(key) || optionKeysOf('check').includes(key)) &&
      !(NETWORK_KEYS as OptionKey[]).includes(key) &&
      !optionKeysOf('export').includes(key),
  );

  it.each(others)('refuses the %s option of the summary or check by name', async (key) => {
    const flag = flagOf(key);
    const result = await runCli(['export', flag, ...(takesValue(key) ? ['x'] : [])]);
    expectRefused(result, `${flag} does not apply to export`);
  });

  it('hides the refused flags from --help, and shows its own', async () => {
    const help = (await runCli(['export', '--help'])).stdout;
    for (const flag of ['--format <format>', '--out <path>', '--depth <d>', '--dropout <p>', '--groups <G>', '--bottleneck-stride'])
      expect(help).toContain(flag);
    for (const flag of ['--json', '--layers', '--batch', '--optimizer', '--memory', '--svg', '--plot', '--max-params', '--color'])
      expect(help).not.toContain(flag);
  });

  it("refuses the core's invalid networks as the summary does", async () => {
    const summary = await runCli(['--depth', '27']);
    const exported = await runCli(['export', '--depth', '27']);
    expectRefused(exported);
    expect(exported.stderr).toBe(summary.stderr);
  });

  it('refuses an --out whose name says the other format', async () => {
    expectRefused(await runCli(['export', '--out', join(dir, 'x.onnx')]), 'names an ONNX file but the format is pytorch', '--format onnx');
    expectRefused(await runCli(['export', '--format', 'onnx', '--out', join(dir, 'x.PY')]), 'names a Python file but the format is onnx');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses an ONNX graph too large to write node by node, and writes its Python', async () => {
    const argv = ['export', '--blocks-per-group', '20000', '--k', '1'];
    expectRefused(await runCli([...argv, '--format', 'onnx', '--out', join(dir, 'deep.onnx')]), '100,000', '--format pytorch');
    expect(existsSync(join(dir, 'deep.onnx'))).toBe(false);
    const python = await runCli(argv);
    expect(python.exitCode).toBe(0);
    expect(python.stdout).toContain('Group(blocks=20000, in_channels=16, width=16, stride=1, shortcut=');
  });
});

describe('--out', () => {
  it('writes the file whole, replacing what was there, with nothing left beside it', async () => {
    const out = join(dir, 'written', 'model.py');
    mkdirSync(join(dir, 'written'));
    writeFileSync(out, 'old');
    const result = await runCli(['export', 'resnet18', '--out', out]);
    expect(result).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(readFileSync(out, 'utf8')).toBe((await runCli(['export', 'resnet18'])).stdout);
    expect(readdirSync(join(dir, 'written'))).toEqual(['model.py']);
    const onnx = join(dir, 'written', 'model.onnx');
    expect((await runCli(['export', 'resnet18', '--format', 'onnx', '--out', onnx])).exitCode).toBe(0);
    const piped = (await runCli(['export', 'resnet18', '--format', 'onnx'])).stdoutBytes as Uint8Array;
    expect(readFileSync(onnx).equals(piped)).toBe(true);
  });

  it.each([
    ['a folder that does not exist', () => join(dir, 'missing', 'model.py'), 'the folder'],
    ['a folder', () => dir, 'it is a folder'],
    ['a path through a file', () => join(dir, 'file.txt', 'model.py'), 'a part of its folder path is a file'],
  ])('cannot write to %s: one sentence, exit 74, no file', async (_what, path, reason) => {
    writeFileSync(join(dir, 'file.txt'), 'a file');
    const before = readdirSync(dir).sort();
    const result = await runCli(['export', '--out', path()]);
    expect(result.exitCode).toBe(74);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^wrn-calc: cannot write the Python code to '.*': .*\.\n$/);
    expect(result.stderr).toContain(reason);
    expect(readdirSync(dir).sort()).toEqual(before);
    rmSync(join(dir, 'file.txt'));
  });

  it('writes a device as it is: /dev/null stays a device, /dev/full is a full disk (exit 74)', async () => {
    expect((await runCli(['export', '--out', '/dev/null'])).exitCode).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    const full = await runCli(['export', '--format', 'onnx', '--out', '/dev/full']);
    expect(full.exitCode).toBe(74);
    expect(full.stderr).toBe("wrn-calc: cannot write the ONNX graph to '/dev/full': no space left on the device.\n");
  });

  it('writes to stdout with --out -, as --svg - does', async () => {
    expect(await runCli(['export', 'resnet18', '--out', '-'])).toEqual(await runCli(['export', 'resnet18']));
    const onnx = await runCli(['export', 'resnet18', '--format', 'onnx', '--out', '-']);
    expect(onnx.stdoutBytes).toEqual((await runCli(['export', 'resnet18', '--format', 'onnx'])).stdoutBytes);
    expectRefused(await runCli(['export', '--format', 'onnx', '--out', '-'], { tty: true }), '--format onnx writes binary data');
  });

  it('refuses an empty path', async () => {
    expectRefused(await runCli(['export', '--out', ' ']), '--out needs a file path');
  });
});

describe("the summary's refusals and hints for the model", () => {
  it.each([[['WRN-28-10', '--depth', '40']], [['resnet50', '--k', '2']], [['WRN28-10']], [['wrn_28_10']], [['resnet51']]])(
    'export %s is refused as the summary refuses it',
    async (argv) => {
      const summary = await runCli(argv);
      expect(summary.exitCode).toBe(2);
      const exported = await runCli(['export', ...argv]);
      expectRefused(exported);
      expect(exported.stderr).toBe(summary.stderr);
    },
  );
});

describe('nothing typed reaches the code but validated numbers and known names', () => {
  it.each([
    ["WRN-28-10'''; import os", 'The model'],
    ['__import__("os")', 'The model'],
    ['resnet50\nimport os', 'The model'],
  ])('refuses the model name %j', async (name, message) => {
    const out = join(dir, 'hostile.py');
    expectRefused(await runCli(['export', name, '--out', out]), message);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ['--k', '1e1'],
    ['--k', '0x10'],
    ['--dropout', '0.3; import os'],
    ['--dropout', 'nan'],
    ['--input', '32)); import os; ((1'],
    ['--classes', '10 #'],
    ['--in-channels', '-3'],
    ['--block', '3,3),(3'],
    ['--groups', '1.5'],
  ])('refuses %s %j', async (flag, value) => {
    expectRefused(await runCli(['export', flag, value]), flag);
  });

  it('gives every preset a class name that is a Python identifier, and exports it', async () => {
    for (const name of PRESET_NAMES) {
      const source = pytorchSource(resolveNetwork({ model: name }));
      const className = /^class (\S+)\(nn\.Module\):\n {4}"""[^\n]*the stem/m.exec(source)?.[1];
      expect(className, name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      expect(source).toContain(`return ${className ?? ''}()`);
    }
  });
});
