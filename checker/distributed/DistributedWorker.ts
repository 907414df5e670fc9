/**
 * A worker of distributed runs (`mmucheck worker URL`): it waits for a run in the store, builds
 * the run's model, and takes tasks from the stream's consumer group until the run ends. A task it
 * took but did not acknowledge within the run's lease (it was killed, or lost the store) is taken
 * over by another worker; every task is idempotent, so work done twice changes nothing.
 */
import type { Model } from '../../model/Model.js';
import { ChunkExpander } from './ChunkExpander.js';
import { bytesOf, intsOf, LINK_BYTES, writeLink } from './chunkCodec.js';
import { levelTotals, positionsOf } from './levelStates.js';
import { parseStored, type RunRecord } from './RunRecord.js';
import { SeenShards, StaleTask } from './SeenShards.js';
import type { Store } from './StoreConnection.js';
import { GROUP, keys } from './storeKeys.js';
import { phaseWord, taskOf, type ExpandSummary, type Task } from './tasks.js';
import { RANK_ACTIONS } from '../parallel/messages.js';

/** What a worker needs from its caller: the model of a run, and where to say what it does. */
export interface WorkerHost {
  /** The model of `record`'s run; throws (an InputError) when this mmucheck cannot check it as the run does. */
  modelOf(record: RunRecord): Promise<Model<unknown, unknown>>;
  note(text: string): void;
  /** Whether to stop now (a signal). */
  shouldStop(): boolean;
}

const BLOCK_MS = 500; // how often a worker looks whether its run is over, or a run has begun
const IDLE_MS = 5; // how long an idle worker waits before it asks for a task again
const BEAT_MS = 1000;

/** How a worker's service ended. */
export type WorkerEnd = 'run-ended' | 'stopped';

export class DistributedWorker {
  private expander: ChunkExpander<unknown, unknown> | undefined;
  private seen: SeenShards | undefined;
  private record: RunRecord | undefined;
  private runText: string | undefined;
  private readonly totals = new Map<number, Float64Array>();
  private lastRunCheck = 0;
  /** Tasks done, for the caller's report. */
  done = 0;

  constructor(
    private readonly store: Store,
    readonly id: string,
    private readonly host: WorkerHost,
  ) {}

  /** Serves runs: the next run, or with `once` the first one only, until it ends or the host says stop. */
  async serve(once: boolean): Promise<WorkerEnd> {
    const beat = setInterval(() => {
      void this.store.hset(keys.workers, this.id, String(Date.now())).catch(() => {});
    }, BEAT_MS);
    try {
      for (;;) {
        if (!(await this.join())) return 'stopped';
        const end = await this.work();
        if (end === 'stopped' || once) return end;
        this.host.note('the run ended; waiting for the next one');
      }
    } finally {
      clearInterval(beat);
      await this.store.hdel(keys.workers, this.id).catch(() => {});
    }
  }

  /** Waits for a run and prepares for it; false when told to stop first. */
  private async join(): Promise<boolean> {
    let waiting = false;
    for (;;) {
      if (this.host.shouldStop()) return false;
      const text = await this.store.get(keys.run);
      if (text !== null) {
        const record = parseStored<RunRecord>(text, keys.run)!;
        const model = await this.host.modelOf(record);
        this.record = record;
        this.runText = text;
        this.expander = new ChunkExpander(model, record.symmetry);
        this.seen = new SeenShards(this.store, record.bucketBits);
        this.totals.clear();
        await ensureGroup(this.store);
        this.host.note('joined the run');
        return true;
      }
      if (!waiting) this.host.note('waiting for a run (mmucheck check SCENARIO --cluster URL starts one)');
      waiting = true;
      await sleep(BLOCK_MS);
    }
  }

  /** Takes tasks until the run ends (its record is gone or replaced) or the host says stop. */
  private async work(): Promise<WorkerEnd> {
    for (;;) {
      if (this.host.shouldStop()) return 'stopped';
      if (await this.runEnded()) return 'run-ended';
      const entry = (await this.next()) ?? (await this.takeOver());
      if (entry === undefined) {
        await sleep(IDLE_MS);
        continue;
      }
      const [id, fields] = entry;
      const task = taskOf(fields);
      if (task !== undefined && (await this.store.get(keys.phase)) === phaseWord(task.level, task.phase, task.epoch)) {
        try {
          if (task.phase === 'expand') await this.expandChunk(task);
          else await this.selectChunk(task);
          this.done++;
        } catch (e) {
          if (!(e instanceof StaleTask)) throw e;
        }
      }
      await this.store.xack(keys.tasks, GROUP, id);
    }
  }

  private async runEnded(): Promise<boolean> {
    const now = Date.now();
    if (now - this.lastRunCheck < BLOCK_MS) return false;
    this.lastRunCheck = now;
    return (await this.store.get(keys.run)) !== this.runText;
  }

  /**
   * The next new task, if there is one now. The read does not block: a blocked read whose
   * connection drops (a Redis restart) is not reliably sent again, and an idle worker that asks
   * every few milliseconds costs the store next to nothing.
   */
  private async next(): Promise<[string, string[]] | undefined> {
    const got = (await this.store
      .xreadgroup('GROUP', GROUP, this.id, 'COUNT', 1, 'STREAMS', keys.tasks, '>')
      .catch(streamGone)) as [string, [string, string[]][]][] | null;
    return got?.[0]?.[1]?.[0];
  }

