#!/usr/bin/env node
// npm run docs:images: the pictures under docs/images, drawn by the built CLI. test/charts/docs-images.test.ts
// draws them again and fails when a file differs, so a picture in the docs never goes stale.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Each picture: its path in the repository and the wrn-calc command whose chart it is. */
export const DOCS_IMAGES = [{ path: 'docs/images/grid-law.svg', argv: ['grid'] }];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { run } = createRequire(import.meta.url)('../dist/cli-loader.cjs');
  const quiet = { env: {}, stdoutIsTTY: () => false, columns: () => undefined, readFile: async () => '' };
  for (const { path, argv } of DOCS_IMAGES) {
    const result = await run([...argv, '--svg', '-'], quiet);
    if (result.exitCode !== 0) throw new Error(`wrn-calc ${argv.join(' ')} --svg - exited ${result.exitCode}: ${result.stderr}`);
    writeFileSync(fileURLToPath(new URL(`../${path}`, import.meta.url)), result.stdout);
    console.log(`wrote ${path} (wrn-calc ${argv.join(' ')} --svg ${path})`);
  }
}
