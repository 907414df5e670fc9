/**
 * The coordinator of a distributed breadth-first search over a Redis store. It stores the initial
 * states, then runs each level in two phases of tasks that any number of worker processes take
 * from the store: expand (check a chunk's states, claim their successors at their ranks) and
 * select (keep the successors that hold their claims). Ranks are those of a one-thread search, so
 * the ids, counts, verdict and counterexample are the one-thread search's, for any number of
 * workers. The level's counts are committed to the store (`LevelMeta`) before the next begins:
 * a coordinator that dies, or a run stopped by a bound or a signal, goes on from there with
 * `resume`.
 */
import { randomBytes } from 'node:crypto';
import { Cluster } from 'ioredis';
import type { Model } from '../../model/Model.js';
import { IntBuffer, IntReader } from '../../model/IntBuffer.js';
import type { CheckOptions } from '../CheckOptions.js';
import { FingerprintHasher } from '../fingerprint.js';
import { makeStats } from '../makeStats.js';
import { initialStatesOf, propertiesOf } from '../modelContract.js';
import { modelErrorOutcome } from '../modelErrorOutcome.js';
import type { IncompleteReason, Outcome } from '../Outcome.js';
import { PropertyChecker } from '../PropertyChecker.js';
import { rebuildTrace } from '../rebuildTrace.js';
import { MAX_LEVEL_SIZE } from '../parallel/messages.js';
import { RunWatch } from '../parallel/RunWatch.js';
import { searchFormOf, storedStateOf } from '../search/SearchForm.js';
import type { Stats } from '../Stats.js';
import { violationOutcome } from '../violationOutcome.js';
import { bytesOf, intsOf, LINK_BYTES, readLink, ROOT_ACTION, writeLink } from './chunkCodec.js';
import { levelTotals, positionsOf } from './levelStates.js';
import { parseStored, type LevelMeta, type RunRecord } from './RunRecord.js';
import { SeenShards } from './SeenShards.js';
import type { Store } from './StoreConnection.js';
import { COORDINATOR_KEY, keys, PREFIX } from './storeKeys.js';
import { ensureGroup } from './DistributedWorker.js';
import { phaseWord, taskFields, type ExpandSummary, type Phase, type Task } from './tasks.js';
import { tracePath } from './tracePath.js';

/** Where the coordinator says what it is waiting for. */
export interface CoordinatorHost {
  note(text: string): void;
}

/** A store this run cannot use: it holds a run already, or it may evict keys. */
export class StoreRefused extends Error {}

const POLL_MS = 2;
const LOCK_MS = 10_000;
const NO_WORKER_NOTE_MS = 3000;

/**
 * States in a chunk of a level of `count` states: 1,024 to 8,192, about 32 chunks a level once
 * levels are large. A task costs a few round trips to the store whatever its size, so small levels
 * are one task; the answer does not depend on the size (ranks are level positions).
 */
export function chunkSize(count: number): number {
  return Math.min(8192, Math.max(1024, Math.ceil(count / 32)));
}

export class DistributedExplorer<S, A> {
  private readonly props: PropertyChecker<S>;
  private readonly seen: SeenShards;
  private readonly stored: ((state: S) => S) | undefined;
  private readonly symmetryGroups: readonly string[] | undefined;
  private watch!: RunWatch;
  private meta!: LevelMeta;
  private readonly lockId = randomBytes(8).toString('hex');
  private lockTimer: NodeJS.Timeout | undefined;
  private reconnected = false;
  private lastWorkerNote = Date.now(); // a note only once workers have had time to beat
  private liveWorkers = 0; // workers that beat within the last few seconds, as last counted

  constructor(
    private readonly model: Model<S, A>,
    private readonly store: Store,
    private readonly record: RunRecord,
    private readonly options: CheckOptions,
    private readonly host: CoordinatorHost,
  ) {
    this.props = new PropertyChecker(model, propertiesOf(model));
    const form = searchFormOf(model, record.symmetry);
    if (form.kind !== 'packed') throw new Error('a distributed search needs a model with a packed form');
    this.stored = storedStateOf(form);
    this.symmetryGroups = form.symmetry?.groups;
    this.seen = new SeenShards(store, record.bucketBits);
  }

  /** The store reconnected after a loss: tasks it may have lost are queued again. */
  storeReconnected(): void {
    this.reconnected = true;
  }

