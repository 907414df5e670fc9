/** An SRCU callback queue entry: what it is and who it is for in one word, the threads it waits for in the next. */
import type { CallbackProps } from '../state/Callback.js';
import { bool, int, RecordLayout } from './RecordLayout.js';

/** Its fields are the Immutable record's (test/model/kernel/layout.test.ts checks that none is missing). */
export const CALLBACK = new RecordLayout<keyof CallbackProps>('callback', [
  // kind is a CallbackKind; listener (-1 for a marker) and owner (-1 for a destroy callback)
  // are stored plus 1, so -1 packs as 0.
  [int('kind', 2), bool('running'), int('listener', 13, 1), int('owner', 16, 1)],
  [int('waitMask')],
]);
