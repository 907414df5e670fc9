/**
 * Reads a rendered kernel trace back as field values over time: where a field last changed, what it
 * held after a step, what the SRCU queues held. Only changes are rendered, so a field that never
 * changed has no known value here.
 */
import type { FieldChange, RenderedStep } from '../RenderedStep.js';
import type { StateView } from '../ActionView.js';

/** A synchronize_srcu or srcu_barrier marker still queued: its owner is waiting. */
export interface PendingMarker {
  readonly owner: string;
  /** The threads whose read-side critical sections it still waits for. */
  readonly waitsFor: readonly string[];
}

/** Field values of a rendered trace, step by step. */
export class TraceFields {
  /** `initial`: the view of the state the trace starts from, for fields no step changes (or before their first change). */
  constructor(
    private readonly steps: readonly RenderedStep[],
    private readonly initial: StateView = {},
  ) {}

  /** The latest step numbered below `before` with a change that matches. */
  lastChange(before: number, match: (c: FieldChange) => boolean): RenderedStep | undefined {
    for (let i = Math.min(before - 1, this.steps.length) - 1; i >= 0; i--) {
      const s = this.steps[i]!;
      if (s.changes.some(match)) return s;
    }
    return undefined;
  }

  /** The value of `field` after step `step`, when some step up to it changed the field. */
  valueAfter(field: string, step: number): FieldChange['to'] | undefined {
    const s = this.lastChange(step + 1, (c) => c.field === field);
    return s?.changes.find((c) => c.field === field)?.to;
  }

  /**
   * The value of `field` after step `step` (0: the initial state): the last change up to it, or,
   * when none, its value in the initial view (or what its first change changed it from).
   */
  valueAt(field: string, step: number): FieldChange['to'] | undefined {
    const before = this.lastChange(step + 1, (c) => c.field === field);
    if (before) return before.changes.find((c) => c.field === field)?.to;
    if (field in this.initial) return this.initial[field];
    const after = this.steps.find((s) => s.step > step && s.changes.some((c) => c.field === field));
    return after?.changes.find((c) => c.field === field)?.from;
  }

  /** The latest step of `thread` numbered below `before` that matches. */
  lastStepOf(thread: string, before: number, match: (s: RenderedStep) => boolean): RenderedStep | undefined {
    return this.stepsOf(thread, before - 1)
      .reverse()
      .find(match);
  }

  /** The threads inside an SRCU read-side critical section after `step`. */
  readersAfter(step: number): string[] {
    const v = this.valueAfter('srcu.readers', step);
    return v === undefined || v === null || v === 'none' ? [] : String(v).split(', ');
  }

  /** The steps `thread` took (every thread's with `all`), up to step `upTo`, in order. */
  stepsOf(thread: string, upTo: number, all = false): RenderedStep[] {
    return this.steps.filter((s) => (all || s.thread === thread) && s.step <= upTo);
  }

  /** The queue entry holding `tag` after `step`, and the queue field it is on. */
  queueHolding(tag: string, step: number): { field: string; entry: string } | undefined {
    for (const [field, entries] of this.queuesAfter(step)) {
      const entry = entries.find((e) => e.includes(tag));
      if (entry) return { field, entry };
    }
    return undefined;
  }

  /** The listener tags (`(L0)`, …) of the destroy callbacks queued after `step`. */
  queuedListeners(step: number): string[] {
    return this.queuesAfter(step).flatMap(([, entries]) => entries.flatMap((e) => /\(L\d+\)/.exec(e)?.[0] ?? []));
  }

  /** The synchronize_srcu and srcu_barrier markers queued after `step`. */
  pendingMarkers(step: number): PendingMarker[] {
    const markers: PendingMarker[] = [];
    for (const [, entries] of this.queuesAfter(step)) {
      for (const entry of entries) {
        const m = /^(?:sync|barrier)-marker\(([^)]+)\)(?: running)?(?: waits for (.+))?$/.exec(entry);
        if (m) markers.push({ owner: m[1]!, waitsFor: m[2] ? m[2].split(', ') : [] });
      }
    }
    return markers;
  }

  private queuesAfter(step: number): [string, string[]][] {
    const fields = new Set<string>();
    for (const s of this.steps) for (const c of s.changes) if (c.field.startsWith('srcu.queue')) fields.add(c.field);
    return [...fields].map((field) => {
      const v = this.valueAfter(field, step);
      return [field, v === undefined || v === null || v === 'empty' ? [] : String(v).split('; ')];
    });
  }
}
