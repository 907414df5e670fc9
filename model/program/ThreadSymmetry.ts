/**
 * Symmetry reduction over a program's state array: groups of interchangeable threads are put in a
 * canonical order, so that every state of an orbit (the states equal up to renumbering the threads
 * of a group) becomes the same one. Each thread's key is its stack (frame count, then frames) and
 * then everything the shared memory holds about it (`ThreadRenumbering.compareThreads`); threads of a
 * group are sorted by key and renumbered to the group's indices in that order. Two threads with
 * equal keys can be exchanged without changing the state, so the sorted state does not depend on
 * the order the threads came in: it is a canonical form, the same for the whole orbit.
 */
import { frameSlot } from './Frame.js';
import type { ThreadRenumbering } from './ThreadRenumbering.js';

/** Puts the threads of each group of a state array in canonical order. */
export class ThreadSymmetry {
  private readonly newIndex: Int32Array;
  private readonly order: Int32Array;
  private stacks = new Int32Array(0);

  /**
   * `groups`: thread indices in ascending order, each group's threads interchangeable (at least
   * two each, no thread in two groups); `stride`: integers of a thread's region of the array.
   */
  constructor(
    readonly groups: readonly (readonly number[])[],
    threadCount: number,
    private readonly stride: number,
    private readonly mem: ThreadRenumbering,
  ) {
    this.newIndex = Int32Array.from({ length: threadCount }, (_, t) => t);
    this.order = new Int32Array(Math.max(0, ...groups.map((g) => g.length)));
  }

  /** Rewrites the state in `a` (stacks from 0, the memory already pointed at it) as its orbit's representative. */
  canonicalize(a: Int32Array): void {
    const newIndex = this.newIndex;
    let moved = false;
    for (const group of this.groups) {
      if (this.sortGroup(a, group)) continue;
      const order = this.order;
      for (let i = 0; i < group.length; i++) newIndex[order[i]!] = group[i]!;
      moved = true;
    }
    if (!moved) return;
    const stride = this.stride;
    const width = stride * newIndex.length;
    if (this.stacks.length < width) this.stacks = new Int32Array(width);
    this.stacks.set(a.subarray(0, width));
    for (let t = 0; t < newIndex.length; t++) {
      const to = newIndex[t]!;
      if (to !== t) a.set(this.stacks.subarray(stride * t, stride * (t + 1)), stride * to);
    }
    this.mem.renumberThreads(newIndex);
    for (let t = 0; t < newIndex.length; t++) newIndex[t] = t;
  }

  /** Sorts `group` by key into `order`; true when it was in order already. */
  private sortGroup(a: Int32Array, group: readonly number[]): boolean {
    const order = this.order;
    let sorted = true;
    for (let i = 0; i < group.length; i++) {
      const t = group[i]!;
      let j = i;
      while (j > 0 && this.compare(a, order[j - 1]!, t) > 0) {
        order[j] = order[j - 1]!;
        j--;
      }
      if (j !== i) sorted = false;
      order[j] = t;
    }
    return sorted;
  }

  /** Compares the keys of threads `t1` and `t2`: their stacks, then what the shared memory holds about them. */
  private compare(a: Int32Array, t1: number, t2: number): number {
    const b1 = this.stride * t1;
    const b2 = this.stride * t2;
    const n = a[b1]!;
    if (n !== a[b2]) return n - a[b2]!;
    for (let i = frameSlot(b1, 0), j = frameSlot(b2, 0), end = frameSlot(b1, n); i < end; i++, j++)
      if (a[i] !== a[j]) return a[i]! - a[j]!;
    return this.mem.compareThreads(t1, t2);
  }
}

/**
 * The groups of interchangeable threads among `threads`: those with the same key (what a thread
 * is, apart from its name), two or more each, in order of their first thread.
 */
export function groupsByKey<T>(threads: readonly T[], keyOf: (t: T) => string): number[][] {
  const groups = new Map<string, number[]>();
  threads.forEach((t, tid) => {
    const key = keyOf(t);
    const group = groups.get(key);
    if (group) group.push(tid);
    else groups.set(key, [tid]);
  });
  return [...groups.values()].filter((g) => g.length > 1);
}
