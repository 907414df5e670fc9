/**
 * `--format itf`: the run's trace in the Informal Trace Format (Apalache ADR-015), readable by ITF
 * viewers. Variables are the kernel model's named view plus `threads` (where each thread stands);
 * each state's `#meta` says which step led to it. The trace's `#meta.mmucheck` carries what
 * `mmucheck replay` needs to rebuild the model: the scenario as checked (overrides applied), or
 * the model file and the properties checked.
 */
import type { RunView } from '../report/RunView.js';
import { ABSENT, toItfValue, type ItfValue } from './itfValue.js';
import { THREADS_VAR } from './stateVars.js';

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

function itfState(run: RunView, state: unknown, meta: Record<string, unknown>): ItfState {
  const { view, threads } = run.stateVars(state);
  const values: Record<string, ItfValue> = {};
  for (const [field, v] of Object.entries(view)) values[field] = toItfValue(v);
  values[THREADS_VAR] = threads;
  return { '#meta': meta, ...values };
}

function status(run: RunView): string {
  return run.outcome.kind === 'modelError' ? 'model-error' : run.outcome.kind;
}

/** The variables of `states` (in the order they first appear), each set in every state. */
function everyVariable(states: readonly ItfState[]): { vars: string[]; states: readonly ItfState[] } {
  const vars = [...new Set(states.flatMap((s) => Object.keys(s)))].filter((k) => k !== '#meta');
  if (vars.length === 0) return { vars: [THREADS_VAR], states };
  const whole = (s: ItfState): ItfState =>
    vars.every((v) => v in s)
      ? s
      : { '#meta': s['#meta'], ...Object.fromEntries(vars.map((v) => [v, s[v] ?? ABSENT])) };
  return { vars, states: states.map(whole) };
}

/** What the trace says the model is: the scenario as checked, or the model file and the properties checked. */
function modelMeta(run: RunView): Record<string, unknown> {
  const o = run.origin;
  return o.kind === 'scenario'
    ? { scenario: o.scenario }
    : { model: { file: o.file, name: run.name, properties: o.properties } };
}

/** The ITF trace of `run`: its counterexample, or the initial state alone when the run has no trace. */
export function itfTrace(run: RunView): ItfTrace {
  const trace = run.trace;
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
  // A model whose initStates() failed has no state to write.
  const states: ItfState[] =
    run.initial === undefined && trace === undefined ? [] : [itfState(run, run.initial, { index: 0, action: 'init' })];
  trace?.steps.forEach((s, i) => {
    const view = run.steps[i]!;
    const last = i === trace.steps.length - 1;
    states.push(
      itfState(run, s.state, {
        index: i + 1,
        action: `${view.thread}: ${view.fn}: ${view.code}`,
        thread: view.thread,
        ...(typeof s.action === 'number' ? { threadIndex: s.action } : {}),
        ...(view.cpu === undefined ? {} : { cpu: view.cpu }),
        fn: view.fn,
        code: view.code,
        ...(view.kind === undefined ? {} : { kind: view.kind }),
        ...(last && violations.length ? { violated: violations.map((v) => v.property) } : {}),
      }),
    );
  });
  const what = violations.length
    ? `shortest counterexample of ${violations[0]!.property}`
    : `initial state (${status(run)})`;
  const where = run.origin.kind === 'scenario' ? 'scenario' : 'model';
  return {
    '#meta': {
      format: 'ITF',
      'format-description': FORMAT_DESCRIPTION,
      source: run.origin.kind === 'scenario' ? run.name : run.origin.file,
      description: `mmucheck: ${what} in ${where} ${run.name}`,
      status: status(run),
      mmucheck: {
        formatVersion: ITF_FORMAT_VERSION,
        command: run.command,
        ...modelMeta(run),
        initialState: run.initialState,
        violations,
        references: run.references,
      },
    },
    ...everyVariable(states),
  };
}
