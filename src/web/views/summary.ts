import { describeNetwork, formatShape, structureNotation } from '../../core/index.js';
import type { NetworkSummary, TrainingMemory } from '../../core/index.js';
import { formatBlocksPerGroup, formatBytes, formatHuman, formatInteger, formatPercent } from '../../cli/format.js';
import { PLAIN } from '../../cli/paint.js';
import { describeLastField, formatField, renderHeader } from '../../cli/render/summary.js';
import { fill, h, table } from '../dom.js';
import type { Child } from '../dom.js';
import type { CountedNetwork, Problem } from '../evaluate.js';
import { commandLine } from '../command-line.js';
import type { PageState } from '../state.js';

/*
 * The answer: the network's name and exact totals, its groups in the paper's
 * notation with their receptive fields, and the memory of a training step. The
 * words are the CLI's (its header and notes come from the same functions).
 */

/** A total: its name, the exact integer (what tests and people copy), and a short form. */
function total(name: string, key: string, exact: number, short: string, note?: string): HTMLElement {
  return h(
    'div',
    {},
    h('dt', {}, name),
    h(
      'dd',
      {},
      h('strong', { attrs: { 'data-total': key } }, formatInteger(exact)),
      ' ',
      h('span', { className: 'short' }, short),
      note === undefined ? null : h('span', { className: 'detail' }, note),
    ),
  );
}

function bytes(value: number): string {
  return value < 1024 ? `${formatInteger(value)} B` : `${formatInteger(value)} B (${formatBytes(value)})`;
}

function totalsList(summary: NetworkSummary): HTMLElement {
  const t = summary.totals;
  return h(
    'dl',
    { className: 'totals' },
    total('params', 'params', t.params, formatHuman(t.params), 'trainable'),
    total('BN running statistics', 'buffers', t.buffers, '', 'buffers: running mean and variance, not trainable'),
    total('MACs per image', 'macs', t.macs, formatHuman(t.macs, ' '), 'conv and linear layers'),
    total('FLOPs per image', 'flops', t.flops, formatHuman(t.flops, ' '), '2 × MACs'),
    total(
      'parameter memory',
      'paramBytesFp32',
      t.paramBytesFp32,
      formatBytes(t.paramBytesFp32),
      `bytes at fp32; ${formatBytes(t.paramBytesFp16)} at fp16`,
    ),
    total(
      'activations per image',
      'activationElements',
      t.activationElements,
      formatBytes(t.activationBytesFp32),
      'elements; the bytes at fp32',
    ),
  );
}

/** The summary section: heading, structure, totals and the command that prints the same. */
export function renderSummary(
  container: HTMLElement,
  network: CountedNetwork | undefined,
  problems: readonly Problem[],
  state: PageState,
): void {
  if (network === undefined) {
    fill(
      container,
      h('h2', { id: 'summary-title' }, 'No network'),
      h('p', { className: 'refusal' }, 'These options do not make a network, so nothing is counted:'),
      h('ul', { className: 'refusal' }, ...problems.map((problem) => h('li', {}, problem.message))),
    );
    return;
  }
  const { summary, dataset } = network;
  const [header = '', ...notes] = renderHeader(summary, PLAIN, dataset, undefined).split('\n');
  fill(
    container,
    h('h2', { id: 'summary-title' }, summary.model.name),
    h('p', { className: 'structure' }, header.split('  ·  ').join(' · ')),
    ...notes.map((note) => h('p', { className: 'note' }, note.trim())),
    totalsList(summary),
    h(
      'p',
      { className: 'cli' },
      h('span', { id: 'command-label' }, 'The same in a terminal:'),
      h(
        'code',
        { id: 'command', className: 'command', attrs: { tabindex: '0', role: 'region', 'aria-labelledby': 'command-label' } },
        commandLine(state),
      ),
    ),
  );
}

