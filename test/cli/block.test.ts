import { readFileSync } from 'node:fs';
import { WrnError, compareBlockWidths, describeBlock } from '../../src/core/index.js';
import { describe, expect, it } from 'vitest';
import { runCli, runJson } from '../helpers/cli.js';
import { cifarReference, referenceLayer } from '../helpers/reference.js';

interface BlockJson {
  block: {
    inChannels: number;
    outChannels: number;
    k: number | null;
    kernels: number[];
    stride: number;
    padding: number | 'same';
    dilation: number;
    input: number[];
  };
  layers: {
    name: string;
    type: string;
    kernel: number[] | null;
    stride: number | null;
    padding: number | null;
    output: number[];
    params: number;
    macs: number;
  }[];
  totals: { params: number; buffers: number; macs: number; flops: number };
  residual: { ok: boolean; shortcut: 'identity' | 'projection'; mainShape: number[]; shortcutShape: number[] };
}
interface Cost {
  inChannels: number;
  width: number;
  params: number;
  macs: number;
  paramsRatio: number;
  macsRatio: number;
}
interface ComparisonJson {
  block: Record<string, unknown>;
  compareK: { k: number; block: Cost; midGroup: Cost }[];
}

const block = async (...argv: string[]) => (await runJson(['block', ...argv, '--json'])) as BlockJson;
const layer = (json: BlockJson, name: string) => json.layers.find((l) => l.name === `block.${name}`);
/** What a layer of ours and a PyTorch reference layer have in common (their names differ). */
const shapeAndCounts = (l: { output: number[]; params: number; macs: number } | undefined) =>
  l && { output: l.output, params: l.params, macs: l.macs };

/** One B(3,3) block at stride 1 and padding 0, 16 channels in, k = 2, on a 32×32 input. */
const EXAMPLE = ['block', '--in-channels', '16', '--k', '2', '--input', '32', '--padding', '0'];

