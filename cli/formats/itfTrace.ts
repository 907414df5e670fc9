/**
 * `--format itf`: the run's trace in the Informal Trace Format (Apalache ADR-015), readable by ITF
 * viewers. Variables are the kernel model's named view plus `threads` (where each thread stands);
 * each state's `#meta` says which step led to it. The trace's `#meta.mmucheck` carries what
 * `mmucheck replay` needs to rebuild the model: the scenario as checked (overrides applied).
 */
import { is } from 'immutable';
import type { KernelModelState } from '../../properties/buildKernelModel.js';
import type { CheckRun } from '../runCheck.js';
import { traceOf } from '../render/traceViewOf.js';
import { toItfValue, type ItfValue } from './itfValue.js';
import { stateVars, THREADS_VAR } from './stateVars.js';

/** The version of the `#meta.mmucheck` block; replay refuses any other. */
export const ITF_FORMAT_VERSION = 1;

/** ADR-015, for the `format-description` field readers show. */
const FORMAT_DESCRIPTION = 'https://apalache-mc.org/docs/adr/015adr-trace.html';

/** One ITF state: its `#meta`, then a value per variable. */
export type ItfState = { readonly '#meta': Readonly<Record<string, unknown>> } & Readonly<Record<string, unknown>>;

/** An ITF trace as mmucheck writes it. */
export interface ItfTrace {
  readonly '#meta': Readonly<Record<string, unknown>>;
  readonly vars: readonly string[];
  readonly states: readonly ItfState[];
}

function itfState(run: CheckRun, state: KernelModelState, meta: Record<string, unknown>): ItfState {
  const { view, threads } = stateVars(run.model, state);
  const values: Record<string, ItfValue> = {};
  for (const [field, v] of Object.entries(view)) values[field] = toItfValue(v);
  values[THREADS_VAR] = threads;
  return { '#meta': meta, ...values };
}

function status(run: CheckRun): string {
  return run.outcome.kind === 'modelError' ? 'model-error' : run.outcome.kind;
}

/** The ITF trace of `run`: its counterexample, or the initial state alone when the run has no trace. */
export function itfTrace(run: CheckRun): ItfTrace {
  const trace = traceOf(run);
  const initStates = run.model.initStates();
  const initial = trace?.initial ?? initStates[0]!;
  const initialIndex = Math.max(
    0,
    initStates.findIndex((s) => is(s, initial)),
  );
  const o = run.outcome;
  const violations =
    o.kind === 'violation'
      ? o.violations.map((v) => ({
          property: v.propertyId,
          name: v.propertyName,
          message: v.message,
          ...(v.noWitness ? { noWitness: true } : {}),
        }))
      : [];
  const states: ItfState[] = [itfState(run, initial, { index: 0, action: 'init' })];
  let before = initial;
  trace?.steps.forEach((s, i) => {
    const view = run.model.actionView(before, s.action);
    const last = i === trace.steps.length - 1;
    states.push(
      itfState(run, s.state, {
        index: i + 1,
        action: `${view.thread}: ${view.fn}: ${view.code}`,
        thread: view.thread,
        threadIndex: s.action,
        ...(view.cpu === undefined ? {} : { cpu: view.cpu }),
        fn: view.fn,
        code: view.code,
        ...(view.kind === undefined ? {} : { kind: view.kind }),
        ...(last && violations.length ? { violated: violations.map((v) => v.property) } : {}),
      }),
    );
    before = s.state;
  });
  const what = violations.length
    ? `shortest counterexample of ${violations[0]!.property}`
    : `initial state (${status(run)})`;
  return {
    '#meta': {
      format: 'ITF',
      'format-description': FORMAT_DESCRIPTION,
      source: run.scenario.name,
      description: `mmucheck: ${what} in scenario ${run.scenario.name}`,
      status: status(run),
      mmucheck: {
        formatVersion: ITF_FORMAT_VERSION,
        command: run.command,
        scenario: run.scenario,
        initialState: initialIndex,
        violations,
        references: run.references,
      },
    },
    vars: Object.keys(states[0]!).filter((k) => k !== '#meta'),
    states,
  };
}
