/**
 * How steps report what they did wrong: a fault is recorded in the state being built for each
 * property being checked, and the property's invariant then fails on that state. Unchecked
 * properties record nothing, and the step goes on as the C code would.
 */
import type { KernelPropertyId } from './PropertyId.js';
import type { KernelEnv } from './KernelEnv.js';
import type { KernelMem } from './KernelMem.js';

/** Records a violation of `property` if it is being checked. */
export function fault(env: KernelEnv, m: KernelMem, property: KernelPropertyId, message: string, object = ''): void {
  if (env.checks.has(property)) m.addFault({ property, message, object });
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
export function touchListener(env: KernelEnv, m: KernelMem, l: number, what: string): void {
  if (m.freed(l))
    fault(env, m, 'no-use-after-free', `${what} accesses ${listenerName(env, l)}, which is freed`, listenerField(l));
}

/** A read or write of the mm_struct by `what`. */
export function touchMm(env: KernelEnv, m: KernelMem, what: string): void {
  if (m.mmFreed) fault(env, m, 'no-use-after-free', `${what} accesses the mm_struct, which is freed`, 'mm');
}

/** A read or write of the mmu_notifier_mm by `what`. */
export function touchNotifierMm(env: KernelEnv, m: KernelMem, what: string): void {
  if (!m.nmmFreed) return;
  if (env.interval)
    fault(env, m, 'no-use-after-free', `${what} accesses the mmu_notifier_subscriptions, which is freed`, 'subs');
  else fault(env, m, 'no-use-after-free', `${what} accesses the mmu_notifier_mm, which is freed`, 'nmm');
}

/**
 * Runs module code (a notifier method, `->release` or an SRCU callback) on listener `l`: the code
 * must still be loaded, and the object it is invoked on must not be freed.
 */
export function invokeOn(env: KernelEnv, m: KernelMem, l: number, what: string): void {
  if (!m.moduleLoaded) {
    fault(
      env,
      m,
      'no-code-after-unload',
      `${what} on ${listenerName(env, l)} runs the driver module's code after the module was unloaded`,
      'module',
    );
  }
  invokeCoreCallbackOn(env, m, l, what);
}

/**
 * Runs a core-kernel SRCU callback (v5.4's `mmu_notifier_free_rcu`) on listener `l`: no module code
 * runs yet, but the rcu_head it is called on is inside the object, which must not be freed.
 */
export function invokeCoreCallbackOn(env: KernelEnv, m: KernelMem, l: number, what: string): void {
  if (m.freed(l))
    fault(
      env,
      m,
      'no-callback-on-freed',
      `${what} is invoked on ${listenerName(env, l)}, which is freed`,
      listenerField(l),
    );
  touchListener(env, m, l, what);
}
