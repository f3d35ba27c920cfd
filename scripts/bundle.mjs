// Bundles the CLI into dist/cli.js (one ESM file plus lazily loaded chunks), so start-up reads few files.
import { rmSync } from 'node:fs';
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

rmSync('dist/chunks', { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  plugins: [noChildProcess],
  // commander and cli-table3 are CommonJS and require Node built-ins; give the ESM bundle a require.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
