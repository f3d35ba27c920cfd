import { describe, expect, it } from 'vitest';
import type { WriteSync } from '../../src/cli/write-output.js';
import { writeOutput } from '../../src/cli/write-output.js';

/** A write that fails on stdout with `code` (after `accept` bytes) and records what reaches stderr. */
function failingWrite(code: string, accept = 0): { write: WriteSync; stderr: () => string } {
  let written = 0;
  const errors: Buffer[] = [];
  const write: WriteSync = (fd, buffer, offset) => {
    if (fd === 2) {
      errors.push(Buffer.from(buffer.subarray(offset)));
      return buffer.length - offset;
    }
    if (written < accept) {
      const n = Math.min(accept - written, buffer.length - offset);
      written += n;
      return n;
    }
    throw Object.assign(new Error(`${code}: ${code === 'ENOSPC' ? 'no space left on device' : 'i/o error'}, write`), { code });
  };
  return { write, stderr: () => Buffer.concat(errors).toString('utf8') };
}

const RESULT = { stdout: 'x'.repeat(100_000), stderr: '', exitCode: 0 };

describe('writing the output', () => {
  it.each([
    ['ENOSPC', 'no space left on device'],
    ['EIO', 'i/o error'],
  ])('a stdout that fails with %s: one line on stderr, exit 74', (code, reason) => {
    const { write, stderr } = failingWrite(code, 4096);
    expect(writeOutput(RESULT, write)).toBe(74);
    expect(stderr()).toBe(`wrn-calc: cannot write to standard output: ${reason} (${code}).\n`);
  });

  it("replaces the run's own exit code, over budget included, and drops its stderr", () => {
    const { write, stderr } = failingWrite('ENOSPC');
    expect(writeOutput({ stdout: 'report\n', stderr: '::error ::over\n', exitCode: 1 }, write)).toBe(74);
    expect(stderr()).toBe('wrn-calc: cannot write to standard output: no space left on device (ENOSPC).\n');
  });

  it("a closed pipe (EPIPE, `| head`) ends the output quietly with the run's exit code", () => {
    const { write, stderr } = failingWrite('EPIPE', 10);
    expect(writeOutput({ ...RESULT, exitCode: 1 }, write)).toBe(1);
    expect(stderr()).toBe('');
  });

  it('a stderr that cannot be written changes nothing', () => {
    const write: WriteSync = (fd, buffer, offset) => {
      if (fd === 2) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return buffer.length - offset;
    };
    expect(writeOutput({ stdout: 'ok\n', stderr: 'note\n', exitCode: 2 }, write)).toBe(2);
  });
});

describe('writing binary output (export --format onnx)', () => {
  it('writes the bytes as they are, in pieces if the descriptor takes them so, instead of the text', () => {
    const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 37) % 256);
    const out: Buffer[] = [];
    const write: WriteSync = (fd, buffer, offset) => {
      if (fd !== 1) return buffer.length - offset;
      const n = Math.min(3000, buffer.length - offset);
      out.push(Buffer.from(buffer.subarray(offset, offset + n)));
      return n;
    };
    expect(writeOutput({ stdout: '', stdoutBytes: bytes, stderr: '', exitCode: 0 }, write)).toBe(0);
    expect(Buffer.concat(out).equals(Buffer.from(bytes))).toBe(true);
  });

  it('reports a full disk as for text: exit 74', () => {
    const { write, stderr } = failingWrite('ENOSPC');
    expect(writeOutput({ stdout: '', stdoutBytes: new Uint8Array(10), stderr: '', exitCode: 0 }, write)).toBe(74);
    expect(stderr()).toBe('wrn-calc: cannot write to standard output: no space left on device (ENOSPC).\n');
  });
});
