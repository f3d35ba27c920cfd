import { emptyTally } from './counts.js';
import type { Counts, Tally } from './counts.js';
import type { BlockDescription, NetworkDescription } from './describe.js';
import { WrnError } from './errors.js';
import { cloneField, extendField, pixelField, unionInto } from './field.js';
import { entryOf } from './ops/index.js';
import type { Op } from './ops/index.js';
import { keepForBackward, keptWhateverTheBatch } from './saved-bytes.js';
import { elementsOf, shapeOf } from './tensor.js';
import type { Tensor } from './tensor.js';

/*
 * The one walk of a network description: stem → each group's first block, then its
 * repeated block once, standing for N − 1 blocks → head. What to make of it is the
 * visitor's business: the listing keeps each op's row, the summary adds up each group,
 * the totals add up everything. Repetition is handled here once for every quantity:
 * a repeated part's counts stand `times` times, and the receptive field grows by the
 * same step per repeated block (stride 1), so nothing costs more with depth.
 */

/** A stretch of the walk: the stem (`conv1`), a group's first block (block 0) or its repeated block (block 1), the head. */
export interface Part {
  /** conv1 for the stem, conv2… for groups of blocks, head. */
  readonly group: string;
  /** 0 for a group's first block, 1 for its repeated block; undefined for the stem and the head. */
  readonly block: number | undefined;
  /** What names its ops: `conv1.`, `conv2.block0.`, `head.`. */
  readonly prefix: string;
}

export function blockPart(group: string, block: number): Part {
  return { group, block, prefix: `${group}.block${block}.` };
}

const STEM: Part = { group: 'conv1', block: undefined, prefix: 'conv1.' };
const HEAD: Part = { group: 'head', block: undefined, prefix: 'head.' };

/** One op as the walk evaluated it: its counts (its saved bytes given what was kept before it) and its output. */
export interface OpVisit {
  readonly part: Part;
  readonly op: Op;
  /** The op's full name: the part's prefix and the op's name. */
  readonly layer: string;
  readonly input: Tensor;
  readonly output: Tensor;
  readonly counts: Counts;
}

/** The receptive field's growth per repeated block: size and start per axis (the jump stays). */
export interface FieldStep {
  readonly rh: number;
  readonly rw: number;
  readonly sh: number;
  readonly sw: number;
}

/** A part once walked: the counts of its ops (one walk), how many times they count, and what comes out after all of them. */
export interface PartVisit {
  readonly part: Part;
  readonly tally: Readonly<Tally>;
  /** 1, or N − 1 for a group's repeated block. */
  readonly times: number;
  readonly output: Tensor;
  /** A repeated block's field step per repetition; zero elsewhere. */
  readonly fieldStep: FieldStep;
}

/** What a walk hands out; a visitor copies what it keeps (tensors' fields may be reused). */
export interface WalkVisitor {
  op?(visit: OpVisit): void;
  part?(visit: PartVisit): void;
}

const NO_STEP: FieldStep = { rh: 0, rw: 0, sh: 0, sw: 0 };

/** The input image: `[c, h, w]`, not kept by any op yet, each pixel its own field. */
export function inputTensor(c: number, h: number, w: number): Tensor {
  return { c, h, w, flat: false, saved: false, field: pixelField() };
}

/** One op on `x`: its registry entry's output and counts, what it newly keeps for backward, its field step. */
export function walkOp(op: Op, part: Part, x: Tensor, tally: Tally, visitor: WalkVisitor): Tensor {
  const entry = entryOf(op);
  const shape = entry.output(op, x, part.prefix);
  const params = entry.params(op, x);
  const buffers = entry.buffers(op, x);
  const macs = entry.macs(op, x, shape);
  const elements = elementsOf(shape);
  if (elements > Number.MAX_SAFE_INTEGER) throw new WrnError({ code: 'COUNT_OVERFLOW', what: 'activation element count' });
  const keeps = entry.keeps(op);
  const savedBytesFixed = keptWhateverTheBatch(keeps, x);
  const savedBytesPerImage = keepForBackward(keeps, x, shape);
  const output: Tensor = { c: shape.c, h: shape.h, w: shape.w, flat: shape.flat, saved: keeps.output, field: entry.field(op, x, x.field) };
  const listed = 'row' in entry.lists;
  const activationElements = listed ? elements : 0;
  // Unchecked sums of checked counts (see addTally).
  tally.params += params;
  tally.buffers += buffers;
  tally.macs += macs;
  tally.activationElements += activationElements;
  tally.savedBytesPerImage += savedBytesPerImage;
  tally.savedBytesFixed += savedBytesFixed;
  if (listed) tally.layers += 1;
  if (visitor.op !== undefined) {
    const counts: Counts = { params, buffers, macs, activationElements, savedBytesPerImage, savedBytesFixed };
    visitor.op({ part, op, layer: `${part.prefix}${op.name}`, input: x, output, counts });
  }
  return output;
}

