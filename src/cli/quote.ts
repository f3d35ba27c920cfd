export { MAX_QUOTED_CHARS, clip, escapeControl, quote } from '../core/messages.js';

/** How much of a value a message quotes: enough to recognise it, never the whole of a large file. */
export const MAX_SHOWN_CHARS = 80;

/**
 * A JSON preview of at most a few levels and items. Not JSON.stringify on the
 * whole value: that recurses into 100,000 nested arrays until the stack overflows,
 * and copies megabytes into a one-line message.
 */
function preview(value: unknown, depth: number): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (depth === 0) return '[…]';
    const items = value.slice(0, 4).map((item: unknown) => preview(item, depth - 1));
    return `[${items.join(',')}${value.length > 4 ? ',…' : ''}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    if (depth === 0) return '{…}';
    const items = entries.slice(0, 4).map(([key, item]) => `${JSON.stringify(key.slice(0, MAX_SHOWN_CHARS))}:${preview(item, depth - 1)}`);
    return `{${items.join(',')}${entries.length > 4 ? ',…' : ''}}`;
  }
  // JSON reads 1e400 as Infinity, which JSON.stringify would show as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a number too large to represent';
  return JSON.stringify(typeof value === 'string' ? value.slice(0, MAX_SHOWN_CHARS + 1) : value) ?? String(value);
}

/** A value from a JSON file as a message shows it: JSON (so control characters are escaped), cut to MAX_SHOWN_CHARS. */
export function showJson(value: unknown): string {
  const text = preview(value, 3);
  return text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}…` : text;
}
