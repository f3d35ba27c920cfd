import { formatShape } from '../../core/index.js';
import type { DatasetName, NetworkSummary, Totals } from '../../core/index.js';
import { describeInput, formatBytes, formatHuman, formatInteger } from '../format.js';
import type { Layout } from '../layout.js';
import { PLAIN } from '../paint.js';
import type { Paint } from '../paint.js';
import { renderCsv } from './csv.js';
import { formatRatio } from './grid-parts.js';
import { renderMarkdownTable } from './markdown.js';
import type { Align, Column, Shrink } from './table.js';
import { joinParts, wrapLine } from './wrap.js';

/*
 * `wrn-calc compare`: one row per network, each count beside its ratio to the
 * first network's (the paper's Table 5 question: WRN-40-4 against WRN-16-8
 * against WRN-28-10, in one command). Plain strings; the command picks the format.
 */

export interface CompareEntry {
  readonly summary: NetworkSummary;
  /** The dataset its input and classes are those of; undefined for a custom input. */
  readonly dataset: DatasetName | undefined;
}

/** The counts compared, in their column order: a key of the totals, its heading, and how the table writes it. */
const QUANTITIES = [
  { key: 'params', head: 'params', exact: formatInteger, short: (value: number) => formatHuman(value) },
  { key: 'macs', head: 'MACs', exact: formatInteger, short: (value: number) => formatHuman(value) },
  // Bytes read best in binary units; the CSV and JSON keep them exact.
  { key: 'paramBytesFp32', head: 'param memory', exact: formatBytes, short: formatBytes },
  { key: 'activationElements', head: 'activations', exact: formatInteger, short: (value: number) => formatHuman(value) },
] as const satisfies readonly { key: keyof Totals; head: string; exact: (value: number) => string; short: (value: number) => string }[];

type QuantityKey = (typeof QUANTITIES)[number]['key'];

/** The ratio of a network's count to the first network's, or undefined when the first has none. */
function ratio(entry: CompareEntry, first: CompareEntry, key: QuantityKey): number | undefined {
  const base = first.summary.totals[key];
  return base === 0 ? undefined : entry.summary.totals[key] / base;
}

function formatRatioCell(value: number | undefined): string {
  return value === undefined ? '—' : formatRatio(value);
}

/** What a network was counted on: its dataset, or a custom input with its shape and classes. */
function describeData(entry: CompareEntry): string {
  const { input, classes } = entry.summary.model;
  return entry.dataset ?? `custom ${formatShape(input)}, ${formatInteger(classes)} classes`;
}

/** Whether every network has the same input and classes: then the heading says them once, else a column does. */
function sameData(entries: readonly CompareEntry[]): boolean {
  const key = (entry: CompareEntry) => `${formatShape(entry.summary.model.input)} ${entry.summary.model.classes} ${entry.dataset ?? ''}`;
  return entries.every((entry) => key(entry) === key(entries[0] ?? entry));
}

function headingParts(entries: readonly CompareEntry[]): string[] {
  const [first] = entries;
  if (first === undefined) return [];
  const parts = [`Ratios are to ${first.summary.model.name}, the first network`];
  if (sameData(entries)) parts.push(describeInput(first.summary.model.input, first.dataset), `${first.summary.model.classes} classes`);
  return parts;
}

/** What the columns that need it mean, each said only where its column is shown. */
const COLUMN_NOTES = {
  'param memory': 'param memory: fp32 weights, 4 bytes per parameter (its ratio is the params ratio)',
  activations: 'activations: output elements of every layer for one image, as in the summary',
} as const;

function noteFor(kept: (key: string) => boolean): string | undefined {
  const parts = Object.entries(COLUMN_NOTES).flatMap(([key, note]) => (kept(key) ? [note] : []));
  return parts.length === 0 ? undefined : `${parts.join('; ')}.`;
}

