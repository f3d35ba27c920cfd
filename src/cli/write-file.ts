import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';

// node:fs through require, as in the CLI: an ESM import of a built-in copies all its exports.
const require = createRequire(import.meta.url);
const fs = require('node:fs') as typeof import('node:fs');

/*
 * Files written whole or not at all (charts, exported code): each goes to a temporary
 * file beside its target, and only when every one is written are they renamed over
 * their targets (a rename within a folder is atomic). An interrupted or failed run
 * leaves no half-written file at the path asked for.
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

/**
 * Where the bytes of `path` go: a symbolic link is written through to the file it points
 * to (a dangling one creates that file), as editors do; renaming over the link itself
 * would replace it with a file and leave its target as it was.
 */
function targetOf(path: string): string {
  if (fs.lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() !== true) return path;
  try {
    return fs.realpathSync(path);
  } catch {
    return resolve(dirname(resolve(path)), fs.readlinkSync(path));
  }
}

/**
 * Writes every file or none; the first failure, or undefined when all were written. A
 * path that is a device or a pipe (/dev/null, /dev/stdout, /dev/full) is written as it
 * is, after the files are ready and before they are renamed: there is no file there to
 * replace, and a rename would put a file in the device's place.
 */
export function writeFilesAtomically(files: readonly FileToWrite[]): WriteFailure | undefined {
  const written: { temporary: string; path: string; asked: string }[] = [];
  const direct: FileToWrite[] = [];
  const abandon = (from: number) => written.slice(from).forEach(({ temporary }) => removeQuietly(temporary));
  for (const file of files) {
    let temporary = '';
    try {
      const target = targetOf(file.path);
      temporary = temporaryPath(target);
      const existing = fs.statSync(target, { throwIfNoEntry: false });
      if (existing?.isDirectory() === true) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      if (existing !== undefined && !existing.isFile()) {
        direct.push(file);
        continue;
      }
      fs.writeFileSync(temporary, file.data, { flag: 'wx' });
      written.push({ temporary, path: target, asked: file.path });
    } catch (error) {
      if (temporary !== '') removeQuietly(temporary);
      abandon(0);
      return failure(file.path, error);
    }
  }
  for (const file of direct) {
    try {
      fs.writeFileSync(file.path, file.data);
    } catch (error) {
      abandon(0);
      return failure(file.path, error);
    }
  }
  for (const [index, { temporary, path, asked }] of written.entries()) {
    try {
      fs.renameSync(temporary, path);
    } catch (error) {
      abandon(index);
      return failure(asked, error);
    }
  }
  return undefined;
}
