/** A pointer from a counterexample's failing step back to an earlier step that set it up. */
import type { RenderedStep } from '../RenderedStep.js';

/** A pointer to an earlier step, with why it matters. */
export interface StepReference {
  readonly step: number;
  readonly note: string;
}

/** Where a step stands: its thread, function and C statement. */
export function where(s: RenderedStep): string {
  return `${s.thread} in ${s.fn}: ${s.code}`;
}