function columnsFor(entries: readonly CompareEntry[], paint: Paint): Column[] {
  const first = entries[0];
  const columns: Column[] = [
    { key: 'model', head: 'model', align: 'left', cells: entries.map((entry) => paint.cyan(entry.summary.model.name)) },
    { key: 'depth', head: 'depth', align: 'right', cells: entries.map((entry) => String(entry.summary.model.depth)) },
    { key: 'k', head: 'k', align: 'right', cells: entries.map((entry) => String(entry.summary.model.k)) },
  ];
  if (!sameData(entries)) columns.push({ key: 'data', head: 'data', align: 'left', cells: entries.map(describeData) });
  for (const quantity of QUANTITIES) {
    const values = entries.map((entry) => entry.summary.totals[quantity.key]);
    columns.push({
      key: quantity.head,
      head: quantity.head,
      align: 'right',
      cells: values.map((value) => quantity.exact(value)),
      shorter: [{ cells: values.map((value) => quantity.short(value)) }],
    });
    columns.push({
      key: `${quantity.head} ratio`,
      head: 'ratio',
      align: 'right',
      cells: entries.map((entry) => (first === undefined ? '' : formatRatioCell(ratio(entry, first, quantity.key)))),
    });
  }
  return columns;
}

/**
 * In a narrow terminal the comparison gives up, in this order: the param-memory
 * ratio (always the params ratio: 4 bytes a parameter), k and depth (a name such
 * as WRN-28-10 or wide_resnet50_2 says them), then it writes MACs, params and
 * activations as 5.24G, 36.5M and 6.05M, and last it drops the param memory,
 * the activation and MAC ratios and the activations (a dropped column takes its
 * note along). The names and the params ratio always stay.
 */
const COMPARE_SHRINK: readonly Shrink[] = [
  { drop: 'param memory ratio' },
  { drop: 'k' },
  { drop: 'depth' },
  { shorten: 'MACs' },
  { shorten: 'params' },
  { shorten: 'activations' },
  { wrap: 'data', min: 8 },
  { drop: 'param memory' },
  { drop: 'activations ratio' },
  { drop: 'MACs ratio' },
  { drop: 'activations' },
];

export function renderCompareTable(entries: readonly CompareEntry[], paint: Paint, layout: Layout): string {
  const spec = { columns: columnsFor(entries, paint), shrink: COMPARE_SHRINK };
  const kept = layout.kept(spec);
  const note = noteFor((key) => kept.has(key));
  const sections = [paint.bold(joinParts(headingParts(entries), '  ·  ', layout.width)), layout.table(spec)];
  if (note !== undefined) sections.push(paint.dim(wrapLine(note, layout.width)));
  return `${sections.join('\n\n')}\n`;
}

export function renderCompareMarkdown(entries: readonly CompareEntry[]): string {
  const columns = columnsFor(entries, PLAIN);
  const rows = entries.map((_, row) => columns.map((column) => column.cells[row] ?? ''));
  const aligns: Align[] = columns.map((column) => column.align);
  return `**wrn-calc compare**: ${headingParts(entries).join(' · ')}\n\n${renderMarkdownTable(
    columns.map((column) => column.head),
    rows,
    aligns,
  )}\n${noteFor(() => true) ?? ''}\n`;
}

/** Exact integers and exact ratios, one record per network, for spreadsheets; the heads are the JSON totals' keys. */
export function renderCompareCsv(entries: readonly CompareEntry[]): string {
  const first = entries[0];
  const head = [
    'model',
    'depth',
    'k',
    'input',
    'classes',
    'dataset',
    ...QUANTITIES.flatMap((quantity) => [quantity.key, `${quantity.key}Ratio`]),
  ];
  const rows = entries.map((entry) => [
    entry.summary.model.name,
    entry.summary.model.depth,
    entry.summary.model.k,
    formatShape(entry.summary.model.input),
    entry.summary.model.classes,
    entry.dataset ?? '',
    ...QUANTITIES.flatMap((quantity) => [
      entry.summary.totals[quantity.key],
      first === undefined ? '' : (ratio(entry, first, quantity.key) ?? ''),
    ]),
  ]);
  return renderCsv(head, rows);
}
