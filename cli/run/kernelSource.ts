/** A kernel scenario as a run's source: a bundled name or a scenario file, with the command line's overrides. */
import { check } from '../../checker/check.js';
import { checkWithWorkers } from '../../checker/checkWithWorkers.js';
import type { Outcome } from '../../checker/Outcome.js';
import { InputError } from '../../model/InputError.js';
import type { Model } from '../../model/Model.js';
import { loadScenario } from '../../model/kernel/loadScenario.js';
import { buildKernelModel, type KernelModel, type KernelModelState } from '../../properties/buildKernelModel.js';
import type { Scenario } from '../../model/kernel/Scenario.js';
import type { CheckOptions } from '../../checker/CheckOptions.js';
import { kernelModelSource } from '../../properties/kernelModelSource.js';
import { applyOverrides, overrideFlags, type ScenarioOverrides } from '../applyOverrides.js';
import { AUTO_SEQUENTIAL, defaultWorkers } from '../defaults.js';
import { requireReportFlags } from '../formats/formatReport.js';
import { explainReport } from '../render/explainReport.js';
import { kernelRunView } from '../report/kernelRunView.js';
import { finishRun } from './kernelRun.js';
import { boundFlags } from '../searchOptions.js';
import { continueFlag } from './continueSearch.js';
import type { RunFlags } from './run.js';
import type { RunMode, RunSource } from './RunSource.js';
import type { LevelCheckpoints } from '../../checker/checkpoint/RunState.js';
import type { LoadedRunState } from '../../checker/checkpoint/checkpointFormat.js';

/** The flags a scenario's run reads. */
export interface ScenarioFlags extends ScenarioOverrides, RunFlags {
  readonly workers?: number;
}

/** A run with checkpoints (`check --checkpoint`, `resume`): where they go, what it goes on from, and the scenario as first named. */
export interface CheckpointedRun {
  readonly checkpoints: LevelCheckpoints;
  readonly resumeFrom?: LoadedRunState;
  /** The scenario as the command line that began the run named it, for the reproduce line. */
  readonly commandArg?: string;
}

/**
 * The scenario `arg` as `flags` change it. `check` searches with worker threads (without
 * --workers, a space that ends within AUTO_SEQUENTIAL states stays on one thread); `explain`, on
 * one thread. The result is the same for any number of workers.
 */
export function kernelSource(arg: string, flags: ScenarioFlags, mode: RunMode, saved?: CheckpointedRun): RunSource {
  requireReportFlags(flags);
  return scenarioSource(applyOverrides(loadScenario(arg), flags), arg, flags, mode, saved);
}

/** How a distributed run searches a scenario's model, instead of this machine's threads. */
export type SearchVia = (
  model: KernelModel,
  scenario: Scenario,
  options: Partial<CheckOptions>,
) => Promise<Outcome<KernelModelState, number>>;

/**
 * The source of `scenario` (loaded, overrides applied), named `arg` on the command line. With
 * `via`, the search is a distributed one; else this machine's (`saved`: with checkpoints).
 */
export function scenarioSource(
  scenario: Scenario,
  arg: string,
  flags: ScenarioFlags,
  mode: RunMode,
  saved?: CheckpointedRun,
  via?: SearchVia,
): RunSource {
  if (flags.expected === true && !scenario.expect) {
    throw new InputError(
      'needs a scenario whose file has an "expect" field, checked without --kernel, --srcu or --property (they change the question)',
      undefined,
      '--expected',
    );
  }
  const command = [
    `mmucheck ${mode}`,
    saved?.commandArg ?? arg,
    ...overrideFlags(flags),
    ...boundFlags(flags),
    ...continueFlag(flags),
  ].join(' ');
  const model = buildKernelModel(scenario);
  const search = (checked: Scenario, built: KernelModel, options: Partial<CheckOptions>) =>
    via !== undefined
      ? via(built, checked, options)
      : mode === 'explain'
        ? check(built, options)
        : checkWithWorkers(built, kernelModelSource(checked), {
            ...options,
            workers: flags.workers ?? defaultWorkers(),
            sequentialFirst: flags.workers === undefined ? AUTO_SEQUENTIAL : 0,
            ...(saved ? { checkpoints: saved.checkpoints } : {}),
            ...(saved?.resumeFrom ? { resumeFrom: saved.resumeFrom } : {}),
          });
  return {
    model: model as unknown as Model<unknown, unknown>,
    poolSource: kernelModelSource(scenario),
    properties: model.properties().map((p) => p.id),
    search: async (options, only) => {
      if (only === undefined) return search(scenario, model, options);
      // The same scenario checking fewer properties: its states and steps are the same.
      const fewer: Scenario = { ...scenario, properties: scenario.properties.filter((id) => only.includes(id)) };
      return search(fewer, buildKernelModel(fewer), options);
    },
    settle: async (outcome) => outcome,
    view: (outcome) => kernelRunView(finishRun(scenario, model, outcome as Outcome<KernelModelState, number>, command)),
    explain: explainReport,
  };
}
