import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { DEBIAN_PACKAGES, PYTHON, torchTestsRun } from '../helpers/python.js';
import { CASES } from './cases.js';
import type { Case } from './cases.js';

/*
 * The exported code, run in real PyTorch (and the ONNX graphs in onnx), for networks
 * across the family: what it builds must be what the CLI counted. For each
 * configuration, the CLI exports the PyTorch file and the ONNX graph and prints its
 * --json at --batch 2; test/export/check_exports.py builds the module and measures it
 * (parameters, buffers, a forward pass, the bytes autograd keeps at batch 2 as
 * scripts/reference/saved_bytes.py measures them, torchvision's own weights loaded
 * with strict=True, the ONNX checker, shape inference and the graph's outputs).
 */

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

const RUN = torchTestsRun({ announce: true });
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
  if (run.error !== undefined) {
    failure = `cannot run ${PYTHON} (${run.error.message}); install ${DEBIAN_PACKAGES}`;
    return;
  }
  if (run.status !== 0) {
    failure = `check_exports.py exited ${run.status ?? run.signal ?? ''}: ${run.stderr.slice(-2000)}`;
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
