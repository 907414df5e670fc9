/**
 * Peterson's mutual exclusion for two threads (1981), and the broken variant that sets `turn`
 * before raising its own flag.
 *
 * Each thread loops forever: raise `flag[me]`, give the turn away (`turn = other`), wait until the
 * other thread is not interested or it is our turn, run the critical section, lower the flag.
 *
 * The proof idea: suppose both threads are in the critical section, and say thread 0 wrote `turn`
 * last (so `turn == 1`). Thread 1 had raised `flag[1]` before writing `turn`, so when thread 0 then
 * tested its condition it saw `flag[1] && turn == 1` and could not have entered. The order "flag
 * first, then turn" is the whole argument: in the broken variant a thread can write `turn`, be
 * overtaken by the other thread (which sees its flag still down and walks in), then raise its flag
 * and walk in too because `turn` now says it may.
 *
 * Granularity: every assignment, the wait, the critical section and the non-critical section are
 * one atomic step each (sequential consistency); `inCs` is a ghost variable (which threads are
 * inside the critical section), a function of the threads' positions that adds no states. This is
 * the granularity of the PlusCal Peterson.tla in the TLA+ Examples repository
 * (specifications/locks_auxiliary_vars: labels a0 to a4 and cs, turn starting at the first
 * process), whose manifest records 42 distinct states and 77 generated ("totalStates") with TLC;
 * this model gives the same 42 and 77. TLC's depth of 11 counts the initial state as 1, ours
 * of 10 counts steps.
 *
 * Starvation freedom: a thread that raises its flag eventually enters (`leadsTo`), judged over every
 * run in which each thread that can move keeps getting to move (weak fairness, the default of a
 * program). The other thread cannot overtake a waiting one twice: when it comes back it gives the
 * turn away, and the waiter's condition then stays true until it moves. Without fairness (`check
 * --fairness none`) it fails: a run may simply never schedule the waiter again.
 *
 * Pinned in test/examples/teaching.test.ts: the correct version has 42 distinct states, 77
 * generated, depth 10, and every property holds; the broken one violates mutual exclusion in 8
 * steps.
 */
import {
  List,
  ProgramModel,
  Record,
  always,
  deadlockFree,
  leadsTo,
  sometimes,
  step,
  label,
  type ProgramState,
  type RecordOf,
} from 'mmucheck';

/** The shared variables. */
export interface PetersonVars {
  readonly flag: List<boolean>;
  readonly turn: number;
  /** Ghost: which threads are in the critical section. */
  readonly inCs: List<boolean>;
}
type Shared = RecordOf<PetersonVars>;
const Shared = Record<PetersonVars>({ flag: List([false, false]), turn: 0, inCs: List([false, false]) });

const other = (tid: number) => 1 - tid;

/** Peterson's algorithm; with `broken`, each thread writes `turn` before raising its flag. */
export function peterson(broken = false): ProgramModel<Shared> {
  const raiseFlag = step<Shared>('lock', 'flag[me] = true', {
    run: (x) => x.update((g) => g.setIn(['flag', x.tid], true)),
  });
  const giveTurn = step<Shared>('lock', 'turn = other', { run: (x) => x.update((g) => g.set('turn', other(x.tid))) });
  return new ProgramModel<Shared>({
    procs: [
      {
        name: 'peterson',
        body: [
          label('again'),
          step('noncritical_section', '/* non-critical section */'),
          ...(broken ? [giveTurn, raiseFlag] : [raiseFlag, giveTurn]),
          step('lock', 'while (flag[other] && turn == other) ;', {
            guard: (g, _f, tid) => !(g.flag.get(other(tid)) && g.turn === other(tid)),
            run: (x) => x.update((g) => g.setIn(['inCs', x.tid], true)),
          }),
          step('critical_section', '/* critical section */', {
            run: (x) => x.update((g) => g.setIn(['inCs', x.tid], false)),
          }),
          step('unlock', 'flag[me] = false', {
            run: (x) => {
              x.update((g) => g.setIn(['flag', x.tid], false));
              x.goto('again');
            },
          }),
        ],
      },
    ],
    threads: [
      { name: 'p0', entry: 'peterson' },
      { name: 'p1', entry: 'peterson' },
    ],
    initShared: Shared(),
    properties: [
      always('mutual-exclusion', 'at most one thread is in the critical section', (s) =>
        s.shared.inCs.every((inside) => inside) ? 'both threads are in the critical section' : undefined,
      ),
      deadlockFree('no-deadlock', 'some thread can always move'),
      sometimes('p0-enters', 'p0 can enter the critical section', (s) => s.shared.inCs.get(0) === true),
      sometimes('p1-enters', 'p1 can enter the critical section', (s) => s.shared.inCs.get(1) === true),
      sometimes('both-contend', 'both threads can want the critical section at once', (s) =>
        s.shared.flag.every((f) => f),
      ),
      // Starvation freedom is the correct algorithm's claim; the broken one already loses mutual exclusion.
      ...(broken ? [] : [0, 1]).map((tid) =>
        leadsTo<ProgramState<Shared>>(
          `p${tid}-starvation-free`,
          `p${tid}, once it raises its flag, eventually enters the critical section`,
          (s) => s.shared.flag.get(tid) === true,
          (s) => s.shared.inCs.get(tid) === true,
        ),
      ),
    ],
  });
}

export const name = 'peterson';
export const description = "Peterson's mutual exclusion for two threads";
export const model = peterson();
