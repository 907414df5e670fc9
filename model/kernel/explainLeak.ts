/**
 * The set-up steps of a leak (`no-leak`), found at a state where every thread has finished: where
 * mm_count was last changed and what it was left at, which listener was freed while its
 * registration's mm_count reference was still held, and where a callback left queued was queued.
 */
import type { RenderedStep } from '../RenderedStep.js';
import { where, type StepReference } from './StepReference.js';
import type { TraceFields } from './TraceFields.js';

/** mm_count's last changes: the last drop, and for a count below zero, where it first reached zero. */
function mmCountSteps(t: TraceFields, last: RenderedStep): StepReference[] {
  const refs: StepReference[] = [];
  const s = t.lastChange(last.step + 1, (c) => c.field === 'mm.count');
  const to = Number(s?.changes.find((c) => c.field === 'mm.count')?.to);
  if (!s) return refs;
  if (to < 0) {
    const zero = t.lastChange(s.step, (c) => c.field === 'mm.count' && c.to === 0);
    if (zero)
      refs.push({
        step: zero.step,
        note: `mm_count reached zero here (${where(zero)}), so the mm_struct was freed while a reference was still to be dropped`,
      });
    refs.push({
      step: s.step,
      note: `${s.thread} dropped an mm_count reference here (${s.fn}: ${s.code}) that was no longer counted: mm_count ${to}`,
    });
  } else if (to > 0) {
    refs.push({
      step: s.step,
      note: `mm_count was last dropped here (${where(s)}), to ${to}: no later step drops the reference${to > 1 ? 's' : ''} left, so the mm_struct is never freed`,
    });
  }
  return refs;
}

/** Listeners freed while still registered: mmu_notifier_unregister, whose mmdrop pairs with the registration's reference, never runs for them. */
function freedWhileRegistered(t: TraceFields, last: RenderedStep): StepReference[] {
  const refs: StepReference[] = [];
  for (let l = 0; t.valueAt(`listener${l}`, 0) !== undefined; l++) {
    const freed = t.lastChange(last.step + 1, (c) => c.field === `listener${l}` && c.to === 'freed');
    if (!freed || t.valueAt(`listener${l}.registered`, freed.step) !== true) continue;
    refs.push({
      step: freed.step,
      note: `listener${l} was freed here (${where(freed)}) while still registered: no mmu_notifier_unregister runs for it, so the mm_count reference its registration took is never dropped`,
    });
  }
  return refs;
}

/** Callbacks still queued at the end: where each was queued. */
function leftQueued(t: TraceFields, last: RenderedStep): StepReference[] {
  const refs: StepReference[] = [];
  for (const tag of t.queuedListeners(last.step)) {
    const s = t.lastChange(
      last.step + 1,
      (c) => c.field.startsWith('srcu.queue') && String(c.to).includes(tag) && !String(c.from).includes(tag),
    );
    if (s)
      refs.push({
        step: s.step,
        note: `the callback of ${tag.slice(1, -1).replace('L', 'listener')} was queued here (${where(s)}) and never ran`,
      });
  }
  return refs;
}

/** `no-leak`: the steps that left something allocated or referenced when every thread had finished. */
export function leakReferences(t: TraceFields, last: RenderedStep, message: string): StepReference[] {
  const refs: StepReference[] = [];
  if (/mm_count/.test(message)) refs.push(...mmCountSteps(t, last), ...freedWhileRegistered(t, last));
  if (/left queued/.test(message)) refs.push(...leftQueued(t, last));
  return refs;
}
