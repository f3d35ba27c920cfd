import { blockKind, blockNotation, formatShape } from '../../core/index.js';
import type { BlockView, BlockViewSpec, WidthComparison } from '../../core/index.js';
import { formatHuman, formatInteger } from '../format.js';
import type { Layout } from '../layout.js';
import type { Paint } from '../paint.js';
import { formatRatio } from './grid-parts.js';
import { renderLayerTable } from './summary.js';
import { columnsOf } from './table.js';
import type { Align, Shrink } from './table.js';
import { joinParts, wrapLine, wrapText } from './wrap.js';

/** The block as the notation names it; a grouped bottleneck's groups of (inner width / G) channels. */
function blockOf(spec: BlockViewSpec): { block: BlockViewSpec['kernels']; groups: number | undefined; widthPerGroup: number | undefined } {
  const groups = spec.groups ?? 1;
  return { block: spec.kernels, groups: spec.groups, widthPerGroup: (spec.widths[0] ?? groups) / groups };
}

function describePadding(spec: BlockViewSpec): string {
  return spec.padding === 'same' ? 'padding same (⌊k/2⌋ per conv)' : `padding ${spec.padding}`;
}

/** What the block is: kernels, channels in → out, input, stride, padding, dilation (and bias/dropout when set). */
export function blockHeading(spec: BlockViewSpec, paint: Paint, width: number | undefined): string {
  const widths = new Set(spec.widths).size > 1 ? ` via ${spec.widths.join(', ')}` : '';
  const factor = spec.k === undefined ? '' : ` (${blockKind(spec.kernels).widthRule(spec.inChannels, spec.outChannels, spec.k)})`;
  const parts = [
    paint.bold(`Block ${blockNotation(blockOf(spec))}`),
    `${spec.order}-activation, ${spec.shortcut} shortcut`,
    `${spec.inChannels} → ${spec.outChannels} channels${widths}${factor}`,
    `input ${formatShape(spec.input)}`,
    `stride ${spec.stride}`,
    describePadding(spec),
    `dilation ${spec.dilation}`,
  ];
  const notes: string[] = [];
  if (spec.convBias) notes.push('every conv has a bias');
  if (spec.dropout > 0) notes.push(`dropout ${spec.dropout} before the 2nd and later convs (no parameters)`);
  return [joinParts(parts, '  ·  ', width), ...notes.map((note) => paint.dim(wrapText(`  ${note}`, width)))].join('\n');
}

/**
 * The residual add, stated plainly. Shapes that differ are information, not an
 * error: with padding 0 each 3×3 conv shrinks the map by 2 while the shortcut
 * keeps it, which is exactly what the single-block view is for.
 */
export function describeResidual(view: BlockView, paint: Paint, width: number | undefined): string {
  const { residual } = view;
  const shortcut =
    residual.shortcut === 'identity'
      ? 'the identity shortcut'
      : residual.shortcut === 'zero-pad'
        ? `the zero-padded identity shortcut (stride ${view.spec.stride})`
        : `the 1×1 projection shortcut (stride ${view.spec.stride})`;
  if (residual.ok) return wrapLine(`Residual add: the main path and ${shortcut} both give ${formatShape(residual.main)}.`, width);
  const remedy =
    view.spec.padding === 'same'
      ? "odd kernel sizes with --padding same keep each conv's spatial size"
      : "--padding same keeps each conv's spatial size";
  return paint.yellow(
    wrapLine(
      `Residual add: shapes differ, so this block cannot add them: the main path gives ${formatShape(residual.main)} but ${shortcut} gives ${formatShape(residual.shortcutShape)}. ` +
        `A network needs equal shapes; ${remedy}.`,
      width,
    ),
  );
}

export function renderBlock(view: BlockView, paint: Paint, layout: Layout): string {
  const total = [
    paint.bold('total'),
    '',
    '',
    '',
    '',
    formatShape(view.output),
    paint.bold(formatInteger(view.totals.params)),
    paint.bold(formatInteger(view.totals.macs)),
    paint.bold(formatInteger(view.totals.savedBytesPerImage)),
    '',
  ];
  const table = renderLayerTable(view.layers, paint, layout, { row: total, params: view.totals.params, macs: view.totals.macs });
  const totals = [
    `Params: ${formatInteger(view.totals.params)} (${formatHuman(view.totals.params)}); BN running statistics: ${formatInteger(view.totals.buffers)} (not trainable)`,
    `MACs per image: ${formatInteger(view.totals.macs)} (${formatHuman(view.totals.macs, ' ')}); FLOPs = 2 × MACs = ${formatInteger(view.totals.flops)}`,
  ]
    .map((line) => wrapLine(line, layout.width))
    .join('\n');
  return `${[blockHeading(view.spec, paint, layout.width), table, describeResidual(view, paint, layout.width), totals].join('\n\n')}\n`;
}

