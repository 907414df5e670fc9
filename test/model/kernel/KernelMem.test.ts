/**
 * The packed kernel memory the steps mutate: it reads and writes exactly `encodeKernel`'s encoding,
 * so a packed state and its Immutable form have the same fingerprint, and its callback queues are
 * bounded FIFO queues whose encoding does not depend on what was queued and removed before.
 */
import { describe, expect, it } from 'vitest';
import { IntBuffer } from '../../../model/IntBuffer.js';
import { applyOverrides } from '../../../cli/applyOverrides.js';
import { buildKernelModel } from '../../../properties/buildKernelModel.js';
import { encodeKernel } from '../../../model/kernel/encode.js';
import { KernelMem } from '../../../model/kernel/KernelMem.js';
import { loadScenario } from '../../../model/kernel/loadScenario.js';
import { CallbackKind } from '../../../model/kernel/state/Callback.js';
import { kernelAt, memOf } from '../../helpers/kernelFixture.js';
import { reachableStates } from '../../helpers/reachableStates.js';

/** The integers `m.writeTo` gives. */
function written(m: KernelMem): number[] {
  const buffer = new IntBuffer();
  m.writeTo(buffer);
  return Array.from(buffer.data.subarray(0, buffer.length));
}

describe('reading and writing the canonical encoding', () => {
  it.each([
    ['seed', 5133, 0],
    ['eager-free', 707, 283],
  ] as const)(
    '%s with 2 readers: each of its %i reachable states (%i with faults) is written back as the same integers it was read from',
    (name, count, faulty) => {
      const scenario = applyOverrides(loadScenario(name), { readers: 2 });
      const env = buildKernelModel(scenario).env;
      const states = reachableStates(scenario);
      expect(states).toHaveLength(count);
      expect(states.filter((s) => !s.shared.faults.isEmpty())).toHaveLength(faulty);
      // One memory for all states, as a runner has: reading a state leaves nothing of the one before.
      const m = new KernelMem({
        listeners: env.behaviours.length,
        mirrors: env.mirrors.length,
        threads: env.threadNames.length,
        queues: env.queues,
      });
      m.a = new Int32Array(m.width);
      m.base = 0;
      const encoded = new IntBuffer();
      for (const s of states) {
        encoded.clear();
        encodeKernel(s.shared, encoded);
        expect(m.readFrom(encoded.data, 0)).toBe(encoded.length);
        expect(written(m)).toEqual(Array.from(encoded.data.subarray(0, encoded.length)));
      }
    },
  );
});

describe('callback queues', () => {
  const { g } = kernelAt();

  it('hold a destroy per listener and a marker per thread; one entry more is a RangeError', () => {
    const m = memOf(g);
    expect(m.queueCapacity).toBe(m.listenerCount + m.threadCount);
    for (let i = 0; i < m.queueCapacity; i++) m.push(0, CallbackKind.Sync, -1, i, 0);
    expect(m.queueSize(0)).toBe(m.queueCapacity);
    expect(() => m.push(0, CallbackKind.Destroy, 0, -1, 0)).toThrow(RangeError);
    expect(m.queueSize(0)).toBe(m.queueCapacity);
  });

  it('are FIFO: after a shift the second entry is the head, encoded as if it had been queued alone', () => {
    const m = memOf(g);
    m.push(0, CallbackKind.Destroy, 0, -1, 0b110);
    m.push(0, CallbackKind.Barrier, -1, 2, 0b10);
    m.setRunning(0, 0, true);
    m.shift(0);
    expect(m.queueSize(0)).toBe(1);
    expect([m.kind(0, 0), m.cbListener(0, 0), m.owner(0, 0), m.waitMask(0, 0), m.running(0, 0)]).toEqual([
      CallbackKind.Barrier,
      -1,
      2,
      0b10,
      false,
    ]);

    const alone = memOf(g);
    alone.push(0, CallbackKind.Barrier, -1, 2, 0b10);
    expect(written(m)).toEqual(written(alone));
    // The vacated slot is cleared: nothing of the removed entry stays in memory.
    expect(Array.from(m.a)).toEqual(Array.from(alone.a));
  });

  it('shift of an empty queue changes nothing', () => {
    const m = memOf(g);
    const before = written(m);
    m.shift(0);
    expect(written(m)).toEqual(before);
  });
});
