/**
 * Exact state counts of small programs checked with `check()`: a change in how the kit steps,
 * calls, returns or waits changes the explored space and shows up here.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../../checker/check.js';
import { expectOk, expectTraceActions, expectViolation } from '../../helpers/expect.js';
import { lostUpdateProgram, spinlockProgram, tinyProgram, type Vars } from '../../helpers/programs.js';
import { step } from '../../../model/program/Step.js';
import type { EncodeSink } from '../../../model/EncodeSink.js';

describe('state counts of small programs', () => {
  it('two threads under a spinlock: 12 distinct states, 13 generated, depth 6, no deadlock', () => {
    expect(expectOk(check(spinlockProgram(2))).stats).toMatchObject({ distinct: 12, generated: 13, depth: 6 });
  });

  // Without a holder each thread is before or after its section (2^3); with one, the holder is at
  // one of two statements and the two others before or after (3 × 2 × 2^2): 8 + 24 = 32.
  it('three threads under a spinlock: 32 distinct states, 37 generated, depth 9', () => {
    expect(expectOk(check(spinlockProgram(3))).stats).toMatchObject({ distinct: 32, generated: 37, depth: 9 });
  });

  it('the lost update in the kit: found in 4 steps, T0 and T1 both reading before either writes', () => {
    const outcome = check(lostUpdateProgram());
    const v = expectViolation(outcome, 'no-lost-update', { length: 4 });
    expectTraceActions(outcome, ['0', '1', '0', '1']);
    expect(v.trace.steps.at(-1)!.state.shared.x).toBe(1);
  });

  it('two independent threads of two steps each: the 3 × 3 grid of positions', () => {
    const twoSteps = { name: 'two', body: [step<Vars>('two', 'a'), step<Vars>('two', 'b')] };
    const model = tinyProgram(
      [twoSteps],
      [
        { name: 'T0', entry: 'two' },
        { name: 'T1', entry: 'two' },
      ],
    );
    expect(expectOk(check(model)).stats).toMatchObject({ distinct: 9, generated: 13, depth: 4 });
  });

  it('counts the same with a model encoding of the shared state as with the generic one', () => {
    const encodeShared = (g: Vars, sink: EncodeSink) => {
      sink.int(g.x);
      sink.int(g.lock);
    };
    const generic = expectOk(check(spinlockProgram(3))).stats;
    const own = expectOk(check(spinlockProgram(3, encodeShared))).stats;
    expect({ distinct: own.distinct, generated: own.generated, depth: own.depth }).toEqual({
      distinct: generic.distinct,
      generated: generic.generated,
      depth: generic.depth,
    });
  });
});
