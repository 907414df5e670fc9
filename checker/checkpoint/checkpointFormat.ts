/**
 * The checkpoint file's bytes, version 1 (docs/checkpoints.md): a magic word, the format version,
 * a JSON header (the caller's manifest and the counts), the run state's sections as little-endian
 * integers, and the SHA-256 of everything before it. Writing streams the sections (a seen set's
 * table is compacted on the way, never copied whole); reading checks the digest and every size
 * before it builds anything, so a truncated or damaged file is refused, never half-read.
 */
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import type { LevelHandoff } from '../LevelHandoff.js';
import { ROOT_PARENT, TraceStore } from '../TraceStore.js';
import type { FingerprintBits, RunState, SavedFingerprints, SavedLinks } from './RunState.js';

/** The first 8 bytes of every checkpoint file. */
export const CHECKPOINT_MAGIC = 'MMUCKPT\n';
/** The version of the format this module writes and reads. */
export const CHECKPOINT_FORMAT_VERSION = 1;

const PREAMBLE_BYTES = 16; // magic, format version, header length
const DIGEST_BYTES = 32;
const BLOCK_PAIRS = 1 << 14; // fingerprints and links are written in blocks of this many states

/** The counts of a saved run state, as the header holds them. */
export interface SavedCounts {
  readonly depth: number;
  readonly count: number;
  readonly distinct: number;
  readonly generated: number;
  readonly branching: number;
  readonly elapsedMs: number;
  readonly fingerprintBits: FingerprintBits;
  readonly frontierInts: number;
}

/** A run state read back: the level, the fingerprints (pairs, none empty) and rebuilt trace links. */
export interface LoadedRunState {
  readonly level: LevelHandoff;
  readonly fingerprints: Uint32Array;
  readonly fingerprintBits: FingerprintBits;
  readonly links: TraceStore;
}

/** A checkpoint read back: the caller's manifest, and the run state (none when the run had not searched yet). */
export interface LoadedCheckpoint {
  readonly manifest: unknown;
  readonly state: LoadedRunState | undefined;
}

/** Why a file is not a checkpoint this version can read; the caller names the file. */
export class CheckpointFormatError extends Error {}

/** Writes the checkpoint of `manifest` and `state` (none: nothing searched yet) as chunks to `write`; returns the bytes written. */
export function encodeCheckpoint(
  manifest: unknown,
  state: RunState | undefined,
  write: (chunk: Uint8Array) => void,
): number {
  requireLittleEndian();
  const hash = createHash('sha256');
  let bytes = 0;
  const put = (chunk: Uint8Array) => {
    hash.update(chunk);
    write(chunk);
    bytes += chunk.byteLength;
  };
  const header = Buffer.from(JSON.stringify({ manifest, state: state ? countsOf(state) : null }), 'utf8');
  const padded = Buffer.alloc(align8(header.byteLength));
  header.copy(padded);
  const preamble = Buffer.alloc(PREAMBLE_BYTES);
  preamble.write(CHECKPOINT_MAGIC, 0, 'latin1');
  preamble.writeUInt32LE(CHECKPOINT_FORMAT_VERSION, 8);
  preamble.writeUInt32LE(padded.byteLength, 12);
  put(preamble);
  put(padded);
  if (state) {
    writeFingerprints(state.fingerprints, put);
    writeLinks(state.links, state.level.distinct, put);
    put(bytesOf(state.level.data));
    put(bytesOf(state.level.records));
  }
  const digest = hash.digest();
  write(digest);
  return bytes + digest.byteLength;
}

/**
 * Where a checkpoint is read from: its size, and reads of byte ranges (a file read piece by piece,
 * so that a checkpoint larger than one Buffer may be, or than memory twice over, is still read).
 */
export interface CheckpointBytes {
  readonly size: number;
  /** Fills `into` with the bytes from `position` on. */
  read(into: Uint8Array, position: number): void;
}

/** The bytes of a checkpoint held in memory, as a `CheckpointBytes`. */
export function bytesSource(file: Uint8Array): CheckpointBytes {
  return {
    size: file.byteLength,
    read: (into, position) => into.set(file.subarray(position, position + into.byteLength)),
  };
}

const HASH_CHUNK_BYTES = 16 * 2 ** 20;

/**
 * Reads a checkpoint; throws CheckpointFormatError saying what is wrong. The whole file's SHA-256
 * is checked first (one pass), then each section is read into its own array (a second pass).
 */
