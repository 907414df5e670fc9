/** The data the HTML report embeds: the run's summary, its threads, and every state of its trace with its diff. */
import type { CheckRun } from '../runCheck.js';
import { traceOf, traceViewOf } from '../render/traceViewOf.js';
import { threadColour } from './dotText.js';
import { stateVars, type StateVars } from './stateVars.js';
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
}

function headline(run: CheckRun): string {
  const o = run.outcome;
  if (o.kind === 'violation')
    return `${o.violations.map((v) => v.propertyId).join(', ')} violated: ${o.violations[0]!.message}`;
  if (o.kind === 'ok')
    return run.scenario.properties.length === 1
      ? 'the 1 property holds on every reachable state'
      : `all ${properties(run.scenario.properties.length)} hold on every reachable state`;
  if (o.kind === 'incomplete') return `incomplete (${o.reason}): nothing is proven`;
  return `model error: ${o.message}`;
}

/** The page data of `run`. */
export function htmlData(run: CheckRun): HtmlData {
  const view = traceViewOf(run);
  const trace = traceOf(run);
  const o = run.outcome;
  const moving = new Set(view.steps.map((s) => s.thread));
  const s = o.stats;
  return {
    scenario: run.scenario.name,
    description: run.scenario.description,
    verdict: o.kind === 'modelError' ? 'model-error' : o.kind,
    headline: headline(run),
    command: run.command,
    stats: `${count(s.distinct, 'distinct state')}, ${s.generated.toLocaleString('en-US')} generated, depth ${s.depth}, fingerprint collision probability ${s.collisionProbability.toExponential(1)}`,
    threads: view.threads.map((t, i) => ({
      name: t.name,
      cpu: t.cpu ?? null,
      colour: threadColour(i),
      moves: moving.has(t.name),
    })),
    initial: stateVars(run.model, trace?.initial ?? run.model.initStates()[0]!),
    steps: view.steps.map((r, i) => ({
      step: r.step,
      thread: r.thread,
      cpu: r.cpu ?? null,
      fn: r.fn,
      code: r.code,
      kind: r.kind ?? null,
      changes: r.changes,
      state: stateVars(run.model, trace!.steps[i]!.state),
      notes: view.references.filter((x) => x.step === r.step).map((x) => x.note),
      failure: i === view.steps.length - 1 ? (view.failure ?? null) : null,
    })),
    references: view.references,
  };
}
