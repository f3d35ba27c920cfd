import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../src/cli/config-json-schema.js';
import { configSchema } from '../../src/cli/config-schema.js';
import { loadBudgetFile } from '../../src/cli/config.js';
import { UsageError } from '../../src/cli/errors.js';
import { renderJson } from '../../src/cli/render/json.js';
import { runCli } from '../helpers/cli.js';
import type { RunOptions } from '../helpers/cli.js';
import { validateJsonSchema } from '../helpers/json-schema.js';

const FILE = 'budgets.json';
const ESC = '\u001b[';
const EXAMPLE_PATH = 'examples/budgets.json';
const EXAMPLE = JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8')) as unknown;

/** `wrn-calc check budgets.json ...argv` with the file's text injected (ctx.readFile). */
function checkFile(config: unknown, argv: readonly string[] = [], options: RunOptions = {}) {
  const text = typeof config === 'string' ? config : JSON.stringify(config, null, 2);
  return runCli(['check', FILE, ...argv], { ...options, files: { [FILE]: text } });
}

/** Two models under one shared budget: WRN-28-10 (36,479,194 params) fits 40M, WRN-40-10 (55,841,754) does not. */
const TWO_MODELS = {
  budget: { params: '40M', macs: '10G' },
  models: [
    { name: 'baseline', depth: 28, k: 10 },
    { name: 'deep', depth: 40, k: 10 },
  ],
};

interface CheckJson {
  ok: boolean;
  models: {
    name: string;
    ok: boolean;
    model: { name: string; dataset: string };
    metrics: Record<string, { value: number; budget: number; ok: boolean }>;
  }[];
}

