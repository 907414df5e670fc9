/**
 * Trace links in 4 bytes a state, for the order a breadth-first search stores states in: ids are
 * dense and given level by level, so a state's parent is known by its position in the previous
 * level, and a link is `position × 2^b + action index` in one 32-bit word. The split `b` is chosen
 * per level from the previous level's size once that level is complete (at its first child), so a
 * narrow level leaves room for many actions and a level of a billion states still fits. A link
 * that does not fit, or that breaks the order, is refused; the trace store then widens.
 */

const PAGE_BITS = 14;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;

/** Receives every stored link, in id order (a root's `parentId` is -1, its action its initial-state index). */
export type LinkVisitor = (id: number, parentId: number, actionIndex: number) => void;

/** The links of states 0…count−1, stored level by level. */
export class LevelLinks {
  private readonly pages: Uint32Array[] = [];
  private readonly starts: number[] = [0]; // the first id of each level; level 0 holds the roots
  private readonly scales: number[] = [1]; // per level: 2^b, the split of its links
  private count = 0;

  /** Bytes held: the pages, and two numbers a level. */
  get bytes(): number {
    return this.pages.length * PAGE_SIZE * Uint32Array.BYTES_PER_ELEMENT + this.starts.length * 16;
  }

  /** Number of levels begun. */
  get levels(): number {
    return this.starts.length;
  }

  /** The largest action index a link from a level of `size` states can hold. */
  static maxActionFrom(size: number): number {
    return scaleFor(size) - 1;
  }

  /** Stores a root; false unless `id` is the next id and no link was stored yet. */
  tryRoot(id: number, initialIndex: number): boolean {
    if (id !== this.count || this.starts.length > 1 || !(initialIndex >= 0 && initialIndex <= 0xffff_ffff))
      return false;
    this.put(id, initialIndex);
    return true;
  }

  /** Stores a link; false unless `id` is the next id, its parent is in the level before it and the action fits. */
  tryLink(id: number, parentId: number, actionIndex: number): boolean {
    if (id !== this.count || !(actionIndex >= 0)) return false;
    const starts = this.starts;
    let level = starts.length - 1;
    if (parentId >= (starts[level] as number) && parentId < id) {
      // The first child of the newest level: that level is complete, and the next one begins here.
      this.scales.push(scaleFor(id - (starts[level] as number)));
      starts.push(id);
      level++;
    } else if (level === 0 || parentId < (starts[level - 1] as number) || parentId >= (starts[level] as number)) {
      return false;
    }
    const scale = this.scales[level] as number;
    if (actionIndex >= scale) return false;
    this.put(id, (parentId - (starts[level - 1] as number)) * scale + actionIndex);
    return true;
  }

  /** The parent id and action index of stored state `id` (a root's parent is -1). */
  linkOf(id: number): { parentId: number; actionIndex: number } {
    const level = this.levelOf(id);
    const link = (this.pages[id >>> PAGE_BITS] as Uint32Array)[id & PAGE_MASK] as number;
    if (level === 0) return { parentId: -1, actionIndex: link };
    const scale = this.scales[level] as number;
    const position = Math.floor(link / scale);
    return { parentId: (this.starts[level - 1] as number) + position, actionIndex: link - position * scale };
  }

  /** Whether state `id` is stored. */
  holds(id: number): boolean {
    return Number.isInteger(id) && id >= 0 && id < this.count;
  }

  /** Calls `visit` for every stored link, in id order. */
  forEach(visit: LinkVisitor): void {
    for (let id = 0; id < this.count; id++) {
      const { parentId, actionIndex } = this.linkOf(id);
      visit(id, parentId, actionIndex);
    }
  }

  // The level of a stored id: the last level starting at or before it.
  private levelOf(id: number): number {
    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((starts[middle] as number) <= id) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  private put(id: number, link: number): void {
    if ((id & PAGE_MASK) === 0) this.pages.push(new Uint32Array(PAGE_SIZE));
    (this.pages[id >>> PAGE_BITS] as Uint32Array)[id & PAGE_MASK] = link;
    this.count++;
  }
}

// 2^b for links into a level of `size` states: the bits its positions do not need, at most 31.
function scaleFor(size: number): number {
  const positionBits = size <= 1 ? 0 : 32 - Math.clz32(size - 1);
  return 2 ** Math.min(31, 32 - positionBits);
}
