/**
 * The purity clause of the model contract, checked by default: a step returns an Immutable value
 * (or a primitive) and leaves the state it is given unchanged. A step that breaks it ends the run as
 * a model error that names the step and shows the trace to the state it was taken in.
 */
import { Map as IMap } from 'immutable';
import { describe, expect, it } from 'vitest';
import { check } from '../../checker/check.js';
import type { Model } from '../../model/Model.js';
import { always } from '../../model/Property.js';
import { ProgramModel } from '../../model/program/ProgramModel.js';
import { step } from '../../model/program/Step.js';
import { expectModelError, expectOk, expectTraceActions } from '../helpers/expect.js';

type Counter = IMap<string, unknown>;
const bounded = always<unknown>('bounded', 'the run stays small', () => undefined);

/** Counts `n` up to 3 by Inc; at 2 the step `bad` is enabled too, and it misbehaves as told. */
function counterWith(
  bad: (s: Counter) => unknown,
  initial: () => Counter = () => IMap({ n: 0, log: [] as number[] }),
): Model<Counter, string> {
  return {
    initStates: () => [initial()],
    actions: (s) => ((s.get('n') as number) === 2 ? ['Inc', 'Bad'] : (s.get('n') as number) < 3 ? ['Inc'] : []),
    nextState: (s, action) => (action === 'Bad' ? (bad(s) as Counter) : s.set('n', (s.get('n') as number) + 1)),
    formatAction: (s, action) => `${action} at ${s.get('n') as number}`,
    isFinal: () => true,
    properties: () => [bounded],
  };
}

describe('the purity check', () => {
  it('reports a step that returns a plain array instead of an Immutable value, with the step and the trace to its state', () => {
    const outcome = check(counterWith(() => [1, 2]));
    const error = expectModelError(
      outcome,
      /^the state nextState\(\) returned is an array, not an Immutable value: states must be Immutable\.js values/,
    );
    expect(error.action).toBe('Bad');
    expectTraceActions(outcome, ['Inc', 'Inc']);
  });

  it('names the class of an object returned as a state', () => {
    class Box {
      constructor(readonly n: number) {}
    }
    const encode = (s: unknown, sink: { int(v: number): void }) =>
      sink.int(s instanceof Box ? -1 : ((s as Counter).get('n') as number));
    const model = { ...counterWith(() => new Box(1)), encode };
    expectModelError(check(model as Model<Counter, string>), /returned is a Box, not an Immutable value/);
  });

  it('reports a step that changes the state it was given, naming the step', () => {
    const outcome = check(
      counterWith((s) => {
        (s.get('log') as number[]).push(1); // a mutable array inside an Immutable map
        return s.set('n', 3);
      }),
    );
    const error = expectModelError(
      outcome,
      /^nextState\(\) changed the state it was given: the step "Bad at 2" left it with a different encoding/,
    );
    expect(error.action).toBe('Bad');
    expectTraceActions(outcome, ['Inc', 'Inc']);
  });

  it('names the thread, function and statement of a program-kit step that changes shared state in place', () => {
    const model = new ProgramModel<IMap<string, number[]>>({
      procs: [
        {
          name: 'adder',
          body: [step('add_entry', 'list_add(&e->node, &head)', { run: (x) => void x.shared.get('head')!.push(1) })],
        },
      ],
      threads: [{ name: 'writer', entry: 'adder' }],
      initShared: IMap({ head: [] as number[] }),
      properties: [],
    });
    const error = expectModelError(
      check(model),
      /the step "writer: add_entry: list_add\(&e->node, &head\)" left it with a different encoding/,
    );
    expect(error.action).toBe(0);
  });

  it('says it cannot tell which step when the change reached the states a replay starts from and is not repeated', () => {
    const shared = IMap({ n: 0, log: [0] });
    const outcome = check(
      counterWith(
        (s) => (((s.get('log') as number[])[0] = 1), s.set('n', 3)),
        () => shared,
      ),
    );
    expectModelError(
      outcome,
      /^nextState\(\) changed the state it was given: one of the steps from this state left it/,
    );
  });

  it('reports an initial state that is not an Immutable value', () => {
    expectModelError(
      check(
        counterWith(
          () => undefined,
          () => [0] as unknown as Counter,
        ),
      ),
      /^initial state 0 is an array, not an Immutable value/,
    );
  });

  it('accepts primitives as states, and can be switched off', () => {
    expectOk(
      check({
        initStates: () => [0],
        actions: (n: number) => (n < 3 ? ['Inc'] : []),
        nextState: (n: number) => n + 1,
        isFinal: () => true,
        properties: () => [bounded],
      }),
    );
    const mutating = counterWith((s) => ((s.get('log') as number[]).push(1), s.set('n', 3)));
    expectOk(check(mutating, { checkPurity: false }));
  });
});
