/**
 * `mmucheck explore [scenario | model file]`: serves the teaching explorer (cli/explore/) until the
 * user stops it. SIGINT and SIGTERM reach the program thread as the guard's stop word, which this
 * command polls: it then closes the server and exits 0, since stopping a server is how it ends.
 */
import { isIP } from 'node:net';
import type { Command } from 'commander';
import { InputError } from '../../model/InputError.js';
import { EXIT } from '../exitCodes.js';
import { type ExploreServer, isLoopback, startExploreServer } from '../explore/exploreServer.js';
import { loadExploreTarget } from '../explore/exploreTarget.js';
import type { Io } from '../Io.js';
import { intOption } from '../parseOptions.js';
import { addScenarioOptions } from '../searchOptions.js';
import type { ScenarioOverrides } from '../applyOverrides.js';

/** How often the command looks for a stop request. */
const STOP_POLL_MS = 100;

interface ExploreFlags extends ScenarioOverrides {
  readonly port: number;
  readonly host: string;
}

/** Resolves once `io` says the run must stop (never, where nothing can ask: in-process without a guard). */
function stopRequested(io: Io): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (io.stopRequested?.() !== undefined ? resolve() : void setTimeout(poll, STOP_POLL_MS));
    poll();
  });
}

/** Adds the `explore` command; `setExit` receives the exit code. */
export function addExploreCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  const command = program
    .command('explore')
    .description('serve a page to step through the interleavings by hand (until Ctrl-C)')
    .argument(
      '[scenario]',
      'a bundled scenario name, a path to a scenario file, or a model file (.ts, .mts, .js, .mjs)',
      'seed',
    )
    .option('--port <n>', 'the port to serve on (default: a free one)', intOption(0, 65535), 0)
    .option('--host <address>', 'the address to serve on; anything but loopback lets other machines in', '127.0.0.1');
  addScenarioOptions(command).action(async (arg: string, flags: ExploreFlags) => {
    if (isIP(flags.host) === 0 && flags.host !== 'localhost')
      throw new InputError('must be an IP address (or localhost)', undefined, '--host');
    const { port: _port, host: _host, ...overrides } = flags;
    const target = await loadExploreTarget(arg, io.loadingModelFile, overrides);
    let server: ExploreServer;
    try {
      server = await startExploreServer(target, { host: flags.host, port: flags.port });
    } catch (e) {
      throw new InputError(`cannot serve on ${flags.host}:${flags.port}: ${(e as Error).message}`, undefined, '--port');
    }
    if (!isLoopback(flags.host))
      io.err(
        `mmucheck explore: warning: serving on ${flags.host}, not loopback: anyone who can reach this address can use the explorer (and make it search)\n`,
      );
    io.out(`mmucheck explore: ${target.name} at ${server.url}\n(stop with Ctrl-C)\n`);
    await stopRequested(io);
    await server.close();
    io.err('mmucheck explore: stopped\n');
    setExit(EXIT.ok);
  });
}
