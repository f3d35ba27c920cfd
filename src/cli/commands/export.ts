import { Option } from 'commander';
import type { Command } from 'commander';
import * as z from 'zod/mini';
import { MAX_LISTED_LAYERS, groupThousands, resolveNetwork, summarizeSpec } from '../../core/index.js';
import type { NetworkSpec } from '../../core/index.js';
import { BUDGET_FLAGS, addBudgetOptions } from '../budget-options.js';
import type { CliContext } from '../context.js';
import { OutputError, UsageError } from '../errors.js';
import { modelNameFlag } from '../file-fields.js';
import { parseOrThrow, toNetworkOptions } from '../network-options.js';
import { fail, oneOf, ok, stringParser } from '../numbers.js';
import { addNetworkOptions, flagOf, networkOptionsSchema } from '../options.js';
import type { NetworkOptionKey } from '../options.js';
import { VERSION } from '../program.js';
import { quote } from '../quote.js';
import { SUBCOMMAND_DESCRIPTIONS } from './descriptions.js';

/*
 * wrn-calc export: the network the summary would count, as code that builds it. The
 * network options are the summary's, read by the same table and parsers; what the
 * summary reports on (training memory, layers, charts, budgets) has no place in a
 * file of code and is refused by name.
 */

export const EXPORT_FORMATS = ['pytorch', 'onnx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The file name endings that say which format a file holds. */
const EXTENSIONS: Readonly<Record<ExportFormat, string>> = { pytorch: '.py', onnx: '.onnx' };

const outPath = stringParser((raw) => (raw.trim() === '' ? fail<string>('--out needs a file path, got an empty value.') : ok(raw)));

const exportFlags = z.object({
  format: z.optional(oneOf('--format', EXPORT_FORMATS)),
  out: z.optional(outPath),
});

/** The summary's network options that describe a training step, not the network. */
const TRAINING_KEYS: readonly NetworkOptionKey[] = ['batch', 'optimizer'];

/** The summary's output flags, as commander stores them: refused by name rather than as unknown options. */
const REPORT_FLAGS = [
  ['memory', '--memory <amount>'],
  ['layers', '--layers'],
  ['json', '--json'],
  ['svg', '--svg <path>'],
  ['png', '--png <path>'],
  ['plot', '--plot'],
  ['color', '--color'],
] as const;

const modelArgument = z.optional(modelNameFlag('The model'));

function kebab(key: string): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** Flags of the summary or of check that were given: one sentence naming them. */
function refuseReportFlags(raw: Record<string, unknown>): void {
  const budget = Object.values(BUDGET_FLAGS).map((flag) => flag.key);
  const given = [
    ...TRAINING_KEYS.filter((key) => raw[key] !== undefined).map(flagOf),
    ...REPORT_FLAGS.filter(([key]) => raw[key] !== undefined).map(([key]) =>
      key === 'color' && raw[key] === false ? '--no-color' : kebab(key),
    ),
    ...budget.filter((key) => raw[key] !== undefined).map(kebab),
  ];
  if (given.length === 0) return;
  const named = given.length === 1 ? given.join('') : `${given.slice(0, -1).join(', ')} and ${given[given.length - 1] ?? ''}`;
  throw new UsageError(
    `${named} ${given.length === 1 ? 'does' : 'do'} not apply to export, which writes the code of a network, not a report or a budget check; export takes the network options, --format and --out.`,
  );
}

/** `--out resnet50.onnx` with the Python format (or the reverse) is a mistake caught before anything is written. */
function checkExtension(format: ExportFormat, out: string | undefined): void {
  if (out === undefined) return;
  const other = EXPORT_FORMATS.find((candidate) => candidate !== format && out.toLowerCase().endsWith(EXTENSIONS[candidate]));
  if (other !== undefined) {
    throw new UsageError(
      `--out ${quote(out)} names ${other === 'onnx' ? 'an ONNX' : 'a Python'} file but the format is ${format}; add --format ${other}, or name the file ${quote(out.slice(0, -EXTENSIONS[other].length) + EXTENSIONS[format])}.`,
    );
  }
}

/** An ONNX graph has one node per layer: as many as the listing allows. */
function checkGraphSize(spec: NetworkSpec): void {
  const layers = summarizeSpec(spec).layerCount;
  if (layers > MAX_LISTED_LAYERS) {
    throw new UsageError(
      `This network has ${groupThousands(layers)} layers, more than the ${groupThousands(MAX_LISTED_LAYERS)} an ONNX graph is written with, node by node; use a smaller depth, or --format pytorch (whose blocks are built in a loop).`,
    );
  }
}

async function writeExport(ctx: CliContext, out: string | undefined, data: string | Uint8Array, format: ExportFormat): Promise<void> {
  if (out === undefined) {
    if (typeof data === 'string') ctx.stdout = data;
    else ctx.stdoutBytes = data;
    return;
  }
  const { writeFilesAtomically } = await import('../write-file.js');
  const failure = writeFilesAtomically([{ path: out, data }]);
  if (failure !== undefined) {
    const what = format === 'onnx' ? 'the ONNX graph' : 'the Python code';
    throw new OutputError(`cannot write ${what} to ${quote(failure.path)}: ${failure.reason}.`, failure.code);
  }
}

async function runExport(model: string | undefined, raw: Record<string, unknown>, ctx: CliContext): Promise<void> {
  refuseReportFlags(raw);
  const parsed = { ...parseOrThrow(networkOptionsSchema('summary'), raw), model: parseOrThrow(modelArgument, model) };
  const flags = parseOrThrow(exportFlags, raw);
  const format = flags.format ?? 'pytorch';
  checkExtension(format, flags.out);
  if (format === 'onnx' && flags.out === undefined && ctx.stdoutIsTTY()) {
    throw new UsageError(
      '--format onnx writes binary data, not text for a terminal; give --out PATH (e.g. --out model.onnx), or redirect stdout to a file.',
    );
  }
  const spec = resolveNetwork(toNetworkOptions(parsed));
  if (format === 'pytorch') {
    const { pytorchSource } = await import('../../export/pytorch.js');
    return writeExport(ctx, flags.out, pytorchSource(spec), format);
  }
  checkGraphSize(spec);
  const [{ onnxGraph }, { loadOnnxChunk }] = await Promise.all([import('../../export/onnx/graph.js'), import('../onnx-chunk.js')]);
  const graph = onnxGraph(spec, VERSION);
  const { encodeModel } = await loadOnnxChunk();
  return writeExport(ctx, flags.out, encodeModel(graph), format);
}

export function configureExport(program: Command, ctx: CliContext): Command {
  const command = program
    .command('export')
    .description(SUBCOMMAND_DESCRIPTIONS.export)
    .argument(
      '[model]',
      'WRN-d-k (e.g. WRN-28-10) or a preset, as for the summary: resnet18…152, wide_resnet50_2, resnext50_32x4d, resnet20…1202, …',
    );
  addNetworkOptions(command, 'summary', TRAINING_KEYS)
    .option(
      '--format <format>',
      `${EXPORT_FORMATS.join(' or ')}: a Python file that needs only torch, or an ONNX graph whose weights are graph inputs (default pytorch)`,
    )
    .option('--out <path>', 'write to this file (whole, or not at all) instead of stdout')
    .option('--debug', 'show a stack trace on errors');
  // The summary's report flags and check's budget flags, parsed but hidden, so that export refuses them by name.
  for (const [, flag] of REPORT_FLAGS) command.addOption(new Option(flag, '').hideHelp());
  command.addOption(new Option('--no-color', '').hideHelp());
  addBudgetOptions(command);
  for (const option of command.options) if (Object.values(BUDGET_FLAGS).some((flag) => option.long === flag.flag)) option.hideHelp();
  return command.action(async (model: string | undefined, raw: Record<string, unknown>) => runExport(model, raw, ctx));
}
