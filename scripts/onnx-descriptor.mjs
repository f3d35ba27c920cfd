#!/usr/bin/env node
// Writes src/export/onnx/onnx-descriptor.json: third_party/onnx/onnx.proto (ONNX 1.12.0) as protobufjs's JSON
// descriptor, which the ONNX chunk loads with protobufjs's light build (no .proto parser at run time).
//   node scripts/onnx-descriptor.mjs           write it
//   node scripts/onnx-descriptor.mjs --check   exit 1, saying so, when the committed file differs
import { readFileSync, writeFileSync } from 'node:fs';
import protobuf from 'protobufjs';

const PROTO = 'third_party/onnx/onnx.proto';
const DESCRIPTOR = 'src/export/onnx/onnx-descriptor.json';

// Field names in camelCase (protobufjs's default), as the chunk's plain objects spell them.
const text = `${JSON.stringify(protobuf.loadSync(PROTO).toJSON(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (readFileSync(DESCRIPTOR, 'utf8') !== text) {
    console.error(`${DESCRIPTOR} is not ${PROTO} as protobufjs reads it; run node scripts/onnx-descriptor.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(DESCRIPTOR, text);
}
