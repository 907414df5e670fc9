/**
 * The teaching examples, each pinned: distinct states, generated, depth, the verdict, and the
 * length of its counterexample or witnesses. A change in the explored space shows up here.
 */
import { describe, expect, it } from 'vitest';
import { check, type Model, type Outcome, type Property, type Stats } from '../../index.js';
import { expectOk, expectViolation } from '../helpers/expect.js';
import { peterson } from '../../examples/teaching/peterson.js';
import { philosophers } from '../../examples/teaching/philosophers.js';
import { lostUpdate } from '../../examples/teaching/lost-update.js';
import { rcuList } from '../../examples/teaching/rcu-list.js';
import { kref } from '../../examples/teaching/kref.js';
import { seqlock } from '../../examples/teaching/seqlock.js';
import { always, sometimes } from '../../model/Property.js';
import { runCli } from './runCli.js';

type Counts = Pick<Stats, 'distinct' | 'generated' | 'depth'>;

/** The outcome's distinct, generated and depth. */
function counts(outcome: Outcome<unknown, unknown>): Counts {
  const { distinct, generated, depth } = outcome.stats;
  return { distinct, generated, depth };
}

/** The length of each witness trace of an ok outcome, by property id. */
function witnessLengths(outcome: Outcome<unknown, unknown>): Record<string, number> {
  const ok = expectOk(outcome);
  return Object.fromEntries((ok.witnesses ?? []).map((w) => [w.propertyId, w.trace.steps.length]));
}

/** `model` checking `properties` instead of its own. */
function withProperties<S, A>(model: Model<S, A>, properties: readonly Property<S>[]): Model<S, A> {
  return Object.assign(Object.create(model) as Model<S, A>, { properties: () => properties });
}

describe("Peterson's mutual exclusion", () => {
  it('holds: 42 distinct states and 77 generated, as TLC counts the PlusCal Peterson.tla of the TLA+ Examples; both threads can enter', () => {
    const outcome = check(peterson());
    expect(counts(outcome)).toEqual({ distinct: 42, generated: 77, depth: 10 });
    expect(witnessLengths(outcome)).toEqual({ 'p0-enters': 4, 'p1-enters': 4, 'both-contend': 4 });
  });

  it('breaks when turn is given away before the flag is raised: both threads inside after 8 steps', () => {
    const outcome = check(peterson(true));
    expectViolation(outcome, 'mutual-exclusion', { length: 8 });
    expect(counts(outcome)).toEqual({ distinct: 52, generated: 83, depth: 8 });
  });
});

/** Positions of a philosopher with no fork held twice, counted directly: 0 wants its first fork, 1 holds it, 2 eats (holds both), 3 holds the first again. */
function consistentTables(n: number, ordered: boolean): number {
  let count = 0;
  for (let code = 0; code < 4 ** n; code++) {
    const held = new Array<number>(n).fill(0);
    for (let i = 0, c = code; i < n; i++, c = Math.floor(c / 4)) {
      const pc = c % 4;
      const [first, second] = ordered && i === n - 1 ? [0, n - 1] : [i, (i + 1) % n];
      if (pc !== 0) held[first]! += 1;
      if (pc === 2) held[second]! += 1;
    }
    if (held.every((h) => h <= 1)) count++;
  }
  return count;
}

describe('dining philosophers', () => {
  const table: readonly (readonly [number, Counts, Counts, number])[] = [
    // n, deadlock found (stats as of its level), ordered forks (whole space), all states of the deadlocking table
    [3, { distinct: 17, generated: 25, depth: 3 }, { distinct: 24, generated: 47, depth: 6 }, 35],
    [4, { distinct: 50, generated: 97, depth: 4 }, { distinct: 79, generated: 209, depth: 9 }, 118],
    [5, { distinct: 152, generated: 371, depth: 5 }, { distinct: 261, generated: 877, depth: 12 }, 392],
    [6, { distinct: 465, generated: 1381, depth: 6 }, { distinct: 862, generated: 3517, depth: 15 }, 1297],
  ];

  it.each(table)(
    '%i philosophers taking the left fork first deadlock after n steps; ordered forks never do',
    (n, deadlocked, ordered, all) => {
      const outcome = check(philosophers(n));
      expectViolation(outcome, 'no-deadlock', { length: n });
      expect(counts(outcome)).toEqual(deadlocked);
      const fixed = check(philosophers(n, true));
      expect(counts(fixed)).toEqual(ordered);
      expect(witnessLengths(fixed)).toEqual(n >= 4 ? { 'p0-eats': 2, 'two-eat': 4 } : { 'p0-eats': 2 });
      expect(check(withProperties(philosophers(n), [])).stats.distinct).toBe(all);
    },
  );

  it('reaches exactly the tables in which no fork is held twice, counted by hand, but for one with left forks first', () => {
    // The one: everybody holding its first fork after eating. The last to put its second fork down
    // ate with its neighbour's first fork, which the neighbour can have taken only afterwards.
    for (const [n, , ordered, all] of table) {
      expect([consistentTables(n, false) - 1, consistentTables(n, true)]).toEqual([all, ordered.distinct]);
    }
  });
});

