import { FAMILIES, blockNotation, describeNetwork, formatShape, layerTypeText, structureNotation } from '../../core/index.js';
import type { LayerRow, NetworkSpec, ReceptiveField, Totals, TrainingMemory, NetworkWithLayers, NetworkSummary } from '../../core/index.js';
import { describeInput, formatBytes, formatHuman, formatInteger, formatPercent } from '../format.js';
import type { Layout } from '../layout.js';
import type { Paint } from '../paint.js';
import { columnsOf } from './table.js';
import type { Align, Shrink, TableSpec } from './table.js';
import { joinParts, wrapLine, wrapText } from './wrap.js';

function describeBlocks(model: NetworkSpec): string {
  const [first] = model.blocksPerGroup;
  const uniform = model.blocksPerGroup.every((n) => n === first);
  return uniform ? `N = ${first} block${first === 1 ? '' : 's'} per group` : `blocks per group ${model.blocksPerGroup.join(', ')}`;
}

/**
 * The answer first: the name, then params, MACs and the training memory at the batch
 * asked for (and the largest batch that fits the memory asked for), in the first lines.
 */
export function renderAnswer(
  summary: NetworkSummary,
  training: TrainingMemory,
  trainable: TrainableBatch,
  paint: Paint,
  width: number | undefined,
): string {
  const t = summary.totals;
  const lines: [string, string][] = [
    ['Total params', `${paint.bold(formatInteger(t.params))} (${formatHuman(t.params)})`],
    [
      'MACs per image',
      `${formatInteger(t.macs)} (${formatHuman(t.macs, ' ')}); FLOPs = 2 × MACs = ${formatInteger(t.flops)} (${formatHuman(t.flops, ' ')})`,
    ],
    [
      'Training memory',
      `${paint.bold(bytes(training.totalBytes))} at batch ${formatInteger(training.batch)} (fp32, ${training.optimizer}${refuses(training, trainable) ? '; PyTorch refuses this batch' : ''})`,
    ],
  ];
  const largest = largestBatch(training);
  if (largest !== undefined) lines.push(['Largest batch', largest]);
  return [paint.bold(summary.model.name), ...labelled(lines, '', width)].join('\n');
}

/** The smallest batch PyTorch trains the network at: 1, or 2 when a BN layer sees a 1×1 map. */
export interface TrainableBatch {
  readonly from: number;
}

/** Whether some BN layer would see a single value per channel at the training step's batch. */
function refuses(training: TrainingMemory, trainable: TrainableBatch): boolean {
  return training.batch < trainable.from;
}

/** Where PyTorch refuses the step: one sentence naming why and from which batch it trains. */
function refusalNote(training: TrainingMemory, trainable: TrainableBatch): string | undefined {
  if (!refuses(training, trainable)) return undefined;
  return `PyTorch refuses to train this network at batch ${formatInteger(training.batch)}: a BN layer sees a 1×1 map, one value per channel ("Expected more than 1 value per channel when training"); from batch ${formatInteger(trainable.from)} it trains.`;
}

/** The network in one line (several in a narrow terminal), then notes on what changes its counts. */
export function renderHeader(summary: NetworkSummary, paint: Paint, dataset: string | undefined, width: number | undefined): string {
  const m = summary.model;
  const parts = [
    `${m.family} family, ${m.order}-activation, ${m.shortcut} shortcuts`,
    `block ${blockNotation(m)}`,
    describeBlocks(m),
    describeInput(m.input, dataset),
    `${m.classes} classes`,
  ];
  const notes: string[] = [];
  if (m.depthRule === 'resnet') notes.push(`depth ${m.depth} by the resnet rule: convs per block × blocks + 2`);
  if (m.depthRule === 'nominal') notes.push(`depth ${m.depth} by the nominal rule d = 6·N + 4 (the paper's Table 2 labels)`);
  if (m.bottleneckStride !== undefined && m.bottleneckStride !== FAMILIES[m.family].conventions[m.order].bottleneckStride) {
    notes.push(
      m.bottleneckStride === '1x1'
        ? "each bottleneck strides on its first 1×1 conv (He et al. 2015, Caffe), not on its 3×3 (torchvision's v1.5)"
        : 'each bottleneck strides on its 3×3 conv (torchvision, ResNet v1.5), not on its first 1×1',
    );
  }
  if (m.convBias) notes.push('every conv has a bias');
  if (m.dropout > 0) notes.push(`dropout ${m.dropout} before the 2nd and later convs of each block (no parameters)`);
  return [joinParts(parts, '  ·  ', width), ...notes.map((note) => paint.dim(wrapText(`  ${note}`, width)))].join('\n');
}

