/**
 * Values of the Informal Trace Format (ITF, Apalache ADR-015) as mmucheck writes and reads them:
 * integers as `{"#bigint": "…"}`, strings and booleans as themselves, records as objects.
 */

/** An ITF expression: the subset of ADR-015 that mmucheck traces use. */
export type ItfValue =
  | string
  | boolean
  | number
  | { readonly '#bigint': string }
  | { readonly [field: string]: ItfValue };

/** A named-view value in ITF: integers become big integers, as Apalache and Quint write them. */
export function toItfValue(v: string | number | boolean): ItfValue {
  return typeof v === 'number' ? { '#bigint': String(v) } : v;
}

/** A named-view value read back from ITF; undefined when it is not a string, boolean or integer. */
export function fromItfValue(v: unknown): string | number | boolean | undefined {
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : undefined;
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const keys = Object.keys(v);
    const big = (v as Record<string, unknown>)['#bigint'];
    if (keys.length === 1 && typeof big === 'string' && /^-?\d+$/.test(big)) {
      const n = Number(big);
      return Number.isSafeInteger(n) ? n : undefined;
    }
  }
  return undefined;
}

/**
 * A variable the named view of this state lacks (a program thread's `.local` while it is 0, a list
 * element not there yet): ADR-015 wants every variable in every state, so absence is written as
 * the format's marker for a value it cannot hold.
 */
export const ABSENT: ItfValue = { '#unserializable': 'absent' };

/** True when `v` is the marker of an absent variable. */
export function isAbsent(v: unknown): boolean {
  return (
    typeof v === 'object' &&
    v !== null &&
    Object.keys(v).length === 1 &&
    (v as Record<string, unknown>)['#unserializable'] === 'absent'
  );
}
