/** The kernel state's encoding is reversible: every reachable state decodes to an equal state. */
import { describe, expect, it } from 'vitest';
import { is } from 'immutable';
import { buildKernelModel } from '../../../properties/buildKernelModel.js';
import { loadScenario } from '../../../model/kernel/loadScenario.js';
import { IntBuffer, IntReader } from '../../../model/IntBuffer.js';
import { reachableStates } from '../../helpers/reachableStates.js';

describe('decodeKernel', () => {
  it.each(['seed', 'tree-barrier', 'lazy-with-reader'])('round-trips every reachable state of %s', (name) => {
    const model = buildKernelModel(loadScenario(name));
    const buffer = new IntBuffer();
    const states = reachableStates(loadScenario(name));
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
