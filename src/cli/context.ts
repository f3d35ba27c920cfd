/** What a command needs from the outside world; tests pass their own. */
export interface CliContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Asked only when colour is in question: looking at process.stdout costs start-up time. */
  readonly stdoutIsTTY: () => boolean;
  /**
   * Reads a file as UTF-8 text (config files for `check`). A reader that can should
   * reject a file of more than `maxBytes` bytes without reading it all (read-file.ts);
   * the caller checks the length of what it gets as well.
   */
  readonly readFile: (path: string, maxBytes: number) => Promise<string>;
  /** Collected output: nothing is written until the command has finished. */
  stdout: string;
  stderr: string;
  exitCode: number;
}
