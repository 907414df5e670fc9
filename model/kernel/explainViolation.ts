/**
 * Explains a kernel counterexample in kernel terms: beyond the failing step's own message, it points
 * back to the earlier steps that set the failure up — which step freed the object, which step queued
 * the callback, which reader was still inside its SRCU read-side critical section, what a stuck
 * thread waits for; which test saw a node hashed and which unlink set its pprev to NULL; what a leak
 * left over. It reads only the rendered steps, the initial view and the final state, so it works on
 * any trace.
 */
import type { RenderedStep } from '../RenderedStep.js';
import type { StateView } from '../ActionView.js';
import type { KernelState } from './state/KernelState.js';
import { TraceFields } from './TraceFields.js';
import { where, type StepReference } from './StepReference.js';
import { nullDerefReferences, pagesFreedReferences, secondReleaseReferences } from './explainListFaults.js';
import { leakReferences } from './explainLeak.js';
import {
  barrierStart,
  callbackName,
  callbackQueued,
  isWaitCall,
  moduleExitWait,
  moduleReleased,
  unloadedUnderCallback,
} from './explainCallbacks.js';

import { intervalStuckReferences, removeRaceReferences, staleMappingReferences } from './interval/explainInterval.js';

export type { StepReference } from './StepReference.js';

const OBJECT_NAMES: Readonly<Record<string, string>> = {
  mm: 'the mm_struct',
  nmm: 'the mmu_notifier_mm',
  subs: 'the mmu_notifier_subscriptions',
  module: "the module's code",
};

/** The step that changed the fault's object last: usually the one that freed it. */
function objectChange(t: TraceFields, last: RenderedStep, object: string): StepReference | undefined {
  const s = t.lastChange(last.step, (c) => c.field === object);
  const change = s?.changes.find((c) => c.field === object);
  if (!s || !change) return undefined;
  const name = OBJECT_NAMES[object] ?? object;
  const what = change.to === 'freed' || change.to === 'unloaded' ? 'was freed' : `became ${String(change.to)}`;
  let note = `${name} ${what} here (${where(s)})`;
  if (object === 'module') {
    const wait = moduleExitWait(t, s);
    // From v5.4 mmu_notifier_synchronize() is synchronize_srcu: a grace period, not a wait for queued callbacks.
    if (wait?.fn === '__synchronize_srcu')
      note += `, once mmu_notifier_synchronize() (synchronize_srcu from v5.4) called at step ${wait.step} had returned`;
    else if (wait) note += `, once mmu_notifier_synchronize() (srcu_barrier) called at step ${wait.step} had returned`;
    else note += `, without mmu_notifier_synchronize() (srcu_barrier) before it`;
  }
  return { step: s.step, note };
}

/** Where the failing thread stands with respect to its SRCU read-side critical section. */
function criticalSection(
  t: TraceFields,
  last: RenderedStep,
  object: string,
  queuedAt: number | undefined,
): StepReference | undefined {
  const thread = last.thread;
  if (t.readersAfter(last.step).includes(thread)) {
    const entered = t.lastChange(
      last.step,
      (c) => c.field === 'srcu.readers' && listOf(c.to).includes(thread) && !listOf(c.from).includes(thread),
    );
    if (!entered) return undefined;
    const after =
      queuedAt !== undefined && entered.step > queuedAt
        ? `; it entered after the callback was queued at step ${queuedAt}, so the callback does not wait for it`
        : '';
    return {
      step: entered.step,
      note: `${thread} entered its SRCU read-side critical section here and is still inside it at step ${last.step}${after}`,
    };
  }
  if (queuedAt === undefined) return undefined;
  const left = t.lastChange(
    last.step,
    (c) => c.field === 'srcu.readers' && listOf(c.from).includes(thread) && !listOf(c.to).includes(thread),
  );
  if (!left || left.step < queuedAt) return undefined;
  return {
    step: left.step,
    note: `${thread} left its SRCU read-side critical section here, so the callback queued at step ${queuedAt}, which waited only for the sections active then, could run; ${thread} goes on to use ${object} at step ${last.step}, outside any critical section`,
  };
}

