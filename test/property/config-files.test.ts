import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BUDGET_FILE_BYTES } from '../../src/cli/config.js';
import { readTextFile } from '../../src/cli/read-file.js';
import { run } from '../../src/cli/run.js';
import type { RunResult } from '../../src/cli/run.js';
import { runCli } from '../helpers/cli.js';
import { nested, serialize } from './budget-files.js';
import { prototypeSnapshot } from './prototype.js';

/*
 * Budget files that attack the reader rather than the schema: 100,000 levels of
 * nesting, 50 MB, binary, a directory, nothing at all. Real files in a temporary
 * directory, read by the reader the real CLI uses (read-file.ts) as well as by
 * the test helper's (which reads whole files: config.ts must hold it to the
 * limit too). Each must exit 2 naming the file problem or the JSON path, quickly,
 * with nothing on stdout.
 */

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wrn-calc-config-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** `wrn-calc check <path>` in process, reading the file as bin/wrn-calc.cjs does. */
function checkWithRealReader(path: string): Promise<RunResult> {
  return run(['check', path], { env: {}, stdoutIsTTY: () => false, columns: () => undefined, readFile: readTextFile });
}

function expectRefused(result: RunResult, ...mentions: string[]): void {
  expect(result.exitCode, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.startsWith('wrn-calc: ')).toBe(true);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  // One readable sentence, however large the file.
  expect(result.stderr.length).toBeLessThan(400);
  for (const text of mentions) expect(result.stderr).toContain(text);
}

const VALID = '{"budget":{"params":"40M"},"models":[{"depth":28,"k":10}]}';
const DEEP = 100_000;

describe('100,000 levels of nesting anywhere in a budget file: exit 2 naming the JSON path, not a stack overflow (exit 70)', () => {
  const deepArray = serialize(nested(DEEP));
  const deepObject = serialize(nested(DEEP, 'object'));
  it.each([
    { where: 'the whole file (arrays)', text: deepArray, mentions: ['expected a budget file (a JSON object), got [[[[…]]]]'] },
    { where: 'the whole file (objects)', text: deepObject, mentions: ['budgets.json is not a budget file', 'but "a"'] },
    {
      where: 'models',
      text: `{"budget":{"params":1},"models":${deepArray}}`,
      mentions: ['models[0]: expected a model (a JSON object), got [[[[…]]]]'],
    },
    { where: 'a model', text: `{"budget":{"params":1},"models":[${deepObject}]}`, mentions: ['models[0].'] },
    {
      where: 'block',
      text: `{"budget":{"params":1},"models":[{"depth":28,"k":1,"block":${deepArray}}]}`,
      mentions: ['models[0].block: expected kernel sizes'],
    },
    {
      where: 'input',
      text: `{"budget":{"params":1},"models":[{"depth":28,"k":1,"input":${deepArray}}]}`,
      mentions: ['models[0].input: expected an input size'],
    },
    {
      where: 'name',
      text: `{"budget":{"params":1},"models":[{"depth":28,"k":1,"name":${deepArray}}]}`,
      mentions: ['models[0].name: expected a non-empty string'],
    },
    {
      where: 'a budget amount',
      text: `{"budget":{"params":${deepArray}},"models":[{"depth":28,"k":1}]}`,
      mentions: ['budget.params: expected a whole number'],
    },
    { where: 'a budget', text: `{"budget":${deepObject},"models":[{"depth":28,"k":1}]}`, mentions: ['budget.a: unknown key'] },
    {
      where: '$schema',
      text: `{"$schema":${deepArray},"models":[{"depth":28,"k":1}]}`,
      mentions: ['$schema: expected a string, got [[[[…]]]]'],
    },
  ])('$where', async ({ text, mentions }) => {
    expectRefused(await runCli(['check', 'budgets.json'], { files: { 'budgets.json': text } }), 'budgets.json', ...mentions);
  });
});

