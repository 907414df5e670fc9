/**
 * The outcome of the liveness properties once a search has covered the whole space: a violation
 * with its counterexample (rebuilt by replay and checked against the stored states, its loop
 * closing on the state it started from), an honest `incomplete` when a property's owed runs leave
 * the boundary, or nothing when every property holds.
 */
import type { Model } from '../../model/Model.js';
import { describeFairness, type FairnessKind } from '../../model/Fairness.js';
import type { LivenessProperty } from '../../model/Property.js';
import { FingerprintHasher } from '../fingerprint.js';
import { EVENTUALLY_MESSAGE } from '../PropertyChecker.js';
import type { Outcome } from '../Outcome.js';
import { ReplayError, replay } from '../replay.js';
import type { TraceSource } from '../rebuildTrace.js';
import type { Stats } from '../Stats.js';
import type { Trace } from '../Trace.js';
import { analyseProperty, type LivenessFinding } from './analyseLiveness.js';
import type { LivenessRecorder } from './LivenessRecorder.js';

/** The liveness outcome of a complete search, or undefined when every liveness property holds. */
export function livenessOutcome<S, A>(
  model: Model<S, A>,
  recorder: LivenessRecorder<S, A>,
  fairnessOverride: FairnessKind | undefined,
  source: TraceSource<S>,
  stats: Stats,
): Outcome<S, A> | undefined {
  const groups = recorder.groups.all;
  const kinds = recorder.groups.kinds(fairnessOverride);
  let undecided = false;
  for (const [index, property] of recorder.properties.entries()) {
    const finding = analyseProperty(recorder.graph, index, property.kind, kinds, groups);
    if (finding.verdict === 'undecided') undecided = true;
    if (finding.verdict !== 'violated') continue;
    const trace = lassoTrace(model, source, finding);
    const fairness =
      fairnessOverride !== undefined ? fairnessOverride : describeFairness(model.fairness?.() ?? { default: 'none' });
    const message = messageOf(property, finding, fairness);
    return {
      kind: 'violation',
      violations: [{ propertyId: property.id, propertyName: property.name, message }],
      trace,
      stats,
    };
  }
  return undecided ? { kind: 'incomplete', reason: 'boundary', stats } : undefined;
}

function messageOf<S>(
  property: LivenessProperty<S>,
  finding: Extract<LivenessFinding, { verdict: 'violated' }>,
  fairness: string,
): string {
  const owed =
    property.kind === 'eventually'
      ? 'no state of the run satisfies it'
      : finding.stem.owedFrom === 0
        ? 'it is triggered at the initial state and never answered'
        : `it is triggered after step ${finding.stem.owedFrom} and never answered after that`;
  if (finding.cycle === undefined)
    return property.kind === 'eventually' ? EVENTUALLY_MESSAGE : `the run ends here (no action is enabled) and ${owed}`;
  const steps = finding.cycle.length === 1 ? 'the last step repeats' : `the last ${finding.cycle.length} steps repeat`;
  const movers = finding.movers;
  const moving = `${movers.join(' and ')} ${movers.length === 1 ? 'moves' : 'move'} in the loop`;
  const fair = fairness === 'none' ? 'no fairness is assumed' : `a run with ${fairness} fairness for every thread`;
  return `${steps} forever (${fair}; ${moving}) and ${owed}`;
}

/** The counterexample as a trace, replayed and checked: every state stored, the loop closing where it began. */
function lassoTrace<S, A>(
  model: Model<S, A>,
  source: TraceSource<S>,
  finding: Extract<LivenessFinding, { verdict: 'violated' }>,
): Trace<S, A> {
  const { stem, cycle } = finding;
  const indices = [...stem.actionIndices, ...(cycle ?? [])];
  const hasher = new FingerprintHasher();
  const cycleStart = stem.actionIndices.length;
  let loopHi = 0;
  let loopLo = 0;
  const trace = replay(model, stem.initialIndex, indices, (state, stepIndex) => {
    hasher.reset();
    source.encode(state, hasher);
    hasher.finish();
    const where = stepIndex < 0 ? `initial state ${stem.initialIndex}` : `step ${stepIndex + 1}`;
    if (!source.seen.has(hasher.hi, hasher.lo))
      throw new ReplayError(stepIndex, `${where} reached a different state than during the search`);
    if (stepIndex + 1 === cycleStart) ({ hi: loopHi, lo: loopLo } = hasher);
    if (cycle !== undefined && stepIndex === indices.length - 1 && (hasher.hi !== loopHi || hasher.lo !== loopLo))
      throw new ReplayError(stepIndex, `${where} does not close the loop on the state it began at`);
  });
  return cycle === undefined ? trace : { ...trace, cycleStart };
}
