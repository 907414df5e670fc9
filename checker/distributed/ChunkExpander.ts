/**
 * Checks and expands the states of one chunk of a level with the `StateVisitor` every search uses,
 * and keeps what the store needs of them: the successors generated at each position and every
 * successor as (rank, fingerprint, encoding), ranks in the order a one-thread search meets them.
 * The first violating position, or a step that throws, ends the chunk there, as it ends a
 * one-thread search's level.
 */
import type { Model } from '../../model/Model.js';
import { IntBuffer } from '../../model/IntBuffer.js';
import { PropertyChecker } from '../PropertyChecker.js';
import { propertiesOf } from '../modelContract.js';
import { PackedExpansion } from '../search/PackedExpansion.js';
import { searchFormOf } from '../search/SearchForm.js';
import { StateVisitor, VIOLATED, type ScanHost } from '../search/StateVisitor.js';
import type { SuccessorBatch } from '../SuccessorBatch.js';
import { RANK_ACTIONS } from '../parallel/messages.js';

/** A model error met in a chunk: where, and which action. */
export interface ChunkError {
  readonly message: string;
  readonly stack?: string;
  readonly position: number;
  readonly actionIndex: number;
}

/** What expanding a chunk found. */
export interface ChunkExpansion {
  /** Successors generated at each position visited (fewer positions than the chunk's when it ended early). */
  readonly generatedAt: Int32Array;
  /** Successors kept, as the candidate part of a chunk's result value (rank, hi, lo, length, encoding…). */
  readonly candidates: IntBuffer;
  readonly candidateCount: number;
  /** Level position of the first violating state, or -1. */
  readonly violation: number;
  readonly error?: ChunkError;
  /** A state at the depth bound had successors that were not explored. */
  readonly cutOff: boolean;
}

/** Expands chunks of one model (packed form only: the store holds encodings). */
export class ChunkExpander<S, A> {
  private readonly visitor: StateVisitor<S, A>;
  private data: Int32Array = new Int32Array(0);
  private offsets: readonly number[] = [];
  private first = 0; // the level position of the chunk's first state
  private rankBase = 0;
  private out = new IntBuffer(1 << 16);
  private count = 0;
  private generated = 0;

  constructor(model: Model<S, A>, symmetry: boolean) {
    const form = searchFormOf(model, symmetry);
    if (form.kind !== 'packed') throw new Error('a distributed search needs a model with a packed form');
    const props = new PropertyChecker(model, propertiesOf(model));
    const limit = {
      max: RANK_ACTIONS - 1,
      error: (count: number) =>
        new RangeError(
          `a state has ${count} enabled actions; a distributed search supports at most ${RANK_ACTIONS - 1}`,
        ),
    };
    this.visitor = new StateVisitor(new PackedExpansion(model, form.expander), props, undefined, {}, limit);
  }

  /**
   * Expands the states of `data` (records at `offsets`), which are positions `first`… of the
   * level; `expand` false only checks them (the depth bound).
   */
  expand(data: Int32Array, offsets: readonly number[], first: number, expand: boolean): ChunkExpansion {
    this.data = data;
    this.offsets = offsets;
    this.first = first;
    this.out = new IntBuffer(1 << 16);
    this.count = 0;
    this.rankBase = 0;
    const generatedAt = new Int32Array(offsets.length);
    const visitor = this.visitor;
    visitor.cutOff = false;
    let violation = -1;
    let error: ChunkError | undefined;
    let visited = offsets.length;
    const host: ScanHost = {
      load: (p) => this.load(p),
      mustStop: () => false,
      visited: (p) => {
        generatedAt[p - first] = this.generated;
      },
      keep: (batch, k) => this.keep(batch, k),
    };
    try {
      const ended = visitor.scan(first, first + offsets.length, expand, host);
      if (ended.verdict === VIOLATED) {
        violation = ended.position;
        visited = ended.position - first;
      }
    } catch (e) {
      const err = e as Error;
      const position = this.rankBase === 0 ? first : (this.rankBase - 1) / RANK_ACTIONS;
      visited = position - first + 1;
      generatedAt[position - first] = this.generated;
      error = {
        message: err.message ?? String(e),
        ...(err.stack ? { stack: err.stack } : {}),
        position,
        actionIndex: visitor.activeAction,
      };
    }
    return {
      generatedAt: generatedAt.subarray(0, visited),
      candidates: this.out,
      candidateCount: this.count,
      violation,
      ...(error ? { error } : {}),
      cutOff: visitor.cutOff,
    };
  }

  /** Loads the state at level position `position`. */
  private load(position: number): number {
    const at = this.offsets[position - this.first]!;
    this.visitor.expansion.loadEncoded(this.data, at + 1, at + 1 + this.data[at]!);
    this.rankBase = position * RANK_ACTIONS + 1;
    this.generated = 0;
    return position;
  }

  /** Keeps successor `k` with its rank and fingerprint. */
  private keep(batch: SuccessorBatch, k: number): boolean {
    this.generated++;
    const start = batch.start(k);
    const end = batch.end(k);
    const out = this.out;
    out.int(this.rankBase + k);
    out.int(batch.hi(k) | 0);
    out.int(batch.lo(k) | 0);
    out.int(end - start);
    for (let i = start; i < end; i++) out.int(batch.data[i]!);
    this.count++;
    return false;
  }
}
