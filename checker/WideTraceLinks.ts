/**
 * Trace links in the general form: a 32-bit parent id and a 16-bit action index per state, 6 bytes
 * a state, in pages. Links may come in any order; the trace store falls back to this form when a
 * search does not give the level order its 4-byte links rely on.
 */

/** The parent id of an initial state. */
export const ROOT_PARENT = 0xffff_ffff;
/** The largest action index (and initial-state index) a trace link can hold. */
export const MAX_ACTION_INDEX = 0xffff;

const PAGE_BITS = 14;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;

/** Parent and action by state id; roots carry ROOT_PARENT and their initial-state index. */
export class WideTraceLinks {
  private readonly parents: Uint32Array[] = [];
  private readonly actions: Uint16Array[] = [];

  /** Bytes held by the pages. */
  get bytes(): number {
    return this.parents.length * PAGE_SIZE * (Uint32Array.BYTES_PER_ELEMENT + Uint16Array.BYTES_PER_ELEMENT);
  }

  /** Records that state `id` was reached from `parentId` (ROOT_PARENT for a root) by `actionIndex`. */
  set(id: number, parentId: number, actionIndex: number): void {
    const page = id >>> PAGE_BITS;
    while (this.parents.length <= page) {
      this.parents.push(new Uint32Array(PAGE_SIZE));
      this.actions.push(new Uint16Array(PAGE_SIZE));
    }
    (this.parents[page] as Uint32Array)[id & PAGE_MASK] = parentId;
    (this.actions[page] as Uint16Array)[id & PAGE_MASK] = actionIndex;
  }

  /** The parent id of state `id`, or ROOT_PARENT. */
  parentOf(id: number): number {
    return this.parents[id >>> PAGE_BITS]?.[id & PAGE_MASK] ?? ROOT_PARENT;
  }

  /** The action index that led to state `id` (for a root: its initial-state index). */
  actionOf(id: number): number {
    return this.actions[id >>> PAGE_BITS]?.[id & PAGE_MASK] ?? 0;
  }
}