describe('wrn-calc check: exit codes', () => {
  it('0 when the flags network is within every budget', async () => {
    const result = await runCli([
      'check',
      '--depth',
      '28',
      '--k',
      '10',
      '--max-params',
      '40M',
      '--max-macs',
      '6G',
      '--max-param-bytes',
      '150MiB',
      '--max-activation-bytes',
      '64MiB',
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('WRN-28-10');
    expect(result.stdout).toContain('36,479,194');
    expect(result.stdout).toContain('is within budget');
  });

  it('1 when a flag budget is exceeded, with the report on stdout', async () => {
    const result = await runCli(['check', '--depth', '28', '--k', '10', '--max-params', '36M', '--max-flops', '20G']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/params .*36,479,194.*36,000,000.*-1\.3%\s+OVER/);
    expect(result.stdout).toMatch(/FLOPs .*10,486,657,536.*ok/);
    expect(result.stderr).toBe('');
  });

  it('a budget reached exactly is within it', async () => {
    expect((await runCli(['check', '--max-params', '36479194'])).exitCode).toBe(0);
    expect((await runCli(['check', '--max-params', '36479193'])).exitCode).toBe(1);
  });

  it('0 for the example budget file', async () => {
    const result = await runCli(['check', EXAMPLE_PATH]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('All 4 models are within budget.');
  });

  it('1 for a file with two models where one is over; both are reported', async () => {
    const result = await checkFile(TWO_MODELS);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/baseline\s+params\s+36,479,194 .* ok/);
    expect(result.stdout).toMatch(/deep\s+params\s+55,841,754 .* OVER/);
    expect(result.stdout).toMatch(/deep\s+MACs .* ok/);
    expect(result.stdout).toContain('1 of 2 models is over budget: deep in params.');
  });

  const USAGE: readonly { name: string; run: () => ReturnType<typeof runCli>; mentions: string[] }[] = [
    { name: 'a bad budget flag', run: () => runCli(['check', '--max-params', '10 M']), mentions: ['--max-params', "'10 M'"] },
    { name: 'a bad network flag', run: () => runCli(['check', '--depth', '27', '--max-params', '1M']), mentions: ['Depth 27', '22 or 28'] },
    { name: 'no budget at all', run: () => runCli(['check', '--depth', '28']), mentions: ['needs a budget', '--max-params'] },
    {
      name: 'an unknown option of the subcommand',
      run: () => runCli(['check', '--max-parms', '1M']),
      mentions: ["unknown option '--max-parms'", '--max-params'],
    },
    {
      name: 'a budget flag without its value',
      run: () => runCli(['check', '--max-params']),
      mentions: ['--max-params', 'argument missing'],
    },
    {
      name: 'two missing files',
      run: () => runCli(['check', 'a.json', 'b.json'], { files: {} }),
      mentions: ["cannot read the budget file 'a.json'", "(also cannot read the budget file 'b.json'"],
    },
    {
      name: 'a file and network flags',
      run: () => checkFile(TWO_MODELS, ['--depth', '16']),
      mentions: ['--depth', 'cannot be combined', FILE],
    },
    {
      name: 'a file and budget flags',
      run: () => checkFile(TWO_MODELS, ['--max-macs', '1G']),
      mentions: ['--max-macs', 'cannot be combined'],
    },
    {
      name: '--json with another --format',
      run: () => runCli(['check', '--max-params', '1M', '--json', '--format', 'markdown']),
      mentions: ['--json', 'markdown'],
    },
    {
      name: 'an unknown --format',
      run: () => runCli(['check', '--max-params', '1M', '--format', 'html']),
      mentions: ["'html'", 'table, markdown, json'],
    },
    {
      name: 'a file that does not exist',
      run: () => runCli(['check', 'test/fixtures/no-such-budgets.json']),
      mentions: ['no-such-budgets.json', 'no such file'],
    },
    { name: 'a directory', run: () => runCli(['check', 'test']), mentions: ['test', 'directory'] },
    {
      name: 'malformed JSON',
      run: () => checkFile('{\n  "models": [\n    { "k": 10, }\n  ]\n}'),
      mentions: [FILE, 'not valid JSON', 'line 3'],
    },
    { name: 'an empty file', run: () => checkFile(''), mentions: [FILE, 'not valid JSON'] },
    {
      name: 'an invalid config',
      run: () => checkFile({ models: [{ k: '10' }] }),
      mentions: [FILE, 'models[0].k: expected a positive number, got "10"'],
    },
    {
      name: 'a model the core refuses',
      run: () =>
        checkFile({
          budget: { params: '40M' },
          models: [
            { depth: 28, k: 10 },
            { name: 'odd', depth: 27, k: 10 },
          ],
        }),
      mentions: [`${FILE}: models[1] ("odd"): Depth 27`, '22 or 28'],
    },
  ];

  it.each(USAGE)('2 for $name: one sentence on stderr, nothing on stdout', async ({ run, mentions }) => {
    const result = await run();
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.startsWith('wrn-calc: ')).toBe(true);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    for (const text of mentions) expect(result.stderr).toContain(text);
  });

  it('--debug after the subcommand is accepted and adds a stack trace', async () => {
    const result = await runCli(['check', '--depth', '27', '--max-params', '1M', '--debug']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/\n\s+at /);
  });

  it('check --help exits 0 and lists the budget flags', async () => {
    const result = await runCli(['check', '--help']);
    expect(result.exitCode).toBe(0);
    for (const flag of ['--max-params', '--max-macs', '--max-flops', '--max-param-bytes', '--max-activation-bytes', '--format'])
      expect(result.stdout).toContain(flag);
  });
});

describe('budget files: every error names its JSON path', () => {
  const model = { depth: 28, k: 10 };
  const CASES: readonly { name: string; config: unknown; mentions: string[] }[] = [
    { name: 'not an object', config: [], mentions: ['expected a budget file (a JSON object), got []'] },
    { name: 'no models', config: { budget: { params: '1M' } }, mentions: ['models: is missing'] },
    { name: 'empty models', config: { models: [] }, mentions: ['models: expected at least one model'] },
    { name: 'unknown top-level key', config: { models: [model], budgets: {} }, mentions: ['budgets: unknown key', '"models"'] },
    {
      name: 'unknown model key',
      config: { budget: { params: '1M' }, models: [model, { k: 1, depth: 10, width: 3 }] },
      mentions: ['models[1].width: unknown key', '"blocksPerGroup"'],
    },
    {
      name: 'unknown budget key',
      config: { budget: { parameters: '1M' }, models: [model] },
      mentions: ['budget.parameters: unknown key', '"params"'],
    },
    { name: 'several unknown keys', config: { models: [{ ...model, a: 1, b: 2 }] }, mentions: ['models[0]: unknown keys "a", "b"'] },
    {
      name: 'k of the wrong type',
      config: { models: [model, { k: '10' }] },
      mentions: ['models[1].k: expected a positive number, got "10"'],
    },
    {
      name: 'missing k',
      config: { budget: { params: '1G' }, models: [{ depth: 28 }] },
      mentions: ['models[0]: The network needs a widening factor k'],
    },
    {
      name: 'unknown model name',
      config: { budget: { params: '1G' }, models: [{ model: 'resnet51' }] },
      mentions: ["models[0]: Model 'resnet51' is not known; did you mean", 'resnet50'],
    },
    {
      name: 'blocks per group of the wrong length',
      config: { budget: { params: '1G' }, models: [{ family: 'imagenet', blocksPerGroup: [3, 4, 6], k: 1 }] },
      mentions: ['models[0]: Blocks per group lists 3 values', '4 groups'],
    },
    { name: 'negative k', config: { models: [{ depth: 28, k: -1 }] }, mentions: ['models[0].k: expected a positive number, got -1'] },
    {
      name: 'fractional depth',
      config: { models: [{ depth: 28.5, k: 1 }] },
      mentions: ['models[0].depth: expected a whole number ≥ 1', '28.5'],
    },
    {
      name: 'unknown dataset',
      config: { models: [{ ...model, dataset: 'imagenet-21k' }] },
      mentions: ['models[0].dataset: expected one of cifar10', '"imagenet-21k"'],
    },
    {
      name: 'bad depth rule',
      config: { models: [{ ...model, depthRule: 'paper' }] },
      mentions: ['models[0].depthRule: expected one of layers, nominal, resnet'],
    },
    {
      name: 'bad family',
      config: { models: [{ ...model, family: 'svhn' }] },
      mentions: ['models[0].family: expected one of cifar, imagenet', '"svhn"'],
    },
    {
      name: 'bad block string',
      config: { models: [{ ...model, block: 'B(3,x)' }] },
      mentions: ['models[0].block: expected kernel sizes', '"B(3,x)"'],
    },
    {
      name: 'zero kernel in a block array',
      config: { models: [{ ...model, block: [3, 0] }] },
      mentions: ['models[0].block[1]: expected kernel sizes'],
    },
    {
      name: 'zero kernel in a block string',
      config: { models: [{ ...model, block: 'B(3,0)' }] },
      mentions: ['models[0].block: expected kernel sizes', 'each at least 1'],
    },
    {
      name: 'bad input',
      config: { models: [{ ...model, input: '40 by 24' }] },
      mentions: ['models[0].input: expected an input size', '"40 by 24"'],
    },
    {
      name: 'input of three sides',
      config: { models: [{ ...model, input: [3, 32, 32] }] },
      mentions: ['models[0].input: expected an input size'],
    },
    {
      name: 'dropout out of range',
      config: { models: [{ ...model, dropout: 1 }] },
      mentions: ['models[0].dropout: expected a number from 0 up to (not including) 1, got 1'],
    },
    {
      name: 'convBias not a boolean',
      config: { models: [{ ...model, convBias: 'yes' }] },
      mentions: ['models[0].convBias: expected true or false'],
    },
    { name: 'empty name', config: { models: [{ ...model, name: '' }] }, mentions: ['models[0].name: expected a non-empty string'] },
    {
      name: 'budget with a space',
      config: { budget: { params: '10 M' }, models: [model] },
      mentions: ["budget.params: '10 M' has a space"],
    },
    {
      name: 'budget with an exponent',
      config: { budget: { params: '1e3' }, models: [model] },
      mentions: ["budget.params: '1e3' has an exponent"],
    },
    {
      name: 'negative budget',
      config: { models: [{ ...model, budget: { macs: '-1M' } }] },
      mentions: ["models[0].budget.macs: '-1M' is negative"],
    },
    {
      name: 'negative number budget',
      config: { models: [{ ...model, budget: { params: -1 } }] },
      mentions: ['models[0].budget.params: -1 is negative'],
    },
    {
      name: 'fractional number budget',
      config: { budget: { params: 1.5 }, models: [model] },
      mentions: ['budget.params: 1.5 is not a whole number'],
    },
    {
      name: 'not whole after scaling',
      config: { budget: { params: '1.0000005K' }, models: [model] },
      mentions: ["budget.params: '1.0000005K' is 1000.0005, not a whole number"],
    },
    {
      name: 'bytes without B',
      config: { budget: { paramBytes: '150M' }, models: [model] },
      mentions: ["budget.paramBytes: '150M' is ambiguous", '150MiB'],
    },
    {
      name: 'a byte unit on a count',
      config: { budget: { macs: '6GB' }, models: [model] },
      mentions: ["budget.macs: '6GB' has a byte unit"],
    },
    {
      name: 'a budget of the wrong type',
      config: { budget: { params: true }, models: [model] },
      mentions: ['budget.params: expected a whole number', 'got true'],
    },
    { name: 'no budget applies', config: { models: [model] }, mentions: ['models[0]: no budget applies'] },
    {
      name: 'a repeated name',
      config: {
        budget: { params: '1G' },
        models: [
          { ...model, name: 'a' },
          { ...model, name: 'a' },
        ],
      },
      mentions: ['models[1].name: "a" is already the name of models[0]'],
    },
    {
      name: 'neither depth nor blocksPerGroup',
      config: { budget: { params: '1G' }, models: [{ k: 10 }] },
      mentions: ['models[0]: The network needs a depth'],
    },
    {
      name: 'depth that does not fit',
      config: { budget: { params: '1G' }, models: [model, { name: 'b313', depth: 28, k: 2, block: [3, 1, 3] }] },
      mentions: ['models[1] ("b313"): Depth 28 does not fit'],
    },
    {
      name: 'width not whole',
      config: { budget: { params: '1G' }, models: [{ depth: 28, k: 0.01 }] },
      mentions: ['models[0]: Widening factor k = 0.01'],
    },
    {
      name: 'counts past MAX_SAFE_INTEGER',
      config: { budget: { params: '1G' }, models: [{ depth: 28, k: 100000 }] },
      mentions: ['models[0]: The MAC count of this network would exceed', 'MAX_SAFE_INTEGER'],
    },
  ];

  it.each(CASES)('$name', async ({ config, mentions }) => {
    const result = await checkFile(config);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.startsWith(`wrn-calc: ${FILE}: `)).toBe(true);
    for (const text of mentions) expect(result.stderr).toContain(text);
  });

  it('names every problem: the first in the sentence, each other one on its own line', async () => {
    const result = await checkFile({ models: [{ k: '10' }, { k: -1, depth: 'x' }] });
    expect(result.stderr.split('\n').slice(1)).toEqual([
      `(also ${FILE}: models[1].depth: expected a whole number ≥ 1 such as 28, got "x")`,
      `(also ${FILE}: models[1].k: expected a positive number, got -1)`,
      '',
    ]);
    expect(result.stderr).toContain(`wrn-calc: ${FILE}: models[0].k: expected a positive number, got "10".\n`);
  });

  it('a model error anywhere means nothing is evaluated, even for the valid models', async () => {
    const result = await checkFile({
      budget: { params: '1K' },
      models: [
        { depth: 28, k: 10 },
        { depth: 27, k: 10 },
      ],
    });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
  });
});

