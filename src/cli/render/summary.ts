import { formatShape } from '../../core/index.js';
import type { GroupSummary, LayerRow, NetworkSpec, ReceptiveField, Totals, TrainingMemory, WrnNetwork, WrnSummary } from '../../core/index.js';
import { formatBlock, formatBytes, formatHuman, formatInteger, formatPercent } from '../format.js';
import type { Paint } from '../paint.js';
import { renderTable } from './table.js';

/**
 * The paper's structure-table notation: `[3×3, 160; 3×3, 160] × 4`, a bottleneck's
 * `[1×1, 128; 3×3, 128; 1×1, 256] × 3` (inner convs at the inner width).
 */
export function describeGroup(group: GroupSummary, inFeatures: number, model: NetworkSpec): string {
  if (group.name === 'head') return `${model.order === 'pre' ? 'BN-ReLU, ' : ''}avg pool, fc ${inFeatures}→${group.width}`;
  const last = group.kernels.length - 1;
  const convs = group.kernels.map((k, i) => `${k}×${k}, ${i === last ? group.width : group.innerWidth}`);
  if (group.name === 'conv1') return model.family === 'imagenet' ? `${convs.join('; ')}, stride 2; 3×3 max pool, stride 2` : convs.join('; ');
  return `[${convs.join('; ')}] × ${group.blocks}`;
}

function describeBlocks(model: NetworkSpec): string {
  const [first] = model.blocksPerGroup;
  const uniform = model.blocksPerGroup.every((n) => n === first);
  return uniform ? `N = ${first} blocks per group` : `blocks per group ${model.blocksPerGroup.join(', ')}`;
}

