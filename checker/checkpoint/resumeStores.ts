/** The stores a one-thread search goes on from a saved run state with: its fingerprints and its trace links. */
import { CutFingerprintSet } from '../CutFingerprintSet.js';
import { FingerprintSet } from '../FingerprintSet.js';
import type { TraceStore } from '../TraceStore.js';
import type { LoadedRunState } from './checkpointFormat.js';

/**
 * A seen set holding the state's fingerprints, in the form they were saved in (63 bits when the
 * parallel search saved them: see CutFingerprintSet), and the state's trace links.
 */
export function resumeStores(state: LoadedRunState): { seen: FingerprintSet; links: TraceStore } {
  const { fingerprints, level } = state;
  const seen =
    state.fingerprintBits === 63
      ? CutFingerprintSet.of(fingerprints, level.distinct)
      : fill(new FingerprintSet(Math.ceil(level.distinct / 0.8)), fingerprints);
  if (seen.size !== level.distinct)
    throw new Error(`the checkpoint holds ${seen.size} distinct fingerprints for ${level.distinct} states`);
  return { seen, links: state.links };
}

function fill(set: FingerprintSet, words: Uint32Array): FingerprintSet {
  for (let i = 0; i < words.length; i += 2) set.insert(words[i]!, words[i + 1]!);
  return set;
}
