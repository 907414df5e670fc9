/**
 * The options every checking command shares, defined once: the scenario overrides, the search
 * bounds, and how they become checker options and the flags of a reproduce line.
 */
import { Option, type Command } from 'commander';
import { KERNEL_VERSIONS, SRCU_IMPLEMENTATIONS } from '../model/kernel/Scenario.js';
import { LIMITS } from '../model/kernel/parseScenario.js';
import { MAX_STATES_LIMIT } from '../checker/resolveOptions.js';
import type { CheckOptions } from '../checker/CheckOptions.js';
import { FAIRNESS_KINDS, type FairnessKind } from '../model/Fairness.js';
import { choiceOption, collect, durationOption, intOption, sizeOption } from './parseOptions.js';
import { defaultMaxMemoryBytes } from './defaults.js';
import type { Progress } from './progress.js';
import type { Io } from './Io.js';

/** The search bounds as parsed from the command line. */
export interface BoundFlags {
  readonly maxStates?: number;
  readonly maxDepth?: number;
  /** Milliseconds. */
  readonly timeout?: number;
  /** Bytes. */
  readonly maxMemory?: number;
  readonly exact?: boolean;
  /** False with --no-symmetry: every state stored, not one per orbit of interchangeable threads. */
  readonly symmetry?: boolean;
  /** The fairness of every thread for liveness properties, instead of the model's own. */
  readonly fairness?: FairnessKind;
}

/** Adds --kernel, --srcu, --readers, --reclaimers, --property, --mutant and --no-liveness. */
export function addScenarioOptions(command: Command): Command {
  return command
    .addOption(new Option('--kernel <version>', 'kernel version of every versioned function').choices(KERNEL_VERSIONS))
    .addOption(new Option('--srcu <impl>', 'SRCU implementation').choices(SRCU_IMPLEMENTATIONS))
    .option('--readers <n>', 'number of invalidate readers', intOption(0, LIMITS.threadsPerGroup))
    .option('--reclaimers <n>', 'number of page reclaimers', intOption(0, LIMITS.threadsPerGroup))
    .option('--property <id>', 'check only this property (repeatable)', collect)
    .option('--mutant <id>', 'check the model with one statement deleted or moved, as `necessity` prints it')
    .option(
      '--no-liveness',
      'leave the liveness properties out: safety only, which the search can spread over every worker',
    );
}

/** Adds --max-states, --max-depth, --timeout, --max-memory, --no-symmetry and --fairness. */
export function addBoundOptions(command: Command): Command {
  return command
    .option('--max-states <n>', 'stop (incomplete) after this many distinct states', intOption(1, MAX_STATES_LIMIT))
    .option(
      '--max-depth <n>',
      'do not expand states deeper than this (incomplete if any were left)',
      intOption(0, 1_000_000),
    )
    .option('--timeout <duration>', 'stop (incomplete) after this long: 30s, 5m, 500ms', durationOption)
    .option(
      '--max-memory <size>',
      'stop (incomplete) when the process uses this much memory: 512M, 8G (default: 3/4 of RAM)',
      sizeOption,
    )
    .option('--no-symmetry', 'store every state, not one per orbit of interchangeable threads (to compare)')
    .option(
      '--fairness <kind>',
      `liveness: the fairness of every thread instead of the model's own: ${FAIRNESS_KINDS.join(', ')}`,
      choiceOption(FAIRNESS_KINDS),
    );
}

/** The checker options of the bounds, with progress and the interrupt wired to `io`. */
export function searchOptions(flags: BoundFlags, io: Io, progress: Progress): Partial<CheckOptions> {
  return {
    ...(flags.maxStates === undefined ? {} : { maxStates: flags.maxStates }),
    ...(flags.maxDepth === undefined ? {} : { maxDepth: flags.maxDepth }),
    ...(flags.timeout === undefined ? {} : { timeoutMs: flags.timeout }),
    maxMemoryBytes: flags.maxMemory ?? defaultMaxMemoryBytes(),
    ...(flags.exact === true ? { exact: true } : {}),
    ...(flags.symmetry === false ? { symmetry: false } : {}),
    ...(flags.fairness === undefined ? {} : { fairness: flags.fairness }),
    onProgress: (s) => progress.update(s),
    ...(io.stopRequested ? { shouldStop: io.stopRequested } : {}),
  };
}

/** The bound flags that change a run's result, for its reproduce line (the memory bound only ends it sooner). */
export function boundFlags(flags: BoundFlags): string[] {
  return [
    ...(flags.maxStates === undefined ? [] : [`--max-states ${flags.maxStates}`]),
    ...(flags.maxDepth === undefined ? [] : [`--max-depth ${flags.maxDepth}`]),
    ...(flags.timeout === undefined ? [] : [`--timeout ${flags.timeout}ms`]),
    ...(flags.exact === true ? ['--exact'] : []),
    ...(flags.symmetry === false ? ['--no-symmetry'] : []),
    ...(flags.fairness === undefined ? [] : [`--fairness ${flags.fairness}`]),
  ];
}
