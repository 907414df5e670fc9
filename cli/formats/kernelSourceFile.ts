/**
 * Where a kernel function lives in the kernel source tree, for physical locations in SARIF. The
 * driver behaviours without a real driver behind them (lazy, eager-free, …) and the model's own
 * wrappers have no file: they get a logical location only.
 */
import type { SrcuImpl } from '../../model/kernel/Scenario.js';

const FILES: Readonly<Record<string, string>> = {
  mmput: 'kernel/fork.c',
  __mmdrop: 'kernel/fork.c',
  exit_mmap: 'mm/mmap.c',
  try_to_unmap_one: 'mm/rmap.c',
  shrink_page_list: 'mm/vmscan.c',
  delete_module: 'kernel/module.c',
  free_module: 'kernel/module.c',
  kfd_process_notifier_release: 'drivers/gpu/drm/amd/amdkfd/kfd_process.c',
  kfd_process_destroy_delayed: 'drivers/gpu/drm/amd/amdkfd/kfd_process.c',
  kvm_mmu_notifier_release: 'virt/kvm/kvm_main.c',
  kvm_destroy_vm: 'virt/kvm/kvm_main.c',
};

const SRCU_FUNCTIONS = new Set([
  'synchronize_srcu',
  '__synchronize_srcu',
  'srcu_barrier',
  'srcu_invoke_callbacks',
  'srcu_read_lock',
  'srcu_read_unlock',
  'call_srcu',
]);

/** The file of `fn` relative to the kernel tree's root, or undefined when it has none. */
export function kernelSourceFile(fn: string, srcu: SrcuImpl): string | undefined {
  if (fn.startsWith('mmu_notifier_') || fn.startsWith('__mmu_notifier_')) return 'mm/mmu_notifier.c';
  if (SRCU_FUNCTIONS.has(fn)) return srcu === 'classic' ? 'kernel/rcu/srcu.c' : 'kernel/rcu/srcutree.c';
  return FILES[fn];
}
