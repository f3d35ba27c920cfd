// Builds the CLI: dist/cli.cjs (one CommonJS bundle), dist/charts.cjs (the chart chunk, loaded only for --svg,
// --png and --plot), dist/onnx.cjs (the ONNX chunk, loaded only by export --format onnx), dist/cli-loader.cjs
// (their loader, scripts/bundle/cli-loader.cjs), a LEGAL.txt beside each bundle (the licenses of the packages
// and files inlined into it) and a .cache beside each (V8's code cache, made by running the commands once; used
// where it was built, not packed).
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { writeNotices } from './bundle/notices.mjs';
import { keepSources } from './bundle/source-map.mjs';

/**
 * commander requires node:child_process at load time for executable subcommands,
 * which wrn-calc does not use; loading it (and the net, dgram and stream modules
 * it pulls in) costs several milliseconds of every start-up. Give commander a stub.
 */
const noChildProcess = {
  name: 'no-child-process',
  setup(builder) {
    builder.onResolve({ filter: /^(node:)?child_process$/ }, () => ({ path: 'child_process', namespace: 'stub' }));
    builder.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: "export function spawn() { throw new Error('wrn-calc does not run executable subcommands'); }",
      loader: 'js',
    }));
  },
};

/**
 * cli-table3 colours its header and borders through @colors/colors, which it requires
 * inside a try/catch only when a table sets head or border colours. wrn-calc's tables
 * set none (the renderers paint their cells with chalk), so the bundle gets an empty
 * stub instead of the package: nothing of it would run.
 */
