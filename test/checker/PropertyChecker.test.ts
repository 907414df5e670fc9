import { describe, expect, it } from 'vitest';
import { DEADLOCK_MESSAGE, PropertyChecker } from '../../checker/PropertyChecker.js';
import { always, deadlockFree } from '../../model/Property.js';

const even = always<number>('even', 'the number is even', (n) => (n % 2 === 0 ? undefined : `${n} is odd`));
const small = always<number>('small', 'the number is small', (n) => (n < 10 ? undefined : `${n} is big`));
const moves = deadlockFree('deadlock-free', 'something can move');
const model = { isFinal: (n: number) => n === 100 };

function newChecker(m: { isFinal?(n: number): boolean }, properties = [even, moves, small]): PropertyChecker<number> {
  return new PropertyChecker(m, properties);
}

describe('PropertyChecker', () => {
  it('says whether every invariant holds', () => {
    const checker = newChecker(model);
    expect([checker.invariantsHold(2), checker.invariantsHold(3), checker.invariantsHold(12)]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('calls a state without actions a deadlock only when the model has the property and isFinal does not excuse it', () => {
    expect(newChecker(model).isDeadlock(2, 0)).toBe(true);
    expect(newChecker(model).isDeadlock(2, 1)).toBe(false);
    expect(newChecker(model).isDeadlock(100, 0)).toBe(false);
    expect(newChecker({}).isDeadlock(100, 0)).toBe(true);
    expect(newChecker(model, [even]).isDeadlock(2, 0)).toBe(false);
  });

  it('lists every violated property in properties() order', () => {
    expect(newChecker(model).violationsAt(13, true)).toEqual([
      { propertyId: 'even', propertyName: 'the number is even', message: '13 is odd' },
      { propertyId: 'deadlock-free', propertyName: 'something can move', message: DEADLOCK_MESSAGE },
      { propertyId: 'small', propertyName: 'the number is small', message: '13 is big' },
    ]);
    expect(newChecker(model).violationsAt(4, false)).toEqual([]);
  });
});
