import * as z from 'zod/mini';
import { UsageError } from './errors.js';
import { oneOf } from './numbers.js';
import { OUTPUT_FORMATS } from './output-format.js';
import type { OutputFormat } from './output-format.js';

export const formatFlagsSchema = z.object({
  format: z.optional(oneOf('--format', OUTPUT_FORMATS)),
  json: z.optional(z.boolean()),
  color: z.optional(z.boolean()),
  debug: z.optional(z.boolean()),
});

export type ParsedFormatFlags = z.output<typeof formatFlagsSchema>;

export function outputFormat(parsed: ParsedFormatFlags): OutputFormat {
  if (parsed.json === true && parsed.format !== undefined && parsed.format !== 'json') {
    throw new UsageError(`--json and --format ${parsed.format} disagree; give one of them.`);
  }
  return parsed.json === true ? 'json' : (parsed.format ?? 'table');
}
