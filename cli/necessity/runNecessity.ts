/**
 * Why each line is needed: the scenario checked as written, then once per mutant (a statement of a
 * versioned kernel function or of a driver's hook deleted, or a release moved; see
 * model/kernel/mutation/mutants.ts), each a job of the check pool. The rows come back in mutant
 * order whatever order the jobs end in, so the table does not depend on how many ran at once.
 */
import type { CheckJobOptions } from '../../checker/pool/CheckJob.js';
import type { CheckPool } from '../../checker/pool/CheckPool.js';
import type { CheckSummary } from '../../checker/pool/CheckSummary.js';
import type { IncompleteReason } from '../../checker/Outcome.js';
import { kernelModelSource } from '../../properties/kernelModelSource.js';
import type { Scenario } from '../../model/kernel/Scenario.js';
import { makeKernelEnv } from '../../model/kernel/KernelEnv.js';
import { layoutThreads } from '../../model/kernel/layoutThreads.js';
import { unmutatedProcedures } from '../../model/kernel/kernelProgram.js';
import { mutantsOf, type Mutant } from '../../model/kernel/mutation/mutants.js';
import { InputError } from '../../model/InputError.js';

/** What a run (the scenario as written, or a mutant) ended with. */
export type RunVerdict =
  | { readonly kind: 'holds' }
  | { readonly kind: 'violated'; readonly property: string; readonly length: number; readonly message: string }
  | { readonly kind: 'incomplete'; readonly reason: IncompleteReason }
  | { readonly kind: 'model-error'; readonly message: string };

/** What a mutant's row says, against the scenario as written. */
export type NecessityResult =
  /** The mutant violates a property the scenario as written does not (or the same one sooner). */
  | { readonly kind: 'breaks'; readonly property: string; readonly length: number; readonly message: string }
  /** The mutant ends as the scenario does: this scenario does not need the statement where it was. */
  | { readonly kind: 'not-needed' }
  /** The scenario as written violates a property; without the statement every property holds. */
  | { readonly kind: 'fixes' }
  | { readonly kind: 'incomplete'; readonly reason: IncompleteReason }
  | { readonly kind: 'model-error'; readonly message: string };

export interface NecessityRow extends Mutant {
  readonly result: NecessityResult;
  /** The `check` command that runs this mutant. */
  readonly command: string;
  readonly states: number;
}

export interface Necessity {
  readonly scenario: Scenario;
  /** The scenario as written. */
  readonly baseline: RunVerdict;
  readonly baselineStates: number;
  readonly rows: readonly NecessityRow[];
  readonly elapsedMs: number;
}

export interface NecessityOptions {
  /** How the scenario was named on the command line, and the flags that re-create its overrides. */
  readonly scenarioArg: string;
  readonly flags: readonly string[];
  /** Only the statements of this C function. */
  readonly only?: string;
  readonly pool: Pick<CheckPool, 'run'>;
  readonly bounds?: CheckJobOptions;
  readonly onProgress?: (done: number, total: number) => void;
}

function verdictOf(s: CheckSummary): RunVerdict {
  switch (s.kind) {
    case 'ok':
      return { kind: 'holds' };
    case 'violation': {
      const v = s.violations[0]!;
      return { kind: 'violated', property: v.propertyId, length: s.length, message: v.message };
    }
    case 'incomplete':
      return { kind: 'incomplete', reason: s.reason };
    case 'modelError':
      return { kind: 'model-error', message: s.message };
  }
}

/** A mutant's result against the scenario as written. */
function against(baseline: RunVerdict, mutant: RunVerdict): NecessityResult {
  if (mutant.kind === 'incomplete' || mutant.kind === 'model-error') return mutant;
  if (mutant.kind === 'holds') return baseline.kind === 'violated' ? { kind: 'fixes' } : { kind: 'not-needed' };
  const same =
    baseline.kind === 'violated' && baseline.property === mutant.property && baseline.length <= mutant.length;
  return same
    ? { kind: 'not-needed' }
    : { kind: 'breaks', property: mutant.property, length: mutant.length, message: mutant.message };
}

/** The mutants of `scenario` (restricted to `only`); refuses a function that has no statement to mutate. */
export function scenarioMutants(scenario: Scenario, only?: string): Mutant[] {
  const env = makeKernelEnv(scenario, layoutThreads(scenario));
  const mutants = mutantsOf(env, unmutatedProcedures(env), only);
  if (mutants.length === 0 && only !== undefined) {
    const known = [...new Set(mutantsOf(env, unmutatedProcedures(env)).map((m) => m.fn))];
    throw new InputError(
      `no statement of ${only} is mutated in this scenario; the functions are ${known.join(', ')}`,
      undefined,
      '--function',
    );
  }
  return mutants;
}

/** Checks `scenario` as written and every mutant of it on the pool. */
export async function runNecessity(scenario: Scenario, options: NecessityOptions): Promise<Necessity> {
  const start = Date.now();
  const mutants = scenarioMutants(scenario, options.only);
  const run = (s: Scenario) => options.pool.run({ source: kernelModelSource(s), options: options.bounds ?? {} });
  let done = 0;
  const tick = <T>(x: T): T => {
    done++;
    options.onProgress?.(done, mutants.length + 1);
    return x;
  };
  const { mutant: _written, ...asWritten } = scenario;
  const baselineRun = run(asWritten).then(tick);
  const mutantRuns = mutants.map((m) => run({ ...asWritten, mutant: m.id }).then(tick));
  const baselineSummary = await baselineRun;
  const baseline = verdictOf(baselineSummary);
  const summaries = await Promise.all(mutantRuns);
  const rows = mutants.map((m, i) => ({
    ...m,
    result: against(baseline, verdictOf(summaries[i]!)),
    command: ['mmucheck check', options.scenarioArg, ...options.flags, `--mutant '${m.id}'`].join(' '),
    states: summaries[i]!.stats.distinct,
  }));
  return {
    scenario: asWritten,
    baseline,
    baselineStates: baselineSummary.stats.distinct,
    rows,
    elapsedMs: Date.now() - start,
  };
}
