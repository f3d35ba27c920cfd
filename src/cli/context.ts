/** What a command needs from the outside world; tests pass their own. */
export interface CliContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Asked only when colour is in question: looking at process.stdout costs start-up time. */
  readonly stdoutIsTTY: () => boolean;
  /** Reads a file as UTF-8 text (config files for `check`). */
  readonly readFile: (path: string) => Promise<string>;
  /** Collected output: nothing is written until the command has finished. */
  stdout: string;
  stderr: string;
  exitCode: number;
}
