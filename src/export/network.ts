import { describeNetwork, summarizeSpec, walkNetwork } from '../core/index.js';
import type {
  BlockDescription,
  GroupDescription,
  NetworkDescription,
  NetworkSpec,
  NetworkSummary,
  Op,
  TensorShape,
} from '../core/index.js';

/*
 * What both exporters read: the network's one description, its summary (the counts
 * and group outputs the CLI prints) and the shape of every op's input and output as
 * the one walk found them. Nothing here decides anything about the architecture.
 */

/** An op's input and output, for one image. */
export interface OpShapes {
  readonly input: TensorShape;
  readonly output: TensorShape;
}

/** One block where the network uses it: a group's first block, or its repeated block (standing for N − 1). */
export interface BlockUse {
  readonly group: GroupDescription;
  /** 0 for conv2, 1 for conv3, … */
  readonly groupIndex: number;
  readonly block: BlockDescription;
  /** 0: the group's first block; 1: the block it repeats. */
  readonly position: 0 | 1;
  /** The walk's prefix of its ops: `conv2.block0.`. */
  readonly prefix: string;
  /** Channels of its input, from the walk. */
  readonly inChannels: number;
}

export interface ExportNetwork {
  readonly description: NetworkDescription;
  readonly summary: NetworkSummary;
  /** Every op's shapes by its walk name (`conv1.conv`, `conv2.block1.conv2`, `head.fc`). */
  readonly shapes: ReadonlyMap<string, OpShapes>;
  /** The blocks the network is made of, group by group; a group of one block has no repeated block. */
  readonly uses: readonly BlockUse[];
}

const copy = (shape: TensorShape): TensorShape => ({ c: shape.c, h: shape.h, w: shape.w, flat: shape.flat });

/** The walk's shapes of `op` named `layer`; a name the walk never gave is a bug. */
export function shapesOf(network: ExportNetwork, layer: string): OpShapes {
  const shapes = network.shapes.get(layer);
  if (shapes === undefined) throw new Error(`the walk gave no shapes for ${layer}`);
  return shapes;
}

/** The first op a block applies to its input (the opening BN, or the first conv). */
function firstOp(block: BlockDescription): Op {
  const op = block.preact[0] ?? block.main[0];
  if (op === undefined) throw new Error('a block without ops');
  return op;
}

function usesOf(description: NetworkDescription, shapes: ReadonlyMap<string, OpShapes>): BlockUse[] {
  return description.groups.flatMap((group, groupIndex) => {
    const positions: (0 | 1)[] = group.blocks > 1 ? [0, 1] : [0];
    return positions.map((position): BlockUse => {
      const block = position === 0 ? group.first : group.repeated;
      const prefix = `${group.name}.block${position}.`;
      const input = shapes.get(prefix + firstOp(block).name)?.input;
      if (input === undefined) throw new Error(`the walk did not reach ${prefix}`);
      return { group, groupIndex, block, position, prefix, inChannels: input.c };
    });
  });
}

/** The network as exporters read it: one description, one walk for the shapes, the summary's counts. */
export function exportNetwork(spec: NetworkSpec): ExportNetwork {
  const description = describeNetwork(spec);
  const shapes = new Map<string, OpShapes>();
  walkNetwork(description, { op: ({ layer, input, output }) => shapes.set(layer, { input: copy(input), output: copy(output) }) });
  return { description, summary: summarizeSpec(spec), shapes, uses: usesOf(description, shapes) };
}
