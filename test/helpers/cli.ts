import { readFile } from 'node:fs/promises';
import { run } from '../../src/cli/run.js';
import type { RunResult } from '../../src/cli/run.js';

export interface RunOptions {
  readonly env?: Record<string, string | undefined>;
  readonly tty?: boolean;
  /** The terminal's width: stdout is then a terminal of that many columns (colour stays off unless `tty` is set). */
  readonly columns?: number;
  readonly files?: Record<string, string>;
}

/** The CLI in process: argv → stdout, stderr, exit code. Colour is off unless a test asks for a TTY. */
export function runCli(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return run(argv, {
    env: options.env ?? {},
    stdoutIsTTY: () => options.tty ?? false,
    columns: () => options.columns,
    readFile: async (path) => {
      const inline = options.files?.[path];
      return inline ?? readFile(path, 'utf8');
    },
  });
}

export async function runJson(argv: readonly string[]): Promise<unknown> {
  const result = await runCli(argv);
  if (result.exitCode !== 0) throw new Error(`exit ${result.exitCode}: ${result.stderr}`);
  return JSON.parse(result.stdout) as unknown;
}