export function renderHeader(summary: WrnSummary, paint: Paint, dataset?: string): string {
  const m = summary.model;
  const parts = [
    paint.bold(m.name),
    `${m.family} family, ${m.order}-activation, ${m.shortcut} shortcuts`,
    `block ${formatBlock(m.block)}`,
    describeBlocks(m),
    `input ${formatShape(m.input)}${dataset ? ` (${dataset})` : ''}`,
    `${m.classes} classes`,
  ];
  const notes: string[] = [];
  if (m.depthRule === 'resnet') notes.push(`depth ${m.depth} by the resnet rule: convs per block × blocks + 2`);
  if (m.depthRule === 'nominal') notes.push(`depth ${m.depth} by the nominal rule d = 6·N + 4 (the paper's Table 2 labels)`);
  if (m.convBias) notes.push('every conv has a bias');
  if (m.dropout > 0) notes.push(`dropout ${m.dropout} before the 2nd and later convs of each block (no parameters)`);
  return [parts.join('  ·  '), ...notes.map((note) => paint.dim(`  ${note}`))].join('\n');
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

export function renderGroups(summary: WrnSummary, paint: Paint): string {
  const { totals } = summary;
  const lastWidth = summary.groups[summary.groups.length - 2]?.width ?? 0;
  const rows = summary.groups.map((group) => [
    paint.cyan(group.name),
    formatShape(group.output),
    describeGroup(group, lastWidth, summary.model),
    formatInteger(group.params),
    formatPercent(group.params, totals.params),
    formatInteger(group.macs),
    formatPercent(group.macs, totals.macs),
    group.name === 'head' ? '' : formatField(group.receptiveField),
  ]);
  rows.push([paint.bold('total'), '', '', paint.bold(formatInteger(totals.params)), '100.0%', paint.bold(formatInteger(totals.macs)), '100.0%', '']);
  return renderTable(
    ['group', 'output', 'layers', 'params', 'share', 'MACs', 'share', 'field /jump'],
    rows,
    ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right'],
  );
}

/**
 * Width against depth in one sentence: the last group's units see more than the whole
 * image (and padding beyond it) whatever k is, so widening adds capacity on the same inputs.
 */
export function describeLastField(summary: WrnSummary): string | undefined {
  const last = summary.groups[summary.groups.length - 2];
  if (last === undefined) return undefined;
  const [, height = 1, width = 1] = summary.model.input;
  const [fh, fw] = last.receptiveField.size;
  if (fh <= height || fw <= width) return undefined;
  const beyond = fh - height === fw - width ? `${formatInteger(fh - height)} pixels` : `${formatInteger(fh - height)} × ${formatInteger(fw - width)} pixels`;
  return `Each unit of ${last.name} sees a ${formatFieldSize(last.receptiveField)} window: the whole ${height}×${width} image and ${beyond} of padding beyond it, whatever k is. Widening adds capacity on these same inputs; only more blocks grow the field.`;
}

export function renderTotals(summary: WrnSummary, paint: Paint): string {
  const t = summary.totals;
  const lines: [string, string][] = [
    ['Total params', `${paint.bold(formatInteger(t.params))} (${formatHuman(t.params)})`],
    ['Trainable params', formatInteger(t.params)],
    ['BN running statistics', `${formatInteger(t.buffers)} (non-trainable buffers: running mean and variance; Keras/TF.js count them as params)`],
    ['MACs per image', `${formatInteger(t.macs)} (${formatHuman(t.macs, ' ')}); FLOPs = 2 × MACs = ${formatInteger(t.flops)} (${formatHuman(t.flops, ' ')})`],
    ['Param memory', `fp32 ${formatInteger(t.paramBytesFp32)} B (${formatBytes(t.paramBytesFp32)}), fp16 ${formatInteger(t.paramBytesFp16)} B (${formatBytes(t.paramBytesFp16)})`],
    [
      'Activations per image',
      `${formatInteger(t.activationElements)} elements, fp32 ${formatInteger(t.activationBytesFp32)} B (${formatBytes(t.activationBytesFp32)})`,
    ],
  ];
  const width = Math.max(...lines.map(([label]) => label.length)) + 2;
  const body = lines.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`);
  body.push(
    paint.dim(
      `Activations are the sum of the outputs of the ${formatInteger(summary.layerCount)} layers of the per-layer listing (--layers); MACs count conv and linear layers only (torchvision/fvcore convention).`,
    ),
  );
  return body.join('\n');
}

const OPTIMIZER_NOTE = {
  none: 'no optimizer state',
  sgd: 'plain SGD keeps no state',
  momentum: 'momentum keeps one copy of the weights',
  adam: 'Adam keeps two copies of the weights',
} as const satisfies Record<TrainingMemory['optimizer'], string>;

/** The training step's memory, part by part, and what it leaves out. */
export function renderTraining(training: TrainingMemory, totals: Totals, paint: Paint): string {
  const bytes = (value: number) => (value < 1024 ? `${formatInteger(value)} B` : `${formatInteger(value)} B (${formatBytes(value)})`);
  const lines: [string, string][] = [
    ['Saved activations', `${bytes(training.savedActivationBytes)}: ${formatInteger(totals.savedBytesPerImage)} B per image + ${formatInteger(totals.savedBytesFixed)} B`],
    ['Weights', bytes(training.weightBytes)],
    ['Gradients', bytes(training.gradientBytes)],
    ['Optimizer state', `${bytes(training.optimizerBytes)}: ${OPTIMIZER_NOTE[training.optimizer]}`],
    ['BN buffers', bytes(training.bufferBytes)],
    ['Logits', bytes(training.outputBytes)],
    ['Total', paint.bold(bytes(training.totalBytes))],
  ];
  if (training.memoryBytes !== null && training.maxBatch !== null) {
    lines.push([
      'Largest batch',
      training.maxBatch > 0
        ? `${formatInteger(training.maxBatch)} in ${bytes(training.memoryBytes)}`
        : `not even batch 1 fits in ${bytes(training.memoryBytes)}`,
    ]);
  }
  const width = Math.max(...lines.map(([label]) => label.length)) + 2;
  return [
    paint.bold(`Training memory (fp32, batch ${formatInteger(training.batch)}, ${training.optimizer}): tensors at the end of the forward pass, the floor a step needs`),
    ...lines.map(([label, value]) => `  ${`${label}:`.padEnd(width)}${value}`),
    paint.dim('Not counted: the CUDA context, cuDNN workspaces, allocator rounding and caching, activation gradients alive during backward; mixed precision is not modelled.'),
  ].join('\n');
}

export function describeKernel(layer: LayerRow): string {
  return layer.kernel ? `${layer.kernel[0]}×${layer.kernel[1]}` : '';
}

const TYPE_NAMES = {
  conv: 'conv',
  bn: 'BN',
  relu: 'ReLU',
  shortcut: 'conv (shortcut)',
  'zero-pad': 'zero-pad (shortcut)',
  add: 'add',
  'max-pool': 'max pool',
  pool: 'avg pool',
  linear: 'linear',
} as const satisfies Record<LayerRow['type'], string>;

export function describeType(layer: LayerRow): string {
  const name = layer.type === 'bn' && layer.relu === true ? 'BN-ReLU' : TYPE_NAMES[layer.type];
  return layer.dropoutBefore === undefined ? name : `${name}, dropout ${layer.dropoutBefore} before`;
}

/** One row of a per-layer table; BN-ReLU and add rows are dimmed so the weighted layers stand out. */
export function layerCells(layer: LayerRow, paint: Paint): string[] {
  return [
    layer.type === 'conv' || layer.type === 'shortcut' || layer.type === 'linear' ? layer.name : paint.dim(layer.name),
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

/** A per-layer table (the summary's --layers, the block view), optionally with a closing row. */
export function renderLayerTable(rows: readonly (readonly string[])[]): string {
  return renderTable(
    ['layer', 'type', 'kernel', 'stride', 'pad', 'output', 'params', 'MACs', 'saved B/image', 'field'],
    rows,
    ['left', 'left', 'left', 'right', 'right', 'left', 'right', 'right', 'right', 'right'],
  );
}

export function renderLayers(layers: readonly LayerRow[], paint: Paint): string {
  return renderLayerTable(layers.map((layer) => layerCells(layer, paint)));
}

export function renderSummary(network: WrnSummary | WrnNetwork, paint: Paint, dataset: string | undefined, training: TrainingMemory): string {
  const note = describeLastField(network);
  const sections = [renderHeader(network, paint, dataset), renderGroups(network, paint) + (note === undefined ? '' : `\n${paint.dim(note)}`)];
  if ('layers' in network) sections.push(renderLayers(network.layers, paint));
  sections.push(renderTotals(network, paint), renderTraining(training, network.totals, paint));
  return `${sections.join('\n\n')}\n`;
}
