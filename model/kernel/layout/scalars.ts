/**
 * The kernel state's single objects (docs/kernel-model.md §1): the mm_struct, the mmu_notifier_mm
 * and the driver module. In the encoding mm's two flags and the page share a word. Its fields come
 * from three Immutable records (Mm, NotifierMm, KernelState), so encode.ts maps them by name.
 */
import { bool, int, RecordLayout, WORD } from './RecordLayout.js';

export const SCALARS = new RecordLayout('scalars', [
  [int('mmUsers')],
  [int('mmCount')],
  [bool('mmFreed'), int('page', 2), bool('moduleLoaded')],
  // The first listener on the notifier list, or -1.
  [int('first')],
  // The thread holding the notifier spinlock, or -1.
  [int('lock')],
  [bool('nmmFreed', WORD)],
]);
