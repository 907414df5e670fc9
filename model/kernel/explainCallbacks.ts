/**
 * The set-up steps around SRCU callbacks and module exit: where a callback was queued, which
 * callback an SRCU worker runs at the failing step, what module exit's mmu_notifier_synchronize()
 * (srcu_barrier, or synchronize_srcu from v5.4) did and did not wait for, and when the last
 * listener let go of the module.
 */
import type { RenderedStep } from '../RenderedStep.js';
import { where, type StepReference } from './StepReference.js';
import type { TraceFields } from './TraceFields.js';

/** Module exit's call of mmu_notifier_synchronize() (the step that queued its marker) before `freed`, the step that freed the module. */
export function moduleExitWait(t: TraceFields, freed: RenderedStep): RenderedStep | undefined {
  return t.lastStepOf(freed.thread, freed.step, isWaitCall);
}

/** The first step of a synchronize_srcu or srcu_barrier call: it queues the marker(s) to wait for, if any. */
export function isWaitCall(s: RenderedStep): boolean {
  return (s.fn === '__synchronize_srcu' || s.fn === 'srcu_barrier') && !s.code.startsWith('wait_for_completion');
}

/** The queued callback that an SRCU worker runs at the failing step: its entry and queue. */
function runningCallback(
  t: TraceFields,
  last: RenderedStep,
): { field: string; entry: string; listener: string } | undefined {
  if (!last.thread.startsWith('srcu-worker')) return undefined;
  const held = t.queueHolding(' running', last.step);
  const listener = held && /\(L(\d+)\)/.exec(held.entry)?.[1];
  return held && listener !== undefined
    ? { field: held.field, entry: held.entry.replace(/ running.*$/, ''), listener }
    : undefined;
}

/** A module freed under a queued callback: where that callback was queued and what module exit's wait missed. */
export function unloadedUnderCallback(t: TraceFields, last: RenderedStep): (StepReference | undefined)[] {
  const cb = runningCallback(t, last);
  if (!cb) return [];
  const runs = cb.entry.startsWith('mmu_notifier_free_rcu')
    ? "calls the module's free_notifier"
    : "runs the driver's code";
  const queued = callbackQueued(
    t,
    last,
    cb.listener,
    (s, f) => `${cb.entry} was queued here on ${f} (${where(s)}); it ${runs} once its grace period has ended`,
  );
  const freed = t.lastChange(last.step, (c) => c.field === 'module' && c.to === 'unloaded');
  const wait = freed && moduleExitWait(t, freed);
  if (wait?.fn !== '__synchronize_srcu') return [queued, wait && barrierStart(t, wait, cb.listener)];
  const marker = wait.changes.find((c) => c.field.startsWith('srcu.queue'))?.field ?? 'srcu.queue';
  const other = marker === cb.field ? '' : `, not for ${cb.entry} on ${cb.field}`;
  return [
    queued,
    {
      step: wait.step,
      note: `${wait.thread} called mmu_notifier_synchronize() here, which is synchronize_srcu from v5.4: it queued its marker on ${marker} and waits for a grace period${other}`,
    },
  ];
}

/** The callback of listener `l` by what it is: a put queues the core's mmu_notifier_free_rcu, other drivers a destroy callback of their own. */
export function callbackName(entry: string, l: string): string {
  return entry.startsWith('mmu_notifier_free_rcu')
    ? `mmu_notifier_free_rcu of listener${l}`
    : `the destroy callback of listener${l}`;
}

/** The step that queued the destroy callback of listener `l`; `note` gets the step, the queue field and the entry it queued. */
export function callbackQueued(
  t: TraceFields,
  last: RenderedStep,
  l: string,
  note: (s: RenderedStep, field: string, entry: string) => string,
): StepReference | undefined {
  const tag = `(L${l})`;
  const s = t.lastChange(
    last.step,
    (c) => c.field.startsWith('srcu.queue') && String(c.to).includes(tag) && !String(c.from).includes(tag),
  );
  const change = s?.changes.find((c) => c.field.startsWith('srcu.queue') && String(c.to).includes(tag));
  const entry =
    String(change?.to ?? '')
      .split('; ')
      .find((e) => e.includes(tag)) ?? '';
  return s && change ? { step: s.step, note: note(s, change.field, entry) } : undefined;
}

/** The last listener to drop its module reference: from then on module exit may start. */
export function moduleReleased(t: TraceFields, last: RenderedStep): StepReference | undefined {
  const s = t.lastChange(last.step, (c) => /^listener\d+\.holds-module$/.test(c.field) && c.to === false);
  return s
    ? {
        step: s.step,
        note: `the last listener dropped its module reference here (${where(s)}), so module exit could start`,
      }
    : undefined;
}

/** For srcu_barrier returning early: where the barrier (step `s`) started and what it did not wait for. */
export function barrierStart(
  t: TraceFields,
  s: RenderedStep | undefined,
  l: string | undefined,
): StepReference | undefined {
  if (!s) return undefined;
  const pending = l === undefined ? undefined : t.queueHolding(`(L${l})`, s.step);
  const missed = pending
    ? `: ${pending.entry} was then on ${pending.field}, and no barrier marker was queued behind it`
    : '';
  return { step: s.step, note: `${s.thread} called srcu_barrier here${missed}` };
}
