import { describe, expect, it } from 'vitest';
import { runCli, runJson } from '../helpers/cli.js';
import { elements, groups, lineSeries, parseSvg, texts, translation } from '../helpers/svg.js';
import type { Vertex } from '../helpers/svg.js';

/*
 * Every chart as the CLI writes it (`--svg -`), parsed as strict XML and read for
 * what it shows: series and their labels, axis titles, the order of the lines,
 * positions that follow the values on a log scale, a non-dominated Pareto front.
 */

async function svgOf(argv: readonly string[]) {
  const result = await runCli([...argv, '--svg', '-']);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return { text: result.stdout, doc: parseSvg(result.stdout) };
}

/** Equal slopes between every pair: pixel positions linear in log(value). */
function expectLogLinear(pixels: readonly number[], values: readonly number[]): void {
  const slope = (i: number, j: number) => ((pixels[i] ?? 0) - (pixels[j] ?? 0)) / (Math.log(values[i] ?? 1) - Math.log(values[j] ?? 1));
  const reference = slope(0, pixels.length - 1);
  for (let i = 0; i < pixels.length; i++) {
    for (let j = i + 1; j < pixels.length; j++) expect(Math.abs(slope(i, j) - reference)).toBeLessThan(0.05);
  }
}

describe('every chart is a self-contained SVG', () => {
  it.each([
    [['grid']],
    [['grid', '--metric', 'train-memory', '--batch', '128']],
    [['fit', '--max-params', '10M']],
    [['compare', 'WRN-40-4', 'resnet50']],
    [['--depth', '28', '--k', '10']],
    [['block', '--compare-k', '1,2,4,8']],
  ])('wrn-calc %s --svg -', async (argv) => {
    const { text, doc } = await svgOf(argv);
    const root = doc.documentElement;
    expect(root?.tagName).toBe('svg');
    expect(root?.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(root?.getAttribute('viewBox')).toMatch(/^0 0 720 \d+$/);
    // Text as text, no scripts, images, external fonts or links.
    expect(elements(doc, 'text').length).toBeGreaterThan(5);
    for (const tag of ['script', 'image', 'foreignObject', 'a', 'use']) expect(elements(doc, tag)).toEqual([]);
    expect(text).not.toMatch(/@import|url\(|href=|@font-face/);
    // No random ids: nothing refers to anything by id.
    expect(text).not.toMatch(/\sid="/);
  });

  it('is the same bytes on every run', async () => {
    const [a, b] = await Promise.all([svgOf(['grid']), svgOf(['grid'])]);
    expect(a.text).toBe(b.text);
  });

  it('the default grid chart is under 100 kB', async () => {
    const { text } = await svgOf(['grid']);
    expect(Buffer.byteLength(text)).toBeLessThan(100_000);
  });
});

describe('grid --svg', () => {
  it('has a line per k with its end label, the axis titles, the title and the fitted law', async () => {
    const { doc } = await svgOf(['grid']);
    const all = texts(doc);
    for (const k of [1, 2, 4, 8, 10, 12]) expect(all).toContain(`k = ${k}`);
    expect(lineSeries(doc)).toHaveLength(6);
    expect(texts(groups(doc, 'x-axis label')[0]!)).toEqual(['depth d (layers)']);
    expect(texts(groups(doc, 'y-axis label')[0]!)).toEqual(['parameters']);
    expect(all).toContain('Parameters against depth, one line per widening factor k');
    expect(all).toContain('CIFAR family · B(3,3) · cifar10 (3×32×32, 10 classes)');
    expect(all.some((t) => /^Fitted: params ∝ d\^1\.0 · k\^2\.0 \(a line in d/.test(t))).toBe(true);
  });

  it('draws k = 10 above k = 4 at every depth, at heights that follow log(params)', async () => {
    const { doc } = await svgOf(['grid']);
    const json = (await runJson(['grid', '--json'])) as { cells: { depth: number; k: number; value: number }[] };
    const cells = json.cells.filter((cell) => cell.k === 10).sort((a, b) => a.depth - b.depth);
    const colourOf = (label: string) =>
      groups(doc, 'text')
        .find((g) => texts(g).includes(label))
        ?.getAttribute('fill');
    const lineOf = (label: string) => lineSeries(doc).find((line) => line.stroke === colourOf(label))?.points ?? [];
    const [k4, k10] = [lineOf('k = 4'), lineOf('k = 10')];
    expect(k10).toHaveLength(4);
    k10.forEach((p: Vertex, i) => expect(p.y).toBeLessThan(k4[i]?.y ?? 0)); // SVG's y grows downwards
    expectLogLinear(
      k10.map((p) => p.y),
      cells.map((cell) => cell.value),
    );
    expectLogLinear(
      k10.map((p) => p.x),
      cells.map((cell) => cell.depth),
    );
  });

  it('titles the axis of the metric asked for, in its unit', async () => {
    const { doc } = await svgOf(['grid', '--metric', 'train-memory', '--batch', '128']);
    expect(texts(groups(doc, 'y-axis label')[0]!)).toEqual(['training memory (fp32, batch 128, momentum; bytes)']);
    expect(texts(groups(doc, 'y-axis tick label')[0]!).every((t) => / (MiB|GiB)$/.test(t))).toBe(true);
  });
});

describe('fit --svg', () => {
  it('joins a front on which less MACs never buys more params, labels the best, draws the budget', async () => {
    const { doc } = await svgOf(['fit', '--max-params', '10M']);
    const [best] = (await runJson(['fit', '--max-params', '10M', '--json'])) as { model: { name: string } }[];
    const [front] = lineSeries(doc);
    const sorted = [...(front?.points ?? [])].sort((a, b) => a.x - b.x);
    expect(sorted.length).toBeGreaterThan(5);
    sorted.slice(1).forEach((p, i) => expect(p.y).toBeLessThan(sorted[i]?.y ?? 0));
    const all = texts(doc);
    expect(all.some((t) => t.startsWith(`${best?.model.name}: `))).toBe(true);
    expect(all).toContain('params ≤ 10M');
    // Every candidate sits below the budget line.
    const rule = groups(doc, 'rule')[0];
    const budgetY = Number(elements(rule!, 'line')[0]?.getAttribute('y1'));
    const dots = groups(doc, 'dot').flatMap((g) => elements(g, 'circle'));
    expect(dots.length).toBeGreaterThan(10);
    for (const dot of dots) expect(Number(dot.getAttribute('cy'))).toBeGreaterThanOrEqual(budgetY - 0.01);
    expect(texts(groups(doc, 'x-axis label')[0]!)).toEqual(['MACs per image']);
  });
});

describe('compare --svg', () => {
  it('draws bars of params, MACs and training memory with ratios to the first', async () => {
    const { doc } = await svgOf(['compare', 'WRN-40-4', 'WRN-28-10']);
    const all = texts(doc);
    for (const title of ['parameters', 'MACs per image', 'training memory (fp32, batch 1, momentum)']) expect(all).toContain(title);
    expect(all).toContain('8.95M ×1.00');
    expect(all).toContain('36.5M ×4.08');
    const [first, second] = elements(groups(doc, 'bar')[0]!, 'rect').map((rect) => Number(rect.getAttribute('width')));
    expect((second ?? 0) / (first ?? 1)).toBeCloseTo(36_479_194 / 8_949_210, 2);
  });
});

describe('summary --svg', () => {
  it("labels each group's bar with its output shape", async () => {
    const { doc } = await svgOf(['--depth', '28', '--k', '10']);
    expect(texts(groups(doc, 'y-axis tick label')[0]!)).toEqual([
      'conv1 16×32×32',
      'conv2 160×32×32',
      'conv3 320×16×16',
      'conv4 640×8×8',
      'head 10',
    ]);
    const labels = texts(doc);
    expect(labels).toContain('27.9M (76.4%)');
  });
});

describe('block --compare-k --svg', () => {
  it('draws the two readings of widening, the WRN block above', async () => {
    const { doc } = await svgOf(['block', '--compare-k', '1,2,4,8']);
    const all = texts(doc);
    expect(all).toContain('WRN block, 16·k → 16·k (×k²)');
    expect(all).toContain('inner convs only, 16 → 16·k → 16 (×k)');
    const [wrn, inner] = lineSeries(doc);
    expect(wrn?.points.at(-1)?.y).toBeLessThan(inner?.points.at(-1)?.y ?? 0);
    expect(translation(elements(groups(doc, 'x-axis tick label')[0]!, 'text')[0]!).x).toBeGreaterThan(0);
  });
});