  /** Starts a new run in an empty store (throws StoreRefused when it holds one) and searches to an outcome. */
  async start(): Promise<Outcome<S, A>> {
    await requireNoEviction(this.store);
    if ((await this.store.get(keys.run)) !== null) throw new StoreRefused('the store holds a run already');
    await deleteRunKeys(this.store); // what an ended run may have left
    if ((await this.store.set(keys.run, JSON.stringify(this.record), 'NX')) !== 'OK')
      throw new StoreRefused('another coordinator started a run in this store just now');
    await this.lock(false);
    await ensureGroup(this.store);
    this.watch = new RunWatch(this.options, new Int32Array(4), () => this.progressStats());
    this.watch.start();
    try {
      this.meta = await this.seed();
      if (this.meta.distinct >= this.options.maxStates) return await this.incomplete('maxStates', this.meta);
      return await this.search();
    } finally {
      await this.release();
    }
  }

  /** Goes on with the run the store holds, from the start of its current level. */
  async resume(): Promise<Outcome<S, A>> {
    const meta = parseStored<LevelMeta>(await this.store.get(keys.meta), keys.meta);
    if (meta === undefined) throw new Error('the store holds no level of this run yet: it cannot be resumed');
    await requireNoEviction(this.store);
    await this.lock(true);
    this.meta = meta;
    this.watch = new RunWatch(this.options, new Int32Array(4), () => this.progressStats(), meta.elapsedMs);
    this.watch.start();
    try {
      return await this.search();
    } finally {
      await this.release();
    }
  }

  private async search(): Promise<Outcome<S, A>> {
    for (;;) {
      const m = this.meta;
      if (m.count === 0)
        return this.finish({ kind: 'ok', stats: this.statsOf(m.generated, m.distinct, Math.max(0, m.level - 1), 0) });
      if (m.count > MAX_LEVEL_SIZE)
        throw new RangeError(
          `a level of ${m.count} states is more than the distributed search supports (${MAX_LEVEL_SIZE})`,
        );
      const outcome = await this.runLevel(m);
      if (outcome) return outcome;
    }
  }

  /** Runs the level `m` begins; an outcome when it ends the run, else the next level is committed. */
  private async runLevel(m: LevelMeta): Promise<Outcome<S, A> | undefined> {
    const L = m.level;
    const epoch = randomBytes(6).toString('hex');
    const size = chunkSize(m.count);
    const chunks = Math.ceil(m.count / size);
    const expand = L < this.options.maxDepth;
    const chunk = (j: number, phase: Phase): Task => ({
      level: L,
      phase,
      epoch,
      chunk: j,
      first: j * size,
      n: Math.min(size, m.count - j * size),
      expand,
    });
    await this.seen.setLevel(L + 1);
    // One key a command: in a Redis Cluster they may live on different nodes.
    await Promise.all([this.store.del(keys.expanded(L)), this.store.del(keys.selected(L))]);
    const expanded = await this.phase('expand', L, epoch, chunks, (j) => chunk(j, 'expand'));
    if (expanded === undefined) return this.incomplete(this.watch.reason!, m);
    const summaries = Array.from(
      { length: chunks },
      (_v, j) => parseStored<ExpandSummary>(expanded[String(j)] ?? null, keys.expanded(L))!,
    );
    // The first chunk with a violation or a throwing step holds the first one a one-thread search meets.
    const stopChunk = summaries.findIndex((s) => s.violation >= 0 || s.error !== undefined);
    const selecting = stopChunk < 0 ? chunks : stopChunk + 1;
    const selected = await this.phase('select', L, epoch, selecting, (j) => chunk(j, 'select'));
    if (selected === undefined) return this.incomplete(this.watch.reason!, m);
    const counts = Array.from({ length: selecting }, (_v, j) => Number(selected[String(j)]));
    const found = counts.reduce((a, b) => a + b, 0);
    const stop = stopChunk < 0 ? undefined : summaries[stopChunk]!;
    if (m.distinct + found >= this.options.maxStates) return this.boundReached(m, summaries, counts, size);
    if (stop?.violation !== undefined && stop.violation >= 0) return this.violation(m, stop.violation);
    if (stop?.error !== undefined) return this.modelError(m, summaries, counts, stopChunk, size, stop.error);
    const generated = m.generated + summaries.reduce((n, s) => n + s.generated, 0);
    const next: LevelMeta = {
      level: L + 1,
      distinct: m.distinct + found,
      generated,
      base: m.base + m.count,
      count: found,
      sources: chunks,
      bases: [...m.bases, m.base + m.count],
      branching: Math.max(1, found / m.count),
      elapsedMs: this.watch.elapsedMs,
    };
    const countBytes = Buffer.alloc(4 * chunks);
    counts.forEach((c, j) => countBytes.writeUInt32LE(c, 4 * j));
    await this.store.set(keys.counts(L + 1), countBytes);
    await this.store.set(keys.meta, JSON.stringify(next)); // the level's commit point
    this.meta = next;
    await this.forgetLevel(L, m.sources, chunks);
    if (summaries.some((s) => s.cutOff)) return this.incomplete('maxDepth', next, { depth: L, queue: found });
    return undefined;
  }

