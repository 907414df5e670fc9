/**
 * The steps each bundled counterexample and each violated history cell points back to: which step
 * freed the object, which queued the callback, which reader was still inside its critical section,
 * what a stuck thread waits for, which test saw a node hashed and which unlink set its pprev to NULL.
 */
import { describe, expect, it } from 'vitest';
import { List } from 'immutable';
import type { RenderedStep } from '../../../checker/renderSteps.js';
import { explainViolation } from '../../../model/kernel/explainViolation.js';
import { makeFault } from '../../../model/kernel/state/Fault.js';
import { kernelAt } from '../../helpers/kernelFixture.js';
import type { ScenarioOverrides } from '../../../cli/applyOverrides.js';
import { runOf } from '../../cli/formats/runs.js';

/** scenario → [step, note] for every reference of its counterexample, in step order. */
const REFERENCES: Record<string, [number, string][]> = {
  'lazy-with-reader': [
    [
      5,
      'the destroy callback of listener0 was queued here (exit in lazy_release: mmu_notifier_call_srcu(&obj->rcu, &lazy_destroy)); it waits only for the read-side critical sections active at this point',
    ],
    [
      8,
      'reader0 entered its SRCU read-side critical section here and is still inside it at step 16; it entered after the callback was queued at step 5, so the callback does not wait for it',
    ],
    [15, 'listener0 was freed here (srcu-worker in lazy_destroy: kfree(obj))'],
  ],
  'seed-pre-patch-lazy': [
    [
      5,
      'the destroy callback of listener0 was queued here (exit in lazy_release: mmu_notifier_call_srcu(&obj->rcu, &lazy_destroy)); it waits only for the read-side critical sections active at this point',
    ],
    [
      7,
      'exit left its SRCU read-side critical section here, so the callback queued at step 5, which waited only for the sections active then, could run; exit goes on to use listener0 at step 12, outside any critical section',
    ],
    [11, 'listener0 was freed here (srcu-worker in lazy_destroy: kfree(obj))'],
  ],
  'seed-no-synchronize': [
    [7, 'reader0 entered its SRCU read-side critical section here and is still inside it at step 15'],
    [
      12,
      'the last listener dropped its module reference here (exit in kfd_process_notifier_release: mmu_notifier_call_srcu(&p->rcu, &kfd_process_destroy_delayed)), so module exit could start',
    ],
    [
      14,
      "the module's code was freed here (module-exit in free_module: module_memfree(mod->module_core)), without mmu_notifier_synchronize() (srcu_barrier) before it",
    ],
  ],
  'eager-free': [
    [2, 'exit entered its SRCU read-side critical section here and is still inside it at step 6'],
    [5, 'listener0 was freed here (exit in eager_release: kfree(obj))'],
  ],
  'no-mm-pin': [
    [
      8,
      'exit dropped an mm_count reference here (mmu_notifier_unregister_no_release: BUG_ON(atomic_read(&mm->mm_count) <= 0); mmdrop(mm)), 3 → 2',
    ],
    [15, 'reader0 entered its SRCU read-side critical section here and is still inside it at step 25'],
    [
      17,
      'srcu-worker dropped an mm_count reference here (kfd_process_destroy_delayed: BUG_ON(atomic_read(&mm->mm_count) <= 0); mmdrop(mm)), 2 → 1',
    ],
    [
      22,
      'mm_count reached zero here (exit in mmput: mmdrop(mm)), so the mm_struct and its mmu_notifier_mm are freed, although reader0 still holds a reference: one of the drops before it (steps 8, 17) dropped a reference its thread did not own',
    ],
    [24, 'the mmu_notifier_mm was freed here (exit in __mmu_notifier_mm_destroy: kfree(mm->mmu_notifier_mm))'],
  ],
  'sync-in-release': [
    [
      2,
      'exit entered its SRCU read-side critical section here and is still inside it: the synchronize_srcu that exit calls at step 9 waits for this very section, so exit waits for itself and never returns',
    ],
    [9, 'exit called synchronize_srcu here: it waits until the read-side critical sections of exit have ended'],
  ],
  'tree-barrier-one-cpu': [
    [
      19,
      'the destroy callback of listener1 was queued here on srcu.queue.cpu1 (teardown-L1 in deferred_teardown: mmu_notifier_call_srcu(&obj->rcu, &deferred_destroy))',
    ],
    [
      24,
      'module-exit called srcu_barrier here: deferred:destroy(L1) was then on srcu.queue.cpu1, and no barrier marker was queued behind it',
    ],
  ],
};

