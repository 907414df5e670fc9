import { describe, expect, it } from 'vitest';
import { ROOT_PARENT, TraceStore } from '../../checker/TraceStore.js';

describe('TraceStore', () => {
  it('rebuilds the action indices from a state back to its root', () => {
    const store = new TraceStore();
    store.addRoot(0, 0);
    store.addRoot(1, 3);
    store.addLink(2, 1, 4);
    store.addLink(3, 0, 1);
    store.addLink(4, 2, 0);
    expect(store.rebuild(4)).toEqual({ initialIndex: 3, actionIndices: [4, 0], stateIds: [1, 2, 4] });
    expect(store.rebuild(3)).toEqual({ initialIndex: 0, actionIndices: [1], stateIds: [0, 3] });
    expect(store.rebuild(1)).toEqual({ initialIndex: 3, actionIndices: [], stateIds: [1] });
    expect(store.parentOf(1)).toBe(ROOT_PARENT);
  });

  it('rebuilds a long chain across page boundaries', () => {
    const store = new TraceStore();
    store.addRoot(0, 0);
    const n = 40_000;
    for (let id = 1; id < n; id++) store.addLink(id, id - 1, id % 7);
    const { actionIndices, stateIds } = store.rebuild(n - 1);
    expect(actionIndices.length).toBe(n - 1);
    expect(actionIndices.slice(0, 8)).toEqual([1, 2, 3, 4, 5, 6, 0, 1]);
    expect(stateIds.at(-1)).toBe(n - 1);
  });

  it('holds 6 bytes a state, in pages of 16384 states', () => {
    const store = new TraceStore();
    expect(store.bytes).toBe(0);
    store.addRoot(0, 0);
    expect(store.bytes).toBe(16_384 * 6);
    store.addLink(16_384, 0, 0);
    expect(store.bytes).toBe(2 * 16_384 * 6);
  });

  it('rejects an action index that does not fit in 16 bits', () => {
    expect(() => new TraceStore().addLink(1, 0, 65_536)).toThrow(RangeError);
  });
});
