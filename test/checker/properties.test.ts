import { describe, expect, it } from 'vitest';
import { check } from '../../checker/check.js';
import { EVENTUALLY_MESSAGE, NO_WITNESS_MESSAGE, PropertyChecker } from '../../checker/PropertyChecker.js';
import type { Trace } from '../../checker/Trace.js';
import { always, deadlockFree, eventually, sometimes, type Property } from '../../model/Property.js';
import { expectIncomplete, expectOk, expectViolation } from '../helpers/expect.js';
import { graphModel, type Graph } from '../helpers/graphModel.js';

/** The names of the states along a trace of a graph model, the initial one first. */
function path(trace: Trace<string, string>): string {
  return [trace.initial, ...trace.steps.map((s) => s.state)].join(' ');
}

const reaches = (target: string, id = `reaches-${target}`) =>
  sometimes<string>(id, `${target} can be reached`, (s) => s === target);
const passes = (target: string, id = `passes-${target}`) =>
  eventually<string>(id, `every run passes ${target}`, (s) => s === target);

function graph(
  edges: Graph['edges'],
  properties: readonly Property<string>[],
  final: readonly string[] = [],
): ReturnType<typeof graphModel> {
  return graphModel({ initial: ['a'], edges, properties, final });
}

// a → b → d, a → c → d, d → e: two routes to d, one terminal state e.
const diamond = { a: ['b', 'c'], b: ['d'], c: ['d'], d: ['e'] };

describe('sometimes', () => {
  it('reports a shortest witness for each sometimes property of an ok run, in properties() order', () => {
    const outcome = expectOk(check(graph(diamond, [reaches('e'), reaches('c')])));
    expect(
      outcome.witnesses?.map((w) => [w.propertyId, w.propertyName, path(w.trace as Trace<string, string>)]),
    ).toEqual([
      ['reaches-e', 'e can be reached', 'a b d e'],
      ['reaches-c', 'c can be reached', 'a c'],
    ]);
    expect(outcome.stats).toMatchObject({ distinct: 5, depth: 3 });
  });

  it('fails, after a complete search, a sometimes property no reachable state satisfies: the vacuous model', () => {
    const outcome = check(graph(diamond, [reaches('e'), reaches('z'), reaches('y')]));
    const { violations, trace, stats } = expectViolation(outcome, 'reaches-z', { length: 0 });
    expect(violations).toEqual([
      { propertyId: 'reaches-z', propertyName: 'z can be reached', message: NO_WITNESS_MESSAGE, noWitness: true },
      { propertyId: 'reaches-y', propertyName: 'y can be reached', message: NO_WITNESS_MESSAGE, noWitness: true },
    ]);
    expect(trace.initial).toBe('a');
    expect(stats).toMatchObject({ distinct: 5, generated: 6, depth: 3, queue: 0 });
  });

  it('gives no verdict on a sometimes property when a bound stops the search first', () => {
    expectIncomplete(check(graph(diamond, [reaches('z')]), { maxDepth: 1 }), 'maxDepth');
  });

  it('reports an invariant violation before a missing witness, and a witness found on the way does not stop the search', () => {
    const bad = always<string>('not-d', 'd is never reached', (s) => (s === 'd' ? 'reached d' : undefined));
    expectViolation(check(graph(diamond, [reaches('b'), bad, reaches('z')])), 'not-d', { length: 2 });
  });

  it('leaves the ok outcome of a model without sometimes properties as it was: no witnesses field', () => {
    const outcome = expectOk(check(graph(diamond, [passes('d')])));
    expect(outcome).not.toHaveProperty('witnesses');
  });

  it('witnesses nothing outside the boundary', () => {
    const model = { ...graph(diamond, [reaches('e')]), withinBoundary: (s: string) => s !== 'e' };
    expectViolation(check(model), 'reaches-e', { length: 0 });
  });

  it('rejects more than 32 sometimes properties as a model error', () => {
    const many = Array.from({ length: 33 }, (_v, i) => reaches('a', `p${i}`));
    const outcome = check(graph(diamond, many));
    expect(outcome.kind).toBe('modelError');
  });
});