/** For a freed mm or mmu_notifier_mm: where mm_count reached zero. */
function mmCountZero(t: TraceFields, last: RenderedStep): StepReference[] {
  const s = t.lastChange(last.step, (c) => c.field === 'mm.count' && c.to === 0);
  if (!s) return [];
  const note = `mm_count reached zero here (${where(s)}), so the mm_struct and its mmu_notifier_mm are freed`;
  const drops = t
    .stepsOf('', s.step - 1, true)
    .filter((x) => x.changes.some((c) => c.field === 'mm.count' && Number(c.to) < Number(c.from)));
  // A reader or reclaimer holds an mm_count reference until its own mmdrop: if it has not dropped it, another thread dropped one it did not own.
  const holders = [...new Set(t.stepsOf('', last.step, true).map((x) => x.thread))].filter(
    (n) => /^(reader|reclaimer)\d+$/.test(n) && !drops.some((d) => d.thread === n),
  );
  if (!holders.length || !drops.length) return [{ step: s.step, note }];
  const steps = drops.map((d) => d.step).join(', ');
  return [
    {
      step: s.step,
      note: `${note}, although ${holders.join(' and ')} still hold${holders.length > 1 ? '' : 's'} a reference: one of the drops before it (steps ${steps}) dropped a reference its thread did not own`,
    },
    ...drops.map((d) => ({
      step: d.step,
      note: `${d.thread} dropped an mm_count reference here (${d.fn}: ${d.code}), ${String(t.valueAt('mm.count', d.step - 1))} → ${String(t.valueAt('mm.count', d.step))}`,
    })),
  ];
}

function faultReferences(
  t: TraceFields,
  last: RenderedStep,
  property: string,
  object: string,
  message: string,
): StepReference[] {
  const mirror = /^(mirror\d+)(?:\.|$)/.exec(object)?.[1];
  if (mirror !== undefined) {
    if (property === 'no-stale-mapping') return staleMappingReferences(t, last, mirror);
    const race = removeRaceReferences(t, last, mirror);
    if (race.length) return race;
    const freed = objectChange(t, last, mirror);
    return freed ? [freed] : [];
  }
  const listener = /^listener(\d+)(?:\.|$)/.exec(object)?.[1] ?? /listener (\d+)/.exec(message)?.[1];
  if (listener !== undefined) {
    if (property === 'no-null-deref') return nullDerefReferences(t, last, listener);
    if (property === 'release-at-most-once') return secondReleaseReferences(t, last, listener);
    if (property === 'release-before-pages-freed')
      return pagesFreedReferences(t, last, listener, object.endsWith('.secondary'));
  }
  const refs: (StepReference | undefined)[] = [];
  refs.push(objectChange(t, last, object));
  let queuedAt: number | undefined;
  if (property === 'barrier-waits-for-queued') {
    const queued =
      listener === undefined
        ? undefined
        : callbackQueued(
            t,
            last,
            listener,
            (s, f, entry) => `${callbackName(entry, listener)} was queued here on ${f} (${where(s)})`,
          );
    refs.push(queued, barrierStart(t, t.lastStepOf(last.thread, last.step, isWaitCall), listener));
    return refs.filter((r): r is StepReference => r !== undefined);
  }
  if (listener !== undefined && /^listener\d+$/.test(object)) {
    const queued = callbackQueued(
      t,
      last,
      listener,
      (s, _f, entry) =>
        `${callbackName(entry, listener)} was queued here (${where(s)}); it waits only for the read-side critical sections active at this point`,
    );
    queuedAt = queued?.step;
    refs.push(queued);
  }
  if (object === 'module') refs.push(moduleReleased(t, last), ...unloadedUnderCallback(t, last));
  if (object === 'mm' || object === 'nmm' || object === 'subs') refs.push(...mmCountZero(t, last));
  if (/^listener\d+$|^module$|^mm$|^nmm$/.test(object))
    refs.push(criticalSection(t, last, OBJECT_NAMES[object] ?? object, queuedAt));
  return refs.filter((r): r is StepReference => r !== undefined);
}