describe('budget files: what they accept', () => {
  it('every summary option, in every accepted spelling', async () => {
    const config = {
      $schema: './budgets.schema.json',
      budget: { params: '2M', macs: 400000000, flops: '0.8G', paramBytes: '8MiB', activationBytes: '16MB' },
      models: [
        { name: 'array block', blocksPerGroup: 3, k: 2, block: [3, 1, 3] },
        { name: 'B() block', blocksPerGroup: 3, k: 2, block: 'B(3,1,3)' },
        { name: 'plain block', depth: 22, k: 2, block: '3,1,3', depthRule: 'nominal' },
        { name: 'square', depth: 10, k: 1.5, input: 40, inChannels: 1, classes: 5, convBias: true, dropout: 0.3 },
        { name: 'pair', depth: 10, k: 1.5, input: [40, 24], dataset: 'svhn' },
        { name: 'string', depth: 10, k: 1.5, input: '40x24', dataset: 'svhn' },
      ],
    };
    const result = await checkFile(config, ['--json']);
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout) as CheckJson;
    const [array, b, plain, square, pair, text] = json.models;
    expect(array?.metrics.params?.value).toBe(1_145_498);
    expect(b?.metrics).toEqual(array?.metrics);
    expect(plain?.metrics).toEqual(array?.metrics);
    expect(square?.model).toMatchObject({ input: [1, 40, 40], classes: 5, convBias: true, dropout: 0.3 });
    // svhn's channels and classes, another input: no dataset is named (a custom input).
    expect(pair?.model).toMatchObject({ input: [3, 40, 24], classes: 10, dataset: null });
    expect(text?.metrics).toEqual(pair?.metrics);
    expect(array?.metrics).toMatchObject({
      params: { budget: 2_000_000 },
      macs: { budget: 400_000_000 },
      flops: { budget: 800_000_000 },
      paramBytes: { budget: 8 * 1024 ** 2 },
      activationBytes: { budget: 16_000_000 },
    });
  });

  it("a model's own budget overrides the shared one, metric by metric", async () => {
    const config = { budget: { params: '40M', macs: '6G' }, models: [{ name: 'tight', depth: 28, k: 10, budget: { params: '37M' } }] };
    const json = JSON.parse((await checkFile(config, ['--json'])).stdout) as CheckJson;
    expect(json.models[0]?.metrics).toEqual({
      params: { value: 36_479_194, budget: 37_000_000, ok: true },
      macs: { value: 5_243_328_768, budget: 6_000_000_000, ok: true },
    });
  });
});

