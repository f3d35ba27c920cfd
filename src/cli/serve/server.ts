import { createRequire } from 'node:module';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/*
 * `wrn-calc serve`: the page's own files from memory, on the loopback interface
 * only. A fixed table maps the few request paths there are to those files; a
 * path is looked up exactly as it arrives (never decoded, joined or normalised),
 * so `/../package.json`, `/%2e%2e%2f…`, `/app.js%00` and absolute paths are
 * simply not in the table: 404, with no file's content. This module is loaded
 * only by `serve` (node:http with it).
 */

// Built-ins through require, as the CLI's other modules load them (an ESM import of one copies all its exports).
const require = createRequire(import.meta.url);

/** Request path → the page's file. `/` is the page itself. */
export const ROUTES: Readonly<Record<string, string>> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/app.js': 'app.js',
  '/app.css': 'app.css',
  '/app.js.LEGAL.txt': 'app.js.LEGAL.txt',
};

/** Browsers ask for an icon of their own accord; the page has none, and says so without an error. */
const NO_CONTENT: ReadonlySet<string> = new Set(['/favicon.ico']);

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

export const HOST = '127.0.0.1';

export interface PageServer {
  readonly url: string;
  readonly close: () => Promise<void>;
}

/** The page's Content-Security-Policy as its <meta> states it; the header adds what a <meta> cannot say. */
export function contentSecurityPolicy(indexHtml: string): string {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(indexHtml)?.[1];
  if (meta === undefined) throw new Error('the page has no Content-Security-Policy <meta>');
  return `${meta}; frame-ancestors 'none'`;
}

/** The page's files, read once when the server starts: a request never touches the file system. */
export function readPage(directory: URL): Map<string, Buffer> {
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  const files = new Map<string, Buffer>();
  for (const name of new Set(Object.values(ROUTES))) files.set(name, readFileSync(new URL(name, directory)));
  return files;
}

function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: Buffer | string,
  head: boolean,
  headers: Record<string, string>,
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  response.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': String(bytes.length) });
  response.end(head ? undefined : bytes);
}

/** The request handler: GET and HEAD of the table's paths, from this host only. */
export function pageHandler(files: ReadonlyMap<string, Buffer>, port: () => number) {
  const index = files.get('index.html')?.toString('utf8') ?? '';
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy(index),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
  return (request: IncomingMessage, response: ServerResponse): void => {
    const head = request.method === 'HEAD';
    if (request.method !== 'GET' && !head) {
      send(response, 405, TYPES.txt ?? '', 'Only GET and HEAD.\n', false, { ...headers, Allow: 'GET, HEAD' });
      return;
    }
    // A page read through another host name (DNS rebinding) is refused: only the names this server printed.
    const host = request.headers.host ?? '';
    if (host !== `${HOST}:${port()}` && host !== `localhost:${port()}`) {
      send(response, 421, TYPES.txt ?? '', 'This server answers only as 127.0.0.1 or localhost.\n', head, headers);
      return;
    }
    const path = (request.url ?? '').split('?')[0] ?? '';
    if (NO_CONTENT.has(path)) {
      response.writeHead(204, headers);
      response.end();
      return;
    }
    const name = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
    const body = name === undefined ? undefined : files.get(name);
    if (name === undefined || body === undefined) {
      send(response, 404, TYPES.txt ?? '', 'Not found.\n', head, headers);
      return;
    }
    send(response, 200, TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream', body, head, headers);
  };
}

/** Serves the page from `directory` on 127.0.0.1:`port` (0: any free port); resolves once it listens. */
export function servePage(directory: URL, port: number): Promise<PageServer> {
  const { createServer } = require('node:http') as typeof import('node:http');
  const files = readPage(directory);
  let listening = port;
  const server: Server = createServer(pageHandler(files, () => listening));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      const address = server.address();
      listening = typeof address === 'object' && address !== null ? address.port : port;
      resolve({
        url: `http://${HOST}:${listening}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
