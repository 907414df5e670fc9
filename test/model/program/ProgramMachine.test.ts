/**
 * One interpreter behind both program forms: the frame layout round-trips at its limits, a program
 * written once over a counter explores to the same counts as an Immutable model and as a packed
 * one, and stacks are bounded in packed form but grow as deep as calls nest in the Immutable form.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../../checker/check.js';
import type { IntSink } from '../../../model/IntSink.js';
import { deadlockFree } from '../../../model/Property.js';
import { FRAME_LIMITS, frameCode, unpackFrame } from '../../../model/program/Frame.js';
import { PackedProgram } from '../../../model/program/PackedProgram.js';
import { PackedProgramModel } from '../../../model/program/PackedProgramModel.js';
import type { PackedShared } from '../../../model/program/PackedShared.js';
import type { ProcDef } from '../../../model/program/Proc.js';
import { ProgramModel } from '../../../model/program/ProgramModel.js';
import type { ProgramState } from '../../../model/program/ProgramState.js';
import { call, step } from '../../../model/program/Step.js';
import type { ThreadSpec } from '../../../model/program/ThreadSpec.js';
import { expectOk } from '../../helpers/expect.js';

/** One shared counter in packed memory. */
class Counter implements PackedShared {
  a = new Int32Array(1);
  base = 0;
  readonly width = 1;
  get value(): number {
    return this.a[this.base]!;
  }
  set value(v: number) {
    this.a[this.base] = v;
  }
  readFrom(data: Int32Array, at: number): number {
    this.a[this.base] = data[at]!;
    return at + 1;
  }
  begin(): void {}
  writeTo(out: IntSink): void {
    out.int(this.value);
  }
}

/** How a program reads and changes its counter, in either form. */
interface CounterOps<S> {
  get(s: S): number;
  set(s: S, v: number): S;
}
const immutableOps: CounterOps<number> = { get: (n) => n, set: (_n, v) => v };
const packedOps: CounterOps<Counter> = {
  get: (m) => m.value,
  set: (m, v) => {
    m.value = v;
    return m;
  },
};

/**
 * Two incrementers that each call `incr` twice through `twice`, whose return adds 10 (a lost update
 * is possible); a waiter that waits for the counter to reach 23, which two lost updates deadlock;
 * and `deep`, which calls itself as many times as its argument says, then `leaf`.
 */
function counterProgram<S>(ops: CounterOps<S>): ProcDef<S>[] {
  return [
    { name: 'main', body: [call('twice'), step('main', 'done')] },
    { name: 'twice', body: [call('incr'), call('incr')], onReturn: (s) => ops.set(s, ops.get(s) + 10) },
    {
      name: 'incr',
      body: [
        step('incr', 'r = c', { run: (x) => void (x.local = ops.get(x.shared)) }),
        step('incr', 'c = r + 1', { run: (x) => x.update((s) => ops.set(s, x.local + 1)) }),
      ],
    },
    { name: 'waiter', body: [step('waiter', 'wait for c >= 23', { guard: (s) => ops.get(s) >= 23 })] },
    {
      name: 'deep',
      body: [
        call(
          (f) => (f.arg > 0 ? 'deep' : 'leaf'),
          (f) => f.arg - 1,
        ),
      ],
    },
    { name: 'leaf', body: [step('leaf', 'bottom')] },
  ];
}

const threads: ThreadSpec[] = [
  { name: 'A', entry: 'main' },
  { name: 'B', entry: 'main' },
  { name: 'W', entry: 'waiter' },
];
const noDeadlock = deadlockFree('no-deadlock', 'some thread can move until every thread has finished');

function immutableModel(threadList: ThreadSpec[]): ProgramModel<number> {
  return new ProgramModel<number>({
    procs: counterProgram(immutableOps),
    threads: threadList,
    initShared: 0,
    properties: [noDeadlock],
  });
}

function packedModel(threadList: ThreadSpec[]): PackedProgramModel<number, Counter> {
  return new PackedProgramModel<number, Counter>({
    threads: threadList,
    runner: () => new PackedProgram({ procs: counterProgram(packedOps), threads: threadList, mem: new Counter() }),
    initShared: 0,
    encodeShared: (n, sink) => sink.int(n),
    decodeShared: (source) => source.int(),
    properties: [noDeadlock],
  });
}

describe('the frame layout', () => {
  it('round-trips procedure, position and argument at their limits', () => {
    for (const [proc, pc, arg] of [
      [0, 0, -1],
      [FRAME_LIMITS.procs - 1, FRAME_LIMITS.positions - 1, FRAME_LIMITS.argMax],
      [517, 3, 0],
    ] as const) {
      expect(unpackFrame(frameCode(proc, pc, arg), 42)).toEqual({ proc, pc, arg, local: 42 });
    }
  });

  it('refuses what does not fit', () => {
    expect(() => frameCode(FRAME_LIMITS.procs, 0, 0)).toThrow(
      'frame out of range: procedure 1024, position 0, argument 0',
    );
    expect(() => frameCode(0, FRAME_LIMITS.positions, 0)).toThrow(RangeError);
    expect(() => frameCode(0, 0, FRAME_LIMITS.argMax + 1)).toThrow(RangeError);
    expect(() => frameCode(0, 0, -2)).toThrow(RangeError);
  });
});

describe('one program in both forms', () => {
  it('explores to the same counts, and the waiter deadlocks after a lost update in both', () => {
    const a = check(immutableModel(threads));
    const b = check(packedModel(threads));
    expect(a.kind).toBe('violation');
    expect(b.kind).toBe('violation');
    expect(a.stats).toMatchObject({ distinct: b.stats.distinct, generated: b.stats.generated, depth: b.stats.depth });
  });

  it('gives the same states step by step', () => {
    const im = immutableModel(threads);
    const pk = packedModel(threads);
    let s: ProgramState<number> = im.initStates()[0]!;
    let t: ProgramState<number> = pk.initStates()[0]!;
    for (const tid of [0, 1, 0, 1, 0, 0, 1, 1]) {
      expect(im.actions(s)).toEqual(pk.actions(t));
      s = im.nextState(s, tid);
      t = pk.nextState(t, tid);
      expect(s.equals(t)).toBe(true);
      expect(im.frames(s, tid)).toEqual(pk.frames(t, tid));
      expect(im.location(s, tid)).toBe(pk.location(t, tid));
    }
    expect(s.shared).toBe(23); // B overwrote A's first update; both returns added 10
  });
});

describe('stack depth', () => {
  const deep: ThreadSpec[] = [{ name: 'D', entry: 'deep', arg: 20 }];

  it('is bounded in packed form', () => {
    expect(() => packedModel(deep).initStates()).toThrow('thread D: calls nest deeper than 8 frames');
  });

  it('grows as calls nest in the Immutable form', () => {
    const model = immutableModel(deep);
    const init = model.initStates()[0]!;
    expect(model.frames(init, 0)).toHaveLength(22);
    expect(model.location(init, 0)).toBe('leaf');
    const done = model.nextState(init, 0);
    expect(model.finished(done, 0)).toBe(true);
    expect(expectOk(check(model)).stats).toMatchObject({ distinct: 2, depth: 1 });
    const fresh = immutableModel(deep);
    expect(fresh.frames(init, 0)).toHaveLength(22);
    expect(fresh.actions(init)).toEqual([0]);
  });
});
