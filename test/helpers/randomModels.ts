/**
 * Small random models for differential tests: random transition systems over numbered nodes, and
 * random programs of the program kit over a few shared counters. Each model is a pure function of a
 * JSON spec, so a worker thread can rebuild it from a ModelSource; the fast-check arbitraries here
 * generate the specs. States are Immutable values built in varying insertion orders, so equal states
 * reached by different steps must still be recognised as one.
 */
import fc from 'fast-check';
import { List, Map as IMap, Record, Set as ISet, type RecordOf } from 'immutable';
import type { ModelSource } from '../../checker/parallel/ModelSource.js';
import type { DecodeSource } from '../../model/DecodeSource.js';
import type { EncodeSink } from '../../model/EncodeSink.js';
import type { Model } from '../../model/Model.js';
import { always, deadlockFree, type Property } from '../../model/Property.js';
import { ProgramModel } from '../../model/program/ProgramModel.js';
import type { ProgramState } from '../../model/program/ProgramState.js';
import { label, step, type StepDef } from '../../model/program/Step.js';

/** How a node of a random transition system is written as an Immutable value. */
export type NodeShape = 'map' | 'record' | 'list' | 'nested';

/** A random transition system: node `n` has the actions `edges[n]` (the nodes they lead to). */
export interface GraphSpec {
  readonly nodes: number;
  readonly initial: readonly number[];
  readonly edges: readonly (readonly number[])[];
  readonly final: readonly number[];
  /** Nodes that `withinBoundary` excludes. */
  readonly outside: readonly number[];
  /** Invariants: each says that none of its `bad` nodes is reached. */
  readonly invariants: readonly { readonly id: string; readonly bad: readonly number[] }[];
  readonly deadlockFree: boolean;
  readonly shape: NodeShape;
  /** The model brings its own encode/decode (and can then be explored by several workers). */
  readonly ownEncoding: boolean;
}

interface PointProps {
  readonly x: number;
  readonly y: number;
}
const Point = Record<PointProps>({ x: 0, y: 0 }, 'Point');

/** A node of a graph model as a state. */
export type GraphState = RecordOf<PointProps> | IMap<string, unknown> | List<number>;

// Node n is the point (n mod 4, n div 4); `flip` changes the order entries are inserted in.
function nodeValue(shape: NodeShape, n: number, flip: boolean): GraphState {
  const x = n % 4;
  const y = Math.floor(n / 4);
  switch (shape) {
    case 'map':
      return flip
        ? IMap<string, unknown>([
            ['y', y],
            ['x', x],
          ])
        : IMap<string, unknown>([
            ['x', x],
            ['y', y],
          ]);
    case 'record':
      return Point({ x, y });
    case 'list':
      return List([x, y]);
    case 'nested':
      return IMap<string, unknown>({ at: Point({ x, y }), marks: ISet(flip ? [y + 10, x] : [x, y + 10]) });
  }
}

function nodeOf(shape: NodeShape, s: GraphState): number {
  switch (shape) {
    case 'list':
      return (s as List<number>).get(0)! + 4 * (s as List<number>).get(1)!;
    case 'record':
      return (s as RecordOf<PointProps>).x + 4 * (s as RecordOf<PointProps>).y;
    case 'map':
      return ((s as IMap<string, unknown>).get('x') as number) + 4 * ((s as IMap<string, unknown>).get('y') as number);
    case 'nested': {
      const at = (s as IMap<string, unknown>).get('at') as RecordOf<PointProps>;
      return at.x + 4 * at.y;
    }
  }
}

