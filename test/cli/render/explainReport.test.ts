/**
 * `mmucheck explain`: for a violation, the counterexample narrated step by step in kernel terms;
 * for a pass, what was proven — properties, threads and versions, states and transitions covered,
 * bounds, collision probability. Same overrides and exit codes as `check`.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../formats/runs.js';

describe('mmucheck explain <violating scenario>', () => {
  it('narrates every step in kernel terms and says why the property fails (exit 1)', async () => {
    const r = await cli('explain', 'lazy-with-reader', '--quiet');
    expect(r.code).toBe(1);
    const out = r.out;
    expect(out).toContain(
      'VIOLATED  no-callback-on-freed: no notifier method or SRCU callback is invoked on a freed object',
    );
    expect(out).toContain(
      'What the property means:\n  A notifier method or an SRCU callback runs driver code on a listener object;',
    );
    expect(out).toContain('How it fails, step by step (16 steps: the shortest interleaving that breaks it):');
    expect(out).toContain(
      '    1  exit (cpu0) in mmput:\n        if (atomic_dec_and_test(&mm->mm_users))\n        exit drops the last user reference of the address space (mm_users)',
    );
    expect(out).toContain('*   8  reader0 (cpu1) in __mmu_notifier_invalidate_range_start:');
    expect(out).toContain(
      '        This sets up the failure: reader0 entered its SRCU read-side critical section here and is',
    );
    expect(out).toContain('        The SRCU worker starts the callback at the head of its queue');
    expect(out).toContain('>  16  reader0 (cpu1) in __mmu_notifier_invalidate_range_start:');
    expect(out).toContain('In short:\n  - step 5: the destroy callback of listener0 was queued here');
    expect(out).toContain(
      '  so at step 16, the driver method invalidate_range_start is invoked on listener 0 (lazy), which is',
    );
    expect(out).toContain('reproduce  see it as a trace: mmucheck check lazy-with-reader');
  });

  it('marks the unlocked hlist_unhashed test and the unlink that set pprev to NULL in v3.8 (kvm-reclaim)', async () => {
    const r = await cli(
      'explain',
      'examples/history/kvm-reclaim.json',
      '--kernel',
      'v3.8',
      '--srcu',
      'classic',
      '--property',
      'no-null-deref',
      '--quiet',
    );
    expect(r.code).toBe(1);
    const flat = r.out.replace(/\n\s+/g, ' ');
    expect(r.out).toContain('*   9  teardown-L0 (cpu1) in mmu_notifier_unregister:');
    expect(r.out).toContain('*  10  exit (cpu0) in __mmu_notifier_release:');
    expect(flat).toContain('changes: list L0 → empty; listener0.pprev &list.first → NULL');
    expect(flat).toContain(
      'This sets up the failure: teardown-L0 saw listener0 hashed (pprev &list.first, not NULL) in its hlist_unhashed(&mn->hlist) test here, made without the notifier list lock',
    );
    expect(flat).toContain(
      '- step 10: exit unlinked listener0 with hlist_del_init_rcu here (in __mmu_notifier_release)',
    );
    expect(flat).toContain(
      'an unlocked test followed by hlist_del_rcu (v3.8) lets another path unlink the node in between',
    );
    expect(flat).not.toContain('poisons its pprev');
    expect(flat).not.toContain('never on a list');
  });

  it('marks the early unlink and the reclaimer walk that missed the listener in v3.9 (kvm-reclaim)', async () => {
    const r = await cli(
      'explain',
      'examples/history/kvm-reclaim.json',
      '--kernel',
      'v3.9',
      '--srcu',
      'classic',
      '--property',
      'release-before-pages-freed',
      '--quiet',
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('*   4  exit (cpu0) in __mmu_notifier_release:');
    expect(r.out).toContain('*   7  reclaimer0 (cpu1) in __mmu_notifier_invalidate_page:');
    expect(r.out.replace(/\n\s+/g, ' ')).toContain(
      'a listener must stay on the notifier list until its ->release has run',
    );
  });

  it('tells the v5.4 get/put story with synchronize_srcu and the core mmu_notifier_free_rcu', async () => {
    const r = await cli(
      'explain',
      'examples/history/get-put.json',
      '--kernel',
      'v5.4',
      '--srcu',
      'tree',
      '--property',
      'no-code-after-unload',
      '--quiet',
    );
    expect(r.code).toBe(1);
    const flat = r.out.replace(/\n\s+/g, ' ');
    expect(flat).toContain(
      'mmu_notifier_synchronize() in module exit is synchronize_srcu from v5.4 (srcu_barrier before)',
    );
    expect(flat).not.toContain('mmu_notifier_synchronize() (srcu_barrier) in module exit');
    expect(flat).toContain('get0 queues mmu_notifier_free_rcu (core code) with call_srcu');
    expect(flat).not.toContain("driver's destroy callback");
    expect(flat).toContain(
      "srcu-worker/cpu1 runs mmu_notifier_free_rcu (core code), which calls the driver's free_notifier method",
    );
    expect(flat).toContain('exit drops a user reference of the address space (mm_users); others remain');
    for (const step of [19, 24, 26, 29]) expect(r.out).toMatch(new RegExp(`^\\*\\s+${step}  `, 'm'));
  });

  it('explains a deadlock by what the stuck thread waits for', async () => {
    const r = await cli('explain', 'sync-in-release', '--quiet');
    expect(r.code).toBe(1);
    const flat = r.out.replace(/\n\s+/g, ' ');
    expect(flat).toContain(
      'calling it between srcu_read_lock and srcu_read_unlock on the same srcu_struct waits forever',
    );
    expect(flat).toContain(
      'the synchronize_srcu that exit calls at step 9 waits for this very section, so exit waits for itself and never returns',
    );
  });

  it('takes the same overrides as check', async () => {
    const r = await cli('explain', 'lazy-with-reader', '--kernel', 'v3.10', '--quiet');
    expect(r.code).toBe(1);
    expect(r.out).toContain('VIOLATED  no-use-after-free');
    expect(r.out).toContain('reproduce  see it as a trace: mmucheck check lazy-with-reader --kernel v3.10');
  });
});

describe('mmucheck explain <passing scenario>', () => {
  it('says what was proven: properties, scenario, states and transitions, bounds, collision probability (exit 0)', async () => {
    const r = await cli('explain', 'seed', '--quiet');
    expect(r.code).toBe(0);
    const flat = r.out.replace(/\n\s+/g, ' ');
    expect(r.out).toContain('ALL 15 PROPERTIES HOLD on every reachable state of this scenario.');
    expect(r.out).toContain(
      '  no-deadlock                 some thread can always move until every thread has finished',
    );
    expect(r.out).toContain('threads    exit [cpu0], reader0 [cpu1], module-exit [cpu0], srcu-worker [cpu0]');
    expect(flat).toContain(
      'The search reached 707 distinct states through 1,657 generated transitions, up to 34 steps deep.',
    );
    expect(flat).toContain(
      'Bounds: at most 100,000,000 distinct states, depth 10,000, timeout 24 h; none was reached, so the search is exhaustive.',
    );
    expect(flat).toContain('the probability that a collision hid a state is about 3.6e-14');
  });

  it('says that nothing is proven when a bound stops the run (exit 3)', async () => {
    const r = await cli('explain', 'seed', '--max-states', '100', '--quiet');
    expect(r.code).toBe(3);
    expect(r.out).toContain('NOTHING IS PROVEN: the run stopped (maxStates) before covering every state.');
    expect(r.out.replace(/\n\s+/g, ' ')).toContain(
      'a bound (at most 100 distinct states, depth 10,000, timeout 24 h) stopped it',
    );
  });

  it('refuses a bad override as check does (exit 2)', async () => {
    const r = await cli('explain', 'seed', '--property', 'no-such-thing', '--quiet');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--property: unknown property "no-such-thing"');
  });
});
