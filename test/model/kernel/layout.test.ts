/**
 * The kernel state's layout, declared once in model/kernel/layout/: each record kind names every
 * field of its Immutable record, its packing functions agree with its table, a declaration that
 * cannot be packed is refused, and the canonical encoding it gives is pinned (a change to it
 * changes every fingerprint).
 */
import { describe, expect, it } from 'vitest';
import { List } from 'immutable';
import { bool, int, RecordLayout, WORD } from '../../../model/kernel/layout/RecordLayout.js';
import { SCALARS } from '../../../model/kernel/layout/scalars.js';
import { LISTENER } from '../../../model/kernel/layout/listener.js';
import { CALLBACK } from '../../../model/kernel/layout/callback.js';
import { INTERVAL, MIRROR } from '../../../model/kernel/layout/interval.js';
import { makeInterval } from '../../../model/kernel/state/Interval.js';
import { makeMirror } from '../../../model/kernel/state/Mirror.js';
import { CallbackKind, makeCallback } from '../../../model/kernel/state/Callback.js';
import { Link, makeListener } from '../../../model/kernel/state/Listener.js';
import { makeFault } from '../../../model/kernel/state/Fault.js';
import { Page } from '../../../model/kernel/state/Mm.js';
import type { KernelState } from '../../../model/kernel/state/KernelState.js';
import { encodingOf, kernelAt, stateOf, memOf } from '../../helpers/kernelFixture.js';

const LAYOUTS = [SCALARS, LISTENER, CALLBACK, INTERVAL, MIRROR] as RecordLayout<string>[];

/** The largest value a field holds (for a biased field, one less), and the smallest. */
function extremes(f: RecordLayout<string>['fields'][number]): number[] {
  if (f.bits === WORD) return [0x7fffffff, -0x80000000, -1];
  return [f.mask - f.bias, -f.bias];
}

describe('the layout tables', () => {
  it('name every field of the Immutable records they lay out', () => {
    expect(LISTENER.fields.map((f) => f.name).sort()).toEqual(Object.keys(makeListener().toJSON()).sort());
    expect(CALLBACK.fields.map((f) => f.name).sort()).toEqual(Object.keys(makeCallback().toJSON()).sort());
    expect(INTERVAL.fields.map((f) => f.name).sort()).toEqual(Object.keys(makeInterval().toJSON()).sort());
    expect(MIRROR.fields.map((f) => f.name).sort()).toEqual(Object.keys(makeMirror().toJSON()).sort());
  });

  it.each(LAYOUTS.map((l) => [l.name, l] as const))(
    '%s: each field packs alone at its extremes and reads back, the others packing as 0',
    (_name, layout) => {
      expect(layout.words).toBeLessThanOrEqual(layout.slots);
      for (const f of layout.fields) {
        for (const v of extremes(f)) {
          const slots = Int32Array.from(layout.fields, (other) => -other.bias);
          slots[f.slot] = v;
          const words = new Int32Array(layout.words + 2);
          expect(layout.pack(slots, 0, words, 1)).toBe(1 + layout.words);
          expect([words[0], words[layout.words + 1]]).toEqual([0, 0]);
          const back = new Int32Array(layout.slots + 1);
          expect(layout.unpack(words, 1, back, 1)).toBe(1 + layout.words);
          expect(Array.from(back.subarray(1))).toEqual(Array.from(slots));
        }
      }
    },
  );

  it('refuse what does not fit a word, a whole word shared and a name given twice', () => {
    expect(() => new RecordLayout('r', [[int('a', 20), int('b', 13)]])).toThrow(/packs 33 bits/);
    expect(() => new RecordLayout('r', [[int('a'), bool('b')]])).toThrow(/r\.a: 32 bits/);
    expect(() => new RecordLayout('r', [[int('a', 0)]])).toThrow(/r\.a: 0 bits/);
    expect(() => new RecordLayout('r', [[bool('a')], [bool('a')]])).toThrow(/two fields are named a/);
    expect(() => new RecordLayout('r', [[]])).toThrow(/word 0/);
  });
});

describe('the canonical encoding', () => {
  const { g: initial } = kernelAt({ srcu: 'tree', listeners: [{ behaviour: 'amdkfd' }, { behaviour: 'lazy' }] });
  /** A state with every scalar, one listener's every field and both kinds of queue entry set. */
  const g = initial
    .set('mm', initial.mm.merge({ users: 3, count: 4, freed: true, page: Page.Freed }))
    .set('nmm', initial.nmm.merge({ first: 1, lock: 2, freed: true }))
    .set('moduleLoaded', false)
    .setIn(
      ['listeners', 0],
      makeListener({
        freed: true,
        link: Link.Poisoned,
        next: 1,
        maps: true,
        releases: 3,
        registered: true,
        holdsModule: false,
        users: 5,
      }),
    )
    .setIn(
      ['queues', 1],
      List([
        makeCallback({ kind: CallbackKind.Destroy, listener: 1, waitMask: 0b101, running: true }),
        makeCallback({ kind: CallbackKind.Barrier, owner: 2 }),
      ]),
    )
    .set('faults', List([makeFault({ property: 'p', message: 'm', object: 'o' })])) as KernelState;

  it('is pinned: mm, notifier and module; the listeners; the nesting; the queues; the faults', () => {
    expect(encodingOf(g)).toEqual([
      // mm_users, mm_count, mm freed | page Freed << 1 | module unloaded, first, lock, nmm freed
      3,
      4,
      5,
      1,
      2,
      1,
      // L0: freed | Poisoned << 1 | maps << 3 | registered << 4 | releases 3 << 6 | (next 1 + 1) << 12 | users 5 << 20
      1 | (2 << 1) | (1 << 3) | (1 << 4) | (3 << 6) | (2 << 12) | (5 << 20),
      // L1 as registered: hashed, next L0, holds the module
      (1 << 1) | (1 << 4) | (1 << 5) | (1 << 12),
      ...g.srcuNesting.map(() => 0),
      // queue 0 empty; queue 1: destroy(L1) running waiting for threads 0 and 2, barrier-marker(thread 2)
      0,
      2,
      CallbackKind.Destroy | (1 << 2) | (2 << 3) | (0 << 16),
      0b101,
      CallbackKind.Barrier | (0 << 3) | (3 << 16),
      0,
      1,
      ...[1, 'p'.charCodeAt(0), 1, 'm'.charCodeAt(0), 1, 'o'.charCodeAt(0)],
    ]);
  });

  it('is what packed memory holding the state writes, and reads back to the state', () => {
    expect(stateOf(memOf(g)).equals(g)).toBe(true);
  });
});
