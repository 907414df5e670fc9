/** A procedure: a named body of steps, compiled so that labels become position indices. */
import type { BodyItem, CallDef, StepDef } from './Step.js';
import type { Frame } from './Frame.js';

/** A procedure as written. */
export interface ProcDef<G> {
  readonly name: string;
  readonly body: readonly BodyItem<G>[];
  /** Runs when the procedure returns (e.g. a callback leaving its queue); takes no step. */
  readonly onReturn?: (shared: G, frame: Frame, tid: number) => G;
}

/** A position of a compiled body: the alternatives of a step, or a call. */
export type Position<G> = { readonly steps: readonly StepDef<G>[] } | { readonly call: CallDef<G> };

/** A procedure ready to run. */
export interface Proc<G> {
  readonly index: number;
  readonly name: string;
  readonly positions: readonly Position<G>[];
  readonly labels: ReadonlyMap<string, number>;
  readonly onReturn?: ProcDef<G>['onReturn'];
}

/** Compiles a body: labels are removed and remembered as the index of what follows them. */
export function compileProc<G>(def: ProcDef<G>, index: number): Proc<G> {
  const positions: Position<G>[] = [];
  const labels = new Map<string, number>();
  for (const item of def.body) {
    if (item.type === 'label') {
      if (labels.has(item.name)) throw new Error(`procedure ${def.name}: label ${item.name} defined twice`);
      labels.set(item.name, positions.length);
    } else if (item.type === 'call') positions.push({ call: item });
    else if (item.type === 'choice') positions.push({ steps: item.alternatives });
    else positions.push({ steps: [item] });
  }
  const proc: Proc<G> = { index, name: def.name, positions, labels };
  return def.onReturn ? { ...proc, onReturn: def.onReturn } : proc;
}