describe('huge values are quoted cut short: the message stays one readable line', () => {
  const long = 'x'.repeat(100_000);
  const manyKeys = Array.from({ length: 1_000 }, (_, i) => `"x${i}":1`).join(',');
  it.each([
    {
      what: 'a long string value',
      text: `{"budget":{"params":1},"models":[{"depth":28,"k":"${long}"}]}`,
      mentions: ['models[0].k: expected a positive number, got "xxxx', '…'],
    },
    {
      what: 'a long string amount',
      text: `{"budget":{"params":"1 ${long}"},"models":[{"depth":28,"k":1}]}`,
      mentions: ["budget.params: '1 xxxx", '…'],
    },
    {
      what: 'a long key',
      text: `{"budget":{"params":1},"models":[{"depth":28,"k":1,"${long}":1}]}`,
      mentions: ['models[0].xxxx', '…: unknown key'],
    },
    {
      what: 'a thousand unknown keys',
      text: `{"budget":{"params":1},"models":[{"depth":28,"k":1,${manyKeys}}]}`,
      mentions: ['unknown keys "x0", "x1", "x2", "x3", "x4" and 995 more'],
    },
    {
      what: 'a long duplicate name',
      text: `{"budget":{"params":1},"models":[{"name":"${long}","depth":28,"k":1},{"name":"${long}","depth":16,"k":1}]}`,
      mentions: ['models[1].name: "xxxx', '…'],
    },
    {
      what: 'a number JSON reads as Infinity',
      text: '{"budget":{"params":1},"models":[{"depth":28,"k":1e400}]}',
      mentions: ['models[0].k: expected a positive number, got a number too large to represent'],
    },
  ])('$what', async ({ text, mentions }) => {
    expectRefused(await runCli(['check', 'budgets.json'], { files: { 'budgets.json': text } }), ...mentions);
  });
});

describe('prototype pollution: __proto__, constructor and prototype keys are unknown keys, and nothing reaches Object.prototype', () => {
  const POLLUTER = '{"polluted":true,"toString":"hacked","prototype":{"polluted":true}}';
  it.each([
    { text: `{"__proto__":${POLLUTER},"models":[{"depth":28,"k":1}]}`, path: 'budgets.json: __proto__: unknown key' },
    { text: `{"constructor":{"prototype":${POLLUTER}},"models":[{"depth":28,"k":1}]}`, path: 'budgets.json: constructor: unknown key' },
    { text: `{"prototype":${POLLUTER},"models":[{"depth":28,"k":1}]}`, path: 'budgets.json: prototype: unknown key' },
    { text: `{"budget":{"__proto__":${POLLUTER}},"models":[{"depth":28,"k":1}]}`, path: 'budget.__proto__: unknown key' },
    { text: `{"budget":{"params":1,"constructor":${POLLUTER}},"models":[{"depth":28,"k":1}]}`, path: 'budget.constructor: unknown key' },
    { text: `{"budget":{"params":1},"models":[{"depth":28,"k":1,"__proto__":${POLLUTER}}]}`, path: 'models[0].__proto__: unknown key' },
    {
      text: `{"budget":{"params":1},"models":[{"depth":28,"k":1,"constructor":{"prototype":${POLLUTER}}}]}`,
      path: 'models[0].constructor: unknown key',
    },
    {
      text: `{"budget":{"params":1},"models":[{"depth":28,"k":1,"budget":{"__proto__":${POLLUTER}}}]}`,
      path: 'models[0].budget.__proto__: unknown key',
    },
    { text: `{"budget":{"params":1},"models":[{"depth":28,"k":1,"dataset":"__proto__"}]}`, path: 'models[0].dataset: expected one of' },
    { text: `{"budget":{"params":1},"models":[{"depth":28,"k":1,"dataset":"constructor"}]}`, path: 'models[0].dataset: expected one of' },
  ])('$path', async ({ text, path }) => {
    const before = prototypeSnapshot();
    expectRefused(await runCli(['check', 'budgets.json'], { files: { 'budgets.json': text } }), path);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString.call([])).toBe('[object Array]');
    expect(prototypeSnapshot()).toBe(before);
  });
});

