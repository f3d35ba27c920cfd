import { existsSync } from 'node:fs';
import type { Browser, BrowserContextOptions, ConsoleMessage, Dialog, Page, Request } from 'playwright-core';

/*
 * Debian's Chromium driven by playwright-core (which never downloads a browser of
 * its own). CI installs the package (.ci/run) and there these tests never skip: a
 * missing Chromium fails the run. Elsewhere they skip with one line naming the package.
 */

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'];

export const CHROMIUM = CANDIDATES.find((path): path is string => path !== undefined && path !== '' && existsSync(path));

export const IN_CI = process.env.CI === 'true';

/** Whether the browser tests run here; when not, the one line that says why. */
export function chromiumAvailable(): boolean {
  if (CHROMIUM !== undefined || IN_CI) return true;
  console.warn('skipped: the page tests need Chromium: apt-get install chromium (Debian), or set CHROMIUM_PATH');
  return false;
}

/**
 * Headless, and quiet on the network: without these flags Chromium reaches out at start
 * (component updates, sync, safe browsing), which a test of "no network request" must not see
 * and which a machine without a network refuses loudly.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--metrics-recording-only',
  '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication',
];

export async function launchChromium(): Promise<Browser> {
  if (CHROMIUM === undefined) throw new Error('Chromium is not installed: apt-get install chromium (Debian), or set CHROMIUM_PATH');
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** What a page did that a test asserts on: console errors and warnings, uncaught errors, dialogs, requests. */
export interface PageLog {
  readonly console: string[];
  readonly errors: string[];
  readonly dialogs: string[];
  readonly requests: string[];
}

export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<{ page: Page; log: PageLog }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const log: PageLog = { console: [], errors: [], dialogs: [], requests: [] };
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' || message.type() === 'warning') log.console.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error: Error) => log.errors.push(error.message));
  page.on('dialog', (dialog: Dialog) => {
    log.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request: Request) => log.requests.push(request.url()));
  return { page, log };
}
