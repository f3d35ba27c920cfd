/*
 * The chart chunk: everything behind --svg, --png and --plot, bundled on its own
 * (dist/charts.cjs, with Observable Plot, d3 and linkedom inside) and loaded only
 * when one of those flags is given. It returns values and failures as data: the
 * CLI, a separate bundle, turns them into its own errors and exit codes.
 */
export { chartSpec } from '../index.js';
export type { ChartInput } from '../index.js';
export { renderSvg } from './svg.js';
export { renderTerminal } from '../terminal.js';
export { loadResvg, svgToPng, RESVG_PACKAGE } from './png.js';
export { writeFilesAtomically } from './write-file.js';
export type { FileToWrite, WriteFailure } from './write-file.js';
