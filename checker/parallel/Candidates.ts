/**
 * A worker's discoveries in one level: (rank, claim index, parent id, action index, offset) quintuples in
 * rank order, in shared memory the worker keeps from level to level. The coordinator reads them
 * during the merge, which ends before the worker is sent its next level, so one buffer serves
 * every level and nothing is allocated or transferred per level once it is large enough.
 */

/** A growable list of candidate quintuples in a SharedArrayBuffer. */
export class Candidates {
  data = new Int32Array(new SharedArrayBuffer(4 * 5 * 1024));
  count = 0;

  /** Forgets the last level's candidates, keeping the memory. */
  reset(): void {
    this.count = 0;
  }

  push(rank: number, claim: number, parent: number, action: number, offset: number): void {
    if (5 * (this.count + 1) > this.data.length) this.grow();
    const at = 5 * this.count++;
    const data = this.data;
    data[at] = rank | 0;
    data[at + 1] = claim;
    data[at + 2] = parent;
    data[at + 3] = action;
    data[at + 4] = offset;
  }

  private grow(): void {
    const next = new Int32Array(new SharedArrayBuffer(this.data.byteLength * 2));
    next.set(this.data);
    this.data = next;
  }
}
