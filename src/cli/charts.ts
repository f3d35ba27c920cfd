import type { ChartInput } from '../charts/index.js';
import { loadChartChunk } from './chart-chunk.js';
import type { CliContext } from './context.js';
import { STDIN_PATH } from './context.js';
import { OutputError, UsageError } from './errors.js';
import { wantsColor } from './paint.js';
import { quote } from './quote.js';

/*
 * --svg PATH, --png PATH and --plot: a command's result as a chart, in a file or
 * in the terminal. The flags are declared in the option table and checked with the
 * command's others, before any counting; the chart chunk is loaded only once a chart is due.
 */

/** `-` stands for standard output, as for budget files on standard input. */
const STDOUT_PATH = STDIN_PATH;

/** Where the terminal chart is drawn when stdout is not a terminal (a pipe, a file). */
const PIPED_COLUMNS = 80;

/** The chart flags, as the option table parses them (options.ts). */
export interface ChartFlags {
  readonly svg?: string;
  readonly png?: string;
  readonly plot?: boolean;
}

/** Whether the chart takes the place of the command's usual output (the table, JSON, …). */
export function chartReplacesOutput(flags: ChartFlags): boolean {
  return flags.plot === true || flags.svg === STDOUT_PATH;
}

export function wantsChart(flags: ChartFlags): boolean {
  return flags.svg !== undefined || flags.png !== undefined || flags.plot === true;
}

/**
 * Refuses what cannot be done together, before anything is counted: two things
 * on stdout, binary PNG on stdout, two files at one path. `otherOutput` names the
 * command's own output flag when it gave one (`--json`, `--format markdown`).
 */
export function checkChartFlags(flags: ChartFlags, otherOutput: string | undefined): void {
  if (flags.png === STDOUT_PATH) {
    throw new UsageError('--png - would write binary PNG data to the terminal; give a file path (--svg - writes SVG to stdout).');
  }
  if (flags.plot === true && flags.svg === STDOUT_PATH) throw new UsageError('--plot and --svg - both write to stdout; give one of them.');
  if (flags.svg !== undefined && flags.svg === flags.png)
    throw new UsageError(`--svg and --png both name ${quote(flags.svg)}; give each its own file.`);
  if (otherOutput !== undefined && chartReplacesOutput(flags)) {
    const chart = flags.plot === true ? '--plot' : '--svg -';
    throw new UsageError(`${chart} replaces the usual output, so it does not go with ${otherOutput}; give one of them.`);
  }
}

const RESVG_MISSING =
  '--png needs the package @resvg/resvg-js, which is not installed; install it with npm install @resvg/resvg-js, or use --svg.';

/**
 * Draws the chart and writes it where the flags say. Files are written whole or
 * not at all (a failure is an OutputError: exit 74, nothing on stdout); `--svg -`
 * and `--plot` replace ctx.stdout.
 */
export async function emitChart(ctx: CliContext, flags: ChartFlags & { readonly color?: boolean }, input: ChartInput): Promise<void> {
  if (!wantsChart(flags)) return;
  const chunk = await loadChartChunk();
  const resvg = flags.png === undefined ? undefined : chunk.loadResvg();
  if (flags.png !== undefined && resvg === undefined) throw new UsageError(RESVG_MISSING);
  const spec = chunk.chartSpec(input);
  const svg = flags.svg !== undefined || resvg !== undefined ? chunk.renderSvg(spec) : '';
  const files = [
    ...(flags.svg !== undefined && flags.svg !== STDOUT_PATH ? [{ path: flags.svg, data: svg }] : []),
    ...(flags.png !== undefined && resvg !== undefined ? [{ path: flags.png, data: chunk.svgToPng(resvg, svg) }] : []),
  ];
  const { writeFilesAtomically } = await import('./write-file.js');
  const failure = writeFilesAtomically(files);
  if (failure !== undefined) {
    throw new OutputError(`cannot write the chart to ${quote(failure.path)}: ${failure.reason}.`, failure.code);
  }
  if (flags.svg === STDOUT_PATH) ctx.stdout = svg;
  else if (flags.plot === true) {
    ctx.stdout = chunk.renderTerminal(spec, {
      width: ctx.columns() ?? PIPED_COLUMNS,
      color: wantsColor(flags.color, ctx.env, ctx.stdoutIsTTY),
    });
  }
}
