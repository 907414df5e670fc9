/**
 * A few bits per stored state, by state id, in paged typed arrays beside the seen set (whose layout
 * stays untouched): what held on the trace that first reached each state. Pages, as in the trace
 * store, so growth never copies; unwritten ids read as zero.
 */

/** Per-state bit masks of up to 32 bits, indexed by state id. */
export interface StateFlags {
  /** Bytes held. */
  readonly bytes: number;
  /** The mask of state `id` (0 until set). */
  get(id: number): number;
  /** Replaces the mask of state `id`. */
  set(id: number, mask: number): void;
}

const PAGE_BITS = 14;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;

type Page = Uint8Array | Uint16Array | Uint32Array;

/** The narrowest array that holds `width` bits per state: one byte a state for up to 8 bits. */
function pageFor(width: number): Page {
  if (width <= 8) return new Uint8Array(PAGE_SIZE);
  if (width <= 16) return new Uint16Array(PAGE_SIZE);
  return new Uint32Array(PAGE_SIZE);
}

/** In-memory state flags, `width` (1 to 32) bits a state. */
export class StateBits implements StateFlags {
  private readonly pages: Page[] = [];

  constructor(private readonly width: number) {
    if (!Number.isInteger(width) || width < 1 || width > 32)
      throw new RangeError(`state bits: width must be 1 to 32, got ${width}`);
  }

  /** Bytes held by the pages. */
  get bytes(): number {
    return this.pages.reduce((sum, page) => sum + page.byteLength, 0);
  }

  /** The mask of state `id` (0 until set). */
  get(id: number): number {
    return this.pages[id >>> PAGE_BITS]?.[id & PAGE_MASK] ?? 0;
  }

  /** Replaces the mask of state `id`. */
  set(id: number, mask: number): void {
    const page = id >>> PAGE_BITS;
    while (this.pages.length <= page) this.pages.push(pageFor(this.width));
    (this.pages[page] as Page)[id & PAGE_MASK] = mask;
  }
}
