import { createRequire } from 'node:module';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { addOptions, parseOptions } from '../options.js';
import { SUBCOMMAND_DESCRIPTIONS } from './descriptions.js';

const require = createRequire(import.meta.url);

const MAX_PORT = 65_535;

/**
 * Where the built page is: beside the CLI bundle (dist/web/ next to dist/cli.cjs), or,
 * running from the sources, the repository's dist/web/.
 */
function pageDirectory(): URL {
  const { existsSync } = require('node:fs') as typeof import('node:fs');
  const candidates = [new URL('./web/', import.meta.url), new URL('../../../dist/web/', import.meta.url)];
  const found = candidates.find((directory) => existsSync(new URL('index.html', directory)));
  if (found === undefined) throw new Error('the page is not built (dist/web/index.html is missing); run npm run build');
  return found;
}

/** A port that cannot be had, in one sentence naming it. */
function portError(error: unknown, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE')
    return new UsageError(`--port ${port}: 127.0.0.1:${port} is in use; give another port, or --port 0 for any free one.`);
  if (code === 'EACCES')
    return new UsageError(`--port ${port}: this user may not listen on port ${port}; use a port above 1023, or --port 0 for any free one.`);
  return error;
}

/**
 * `wrn-calc serve`: the page on 127.0.0.1. The command returns once the server listens,
 * having said where; the open server keeps the process running until it is stopped.
 */
export function configureServe(program: Command, ctx: CliContext): Command {
  const command = program.command('serve').description(SUBCOMMAND_DESCRIPTIONS.serve);
  return addOptions(command, 'serve').action(async (raw: Record<string, unknown>) => {
    const { port } = parseOptions('serve', raw);
    if (port > MAX_PORT) throw new UsageError(`--port must be a port number from 0 to ${MAX_PORT}, got ${port}.`);
    const directory = pageDirectory();
    const { servePage } = await import('../serve/server.js');
    const server = await servePage(directory, port).catch((error: unknown) => {
      throw portError(error, port);
    });
    ctx.stdout = `wrn-calc: the page is at ${server.url} (only this computer can reach it; Ctrl-C stops the server)\n`;
  });
}
