/**
 * The kernel's history in the model: each version's statement order of __mmu_notifier_release and
 * mmu_notifier_unregister (docs/kernel-model.md §3), the v5.4 get/put API (§5), and the verdicts each
 * version gets on the history scenarios, with exact counterexample lengths and state counts.
 */
import { describe, expect, it } from 'vitest';
import { is } from 'immutable';
import { IntBuffer, IntReader } from '../../../model/IntBuffer.js';
import { check } from '../../../checker/check.js';
import { renderSteps } from '../../../checker/renderSteps.js';
import { explainViolation } from '../../../model/kernel/explainViolation.js';
import { buildKernelModel } from '../../../properties/buildKernelModel.js';
import { loadScenario } from '../../../model/kernel/loadScenario.js';
import { parseScenario } from '../../../model/kernel/parseScenario.js';
import { KERNEL_VERSIONS, type KernelVersion, type Scenario } from '../../../model/kernel/Scenario.js';
import { applyOverrides } from '../../../cli/applyOverrides.js';
import { expectOk, expectViolation } from '../../helpers/expect.js';
import { kernelAt, listenersOf, listOrder, withMem } from '../../helpers/kernelFixture.js';
import { hlistDelInitRcu, hlistDelRcu } from '../../../model/kernel/hlist.js';
import { reachableStates } from '../../helpers/reachableStates.js';
import { isIntervalEra } from '../../../model/kernel/era.js';
import { BUILTIN_DRIVERS } from '../../../model/kernel/drivers/builtinDrivers.js';

const KVM = 'examples/history/kvm-reclaim.json';
/** The unlink loop's head and first statements, as __mmu_notifier_release has them in every version. */
const UNLINK_FIRST =
  'while (unlikely(!hlist_empty(&mm->mmu_notifier_mm->list))) { mn = hlist_entry(mm->mmu_notifier_mm->list.first, struct mmu_notifier, hlist); hlist_del_init_rcu(&mn->hlist);';
const GET_PUT = 'examples/history/get-put.json';

/** The statements of procedure `name` in order: a choice as `a | b`, a call as `call f`. */
function statements(scenario: Scenario, name: string): string[] {
  const proc = buildKernelModel(scenario)
    .spec.runner()
    .procs.find((p) => p.name === name)!;
  return proc.positions.map((pos) =>
    'steps' in pos ? pos.steps.map((s) => s.code).join(' | ') : `call ${String(pos.call.proc)}`,
  );
}

function at(kernel: KernelVersion, name = KVM): Scenario {
  return applyOverrides(loadScenario(name), { kernel });
}

