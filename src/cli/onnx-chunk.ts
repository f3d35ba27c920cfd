/** What the ONNX chunk offers (src/export/onnx/chunk.ts). */
export type OnnxChunk = typeof import('../export/onnx/chunk.js');

/**
 * The ONNX chunk, loaded on first use. In the built CLI this import is replaced by a
 * load of dist/onnx.cjs through its V8 code cache (scripts/bundle.mjs), so protobufjs
 * and the ONNX descriptor cost nothing to a run that writes no ONNX graph.
 */
export function loadOnnxChunk(): Promise<OnnxChunk> {
  return import('../export/onnx/chunk.js');
}
