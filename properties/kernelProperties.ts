/** The checker properties of a scenario's kernel model: those it asks for, in catalog (priority) order. */
import type { KernelEnv } from '../model/kernel/KernelEnv.js';
import type { KernelModelState } from '../model/kernel/kernelProgram.js';
import type { KernelPropertyId } from '../model/kernel/PropertyId.js';
import type { Property } from '../model/Property.js';
import { KERNEL_PROPERTIES } from './catalog.js';

/** Builds the checker properties for the ids asked for, in catalog (priority) order. */
export function kernelProperties(
  env: KernelEnv,
  ids: readonly KernelPropertyId[],
  allFinished: (s: KernelModelState) => boolean,
): Property<KernelModelState>[] {
  const wanted = new Set(ids);
  return KERNEL_PROPERTIES.filter((p) => wanted.has(p.id)).map((p) => p.make(env, allFinished));
}
