/**
 * The liveness checker on small graphs whose answers are known: what weak, strong and no fairness
 * each allow; runs that end; leadsTo re-arming; the boundary; exact mode; and the shortest stem.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../../checker/check.js';
import type { Model } from '../../../model/Model.js';
import type { FairnessKind } from '../../../model/Fairness.js';
import { eventually, leadsTo, type Property } from '../../../model/Property.js';
import { expectIncomplete, expectOk, expectViolation } from '../../helpers/expect.js';

interface Edge {
  readonly group: 'A' | 'B';
  readonly to: string;
}

/** States named by strings; each edge taken by group A or B. */
function groupModel(
  edges: Readonly<Record<string, readonly Edge[]>>,
  properties: readonly Property<string>[],
  extra: Partial<Model<string, Edge>> = {},
): Model<string, Edge> {
  return {
    initStates: () => ['s0'],
    actions: (s) => edges[s] ?? [],
    nextState: (_s, e) => e.to,
    properties: () => properties,
    isFinal: () => true,
    fairnessGroups: () => ['A', 'B'],
    fairnessGroup: (_s, e) => (e.group === 'A' ? 0 : 1),
    fairness: () => ({ default: 'weak' }),
    ...extra,
  };
}

const reachesGoal = eventually<string>('reaches-goal', 'every run reaches goal', (s) => s === 'goal');

// A loops s0 → s1 → s0; B can leave for goal, but only from s0.
const flicker = {
  s0: [
    { group: 'A', to: 's1' },
    { group: 'B', to: 'goal' },
  ],
  s1: [{ group: 'A', to: 's0' }],
} as const;

describe('fairness decides which loops are runs', () => {
  it('weak fairness does not force B, which is enabled only every other step: the loop is a counterexample', () => {
    const { trace } = expectViolation(check(groupModel(flicker, [reachesGoal])), 'reaches-goal', { length: 2 });
    expect(trace.cycleStart).toBe(0);
  });

  it('strong fairness forces it: every run reaches goal', () => {
    expectOk(check(groupModel(flicker, [reachesGoal]), { fairness: 'strong' }));
  });

  it('a group the model marks strong is treated so, the others keep the default', () => {
    const model = groupModel(flicker, [reachesGoal], {
      fairness: () => ({ default: 'weak', groups: { B: 'strong' } }),
    });
    expectOk(check(model));
  });

  it('weak fairness forces a group enabled at every state of the loop', () => {
    const steady = {
      s0: [
        { group: 'A', to: 's0' },
        { group: 'B', to: 'goal' },
      ],
    } as const;
    expectOk(check(groupModel(steady, [reachesGoal])));
    for (const fairness of ['none'] as FairnessKind[])
      expectViolation(check(groupModel(steady, [reachesGoal]), { fairness }), 'reaches-goal', { length: 1 });
  });
});

describe('runs that end, and leadsTo', () => {
  it('a run that ends without the response is a counterexample whatever the fairness, with no loop', () => {
    const stuck = {
      s0: [
        { group: 'A', to: 's1' },
        { group: 'A', to: 'goal' },
      ],
    } as const;
    const { trace } = expectViolation(check(groupModel(stuck, [reachesGoal]), { fairness: 'strong' }), 'reaches-goal', {
      length: 1,
    });
    expect(trace.cycleStart).toBeUndefined();
  });

  it('leadsTo re-arms after each answer, and only a trigger without an answer is owed', () => {
    const serves = leadsTo<string>(
      'asked-then-served',
      'every request is served',
      (s) => s === 'asked',
      (s) => s === 'served',
    );
    const loop = {
      s0: [{ group: 'A', to: 'asked' }],
      asked: [{ group: 'A', to: 'served' }],
      served: [{ group: 'A', to: 's0' }],
    } as const;
    expectOk(check(groupModel(loop, [serves])));
    const dropped = {
      ...loop,
      asked: [
        { group: 'A', to: 'served' },
        { group: 'B', to: 'lost' },
      ],
      lost: [{ group: 'B', to: 'lost' }],
    } as const;
    const { trace, violations } = expectViolation(check(groupModel(dropped, [serves])), 'asked-then-served', {
      length: 3,
    });
    expect(trace.cycleStart).toBe(2);
    expect(violations[0]?.message).toContain('it is triggered after step 1 and never answered after that');
  });

  it('the stem is a shortest path to a state the run can stay owed in', () => {
    const two = {
      s0: [
        { group: 'A', to: 'far1' },
        { group: 'A', to: 'near' },
      ],
      far1: [{ group: 'A', to: 'far2' }],
      far2: [{ group: 'A', to: 'far2' }],
      near: [{ group: 'A', to: 'near' }],
    } as const;
    const { trace } = expectViolation(check(groupModel(two, [reachesGoal])), 'reaches-goal', { length: 2 });
    expect([trace.steps[0]?.state, trace.cycleStart]).toEqual(['near', 1]);
  });
});

describe('never a false pass', () => {
  it('runs that leave the boundary while owed leave the property undecided: incomplete, not ok', () => {
    const out = { s0: [{ group: 'A', to: 'edge' }], edge: [{ group: 'A', to: 'goal' }] } as const;
    const model = groupModel(out, [reachesGoal], { withinBoundary: (s) => s !== 'edge' });
    expectIncomplete(check(model), 'boundary');
  });

  it('a counterexample inside the boundary is still reported', () => {
    const both = {
      s0: [
        { group: 'A', to: 'edge' },
        { group: 'A', to: 's0' },
      ],
      edge: [],
    } as const;
    const model = groupModel(both, [reachesGoal], {
      withinBoundary: (s) => s !== 'edge',
      fairness: () => ({ default: 'none' }),
    });
    expectViolation(check(model), 'reaches-goal', { length: 1 });
  });

  it('exact mode gives the same verdicts', () => {
    expectViolation(check(groupModel(flicker, [reachesGoal]), { exact: true }), 'reaches-goal', { length: 2 });
    expectOk(check(groupModel(flicker, [reachesGoal]), { exact: true, fairness: 'strong' }));
  });

  it('a fairness group out of range is a model error', () => {
    const model = groupModel(flicker, [reachesGoal], { fairnessGroup: () => 7 });
    const outcome = check(model);
    expect(outcome.kind).toBe('modelError');
    expect(outcome.kind === 'modelError' && outcome.message).toContain('fairnessGroup() returned 7');
  });
});
