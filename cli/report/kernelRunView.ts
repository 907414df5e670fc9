/** The run view of a kernel scenario's run. */
import { is } from 'immutable';
import type { Model } from '../../model/Model.js';
import type { KernelModelState } from '../../properties/buildKernelModel.js';
import type { CheckRun } from '../runCheck.js';
import { stateVars } from '../formats/stateVars.js';
import { traceOf } from '../render/traceOf.js';
import type { RunView } from './RunView.js';

/** What the formats read of `run`. */
export function kernelRunView(run: CheckRun): RunView {
  const trace = traceOf(run);
  const initStates = run.model.initStates();
  const initial = trace?.initial ?? initStates[0]!;
  return {
    model: run.model as unknown as Model<unknown, unknown>,
    name: run.scenario.name,
    description: run.scenario.description,
    origin: { kind: 'scenario', scenario: run.scenario },
    threads: run.model.spec.threads.map((t) => ({ name: t.name, ...(t.cpu === undefined ? {} : { cpu: t.cpu }) })),
    properties: run.model.properties().map((p) => ({ id: p.id, name: p.name })),
    outcome: run.outcome,
    trace,
    steps: run.steps,
    references: run.references,
    command: run.command,
    initial,
    initialState: Math.max(
      0,
      initStates.findIndex((s) => is(s, initial)),
    ),
    stateVars: (state) => stateVars(run.model, state as KernelModelState),
  };
}
