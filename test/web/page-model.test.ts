import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { MODEL_FIELD_KEYS, flagOf } from '../../src/cli/options.js';
import { commandLine, shellWord } from '../../src/web/command-line.js';
import { compareOf, evaluate, gridOf } from '../../src/web/evaluate.js';
import type { CountedNetwork } from '../../src/web/evaluate.js';
import { FIELDSETS } from '../../src/web/fields.js';
import { contrast, heatColors } from '../../src/web/heat.js';
import { PAGE_OPTIONS, TABLE_OPTIONS } from '../../src/web/options.js';
import { describeIgnored, readQuery, writeQuery } from '../../src/web/state.js';
import { scriptSizes } from '../../scripts/build-web.mjs';

/*
 * The page's model of a view, without a browser: the URL's parameters are the CLI's
 * options, read by the CLI's parsers, counted by the core, refused with the CLI's
 * own sentences. Known counts come from PyTorch (measured on torchvision objects by
 * scripts/reference), not from the page.
 */

const page = (search: string) => evaluate(readQuery(search).state);

function counted(search: string): CountedNetwork {
  const { network, problems } = page(search);
  if (network === undefined) throw new Error(`${search}: ${problems.map((p) => p.message).join(' ')}`);
  return network;
}

/** What the CLI prints for the same value: its one stderr line, without the `wrn-calc: ` prefix. */
async function cliSentence(argv: readonly string[]): Promise<string> {
  const result = await runCli(argv);
  expect(result.exitCode).toBe(2);
  return result.stderr.replace(/^wrn-calc: /, '').trimEnd();
}

describe('the page reads the CLI option names', () => {
  it("every network and training option of the CLI's table is a parameter, named by its flag", () => {
    expect(TABLE_OPTIONS.map((option) => `--${option.param}`)).toEqual(MODEL_FIELD_KEYS.map(flagOf));
  });

  it('the other parameters are the summary’s --memory and --layers, grid’s --metric and the compare command', async () => {
    const others = PAGE_OPTIONS.filter((option) => !TABLE_OPTIONS.includes(option)).map((option) => option.param);
    expect(others).toEqual(['memory', 'layers', 'metric', 'compare']);
    const summaryHelp = (await runCli(['--help'])).stdout;
    expect(summaryHelp).toMatch(/^ {2}--memory <amount> /m);
    expect(summaryHelp).toMatch(/^ {2}--layers /m);
    expect((await runCli(['grid', '--help'])).stdout).toMatch(/^ {2}--metric <metric> /m);
    expect(summaryHelp).toMatch(/^ {2}compare /m);
  });

  it('the form has one control for each network and training option, in one fieldset', () => {
    const onForm = FIELDSETS.flatMap((set) => [...set.params]);
    expect([...onForm].sort()).toEqual([...TABLE_OPTIONS.map((option) => option.param), 'memory'].sort());
  });
});

describe('the URL', () => {
  it('round-trips in the table’s order, with a switch as its bare name and lists left readable', () => {
    const { state } = readQuery('?k=8&conv-bias&depth=16&block=B(3,1,3)&compare=WRN-40-4,WRN-16-8&layers=');
    expect(writeQuery(state)).toBe('?depth=16&k=8&block=B(3,1,3)&conv-bias&layers&compare=WRN-40-4,WRN-16-8');
    expect(writeQuery(readQuery(writeQuery(state)).state)).toBe(writeQuery(state));
    expect(writeQuery(new Map())).toBe('');
  });

  it('a repeated parameter takes its last value, as a repeated flag does; an empty one is absent', () => {
    expect(writeQuery(readQuery('?depth=16&depth=40&k=').state)).toBe('?depth=40');
  });

  it('encodes what would end a parameter', () => {
    const { state } = readQuery(`?model=${encodeURIComponent('a&b=c #d')}`);
    expect(state.get('model')).toBe('a&b=c #d');
    expect(writeQuery(state)).toBe('?model=a%26b%3Dc%20%23d');
  });

  it('names the parameters it ignores, a few of them, quoted as the CLI quotes input', () => {
    const { ignored } = readQuery('?dpth=16&utm_source=x&k=8');
    expect(ignored).toEqual(['dpth', 'utm_source']);
    expect(describeIgnored(ignored)).toBe("This link's parameters 'dpth', 'utm_source' are not options of this page and were ignored.");
    expect(describeIgnored(['dpth'])).toBe("This link's parameter 'dpth' is not an option of this page and was ignored.");
    const many = readQuery(`?${Array.from({ length: 10_000 }, (_, i) => `x${i}=1`).join('&')}`).ignored;
    expect(describeIgnored(many)).toBe(
      "This link's parameters 'x0', 'x1', 'x2', 'x3', 'x4' and 9995 more are not options of this page and were ignored.",
    );
  });
});

