/** The flat, named view of a kernel state that traces print (only the fields that change). */
import { usesOp } from './drivers/DriverScript.js';
import type { StateView } from '../ActionView.js';
import type { KernelEnv } from './KernelEnv.js';
import type { KernelState } from './state/KernelState.js';
import type { Page } from './state/Mm.js';
import { Link } from './state/Listener.js';
import { CallbackKind, type Callback } from './state/Callback.js';

const PAGE = ['mapped', 'isolated by reclaimer', 'freed'] as const;

function threadList(env: KernelEnv, mask: number): string {
  return env.threadNames.filter((_n, tid) => (mask >> tid) & 1).join(', ');
}

/** A destroy callback by what runs: a put queues the core's mmu_notifier_free_rcu, other drivers a callback of their own. */
function destroyName(env: KernelEnv, l: number): string {
  const script = env.scripts[l]!;
  return script.api === 'get-put' ? `mmu_notifier_free_rcu(L${l})` : `${script.name}:destroy(L${l})`;
}

function describeCallback(env: KernelEnv, cb: Callback): string {
  const what =
    cb.kind === CallbackKind.Destroy
      ? destroyName(env, cb.listener)
      : `${cb.kind === CallbackKind.Sync ? 'sync' : 'barrier'}-marker(${env.threadNames[cb.owner]})`;
  const waits = cb.waitMask ? ` waits for ${threadList(env, cb.waitMask)}` : '';
  return `${what}${cb.running ? ' running' : ''}${waits}`;
}

function describeList(g: KernelState): string {
  const nodes: string[] = [];
  for (let l = g.nmm.first, n = 0; l >= 0 && n <= g.listeners.size; l = g.listeners.get(l)!.next, n++)
    nodes.push(`L${l}`);
  return nodes.length ? nodes.join(' -> ') : 'empty';
}

/**
 * The node's `pprev`, which hlist_unhashed() tests and __hlist_del() writes through: the address of
 * the pointer that points at the node (the list head's `first` or the previous node's `next`) while
 * it is on the list, NULL once hlist_del_init_rcu unlinked it (or before it was ever added), and
 * LIST_POISON2 once hlist_del_rcu did.
 */
function describePprev(g: KernelState, l: number): string {
  const link = g.listeners.get(l)!.link as Link;
  if (link === Link.Unhashed) return 'NULL';
  if (link === Link.Poisoned) return 'LIST_POISON2';
  if (g.nmm.first === l) return '&list.first';
  const prev = g.listeners.findIndex((p) => p.next === l && (p.link as Link) === Link.Hashed);
  return prev < 0 ? 'on no list' : `&L${prev}.next`;
}

const LINK = ['unhashed', 'on the deferred list', 'LIST_POISON2'] as const;

/** The interval world's part of the view: the subscriptions struct, the page, each mirror. */
function describeInterval(env: KernelEnv, g: KernelState, view: Record<string, string | number | boolean>): void {
  const iv = g.interval;
  view['subs'] = !iv.subs ? 'NULL' : g.nmm.freed ? 'freed' : 'live';
  view['subs.lock'] = view['nmm.lock']!;
  delete view['nmm.lock'];
  delete view['nmm'];
  delete view['list'];
  view['subs.has_itree'] = iv.hasItree;
  view['subs.invalidate_seq'] = iv.seq;
  view['subs.active_invalidate_ranges'] = iv.active;
  const deferred: string[] = [];
  for (let i = iv.deferredFirst, n = 0; i >= 0 && n <= g.mirrors.size; i = g.mirrors.get(i)!.deferredNext, n++)
    deferred.push(`M${i}`);
  view['subs.deferred_list'] = deferred.length ? deferred.join(' -> ') : 'empty';
  view['subs.wq'] = threadList(env, iv.armed) || 'nobody waiting';
  view['process.tasks'] = iv.tasks;
  view['page.generation'] = iv.gen;
  view['page.valid-from'] = iv.validFrom;
  g.mirrors.forEach((m, i) => {
    view[`mirror${i}`] = m.freed ? 'freed' : 'live';
    view[`mirror${i}.subscribed`] = m.subscribed;
    view[`mirror${i}.in-tree`] = m.inTree;
    view[`mirror${i}.deferred_item`] = LINK[m.deferred];
    view[`mirror${i}.invalidate_seq`] = m.seq;
    view[`mirror${i}.mutex`] = m.mutex < 0 ? 'free' : `held by ${env.threadNames[m.mutex]}`;
    view[`mirror${i}.read`] = m.readGen < 0 ? 'nothing read' : `generation ${m.readGen}`;
    view[`mirror${i}.mapping`] = m.mapping < 0 ? 'none' : `generation ${m.mapping}`;
  });
}

/** The view: mm, notifier head, list, each listener, SRCU readers and queues, module. */
export function describeKernel(env: KernelEnv, g: KernelState): StateView {
  const view: Record<string, string | number | boolean> = {
    mm: g.mm.freed ? 'freed' : 'live',
    'mm.users': g.mm.users,
    'mm.count': g.mm.count,
    page: PAGE[g.mm.page as Page],
    nmm: g.nmm.freed ? 'freed' : 'live',
    'nmm.lock': g.nmm.lock < 0 ? 'free' : `held by ${env.threadNames[g.nmm.lock]}`,
    list: describeList(g),
  };
  g.listeners.forEach((l, i) => {
    view[`listener${i}`] = l.freed ? 'freed' : 'live';
    view[`listener${i}.pprev`] = describePprev(g, i);
    view[`listener${i}.next`] = l.next < 0 ? 'NULL' : `L${l.next}`;
    view[`listener${i}.secondary`] = l.maps ? 'maps the page' : 'no mapping';
    view[`listener${i}.releases`] = l.releases;
    view[`listener${i}.registered`] = l.registered;
    view[`listener${i}.holds-module`] = l.holdsModule;
    if (env.scripts[i]!.api === 'get-put') view[`listener${i}.users`] = l.users;
    if (usesOp(env.scripts[i]!, 'lock'))
      view[`listener${i}.lock`] = l.lock < 0 ? 'free' : `held by ${env.threadNames[l.lock]}`;
  });
  if (env.interval) {
    describeInterval(env, g, view);
    return view;
  }
  let readers = 0;
  g.srcuNesting.forEach((d, tid) => {
    if (d > 0) readers |= 1 << tid;
  });
  view['srcu.readers'] = threadList(env, readers) || 'none';
  g.queues.forEach((q, i) => {
    view[env.queues === 1 ? 'srcu.queue' : `srcu.queue.cpu${i}`] = q.isEmpty()
      ? 'empty'
      : q.map((cb) => describeCallback(env, cb)).join('; ');
  });
  view['module'] = g.moduleLoaded ? 'loaded' : 'unloaded';
  return view;
}
