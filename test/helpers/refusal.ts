import { WrnError } from '../../src/core/index.js';
import type { IssueCode } from '../../src/core/index.js';

/** The core's refusal of `run`: its code and message; fails the test if `run` does not throw a WrnError. */
export function refusal(run: () => unknown): { code: IssueCode; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof WrnError) return { code: error.issue.code, message: error.message };
    throw error;
  }
  throw new Error('expected a WrnError');
}
