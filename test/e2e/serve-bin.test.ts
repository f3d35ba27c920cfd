import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { chromiumAvailable, launchChromium, openPage } from '../helpers/chromium.js';

/*
 * `wrn-calc serve` as a user runs it: the built bin in its own process, stopped by its
 * id. Requests go out raw (curl --path-as-is, and bytes on a socket), so that nothing
 * between the test and the server normalises a path before the server sees it.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/wrn-calc.cjs', import.meta.url));
/** What the build writes: the server answers each of these files and nothing else. */
const PAGE_FILES = readdirSync(new URL('../../dist/web/', import.meta.url)).sort();

interface Served {
  readonly child: ChildProcess;
  readonly url: string;
  readonly line: string;
}

const started: ChildProcess[] = [];

/** Starts `wrn-calc serve …` and resolves with the line it prints once it listens. */
function serve(args: readonly string[]): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:[0-9]+\//.exec(out)?.[0];
      if (url !== undefined && out.endsWith('\n')) resolve({ child, url, line: out });
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

/** One request with its path exactly as given, as bytes on a socket; the status line and body. */
function rawRequest(url: string, path: string, host = new URL(url).host): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 ([0-9]{3})/.exec(data)?.[1]);
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
    socket.on('error', reject);
  });
}

const hasCurl = spawnSync('curl', ['--version']).status === 0;

function curl(url: string, path: string): { status: number; body: string } {
  const result = spawnSync(
    'curl',
    ['--silent', '--path-as-is', '--output', '-', '--write-out', '\n%{http_code}', `${url.replace(/\/$/, '')}${path}`],
    {
      encoding: 'utf8',
    },
  );
  const lines = result.stdout.split('\n');
  return { status: Number(lines.pop()), body: lines.join('\n') };
}

/** Attempts to reach files outside the page, or the page's by another spelling: each must be 404 with no file's content. */
const HOSTILE_PATHS = [
  '/../package.json',
  '/../../package.json',
  '/%2e%2e%2fpackage.json',
  '/%2e%2e/%2e%2e/package.json',
  '/..%2f..%2fpackage.json',
  '/app.js%00',
  '/app.js%00.html',
  '/index.html/..',
  '//etc/passwd',
  '/etc/passwd',
  '/dist/web/index.html',
  '/web/app.js',
  '/APP.JS',
  '/app.js/',
  '/.',
  '/cli.cjs',
  '/%2fetc%2fpasswd',
  '/app.js.cache',
];

const PACKAGE_JSON = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');

afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGTERM');
});

