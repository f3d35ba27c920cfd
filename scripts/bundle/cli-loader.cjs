// dist/cli-loader.cjs: loads the CLI bundle (dist/cli.cjs) through V8's code cache (dist/cli.cjs.cache), and
// gives the bundle the same loader for its chart chunk (dist/charts.cjs, loaded only for --svg, --png, --plot).
//
// Why: compiling the ~220 KB bundle (commander, zod/mini, cli-table3, the core, every command) on each
// run costs more CPU than everything the CLI then does; a code cache made at build time by running
// the commands once (scripts/bundle.mjs) skips that. V8 rejects a cache from another Node version,
// V8 flag set or source, and the bundle then compiles as usual: slower, never wrong.
//
// CommonJS, like the bin that requires it: an ES module entry costs Node's ESM loader, about 5 ms of
// every run on the project's machine (measured with scripts/bench.mjs against node -e 0).
'use strict';

const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

/** Every bundle loaded so far and its compiled script, so the build can save their caches. */
const loaded = new Map();

function readCache(cacheFile) {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** A bundle as a CommonJS module function, compiled with its cache (`<file>.cache`) when there is one; its exports. */
function loadBundle(file) {
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, {
    filename: file,
    cachedData: readCache(`${file}.cache`),
  });
  const bundleModule = { exports: {} };
  loaded.set(file, script);
  script.runInThisContext()(bundleModule.exports, require, bundleModule, file, dirname(file));
  return bundleModule.exports;
}

exports.loadBundle = loadBundle;
exports.loaded = loaded;

const bundle = join(__dirname, 'cli.cjs');
const cli = loadBundle(bundle);

/** @type {import('./lib/cli/main.js').main} */
exports.main = cli.main;
/** @type {import('./lib/cli/main.js').run} */
exports.run = cli.run;
exports.script = loaded.get(bundle);
exports.cacheFile = `${bundle}.cache`;