describe('the counts', () => {
  it.each([
    ['', 'WRN-28-10', 36_479_194, 5_243_328_768],
    ['?depth=16&k=8', 'WRN-16-8', 10_961_370, 1_548_145_664],
    ['?model=WRN-40-4', 'WRN-40-4', 8_949_210, 1_298_582_016],
    ['?model=resnet50', 'resnet50', 25_557_032, 4_089_184_256],
    ['?model=wide_resnet50_2', 'wide_resnet50_2', 68_883_240, 11_398_021_120],
    ['?model=resnext50_32x4d', 'resnext50_32x4d', 25_028_904, 4_230_479_872],
    ['?depth=28&k=10&classes=100', 'WRN-28-10', 36_536_884, 5_243_386_368],
  ])('%s is %s: %i params, %i MACs (PyTorch)', (search, name, params, macs) => {
    const network = counted(search);
    expect(network.summary.model.name).toBe(name);
    expect(network.summary.totals.params).toBe(params);
    expect(network.summary.totals.macs).toBe(macs);
  });

  it('a training step and the largest batch, as the summary computes them (WRN-28-10: 18,496,000 B per image)', () => {
    const { training, summary } = counted('?batch=128&memory=16GiB&optimizer=adam');
    expect(summary.totals.savedBytesPerImage).toBe(18_496_000);
    expect(training.batch).toBe(128);
    expect(training.optimizer).toBe('adam');
    expect(training.memoryBytes).toBe(16 * 1024 ** 3);
    expect(training.maxBatch).toBeGreaterThan(128);
  });
});

