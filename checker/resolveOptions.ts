/** Completes and validates the options of a run: the defaults come from DEFAULT_OPTIONS. */
import { DEFAULT_OPTIONS, type CheckOptions } from './CheckOptions.js';
import { FAIRNESS_KINDS } from '../model/Fairness.js';

/** The largest number of distinct states a run can store (state ids are 32-bit, one value reserved). */
export const MAX_STATES_LIMIT = 0xffff_fffe;

/** Options as a caller gives them: any may be missing or undefined (which keeps its default). */
export type CheckOptionsInput = { readonly [K in keyof CheckOptions]?: CheckOptions[K] | undefined };

/** `options` over the defaults (undefined fields keep the default); throws RangeError on a bad bound. */
export function resolveOptions(options: CheckOptionsInput = {}): CheckOptions {
  const resolved: CheckOptions = {
    maxStates: options.maxStates ?? DEFAULT_OPTIONS.maxStates,
    maxDepth: options.maxDepth ?? DEFAULT_OPTIONS.maxDepth,
    timeoutMs: options.timeoutMs ?? DEFAULT_OPTIONS.timeoutMs,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.shouldStop === undefined ? {} : { shouldStop: options.shouldStop }),
    ...(options.maxMemoryBytes === undefined ? {} : { maxMemoryBytes: options.maxMemoryBytes }),
    exact: options.exact ?? DEFAULT_OPTIONS.exact === true,
    checkPurity: options.checkPurity ?? DEFAULT_OPTIONS.checkPurity !== false,
    ...(options.coverage === undefined ? {} : { coverage: options.coverage }),
    symmetry: options.symmetry ?? DEFAULT_OPTIONS.symmetry !== false,
    ...(options.fairness === undefined ? {} : { fairness: options.fairness }),
  };
  if (resolved.fairness !== undefined && !FAIRNESS_KINDS.includes(resolved.fairness))
    throw new RangeError(`fairness must be one of ${FAIRNESS_KINDS.join(', ')}, got ${String(resolved.fairness)}`);
  requireInteger('maxStates', resolved.maxStates, 1, MAX_STATES_LIMIT);
  requireInteger('maxDepth', resolved.maxDepth, 0, Number.MAX_SAFE_INTEGER);
  if (!(resolved.timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive, got ${resolved.timeoutMs}`);
  return resolved;
}

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}
