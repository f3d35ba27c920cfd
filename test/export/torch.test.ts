import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { PYTHON, torchTestsRun } from '../helpers/python.js';

/*
 * The exported code, run in real PyTorch (and the ONNX graphs in onnx), for networks
 * across the family: what it builds must be what the CLI counted. For each
 * configuration, the CLI exports the PyTorch file and the ONNX graph and prints its
 * --json at --batch 2; test/export/check_exports.py builds the module and measures it
 * (parameters, buffers, a forward pass, the bytes autograd keeps at batch 2 as
 * scripts/reference/saved_bytes.py measures them, torchvision's own weights loaded
 * with strict=True, the ONNX checker, shape inference and the graph's outputs).
 */

interface Case {
  readonly id: string;
  readonly argv: readonly string[];
  /** The torchvision model whose state_dict must load with strict=True. */
  readonly torchvision?: string;
}

const SMALL = ['--input', '64'];

const CASES: readonly Case[] = [
  // CIFAR, pre order: the official WRN, any block B(k1, …, kl), fractional k, odd and non-square inputs.
  { id: 'wrn-28-10', argv: ['WRN-28-10'] },
  { id: 'wrn-16-4-dropout', argv: ['WRN-16-4', '--dropout', '0.3'] },
  { id: 'wrn-40-1.5', argv: ['WRN-40-1.5'] },
  { id: 'b313-n3-k2', argv: ['--block', 'B(3,1,3)', '--blocks-per-group', '3', '--k', '2'] },
  { id: 'b3-n2-k2-dropout', argv: ['--block', '3', '--blocks-per-group', '2', '--k', '2', '--dropout', '0.5'] },
  { id: 'b131-nominal-16', argv: ['--block', '1,3,1', '--depth', '16', '--depth-rule', 'nominal', '--k', '2'] },
  { id: 'wrn-16-4-40x24', argv: ['WRN-16-4', '--input', '40x24'] },
  { id: 'wrn-16-2-33-bias', argv: ['WRN-16-2', '--input', '33', '--conv-bias'] },
  { id: 'wrn-10-1-mnist-c100', argv: ['WRN-10-1', '--dataset', 'mnist', '--classes', '100'] },
  { id: 'cifar-pre-zero-pad', argv: ['--depth', '16', '--k', '2', '--shortcut', 'zero-pad'] },
  { id: 'preact-resnet164', argv: ['preact-resnet164'] },
  { id: 'cifar-pre-bottleneck-dropout', argv: ['--block', 'bottleneck', '--blocks-per-group', '2', '--k', '2', '--dropout', '0.3'] },
  {
    id: 'cifar-resnext',
    argv: ['--block', 'bottleneck', '--blocks-per-group', '2', '--groups', '4', '--width-per-group', '32', '--k', '2'],
  },
  // CIFAR, post order (He et al. 2015).
  { id: 'resnet20', argv: ['resnet20'] },
  { id: 'resnet56-c100', argv: ['resnet56', '--dataset', 'cifar100'] },
  { id: 'resnet20-projection', argv: ['resnet20', '--shortcut', 'projection'] },
  {
    id: 'cifar-post-b313-bias-dropout',
    argv: ['--order', 'post', '--block', '3,1,3', '--blocks-per-group', '2', '--k', '2', '--conv-bias', '--dropout', '0.2'],
  },
  {
    id: 'cifar-post-bottleneck-zero-pad',
    argv: ['--block', 'bottleneck', '--order', 'post', '--shortcut', 'zero-pad', '--blocks-per-group', '2', '--k', '1'],
  },
  // torchvision's ResNets: its own state_dict loads with strict=True and computes the same outputs.
  { id: 'resnet18', argv: ['resnet18', ...SMALL], torchvision: 'resnet18' },
  { id: 'resnet34', argv: ['resnet34', ...SMALL], torchvision: 'resnet34' },
  { id: 'resnet50', argv: ['resnet50'], torchvision: 'resnet50' },
  { id: 'resnet101', argv: ['resnet101', ...SMALL], torchvision: 'resnet101' },
  { id: 'resnet152', argv: ['resnet152', ...SMALL], torchvision: 'resnet152' },
  { id: 'wide_resnet50_2', argv: ['wide_resnet50_2', ...SMALL], torchvision: 'wide_resnet50_2' },
  { id: 'wide_resnet101_2', argv: ['wide_resnet101_2', ...SMALL], torchvision: 'wide_resnet101_2' },
  { id: 'resnext50_32x4d', argv: ['resnext50_32x4d', ...SMALL], torchvision: 'resnext50_32x4d' },
  { id: 'resnext101_32x8d', argv: ['resnext101_32x8d', ...SMALL], torchvision: 'resnext101_32x8d' },
  { id: 'resnext101_64x4d', argv: ['resnext101_64x4d', ...SMALL], torchvision: 'resnext101_64x4d' },
  // The rest of the ImageNet family: fb.resnet.torch's pre-activation networks, Caffe's stride, widened basic blocks.
  { id: 'preresnet200', argv: ['preresnet200', ...SMALL] },
  { id: 'imagenet-pre-basic-18', argv: ['--family', 'imagenet', '--order', 'pre', '--depth', '18', ...SMALL] },
  { id: 'resnet50-stride-1x1', argv: ['resnet50', '--bottleneck-stride', '1x1', ...SMALL] },
  { id: 'resnet18-k2', argv: ['--family', 'imagenet', '--depth', '18', '--k', '2', ...SMALL] },
  {
    id: 'imagenet-zero-pad-65',
    argv: ['--family', 'imagenet', '--depth', '18', '--shortcut', 'zero-pad', '--input', '65', '--classes', '10'],
  },
  {
    id: 'imagenet-bottleneck-bias-1ch',
    argv: [
      '--family',
      'imagenet',
      '--block',
      'bottleneck',
      '--blocks-per-group',
      '1',
      '--conv-bias',
      '--in-channels',
      '1',
      '--classes',
      '10',
      ...SMALL,
    ],
  },
  {
    id: 'imagenet-basic-dropout-80x48',
    argv: ['--family', 'imagenet', '--blocks-per-group', '1', '--k', '2', '--dropout', '0.2', '--input', '80x48', '--classes', '10'],
  },
  // Values written oddly but valid: the file holds only the numbers they mean.
  {
    id: 'odd-spellings',
    argv: ['wrn-016-1.50', '--dropout', '0.30000000000000004', '--input', '0033x031', '--classes', '0010', '--in-channels', '01'],
  },
];