const KVM = 'examples/history/kvm-reclaim.json';
const GET_PUT = 'examples/history/get-put.json';

/** A violated cell of `mmucheck history` (or a property off by default), its run's overrides, and every reference in full. */
const CELLS: { name: string; scenario: string; overrides: ScenarioOverrides; want: [number, string][] }[] = [
  {
    name: 'kvm-reclaim v3.8: no-null-deref, the unlocked hlist_unhashed test and the unlink that set pprev to NULL',
    scenario: KVM,
    overrides: { kernel: 'v3.8', srcu: 'classic', property: ['no-null-deref'] },
    want: [
      [
        9,
        'teardown-L0 saw listener0 hashed (pprev &list.first, not NULL) in its hlist_unhashed(&mn->hlist) test here, made without the notifier list lock, so it went on to unlink it with hlist_del_rcu at step 16',
      ],
      [
        10,
        "exit unlinked listener0 with hlist_del_init_rcu here (in __mmu_notifier_release), after teardown-L0's test at step 9 and before its hlist_del_rcu: pprev &list.first → NULL, so the node is off the list",
      ],
    ],
  },
  {
    name: 'kvm-reclaim v3.9: release-before-pages-freed, the early unlink and the reclaimer walk that found the list empty',
    scenario: KVM,
    overrides: { kernel: 'v3.9', srcu: 'classic', property: ['release-before-pages-freed'] },
    want: [
      [
        4,
        'exit unlinked listener0 from the notifier list before its ->release here (with hlist_del_init_rcu in __mmu_notifier_release), while its secondary MMU still mapped the page: no later walk of the list finds it',
      ],
      [
        7,
        'reclaimer0 found the notifier list empty when it walked it here (in __mmu_notifier_invalidate_page): listener0 had left it at step 4, so its ->invalidate_page was not called and its secondary MMU kept the page mapped',
      ],
    ],
  },
  {
    name: "get-put v5.4 tree: no-code-after-unload, the free_rcu queued on cpu1 and synchronize_srcu's marker on cpu0",
    scenario: GET_PUT,
    overrides: { kernel: 'v5.4', srcu: 'tree', property: ['no-code-after-unload'] },
    want: [
      [
        19,
        "mmu_notifier_free_rcu(L1) was queued here on srcu.queue.cpu1 (get0 in mmu_notifier_put: call_srcu(&srcu, &mn->rcu, mmu_notifier_free_rcu)); it calls the module's free_notifier once its grace period has ended",
      ],
      [
        24,
        'the last listener dropped its module reference here (teardown-L0 in mmu_notifier_put: call_srcu(&srcu, &mn->rcu, mmu_notifier_free_rcu)), so module exit could start',
      ],
      [
        26,
        'module-exit called mmu_notifier_synchronize() here, which is synchronize_srcu from v5.4: it queued its marker on srcu.queue.cpu0 and waits for a grace period, not for mmu_notifier_free_rcu(L1) on srcu.queue.cpu1',
      ],
      [
        29,
        "the module's code was freed here (module-exit in free_module: module_memfree(mod->module_core)), once mmu_notifier_synchronize() (synchronize_srcu from v5.4) called at step 26 had returned",
      ],
    ],
  },
  {
    name: 'kvm-reclaim v3.10: release-at-most-once, the first ->release and the test that saw the node still hashed',
    scenario: KVM,
    overrides: { kernel: 'v3.10', srcu: 'classic', property: ['release-at-most-once'] },
    want: [
      [4, 'exit called ->release on listener0 here (in __mmu_notifier_release)'],
      [
        6,
        'teardown-L0 saw listener0 hashed (pprev &list.first, not NULL) in its hlist_unhashed(&mn->hlist) test here, made without the notifier list lock, so it went on to call ->release; exit had called ->release at step 4 but not yet unlinked the node',
      ],
    ],
  },
  {
    name: 'tree-barrier-one-cpu: no-code-after-unload, the callback the barrier missed and the barrier',
    scenario: 'tree-barrier-one-cpu',
    overrides: { property: ['no-code-after-unload'] },
    want: [
      [
        19,
        'the last listener dropped its module reference here (teardown-L1 in deferred_teardown: mmu_notifier_call_srcu(&obj->rcu, &deferred_destroy)), so module exit could start',
      ],
      [
        19,
        "deferred:destroy(L1) was queued here on srcu.queue.cpu1 (teardown-L1 in deferred_teardown: mmu_notifier_call_srcu(&obj->rcu, &deferred_destroy)); it runs the driver's code once its grace period has ended",
      ],
      [
        24,
        'module-exit called srcu_barrier here: deferred:destroy(L1) was then on srcu.queue.cpu1, and no barrier marker was queued behind it',
      ],
      [
        26,
        "the module's code was freed here (module-exit in free_module: module_memfree(mod->module_core)), once mmu_notifier_synchronize() (srcu_barrier) called at step 24 had returned",
      ],
    ],
  },
  {
    name: 'eager-free: no-leak, the listener freed while registered and the last mm_count drop',
    scenario: 'eager-free',
    overrides: { property: ['no-leak'] },
    want: [
      [
        5,
        'listener0 was freed here (exit in eager_release: kfree(obj)) while still registered: no mmu_notifier_unregister runs for it, so the mm_count reference its registration took is never dropped',
      ],
      [
        21,
        'mm_count was last dropped here (exit in mmput: mmdrop(mm)), to 1: no later step drops the reference left, so the mm_struct is never freed',
      ],
    ],
  },
  {
    name: 'no-mm-pin: no-leak, where mm_count reached zero and the drop below it',
    scenario: 'no-mm-pin',
    overrides: { property: ['no-leak'] },
    want: [
      [
        22,
        'mm_count reached zero here (srcu-worker in kfd_process_destroy_delayed: BUG_ON(atomic_read(&mm->mm_count) <= 0); mmdrop(mm)), so the mm_struct was freed while a reference was still to be dropped',
      ],
      [30, 'exit dropped an mm_count reference here (mmput: mmdrop(mm)) that was no longer counted: mm_count -1'],
    ],
  },
];

