/**
 * Reads a trace saved with `--format itf` back: the ITF shape (ADR-015), the `#meta.mmucheck` block
 * that rebuilds the model, and each state's variables: the view's fields, and the thread locations
 * in `threads` (a model file's trace names that variable in `model.threadsVar`, null when the model
 * has no threads; a trace written before that field existed has `threads`). A malformed file is
 * bad input naming the file and the field.
 */
import { InputError } from '../../model/InputError.js';
import { readInputFile } from '../../model/inputFile.js';
import { capText, quoteValue } from '../../model/safeText.js';
import { parseScenario } from '../../model/kernel/parseScenario.js';
import type { RunOrigin } from '../report/RunView.js';
import { fromItfValue, isAbsent } from './itfValue.js';
import { ITF_FORMAT_VERSION } from './itfTrace.js';
import { THREADS_VAR } from './stateVars.js';

/** The variables of one saved state. */
export interface SavedState {
  readonly view: Readonly<Record<string, string | number | boolean>>;
  readonly threads: Readonly<Record<string, string>>;
}

/** What a saved step claims: who moved, and (when written) the function and statement. */
export interface SavedStep {
  readonly thread: string;
  readonly fn?: string;
  readonly code?: string;
}

/** A saved trace, ready to replay: `steps[i]` leads from `states[i]` to `states[i + 1]`. */
export interface SavedTrace {
  readonly file: string;
  /** The model to replay it on: a scenario as checked, or a model file and the properties checked. */
  readonly origin: RunOrigin;
  /** A model file's path from the trace file's directory, when the trace recorded it (`model.fromTrace`). */
  readonly modelFromTrace?: string;
  /** The variable of thread locations; undefined for a model without threads. */
  readonly threadsVar: string | undefined;
  readonly initialState: number;
  readonly states: readonly SavedState[];
  readonly steps: readonly SavedStep[];
  /** The properties the file says are violated at its last state. */
  readonly violations: readonly string[];
  /** ADR-015's `loop`: the trace is a lasso whose last state is `states[cycleStart]` again. */
  readonly cycleStart?: number;
}

type Obj = Record<string, unknown>;

function objectAt(v: unknown, file: string, field: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InputError('expected an object', file, field);
  return v as Obj;
}

function savedState(
  v: unknown,
  vars: readonly string[],
  threadsVar: string | undefined,
  file: string,
  field: string,
): SavedState {
  const o = objectAt(v, file, field);
  const view: Record<string, string | number | boolean> = {};
  for (const name of vars) {
    if (!(name in o))
      throw new InputError(
        `missing variable ${quoteValue(name)} (every state must set every variable in vars)`,
        file,
        field,
      );
    if (name === threadsVar || isAbsent(o[name])) continue;
    const value = fromItfValue(o[name]);
    if (value === undefined)
      throw new InputError('expected a string, a boolean or an integer', file, `${field}.${name}`);
    view[name] = value;
  }
  if (threadsVar === undefined) return { view, threads: {} };
  const threads = objectAt(o[threadsVar], file, `${field}.${threadsVar}`);
  for (const [name, loc] of Object.entries(threads)) {
    if (typeof loc !== 'string') throw new InputError('expected a string', file, `${field}.${threadsVar}.${name}`);
  }
  return { view, threads: threads as Record<string, string> };
}

function savedStep(v: unknown, file: string, field: string): SavedStep {
  const meta = objectAt(objectAt(v, file, field)['#meta'], file, `${field}.#meta`);
  const thread = meta['thread'];
  if (typeof thread !== 'string')
    throw new InputError('expected the name of the thread that took the step', file, `${field}.#meta.thread`);
  const text = (k: string) => (typeof meta[k] === 'string' ? { [k]: meta[k] as string } : {});
  return { thread, ...text('fn'), ...text('code') };
}

function mmucheckMeta(trace: Obj, file: string): Obj {
  const meta = trace['#meta'];
  const block = typeof meta === 'object' && meta !== null ? (meta as Obj)['mmucheck'] : undefined;
  if (block === undefined)
    throw new InputError(
      'missing; expected the block that mmucheck check --format itf writes (this is not an mmucheck trace)',
      file,
      '#meta.mmucheck',
    );
  const m = objectAt(block, file, '#meta.mmucheck');
  if (m['formatVersion'] !== ITF_FORMAT_VERSION) {
    throw new InputError(
      `expected ${ITF_FORMAT_VERSION} (a trace written by mmucheck check --format itf), got ${capText(JSON.stringify(m['formatVersion']) ?? 'nothing', 80)}`,
      file,
      '#meta.mmucheck.formatVersion',
    );
  }
  return m;
}

/** The properties the file says are violated at its last state. */
function recordedViolations(m: Obj): string[] {
  const recorded = Array.isArray(m['violations']) ? (m['violations'] as unknown[]) : [];
  return recorded
    .map((v) => (typeof v === 'object' && v !== null ? (v as Obj) : { property: v }))
    .filter((v) => v['noWitness'] !== true) // a `sometimes` without a witness is about the whole search, not this trace
    .map((v) => String(v['property']));
}