  /**
   * Queues `count` tasks of a phase and waits until each has its answer in the phase's hash;
   * undefined when the run must stop first. Tasks are queued again after the store reconnected,
   * in case it lost them (an answer given twice is the same answer).
   */
  private async phase(
    phase: Phase,
    level: number,
    epoch: string,
    count: number,
    task: (j: number) => Task,
  ): Promise<Record<string, string> | undefined> {
    const answers = phase === 'expand' ? keys.expanded(level) : keys.selected(level);
    await this.store.set(keys.phase, phaseWord(level, phase, epoch));
    const queue = async (which: number[]) => {
      await Promise.all(which.map((j) => this.store.xadd(keys.tasks, '*', ...taskFields(task(j)))));
    };
    this.reconnected = false;
    const all = Array.from({ length: count }, (_v, j) => j);
    await queue(all);
    let answered = 0;
    let lastAnswerMs = Date.now();
    for (;;) {
      if (this.watch.reason) {
        await this.store.set(keys.phase, 'stopped');
        return undefined;
      }
      const now = Date.now();
      // After a reconnection the store may have lost tasks; and tasks that live workers leave
      // unanswered for two leases (lost some other way) are queued again too. An answer given
      // twice is the same.
      if (this.reconnected || (this.liveWorkers > 0 && now - lastAnswerMs > 2 * this.record.leaseMs)) {
        this.reconnected = false;
        lastAnswerMs = now;
        const done = new Set(await this.store.hkeys(answers));
        await queue(all.filter((j) => !done.has(String(j))));
      }
      const n = await this.store.hlen(answers);
      if (n >= count) return this.store.hgetall(answers);
      if (n > answered) {
        answered = n;
        lastAnswerMs = now;
      }
      await this.noteWorkers();
      await sleep(POLL_MS);
    }
  }

  /** Stores the initial states (their representatives) as level 0. */
  private async seed(): Promise<LevelMeta> {
    const model = this.model;
    const initStates = initialStatesOf(model);
    const scratch = new IntBuffer();
    const hasher = new FingerprintHasher();
    const encodings: Int32Array[] = [];
    const hi = new Int32Array(initStates.length);
    const lo = new Int32Array(initStates.length);
    const rank = new Float64Array(initStates.length);
    initStates.forEach((initial, index) => {
      scratch.clear();
      model.encode!(this.stored ? this.stored(initial as S) : (initial as S), scratch);
      hasher.ints(scratch.data, 0, scratch.length);
      hi[index] = hasher.hi;
      lo[index] = hasher.lo;
      rank[index] = index + 1;
      encodings.push(Int32Array.of(scratch.length, ...scratch.data.subarray(0, scratch.length)));
    });
    await this.seen.setLevel(0);
    const fps = { count: initStates.length, hi, lo, rank };
    await this.seen.claim(0, fps);
    const holds = await this.seen.confirm(0, fps);
    const kept: number[] = [];
    for (let i = 0; i < holds.length && kept.length < this.options.maxStates; i++) if (holds[i] === 1) kept.push(i);
    const links = Buffer.alloc(LINK_BYTES * kept.length);
    kept.forEach((index, k) => writeLink(links, k, index, ROOT_ACTION));
    await this.store.set(keys.states(0, 0), Buffer.concat(kept.map((i) => bytesOf(encodings[i]!))));
    await this.store.set(keys.links(0, 0), links);
    const countBytes = Buffer.alloc(4);
    countBytes.writeUInt32LE(kept.length);
    await this.store.set(keys.counts(0), countBytes);
    const meta: LevelMeta = {
      level: 0,
      distinct: kept.length,
      generated: initStates.length,
      base: 0,
      count: kept.length,
      sources: 1,
      bases: [0],
      branching: 4,
      elapsedMs: 0,
    };
    await this.store.set(keys.meta, JSON.stringify(meta));
    return meta;
  }