interface Expected {
  readonly params: number;
  readonly buffers: number;
  readonly classes: number;
  readonly savedBytes: number;
  readonly groups: Readonly<Record<string, readonly number[]>>;
  readonly input: readonly number[];
}

interface OnnxResult {
  readonly opset: readonly { domain: string; version: number }[];
  readonly irVersion: number;
  readonly nodes: number;
  readonly opTypes: readonly string[];
  readonly groupShapes: Readonly<Record<string, readonly (number | string)[] | null>>;
  readonly declaredMatchesInferred: boolean;
  readonly undeclared: readonly string[];
  readonly weightElements: number;
  readonly weightsAreStateDict: boolean;
  readonly initializers: readonly string[];
  readonly allclose: boolean;
  readonly relativeDifference: number;
  readonly fileBytes: number;
}

interface Measured {
  readonly id: string;
  readonly error?: string;
  readonly params: number;
  readonly buffers: number;
  readonly outputShape: readonly number[];
  readonly savedBytes: number;
  readonly torchvision?: { readonly loaded: boolean; readonly allclose: boolean; readonly relativeDifference: number };
  readonly onnx: OnnxResult;
}

const RUN = torchTestsRun();
const dir = mkdtempSync(join(tmpdir(), 'wrn-calc-torch-'));
const expected = new Map<string, Expected>();
const measured = new Map<string, Measured>();
let failure = '';

async function exportCase(c: Case): Promise<void> {
  const python = join(dir, `${c.id}.py`);
  const onnx = join(dir, `${c.id}.onnx`);
  for (const [format, out] of [
    ['pytorch', python],
    ['onnx', onnx],
  ] as const) {
    const result = await runCli(['export', ...c.argv, '--format', format, '--out', out]);
    if (result.exitCode !== 0) throw new Error(`export ${c.argv.join(' ')} --format ${format}: ${result.stderr}`);
  }
  const json = await runCli([...c.argv, '--json', '--batch', '2']);
  if (json.exitCode !== 0) throw new Error(`${c.argv.join(' ')} --json: ${json.stderr}`);
  const report = JSON.parse(json.stdout) as {
    model: { input: number[]; classes: number };
    groups: { name: string; output: number[] }[];
    totals: { params: number; buffers: number };
    training: { savedActivationBytes: number };
  };
  expected.set(c.id, {
    params: report.totals.params,
    buffers: report.totals.buffers,
    classes: report.model.classes,
    savedBytes: report.training.savedActivationBytes,
    groups: Object.fromEntries(report.groups.map((group) => [group.name, group.output])),
    input: report.model.input,
  });
}

