/**
 * The shape clauses of the model contract, checked by every search: a model that returns no initial
 * state, actions that are not an array, an undefined next state, a property of unknown kind, an
 * `always` check that returns neither a string nor undefined, two properties with one id, or a
 * `sometimes` or `eventually` check that returns a non-boolean ends as a model error naming the
 * method or the property, on one thread, over a packed form and with workers; never as a pass.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../../checker/check.js';
import { checkWithWorkers } from '../../checker/checkWithWorkers.js';
import type { Outcome } from '../../checker/Outcome.js';
import { breachingCounter, type Breach } from '../fixtures/faults/contractBreaches.js';
import { expectModelError, expectViolation } from '../helpers/expect.js';

const source = (breach: Breach, packed: boolean) => ({
  module: pathToFileURL(join(import.meta.dirname, '..', 'fixtures', 'faults', 'contractBreaches.ts')).href,
  exportName: 'breachingCounter',
  args: [breach, packed],
});

/** The three searches of a model: one thread, the packed form (when `packed`), two workers. */
async function searches(breach: Breach, packed: boolean): Promise<[string, Outcome<number, 'Inc'>][]> {
  return [
    ['one thread', check(breachingCounter(breach))],
    ...(packed ? [['packed', check(breachingCounter(breach, true))] as [string, Outcome<number, 'Inc'>]] : []),
    ['two workers', await checkWithWorkers(breachingCounter(breach), source(breach, false), { workers: 2 })],
    ...(packed
      ? [
          [
            'packed, two workers',
            await checkWithWorkers(breachingCounter(breach, true), source(breach, true), { workers: 2 }),
          ] as [string, Outcome<number, 'Inc'>],
        ]
      : []),
  ];
}

// Each breach, the message it ends with, and whether a packed form meets it (a packed search does
// not call actions() or nextState()).
const BREACHES: [Breach, RegExp, boolean][] = [
  ['no-initial-state', /^initStates\(\) returned no state: a model needs at least one initial state/, true],
  [
    'actions-not-an-array',
    /^actions\(\) returned the string "Inc", not an array of the actions enabled in the state$/,
    false,
  ],
  ['next-state-undefined', /^nextState\(\) returned undefined: a step must return the next state/, false],
  [
    'unknown-property-kind',
    /^properties\(\) returned property "below-3" of unknown kind "invariant"; expected one of always, deadlockFree, sometimes, eventually/,
    true,
  ],
  ['properties-not-an-array', /^properties\(\) returned an object, not an array of properties$/, true],
  ['properties-throws', /^properties\(\) threw: no properties today$/, true],
  [
    'check-returns-true',
    /^the check of property "below-3" returned true: an always property's check returns a string that says why/,
    true,
  ],
  [
    'check-returns-null',
    /^the check of property "below-3" returned null: an always property's check returns a string/,
    true,
  ],
  [
    'duplicate-property-id',
    /^properties\(\) returned two properties with the id "below-3" \(at index 0 and 1\): each property needs its own id/,
    true,
  ],
  [
    'sometimes-returns-number',
    /^the check of property "reaches-2" returned 0: a sometimes property's check returns true at a state that witnesses it, false elsewhere$/,
    false,
  ],
  [
    'eventually-returns-undefined',
    /^the check of property "passes-5" returned undefined: an eventually property's check returns true at a state that satisfies it, false elsewhere$/,
    false,
  ],
];

describe('the model contract', () => {
  it('the unbroken counter is violated at 3 by every search', async () => {
    for (const [, outcome] of await searches('none', true)) expectViolation(outcome, 'below-3', { length: 3 });
  });

  for (const [breach, message, packed] of BREACHES) {
    it(`${breach}: a model error naming the method, by every search`, async () => {
      const outcomes = await searches(breach, packed);
      const said = outcomes.map(([search, o]) => [search, o.kind === 'modelError' ? o.message : o.kind]);
      expect(said).toEqual(outcomes.map(([search]) => [search, expect.stringMatching(message)]));
    });
  }

  it('an always check that returns true at the initial state is reported with the trace to it', () => {
    const error = expectModelError(check(breachingCounter('check-returns-true')), /returned true/);
    expect(error.trace).toMatchObject({ initial: 0, steps: [] });
  });

  it('an initStates() that returns a state instead of an array of states', () => {
    const model = { ...breachingCounter('none'), initStates: () => 0 as unknown as number[] };
    expectModelError(check(model), /^initStates\(\) returned 0, not an array of states$/);
  });
});
