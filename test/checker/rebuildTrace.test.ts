import { describe, expect, it } from 'vitest';
import { encodeValue } from '../../checker/encodeValue.js';
import { fingerprint } from '../../checker/fingerprint.js';
import { FingerprintSet } from '../../checker/FingerprintSet.js';
import { rebuildTrace } from '../../checker/rebuildTrace.js';
import { ReplayError } from '../../checker/replay.js';
import { TraceStore } from '../../checker/TraceStore.js';
import { binaryClock } from '../helpers/binaryClock.js';

/** Stores the clock's states as a search would: 0 as root 0, then 1 by action 0, then `third` by action 0 (unless left out). */
function clockStores(third: number, stored: readonly number[] = [0, 1, third]) {
  const seen = new FingerprintSet();
  const links = new TraceStore();
  for (const state of stored) {
    const { hi, lo } = fingerprint(state, encodeValue);
    seen.insert(hi, lo);
  }
  links.addRoot(0, 0);
  links.addLink(1, 0, 0);
  links.addLink(2, 1, 0);
  return { encode: encodeValue, seen, links };
}

function replayErrorOf(rebuild: () => unknown): ReplayError {
  try {
    rebuild();
  } catch (error) {
    expect(error).toBeInstanceOf(ReplayError);
    return error as ReplayError;
  }
  return expect.unreachable();
}

describe('rebuildTrace', () => {
  it('replays the links of a state and checks each state against the stored fingerprints', () => {
    const trace = rebuildTrace(binaryClock(), clockStores(99), 1, 1);
    expect(trace).toEqual({ initial: 0, steps: [{ action: 'GoHigh', state: 1 }] });
  });

  it('throws a ReplayError at the last step when it reaches a state other than the target', () => {
    // Stored as if GoLow from 1 had led to 99; replaying it leads to 0, which is stored, but is not 99.
    const error = replayErrorOf(() => rebuildTrace(binaryClock(), clockStores(99), 2, 99));
    expect(error.stepIndex).toBe(1);
    expect(error.message).toBe('step 2 (action 0) reached a different state than during the search');
  });

  it('throws a ReplayError at the first step that reaches a state the search never stored', () => {
    const error = replayErrorOf(() => rebuildTrace(binaryClock(), clockStores(99, [0, 99]), 2));
    expect(error.stepIndex).toBe(0);
    expect(error.message).toBe('step 1 (action 0) reached a different state than during the search');
    expect(replayErrorOf(() => rebuildTrace(binaryClock(), clockStores(99, [1]), 1)).message).toBe(
      'initial state 0 reached a different state than during the search',
    );
  });

  it('without a target, accepts a last state that is stored', () => {
    expect(rebuildTrace(binaryClock(), clockStores(99), 2).steps.map((s) => s.state)).toEqual([1, 0]);
  });
});
