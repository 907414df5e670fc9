/**
 * Explains a kernel counterexample in kernel terms: beyond the failing step's own message, it points
 * back to the earlier steps that set the failure up — which step freed the object, which step queued
 * the callback, when the thread that failed entered its SRCU read-side critical section.
 */
import type { RenderedStep } from '../../checker/renderSteps.js';
import type { KernelState } from './state/KernelState.js';

/** A pointer to an earlier step, with why it matters. */
export interface StepReference {
  readonly step: number;
  readonly note: string;
}

function lastChange(steps: readonly RenderedStep[], before: number, match: (field: string, from: unknown, to: unknown) => boolean): RenderedStep | undefined {
  for (let i = before - 2; i >= 0; i--) {
    const s = steps[i]!;
    if (s.changes.some((c) => match(c.field, c.from, c.to))) return s;
  }
  return undefined;
}

function where(s: RenderedStep): string {
  return `${s.thread} in ${s.fn}: ${s.code}`;
}

/** The earlier steps that set up the fault(s) recorded in `final`, the state after the last step. */
export function explainViolation(steps: readonly RenderedStep[], final: KernelState): StepReference[] {
  const last = steps[steps.length - 1];
  if (!last) return [];
  const refs: StepReference[] = [];
  const fault = final.faults.first();
  const object = fault?.object ?? '';
  if (object) {
    const s = lastChange(steps, last.step, (field) => field === object);
    const change = s?.changes.find((c) => c.field === object);
    if (s && change) refs.push({ step: s.step, note: `${object} became ${String(change.to)} here (${where(s)})` });
  }
  const listener = /^listener(\d+)$/.exec(object);
  let queuedAt: number | undefined;
  if (listener) {
    const tag = `(L${listener[1]})`;
    const q = lastChange(steps, last.step, (field, from, to) => field.startsWith('srcu.queue') && String(to).includes(tag) && !String(from).includes(tag));
    if (q) {
      queuedAt = q.step;
      refs.push({ step: q.step, note: `the destroy callback of ${object} was queued here (${where(q)}); it waits only for the read-side critical sections active at this point` });
    }
  }
  const entered = lastChange(steps, last.step, (field, from, to) => field === 'srcu.readers' && listHas(to, last.thread) && !listHas(from, last.thread));
  if (entered) {
    const after = queuedAt !== undefined && entered.step > queuedAt ? `, after the callback was queued at step ${queuedAt}, so the callback does not wait for it` : '';
    refs.push({ step: entered.step, note: `${last.thread} entered its SRCU read-side critical section here${after}` });
  }
  return refs.sort((a, b) => a.step - b.step);
}

function listHas(value: unknown, name: string): boolean {
  return String(value ?? '')
    .split(', ')
    .includes(name);
}
