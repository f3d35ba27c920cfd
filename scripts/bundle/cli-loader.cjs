// dist/cli-loader.cjs: loads the CLI bundle (dist/cli.cjs) through V8's code cache (dist/cli.cjs.cache).
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
const { join } = require('node:path');
const { Script } = require('node:vm');

const bundle = join(__dirname, 'cli.cjs');
const cacheFile = `${bundle}.cache`;

function readCache() {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** The bundle as a CommonJS module function, compiled with the cache when there is one. */
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`, {
  filename: bundle,
  cachedData: readCache(),
});

const cliModule = { exports: {} };
script.runInThisContext()(cliModule.exports, require, cliModule, bundle, __dirname);

/** @type {import('./lib/cli/main.js').main} */
exports.main = cliModule.exports.main;
/** @type {import('./lib/cli/main.js').run} */
exports.run = cliModule.exports.run;
exports.script = script;
exports.cacheFile = cacheFile;
