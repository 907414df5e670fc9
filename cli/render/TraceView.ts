/** What every trace renderer needs: the rendered steps, why the last one fails, and the steps that set it up. */
import type { RenderedStep } from '../../checker/renderSteps.js';
import type { StepReference } from '../../model/kernel/explainViolation.js';
import { escapeText } from '../../model/safeText.js';
import type { RuleVersions } from './propertyGlossary.js';

/** A thread of the model as a trace shows it. */
export interface TraceThread {
  readonly name: string;
  readonly cpu?: number;
}

/** A trace ready to print. */
export interface TraceView {
  readonly steps: readonly RenderedStep[];
  /** A lasso's loop start: the last step leads back to the state after step `cycleStart` (0: the initial state). */
  readonly cycleStart?: number;
  /** Why the last step fails (a property's message), when it does. */
  readonly failure?: string;
  /** The id of the property that fails, for its rule in kernel terms. */
  readonly property?: string;
  /**
   * The versions the rule's text depends on. A kernel trace always has them; a model file's has
   * none, and its properties have no rule beyond their own names.
   */
  readonly ruleVersions?: RuleVersions;
  /** Each step shows its CPU (a kernel scenario's threads run on CPUs; a model file's do not). */
  readonly cpus?: boolean;
  /** Earlier steps that set the failure up. */
  readonly references: readonly StepReference[];
  /** Every thread of the model, in model order. */
  readonly threads: readonly TraceThread[];
  /** Thread name → the step after which it had finished (threads that finish within the trace). */
  readonly finishedAt?: ReadonlyMap<string, number>;
}

/** The short form of a reference note: up to its first "here", for a marker beside the step. */
export function shortNote(note: string): string {
  const at = note.indexOf(' here');
  return at < 0 ? note : note.slice(0, at + ' here'.length);
}

/** A field value as traces print it (escaped: a user model's values may hold any text). */
export function showValue(v: unknown): string {
  return v === null || v === undefined ? '—' : escapeText(String(v));
}
