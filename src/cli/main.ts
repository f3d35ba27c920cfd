import { run } from './run.js';

/** The process edge: real argv, env and streams in; an exit code out. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  const result = await run(argv, {
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    // Loaded on first use: only `check` reads files, and fs/promises costs start-up time.
    readFile: async (path) => (await import('node:fs/promises')).readFile(path, 'utf8'),
  });
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  return result.exitCode;
}
