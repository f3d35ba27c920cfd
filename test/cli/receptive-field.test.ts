import { describe, expect, it } from 'vitest';
import { runCli, runJson } from '../helpers/cli.js';

interface Field {
  size: number[];
  jump: number[];
  start: number[];
}
interface SummaryJson {
  groups: { name: string; receptiveField: Field }[];
  layers: { name: string; receptiveField: Field }[];
}

describe('receptive fields on the command line', () => {
  it.each(['10', '1'])('WRN-28-%s: the last group sees 109×109 with jump 4, whatever k is', async (k) => {
    const json = (await runJson(['--depth', '28', '--k', k, '--json'])) as SummaryJson;
    expect(json.groups.find((g) => g.name === 'conv4')?.receptiveField).toEqual({ size: [109, 109], jump: [4, 4], start: [0, 0] });
    // Every layer carries one too; the last conv of the last group is where the group's field comes from.
    expect(json.layers.every((layer) => layer.receptiveField.size.length === 2)).toBe(true);
    expect(json.layers.find((l) => l.name === 'conv4.block3.add')?.receptiveField.size).toEqual([109, 109]);
  });

  it('the summary shows the field in its group table and says when it passes the image', async () => {
    const { stdout } = await runCli(['--depth', '28', '--k', '10']);
    expect(stdout).toMatch(/conv4\s+640×8×8 .* 109×109 \/4/);
    expect(stdout).toContain(
      'Each unit of conv4 sees a 109×109 window: the whole 32×32 image and 77 pixels of padding beyond it, whatever k is.',
    );
    // WRN-10-k's last group sees 25×25: less than the image, so no such note.
    expect((await runCli(['--depth', '10', '--k', '4'])).stdout).not.toContain('Each unit of');
  });

  it('grid --metric receptive-field is constant along k and grows by a constant per extra block per group', async () => {
    const grid = (await runJson(['grid', '--metric', 'receptive-field', '--json'])) as {
      cells: { depth: number; k: number; value: number }[];
    };
    const byDepth = new Map<number, Set<number>>();
    for (const cell of grid.cells) byDepth.set(cell.depth, (byDepth.get(cell.depth) ?? new Set()).add(cell.value));
    expect([...byDepth.entries()].map(([depth, values]) => [depth, [...values]])).toEqual([
      [16, [53]],
      [22, [81]],
      [28, [109]],
      [40, [165]],
    ]);
  });

  it('the block view gives each conv its field', async () => {
    const { stdout } = await runCli(['block', '--dilation', '2']);
    expect(stdout).toMatch(/block\.conv1\s+conv .* 5×5\n/);
    expect(stdout).toMatch(/block\.conv2\s+conv .* 9×9\n/);
  });
});
