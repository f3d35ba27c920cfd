import type { BlockDescription, NetworkSpec, Op, OpKind, OpOfKind, TensorShape } from '../../core/index.js';
import { blockModule, groupModule, headModule, reluOf, stemModule } from '../names.js';
import { exportNetwork, shapesOf } from '../network.js';
import type { ExportNetwork } from '../network.js';
import { NAMING, countWords, networkWords } from '../words.js';
import { DATA_TYPE, float, int, ints, tensorInfo } from './proto.js';
import type { Attribute, Model, Node, Tensor, ValueInfo } from './proto.js';

/*
 * A network as an ONNX graph for inference: one node per op of the description (a
 * group's repeated block written out N − 1 times), named as the PyTorch export names
 * its modules, its weights graph inputs without values (named as that export's
 * state_dict keys, so the two can be fed one to the other), its intermediate tensors
 * declared with the shapes of the one walk. BN is BatchNormalization with its running
 * statistics, dropout the identity it is in inference.
 */

/** ONNX's IR version 8 and opset 17: what ONNX 1.12 (Debian's python3-onnx) checks and Netron reads. */
const IR_VERSION = 8;
const OPSET = 17;
/** PyTorch's BatchNorm2d default; ONNX's as well. */
const BN_EPSILON = 1e-5;

const dimsOf = (shape: TensorShape): number[] => (shape.flat ? [shape.c] : [shape.c, shape.h, shape.w]);

/** The graph as it is written: nodes in the walk's order, weights as inputs, constants, tensor shapes. */
class GraphBuilder {
  readonly nodes: Node[] = [];
  readonly weights: ValueInfo[] = [];
  readonly constants: Tensor[] = [];
  readonly shapes: ValueInfo[] = [];

  /** A node whose one output is named as the node; its shape (per image) declared. */
  node(name: string, opType: string, input: readonly string[], attribute: readonly Attribute[], dims: readonly number[]): string {
    this.nodes.push({ name, opType, input, output: [name], attribute });
    this.shapes.push(tensorInfo(name, dims, true));
    return name;
  }

  weight(name: string, dims: readonly number[]): string {
    this.weights.push(tensorInfo(name, dims));
    return name;
  }

  int64s(name: string, values: readonly number[]): string {
    this.constants.push({ name, dataType: DATA_TYPE.int64, dims: [values.length], int64Data: values });
    return name;
  }

  scalar(name: string, value: number): string {
    this.constants.push({ name, dataType: DATA_TYPE.float, dims: [], floatData: [value] });
    return name;
  }

  /** The last node's output becomes the graph's output `name` (no longer an intermediate tensor). */
  renameLast(name: string): void {
    const last = this.nodes.pop();
    if (last === undefined) throw new Error('a graph without nodes');
    this.nodes.push({ ...last, output: [name] });
    this.shapes.pop();
  }
}

/** Where an op sits: its module name, the tensor it reads (and an add's other operand), its shapes. */
interface At {
  readonly module: string;
  readonly x: string;
  readonly other: string;
  readonly input: TensorShape;
  readonly output: TensorShape;
}

interface OnnxOp<O extends Op> {
  /** Adds the op's nodes; returns the tensor it ends with. */
  emit(b: GraphBuilder, op: O, at: At): string;
}

const square = (value: number) => [value, value];

/** Each kind of op as ONNX nodes: one entry per op kind of the core's registry. */
const ONNX_OPS: { readonly [K in OpKind]: OnnxOp<OpOfKind<K>> } = {
  conv: {
    emit(b, op, { module, x, input, output }) {
      const weights = [b.weight(`${module}.weight`, [op.outChannels, input.c / op.groups, op.kernel, op.kernel])];
      if (op.bias) weights.push(b.weight(`${module}.bias`, [op.outChannels]));
      const attributes = [
        ints('kernel_shape', square(op.kernel)),
        ints('strides', square(op.stride)),
        ints('pads', [op.padding, op.padding, op.padding, op.padding]),
        ints('dilations', square(op.dilation)),
        int('group', op.groups),
      ];
      return b.node(module, 'Conv', [x, ...weights], attributes, dimsOf(output));
    },
  },
  bn: {
    emit(b, op, { module, x, input, output }) {
      const stats = ['weight', 'bias', 'running_mean', 'running_var'].map((name) => b.weight(`${module}.${name}`, [input.c]));
      const normed = b.node(module, 'BatchNormalization', [x, ...stats], [float('epsilon', BN_EPSILON)], dimsOf(output));
      return op.relu ? b.node(reluOf(module), 'Relu', [normed], [], dimsOf(output)) : normed;
    },
  },
  relu: { emit: (b, _op, { module, x, output }) => b.node(module, 'Relu', [x], [], dimsOf(output)) },
  'max-pool': {
    emit: (b, op, { module, x, output }) =>
      b.node(
        module,
        'MaxPool',
        [x],
        [
          ints('kernel_shape', square(op.kernel)),
          ints('strides', square(op.stride)),
          ints('pads', square(op.padding).concat(square(op.padding))),
        ],
        dimsOf(output),
      ),
  },
  // Global average pooling keeps [N, C, 1, 1]; the flatten after it gives the [N, C] the linear layer reads.
  'avg-pool': {
    emit(b, _op, { module, x, output }) {
      const pooled = b.node(module, 'GlobalAveragePool', [x], [], [output.c, 1, 1]);
      return b.node('flatten', 'Flatten', [pooled], [int('axis', 1)], dimsOf(output));
    },
  },
  linear: {
    emit(b, op, { module, x, input, output }) {
      const weights = [b.weight(`${module}.weight`, [op.outFeatures, input.c]), b.weight(`${module}.bias`, [op.outFeatures])];
      return b.node(module, 'Gemm', [x, ...weights], [int('transB', 1)], dimsOf(output));
    },
  },
  // x[:, :, ::s, ::s], then the extra channels appended as zeros (Pad's constant 0 after the existing ones).
  'zero-pad': {
    emit(b, op, { module, x, input, output }) {
      let y = x;
      if (op.stride > 1) {
        const bounds = [b.int64s(`${module}.starts`, [0, 0]), b.int64s(`${module}.ends`, [input.h, input.w])];
        const axes = [b.int64s(`${module}.axes`, [2, 3]), b.int64s(`${module}.steps`, square(op.stride))];
        y = b.node(`${module}.slice`, 'Slice', [y, ...bounds, ...axes], [], [input.c, output.h, output.w]);
      }
      const extra = op.outChannels - input.c;
      if (extra > 0) y = b.node(`${module}.pad`, 'Pad', [y, b.int64s(`${module}.pads`, [0, 0, 0, 0, 0, extra, 0, 0])], [], dimsOf(output));
      return y === x ? b.node(module, 'Identity', [x], [], dimsOf(output)) : y;
    },
  },
  add: { emit: (b, _op, { module, x, other, output }) => b.node(module, 'Add', [x, other], [], dimsOf(output)) },
  // In inference (no training_mode input) Dropout passes its input through; the ratio says what it drops in training.
  dropout: {
    emit: (b, op, { module, x, output }) => b.node(module, 'Dropout', [x, b.scalar(`${module}.ratio`, op.p)], [], dimsOf(output)),
  },
};

