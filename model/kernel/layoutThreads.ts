/**
 * Lays out a scenario's threads: its thread groups in order, then driver teardown threads, then the
 * SRCU workers. Every thread has a name of its own.
 */
import type { ThreadSpec } from '../program/ThreadSpec.js';
import type { Scenario } from './Scenario.js';
import { mirrorEntry } from './interval/intervalThreads.js';

/** The threads of a scenario, each with its entry procedure, argument and CPU. */
export function layoutThreads(scenario: Scenario): ThreadSpec[] {
  const threads: ThreadSpec[] = [];
  let spare = scenario.listeners.length; // get threads' spares follow the listeners (modelListeners)
  // Threads of one kind are numbered across its groups, so that two reader groups do not both have a reader0.
  const counts = { reader: 0, reclaimer: 0, get: 0, invalidator: 0 };
  for (const t of scenario.threads) {
    switch (t.kind) {
      case 'exit':
        threads.push({ name: 'exit', entry: scenario.mirrors.length > 0 ? 'do_exit' : 'mmput', cpu: t.cpu });
        break;
      case 'reader':
        for (let i = 0; i < t.count; i++)
          threads.push({ name: `reader${counts.reader++}`, entry: 'invalidate_reader', cpu: t.cpu });
        break;
      case 'reclaimer':
        for (let i = 0; i < t.count; i++)
          threads.push({ name: `reclaimer${counts.reclaimer++}`, entry: 'reclaimer', cpu: t.cpu });
        break;
      case 'module-exit':
        threads.push({ name: 'module-exit', entry: t.synchronize ? 'module_exit' : 'module_exit_nosync', cpu: t.cpu });
        break;
      case 'get':
        for (let i = 0; i < t.count; i++)
          threads.push({ name: `get${counts.get++}`, entry: 'get_thread', arg: spare++, cpu: t.cpu });
        break;
      case 'invalidator':
        for (let i = 0; i < t.count; i++)
          threads.push({ name: `invalidator${counts.invalidator++}`, entry: 'invalidator', cpu: t.cpu });
        break;
      case 'mirror':
        threads.push({ name: `driver${t.mirror}`, entry: mirrorEntry(t.ops), arg: t.mirror, cpu: t.cpu });
        break;
    }
  }
  scenario.listeners.forEach((l, i) => {
    if (l.driver.hooks.teardown !== undefined)
      threads.push({ name: `teardown-L${i}`, entry: `${l.driver.name}:teardown`, arg: i, cpu: l.cpu });
  });
  // Interval subscriptions use no SRCU: an interval-era scenario has no SRCU workers.
  if (scenario.mirrors.length > 0) return threads;
  if (scenario.srcu === 'classic') {
    threads.push({ name: 'srcu-worker', entry: 'srcu_worker', arg: 0, cpu: 0, daemon: true });
  } else {
    for (let c = 0; c < scenario.cpus; c++)
      threads.push({ name: `srcu-worker/cpu${c}`, entry: 'srcu_worker', arg: c, cpu: c, daemon: true });
  }
  return threads;
}
