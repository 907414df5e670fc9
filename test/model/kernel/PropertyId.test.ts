/**
 * Kernel property ids are a type: a misspelt id in a fault or a catalog entry does not compile
 * (npm test type-checks this file, so an id type widened back to string fails it), and the
 * catalog names every id once, in the model's priority order.
 */
import { describe, expect, it } from 'vitest';
import type { fault } from '../../../model/kernel/faults.js';
import { DEFAULT_PROPERTY_IDS, isKernelPropertyId, KERNEL_PROPERTY_IDS } from '../../../model/kernel/PropertyId.js';
import { PROPERTY_CATALOG } from '../../../properties/catalog.js';

describe('kernel property ids', () => {
  it('are checked by the compiler where faults are recorded', () => {
    const record = (_: Parameters<typeof fault>[2]) => {};
    record('no-use-after-free');
    // @ts-expect-error a misspelt id is not a KernelPropertyId
    record('no-use-after-fre');
    expect(isKernelPropertyId('no-use-after-fre')).toBe(false);
    expect(isKernelPropertyId('no-use-after-free')).toBe(true);
  });

  it('are all in the catalog, once each, in priority order; the optional one is off by default', () => {
    expect(PROPERTY_CATALOG.map((p) => p.id)).toEqual([...KERNEL_PROPERTY_IDS]);
    expect(PROPERTY_CATALOG.filter((p) => p.optional).map((p) => p.id)).toEqual(['release-at-most-once']);
    expect(DEFAULT_PROPERTY_IDS).toEqual(KERNEL_PROPERTY_IDS.filter((id) => id !== 'release-at-most-once'));
    expect(PROPERTY_CATALOG.every((p) => p.name.length > 0)).toBe(true);
  });
});
