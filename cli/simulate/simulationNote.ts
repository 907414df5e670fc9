/**
 * What a simulation's report says besides the verdict and the trace: the walks (seed, mode, depth
 * bound, how many), the walk that found the violation, and how far its trace was shortened — said
 * plainly, since only a trace a complete breadth-first search found may be called a shortest one.
 */
import type { Shortening } from '../../checker/simulate/shortenViolation.js';
import type { SimulationProgress } from '../../checker/simulate/simulate.js';
import type { FoundWalk, WalkPlan } from '../../checker/simulate/WalkBatch.js';
import { count } from '../render/plural.js';
import type { SimulationNote } from '../report/RunView.js';

/** What a simulation did, as far as its report goes. */
export interface SimulationFacts extends SimulationProgress {
  readonly plan: WalkPlan;
  /** The most steps one walk took. */
  readonly deepest: number;
  /** The walk that found a violation or a model error, with its own length. */
  readonly found?: FoundWalk;
  /** How the violation's trace was shortened. */
  readonly shortening?: Shortening;
}

const n = (value: number) => value.toLocaleString('en-US');

/** A line of the text header: its label in the header's label column. */
const labelled = (label: string, text: string) => `${label.padEnd(10)} ${text}`;

/** `random walks from seed 1, each up to 200 steps, uniform over the enabled steps` */
function walksLine(facts: SimulationFacts): string {
  const { seed, maxDepth, mode } = facts.plan;
  const how =
    mode === 'swarm'
      ? 'weighed by thread priorities drawn afresh for each walk (swarm)'
      : 'uniform over the enabled steps';
  const planned = facts.planned === undefined ? 'random walks until the timeout' : `${n(facts.planned)} random walks`;
  return `${planned} from seed ${seed}, each up to ${count(maxDepth, 'step')}, ${how}`;
}

function shorteningLine(s: Shortening): string {
  const bound = `${n(s.maxStates)} states a search`;
  const searches = `${count(s.searches, 'breadth-first search', 'breadth-first searches')} (${count(s.states, 'state')} in all)`;
  switch (s.kind) {
    case 'shortest':
      return `a breadth-first search from the initial state (${count(s.states, 'state')}, bound ${n(s.maxStates)}) found a shortest counterexample of ${s.property}; the walk took ${count(s.walkLength, 'step')}`;
    case 'shortened':
      return (
        `not to a shortest one: the search from the initial state reached its bound (${bound}) first; the trace is the walk's first ` +
        `${count(s.fromStep ?? 0, 'step')}, then a shortest path from there to the violation of ${s.property} (${searches}); the walk took ${count(s.walkLength, 'step')}`
      );
    case 'walk':
      if (s.maxStates === 0) return "no (--shorten-states 0): the trace is the walk's own";
      if (s.interrupted) return "no: the shortening was interrupted; the trace is the walk's own";
      return `no: ${searches}, from the initial state and from states along the walk, found no violation of ${s.property} within ${bound}; the trace is the walk's own`;
  }
}

/** The report's note on a simulation. */
export function simulationNote(facts: SimulationFacts): SimulationNote {
  const lines = [labelled('simulation', walksLine(facts))];
  const found = facts.found;
  if (found === undefined) {
    lines.push(
      labelled(
        '',
        `${count(facts.walks, 'walk')} run, no violation found; random walks prove nothing: a violation may lie off every walk (check searches every state)`,
      ),
    );
  } else {
    const what = found.kind === 'violation' ? 'a violation' : 'a model error';
    lines.push(
      labelled(
        'found',
        `by simulation: walk ${n(found.walk)} met ${what} after ${count(found.path.length, 'step')} (seed ${facts.plan.seed}; ${count(facts.walks, 'walk')} run)`,
      ),
    );
  }
  if (facts.shortening !== undefined) lines.push(labelled('shortened', shorteningLine(facts.shortening)));
  const kind = facts.shortening?.kind;
  const seconds = facts.elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(facts.steps / seconds) : 0;
  return {
    lines,
    counterexample:
      kind === 'shortest'
        ? 'shortest counterexample'
        : kind === 'shortened'
          ? 'shortened counterexample'
          : "the walk's counterexample",
    stats:
      `${count(facts.walks, 'walk')}, ${count(facts.steps, 'step')}, ${count(facts.distinct, 'distinct state')} seen, ` +
      `longest walk ${count(facts.deepest, 'step')}, ${seconds.toFixed(2)} s (${n(rate)} steps/s)`,
    json: simulationJson(facts),
  };
}

/** The JSON report's `simulation` field (documented in the README). */
function simulationJson(facts: SimulationFacts): Record<string, unknown> {
  const s = facts.shortening;
  return {
    seed: facts.plan.seed,
    mode: facts.plan.mode,
    depthBound: facts.plan.maxDepth,
    walksPlanned: facts.planned ?? null,
    walks: facts.walks,
    steps: facts.steps,
    distinctStates: facts.distinct,
    longestWalk: facts.deepest,
    foundBy: facts.found === undefined ? null : { walk: facts.found.walk, length: facts.found.path.length },
    shortening:
      s === undefined
        ? null
        : {
            kind: s.kind,
            property: s.property,
            maxStates: s.maxStates,
            searches: s.searches,
            states: s.states,
            fromStep: s.fromStep ?? null,
            interrupted: s.interrupted === true,
          },
  };
}