describe('wrn-calc check: reports', () => {
  it('--json: per model and metric, value, budget and ok; the summary JSON model; exit 1 when over', async () => {
    const result = await checkFile(TWO_MODELS, ['--json']);
    expect(result.exitCode).toBe(1);
    const json = JSON.parse(result.stdout) as CheckJson;
    expect(json.ok).toBe(false);
    expect(json.models.map((m) => [m.name, m.ok])).toEqual([
      ['baseline', true],
      ['deep', false],
    ]);
    expect(json.models[1]?.metrics).toEqual({
      params: { value: 55_841_754, budget: 40_000_000, ok: false },
      macs: { value: 8_074_483_968, budget: 10_000_000_000, ok: true },
    });
    const summary = JSON.parse((await runCli(['--depth', '40', '--k', '10', '--json'])).stdout) as { model: unknown };
    expect(json.models[1]?.model).toEqual(summary.model);
  });

  it('--format markdown: a verdict and a GitHub table', async () => {
    const result = await checkFile(TWO_MODELS, ['--format', 'markdown']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('**wrn-calc check**: 1 of 2 models is over budget: deep in params.');
    expect(result.stdout).toContain('| model | metric | value | budget | headroom | status |');
    expect(result.stdout).toContain('| deep | params | 55,841,754 (55.8M) | 40,000,000 (40.0M) | -39.6% | ❌ over |');
    expect(result.stdout).not.toContain(ESC);
  });

  it('over-budget rows are red in a terminal, and only those', async () => {
    const result = await checkFile(TWO_MODELS, [], { tty: true });
    const lines = result.stdout.split('\n');
    const deepParams = lines.find((line) => line.includes('55,841,754'));
    const baseline = lines.find((line) => line.includes('36,479,194'));
    expect(deepParams).toContain(`${ESC}31m`);
    expect(baseline).not.toContain(`${ESC}31m`);
  });

  it('no colour when piped, with NO_COLOR, or with --no-color', async () => {
    expect((await checkFile(TWO_MODELS)).stdout).not.toContain(ESC);
    expect((await checkFile(TWO_MODELS, [], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await checkFile(TWO_MODELS, ['--no-color'], { tty: true })).stdout).not.toContain(ESC);
  });
});

describe('GitHub Actions annotations', () => {
  const env = { GITHUB_ACTIONS: 'true' };

  it('one ::error:: per metric over budget, on stderr, pointing at the budget file', async () => {
    const config = {
      budget: { params: '40M', macs: '6G' },
      models: [
        { name: 'baseline', depth: 28, k: 10 },
        { name: 'deep', depth: 40, k: 10 },
      ],
    };
    const result = await checkFile(config, [], { env });
    expect(result.exitCode).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      '::error file=budgets.json,title=wrn-calc%3A over budget::deep (WRN-40-10): params 55,841,754 is over the budget of 40,000,000 by 39.6%25',
      '::error file=budgets.json,title=wrn-calc%3A over budget::deep (WRN-40-10): MACs 8,074,483,968 is over the budget of 6,000,000,000 by 34.6%25',
    ]);
    expect(result.stdout).not.toContain('::error');
  });

  it('keep --json stdout pure JSON', async () => {
    const result = await checkFile(TWO_MODELS, ['--json'], { env });
    expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
    expect(result.stderr).toContain('::error ');
  });

  it('without a file, name the network only', async () => {
    const result = await runCli(['check', '--max-params', '1M'], { env });
    expect(result.stderr).toBe(
      '::error title=wrn-calc%3A over budget::WRN-28-10: params 36,479,194 is over the budget of 1,000,000 by 3547.9%25\n',
    );
  });

  it('escape what GitHub would read as syntax', async () => {
    const result = await checkFile({ budget: { params: '1M' }, models: [{ name: 'a,b: 100%', depth: 28, k: 10 }] }, [], { env });
    expect(result.stderr).toContain('::a,b: 100%25 (WRN-28-10): params');
  });

  it('none when everything is within budget, or outside GitHub Actions', async () => {
    expect((await runCli(['check', EXAMPLE_PATH], { env })).stderr).toBe('');
    expect((await checkFile(TWO_MODELS, [], { env: { GITHUB_ACTIONS: 'false' } })).stderr).toBe('');
    expect((await checkFile(TWO_MODELS)).stderr).toBe('');
  });
});

