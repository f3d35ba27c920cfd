#!/usr/bin/env node
// npm run bench: wall time, CPU time and peak memory of the CLI against bare `node -e 0`, run in
// alternating pairs in one process so that machine noise hits both sides alike; medians and their
// ratios. Plus the core's in-process throughput (tinybench). Not part of npm test: no test asserts a time.
//   BENCH_PAIRS=31 npm run bench     more pairs (default 21, after 3 warm-up pairs)
//   npm run bench -- --write         also puts the output into docs/performance.md, between its bench markers
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Bench } from 'tinybench';
import { listLayers, resolveNetwork, totalsOfSpec } from 'wrn-calc';
import { benchPage } from './bench/page.mjs';

const BIN = fileURLToPath(new URL('../bin/wrn-calc.cjs', import.meta.url));
const MAX_RSS = fileURLToPath(new URL('./bench/max-rss.cjs', import.meta.url));
const PAIRS = Number(process.env.BENCH_PAIRS ?? 21);
const WARMUP = 3;
const CHART_DIR = mkdtempSync(join(tmpdir(), 'wrn-calc-bench-'));
const GRID_SVG = join(CHART_DIR, 'grid.svg');
const RESNET50_ONNX = join(CHART_DIR, 'resnet50.onnx');

const CASES = [
  { name: 'wrn-calc --depth 28 --k 10 --json', argv: ['--depth', '28', '--k', '10', '--json'], time: 1.25, memory: 1.3 },
  // The table path may spend cli-table3's load (a terminal table is read by a person, who does not notice it).
  { name: 'wrn-calc --depth 28 --k 10', argv: ['--depth', '28', '--k', '10'], time: 1.5 },
  {
    name: 'wrn-calc grid --depth 16,22,28,40 --k 1,2,4,8,10,12 --json',
    argv: ['grid', '--depth', '16,22,28,40', '--k', '1,2,4,8,10,12', '--json'],
    time: 1.25,
  },
  { name: 'wrn-calc fit --max-params 10M', argv: ['fit', '--max-params', '10M'], time: 1.5 },
  // Charts load their own chunk (Observable Plot, d3, linkedom) through its code cache, and draw.
  { name: 'wrn-calc grid --svg grid.svg', argv: ['grid', '--svg', GRID_SVG], time: 2.5 },
  { name: 'wrn-calc grid --plot', argv: ['grid', '--plot'], time: 2.5 },
  // Export: the Python file from the CLI bundle; the ONNX graph through its own chunk (protobufjs), written to a file.
  { name: 'wrn-calc export WRN-28-10 --format pytorch', argv: ['export', 'WRN-28-10', '--format', 'pytorch'], time: 1.3 },
  {
    name: 'wrn-calc export resnet50 --format onnx --out resnet50.onnx',
    argv: ['export', 'resnet50', '--format', 'onnx', '--out', RESNET50_ONNX],
    time: 2,
  },
];

const BASELINE = ['-e', '0'];

/** What the bench prints, kept to be written into docs/performance.md with --write. */
const printed = [];
function say(line) {
  console.log(line);
  printed.push(line);
}

