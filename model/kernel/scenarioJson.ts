/**
 * A scenario as its file would say it: what reports and saved traces record, and what
 * parseScenario reads back. A built-in driver is named by its behaviour (a mirror's by its name);
 * a scripted one is written out whole, its repetitions unrolled.
 */
import { BEHAVIOURS, MIRROR_DRIVERS, type ListenerConfig, type MirrorConfig, type Scenario } from './Scenario.js';
import { HOOKS, type DriverScript, type ScriptStatement } from './drivers/DriverScript.js';

function statementsJson(list: readonly ScriptStatement[]): unknown[] {
  return list.map((s) => {
    switch (s.type) {
      case 'op':
        return s.c === undefined ? s.op : { do: s.op, c: s.c };
      case 'label':
        return { label: s.name };
      case 'if':
        return Object.fromEntries([
          ['if', `${s.negated ? '!' : ''}${s.cond}`],
          ['then', statementsJson(s.body)],
        ]);
      case 'goto':
        return { goto: s.label };
      case 'return':
        return 'return';
    }
  });
}

/** A driver script as a scenario file writes it. */
export function driverJson(d: DriverScript): Record<string, unknown> {
  const hooks: Record<string, unknown> = {};
  for (const hook of HOOKS[d.world]) {
    const list = d.hooks[hook];
    if (list) hooks[hook] = statementsJson(list);
  }
  return {
    name: d.name,
    ...(d.world === 'classic' ? { api: d.api } : {}),
    object: d.object,
    lock: d.lock,
    functions: d.functions,
    hooks,
  };
}

/** A listener as a scenario file writes it. */
export function listenerJson(l: ListenerConfig): Record<string, unknown> {
  const driver = (BEHAVIOURS as readonly string[]).includes(l.behaviour)
    ? { behaviour: l.behaviour }
    : { driver: driverJson(l.driver) };
  return { ...driver, maps: l.maps, cpu: l.cpu };
}

/** A mirror as a scenario file writes it. */
export function mirrorJson(m: MirrorConfig): Record<string, unknown> {
  const driver = (MIRROR_DRIVERS as readonly string[]).includes(m.driver) ? m.driver : driverJson(m.script);
  return { driver, inserted: m.inserted };
}

/** The scenario as a scenario file writes it. */
export function scenarioJson(s: Scenario): Record<string, unknown> {
  return { ...s, listeners: s.listeners.map(listenerJson), mirrors: s.mirrors.map(mirrorJson) };
}
