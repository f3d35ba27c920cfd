import { writeSync } from 'node:fs';
import { run } from './run.js';

/**
 * Writes with writeSync on the file descriptor rather than process.stdout: the
 * stream getter builds a stream object and loads Node's stream modules, a few
 * milliseconds of every run. A non-blocking pipe that is full (EAGAIN) hands the
 * rest to the stream, which Node flushes before exit; a closed pipe (EPIPE,
 * `wrn-calc ... | head`) ends the output quietly.
 */
function writeAll(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;
      if (code !== 'EAGAIN') throw error;
      (fd === 1 ? process.stdout : process.stderr).write(bytes.subarray(offset));
      return;
    }
  }
}

/** The process edge: real argv, env and streams in; an exit code out. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  const result = await run(argv, {
    env: process.env,
    stdoutIsTTY: () => process.stdout.isTTY === true,
    // Loaded on first use: only `check` reads files, and fs/promises costs start-up time.
    readFile: async (path) => (await import('node:fs/promises')).readFile(path, 'utf8'),
  });
  if (result.stdout) writeAll(1, result.stdout);
  if (result.stderr) writeAll(2, result.stderr);
  return result.exitCode;
}