describe('kernel versions', () => {
  it('are v3.8, v3.9, v3.10, v3.17 and v5.4, then the interval era v5.5, v5.10, v5.18 and v6.6, oldest first', () => {
    expect(KERNEL_VERSIONS).toEqual(['v3.8', 'v3.9', 'v3.10', 'v3.17', 'v5.4', 'v5.5', 'v5.10', 'v5.18', 'v6.6']);
  });

  it('__mmu_notifier_release in v3.9 unlinks each node under the lock before calling its ->release', () => {
    expect(statements(at('v3.9'), '__mmu_notifier_release')).toEqual([
      'id = srcu_read_lock(&srcu)',
      'spin_lock(&mm->mmu_notifier_mm->lock)',
      `${UNLINK_FIRST} /* the loop body goes on below */ } | spin_unlock(&mm->mmu_notifier_mm->lock)`,
      'spin_unlock(&mm->mmu_notifier_mm->lock)',
      'if (mn->ops->release) mn->ops->release(mn, mm)',
      'spin_lock(&mm->mmu_notifier_mm->lock)',
      'srcu_read_unlock(&srcu, id)',
      'call synchronize_srcu',
    ]);
  });

  it('__mmu_notifier_release in v3.8 and v3.10 drops the read lock before the unlink loop; v3.17 and v5.4 after it', () => {
    const walk = (head: string) => [
      'id = srcu_read_lock(&srcu)',
      `${head}  /* mn = first */`,
      'if (mn->ops->release) mn->ops->release(mn, mm)',
      `${head}  /* mn = next */`,
    ];
    const three = 'hlist_for_each_entry_rcu(mn, &mm->mmu_notifier_mm->list, hlist)';
    const loop = [
      'spin_lock(&mm->mmu_notifier_mm->lock)',
      `${UNLINK_FIRST} } | spin_unlock(&mm->mmu_notifier_mm->lock)`,
    ];
    const unlock = 'srcu_read_unlock(&srcu, id)';
    // v3.8's hlist_for_each_entry_rcu still takes the struct hlist_node cursor (4 arguments).
    expect(statements(at('v3.8'), '__mmu_notifier_release')).toEqual([
      ...walk('hlist_for_each_entry_rcu(mn, n, &mm->mmu_notifier_mm->list, hlist)'),
      unlock,
      ...loop,
      'call synchronize_srcu',
    ]);
    expect(statements(at('v3.10'), '__mmu_notifier_release')).toEqual([
      ...walk(three),
      unlock,
      ...loop,
      'call synchronize_srcu',
    ]);
    for (const v of ['v3.17', 'v5.4'] as const)
      expect(statements(at(v), '__mmu_notifier_release')).toEqual([
        ...walk(three),
        ...loop,
        unlock,
        'call synchronize_srcu',
      ]);
  });

  it('mmu_notifier_unregister: v3.8 ->release then hlist_del_rcu; v3.9 hlist_del_rcu under the lock then ->release; v3.10 on hlist_del_init_rcu', () => {
    const release = (del: string) => [
      'BUG_ON(atomic_read(&mm->mm_count) <= 0)',
      'if (!hlist_unhashed(&mn->hlist))',
      'id = srcu_read_lock(&srcu)',
      'if (mn->ops->release) mn->ops->release(mn, mm)',
      'srcu_read_unlock(&srcu, id)',
      'spin_lock(&mm->mmu_notifier_mm->lock)',
      del,
      'spin_unlock(&mm->mmu_notifier_mm->lock)',
      'call synchronize_srcu',
      'BUG_ON(atomic_read(&mm->mm_count) <= 0); mmdrop(mm)',
    ];
    expect(statements(at('v3.8'), 'mmu_notifier_unregister')).toEqual(release('hlist_del_rcu(&mn->hlist)'));
    for (const v of ['v3.10', 'v3.17', 'v5.4'] as const)
      expect(statements(at(v), 'mmu_notifier_unregister')).toEqual(release('hlist_del_init_rcu(&mn->hlist)'));
    expect(statements(at('v3.9'), 'mmu_notifier_unregister')).toEqual([
      'BUG_ON(atomic_read(&mm->mm_count) <= 0)',
      'spin_lock(&mm->mmu_notifier_mm->lock)',
      'if (!hlist_unhashed(&mn->hlist)) { int id; id = srcu_read_lock(&srcu); /* the block goes on below */ } | else spin_unlock(&mm->mmu_notifier_mm->lock)',
      'hlist_del_rcu(&mn->hlist)',
      'spin_unlock(&mm->mmu_notifier_mm->lock)',
      'if (mn->ops->release) mn->ops->release(mn, mm)',
      'srcu_read_unlock(&srcu, id)',
      'call synchronize_srcu',
      'BUG_ON(atomic_read(&mm->mm_count) <= 0); mmdrop(mm)',
    ]);
  });

  it('mmu_notifier_synchronize is srcu_barrier up to v3.17 and synchronize_srcu from v5.4', () => {
    expect(statements(at('v3.17', 'seed'), 'mmu_notifier_synchronize')).toEqual(['call srcu_barrier']);
    expect(statements(at('v5.4', 'seed'), 'mmu_notifier_synchronize')).toEqual(['call synchronize_srcu']);
  });
});

describe('the hlist after an hlist_del_rcu (v3.8 and v3.9 unregister)', () => {
  it('unlinks a later node through its predecessor on the list, not through the poisoned node that still points at it', () => {
    const { env, g } = kernelAt(listenersOf(3, 'classic'));
    expect(listOrder(g)).toEqual([2, 1, 0]);
    const after = withMem(g, (m) => {
      hlistDelRcu(env, m, 1);
      hlistDelInitRcu(env, m, 0);
    });
    expect(listOrder(after)).toEqual([2]);
    expect(after.faults.toArray()).toEqual([]);
  });
});

