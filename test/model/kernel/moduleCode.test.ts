/**
 * Every statement of a driver's body is module code: unloading the module while one of its SRCU
 * callbacks is already running is reported at the callback's next statement, not only when a
 * callback is invoked after the unload.
 */
import { describe, expect, it } from 'vitest';
import { reachableStates } from '../../helpers/reachableStates.js';
import { loadScenario } from '../../../model/kernel/loadScenario.js';
import { applyOverrides } from '../../../cli/applyOverrides.js';

/** Every fault message reachable in `name` when only `property` is checked. */
function reachableFaults(name: string, property: string): string[] {
  const states = reachableStates(applyOverrides(loadScenario(name), { property: [property] }));
  return states.flatMap((s) => s.shared.faults.map((f) => f.message).toArray());
}

describe('module code', () => {
  it('a callback still running when the module is unloaded is caught at its next statement', () => {
    // The one-CPU barrier lets module exit finish while deferred:destroy runs on CPU 1.
    const messages = reachableFaults('tree-barrier-one-cpu', 'no-code-after-unload');
    expect(messages.some((m) => m.startsWith("deferred_destroy runs the driver module's code (kfree(obj))"))).toBe(
      true,
    );
    expect(messages.some((m) => m.startsWith('the SRCU callback deferred:destroy'))).toBe(true);
  });

  it('with the correct tree barrier no module code runs after the unload', () => {
    expect(reachableFaults('tree-barrier', 'no-code-after-unload')).toEqual([]);
  });
});
