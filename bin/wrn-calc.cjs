#!/usr/bin/env node
// CommonJS, not an ES module: Node starts a CommonJS entry about 5 ms sooner (no ESM loader).
'use strict';

const { join } = require('node:path');

const debug = process.argv.includes('--debug');

/**
 * The built CLI. With --debug, the bundle is loaded as a plain module with Node's source maps on, so a
 * stack trace names the src/ file and line (dist/cli.cjs.map); otherwise through its loader and V8's
 * code cache (dist/cli-loader.cjs), which --debug gives up: a few milliseconds, only when asked.
 */
function loadCli() {
  if (!debug) return require('../dist/cli-loader.cjs');
  process.setSourceMapsEnabled(true);
  return require('../dist/cli.cjs');
}

/** A clone whose dist/ was never built (or was deleted): the bundle or its loader is missing. */
function isMissingBuild(error) {
  if (error === null || typeof error !== 'object') return false;
  // This file's own require of ../dist/…, or the loader reading the bundle beside it.
  if (error.code === 'MODULE_NOT_FOUND') return error.requireStack?.[0] === __filename && /'\.\.\/dist\//.test(error.message);
  return error.code === 'ENOENT' && typeof error.path === 'string' && error.path.startsWith(join(__dirname, '..', 'dist'));
}

let cli;
try {
  cli = loadCli();
} catch (error) {
  if (!isMissingBuild(error)) throw error;
  // EX_SOFTWARE, the internal-error code: the installation, not the input, is at fault.
  const root = join(__dirname, '..');
  process.stderr.write(
    `wrn-calc: this copy of wrn-calc is not built (${join(root, 'dist')} is missing or incomplete); run npm run build in ${root}.\n`,
  );
  process.exitCode = 70;
}

if (cli !== undefined) {
  cli.main().then((code) => {
    process.exitCode = code;
  });
}
