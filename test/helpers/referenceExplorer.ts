/**
 * An independent reference explorer for differential tests. It shares nothing with the checker but
 * the model contract: a depth-first search that keeps every state as a full canonical string in a
 * JS Set (no fingerprints, no encoding), then a breadth-first pass over the graph it recorded for
 * depths. Slow and plain on purpose, so that its answers are obviously right; it is meant for
 * models of a few thousand states.
 */
import { Record, isList, isMap, isOrdered, isRecord, isSet, isStack } from 'immutable';
import type { Model } from '../../model/Model.js';
import type { AlwaysProperty } from '../../model/Property.js';

/** One reachable state, as the reference saw it. */
export interface ReferenceNode<S> {
  readonly state: S;
  /** Its breadth-first distance from an initial state. */
  readonly depth: number;
  /** False when `withinBoundary` excludes it: stored, but neither checked nor expanded. */
  readonly within: boolean;
  /** The keys of its successors, one per enabled action (empty outside the boundary). */
  readonly successors: readonly string[];
}

/** What the reference found. */
export interface ReferenceResult<S> {
  /** Reachable states by canonical key. */
  readonly nodes: ReadonlyMap<string, ReferenceNode<S>>;
  readonly distinct: number;
  /** Initial states (duplicates included) plus one successor per action of every state within the boundary. */
  readonly generated: number;
  /** The largest breadth-first depth of a reachable state. */
  readonly maxDepth: number;
  /** States within the boundary with no enabled action that the model does not call final. */
  readonly deadlocks: ReadonlySet<string>;
  /** `always` property id → the keys of the states (within the boundary) that violate it. */
  readonly violating: ReadonlyMap<string, ReadonlySet<string>>;
  /** The canonical key of a state. */
  keyOf(state: S): string;
  /** The smallest depth among `keys`, or undefined when there are none. */
  shortest(keys: Iterable<string>): number | undefined;
  /** States at depth `depth` or less: what a breadth-first search has stored when it starts expanding level `depth`. */
  countWithin(depth: number): number;
  /** Successors computed by a breadth-first search before it starts expanding level `depth`. */
  generatedBefore(depth: number): number;
}

/**
 * A canonical string for an Immutable value or primitive: equal values (in Immutable's sense, with
 * 0 and -0 equal) give equal strings. Unordered collections are sorted; ordered ones, lists and
 * records keep their order; the collection kind and record name are part of the string.
 */
export function canonical(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? '0' : String(value);
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `${value}n`;
  }
  if (isRecord(value)) {
    const fields = value
      .toSeq()
      .map((v, k) => `${JSON.stringify(k)}:${canonical(v)}`)
      .valueSeq()
      .join(',');
    return `${Record.getDescriptiveName(value)}{${fields}}`;
  }
  if (isList(value)) return `List[${value.map(canonical).join(',')}]`;
  if (isStack(value)) return `Stack[${value.map(canonical).join(',')}]`;
  if (isMap(value)) {
    const entries = value
      .map((v, k) => `${canonical(k)}=>${canonical(v)}`)
      .valueSeq()
      .toArray();
    return isOrdered(value) ? `OrderedMap{${entries.join(',')}}` : `Map{${entries.sort().join(',')}}`;
  }
  if (isSet(value)) {
    const members = value.map(canonical).valueSeq().toArray();
    return isOrdered(value) ? `OrderedSet{${members.join(',')}}` : `Set{${members.sort().join(',')}}`;
  }
  if (Array.isArray(value)) return `Array[${value.map(canonical).join(',')}]`;
  throw new TypeError(`the reference explorer cannot key a ${typeof value} (${String(value)})`);
}

/** Explores every reachable state of `model` and evaluates its `always` properties and deadlocks on each. */
export function exploreReference<S, A>(model: Model<S, A>): ReferenceResult<S> {
  const graph = depthFirst(model);
  const depths = breadthFirstDepths(graph.initialKeys, graph.raw);
  const nodes = new Map<string, ReferenceNode<S>>();
  for (const [key, node] of graph.raw) nodes.set(key, { ...node, depth: depths.get(key)! });
  const invariants = model.properties().filter((p): p is AlwaysProperty<S> => p.kind === 'always');
  const violating = new Map(invariants.map((p) => [p.id, new Set<string>()]));
  const deadlocks = new Set<string>();
  let generated = graph.initialKeys.length;
  for (const [key, node] of nodes) {
    if (!node.within) continue;
    generated += node.successors.length;
    for (const p of invariants) if (p.violation(node.state) !== undefined) violating.get(p.id)!.add(key);
    if (node.successors.length === 0 && model.isFinal?.(node.state) !== true) deadlocks.add(key);
  }
  const all = [...nodes.values()];
  return {
    nodes,
    distinct: nodes.size,
    generated,
    maxDepth: Math.max(0, ...all.map((n) => n.depth)),
    deadlocks,
    violating,
    keyOf: canonical,
    shortest: (keys) => {
      const found = [...keys].map((k) => nodes.get(k)!.depth);
      return found.length === 0 ? undefined : Math.min(...found);
    },
    countWithin: (depth) => all.filter((n) => n.depth <= depth).length,
    generatedBefore: (depth) =>
      graph.initialKeys.length +
      all.filter((n) => n.within && n.depth < depth).reduce((sum, n) => sum + n.successors.length, 0),
  };
}

interface RawNode<S> {
  readonly state: S;
  readonly within: boolean;
  readonly successors: string[];
}

// Depth-first, with an explicit stack: every state is keyed in full and expanded once.
function depthFirst<S, A>(model: Model<S, A>): { initialKeys: string[]; raw: Map<string, RawNode<S>> } {
  const raw = new Map<string, RawNode<S>>();
  const initial = model.initStates();
  const initialKeys = initial.map((s) => canonical(s));
  const stack: [string, S][] = initial.map((s, i) => [initialKeys[i]!, s]);
  while (stack.length > 0) {
    const [key, state] = stack.pop()!;
    if (raw.has(key)) continue;
    const within = model.withinBoundary?.(state) ?? true;
    const node: RawNode<S> = { state, within, successors: [] };
    raw.set(key, node);
    if (!within) continue;
    for (const action of model.actions(state)) {
      const next = model.nextState(state, action);
      const nextKey = canonical(next);
      node.successors.push(nextKey);
      stack.push([nextKey, next]);
    }
  }
  return { initialKeys, raw };
}

// Breadth-first distances over the recorded successor lists.
function breadthFirstDepths<S>(
  initialKeys: readonly string[],
  raw: ReadonlyMap<string, RawNode<S>>,
): Map<string, number> {
  const depths = new Map<string, number>();
  let level = [...new Set(initialKeys)];
  for (let depth = 0; level.length > 0; depth++) {
    const next: string[] = [];
    for (const key of level) {
      if (depths.has(key)) continue;
      depths.set(key, depth);
      next.push(...raw.get(key)!.successors.filter((k) => !depths.has(k)));
    }
    level = next;
  }
  return depths;
}
