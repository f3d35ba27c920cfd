/** Bad usage or invalid input found at the CLI edge (flags, files, configs). Always exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The exit codes (README, "Exit codes and limits"). */
export const EXIT = { ok: 0, overBudget: 1, usage: 2, internal: 70 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
