import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listLayers } from '../../src/core/index.js';
import { chromiumAvailable, launchChromium, openPage } from '../helpers/chromium.js';
import { runCli } from '../helpers/cli.js';
import type { PageLog } from '../helpers/chromium.js';

/*
 * The page in a real browser (Debian's Chromium, driven by playwright-core), opened
 * from file:// as a reader who downloaded it would. After every test: no console
 * error or warning (a refused inline style or connection would log one), no uncaught
 * error, no dialog, and no request but the page's own three files.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PAGE = pathToFileURL(join(ROOT, 'dist/web/index.html')).href;
const OWN_FILES = ['index.html', 'app.js', 'app.css'].map((name) => pathToFileURL(join(ROOT, 'dist/web', name)).href);
const SCREENSHOTS = join(ROOT, 'reports/screenshots');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const WRN_28_10 = '36,479,194';
const WRN_16_8 = '10,961,370';

let browser: Browser;
const open: { page: Page; log: PageLog }[] = [];

async function visit(search = '', options: Parameters<typeof openPage>[1] = {}): Promise<{ page: Page; log: PageLog }> {
  const opened = await openPage(browser, { viewport: { width: 1280, height: 900 }, ...options });
  open.push(opened);
  await opened.page.goto(`${PAGE}${search}`);
  await opened.page.waitForFunction(() => performance.getEntriesByName('wrn:first-totals').length > 0, null, { timeout: 15_000 });
  return opened;
}

/** Waits until the deferred views and the charts are drawn. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.charts === 'drawn', null, { timeout: 15_000 });
}

const paramsTotal = (page: Page) => page.locator('[data-total="params"]');

/** The params the CLI prints for the same options (its summary's exact figure). */
async function runParams(argv: readonly string[]): Promise<string> {
  const { stdout } = await runCli(argv);
  return /^Total params: +([0-9,]+) /m.exec(stdout)?.[1] ?? `no total in: ${stdout}`;
}