function emitOp(b: GraphBuilder, op: Op, at: At): string {
  return (ONNX_OPS[op.kind] as unknown as OnnxOp<Op>).emit(b, op, at);
}

/** Where a run of ops is: its walk prefix (for the shapes) and the module names of its ops. */
interface Place {
  readonly walk: string;
  readonly module: (op: Op) => string;
}

function emitOps(b: GraphBuilder, network: ExportNetwork, ops: readonly Op[], place: Place, x: string, other = x): string {
  let y = x;
  for (const op of ops) {
    const { input, output } = shapesOf(network, place.walk + op.name);
    y = emitOp(b, op, { module: place.module(op), x: y, other, input, output });
  }
  return y;
}

/** A block: its opening, main path, shortcut (from the tensor the description says it reads), add and what follows. */
function emitBlock(b: GraphBuilder, network: ExportNetwork, block: BlockDescription, place: Place, x: string): string {
  const opened = emitOps(b, network, block.preact, place, x);
  const main = emitOps(b, network, block.main, place, opened);
  const side = emitOps(b, network, block.shortcut, place, block.shortcutInput === 'preactivated' ? opened : x);
  const added = emitOps(b, network, [block.add], place, main, side);
  return emitOps(b, network, block.after, place, added);
}

/** Every node from the stem to the head; the tensor each group ends with, by the summary's group names. */
function emitNetwork(b: GraphBuilder, network: ExportNetwork): Map<string, string> {
  const { stem, groups, head } = network.description;
  const outputs = new Map<string, string>();
  let x = emitOps(b, network, stem, { walk: 'conv1.', module: stemModule }, 'input');
  outputs.set('conv1', x);
  groups.forEach((group, g) => {
    for (let i = 0; i < group.blocks; i++) {
      const torch = `${groupModule(g)}.${i}.`;
      const place = { walk: `${group.name}.block${Math.min(i, 1)}.`, module: (op: Op) => torch + blockModule(op) };
      x = emitBlock(b, network, i === 0 ? group.first : group.repeated, place, x);
    }
    outputs.set(group.name, x);
  });
  emitOps(b, network, head, { walk: 'head.', module: headModule }, x);
  b.renameLast('logits');
  outputs.set('head', 'logits');
  return outputs;
}

function docString(network: ExportNetwork): string {
  const { spec } = network.description;
  return [
    `${spec.name}, exported by wrn-calc: ${countWords(network.summary)}, as wrn-calc counts them.`,
    networkWords(spec),
    'Its weights are graph inputs without values, named as the PyTorch export names its state_dict (wrn-calc export --format pytorch); running statistics included.',
    NAMING,
  ].join('\n\n');
}

/** The ONNX model of the network `spec` describes, as a plain object (onnx.proto's ModelProto). */
export function onnxGraph(spec: NetworkSpec, producerVersion: string): Model {
  const network = exportNetwork(spec);
  const b = new GraphBuilder();
  const outputs = emitNetwork(b, network);
  const [channels, height, width] = spec.input;
  const { totals, groups } = network.summary;
  const groupOutputs = groups.map((group) => ({ key: `wrn-calc.output.${group.name}`, value: outputs.get(group.name) ?? '' }));
  return {
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'wrn-calc',
    producerVersion,
    docString: docString(network),
    graph: {
      name: spec.name,
      docString: networkWords(spec),
      node: b.nodes,
      initializer: b.constants,
      input: [tensorInfo('input', [channels, height, width], true), ...b.weights],
      output: [tensorInfo('logits', [spec.classes], true)],
      valueInfo: b.shapes,
    },
    metadataProps: [
      { key: 'wrn-calc.params', value: String(totals.params) },
      { key: 'wrn-calc.buffers', value: String(totals.buffers) },
      { key: 'wrn-calc.macs', value: String(totals.macs) },
      ...groupOutputs,
    ],
  };
}
