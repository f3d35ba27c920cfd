import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/** The built bin's own file reader (read-file.ts) on a real 50 MB file: refused by size, at once. */
const BIN = fileURLToPath(new URL('../../bin/wrn-calc.cjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'wrn-calc-huge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bin/wrn-calc.cjs check <50 MB file>', () => {
  it('exits 2 naming the 1 MiB limit, nothing on stdout', () => {
    const path = join(dir, 'huge.json');
    writeFileSync(
      path,
      Buffer.concat([Buffer.from('{"budget":{"params":"40M"},"models":[{"depth":28,"k":10}]}'), Buffer.alloc(50 * 1024 * 1024, 0x20)]),
    );
    const result = spawnSync(process.execPath, [BIN, 'check', path], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `wrn-calc: cannot read the budget file '${path}': it is larger than 1 MiB (1,048,576 bytes), the most a budget file may have.\n`,
    );
  });
});
