/** The data the HTML report embeds (for a scenario or a model file): the run's summary, its threads, and every state of its trace with its diff. */
import { checkedIds, type RunView } from '../report/RunView.js';
import { traceViewOfRun } from '../report/traceViewOfRun.js';
import type { TraceThread } from '../render/TraceView.js';
import { threadColour } from './dotText.js';
import type { StateVars } from './stateVars.js';
import type { FieldChange } from '../../checker/renderSteps.js';
import { count, properties } from '../render/plural.js';

/** One step as the page shows it. */
export interface HtmlStep {
  readonly step: number;
  readonly thread: string;
  readonly cpu: number | null;
  readonly fn: string;
  readonly code: string;
  readonly kind: string | null;
  readonly changes: readonly FieldChange[];
  /** The state after the step. */
  readonly state: StateVars;
  /** Notes of the references that point here. */
  readonly notes: readonly string[];
  /** The failure, on the last step of a counterexample. */
  readonly failure: string | null;
}

/** Everything the page shows. */
export interface HtmlData {
  readonly scenario: string;
  readonly description: string;
  readonly verdict: string;
  readonly headline: string;
  readonly command: string;
  readonly stats: string;
  readonly threads: readonly {
    readonly name: string;
    readonly cpu: number | null;
    readonly colour: string;
    readonly moves: boolean;
  }[];
  readonly initial: StateVars;
  readonly steps: readonly HtmlStep[];
  readonly references: readonly { readonly step: number; readonly note: string }[];
  /** A lasso's loop start: the last step leads back to the state after step `cycleStart` (0: the initial state). */
  readonly cycleStart?: number;
}

function headline(run: RunView): string {
  const o = run.outcome;
  const checked = checkedIds(run).length;
  if (o.kind === 'violation')
    return `${o.violations.map((v) => v.propertyId).join(', ')} violated: ${o.violations[0]!.message}`;
  if (o.kind === 'ok')
    return checked === 1
      ? 'the 1 property holds on every reachable state'
      : `all ${properties(checked)} hold on every reachable state`;
  if (o.kind === 'incomplete') return `incomplete (${o.reason}): nothing is proven`;
  return `model error: ${o.message}`;
}

/** The model's threads, then any a step names that the model does not list (a plain model's steps: ''). */
function laneThreads(threads: readonly TraceThread[], steps: readonly { readonly thread: string }[]): TraceThread[] {
  const named = new Set(threads.map((t) => t.name));
  const others = [...new Set(steps.map((s) => s.thread).filter((t) => !named.has(t)))];
  return [...threads, ...others.map((name) => ({ name }))];
}

/** The page data of `run`. */
export function htmlData(run: RunView): HtmlData {
  const view = traceViewOfRun(run);
  const trace = run.trace;
  const o = run.outcome;
  const moving = new Set(view.steps.map((s) => s.thread));
  const s = o.stats;
  return {
    scenario: run.name,
    description: run.description ?? '',
    verdict: o.kind === 'modelError' ? 'model-error' : o.kind,
    headline: headline(run),
    command: run.command,
    stats: `${count(s.distinct, 'distinct state')}, ${s.generated.toLocaleString('en-US')} generated, depth ${s.depth}, fingerprint collision probability ${s.collisionProbability.toExponential(1)}`,
    threads: laneThreads(view.threads, view.steps).map((t, i) => ({
      name: t.name,
      cpu: t.cpu ?? null,
      colour: threadColour(i),
      moves: moving.has(t.name),
    })),
    initial: run.stateVars(run.initial),
    steps: view.steps.map((r, i) => ({
      step: r.step,
      thread: r.thread,
      cpu: r.cpu ?? null,
      fn: r.fn,
      code: r.code,
      kind: r.kind ?? null,
      changes: r.changes,
      state: run.stateVars(trace!.steps[i]!.state),
      notes: view.references.filter((x) => x.step === r.step).map((x) => x.note),
      failure: i === view.steps.length - 1 ? (view.failure ?? null) : null,
    })),
    references: view.references,
    ...(view.cycleStart === undefined ? {} : { cycleStart: view.cycleStart }),
  };
}
