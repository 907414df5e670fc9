/**
 * The run of `mmucheck simulate`: the walks (on the check pool for a scenario, on this thread for a
 * model file), the outcome of the first walk that found something, its trace shortened where a
 * bounded search can, and the report in the formats and with the exit codes of `check`. A run that
 * finds nothing is incomplete (exit 3), never ok: random walks prove nothing.
 */
import { makeStats } from '../../checker/makeStats.js';
import type { Outcome } from '../../checker/Outcome.js';
import { AUTO_INLINE_MS } from '../pooledRuns.js';
import { CheckPool } from '../../checker/pool/CheckPool.js';
import { runWalks } from '../../checker/simulate/runWalks.js';
import { shortenViolation, type Shortening } from '../../checker/simulate/shortenViolation.js';
import { simulate, type SimulationProgress, type SimulationResult } from '../../checker/simulate/simulate.js';
import type { WalkPlan } from '../../checker/simulate/WalkBatch.js';
import { walkOutcome } from '../../checker/simulate/walkOutcome.js';
import type { Stats } from '../../checker/Stats.js';
import { overrideFlags, type ScenarioOverrides } from '../applyOverrides.js';
import { defaultMaxMemoryBytes, defaultWorkers } from '../defaults.js';
import { exitCodeOf } from '../exitCodes.js';
import { formatReport, type ReportFlags } from '../formats/formatReport.js';
import { writeReportFile } from '../formats/reportFile.js';
import { guardSearch } from '../guardSearch.js';
import type { Io } from '../Io.js';
import type { RunView } from '../report/RunView.js';
import type { RunSource } from '../run/RunSource.js';
import { simulationNote, type SimulationFacts } from './simulationNote.js';
import { simulationProgressLine } from './simulationProgress.js';
import { throttledProgress } from '../progress.js';

/** The walks a run makes without --walks (and without --timeout, which makes it walk until the time is up). */
export const DEFAULT_WALKS = 1000;
/** The most steps of a walk without --depth. */
export const DEFAULT_DEPTH = 200;
/** The seed without --seed. */
export const DEFAULT_SEED = 1;
/** The state bound of each shortening search without --shorten-states. */
export const DEFAULT_SHORTEN_STATES = 200_000;

/** The flags of `simulate`. */
export interface SimulateFlags extends ScenarioOverrides, ReportFlags {
  readonly walks?: number;
  readonly depth?: number;
  readonly seed?: number;
  readonly swarm?: boolean;
  readonly shortenStates?: number;
  readonly jobs?: number;
  /** Milliseconds. */
  readonly timeout?: number;
  /** Bytes. */
  readonly maxMemory?: number;
  readonly quiet?: boolean;
}

/** The command that runs the same walks again. */
function simulateCommand(arg: string, flags: SimulateFlags, plan: WalkPlan, walks: number | undefined): string {
  return [
    'mmucheck simulate',
    arg,
    ...overrideFlags(flags),
    `--seed ${plan.seed}`,
    ...(walks === undefined ? [] : [`--walks ${walks}`]),
    `--depth ${plan.maxDepth}`,
    ...(plan.mode === 'swarm' ? ['--swarm'] : []),
    ...(flags.timeout === undefined ? [] : [`--timeout ${flags.timeout}ms`]),
    ...(flags.shortenStates === undefined ? [] : [`--shorten-states ${flags.shortenStates}`]),
  ].join(' ');
}

/** The statistics of a simulation, in the fields every report has: states visited, distinct ones, the longest walk. */
function statsOf(p: SimulationProgress, deepest: number, storeBytes: number): Stats {
  return makeStats({
    generated: p.walks + p.steps,
    distinct: p.distinct,
    depth: deepest,
    queue: 0,
    elapsedMs: p.elapsedMs,
    storeBytes,
  });
}

/** The outcome of a finished simulation, before any shortening. */
function outcomeOf(source: RunSource, result: SimulationResult, stats: Stats): Outcome<unknown, unknown> {
  if (result.found !== undefined) return walkOutcome(source.model, result.found, stats);
  if (result.failure !== undefined) return { kind: 'modelError', message: result.failure, stats };
  return { kind: 'incomplete', reason: result.stopped ?? 'walks', stats };
}

