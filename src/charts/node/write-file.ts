import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';

// node:fs through require, as in the CLI: an ESM import of a built-in copies all its exports.
const require = createRequire(import.meta.url);
const fs = require('node:fs') as typeof import('node:fs');

/*
 * Files written whole or not at all: each goes to a temporary file beside its
 * target, and only when every one is written are they renamed over their targets
 * (a rename within a folder is atomic). An interrupted or failed run leaves no
 * half-written chart at the path asked for.
 */

export interface FileToWrite {
  readonly path: string;
  readonly data: string | Uint8Array;
}

export interface WriteFailure {
  readonly path: string;
  /** Node's code: ENOENT, EACCES, EISDIR, ENOSPC, … */
  readonly code: string | undefined;
  /** What went wrong, in words: `the folder 'out' does not exist`. */
  readonly reason: string;
}

function reasonFor(path: string, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return fs.existsSync(dirname(resolve(path)))
        ? `no file can be made in ${dirname(path)}`
        : `the folder ${dirname(path)} does not exist`;
    case 'ENOTDIR':
      return 'a part of its folder path is a file, not a folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return /^[A-Z]+: ([^,]*)/.exec(error.message)?.[1] ?? error.message;
  }
}

let counter = 0;

function temporaryPath(path: string): string {
  counter += 1;
  return join(dirname(resolve(path)), `.${basename(path)}.${process.pid}-${counter}.tmp`);
}

function removeQuietly(path: string): void {
  try {
    fs.unlinkSync(path);
  } catch {
    // Already gone, or never made.
  }
}

function failure(path: string, error: unknown): WriteFailure {
  const cause = error as NodeJS.ErrnoException;
  return { path, code: cause.code, reason: reasonFor(path, cause) };
}

/** Writes every file or none; the first failure, or undefined when all were written. */
export function writeFilesAtomically(files: readonly FileToWrite[]): WriteFailure | undefined {
  const written: { temporary: string; path: string }[] = [];
  const abandon = (from: number) => written.slice(from).forEach(({ temporary }) => removeQuietly(temporary));
  for (const file of files) {
    const temporary = temporaryPath(file.path);
    try {
      if (fs.statSync(file.path, { throwIfNoEntry: false })?.isDirectory() === true) {
        throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      }
      fs.writeFileSync(temporary, file.data, { flag: 'wx' });
    } catch (error) {
      removeQuietly(temporary);
      abandon(0);
      return failure(file.path, error);
    }
    written.push({ temporary, path: file.path });
  }
  for (const [index, { temporary, path }] of written.entries()) {
    try {
      fs.renameSync(temporary, path);
    } catch (error) {
      abandon(index);
      return failure(path, error);
    }
  }
  return undefined;
}
