import { describe, expect, it } from 'vitest';
import { BUDGET_METRICS } from '../../src/core/index.js';
import type { NetworkOptions } from '../../src/core/index.js';
import { toNetworkOptions } from '../../src/cli/network-options.js';
import type { ParsedNetworkOptions } from '../../src/cli/network-options.js';
import {
  COMMAND_NAMES,
  NETWORK_KEYS,
  OPTIONS,
  OPTION_KEYS,
  choicesOf,
  defaultOf,
  defaultText,
  flagOf,
  optionKeysOf,
  parseOptions,
} from '../../src/cli/options.js';
import type { CommandName } from '../../src/cli/options.js';
import { runCli } from '../helpers/cli.js';

/*
 * The option table (src/cli/options.ts) is the one declaration of every option:
 * these tests hold --help, the parsed values, the core's options and the budget
 * file to it, so that an option added to the table reaches all of them.
 */

const HELP_ARGV: Record<CommandName, string[]> = {
  summary: ['--help'],
  check: ['check', '--help'],
  grid: ['grid', '--help'],
  fit: ['fit', '--help'],
  compare: ['compare', '--help'],
  block: ['block', '--help'],
  schema: ['schema', '--help'],
  export: ['export', '--help'],
  serve: ['serve', '--help'],
};

/** The help of one option: its line and the lines that continue it, joined. */
function helpEntry(help: string, flag: string): string | undefined {
  const lines = help.split('\n');
  const start = lines.findIndex((line) => new RegExp(`^ {2}${flag.replace(/[-]/g, '\\-')}( |$)`).test(line));
  if (start === -1) return undefined;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => !/^ {10,}\S/.test(line));
  return [lines[start] ?? '', ...rest.slice(0, end === -1 ? rest.length : end)].map((line) => line.trim()).join(' ');
}

describe('the option table', () => {
  const hiddenOn: Partial<Record<CommandName, readonly string[]>> = {
    compare: ['depth', 'k', 'blocksPerGroup'],
    grid: ['widthPerGroup'],
    fit: ['widthPerGroup'],
  };

  it.each(COMMAND_NAMES)('%s --help lists every option the table gives it, with its choices and default', async (command) => {
    const help = (await runCli(HELP_ARGV[command], { columns: 400 })).stdout;
    for (const key of optionKeysOf(command)) {
      const entry = helpEntry(help, flagOf(key));
      if (hiddenOn[command]?.includes(key)) {
        expect(entry, `${flagOf(key)} is hidden on ${command}`).toBeUndefined();
        continue;
      }
      expect(entry, `${flagOf(key)} on ${command}`).toBeDefined();
      const choices = choicesOf(key, command);
      if (choices !== undefined) expect(entry).toContain(`choices: ${choices.join(', ')}`);
      const fallback = defaultText(key, command);
      if (fallback !== undefined) expect(entry).toContain(`default: ${fallback}`);
      else expect(entry).not.toContain('default:');
    }
  });

  it('no command shows an option the table does not give it', async () => {
    for (const command of COMMAND_NAMES) {
      const help = (await runCli(HELP_ARGV[command], { columns: 400 })).stdout;
      const shown = [...help.matchAll(/^ {2}(--[a-z-]+)/gm)].map(([, flag]) => flag ?? '');
      const declared = optionKeysOf(command).flatMap((key) => {
        const negate = (OPTIONS[key] as { negate?: { flag: string } }).negate;
        return negate === undefined ? [flagOf(key)] : [flagOf(key), negate.flag];
      });
      // commander's own: --version on the program, --help everywhere.
      expect(shown.filter((flag) => !declared.includes(flag) && flag !== '--version' && flag !== '--help')).toEqual([]);
    }
  });

  it('fills in every default value, parsed by the option’s own parser, and nothing else', () => {
    for (const command of COMMAND_NAMES) {
      const parsed = parseOptions(command, {}) as Record<string, unknown>;
      for (const key of optionKeysOf(command)) {
        const fallback = defaultOf(key, command);
        if (fallback !== undefined && 'value' in fallback) expect(parsed[key], `${command} ${flagOf(key)}`).toBeDefined();
        else expect(parsed[key], `${command} ${flagOf(key)}`).toBeUndefined();
      }
    }
    expect((parseOptions('grid', {}) as { k: number[] }).k).toEqual([1, 2, 4, 8, 10, 12]);
    expect((parseOptions('fit', {}) as { k: number[] }).k).toHaveLength(16);
    expect((parseOptions('check', {}) as { format: string }).format).toBe('table');
  });

  it('copies every network option to the core under its own key (the input is composed from --input and --in-channels)', () => {
    const samples: Required<ParsedNetworkOptions> = {
      model: 'WRN-18-2',
      family: 'imagenet',
      depth: 18,
      k: 2,
      blocksPerGroup: [2, 2, 2, 2],
      block: [3, 3],
      groups: 1,
      widthPerGroup: 128,
      bottleneckStride: '1x1',
      order: 'pre',
      shortcut: 'zero-pad',
      depthRule: 'resnet',
      dataset: 'cifar100',
      input: [40, 24],
      inChannels: 1,
      classes: 7,
      convBias: true,
      dropout: 0.3,
      batch: 2,
      optimizer: 'adam',
      memory: 1024,
    };
    expect(Object.keys(samples).filter((key) => !(OPTION_KEYS as string[]).includes(key))).toEqual([]);
    const options = toNetworkOptions(samples) as Record<string, unknown> & NetworkOptions;
    for (const key of NETWORK_KEYS.filter((key) => key !== 'input' && key !== 'inChannels')) {
      expect(options[key], key).toEqual(samples[key]);
    }
    expect(options.input).toEqual([1, 40, 24]);
    // Training and output options are not the network's.
    expect(Object.keys(options).filter((key) => ['batch', 'optimizer', 'memory'].includes(key))).toEqual([]);
  });

  it('has one --max-* flag per budget metric, on check and fit', () => {
    const metrics = OPTION_KEYS.flatMap((key) => {
      const metric = (OPTIONS[key] as { metric?: string }).metric;
      return metric === undefined ? [] : [metric];
    });
    expect(metrics).toEqual([...BUDGET_METRICS]);
    for (const key of OPTION_KEYS.filter((key) => (OPTIONS[key] as { metric?: string }).metric !== undefined)) {
      expect(OPTIONS[key].commands).toEqual(['check', 'fit']);
    }
  });
});

