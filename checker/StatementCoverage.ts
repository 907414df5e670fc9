/**
 * Statement coverage: how many transitions executed each statement. Each search thread counts into
 * a `StatementCounter` of its own, by the statement's index in the model's `statements()` when
 * the packed form can tell it, else by the function and text `actionView` gives. A run sums its
 * threads' counts, once each has finished its part, into one `CoverageTally`. A search without a
 * tally makes no counter, and its loop pays one test per expanded state.
 */
import type { Model } from '../model/Model.js';
import type { Statement } from '../model/Statement.js';
import { ModelContractError } from './modelContract.js';

/** A statement and how many transitions executed it. */
export interface StatementCount extends Statement {
  readonly count: number;
}

/** Where the statements of a loaded state's actions come from (a search's expansion). */
export interface StatementSource {
  /** Counts into `counter` the statement of each of the loaded state's first `count` actions. */
  countStatements(count: number, counter: StatementCounter): void;
}

interface MutableCount {
  readonly fn: string;
  readonly code: string;
  count: number;
}

const keyOf = (fn: string, code: string) => `${fn}\u0000${code}`;

/** One search thread's counts. */
export class StatementCounter {
  private readonly byIndex: Float64Array;
  private readonly byText = new Map<string, MutableCount>();

  constructor(private readonly statements: readonly Statement[]) {
    this.byIndex = new Float64Array(statements.length);
  }

  /** One more transition executed the statement at `index` of the model's `statements()`. */
  countIndex(index: number): void {
    if (index >= 0 && index < this.byIndex.length) this.byIndex[index]!++;
    else throw new RangeError(`statement ${index} is not one of the model's ${this.byIndex.length} statements`);
  }

  /** One more transition executed statement `code` of function `fn`. */
  countText(fn: string, code: string): void {
    const key = keyOf(fn, code);
    const known = this.byText.get(key);
    if (known) known.count++;
    else this.byText.set(key, { fn, code, count: 1 });
  }

  /** The counts so far (statements executed at least once), and starts again from zero. */
  take(): StatementCount[] {
    const out: StatementCount[] = [];
    this.byIndex.forEach((count, i) => {
      if (count > 0) out.push({ ...this.statements[i]!, count });
    });
    out.push(...[...this.byText.values()].map((c) => ({ ...c })));
    this.byIndex.fill(0);
    this.byText.clear();
    return out;
  }
}

/** The counts of a whole run: the sum of its search threads'. */
export class CoverageTally {
  private readonly counts = new Map<string, MutableCount>();

  /** Adds a thread's counts. */
  add(counts: readonly StatementCount[]): void {
    for (const c of counts) {
      const key = keyOf(c.fn, c.code);
      const known = this.counts.get(key);
      if (known) known.count += c.count;
      else this.counts.set(key, { fn: c.fn, code: c.code, count: c.count });
    }
  }

  /** The statements executed, each with its count, in no particular order (a report orders them). */
  executed(): StatementCount[] {
    return [...this.counts.values()].map((c) => ({ ...c }));
  }
}

/** A counter for a search of `model` when the run keeps a tally, else undefined (nothing is counted). */
export function counterFor(
  model: Model<unknown, unknown>,
  tally: CoverageTally | undefined,
): StatementCounter | undefined {
  return tally === undefined ? undefined : new StatementCounter(statementsOf(model) ?? []);
}

/**
 * The model's `statements()`, checked: undefined when it has none. A list that is not one of
 * statements breaks the contract (it would make coverage claim statements that are not there).
 */
export function statementsOf(model: Model<unknown, unknown>): readonly Statement[] | undefined {
  if (typeof model.statements !== 'function') return undefined;
  const list: unknown = model.statements();
  const ok =
    Array.isArray(list) &&
    list.every(
      (s: unknown) =>
        typeof s === 'object' &&
        s !== null &&
        typeof (s as Statement).fn === 'string' &&
        typeof (s as Statement).code === 'string',
    );
  if (!ok) throw new ModelContractError('statements() must return an array of { fn, code } with string fields');
  return list as Statement[];
}

/** Counts the statements of the first `count` of `actions`, enabled in `state`, as `model.actionView` names them. */
export function countViews<S, A>(
  model: Model<S, A>,
  state: S,
  actions: readonly A[],
  count: number,
  counter: StatementCounter,
): void {
  if (model.actionView === undefined)
    throw new ModelContractError('statement coverage needs actionView(), which names the statement of each action');
  for (let k = 0; k < count; k++) {
    const view = model.actionView(state, actions[k] as A);
    counter.countText(String(view.fn), String(view.code));
  }
}