describe('refusals are the CLI’s sentences, beside their fields', () => {
  it.each([
    ['?depth=27', 'depth', ['--depth', '27']],
    ['?depth=1e308', 'depth', ['--depth=1e308']],
    ['?k=-0', 'k', ['--k=-0']],
    ['?k=1.00000000000000000001', 'k', ['--k', '1.00000000000000000001']],
    ['?memory=16G', 'memory', ['--memory', '16G']],
    ['?block=bottleneck&depth=28', 'depth', ['--block', 'bottleneck', '--depth', '28']],
    ['?groups=32', 'groups', ['--groups', '32']],
    ['?family=imagenet&depth=20', 'depth', ['--family', 'imagenet', '--depth', '20']],
    ['?k=0.5&shortcut=zero-pad', 'shortcut', ['--k', '0.5', '--shortcut', 'zero-pad']],
    ['?dataset=cifar11', 'dataset', ['--dataset', 'cifar11']],
  ])('%s: the %s field says what the CLI says', async (search, param, argv) => {
    const result = page(search);
    expect(result.network).toBeUndefined();
    expect(result.problems).toEqual([{ param, message: await cliSentence(argv) }]);
  });

  it('a model name is refused with its sentence, the model field’s', () => {
    const result = page(`?model=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    expect(result.problems).toEqual([
      {
        param: 'model',
        message:
          "--model must be a model name such as WRN-28-10, resnet50 or wide_resnet50_2 (letters, digits, _ . -), got '<img src=x onerror=alert(1)>'.",
      },
    ]);
    expect(page('?model=WRN-27-10').problems.map((p) => p.param)).toEqual(['model']);
    expect(page('?model=resnet51').problems[0]?.message).toMatch(/^Model 'resnet51' is not known; did you mean resnet50/);
  });

  it('every bad value gets its own sentence at once (1e308 and -0)', () => {
    expect(page('?depth=1e308&k=-0').problems.map((p) => p.param)).toEqual(['depth', 'k']);
  });

  it('a 100 kB value is quoted short', () => {
    const [problem] = page(`?depth=${'9'.repeat(100_000)}`).problems;
    expect(problem?.param).toBe('depth');
    expect(problem?.message.length).toBeLessThan(200);
  });

  it('a view option refused leaves the network counted', () => {
    const result = page('?metric=flops');
    expect(result.network?.summary.totals.params).toBe(36_479_194);
    expect(result.problems).toEqual([
      { param: 'metric', message: "--metric 'flops' is not known; use one of params, macs, memory, train-memory, receptive-field." },
    ]);
  });
});

describe('compare', () => {
  it('puts the page’s network first, then each name on the same data', () => {
    const result = compareOf(counted('?classes=100&compare=WRN-40-4,resnet20'));
    if ('problem' in result) throw new Error(result.problem.message);
    expect(result.entries.map((entry) => [entry.name, entry.summary.model.classes])).toEqual([
      ['WRN-28-10', 100],
      ['WRN-40-4', 100],
      ['resnet20', 100],
    ]);
    expect(result.entries[1]?.summary.totals.params).toBe(counted('?model=WRN-40-4&classes=100').summary.totals.params);
  });

  it('refuses more than three names in one sentence, without reading them', () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `<b>${i}</b>`).join(',');
    const result = compareOf(counted(`?compare=${encodeURIComponent(names)}`));
    expect(result).toEqual({
      problem: { param: 'compare', message: 'compare takes at most 3 models beside this one (4 side by side), got 10,000 names.' },
    });
  });

  it("names the model the core refuses, with the core's sentence", () => {
    expect(compareOf(counted('?compare=WRN-27-10'))).toEqual({
      problem: {
        param: 'compare',
        message:
          "'WRN-27-10': Depth 27 does not fit the block (depth = 3·N·2 + 4 for a block of 2 convs); the nearest valid depths are 22 or 28.",
      },
    });
  });
});

describe('the grid around the network', () => {
  it("is the paper's grid, with the network's own depth and k added", () => {
    const { grid } = gridOf(counted('?depth=34&k=3'));
    expect(grid.rows).toEqual([16, 22, 28, 34, 40]);
    expect(grid.ks).toEqual([1, 2, 3, 4, 8, 10, 12]);
    const cell = grid.cells[3]?.[2];
    expect(cell?.ok === true ? cell.value : undefined).toBe(counted('?depth=34&k=3').summary.totals.params);
  });

  it("on ImageNet is torchvision's depths; a ResNeXt's width per group gives way to k", () => {
    const { grid } = gridOf(counted('?model=resnext50_32x4d'));
    expect(grid.rows).toEqual([18, 34, 50, 101, 152, 200]);
    // torchvision's 18 and 34 are basic blocks, which take no channel groups: the core's refusal, cell by cell.
    expect(grid.cells.map((row) => row.every((cell) => cell.ok))).toEqual([false, false, true, true, true, true]);
    const at50k2 = grid.cells[2]?.[grid.ks.indexOf(2)];
    expect(at50k2?.ok === true ? at50k2.value : undefined).toBe(25_028_904);
  });
});

describe('the page’s script', () => {
  it('is at most 60 KiB gzipped without the chart library, 250 KiB with it', async () => {
    const sizes = await scriptSizes();
    console.info(
      `page script, gzipped: ${(sizes.withoutChartLibrary.gzip / 1024).toFixed(1)} KiB without the chart library, ${(sizes.withChartLibrary.gzip / 1024).toFixed(1)} KiB with it`,
    );
    expect(sizes.withoutChartLibrary.gzip).toBeLessThanOrEqual(60 * 1024);
    expect(sizes.withChartLibrary.gzip).toBeLessThanOrEqual(250 * 1024);
    // The stub really leaves the library out: Plot and d3 are most of the shipped script.
    expect(sizes.withChartLibrary.bytes).toBeGreaterThan(2 * sizes.withoutChartLibrary.bytes);
  }, 60_000);
});

describe('what the page shows', () => {
  it('heat-map text reaches 4.5:1 on every colour of the scale', () => {
    for (let level = 0; level <= 1; level += 0.01) {
      const { background, text } = heatColors(level);
      expect(contrast(background, text), `${level}: ${background}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(heatColors(0).background).toBe('#f7fbff');
    expect(heatColors(1).background).toBe('#08306b');
  });

  it('the terminal command for a view, quoted for a shell', async () => {
    const { state } = readQuery("?model=resnet50&block=B(3,1,3)&batch=128&compare=WRN-40-4&layers&classes=it's");
    expect(commandLine(state)).toBe("wrn-calc resnet50 --block 'B(3,1,3)' --classes 'it'\\''s' --batch 128 --layers");
    expect(shellWord('16,22')).toBe('16,22');
    // Leading and trailing zeros (a link may hold thousands) say nothing to the CLI, and are left out.
    expect(commandLine(readQuery(`?depth=${'0'.repeat(10_000)}28&k=10.50&model=WRN-028-10`).state)).toBe(
      'wrn-calc WRN-28-10 --depth 28 --k 10.5',
    );
    const same = readQuery('?depth=16&k=8&batch=64&memory=24GB').state;
    const cli = await runCli(commandLine(same).split(' ').slice(1));
    expect(cli.exitCode).toBe(0);
    expect(cli.stdout).toContain(' 10,961,370 ');
  });
});