describe('wrn-calc schema', () => {
  const generated = async () => configJsonSchema();

  it('the saved schemas are the one generated from the zod schema (UPDATE_SCHEMA=1 rewrites them)', () => {
    const text = renderJson(configJsonSchema());
    for (const path of ['src/cli/budgets.schema.json', 'examples/budgets.schema.json']) {
      if (process.env.UPDATE_SCHEMA === '1') writeFileSync(path, text);
      expect(readFileSync(path, 'utf8'), `${path} is stale: run UPDATE_SCHEMA=1 npx vitest run test/cli/check.test.ts`).toBe(text);
    }
  });

  it('wrn-calc schema prints it', async () => {
    const result = await runCli(['schema']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(renderJson(configJsonSchema()));
  });

  it('describes the format: required keys, no unknown keys, units as patterns', async () => {
    const schema = (await generated()) as {
      required: string[];
      additionalProperties: boolean;
      properties: { models: { items: { required: string[]; additionalProperties: boolean; properties: Record<string, unknown> } } };
    };
    expect(schema.required).toEqual(['models']);
    expect(schema.additionalProperties).toBe(false);
    const model = schema.properties.models.items;
    // A model may be named (`"model": "resnet50"`), so no field is required; the core says what is missing.
    expect(model.required).toBeUndefined();
    expect(model.additionalProperties).toBe(false);
    expect(Object.keys(model.properties).sort()).toEqual(
      [
        'name',
        'model',
        'family',
        'depth',
        'k',
        'blocksPerGroup',
        'block',
        'groups',
        'widthPerGroup',
        'bottleneckStride',
        'order',
        'shortcut',
        'depthRule',
        'dataset',
        'input',
        'inChannels',
        'classes',
        'convBias',
        'dropout',
        'batch',
        'optimizer',
        'budget',
      ].sort(),
    );
  });

  it('validates the example budget file, which is the one docs/ci.md shows', async () => {
    const schema = await generated();
    expect(validateJsonSchema(schema, EXAMPLE)).toEqual([]);
    const page = readFileSync('docs/ci.md', 'utf8');
    const section = page.slice(page.indexOf('## Budget files'));
    const block = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block, 'a json block in docs/ci.md\'s "Budget files" section').toBeDefined();
    expect(JSON.parse(block ?? '')).toEqual(EXAMPLE);
  });

  it('agrees with the zod schema on valid and invalid files', async () => {
    const schema = await generated();
    const model = { depth: 28, k: 10 };
    const samples: unknown[] = [
      EXAMPLE,
      { models: [model] },
      { $schema: 'x', budget: { params: 1000, paramBytes: '1.5GiB' }, models: [{ ...model, block: 'B(3,1,3)', input: '40x24' }] },
      { models: [{ ...model, input: [40, 24], block: [3, 3] }] },
      [],
      { models: [] },
      { models: [model], extra: 1 },
      { models: [{ ...model, width: 1 }] },
      { models: [{ depth: 28 }] },
      { models: [{ ...model, k: '10' }] },
      { models: [{ ...model, k: 0 }] },
      { models: [{ ...model, dataset: 'imagenet' }] },
      { models: [{ ...model, input: [1, 2, 3] }] },
      { models: [{ ...model, dropout: 1 }] },
      { budget: { params: '10 M' }, models: [model] },
      { budget: { params: '1e3' }, models: [model] },
      { budget: { params: '-1M' }, models: [model] },
      { budget: { params: 1.5 }, models: [model] },
      { budget: { params: '40m' }, models: [model] },
      { budget: { paramBytes: '150M' }, models: [model] },
      { budget: { macs: '6GB' }, models: [model] },
      { budget: { flops: 0 }, models: [model] },
    ];
    for (const sample of samples) {
      const byZod = configSchema.safeParse(sample).success;
      const bySchema = validateJsonSchema(schema, sample).length === 0;
      expect(bySchema, JSON.stringify(sample)).toBe(byZod);
    }
  });
});

