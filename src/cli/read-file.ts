import { open } from 'node:fs/promises';

/*
 * Reading a budget file without trusting its size. A file larger than the limit
 * is refused after its size is read, before its content is; and since a FIFO,
 * /dev/zero or a file still being written has no trustworthy size, at most
 * limit + 1 bytes are ever read: enough to know it is too large. Memory stays
 * bounded by the limit whatever the path names.
 */

/** The error `readTextFile` rejects with when a file has more than `maxBytes` bytes (config.ts names the limit). */
export class FileTooLargeError extends Error {
  override readonly name = 'FileTooLargeError';
  readonly code = 'EFBIG';
}

/** Standard input, held to the same limit: at most maxBytes + 1 bytes are read (`check - < /dev/zero` stops there). */
export async function readStandardInput(maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of process.stdin) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(bytes);
    length += bytes.length;
    // Leaving the loop destroys the stream: nothing more is read.
    if (length > maxBytes) throw new FileTooLargeError(`standard input has more than ${maxBytes} bytes`);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readTextFile(path: string, maxBytes: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const stat = await handle.stat();
    if (stat.isFile() && stat.size > maxBytes) throw new FileTooLargeError(`${path} has ${stat.size} bytes`);
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw new FileTooLargeError(`${path} has more than ${maxBytes} bytes`);
    return buffer.toString('utf8', 0, length);
  } finally {
    await handle.close();
  }
}
