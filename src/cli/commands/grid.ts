import type { Command } from 'commander';
import { SUBCOMMAND_DESCRIPTIONS } from './descriptions.js';
import { DEFAULT_FIXED_DEPTH, computeGrid, defaultGridDepths, gridLaws } from '../../core/index.js';
import type { Grid, GridLaws, GridRow, GridRowAxis } from '../../core/index.js';
import { chartReplacesOutput, checkChartFlags, emitChart } from '../charts.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { namedDataset, toNetworkOptions } from '../network-options.js';
import { addOptions, chooseFormat, isGiven, parseOptions, refuseSweptWidth } from '../options.js';
import type { FormatOf, Options } from '../options.js';
import { terminalOutput } from '../layout.js';

type GridFlags = Options<'grid'>;

interface Rows {
  readonly rowAxis: GridRowAxis;
  readonly rows: readonly GridRow[];
  readonly fixedDepth?: number;
}

/**
 * Which option chooses the rows. `--l` keeps the conv count of one depth fixed
 * (default 40, the paper's Table 3), so it takes at most one `--depth`, builds its
 * own B(3,…,3) blocks and needs the `layers` depth rule; `--blocks-per-group`
 * replaces `--depth`; with neither, the rows are depths (default 16,22,28,40).
 */
function chooseRows(flags: GridFlags, network: Parameters<typeof defaultGridDepths>[0]): Rows {
  if (flags.l !== undefined) {
    if (flags.blocksPerGroup !== undefined) throw new UsageError('--l and --blocks-per-group both choose the rows; give one of them.');
    if (flags.block !== undefined) throw new UsageError('--l builds its own blocks, B(3,…,3) with l convs; drop --block.');
    if (flags.depthRule === 'nominal')
      throw new UsageError('--l keeps the number of convs fixed, which needs --depth-rule layers (the nominal rule does not count convs).');
    if (flags.depth !== undefined && flags.depth.length !== 1) {
      throw new UsageError(
        `--l holds one depth fixed; give a single --depth (default ${DEFAULT_FIXED_DEPTH}), got ${flags.depth.join(',')}.`,
      );
    }
    return { rowAxis: 'l', rows: flags.l, fixedDepth: flags.depth?.[0] ?? DEFAULT_FIXED_DEPTH };
  }
  if (flags.blocksPerGroup !== undefined) {
    if (flags.depth !== undefined) throw new UsageError('--depth and --blocks-per-group both choose the rows; give one of them.');
    return { rowAxis: 'blocksPerGroup', rows: flags.blocksPerGroup };
  }
  return { rowAxis: 'depth', rows: flags.depth ?? defaultGridDepths(network) };
}

/** Exit 2 when nothing can be shown; the refusal of the first cell says why. */
function requireSomeValidCell(grid: Grid): void {
  const cells = grid.cells.flat();
  if (cells.some((cell) => cell.ok)) return;
  const first = cells[0];
  const where =
    first === undefined ? '' : `; ${grid.rowAxis === 'blocksPerGroup' ? 'N' : grid.rowAxis} ${String(first.row)}, k ${first.k}: `;
  throw new UsageError(`No cell of the grid is a valid network${where}${first !== undefined && !first.ok ? first.message : ''}`);
}

export function configureGrid(program: Command, ctx: CliContext): Command {
  const command = program.command('grid').description(SUBCOMMAND_DESCRIPTIONS.grid);
  return addOptions(command, 'grid').action(async (raw: Record<string, unknown>) => {
    refuseSweptWidth('grid', raw);
    const flags = parseOptions('grid', raw);
    const format = chooseFormat('grid', raw);
    checkChartFlags(flags, format === 'table' ? undefined : format === 'json' && raw.json === true ? '--json' : `--format ${format}`);
    // The other options become the network every cell shares; depth, N and k come from the grid.
    const { depth: _d, blocksPerGroup: _n, k: _k, batch: _b, optimizer: _o, ...shape } = flags;
    const { depth: _depth, blocksPerGroup: _blocksPerGroup, k: _kk, ...network } = toNetworkOptions(shape, 'none');
    const rows = chooseRows(flags, network);
    if (flags.metric !== 'train-memory' && (isGiven(raw, 'batch') || isGiven(raw, 'optimizer'))) {
      throw new UsageError('--batch and --optimizer set the training step of --metric train-memory; give that metric, or drop them.');
    }
    const training = { batch: flags.batch, optimizer: flags.optimizer };
    const grid = computeGrid({ ...rows, ks: flags.k, network, metric: flags.metric, dtype: flags.dtype, training });
    requireSomeValidCell(grid);
    const laws = gridLaws(grid);
    const chart = { kind: 'grid', grid, laws, dataset: namedDataset(network) } as const;
    if (chartReplacesOutput(flags)) return emitChart(ctx, flags, chart);
    await printGrid(ctx, flags, format, grid, laws, network);
    await emitChart(ctx, flags, chart);
  });
}

async function printGrid(
  ctx: CliContext,
  flags: GridFlags,
  format: FormatOf<'grid'>,
  grid: Grid,
  laws: GridLaws,
  network: Parameters<typeof namedDataset>[0],
): Promise<void> {
  const relative = flags.relative === true;
  if (format === 'json') {
    const [{ gridToJson }, { renderJson }] = await Promise.all([import('../render/grid-json.js'), import('../render/json.js')]);
    ctx.stdout = renderJson(gridToJson(grid, laws, relative));
    return;
  }
  const { gridView } = await import('../render/grid-parts.js');
  const view = gridView(grid, laws, relative, namedDataset(network));
  if (format === 'markdown' || format === 'csv') {
    const { invalidCellNotes, renderGridCsv, renderGridMarkdown } = await import('../render/grid-formats.js');
    ctx.stdout = format === 'csv' ? renderGridCsv(view) : renderGridMarkdown(view);
    if (format === 'csv') ctx.stderr += invalidCellNotes(view);
    return;
  }
  const { paint, layout } = await terminalOutput(ctx, flags.color);
  const { renderGridTable } = await import('../render/grid.js');
  ctx.stdout = renderGridTable(view, paint, layout);
}