describe('wrn-calc serve', () => {
  let served: Served;

  beforeAll(async () => {
    served = await serve(['--port', '0']);
  }, 30_000);

  it('prints where the page is, on 127.0.0.1', () => {
    expect(served.line).toMatch(
      /^wrn-calc: the page is at http:\/\/127\.0\.0\.1:[0-9]+\/ \(only this computer can reach it; Ctrl-C stops the server\)\n$/,
    );
  });

  it('answers the page’s own files, byte for byte, with their types and the page’s CSP', async () => {
    expect(PAGE_FILES).toEqual(['app.css', 'app.js', 'app.js.LEGAL.txt', 'index.html']);
    for (const name of PAGE_FILES) {
      const response = await fetch(`${served.url}${name}`);
      expect(response.status, name).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(new URL(`../../dist/web/${name}`, import.meta.url))), name).toBe(
        true,
      );
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const index = await fetch(served.url);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toBe(readFileSync(new URL('../../dist/web/index.html', import.meta.url), 'utf8'));
    const meta = /content="(default-src[^"]+)"/.exec(readFileSync(new URL('../../dist/web/index.html', import.meta.url), 'utf8'))?.[1];
    expect(index.headers.get('content-security-policy')).toBe(`${meta}; frame-ancestors 'none'`);
    expect((await fetch(`${served.url}app.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each(HOSTILE_PATHS)('raw %s: 404 and no file content', async (path) => {
    const response = await rawRequest(served.url, path);
    expect(response).toEqual({ status: 404, body: 'Not found.\n' });
  });

  it.skipIf(!hasCurl && process.env.CI !== 'true')('the same with curl --path-as-is', () => {
    for (const path of HOSTILE_PATHS) {
      const response = curl(served.url, path);
      expect(response, path).toEqual({ status: 404, body: 'Not found.\n' });
      expect(response.body).not.toContain(PACKAGE_JSON.slice(0, 40));
    }
    expect(curl(served.url, '/app.css').status).toBe(200);
  });

  it('an absolute-form request target, another Host, or a method other than GET and HEAD is refused', async () => {
    expect((await rawRequest(served.url, `${served.url}app.js`)).status).toBe(404);
    expect((await rawRequest(served.url, '/', 'evil.example:80')).status).toBe(421);
    const post = await fetch(served.url, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const head = await fetch(served.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    // Browsers ask for an icon of their own accord: no content, and no error in the page's console.
    const icon = await rawRequest(served.url, '/favicon.ico');
    expect(icon).toEqual({ status: 204, body: '' });
  });

  it('listens on 127.0.0.1 only', async () => {
    const { port } = new URL(served.url);
    const other = spawnSync('hostname', ['-I'], { encoding: 'utf8' })
      .stdout.trim()
      .split(/\s+/)
      .find((address) => /^[0-9.]+$/.test(address));
    if (other !== undefined) await expect(fetch(`http://${other}:${port}/`)).rejects.toThrow();
    await expect(fetch(`http://[::1]:${port}/`)).rejects.toThrow();
  });

  it('a port in use, or not a port, is one sentence and exit code 2', async () => {
    const { port } = new URL(served.url);
    const taken = spawnSync(process.execPath, [BIN, 'serve', '--port', port], { encoding: 'utf8' });
    expect(taken).toMatchObject({
      status: 2,
      stdout: '',
      stderr: `wrn-calc: --port ${port}: 127.0.0.1:${port} is in use; give another port, or --port 0 for any free one.\n`,
    });
    expect(await runCli(['serve', '--port', '70000'])).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'wrn-calc: --port must be a port number from 0 to 65535, got 70000.\n',
    });
    expect((await runCli(['serve', '--port', 'http'])).stderr).toBe(
      "wrn-calc: --port must be a whole number ≥ 0 (e.g. 8000), got 'http'.\n",
    );
  });

  it('its --help fits 60 columns', async () => {
    const help = await runCli(['serve', '--help'], { columns: 60 });
    expect(help.exitCode).toBe(0);
    for (const line of help.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(60);
  });

  it('runs the examples of its --help', async () => {
    const help = (await runCli(['serve', '--help'])).stdout;
    const examples = help
      .slice(help.indexOf('\nExamples:\n'))
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('wrn-calc serve'));
    expect(examples).toEqual(['wrn-calc serve', 'wrn-calc serve --port 8123', 'wrn-calc serve --port 0']);
    for (const example of examples) {
      const run = await serve(example.split(' ').slice(2));
      expect(run.url).toMatch(example.endsWith('0') ? /:[0-9]+\/$/ : example.endsWith('8123') ? /:8123\/$/ : /:8000\/$/);
      expect((await fetch(run.url)).status).toBe(200);
      run.child.kill('SIGTERM');
    }
  }, 30_000);
});

describe.skipIf(!chromiumAvailable())('the served page in Chromium', () => {
  it('shows WRN-28-10 and asks the server for its own three files only', async () => {
    const served = await serve(['--port', '0']);
    const browser = await launchChromium();
    try {
      const { page, log } = await openPage(browser);
      const response = await page.goto(`${served.url}?depth=16&k=8`);
      expect(response?.headers()['content-security-policy']).toContain("connect-src 'none'");
      await page.waitForFunction(() => document.documentElement.dataset.charts === 'drawn', null, { timeout: 15_000 });
      expect(await page.locator('[data-total="params"]').textContent()).toBe('10,961,370');
      expect(log.console).toEqual([]);
      expect(log.errors).toEqual([]);
      expect(log.requests.map((url) => url.replace(/\?.*$/, ''))).toEqual([served.url, `${served.url}app.css`, `${served.url}app.js`]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
