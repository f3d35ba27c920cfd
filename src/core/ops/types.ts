import type { Field } from '../field.js';
import type { TensorShape } from '../tensor.js';

/*
 * The ops a network is made of. Each kind is a plain object with the fields that
 * say what it does; everything about what it costs lives in that kind's entry of
 * the op registry (ops/index.ts), one file per kind.
 */

export interface ConvOp {
  readonly kind: 'conv';
  readonly name: string;
  readonly outChannels: number;
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
  /** Channel groups (ResNeXt's cardinality; 1 for an ordinary conv): each output channel reads C_in/groups inputs. */
  readonly groups: number;
  readonly bias: boolean;
  /** A projection shortcut (listed as `shortcut`). */
  readonly shortcut: boolean;
}

/** BatchNorm: 2 parameters and 2 running statistics per channel; `relu` fuses the ReLU that follows it. */
export interface BatchNormOp {
  readonly kind: 'bn';
  readonly name: string;
  readonly relu: boolean;
}

export interface ReluOp {
  readonly kind: 'relu';
  readonly name: string;
}

export interface MaxPoolOp {
  readonly kind: 'max-pool';
  readonly name: string;
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
}

/** Global average pooling to one value per channel (the output is `[C]`). */
export interface AvgPoolOp {
  readonly kind: 'avg-pool';
  readonly name: string;
}

/** A fully connected layer, always with a bias (as every peer's classifier has). */
export interface LinearOp {
  readonly kind: 'linear';
  readonly name: string;
  readonly outFeatures: number;
}

/** He et al. 2015 option A: a strided identity whose extra channels are zero; no parameters. */
export interface ZeroPadOp {
  readonly kind: 'zero-pad';
  readonly name: string;
  readonly outChannels: number;
  readonly stride: number;
}

/** The residual add of a block. */
export interface AddOp {
  readonly kind: 'add';
  readonly name: string;
}

/** Dropout with probability `p` (training mode): no parameters, no MACs. */
export interface DropoutOp {
  readonly kind: 'dropout';
  readonly name: string;
  readonly p: number;
}

export type Op = ConvOp | BatchNormOp | ReluOp | MaxPoolOp | AvgPoolOp | LinearOp | ZeroPadOp | AddOp | DropoutOp;
export type OpKind = Op['kind'];
export type OpOfKind<K extends OpKind> = Extract<Op, { kind: K }>;

/**
 * What autograd keeps of an op for backward (PyTorch's eager kernels, torch 1.13, CPU,
 * fp32, training mode, measured with saved_tensors_hooks). The walk turns this into
 * bytes, counting each tensor once (saved-bytes.ts).
 */
export interface Keeps {
  /** Its input tensor, 4 bytes per element. */
  readonly input: boolean;
  /** Its output tensor, 4 bytes per element. */
  readonly output: boolean;
  /** int64 indices the size of its output. */
  readonly indices: boolean;
  /** A new fp32 tensor the size of its input (dropout's mask). */
  readonly mask: boolean;
  /** Two fp32 vectors per input channel, whatever the batch (batch norm's mean and inverse std). */
  readonly channelStats: boolean;
}

/** The listing's row type of an op kind (`pool` is the global average pool; `shortcut` a projection conv). */
export type LayerType = 'conv' | 'shortcut' | 'bn' | 'relu' | 'max-pool' | 'pool' | 'linear' | 'zero-pad' | 'add';

/** How a table writes each row type; a BN row with its fused ReLU reads `BN-ReLU` (layerTypeText). */
const LAYER_TYPE_TEXT = {
  conv: 'conv',
  shortcut: 'conv (shortcut)',
  bn: 'BN',
  relu: 'ReLU',
  'max-pool': 'max pool',
  pool: 'avg pool',
  linear: 'linear',
  'zero-pad': 'zero-pad (shortcut)',
  add: 'add',
} as const satisfies Record<LayerType, string>;

/** A row's type as the listing's tables and the structure table write it. */
export function layerTypeText(row: { readonly type: LayerType; readonly relu?: boolean }): string {
  return row.type === 'bn' && row.relu === true ? 'BN-ReLU' : LAYER_TYPE_TEXT[row.type];
}

/** The fields a listing row shows between its shapes and its counts. */
export interface RowFields {
  readonly type: LayerType;
  /** BN rows: whether a ReLU follows in the same row. */
  readonly relu?: boolean;
  readonly kernel?: readonly [number, number];
  readonly stride?: number;
  readonly padding?: number;
  readonly dilation?: number;
  readonly groups?: number;
  readonly bias?: boolean;
}

/** Fields an op that has no row of its own adds to the next row (dropout: `dropoutBefore` on the conv it feeds). */
export interface RowNote {
  /** Dropout probability applied just before this conv (no parameters, no MACs). */
  readonly dropoutBefore?: number;
}

/**
 * Everything about one kind of op, for one image. The walk asks in this order (output,
 * parameters, buffers, MACs), so a refusal names the first thing that goes wrong; it
 * refuses an output of more than MAX_SAFE_INTEGER elements itself.
 */
export interface OpKindEntry<O extends Op> {
  /**
   * The output's shape (the input itself when the op keeps it). Refusals name the layer,
   * `prefix` + the op's name: a window that leaves no output, channels its groups cannot split.
   */
  output(op: O, input: TensorShape, prefix: string): TensorShape;
  /** Trainable parameters, refused past MAX_SAFE_INTEGER. */
  params(op: O, input: TensorShape): number;
  /** Non-trainable buffers (BN's running statistics). */
  buffers(op: O, input: TensorShape): number;
  /** Multiply-accumulates, refused past MAX_SAFE_INTEGER. */
  macs(op: O, input: TensorShape, output: TensorShape): number;
  keeps(op: O): Keeps;
  /** The receptive field of one output unit, from one input unit's: a new object, or `field` itself when the op leaves it. */
  field(op: O, input: TensorShape, field: Field): Field;
  /** Its row in the per-layer listing, or the note it leaves on the next row when it has none. */
  readonly lists: { readonly row: (op: O) => RowFields } | { readonly note: (op: O) => RowNote };
  /** How the paper's structure table writes it (`7×7, 64, stride 2`, `BN-ReLU`, `fc 640→10`). */
  notation(op: O, input: TensorShape, output: TensorShape): string;
  /** Whether the structure table names it inside a stem or a block (convs and pools; BN-ReLU there is taken for granted). */
  readonly structural: boolean;
}