describe('a KVM-style listener racing with exit and page reclaim (kvm-reclaim)', () => {
  it("v3.8: unregister hlist_del_rcu's the node __mmu_notifier_release already unlinked: a NULL dereference", () => {
    expectViolation(check(buildKernelModel(at('v3.8'))), 'no-null-deref', { length: 16 });
  });

  it('v3.8 and v3.10 call ->release twice (tolerated, off by default); v3.9 never does', () => {
    const twice = (v: KernelVersion) =>
      check(buildKernelModel(applyOverrides(loadScenario(KVM), { kernel: v, property: ['release-at-most-once'] })));
    expectViolation(twice('v3.8'), 'release-at-most-once', { length: 8 });
    expectViolation(twice('v3.10'), 'release-at-most-once', { length: 8 });
    expectOk(twice('v3.9'));
  });

  it('v3.9: exit unlinks the node before ->release, and a reclaimer frees the page the secondary MMU still maps', () => {
    const model = buildKernelModel(at('v3.9'));
    const outcome = expectViolation(check(model), 'release-before-pages-freed', { length: 9 });
    const exit = renderSteps(model, outcome.trace)
      .filter((s) => s.thread === 'exit')
      .map((s) => s.code);
    expect(exit.slice(1)).toEqual([
      'id = srcu_read_lock(&srcu)',
      'spin_lock(&mm->mmu_notifier_mm->lock)',
      `${UNLINK_FIRST} /* the loop body goes on below */ }`,
    ]);
  });

  it.each([
    ['v3.10', 2556],
    ['v3.17', 2505],
    ['v5.4', 2505],
  ] as const)('%s: all properties hold on %i distinct states', (kernel, distinct) => {
    expect(expectOk(check(buildKernelModel(at(kernel)))).stats.distinct).toBe(distinct);
  });
});