/** The transition system of `spec`; an action is an index into the node's edge list. */
export function graphModelOf(spec: GraphSpec): Model<GraphState, number> {
  const { shape } = spec;
  const properties: Property<GraphState>[] = spec.invariants.map(({ id, bad }) =>
    always<GraphState>(id, `none of nodes ${bad.join(', ')} is reached`, (s) =>
      bad.includes(nodeOf(shape, s)) ? `node ${nodeOf(shape, s)} is reached` : undefined,
    ),
  );
  if (spec.deadlockFree) properties.push(deadlockFree('deadlock-free', 'a non-final node always has an edge'));
  const model: Model<GraphState, number> = {
    initStates: () => spec.initial.map((n, i) => nodeValue(shape, n, i % 2 === 1)),
    actions: (s) => spec.edges[nodeOf(shape, s)]!.map((_to, i) => i),
    nextState: (s, i) => nodeValue(shape, spec.edges[nodeOf(shape, s)]![i]!, i % 2 === 1),
    withinBoundary: (s) => !spec.outside.includes(nodeOf(shape, s)),
    isFinal: (s) => spec.final.includes(nodeOf(shape, s)),
    formatAction: (s, i) => `${nodeOf(shape, s)} -> ${spec.edges[nodeOf(shape, s)]![i]}`,
    properties: () => properties,
  };
  if (!spec.ownEncoding) return model;
  return {
    ...model,
    encode: (s: GraphState, sink: EncodeSink) => sink.int(nodeOf(shape, s)),
    decode: (source: DecodeSource) => nodeValue(shape, source.int(), false),
  };
}

/** A comparison of a counter with a value. */
export interface CounterTest {
  readonly counter: number;
  readonly op: 'eq' | 'ne' | 'lt';
  readonly value: number;
}

/** One step of a random thread: an optional guard (the thread waits while it is false) and an effect modulo `modulo`. */
export interface RandomStep {
  readonly guard: CounterTest | null;
  readonly effect: { readonly counter: number; readonly kind: 'set' | 'add'; readonly value: number };
}

/** A random program: threads of steps over `counters` shared counters, each kept modulo `modulo`. */
export interface RandomProgramSpec {
  readonly counters: number;
  readonly modulo: number;
  /** `loop`: the thread starts over after its last step; `daemon`: it never has to finish. */
  readonly threads: readonly {
    readonly steps: readonly RandomStep[];
    readonly loop: boolean;
    readonly daemon: boolean;
  }[];
  /** Invariants: each says that its test never holds. */
  readonly invariants: readonly (CounterTest & { readonly id: string })[];
  readonly deadlockFree: boolean;
  readonly ownEncoding: boolean;
}

type Counters = List<number>;

function holds(test: CounterTest, g: Counters): boolean {
  const v = g.get(test.counter)!;
  return test.op === 'eq' ? v === test.value : test.op === 'ne' ? v !== test.value : v < test.value;
}

function stepOf(
  spec: RandomProgramSpec,
  s: RandomStep,
  thread: number,
  index: number,
  last: boolean,
  loop: boolean,
): StepDef<Counters> {
  const { counter, kind, value } = s.effect;
  const guard = s.guard;
  return step<Counters>(`t${thread}`, `s${index}: c${counter} ${kind === 'set' ? '=' : '+='} ${value}`, {
    ...(guard === null ? {} : { guard: (g: Counters) => holds(guard, g) }),
    run: (x) => {
      x.update((g) => g.set(counter, kind === 'set' ? value : (g.get(counter)! + value) % spec.modulo));
      if (last && loop) x.goto('top');
    },
  });
}

/** The program of `spec`, a ProgramModel over a List of counters. */
export function programModelOf(spec: RandomProgramSpec): ProgramModel<Counters> {
  const procs = spec.threads.map((t, i) => ({
    name: `t${i}`,
    body: [label('top'), ...t.steps.map((s, j) => stepOf(spec, s, i, j, j === t.steps.length - 1, t.loop))],
  }));
  const properties: Property<ProgramState<Counters>>[] = spec.invariants.map((inv) =>
    always<ProgramState<Counters>>(inv.id, `never c${inv.counter} ${inv.op} ${inv.value}`, (s) =>
      holds(inv, s.shared) ? `c${inv.counter} is ${s.shared.get(inv.counter)}` : undefined,
    ),
  );
  if (spec.deadlockFree)
    properties.push(deadlockFree('deadlock-free', 'some thread can move until every thread has finished'));
  return new ProgramModel<Counters>({
    procs,
    threads: spec.threads.map((t, i) => ({ name: `thread${i}`, entry: `t${i}`, daemon: t.daemon })),
    initShared: List(Array.from({ length: spec.counters }, () => 0)),
    properties,
    ...(spec.ownEncoding && {
      encodeShared: (g: Counters, sink: EncodeSink) => g.forEach((v) => void sink.int(v)),
      decodeShared: (source: DecodeSource) => List(Array.from({ length: spec.counters }, () => source.int())),
    }),
  });
}