  /** The state at `position` of the level `m` begins, decoded. */
  private async stateAt(m: LevelMeta, position: number): Promise<S> {
    const { data } = await positionsOf(this.store, m.level, await levelTotals(this.store, m.level), position, 1);
    return this.model.decode!(new IntReader(data, 1, 1 + data[0]!)) as S;
  }

  private async traceSource(m: LevelMeta, position: number, state: S) {
    return tracePath(
      this.model,
      this.store,
      this.seen,
      m.bases,
      m.level,
      position,
      this.model.encode!.bind(this.model),
      this.stored,
      state,
    );
  }

  /** A violation at `position`: the counts of the level's start, as every search reports them. */
  private async violation(m: LevelMeta, position: number): Promise<Outcome<S, A>> {
    const state = await this.stateAt(m, position);
    const { id, source } = await this.traceSource(m, position, state);
    const stats = this.statsOf(m.generated, m.distinct, m.level, m.count);
    return this.finish(violationOutcome(this.model, this.props, source, state, id, stats));
  }

  /** A step threw at `error.position`: counted as a one-thread search stopped in the middle of that state's successors. */
  private async modelError(
    m: LevelMeta,
    summaries: readonly ExpandSummary[],
    counts: readonly number[],
    stopChunk: number,
    size: number,
    error: NonNullable<ExpandSummary['error']>,
  ): Promise<Outcome<S, A>> {
    const kept = counts.reduce((a, b) => a + b, 0);
    const generated = m.generated + summaries.slice(0, stopChunk + 1).reduce((n, s) => n + s.generated, 0);
    const stats = this.statsOf(
      generated,
      m.distinct + kept,
      m.level + (kept > 0 ? 1 : 0),
      m.count - error.position + kept,
    );
    void size;
    const state = await this.stateAt(m, error.position);
    const { id, source } = await this.traceSource(m, error.position, state);
    const action = error.actionIndex >= 0 ? this.model.actions(state)[error.actionIndex] : undefined;
    const thrown = Object.assign(new Error(error.message), error.stack ? { stack: error.stack } : {});
    return this.finish(modelErrorOutcome(thrown, stats, action, () => rebuildTrace(this.model, source, id, state)));
  }

  /**
   * The state bound is reached in this level: counted as a one-thread search that stops just after
   * storing the bound's last state. The run stays in the store, at the start of this level, for a
   * resume with a larger bound.
   */
  private async boundReached(
    m: LevelMeta,
    summaries: readonly ExpandSummary[],
    counts: readonly number[],
    size: number,
  ): Promise<Outcome<S, A>> {
    const need = this.options.maxStates - m.distinct;
    let before = 0;
    let j = 0;
    while (before + counts[j]! < need) before += counts[j++]!;
    const link = readLink(
      await this.store.getrangeBuffer(
        keys.links(m.level + 1, j),
        (need - before - 1) * LINK_BYTES,
        (need - before) * LINK_BYTES - 1,
      ),
    );
    const position = link.parent;
    const result = intsOf((await this.store.getBuffer(keys.result(m.level, j)))!);
    const inChunk = position - j * size;
    let generated = m.generated + summaries.slice(0, j).reduce((n, s) => n + s.generated, 0);
    for (let p = 0; p < inChunk; p++) generated += result[1 + p]!;
    generated += link.action + 1;
    const stats = { generated, distinct: m.distinct + need, depth: m.level + 1, queue: m.count - position - 1 + need };
    return this.incomplete('maxStates', m, stats);
  }

  /** An incomplete run: it stays in the store at the start of level `m`, for `resume`. */
  private async incomplete(
    reason: IncompleteReason,
    m: LevelMeta,
    counts: { generated?: number; distinct?: number; depth: number; queue: number } = {
      depth: m.level,
      queue: m.count,
    },
  ): Promise<Outcome<S, A>> {
    await this.store.set(keys.phase, 'stopped');
    await this.store.set(keys.meta, JSON.stringify({ ...m, elapsedMs: this.watch.elapsedMs }));
    const stats = this.statsOf(
      counts.generated ?? m.generated,
      counts.distinct ?? m.distinct,
      counts.depth,
      counts.queue,
    );
    return { kind: 'incomplete', reason, stats: { ...stats, storeBytes: await storeBytes(this.store) } };
  }

