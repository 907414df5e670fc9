/**
 * What the commands made of many independent checks share (`history`, `necessity`): the options
 * that bound each run and say how many run at once, the flags that re-create the bounds in a
 * re-run command, and the pool the runs go to.
 */
import type { Command } from 'commander';
import { MAX_STATES_LIMIT } from '../checker/resolveOptions.js';
import { CheckPool } from '../checker/pool/CheckPool.js';
import type { CheckJobOptions } from '../checker/pool/CheckJob.js';
import { defaultWorkers, requireThreadsWithinMax } from './defaults.js';
import { choiceOption, durationOption, intOption } from './parseOptions.js';
import type { Io } from './Io.js';

/** Without `--jobs`, how long the checks run on the command's own thread before workers start. */
export const AUTO_INLINE_MS = 1000;

/** The flags of the pooled options. */
export interface PooledFlags {
  readonly maxStates?: number;
  readonly timeout?: number;
  readonly jobs?: number;
  readonly format: 'text' | 'json' | 'markdown';
  readonly quiet?: boolean;
  readonly color: boolean;
}

/** Adds --max-states, --timeout, --jobs (of `what`), --format, --quiet and --no-color. */
export function addPooledOptions(command: Command, what: string): Command {
  return command
    .option(
      '--max-states <n>',
      'bound of each run: stop (incomplete) after this many distinct states',
      intOption(1, MAX_STATES_LIMIT),
    )
    .option('--timeout <duration>', 'bound of each run: stop (incomplete) after this long', durationOption)
    .option(
      '--jobs <n>',
      `${what} checked at once, each on one thread (default: one per CPU); the table is the same for any number`,
      intOption(1, 256),
    )
    .option('--format <format>', 'text, json or markdown', choiceOption(['text', 'json', 'markdown'] as const), 'text')
    .option('--quiet', 'no progress on stderr')
    .option('--no-color', 'no colour (the table has none; accepted like every other command)');
}

/** Each run's bounds, and the flags that re-create them in a re-run command. */
export function pooledBounds(flags: PooledFlags): { readonly bounds: CheckJobOptions; readonly flags: string[] } {
  return {
    bounds: {
      ...(flags.maxStates === undefined ? {} : { maxStates: flags.maxStates }),
      ...(flags.timeout === undefined ? {} : { timeoutMs: flags.timeout }),
    },
    flags: [
      ...(flags.maxStates === undefined ? [] : [`--max-states ${flags.maxStates}`]),
      ...(flags.timeout === undefined ? [] : [`--timeout ${flags.timeout}ms`]),
    ],
  };
}

/** The pool of `--jobs` places, stopped by the process's signals. */
export function openPool(io: Io, flags: PooledFlags): CheckPool {
  requireThreadsWithinMax('--jobs', flags.jobs, 'the table is the same for any number of jobs');
  return new CheckPool({
    jobs: flags.jobs ?? defaultWorkers(),
    // Without --jobs, a table of small checks stays on this thread (see CheckPool's inlineFirstMs).
    ...(flags.jobs === undefined ? { inlineFirstMs: AUTO_INLINE_MS } : {}),
    ...(io.stopRequested ? { shouldStop: io.stopRequested } : {}),
  });
}
