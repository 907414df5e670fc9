/**
 * The steps each bundled counterexample points back to: which step freed the object, which queued
 * the callback, which reader was still inside its critical section, what a stuck thread waits for.
 */
import { describe, expect, it } from 'vitest';
import { runOf } from '../../cli/formats/runs.js';

/** scenario → [step, the start of its note] for every reference, in step order. */
const REFERENCES: Record<string, [number, string][]> = {
  'lazy-with-reader': [
    [5, 'the destroy callback of listener0 was queued here'],
    [8, 'reader0 entered its SRCU read-side critical section here and is still inside it at step 16; it entered after the callback was queued at step 5'],
    [15, 'listener0 was freed here (srcu-worker in lazy_destroy: kfree(obj))'],
  ],
  'seed-pre-patch-lazy': [
    [5, 'the destroy callback of listener0 was queued here'],
    [7, 'exit left its SRCU read-side critical section here, so the callback queued at step 5'],
    [11, 'listener0 was freed here'],
  ],
  'seed-no-synchronize': [
    [7, 'reader0 entered its SRCU read-side critical section here and is still inside it at step 15'],
    [12, 'the last listener dropped its module reference here'],
    [14, "the module's code was freed here (module-exit in free_module: module_memfree(mod->module_core)), without mmu_notifier_synchronize()"],
  ],
  'eager-free': [
    [2, 'exit entered its SRCU read-side critical section here and is still inside it at step 6'],
    [5, 'listener0 was freed here (exit in eager_release: kfree(obj))'],
  ],
  'no-mm-pin': [
    [8, 'exit dropped an mm_count reference here (mmu_notifier_unregister_no_release: '],
    [15, 'reader0 entered its SRCU read-side critical section here'],
    [17, 'srcu-worker dropped an mm_count reference here (kfd_process_destroy_delayed: '],
    [22, 'mm_count reached zero here (exit in mmput: mmdrop(mm)), so the mm_struct and its mmu_notifier_mm are freed, although reader0 still holds a reference: one of the drops before it (steps 8, 17) dropped a reference its thread did not own'],
    [24, 'the mmu_notifier_mm was freed here'],
  ],
  'sync-in-release': [
    [2, 'exit entered its SRCU read-side critical section here and is still inside it: the synchronize_srcu that exit calls at step 9 waits for this very section'],
    [9, 'exit called synchronize_srcu here: it waits until the read-side critical sections of exit have ended'],
  ],
  'tree-barrier-one-cpu': [
    [19, 'the destroy callback of listener1 was queued here on srcu.queue.cpu1'],
    [24, 'module-exit called srcu_barrier here: deferred:destroy(L1) was then on srcu.queue.cpu1, and no barrier marker was queued behind it'],
  ],
};

describe('explainViolation points back to the steps that set the failure up', () => {
  for (const [scenario, want] of Object.entries(REFERENCES)) {
    it(scenario, () => {
      const refs = runOf(scenario).references;
      expect(refs.map((r) => r.step)).toEqual(want.map(([step]) => step));
      refs.forEach((r, i) => expect(r.note.startsWith(want[i]![1]), `step ${r.step}: ${r.note}`).toBe(true));
    });
  }

  it('has nothing to point at when every property holds', () => {
    expect(runOf('seed').references).toEqual([]);
  });
});
