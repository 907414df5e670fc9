/**
 * Explains a counterexample of the interval era in kernel terms (docs/interval-notifiers.md §I5, §I7):
 * for a freed subscription that the deferred list still named, which read of `invalidate_seq` lost
 * the race with `mn_itree_inv_end`; for a stale mapping, when the fault read the page, when the
 * invalidation changed it, set the seq and returned, and what the retry check saw; for a deadlock,
 * who sleeps on the wait queue and who holds a mutex. Like the classic explainer it reads only the
 * rendered steps.
 */
import type { RenderedStep } from '../../RenderedStep.js';
import type { TraceFields } from '../TraceFields.js';
import { where, type StepReference } from '../StepReference.js';

/** A step whose code reads `invalidate_seq` without the lock in a wait (remove's before 319561669a59, read_begin's always). */
function unlockedSeqRead(s: RenderedStep): boolean {
  return s.code.startsWith('wait_event(') && s.code.includes('READ_ONCE(');
}

/** The freed subscription `mirror` was still on the deferred list: the read that returned early, and the increment it saw. */
export function removeRaceReferences(t: TraceFields, last: RenderedStep, mirror: string): StepReference[] {
  const freed = t.lastChange(last.step, (c) => c.field === mirror && c.to === 'freed');
  if (!freed) return [];
  const deferredAtFree = t.valueAt(`${mirror}.deferred_item`, freed.step);
  if (deferredAtFree !== 'on the deferred list') return [];
  const refs: StepReference[] = [];
  const added = t.lastChange(
    freed.step,
    (c) => c.field === `${mirror}.deferred_item` && c.to === 'on the deferred list',
  );
  if (added)
    refs.push({
      step: added.step,
      note: `${added.thread} put ${mirror} on the deferred list here (${where(added)}): an invalidation was running, so the removal waits for mn_itree_inv_end to take it off the tree`,
    });
  const read = t.lastStepOf(freed.thread, freed.step, unlockedSeqRead);
  const increment = read && t.lastChange(read.step, (c) => c.field === 'subs.invalidate_seq');
  if (read && increment && increment.fn === 'mn_itree_inv_end') {
    const seq = t.valueAt('subs.invalidate_seq', read.step);
    refs.push({
      step: increment.step,
      note: `${increment.thread} made invalidate_seq even here (${String(t.valueAt('subs.invalidate_seq', increment.step - 1))} → ${String(seq)}) while still holding subscriptions->lock: the deferred list, with ${mirror} on it, is processed only after this, in the same critical section`,
    });
    refs.push({
      step: read.step,
      note: `the read that lost the race: ${read.thread}'s wait in mmu_interval_notifier_remove read invalidate_seq = ${String(seq)} here without subscriptions->lock, saw it differ from the seq it waits past and returned — before ${increment.thread} had processed the deferred list. From v5.18 (319561669a59) the wait reads it under the lock, in mmu_interval_seq_released(), and cannot see the increment before the list is done`,
    });
  }
  refs.push({
    step: freed.step,
    note: `${freed.thread} freed ${mirror} here (${where(freed)}), believing mmu_interval_notifier_remove had finished with it`,
  });
  return refs;
}

