/**
 * The expansion of a model with a packed form: states stay encoded, and only those the packed form
 * flags (a fault, a deadlock, a final state) are decoded for the model's properties.
 */
import type { Model } from '../../model/Model.js';
import type { PackedExpander } from '../../model/PackedExpander.js';
import type { IntSink } from '../../model/IntSink.js';
import { IntReader } from '../../model/IntBuffer.js';
import { countViews, type StatementCounter } from '../StatementCoverage.js';
import type { Expansion, ExpansionFailure } from './Expansion.js';

/** Expands encoded states through the model's packed form; one per search thread. */
export class PackedExpansion<S, A> implements Expansion<S, A> {
  private data: Int32Array = new Int32Array(0);
  private start = 0;
  private end = 0;
  private decoded: S | undefined;

  constructor(
    private readonly model: Model<S, A>,
    private readonly expander: PackedExpander,
  ) {}

  loadEncoded(data: Int32Array, start: number, end: number): void {
    this.data = data;
    this.start = start;
    this.end = end;
    this.decoded = undefined;
    this.expander.load(data, start, end);
  }

  withinBoundary(): boolean {
    return true; // a model with a boundary is never given a packed expansion: see chooseSearch
  }

  needsCheck(): boolean {
    return this.expander.needsCheck();
  }

  state(): S {
    this.decoded ??= this.model.decode!(new IntReader(this.data, this.start, this.end));
    return this.decoded;
  }

  actionCount(): number {
    return this.expander.actionCount;
  }

  successor(k: number, out: IntSink): void {
    this.expander.successor(k, out);
  }

  // Straight from the packed form when it names statements; else through the model's values.
  countStatements(count: number, counter: StatementCounter): void {
    const expander = this.expander;
    if (expander.actionStatement === undefined) {
      const state = this.state();
      countViews(this.model, state, this.model.actions(state), count, counter);
      return;
    }
    for (let k = 0; k < count; k++) counter.countIndex(expander.actionStatement(k));
  }

  finishExpansion(): ExpansionFailure | undefined {
    return undefined; // the packed form builds successors in a copy: it cannot change the loaded state
  }

  packedView(): unknown {
    return this.expander.view;
  }

  actionThread(k: number): number | undefined {
    return this.expander.actionThread?.(k);
  }

  actionAt(k: number): A | undefined {
    try {
      return this.model.actions(this.state())[k];
    } catch {
      return undefined; // the error being reported matters more than the action's name
    }
  }
}
