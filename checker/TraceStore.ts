/**
 * The trace links of a search: 4 bytes a state while links come in breadth-first level order
 * (LevelLinks), and 6 bytes a state from the first link that does not fit that form on (a state
 * with more actions than its level leaves room for, a level too wide, links out of order): the
 * links stored so far are then copied into the wide form, and the search goes on unchanged.
 */
import { LevelLinks } from './LevelLinks.js';
import type { TraceIndices, TraceLinks } from './Stores.js';
import { MAX_ACTION_INDEX, ROOT_PARENT, WideTraceLinks } from './WideTraceLinks.js';

export { MAX_ACTION_INDEX, ROOT_PARENT } from './WideTraceLinks.js';

/** Trace links for states 0…n−1: roots carry ROOT_PARENT and their initial-state index. */
export class TraceStore implements TraceLinks {
  private compact: LevelLinks | undefined = new LevelLinks();
  private wide: WideTraceLinks | undefined;

  /** Bytes held. */
  get bytes(): number {
    return this.compact !== undefined ? this.compact.bytes : (this.wide as WideTraceLinks).bytes;
  }

  /** Whether the links are still in the 4-byte form. */
  get isCompact(): boolean {
    return this.compact !== undefined;
  }

  /** Records state `id` as the initial state `initialIndex`. */
  addRoot(id: number, initialIndex: number): void {
    requireIndex(initialIndex, 'initial-state index');
    if (this.compact?.tryRoot(id, initialIndex) !== true) this.widened().set(id, ROOT_PARENT, initialIndex);
  }

  /** Records that state `id` was reached from `parentId` by its `actionIndex`-th action. */
  addLink(id: number, parentId: number, actionIndex: number): void {
    requireIndex(actionIndex, 'action index');
    if (this.compact?.tryLink(id, parentId, actionIndex) !== true) this.widened().set(id, parentId, actionIndex);
  }

  /** The parent id of state `id`, or ROOT_PARENT. */
  parentOf(id: number): number {
    if (this.compact === undefined) return (this.wide as WideTraceLinks).parentOf(id);
    if (!this.compact.holds(id)) return ROOT_PARENT;
    const { parentId } = this.compact.linkOf(id);
    return parentId < 0 ? ROOT_PARENT : parentId;
  }

  /** The action index that led to state `id` (for a root: its initial-state index). */
  actionOf(id: number): number {
    if (this.compact === undefined) return (this.wide as WideTraceLinks).actionOf(id);
    return this.compact.holds(id) ? this.compact.linkOf(id).actionIndex : 0;
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
    return {
      initialIndex: this.actionOf(current),
      actionIndices: actionIndices.reverse(),
      stateIds: stateIds.reverse(),
    };
  }

  // The wide form, made from the compact one the first time a link does not fit it.
  private widened(): WideTraceLinks {
    if (this.wide === undefined) {
      const wide = new WideTraceLinks();
      this.compact?.forEach((id, parentId, actionIndex) =>
        wide.set(id, parentId < 0 ? ROOT_PARENT : parentId, actionIndex),
      );
      this.wide = wide;
      this.compact = undefined;
    }
    return this.wide;
  }
}

function requireIndex(index: number, what: string): void {
  if (!(Number.isInteger(index) && index >= 0 && index <= MAX_ACTION_INDEX)) {
    throw new RangeError(`trace store: ${what} ${index} does not fit in 16 bits`);
  }
}
