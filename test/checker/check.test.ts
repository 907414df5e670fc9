import { describe, expect, it } from 'vitest';
import { check } from '../../checker/check.js';
import { binaryClock } from '../helpers/binaryClock.js';
import { boundedCounter, gridCounter, stoppingCounter, type Point } from '../helpers/counters.js';
import { expectOk, expectTraceActions, expectViolation } from '../helpers/expect.js';
import { graphModel, notBad } from '../helpers/graphModel.js';
import { lockOrder } from '../helpers/lockOrder.js';
import { lostUpdate } from '../helpers/lostUpdate.js';
import { deadlockFree } from '../../model/Property.js';

describe('check', () => {
  it('explores the binary clock: 2 distinct states, 3 generated, depth 1', () => {
    const { stats } = expectOk(check(binaryClock()));
    expect(stats).toMatchObject({ distinct: 2, generated: 3, depth: 1, queue: 0 });
    expect(stats.collisionProbability).toBe((2 * 1) / 2 ** 64);
  });

  it('stores but neither checks nor expands states outside the boundary', () => {
    const { stats } = expectOk(check(boundedCounter(5)));
    expect(stats).toMatchObject({ distinct: 7, generated: 7, depth: 6 });
  });

  it('checks states in breadth-first level order, each level in discovery order', () => {
    const visited: Point[] = [];
    const { stats } = expectOk(check(gridCounter(2, visited)));
    expect(visited.map((p) => `${p.x}${p.y}`)).toEqual(['00', '10', '01', '20', '11', '02', '21', '12', '22']);
    expect(stats).toMatchObject({ distinct: 9, generated: 13, depth: 4 });
  });

  it('finds the lost update with a 4-step counterexample and stats as of the start of its level', () => {
    const outcome = check(lostUpdate());
    const { violations, trace, stats } = expectViolation(outcome, 'no-lost-update', { length: 4 });
    expect(violations.map((v) => v.propertyId)).toEqual(['no-lost-update']);
    expect(violations[0]?.message).toBe('x is 1 after both threads incremented it');
    expectTraceActions(outcome, [
      '{"thread":0,"step":"Read"}',
      '{"thread":1,"step":"Read"}',
      '{"thread":0,"step":"Write"}',
      '{"thread":1,"step":"Write"}',
    ]);
    expect(trace.steps.at(-1)?.state.x).toBe(1);
    expect(stats).toMatchObject({ distinct: 13, generated: 15, depth: 4, queue: 3 });
  });

  it('passes the atomic increment: 4 distinct states, final states are no deadlock', () => {
    expect(expectOk(check(lostUpdate(true))).stats).toMatchObject({ distinct: 4, generated: 5, depth: 2 });
  });

  it('reports the ABBA deadlock after two steps', () => {
    const outcome = check(lockOrder());
    const { violations, stats } = expectViolation(outcome, 'deadlock-free', { length: 2 });
    expect(violations[0]?.message).toMatch(/no thread can move/);
    expectTraceActions(outcome, ['T0 lock A', 'T1 lock B']);
    expect(stats).toMatchObject({ distinct: 6, generated: 7, depth: 2, queue: 3 });
  });

  it('passes when both threads take the locks in the same order', () => {
    expect(expectOk(check(lockOrder(true))).stats).toMatchObject({ distinct: 12, generated: 13, depth: 6 });
  });

  it('reports a state without actions as a deadlock unless isFinal says it is an end', () => {
    expectViolation(check(stoppingCounter(3, false)), 'deadlock-free', { length: 3 });
    expect(expectOk(check(stoppingCounter(3, true))).stats).toMatchObject({ distinct: 4, depth: 3 });
  });

  it('reports the shortest counterexample when a longer path is listed first', () => {
    const graph = {
      initial: ['s'],
      edges: { s: ['a', 'x'], a: ['b'], b: ['c'], c: ['bad'], x: ['y'], y: ['bad'] },
      bad: ['bad'],
      final: ['bad'],
    };
    const outcome = check(graphModel(graph));
    expectViolation(outcome, 'not-bad', { length: 3 });
    expectTraceActions(outcome, ['x', 'y', 'bad']);
  });

  it('prefers a shallower deadlock to a deeper invariant violation discovered earlier', () => {
    const graph = { initial: ['s'], edges: { s: ['a', 'stuck'], a: ['bad'] }, bad: ['bad'] };
    const outcome = check(graphModel(graph));
    expectViolation(outcome, 'deadlock-free', { length: 1 });
    expectTraceActions(outcome, ['stuck']);
  });

  it('prefers a shallower invariant violation to a deeper deadlock', () => {
    const graph = { initial: ['s'], edges: { s: ['d1', 'bad'], d1: ['d2'] }, bad: ['bad'], final: ['bad'] };
    expectViolation(check(graphModel(graph)), 'not-bad', { length: 1 });
  });

  it('reports every property violated at the state, in properties() order', () => {
    const properties = [notBad(['bad'], 'first'), deadlockFree('deadlock-free', 'moves'), notBad(['bad'], 'third')];
    const { violations } = expectViolation(
      check(graphModel({ initial: ['s'], edges: { s: ['bad'] }, properties })),
      'first',
      { length: 1 },
    );
    expect(violations.map((v) => v.propertyId)).toEqual(['first', 'deadlock-free', 'third']);
  });

  it('gives the same stats wherever in its level the violating state sits', () => {
    const edges = { ok1: ['z1'], ok2: ['z2'], z1: ['z1'], z2: ['z2'], bad: ['bad'] };
    const first = expectViolation(
      check(graphModel({ initial: ['s'], edges: { ...edges, s: ['bad', 'ok1', 'ok2'] }, bad: ['bad'] })),
      'not-bad',
    );
    const last = expectViolation(
      check(graphModel({ initial: ['s'], edges: { ...edges, s: ['ok1', 'ok2', 'bad'] }, bad: ['bad'] })),
      'not-bad',
    );
    const counts = ({ generated, distinct, depth, queue }: typeof first.stats) => ({
      generated,
      distinct,
      depth,
      queue,
    });
    expect(counts(first.stats)).toEqual({ generated: 4, distinct: 4, depth: 1, queue: 3 });
    expect(counts(last.stats)).toEqual(counts(first.stats));
  });

  it('drops duplicate initial states and checks each initial state', () => {
    const outcome = check(graphModel({ initial: ['s', 's', 'bad'], edges: { s: ['s'] }, bad: ['bad'] }));
    const { trace, stats } = expectViolation(outcome, 'not-bad', { length: 0 });
    expect(trace.initial).toBe('bad');
    expect(stats).toMatchObject({ distinct: 2, generated: 3, depth: 0 });
  });
});