describe('wrn-calc block: one B(3,3) block, exactly', () => {
  it('16→32 at padding 0: 32×30×30 and 4,608 params, then 32×28×28 and 9,216 params', async () => {
    const json = await block(...EXAMPLE.slice(1));
    // Padding 0 moves each field's centre inward: unit 0 of conv2 sees pixels 0 to 4, centred on 2.
    const field = (size: number, start: number) => ({ size: [size, size], jump: [1, 1], start: [start, start] });
    expect(layer(json, 'conv1')).toEqual({
      name: 'block.conv1',
      type: 'conv',
      kernel: [3, 3],
      stride: 1,
      padding: 0,
      output: [32, 30, 30],
      params: 4_608,
      macs: 4_608 * 30 * 30,
      receptiveField: field(3, 1),
    });
    expect(layer(json, 'conv2')).toEqual({
      name: 'block.conv2',
      type: 'conv',
      kernel: [3, 3],
      stride: 1,
      padding: 0,
      output: [32, 28, 28],
      params: 9_216,
      macs: 9_216 * 28 * 28,
      receptiveField: field(5, 2),
    });
    expect(json.layers.map((l) => l.name)).toEqual(['block.bn1', 'block.conv1', 'block.bn2', 'block.conv2', 'block.shortcut']);
    expect(layer(json, 'bn1')).toMatchObject({
      type: 'bn',
      kernel: null,
      stride: null,
      padding: null,
      output: [16, 32, 32],
      params: 32,
      macs: 0,
    });
    expect(layer(json, 'shortcut')).toMatchObject({ kernel: [1, 1], output: [32, 32, 32], params: 16 * 32 });
    // Rows add up to the totals (torchinfo's check).
    expect(json.totals.params).toBe(json.layers.reduce((sum, l) => sum + l.params, 0));
    expect(json.totals.macs).toBe(json.layers.reduce((sum, l) => sum + l.macs, 0));
    expect(json.totals.flops).toBe(2 * json.totals.macs);
    expect(json.block).toMatchObject({
      inChannels: 16,
      outChannels: 32,
      k: 2,
      kernels: [3, 3],
      stride: 1,
      padding: 0,
      dilation: 1,
      input: [16, 32, 32],
    });
  });

  it('the table lists the same numbers and states the residual mismatch plainly (exit 0)', async () => {
    const result = await runCli(EXAMPLE);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/block\.conv1\s+conv\s+3×3\s+1\s+0\s+32×30×30\s+4,608/);
    expect(result.stdout).toMatch(/block\.conv2\s+conv\s+3×3\s+1\s+0\s+32×28×28\s+9,216/);
    expect(result.stdout).toContain(
      'Residual add: shapes differ, so this block cannot add them: the main path gives 32×28×28 but the 1×1 projection shortcut (stride 1) gives 32×32×32.',
    );
    expect(result.stdout).toContain('--padding same');
  });

  it('colours only in a terminal, never with NO_COLOR', async () => {
    expect((await runCli(EXAMPLE, { tty: true })).stdout).toContain('\u001b[');
    expect((await runCli(EXAMPLE, { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await runCli(EXAMPLE)).stdout).not.toContain('\u001b[');
  });

  it('"residual": { "ok": false } with both shapes in JSON', async () => {
    const json = await block(...EXAMPLE.slice(1));
    expect(json.residual).toEqual({ ok: false, shortcut: 'projection', mainShape: [32, 28, 28], shortcutShape: [32, 32, 32] });
    expect(json.layers.some((l) => l.type === 'add')).toBe(false);
  });
});

describe('wrn-calc block options', () => {
  it('defaults: in 16, k 1, B(3,3), padding same: the identity block of conv2 at k = 1', async () => {
    const json = await block();
    expect(json.residual).toEqual({ ok: true, shortcut: 'identity', mainShape: [16, 32, 32], shortcutShape: [16, 32, 32] });
    expect(json.layers.map((l) => l.type)).toEqual(['bn', 'conv', 'bn', 'conv', 'add']);
    const reference = cifarReference(2, 1);
    expect(shapeAndCounts(layer(json, 'conv1'))).toEqual(shapeAndCounts(referenceLayer(reference, 'conv2.block1.conv1')));
    const result = await runCli(['block']);
    expect(result.stdout).toContain('Residual add: the main path and the identity shortcut both give 16×32×32.');
  });

  it("matches PyTorch's first block of conv3 in WRN-28-10: 160 → 320, stride 2", async () => {
    const json = await block('--in-channels', '160', '--k', '2', '--stride', '2');
    const reference = cifarReference(4, 10);
    for (const name of ['conv1', 'conv2', 'shortcut']) {
      expect(shapeAndCounts(layer(json, name)), name).toEqual(shapeAndCounts(referenceLayer(reference, `conv3.block0.${name}`)));
    }
    expect(json.residual.ok).toBe(true);
  });

  it('--out-channels sets the width instead of in-channels × k', async () => {
    const json = await block('--in-channels', '16', '--out-channels', '160');
    expect(json.block).toMatchObject({ outChannels: 160, k: null });
    expect(shapeAndCounts(layer(json, 'conv1'))).toEqual(shapeAndCounts(referenceLayer(cifarReference(4, 10), 'conv2.block0.conv1')));
  });

  it('--dilation 2 with padding same keeps the size; --block, --conv-bias and --dropout apply', async () => {
    const dilated = await block('--dilation', '2');
    expect(layer(dilated, 'conv1')).toMatchObject({ padding: 2, output: [16, 32, 32] });
    expect(dilated.residual.ok).toBe(true);
    const b313 = await block('--block', 'B(3,1,3)', '--k', '2', '--conv-bias', '--dropout', '0.3');
    expect(b313.layers.filter((l) => l.type === 'conv').map((l) => l.kernel)).toEqual([
      [3, 3],
      [1, 1],
      [3, 3],
    ]);
    expect(layer(b313, 'conv2')?.params).toBe(32 * 32 + 32);
    const table = await runCli(['block', '--dropout', '0.3']);
    expect(table.stdout).toContain('dropout 0.3 before');
  });

  it('an even kernel at padding same cannot keep the size: the residual says so', async () => {
    const json = await block('--block', '2,2', '--k', '1');
    expect(json.residual).toMatchObject({ ok: false, mainShape: [16, 34, 34], shortcutShape: [16, 32, 32] });
    expect((await runCli(['block', '--block', '2,2'])).stdout).toContain('odd kernel sizes');
  });
});

describe('wrn-calc block --compare-k', () => {
  it('ratios to the first k; the mid-group block (in = out = 16k) grows about k²: k = 4 ≈ 16× k = 1', async () => {
    const json = (await runJson(['block', '--compare-k', '1,2,4,8', '--json'])) as ComparisonJson;
    expect(json.compareK.map((row) => [row.k, row.block.width, row.midGroup.inChannels, row.midGroup.width])).toEqual([
      [1, 16, 16, 16],
      [2, 32, 32, 32],
      [4, 64, 64, 64],
      [8, 128, 128, 128],
    ]);
    const first = json.compareK[0];
    for (const row of json.compareK) {
      expect(row.block.paramsRatio).toBe(row.block.params / (first?.block.params ?? 0));
      expect(row.midGroup.paramsRatio).toBe(row.midGroup.params / (first?.midGroup.params ?? 0));
      // MACs count convs only, so the mid-group block's MACs are exactly ∝ k².
      expect(row.midGroup.macsRatio).toBe(row.k ** 2);
    }
    const k4 = json.compareK[2]?.midGroup.paramsRatio ?? 0;
    expect(k4).toBeGreaterThan(15);
    expect(k4).toBeLessThan(16);
  });

  it("the mid-group block at k = 10 is PyTorch's WRN-28-10 conv2.block1", async () => {
    const json = (await runJson(['block', '--compare-k', '1,10', '--json'])) as ComparisonJson;
    const reference = cifarReference(4, 10);
    const convs = ['conv1', 'conv2'].map((name) => referenceLayer(reference, `conv2.block1.${name}`));
    const bn = 2 * 2 * 160; // two BN layers of 160 channels, weight and bias
    expect(json.compareK[1]?.midGroup).toMatchObject({
      params: convs.reduce((sum, l) => sum + l.params, 0) + bn,
      macs: convs.reduce((sum, l) => sum + l.macs, 0),
    });
    const firstBlock = ['conv1', 'conv2', 'shortcut'].map((name) => referenceLayer(reference, `conv2.block0.${name}`));
    expect(json.compareK[1]?.block.macs).toBe(firstBlock.reduce((sum, l) => sum + l.macs, 0));
  });

  it('the table shows the ratios and the quadratic law computed from them', async () => {
    const result = await runCli(['block', '--compare-k', '1,2,4,8']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^4\s+64\s+47,264\s+×10\.1\s+48,234,496\s+×10\.2\s+73,984\s+×15\.8\s+75,497,472\s+×16\.0$/m);
    expect(result.stdout).toContain(
      "From k = 1 to k = 8 the mid-group block's params grow ×63.2 and its MACs ×64.0, against (k ratio)² = ×64.0",
    );
  });

  it('refuses --out-channels and --k beside it', async () => {
    for (const extra of [
      ['--out-channels', '32'],
      ['--k', '2'],
    ]) {
      const result = await runCli(['block', '--compare-k', '1,2', ...extra]);
      expect(result.exitCode).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(extra[0]);
    }
  });
});

describe('wrn-calc block: invalid input exits 2 with one sentence naming the value', () => {
  const CASES: readonly [string[], string[]][] = [
    [
      ['--padding', 'valid'],
      ['--padding', "'valid'", 'same'],
    ],
    [['--padding', '-1'], ["'-1'"]],
    [
      ['--stride', '0'],
      ['--stride', "'0'"],
    ],
    [
      ['--dilation', '1.5'],
      ['--dilation', "'1.5'"],
    ],
    [
      ['--in-channels', '3', '--k', '1.5'],
      ['Block width', '4.5'],
    ],
    [
      ['--k', 'abc'],
      ['--k', "'abc'"],
    ],
    [['--compare-k', '1,abc'], ["--compare-k '1,abc'"]],
    [
      ['--compare-k', '4:1'],
      ["'4:1'", 'backwards'],
    ],
    [
      ['--input', '3', '--padding', '0'],
      ['block.conv2', 'spatial size below 1'],
    ],
    [['--block', 'B(3,x)'], ["'B(3,x)'"]],
    [['--depth', '28'], ["unknown option '--depth'"]],
    [['extra'], ['too many arguments']],
  ];

  it.each(CASES)('block %j', async (argv, mentions) => {
    const result = await runCli(['block', ...argv]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.startsWith('wrn-calc: ')).toBe(true);
    for (const text of mentions) expect(result.stderr).toContain(text);
  });

  it('--help exits 0 and lists the block options', async () => {
    const result = await runCli(['block', '--help']);
    expect(result.exitCode).toBe(0);
    for (const option of [
      '--in-channels',
      '--k',
      '--out-channels',
      '--block',
      '--stride',
      '--padding',
      '--dilation',
      '--input',
      '--conv-bias',
      '--dropout',
      '--compare-k',
      '--json',
    ]) {
      expect(result.stdout).toContain(option);
    }
  });
});

describe('docs/commands.md', () => {
  it('shows the example as `wrn-calc block` prints it (up to its table)', async () => {
    const page = readFileSync(new URL('../../docs/commands.md', import.meta.url), 'utf8');
    const { stdout } = await runCli(EXAMPLE);
    const shown = stdout.slice(0, stdout.indexOf('\n\nResidual add:'));
    expect(page).toContain(`\`\`\`\n${shown}\n\`\`\``);
  });
});

describe('the library behind it (core describeBlock / compareBlockWidths)', () => {
  it("docs/library.md's example: describeBlock({ inChannels: 16, k: 2, padding: 0 }).residual.ok is false", () => {
    const view = describeBlock({ inChannels: 16, k: 2, padding: 0 });
    expect(view.residual.ok).toBe(false);
    expect(view.totals.params).toBe(view.layers.reduce((sum, l) => sum + l.params, 0));
  });

  it('refuses what cannot be a block with coded WrnErrors', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
        return 'no error';
      } catch (error) {
        return error instanceof WrnError ? error.issue.code : String(error);
      }
    };
    expect(code(() => describeBlock({ inChannels: 3, k: 1.5 }))).toBe('NOT_POSITIVE_INTEGER');
    expect(code(() => describeBlock({ padding: -1 }))).toBe('NOT_IN_RANGE');
    expect(code(() => describeBlock({ kernels: [] }))).toBe('NOT_IN_RANGE');
    expect(code(() => describeBlock({ stride: 0 }))).toBe('NOT_POSITIVE_INTEGER');
    expect(code(() => describeBlock({ input: [2, 2], padding: 0 }))).toBe('SPATIAL_COLLAPSE');
    expect(
      code(() =>
        compareBlockWidths(
          {},
          Array.from({ length: 1001 }, (_, i) => i + 1),
        ),
      ),
    ).toBe('NOT_IN_RANGE');
  });

  it('compareBlockWidths ignores outChannels: k sets the width', () => {
    const [row] = compareBlockWidths({ outChannels: 999 }, [2]);
    expect(row?.block.width).toBe(32);
  });
});
