/** The mm_struct: its two reference counts, whether it is freed, and the one page the model follows. */
import { Record, type RecordOf } from 'immutable';

/** Where the page the model follows stands. */
export const enum Page {
  /** Mapped in the primary MMU; exit_mmap would free it. */
  Mapped = 0,
  /** Unmapped from the primary MMU by a reclaimer, which now owns it and will free it. */
  Isolated = 1,
  Freed = 2,
}

export interface MmProps {
  /** mm_users: tasks using the address space. */
  readonly users: number;
  /** mm_count: references to the structure itself (all mm_users together hold one). */
  readonly count: number;
  readonly freed: boolean;
  readonly page: Page;
}

/** An immutable mm_struct. */
export type Mm = RecordOf<MmProps>;

/** Builds an mm_struct. */
export const makeMm = Record<MmProps>({ users: 1, count: 1, freed: false, page: Page.Mapped }, 'Mm');