export function decodeCheckpoint(file: Uint8Array | CheckpointBytes): LoadedCheckpoint {
  requireLittleEndian();
  const source = file instanceof Uint8Array ? bytesSource(file) : file;
  if (source.size < PREAMBLE_BYTES + DIGEST_BYTES)
    throw new CheckpointFormatError('truncated: too short to be a checkpoint');
  const preamble = Buffer.alloc(PREAMBLE_BYTES);
  source.read(preamble, 0);
  if (preamble.toString('latin1', 0, 8) !== CHECKPOINT_MAGIC)
    throw new CheckpointFormatError('not a mmucheck checkpoint');
  const version = preamble.readUInt32LE(8);
  if (version !== CHECKPOINT_FORMAT_VERSION)
    throw new CheckpointFormatError(
      `checkpoint format version ${version}; this mmucheck reads version ${CHECKPOINT_FORMAT_VERSION}`,
    );
  const body = source.size - DIGEST_BYTES;
  requireDigest(source, body);
  const headerBytes = preamble.readUInt32LE(12);
  if (PREAMBLE_BYTES + headerBytes > body) throw new CheckpointFormatError('corrupted: the header runs past the end');
  const headerText = Buffer.alloc(headerBytes);
  source.read(headerText, PREAMBLE_BYTES);
  const header = parseHeader(headerText.toString('utf8'));
  if (header.state === null) {
    if (PREAMBLE_BYTES + headerBytes !== body) throw new CheckpointFormatError('corrupted: bytes after the header');
    return { manifest: header.manifest, state: undefined };
  }
  return { manifest: header.manifest, state: readState(source, PREAMBLE_BYTES + headerBytes, body, header.state) };
}

// The SHA-256 of bytes [0, body) against the one stored after them.
function requireDigest(source: CheckpointBytes, body: number): void {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(Math.min(HASH_CHUNK_BYTES, body));
  for (let at = 0; at < body; at += chunk.byteLength) {
    const piece = chunk.subarray(0, Math.min(chunk.byteLength, body - at));
    source.read(piece, at);
    hash.update(piece);
  }
  const stored = Buffer.alloc(DIGEST_BYTES);
  source.read(stored, body);
  if (!hash.digest().equals(stored))
    throw new CheckpointFormatError('corrupted or truncated: its SHA-256 does not match its contents');
}

function countsOf({ level, fingerprints }: RunState): SavedCounts {
  const { depth, count, distinct, generated, branching, elapsedMs } = level;
  if (fingerprints.count !== distinct)
    throw new Error(`run state: ${fingerprints.count} fingerprints for ${distinct} states`);
  return {
    depth,
    count,
    distinct,
    generated,
    branching,
    elapsedMs,
    fingerprintBits: fingerprints.bits,
    frontierInts: level.data.length,
  };
}

// Non-empty pairs the state keeps, compacted block by block.
function writeFingerprints(saved: SavedFingerprints, put: (chunk: Uint8Array) => void): void {
  const { words, keep } = saved;
  const block = new Uint32Array(2 * BLOCK_PAIRS);
  let filled = 0;
  let written = 0;
  for (let i = 0; i < words.length; i += 2) {
    const hi = words[i]!;
    const lo = words[i + 1]!;
    if ((hi | lo) === 0 || (keep !== undefined && !keep(hi, lo))) continue;
    block[filled++] = hi;
    block[filled++] = lo;
    if (filled === block.length) {
      put(bytesOf(block));
      written += filled >>> 1;
      filled = 0;
    }
  }
  put(bytesOf(block.subarray(0, filled)));
  written += filled >>> 1;
  if (written !== saved.count) throw new Error(`run state: ${written} fingerprints kept, ${saved.count} expected`);
}

// Parents (u32, ROOT_PARENT for a root) of every state, then actions (u16), padded to 8 bytes.
function writeLinks(links: SavedLinks, count: number, put: (chunk: Uint8Array) => void): void {
  const parents = new Uint32Array(BLOCK_PAIRS);
  for (let start = 0; start < count; start += BLOCK_PAIRS) {
    const end = Math.min(count, start + BLOCK_PAIRS);
    for (let id = start; id < end; id++) parents[id - start] = links.parentOf(id);
    put(bytesOf(parents.subarray(0, end - start)));
  }
  const actions = new Uint16Array(BLOCK_PAIRS);
  for (let start = 0; start < count; start += BLOCK_PAIRS) {
    const end = Math.min(count, start + BLOCK_PAIRS);
    for (let id = start; id < end; id++) actions[id - start] = links.actionOf(id);
    put(bytesOf(actions.subarray(0, end - start)));
  }
  put(new Uint8Array(align8(2 * count) - 2 * count));
}