describe('budget files: exact messages', () => {
  const model = { depth: 28, k: 10 };
  const MODEL_KEYS =
    '"name", "model", "family", "depth", "k", "blocksPerGroup", "block", "groups", "widthPerGroup", "bottleneckStride", "order", "shortcut", "depthRule", "dataset", "input", "inChannels", "classes", "convBias", "dropout", "batch", "optimizer", "budget"';

  const stderrOf = async (config: unknown) => {
    const result = await checkFile(config);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    return result.stderr;
  };

  it('a problem with the whole file has no path before it', async () => {
    expect(await stderrOf([])).toBe(`wrn-calc: ${FILE}: expected a budget file (a JSON object), got [].\n`);
  });

  it('one unknown key is named by its path, followed by the keys allowed', async () => {
    expect(await stderrOf({ budget: { params: '1G' }, models: [{ ...model, width: 3 }] })).toBe(
      `wrn-calc: ${FILE}: models[0].width: unknown key; a model takes ${MODEL_KEYS}.\n`,
    );
  });

  it.each([
    ['a budget that is not an object', { budget: 5, models: [model] }, 'budget: expected a budget (a JSON object), got 5'],
    ['models that are not an array', { budget: { params: '1G' }, models: 5 }, 'models: expected an array of models, got 5'],
    [
      'no blocks per group',
      { budget: { params: '1G' }, models: [{ blocksPerGroup: 0, k: 1 }] },
      'models[0].blocksPerGroup: expected a whole number ≥ 1, or one per group such as [3, 4, 6, 3], got 0',
    ],
    [
      'no input channels',
      { budget: { params: '1G' }, models: [{ ...model, inChannels: 0 }] },
      'models[0].inChannels: expected a whole number ≥ 1, got 0',
    ],
    [
      'a fractional number of classes',
      { budget: { params: '1G' }, models: [{ ...model, classes: 1.5 }] },
      'models[0].classes: expected a whole number ≥ 1, got 1.5',
    ],
    [
      'an unknown dataset, with the known ones listed',
      { budget: { params: '1G' }, models: [{ ...model, dataset: 'imagenet-21k' }] },
      'models[0].dataset: expected one of cifar10, cifar100, svhn, mnist, fashion-mnist, stl10, tiny-imagenet, imagenet, got "imagenet-21k"',
    ],
  ])('%s', async (_, config, message) => {
    expect(await stderrOf(config)).toBe(`wrn-calc: ${FILE}: ${message}.\n`);
  });

  it('a second problem on a line of its own, named', async () => {
    expect(await stderrOf({ models: [{ k: '10' }, { depth: 28, k: -1 }] })).toBe(
      `wrn-calc: ${FILE}: models[0].k: expected a positive number, got "10".\n(also ${FILE}: models[1].k: expected a positive number, got -1)\n`,
    );
  });

  it('a budget of 1e999 (Infinity once parsed) is named as too large, not as null', async () => {
    expect(await stderrOf('{"budget": {"params": 1e999}, "models": [{"depth": 28, "k": 10}]}')).toBe(
      `wrn-calc: ${FILE}: budget.params: a number too large to represent is not a budget; use a whole number, or a number with K, M, G or T (×1000) such as 40M or 1.5G.\n`,
    );
  });

  it.each(['0', '0x24', '40x0', '99999999999999999x1', '1x99999999999999999'])(
    'input "%s" has a side that is not a whole number ≥ 1',
    async (input) => {
      expect(await stderrOf({ budget: { params: '1G' }, models: [{ ...model, input }] })).toBe(
        `wrn-calc: ${FILE}: models[0].input: expected an input size such as 32, [40, 24] or "40x24" (whole numbers ≥ 1), got "${input}".\n`,
      );
    },
  );

  it('input "1x1" is the smallest: every conv keeps it at 1 (exit 0)', async () => {
    const result = await checkFile({ budget: { params: '1G' }, models: [{ ...model, input: '1x1' }] }, ['--json']);
    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as CheckJson).models[0]?.model).toMatchObject({ input: [3, 1, 1] });
  });

  it('a block string with kernels of two digits: "B(11,3)" is [11, 3]', async () => {
    const config = (block: unknown) => ({ budget: { params: '1G' }, models: [{ blocksPerGroup: 1, k: 1, block }] });
    const text = JSON.parse((await checkFile(config('B(11,3)'), ['--json'])).stdout) as CheckJson;
    const array = JSON.parse((await checkFile(config([11, 3]), ['--json'])).stdout) as CheckJson;
    expect(text.models[0]?.model).toMatchObject({ block: [11, 3] });
    expect(text.models[0]?.metrics).toEqual(array.models[0]?.metrics);
  });

  it('models without names may repeat a network: only given names must differ', async () => {
    const result = await checkFile({ budget: { params: '1G' }, models: [model, model] }, ['--json']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as CheckJson).models.map((m) => m.name)).toEqual(['WRN-28-10', 'WRN-28-10']);
  });

  describe("JSON syntax errors: V8's message without its echo of the file, and where", () => {
    it.each([
      ['a short file', 'xyz', "Unexpected token 'x'"],
      ['a long file (V8 cuts its echo with ...)', 'x'.repeat(100), "Unexpected token 'x'"],
      [
        'an error far into the file (echo cut on both sides)',
        '{"models": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, x]}',
        "Unexpected token 'x'",
      ],
      ['an empty file', '', 'Unexpected end of JSON input'],
      [
        'a trailing comma on line 3: the } at column 16',
        '{\n  "models": [\n    { "k": 10, }\n  ]\n}',
        'Expected double-quoted property name in JSON at position 31 (line 3, column 16)',
      ],
      ['an unterminated array on line 1', '[1, 2', "Expected ',' or ']' after array element in JSON at position 5 (line 1, column 6)"],
    ])('%s', async (_, text, message) => {
      expect(await stderrOf(text)).toBe(`wrn-calc: ${FILE} is not valid JSON: ${message}.\n`);
    });
  });

  describe('a file that cannot be read: the reason, not the system error', () => {
    const readerFailing = (failure: unknown) => ({
      readFile: () => Promise.reject(failure),
    });
    const reasonOf = async (failure: unknown) => {
      try {
        await loadBudgetFile('b.json', readerFailing(failure));
      } catch (error) {
        return error instanceof UsageError ? error.message : `not a UsageError: ${String(error)}`;
      }
      return 'no error';
    };

    it.each([
      ['ENOENT', 'no such file'],
      ['EISDIR', 'it is a directory, not a file'],
      ['EACCES', 'permission denied'],
      ['EPERM', 'permission denied'],
    ])('%s: %s', async (code, reason) => {
      const failure = Object.assign(new Error(`${code}: system text, open 'b.json'`), { code });
      expect(await reasonOf(failure)).toBe(`cannot read the budget file 'b.json': ${reason}.`);
    });

    it('an unknown failure keeps its own message, whatever was thrown', async () => {
      expect(await reasonOf(Object.assign(new Error('the disk is on fire'), { code: 'EFIRE' }))).toBe(
        "cannot read the budget file 'b.json': the disk is on fire.",
      );
      expect(await reasonOf('boom')).toBe("cannot read the budget file 'b.json': boom.");
      expect(await reasonOf(null)).toBe("cannot read the budget file 'b.json': null.");
    });

    it('the real reader: a missing file and a directory (exit 2)', async () => {
      expect((await runCli(['check', 'test/fixtures/no-such-budgets.json'])).stderr).toBe(
        "wrn-calc: cannot read the budget file 'test/fixtures/no-such-budgets.json': no such file.\n",
      );
      expect((await runCli(['check', 'test'])).stderr).toBe(
        "wrn-calc: cannot read the budget file 'test': it is a directory, not a file.\n",
      );
    });
  });
});

describe('check - (the budget file from standard input)', () => {
  const OVER = JSON.stringify({ budget: { params: '40M' }, models: [{ name: 'deep', depth: 40, k: 10 }] });

  it('reads the file from standard input; annotations have no file to point at', async () => {
    const result = await runCli(['check', '-'], { files: { '-': OVER }, env: { GITHUB_ACTIONS: 'true' } });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('deep');
    expect(result.stderr).toBe(
      '::error title=wrn-calc%3A over budget::deep (WRN-40-10): params 55,841,754 is over the budget of 40,000,000 by 39.6%25\n',
    );
  });

  it('names standard input in its refusals', async () => {
    expect((await runCli(['check', '-'], { files: { '-': '{' } })).stderr).toMatch(/^wrn-calc: standard input is not valid JSON: /);
    expect((await runCli(['check', '-', '--k', '2'], { files: { '-': OVER } })).stderr).toBe(
      'wrn-calc: --k cannot be combined with a budget file (standard input); put the network and its budget in the file.\n',
    );
  });
});
