import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCS_IMAGES } from '../../scripts/docs-images.mjs';
import { runCli } from '../helpers/cli.js';

describe('the pictures in the docs are what the CLI draws today (npm run docs:images redraws them)', () => {
  it.each(DOCS_IMAGES)('$path', async ({ path, argv }) => {
    const result = await runCli([...argv, '--svg', '-']);
    expect(result.exitCode).toBe(0);
    expect(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')).toBe(result.stdout);
  });
});
