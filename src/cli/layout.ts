import type { CliContext } from './context.js';
import { makePaint, wantsColor } from './paint.js';
import type { Paint } from './paint.js';
import type { TableSpec } from './render/table.js';

/**
 * How a terminal report is laid out: its width, and tables drawn by cli-table3
 * and fitted to that width. Made only for terminal output, like Paint: JSON, CSV
 * and Markdown never load cli-table3 (its load is most of what a table costs at start-up).
 */
export interface Layout {
  /** Columns to fit, or undefined when stdout is not a terminal: then nothing is fitted or wrapped. */
  readonly width: number | undefined;
  readonly table: (spec: TableSpec) => string;
  /** The keys of the columns `table` keeps for this spec: a note about a dropped column goes with it. */
  readonly kept: (spec: TableSpec) => ReadonlySet<string>;
}

export async function makeLayout(width: number | undefined): Promise<Layout> {
  const [{ default: Table }, { keptColumns, planTable }, { drawPanel }] = await Promise.all([
    import('cli-table3'),
    import('./render/table-fit.js'),
    import('./render/table-draw.js'),
  ]);
  return {
    width,
    table: (spec) =>
      planTable(spec, width)
        .map((panel) => drawPanel(Table, panel, width))
        .join('\n\n'),
    kept: (spec) => keptColumns(spec, width),
  };
}

/** What a terminal report is drawn with: colour when it is wanted, and tables fitted to the terminal. */
export async function terminalOutput(ctx: CliContext, colorFlag: boolean | undefined): Promise<{ paint: Paint; layout: Layout }> {
  const [paint, layout] = await Promise.all([makePaint(wantsColor(colorFlag, ctx.env, ctx.stdoutIsTTY)), makeLayout(ctx.columns())]);
  return { paint, layout };
}
