/**
 * A bounded audit of a model's own `encode` (and `decode`). The search keeps one state per
 * encoding, so an `encode` that ignores part of the state merges states that differ there: in the
 * worst case (it ignores the state) the whole space is one state and every property "holds".
 * For the first AUDITED_STATES states the search generates, the audit checks that
 * - encoding a state twice gives the same integers (no counter, clock or random number in it);
 * - two states with the same encoding are the same state, by the generic encoding of Immutable
 *   values (structural; it tells apart what `Immutable.is` does, and arrays by content);
 * - with `decode`, `decode(encode(s))` is `s` again.
 * What it cannot catch: an encoding that merges states only beyond the sample (the first states of
 * a breadth-first search usually differ in every field, but not always), and states the generic
 * encoding cannot read (plain objects), which it never calls different. Models without their own
 * `encode` use the generic one and are not audited; a packed form's successors are never built as
 * states, so over a packed form only the initial states are.
 */
import { is } from 'immutable';
import type { Model } from '../model/Model.js';
import { IntBuffer, IntReader } from '../model/IntBuffer.js';
import { encodeValue } from './encodeValue.js';
import { FingerprintHasher, type Encoder } from './fingerprint.js';
import { ModelContractError } from './modelContract.js';

/** How many generated states a search audits. */
export const AUDITED_STATES = 8192;

/** A sampled state: its model encoding, its generic encoding (undefined when it has none), and the state, for the message. */
interface Sampled<S> {
  readonly encoding: Int32Array;
  readonly generic: Int32Array | undefined;
  readonly state: S;
}

/** Audits the encoding of the first states of one search; `check` each until `pending` is false. */
export class EncodingAudit<S> {
  private readonly sample = new Map<string, Sampled<S>>();
  private readonly first = new IntBuffer();
  private readonly second = new IntBuffer();
  private readonly hasher = new FingerprintHasher();
  private left: number;

  private constructor(
    private readonly model: Pick<Model<S, unknown>, 'decode'>,
    private readonly encode: Encoder<S>,
    limit: number,
  ) {
    this.left = limit;
  }

  /** The audit of `model`'s own encoding, or undefined when it has none (the generic one needs no audit). */
  static of<S>(
    model: Pick<Model<S, unknown>, 'encode' | 'decode'>,
    limit = AUDITED_STATES,
  ): EncodingAudit<S> | undefined {
    return model.encode === undefined ? undefined : new EncodingAudit(model, model.encode.bind(model), limit);
  }

  /** True while states are still to be audited. */
  get pending(): boolean {
    return this.left > 0;
  }

  /** Audits `state`; throws ModelContractError when its encoding breaks the contract. */
  check(state: S): void {
    this.left--;
    const encoding = this.encodingOf(state, this.first);
    if (!sameInts(encoding, this.encodingOf(state, this.second))) {
      throw new ModelContractError(
        `encode() wrote two different encodings for one state (${show(state)}): an encoding must depend on the state alone, never on a counter, a clock or a random number`,
      );
    }
    this.checkDistinct(state, encoding);
    if (this.model.decode !== undefined) this.checkRoundTrip(state, encoding);
  }

  private checkDistinct(state: S, encoding: Int32Array): void {
    this.hasher.ints(encoding, 0, encoding.length);
    const key = `${this.hasher.hi}:${this.hasher.lo}`;
    const earlier = this.sample.get(key);
    if (earlier === undefined) {
      this.sample.set(key, { encoding: encoding.slice(), generic: genericOf(state), state });
      return;
    }
    if (!sameInts(earlier.encoding, encoding)) return; // a fingerprint collision, not the model's doing
    const generic = genericOf(state);
    if (earlier.generic === undefined || generic === undefined || sameInts(earlier.generic, generic)) return;
    throw new ModelContractError(
      `encode() wrote the same encoding for two different states, ${show(earlier.state)} and ${show(state)}: the search keeps one state per encoding, ` +
        'so it would never explore one of them; encode() must write everything that tells two states apart (does it leave out part of the state?)',
    );
  }

  private checkRoundTrip(state: S, encoding: Int32Array): void {
    const decoded = this.model.decode!(new IntReader(encoding, 0, encoding.length));
    if (is(decoded, state)) return;
    const [a, b] = [genericOf(decoded), genericOf(state)];
    if (a === undefined || b === undefined || sameInts(a, b)) return;
    throw new ModelContractError(
      `decode() does not give back the state encode() wrote: it read ${show(decoded)} from the encoding of ${show(state)}; ` +
        'decode(encode(s)) must be s (does encode() leave out part of the state?)',
    );
  }

  private encodingOf(state: S, buffer: IntBuffer): Int32Array {
    buffer.clear();
    this.encode(state, buffer);
    return buffer.data.subarray(0, buffer.length);
  }
}

/** The generic encoding of `state`, or undefined when it has none (a plain object, say). */
function genericOf(state: unknown): Int32Array | undefined {
  const buffer = new IntBuffer(64);
  try {
    encodeValue(state, buffer);
  } catch {
    return undefined;
  }
  return buffer.data.slice(0, buffer.length);
}

function sameInts(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A state as a message shows it: its string form, cut short. */
function show(state: unknown): string {
  let text: string;
  try {
    text = typeof state === 'string' ? JSON.stringify(state) : String(state);
  } catch {
    text = Object.prototype.toString.call(state);
  }
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
