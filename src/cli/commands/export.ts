import type { Command } from 'commander';
import { MAX_LISTED_LAYERS, groupThousands, resolveNetwork, summarizeSpec } from '../../core/index.js';
import type { NetworkSpec } from '../../core/index.js';
import { STDIN_PATH } from '../context.js';
import type { CliContext } from '../context.js';
import { OutputError, UsageError } from '../errors.js';
import { toNetworkOptions } from '../network-options.js';
import {
  EXPORT_FORMATS,
  NETWORK_KEYS,
  OPTION_KEYS,
  addOption,
  addOptions,
  chooseFormat,
  givenFlags,
  optionKeysOf,
  parseOptions,
  parseOrThrow,
} from '../options.js';
import type { OptionKey } from '../options.js';
import { VERSION } from '../program.js';
import { quote } from '../quote.js';
import { listAnd } from '../suggest.js';
import { SUBCOMMAND_DESCRIPTIONS } from './descriptions.js';
import { modelArgument } from './summary.js';

/*
 * wrn-calc export: the network the summary would count, as code that builds it. The
 * network options are the summary's, from the same option table and parsers; what the
 * summary and check report on (training memory, layers, charts, output formats, budgets)
 * has no place in a file of code and is refused by name.
 */

type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The file name endings that say which format a file holds. */
const EXTENSIONS: Readonly<Record<ExportFormat, string>> = { pytorch: '.py', onnx: '.onnx' };

/** `--out -` is stdout, as `--svg -` is (the same dash that means standard input to check). */
const STDOUT_PATH = STDIN_PATH;

/**
 * The summary's and check's options that are not about the network and that export
 * does not take (training, budget, output and report options), in the table's order:
 * export parses them only to refuse them by name, rather than as unknown options.
 */
const REFUSED: readonly OptionKey[] = (() => {
  const elsewhere = new Set([...optionKeysOf('summary'), ...optionKeysOf('check')]);
  const own = new Set<OptionKey>([...NETWORK_KEYS, ...optionKeysOf('export')]);
  return OPTION_KEYS.filter((key) => elsewhere.has(key) && !own.has(key));
})();

/** Flags of the summary or of check that were given: one sentence naming them. */
function refuseReportFlags(raw: Readonly<Record<string, unknown>>): void {
  const given = givenFlags(raw, REFUSED);
  if (given.length === 0) return;
  throw new UsageError(
    `${listAnd(given)} ${given.length === 1 ? 'does' : 'do'} not apply to export, which writes the code of a network, not a report or a budget check; export takes the network options, --format and --out.`,
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

/** Binary data is for a file or a pipe, never for a terminal. */
function checkBinaryDestination(format: ExportFormat, out: string | undefined, ctx: CliContext): void {
  if (format === 'onnx' && out === undefined && ctx.stdoutIsTTY()) {
    throw new UsageError(
      '--format onnx writes binary data, not text for a terminal; give --out PATH (e.g. --out model.onnx), or redirect stdout to a file.',
    );
  }
}

/** Stdout, or the file written whole (a temporary file beside it, renamed over it) with the I/O exit code when it cannot be. */
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

async function encode(spec: NetworkSpec, format: ExportFormat): Promise<string | Uint8Array> {
  if (format === 'pytorch') {
    const { pytorchSource } = await import('../../export/pytorch.js');
    return pytorchSource(spec);
  }
  checkGraphSize(spec);
  const [{ onnxGraph }, { loadOnnxChunk }] = await Promise.all([import('../../export/onnx/graph.js'), import('../onnx-chunk.js')]);
  const graph = onnxGraph(spec, VERSION);
  const { encodeModel } = await loadOnnxChunk();
  return encodeModel(graph);
}

async function runExport(model: string | undefined, raw: Record<string, unknown>, ctx: CliContext): Promise<void> {
  refuseReportFlags(raw);
  const parsed = { ...parseOptions('export', raw), model: parseOrThrow(modelArgument, model) };
  const format = chooseFormat('export', raw);
  const out = parsed.out === STDOUT_PATH ? undefined : parsed.out;
  checkExtension(format, out);
  checkBinaryDestination(format, out, ctx);
  const spec = resolveNetwork(toNetworkOptions(parsed));
  await writeExport(ctx, out, await encode(spec, format), format);
}

export function configureExport(program: Command, ctx: CliContext): Command {
  const command = program
    .command('export')
    .description(SUBCOMMAND_DESCRIPTIONS.export)
    .argument(
      '[model]',
      'WRN-d-k (e.g. WRN-28-10) or a preset, as for the summary: resnet18…152, wide_resnet50_2, resnext50_32x4d, resnet20…1202, …',
    );
  addOptions(command, 'export');
  // Hidden: never listed in export's --help, so the summary's help text they carry is not shown.
  for (const key of REFUSED) addOption(command, key, 'summary', true);
  return command.action(async (model: string | undefined, raw: Record<string, unknown>) => runExport(model, raw, ctx));
}