/** One run; every run, the baseline's too, carries the same small preload that reports RSS and CPU. */
function once(args) {
  const argv = ['-r', MAX_RSS, ...args];
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`node ${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  const { rssKiB, cpuUs } = JSON.parse(String(result.output[3]));
  return { ms, rssKiB, cpuMs: cpuUs / 1000 };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function pairs(cliArgs, count) {
  const base = [];
  const cli = [];
  for (let i = 0; i < count; i++) {
    base.push(once(BASELINE));
    cli.push(once(cliArgs));
  }
  return { base, cli };
}

const rows = [];
for (const c of CASES) {
  const args = [BIN, ...c.argv];
  const probe = spawnSync(process.execPath, args, { stdio: 'pipe' });
  if (probe.status !== 0) {
    rows.push({ name: c.name, skipped: `exits ${probe.status}: ${String(probe.stderr).trim().split('\n')[0]}` });
    continue;
  }
  pairs(args, WARMUP);
  const { base, cli } = pairs(args, PAIRS);
  const med = (runs, key) => median(runs.map((r) => r[key]));
  rows.push({
    name: c.name,
    baseMs: med(base, 'ms'),
    cliMs: med(cli, 'ms'),
    timeRatio: med(cli, 'ms') / med(base, 'ms'),
    timeGoal: c.time,
    baseCpu: med(base, 'cpuMs'),
    cliCpu: med(cli, 'cpuMs'),
    baseMiB: med(base, 'rssKiB') / 1024,
    cliMiB: med(cli, 'rssKiB') / 1024,
    memoryGoal: c.memory ?? null,
  });
}

// The CLI runs from V8's code cache made at build time; say whether this Node accepts it.
const cacheProbe = spawnSync(
  process.execPath,
  [
    '-e',
    `const { script } = require(${JSON.stringify(fileURLToPath(new URL('../dist/cli-loader.cjs', import.meta.url)))}); console.log(script.cachedDataRejected ? 'rejected (compiling from source)' : 'accepted');`,
  ],
  { encoding: 'utf8' },
);
const f1 = (x) => x.toFixed(1);
const f2 = (x) => x.toFixed(2);
say(
  `CLI against node -e 0: medians of ${PAIRS} alternating pairs after ${WARMUP} warm-up pairs; Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
);
say(`V8 code cache for dist/cli.cjs: ${cacheProbe.stdout.trim() || cacheProbe.stderr.trim()}`);
say('');
say('| command | node -e 0 | wrn-calc | ratio | goal | met | CPU ratio (user + sys) |');
say('|---|---:|---:|---:|---:|---|---:|');
let missed = 0;
for (const r of rows) {
  if (r.skipped) {
    say(`| \`${r.name}\` | | | | | not available (${r.skipped}) | |`);
    continue;
  }
  const met = r.timeRatio <= r.timeGoal;
  if (!met) missed++;
  say(
    `| \`${r.name}\` | ${f1(r.baseMs)} ms | ${f1(r.cliMs)} ms | ${f2(r.timeRatio)}× | ≤ ${r.timeGoal}× | ${met ? 'yes' : 'NO'} | ${f1(r.baseCpu)} → ${f1(r.cliCpu)} ms, ${f2(r.cliCpu / r.baseCpu)}× |`,
  );
  if (r.memoryGoal) {
    const ratio = r.cliMiB / r.baseMiB;
    const memMet = ratio <= r.memoryGoal;
    if (!memMet) missed++;
    say(
      `| \`${r.name}\`, peak RSS | ${f1(r.baseMiB)} MiB | ${f1(r.cliMiB)} MiB | ${f2(ratio)}× | ≤ ${r.memoryGoal}× | ${memMet ? 'yes' : 'NO'} | |`,
    );
  }
}

// What a chart costs in bytes: the chunk that only charts load, and the default grid chart (goal ≤ 100 kB).
const chunkBytes = statSync(fileURLToPath(new URL('../dist/charts.cjs', import.meta.url))).size;
const onnxChunk = readFileSync(fileURLToPath(new URL('../dist/onnx.cjs', import.meta.url)));
const resnet50OnnxBytes = statSync(RESNET50_ONNX).size;
spawnSync(process.execPath, [BIN, 'grid', '--svg', GRID_SVG]);
const gridChartBytes = statSync(GRID_SVG).size;
rmSync(CHART_DIR, { recursive: true, force: true });
say('');
say(`chart chunk dist/charts.cjs: ${(chunkBytes / 1024).toFixed(0)} KiB, loaded only by --svg, --png and --plot`);
say(
  `ONNX chunk dist/onnx.cjs: ${(onnxChunk.length / 1024).toFixed(0)} KiB (${(gzipSync(onnxChunk).length / 1024).toFixed(1)} KiB gzipped), loaded only by export --format onnx; resnet50.onnx: ${resnet50OnnxBytes.toLocaleString('en-US')} bytes`,
);
say(
  `default grid chart (wrn-calc grid --svg): ${gridChartBytes.toLocaleString('en-US')} bytes (goal ≤ 100 kB: ${gridChartBytes <= 100_000 ? 'met' : 'NOT met'})`,
);
if (gridChartBytes > 100_000) missed++;