/** Runs the simulation of `source` as `flags` ask, writes its report, and returns the exit code. */
export async function runSimulate(source: RunSource, arg: string, flags: SimulateFlags, io: Io): Promise<number> {
  const plan: WalkPlan = {
    seed: flags.seed ?? DEFAULT_SEED,
    maxDepth: flags.depth ?? DEFAULT_DEPTH,
    mode: flags.swarm === true ? 'swarm' : 'uniform',
  };
  // With --timeout alone the walks go on until the time is up.
  const walks = flags.walks ?? (flags.timeout === undefined ? DEFAULT_WALKS : undefined);
  const command = simulateCommand(arg, flags, plan, walks);
  const viewOf = (outcome: Outcome<unknown, unknown>, facts: SimulationFacts): RunView => ({
    ...source.view(outcome),
    command,
    simulation: simulationNote(facts),
  });
  let latest: SimulationFacts = { plan, planned: walks, walks: 0, steps: 0, distinct: 0, elapsedMs: 0, deepest: 0 };
  const guarded = guardSearch(
    io,
    {
      ...(flags.timeout === undefined ? {} : { timeoutMs: flags.timeout }),
      maxMemoryBytes: flags.maxMemory ?? defaultMaxMemoryBytes(),
    },
    flags.out,
    (reason, stats) => formatReport(viewOf({ kind: 'incomplete', reason, stats }, latest), flags, io),
  );
  const progress = throttledProgress(io, flags.quiet === true, simulationProgressLine, (p: SimulationProgress) => {
    latest = { ...latest, ...p };
    guarded.options.onProgress?.(statsOf(p, 0, 0));
  });
  const deadline = flags.timeout === undefined ? Infinity : Date.now() + flags.timeout;
  const maxMemory = flags.maxMemory ?? defaultMaxMemoryBytes();
  // The guard enforces the timeout and the memory bound from outside too; without one (in-process) this does.
  const shouldStop = () =>
    io.stopRequested?.() ??
    (Date.now() >= deadline
      ? ('timeout' as const)
      : process.memoryUsage.rss() >= maxMemory
        ? ('memory' as const)
        : undefined);
  const jobs = source.poolSource === undefined ? 1 : (flags.jobs ?? defaultWorkers());
  const pool =
    source.poolSource === undefined
      ? undefined
      : new CheckPool({ jobs, shouldStop, ...(flags.jobs === undefined ? { inlineFirstMs: AUTO_INLINE_MS } : {}) });
  let result: SimulationResult;
  try {
    result = await simulate({
      ...plan,
      ...(walks === undefined ? {} : { walks }),
      // Twice the jobs, so that a worker that ends a batch finds the next one waiting.
      parallel: jobs === 1 ? 1 : 2 * jobs,
      runBatch: (batch) =>
        pool !== undefined && source.poolSource !== undefined
          ? pool.walk({ kind: 'simulate', source: source.poolSource, batch })
          : Promise.resolve(runWalks(source.model, batch, shouldStop)),
      shouldStop,
      onProgress: (p) => progress.update(p),
    });
  } finally {
    await pool?.close();
    guarded.done();
    progress.done();
  }
  const stats = statsOf(result, result.deepest, result.storeBytes);
  let outcome = outcomeOf(source, result, stats);
  let shortening: Shortening | undefined;
  if (outcome.kind === 'violation') {
    const shortened = shortenViolation(source.model, outcome, {
      maxStates: flags.shortenStates ?? DEFAULT_SHORTEN_STATES,
      ...(io.stopRequested ? { shouldStop: io.stopRequested } : {}),
    });
    outcome = shortened.outcome;
    shortening = shortened.shortening;
  }
  const facts: SimulationFacts = {
    plan,
    ...result,
    ...(shortening === undefined ? {} : { shortening }),
  };
  const view = viewOf(await source.settle(outcome), facts);
  const report = formatReport(view, flags, io);
  if (flags.out === undefined) io.out(report);
  else writeReportFile(flags.out, report);
  return exitCodeOf(view.outcome.kind);
}
