/**
 * `no-deadlock`: no reachable state in which some thread has not finished and no thread can move
 * (a `synchronize_srcu` inside a read-side section waits for itself, say). No step raises it: it is
 * the checker's deadlock search, which sees a state with no enabled step that is not final.
 */
import { deadlockFree } from '../../model/Property.js';
import type { KernelProperty } from './KernelProperty.js';

const name = 'some thread can always move until every thread has finished';

export const noDeadlock: KernelProperty = {
  id: 'no-deadlock',
  name,
  make: () => deadlockFree('no-deadlock', name),
};
