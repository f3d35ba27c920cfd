import { addCounts, scaleCounts } from './counts.js';
import type { Counts } from './counts.js';
import type { BlockDescription, NetworkDescription } from './describe.js';
import { WrnError } from './errors.js';
import { layerRow } from './layers.js';
import type { LayerRow } from './layers.js';
import { emptyResult, evaluateOp, isFlat } from './ops.js';
import type { Op, OpResult, Shape } from './ops.js';
import { checkedAdd } from './safe-int.js';

/*
 * The two walkers of a network description. Both evaluate every op with the
 * same cost function (ops.ts); the listing names and keeps each op as a row,
 * the counter only adds. A group costs first block + (N − 1) × repeated block,
 * so counting does not grow with depth.
 */

/** Receives each op as it is evaluated (the listing); `input` is the op's input shape. */
export type OpVisitor = (op: Op, name: string, input: Shape, result: OpResult) => void;

/** A tensor flowing through the walk: `[c, h, w]`, flat once pooled. */
export interface Activation {
  c: number;
  h: number;
  w: number;
  flat: boolean;
}

export interface Tally {
  params: number;
  buffers: number;
  macs: number;
  activationElements: number;
  /** Listing rows the ops make. */
  rows: number;
}

export function emptyTally(): Tally {
  return { params: 0, buffers: 0, macs: 0, activationElements: 0, rows: 0 };
}

function shapeOf(x: Activation): Shape {
  return x.flat ? [x.c] : [x.c, x.h, x.w];
}

const scratch = emptyResult();
const ADD: readonly Op[] = [{ kind: 'add', name: 'add' }];

/** Evaluates `ops` in sequence from `x` (updated in place), adding their counts to `tally`. */
export function walkOps(ops: readonly Op[], prefix: string, x: Activation, tally: Tally, visit?: OpVisitor): void {
  for (const op of ops) {
    const name = `${prefix}${op.name}`;
    evaluateOp(op, name, x.c, x.h, x.w, scratch);
    if (visit !== undefined) visit(op, name, shapeOf(x), scratch);
    tally.params = checkedAdd('parameter count', tally.params, scratch.params);
    tally.buffers = checkedAdd('buffer count', tally.buffers, scratch.buffers);
    tally.macs = checkedAdd('MAC count', tally.macs, scratch.macs);
    tally.activationElements = checkedAdd('activation element count', tally.activationElements, scratch.activationElements);
    tally.rows += 1;
    x.c = scratch.c;
    x.h = scratch.h;
    x.w = scratch.w;
    x.flat = x.flat || isFlat(op);
  }
}

export interface BlockWalk {
  readonly ok: boolean;
  readonly main: Shape;
  readonly shortcut: Shape;
}

/**
 * One block from `x` (updated in place to its output). A residual add whose two
 * sides differ is reported (`ok: false`, no add row) for the single-block view to
 * show; the network walk refuses it.
 */
export function walkBlock(block: BlockDescription, prefix: string, x: Activation, tally: Tally, visit?: OpVisitor): BlockWalk {
  const input: Activation = { ...x };
  walkOps(block.preact, prefix, x, tally, visit);
  const preact: Activation = { ...x };
  walkOps(block.main, prefix, x, tally, visit);
  const side: Activation = block.shortcutFromPreact ? preact : input;
  walkOps(block.shortcut, prefix, side, tally, visit);
  const ok = side.c === x.c && side.h === x.h && side.w === x.w;
  const main = shapeOf(x);
  const shortcut = shapeOf(side);
  if (ok) {
    walkOps(ADD, prefix, x, tally, visit);
    walkOps(block.after, prefix, x, tally, visit);
  }
  return { ok, main, shortcut };
}

function strictBlock(block: BlockDescription, prefix: string, x: Activation, tally: Tally, visit?: OpVisitor): void {
  const walked = walkBlock(block, prefix, x, tally, visit);
  if (!walked.ok) throw new WrnError({ code: 'RESIDUAL_MISMATCH', block: prefix.slice(0, -1), main: walked.main, shortcut: walked.shortcut });
}

export function tallyCounts(tally: Tally): Counts {
  return { params: tally.params, buffers: tally.buffers, macs: tally.macs, activationElements: tally.activationElements };
}

export interface GroupWalk {
  readonly name: string;
  readonly output: Shape;
  readonly counts: Counts;
  /** Listing rows of the whole group. */
  readonly rows: number;
}

/**
 * Stem, each group and head, counted without listing: each group's first block,
 * then its repeated block once, scaled by N − 1.
 */
export function countNetwork(description: NetworkDescription): GroupWalk[] {
  const [c, h, w] = description.spec.input;
  const x: Activation = { c, h, w, flat: false };
  const walks: GroupWalk[] = [];
  const stem = emptyTally();
  walkOps(description.stem, 'conv1.', x, stem);
  walks.push({ name: 'conv1', output: shapeOf(x), counts: tallyCounts(stem), rows: stem.rows });
  for (const group of description.groups) {
    const first = emptyTally();
    strictBlock(group.first, `${group.name}.block0.`, x, first);
    let counts = tallyCounts(first);
    let rows = first.rows;
    if (group.blocks > 1) {
      const repeated = emptyTally();
      strictBlock(group.repeated, `${group.name}.block1.`, x, repeated);
      counts = addCounts(counts, scaleCounts(tallyCounts(repeated), group.blocks - 1));
      rows = checkedAdd('layer count', rows, repeated.rows * (group.blocks - 1));
    }
    walks.push({ name: group.name, output: shapeOf(x), counts, rows });
  }
  const head = emptyTally();
  walkOps(description.head, 'head.', x, head);
  walks.push({ name: 'head', output: shapeOf(x), counts: tallyCounts(head), rows: head.rows });
  return walks;
}

/** Every layer in execution order: stem; each block's ops, shortcut, add and what follows it; head. */
export function listNetwork(description: NetworkDescription): LayerRow[] {
  const [c, h, w] = description.spec.input;
  const x: Activation = { c, h, w, flat: false };
  const rows: LayerRow[] = [];
  const visit: OpVisitor = (op, name, input, result) => rows.push(layerRow(op, name, input, result));
  const tally = emptyTally();
  walkOps(description.stem, 'conv1.', x, tally, visit);
  for (const group of description.groups) {
    for (let b = 0; b < group.blocks; b++) strictBlock(b === 0 ? group.first : group.repeated, `${group.name}.block${b}.`, x, tally, visit);
  }
  walkOps(description.head, 'head.', x, tally, visit);
  return rows;
}
