/**
 * Why a kernel thread that has not finished cannot move, read from the state's named view (the
 * fields traces print: model/kernel/describe.ts) and the statement it stands at: its marker still
 * queued on an SRCU queue (synchronize_srcu waits for a grace period, srcu_barrier for the
 * callbacks queued before it), a place on the subscriptions wait queue, or a lock another thread
 * (or itself) holds. The same reading of the queue entries as the deadlock explanation's
 * (model/kernel/TraceFields.ts). Undefined when the view does not say.
 */
import type { ActionView, StateView } from '../../model/ActionView.js';

const MARKER = /^(sync|barrier)-marker\(([^)]+)\)(?: running)?(?: waits for (.+))?$/;
const HELD_BY = /^held by (.+)$/;

/** What each lock field is, for a reader. */
function lockName(field: string): string {
  if (field === 'nmm.lock') return 'the notifier list lock (mmu_notifier_mm->lock)';
  if (field === 'subs.lock') return 'the subscriptions lock (subscriptions->lock)';
  if (field.endsWith('.mutex')) return `${field.slice(0, -'.mutex'.length)}'s mutex`;
  return `${field.slice(0, -'.lock'.length)}'s lock`;
}

function markerReason(view: StateView, thread: string): string | undefined {
  for (const [field, value] of Object.entries(view)) {
    if (!field.startsWith('srcu.queue') || typeof value !== 'string') continue;
    for (const entry of value.split('; ')) {
      const m = MARKER.exec(entry);
      if (!m || m[2] !== thread) continue;
      const readers = m[3] ? `: the read-side critical sections of ${m[3]} have not ended` : '';
      return m[1] === 'sync'
        ? `waiting in synchronize_srcu for a grace period${readers || ' (its marker on ' + field + ' has not run yet)'}`
        : `waiting in srcu_barrier for the callbacks queued before its marker on ${field}${readers}`;
    }
  }
  return undefined;
}

function lockReason(view: StateView, thread: string, pending: readonly ActionView[]): string | undefined {
  const code = pending.map((p) => p.code).join(' ');
  if (!/lock\(|mutex/.test(code)) return undefined;
  const held = Object.entries(view).filter(
    ([field, value]) => /\.(lock|mutex)$/.test(field) && typeof value === 'string' && HELD_BY.test(value),
  );
  // The lock the statement names, when one matches; else any lock held.
  const named =
    held.find(
      ([field]) =>
        (field === 'nmm.lock' && /mmu_notifier_mm->lock/.test(code)) ||
        (field === 'subs.lock' && /subscriptions->lock/.test(code)),
    ) ??
    held.find(([field]) => field.endsWith('.mutex') && /mutex/.test(code)) ??
    held[0];
  if (!named) return undefined;
  const holder = HELD_BY.exec(String(named[1]))![1]!;
  return holder === thread
    ? `waiting for ${lockName(named[0])}, which it holds itself: it waits for ever`
    : `waiting for ${lockName(named[0])}, held by ${holder}`;
}

/** Why `thread` cannot move in the state whose view is `view`, or undefined when the view does not say. */
export function waitReason(view: StateView, thread: string, pending: readonly ActionView[]): string | undefined {
  const marker = markerReason(view, thread);
  if (marker) return marker;
  const wq = view['subs.wq'];
  if (typeof wq === 'string' && wq.split(', ').includes(thread))
    return 'waiting on the subscriptions wait queue (wait_event) until no invalidation is running';
  if (pending.some((p) => /module_refcount|wait_for_zero_refcount/.test(p.code)))
    return "waiting for the module's reference count to drop to zero: a listener still holds the module";
  return lockReason(view, thread, pending);
}