/** `109×109`, a field's size in input pixels. */
export function formatFieldSize(field: ReceptiveField): string {
  return `${formatInteger(field.size[0])}×${formatInteger(field.size[1])}`;
}

/** `109×109 /4`: the size and, after the slash, the jump (the stride between neighbouring units' fields). */
export function formatField(field: ReceptiveField): string {
  const [jh, jw] = field.jump;
  return `${formatFieldSize(field)} /${jh === jw ? formatInteger(jh) : `${formatInteger(jh)}×${formatInteger(jw)}`}`;
}

const GROUP_HEADS = ['group', 'output', 'layers', 'params', 'share', 'MACs', 'share', 'field /jump'] as const;
const GROUP_KEYS = ['group', 'output', 'layers', 'params', 'params share', 'MACs', 'MACs share', 'field'] as const;
const GROUP_ALIGNS: readonly Align[] = ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right'];

/**
 * In a narrow terminal the group table gives up, in this order: the two share
 * columns (the counts beside them say the same), the receptive field (the note
 * under the table names the last group's), then it wraps the layers column, and
 * writes MACs and params as 5.24G and 36.5M (the totals below stay exact).
 */
const GROUP_SHRINK: readonly Shrink[] = [
  { drop: 'MACs share' },
  { drop: 'params share' },
  { drop: 'field' },
  { wrap: 'layers', min: 16 },
  { shorten: 'MACs' },
  { shorten: 'params' },
  { wrap: 'layers', min: 10 },
];

/** A column of exact counts with its human form (`36.5M`) as the short one; the cells are painted by `paint`. */
function withShortCounts(
  spec: TableSpec,
  keys: Readonly<Record<string, readonly number[]>>,
  paintRow: (row: number, text: string) => string,
): TableSpec {
  return {
    ...spec,
    columns: spec.columns.map((column) => {
      const values = keys[column.key];
      return values === undefined
        ? column
        : { ...column, shorter: [{ cells: values.map((value, row) => paintRow(row, formatHuman(value))) }] };
    }),
  };
}

export function renderGroups(summary: NetworkSummary, paint: Paint, layout: Layout): string {
  const { totals } = summary;
  const notation = structureNotation(describeNetwork(summary.model));
  const rows = summary.groups.map((group, index) => [
    paint.cyan(group.name),
    formatShape(group.output),
    notation[index] ?? '',
    formatInteger(group.params),
    formatPercent(group.params, totals.params),
    formatInteger(group.macs),
    formatPercent(group.macs, totals.macs),
    group.name === 'head' ? '' : formatField(group.receptiveField),
  ]);
  rows.push([
    paint.bold('total'),
    '',
    '',
    paint.bold(formatInteger(totals.params)),
    '100.0%',
    paint.bold(formatInteger(totals.macs)),
    '100.0%',
    '',
  ]);
  const last = rows.length - 1;
  const spec = withShortCounts(
    { columns: columnsOf(GROUP_KEYS, GROUP_HEADS, GROUP_ALIGNS, rows), shrink: GROUP_SHRINK },
    {
      params: [...summary.groups.map((group) => group.params), totals.params],
      MACs: [...summary.groups.map((group) => group.macs), totals.macs],
    },
    (row, text) => (row === last ? paint.bold(text) : text),
  );
  return layout.table(spec);
}

/**
 * Width against depth in one sentence: the last group's units see more than the whole
 * image (and padding beyond it) whatever k is, so widening adds capacity on the same inputs.
 */
export function describeLastField(summary: NetworkSummary): string | undefined {
  const last = summary.groups[summary.groups.length - 2];
  if (last === undefined) return undefined;
  const [, height = 1, width = 1] = summary.model.input;
  const [fh, fw] = last.receptiveField.size;
  if (fh <= height || fw <= width) return undefined;
  const beyond =
    fh - height === fw - width
      ? `${formatInteger(fh - height)} pixels`
      : `${formatInteger(fh - height)} × ${formatInteger(fw - width)} pixels`;
  return `Each unit of ${last.name} sees a ${formatFieldSize(last.receptiveField)} window: the whole ${height}×${width} image and ${beyond} of padding beyond it, whatever k is. Widening adds capacity on these same inputs; only more blocks grow the field.`;
}

