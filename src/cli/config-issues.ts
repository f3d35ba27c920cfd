import type { z } from 'zod';

/** Keys longer than this are cut short in a path: a message is one readable line. */
const MAX_KEY_CHARS = 40;

/** A JSON path as people write it in JavaScript: `models[1].budget.params`, `["odd key"]`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    const name = String(key);
    const short = name.length > MAX_KEY_CHARS ? `${name.slice(0, MAX_KEY_CHARS)}…` : name;
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) text += text === '' ? short : `.${short}`;
    else text += `[${JSON.stringify(short)}]`;
  }
  return text;
}

/**
 * One zod issue as `path: message`. An unknown key is reported at its own path
 * (`models[1].width: unknown key; ...`), which is where the reader must look.
 */
export function formatConfigIssue(issue: z.core.$ZodIssue): string {
  const path = [...issue.path];
  if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) path.push(issue.keys[0] ?? '');
  const where = formatJsonPath(path);
  return where === '' ? issue.message : `${where}: ${issue.message}`;
}

/**
 * Every problem of a file: the first as the sentence the error begins with, each
 * other one on a line of its own in parentheses (`(also b.json: models[2].k: …)`),
 * as the hint lines after an error are written.
 */
export function describeConfigIssues(file: string, issues: readonly z.core.$ZodIssue[]): string {
  const [first, ...rest] = issues;
  const lines = [`${file}: ${first === undefined ? 'invalid budget file' : formatConfigIssue(first)}.`];
  for (const issue of rest) lines.push(`(also ${file}: ${formatConfigIssue(issue)})`);
  return lines.join('\n');
}
