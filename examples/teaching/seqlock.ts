/**
 * A seqlock: a writer updates two words `a` and `b` (always to the same value) inside
 * `write_seqlock()`/`write_sequnlock()`, each of which increments the sequence count, so it is odd
 * while a write is under way. A reader retries until it has read both words between two reads of
 * the sequence that are equal and even:
 *
 *     do { s = read_seqbegin(&sl); x = a; y = b; } while (read_seqretry(&sl, s));
 *
 * `read_seqbegin()` waits for an even count; `read_seqretry()` says whether the count moved.
 *
 * The proof idea: if the count was even at `s` and still equal to `s` after the reads, no write
 * section overlapped the reads (a section would have made the count odd and, once finished,
 * different), so the reader saw the words between two complete writes: `x == y`. Both conditions
 * are needed. The broken variant does not wait for an even count: started during a write, the
 * reader can read the new `a` and the old `b` while the writer is still inside the same section,
 * find the count unchanged, and accept an inconsistent pair.
 *
 * The reader's registers `s`, `x`, `y` live in the shared state (a program thread has one local),
 * and a ghost flag records whether it ever retried, so `sometimes` can show the retry loop runs.
 *
 * Pinned in test/examples/teaching.test.ts: the correct reader against two writes has 230 distinct
 * states (depth 16) and every property holds; the broken one accepts an inconsistent read in 6
 * steps.
 */
import { ProgramModel, Record, always, eventually, label, sometimes, step, type RecordOf } from 'mmucheck';

/** The shared variables. */
export interface SeqlockVars {
  readonly seq: number;
  readonly a: number;
  readonly b: number;
  /** The reader's registers: the sequence it began with, and the two words it read. */
  readonly s: number;
  readonly x: number;
  readonly y: number;
  /** Ghost: the reader accepted its read; it retried at least once. */
  readonly accepted: boolean;
  readonly retried: boolean;
}
type Shared = RecordOf<SeqlockVars>;
const Shared = Record<SeqlockVars>({ seq: 0, a: 0, b: 0, s: 0, x: 0, y: 0, accepted: false, retried: false });

/** How many write sections the writer runs (values 1, 2, …). */
const WRITES = 2;

const writer = {
  name: 'writer',
  body: [
    label('again'),
    step<Shared>('writer', 'write_seqlock(&sl)', {
      kind: 'acquire',
      run: (x) => x.update((g) => g.set('seq', g.seq + 1)),
    }),
    step<Shared>('writer', 'a = v', { run: (x) => x.update((g) => g.set('a', x.local + 1)) }),
    step<Shared>('writer', 'b = v', { run: (x) => x.update((g) => g.set('b', x.local + 1)) }),
    step<Shared>('writer', 'write_sequnlock(&sl)', {
      kind: 'release',
      run: (x) => {
        x.update((g) => g.set('seq', g.seq + 1));
        x.local += 1;
        if (x.local < WRITES) x.goto('again');
      },
    }),
  ],
};

/** The reader; with `broken`, read_seqbegin() does not wait for an even count. */
function reader(broken: boolean) {
  return {
    name: 'reader',
    body: [
      label('retry'),
      step<Shared>(
        'reader',
        broken ? 's = sl.seq  /* no wait for even */' : 's = read_seqbegin(&sl)  /* waits while odd */',
        {
          ...(broken ? {} : { guard: (g: Shared) => g.seq % 2 === 0 }),
          run: (x) => x.update((g) => g.set('s', g.seq)),
        },
      ),
      step<Shared>('reader', 'x = a', { run: (x) => x.update((g) => g.set('x', g.a)) }),
      step<Shared>('reader', 'y = b', { run: (x) => x.update((g) => g.set('y', g.b)) }),
      step<Shared>('reader', '} while (read_seqretry(&sl, s))', {
        run: (x) => {
          if (x.shared.seq !== x.shared.s) {
            x.update((g) => g.set('retried', true));
            x.goto('retry');
          } else x.update((g) => g.set('accepted', true));
        },
      }),
    ],
  };
}

/** A writer and a reader of the seqlock; with `broken`, the reader only checks the count is unchanged. */
export function seqlock(broken = false): ProgramModel<Shared> {
  return new ProgramModel<Shared>({
    procs: [writer, reader(broken)],
    threads: [
      { name: 'writer', entry: 'writer' },
      { name: 'reader', entry: 'reader' },
    ],
    initShared: Shared(),
    properties: [
      always('consistent-read', 'an accepted read has x == y', (s) =>
        s.shared.accepted && s.shared.x !== s.shared.y
          ? `the reader accepted x = ${s.shared.x}, y = ${s.shared.y}`
          : undefined,
      ),
      sometimes('reader-retries', 'the reader can have to retry', (s) => s.shared.retried),
      sometimes(
        'reads-new-value',
        'the reader can accept a value the writer wrote',
        (s) => s.shared.accepted && s.shared.x > 0,
      ),
      eventually('reader-accepts', 'every run ends with the reader having accepted a read', (s) => s.shared.accepted),
    ],
  });
}

export const name = 'seqlock';
export const description = 'a seqlock reader retries until the sequence was even and unchanged around its reads';
export const model = seqlock();