describe('the v5.4 get/put API (get-put)', () => {
  it('with classic SRCU all properties hold; synchronize_srcu waits for the free callbacks behind it in the one FIFO queue', () => {
    const scenario = applyOverrides(loadScenario(GET_PUT), { srcu: 'classic' });
    expect(expectOk(check(buildKernelModel(scenario))).stats.distinct).toBe(3598);
  });

  it('with tree SRCU mmu_notifier_synchronize (synchronize_srcu) misses a free_notifier queued on the other CPU', () => {
    const scenario = loadScenario(GET_PUT);
    expect([scenario.kernel, scenario.srcu]).toEqual(['v5.4', 'tree']);
    const model = buildKernelModel(scenario);
    const outcome = expectViolation(check(model), 'no-code-after-unload', { length: 31 });
    const notes = explainViolation(renderSteps(model, outcome.trace), outcome.trace.steps.at(-1)!.state.shared).map(
      (r) => r.note,
    );
    expect(notes).toContain(
      'module-exit called mmu_notifier_synchronize() here, which is synchronize_srcu from v5.4: it queued its marker on srcu.queue.cpu0 and waits for a grace period, not for mmu_notifier_free_rcu(L1) on srcu.queue.cpu1',
    );
    expect(notes).toContain(
      "the module's code was freed here (module-exit in free_module: module_memfree(mod->module_core)), once mmu_notifier_synchronize() (synchronize_srcu from v5.4) called at step 26 had returned",
    );
  });

  it('names every step of that counterexample by one C statement, not two and not prose', () => {
    const model = buildKernelModel(loadScenario(GET_PUT));
    const outcome = expectViolation(check(model), 'no-code-after-unload', { length: 31 });
    for (const s of renderSteps(model, outcome.trace)) {
      const code = s.code.replace(/\s*\/\*.*?\*\//g, '');
      expect(code, `step ${s.step}: ${s.code}`).not.toContain(';');
      expect(code, `step ${s.step}: ${s.code}`).not.toMatch(/^[a-z_]+ [a-z]+ /);
    }
    const codes = renderSteps(model, outcome.trace).map((s) => `${s.fn}: ${s.code}`);
    expect(codes).toContain('get_put_teardown: drv_zap_sptes(obj)');
    expect(codes).toContain('mmu_notifier_free_rcu: mn->ops->free_notifier(mn)');
    expect(codes).toContain(
      'find_get_mmu_notifier: if (likely(mn->users != UINT_MAX)) mn->users++  /* mn: the first node with these ops */',
    );
  });

  it("with the seed's srcu_barrier as mmu_notifier_synchronize (v3.17) tree SRCU holds too", () => {
    const scenario: Scenario = { ...loadScenario(GET_PUT), functions: { mmu_notifier_synchronize: 'v3.17' } };
    expectOk(check(buildKernelModel(scenario)));
  });

  it('mmu_notifier_get either takes a second user of the listed node or allocates and registers its own', () => {
    const states = reachableStates(applyOverrides(loadScenario(GET_PUT), { srcu: 'classic' }));
    expect(states.some((s) => s.shared.listeners.get(0)!.users === 2)).toBe(true);
    expect(
      states.some(
        (s) =>
          !s.shared.listeners.get(2)!.freed &&
          s.shared.listeners.get(2)!.registered &&
          s.shared.listeners.get(2)!.users === 1,
      ),
    ).toBe(true);
  });

  it('encodes user counts and spare objects reversibly: every reachable state decodes to an equal state', () => {
    const scenario = applyOverrides(loadScenario(GET_PUT), { srcu: 'classic' });
    const model = buildKernelModel(scenario);
    const buffer = new IntBuffer();
    for (const s of reachableStates(scenario)) {
      buffer.clear();
      model.encode!(s, buffer);
      expect(is(model.decode!(new IntReader(buffer.data, 0, buffer.length)), s)).toBe(true);
    }
  });

  it('a listener that puts from ->release holds in every version', () => {
    const base: Scenario = {
      ...loadScenario('seed'),
      listeners: [{ behaviour: 'put-in-release', driver: BUILTIN_DRIVERS['put-in-release'], maps: true, cpu: 0 }],
    };
    for (const kernel of KERNEL_VERSIONS.filter((k) => !isIntervalEra(k)))
      for (const srcu of ['classic', 'tree'] as const) expectOk(check(buildKernelModel({ ...base, kernel, srcu })));
  });

  it('a teardown put on CPU 1 with tree SRCU outlives module exit on v5.4 in 12 steps', () => {
    const scenario: Scenario = {
      ...loadScenario('seed'),
      kernel: 'v5.4',
      srcu: 'tree',
      listeners: [{ behaviour: 'get-put', driver: BUILTIN_DRIVERS['get-put'], maps: true, cpu: 1 }],
    };
    expectViolation(check(buildKernelModel(scenario)), 'no-code-after-unload', { length: 12 });
  });
});

describe("v5.4 mmu_notifier_synchronize with the seed's deferred listener (tree-barrier)", () => {
  it('misses the deferred destroy queued on CPU 1: no-code-after-unload in 28 steps', () => {
    expectViolation(check(buildKernelModel(at('v5.4', 'tree-barrier'))), 'no-code-after-unload', { length: 28 });
  });

  it('holds again with the v3.17 mmu_notifier_synchronize, exploring the same 1,366 states as tree-barrier', () => {
    const scenario: Scenario = {
      ...loadScenario('tree-barrier'),
      kernel: 'v5.4',
      functions: { mmu_notifier_synchronize: 'v3.17' },
    };
    expect(expectOk(check(buildKernelModel(scenario))).stats.distinct).toBe(1366);
  });
});

describe('get threads in scenario files', () => {
  const file = (threads: unknown[], listeners: unknown[] = [{ behaviour: 'get-put', cpu: 1 }]) => ({
    kernel: 'v5.4',
    listeners,
    threads: [{ kind: 'exit' }, ...threads],
  });

  it('name the get/put listener whose ops they get', () => {
    const s = parseScenario(file([{ kind: 'get', listener: 0, cpu: 1, count: 2 }]), 'g.json');
    expect(s.threads[1]).toEqual({ kind: 'get', cpu: 1, count: 2, listener: 0 });
  });

  it('refuse a listener outside the list or not of the get/put API, naming the field', () => {
    expect(() => parseScenario(file([{ kind: 'get', listener: 1 }]), 'g.json')).toThrow(
      'g.json: threads[1].listener: expected a whole number from 0 to 0, got 1',
    );
    expect(() => parseScenario(file([{ kind: 'get', listener: 0 }], [{ behaviour: 'amdkfd' }]), 'g.json')).toThrow(
      /threads\[1\]\.listener: listener 0 is "amdkfd"; a get thread gets a listener of the get\/put API/,
    );
    expect(() => parseScenario(file([{ kind: 'get' }]), 'g.json')).toThrow(
      'g.json: threads[1].listener: missing required field',
    );
    expect(() => parseScenario(file([{ kind: 'reader', listener: 0 }]), 'g.json')).toThrow(
      /threads\[1\]\.listener: unknown field/,
    );
  });

  it('accept every version in functions, mmu_notifier_synchronize included', () => {
    const s = parseScenario(
      { ...file([]), functions: { mmu_notifier_synchronize: 'v3.17', __mmu_notifier_release: 'v3.9' } },
      'g.json',
    );
    expect(s.functions).toEqual({ mmu_notifier_synchronize: 'v3.17', __mmu_notifier_release: 'v3.9' });
  });
});
