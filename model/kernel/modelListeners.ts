/**
 * The listener objects of a scenario's model: the scenario's listeners, then one spare object per
 * get thread — the notifier `mmu_notifier_get` allocates and registers when it finds no node with its
 * ops on the list. A spare starts unallocated (shown as freed) and holds the module for its thread.
 */
import type { Scenario } from './Scenario.js';
import type { DriverScript } from './drivers/DriverScript.js';

/** One listener object of the model. */
export interface ModelListener {
  readonly behaviour: string;
  readonly driver: DriverScript;
  readonly maps: boolean;
  /** A get thread's spare object rather than a listener registered before the scenario starts. */
  readonly spare: boolean;
}

/** The scenario's listeners followed by the get threads' spares, in thread order. */
export function modelListeners(scenario: Scenario): ModelListener[] {
  const listeners: ModelListener[] = scenario.listeners.map((l) => ({
    behaviour: l.behaviour,
    driver: l.driver,
    maps: l.maps,
    spare: false,
  }));
  for (const t of scenario.threads) {
    if (t.kind !== 'get') continue;
    const { behaviour, driver } = scenario.listeners[t.listener]!;
    for (let i = 0; i < t.count; i++) listeners.push({ behaviour, driver, maps: false, spare: true });
  }
  return listeners;
}
