/**
 * The interval records (state/Interval.ts, state/Mirror.ts): one word for the per-mm interval
 * scalars and one for the thread masks, and one word per mirror. Present only in scenarios with
 * mirrors, so the encodings of the classic world are unchanged.
 */
import type { IntervalProps } from '../state/Interval.js';
import type { MirrorProps } from '../state/Mirror.js';
import { bool, int, RecordLayout } from './RecordLayout.js';

/** Its fields are the Immutable record's (test/model/kernel/layout.test.ts checks that none is missing). */
export const INTERVAL = new RecordLayout<keyof IntervalProps>('interval', [
  [
    bool('subs'),
    bool('hasItree'),
    int('seq', 8),
    int('active', 3),
    int('deferredFirst', 3, 1), // -1 packs as 0; at most 4 mirrors
    int('gen', 5),
    int('validFrom', 5),
    int('tasks', 5),
  ],
  [int('ranging')],
  [int('armed')],
]);

export const MIRROR = new RecordLayout<keyof MirrorProps>('mirror', [
  [
    bool('freed'),
    bool('subscribed'),
    bool('inTree'),
    int('deferred', 2), // a Link
    int('deferredNext', 4, 1),
    int('seq', 8),
    int('mutex', 5, 1), // a thread, or -1
    int('mapping', 6, 1),
  ],
  [int('readGen', 8, 1), int('faultSeq', 8)],
]);