function readState(source: CheckpointBytes, at: number, body: number, counts: SavedCounts): LoadedRunState {
  const { distinct, count, frontierInts } = counts;
  const sizes = [8 * distinct, 4 * distinct, align8(2 * distinct), 4 * frontierInts, 8 * count];
  if (at + sizes.reduce((a, b) => a + b, 0) !== body)
    throw new CheckpointFormatError('corrupted: its sections do not add up to its size');
  const take = (bytes: number): ArrayBuffer => {
    const section = new ArrayBuffer(bytes);
    source.read(new Uint8Array(section), at);
    at += bytes;
    return section;
  };
  const fingerprints = new Uint32Array(take(sizes[0]!));
  const parents = new Uint32Array(take(sizes[1]!));
  const actions = new Uint16Array(take(sizes[2]!), 0, distinct);
  const data = new Int32Array(take(sizes[3]!));
  const records = new Int32Array(take(sizes[4]!));
  requireFrontier(data, records, distinct);
  const level: LevelHandoff = { ...pickLevel(counts), data, records };
  return { level, fingerprints, fingerprintBits: counts.fingerprintBits, links: linksOf(parents, actions) };
}

function pickLevel(c: SavedCounts): Omit<LevelHandoff, 'data' | 'records'> {
  return {
    count: c.count,
    depth: c.depth,
    distinct: c.distinct,
    generated: c.generated,
    branching: c.branching,
    elapsedMs: c.elapsedMs,
  };
}

// Trace links rebuilt in id order, which gives the same store (compact or wide) the search had.
function linksOf(parents: Uint32Array, actions: Uint16Array): TraceStore {
  const links = new TraceStore();
  for (let id = 0; id < parents.length; id++) {
    const parent = parents[id]!;
    if (parent === ROOT_PARENT) links.addRoot(id, actions[id]!);
    else if (parent < id) links.addLink(id, parent, actions[id]!);
    else throw new CheckpointFormatError(`corrupted: state ${id} has parent ${parent}`);
  }
  return links;
}

// Every record within the data and every id a stored state's.
function requireFrontier(data: Int32Array, records: Int32Array, distinct: number): void {
  for (let i = 0; i < records.length; i += 2) {
    const offset = records[i]!;
    const id = records[i + 1]!;
    if (!(offset >= 0 && offset < data.length && offset + 1 + data[offset]! <= data.length && data[offset]! >= 0))
      throw new CheckpointFormatError(`corrupted: frontier record ${i / 2} lies outside the frontier's data`);
    if (!(id >= 0 && id < distinct)) throw new CheckpointFormatError(`corrupted: frontier state id ${id}`);
  }
}

function parseHeader(text: string): { manifest: unknown; state: SavedCounts | null } {
  let header: unknown;
  try {
    header = JSON.parse(text.replace(/\0+$/, ''));
  } catch {
    throw new CheckpointFormatError('corrupted: its header is not JSON');
  }
  if (typeof header !== 'object' || header === null || !('manifest' in header) || !('state' in header))
    throw new CheckpointFormatError('corrupted: its header has no manifest or state');
  const state = (header as { state: unknown }).state;
  if (state !== null && !isCounts(state)) throw new CheckpointFormatError('corrupted: its header has bad counts');
  return header as { manifest: unknown; state: SavedCounts | null };
}

function isCounts(value: unknown): value is SavedCounts {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  const whole = (k: string) => Number.isSafeInteger(c[k]) && (c[k] as number) >= 0;
  return (
    ['depth', 'count', 'distinct', 'generated', 'frontierInts'].every(whole) &&
    typeof c['branching'] === 'number' &&
    typeof c['elapsedMs'] === 'number' &&
    (c['fingerprintBits'] === 63 || c['fingerprintBits'] === 64) &&
    (c['count'] as number) <= (c['distinct'] as number)
  );
}

function bytesOf(array: Uint32Array | Uint16Array | Int32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

function requireLittleEndian(): void {
  if (endianness() !== 'LE') throw new Error('checkpoints are written and read on little-endian machines only');
}
