/** A step of a trace as a person reads it: who moved, which statement, and the fields it changed. */

/** One field that a step changed. */
export interface FieldChange {
  readonly field: string;
  readonly from: string | number | boolean | null;
  readonly to: string | number | boolean | null;
}

/** One step of a trace, ready to print or serialise. */
export interface RenderedStep {
  /** 1-based step number. */
  readonly step: number;
  readonly thread: string;
  readonly cpu?: number;
  readonly fn: string;
  readonly code: string;
  readonly kind?: string;
  readonly changes: readonly FieldChange[];
}
