/**
 * Explains a kernel counterexample in kernel terms: beyond the failing step's own message, it points
 * back to the earlier steps that set the failure up — which step freed the object, which step queued
 * the callback, which reader was still inside its SRCU read-side critical section, what a stuck
 * thread waits for. It reads only the rendered steps and the final state, so it works on any trace.
 */
import type { RenderedStep } from '../../checker/renderSteps.js';
import type { KernelState } from './state/KernelState.js';
import { TraceFields } from './TraceFields.js';

/** A pointer to an earlier step, with why it matters. */
export interface StepReference {
  readonly step: number;
  readonly note: string;
}

function where(s: RenderedStep): string {
  return `${s.thread} in ${s.fn}: ${s.code}`;
}

const OBJECT_NAMES: Readonly<Record<string, string>> = { mm: 'the mm_struct', nmm: 'the mmu_notifier_mm', module: "the module's code" };

/** The step that changed the fault's object last: usually the one that freed it. */
function objectChange(t: TraceFields, last: RenderedStep, object: string): StepReference | undefined {
  const s = t.lastChange(last.step, (c) => c.field === object);
  const change = s?.changes.find((c) => c.field === object);
  if (!s || !change) return undefined;
  const name = OBJECT_NAMES[object] ?? object;
  const what = change.to === 'freed' || change.to === 'unloaded' ? 'was freed' : `became ${String(change.to)}`;
  let note = `${name} ${what} here (${where(s)})`;
  if (object === 'module') {
    const waited = t.stepsOf(s.thread, s.step).map((x) => x.fn);
    // From v5.4 mmu_notifier_synchronize() is synchronize_srcu (steps in __synchronize_srcu): a grace
    // period, not a wait for queued callbacks. Classic srcu_barrier waits in __synchronize_srcu too.
    if (waited.includes('srcu_barrier')) return { step: s.step, note };
    if (waited.includes('__synchronize_srcu')) note += ', after mmu_notifier_synchronize(), which is synchronize_srcu from v5.4: it waits for a grace period, not for callbacks queued on other CPUs';
    else note += `, without mmu_notifier_synchronize() (srcu_barrier) before it`;
  }
  return { step: s.step, note };
}

/** The step that queued the destroy callback of listener `l`. */
function callbackQueued(t: TraceFields, last: RenderedStep, l: string, note: (s: RenderedStep, field: string) => string): StepReference | undefined {
  const tag = `(L${l})`;
  const s = t.lastChange(last.step, (c) => c.field.startsWith('srcu.queue') && String(c.to).includes(tag) && !String(c.from).includes(tag));
  const field = s?.changes.find((c) => c.field.startsWith('srcu.queue') && String(c.to).includes(tag))?.field;
  return s && field ? { step: s.step, note: note(s, field) } : undefined;
}

/** Where the failing thread stands with respect to its SRCU read-side critical section. */
function criticalSection(t: TraceFields, last: RenderedStep, object: string, queuedAt: number | undefined): StepReference | undefined {
  const thread = last.thread;
  if (t.readersAfter(last.step).includes(thread)) {
    const entered = t.lastChange(last.step, (c) => c.field === 'srcu.readers' && listOf(c.to).includes(thread) && !listOf(c.from).includes(thread));
    if (!entered) return undefined;
    const after = queuedAt !== undefined && entered.step > queuedAt ? `; it entered after the callback was queued at step ${queuedAt}, so the callback does not wait for it` : '';
    return { step: entered.step, note: `${thread} entered its SRCU read-side critical section here and is still inside it at step ${last.step}${after}` };
  }
  if (queuedAt === undefined) return undefined;
  const left = t.lastChange(last.step, (c) => c.field === 'srcu.readers' && listOf(c.from).includes(thread) && !listOf(c.to).includes(thread));
  if (!left || left.step < queuedAt) return undefined;
  return {
    step: left.step,
    note: `${thread} left its SRCU read-side critical section here, so the callback queued at step ${queuedAt}, which waited only for the sections active then, could run; ${thread} goes on to use ${object} at step ${last.step}, outside any critical section`,
  };
}

/** The last listener to drop its module reference: from then on module exit may start. */
function moduleReleased(t: TraceFields, last: RenderedStep): StepReference | undefined {
  const s = t.lastChange(last.step, (c) => /^listener\d+\.holds-module$/.test(c.field) && c.to === false);
  return s ? { step: s.step, note: `the last listener dropped its module reference here (${where(s)}), so module exit could start` } : undefined;
}

/** For a freed mm or mmu_notifier_mm: where mm_count reached zero. */
function mmCountZero(t: TraceFields, last: RenderedStep): StepReference | undefined {
  const s = t.lastChange(last.step, (c) => c.field === 'mm.count' && c.to === 0);
  return s ? { step: s.step, note: `mm_count reached zero here (${where(s)}), so the mm_struct and its mmu_notifier_mm are freed` } : undefined;
}