// In process: distinct networks resolved and counted end to end (a grid of 1,000 depth/k pairs, each
// resolved, described and walked: no parts shared between them); the same count flat in depth; listing
// layers, linear in their number.
const DISTINCT = [];
for (let n = 1; n <= 100; n++) for (let k = 1; k <= 10; k++) DISTINCT.push({ blocksPerGroup: n, k });
const wrn2810 = resolveNetwork({ depth: 28, k: 10 });
const deep = resolveNetwork({ blocksPerGroup: 1_000_000, k: 1 });
const shallow = resolveNetwork({ blocksPerGroup: 4, k: 1 });
const bench = new Bench({ time: 500, warmup: true });
bench
  .add('1,000 distinct networks (resolve, describe, walk)', () => {
    for (const options of DISTINCT) totalsOfSpec(resolveNetwork(options));
  })
  .add('totals, WRN-28-10', () => totalsOfSpec(wrn2810))
  .add('totals, N = 4 (depth 28, k = 1)', () => totalsOfSpec(shallow))
  .add('totals, N = 1,000,000 (depth 6,000,004)', () => totalsOfSpec(deep))
  .add('layer listing, N = 4 (67 layers)', () => listLayers({ blocksPerGroup: 4, k: 10 }))
  .add('layer listing, N = 40 (715 layers)', () => listLayers({ blocksPerGroup: 40, k: 10 }));
await bench.run();
say('');
say('| core, in process | per second | mean |');
say('|---|---:|---:|');
const hz = {};
for (const task of bench.tasks) {
  const result = task.result;
  const perSecond = result.throughput?.mean ?? result.hz;
  const meanMs = result.latency?.mean ?? result.mean;
  hz[task.name] = perSecond;
  say(`| ${task.name} | ${Math.round(perSecond).toLocaleString('en-US')} | ${(meanMs * 1000).toFixed(2)} µs |`);
}
const networksRate = hz['1,000 distinct networks (resolve, describe, walk)'] * DISTINCT.length;
const flat = hz['totals, N = 1,000,000 (depth 6,000,004)'] / hz['totals, N = 4 (depth 28, k = 1)'];
const linear = hz['layer listing, N = 4 (67 layers)'] / hz['layer listing, N = 40 (715 layers)'];
say('');
say(
  `distinct networks resolved and counted: ${Math.round(networksRate).toLocaleString('en-US')}/s (goal ≥ 100,000/s: ${networksRate >= 1e5 ? 'met' : 'NOT met'})`,
);
say(`totals flat in depth: depth 6,000,004 runs at ${f2(flat)}× the rate of the same network at depth 28`);
say(`layer listing: 715 layers cost ${f1(linear)}× as much as 67 layers (${f1(715 / 67)}× the layers: linear)`);
if (networksRate < 1e5) missed++;

// The page: its script's size, and its own timings in Chromium.
missed += await benchPage({ say });
say(missed === 0 ? '\nAll goals met.' : `\n${missed} goal(s) missed.`);

// --write: the output, as printed, between docs/performance.md's markers.
if (process.argv.includes('--write')) {
  const page = fileURLToPath(new URL('../docs/performance.md', import.meta.url));
  const text = readFileSync(page, 'utf8');
  const start = text.indexOf('<!-- bench:start');
  const end = text.indexOf('<!-- bench:end -->');
  if (start === -1 || end === -1) throw new Error('docs/performance.md has no bench markers');
  const open = text.indexOf('\n', start) + 1;
  writeFileSync(page, `${text.slice(0, open)}\n\`\`\`text\n${printed.join('\n')}\n\`\`\`\n\n${text.slice(end)}`);
  console.log('\nWritten to docs/performance.md.');
}
