import * as z from 'zod/mini';
import { configSchema } from './config-schema.js';

/*
 * The budget file's JSON Schema, generated from configSchema (its input side:
 * what a person writes). `wrn-calc schema` prints budgets.schema.json, this
 * function's output saved beside it, rather than calling it: z.toJSONSchema
 * brings zod's JSON Schema processors, and esbuild splits code by file, so they
 * would land in the chunk every start-up loads (about 20 KB, 8 ms). The test
 * test/cli/check.test.ts fails when the saved file differs from this function,
 * and UPDATE_SCHEMA=1 rewrites it.
 */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema, { io: 'input' });
}
