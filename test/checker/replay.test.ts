import { describe, expect, it } from 'vitest';
import { ReplayError, replay } from '../../checker/replay.js';
import { lostUpdate } from '../helpers/lostUpdate.js';
import { graphModel } from '../helpers/graphModel.js';

describe('replay', () => {
  it('takes the given action index at each step from the given initial state', () => {
    const trace = replay(lostUpdate(), 0, [0, 1, 0, 0]);
    expect(trace.steps.map((s) => `${s.action.step}(${s.action.thread})`)).toEqual([
      'Read(0)',
      'Read(1)',
      'Write(0)',
      'Write(1)',
    ]);
    expect(trace.steps.at(-1)?.state.x).toBe(1);
    expect(trace.initial.x).toBe(0);
  });

  it('shows every replayed state to the observer with its step index, -1 for the initial state', () => {
    const seen: string[] = [];
    replay(graphModel({ initial: ['a', 'b'], edges: { b: ['c', 'd'], d: ['e'] } }), 1, [1, 0], (state, step) =>
      seen.push(`${step}:${state}`),
    );
    expect(seen).toEqual(['-1:b', '0:d', '1:e']);
  });

  it('throws a ReplayError naming the step whose action index is out of range', () => {
    const model = graphModel({ initial: ['a'], edges: { a: ['b'], b: ['c'] } });
    const error = catchReplayError(() => replay(model, 0, [0, 1]));
    expect(error.stepIndex).toBe(1);
    expect(error.message).toBe('step 2: action 1 does not exist (1 enabled)');
  });

  it('throws a ReplayError with step index -1 for an initial index out of range', () => {
    const error = catchReplayError(() => replay(graphModel({ initial: ['a'], edges: {} }), 1, []));
    expect(error.stepIndex).toBe(-1);
  });
});

function catchReplayError(run: () => unknown): ReplayError {
  try {
    run();
  } catch (error) {
    if (error instanceof ReplayError) return error;
    throw error;
  }
  throw new Error('expected a ReplayError');
}
