// The page's part of `npm run bench`: its script's size (gzipped, with and without the chart library) and, in
// Debian's Chromium (headless, playwright-core), the time to its first totals, to recompute after a keystroke and
// to draw the heat map, as the page measures them itself (performance.mark/measure: wrn:first-totals,
// wrn:recompute, wrn:grid). Medians over several loads and keystrokes; the machine is shared, so single runs vary.
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { scriptSizes } from '../build-web.mjs';

const WEB = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const PAGE = pathToFileURL(join(WEB, 'index.html')).href;
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((path) => path && existsSync(path));
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];

export const PAGE_GOALS = { scriptKiB: 60, withChartsKiB: 250, firstTotalsMs: 300, keystrokeMs: 16, heatMapMs: 50 };

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * The same page with a script that only marks its first frame: what loading any page costs on this machine
 * now, the baseline the page's first totals are read against (as the CLI's times are read against node -e 0).
 */
function baselinePage() {
  const dir = mkdtempSync(join(tmpdir(), 'wrn-calc-page-baseline-'));
  for (const name of ['index.html', 'app.css']) copyFileSync(join(WEB, name), join(dir, name));
  writeFileSync(join(dir, 'app.js'), "requestAnimationFrame(() => performance.mark('wrn:first-totals'));\n");
  return { url: pathToFileURL(join(dir, 'index.html')).href, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

async function firstTotalsOf(browser, url) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('wrn:first-totals').length > 0);
  const time = await page.evaluate(() => performance.getEntriesByName('wrn:first-totals')[0].startTime);
  await page.close();
  return time;
}

async function browserTimes(loads) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const baseline = baselinePage();
  try {
    // Alternating loads of the page and the baseline, so that the machine's load hits both alike.
    const firstTotals = [];
    const baselineFrames = [];
    for (let i = 0; i < loads; i++) {
      firstTotals.push(await firstTotalsOf(browser, `${PAGE}?run=${i}`));
      baselineFrames.push(await firstTotalsOf(browser, `${baseline.url}?run=${i}`));
    }
    const page = await browser.newPage();
    await page.goto(PAGE);
    await page.waitForFunction(() => globalThis.document.documentElement.dataset.charts === 'drawn');
    const depth = page.getByLabel('depth', { exact: true });
    for (const value of ['16', '22', '28', '40', '16', '22', '28']) {
      await depth.fill('');
      await depth.pressSequentially(value, { delay: 80 });
    }
    // The heat map recomputes when its network or metric changes: the metric, round the five of them, twice.
    const metric = page.getByLabel('metric', { exact: true });
    for (const name of [
      'macs',
      'memory',
      'train-memory',
      'receptive-field',
      'params',
      'macs',
      'memory',
      'train-memory',
      'receptive-field',
      'params',
    ]) {
      await metric.selectOption(name);
      await page.waitForTimeout(150);
    }
    const measures = await page.evaluate(() => ({
      recompute: performance.getEntriesByName('wrn:recompute').map((entry) => entry.duration),
      grid: performance.getEntriesByName('wrn:grid').map((entry) => entry.duration),
    }));
    // The first recompute is the page's start (it builds the form); the rest are keystrokes.
    return { firstTotals, baselineFrames, keystrokes: measures.recompute.slice(1), grid: measures.grid };
  } finally {
    await browser.close();
    baseline.remove();
  }
}

/** Prints the page's lines of the bench (through `say`); returns how many goals were missed. */
export async function benchPage({ loads = 11, say = console.log } = {}) {
  let missed = 0;
  const sizes = await scriptSizes();
  const kib = (bytes) => bytes / 1024;
  const own = kib(sizes.withoutChartLibrary.gzip);
  const all = kib(sizes.withChartLibrary.gzip);
  say('');
  say('| the page (dist/web/) | measured | goal | met |');
  say('|---|---:|---:|---|');
  const row = (name, value, unit, goal, digits = 1) => {
    const met = value <= goal;
    if (!met) missed++;
    say(`| ${name} | ${value.toFixed(digits)} ${unit} | ≤ ${goal} ${unit} | ${met ? 'yes' : 'NO'} |`);
  };
  row('app.js without the chart library, gzipped', own, 'KiB', PAGE_GOALS.scriptKiB);
  row('app.js with Observable Plot and d3, gzipped', all, 'KiB', PAGE_GOALS.withChartsKiB);
  if (CHROMIUM === undefined) {
    say('| times in Chromium | not available (apt-get install chromium) | | |');
    return missed;
  }
  const times = await browserTimes(loads);
  row(
    `first totals after navigation, median of ${times.firstTotals.length} loads`,
    median(times.firstTotals),
    'ms',
    PAGE_GOALS.firstTotalsMs,
    0,
  );
  row(`recompute after a keystroke, median of ${times.keystrokes.length}`, median(times.keystrokes), 'ms', PAGE_GOALS.keystrokeMs);
  row(`heat map (count and draw), median of ${times.grid.length}`, median(times.grid), 'ms', PAGE_GOALS.heatMapMs);
  say(
    `the same page with a script that only waits for its first frame: median ${median(times.baselineFrames).toFixed(0)} ms (${Math.min(...times.baselineFrames).toFixed(0)}–${Math.max(...times.baselineFrames).toFixed(0)}), so the page's own first totals cost about ${(median(times.firstTotals) - median(times.baselineFrames)).toFixed(0)} ms`,
  );
  say(
    `spread: first totals ${Math.min(...times.firstTotals).toFixed(0)}–${Math.max(...times.firstTotals).toFixed(0)} ms; keystrokes 90th percentile ${quantile(times.keystrokes, 0.9).toFixed(1)} ms, slowest ${Math.max(...times.keystrokes).toFixed(1)} ms; heat map slowest ${Math.max(...times.grid).toFixed(1)} ms (the first, before V8 has compiled it)`,
  );
  return missed;
}
