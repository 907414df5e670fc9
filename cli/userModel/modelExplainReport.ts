/**
 * `mmucheck explain ./model.ts`: the verdict of a model file told in the model's own terms — its
 * steps' statements, its properties' names and messages — or what an exhaustive search proved.
 * The kernel's glossary is not used: a model file's statements mean what its author wrote.
 */
import type { CheckOptions } from '../../checker/CheckOptions.js';
import type { Property } from '../../model/Property.js';
import type { Violation } from '../../checker/Outcome.js';
import type { TraceView } from '../render/TraceView.js';
import { escapeText as t } from '../../model/safeText.js';
import type { Palette } from '../render/colour.js';
import { narrateViolation, paragraph, type NarrativeGlossary } from '../render/narrateViolation.js';
import { count } from '../render/plural.js';
import { coverageAndStrength, incompleteSummary } from '../render/provenSummary.js';
import type { RunView } from '../report/RunView.js';
import { traceViewOfRun } from '../report/traceViewOfRun.js';

/** What a property of each kind asks, after its name. */
const MEANING: Record<Property<unknown>['kind'], string> = {
  always: 'every reachable state must satisfy it; the model names what is wrong in a state that does not',
  deadlockFree: 'in every reachable state some thread can move, unless the model calls the state a proper end',
  sometimes: 'some reachable state must satisfy it (a model whose states never do is vacuous)',
  eventually:
    "every run, whether it ends or goes on forever under the model's fairness, must pass a state that satisfies it",
  leadsTo: 'on every run, a state where it is triggered must be followed, then or later, by one where it is answered',
};

const LIMITS =
  'The proof is for the model as written: its initial states, each step taken as one atomic action, sequential consistency (no weak memory ordering), and only the threads and bounds above.';

/** The model's own terms: a property is its name and kind; a statement is what the step shows. */
function glossaryOf(run: RunView): NarrativeGlossary {
  return {
    property: (id) => {
      const p = run.properties.find((x) => x.id === id);
      return p === undefined ? `The property ${t(id)} must hold.` : `"${t(p.name)}": ${MEANING[p.kind]}.`;
    },
    statement: () => undefined,
  };
}

function provenLines(run: RunView, options: CheckOptions, p: Palette): string[] {
  const o = run.outcome;
  if (o.kind === 'incomplete') return incompleteSummary(o.stats, o.reason, options, p);
  if (o.kind !== 'ok') return [];
  const props = run.properties;
  const width = Math.max(0, ...props.map((x) => t(x.id).length));
  const witness = (id: string) => run.witnesses.find((w) => w.propertyId === id);
  return [
    p.good(
      props.length === 1
        ? 'THE 1 PROPERTY HOLDS on every reachable state of this model.'
        : `ALL ${props.length} PROPERTIES HOLD on every reachable state of this model.`,
    ),
    '',
    'What was proven (over every state that any interleaving of the steps reaches):',
    ...props.map((x) => {
      const w = witness(x.id);
      const note = w === undefined ? '' : ` (reached: a shortest witness of ${count(w.steps.length, 'step')})`;
      return `  ${t(x.id).padEnd(width)}  ${t(x.name)}${note}`;
    }),
    ...coverageAndStrength(o.stats, options, LIMITS),
  ];
}

/** The trace view of `run` with every text from the model file escaped (the narrative prints it as it is). */
function escapedView(run: RunView): TraceView {
  const view = traceViewOfRun(run);
  return {
    ...view,
    steps: view.steps.map((s) => ({ ...s, thread: t(s.thread), fn: t(s.fn), code: t(s.code) })),
    ...(view.failure === undefined ? {} : { failure: t(view.failure) }),
  };
}

function escapedViolation(v: Violation): Violation {
  return { ...v, propertyId: t(v.propertyId), propertyName: t(v.propertyName), message: t(v.message) };
}

/** The explain report of a model file's `run`, checked with `options`. */
export function modelExplainReport(run: RunView, options: CheckOptions, p: Palette): string {
  const o = run.outcome;
  const body =
    o.kind === 'violation'
      ? narrateViolation(escapedView(run), o.violations.map(escapedViolation), p, glossaryOf(run))
      : o.kind === 'modelError'
        ? [
            p.bad('MODEL ERROR'),
            ...paragraph(`The model itself failed, so nothing is proven or refuted: ${t(o.message)}.`, '  '),
          ]
        : provenLines(run, options, p);
  const tail =
    o.kind === 'violation' && run.steps.length > 0
      ? `see it as a trace: ${run.command.replace(/^mmucheck explain/, 'mmucheck check')} (or --format html --out trace.html)`
      : run.command;
  return [...run.header, '', ...body, '', `reproduce  ${t(tail)}`].join('\n') + '\n';
}