  /** A run that ended with a verdict: its keys are deleted, which tells the workers it is over. */
  private async finish(outcome: Outcome<S, A>): Promise<Outcome<S, A>> {
    const bytes = await storeBytes(this.store);
    await deleteRunKeys(this.store);
    return { ...outcome, stats: { ...outcome.stats, storeBytes: bytes } };
  }

  /** Deletes what level `level` no longer needs once the next is committed: its states, results and answers. */
  private async forgetLevel(level: number, sources: number, chunks: number): Promise<void> {
    const doomed = [keys.expanded(level), keys.selected(level)];
    for (let k = 0; k < sources; k++) doomed.push(keys.states(level, k));
    for (let j = 0; j < chunks; j++) doomed.push(keys.result(level, j));
    await Promise.all(doomed.map((k) => this.store.unlink(k)));
    await this.store.xtrim(keys.tasks, 'MAXLEN', 0).catch(() => 0);
  }

  private async noteWorkers(): Promise<void> {
    const now = Date.now();
    if (now - this.lastWorkerNote < NO_WORKER_NOTE_MS) return;
    this.lastWorkerNote = now;
    const beats = Object.values(await this.store.hgetall(keys.workers)).map(Number);
    this.liveWorkers = beats.filter((b) => now - b < NO_WORKER_NOTE_MS).length;
    if (this.liveWorkers === 0)
      this.host.note('waiting for workers: start `mmucheck worker URL` on each machine that is to search');
  }

  private async lock(resuming: boolean): Promise<void> {
    for (let waited = 0; ; waited += 500) {
      if ((await this.store.set(COORDINATOR_KEY, this.lockId, 'PX', LOCK_MS, 'NX')) === 'OK') break;
      if (!resuming || waited > 2 * LOCK_MS)
        throw new StoreRefused('another coordinator is running this run (its lease is renewed while it lives)');
      if (waited === 0) this.host.note("waiting for the last coordinator's lease to lapse (up to 10 s)");
      await sleep(500);
    }
    this.lockTimer = setInterval(() => {
      void this.store.set(COORDINATOR_KEY, this.lockId, 'PX', LOCK_MS).catch(() => {});
    }, LOCK_MS / 4);
  }

  private async release(): Promise<void> {
    this.watch?.stop();
    clearInterval(this.lockTimer);
    await this.store.del(COORDINATOR_KEY).catch(() => 0);
  }

  private progressStats(): Stats {
    const m = this.meta;
    return m === undefined ? this.statsOf(0, 0, 0, 0) : this.statsOf(m.generated, m.distinct, m.level, m.count);
  }

  private statsOf(generated: number, distinct: number, depth: number, queue: number): Stats {
    return makeStats({
      generated,
      distinct,
      depth,
      queue,
      elapsedMs: this.watch?.elapsedMs ?? 0,
      storeBytes: 0,
      symmetry: this.symmetryGroups,
    });
  }
}

/** Deletes every key of a run (on each master of a cluster). */
export async function deleteRunKeys(store: Store): Promise<void> {
  const nodes = store instanceof Cluster ? store.nodes('master') : [store];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, found] = await node.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 1000);
      cursor = next;
      // A cluster node holds only its own slots' keys: delete them one by one (no cross-slot command).
      await Promise.all(found.map((k) => node.unlink(k)));
    } while (cursor !== '0');
  }
}

/**
 * Refuses a store that may evict keys when it is full: an evicted fingerprint would let a state be
 * searched again, an evicted level or link would lose states or traces, and neither is detected.
 * A store that will not say its policy (CONFIG disabled, as on some hosted Redis) is taken at its
 * word that it does not evict.
 */
async function requireNoEviction(store: Store): Promise<void> {
  const nodes = store instanceof Cluster ? store.nodes('master') : [store];
  for (const node of nodes) {
    let policy: string | undefined;
    try {
      policy = ((await node.config('GET', 'maxmemory-policy')) as string[])[1];
    } catch {
      continue;
    }
    if (policy !== undefined && policy !== 'noeviction')
      throw new StoreRefused(
        `the store evicts keys when full (maxmemory-policy ${policy}), which would lose states without a trace: set maxmemory-policy noeviction`,
      );
  }
}

/** The store's memory in use, in bytes (summed over a cluster's masters). */
export async function storeBytes(store: Store): Promise<number> {
  const nodes = store instanceof Cluster ? store.nodes('master') : [store];
  let total = 0;
  for (const node of nodes) {
    const info = await node.info('memory');
    total += Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
  }
  return total;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
