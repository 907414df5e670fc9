/** Models that break the contract: non-deterministic action order, and exceptions at known places. */
import type { Model } from '../../model/Model.js';
import type { EncodeSink } from '../../model/EncodeSink.js';
import { always } from '../../model/Property.js';

/** A counter modulo 5 whose actions() lists Inc and Dec in an order that flips on every call. */
export function flakyActionOrder(): Model<number, 'Inc' | 'Dec'> {
  let calls = 0;
  return {
    initStates: () => [0],
    actions: () => (calls++ % 2 === 0 ? ['Inc', 'Dec'] : ['Dec', 'Inc']),
    nextState: (n, action) => (action === 'Inc' ? (n + 1) % 5 : (n + 4) % 5),
    properties: () => [
      always<number>('not-two', 'the counter never shows 2', (n) => (n === 2 ? 'counter is 2' : undefined)),
    ],
  };
}

/** Where the throwing counter throws. */
export type ThrowAt = 'nextState' | 'property' | 'encode' | 'actions' | 'initStates';

/**
 * Counts up from 0 by Inc; at 2 an extra action Explode is enabled. It throws from `nextState` when
 * Explode is taken, from its property at 3, from `encode` for 4, from `actions` at 3, or from `initStates`.
 */
export function throwingCounter(at: ThrowAt): Model<number, 'Inc' | 'Explode'> {
  return {
    initStates: () => {
      if (at === 'initStates') throw new Error('no initial states today');
      return [0];
    },
    actions: (n) => {
      if (at === 'actions' && n === 3) throw new Error('actions failed at 3');
      return n === 2 ? ['Inc', 'Explode'] : n < 6 ? ['Inc'] : [];
    },
    nextState: (n, action) => {
      if (action === 'Explode' && at === 'nextState') throw new Error('boom at 2');
      return action === 'Explode' ? n : n + 1;
    },
    encode: (n: number, sink: EncodeSink) => {
      if (at === 'encode' && n === 4) throw new Error('cannot encode 4');
      sink.int(n);
    },
    properties: () => [
      always<number>('holds', 'a property that throws at 3', (n) => {
        if (at === 'property' && n === 3) throw new Error('property failed at 3');
        return undefined;
      }),
    ],
  };
}
