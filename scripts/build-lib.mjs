// Builds the library that package.json "exports" serves, from src/index.ts:
//   dist/lib/**/*.js, *.d.ts   ESM and its types (tsc, tsconfig.build.json: only the files src/index.ts reaches)
//   dist/lib/index.cjs         CommonJS: one esbuild bundle of the same source, for require()
//   dist/lib/**/*.d.cts        its types: every .d.ts copied as .d.cts with relative imports pointing at
//                              .cjs, so TypeScript reads them as CommonJS declarations
// The library must load nothing at run time that is not a dependency: the build fails if it does.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const LIB = 'dist/lib';

rmSync(LIB, { recursive: true, force: true });

const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const result = await build({
  entryPoints: ['src/index.ts'],
  outfile: `${LIB}/index.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Packages stay require() calls, so that a run-time import shows here and in the package's dependencies.
  packages: 'external',
  metafile: true,
  logLevel: 'warning',
});

const { dependencies = {} } = JSON.parse(readFileSync('package.json', 'utf8'));
const undeclared = new Set();
for (const output of Object.values(result.metafile.outputs)) {
  for (const { path, external } of output.imports) {
    if (!external || builtinModules.includes(path.replace(/^node:/, ''))) continue;
    const name = path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0];
    if (!(name in dependencies)) undeclared.add(name);
  }
}
if (undeclared.size > 0) {
  console.error(
    `build-lib: the library imports ${[...undeclared].join(', ')} at run time, which package.json "dependencies" does not list.`,
  );
  process.exit(1);
}

/** Every file under dir, recursively. */
function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

// A module of types alone compiles to an empty `export {};` that nothing loads at run time: its declarations are what count.
for (const file of files(LIB).filter((f) => f.endsWith('.js'))) {
  if (readFileSync(file, 'utf8').trim() === 'export {};') rmSync(file);
}

// './x.js' in `from './x.js'`, `import('./x.js')` and `export * from './x.js'`: relative specifiers only.
const RELATIVE_JS = /(['"])(\.{1,2}\/[^'"]*?)\.js\1/g;
for (const file of files(LIB).filter((f) => f.endsWith('.d.ts'))) {
  writeFileSync(file.replace(/\.d\.ts$/, '.d.cts'), readFileSync(file, 'utf8').replace(RELATIVE_JS, '$1$2.cjs$1'));
}