function walkOps(ops: readonly Op[], part: Part, x: Tensor, tally: Tally, visitor: WalkVisitor): Tensor {
  let y = x;
  for (let i = 0; i < ops.length; i++) y = walkOp(ops[i] as Op, part, y, tally, visitor);
  return y;
}

/**
 * One block from `x`: the opening BN-ReLU, the main path, the shortcut path from the tensor
 * it reads, then the add (whose unit sees what either path's unit sees) and what follows.
 * A residual add whose two sides differ is refused, after both paths were walked.
 */
export function walkBlock(block: BlockDescription, part: Part, x: Tensor, tally: Tally, visitor: WalkVisitor): Tensor {
  const opened = walkOps(block.preact, part, x, tally, visitor);
  const main = walkOps(block.main, part, opened, tally, visitor);
  const side = walkOps(block.shortcut, part, block.shortcutInput === 'preactivated' ? opened : x, tally, visitor);
  if (main.c !== side.c || main.h !== side.h || main.w !== side.w) {
    throw new WrnError({ code: 'RESIDUAL_MISMATCH', block: part.prefix.slice(0, -1), main: shapeOf(main), shortcut: shapeOf(side) });
  }
  const field = cloneField(main.field);
  unionInto(field, side.field);
  const added = walkOp(block.add, part, { c: main.c, h: main.h, w: main.w, flat: main.flat, saved: main.saved, field }, tally, visitor);
  return walkOps(block.after, part, added, tally, visitor);
}

function finishPart(visitor: WalkVisitor, part: Part, tally: Tally, output: Tensor, times = 1, fieldStep = NO_STEP): Tensor {
  visitor.part?.({ part, tally, times, output, fieldStep });
  return output;
}

/** A group's repeated block, walked once for its N − 1 blocks: counts × (N − 1), the field extended by N − 2 more steps. */
function walkRepeated(block: BlockDescription, part: Part, x: Tensor, times: number, visitor: WalkVisitor): Tensor {
  const tally = emptyTally();
  const once = walkBlock(block, part, x, tally, visitor);
  const before = x.field;
  const fieldStep = {
    rh: once.field.rh - before.rh,
    rw: once.field.rw - before.rw,
    sh: once.field.sh - before.sh,
    sw: once.field.sw - before.sw,
  };
  const field = cloneField(once.field);
  extendField(field, before, times - 1);
  return finishPart(visitor, part, tally, { c: once.c, h: once.h, w: once.w, flat: once.flat, saved: once.saved, field }, times, fieldStep);
}

/** The whole network, once, for `visitor`; returns the output (the logits' tensor). */
export function walkNetwork(description: NetworkDescription, visitor: WalkVisitor): Tensor {
  const [c, h, w] = description.spec.input;
  let tally = emptyTally();
  let x = finishPart(visitor, STEM, tally, walkOps(description.stem, STEM, inputTensor(c, h, w), tally, visitor));
  for (const group of description.groups) {
    const first = blockPart(group.name, 0);
    tally = emptyTally();
    x = finishPart(visitor, first, tally, walkBlock(group.first, first, x, tally, visitor));
    // A group of one block never walks the block it would repeat (nor meets its refusals).
    if (group.blocks > 1) x = walkRepeated(group.repeated, blockPart(group.name, 1), x, group.blocks - 1, visitor);
  }
  tally = emptyTally();
  return finishPart(visitor, HEAD, tally, walkOps(description.head, HEAD, x, tally, visitor));
}
