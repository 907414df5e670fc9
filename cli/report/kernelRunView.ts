/** The run view of a kernel scenario's run. */
import { listenerJson, mirrorJson } from '../../model/kernel/scenarioJson.js';
import { is } from 'immutable';
import type { Model } from '../../model/Model.js';
import { INTERVAL_VERSIONED_FUNCTIONS, VERSIONED_FUNCTIONS } from '../../model/kernel/Scenario.js';
import type { KernelModelState } from '../../properties/buildKernelModel.js';
import type { CheckRun } from '../run/kernelRun.js';
import { stateVars } from '../formats/stateVars.js';
import { describeScenario } from '../render/describeScenario.js';
import { finishedAt } from '../render/finishedAt.js';
import type { RunExpectation, RunView } from './RunView.js';

/** Does the outcome match what the scenario file expects? undefined when it states nothing or the run is undecided. */
function expectationOf(run: CheckRun): RunExpectation | undefined {
  const expect = run.scenario.expect;
  const o = run.outcome;
  if (!expect) return undefined;
  const matches =
    o.kind === 'incomplete'
      ? undefined
      : expect.verdict === 'ok'
        ? o.kind === 'ok'
        : o.kind === 'violation' &&
          [o, ...(o.continued?.further ?? [])].some((c) => c.violations.some((v) => v.propertyId === expect.property));
  return { expect, matches };
}

/** The JSON report's `scenario`: the scenario as checked, with the function versions its kernel resolves to. */
function scenarioJson(run: CheckRun) {
  const s = run.scenario;
  return {
    name: s.name,
    kernel: s.kernel,
    functions: Object.fromEntries(
      (run.model.env.interval ? INTERVAL_VERSIONED_FUNCTIONS : VERSIONED_FUNCTIONS).map((f) => [
        f,
        run.model.env.version(f),
      ]),
    ),
    srcu: s.srcu,
    cpus: s.cpus,
    listeners: s.listeners.map(listenerJson),
    ...(s.mirrors.length > 0 ? { mirrors: s.mirrors.map(mirrorJson) } : {}),
    ...(s.mutant === undefined ? {} : { mutant: s.mutant }),
    threads: run.model.spec.threads.map((t) => ({ name: t.name, cpu: t.cpu ?? 0, daemon: t.daemon === true })),
  };
}

/** What the formats read of `run`. */
export function kernelRunView(run: CheckRun): RunView {
  const o = run.outcome;
  const trace = o.kind === 'violation' || o.kind === 'modelError' ? o.trace : undefined;
  const initStates = run.model.initStates();
  const initial = trace?.initial ?? initStates[0]!;
  const expectation = expectationOf(run);
  const model = run.model as unknown as Model<unknown, unknown>;
  return {
    model,
    viewer: model,
    name: run.scenario.name,
    description: run.scenario.description,
    origin: { kind: 'scenario', scenario: run.scenario },
    threads: run.model.spec.threads.map((t) => ({ name: t.name, ...(t.cpu === undefined ? {} : { cpu: t.cpu }) })),
    properties: run.model.properties().map((p) => ({ id: p.id, name: p.name, kind: p.kind })),
    outcome: o,
    trace,
    steps: run.steps,
    references: run.references,
    witnesses: [],
    ...(expectation === undefined ? {} : { expectation }),
    finishedAt: finishedAt(run.model, trace),
    header: describeScenario(run.model),
    subject: { scenario: scenarioJson(run), model: null },
    command: run.command,
    initial,
    initialState: Math.max(
      0,
      initStates.findIndex((s) => is(s, initial)),
    ),
    stateVars: (state) => stateVars(run.model, state as KernelModelState),
  };
}
