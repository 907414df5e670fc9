/**
 * The statements of a program, for statement coverage: every step of every procedure, each
 * (function, statement text) once, in procedure and body order, and which one each step is.
 */
import type { Statement } from '../Statement.js';
import type { Proc } from './Proc.js';
import type { StepDef } from './Step.js';

/** A program's statements and the index of each step's statement among them. */
export interface ProgramStatements<G> {
  readonly statements: readonly Statement[];
  readonly indexOf: ReadonlyMap<StepDef<G>, number>;
}

/** The statements of `procs`; steps with the same function and text share one. */
export function programStatements<G>(procs: readonly Proc<G>[]): ProgramStatements<G> {
  const statements: Statement[] = [];
  const byText = new Map<string, number>();
  const indexOf = new Map<StepDef<G>, number>();
  for (const proc of procs) {
    for (const position of proc.positions) {
      if (!('steps' in position)) continue;
      for (const step of position.steps) {
        const key = `${step.fn}\u0000${step.code}`;
        let index = byText.get(key);
        if (index === undefined) {
          index = statements.length;
          byText.set(key, index);
          statements.push({ fn: step.fn, code: step.code });
        }
        indexOf.set(step, index);
      }
    }
  }
  return { statements, indexOf };
}
