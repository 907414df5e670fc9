/**
 * The built-in behaviours of docs/kernel-model.md §4 and §5 as driver scripts: the drivers a
 * scenario names by `behaviour`. Each is written as a scenario file would write it, and read by the
 * same parser, so a built-in and a script are one thing.
 */
import { Reader } from '../JsonReader.js';
import type { Behaviour } from '../Scenario.js';
import type { DriverScript } from './DriverScript.js';
import { parseDriver } from './parseDriver.js';

/** The scripts, as JSON. */
export const BUILTIN_DRIVER_JSON: Readonly<Record<Behaviour, object>> = {
  amdkfd: {
    name: 'amdkfd',
    object: 'p',
    functions: { release: 'kfd_process_notifier_release', destroy: 'kfd_process_destroy_delayed' },
    hooks: {
      release: ['atomic_inc_mm_count', 'mmu_notifier_unregister_no_release', 'mmu_notifier_call_srcu'],
      destroy: ['bug_on_mmdrop', 'kfree'],
    },
  },
  lazy: {
    name: 'lazy',
    api: 'register',
    object: 'obj',
    functions: { release: 'lazy_release', destroy: 'lazy_destroy' },
    hooks: { release: ['mmu_notifier_call_srcu'], destroy: ['mmdrop', 'kfree'] },
  },
  'eager-free': {
    name: 'eager-free',
    api: 'register',
    object: 'obj',
    functions: { release: 'eager_release' },
    hooks: { release: ['kfree'] },
  },
  'no-mm-pin': {
    name: 'no-mm-pin',
    api: 'register',
    object: 'p',
    functions: { release: 'kfd_process_notifier_release', destroy: 'kfd_process_destroy_delayed' },
    hooks: {
      release: ['mmu_notifier_unregister_no_release', 'mmu_notifier_call_srcu'],
      destroy: ['bug_on_mmdrop', 'kfree'],
    },
  },
  'sync-in-release': {
    name: 'sync-in-release',
    api: 'register',
    object: 'obj',
    functions: { release: 'sync_release' },
    hooks: { release: ['mmu_notifier_unregister_no_release', 'synchronize_srcu', 'kfree'] },
  },
  'unlink-then-free': {
    name: 'unlink-then-free',
    api: 'register',
    object: 'obj',
    functions: { release: 'unlink_release', teardown: 'unlink_then_free_teardown' },
    hooks: { release: [], teardown: ['mmu_notifier_unregister_no_release', 'kfree'] },
  },
  classic: {
    name: 'classic',
    api: 'register',
    object: 'kvm',
    functions: { release: 'kvm_mmu_notifier_release', teardown: 'kvm_destroy_vm' },
    hooks: { release: [], teardown: ['mmu_notifier_unregister', 'kfree'] },
  },
  deferred: {
    name: 'deferred',
    api: 'register',
    object: 'obj',
    functions: { release: 'deferred_release', destroy: 'deferred_destroy', teardown: 'deferred_teardown' },
    hooks: {
      release: [],
      destroy: ['kfree'],
      teardown: ['mmu_notifier_unregister_no_release', 'mmu_notifier_call_srcu'],
    },
  },
  'get-put': {
    name: 'get-put',
    api: 'get-put',
    object: 'obj',
    functions: { release: 'get_put_release', free_notifier: 'get_put_free_notifier', teardown: 'get_put_teardown' },
    // ->release is not called after a put unlinks the node: the driver drops its sptes itself first.
    hooks: { release: [], free_notifier: ['kfree'], teardown: ['zap_sptes', 'mmu_notifier_put'] },
  },
  'put-in-release': {
    name: 'put-in-release',
    api: 'get-put',
    object: 'obj',
    functions: { release: 'put_release', free_notifier: 'put_release_free_notifier' },
    hooks: { release: ['mmu_notifier_put'], free_notifier: ['kfree'] },
  },
};

/** The built-in behaviours' scripts, read once when the module loads. */
export const BUILTIN_DRIVERS = Object.fromEntries(
  Object.entries(BUILTIN_DRIVER_JSON).map(([b, json]) => [
    b,
    parseDriver(new Reader(`the built-in behaviour ${b}`), json, 'driver', 'classic', []),
  ]),
) as Readonly<Record<Behaviour, DriverScript>>;
