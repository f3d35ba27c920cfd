import { createRequire } from 'node:module';
import { STDIN_PATH } from './context.js';
import { run } from './run.js';
import { writeOutput } from './write-output.js';

// node:fs through require, not `import`: an ESM import of a built-in copies all its
// exports, which runs fs's lazy getters and loads Node's whole stream stack (~5 ms).
const require = createRequire(import.meta.url);
const { fstatSync } = require('node:fs') as typeof import('node:fs');

/** A TTY is a character device: pipes and files (the scripted case) are ruled out without loading node:tty. */
function stdoutIsTTY(): boolean {
  return fstatSync(1).isCharacterDevice() && (require('node:tty') as typeof import('node:tty')).isatty(1);
}

/** Narrower than this, output is laid out for this many columns and the terminal wraps the rest. */
const MIN_COLUMNS = 20;

/**
 * The width of the terminal stdout is, by the convention of Python's
 * shutil.get_terminal_size: COLUMNS when it is a positive whole number (so a user
 * or a test can set it), else the width the terminal reports, else 80. Undefined
 * when stdout is not a terminal: piped output is never fitted.
 */
function terminalColumns(env: NodeJS.ProcessEnv): number | undefined {
  if (!stdoutIsTTY()) return undefined;
  const fromEnv = /^[1-9][0-9]{0,5}$/.test(env.COLUMNS ?? '') ? Number(env.COLUMNS) : undefined;
  const reported = process.stdout.columns > 0 ? process.stdout.columns : undefined;
  return Math.max(MIN_COLUMNS, fromEnv ?? reported ?? 80);
}

export { run };

/** The process edge: real argv, env and streams in; an exit code out. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  const result = await run(argv, {
    env: process.env,
    stdoutIsTTY,
    columns: () => terminalColumns(process.env),
    // Loaded on first use: only `check` reads files, and fs/promises costs start-up time.
    readFile: async (path, maxBytes) => {
      const { readStandardInput, readTextFile } = await import('./read-file.js');
      return path === STDIN_PATH ? readStandardInput(maxBytes) : readTextFile(path, maxBytes);
    },
  });
  return writeOutput(result);
}
