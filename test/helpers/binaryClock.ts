/** A one-bit clock that ticks forever between 0 and 1: two states, no violation, no deadlock. */
import type { Model } from '../../model/Model.js';
import { always, deadlockFree } from '../../model/Property.js';

/** The clock's two moves. */
export type ClockAction = 'GoHigh' | 'GoLow';

/** Starts low; GoHigh from 0, GoLow from 1. */
export function binaryClock(): Model<number, ClockAction> {
  return {
    initStates: () => [0],
    actions: (bit) => (bit === 0 ? ['GoHigh'] : ['GoLow']),
    nextState: (_bit, action) => (action === 'GoHigh' ? 1 : 0),
    properties: () => [
      always<number>('is-a-bit', 'the clock is 0 or 1', (bit) =>
        bit === 0 || bit === 1 ? undefined : `clock is ${bit}`,
      ),
      deadlockFree('deadlock-free', 'the clock can always tick'),
    ],
  };
}
