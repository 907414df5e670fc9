/** A listener object with its hlist node: one encoding word, so a listener's code is one int. */
import type { ListenerProps } from '../state/Listener.js';
import { bool, int, RecordLayout } from './RecordLayout.js';

/** Its fields are the Immutable record's (test/model/kernel/layout.test.ts checks that none is missing). */
export const LISTENER = new RecordLayout<keyof ListenerProps>('listener', [
  [
    bool('freed'),
    int('link', 2), // a Link
    bool('maps'),
    bool('registered'),
    bool('holdsModule'),
    int('releases', 6),
    int('next', 8, 1), // -1 (NULL) packs as 0
    int('users', 6), // mn->users: at most one per thread (LIMITS.threads)
    int('lock', 5, 1), // a thread, or -1
  ],
]);
