/** The named view of a kernel state that traces print: every field named, values in kernel words. */
import { describe, expect, it } from 'vitest';
import { describeKernel } from '../../../model/kernel/describe.js';
import { hlistDelInitRcu, hlistDelRcu } from '../../../model/kernel/hlist.js';
import { callSrcu, queueBarrierMarkers, queueGracePeriodMarker, srcuReadLock } from '../../../model/kernel/srcu.js';
import { CallbackKind } from '../../../model/kernel/state/Callback.js';
import { Page } from '../../../model/kernel/state/Mm.js';
import { kernelAt, withMem } from '../../helpers/kernelFixture.js';

describe('describeKernel', () => {
  it('shows the seed’s initial state field by field', () => {
    const { env, g } = kernelAt();
    expect(describeKernel(env, g)).toEqual({
      mm: 'live',
      'mm.users': 1,
      'mm.count': 3,
      page: 'mapped',
      nmm: 'live',
      'nmm.lock': 'free',
      list: 'L0',
      listener0: 'live',
      'listener0.pprev': '&list.first',
      'listener0.next': 'NULL',
      'listener0.secondary': 'maps the page',
      'listener0.releases': 0,
      'listener0.registered': true,
      'listener0.holds-module': true,
      'srcu.readers': 'none',
      'srcu.queue': 'empty',
      module: 'loaded',
    });
  });

  it('names the lock holder, the readers and each queued entry with what it waits for', () => {
    const { env, g } = kernelAt();
    const s = withMem(g.setIn(['nmm', 'lock'], 0), (m) => {
      srcuReadLock(m, 1);
      callSrcu(env, m, 0, 0);
      queueGracePeriodMarker(env, m, 2, CallbackKind.Barrier);
    });
    expect(describeKernel(env, s)).toMatchObject({
      'nmm.lock': 'held by exit',
      'srcu.readers': 'reader0',
      'srcu.queue': 'amdkfd:destroy(L0) waits for reader0; barrier-marker(module-exit) waits for reader0',
    });
    expect(describeKernel(env, s.setIn(['queues', 0, 0, 'running'], true))['srcu.queue']).toMatch(
      /^amdkfd:destroy\(L0\) running waits for reader0;/,
    );
  });

  it('shows the list in order, unlinked and poisoned nodes, freed objects and the page', () => {
    const { env, g } = kernelAt({
      listeners: [{ behaviour: 'amdkfd' }, { behaviour: 'classic' }, { behaviour: 'lazy' }],
    });
    expect(describeKernel(env, g).list).toBe('L2 -> L1 -> L0');
    expect(describeKernel(env, g)).toMatchObject({
      'listener2.pprev': '&list.first',
      'listener1.pprev': '&L2.next',
      'listener0.pprev': '&L1.next',
    });
    const middleOut = withMem(g, (m) => hlistDelInitRcu(env, m, 1));
    expect(describeKernel(env, middleOut)).toMatchObject({ 'listener1.pprev': 'NULL', 'listener0.pprev': '&L2.next' });
    let s = withMem(g, (m) => {
      hlistDelInitRcu(env, m, 1);
      hlistDelRcu(env, m, 2);
    });
    s = s.setIn(['listeners', 0, 'freed'], true).setIn(['mm', 'page'], Page.Freed).set('moduleLoaded', false);
    expect(describeKernel(env, s)).toMatchObject({
      list: 'L0',
      listener0: 'freed',
      'listener0.pprev': '&list.first',
      'listener1.pprev': 'NULL',
      'listener1.next': 'L0',
      'listener2.pprev': 'LIST_POISON2',
      page: 'freed',
      module: 'unloaded',
    });
    expect(describeKernel(env, s.set('nmm', s.nmm.set('first', -1)))['list']).toBe('empty');
  });

  it('names one queue per CPU under tree SRCU, with barrier markers behind callbacks', () => {
    const { env, g } = kernelAt({
      srcu: 'tree',
      listeners: [{ behaviour: 'amdkfd' }, { behaviour: 'deferred', cpu: 1 }],
    });
    const s = withMem(g, (m) => {
      callSrcu(env, m, 1, 1);
      queueBarrierMarkers(env, m, 2);
    });
    expect(describeKernel(env, s)).toMatchObject({
      'srcu.queue.cpu0': 'empty',
      'srcu.queue.cpu1': 'deferred:destroy(L1); barrier-marker(module-exit)',
    });
    expect(Object.keys(describeKernel(env, s))).not.toContain('srcu.queue');
  });

  it('names the mmu_notifier_free_rcu a put queues as core code, not a driver callback', () => {
    const { env, g } = kernelAt({ kernel: 'v5.4', listeners: [{ behaviour: 'get-put' }, { behaviour: 'lazy' }] });
    const s = withMem(g, (m) => {
      callSrcu(env, m, 0, 0);
      callSrcu(env, m, 0, 1);
    });
    expect(describeKernel(env, s)['srcu.queue']).toBe('mmu_notifier_free_rcu(L0); lazy:destroy(L1)');
  });
});
