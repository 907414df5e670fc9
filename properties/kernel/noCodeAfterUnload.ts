/**
 * `no-code-after-unload`: module code (a notifier method, `->release`, an SRCU callback) runs only
 * while the driver's module is loaded. Raised where a step is about to run driver code with the
 * module unloaded: `invokeOn` in model/kernel/faults.ts (every method, `->release` and callback
 * call), and the driver's own SRCU callbacks in model/kernel/procs/listeners.ts.
 */
import { raisedByFaults } from './KernelProperty.js';

export const noCodeAfterUnload = raisedByFaults(
  'no-code-after-unload',
  'no callback, ->release or SRCU callback runs after its module is unloaded',
);