beforeAll(async () => {
  if (!RUN) return;
  for (const c of CASES) await exportCase(c);
  const cases = CASES.map((c) => ({
    id: c.id,
    python: join(dir, `${c.id}.py`),
    onnx: join(dir, `${c.id}.onnx`),
    torchvision: c.torchvision ?? null,
    input: expected.get(c.id)?.input,
  }));
  const run = spawnSync(PYTHON, ['test/export/check_exports.py'], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 1_500_000,
  });
  if (run.status !== 0) {
    failure = `check_exports.py exited ${run.status ?? run.signal}: ${run.stderr.slice(-2000)}`;
    return;
  }
  for (const result of JSON.parse(run.stdout) as Measured[]) measured.set(result.id, result);
}, 1_600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function measuredOf(id: string): { want: Expected; got: Measured } {
  expect(failure).toBe('');
  const got = measured.get(id);
  const want = expected.get(id);
  expect(got, `no measurement for ${id}`).toBeDefined();
  expect(got?.error, `${id} failed in Python`).toBeUndefined();
  return { want: want as Expected, got: got as Measured };
}

describe.skipIf(!RUN)('exported networks in PyTorch', () => {
  it(`cover at least 25 configurations, every torchvision ResNet name among them`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(CASES.map((c) => c.torchvision).filter(Boolean))).toEqual(
      new Set([
        'resnet18',
        'resnet34',
        'resnet50',
        'resnet101',
        'resnet152',
        'wide_resnet50_2',
        'wide_resnet101_2',
        'resnext50_32x4d',
        'resnext101_32x8d',
        'resnext101_64x4d',
      ]),
    );
  });

  it.each(CASES.map((c) => [c.id, c] as const))("%s: the counts, the output and the saved bytes are the CLI's", (id) => {
    const { want, got } = measuredOf(id);
    expect(got.params).toBe(want.params);
    expect(got.buffers).toBe(want.buffers);
    expect(got.outputShape).toEqual([1, want.classes]);
    expect(got.savedBytes).toBe(want.savedBytes);
  });

  it.each(CASES.filter((c) => c.torchvision !== undefined).map((c) => [c.id, c] as const))(
    "%s: torchvision's state_dict loads with strict=True, and both compute the same",
    (id) => {
      const { got } = measuredOf(id);
      expect(got.torchvision?.loaded).toBe(true);
      expect(got.torchvision?.allclose, `relative difference ${got.torchvision?.relativeDifference}`).toBe(true);
    },
  );

  it.each(CASES.map((c) => [c.id, c] as const))("%s: the ONNX graph passes the checker, and its shapes and weights are the CLI's", (id) => {
    const { want, got } = measuredOf(id);
    const { onnx } = got;
    expect(onnx.opset).toEqual([{ domain: '', version: 17 }]);
    expect(onnx.opset[0]?.version).toBeGreaterThanOrEqual(13);
    const inferred = Object.fromEntries(Object.entries(want.groups).map(([name, shape]) => [name, ['batch', ...shape]]));
    expect(onnx.groupShapes).toEqual(inferred);
    expect(onnx.declaredMatchesInferred).toBe(true);
    expect(onnx.undeclared).toEqual([]);
    expect(onnx.weightElements).toBe(want.params + want.buffers);
    expect(onnx.weightsAreStateDict).toBe(true);
    // Constants only: slice bounds and pads of zero-pad shortcuts, dropout ratios.
    for (const name of onnx.initializers) expect(name).toMatch(/\.(starts|ends|axes|steps|pads|ratio)$/);
    expect(onnx.allclose, `relative difference ${onnx.relativeDifference}`).toBe(true);
  });

  it('ONNX files stay small: no weight values inside', () => {
    for (const c of CASES) {
      const { want, got } = measuredOf(c.id);
      expect(got.onnx.fileBytes).toBeLessThan(300 * got.onnx.nodes + 10_000);
      expect(got.onnx.fileBytes).toBeLessThan(want.params);
    }
  });

  it('the odd spellings left no trace in the file: only the numbers they mean', () => {
    const source = readFileSync(join(dir, 'odd-spellings.py'), 'utf8');
    expect(source).toContain('INPUT_SHAPE = (1, 33, 31)');
    expect(source).toContain('CLASSES = 10\n');
    expect(source).toContain('nn.Dropout(p=0.30000000000000004)');
    expect(source).toContain('WRN-16-1.5');
    for (const raw of ['016', '1.50', '0033', '031', '0010', '01,']) expect(source).not.toContain(raw);
  });
});
