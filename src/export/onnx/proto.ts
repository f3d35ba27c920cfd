/*
 * The parts of onnx.proto (third_party/onnx/onnx.proto, ONNX 1.12) the export writes,
 * as the plain objects protobufjs's fromObject reads: camelCase field names, enums by
 * number. Only what the graph uses is typed.
 */

/** TensorProto.DataType. */
export const DATA_TYPE = { float: 1, int64: 7 } as const;

/** AttributeProto.AttributeType, by number: protobufjs's verify() reads enums as numbers. */
const ATTRIBUTE_TYPE = { FLOAT: 1, INT: 2, INTS: 7 } as const;

export interface Dim {
  readonly dimValue?: number;
  readonly dimParam?: string;
}

export interface ValueInfo {
  readonly name: string;
  readonly type: { readonly tensorType: { readonly elemType: number; readonly shape: { readonly dim: readonly Dim[] } } };
}

export type Attribute =
  | { readonly name: string; readonly type: typeof ATTRIBUTE_TYPE.INT; readonly i: number }
  | { readonly name: string; readonly type: typeof ATTRIBUTE_TYPE.INTS; readonly ints: readonly number[] }
  | { readonly name: string; readonly type: typeof ATTRIBUTE_TYPE.FLOAT; readonly f: number };

export interface Node {
  readonly name: string;
  readonly opType: string;
  readonly input: readonly string[];
  readonly output: readonly string[];
  readonly attribute: readonly Attribute[];
}

/** A constant the graph holds (slice bounds, pads, a dropout ratio): never a weight. */
export interface Tensor {
  readonly name: string;
  readonly dataType: number;
  readonly dims: readonly number[];
  readonly int64Data?: readonly number[];
  readonly floatData?: readonly number[];
}

export interface Graph {
  readonly name: string;
  readonly docString: string;
  readonly node: readonly Node[];
  readonly initializer: readonly Tensor[];
  readonly input: readonly ValueInfo[];
  readonly output: readonly ValueInfo[];
  readonly valueInfo: readonly ValueInfo[];
}

export interface Model {
  readonly irVersion: number;
  readonly opsetImport: readonly { readonly domain: string; readonly version: number }[];
  readonly producerName: string;
  readonly producerVersion: string;
  readonly docString: string;
  readonly graph: Graph;
  readonly metadataProps: readonly { readonly key: string; readonly value: string }[];
}

/** A float tensor of `dims`, the first of them the batch when `batch` is set. */
export function tensorInfo(name: string, dims: readonly number[], batch = false): ValueInfo {
  const dim: Dim[] = [...(batch ? [{ dimParam: 'batch' }] : []), ...dims.map((size) => ({ dimValue: size }))];
  return { name, type: { tensorType: { elemType: DATA_TYPE.float, shape: { dim } } } };
}

export const ints = (name: string, values: readonly number[]): Attribute => ({ name, type: ATTRIBUTE_TYPE.INTS, ints: values });
export const int = (name: string, value: number): Attribute => ({ name, type: ATTRIBUTE_TYPE.INT, i: value });
export const float = (name: string, value: number): Attribute => ({ name, type: ATTRIBUTE_TYPE.FLOAT, f: value });
