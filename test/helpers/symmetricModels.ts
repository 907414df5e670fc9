/**
 * Random models with interchangeable processes, for the symmetry tests: `processes` copies of one
 * random local graph, moving one at a time, over a shared counter and a lock that names its holder.
 * An edge may add to the counter, take the lock (only when it is free) or release it (only by its
 * holder). The properties are symmetric: the counter never reaches a value, fewer than `limit`
 * processes stand at a node at once, deadlock freedom. The representative sorts the processes by
 * their node and whether they hold the lock, and renames the holder with them: a canonical form.
 * Each model is a pure function of its JSON spec, so a worker thread can rebuild it.
 */
import fc from 'fast-check';
import { List, Record, type RecordOf } from 'immutable';
import type { ModelSource } from '../../checker/parallel/ModelSource.js';
import type { DecodeSource } from '../../model/DecodeSource.js';
import type { EncodeSink } from '../../model/EncodeSink.js';
import type { Model } from '../../model/Model.js';
import { always, deadlockFree, type Property } from '../../model/Property.js';

/** An edge of the local graph: where it leads, and what it does to the shared part. */
export interface LocalEdge {
  readonly to: number;
  readonly add: number;
  readonly lock: 'none' | 'take' | 'release';
}

export interface SymmetricSpec {
  readonly processes: number;
  readonly nodes: number;
  readonly edges: readonly (readonly LocalEdge[])[];
  readonly modulo: number;
  /** The counter must never be this. */
  readonly badCounter: number;
  /** Fewer than `limit` processes may stand at `node` at once. */
  readonly crowd: { readonly node: number; readonly limit: number };
  readonly deadlockFree: boolean;
  /** Without a representative: the same model, for comparing. */
  readonly symmetric: boolean;
}

interface SharedProps {
  readonly at: List<number>;
  readonly counter: number;
  /** The process holding the lock, or -1. */
  readonly holder: number;
}
const Shared = Record<SharedProps>({ at: List(), counter: 0, holder: -1 }, 'Shared');
export type SymmetricState = RecordOf<SharedProps>;
/** An action: process `p` takes edge `e` of its node. */
export type SymmetricAction = readonly [p: number, e: number];

/** The model of `spec`. */
export function symmetricModelOf(spec: SymmetricSpec): Model<SymmetricState, SymmetricAction> {
  const enabled = (s: SymmetricState, p: number, e: LocalEdge) =>
    e.lock === 'take' ? s.holder < 0 : e.lock === 'release' ? s.holder === p : true;
  const properties: Property<SymmetricState>[] = [
    always('counter', `the counter never reaches ${spec.badCounter}`, (s) =>
      s.counter === spec.badCounter ? `the counter is ${s.counter}` : undefined,
    ),
    always('crowd', `fewer than ${spec.crowd.limit} processes at node ${spec.crowd.node}`, (s) =>
      s.at.count((n) => n === spec.crowd.node) >= spec.crowd.limit ? 'too many' : undefined,
    ),
    ...(spec.deadlockFree ? [deadlockFree('deadlock-free', 'some process can always move')] : []),
  ];
  const model: Model<SymmetricState, SymmetricAction> = {
    initStates: () => [Shared({ at: List(Array.from({ length: spec.processes }, () => 0)) })],
    actions: (s) =>
      s.at
        .flatMap((node, p) => (spec.edges[node] ?? []).flatMap((e, i) => (enabled(s, p, e) ? [[p, i] as const] : [])))
        .toArray(),
    nextState: (s, [p, i]) => {
      const e = spec.edges[s.at.get(p)!]![i]!;
      return s.merge({
        at: s.at.set(p, e.to),
        counter: (s.counter + e.add) % spec.modulo,
        holder: e.lock === 'take' ? p : e.lock === 'release' ? -1 : s.holder,
      });
    },
    properties: () => properties,
    encode: (s, sink: EncodeSink) => {
      s.at.forEach((n) => void sink.int(n));
      sink.int(s.counter);
      sink.int(s.holder);
    },
    decode: (source: DecodeSource) =>
      Shared({
        at: List(Array.from({ length: spec.processes }, () => source.int())),
        counter: source.int(),
        holder: source.int(),
      }),
  };
  if (!spec.symmetric) return model;
  return { ...model, symmetry: () => ({ groups: ['every process'], representative }) };
}

/** Sorts the processes by (node, holds the lock) and renames the holder with them. */
function representative(s: SymmetricState): SymmetricState {
  const key = (p: number) => 2 * s.at.get(p)! + (s.holder === p ? 1 : 0);
  const order = s.at
    .keySeq()
    .toArray()
    .sort((a, b) => key(a) - key(b));
  const holder = s.holder < 0 ? -1 : order.indexOf(s.holder);
  return s.merge({ at: List(order.map((p) => s.at.get(p)!)), holder });
}

/** How a worker thread rebuilds the model of a spec. */
export function symmetricModelSource(spec: SymmetricSpec): ModelSource {
  return { module: import.meta.url, exportName: 'symmetricModelOf', args: [spec] };
}

const edge = (nodes: number): fc.Arbitrary<LocalEdge> =>
  fc.record({
    to: fc.integer({ min: 0, max: nodes - 1 }),
    add: fc.integer({ min: 0, max: 2 }),
    lock: fc.constantFrom('none', 'none', 'take', 'release'),
  });

/** Specs of 2 to 4 processes over a local graph of 2 to 4 nodes. */
export const symmetricSpecs: fc.Arbitrary<SymmetricSpec> = fc.integer({ min: 2, max: 4 }).chain((nodes) =>
  fc.record({
    processes: fc.integer({ min: 2, max: 4 }),
    nodes: fc.constant(nodes),
    edges: fc.array(fc.array(edge(nodes), { maxLength: 3 }), { minLength: nodes, maxLength: nodes }),
    modulo: fc.integer({ min: 2, max: 6 }),
    badCounter: fc.integer({ min: 1, max: 6 }),
    crowd: fc.record({ node: fc.integer({ min: 0, max: nodes - 1 }), limit: fc.integer({ min: 2, max: 4 }) }),
    deadlockFree: fc.boolean(),
    symmetric: fc.constant(true),
  }),
);
