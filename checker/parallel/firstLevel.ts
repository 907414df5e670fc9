/**
 * A level of a parallel search, and the first one in shared memory: the model's initial states,
 * stored in the seen set and the trace links, or the level a one-thread search handed over.
 */
import type { Model } from '../../model/Model.js';
import { IntBuffer, IntReader } from '../../model/IntBuffer.js';
import { FingerprintHasher } from '../fingerprint.js';
import type { LevelHandoff } from '../LevelHandoff.js';
import { Insert } from '../Stores.js';
import type { TraceStore } from '../TraceStore.js';
import { SegmentWriter } from './SegmentWriter.js';
import type { SharedSeenSet } from './SharedSeenSet.js';
import { initialStatesOf } from '../modelContract.js';
import { EncodingAudit } from '../EncodingAudit.js';

/** The frontier of one level: (segment, offset, id) triples over the segments they point into. */
export interface Level {
  readonly entries: Int32Array;
  readonly count: number;
  readonly segments: SharedArrayBuffer[];
}

/** The state at `position` of `level`, decoded, and its id. */
export function stateAt<S>(model: Model<S, unknown>, level: Level, position: number): { state: S; id: number } {
  const segment = new Int32Array(level.segments[level.entries[3 * position]!]!);
  const offset = level.entries[3 * position + 1]!;
  const state = model.decode!(new IntReader(segment, offset + 1, offset + 1 + segment[offset]!));
  return { state, id: level.entries[3 * position + 2]! };
}

/** A one-thread search's first levels, for the parallel search to go on from. */
export interface HandedSearch {
  readonly level: LevelHandoff;
  /** The one-thread seen set's table: (hi, lo) word pairs, (0, 0) empty. */
  readonly fingerprints: Uint32Array;
  readonly links: TraceStore;
}

/** Stores the initial states (as many as `maxStates` allows) as level 0, in a segment of their own. */
export function initialLevel<S>(
  model: Model<S, unknown>,
  seen: SharedSeenSet,
  links: TraceStore,
  maxStates: number,
  stored?: (state: S) => S,
): { level: Level; distinct: number; generated: number } {
  const segment = new SegmentWriter();
  const scratch = new IntBuffer();
  const hasher = new FingerprintHasher();
  const entries: number[] = [];
  const initStates = initialStatesOf(model);
  let distinct = 0;
  let generated = 0;
  seen.beginLevel(initStates.length);
  seen.startClaiming();
  const audit = EncodingAudit.of(model);
  for (let index = 0; index < initStates.length && distinct < maxStates; index++) {
    if (audit?.pending) audit.check(initStates[index] as S);
    scratch.clear();
    const initial = initStates[index] as S;
    model.encode!(stored ? stored(initial) : initial, scratch);
    hasher.ints(scratch.data, 0, scratch.length);
    generated++;
    if (seen.insert(hasher.hi, hasher.lo, index + 1) !== Insert.New) continue;
    const id = distinct++;
    links.addRoot(id, index);
    entries.push(0, segment.append(scratch.data, scratch.length), id);
  }
  seen.finishClaiming();
  seen.endLevel();
  return {
    level: { entries: Int32Array.from(entries), count: entries.length / 3, segments: [segment.buffer] },
    distinct,
    generated,
  };
}

/** Takes the handed-over fingerprints into `seen`, and copies the handed-over level to shared memory. */
export function handedLevel({ level, fingerprints }: HandedSearch, seen: SharedSeenSet): Level {
  seen.adopt(fingerprints, level.distinct);
  const segment = new SharedArrayBuffer(4 * Math.max(1, level.data.length));
  new Int32Array(segment).set(level.data);
  const entries = new Int32Array(3 * level.count);
  for (let i = 0; i < level.count; i++) {
    entries[3 * i + 1] = level.records[2 * i]!;
    entries[3 * i + 2] = level.records[2 * i + 1]!;
  }
  return { entries, count: level.count, segments: [segment] };
}