/** A stale device mapping of `mirror`: the read, the change, the seq, the check and the return. */
export function staleMappingReferences(t: TraceFields, last: RenderedStep, mirror: string): StepReference[] {
  const refs: StepReference[] = [];
  const mapping = t.valueAt(`${mirror}.mapping`, last.step);
  const mapped = t.lastChange(last.step + 1, (c) => c.field === `${mirror}.mapping` && c.to === mapping);
  const read = t.lastChange(
    mapped?.step ?? last.step + 1,
    (c) => c.field === `${mirror}.read` && String(c.to).startsWith('generation'),
  );
  if (read)
    refs.push({
      step: read.step,
      note: `${read.thread}'s fault read the page here, at ${String(t.valueAt(`${mirror}.read`, read.step))} (${where(read)})`,
    });
  for (const s of t.stepsOf('', last.step, true)) {
    if (read && s.step <= read.step) continue;
    for (const c of s.changes) {
      if (c.field === 'page.generation')
        refs.push({
          step: s.step,
          note: `${s.thread} changed the page here: generation ${String(c.from)} → ${String(c.to)}; what the fault read is now stale`,
        });
      if (c.field === `${mirror}.invalidate_seq` && s.fn === 'mmu_interval_set_seq')
        refs.push({
          step: s.step,
          note: `the invalidation's ->invalidate set ${mirror}'s invalidate_seq to ${String(c.to)} here, so that the fault's mmu_interval_read_retry would see it move`,
        });
      if (c.field === `${mirror}.mapping` && c.to === 'none')
        refs.push({ step: s.step, note: `${s.thread} unmapped ${mirror}'s device range here (${where(s)})` });
      if (c.field === 'page.valid-from')
        refs.push({
          step: s.step,
          note: `${s.thread}'s invalidation returned from invalidate_range_end here: from now on no device mapping may be older than generation ${String(c.to)}`,
        });
    }
    if (s.code.includes('mmu_interval_read_retry(') || s.code.includes('mmu_interval_check_retry('))
      refs.push({
        step: s.step,
        note: `${s.thread} checked here whether ${mirror}'s invalidate_seq had moved since read_begin: it was ${String(t.valueAt(`${mirror}.invalidate_seq`, s.step))}`,
      });
  }
  const checked =
    mapped &&
    read &&
    t
      .stepsOf(mapped.thread, mapped.step)
      .some((s) => s.step > read.step && s.code.includes('mmu_interval_read_retry('));
  const unchecked = checked === false ? ', without checking mmu_interval_read_retry under its mutex first' : '';
  if (mapped && mapped.step !== last.step)
    refs.push({
      step: mapped.step,
      note: `${mapped.thread} programmed the device here with the page it had read${unchecked} (${where(mapped)})`,
    });
  else if (mapped && unchecked)
    refs.push({ step: mapped.step, note: `${mapped.thread} mapped the page it had read${unchecked}` });
  return refs;
}

/** What the stuck threads of an interval-era deadlock wait for: the wait queue and the driver mutexes. */
export function intervalStuckReferences(t: TraceFields, last: RenderedStep): StepReference[] {
  const refs: StepReference[] = [];
  const sleepers = String(t.valueAfter('subs.wq', last.step) ?? '');
  if (sleepers && sleepers !== 'nobody waiting') {
    for (const thread of sleepers.split(', ')) {
      const slept = t.lastStepOf(thread, last.step + 1, (s) => s.changes.some((c) => c.field === 'subs.wq'));
      if (slept)
        refs.push({
          step: slept.step,
          note: `${thread} went to sleep on subscriptions->wq here (${where(slept)}) until invalidate_seq moves, which only the end of the running invalidation (mn_itree_inv_end) does`,
        });
    }
  }
  refs.push(...driverLockReferences(t, last));
  return refs;
}

/**
 * Who holds a driver's own lock at the end of a deadlock (a mirror's mutex, a listener's `lock`), and
 * where they took it: the threads stuck on it wait for a holder that cannot move.
 */
export function driverLockReferences(t: TraceFields, last: RenderedStep): StepReference[] {
  const refs: StepReference[] = [];
  const locks = new Set<string>();
  for (const s of t.stepsOf('', last.step, true))
    for (const c of s.changes) if (/^(mirror\d+\.mutex|listener\d+\.lock)$/.test(c.field)) locks.add(c.field);
  for (const field of locks) {
    const held = t.valueAfter(field, last.step);
    const holder = typeof held === 'string' ? /^held by (.+)$/.exec(held)?.[1] : undefined;
    const took = holder && t.lastChange(last.step + 1, (c) => c.field === field && c.to === held);
    if (!took) continue;
    const object = field.replace(/\.(mutex|lock)$/, '');
    refs.push({
      step: took.step,
      note: field.endsWith('.mutex')
        ? `${holder} took ${object}'s mutex here and still holds it; the invalidation's ->invalidate waits for it`
        : `${holder} took ${object}'s driver lock here (${took.code}) and still holds it; a thread that takes it again waits for ever`,
    });
  }
  return refs;
}
