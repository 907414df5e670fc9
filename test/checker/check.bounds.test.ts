import { describe, expect, it } from 'vitest';
import { immutableForm } from '../helpers/immutableForm.js';
import { check } from '../../checker/check.js';
import type { Stats } from '../../checker/Stats.js';
import { boundedCounter, gridCounter, infiniteTree } from '../helpers/counters.js';
import { expectIncomplete, expectOk, expectViolation } from '../helpers/expect.js';
import { graphModel } from '../helpers/graphModel.js';
import { lostUpdate } from '../helpers/lostUpdate.js';

const unbounded = boundedCounter(Number.POSITIVE_INFINITY);

describe('check bounds', () => {
  it('reports incomplete when maxStates is reached before a violation', () => {
    const { stats } = expectIncomplete(check(lostUpdate(), { maxStates: 5 }), 'maxStates');
    expect(stats).toMatchObject({ distinct: 5, generated: 5, depth: 2, queue: 3 });
  });

  it('reports incomplete when the initial states alone reach maxStates', () => {
    const model = graphModel({ initial: ['a', 'b'], edges: { a: ['a'], b: ['b'] } });
    expect(expectIncomplete(check(model, { maxStates: 2 }), 'maxStates').stats).toMatchObject({
      distinct: 2,
      depth: 0,
      queue: 2,
    });
  });

  it('checks but does not expand states at maxDepth, and reports incomplete if they had successors', () => {
    const { stats } = expectIncomplete(check(unbounded, { maxDepth: 3 }), 'maxDepth');
    expect(stats).toMatchObject({ distinct: 4, generated: 4, depth: 3, queue: 0 });
  });

  it('still reports a violation at exactly maxDepth', () => {
    expectViolation(check(lostUpdate(), { maxDepth: 4 }), 'no-lost-update', { length: 4 });
    expectIncomplete(check(lostUpdate(), { maxDepth: 3 }), 'maxDepth');
  });

  it('passes when the last level to expand lies at maxDepth and has no successors', () => {
    expectOk(check(gridCounter(2), { maxDepth: 4 }));
    expectIncomplete(check(gridCounter(2), { maxDepth: 3 }), 'maxDepth');
  });

  it('reports incomplete: timeout on an unbounded model', () => {
    const { stats } = expectIncomplete(check(infiniteTree(), { timeoutMs: 30 }), 'timeout');
    expect(stats.elapsedMs).toBeGreaterThanOrEqual(30);
    expect(stats.distinct).toBeGreaterThan(1000);
  });

  it('reports incomplete: interrupted when shouldStop says so, asked at each level and before each state', () => {
    let polls = 0;
    const { stats } = expectIncomplete(check(unbounded, { shouldStop: () => ++polls > 3 }), 'interrupted');
    // Asked at level 0, before state 0, at level 1 (3 times): the fourth, before state 1, stops the run.
    expect(stats).toMatchObject({ distinct: 2, depth: 1, queue: 1 });
  });

  it('asks shouldStop before every state within a level, so a search of large states stops within one', () => {
    const wide = graphModel({
      initial: ['s'],
      edges: { s: Array.from({ length: 5000 }, (_, i) => `c${i}`) },
      properties: [],
    });
    for (const form of [wide, immutableForm(wide)]) {
      let polls = 0;
      const { stats } = expectIncomplete(check(form, { shouldStop: () => ++polls > 100 }), 'interrupted');
      // Asked at level 0, before s, at level 1, then before each child: the 101st, before child 97, stops it.
      expect(stats).toMatchObject({ distinct: 5001, depth: 1, queue: 5000 - 97 });
    }
  });

  it('reports progress about once a second', () => {
    const reports: Stats[] = [];
    const { stats } = expectIncomplete(
      check(infiniteTree(), { timeoutMs: 1200, onProgress: (s) => reports.push(s) }),
      'timeout',
    );
    expect(reports.length).toBe(1);
    expect(reports[0]?.elapsedMs).toBeGreaterThanOrEqual(1000);
    expect(stats.distinct).toBeGreaterThan(reports[0]?.distinct ?? 0);
  });

  it('rejects bounds that make no sense', () => {
    expect(() => check(unbounded, { maxStates: 0 })).toThrow(RangeError);
    expect(() => check(unbounded, { maxDepth: -1 })).toThrow(RangeError);
    expect(() => check(unbounded, { timeoutMs: 0 })).toThrow(RangeError);
  });

  it("lets errors thrown by the caller's callbacks through instead of blaming the model", () => {
    expect(() =>
      check(unbounded, {
        shouldStop: () => {
          throw new Error('caller bug');
        },
      }),
    ).toThrow('caller bug');
  });
});
