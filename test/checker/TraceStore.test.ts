import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LevelLinks } from '../../checker/LevelLinks.js';
import { ROOT_PARENT, TraceStore } from '../../checker/TraceStore.js';

/** Stores `roots` roots, then one level of `width` states whose parents are roots 0, 1, 2, … by `action(i)`. */
function twoLevels(roots: number, width: number, action: (i: number) => number): TraceStore {
  const store = new TraceStore();
  for (let id = 0; id < roots; id++) store.addRoot(id, 0);
  for (let i = 0; i < width; i++) store.addLink(roots + i, i % roots, action(i));
  return store;
}

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
    expect(store.isCompact).toBe(true);
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

  it('holds 4 bytes a state in breadth-first order, in pages of 16384 states, and 16 bytes a level', () => {
    const store = new TraceStore();
    expect(store.bytes).toBe(16);
    store.addRoot(0, 0);
    expect(store.bytes).toBe(16_384 * 4 + 16);
    for (let id = 1; id <= 16_384; id++) store.addLink(id, 0, id % 50);
    expect(store.bytes).toBe(2 * 16_384 * 4 + 2 * 16);
    expect(store.isCompact).toBe(true);
  });

  it('keeps 100 actions a state in 4 bytes unless the parent level has more than 2^25 states', () => {
    expect([1, 2, 3, 1 << 16, (1 << 16) + 1, 1 << 25, (1 << 25) + 1, 1 << 26].map(LevelLinks.maxActionFrom)).toEqual([
      2 ** 31 - 1,
      2 ** 31 - 1,
      2 ** 30 - 1,
      65_535,
      32_767,
      127,
      63,
      63,
    ]);
    const store = twoLevels(3, 300, (i) => i % 100);
    expect(store.isCompact).toBe(true);
    expect(store.rebuild(302)).toEqual({ initialIndex: 0, actionIndices: [99], stateIds: [2, 302] });
  });

  it('copies its links into the 6-byte form when an action does not fit and goes on there', () => {
    // Below 65,537 roots a link has 15 bits for its action: 32,768 does not fit.
    const roots = 65_537;
    const store = twoLevels(roots, 3, (i) => [32_767, 32_768, 7][i]!);
    expect(store.isCompact).toBe(false);
    expect(store.bytes).toBe(5 * 16_384 * 6);
    expect(store.rebuild(roots)).toEqual({ initialIndex: 0, actionIndices: [32_767], stateIds: [0, roots] });
    expect(store.rebuild(roots + 1)).toEqual({ initialIndex: 0, actionIndices: [32_768], stateIds: [1, roots + 1] });
    store.addLink(roots + 3, roots + 2, 65_535);
    expect(store.rebuild(roots + 3).actionIndices).toEqual([7, 65_535]);
  });

  it('accepts links out of breadth-first order in the 6-byte form', () => {
    const skipsAnId = new TraceStore();
    skipsAnId.addRoot(0, 2);
    skipsAnId.addLink(5, 0, 1);
    expect(skipsAnId.isCompact).toBe(false);
    expect(skipsAnId.rebuild(5)).toEqual({ initialIndex: 2, actionIndices: [1], stateIds: [0, 5] });

    const fromTwoLevelsBack = new TraceStore();
    fromTwoLevelsBack.addRoot(0, 0);
    fromTwoLevelsBack.addLink(1, 0, 1);
    fromTwoLevelsBack.addLink(2, 1, 2);
    fromTwoLevelsBack.addLink(3, 0, 3);
    expect(fromTwoLevelsBack.isCompact).toBe(false);
    expect(fromTwoLevelsBack.rebuild(2)).toEqual({ initialIndex: 0, actionIndices: [1, 2], stateIds: [0, 1, 2] });
    expect(fromTwoLevelsBack.rebuild(3)).toEqual({ initialIndex: 0, actionIndices: [3], stateIds: [0, 3] });
  });

  it('rebuilds every state as a plain parent table does, for random breadth-first forests', () => {
    const level = fc.array(fc.record({ parent: fc.nat(), action: fc.oneof(fc.nat(9), fc.nat(65_535)) }), {
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(level, { maxLength: 6 }), (roots, levels) => {
        const store = new TraceStore();
        const parents: number[] = [];
        const actions: number[] = [];
        for (let id = 0; id < roots; id++) {
          store.addRoot(id, id);
          parents.push(-1);
          actions.push(id);
        }
        let start = 0;
        for (const children of levels) {
          const end = parents.length;
          const sorted = children
            .map((c) => ({ parent: start + (c.parent % (end - start)), action: c.action }))
            .sort((a, b) => a.parent - b.parent);
          for (const c of sorted) {
            store.addLink(parents.length, c.parent, c.action);
            parents.push(c.parent);
            actions.push(c.action);
          }
          start = end;
        }
        for (let id = 0; id < parents.length; id++) {
          expect(store.parentOf(id)).toBe(parents[id]! < 0 ? ROOT_PARENT : parents[id]);
          expect(store.actionOf(id)).toBe(actions[id]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('rejects an action index that does not fit in 16 bits', () => {
    expect(() => new TraceStore().addLink(1, 0, 65_536)).toThrow(RangeError);
    const store = new TraceStore();
    store.addRoot(0, 0);
    expect(() => store.addLink(1, 0, 65_536)).toThrow('trace store: action index 65536 does not fit in 16 bits');
  });
});