type LostState = ReturnType<ReturnType<typeof lostUpdate>['initStates']>[number];

describe('the lost update', () => {
  it('without a lock, a run can end below 4: the shortest in 8 steps, and the lowest end is 2', () => {
    const outcome = check(lostUpdate(false));
    expectViolation(outcome, 'ends-at-four', { length: 8 });
    expect(counts(outcome)).toEqual({ distinct: 57, generated: 83, depth: 8 });
    const ended = (s: LostState) => s.shared.done === 4;
    const lowest = [
      sometimes<LostState>('ends-at-two', 'the counter can end at 2', (s) => ended(s) && s.shared.counter === 2),
      always<LostState>('never-below-two', 'the counter ends at 2 or more', (s) =>
        ended(s) && s.shared.counter < 2 ? `ends at ${s.shared.counter}` : undefined,
      ),
    ];
    expect(witnessLengths(check(withProperties(lostUpdate(false), lowest)))).toEqual({ 'ends-at-two': 8 });
  });

  it('under a spin lock every run ends at 4', () => {
    const outcome = check(lostUpdate(true));
    expect(counts(outcome)).toEqual({ distinct: 45, generated: 49, depth: 16 });
    expect(witnessLengths(outcome)).toEqual({ 'all-done': 15 });
  });
});

describe('an RCU-protected list', () => {
  it.each([
    [1, { distinct: 60, generated: 96, depth: 12 }],
    [2, { distinct: 784, generated: 1833, depth: 20 }],
  ] as const)(
    'with %i reader(s), freeing B after synchronize_rcu() is safe, though a reader can hold B after the unlink',
    (readers, expected) => {
      const outcome = check(rcuList(readers));
      expect(counts(outcome)).toEqual(expected);
      expect(witnessLengths(outcome)).toEqual({ 'reader-holds-b': 5 });
    },
  );

  it('freeing B before the grace period lets a reader read it freed, in 7 steps', () => {
    const outcome = check(rcuList(2, true));
    const { violations } = expectViolation(outcome, 'no-use-after-free', { length: 7 });
    expect(violations[0]?.message).toBe('reader0 reads node B after it was freed');
    expect(counts(outcome)).toEqual({ distinct: 156, generated: 289, depth: 7 });
  });
});

describe('reference counting', () => {
  it('kref_get_unless_zero() backs off from a dying object: no use after free', () => {
    const outcome = check(kref(true));
    expect(counts(outcome)).toEqual({ distinct: 36, generated: 45, depth: 10 });
    expect(witnessLengths(outcome)).toEqual({ 'lookup-gets': 3, 'lookup-backs-off': 4 });
  });

  it('a plain kref_get() resurrects it: the lookup uses the object after the owner freed it, in 10 steps', () => {
    const outcome = check(kref(false));
    const { violations } = expectViolation(outcome, 'no-use-after-free', { length: 10 });
    expect(violations[0]?.message).toBe('lookup uses the object after it was freed');
    expect(counts(outcome)).toEqual({ distinct: 49, generated: 63, depth: 10 });
  });
});

describe('a seqlock reader', () => {
  it('accepts only consistent reads when the sequence was even and unchanged, and can have to retry', () => {
    const outcome = check(seqlock());
    expect(counts(outcome)).toEqual({ distinct: 230, generated: 339, depth: 16 });
    expect(witnessLengths(outcome)).toEqual({ 'reader-retries': 5, 'reads-new-value': 8 });
  });

  it('that only checks the sequence is unchanged accepts a torn read in 6 steps', () => {
    const outcome = check(seqlock(true));
    const { violations } = expectViolation(outcome, 'consistent-read', { length: 6 });
    expect(violations[0]?.message).toBe('the reader accepted x = 1, y = 0');
    expect(counts(outcome)).toEqual({ distinct: 62, generated: 74, depth: 6 });
  });
});

describe('the example files', () => {
  const files: readonly (readonly [string, number])[] = [
    ['peterson', 0],
    ['peterson-broken', 1],
    ['philosophers', 1],
    ['philosophers-ordered', 0],
    ['lost-update', 1],
    ['lost-update-locked', 0],
    ['rcu-list', 0],
    ['rcu-list-broken', 1],
    ['kref', 0],
    ['kref-resurrect', 1],
    ['seqlock', 0],
    ['seqlock-broken', 1],
  ];

  it.each(files)('mmucheck check examples/teaching/%s.ts exits %i', async (file, code) => {
    const result = await runCli(['check', `examples/teaching/${file}.ts`]);
    expect([result.code, result.err]).toEqual([code, '']);
    expect(result.out.split('\n')[0]).toMatch(new RegExp(`^model      ${file}: `));
  });
});
