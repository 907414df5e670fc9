import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../checker/CheckOptions.js';
import { resolveOptions } from '../../checker/resolveOptions.js';

describe('resolveOptions', () => {
  it('fills in the defaults, also for fields given as undefined', () => {
    expect(resolveOptions()).toMatchObject(DEFAULT_OPTIONS);
    expect(resolveOptions({ maxStates: undefined, maxDepth: 3 })).toMatchObject({ ...DEFAULT_OPTIONS, maxDepth: 3 });
  });

  it.each([
    ['maxStates', { maxStates: 0 }],
    ['maxStates', { maxStates: 1.5 }],
    ['maxStates', { maxStates: 2 ** 32 }],
    ['maxDepth', { maxDepth: -1 }],
    ['maxDepth', { maxDepth: Number.NaN }],
    ['timeoutMs', { timeoutMs: 0 }],
  ])('rejects a bad %s', (name, options) => {
    expect(() => resolveOptions(options)).toThrow(new RegExp(name));
  });
});