  /** A task another worker took and has not acknowledged within the lease. */
  private async takeOver(): Promise<[string, string[]] | undefined> {
    const got = (await this.store
      .xautoclaim(keys.tasks, GROUP, this.id, this.record!.leaseMs, '0-0', 'COUNT', 1)
      .catch(streamGone)) as [string, [string, string[] | null][]] | null;
    const entry = got?.[1]?.[0];
    return entry?.[1] ? [entry[0], entry[1]] : undefined;
  }

  private async totalsOf(level: number): Promise<Float64Array> {
    let totals = this.totals.get(level);
    if (totals === undefined) {
      totals = await levelTotals(this.store, level);
      this.totals.clear();
      this.totals.set(level, totals);
    }
    return totals;
  }

  /** Checks and expands a chunk, claims its successors for the next level, and records what it found. */
  private async expandChunk(task: Task): Promise<void> {
    const { data, offsets } = await positionsOf(
      this.store,
      task.level,
      await this.totalsOf(task.level),
      task.first,
      task.n,
    );
    const found = this.expander!.expand(data, offsets, task.first, task.expand);
    const c = found.candidates.data;
    const count = found.candidateCount;
    const hi = new Int32Array(count);
    const lo = new Int32Array(count);
    const rank = new Float64Array(count);
    const at = new Int32Array(count);
    for (let i = 0, p = 0; i < count; i++) {
      at[i] = p;
      rank[i] = c[p]! >>> 0;
      hi[i] = c[p + 1]!;
      lo[i] = c[p + 2]!;
      p += 4 + c[p + 3]!;
    }
    const holds = await this.seen!.claim(task.level + 1, { count, hi, lo, rank });
    // The result: positions visited, successors generated at each, then the candidates that hold a claim.
    const gen = found.generatedAt;
    const parts: Int32Array[] = [Int32Array.of(gen.length), gen];
    let kept = 0;
    for (let i = 0; i < count; i++) {
      if (holds[i] !== 1) continue;
      kept++;
      parts.push(c.subarray(at[i]!, at[i]! + 4 + c[at[i]! + 3]!));
    }
    const summary: ExpandSummary = {
      generated: gen.reduce((s, g) => s + g, 0),
      visited: gen.length,
      kept,
      violation: found.violation,
      ...(found.error ? { error: found.error } : {}),
      cutOff: found.cutOff,
    };
    await this.store.set(keys.result(task.level, task.chunk), Buffer.concat(parts.map((p) => bytesOf(p))));
    await this.store.hset(keys.expanded(task.level), String(task.chunk), JSON.stringify(summary));
  }

  /** Keeps a chunk's candidates that still hold their claims: the next level's states from this chunk, with their links. */
  private async selectChunk(task: Task): Promise<void> {
    const bytes = await this.store.getBuffer(keys.result(task.level, task.chunk));
    if (bytes === null) throw new Error(`the store lost the expansion of level ${task.level}, chunk ${task.chunk}`);
    const c = intsOf(bytes);
    let p = 1 + c[0]!;
    const starts: number[] = [];
    for (; p < c.length; p += 4 + c[p + 3]!) starts.push(p);
    const count = starts.length;
    const hi = new Int32Array(count);
    const lo = new Int32Array(count);
    const rank = new Float64Array(count);
    starts.forEach((s, i) => {
      rank[i] = c[s]! >>> 0;
      hi[i] = c[s + 1]!;
      lo[i] = c[s + 2]!;
    });
    const holds = await this.seen!.confirm(task.level + 1, { count, hi, lo, rank });
    const records: Int32Array[] = [];
    const links = Buffer.alloc(LINK_BYTES * holds.reduce((n, h) => n + h, 0));
    let kept = 0;
    starts.forEach((s, i) => {
      if (holds[i] !== 1) return;
      const r = rank[i]! - 1;
      writeLink(links, kept++, Math.floor(r / RANK_ACTIONS), r % RANK_ACTIONS);
      records.push(c.subarray(s + 3, s + 4 + c[s + 3]!));
    });
    const next = task.level + 1;
    await this.store.set(keys.states(next, task.chunk), Buffer.concat(records.map((r) => bytesOf(r))));
    await this.store.set(keys.links(next, task.chunk), links);
    await this.store.hset(keys.selected(task.level), String(task.chunk), String(kept));
  }
}

/** Makes the task stream and its consumer group if they are not there. */
export async function ensureGroup(store: Store): Promise<void> {
  try {
    await store.xgroup('CREATE', keys.tasks, GROUP, '0', 'MKSTREAM');
  } catch (e) {
    if (!String((e as Error).message).includes('BUSYGROUP')) throw e;
  }
}

/** A read of a stream that an ended run deleted (with its group) finds no task. */
function streamGone(e: unknown): null {
  const message = String((e as Error).message);
  if (message.includes('UNBLOCKED') || message.includes('NOGROUP')) return null;
  throw e;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
