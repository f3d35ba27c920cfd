import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as a consumer gets it: `npm pack`, then the tarball installed with --omit=dev --offline into a
 * fresh project outside the repository (so nothing resolves from the repository's node_modules), and
 * checked there: the bin, import, require, TypeScript in an ESM and a CommonJS project, publint and attw.
 * npm test builds dist/ first; the pack here skips the prepare build so that it does not rewrite dist/
 * under the other test files running beside it.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const WRN_28_10_PARAMS = 36_479_194;

// npm run sets npm_* variables (package, config) that a nested npm would take as its own.
const ENV = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

function exec(command: string, args: readonly string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...ENV, NO_COLOR: '1' }, timeout: 120_000 });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, exitCode: result.status };
}

function ok(command: string, args: readonly string[], cwd: string) {
  const result = exec(command, args, cwd);
  if (result.exitCode !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.exitCode}\n${result.stdout}\n${result.stderr}`);
  return result;
}

function write(path: string, text: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Every file under dir, as paths relative to it with forward slashes. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(dir, path) : [path];
  });
}

const dir = mkdtempSync(join(tmpdir(), 'wrn-calc-package-'));
const consumer = join(dir, 'consumer');
const installed = join(consumer, 'node_modules/wrn-calc');
let tarball = '';
let tarballBytes = 0;
let packed: string[] = [];
let install = { stdout: '', stderr: '' };

beforeAll(() => {
  const [pack] = JSON.parse(ok('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT).stdout) as [
    { filename: string; size: number; files: { path: string }[] },
  ];
  tarball = join(dir, pack.filename);
  tarballBytes = statSync(tarball).size;
  packed = pack.files.map((f) => f.path).sort();
  write(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  // An empty cache and --offline: the tarball has no dependencies, so the install needs no registry.
  install = ok(
    'npm',
    ['install', '--omit=dev', '--offline', '--cache', join(dir, 'npm-cache'), '--no-audit', '--no-fund', '--foreground-scripts', tarball],
    consumer,
  );
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the packed tarball', () => {
  it('holds the bin, the CLI bundle with its loader and notices, the library (ESM, CommonJS, types), the page, README, LICENSE, package.json', () => {
    const allowed = [
      /^bin\/wrn-calc\.cjs$/,
      /^dist\/(cli|cli-loader|charts|onnx)\.cjs$/,
      /^dist\/(cli|charts|onnx)\.cjs\.LEGAL\.txt$/,
      /^dist\/cli\.cjs\.map$/,
      /^dist\/lib\/index\.cjs$/,
      /^dist\/lib\/([\w-]+\/)*[\w-]+\.(js|d\.ts|d\.cts)$/,
      /^dist\/web\/(index\.html|app\.js|app\.css|app\.js\.LEGAL\.txt)$/,
      /^(README\.md|LICENSE|package\.json)$/,
    ];
    expect(packed.filter((path) => !allowed.some((pattern) => pattern.test(path)))).toEqual([]);
    for (const path of [
      'bin/wrn-calc.cjs',
      'dist/cli-loader.cjs',
      'dist/cli.cjs',
      'dist/cli.cjs.LEGAL.txt',
      'dist/cli.cjs.map',
      'dist/charts.cjs',
      'dist/charts.cjs.LEGAL.txt',
      'dist/onnx.cjs',
      'dist/onnx.cjs.LEGAL.txt',
      'dist/lib/index.js',
      'dist/lib/index.d.ts',
      'dist/lib/index.cjs',
      'dist/lib/index.d.cts',
      'dist/web/index.html',
      'dist/web/app.js',
      'dist/web/app.css',
      'dist/web/app.js.LEGAL.txt',
      'README.md',
      'LICENSE',
    ]) {
      expect(packed).toContain(path);
    }
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 wrn-calc contributors\n/);
  });

  it('holds no library file that the entry points do not reach', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      exports: Record<string, Record<string, Record<string, string>> | string>;
    };
    const entries = Object.values(manifest.exports)
      .flatMap((target) =>
        typeof target === 'string' ? [target] : Object.values(target).flatMap((conditions) => Object.values(conditions)),
      )
      .map((target) => posix.normalize(target));
    const reached = new Set<string>();
    const queue = [...entries];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (reached.has(file)) continue;
      reached.add(file);
      if (!/\.(c?js|d\.c?ts)$/.test(file)) continue;
      // A module's declarations sit beside it (tsc emits them per module, whether or not another declaration imports them).
      for (const declarations of [file.replace(/\.js$/, '.d.ts'), file.replace(/\.js$/, '.d.cts')]) {
        if (/\.js$/.test(file) && packed.includes(declarations)) queue.push(declarations);
      }
      const source = readFileSync(join(installed, file), 'utf8');
      for (const [, specifier] of source.matchAll(/(?:from|import|require)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        let target = posix.join(posix.dirname(file), specifier!);
        // TypeScript finds the types of './x.js' in './x.d.ts', of './x.cjs' in './x.d.cts'.
        if (/\.d\.c?ts$/.test(file)) target = target.replace(/\.js$/, '.d.ts').replace(/\.cjs$/, '.d.cts');
        queue.push(target);
      }
    }
    expect(packed.filter((path) => path.startsWith('dist/lib/') && !reached.has(path))).toEqual([]);
  });

  it('loads nothing at run time but Node built-ins and its dependencies, and installs nothing else', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    // @resvg/resvg-js is the user's own, loaded by name for --png where installed (never a dependency).
    const allowed = new Set([...builtinModules, ...Object.keys(manifest.dependencies ?? {}), '@resvg/resvg-js']);
    const loaded = new Set<string>();
    for (const file of packed.filter((path) => /\.c?js$/.test(path))) {
      const source = readFileSync(join(installed, file), 'utf8');
      for (const [, specifier] of source.matchAll(/(?:\bfrom|\bimport|\brequire)\s*\(?\s*['"]([^'"./][^'"]*)['"]/g)) {
        const name = specifier!.replace(/^node:/, '').replace(/^((@[^/]+\/)?[^/]+).*$/, '$1');
        if (!allowed.has(name)) loaded.add(`${file}: ${specifier}`);
      }
    }
    expect([...loaded]).toEqual([]);
    expect(readdirSync(join(consumer, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['wrn-calc']);
  });

  it('runs no package script when installed', () => {
    const { scripts = {} } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    // prepare builds a clone (npm runs it for a local or git install, never for a tarball or the registry); nothing else may run.
    const installScripts = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'postprepare'];
    expect(Object.keys(scripts).filter((name) => installScripts.includes(name))).toEqual([]);
    expect(packed).not.toContain('binding.gyp');
    // --foreground-scripts would print "> wrn-calc@… <script>" for any that ran, and a build would have left its code cache.
    const output = `${install.stdout}${install.stderr}`;
    expect(output).not.toMatch(/> wrn-calc@/);
    expect(existsSync(join(installed, 'dist/cli.cjs.cache'))).toBe(false);
    // npm 11 lists the prepare script of a package installed from a file among the scripts it holds back (for
    // non-registry sources it counts prepare as an install script), although it runs prepare only for a
    // directory or git source; nothing else may be listed.
    const held = output.split('\n').filter((line) => /^npm warn install-scripts +\S+@/.test(line));
    expect(held.map((line) => line.replace(/^npm warn install-scripts +/, ''))).toEqual(['wrn-calc@0.1.0 (prepare: npm run build)']);
  });

  // The page (dist/web/: Observable Plot and d3 inside its script) is about 0.15 MB of it, the CLI's source map
  // (dist/cli.cjs.map, read only with --debug; the project's own files, with their names) about 0.08 MB, the ONNX
  // chunk (dist/onnx.cjs and its notices: protobufjs's light build and onnx.proto's descriptor) about 0.03 MB.
  it('is a tarball of under 650 kB', () => {
    console.info(`size of the packed tarball: ${tarballBytes.toLocaleString('en-US')} bytes`);
    expect(tarballBytes).toBeLessThan(650_000);
  });

  // The chart chunk (Observable Plot, d3, linkedom: dist/charts.cjs) is about 0.4 MB of it, the page about 0.5 MB.
  it('installs small: under 2 MB of node_modules', () => {
    const bytes = filesUnder(join(consumer, 'node_modules')).reduce(
      (sum, path) => sum + statSync(join(consumer, 'node_modules', path)).size,
      0,
    );
    console.info(`installed size of the packed tarball: ${bytes.toLocaleString('en-US')} bytes in node_modules (file sizes)`);
    expect(bytes).toBeLessThan(2_000_000);
  });

  it('README links are absolute or point to packed files', () => {
    const readme = readFileSync(join(installed, 'README.md'), 'utf8');
    const relative = [...readme.matchAll(/\]\(([^)\s]+)\)/g)]
      .map(([, target]) => target!)
      .filter((target) => !/^(https?:|mailto:|#)/.test(target));
    expect(relative.filter((target) => !packed.includes(posix.normalize(target.replace(/#.*$/, ''))))).toEqual([]);
  });
});

describe('installed from the tarball (--omit=dev --offline)', () => {
  it("the bin prints WRN-28-10's 36,479,194", () => {
    const bin = join(consumer, 'node_modules/.bin/wrn-calc');
    const table = exec(bin, ['--depth', '28', '--k', '10'], consumer);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(/^Total params: +36,479,194 \(36\.5M\)$/m);
    const json = exec(bin, ['--depth', '28', '--k', '10', '--json'], consumer);
    expect((JSON.parse(json.stdout) as { totals: { params: number } }).totals.params).toBe(WRN_28_10_PARAMS);
  });

  it('--debug names the source file and line of each frame (the packed source map)', () => {
    const result = exec(join(consumer, 'node_modules/.bin/wrn-calc'), ['--depth', '27', '--debug'], consumer);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/\n {4}at \w+ \(.*src\/core\/depth\.ts:\d+:\d+\)\n/);
  });

  it('draws charts from its own chunk, and --png names the package it needs', () => {
    const bin = join(consumer, 'node_modules/.bin/wrn-calc');
    const svg = exec(bin, ['grid', '--svg', 'grid.svg'], consumer);
    expect(svg.exitCode).toBe(0);
    expect(readFileSync(join(consumer, 'grid.svg'), 'utf8')).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg /);
    const png = exec(bin, ['grid', '--png', 'grid.png'], consumer);
    expect(png).toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        'wrn-calc: --png needs the package @resvg/resvg-js, which is not installed; install it with npm install @resvg/resvg-js, or use --svg.\n',
    });
  });

  it('serves the page from its own dist/web/', async () => {
    const child = spawn(join(consumer, 'node_modules/.bin/wrn-calc'), ['serve', '--port', '0'], { cwd: consumer, env: ENV });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /http:\/\/127\.0\.0\.1:[0-9]+\//.exec(out)?.[0];
          if (found !== undefined) resolve(found);
        });
        child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      for (const name of ['', 'app.js', 'app.css']) {
        const response = await fetch(`${url}${name}`);
        expect(response.status).toBe(200);
        expect(await response.text()).toBe(readFileSync(join(installed, 'dist/web', name || 'index.html'), 'utf8'));
      }
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);

  it('import (ESM) and require (CommonJS) both give the count', () => {
    write(
      join(consumer, 'esm.mjs'),
      "import { listLayers } from 'wrn-calc';\nconsole.log(listLayers({ depth: 28, k: 10 }).totals.params);\n",
    );
    write(
      join(consumer, 'cjs.cjs'),
      "const { listLayers } = require('wrn-calc');\nconsole.log(listLayers({ depth: 28, k: 10 }).totals.params);\n",
    );
    expect(ok(process.execPath, ['esm.mjs'], consumer).stdout).toBe(`${WRN_28_10_PARAMS}\n`);
    expect(ok(process.execPath, ['cjs.cjs'], consumer).stdout).toBe(`${WRN_28_10_PARAMS}\n`);
  });

  it.each([
    ['module', 'dist/lib/index.d.ts'],
    ['commonjs', 'dist/lib/index.d.cts'],
  ])('TypeScript (module nodenext) type-checks the API in a "type": "%s" project, from %s', (type, types) => {
    const project = join(consumer, type);
    write(join(project, 'package.json'), JSON.stringify({ name: `consumer-${type}`, private: true, type }));
    write(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['index.ts'],
      }),
    );
    write(
      join(project, 'index.ts'),
      [
        "import { listLayers, summarizeNetwork, WrnError } from 'wrn-calc';",
        'const params: number = listLayers({ depth: 28, k: 10 }).totals.params;',
        'const macs: number = summarizeNetwork({ depth: 40, k: 4 }).totals.macs;',
        'try {',
        '  listLayers({ depth: 27, k: 1 });',
        '} catch (error) {',
        '  if (error instanceof WrnError) console.log(error.message);',
        '}',
        '// @ts-expect-error: the types are real, not any: depth is a number',
        "listLayers({ depth: '28', k: 10 });",
        'console.log(params, macs);',
        '',
      ].join('\n'),
    );
    const result = exec(process.execPath, [TSC, '-p', project, '--listFiles'], project);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').filter((line) => line.includes('error TS'))).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n')).toContain(join(installed, types));
  });
});

describe('package checkers', () => {
  it('publint --strict finds nothing', () => {
    const result = exec(join(ROOT, 'node_modules/.bin/publint'), ['run', '--strict', tarball], ROOT);
    expect(result.stdout + result.stderr).toContain('All good!');
    expect(result.exitCode).toBe(0);
  });

  // attw reads every file of the tarball: more than 20 s on a busy 2-core machine.
  it('@arethetypeswrong/cli finds no problem for import, require, node10 or bundlers', () => {
    const result = exec(join(ROOT, 'node_modules/.bin/attw'), [tarball, '--format', 'json'], ROOT);
    const report = JSON.parse(result.stdout) as { analysis: { problems: unknown[] }; problems?: unknown };
    expect(report.analysis.problems).toEqual([]);
    expect(result.exitCode).toBe(0);
  }, 60_000);
});