const noColors = {
  name: 'no-colors',
  setup(builder) {
    builder.onResolve({ filter: /^@colors\/colors(\/.*)?$/ }, () => ({ path: 'colors', namespace: 'stub-colors' }));
    builder.onLoad({ filter: /.*/, namespace: 'stub-colors' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/**
 * The chunks stay out of the CLI bundle: src/cli/chart-chunk.ts's import() of the chart chunk and
 * src/cli/onnx-chunk.ts's of the ONNX chunk become loads of dist/charts.cjs and dist/onnx.cjs through
 * the loader's code cache, at the moment one is asked for.
 */
const CHUNKS = [
  { source: /\/charts\/node\/chunk\.js$/, file: 'charts.cjs' },
  { source: /\/export\/onnx\/chunk\.js$/, file: 'onnx.cjs' },
];
const chunksOutside = {
  name: 'chunks-outside',
  setup(builder) {
    for (const { source, file } of CHUNKS) builder.onResolve({ filter: source }, () => ({ path: file, namespace: 'chunk' }));
    builder.onResolve({ filter: /^\.\/cli-loader\.cjs$/ }, () => ({ path: './cli-loader.cjs', external: true }));
    builder.onLoad({ filter: /.*/, namespace: 'chunk' }, (args) => ({
      contents: `module.exports = require('./cli-loader.cjs').loadBundle(require('node:path').join(__dirname, ${JSON.stringify(args.path)}));`,
      loader: 'js',
    }));
  },
};

/**
 * linkedom requires an HTML parser (htmlparser2, for parsing markup) and a CSS parser
 * (cssomnom, for a style element's .sheet). Plot builds its SVG node by node and never
 * reads a sheet, and svg.ts creates its document from the empty string, which skips the
 * parser: the chunk gets stubs that throw if they are ever reached.
 */
const noMarkupParsers = {
  name: 'no-markup-parsers',
  setup(builder) {
    builder.onResolve({ filter: /^(htmlparser2|cssomnom(\/.*)?)$/ }, (args) => ({ path: args.path, namespace: 'stub-parser' }));
    builder.onLoad({ filter: /.*/, namespace: 'stub-parser' }, (args) => ({
      contents: `export const Parser = undefined; export function parse() { throw new Error('${args.path} is left out of the chart bundle of wrn-calc'); }`,
      loader: 'js',
    }));
  },
};

/**
 * linkedom requires node-canvas inside a try/catch, for <canvas> elements, and falls back to
 * a shim: the chart chunk always takes the shim, never a native canvas the user happens to have.
 */
const noNodeCanvas = {
  name: 'no-node-canvas',
  setup(builder) {
    builder.onResolve({ filter: /^canvas$/ }, () => ({ path: 'canvas', namespace: 'stub-canvas' }));
    builder.onLoad({ filter: /.*/, namespace: 'stub-canvas' }, () => ({
      contents: "throw new Error('node-canvas is left out of the chart bundle of wrn-calc');",
      loader: 'js',
    }));
  },
};

/**
 * protobufjs uses long.js for 64-bit integers when require('long') finds it, and JavaScript numbers
 * otherwise. Every int64 an ONNX graph holds (dimensions, attributes, slice bounds) is a small whole
 * number, so the ONNX chunk gets an empty stub: protobufjs then writes them from numbers.
 */
const noLong = {
  name: 'no-long',
  setup(builder) {
    builder.onResolve({ filter: /^long$/ }, () => ({ path: 'long', namespace: 'stub-long' }));
    builder.onLoad({ filter: /.*/, namespace: 'stub-long' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/** What both bundles share: CommonJS for Node 20, minified, import.meta.url from the bundle's own file. */
const COMMON = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
};

rmSync('dist/chunks', { recursive: true, force: true });
for (const cache of ['dist/cli.cjs.cache', 'dist/charts.cjs.cache', 'dist/onnx.cjs.cache']) rmSync(cache, { force: true });
const charts = await build({
  ...COMMON,
  entryPoints: ['src/charts/node/chunk.ts'],
  outfile: 'dist/charts.cjs',
  plugins: [noMarkupParsers, noNodeCanvas],
});
// protobufjs's light build (reflection, no .proto parser) and onnx.proto's descriptor as JSON.
const onnx = await build({
  ...COMMON,
  entryPoints: ['src/export/onnx/chunk.ts'],
  outfile: 'dist/onnx.cjs',
  plugins: [noLong],
});
const result = await build({
  ...COMMON,
  entryPoints: { cli: 'src/cli/main.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'dist',
  // One file: commands imported with import() stay lazily initialised inside it, and the code
  // cache covers all of it. (ESM chunks were tried first: six to nineteen modules per run.)
  // The charts are the exception: a separate file, so that their libraries are not even compiled otherwise.
  plugins: [noChildProcess, noColors, chunksOutside],
  // dist/cli.cjs.map: --debug turns on Node's source maps, so a stack trace names the src/ file and line
  // (bin/wrn-calc.cjs). Without the sources' text (the repository has them), and only the project's own files.
  sourcemap: 'linked',
  sourcesContent: false,
});
rmSync('dist/cli.js', { force: true });
const map = JSON.parse(readFileSync('dist/cli.cjs.map', 'utf8'));
writeFileSync('dist/cli.cjs.map', JSON.stringify(keepSources(map, (source) => !source.includes('node_modules/'))));
copyFileSync('scripts/bundle/cli-loader.cjs', 'dist/cli-loader.cjs');

writeNotices('dist/cli.cjs', result.metafile);
writeNotices('dist/charts.cjs', charts.metafile);
writeNotices('dist/onnx.cjs', onnx.metafile);

// Run every command once (output discarded) so that V8 has compiled what a run needs, then save the caches.
const { run, loaded } = createRequire(import.meta.url)('../dist/cli-loader.cjs');
const quiet = { env: {}, stdoutIsTTY: () => false, columns: () => undefined, readFile: async () => '{}' };
const WARM_UP = [
  ['--depth', '28', '--k', '10', '--json'],
  ['--depth', '28', '--k', '10'],
  ['--depth', '16', '--k', '4', '--layers'],
  ['--depth', '27'],
  ['grid', '--json'],
  ['grid'],
  ['grid', '--k', '1:12'],
  ['block', '--padding', '0'],
  ['fit', '--max-params', '10M'],
  ['fit', '--max-params', '10M', '--json'],
  ['check', '--max-params', '40M', '--max-macs', '6G'],
  ['schema'],
  ['--help'],
  ['grid', '--svg', '-'],
  ['grid', '--plot'],
  ['fit', '--max-params', '10M', '--svg', '-'],
  ['compare', 'WRN-40-4', 'WRN-28-10', '--plot'],
  ['export', 'WRN-28-10'],
];
// The ONNX export runs after the CLI bundle's cache is taken: its graph builder stays out of that cache (which
// every command loads), and the ONNX chunk's cache is taken after it. The Python export is in the CLI's cache:
// measured, compiling it on each run cost the export about 3 ms, while the larger cache cost other commands
// nothing measurable.
const WARM_UP_EXPORT = [['export', 'resnet50', '--format', 'onnx']];
const caches = new Map();
for (const argv of WARM_UP) await run(argv, quiet);
for (const [file, script] of loaded) caches.set(file, script.createCachedData());
for (const argv of WARM_UP_EXPORT) await run(argv, quiet);
for (const [file, script] of loaded) if (!caches.has(file)) caches.set(file, script.createCachedData());
for (const [file, data] of caches) writeFileSync(`${file}.cache`, data);
