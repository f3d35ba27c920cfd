/** The budget-file argument that means standard input (`wrn-calc check - < budgets.json`), as for cat and grep. */
export const STDIN_PATH = '-';

/** What a command needs from the outside world; tests pass their own. */
export interface CliContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Asked only when colour is in question: looking at process.stdout costs start-up time. */
  readonly stdoutIsTTY: () => boolean;
  /**
   * The width terminal output is fitted to: the terminal's columns when stdout is
   * a terminal, else undefined, and then nothing is fitted or wrapped (piped output
   * keeps whole lines). Asked only when a terminal table is printed.
   */
  readonly columns: () => number | undefined;
  /**
   * Reads a file as UTF-8 text (config files for `check`), or standard input when
   * the path is STDIN_PATH. A reader that can should reject a file of more than
   * `maxBytes` bytes without reading it all (read-file.ts); the caller checks the
   * length of what it gets as well.
   */
  readonly readFile: (path: string, maxBytes: number) => Promise<string>;
  /** Collected output: nothing is written until the command has finished. */
  stdout: string;
  /** Binary output (an ONNX graph), written instead of `stdout` when set. */
  stdoutBytes?: Uint8Array;
  stderr: string;
  exitCode: number;
}
