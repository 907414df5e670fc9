/**
 * One semantics: the kernel liveness properties' packed tests (read from the packed form's loaded
 * state) agree with their Immutable tests on every reachable state of scenarios that exercise
 * callbacks, markers, the subscriptions wait queue, finished threads and a freed mm.
 */
import { describe, expect, it } from 'vitest';
import { IntBuffer } from '../../model/IntBuffer.js';
import { isLiveness } from '../../model/Property.js';
import { loadScenario } from '../../model/kernel/loadScenario.js';
import { buildKernelModel } from '../../properties/buildKernelModel.js';
import { fingerprint, fingerprintHex } from '../../checker/fingerprint.js';

describe('kernel liveness tests, packed and Immutable', () => {
  it.each(['seed', 'destroy-requeues', 'tree-barrier-one-cpu', 'hmm-mirror', 'sync-in-release'])(
    '%s: the same answer on every reachable state',
    (name) => {
      const model = buildKernelModel(loadScenario(name));
      const expander = model.packed()!;
      const liveness = model.properties().filter(isLiveness);
      expect(liveness.map((p) => p.id)).toEqual(['callbacks-run', 'waits-return', 'threads-finish', 'mm-freed']);
      const seen = new Set<string>();
      const queue = [...model.initStates()];
      const buffer = new IntBuffer(256);
      let compared = 0;
      const answers = new Set<string>();
      for (let head = 0; head < queue.length; head++) {
        const state = queue[head]!;
        const key = fingerprintHex(fingerprint(state, model.encode.bind(model)));
        if (seen.has(key)) continue;
        seen.add(key);
        buffer.clear();
        model.encode(state, buffer);
        expander.load(buffer.data, 0, buffer.length);
        for (const p of liveness) {
          const tests = p.packed!;
          const view = expander.view as never;
          const values =
            p.kind === 'eventually'
              ? [p.holds(state), tests.response(view)]
              : [p.trigger(state), tests.trigger!(view), p.response(state), tests.response(view)];
          if (p.kind === 'eventually') expect(values[1], `${p.id} at state ${compared}`).toBe(values[0]);
          else expect([values[1], values[3]], `${p.id} at state ${compared}`).toEqual([values[0], values[2]]);
          answers.add(`${p.id}=${values.join(',')}`);
        }
        compared++;
        for (const action of model.actions(state)) queue.push(model.nextState(state, action));
      }
      expect(compared).toBeGreaterThan(50);
      expect(answers.size).toBeGreaterThan(4); // both answers of several tests were met
    },
  );
});
