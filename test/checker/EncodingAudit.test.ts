/**
 * The audit of a model's own encoding on the first states of a search: an `encode` that ignores
 * the state, or part of it, or that changes from call to call, and a `decode` that does not give
 * the state back, end as a model error instead of a search of fewer states that passes.
 */
import { List, Map as IMap } from 'immutable';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../../checker/check.js';
import { checkWithWorkers } from '../../checker/checkWithWorkers.js';
import { AUDITED_STATES, EncodingAudit } from '../../checker/EncodingAudit.js';
import type { Model } from '../../model/Model.js';
import type { EncodeSink } from '../../model/EncodeSink.js';
import { always } from '../../model/Property.js';
import { breachingCounter } from '../fixtures/faults/contractBreaches.js';
import { expectModelError, expectOk, expectTraceActions, expectViolation } from '../helpers/expect.js';

type Pair = IMap<string, number>;

/** Counts `a` and `b` up to 3 each; `below-3-b` fails when b reaches 3. `encode` is the model's own. */
function pairCounter(encode: (s: Pair, sink: EncodeSink) => void): Model<Pair, 'A' | 'B'> {
  return {
    initStates: () => [IMap({ a: 0, b: 0 })],
    actions: (s) => [...(s.get('a')! < 3 ? ['A' as const] : []), ...(s.get('b')! < 3 ? ['B' as const] : [])],
    nextState: (s, action) => (action === 'A' ? s.update('a', (n) => n! + 1) : s.update('b', (n) => n! + 1)),
    isFinal: () => true,
    encode,
    properties: () => [always<Pair>('below-3-b', 'b stays below 3', (s) => (s.get('b') === 3 ? 'b is 3' : undefined))],
  };
}

describe('the encoding audit', () => {
  it('reports an encode that ignores the state: the two states it merges', () => {
    const outcome = check(breachingCounter('encode-ignores-state'));
    const error = expectModelError(
      outcome,
      /^encode\(\) wrote the same encoding for two different states, 0 and 1: the search keeps one state per encoding/,
    );
    expect(error.action).toBe('Inc');
    expectTraceActions(outcome, []);
  });

  it('reports an encode that leaves out part of the state, which would hide the violation', () => {
    const sound = pairCounter((s, sink) => (sink.int(s.get('a')!), sink.int(s.get('b')!)));
    expectViolation(check(sound), 'below-3-b', { length: 3 });
    const onlyA = pairCounter((s, sink) => sink.int(s.get('a')!));
    expectModelError(
      check(onlyA),
      /^encode\(\) wrote the same encoding for two different states, Map \{ "a": 0, "b": 0 \} and Map \{ "a": 0, "b": 1 \}/,
    );
  });

  it('reports an encode that writes different integers for one state', () => {
    expectModelError(
      check(breachingCounter('encode-not-deterministic')),
      /^encode\(\) wrote two different encodings for one state \(0\): an encoding must depend on the state alone/,
    );
  });

  it('reports a decode that does not give back what encode wrote, with workers too', async () => {
    const source = {
      module: pathToFileURL(join(import.meta.dirname, '..', 'fixtures', 'faults', 'contractBreaches.ts')).href,
      exportName: 'breachingCounter',
      args: ['encode-ignores-state', false],
    };
    const parallel = await checkWithWorkers(breachingCounter('encode-ignores-state'), source, { workers: 2 });
    expectModelError(
      parallel,
      /^decode\(\) does not give back the state encode\(\) wrote: it read 0 from the encoding of 1; decode\(encode\(s\)\) must be s/,
    );
  });

  it('reports an encode that ignores the state of a packed model when the initial state does not decode back', () => {
    const model = { ...breachingCounter('encode-ignores-state', true), initStates: () => [1] };
    expectModelError(
      check(model),
      /^decode\(\) does not give back the state encode\(\) wrote: it read 0 from the encoding of 1/,
    );
  });

  it('accepts equal states that are different objects, arrays by content and Immutable values by value', () => {
    const model: Model<Pair, 'A' | 'B'> = {
      ...pairCounter((s, sink) => (sink.int(s.get('a')!), sink.int(s.get('b')!))),
      properties: () => [],
    };
    expectOk(check(model)); // (1,1) is reached by A then B and by B then A: two objects, one state
    const lists: Model<List<number>, 'Swap'> = {
      initStates: () => [List([1, 2])],
      actions: () => ['Swap'],
      nextState: (s) => List([s.get(1)!, s.get(0)!]),
      encode: (s, sink) => s.forEach((n) => void sink.int(n)),
      properties: () => [],
    };
    expectOk(check(lists));
  });

  it('stops after the first AUDITED_STATES states', () => {
    let calls = 0;
    const audit = EncodingAudit.of<number>({ encode: (n, sink) => (calls++, sink.int(n)) }, 3)!;
    for (let n = 0; audit.pending; n++) audit.check(n);
    expect(calls).toBe(6); // two encodings of each of 3 states
    expect(AUDITED_STATES).toBeGreaterThanOrEqual(4096);
    expect(EncodingAudit.of({})).toBeUndefined(); // the generic encoding is not audited
  });
});
