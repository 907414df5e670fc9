/**
 * The canonical encoding of kernel states: equal states encode equally however they were built,
 * and changing any single field — found by walking the state, so a field added later is covered
 * too — changes the encoding.
 */
import { describe, expect, it } from 'vitest';
import { List, Record } from 'immutable';
import {
  callSrcu,
  queueBarrierMarkers,
  queueGracePeriodMarker,
  srcuReadLock,
  srcuReadUnlock,
} from '../../../model/kernel/srcu.js';
import { hlistDelInitRcu, hlistDelRcu } from '../../../model/kernel/hlist.js';
import { fault } from '../../../model/kernel/faults.js';
import { CallbackKind, makeCallback } from '../../../model/kernel/state/Callback.js';
import type { KernelState } from '../../../model/kernel/state/KernelState.js';
import { encodingOf, kernelAt, withMem } from '../../helpers/kernelFixture.js';

type Path = (string | number)[];

const { env, g: initial } = kernelAt({
  srcu: 'tree',
  listeners: [{ behaviour: 'amdkfd', maps: true }, { behaviour: 'deferred', cpu: 1 }, { behaviour: 'lazy' }],
});

/** A state with something in every part: a poisoned and an unhashed node, readers, callbacks, markers and a fault. */
function busyState(): KernelState {
  const g = withMem(initial, (m) => {
    srcuReadLock(m, 1);
    srcuReadLock(m, 1);
    callSrcu(env, m, 0, 0);
    queueGracePeriodMarker(env, m, 2, CallbackKind.Sync);
    callSrcu(env, m, 1, 1);
    queueBarrierMarkers(env, m, 0);
    hlistDelInitRcu(env, m, 1);
    hlistDelRcu(env, m, 2);
  });
  const set = g
    .setIn(['nmm', 'lock'], 0)
    .setIn(['listeners', 0, 'releases'], 1)
    .setIn(['queues', 1, 0, 'running'], true);
  return withMem(set, (m) => fault(env, m, 'no-bug-on', 'BUG_ON(mm_count <= 0)', 'mm'));
}

/** Every path to a number, boolean or string inside the state. */
function leaves(value: unknown, path: Path = []): Path[] {
  if (Record.isRecord(value))
    return Object.keys(value.toJSON()).flatMap((k) => leaves(value.get(k as never), [...path, k]));
  if (List.isList(value)) return value.toArray().flatMap((v, i) => leaves(v, [...path, i]));
  return [path];
}

/** The state with the value at `path` changed: a number plus one, a boolean flipped, a string extended. */
function changed(g: KernelState, path: Path): KernelState {
  return g.updateIn(path, (v: unknown) =>
    typeof v === 'number' ? v + 1 : typeof v === 'boolean' ? !v : `${String(v)}!`,
  ) as KernelState;
}

const same = (a: KernelState, b: KernelState) => expect(encodingOf(a)).toEqual(encodingOf(b));

describe('encodeKernel', () => {
  it('encodes equal states equally, however they were built', () => {
    const a = busyState();
    const b = busyState();
    expect(a).not.toBe(b);
    expect(a.equals(b)).toBe(true);
    same(a, b);
    const lockedAndUnlocked = withMem(initial, (m) => {
      srcuReadLock(m, 2);
      srcuReadUnlock(m, 2);
    });
    same(lockedAndUnlocked, initial);
  });

  it('changes when any single field changes', () => {
    const base = busyState();
    // A classic scenario's state has no interval records: its mirrors are none and its interval fields are not encoded.
    const paths = leaves(base).filter((p) => p[0] !== 'interval');
    expect(paths.length).toBeGreaterThan(40);
    const encoded = JSON.stringify(encodingOf(base));
    const unchanged = paths
      .filter((p) => JSON.stringify(encodingOf(changed(base, p))) === encoded)
      .map((p) => p.join('.'));
    expect(unchanged).toEqual([]);
  });

  it('changes when a list grows or shrinks: a callback queued or done, a fault recorded', () => {
    const base = busyState();
    const encoded = JSON.stringify(encodingOf(base));
    const variants = [
      base.updateIn(['queues', 0], (q) =>
        (q as List<unknown>).push(makeCallback({ kind: CallbackKind.Destroy, listener: 2 })),
      ),
      base.updateIn(['queues', 1], (q) => (q as List<unknown>).pop()),
      base.set('faults', List()),
      withMem(base, (m) => fault(env, m, 'no-leak', 'more')),
    ] as KernelState[];
    for (const v of variants) expect(JSON.stringify(encodingOf(v))).not.toBe(encoded);
  });

  it('changes when any interval field or mirror field changes, in an interval-era state', () => {
    const { g } = kernelAt({
      kernel: 'v6.6',
      listeners: undefined,
      mirrors: [{ driver: 'correct', inserted: true }, { driver: 'correct' }],
      threads: [{ kind: 'exit' }, { kind: 'mirror', mirror: 1, ops: ['insert'] }],
    });
    const busy = g
      .setIn(['interval', 'deferredFirst'], 0)
      .setIn(['interval', 'armed'], 1)
      .setIn(['mirrors', 0, 'mapping'], 0)
      .setIn(['mirrors', 0, 'readGen'], 0);
    const paths = leaves(busy).filter((p) => p[0] === 'interval' || p[0] === 'mirrors');
    expect(paths.length).toBeGreaterThan(25);
    const encoded = JSON.stringify(encodingOf(busy));
    const unchanged = paths
      .filter((p) => JSON.stringify(encodingOf(changed(busy, p))) === encoded)
      .map((p) => p.join('.'));
    expect(unchanged).toEqual([]);
  });

  it('tells apart the same callback on different queues', () => {
    const onCpu0 = withMem(initial, (m) => callSrcu(env, m, 0, 1));
    const onCpu1 = withMem(initial, (m) => callSrcu(env, m, 1, 1));
    expect(encodingOf(onCpu0)).not.toEqual(encodingOf(onCpu1));
  });
});
