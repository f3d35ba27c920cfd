import type { Counts } from './counts.js';
import type { BlockDescription, GroupDescription, NetworkDescription } from './describe.js';
import { layerRow } from './layers.js';
import type { LayerRow } from './layers.js';
import { copyField, pixelField, receptiveFieldOf } from './field.js';
import type { Field, ReceptiveField } from './field.js';
import { emptyTally, inputActivation, walkOps } from './ops.js';
import type { Activation, OpVisitor, Shape, Tally } from './ops.js';
import { checkedAdd } from './safe-int.js';

/*
 * The walkers of a network description, all through walkOps (ops.ts), the one
 * cost function: the listing names and keeps each op as a row; the summary's
 * counter walks group by group (first block + (N − 1) × repeated block, so its
 * cost does not grow with depth); totals alone walk the description's program,
 * which repeats the same way; fit and grid count many N from one walk of the parts.
 */

function shapeOf(x: Activation): Shape {
  return x.flat ? [x.c] : [x.c, x.h, x.w];
}

/** A block from `x` (updated in place to its output); a residual add whose two sides differ is refused. */
export function walkBlock(block: BlockDescription, prefix: string, x: Activation, tally: Tally, visit?: OpVisitor): void {
  walkOps(block.steps, prefix, x, tally, visit);
}

export function tallyCounts(tally: Tally): Counts {
  return {
    params: checkedAdd('parameter count', tally.params, 0),
    buffers: checkedAdd('buffer count', tally.buffers, 0),
    macs: checkedAdd('MAC count', tally.macs, 0),
    activationElements: checkedAdd('activation element count', tally.activationElements, 0),
    savedBytesPerImage: checkedAdd('saved byte count', tally.savedBytesPerImage, 0),
    savedBytesFixed: checkedAdd('saved byte count', tally.savedBytesFixed, 0),
  };
}

export interface GroupWalk {
  readonly name: string;
  readonly output: Shape;
  readonly counts: Counts;
  /** Listing rows of the whole group. */
  readonly rows: number;
  /** The receptive field of one unit of the group's output. */
  readonly receptiveField: ReceptiveField;
}

function addInto(total: Tally, part: Tally, times: number): void {
  // Unchecked products and sums of non-negative integers: tallyCounts checks the result once.
  total.params += part.params * times;
  total.buffers += part.buffers * times;
  total.macs += part.macs * times;
  total.activationElements += part.activationElements * times;
  total.savedBytesPerImage += part.savedBytesPerImage * times;
  total.savedBytesFixed += part.savedBytesFixed * times;
  total.rows += part.rows * times;
}

function reset(tally: Tally): Tally {
  tally.params = 0;
  tally.buffers = 0;
  tally.macs = 0;
  tally.activationElements = 0;
  tally.savedBytesPerImage = 0;
  tally.savedBytesFixed = 0;
  tally.rows = 0;
  return tally;
}

/**
 * Stem, each group and head, counted without listing: each group's first block,
 * then its repeated block once, times N − 1. Returns the whole network's tally
 * (checked by tallyCounts); `onGroup` receives each group's own.
 */
export function countNetwork(description: NetworkDescription, onGroup?: (walk: GroupWalk) => void): Tally {
  const [c, h, w] = description.spec.input;
  if (onGroup === undefined) {
    // Totals alone: the description's program, one walk of the same ops in the same order.
    const tally = emptyTally();
    walkOps(description.program, '', inputActivation(c, h, w, false), tally);
    return tally;
  }
  // The summary follows each group's receptive field too.
  const x = inputActivation(c, h, w, true);
  const total = emptyTally();
  const unit = emptyTally();
  const repeated = emptyTally();
  const before = pixelField();
  walkOps(description.stem, 'conv1.', x, unit);
  finishGroup('conv1', x, unit, total, onGroup);
  const { groups } = description;
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g] as GroupDescription;
    walkBlock(group.first, group.prefixes[0], x, unit);
    if (group.blocks > 1) {
      copyField(before, x);
      walkBlock(group.repeated, group.prefixes[1], x, reset(repeated));
      addInto(unit, repeated, group.blocks - 1);
      // Each repeated block (stride 1) grows the field by the same amount: the other N − 2 in one step.
      extendField(x, before, group.blocks - 2);
    }
    finishGroup(group.name, x, unit, total, onGroup);
  }
  walkOps(description.head, 'head.', x, unit);
  finishGroup('head', x, unit, total, onGroup);
  return total;
}

/**
 * A network's counts split into what does not depend on the blocks per group (stem, each
 * group's first block, head) and each group's repeated block: the counts of every network
 * that differs only in N are then sums, without another walk (fit's depths at one k).
 */
export interface NetworkParts {
  readonly fixed: Tally;
  /** One per group; counted even where the description's own N is 1. */
  readonly repeated: readonly Tally[];
}

export function countParts(description: NetworkDescription): NetworkParts {
  const [c, h, w] = description.spec.input;
  const x = inputActivation(c, h, w, false);
  const fixed = emptyTally();
  walkOps(description.stem, 'conv1.', x, fixed);
  // A repeated block ends as the first one does (same shape, same last op), so the head sees the same input.
  const repeated = description.groups.map((group) => {
    walkBlock(group.first, group.prefixes[0], x, fixed);
    const tally = emptyTally();
    walkBlock(group.repeated, group.prefixes[1], x, tally);
    return tally;
  });
  walkOps(description.head, 'head.', x, fixed);
  return { fixed, repeated };
}

/** The tally of the parts' network with `blocksPerGroup` blocks in its groups (one N per group). */
export function tallyOfParts(parts: NetworkParts, blocksPerGroup: readonly number[]): Tally {
  const total = emptyTally();
  addInto(total, parts.fixed, 1);
  parts.repeated.forEach((tally, g) => addInto(total, tally, (blocksPerGroup[g] ?? 1) - 1));
  return total;
}

/** `x` moves on by `times` more of the step from `before` to `x` (the jump does not change). */
function extendField(x: Field, before: Field, times: number): void {
  x.rh += (x.rh - before.rh) * times;
  x.rw += (x.rw - before.rw) * times;
  x.sh += (x.sh - before.sh) * times;
  x.sw += (x.sw - before.sw) * times;
}

/** Hands a group's tally to `onGroup`, adds it to the total and clears it for the next group. */
function finishGroup(name: string, x: Activation, unit: Tally, total: Tally, onGroup: (walk: GroupWalk) => void): void {
  onGroup({
    name,
    output: shapeOf(x),
    counts: tallyCounts(unit),
    rows: checkedAdd('layer count', unit.rows, 0),
    receptiveField: receptiveFieldOf(x),
  });
  addInto(total, unit, 1);
  reset(unit);
}

/** Every layer in execution order: stem; each block's ops, shortcut, add and what follows it; head. */
export function listNetwork(description: NetworkDescription): LayerRow[] {
  const [c, h, w] = description.spec.input;
  const x = inputActivation(c, h, w);
  const rows: LayerRow[] = [];
  const visit: OpVisitor = (op, name, input, result) => rows.push(layerRow(op, name, input, result));
  const tally = emptyTally();
  walkOps(description.stem, 'conv1.', x, tally, visit);
  for (const group of description.groups) {
    for (let b = 0; b < group.blocks; b++) walkBlock(b === 0 ? group.first : group.repeated, `${group.name}.block${b}.`, x, tally, visit);
  }
  walkOps(description.head, 'head.', x, tally, visit);
  return rows;
}