/** `Label:   value` lines; a value too long for the terminal continues under the value column. */
function labelled(lines: readonly (readonly [string, string])[], indent: string, width: number | undefined): string[] {
  const labelWidth = Math.max(...lines.map(([label]) => label.length)) + 2;
  return lines.map(([label, value]) => wrapLine(`${indent}${`${label}:`.padEnd(labelWidth)}${value}`, width, indent.length + labelWidth));
}

/** The counts beside the answer: buffers, memory at fp32 and fp16, activations, and what is counted. */
export function renderTotals(summary: NetworkSummary, paint: Paint, width: number | undefined): string {
  const t = summary.totals;
  const lines: [string, string][] = [
    ['Trainable params', formatInteger(t.params)],
    [
      'BN running statistics',
      `${formatInteger(t.buffers)} (non-trainable buffers: running mean and variance; Keras/TF.js count them as params)`,
    ],
    [
      'Param memory',
      `fp32 ${formatInteger(t.paramBytesFp32)} B (${formatBytes(t.paramBytesFp32)}), fp16 ${formatInteger(t.paramBytesFp16)} B (${formatBytes(t.paramBytesFp16)})`,
    ],
    [
      'Activations per image',
      `${formatInteger(t.activationElements)} elements, fp32 ${formatInteger(t.activationBytesFp32)} B (${formatBytes(t.activationBytesFp32)})`,
    ],
  ];
  const body = labelled(lines, '', width);
  body.push(
    paint.dim(
      wrapLine(
        `Activations are the sum of the outputs of the ${formatInteger(summary.layerCount)} layers of the per-layer listing (--layers); MACs count conv and linear layers only (torchvision/fvcore convention).`,
        width,
      ),
    ),
  );
  return body.join('\n');
}

/** Bytes with their readable form when that says more: `40 B`, `71,808 B (70.13 KiB)`. */
function bytes(value: number): string {
  return value < 1024 ? `${formatInteger(value)} B` : `${formatInteger(value)} B (${formatBytes(value)})`;
}

/** `905 in 17,179,869,184 B (16.00 GiB)`, when a memory to fit was given. */
function largestBatch(training: TrainingMemory): string | undefined {
  if (training.memoryBytes === null || training.maxBatch === null) return undefined;
  return training.maxBatch > 0
    ? `${formatInteger(training.maxBatch)} in ${bytes(training.memoryBytes)}`
    : `not even batch 1 fits in ${bytes(training.memoryBytes)}`;
}

const OPTIMIZER_NOTE = {
  none: 'no optimizer state',
  sgd: 'plain SGD keeps no state',
  momentum: 'momentum keeps one copy of the weights',
  adam: 'Adam keeps two copies of the weights',
} as const satisfies Record<TrainingMemory['optimizer'], string>;

/** The training step's memory, part by part, and what it leaves out. */
/** The training step's memory, part by part, and what it leaves out. */
export function renderTraining(
  training: TrainingMemory,
  totals: Totals,
  trainable: TrainableBatch,
  paint: Paint,
  width: number | undefined,
): string {
  const refusal = refusalNote(training, trainable);
  const lines: [string, string][] = [
    [
      'Saved activations',
      `${bytes(training.savedActivationBytes)}: ${formatInteger(totals.savedBytesPerImage)} B per image + ${formatInteger(totals.savedBytesFixed)} B`,
    ],
    ['Weights', bytes(training.weightBytes)],
    ['Gradients', bytes(training.gradientBytes)],
    ['Optimizer state', `${bytes(training.optimizerBytes)}: ${OPTIMIZER_NOTE[training.optimizer]}`],
    ['BN buffers', bytes(training.bufferBytes)],
    ['Logits', bytes(training.outputBytes)],
    ['Total', paint.bold(bytes(training.totalBytes))],
  ];
  return [
    paint.bold(
      wrapLine(
        `Training memory (fp32, batch ${formatInteger(training.batch)}, ${training.optimizer}): tensors at the end of the forward pass, the floor a step needs`,
        width,
      ),
    ),
    ...labelled(lines, '  ', width),
    ...(refusal === undefined ? [] : [paint.yellow(wrapLine(refusal, width))]),
    paint.dim(
      wrapLine(
        'Not counted: the CUDA context, cuDNN workspaces, allocator rounding and caching, activation gradients alive during backward; mixed precision is not modelled.',
        width,
      ),
    ),
  ].join('\n');
}

export function describeKernel(layer: LayerRow): string {
  return layer.kernel ? `${layer.kernel[0]}×${layer.kernel[1]}` : '';
}

