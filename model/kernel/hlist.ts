/**
 * The hlist operations of include/linux/rculist.h on the notifier list, with the rules that make a
 * NULL dereference, a poisoned pointer or a corrupted list visible (docs/kernel-model.md §3).
 */
import type { KernelEnv } from './KernelEnv.js';
import type { KernelMem } from './KernelMem.js';
import { Link } from './state/Listener.js';
import { fault, listenerName, touchListener } from './faults.js';

/** `__hlist_del`: `*pprev = next; if (next) next->pprev = pprev;` — writes the neighbours. */
function unlink(env: KernelEnv, m: KernelMem, l: number, what: string): void {
  const next = m.next(l);
  if (m.first === l) {
    m.first = next;
  } else {
    // The predecessor is on the list: a node unlinked earlier (unhashed or poisoned) may still point at l.
    let prev = -1;
    for (let p = 0; p < m.listenerCount && prev < 0; p++) if (m.next(p) === l && m.link(p) === Link.Hashed) prev = p;
    if (prev < 0) return fault(env, m, 'list-integrity', `${what}: ${listenerName(env, l)} is hashed but on no list`);
    touchListener(env, m, prev, `${what} (writing the previous node's next)`);
    m.setNext(prev, next);
  }
  if (next >= 0) touchListener(env, m, next, `${what} (writing the next node's pprev)`);
}

/** `hlist_del_init_rcu(n)`: unlink a hashed node and mark it unhashed; `next` stays readable. */
export function hlistDelInitRcu(env: KernelEnv, m: KernelMem, l: number): void {
  const what = `hlist_del_init_rcu on ${listenerName(env, l)}`;
  touchListener(env, m, l, what);
  const link = m.link(l);
  if (link === Link.Unhashed) return;
  if (link === Link.Poisoned) {
    return fault(
      env,
      m,
      'no-null-deref',
      `${what} dereferences the LIST_POISON2 left in pprev by an earlier hlist_del_rcu`,
    );
  }
  unlink(env, m, l, what);
  m.setLink(l, Link.Unhashed);
}

/** `hlist_del_rcu(n)`: unlink and poison pprev; on an unhashed node it dereferences NULL. */
export function hlistDelRcu(env: KernelEnv, m: KernelMem, l: number): void {
  const what = `hlist_del_rcu on ${listenerName(env, l)}`;
  touchListener(env, m, l, what);
  const link = m.link(l);
  if (link === Link.Unhashed) {
    return fault(env, m, 'no-null-deref', `${what} dereferences pprev == NULL: the node is not on the list`);
  }
  if (link === Link.Poisoned) {
    return fault(
      env,
      m,
      'no-null-deref',
      `${what} dereferences the LIST_POISON2 left in pprev by an earlier hlist_del_rcu`,
    );
  }
  unlink(env, m, l, what);
  m.setLink(l, Link.Poisoned);
}

/** `hlist_add_head_rcu(n, head)`: a node that is already hashed corrupts the list. */
export function hlistAddHead(env: KernelEnv, m: KernelMem, l: number): void {
  const what = `hlist_add_head_rcu of ${listenerName(env, l)}`;
  touchListener(env, m, l, what);
  if (m.link(l) !== Link.Unhashed) fault(env, m, 'list-integrity', `${what}: the node is already on a list`);
  m.setNext(l, m.first);
  m.setLink(l, Link.Hashed);
  m.first = l;
}
