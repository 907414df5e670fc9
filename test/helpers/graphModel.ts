/**
 * A model given as a table of edges between named states: each action is the name of the state it
 * leads to. States named in `bad` violate `not-bad`; states without edges are deadlocks unless
 * listed in `final`. Scenarios for search order and shortest traces become data.
 */
import type { Model } from '../../model/Model.js';
import { always, deadlockFree, type Property } from '../../model/Property.js';

/** The shape of a graph model. */
export interface Graph {
  readonly initial: readonly string[];
  readonly edges: Readonly<Record<string, readonly string[]>>;
  readonly bad?: readonly string[];
  readonly final?: readonly string[];
  /** Replaces the default properties (`not-bad`, then `deadlock-free`). */
  readonly properties?: readonly Property<string>[];
}

/** The invariant "no bad state is reached" for the states in `bad`. */
export function notBad(bad: readonly string[], id = 'not-bad'): Property<string> {
  return always<string>(id, 'no bad state is reached', (s) => (bad.includes(s) ? `reached ${s}` : undefined));
}

/** A model over the graph's named states. */
export function graphModel(graph: Graph): Model<string, string> {
  const properties = graph.properties ?? [
    notBad(graph.bad ?? []),
    deadlockFree('deadlock-free', 'some edge leaves every non-final state'),
  ];
  return {
    initStates: () => graph.initial,
    actions: (s) => graph.edges[s] ?? [],
    nextState: (_s, target) => target,
    isFinal: (s) => graph.final?.includes(s) ?? false,
    formatAction: (_s, target) => `go ${target}`,
    properties: () => properties,
  };
}
