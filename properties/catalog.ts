/**
 * The kernel properties (docs/kernel-model.md §6), one file each in properties/kernel/, in the
 * model's priority order; the ids, that order and which are optional are the model's
 * (model/kernel/PropertyId.ts).
 */
import { KERNEL_PROPERTY_IDS, type KernelPropertyId, OPTIONAL_PROPERTY_IDS } from '../model/kernel/PropertyId.js';
import { barrierWaitsForQueued } from './kernel/barrierWaitsForQueued.js';
import { gracePeriod } from './kernel/gracePeriod.js';
import type { KernelProperty } from './kernel/KernelProperty.js';
import { listIntegrity } from './kernel/listIntegrity.js';
import { noBugOn } from './kernel/noBugOn.js';
import { noCallbackOnFreed } from './kernel/noCallbackOnFreed.js';
import { noCodeAfterUnload } from './kernel/noCodeAfterUnload.js';
import { noDeadlock } from './kernel/noDeadlock.js';
import { noLeak } from './kernel/noLeak.js';
import { noNullDeref } from './kernel/noNullDeref.js';
import { noStaleMapping } from './kernel/noStaleMapping.js';
import { noUseAfterFree } from './kernel/noUseAfterFree.js';
import { releaseAtMostOnce } from './kernel/releaseAtMostOnce.js';
import { releaseBeforePagesFreed } from './kernel/releaseBeforePagesFreed.js';
import { callbacksRun } from './kernel/callbacksRun.js';
import { mmFreed } from './kernel/mmFreed.js';
import { threadsFinish } from './kernel/threadsFinish.js';
import { waitsReturn } from './kernel/waitsReturn.js';

/** One entry of the property catalog. */
export interface PropertyInfo {
  /** Stable kebab-case id used by flags, scenario files and reports. */
  readonly id: KernelPropertyId;
  /** A short sentence that says what holds. */
  readonly name: string;
  /** Off unless a scenario or `--property` asks for it. */
  readonly optional: boolean;
}

/** Every property by its id: the compiler checks that none is missing. */
const BY_ID: Readonly<Record<KernelPropertyId, KernelProperty>> = {
  'no-code-after-unload': noCodeAfterUnload,
  'no-callback-on-freed': noCallbackOnFreed,
  'no-use-after-free': noUseAfterFree,
  'barrier-waits-for-queued': barrierWaitsForQueued,
  'grace-period': gracePeriod,
  'no-bug-on': noBugOn,
  'no-null-deref': noNullDeref,
  'list-integrity': listIntegrity,
  'no-stale-mapping': noStaleMapping,
  'release-before-pages-freed': releaseBeforePagesFreed,
  'no-leak': noLeak,
  'no-deadlock': noDeadlock,
  'release-at-most-once': releaseAtMostOnce,
  'callbacks-run': callbacksRun,
  'waits-return': waitsReturn,
  'threads-finish': threadsFinish,
  'mm-freed': mmFreed,
};

/** Every kernel property, in reporting priority (see KERNEL_PROPERTY_IDS). */
export const KERNEL_PROPERTIES: readonly KernelProperty[] = KERNEL_PROPERTY_IDS.map((id) => BY_ID[id]);

/** Every kernel property's id, name and whether it is optional, in reporting priority. */
export const PROPERTY_CATALOG: readonly PropertyInfo[] = KERNEL_PROPERTIES.map(({ id, name }) => ({
  id,
  name,
  optional: OPTIONAL_PROPERTY_IDS.has(id),
}));

export { DEFAULT_PROPERTY_IDS, KERNEL_PROPERTY_IDS as PROPERTY_IDS } from '../model/kernel/PropertyId.js';
