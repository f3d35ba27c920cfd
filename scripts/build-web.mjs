// Builds the page into dist/web/: index.html (src/web/index.html as written), app.js (src/web/main.ts with the core,
// the CLI's option table and parsers, and the chart module with Observable Plot: one minified script for browsers),
// app.css (src/web/app.css, minified) and app.js.LEGAL.txt (the licences of the packages inlined into app.js).
// Fixed names and no inline code: the page's Content-Security-Policy allows its own script and style sheet only.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { writeNotices } from './bundle/notices.mjs';

export const WEB_DIR = 'dist/web';

/**
 * The page imports the CLI's option table for its names, help and parsers; the table's
 * module also imports commander's Option to make the CLI's flags, which the page never
 * does. commander (CommonJS, so not tree-shaken) is replaced by a stub that throws if used.
 */
const noCommander = {
  name: 'no-commander',
  setup(builder) {
    builder.onResolve({ filter: /^commander$/ }, () => ({ path: 'commander', namespace: 'stub-commander' }));
    builder.onLoad({ filter: /.*/, namespace: 'stub-commander' }, () => ({
      contents: "export class Option { constructor() { throw new Error('the page makes no command-line options'); } }",
      loader: 'js',
    }));
  },
};

/** For measuring the page's own code: Observable Plot (and the d3 it brings) left out. */
const noChartLibrary = {
  name: 'no-chart-library',
  setup(builder) {
    builder.onResolve({ filter: /^@observablehq\/plot$/ }, () => ({ path: 'plot', namespace: 'stub-plot' }));
    builder.onLoad({ filter: /.*/, namespace: 'stub-plot' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/** The page's script; `withoutChartLibrary` builds it with Plot stubbed out (for its size only, never shipped). */
export async function buildScript({ write = true, withoutChartLibrary = false } = {}) {
  return build({
    entryPoints: ['src/web/main.ts'],
    outfile: `${WEB_DIR}/app.js`,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    // Chromium, Firefox and Safari of the last few years; nothing the page uses needs more.
    target: ['chrome100', 'firefox100', 'safari15'],
    minify: true,
    legalComments: 'none',
    logLevel: withoutChartLibrary ? 'error' : 'warning',
    metafile: true,
    write,
    plugins: withoutChartLibrary ? [noCommander, noChartLibrary] : [noCommander],
  });
}

/** Gzipped sizes in bytes: the page's script as shipped, and the same without the chart library. */
export async function scriptSizes() {
  const gzipped = async (withoutChartLibrary) => {
    const result = await buildScript({ write: false, withoutChartLibrary });
    const bytes = result.outputFiles[0].contents;
    return { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  return { withChartLibrary: await gzipped(false), withoutChartLibrary: await gzipped(true) };
}

export async function buildPage() {
  rmSync(WEB_DIR, { recursive: true, force: true });
  mkdirSync(WEB_DIR, { recursive: true });
  const script = await buildScript();
  writeNotices(`${WEB_DIR}/app.js`, script.metafile);
  await build({
    entryPoints: ['src/web/app.css'],
    outfile: `${WEB_DIR}/app.css`,
    minify: true,
    logLevel: 'warning',
    target: ['chrome100', 'firefox100', 'safari15'],
  });
  copyFileSync('src/web/index.html', `${WEB_DIR}/index.html`);
}

if (import.meta.url === `file://${process.argv[1]}`) await buildPage();
