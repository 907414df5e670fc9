/**
 * The breadth-first frontier as two levels: the one being expanded and the one being discovered.
 * Expanding a level in array order is what makes the search order, the counts and the reported
 * counterexample deterministic.
 */
import type { Frontier } from './Stores.js';
import type { SuccessorBatch } from './SuccessorBatch.js';
import type { ModelExpansion } from './search/ModelExpansion.js';

/**
 * A frontier of the model's values, for models that cannot be decoded: the current level's states
 * and ids, and the next level's. Successors come from the model expansion that built them.
 */
export class LevelFrontier<S> implements Frontier<S> {
  constructor(private readonly expansion?: ModelExpansion<S, unknown>) {}

  private states: (S | undefined)[] = [];
  private ids: number[] = [];
  private nextStates: S[] = [];
  private nextIds: number[] = [];

  /** States in the current level. */
  get levelSize(): number {
    return this.states.length;
  }

  /** States discovered so far for the next level. */
  get nextSize(): number {
    return this.nextStates.length;
  }

  /** Adds a newly discovered state to the next level. */
  push(state: S, id: number): void {
    this.nextStates.push(state);
    this.nextIds.push(id);
  }

  /** Makes the next level current and returns its size. */
  advance(): number {
    this.states = this.nextStates;
    this.ids = this.nextIds;
    this.nextStates = [];
    this.nextIds = [];
    return this.states.length;
  }

  /** The `index`-th state of the current level, released so that expanded states can be collected. */
  take(index: number): S {
    const state = this.states[index] as S;
    this.states[index] = undefined;
    return state;
  }

  /** The state id of the `index`-th state of the current level. */
  idAt(index: number): number {
    return this.ids[index] as number;
  }

  load(index: number): void {
    this.expansion!.loadState(this.take(index));
  }

  keepInitial(state: S, _data: Int32Array, _start: number, _end: number, id: number): void {
    this.push(state, id);
  }

  keep(_batch: SuccessorBatch, k: number, id: number): void {
    this.push(this.expansion!.successorState(k), id);
  }
}