/** How a worker thread rebuilds the model of a spec. */
export function randomModelSource(kind: 'graph', spec: GraphSpec): ModelSource;
export function randomModelSource(kind: 'program', spec: RandomProgramSpec): ModelSource;
export function randomModelSource(kind: 'graph' | 'program', spec: GraphSpec | RandomProgramSpec): ModelSource {
  return { module: import.meta.url, exportName: kind === 'graph' ? 'graphModelOf' : 'programModelOf', args: [spec] };
}

const range = (n: number): number[] => Array.from({ length: n }, (_v, i) => i);

/** Random transition systems of 1 to 30 nodes with up to 4 edges each; some nodes have none (deadlocks unless final). */
export const graphSpecs: fc.Arbitrary<GraphSpec> = fc.integer({ min: 1, max: 30 }).chain((nodes) => {
  const node = fc.integer({ min: 0, max: nodes - 1 });
  return fc.record({
    nodes: fc.constant(nodes),
    initial: fc.array(node, { minLength: 1, maxLength: 3 }),
    edges: fc.array(fc.array(node, { maxLength: 4 }), { minLength: nodes, maxLength: nodes }),
    final: fc.subarray(range(nodes)),
    outside: fc.oneof(fc.constant([]), fc.subarray(range(nodes), { maxLength: Math.min(2, nodes) })),
    invariants: fc
      .array(fc.subarray(range(nodes), { maxLength: Math.min(3, nodes) }), { maxLength: 3 })
      .map((bads) => bads.map((bad, i) => ({ id: `inv-${i}`, bad }))),
    deadlockFree: fc.boolean(),
    shape: fc.constantFrom<NodeShape>('map', 'record', 'list', 'nested'),
    ownEncoding: fc.boolean(),
  });
});

/** Random programs: 1 to 3 threads of 1 to 4 steps over 1 to 3 counters modulo 2 or 3. */
export const programSpecs: fc.Arbitrary<RandomProgramSpec> = fc
  .record({ counters: fc.integer({ min: 1, max: 3 }), modulo: fc.integer({ min: 2, max: 3 }) })
  .chain(({ counters, modulo }) => {
    const test = fc.record({
      counter: fc.integer({ min: 0, max: counters - 1 }),
      op: fc.constantFrom<CounterTest['op']>('eq', 'ne', 'lt'),
      value: fc.integer({ min: 0, max: modulo - 1 }),
    });
    const effect = fc.record({
      counter: fc.integer({ min: 0, max: counters - 1 }),
      kind: fc.constantFrom<'set' | 'add'>('set', 'add'),
      value: fc.integer({ min: 1, max: modulo - 1 }),
    });
    const thread = fc.record({
      // One step in three waits for a guard: more would leave most programs stuck at their first step.
      steps: fc.array(
        fc.record({
          guard: fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: test, weight: 1 }),
          effect,
        }),
        { minLength: 1, maxLength: 4 },
      ),
      loop: fc.boolean(),
      daemon: fc.boolean(),
    });
    return fc.record({
      counters: fc.constant(counters),
      modulo: fc.constant(modulo),
      threads: fc.array(thread, { minLength: 1, maxLength: 3 }),
      invariants: fc.array(test, { maxLength: 2 }).map((tests) => tests.map((t, i) => ({ ...t, id: `inv-${i}` }))),
      deadlockFree: fc.boolean(),
      ownEncoding: fc.boolean(),
    });
  });
