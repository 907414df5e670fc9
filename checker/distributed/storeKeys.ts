/**
 * The names of a distributed run's keys in its store. Every key starts with `mmucheck:`, so one
 * store holds one run (a new run refuses a store that holds another). The seen set is sharded by
 * fingerprint: a shard's buckets and its level word share a hash tag, so a script that claims a
 * batch of fingerprints of one shard touches one Redis Cluster slot.
 */

export const PREFIX = 'mmucheck:';
/** Shards of the seen set (hash tags); scripts run per shard. */
export const SHARDS = 64;

export const keys = {
  /** The run's record: what is checked and how (JSON, written once). */
  run: `${PREFIX}run`,
  /** The run's progress at the start of its current level (JSON): the commit point of each level. */
  meta: `${PREFIX}meta`,
  /** The phase in progress, `level:phase:epoch`: workers skip tasks of any other. */
  phase: `${PREFIX}phase`,
  /** The task stream, read by the consumer group `workers`. */
  tasks: `${PREFIX}tasks`,
  /** Workers seen recently: id → milliseconds of their last beat. */
  workers: `${PREFIX}workers`,
  /** Per chunk of a level, what expanding it found (JSON). */
  expanded: (level: number) => `${PREFIX}x:${level}`,
  /** Per chunk of a level, how many of its successors are new states of the next level. */
  selected: (level: number) => `${PREFIX}s:${level}`,
  /** A chunk's expansion: generated counts per position and its candidates (binary). */
  result: (level: number, chunk: number) => `${PREFIX}r:${level}:${chunk}`,
  /** The encodings of a level's states found by one chunk of the level before (binary). */
  states: (level: number, source: number) => `${PREFIX}enc:${level}:${source}`,
  /** Their trace links: parent position and action, 5 bytes a state (binary). */
  links: (level: number, source: number) => `${PREFIX}lnk:${level}:${source}`,
  /** How many states each source of a level holds (Uint32 each). */
  counts: (level: number) => `${PREFIX}cnt:${level}`,
  /** A seen-set shard's current level: a claim for any other level is a stale task's, and is refused. */
  shardLevel: (shard: number) => `${PREFIX}{s${shard}}:l`,
  /** A shard's claims of the level in progress: fingerprint (8 bytes) → the lowest rank so far. */
  claims: (shard: number) => `${PREFIX}{s${shard}}:c`,
  /** A bucket of the seen set: fingerprint (8 bytes) → the level that stored it. */
  bucket: (shard: number, bucket: number) => `${PREFIX}{s${shard}}:b:${bucket.toString(36)}`,
};

/** The consumer group of the task stream. */
export const GROUP = 'workers';

/** The coordinator's lease on the run: one coordinator at a time (a resume waits for a killed one's to lapse). */
export const COORDINATOR_KEY = `${PREFIX}coordinator`;