describe('one format chooser', () => {
  it.each([
    [['check', '--max-params', '40M', '--json', '--format', 'markdown'], '--json and --format markdown'],
    [['fit', '--max-params', '1M', '--json', '--format', 'table'], '--json and --format table'],
    [['grid', '--json', '--format', 'csv'], '--json and --format csv'],
    [['compare', 'WRN-16-4', 'WRN-16-8', '--json', '--format', 'markdown'], '--json and --format markdown'],
    [['WRN-16-4', '--json', '--brief'], '--json and --brief'],
  ])('wrn-calc %s: refused in the same words', async (argv, flags) => {
    const result = await runCli(argv);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`wrn-calc: ${flags} ask for different outputs; give one of them.\n`);
  });

  it('--json with --format json is one request', async () => {
    const result = await runCli(['grid', '--json', '--format', 'json', '--k', '1']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ columns: [1] });
  });
});

describe('one parser per kind of value, for flags and budget files', () => {
  /** A budget file whose one model has `field` set to the string `raw`; its exit code and message. */
  async function fromFile(field: string, raw: string) {
    const file = JSON.stringify({ budget: { params: '1T' }, models: [{ depth: 16, k: 4, [field]: raw }] });
    return runCli(['check', 'budgets.json', '--json'], { files: { 'budgets.json': file } });
  }

  it.each([
    ['block', '--block', ['3,3', 'B(3,1,3)', 'b(1,3,1)', '3 , 3', 'bottleneck', 'B(0,3)', 'B(3,3', '3;3', '', 'B()']],
    ['input', '--input', ['32', '40x24', '28×28', '64X64', '0', '32x', 'x32', '32x32x3', '1e3', '0x20']],
  ])('%s: a string the file takes is one the flag takes, and counts the same', async (field, flag, samples) => {
    for (const raw of samples) {
      const file = await fromFile(field, raw);
      const cli = await runCli(['check', '--depth', '16', '--k', '4', '--max-params', '1T', '--json', `${flag}=${raw}`]);
      expect(file.exitCode, `${field} ${JSON.stringify(raw)}`).toBe(cli.exitCode);
      if (file.exitCode === 0) expect(JSON.parse(file.stdout)).toEqual(JSON.parse(cli.stdout));
    }
  });
});
