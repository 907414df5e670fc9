/**
 * The notifier hlist operations and the faults they make visible (docs/kernel-model.md §3, "List
 * operations"): NULL and poison dereferences, double adds, and writes to freed neighbours.
 */
import { describe, expect, it } from 'vitest';
import * as hlist from '../../../model/kernel/hlist.js';
import { Link } from '../../../model/kernel/state/Listener.js';
import type { KernelState } from '../../../model/kernel/state/KernelState.js';
import { faultsOf, kernelAt, listenersOf, listOrder, onState } from '../../helpers/kernelFixture.js';

// The list operations as functions from a state to the state after them.
const hlistDelInitRcu = onState(hlist.hlistDelInitRcu);
const hlistDelRcu = onState(hlist.hlistDelRcu);
const hlistAddHead = onState(hlist.hlistAddHead);

// Three amdkfd listeners registered in order: the list reads L2 -> L1 -> L0.
const { env, g } = kernelAt(listenersOf(3));
const freed = (s: KernelState, l: number) => s.setIn(['listeners', l, 'freed'], true);

describe('the initial list', () => {
  it('holds the last registered listener first, every node hashed', () => {
    expect(listOrder(g)).toEqual([2, 1, 0]);
    expect(g.listeners.map((l) => l.link).toArray()).toEqual([Link.Hashed, Link.Hashed, Link.Hashed]);
  });
});

describe('hlist_del_init_rcu', () => {
  it('unlinks a middle node, marks it unhashed and leaves its next readable for walkers', () => {
    const after = hlistDelInitRcu(env, g, 1);
    expect(listOrder(after)).toEqual([2, 0]);
    expect(after.listeners.get(1)!.link).toBe(Link.Unhashed);
    expect(after.listeners.get(1)!.next).toBe(0);
    expect(faultsOf(after)).toEqual([]);
  });

  it('unlinks the first node by moving the head', () => {
    const after = hlistDelInitRcu(env, g, 2);
    expect(after.nmm.first).toBe(1);
    expect(listOrder(after)).toEqual([1, 0]);
  });

  it('does nothing on an unhashed node', () => {
    const once = hlistDelInitRcu(env, g, 1);
    const twice = hlistDelInitRcu(env, once, 1);
    expect(twice.equals(once)).toBe(true);
    expect(faultsOf(twice)).toEqual([]);
  });

  it('on a node poisoned by hlist_del_rcu dereferences LIST_POISON2: no-null-deref', () => {
    expect(faultsOf(hlistDelInitRcu(env, hlistDelRcu(env, g, 1), 1))).toEqual([
      'no-null-deref: hlist_del_init_rcu on listener 1 (amdkfd) dereferences the LIST_POISON2 left in pprev by an earlier hlist_del_rcu',
    ]);
  });
});

describe('hlist_del_rcu', () => {
  it('on an unhashed node dereferences pprev == NULL: no-null-deref', () => {
    const unhashed = hlistDelInitRcu(env, g, 0);
    expect(faultsOf(hlistDelRcu(env, unhashed, 0))).toEqual([
      'no-null-deref: hlist_del_rcu on listener 0 (amdkfd) dereferences pprev == NULL: the node is not on the list',
    ]);
  });

  it('unlinks a hashed node and leaves it poisoned: off the list, yet not unhashed', () => {
    const after = hlistDelRcu(env, g, 1);
    expect(listOrder(after)).toEqual([2, 0]);
    expect(after.listeners.get(1)!.link).toBe(Link.Poisoned);
    expect(faultsOf(after)).toEqual([]);
  });

  it('a second unlink of the same node dereferences the poison: no-null-deref', () => {
    const twice = hlistDelRcu(env, hlistDelRcu(env, g, 1), 1);
    expect(faultsOf(twice)).toEqual([
      'no-null-deref: hlist_del_rcu on listener 1 (amdkfd) dereferences the LIST_POISON2 left in pprev by an earlier hlist_del_rcu',
    ]);
  });
});

describe('hlist_add_head_rcu', () => {
  it('puts an unhashed node first, pointing at the old first', () => {
    const after = hlistAddHead(env, hlistDelInitRcu(env, g, 0), 0);
    expect(listOrder(after)).toEqual([0, 2, 1]);
    expect(after.listeners.get(0)!.link).toBe(Link.Hashed);
    expect(faultsOf(after)).toEqual([]);
  });

  it('of a node already on the list corrupts it: list-integrity', () => {
    expect(faultsOf(hlistAddHead(env, g, 1))).toEqual([
      'list-integrity: hlist_add_head_rcu of listener 1 (amdkfd): the node is already on a list',
    ]);
  });
});

describe('unlinking writes the neighbours', () => {
  it('writing the previous node of a freed listener is a use-after-free', () => {
    expect(faultsOf(hlistDelInitRcu(env, freed(g, 2), 1))).toEqual([
      "no-use-after-free: hlist_del_init_rcu on listener 1 (amdkfd) (writing the previous node's next) accesses listener 2 (amdkfd), which is freed",
    ]);
  });

  it("writing the next node's pprev of a freed listener is a use-after-free", () => {
    expect(faultsOf(hlistDelRcu(env, freed(g, 0), 1))).toEqual([
      "no-use-after-free: hlist_del_rcu on listener 1 (amdkfd) (writing the next node's pprev) accesses listener 0 (amdkfd), which is freed",
    ]);
  });

  it('touching the freed node itself is a use-after-free, and the unlink still happens', () => {
    const after = hlistDelInitRcu(env, freed(g, 1), 1);
    expect(faultsOf(after)).toEqual([
      'no-use-after-free: hlist_del_init_rcu on listener 1 (amdkfd) accesses listener 1 (amdkfd), which is freed',
    ]);
    expect(listOrder(after)).toEqual([2, 0]);
  });

  it('the last node has no next to write: unlinking it touches only its previous node', () => {
    const after = hlistDelInitRcu(env, g, 0);
    expect(listOrder(after)).toEqual([2, 1]);
    expect(after.listeners.get(1)!.next).toBe(-1);
  });
});

describe('faults of unchecked properties', () => {
  it('are not recorded: the step goes on as the C code would', () => {
    const only = kernelAt({ ...listenersOf(2), properties: ['no-deadlock'] });
    const unhashed = hlistDelInitRcu(only.env, only.g, 0);
    expect(faultsOf(hlistDelRcu(only.env, unhashed, 0))).toEqual([]);
    expect(faultsOf(hlistAddHead(only.env, only.g, 1))).toEqual([]);
  });
});
