import type { Counts } from './counts.js';
import { receptiveFieldOf } from './field.js';
import type { ReceptiveField } from './field.js';
import { emptyResult, evaluateOp, isFlat } from './ops.js';
import type { ConvOp, Op, OpResult, Shape } from './ops.js';

export type { Shape } from './ops.js';
export { convOutputSize } from './ops.js';

/**
 * A row of the per-layer listing. `bn` is BatchNorm, with `relu: true` when the
 * ReLU that follows it is fused into the row (listed as BN-ReLU); `pool` is the
 * global average pool; `shortcut` is a projection conv.
 */
export type LayerType = 'conv' | 'shortcut' | 'bn' | 'relu' | 'max-pool' | 'pool' | 'linear' | 'zero-pad' | 'add';

export interface LayerRow extends Counts {
  /** Dotted name, e.g. `conv3.block0.conv1`. */
  readonly name: string;
  readonly type: LayerType;
  readonly input: Shape;
  readonly output: Shape;
  /** BN rows: whether a ReLU follows in the same row. */
  readonly relu?: boolean;
  readonly kernel?: readonly [number, number];
  readonly stride?: number;
  readonly padding?: number;
  readonly dilation?: number;
  readonly groups?: number;
  readonly bias?: boolean;
  /** Dropout probability applied just before this conv (shown, never counted). */
  readonly dropoutBefore?: number;
  /** The receptive field of one unit of the output. */
  readonly receptiveField: ReceptiveField;
}

const ROW_TYPE = {
  conv: 'conv',
  bn: 'bn',
  relu: 'relu',
  'max-pool': 'max-pool',
  'avg-pool': 'pool',
  linear: 'linear',
  'zero-pad': 'zero-pad',
  add: 'add',
} as const satisfies Record<Op['kind'], LayerType>;

function shapeOf(result: Pick<OpResult, 'c' | 'h' | 'w'>, flat: boolean): Shape {
  return flat ? [result.c] : [result.c, result.h, result.w];
}

/** The listing's row for `op`, evaluated on `input`; `result` holds its evaluation. */
export function layerRow(op: Op, name: string, input: Shape, result: OpResult): LayerRow {
  const counts = {
    params: result.params,
    buffers: result.buffers,
    macs: result.macs,
    activationElements: result.activationElements,
    savedBytesPerImage: result.savedBytesPerImage,
    savedBytesFixed: result.savedBytesFixed,
    receptiveField: receptiveFieldOf(result.field),
  };
  const output = shapeOf(result, isFlat(op));
  switch (op.kind) {
    case 'conv': {
      const row: LayerRow = {
        name,
        type: op.shortcut ? 'shortcut' : 'conv',
        input,
        output,
        kernel: [op.kernel, op.kernel],
        stride: op.stride,
        padding: op.padding,
        dilation: op.dilation,
        groups: op.groups,
        bias: op.bias,
        ...counts,
      };
      return op.dropoutBefore > 0 ? { ...row, dropoutBefore: op.dropoutBefore } : row;
    }
    case 'bn':
      return { name, type: 'bn', input, output, relu: op.relu, ...counts };
    case 'max-pool':
      return { name, type: 'max-pool', input, output, kernel: [op.kernel, op.kernel], stride: op.stride, padding: op.padding, ...counts };
    case 'zero-pad':
      return { name, type: 'zero-pad', input, output, stride: op.stride, ...counts };
    case 'linear':
      return { name, type: 'linear', input, output, bias: true, ...counts };
    default:
      return { name, type: ROW_TYPE[op.kind], input, output, ...counts };
  }
}

export type ConvOptions = Pick<ConvOp, 'outChannels' | 'kernel' | 'stride' | 'padding' | 'dilation' | 'groups' | 'bias'>;

/** One conv on its own, as a listing row (for library users; the walkers build their own). */
export function convLayer(name: string, input: Shape, conv: ConvOptions, type: 'conv' | 'shortcut' = 'conv'): LayerRow {
  const op: ConvOp = { kind: 'conv', name, ...conv, shortcut: type === 'shortcut', dropoutBefore: 0 };
  const result = emptyResult();
  evaluateOp(op, '', input[0] ?? 1, input[1] ?? 1, input[2] ?? 1, result);
  return layerRow(op, name, input, result);
}