describe.skipIf(!chromiumAvailable())('the page in Chromium', () => {
  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/web/index.html'))) throw new Error('dist/web is not built: run npm run build first');
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async () => {
    for (const { page, log } of open.splice(0)) {
      expect(log.errors, 'uncaught errors').toEqual([]);
      expect(log.console, 'console errors and warnings').toEqual([]);
      expect(log.dialogs, 'dialogs').toEqual([]);
      expect(
        log.requests.map((url) => url.replace(/[?#].*$/, '')).filter((url) => !OWN_FILES.includes(url)),
        'requests',
      ).toEqual([]);
      await page.context().close();
    }
  });

  describe('counts', () => {
    it.each([
      ['', 'WRN-28-10', WRN_28_10],
      ['?depth=16&k=8', 'WRN-16-8', WRN_16_8],
      ['?model=resnet50', 'resnet50', '25,557,032'],
      ['?model=wide_resnet50_2', 'wide_resnet50_2', '68,883,240'],
    ])('%s shows %s: %s params', async (search, name, params) => {
      const { page } = await visit(search);
      await expect.poll(() => paramsTotal(page).textContent()).toBe(params);
      expect(await page.locator('#summary-title').textContent()).toBe(name);
      expect(await page.title()).toBe(`${name} · wrn-calc`);
      await settled(page);
    });

    it('the training step and the largest batch are the summary’s', async () => {
      const { page } = await visit('?model=WRN-16-8&batch=128&memory=16GiB&optimizer=adam');
      const cli = (await runCli(['WRN-16-8', '--batch', '128', '--memory', '16GiB', '--optimizer', 'adam'])).stdout;
      await expect.poll(() => page.locator('[data-training="maxBatch"]').textContent()).toBe(/Largest batch: +(.*)$/m.exec(cli)?.[1]);
      expect(await page.locator('[data-training="totalBytes"]').textContent()).toBe(/^ {2}Total: +(.*)$/m.exec(cli)?.[1]);
    });

    it('typing depth 16 and k 8 into the labelled fields updates the totals and the URL', async () => {
      const { page } = await visit();
      await page.getByLabel('depth', { exact: true }).pressSequentially('16', { delay: 30 });
      await page.getByLabel('k', { exact: true }).pressSequentially('8', { delay: 30 });
      await expect.poll(() => paramsTotal(page).textContent()).toBe(WRN_16_8);
      // The URL is written in the task after the numbers.
      await expect.poll(() => new URL(page.url()).search).toBe('?depth=16&k=8');
      await settled(page);
      const recomputes = await page.evaluate(() => performance.getEntriesByName('wrn:recompute').map((entry) => entry.duration));
      // One on load, then one per keystroke (3), each measured from the key's input event to the summary in the DOM.
      expect(recomputes.length).toBe(4);
      console.info(
        `page: recompute after a keystroke ${recomputes
          .slice(1)
          .map((ms) => `${ms.toFixed(1)} ms`)
          .join(', ')}`,
      );
    });

    it('first totals, a keystroke and the heat map are measured in the page', async () => {
      const { page } = await visit();
      await settled(page);
      const times = await page.evaluate(() => ({
        firstTotals: performance.getEntriesByName('wrn:first-totals')[0]?.startTime ?? Number.NaN,
        grid: performance.getEntriesByName('wrn:grid')[0]?.duration ?? Number.NaN,
        charts: performance.getEntriesByName('wrn:charts')[0]?.duration ?? Number.NaN,
      }));
      for (const value of Object.values(times)) expect(value).toBeGreaterThan(0);
      console.info(
        `page: first totals ${times.firstTotals.toFixed(0)} ms after navigation, heat map ${times.grid.toFixed(1)} ms, charts ${times.charts.toFixed(0)} ms (goals: npm run bench)`,
      );
    });
  });

  describe('errors where they happen', () => {
    it("?depth=27 shows the core's sentence beside depth and no total", async () => {
      const { page } = await visit('?depth=27');
      await expect
        .poll(() => page.locator('#f-depth-error').textContent())
        .toBe('Depth 27 does not fit the block (depth = 3·N·2 + 4 for a block of 2 convs); the nearest valid depths are 22 or 28.');
      expect(await page.getByLabel('depth', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('[data-total]').count()).toBe(0);
      expect(await page.locator('#summary-title').textContent()).toBe('No network');
      expect(await page.locator('#grid-map table').count()).toBe(0);
    });

    it('a fixed value brings the numbers back and clears the sentence', async () => {
      const { page } = await visit('?depth=27');
      const depth = page.getByLabel('depth', { exact: true });
      await depth.fill('28');
      await expect.poll(() => paramsTotal(page).textContent()).toBe(WRN_28_10);
      expect(await page.locator('#f-depth-error').textContent()).toBe('');
      expect(await depth.getAttribute('aria-invalid')).toBeNull();
    });
  });

  describe('the URL holds the view', () => {
    it('the back button goes back through the edits', async () => {
      const { page } = await visit();
      await page.getByLabel('depth', { exact: true }).pressSequentially('16');
      await page.getByLabel('depth', { exact: true }).blur();
      await page.getByLabel('order', { exact: true }).selectOption('post');
      await expect.poll(() => new URL(page.url()).search).toBe('?depth=16&order=post');
      await page.goBack();
      await expect.poll(() => new URL(page.url()).search).toBe('?depth=16');
      expect(await page.getByLabel('order', { exact: true }).inputValue()).toBe('');
      await expect.poll(() => page.locator('#summary-title').textContent()).toBe('WRN-16-10');
      await page.goBack();
      await expect.poll(() => new URL(page.url()).search).toBe('');
      expect(await page.getByLabel('depth', { exact: true }).inputValue()).toBe('');
      await expect.poll(() => paramsTotal(page).textContent()).toBe(WRN_28_10);
    });

    it('a compare link shows all its models, with ratios to the first, and its chart', async () => {
      const { page } = await visit('?compare=WRN-40-4,WRN-16-8');
      await settled(page);
      expect(await page.locator('#compare-table tbody th').allTextContents()).toEqual(['WRN-28-10', 'WRN-40-4', 'WRN-16-8']);
      const rows = await page.locator('#compare-table tbody tr').allTextContents();
      expect(rows[1]).toContain('8,949,210');
      expect(rows[2]).toContain(WRN_16_8);
      expect(rows[0]).toContain('×1.00');
      expect(await page.locator('#compare-chart svg[role="img"]').getAttribute('aria-label')).toMatch(
        /^WRN-28-10 vs WRN-40-4 vs WRN-16-8\./,
      );
      expect(await page.getByLabel('compare', { exact: true }).inputValue()).toBe('WRN-40-4,WRN-16-8');
    });

    it('a heat-map cell shows its network, from the keyboard too, and keeps the focus', async () => {
      const { page } = await visit();
      await settled(page);
      expect(await page.locator('#grid-map button[aria-current="true"]').getAttribute('aria-label')).toBe('WRN-28-10: 36.5M params');
      await page.locator('#grid-map button[data-depth="16"][data-k="8"]').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => paramsTotal(page).textContent()).toBe(WRN_16_8);
      // The URL is written in the task after the numbers.
      await expect.poll(() => new URL(page.url()).search).toBe('?depth=16&k=8');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('WRN-16-8: 11.0M params');
    });

    it('every layer on demand (the layers switch), one row each', async () => {
      const { page } = await visit('?depth=16&k=4');
      const toggle = page.getByRole('button', { name: /^Show every layer/ });
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await toggle.focus();
      await page.keyboard.press('Space');
      await expect.poll(() => new URL(page.url()).search).toBe('?depth=16&k=4&layers');
      await expect.poll(() => page.locator('#layers-body tbody tr').count()).toBeGreaterThan(0);
      const rows = await page.locator('#layers-body tbody tr').count();
      const count = await page.evaluate(() => document.getElementById('layers-toggle')?.getAttribute('aria-expanded'));
      expect(count).toBe('true');
      // The rows of the CLI's --layers table for the same network.
      expect(rows).toBe(listLayers({ depth: 16, k: 4 }).layers.length);
      expect(await page.locator('#layers-body tbody th').allTextContents()).toEqual(
        listLayers({ depth: 16, k: 4 }).layers.map((layer) => layer.name),
      );
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('layers-toggle');
    });

    it('a network too deep to list keeps its numbers; the layers and compare say why beside their controls', async () => {
      const { page } = await visit('?blocks-per-group=20000&k=1&layers&compare=resnet51');
      await settled(page);
      expect(await paramsTotal(page).textContent()).toBe(await runParams(['--blocks-per-group', '20000', '--k', '1']));
      const cli = await runCli(['--blocks-per-group', '20000', '--k', '1', '--layers']);
      expect(`wrn-calc: ${await page.locator('#f-layers-error').textContent()}\n`).toBe(cli.stderr);
      expect(await page.locator('#f-compare-error').textContent()).toMatch(/^Model 'resnet51' is not known; did you mean resnet50/);
    });

    it('the single-block view reads c → 2c → c from the core', async () => {
      const { page } = await visit();
      await settled(page);
      expect(await page.locator('#block-body .reading').textContent()).toBe(
        'At k = 2, widening only the inner convs, c → 2c → c (16 → 32 → 16), gives 9,312 params, ×1.99 the k = 1 block; the WRN block, 2c → 2c (32 → 32) throughout, gives 18,560, ×3.97.',
      );
      expect(await page.locator('#block-chart svg[role="img"]').getAttribute('aria-label')).toMatch(/^Block params against k/);
    });

    it('the charts are the chart module’s, without Plot’s inline style elements', async () => {
      const { page } = await visit();
      await settled(page);
      expect(await page.locator('#grid-chart svg[role="img"]').getAttribute('aria-label')).toBe(
        'Parameters against depth, one line per widening factor k. CIFAR family · B(3,3) · cifar10 (3×32×32, 10 classes)',
      );
      expect(await page.locator('svg style').count()).toBe(0);
      expect(await page.locator('#grid-chart text').filter({ hasText: /^k = / }).count()).toBe(6);
    });
  });

  describe('safe with anything in the URL', () => {
    /** Elements a default page has: hostile input must not add any beyond the few its sentences take. */
    async function elementCount(page: Page): Promise<number> {
      return page.evaluate(() => document.getElementsByTagName('*').length);
    }

    it('?model=<img src=x onerror=alert(1)>: no dialog, no element from it, the sentence shown', async () => {
      const { page, log } = await visit(`?model=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
      await expect
        .poll(() => page.locator('#f-model-error').textContent())
        .toBe(
          "--model must be a model name such as WRN-28-10, resnet50 or wide_resnet50_2 (letters, digits, _ . -), got '<img src=x onerror=alert(1)>'.",
        );
      expect(await page.locator('img, iframe, object, embed, [onerror]').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(1);
      expect(await page.getByLabel('model', { exact: true }).inputValue()).toBe('<img src=x onerror=alert(1)>');
      expect(log.dialogs).toEqual([]);
    });

    it('?depth=1e308&k=-0: a sentence for each', async () => {
      const { page } = await visit('?depth=1e308&k=-0');
      await expect
        .poll(() => page.locator('#f-depth-error').textContent())
        .toBe("--depth must be a whole number ≥ 1 (e.g. 28), got '1e308'.");
      expect(await page.locator('#f-k-error').textContent()).toBe("--k must be a positive decimal number (e.g. 10), got '-0'.");
      expect(await page.locator('[data-total]').count()).toBe(0);
    });

    it('compare with 10,000 names, and a 100 kB query: one sentence each, and the page still answers', async () => {
      const { page: plain } = await visit();
      await settled(plain);
      const baseline = await elementCount(plain);
      const names = Array.from({ length: 10_000 }, (_, i) => `m${i}`).join(',');
      const { page } = await visit(`?compare=${names}&depth=${'9'.repeat(100_000)}`);
      expect(new URL(page.url()).search.length).toBeGreaterThan(100_000);
      await expect
        .poll(() => page.locator('#f-depth-error').textContent())
        .toMatch(/^--depth must be a whole number ≥ 1 \(e\.g\. 28\), got '9{100}…'\.$/);
      // The depth is refused first, so there is no network to compare with; fixing it brings both.
      const depth = page.getByLabel('depth', { exact: true });
      await depth.fill('16');
      await expect
        .poll(() => page.locator('#f-compare-error').textContent())
        .toBe('compare takes at most 3 models beside this one (4 side by side), got 10,000 names.');
      await expect.poll(() => paramsTotal(page).textContent()).toBe('17,116,634');
      await settled(page);
      expect(await elementCount(page)).toBeLessThan(baseline + 20);
      const recompute = await page.evaluate(() => performance.getEntriesByName('wrn:recompute').at(-1)?.duration ?? Number.NaN);
      console.info(`page: recompute with a 100 kB query and 10,000 compare names: ${recompute.toFixed(1)} ms`);
    });
  });

  describe('made for people', () => {
    it('every control has a visible label that starts with its option name', async () => {
      const { page } = await visit();
      await settled(page);
      const unlabelled = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select'))
          .filter((control) => {
            const label = control.labels?.[0];
            const name = control.getAttribute('name') ?? '';
            return label === undefined || label.offsetParent === null || !label.textContent?.startsWith(name) || name === '';
          })
          .map((control) => control.id),
      );
      expect(unlabelled).toEqual([]);
      expect(await page.locator('input, select').count()).toBe(23);
    });

    it('keyboard only: Tab reaches the fields in order, typing counts, the focus is visible', async () => {
      const { page } = await visit();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip the options, to the tables and charts');
      const order: string[] = [];
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press('Tab');
        order.push(await page.evaluate(() => document.activeElement?.id ?? ''));
      }
      // The answer comes first: its command line scrolls, so a keyboard can reach it; then the fields.
      expect(order).toEqual(['command', 'f-model', 'f-family', 'f-depth']);
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
      expect(outline).toBe('solid');
      await page.keyboard.type('16');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-k');
      await page.keyboard.type('8');
      await expect.poll(() => paramsTotal(page).textContent()).toBe(WRN_16_8);
    });

    it.each(['light', 'dark'] as const)('axe-core finds no serious violation (%s)', async (colorScheme) => {
      const { page } = await visit('?compare=WRN-40-4&layers&depth=16&k=4', { colorScheme });
      await settled(page);
      await page.evaluate(AXE);
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                context: Document,
                options: { preload: boolean },
              ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
            };
          }
        ).axe;
        // No preload: axe would fetch the style sheet again, a connection the page's CSP refuses.
        const result = await axe.run(document, { preload: false });
        return result.violations.map((violation) => ({
          id: violation.id,
          impact: violation.impact,
          nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
        }));
      });
      expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
      if (violations.length > 0) console.info(`axe (${colorScheme}), minor: ${JSON.stringify(violations)}`);
    });

    it.each([
      ['default', ''],
      ['compare and every layer', '?compare=WRN-40-4,resnet50,WRN-16-8&layers'],
      ['an error', `?depth=27&model=${'x'.repeat(500)}`],
    ])('at 360 px the page does not scroll sideways (%s)', async (_, search) => {
      const { page } = await visit(search, { viewport: { width: 360, height: 800 } });
      await page.waitForFunction(() => document.getElementById('grid-map')?.childElementCount !== 0, null, { timeout: 15_000 });
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    });

    it.each([
      [1280, 'light'],
      [1280, 'dark'],
      [360, 'light'],
      [360, 'dark'],
    ] as const)('a screenshot at %i px (%s), written to reports/screenshots', async (width, colorScheme) => {
      const { page } = await visit('?compare=WRN-40-4,WRN-16-8', { viewport: { width, height: 900 }, colorScheme });
      await settled(page);
      const path = join(SCREENSHOTS, `page-${width}-${colorScheme}.png`);
      await page.screenshot({ path, fullPage: true });
      expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG');
    });
  });
});
