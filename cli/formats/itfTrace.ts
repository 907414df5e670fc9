/**
 * `--format itf`: the run's trace in the Informal Trace Format (Apalache ADR-015), readable by ITF
 * viewers. Variables are the model's named view plus `threads` (where each thread stands; a model
 * file without threads has none, and one whose view has a field `threads` gets `mmucheck.threads`);
 * each state's `#meta` says which step led to it. The trace's `#meta.mmucheck` carries what
 * `mmucheck replay` needs to rebuild the model: the scenario as checked (overrides applied), or
 * the model file (and where it is from the trace file) and the properties checked. A lasso (a
 * liveness counterexample that runs forever) has ADR-015's `loop`: the index of the state where its
 * loop begins, which the last state equals.
 */
import { scenarioJson } from '../../model/kernel/scenarioJson.js';
import { dirname, relative, resolve, sep } from 'node:path';
import { counterexampleName, type RunView } from '../report/RunView.js';
import { ABSENT, toItfValue, type ItfValue } from './itfValue.js';
import { THREADS_VAR, threadsVarBeside, type StateVars } from './stateVars.js';

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
  /** ADR-015: the index of the state a lasso's loop begins at; the last state is that state again. */
  readonly loop?: number;
}

/** Where the trace is written: `--out`, if given (undefined: stdout). */
export interface ItfOptions {
  readonly out?: string;
}

function itfState(
  { view, threads }: StateVars,
  threadsVar: string | undefined,
  meta: Record<string, unknown>,
): ItfState {
  const values: Record<string, ItfValue> = {};
  for (const [field, v] of Object.entries(view)) values[field] = toItfValue(v);
  if (threadsVar !== undefined) values[threadsVar] = threads;
  return { '#meta': meta, ...values };
}

/**
 * The variable of thread locations: `threads` for a scenario; for a model file, none when it has
 * no threads, else a name none of its view fields has.
 */
function threadsVarOf(run: RunView, vars: readonly StateVars[]): string | undefined {
  if (run.origin.kind === 'scenario') return THREADS_VAR;
  if (run.threads.length === 0) return undefined;
  return threadsVarBeside(vars.flatMap((v) => Object.keys(v.view)));
}

function status(run: RunView): string {
  return run.outcome.kind === 'modelError' ? 'model-error' : run.outcome.kind;
}

/** The variables of `states` (in the order they first appear), each set in every state. */
function everyVariable(
  states: readonly ItfState[],
  threadsVar: string | undefined,
): { vars: string[]; states: readonly ItfState[] } {
  const vars = [...new Set(states.flatMap((s) => Object.keys(s)))].filter((k) => k !== '#meta');
  if (vars.length === 0) return { vars: threadsVar === undefined ? [] : [threadsVar], states };
  const whole = (s: ItfState): ItfState =>
    vars.every((v) => v in s)
      ? s
      : { '#meta': s['#meta'], ...Object.fromEntries(vars.map((v) => [v, s[v] ?? ABSENT])) };
  return { vars, states: states.map(whole) };
}

/** The path of `file` (relative to the working directory) from the directory of the trace file `out`, with `/`. */
function fromTraceFile(file: string, out: string): string {
  return relative(dirname(resolve(out)), resolve(file))
    .split(sep)
    .join('/');
}

/**
 * What the trace says the model is: the scenario as checked, or the model file (as given and, when
 * the trace goes to a file, from that file's directory), the properties checked and the variable
 * of thread locations (null: the model has no threads).
 */
function modelMeta(run: RunView, threadsVar: string | undefined, options: ItfOptions): Record<string, unknown> {
  const o = run.origin;
  if (o.kind === 'scenario') return { scenario: scenarioJson(o.scenario) };
  return {
    model: {
      file: o.file,
      ...(options.out === undefined ? {} : { fromTrace: fromTraceFile(o.file, options.out) }),
      name: run.name,
      properties: o.properties,
      threadsVar: threadsVar ?? null,
    },
  };
}

/**
 * The ITF of `run`: its trace, or, for a run of `check --continue` that found violations, a JSON
 * array of traces, one per violated property in the order found (`#meta.mmucheck.continued` says
 * which of how many), each replayable on its own (`replay FILE --trace N`).
 */
export function itfOfRun(run: RunView, options: ItfOptions = {}): ItfTrace | ItfTrace[] {
  const c = run.continued;
  if (c === undefined) return itfTrace(run, options);
  return c.entries.map((e, i) => {
    const trace = itfTrace(e.view, options);
    const meta = trace['#meta'];
    const mmucheck = { ...(meta['mmucheck'] as object), continued: { trace: i + 1, of: c.entries.length } };
    return { ...trace, '#meta': { ...meta, mmucheck } };
  });
}

/** The ITF trace of `run`: its counterexample, or the initial state alone when the run has no trace. */
export function itfTrace(run: RunView, options: ItfOptions = {}): ItfTrace {
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
  const vars = [
    ...(run.initial === undefined && trace === undefined ? [] : [run.stateVars(run.initial)]),
    ...(trace?.steps ?? []).map((s) => run.stateVars(s.state)),
  ];
  const threadsVar = threadsVarOf(run, vars);
  const states: ItfState[] = vars.length ? [itfState(vars[0]!, threadsVar, { index: 0, action: 'init' })] : [];
  trace?.steps.forEach((s, i) => {
    const view = run.steps[i]!;
    const last = i === trace.steps.length - 1;
    states.push(
      itfState(vars[i + 1]!, threadsVar, {
        index: i + 1,
        action: [view.thread, view.fn, view.code].filter((part) => part !== '').join(': '), // a plain model has neither thread nor function
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
    ? `${counterexampleName(run)} of ${violations[0]!.property}`
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
        ...modelMeta(run, threadsVar, options),
        initialState: run.initialState,
        violations,
        references: run.references,
      },
    },
    ...everyVariable(states, threadsVar),
    ...(trace?.cycleStart === undefined ? {} : { loop: trace.cycleStart }),
  };
}