describe('explainViolation points back to the steps that set the failure up', () => {
  for (const [scenario, want] of Object.entries(REFERENCES)) {
    it(scenario, () => {
      expect(runOf(scenario).references).toEqual(want.map(([step, note]) => ({ step, note })));
    });
  }

  for (const { name, scenario, overrides, want } of CELLS) {
    it(name, () => {
      expect(runOf(scenario, overrides).references).toEqual(want.map(([step, note]) => ({ step, note })));
    });
  }

  it('has nothing to point at when every property holds', () => {
    expect(runOf('seed').references).toEqual([]);
  });
});

describe('explainViolation names the callback by what was queued', () => {
  const step = (
    n: number,
    thread: string,
    fn: string,
    code: string,
    changes: RenderedStep['changes'] = [],
  ): RenderedStep => ({ step: n, thread, fn, code, changes });

  it("calls a put's queued callback mmu_notifier_free_rcu, core code, not a destroy callback of the driver", () => {
    const { g } = kernelAt({ kernel: 'v5.4', listeners: [{ behaviour: 'get-put' }] });
    const final = g.set(
      'faults',
      List([
        makeFault({
          property: 'no-callback-on-freed',
          object: 'listener0',
          message: 'free_notifier is invoked on listener 0 (get-put), which is freed',
        }),
      ]),
    );
    const steps = [
      step(1, 'teardown-L0', 'mmu_notifier_put', 'call_srcu(&srcu, &mn->rcu, mmu_notifier_free_rcu)', [
        { field: 'srcu.queue', from: 'empty', to: 'mmu_notifier_free_rcu(L0)' },
      ]),
      step(2, 'srcu-worker', 'mmu_notifier_free_rcu', 'mn->ops->free_notifier(mn)'),
    ];
    expect(explainViolation(steps, final, { property: 'no-callback-on-freed' }).map((r) => r.note)).toEqual([
      'mmu_notifier_free_rcu of listener0 was queued here (teardown-L0 in mmu_notifier_put: call_srcu(&srcu, &mn->rcu, mmu_notifier_free_rcu)); it waits only for the read-side critical sections active at this point',
    ]);
  });
});
