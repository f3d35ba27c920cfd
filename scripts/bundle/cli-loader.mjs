// dist/cli.js: loads the CLI bundle (dist/cli.cjs) through V8's code cache (dist/cli.cjs.cache).
//
// Why: compiling the ~150 KB bundle (commander, zod/mini, the core, every command) on each run
// costs more CPU than everything the CLI then does; a code cache made at build time by running
// the commands once (scripts/bundle.mjs) skips that. V8 rejects a cache from another Node
// version, V8 flag set or source, and the bundle then compiles as usual: slower, never wrong.
import { createRequire } from 'node:module';

// Built-ins through require: an ESM import of one copies all its exports, running lazy getters.
const require = createRequire(import.meta.url);
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');
const { fileURLToPath } = require('node:url');

const here = dirname(fileURLToPath(import.meta.url));
const bundle = join(here, 'cli.cjs');
export const cacheFile = `${bundle}.cache`;

function readCache() {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** The bundle as a CommonJS module function, compiled with the cache when there is one. */
export const script = new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`, {
  filename: bundle,
  cachedData: readCache(),
});

const cliModule = { exports: {} };
script.runInThisContext()(cliModule.exports, require, cliModule, bundle, here);

/** @type {import('./lib/cli/main.js').main} */
export const main = cliModule.exports.main;
/** @type {import('./lib/cli/main.js').run} */
export const run = cliModule.exports.run;
