/**
 * A scenario as its file would say it: what reports and saved traces record, and what
 * parseScenario reads back. A built-in driver is named by its behaviour; a scripted one is written
 * out whole.
 */
import { BEHAVIOURS, type ListenerConfig, type Scenario } from './Scenario.js';

/** A listener as a scenario file writes it. */
export function listenerJson(l: ListenerConfig): Record<string, unknown> {
  const driver = (BEHAVIOURS as readonly string[]).includes(l.behaviour)
    ? { behaviour: l.behaviour }
    : { driver: l.driver };
  return { ...driver, maps: l.maps, cpu: l.cpu };
}

/** The scenario as a scenario file writes it. */
export function scenarioJson(s: Scenario): Record<string, unknown> {
  return { ...s, listeners: s.listeners.map(listenerJson) };
}