describe('eventually', () => {
  it('holds when every terminal trace passes a state that satisfies it', () => {
    expectOk(check(graph(diamond, [passes('d')])));
  });

  it('reports a terminal state whose trace never satisfied it, with that trace', () => {
    const outcome = check(graph({ a: ['b', 'c'], b: ['e'], c: ['f'] }, [passes('b')]));
    const { violations, trace } = expectViolation(outcome, 'passes-b', { length: 2 });
    expect(path(trace)).toBe('a c f');
    expect(violations).toEqual([
      { propertyId: 'passes-b', propertyName: 'every run passes b', message: EVENTUALLY_MESSAGE },
    ]);
  });

  it('counts the terminal state itself and the initial state as on the trace', () => {
    expectOk(check(graph({ a: ['b'] }, [passes('b')])));
    expectOk(check(graph({ a: ['b'] }, [passes('a')])));
  });

  it('checks runs that never end too: a cycle that never passes it is a lasso (this model assumes no fairness)', () => {
    const outcome = check(graph({ a: ['b'], b: ['a'] }, [passes('z')]));
    const { trace, violations } = expectViolation(outcome, 'passes-z', { length: 2 });
    expect([path(trace), trace.cycleStart]).toEqual(['a b a', 0]);
    expect(violations[0]?.message).toMatch(
      /^the last 2 steps repeat forever \(no fairness is assumed; model moves in the loop\)/,
    );
  });

  it('judges every route to a state, not only the first: a counterexample along a later route is found', () => {
    // d is first reached through b; the route a → c → d → e never passes b, and is reported.
    expect(path(expectViolation(check(graph(diamond, [passes('b')])), 'passes-b', { length: 3 }).trace)).toBe(
      'a c d e',
    );
    const outcome = check(graph({ ...diamond, a: ['c', 'b'] }, [passes('b')]));
    expect(path(expectViolation(outcome, 'passes-b', { length: 3 }).trace)).toBe('a c d e');
  });

  it('is judged once the search has found no safety violation: a state that breaks an invariant is reported first', () => {
    const notE = always<string>('not-e', 'e is never reached', (s) => (s === 'e' ? 'reached e' : undefined));
    const outcome = check(
      graph(diamond, [passes('z'), notE, deadlockFree('deadlock-free', 'only final states stop'), passes('x')]),
    );
    const { violations } = expectViolation(outcome, 'not-e', { length: 3 });
    expect(violations.map((v) => v.propertyId)).toEqual(['not-e', 'deadlock-free']);
  });

  it('checks terminal states that the model calls final too', () => {
    expectViolation(check(graph(diamond, [passes('z')], ['e'])), 'passes-z', { length: 3 });
  });

  it('tracks more eventually properties than one byte of marks holds (9 and 10 along a 40-state chain)', () => {
    const chain = Object.fromEntries(Array.from({ length: 39 }, (_v, i) => [`s${i}`, [`s${i + 1}`]]));
    const nine = Array.from({ length: 9 }, (_v, i) => passes(`s${i * 4}`));
    expect(expectOk(check(graphModel({ initial: ['s0'], edges: chain, properties: nine }))).stats.distinct).toBe(40);
    const ten = [...nine, passes('s40')];
    expectViolation(check(graphModel({ initial: ['s0'], edges: chain, properties: ten })), 'passes-s40', {
      length: 39,
    });
  });
});

describe('PropertyChecker on sometimes and eventually', () => {
  const props = [
    reaches('b'),
    passes('a'),
    reaches('c'),
    passes('b'),
    deadlockFree('deadlock-free', 'something moves'),
  ];
  const checker = new PropertyChecker<string>({}, props);

  it('numbers each kind on its own, in properties() order', () => {
    expect(checker.reachability.map((p) => p.id)).toEqual(['reaches-b', 'reaches-c']);
    expect(checker.terminal.map((p) => p.id)).toEqual(['passes-a', 'passes-b']);
    expect(checker.allTerminal).toBe(0b11);
  });

  it('evaluates only the pending sometimes properties, and every eventually property, as masks', () => {
    expect([checker.witnessesAt('b', 0b11), checker.witnessesAt('b', 0b10), checker.witnessesAt('c', 0b11)]).toEqual([
      0b01, 0, 0b10,
    ]);
    expect([checker.terminalAt('a'), checker.terminalAt('b'), checker.terminalAt('z')]).toEqual([0b01, 0b10, 0]);
  });

  it('never blames one state for a sometimes property, even a deadlocked one', () => {
    expect(checker.violationsAt('z', true, 0b10).map((v) => v.propertyId)).toEqual(['passes-b', 'deadlock-free']);
    expect(checker.unwitnessed(0b01).map((v) => v.propertyId)).toEqual(['reaches-c']);
  });
});
