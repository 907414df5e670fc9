/**
 * The binary values a distributed run keeps in its store, as little-endian 32-bit integers
 * (5-byte records for trace links):
 * - a level's states: records of (length, encoding…), back to back;
 * - a chunk's expansion: the number of positions n, the successors generated at each of them
 *   (n integers), then per successor that claimed a state (rank, hi, lo, length, encoding…);
 * - trace links: per state, its parent's position in the level before (Uint32) and the action
 *   index (Uint8); a state of level 0 has its initial-state index as parent and action 255.
 */

/** The bytes of `ints` (a copy-free view). */
export function bytesOf(ints: Int32Array, length = ints.length): Buffer {
  return Buffer.from(ints.buffer, ints.byteOffset, 4 * length);
}

/** The integers of `bytes` (copied once, to align them). */
export function intsOf(bytes: Buffer): Int32Array {
  const out = new Int32Array(bytes.length >>> 2);
  new Uint8Array(out.buffer).set(bytes.subarray(0, out.length * 4));
  return out;
}

/** The offsets of each record of a states value. */
export function recordOffsets(ints: Int32Array): number[] {
  const offsets: number[] = [];
  for (let at = 0; at < ints.length; at += 1 + ints[at]!) offsets.push(at);
  return offsets;
}

/** The action a state of level 0 has in its link. */
export const ROOT_ACTION = 255;
/** Bytes per trace link. */
export const LINK_BYTES = 5;

/** Writes link `index` of `out`. */
export function writeLink(out: Buffer, index: number, parent: number, action: number): void {
  out.writeUInt32LE(parent, index * LINK_BYTES);
  out.writeUInt8(action, index * LINK_BYTES + 4);
}

/** Reads a link. */
export function readLink(bytes: Buffer, index = 0): { parent: number; action: number } {
  return { parent: bytes.readUInt32LE(index * LINK_BYTES), action: bytes.readUInt8(index * LINK_BYTES + 4) };
}