/** The groups as the papers' structure tables write them, with their counts and receptive fields. */
export function renderGroups(container: HTMLElement, network: CountedNetwork | undefined): void {
  if (network === undefined) {
    fill(container);
    return;
  }
  const { summary } = network;
  const notation = structureNotation(describeNetwork(summary.model));
  const { totals } = summary;
  const rows: Child[][] = summary.groups.map((group, index) => [
    group.name,
    formatShape(group.output),
    notation[index] ?? '',
    formatInteger(group.params),
    formatPercent(group.params, totals.params),
    formatInteger(group.macs),
    formatPercent(group.macs, totals.macs),
    group.name === 'head' ? '' : formatField(group.receptiveField),
  ]);
  rows.push([
    h('strong', {}, 'total'),
    '',
    '',
    h('strong', {}, formatInteger(totals.params)),
    '100.0%',
    h('strong', {}, formatInteger(totals.macs)),
    '100.0%',
    '',
  ]);
  const field = describeLastField(summary);
  fill(
    container,
    h('h2', {}, 'Groups'),
    table(
      'Groups in the paper’s notation: output shape, layers, params and MACs with their share, and the receptive field of one output unit (size /jump, in input pixels)',
      [
        { head: 'group' },
        { head: 'output' },
        { head: 'layers' },
        { head: 'params', align: 'right' },
        { head: 'share', align: 'right', label: 'share of params' },
        { head: 'MACs', align: 'right' },
        { head: 'share', align: 'right', label: 'share of MACs' },
        { head: 'field /jump', align: 'right', label: 'receptive field / jump' },
      ],
      rows,
      'groups',
    ),
    field === undefined ? null : h('p', { className: 'note' }, field),
    h(
      'p',
      { className: 'note' },
      `Blocks per group: ${formatBlocksPerGroup(summary.model.blocksPerGroup)}. MACs count conv and linear layers only (torchvision and fvcore’s convention); FLOPs are 2 × MACs.`,
    ),
  );
}

const OPTIMIZER_NOTE = {
  none: 'no optimizer state',
  sgd: 'plain SGD keeps no state',
  momentum: 'momentum keeps one copy of the weights',
  adam: 'Adam keeps two copies of the weights',
} as const satisfies Record<TrainingMemory['optimizer'], string>;

/** A part of the training step; the answers (the total, the largest batch) in bold. */
function part(name: string, value: string, key?: string): HTMLElement {
  const text = key === undefined ? value : h('strong', {}, value);
  return h('div', {}, h('dt', {}, name), h('dd', { attrs: key === undefined ? {} : { 'data-training': key } }, text));
}

/** The memory of one fp32 training step at the batch, part by part, and the largest batch that fits a memory. */
export function renderTraining(container: HTMLElement, network: CountedNetwork | undefined): void {
  if (network === undefined) {
    fill(container);
    return;
  }
  const { training, summary } = network;
  const t = summary.totals;
  const largest =
    training.memoryBytes === null || training.maxBatch === null
      ? null
      : part(
          'largest batch',
          training.maxBatch > 0
            ? `${formatInteger(training.maxBatch)} in ${bytes(training.memoryBytes)}`
            : `not even batch 1 fits in ${bytes(training.memoryBytes)}`,
          'maxBatch',
        );
  fill(
    container,
    h('h2', {}, 'Training memory'),
    h(
      'p',
      {},
      `One fp32 training step at batch ${formatInteger(training.batch)} with ${training.optimizer}: the tensors alive at the end of the forward pass, the floor a step needs.`,
    ),
    h(
      'dl',
      { className: 'parts' },
      part(
        'saved activations',
        `${bytes(training.savedActivationBytes)}: ${formatInteger(t.savedBytesPerImage)} B per image + ${formatInteger(t.savedBytesFixed)} B`,
      ),
      part('weights', bytes(training.weightBytes)),
      part('gradients', bytes(training.gradientBytes)),
      part('optimizer state', `${bytes(training.optimizerBytes)}: ${OPTIMIZER_NOTE[training.optimizer]}`),
      part('BN buffers', bytes(training.bufferBytes)),
      part('logits', bytes(training.outputBytes)),
      part('total', bytes(training.totalBytes), 'totalBytes'),
      largest,
    ),
    h(
      'p',
      { className: 'note' },
      'Not counted: the CUDA context, cuDNN workspaces, allocator rounding and caching, activation gradients alive during backward; mixed precision is not modelled.',
    ),
  );
}
