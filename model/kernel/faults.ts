/**
 * How steps report what they did wrong: a fault is recorded in the state for each property being
 * checked, and the property's invariant then fails on that state. Unchecked properties record
 * nothing, and the step goes on as the C code would.
 */
import type { KernelEnv } from './KernelEnv.js';
import type { KernelState } from './state/KernelState.js';
import { makeFault } from './state/Fault.js';

/** Records a violation of `property` if it is being checked. */
export function fault(env: KernelEnv, g: KernelState, property: string, message: string, object = ''): KernelState {
  if (!env.checks.has(property)) return g;
  return g.set('faults', g.faults.push(makeFault({ property, message, object })));
}

/** The readable name of listener `l`. */
export function listenerName(env: KernelEnv, l: number): string {
  return `listener ${l} (${env.behaviours[l] ?? '?'})`;
}

/** The state-view field of listener `l`, used to point at the step that freed it. */
export function listenerField(l: number): string {
  return `listener${l}`;
}

/** A read or write of the listener object `l` by `what`: use-after-free if it is freed. */
export function touchListener(env: KernelEnv, g: KernelState, l: number, what: string): KernelState {
  if (!g.listeners.get(l)?.freed) return g;
  return fault(env, g, 'no-use-after-free', `${what} accesses ${listenerName(env, l)}, which is freed`, listenerField(l));
}

/** A read or write of the mm_struct by `what`. */
export function touchMm(env: KernelEnv, g: KernelState, what: string): KernelState {
  if (!g.mm.freed) return g;
  return fault(env, g, 'no-use-after-free', `${what} accesses the mm_struct, which is freed`, 'mm');
}

/** A read or write of the mmu_notifier_mm by `what`. */
export function touchNotifierMm(env: KernelEnv, g: KernelState, what: string): KernelState {
  if (!g.nmm.freed) return g;
  return fault(env, g, 'no-use-after-free', `${what} accesses the mmu_notifier_mm, which is freed`, 'nmm');
}

/**
 * Runs module code (a notifier method, `->release` or an SRCU callback) on listener `l`: the code
 * must still be loaded, and the object it is invoked on must not be freed.
 */
export function invokeOn(env: KernelEnv, g: KernelState, l: number, what: string): KernelState {
  if (!g.moduleLoaded) {
    g = fault(env, g, 'no-code-after-unload', `${what} on ${listenerName(env, l)} runs the driver module's code after the module was unloaded`, 'module');
  }
  if (g.listeners.get(l)?.freed) {
    g = fault(env, g, 'no-callback-on-freed', `${what} is invoked on ${listenerName(env, l)}, which is freed`, listenerField(l));
  }
  return touchListener(env, g, l, what);
}

/**
 * Runs a core-kernel SRCU callback (v5.4's `mmu_notifier_free_rcu`) on listener `l`: no module code
 * runs yet, but the rcu_head it is called on is inside the object, which must not be freed.
 */
export function invokeCoreCallbackOn(env: KernelEnv, g: KernelState, l: number, what: string): KernelState {
  if (g.listeners.get(l)?.freed) {
    g = fault(env, g, 'no-callback-on-freed', `${what} is invoked on ${listenerName(env, l)}, which is freed`, listenerField(l));
  }
  return touchListener(env, g, l, what);
}

/** True when the last step recorded a fault: such a state is a counterexample and is not expanded. */
export function hasFault(g: KernelState): boolean {
  return g.faults.size > 0;
}
