/**
 * Distributed runs for the tests: a coordinator (`check … --cluster URL`) and worker processes of
 * the built binary against a test's own Redis, and the one-machine run to compare them with.
 */
import { runCli, startBinary, type CliResult, type RunningBinary } from '../../helpers/runCli.js';

/** The facts of a JSON report that must not depend on where the search ran. */
export interface RunFacts {
  readonly verdict: string;
  readonly distinct: number;
  readonly generated: number;
  readonly depth: number;
  readonly steps?: number;
  readonly violated?: readonly string[];
  readonly actions?: readonly string[];
}

/** The facts of a `--format json` report. */
export function factsOf(result: CliResult): RunFacts {
  let report: {
    verdict: string;
    stats: { distinct: number; generated: number; depth: number };
    violations?: { property: string }[];
    trace?: { thread?: string; fn?: string; code?: string }[];
  };
  try {
    report = JSON.parse(result.out);
  } catch {
    throw new Error(`not a JSON report (exit ${result.code}): ${result.out.slice(0, 300)} ${result.err.slice(-600)}`);
  }
  const steps = report.trace;
  return {
    verdict: report.verdict,
    distinct: report.stats.distinct,
    generated: report.stats.generated,
    depth: report.stats.depth,
    ...(steps ? { steps: steps.length, actions: steps.map((s) => JSON.stringify([s.thread, s.fn, s.code])) } : {}),
    ...(report.violations ? { violated: report.violations.map((v) => v.property) } : {}),
  };
}

/** The one-machine run of the same arguments. */
export async function oneMachine(args: readonly string[]): Promise<RunFacts> {
  return factsOf(await runCli(['check', ...args, '--format', 'json', '--quiet']));
}

/** Starts `n` workers of the store at `url`. */
export function startWorkers(url: string, n: number, extra: readonly string[] = []): RunningBinary[] {
  return Array.from({ length: n }, (_v, i) => startBinary(['worker', url, '--id', `test-${i}`, ...extra]));
}

/** Stops workers (SIGTERM) and waits for them. */
export async function stopWorkers(workers: readonly RunningBinary[]): Promise<void> {
  for (const w of workers) w.signal('SIGTERM');
  await Promise.all(workers.map((w) => w.ended));
}

/** Starts a coordinator of `args` on the store at `url`. */
export function startCoordinator(url: string, args: readonly string[], extra: readonly string[] = []): RunningBinary {
  return startBinary(['check', ...args, '--cluster', url, '--format', 'json', ...extra]);
}

/** Resolves once `predicate` holds (polled), or fails after `ms`. */
export async function until(predicate: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
