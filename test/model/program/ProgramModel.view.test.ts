/** How a program's steps show in traces: thread, CPU, function, statement and kind; and the shared view. */
import { describe, expect, it } from 'vitest';
import { step } from '../../../model/program/Step.js';
import { check } from '../../../checker/check.js';
import { renderSteps } from '../../../checker/renderSteps.js';
import { expectViolation } from '../../helpers/expect.js';
import { lostUpdateProgram, spinlockProgram, tinyProgram } from '../../helpers/programs.js';

describe('actionView and formatAction', () => {
  const model = spinlockProgram(2);
  const init = model.initStates()[0]!;

  it('name the thread, its CPU, the function, the statement and the kind of step', () => {
    expect(model.actionView(init, 0)).toEqual({
      thread: 'T0',
      cpu: 0,
      fn: 'locked_inc',
      code: 'spin_lock(&lock)',
      kind: 'acquire',
    });
    expect(model.actionView(init, 1)).toEqual({
      thread: 'T1',
      cpu: 1,
      fn: 'locked_inc',
      code: 'spin_lock(&lock)',
      kind: 'acquire',
    });
  });

  it('leave out the CPU and the kind when the program does not give them', () => {
    const plain = tinyProgram([{ name: 'main', body: [step('main', 'x = 1')] }], [{ name: 'T', entry: 'main' }]);
    expect(plain.actionView(plain.initStates()[0]!, 0)).toEqual({ thread: 'T', fn: 'main', code: 'x = 1' });
  });

  it('formatAction reads "thread: function: statement"', () => {
    expect(model.formatAction(init, 1)).toBe('T1: locked_inc: spin_lock(&lock)');
  });

  it('show the statement of the step the thread takes next, after the lock is taken', () => {
    const locked = model.nextState(init, 0);
    expect(model.actions(locked)).toEqual([0]);
    expect(model.formatAction(locked, 0)).toBe('T0: locked_inc: x++');
  });

  it('name an unknown thread by its index', () => {
    expect(model.threadName(1)).toBe('T1');
    expect(model.threadName(7)).toBe('thread 7');
  });
});

describe('describe', () => {
  it('is empty without describeShared, and the shared view with it', () => {
    const bare = lostUpdateProgram();
    expect(bare.describe(bare.initStates()[0]!)).toEqual({});
    const viewed = tinyProgram(
      [{ name: 'main', body: [step('main', 'x = 1', { run: (x) => x.update((g) => g.set('x', 1)) })] }],
      [{ name: 'T', entry: 'main' }],
      {
        describeShared: (g) => ({ x: g.x }),
      },
    );
    const outcome = check(viewed);
    expect(outcome.kind).toBe('ok');
    const init = viewed.initStates()[0]!;
    const steps = renderSteps(viewed, { initial: init, steps: [{ action: 0, state: viewed.nextState(init, 0) }] });
    expect(steps).toEqual([
      { step: 1, thread: 'T', fn: 'main', code: 'x = 1', changes: [{ field: 'x', from: 0, to: 1 }] },
    ]);
  });

  it('renders a counterexample of the lost update step by step', () => {
    const model = lostUpdateProgram();
    const v = expectViolation(check(model), 'no-lost-update', { length: 4 });
    expect(renderSteps(model, v.trace).map((s) => `${s.thread} ${s.code}`)).toEqual([
      'T0 tmp = x',
      'T1 tmp = x',
      'T0 x = tmp + 1',
      'T1 x = tmp + 1',
    ]);
  });
});
