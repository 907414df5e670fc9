/**
 * `no-callback-on-freed`: no notifier method and no SRCU callback is invoked on a freed listener
 * object. Raised by `invokeOn` and `invokeCoreCallbackOn` (model/kernel/faults.ts), which every
 * method and callback call goes through: the code would then run on freed memory.
 */
import { raisedByFaults } from './KernelProperty.js';

export const noCallbackOnFreed = raisedByFaults(
  'no-callback-on-freed',
  'no notifier method or SRCU callback is invoked on a freed object',
);
