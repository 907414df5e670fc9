/**
 * Parent links by state id in paged typed arrays: a 32-bit parent id and a 16-bit action index per
 * state, 6 bytes a state. Pages instead of one doubling array: growth never copies, and the slack
 * is at most one page, so seen set plus trace store stay under 40 bytes per distinct state.
 */
import type { TraceIndices, TraceLinks } from './Stores.js';

/** The parent id of an initial state. */
export const ROOT_PARENT = 0xffff_ffff;
/** The largest action index (and initial-state index) a trace link can hold. */
export const MAX_ACTION_INDEX = 0xffff;

const PAGE_BITS = 14;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;

/** Trace links for states 0…n−1: roots carry ROOT_PARENT and their initial-state index. */
export class TraceStore implements TraceLinks {
  private readonly parents: Uint32Array[] = [];
  private readonly actions: Uint16Array[] = [];

  /** Bytes held by the pages. */
  get bytes(): number {
    return this.parents.length * PAGE_SIZE * (Uint32Array.BYTES_PER_ELEMENT + Uint16Array.BYTES_PER_ELEMENT);
  }

  /** Records state `id` as the initial state `initialIndex`. */
  addRoot(id: number, initialIndex: number): void {
    this.set(id, ROOT_PARENT, initialIndex);
  }

  /** Records that state `id` was reached from `parentId` by its `actionIndex`-th action. */
  addLink(id: number, parentId: number, actionIndex: number): void {
    this.set(id, parentId, actionIndex);
  }

  /** The parent id of state `id`, or ROOT_PARENT. */
  parentOf(id: number): number {
    return this.parents[id >>> PAGE_BITS]?.[id & PAGE_MASK] ?? ROOT_PARENT;
  }

  /** The action index that led to state `id` (for a root: its initial-state index). */
  actionOf(id: number): number {
    return this.actions[id >>> PAGE_BITS]?.[id & PAGE_MASK] ?? 0;
  }

  /** Walks back from `id` to its root, collecting action indices. */
  rebuild(id: number): TraceIndices {
    const stateIds = [id];
    const actionIndices: number[] = [];
    let current = id;
    for (let parent = this.parentOf(current); parent !== ROOT_PARENT; parent = this.parentOf(current)) {
      actionIndices.push(this.actionOf(current));
      stateIds.push(parent);
      current = parent;
    }
    return { initialIndex: this.actionOf(current), actionIndices: actionIndices.reverse(), stateIds: stateIds.reverse() };
  }

  private set(id: number, parentId: number, actionIndex: number): void {
    if (actionIndex < 0 || actionIndex > MAX_ACTION_INDEX) {
      throw new RangeError(`trace store: action index ${actionIndex} does not fit in 16 bits`);
    }
    const page = id >>> PAGE_BITS;
    while (this.parents.length <= page) {
      this.parents.push(new Uint32Array(PAGE_SIZE));
      this.actions.push(new Uint16Array(PAGE_SIZE));
    }
    (this.parents[page] as Uint32Array)[id & PAGE_MASK] = parentId;
    (this.actions[page] as Uint16Array)[id & PAGE_MASK] = actionIndex;
  }
}
