/**
 * Liveness in the teaching models, pinned: Peterson's algorithm is starvation-free under weak (and
 * strong) fairness and not without fairness; a test-and-set spin lock starves a waiter under any
 * fairness, shown as a lasso whose stem and loop lengths are pinned.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../index.js';
import { peterson } from '../../examples/teaching/peterson.js';
import { spinlockStarvation } from '../../examples/teaching/spinlock-starvation.js';
import { expectOk, expectViolation } from '../helpers/expect.js';

describe("Peterson's algorithm is starvation-free under fairness", () => {
  it.each(['weak', 'strong'] as const)('with %s fairness every property holds on its 42 states', (fairness) => {
    const outcome = expectOk(check(peterson(), { fairness }));
    expect([outcome.stats.distinct, outcome.stats.generated]).toEqual([42, 77]);
  });

  it('without fairness p0 can wait for ever while p1 loops: a lasso of a 9-step stem and a 6-step loop', () => {
    const { trace, violations } = expectViolation(check(peterson(), { fairness: 'none' }), 'p0-starvation-free', {
      length: 15,
    });
    expect(trace.cycleStart).toBe(9);
    expect(violations[0]?.message).toMatch(
      /^the last 6 steps repeat forever \(no fairness is assumed; p1 moves in the loop\)/,
    );
  });
});

describe('a test-and-set spin lock starves a waiter, however fair the scheduler', () => {
  it.each([
    ['weak', 1, 5],
    ['strong', 1, 5],
    ['none', 1, 4],
  ] as const)('with %s fairness: a lasso, stem %i steps, loop %i', (fairness, stem, loop) => {
    const { trace } = expectViolation(check(spinlockStarvation(), { fairness }), 't0-gets-the-lock', {
      length: stem + loop,
    });
    expect(trace.cycleStart).toBe(stem);
  });

  it('keeps mutual exclusion on its 12 states', () => {
    const outcome = check(spinlockStarvation(), { fairness: 'weak' });
    expect([outcome.stats.distinct, outcome.stats.generated]).toEqual([12, 25]);
  });
});