/** What the trace says of its model: where it comes from, and the variable of thread locations. */
type SavedModel = Pick<SavedTrace, 'origin' | 'modelFromTrace' | 'threadsVar'>;

/** An optional string field of `#meta.mmucheck.model`; null stands for none where `nullable`. */
function optionalText(model: Obj, key: string, file: string, nullable: boolean): string | null | undefined {
  const v = model[key];
  if (v === undefined || (nullable && v === null)) return v;
  if (typeof v !== 'string' || v === '')
    throw new InputError(
      `expected a non-empty string${nullable ? ' or null' : ''}`,
      file,
      `#meta.mmucheck.model.${key}`,
    );
  return v;
}

/** The model the trace was written for: `model` (a model file) when present, else `scenario`. */
function savedModel(m: Obj, file: string): SavedModel {
  if (m['model'] === undefined)
    return {
      origin: { kind: 'scenario', scenario: parseScenario(m['scenario'], `${file}: #meta.mmucheck.scenario`) },
      threadsVar: THREADS_VAR,
    };
  const model = objectAt(m['model'], file, '#meta.mmucheck.model');
  const path = model['file'];
  if (typeof path !== 'string' || path === '')
    throw new InputError(
      'expected the path of the model file the trace was written for',
      file,
      '#meta.mmucheck.model.file',
    );
  const properties = model['properties'];
  if (!Array.isArray(properties) || !properties.every((p) => typeof p === 'string'))
    throw new InputError('expected the list of property ids checked', file, '#meta.mmucheck.model.properties');
  const fromTrace = optionalText(model, 'fromTrace', file, false);
  const threadsVar = optionalText(model, 'threadsVar', file, true);
  return {
    origin: { kind: 'modelFile', file: path, properties: properties as string[] },
    ...(typeof fromTrace === 'string' ? { modelFromTrace: fromTrace } : {}),
    threadsVar: threadsVar === undefined ? THREADS_VAR : (threadsVar ?? undefined),
  };
}

/**
 * ADR-015's `loop` of a trace of `states` states: the index of the state a lasso's loop begins at,
 * before the last state (a loop has at least one step); undefined when the trace is no lasso.
 */
function loopIndex(loop: unknown, states: number, file: string): number | undefined {
  if (loop === undefined || loop === null) return undefined;
  if (typeof loop !== 'number' || !Number.isInteger(loop) || loop < 0 || loop >= states - 1)
    throw new InputError(
      `expected the index of the state where the loop begins, a whole number from 0 to ${states - 2} (the loop needs at least one step), got ${capText(JSON.stringify(loop) ?? 'nothing', 80)}`,
      file,
      'loop',
    );
  return loop;
}

/** Validates parsed JSON as a saved mmucheck ITF trace; `file` names it in errors. */
export function parseItfTrace(json: unknown, file: string): SavedTrace {
  const trace = objectAt(json, file, '');
  const m = mmucheckMeta(trace, file);
  const model = savedModel(m, file);
  const threadsVar = model.threadsVar;
  const vars = trace['vars'];
  if (!Array.isArray(vars) || !vars.every((x) => typeof x === 'string'))
    throw new InputError('expected a list of variable names', file, 'vars');
  if (threadsVar !== undefined && !vars.includes(threadsVar))
    throw new InputError(`expected the variable ${quoteValue(threadsVar)} (where each thread stands)`, file, 'vars');
  const states = trace['states'];
  if (!Array.isArray(states) || states.length === 0)
    throw new InputError('expected a non-empty list of states', file, 'states');
  const cycleStart = loopIndex(trace['loop'], states.length, file);
  const initialState = m['initialState'] ?? 0;
  if (typeof initialState !== 'number' || !Number.isInteger(initialState))
    throw new InputError('expected a whole number', file, '#meta.mmucheck.initialState');
  return {
    file,
    ...model,
    initialState,
    states: states.map((s, i) => savedState(s, vars as string[], threadsVar, file, `states[${i}]`)),
    steps: states.slice(1).map((s, i) => savedStep(s, file, `states[${i + 1}]`)),
    violations: recordedViolations(m),
    ...(cycleStart === undefined ? {} : { cycleStart }),
  };
}

/**
 * Reads and validates a saved trace file (a regular file of at most 64 MiB: see inputFile.ts): one
 * trace, or the JSON array of traces that `check --continue --format itf` writes, one per violated
 * property. Each trace of an array is named `FILE (trace N of M)` in errors and reports.
 */
export function readItfTraceFile(path: string): SavedTrace[] {
  const text = readInputFile(path, 'trace');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`not valid JSON: ${capText((e as Error).message, 200)}`, path);
  }
  if (!Array.isArray(json)) return [parseItfTrace(json, path)];
  if (json.length === 0) throw new InputError('expected a trace, or a non-empty list of traces', path);
  return json.map((trace, i) => parseItfTrace(trace, `${path} (trace ${i + 1} of ${json.length})`));
}