/** No fault: the run stopped (a deadlock). Say what each stuck thread waits for. */
function stuckReferences(t: TraceFields, last: RenderedStep): StepReference[] {
  const refs: StepReference[] = [];
  for (const marker of t.pendingMarkers(last.step)) {
    const tag = `marker(${marker.owner})`;
    const queued = t.lastChange(
      last.step + 1,
      (c) => c.field.startsWith('srcu.queue') && String(c.to).includes(tag) && !String(c.from).includes(tag),
    );
    if (!queued) continue;
    const what = queued.fn === 'srcu_barrier' ? 'srcu_barrier' : 'synchronize_srcu';
    const waits = marker.waitsFor.length
      ? `: it waits until the read-side critical sections of ${marker.waitsFor.join(', ')} have ended`
      : '';
    refs.push({ step: queued.step, note: `${marker.owner} called ${what} here${waits}` });
    for (const reader of marker.waitsFor) {
      const entered = t.lastChange(
        last.step + 1,
        (c) => c.field === 'srcu.readers' && listOf(c.to).includes(reader) && !listOf(c.from).includes(reader),
      );
      if (!entered) continue;
      const why =
        reader === marker.owner
          ? `the ${what} that ${reader} calls at step ${queued.step} waits for this very section, so ${reader} waits for itself and never returns`
          : `so the ${what} that ${marker.owner} called at step ${queued.step} waits for it`;
      refs.push({
        step: entered.step,
        note: `${reader} entered its SRCU read-side critical section here and is still inside it: ${why}`,
      });
    }
  }
  const lock = t.valueAfter('nmm.lock', last.step);
  const holder = typeof lock === 'string' ? /^held by (.+)$/.exec(lock)?.[1] : undefined;
  const took = holder && t.lastChange(last.step + 1, (c) => c.field === 'nmm.lock' && c.to === lock);
  if (took) refs.push({ step: took.step, note: `${holder} took the notifier list lock here and still holds it` });
  refs.push(...intervalStuckReferences(t, last));
  return refs;
}

/** What explainViolation may know beyond the steps. */
export interface ExplainContext {
  /** The primary violated property; by default the first fault recorded. */
  readonly property?: string | undefined;
  /** The view of the trace's initial state, for the values of fields before they first change. */
  readonly initial?: StateView | undefined;
  /** The primary violation's message: what a leak left over, which no fault records. */
  readonly message?: string | undefined;
}

/** The earlier steps that set up the fault recorded in `final` (the state after the last step). */
export function explainViolation(
  steps: readonly RenderedStep[],
  final: KernelState,
  context: ExplainContext = {},
): StepReference[] {
  const { property, initial } = context;
  const last = steps[steps.length - 1];
  if (!last) return [];
  const t = new TraceFields(steps, initial);
  if (property === 'no-leak') return sorted(leakReferences(t, last, context.message ?? ''));
  const fault = final.faults.find((f) => f.property === property) ?? final.faults.first();
  return sorted(
    fault ? faultReferences(t, last, fault.property, fault.object, fault.message) : stuckReferences(t, last),
  );
}

/** The references without repeats, in step order. */
function sorted(refs: readonly StepReference[]): StepReference[] {
  const seen = new Set<string>();
  return refs
    .filter((r) => !seen.has(`${r.step}:${r.note}`) && seen.add(`${r.step}:${r.note}`))
    .sort((a, b) => a.step - b.step);
}

function listOf(value: unknown): string[] {
  return String(value ?? '').split(', ');
}
