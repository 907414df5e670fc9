/**
 * The trace to a state of a distributed run: its links read back level by level from the store,
 * then replayed on the model as every search's traces are (`rebuildTrace`), each state on the way
 * checked to be in the store's seen set.
 */
import type { Model } from '../../model/Model.js';
import { rebuildTrace, type TraceSource } from '../rebuildTrace.js';
import type { TraceIndices, TraceLinks } from '../Stores.js';
import type { Encoder } from '../fingerprint.js';
import { linkAt, levelTotals } from './levelStates.js';
import type { SeenShards } from './SeenShards.js';
import type { Store } from './StoreConnection.js';

/** The links along one path, as the trace rebuild reads them. */
class PathLinks implements TraceLinks {
  readonly bytes = 0;
  constructor(
    private readonly id: number,
    private readonly indices: TraceIndices,
  ) {}
  addRoot(): void {
    throw new Error('a path is read, not written');
  }
  addLink(): void {
    throw new Error('a path is read, not written');
  }
  rebuild(id: number): TraceIndices {
    if (id !== this.id) throw new Error(`this path leads to state ${this.id}, not ${id}`);
    return this.indices;
  }
}

/**
 * What rebuilding the trace to the state at `position` of `level` (`bases`: each level's first id),
 * stored as `target`, needs: its id, and a trace source holding the path's links and the store's
 * answer for every state the replay meets.
 */
export async function tracePath<S, A>(
  model: Model<S, A>,
  store: Store,
  seen: SeenShards,
  bases: readonly number[],
  level: number,
  position: number,
  encode: Encoder<S>,
  stored: ((state: S) => S) | undefined,
  target: S,
): Promise<{ id: number; source: TraceSource<S> }> {
  const actions: number[] = [];
  const ids: number[] = [];
  let p = position;
  for (let l = level; l >= 0; l--) {
    ids.push(bases[l]! + p);
    const link = await linkAt(store, l, await levelTotals(store, l), p);
    if (l === 0) p = link.parent;
    else {
      actions.push(link.action);
      p = link.parent;
    }
  }
  const indices: TraceIndices = { initialIndex: p, actionIndices: actions.reverse(), stateIds: ids.reverse() };
  const id = ids[ids.length - 1]!;
  const links = new PathLinks(id, indices);
  // First pass: note every state the replay asks about; then ask the store; then replay for real.
  const asked: [number, number][] = [];
  const noting = { has: (hi: number, lo: number) => (asked.push([hi, lo]), true) };
  try {
    rebuildTrace(model, { encode, seen: noting, links, stored }, id, target);
  } catch {
    // The replay itself disagrees with the search: the second replay reports where.
  }
  const present = await seen.has(
    asked.map(([hi]) => hi),
    asked.map(([, lo]) => lo),
  );
  const known = new Set(asked.filter((_f, i) => present[i]).map(([hi, lo]) => `${hi >>> 0}:${lo >>> 0}`));
  const checked = { has: (hi: number, lo: number) => known.has(`${hi >>> 0}:${lo >>> 0}`) };
  return { id, source: { encode, seen: checked, links, stored } };
}
