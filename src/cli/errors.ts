/** Bad usage or invalid input found at the CLI edge (flags, files, configs). Always exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * The output could not be written: a disk full, /dev/full, an I/O error (not a
 * closed pipe: `wrn-calc … | head` ends the output quietly). `code` is Node's
 * error code (ENOSPC, EIO, …).
 */
export class OutputError extends Error {
  override readonly name = 'OutputError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * The exit codes (docs/errors.md, "Exit codes"). 70 and 74 are sysexits.h's
 * EX_SOFTWARE and EX_IOERR, so that neither is taken for 1, "over budget".
 */
export const EXIT = { ok: 0, overBudget: 1, usage: 2, internal: 70, ioError: 74 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
