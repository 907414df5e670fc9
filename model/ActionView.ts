/** How a trace shows one action: who took it, where in the code, and what statement it stands for. */

/** The readable face of an action taken in a given state. */
export interface ActionView {
  /** The thread (or actor) that took the step. */
  readonly thread: string;
  /** The CPU the thread runs on, when the model has CPUs. */
  readonly cpu?: number;
  /** The function the step belongs to. */
  readonly fn: string;
  /** The source statement the step stands for. */
  readonly code: string;
  /** What the step does to a lock or protocol ('acquire', 'srcu-lock', 'free', …), when known. */
  readonly kind?: string;
}

/** A flat, named view of a state for traces: field name → value. Traces print the fields that change. */
export type StateView = Readonly<Record<string, string | number | boolean>>;
