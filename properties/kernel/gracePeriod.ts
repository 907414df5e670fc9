/**
 * `grace-period`: no SRCU callback runs and no `synchronize_srcu` returns while a read-side
 * critical section active when it was queued or called is still active. Raised by the SRCU
 * worker before it fires a queue entry (`checkGracePeriod`, model/kernel/procs/srcuProcs.ts); the
 * model's SRCU keeps its contract by construction, so this holds unless an implementation
 * modelled step by step breaks it.
 */
import { raisedByFaults } from './KernelProperty.js';

export const gracePeriod = raisedByFaults(
  'grace-period',
  'no SRCU callback runs and no synchronize_srcu returns inside a grace period it must wait for',
);
