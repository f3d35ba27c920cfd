// Builds the CLI: dist/cli.cjs (one CommonJS bundle), dist/cli-loader.cjs (its loader, scripts/bundle/cli-loader.cjs),
// dist/cli.cjs.LEGAL.txt (the licenses of the packages inlined into the bundle) and dist/cli.cjs.cache
// (V8's code cache for the bundle, made by running the commands once; used where it was built, not packed).
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

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

rmSync('dist/chunks', { recursive: true, force: true });
rmSync('dist/cli.cjs.cache', { force: true });
const result = await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'dist',
  bundle: true,
  // One file: commands imported with import() stay lazily initialised inside it, and the code
  // cache covers all of it. (ESM chunks were tried first: six to nineteen modules per run.)
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  // dist/cli.cjs.map: --debug turns on Node's source maps, so a stack trace names the src/ file and line
  // (bin/wrn-calc.cjs). Without the sources' text: the repository has them, and the package stays small.
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [noChildProcess, noColors],
  metafile: true,
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
});
rmSync('dist/cli.js', { force: true });
copyFileSync('scripts/bundle/cli-loader.cjs', 'dist/cli-loader.cjs');

// The bundle carries code of other packages: ship their license texts beside it.
const packageDirs = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match) packageDirs.add(match[1]);
}
const notices = [...packageDirs].sort().map((dir) => {
  const { name, version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  // LICENSE, license.md, LICENSE-MIT.txt (emoji-regex, through cli-table3's string-width).
  const file = readdirSync(dir).find((f) => /^licen[cs]e(-[\w.]+)?(\.(md|txt))?$/i.test(f));
  if (!file) throw new Error(`${name} has no license file to ship with the bundle`);
  return `${name} ${version} (${license})\n\n${readFileSync(join(dir, file), 'utf8').trim()}\n`;
});
writeFileSync(
  'dist/cli.cjs.LEGAL.txt',
  `dist/cli.cjs includes code from these packages, under these licenses.\n\n${notices.join(`\n${'-'.repeat(72)}\n\n`)}`,
);

// Run every command once (output discarded) so that V8 has compiled what a run needs, then save the cache.
const { run, script, cacheFile } = createRequire(import.meta.url)('../dist/cli-loader.cjs');
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
];
for (const argv of WARM_UP) await run(argv, quiet);
writeFileSync(cacheFile, script.createCachedData());
