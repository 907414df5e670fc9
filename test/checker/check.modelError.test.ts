import { describe, expect, it } from 'vitest';
import { check } from '../../checker/check.js';
import { expectModelError, expectTraceActions } from '../helpers/expect.js';
import { graphModel } from '../helpers/graphModel.js';
import { flakyActionOrder, throwingCounter } from '../helpers/misbehaving.js';

describe('check model errors', () => {
  it('reports an exception from nextState with the action and the trace to the state it was taken in', () => {
    const outcome = check(throwingCounter('nextState'));
    const error = expectModelError(outcome, /^boom at 2$/);
    expect(error.action).toBe('Explode');
    expectTraceActions(outcome, ['Inc', 'Inc']);
    expect(error.trace?.steps.at(-1)?.state).toBe(2);
    expect(error.stack).toMatch(/boom at 2/);
  });

  it('reports an exception from a property with the trace to the state and no action', () => {
    const outcome = check(throwingCounter('property'));
    expect(expectModelError(outcome, /property failed at 3/).action).toBeUndefined();
    expectTraceActions(outcome, ['Inc', 'Inc', 'Inc']);
  });

  it('reports an exception from actions() with the trace to the state', () => {
    const outcome = check(throwingCounter('actions'));
    expectModelError(outcome, /actions failed at 3/);
    expectTraceActions(outcome, ['Inc', 'Inc', 'Inc']);
  });

  it('reports an exception from encode with the action that produced the state', () => {
    const outcome = check(throwingCounter('encode'));
    expect(expectModelError(outcome, /cannot encode 4/).action).toBe('Inc');
    expectTraceActions(outcome, ['Inc', 'Inc', 'Inc']);
  });

  it('reports an exception from initStates without a trace, naming the method', () => {
    const error = expectModelError(
      check(throwingCounter('initStates')),
      /^initStates\(\) threw: no initial states today$/,
    );
    expect(error.trace).toBeUndefined();
    expect(error.stats).toMatchObject({ distinct: 0, generated: 0 });
  });

  it('reports an exception from properties() without a trace, naming the method', () => {
    const model = {
      ...graphModel({ initial: ['s'], edges: {} }),
      properties: (): never => {
        throw new Error('no properties');
      },
    };
    expect(expectModelError(check(model), /^properties\(\) threw: no properties$/).trace).toBeUndefined();
  });

  it('reports a state the generic encoding cannot handle', () => {
    const model = {
      ...graphModel({ initial: ['s'], edges: {} }),
      initStates: () => [{ plain: 'object' } as unknown as string],
    };
    expectModelError(check(model), /cannot encode a Object/);
  });

  it('reports a model whose actions() order changes between calls as not deterministic, naming the step', () => {
    const outcome = check(flakyActionOrder());
    // Step 1 already takes the other action, but reaches a stored state (the seen set keeps no ids
    // to tell it from the one recorded); step 2 ends the trace elsewhere than the violating state.
    const error = expectModelError(
      outcome,
      /^the model is not deterministic: replaying the trace, step 2 \(action 1\) reached a different state/,
    );
    expect(error.trace).toBeUndefined();
  });
});
