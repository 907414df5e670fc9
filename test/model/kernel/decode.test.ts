/** The kernel state's encoding is reversible: every reachable state decodes to an equal state. */
import { describe, expect, it } from 'vitest';
import { is } from 'immutable';
import { buildKernelModel, type KernelModelState } from '../../../model/kernel/buildKernelModel.js';
import { loadScenario } from '../../../model/kernel/loadScenario.js';
import { IntBuffer, IntReader } from '../../../checker/IntBuffer.js';

function reachable(name: string): KernelModelState[] {
  const model = buildKernelModel(loadScenario(name));
  const seen = new Set<string>();
  const states: KernelModelState[] = [];
  const queue = [...model.initStates()];
  while (queue.length) {
    const s = queue.pop()!;
    const key = JSON.stringify(s.toJS());
    if (seen.has(key)) continue;
    seen.add(key);
    states.push(s);
    if (!s.shared.faults.isEmpty()) continue;
    for (const a of model.actions(s)) queue.push(model.nextState(s, a));
  }
  return states;
}

describe('decodeKernel', () => {
  it.each(['seed', 'tree-barrier', 'lazy-with-reader'])('round-trips every reachable state of %s', (name) => {
    const model = buildKernelModel(loadScenario(name));
    const buffer = new IntBuffer();
    const states = reachable(name);
    expect(states.length).toBeGreaterThan(100);
    for (const s of states) {
      buffer.clear();
      model.encode!(s, buffer);
      const reader = new IntReader(buffer.data, 0, buffer.length);
      const decoded = model.decode!(reader);
      expect(reader.done).toBe(true);
      expect(is(decoded, s)).toBe(true);
    }
  });
});