/**
 * The quadratic law, concretely: the mid-group block's growth from the first
 * to the last k beside (k_last / k_first)², both computed from the rows.
 */
export function comparisonLaw(rows: readonly WidthComparison[]): string {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (first === undefined || last === undefined || rows.length < 2) return '';
  const square = (last.k / first.k) ** 2;
  const law = `From k = ${first.k} to k = ${last.k} the mid-group block's params grow ${formatRatio(last.midGroup.paramsRatio)} and its MACs ${formatRatio(last.midGroup.macsRatio)}, against (k ratio)² = ${formatRatio(square)}; this block's params grow ${formatRatio(last.block.paramsRatio)}.`;
  if (last.innerOnly === undefined) return law;
  const c = rows[0]?.block.inChannels ?? 0;
  return `${law}\nTwo readings of "widen by k": the WRN block (k·c in and out, ${c}·k → ${c}·k) grows ${formatRatio(last.midGroup.paramsRatio)}, about (k ratio)²; widening only the inner convs (c → k·c → c, ${c} → ${c}·k → ${c}) grows ${formatRatio(last.innerOnly.paramsRatio)}, about the k ratio ${formatRatio(last.k / first.k)}.`;
}

const COMPARISON_HEADS = [
  'k',
  'width',
  'params',
  'ratio',
  'MACs',
  'ratio',
  'mid-group params',
  'ratio',
  'mid-group MACs',
  'ratio',
] as const;
const COMPARISON_KEYS = [
  'k',
  'width',
  'params',
  'params ratio',
  'MACs',
  'MACs ratio',
  'mid params',
  'mid params ratio',
  'mid MACs',
  'mid MACs ratio',
] as const;

/**
 * In a narrow terminal the --compare-k table writes its MACs and then its params as
 * 4.15M, wraps the two mid-group heads, then gives up the MACs columns of this block
 * and then of the mid-group block: the params and their ratios, the point of the
 * comparison, stay.
 */
const COMPARISON_SHRINK: readonly Shrink[] = [
  { shorten: 'MACs' },
  { shorten: 'mid MACs' },
  { shorten: 'params' },
  { shorten: 'mid params' },
  { wrap: 'mid params', min: 6 },
  { wrap: 'mid MACs', min: 6 },
  { drop: 'MACs ratio' },
  { drop: 'MACs' },
  { drop: 'mid MACs ratio' },
  { drop: 'mid MACs' },
];

export function renderComparison(spec: BlockViewSpec, rows: readonly WidthComparison[], paint: Paint, layout: Layout): string {
  const first = rows[0];
  const heading = joinParts(
    [
      paint.bold(`Block ${blockNotation(blockOf(spec))} across k`),
      `input ${formatShape(spec.input)}`,
      `stride ${spec.stride}`,
      describePadding(spec),
      `dilation ${spec.dilation}`,
    ],
    '  ·  ',
    layout.width,
  );
  const legend = [
    `this block: ${spec.inChannels} → ${spec.inChannels}·k channels, stride ${spec.stride} (like the first block of a group)`,
    `mid-group:  ${spec.inChannels}·k → ${spec.inChannels}·k channels, stride 1, identity shortcut (the other N − 1 blocks of a group)`,
    `ratios are to k = ${first?.k ?? ''}`,
  ].map((line) => paint.dim(wrapLine(`  ${line}`, layout.width, 14)));
  const aligns: Align[] = COMPARISON_HEADS.map((): Align => 'right');
  const columns = columnsOf(
    COMPARISON_KEYS,
    COMPARISON_HEADS,
    aligns,
    rows.map((row) => [
      String(row.k),
      String(row.block.width),
      formatInteger(row.block.params),
      formatRatio(row.block.paramsRatio),
      formatInteger(row.block.macs),
      formatRatio(row.block.macsRatio),
      formatInteger(row.midGroup.params),
      paint.bold(formatRatio(row.midGroup.paramsRatio)),
      formatInteger(row.midGroup.macs),
      formatRatio(row.midGroup.macsRatio),
    ]),
  );
  const short: Readonly<Record<string, readonly number[]>> = {
    params: rows.map((row) => row.block.params),
    MACs: rows.map((row) => row.block.macs),
    'mid params': rows.map((row) => row.midGroup.params),
    'mid MACs': rows.map((row) => row.midGroup.macs),
  };
  const table = layout.table({
    columns: columns.map((column) => {
      const values = short[column.key];
      return values === undefined ? column : { ...column, shorter: [{ cells: values.map((value) => formatHuman(value)) }] };
    }),
    shrink: COMPARISON_SHRINK,
  });
  const sections = [[heading, ...legend].join('\n'), table];
  const law = comparisonLaw(rows);
  if (law) sections.push(wrapText(law, layout.width));
  return `${sections.join('\n\n')}\n`;
}
