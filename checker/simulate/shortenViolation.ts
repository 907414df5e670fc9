/**
 * Shortens a walk's counterexample where a bounded breadth-first search can. A random walk wanders:
 * its trace is far longer than the interleaving that matters. So, for the violated (primary)
 * property alone:
 *
 * 1. the search of `check`, bounded to `maxStates` states, from the model's initial states: if it
 *    finds the property violated, its trace is a shortest counterexample of that property (the
 *    search meets states in level order), whether or not the bound would have let it cover the space;
 * 2. if it reaches its bound first, the same search from states of the walk, half-way along, then
 *    three quarters, seven eighths, …: the first that finds the violation within the bound gives the
 *    walk's steps up to that state followed by a shortest path from it. That trace is shortened as
 *    far as such a search could, not a shortest one;
 * 3. if none finds it, the walk's own trace is kept.
 *
 * Every search checks the primary property alone, on the model as simulated (the other properties
 * are not asked, so a path through a state that violates another one counts too); the trace is the
 * model's own, and the properties violated at its end are asked again of the whole model.
 */
import type { Model } from '../../model/Model.js';
import { check } from '../check.js';
import type { CheckOptions } from '../CheckOptions.js';
import { propertiesOf } from '../modelContract.js';
import type { ViolationOutcome } from '../Outcome.js';
import type { Trace } from '../Trace.js';
import { violationsAtEnd } from './walkOutcome.js';

/** How a walk's counterexample was shortened. */
export interface Shortening {
  /**
   * `shortest`: a search from the initial states found it (a shortest counterexample of the property);
   * `shortened`: the walk's first `fromStep` steps, then a shortest path from there;
   * `walk`: the walk's own trace (no search found the violation within its bound, or none ran).
   */
  readonly kind: 'shortest' | 'shortened' | 'walk';
  /** The property searched for. */
  readonly property: string;
  /** The walk's own length, in steps. */
  readonly walkLength: number;
  /** The state bound of each search (0: no search was run). */
  readonly maxStates: number;
  /** How many searches ran, and the distinct states they stored in all. */
  readonly searches: number;
  readonly states: number;
  /** For `shortened`: how many of the walk's steps come before the searched part. */
  readonly fromStep?: number;
  /** Set when a stop request (an interrupt) cut the shortening short. */
  readonly interrupted?: true;
}

/** What shortening needs besides the model and the walk's outcome. */
export interface ShortenOptions {
  /** The state bound of each search; 0 runs none. */
  readonly maxStates: number;
  /** Asked during the searches: a stop ends the shortening with what it has. */
  readonly shouldStop?: CheckOptions['shouldStop'];
}

/** The walk's violation `walked`, shortened as far as bounded searches of `model` can. */
export function shortenViolation<S, A>(
  model: Model<S, A>,
  walked: ViolationOutcome<S, A>,
  options: ShortenOptions,
): { outcome: ViolationOutcome<S, A>; shortening: Shortening } {
  const property = walked.violations[0]!.propertyId;
  const walkLength = walked.trace.steps.length;
  const tally = {
    kind: 'walk' as Shortening['kind'],
    searches: 0,
    states: 0,
    fromStep: undefined as number | undefined,
  };
  let interrupted = false;
  const keep = (trace: Trace<S, A>, kind: Shortening['kind'], fromStep?: number) => {
    // The property searched for leads: the trace is a counterexample of it (others violated too follow).
    const violations = violationsAtEnd(model, trace).sort(
      (a, b) => Number(b.propertyId === property) - Number(a.propertyId === property),
    );
    walked = { ...walked, trace, violations };
    tally.kind = kind;
    tally.fromStep = fromStep;
  };
  /** A bounded search for the property from `initial` (the model's own initial states when undefined). */
  const search = (initial?: S): Trace<S, A> | undefined => {
    const outcome = check(derived(model, property, initial), {
      maxStates: options.maxStates,
      ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
    });
    tally.searches++;
    tally.states += outcome.stats.distinct;
    if (outcome.kind === 'incomplete' && outcome.reason === 'interrupted') interrupted = true;
    return outcome.kind === 'violation' && outcome.violations[0]?.noWitness !== true ? outcome.trace : undefined;
  };
  if (options.maxStates > 0) {
    const shortest = search();
    if (shortest !== undefined) keep(shortest, 'shortest');
    else {
      const states = [walked.trace.initial, ...walked.trace.steps.map((s) => s.state)];
      for (const from of suffixStarts(walkLength)) {
        if (interrupted) break;
        const suffix = search(states[from]);
        if (suffix === undefined) continue;
        if (from + suffix.steps.length < walkLength)
          keep(
            { initial: walked.trace.initial, steps: [...walked.trace.steps.slice(0, from), ...suffix.steps] },
            'shortened',
            from,
          );
        break;
      }
    }
  }
  const { kind, searches, states, fromStep } = tally;
  return {
    outcome: walked,
    shortening: {
      kind,
      property,
      walkLength,
      maxStates: options.maxStates,
      searches,
      states,
      ...(fromStep === undefined ? {} : { fromStep }),
      ...(interrupted ? { interrupted: true as const } : {}),
    },
  };
}

/** Where along a walk of `length` steps the searches start: half-way, three quarters, seven eighths, … (a one-step suffix cannot shorten). */
export function suffixStarts(length: number): number[] {
  const starts: number[] = [];
  for (let left = Math.ceil(length / 2); left >= 2; left = Math.ceil(left / 2)) {
    starts.push(length - left);
  }
  return starts;
}

/**
 * `model` checking only `property`, from `initial` when given. A packed form expands encoded states
 * whatever the initial ones are, so the derived model keeps its base's (a packed program refuses to
 * give one to a model whose `initStates` is replaced).
 */
function derived<S, A>(model: Model<S, A>, property: string, initial: S | undefined): Model<S, A> {
  const only = propertiesOf(model).filter((p) => p.id === property);
  const overrides: Partial<Model<S, A>> = { properties: () => only };
  if (initial !== undefined) {
    overrides.initStates = () => [initial];
    if (model.packed !== undefined) overrides.packed = () => model.packed!();
  }
  return Object.assign(Object.create(model) as Model<S, A>, overrides);
}
