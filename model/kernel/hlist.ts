/**
 * The hlist operations of include/linux/rculist.h on the notifier list, with the rules that make a
 * NULL dereference, a poisoned pointer or a corrupted list visible (kernel-model.md §3).
 */
import type { KernelEnv } from './KernelEnv.js';
import type { KernelState } from './state/KernelState.js';
import { Link } from './state/Listener.js';
import { fault, listenerName, touchListener } from './faults.js';

/** `__hlist_del`: `*pprev = next; if (next) next->pprev = pprev;` — writes the neighbours. */
function unlink(env: KernelEnv, g: KernelState, l: number, what: string): KernelState {
  const node = g.listeners.get(l)!;
  if (g.nmm.first === l) {
    g = g.setIn(['nmm', 'first'], node.next);
  } else {
    // The predecessor is on the list: a node unlinked earlier (unhashed or poisoned) may still point at l.
    const prev = g.listeners.findIndex((p) => p.next === l && p.link === Link.Hashed);
    if (prev < 0) return fault(env, g, 'list-integrity', `${what}: ${listenerName(env, l)} is hashed but on no list`);
    g = touchListener(env, g, prev, `${what} (writing the previous node's next)`);
    g = g.setIn(['listeners', prev, 'next'], node.next);
  }
  if (node.next >= 0) g = touchListener(env, g, node.next, `${what} (writing the next node's pprev)`);
  return g;
}

/** `hlist_del_init_rcu(n)`: unlink a hashed node and mark it unhashed; `next` stays readable. */
export function hlistDelInitRcu(env: KernelEnv, g: KernelState, l: number): KernelState {
  const what = `hlist_del_init_rcu on ${listenerName(env, l)}`;
  g = touchListener(env, g, l, what);
  const node = g.listeners.get(l)!;
  if (node.link === Link.Unhashed) return g;
  if (node.link === Link.Poisoned) {
    return fault(env, g, 'no-null-deref', `${what} dereferences the LIST_POISON2 left in pprev by an earlier hlist_del_rcu`);
  }
  g = unlink(env, g, l, what);
  return g.setIn(['listeners', l, 'link'], Link.Unhashed);
}

/** `hlist_del_rcu(n)`: unlink and poison pprev; on an unhashed node it dereferences NULL. */
export function hlistDelRcu(env: KernelEnv, g: KernelState, l: number): KernelState {
  const what = `hlist_del_rcu on ${listenerName(env, l)}`;
  g = touchListener(env, g, l, what);
  const node = g.listeners.get(l)!;
  if (node.link === Link.Unhashed) {
    return fault(env, g, 'no-null-deref', `${what} dereferences pprev == NULL: the node is not on the list`);
  }
  if (node.link === Link.Poisoned) {
    return fault(env, g, 'no-null-deref', `${what} dereferences the LIST_POISON2 left in pprev by an earlier hlist_del_rcu`);
  }
  g = unlink(env, g, l, what);
  return g.setIn(['listeners', l, 'link'], Link.Poisoned);
}

/** `hlist_add_head_rcu(n, head)`: a node that is already hashed corrupts the list. */
export function hlistAddHead(env: KernelEnv, g: KernelState, l: number): KernelState {
  const what = `hlist_add_head_rcu of ${listenerName(env, l)}`;
  g = touchListener(env, g, l, what);
  if (g.listeners.get(l)!.link !== Link.Unhashed) {
    g = fault(env, g, 'list-integrity', `${what}: the node is already on a list`);
  }
  const first = g.nmm.first;
  g = g.setIn(['listeners', l, 'next'], first).setIn(['listeners', l, 'link'], Link.Hashed);
  return g.setIn(['nmm', 'first'], l);
}