/** For srcu_barrier returning early: where the barrier started and what it did not wait for. */
function barrierStart(t: TraceFields, last: RenderedStep, l: string | undefined): StepReference | undefined {
  const s = t.stepsOf(last.thread, last.step - 1).reverse().find((x) => x.fn === 'srcu_barrier');
  if (!s) return undefined;
  const pending = l === undefined ? undefined : t.queueHolding(`(L${l})`, s.step);
  const missed = pending ? `: ${pending.entry} was then on ${pending.field}, and no barrier marker was queued behind it` : '';
  return { step: s.step, note: `${last.thread} called srcu_barrier here${missed}` };
}

function faultReferences(t: TraceFields, last: RenderedStep, property: string, object: string, message: string): StepReference[] {
  const refs: (StepReference | undefined)[] = [];
  refs.push(objectChange(t, last, object));
  const listener = /^listener(\d+)$/.exec(object)?.[1] ?? /listener (\d+)/.exec(message)?.[1];
  let queuedAt: number | undefined;
  if (property === 'barrier-waits-for-queued') {
    const queued = listener === undefined ? undefined : callbackQueued(t, last, listener, (s, f) => `the destroy callback of listener${listener} was queued here on ${f} (${where(s)})`);
    refs.push(queued, barrierStart(t, last, listener));
    return refs.filter((r): r is StepReference => r !== undefined);
  }
  if (listener !== undefined && /^listener\d+$/.test(object)) {
    const queued = callbackQueued(t, last, listener, (s) => `the destroy callback of listener${listener} was queued here (${where(s)}); it waits only for the read-side critical sections active at this point`);
    queuedAt = queued?.step;
    refs.push(queued);
  }
  if (object === 'module') refs.push(moduleReleased(t, last));
  if (object === 'mm' || object === 'nmm') refs.push(mmCountZero(t, last));
  if (/^listener\d+$|^module$|^mm$|^nmm$/.test(object)) refs.push(criticalSection(t, last, OBJECT_NAMES[object] ?? object, queuedAt));
  return refs.filter((r): r is StepReference => r !== undefined);
}

/** No fault: the run stopped (a deadlock). Say what each stuck thread waits for. */
function stuckReferences(t: TraceFields, last: RenderedStep): StepReference[] {
  const refs: StepReference[] = [];
  for (const marker of t.pendingMarkers(last.step)) {
    const tag = `marker(${marker.owner})`;
    const queued = t.lastChange(last.step + 1, (c) => c.field.startsWith('srcu.queue') && String(c.to).includes(tag) && !String(c.from).includes(tag));
    if (!queued) continue;
    const what = queued.fn === 'srcu_barrier' ? 'srcu_barrier' : 'synchronize_srcu';
    const waits = marker.waitsFor.length ? `: it waits until the read-side critical sections of ${marker.waitsFor.join(', ')} have ended` : '';
    refs.push({ step: queued.step, note: `${marker.owner} called ${what} here${waits}` });
    for (const reader of marker.waitsFor) {
      const entered = t.lastChange(last.step + 1, (c) => c.field === 'srcu.readers' && listOf(c.to).includes(reader) && !listOf(c.from).includes(reader));
      if (!entered) continue;
      const why =
        reader === marker.owner
          ? `the ${what} that ${reader} calls at step ${queued.step} waits for this very section, so ${reader} waits for itself and never returns`
          : `so the ${what} that ${marker.owner} called at step ${queued.step} waits for it`;
      refs.push({ step: entered.step, note: `${reader} entered its SRCU read-side critical section here and is still inside it: ${why}` });
    }
  }
  const lock = t.valueAfter('nmm.lock', last.step);
  const holder = typeof lock === 'string' ? /^held by (.+)$/.exec(lock)?.[1] : undefined;
  const took = holder && t.lastChange(last.step + 1, (c) => c.field === 'nmm.lock' && c.to === lock);
  if (took) refs.push({ step: took.step, note: `${holder} took the notifier list lock here and still holds it` });
  return refs;
}

/** The earlier steps that set up the fault(s) recorded in `final`, the state after the last step. */
export function explainViolation(steps: readonly RenderedStep[], final: KernelState): StepReference[] {
  const last = steps[steps.length - 1];
  if (!last) return [];
  const t = new TraceFields(steps);
  const fault = final.faults.first();
  const refs = fault ? faultReferences(t, last, fault.property, fault.object, fault.message) : stuckReferences(t, last);
  const seen = new Set<string>();
  return refs.filter((r) => !seen.has(`${r.step}:${r.note}`) && seen.add(`${r.step}:${r.note}`)).sort((a, b) => a.step - b.step);
}

function listOf(value: unknown): string[] {
  return String(value ?? '').split(', ');
}
