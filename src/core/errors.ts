import { formatIssue } from './messages.js';
import type { Issue } from './messages.js';

/**
 * The core's only error type. It carries a machine-readable `issue` (code plus
 * the values involved, as publint's messages do) and the prose that one
 * formatter, `formatIssue`, makes of it. Library users can switch on
 * `error.issue.code`; the CLI prints `error.message` and exits 2.
 */
export class WrnError extends Error {
  readonly issue: Issue;

  constructor(issue: Issue) {
    super(formatIssue(issue));
    this.name = 'WrnError';
    this.issue = issue;
  }
}

export function isWrnError(value: unknown): value is WrnError {
  return value instanceof WrnError;
}

/** `value`, or a refusal naming `what` unless it is a whole number from 1 to MAX_SAFE_INTEGER. */
export function requirePositiveInteger(what: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new WrnError({ code: 'NOT_POSITIVE_INTEGER', what, value });
  return value;
}
