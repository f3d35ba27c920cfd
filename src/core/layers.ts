import { ZERO_COUNTS } from './counts.js';
import type { Counts } from './counts.js';
import { receptiveFieldOf } from './field.js';
import type { ReceptiveField } from './field.js';
import { entryOf } from './ops/index.js';
import type { RowFields, RowNote } from './ops/index.js';
import { shapeOf } from './tensor.js';
import type { Shape } from './tensor.js';
import type { FieldStep, OpVisit, PartVisit, WalkVisitor } from './walk.js';

export type { LayerType } from './ops/index.js';

/**
 * A row of the per-layer listing. `bn` is BatchNorm, with `relu: true` when the
 * ReLU that follows it is fused into the row (listed as BN-ReLU); `pool` is the
 * global average pool; `shortcut` is a projection conv.
 */
export interface LayerRow extends Counts, RowFields, RowNote {
  /** Dotted name, e.g. `conv3.block0.conv1`. */
  readonly name: string;
  readonly input: Shape;
  readonly output: Shape;
  /** The receptive field of one unit of the output. */
  readonly receptiveField: ReceptiveField;
}

/** A pending op with no row of its own: its note and its counts go to the next row. */
interface Carried {
  readonly note: RowNote;
  readonly counts: Counts;
}

const NOTHING_CARRIED: Carried = { note: {}, counts: ZERO_COUNTS };

function addCarried(counts: Counts, carried: Carried): Counts {
  return {
    params: counts.params + carried.counts.params,
    buffers: counts.buffers + carried.counts.buffers,
    macs: counts.macs + carried.counts.macs,
    activationElements: counts.activationElements + carried.counts.activationElements,
    savedBytesPerImage: counts.savedBytesPerImage + carried.counts.savedBytesPerImage,
    savedBytesFixed: counts.savedBytesFixed + carried.counts.savedBytesFixed,
  };
}

/** The row `visit` makes, with what an op before it carried (a dropout's probability and its mask's bytes). */
function rowOf(visit: OpVisit, fields: RowFields, carried: Carried): LayerRow {
  const { type, ...rest } = fields;
  return {
    name: visit.layer,
    type,
    input: shapeOf(visit.input),
    output: shapeOf(visit.output),
    ...rest,
    ...addCarried(visit.counts, carried),
    receptiveField: receptiveFieldOf(visit.output.field),
    ...carried.note,
  };
}

/** Rows of one part as walked once, and how many blocks they stand for. */
interface ListedPart {
  readonly rows: readonly { readonly row: LayerRow; readonly opName: string }[];
  readonly visit: PartVisit;
}

/** The rows of the `repetition`-th block a repeated part stands for (1 is the walked one): renamed, fields moved on. */
function repeatRows(part: ListedPart, repetition: number): LayerRow[] {
  const { group } = part.visit.part;
  const step: FieldStep = part.visit.fieldStep;
  const k = repetition - 1;
  return part.rows.map(({ row, opName }) => {
    const { size, jump, start } = row.receptiveField;
    const receptiveField: ReceptiveField = {
      size: [size[0] + k * step.rh, size[1] + k * step.rw],
      jump,
      start: [start[0] + k * step.sh, start[1] + k * step.sw],
    };
    return { ...row, name: `${group}.block${repetition}.${opName}`, receptiveField };
  });
}

/**
 * A visitor that keeps every op's row, and the listing it makes (an op with no row of its
 * own, dropout, is shown on the next: its probability and what it keeps for backward): a repeated block's rows
 * once per block it stands for (block1, block2, …), each field moved on by the block's step.
 */
export function listingVisitor(): { readonly visitor: WalkVisitor; readonly rows: () => LayerRow[] } {
  const parts: ListedPart[] = [];
  let current: { row: LayerRow; opName: string }[] = [];
  let carried = NOTHING_CARRIED;
  const visitor: WalkVisitor = {
    op(visit) {
      const { lists } = entryOf(visit.op);
      if ('note' in lists) {
        carried = { note: { ...carried.note, ...lists.note(visit.op) }, counts: addCarried(visit.counts, carried) };
        return;
      }
      current.push({ row: rowOf(visit, lists.row(visit.op), carried), opName: visit.op.name });
      carried = NOTHING_CARRIED;
    },
    part(visit) {
      parts.push({ rows: current, visit });
      current = [];
    },
  };
  const rows = () =>
    parts.flatMap((part) =>
      part.visit.part.block === 1
        ? Array.from({ length: part.visit.times }, (_, i) => repeatRows(part, i + 1)).flat()
        : part.rows.map(({ row }) => row),
    );
  return { visitor, rows };
}
