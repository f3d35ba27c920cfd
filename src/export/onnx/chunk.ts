import protobuf from 'protobufjs/light.js';
import descriptor from './onnx-descriptor.json' with { type: 'json' };
import type { Model } from './proto.js';

/*
 * The ONNX chunk: a graph (graph.ts, built in the CLI from the network's description)
 * encoded as onnx.proto's binary format with protobufjs's light build and onnx.proto's
 * descriptor (third_party/onnx, made into JSON by scripts/onnx-descriptor.mjs).
 * Bundled on its own (dist/onnx.cjs) and loaded only by `export --format onnx`.
 */

/** A model as onnx.proto's binary encoding; a field that does not fit the descriptor is a bug, and throws. */
export function encodeModel(model: Model): Uint8Array {
  const modelProto = protobuf.Root.fromJSON(descriptor).lookupType('onnx.ModelProto');
  const problem = modelProto.verify(model);
  if (problem !== null) throw new Error(`the ONNX model does not fit onnx.proto: ${problem}`);
  return modelProto.encode(modelProto.fromObject(model)).finish();
}