export function describeType(layer: LayerRow): string {
  const name = layerTypeText(layer);
  return layer.dropoutBefore === undefined ? name : `${name}, dropout ${layer.dropoutBefore} before`;
}

/** One row of a per-layer table; rows without MACs (BN, ReLU, pools, add) are dimmed so the weighted layers stand out. */
export function layerCells(layer: LayerRow, paint: Paint): string[] {
  return [
    layer.macs > 0 ? layer.name : paint.dim(layer.name),
    describeType(layer),
    describeKernel(layer),
    layer.stride === undefined ? '' : String(layer.stride),
    layer.padding === undefined ? '' : String(layer.padding),
    formatShape(layer.output),
    formatInteger(layer.params),
    formatInteger(layer.macs),
    formatInteger(layer.savedBytesPerImage),
    formatFieldSize(layer.receptiveField),
  ];
}

const LAYER_HEADS = ['layer', 'type', 'kernel', 'stride', 'pad', 'output', 'params', 'MACs', 'saved B/image', 'field'] as const;
const LAYER_ALIGNS: readonly Align[] = ['left', 'left', 'left', 'right', 'right', 'left', 'right', 'right', 'right', 'right'];

/**
 * In a narrow terminal a per-layer table gives up, in this order: the receptive
 * field, the bytes kept for backward (the training memory section totals them),
 * padding and stride (the kernel and the output shape remain), then it writes
 * MACs and params as 37.7M and 2.36K, wraps the type, and last drops the kernel.
 */
const LAYER_SHRINK: readonly Shrink[] = [
  { drop: 'field' },
  { drop: 'saved B/image' },
  { drop: 'pad' },
  { drop: 'stride' },
  { shorten: 'MACs' },
  { shorten: 'params' },
  { wrap: 'type', min: 7 },
  { drop: 'kernel' },
];

/** A per-layer table (the summary's --layers, the block view): one row per layer and the counts of each. */
export function renderLayerTable(
  layers: readonly LayerRow[],
  paint: Paint,
  layout: Layout,
  total?: { readonly row: readonly string[]; readonly params: number; readonly macs: number },
): string {
  const rows = layers.map((layer) => layerCells(layer, paint));
  if (total !== undefined) rows.push([...total.row]);
  const last = total === undefined ? -1 : rows.length - 1;
  const params = [...layers.map((layer) => layer.params), ...(total === undefined ? [] : [total.params])];
  const macs = [...layers.map((layer) => layer.macs), ...(total === undefined ? [] : [total.macs])];
  const spec = withShortCounts(
    { columns: columnsOf(LAYER_HEADS, LAYER_HEADS, LAYER_ALIGNS, rows), shrink: LAYER_SHRINK },
    { params, MACs: macs },
    (row, text) => (row === last ? paint.bold(text) : text),
  );
  return layout.table(spec);
}

export function renderSummary(
  network: NetworkSummary | NetworkWithLayers,
  paint: Paint,
  layout: Layout,
  dataset: string | undefined,
  training: TrainingMemory,
  trainable: TrainableBatch,
): string {
  const note = describeLastField(network);
  const sections = [
    renderAnswer(network, training, trainable, paint, layout.width),
    renderHeader(network, paint, dataset, layout.width),
    renderGroups(network, paint, layout) + (note === undefined ? '' : `\n${paint.dim(wrapLine(note, layout.width))}`),
  ];
  if ('layers' in network) sections.push(renderLayerTable(network.layers, paint, layout));
  sections.push(renderTotals(network, paint, layout.width), renderTraining(training, network.totals, trainable, paint, layout.width));
  return `${sections.join('\n\n')}\n`;
}

/** `--brief`: the answer on one line, for quick looks and loops over models; never wrapped. */
export function renderBrief(network: NetworkSummary, training: TrainingMemory, trainable: TrainableBatch): string {
  const { totals, model } = network;
  const parts = [
    `${formatInteger(totals.params)} params (${formatHuman(totals.params)})`,
    `${formatInteger(totals.macs)} MACs (${formatHuman(totals.macs)})`,
    `training at batch ${formatInteger(training.batch)}: ${formatInteger(training.totalBytes)} B (${formatBytes(training.totalBytes)})${refuses(training, trainable) ? `, which PyTorch refuses (from batch ${formatInteger(trainable.from)} it trains)` : ''}`,
  ];
  if (training.memoryBytes !== null && training.maxBatch !== null)
    parts.push(`largest batch in ${formatBytes(training.memoryBytes)}: ${formatInteger(training.maxBatch)}`);
  return `${model.name}: ${parts.join(' · ')}\n`;
}