describe(`files larger than MAX_BUDGET_FILE_BYTES (1 MiB) are refused by size, quickly`, () => {
  const LIMIT_MESSAGE = 'larger than 1 MiB (1,048,576 bytes)';
  let huge = '';
  beforeAll(() => {
    // 50 MB of a plausible budget file: one valid object, then spaces.
    huge = write('huge.json', Buffer.concat([Buffer.from(VALID), Buffer.alloc(50 * 1024 * 1024, 0x20)]));
  });

  it('the real reader: refused from its size, before its content is read', async () => {
    const started = performance.now();
    expectRefused(await checkWithRealReader(huge), `cannot read the budget file '${huge}'`, LIMIT_MESSAGE);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('a reader that ignores the limit is held to it by config.ts', async () => {
    expectRefused(await runCli(['check', huge]), LIMIT_MESSAGE);
    expectRefused(
      await runCli(['check', 'inline.json'], { files: { 'inline.json': VALID + ' '.repeat(MAX_BUDGET_FILE_BYTES) } }),
      LIMIT_MESSAGE,
    );
  });

  it('exactly 1 MiB is read and checked; one byte more is refused', async () => {
    const atLimit = write('at-limit.json', VALID + ' '.repeat(MAX_BUDGET_FILE_BYTES - VALID.length));
    const overLimit = write('over-limit.json', VALID + ' '.repeat(MAX_BUDGET_FILE_BYTES - VALID.length + 1));
    expect((await checkWithRealReader(atLimit)).exitCode).toBe(0);
    expectRefused(await checkWithRealReader(overLimit), LIMIT_MESSAGE);
  });

  it.runIf(existsSync('/dev/zero'))('an endless stream (/dev/zero) is refused after 1 MiB, not read forever', async () => {
    expectRefused(await checkWithRealReader('/dev/zero'), LIMIT_MESSAGE);
  });
});

describe('every way a read can fail is named', () => {
  it.each([
    ['ENOENT', 'no such file'],
    ['EISDIR', 'it is a directory, not a file'],
    ['ENOTDIR', 'a part of the path is not a directory'],
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['ENAMETOOLONG', 'the path is too long'],
    ['ELOOP', 'too many levels of symbolic links'],
    ['EFBIG', 'it is larger than 1 MiB (1,048,576 bytes), the most a budget file may have'],
    // An error without a known code: its own message, on one line.
    ['EIO', 'eio: i/o error\\u000aon a second line'],
  ])('%s', async (code, reason) => {
    const readFile = () => Promise.reject(Object.assign(new Error(`${code.toLowerCase()}: i/o error\non a second line`), { code }));
    const result = await run(['check', 'budgets.json'], { env: {}, stdoutIsTTY: () => false, columns: () => undefined, readFile });
    expectRefused(result);
    expect(result.stderr).toBe(`wrn-calc: cannot read the budget file 'budgets.json': ${reason}.\n`);
  });
});

describe('unreadable and undecodable files: exit 2 naming the file problem', () => {
  it.each([
    { name: 'empty', content: '', mentions: ['is not valid JSON', 'Unexpected end of JSON input'] },
    { name: 'whitespace', content: ' \n\t ', mentions: ['is not valid JSON'] },
    {
      name: 'binary',
      content: Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x80, 0x81]),
      mentions: ['is not valid JSON', "Unexpected token '\\u0000'"],
    },
    {
      name: 'invalid-utf8-in-string',
      content: Buffer.concat([Buffer.from('{"models":[{"name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('","k":1}]}')]),
      mentions: ['budget'],
    },
    {
      name: 'utf16le-bom',
      content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VALID, 'utf16le')]),
      mentions: ['is not valid JSON'],
    },
    {
      name: 'bom-then-invalid',
      content: `\uFEFF{"models":[{"depth":27,"k":1}],"budget":{"params":1}}`,
      mentions: ['models[0]', 'Depth 27'],
    },
    { name: 'trailing-garbage', content: `${VALID}\u0000`, mentions: ['is not valid JSON'] },
    { name: 'json-but-not-an-object', content: '"budgets"', mentions: ['expected a budget file (a JSON object), got "budgets"'] },
  ])('$name', async ({ name, content, mentions }) => {
    const path = write(`${name}.json`, content);
    for (const result of [await checkWithRealReader(path), await runCli(['check', path])]) expectRefused(result, path, ...mentions);
  });

  it('a UTF-8 byte order mark before valid JSON is accepted (editors on Windows write one)', async () => {
    expect((await checkWithRealReader(write('bom.json', `\uFEFF${VALID}`))).exitCode).toBe(0);
  });

  it('a directory in place of the file', async () => {
    const path = join(dir, 'a-directory.json');
    mkdirSync(path, { recursive: true });
    for (const result of [await checkWithRealReader(path), await runCli(['check', path])])
      expectRefused(result, `'${path}'`, 'it is a directory, not a file');
  });

  it('a missing file, and a path through a file', async () => {
    const missing = join(dir, 'no-such-budgets.json');
    for (const result of [await checkWithRealReader(missing), await runCli(['check', missing])])
      expectRefused(result, `'${missing}'`, 'no such file');
    const through = join(write('plain.json', VALID), 'budgets.json');
    expectRefused(await checkWithRealReader(through), 'a part of the path is not a directory');
  });
});
