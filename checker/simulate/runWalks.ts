/**
 * Runs a batch of random walks on a model, on this thread. Each walk starts from an initial state
 * (drawn when there are several), then, until the depth bound, checks the state it is in exactly as
 * the search checks a state it expands — invariants, deadlock (a state with no enabled step that the
 * model does not call final), and at a state with no enabled step the `eventually` properties the walk
 * never satisfied — and takes one enabled step drawn at random: uniformly, or weighed by the walk's
 * swarm priorities of the steps' threads. A walk ends at a violation, at a state with no enabled
 * step (a proper end, or a deadlock the model does not check for), outside the model's boundary,
 * or at the depth bound. `sometimes` properties are not checked: no walk can refute one.
 *
 * The batch ends at its first walk that violates a property or meets a model error, since a run
 * reports the first such walk in walk order: later walks of the batch would not count.
 */
import type { Model } from '../../model/Model.js';
import { FingerprintHasher } from '../fingerprint.js';
import { FingerprintSet } from '../FingerprintSet.js';
import { propertiesOf } from '../modelContract.js';
import type { IncompleteReason } from '../Outcome.js';
import { PropertyChecker } from '../PropertyChecker.js';
import type { BatchSummary, FoundWalk, WalkBatch } from './WalkBatch.js';
import { WalkRandom, swarmWeight, walkKey } from './WalkRandom.js';
import { stepperOf, type WalkStepper } from './WalkStepper.js';

/** Why the batch must stop now, or undefined while it may go on (the pool's stop word, the guard's). */
export type WalkStop = () => IncompleteReason | boolean | undefined;

// A walk of a large model polls the stop callback every POLL_STEPS steps as well as between walks.
const POLL_STEPS = 4096;

/** Runs the walks of `batch` on `model`; model errors end their walk as a found model error, never throw. */
export function runWalks(model: Model<unknown, unknown>, batch: WalkBatch, shouldStop?: WalkStop): BatchSummary {
  let walker: Walker<unknown>;
  try {
    walker = new Walker(model, batch, shouldStop);
  } catch (error) {
    return { ...NOTHING, failure: messageOf(error) };
  }
  return walker.run();
}

const NOTHING: BatchSummary = { kind: 'walks', walks: 0, steps: 0, deepest: 0, fingerprints: new Uint32Array(0) };

/** How one walk ended. */
type WalkEnd = { readonly kind: 'ended' } | { readonly kind: 'stopped'; readonly reason: IncompleteReason } | FoundWalk;

class Walker<S> {
  private readonly props: PropertyChecker<S>;
  private readonly stepper: WalkStepper<S>;
  private readonly hasher = new FingerprintHasher();
  private readonly seen = new FingerprintSet();
  private fingerprints = new Uint32Array(1024);
  private readonly path: number[] = [];
  private weights = new Float64Array(16);
  private steps = 0;
  private deepest = 0;
  private sincePoll = 0;

  constructor(
    model: Model<S, unknown>,
    private readonly batch: WalkBatch,
    private readonly shouldStop: WalkStop | undefined,
  ) {
    this.props = new PropertyChecker(model, propertiesOf(model));
    this.stepper = stepperOf(model);
  }

  run(): BatchSummary {
    const { first, count } = this.batch;
    let walks = 0;
    let end: WalkEnd = { kind: 'ended' };
    for (let walk = first; walk < first + count; walk++) {
      const stop = this.stopReason();
      if (stop !== undefined) {
        end = { kind: 'stopped', reason: stop };
        break;
      }
      end = this.walk(walk);
      if (end.kind === 'stopped') break;
      walks++;
      if (end.kind !== 'ended') break;
    }
    return {
      kind: 'walks',
      walks,
      steps: this.steps,
      deepest: this.deepest,
      fingerprints: this.fingerprints.slice(0, 2 * this.seen.size),
      ...(end.kind === 'violation' || end.kind === 'modelError' ? { found: end } : {}),
      ...(end.kind === 'stopped' ? { stopped: end.reason } : {}),
    };
  }

  private stopReason(): IncompleteReason | undefined {
    const answer = this.shouldStop?.();
    return answer === true ? 'interrupted' : answer || undefined;
  }

  private walk(walk: number): WalkEnd {
    const { seed, maxDepth, mode } = this.batch;
    const random = new WalkRandom(seed, walk);
    const key = mode === 'swarm' ? walkKey(seed, walk) : 0;
    const stepper = this.stepper;
    const props = this.props;
    const path = this.path;
    path.length = 0;
    const initial = stepper.initialCount > 1 ? random.below(stepper.initialCount) : 0;
    let action = -1; // the action being taken, for a model error
    let held = 0; // the `eventually` properties some state of the walk satisfied
    try {
      stepper.start(initial);
      for (let depth = 0; ; depth++) {
        action = -1;
        if (!stepper.withinBoundary()) return this.ended(depth);
        stepper.fingerprint(this.hasher);
        this.remember(this.hasher.hi, this.hasher.lo);
        let count: number;
        if (stepper.needsCheck()) {
          const state = stepper.state();
          const invariantsHold = props.invariantsHold(state);
          if (!invariantsHold && !props.watchesDeadlock) return this.found(walk, 'violation', initial);
          count = stepper.actionCount();
          if (!invariantsHold || props.isDeadlock(state, count)) return this.found(walk, 'violation', initial);
          if (props.terminal.length > 0) {
            held |= props.terminalAt(state);
            if (count === 0 && (props.allTerminal & ~held) !== 0) return this.found(walk, 'violation', initial);
          }
        } else {
          count = stepper.actionCount();
        }
        if (count === 0 || depth >= maxDepth) return this.ended(depth);
        if (++this.sincePoll >= POLL_STEPS) {
          this.sincePoll = 0;
          const stop = this.stopReason();
          if (stop !== undefined) return { kind: 'stopped', reason: stop };
        }
        action = mode === 'swarm' ? this.weighedChoice(count, key, random) : random.below(count);
        stepper.take(action);
        path.push(action);
        this.steps++;
      }
    } catch (error) {
      return this.found(walk, 'modelError', initial, { message: messageOf(error), actionIndex: action });
    }
  }

  /** The `k` of an enabled action drawn with probability proportional to its thread's swarm weight. */
  private weighedChoice(count: number, key: number, random: WalkRandom): number {
    if (this.weights.length < count) this.weights = new Float64Array(2 * count);
    const weights = this.weights;
    let total = 0;
    for (let k = 0; k < count; k++) {
      total += swarmWeight(key, this.stepper.threadOf(k));
      weights[k] = total;
    }
    const point = random.below(total);
    let k = 0;
    while (weights[k]! <= point) k++;
    return k;
  }

  private ended(depth: number): WalkEnd {
    if (depth > this.deepest) this.deepest = depth;
    return { kind: 'ended' };
  }

  private found(
    walk: number,
    kind: FoundWalk['kind'],
    initial: number,
    error?: { message: string; actionIndex: number },
  ): FoundWalk {
    const depth = this.path.length;
    if (depth > this.deepest) this.deepest = depth;
    return { walk, kind, initial, path: [...this.path], ...error };
  }

  /** Adds a visited state's fingerprint to the batch's distinct ones. */
  private remember(hi: number, lo: number): void {
    const id = this.seen.insert(hi, lo);
    if (id < 0) return;
    if (2 * id + 2 > this.fingerprints.length) {
      const grown = new Uint32Array(2 * this.fingerprints.length);
      grown.set(this.fingerprints);
      this.fingerprints = grown;
    }
    this.fingerprints[2 * id] = hi;
    this.fingerprints[2 * id + 1] = lo;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
