import { createRequire } from 'node:module';
import { OutputError } from './errors.js';
import type { RunResult } from './run.js';
import { errorMessage, exitCodeFor } from './run.js';

// node:fs through require, not `import`: an ESM import of a built-in copies all its
// exports, which runs fs's lazy getters and loads Node's whole stream stack (~5 ms).
const require = createRequire(import.meta.url);
const { writeSync } = require('node:fs') as typeof import('node:fs');

export type WriteSync = (fd: number, buffer: Uint8Array, offset: number) => number;

/** What a failed write says: Node's own words for the code (`ENOSPC: no space left on device, write`). */
function describeWriteError(error: NodeJS.ErrnoException): string {
  const reason = /^[A-Z]+: ([^,]*)/.exec(error.message)?.[1] ?? error.message;
  return `cannot write to standard output: ${reason.replace(/\s+/g, ' ')}${error.code === undefined ? '' : ` (${error.code})`}.`;
}

/**
 * Writes with writeSync on the file descriptor rather than process.stdout: the
 * stream getter builds a stream object and loads Node's stream modules, a few
 * milliseconds of every run. A non-blocking pipe that is full (EAGAIN) hands the
 * rest to the stream, which Node flushes before exit; a closed pipe (EPIPE,
 * `wrn-calc ... | head`) ends the output quietly. Any other failure is an OutputError.
 */
function writeAll(write: WriteSync, fd: 1 | 2, text: string | Uint8Array): void {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += write(fd, bytes, offset);
    } catch (error) {
      const failure = error as NodeJS.ErrnoException;
      if (failure.code === 'EPIPE') return;
      if (failure.code !== 'EAGAIN') throw new OutputError(describeWriteError(failure), failure.code);
      const stream = fd === 1 ? process.stdout : process.stderr;
      // The stream's own failure (a disk that fills while it drains) is reported as the sync one is.
      stream.once('error', (late: NodeJS.ErrnoException) => {
        if (late.code === 'EPIPE') return;
        const lateFailure = new OutputError(describeWriteError(late), late.code);
        quietly(write, 2, errorMessage(lateFailure));
        process.exitCode = exitCodeFor(lateFailure);
      });
      stream.write(bytes.subarray(offset));
      return;
    }
  }
}

function quietly(write: WriteSync, fd: 2, text: string): void {
  try {
    writeAll(write, fd, text);
  } catch {
    // stderr itself cannot be written: there is nowhere left to say so.
  }
}

/**
 * A run's output onto the process's stdout and stderr; the exit code to end with.
 * When stdout cannot be written, one line on stderr says why and the code is
 * exitCodeFor's for an OutputError (74) rather than the run's; stderr failing
 * changes nothing (there is nowhere to report it).
 */
export function writeOutput(result: RunResult, write: WriteSync = writeSync): number {
  try {
    if (result.stdoutBytes !== undefined) writeAll(write, 1, result.stdoutBytes);
    else if (result.stdout) writeAll(write, 1, result.stdout);
  } catch (error) {
    quietly(write, 2, errorMessage(error));
    return exitCodeFor(error);
  }
  if (result.stderr) quietly(write, 2, result.stderr);
  return result.exitCode;
}
