/**
 * Threads of the program kit: a disabled guard makes a thread wait, `onReturn` runs on return,
 * daemons never count as unfinished, and `isFinal` tells a proper end from a deadlock.
 */
import { describe, expect, it } from 'vitest';
import { call, step } from '../../../model/program/Step.js';
import type { ProcDef } from '../../../model/program/Proc.js';
import { check } from '../../../checker/check.js';
import { expectOk, expectViolation } from '../../helpers/expect.js';
import { note, runThreads, tinyProgram, type Vars } from '../../helpers/programs.js';

const waiter: ProcDef<Vars> = {
  name: 'waiter',
  body: [step('waiter', 'while (!flag) cpu_relax()', { kind: 'wait', guard: (g) => g.flag }), note('waiter', 'woken')],
};
const setter: ProcDef<Vars> = {
  name: 'setter',
  body: [step('setter', 'flag = true', { run: (x) => x.update((g) => g.set('flag', true)) })],
};

describe('a disabled guard', () => {
  const model = tinyProgram(
    [waiter, setter],
    [
      { name: 'W', entry: 'waiter' },
      { name: 'S', entry: 'setter' },
    ],
  );

  it('makes its thread wait: only the other thread can move until the flag is set', () => {
    const init = model.initStates()[0]!;
    expect(model.actions(init)).toEqual([1]);
    const set = model.nextState(init, 1);
    expect(model.actions(set)).toEqual([0]);
    expect(model.location(set, 0)).toBe('waiter');
  });

  it('throws when the waiting thread is asked to move', () => {
    expect(() => model.nextState(model.initStates()[0]!, 0)).toThrow('thread W has no enabled step');
    expect(() => model.actionView(model.initStates()[0]!, 0)).toThrow('has no enabled step');
  });

  it('still advances when its guard holds, as a step of its own: 4 distinct states, depth 3', () => {
    expect(runThreads(model, [0, 1]).taken).toEqual([
      'S setter: flag = true',
      'W waiter: while (!flag) cpu_relax()',
      'W waiter: woken',
    ]);
    expect(expectOk(check(model)).stats).toMatchObject({ distinct: 4, generated: 4, depth: 3 });
  });

  it('waiting for ever with nobody to wake it is a deadlock at the initial state', () => {
    const alone = tinyProgram([waiter], [{ name: 'W', entry: 'waiter' }]);
    const v = expectViolation(check(alone), 'no-deadlock', { length: 0 });
    expect(v.violations[0]!.message).toMatch(/no thread can move/);
  });
});

describe('onReturn', () => {
  const log = (what: string) => (g: Vars) => g.set('log', g.log.push(what));
  const cb: ProcDef<Vars> = {
    name: 'cb',
    body: [note('cb', 'body')],
    onReturn: (g, frame, tid) => log(`return of cb(${frame.arg}) on thread ${tid}`)(g),
  };

  it('runs as part of the step that ends the procedure, not as a step of its own', () => {
    const model = tinyProgram(
      [{ name: 'main', body: [call('cb', () => 7), note('main', 'after')] }, cb],
      [{ name: 'T', entry: 'main' }],
    );
    const init = model.initStates()[0]!;
    const afterBody = model.nextState(init, 0);
    expect(afterBody.shared.log.toArray()).toEqual(['body', 'return of cb(7) on thread 0']);
    expect(model.actionView(afterBody, 0).code).toBe('after');
  });

  it('runs when a thread finishes its entry procedure', () => {
    const model = tinyProgram(
      [cb],
      [
        { name: 'A', entry: 'cb', arg: 1 },
        { name: 'B', entry: 'cb', arg: 2 },
      ],
    );
    const { state } = runThreads(model, [1, 0]);
    expect(state.shared.log.toArray()).toEqual([
      'body',
      'return of cb(2) on thread 1',
      'body',
      'return of cb(1) on thread 0',
    ]);
    expect(model.allFinished(state)).toBe(true);
  });

  it('runs at once for an empty procedure, even while the initial state is built', () => {
    const empty: ProcDef<Vars> = { name: 'empty', body: [], onReturn: log('empty returned') };
    const model = tinyProgram([empty], [{ name: 'T', entry: 'empty' }]);
    expect(model.initStates()[0]!.shared.log.toArray()).toEqual(['empty returned']);
  });
});

describe('daemons and final states', () => {
  const idleWorker: ProcDef<Vars> = {
    name: 'worker',
    body: [step('worker', 'wait_event(work)', { guard: (g) => g.x > 100 })],
  };
  const work: ProcDef<Vars> = { name: 'work', body: [note('work', 'one'), note('work', 'two')] };

  it('a daemon that cannot move does not keep the program from a proper end', () => {
    const model = tinyProgram(
      [work, idleWorker],
      [
        { name: 'T', entry: 'work' },
        { name: 'worker', entry: 'worker', daemon: true },
      ],
    );
    const { state } = runThreads(model, [0, 1]);
    expect(model.actions(state)).toEqual([]);
    expect(model.allFinished(state)).toBe(true);
    expect(model.finished(state, 1)).toBe(false);
    expect(model.isFinal(state)).toBe(true);
    expect(expectOk(check(model)).stats).toMatchObject({ distinct: 3, depth: 2 });
  });

  it('the same worker as an ordinary thread is a deadlock at the end', () => {
    const model = tinyProgram(
      [work, idleWorker],
      [
        { name: 'T', entry: 'work' },
        { name: 'worker', entry: 'worker' },
      ],
    );
    expect(model.isFinal(runThreads(model, [0]).state)).toBe(false);
    expectViolation(check(model), 'no-deadlock', { length: 2 });
  });

  it('finalShared decides whether finished threads are a proper end', () => {
    const leaves = tinyProgram(
      [{ name: 'main', body: [step('main', 'x = 1', { run: (x) => x.update((g) => g.set('x', 1)) })] }],
      [{ name: 'T', entry: 'main' }],
      {
        finalShared: (g) => g.x === 0,
      },
    );
    const end = runThreads(leaves, [0]).state;
    expect(leaves.allFinished(end)).toBe(true);
    expect(leaves.isFinal(end)).toBe(false);
    expectViolation(check(leaves), 'no-deadlock', { length: 1 });
  });

  it('a state where an unfinished thread can still move is never final', () => {
    const model = tinyProgram([work], [{ name: 'T', entry: 'work' }]);
    expect(model.isFinal(model.initStates()[0]!)).toBe(false);
  });
});
