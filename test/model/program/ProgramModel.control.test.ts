/**
 * Control flow of the program kit: calls and returns take no step, `choice` runs its first enabled
 * alternative, labels, `goto`, `repeat`, `ret` and calls made from a step go where they say.
 */
import { describe, expect, it } from 'vitest';
import { Record } from 'immutable';
import { call, choice, label, step } from '../../../model/program/Step.js';
import { check } from '../../../checker/check.js';
import { expectOk } from '../../helpers/expect.js';
import { note, runThreads, tinyProgram, Vars } from '../../helpers/programs.js';

const one = [{ name: 'T', entry: 'main' }];

describe('calls and returns', () => {
  const nested = tinyProgram(
    [
      { name: 'main', body: [note('main', 'a'), call('middle'), note('main', 'd')] },
      { name: 'middle', body: [call('inner'), note('middle', 'c')] },
      { name: 'inner', body: [note('inner', 'b')] },
    ],
    one,
  );

  it('take no step: four statements in three procedures are four steps', () => {
    const { taken, state } = runThreads(nested, [0]);
    expect(taken).toEqual(['T main: a', 'T inner: b', 'T middle: c', 'T main: d']);
    expect(state.shared.log.toArray()).toEqual(['a', 'b', 'c', 'd']);
    expect(nested.finished(state, 0)).toBe(true);
  });

  it('give the one-thread program exactly 5 distinct states and depth 4', () => {
    expect(expectOk(check(nested)).stats).toMatchObject({ distinct: 5, generated: 5, depth: 4 });
  });

  it('enter a callee at once when a thread starts with a call', () => {
    const model = tinyProgram(
      [
        { name: 'main', body: [call('inner')] },
        { name: 'inner', body: [note('inner', 'b')] },
      ],
      one,
    );
    const init = model.initStates()[0]!;
    expect(model.location(init, 0)).toBe('inner');
    expect(model.actionView(init, 0)).toMatchObject({ fn: 'inner', code: 'b' });
  });

  it('return from an empty procedure without a step, and a thread whose entry is empty starts finished', () => {
    const model = tinyProgram(
      [
        { name: 'main', body: [call('nothing'), note('main', 'after')] },
        { name: 'nothing', body: [] },
      ],
      [
        { name: 'T', entry: 'main' },
        { name: 'U', entry: 'nothing' },
      ],
    );
    const init = model.initStates()[0]!;
    expect(model.actions(init)).toEqual([0]);
    expect(model.actionView(init, 0).code).toBe('after');
    expect(model.finished(init, 1)).toBe(true);
    expect(model.location(init, 1)).toBe('done');
  });

  it('pass the caller its own argument by default, or the one computed from its frame', () => {
    const show = (fn: string) =>
      step<Vars>(fn, `record arg`, { run: (x) => x.update((g) => g.set('log', g.log.push(`${fn}(${x.arg})`))) });
    const model = tinyProgram(
      [
        { name: 'main', body: [call('same'), call('plus', (f) => f.arg + 10)] },
        { name: 'same', body: [show('same')] },
        { name: 'plus', body: [show('plus')] },
      ],
      [{ name: 'T', entry: 'main', arg: 3 }],
    );
    expect(runThreads(model, [0]).state.shared.log.toArray()).toEqual(['same(3)', 'plus(13)']);
  });

  it('choose the callee from the caller frame and the shared state', () => {
    const procs = [
      { name: 'main', body: [call<Vars>((_f, g) => (g.flag ? 'yes' : 'no'))] },
      { name: 'yes', body: [note('yes', 'took yes')] },
      { name: 'no', body: [note('no', 'took no')] },
    ];
    expect(runThreads(tinyProgram(procs, one), [0]).taken).toEqual(['T no: took no']);
    expect(runThreads(tinyProgram(procs, one, { initShared: Vars({ flag: true }) }), [0]).taken).toEqual([
      'T yes: took yes',
    ]);
  });

  it('enter a procedure called from a step after that step, and come back to where the step continues', () => {
    const model = tinyProgram(
      [
        { name: 'main', body: [step('main', 'cb(5)', { run: (x) => x.call('cb', 5) }), note('main', 'back')] },
        { name: 'cb', body: [step('cb', 'run cb', { run: (x) => x.update((g) => g.set('x', x.arg)) })] },
      ],
      one,
    );
    const { taken, state } = runThreads(model, [0]);
    expect(taken).toEqual(['T main: cb(5)', 'T cb: run cb', 'T main: back']);
    expect(state.shared.x).toBe(5);
  });

  it('refuse an unknown procedure and two procedures with the same name', () => {
    expect(() => tinyProgram([{ name: 'main', body: [call('missing')] }], one).initStates()).toThrow(
      'no procedure named missing',
    );
    expect(() =>
      tinyProgram(
        [
          { name: 'main', body: [] },
          { name: 'main', body: [] },
        ],
        one,
      ),
    ).toThrow('two procedures share a name');
  });
});

describe('choice', () => {
  const pick = (fn: string, name: string, guard?: (g: Vars) => boolean) =>
    step<Vars>(fn, name, { ...(guard ? { guard } : {}), run: (x) => x.update((g) => g.set('log', g.log.push(name))) });
  const procs = [
    {
      name: 'main',
      body: [
        choice(
          pick('main', 'first', (g) => g.x > 0),
          pick('main', 'second'),
          pick('main', 'third'),
        ),
      ],
    },
  ];

  it('runs the first alternative whose guard holds, even when later ones hold too', () => {
    expect(runThreads(tinyProgram(procs, one), [0]).taken).toEqual(['T main: second']);
    expect(runThreads(tinyProgram(procs, one, { initShared: Vars({ x: 1 }) }), [0]).taken).toEqual(['T main: first']);
  });

  it('is one action of its thread, not one per enabled alternative', () => {
    const model = tinyProgram(procs, one, { initShared: Vars({ x: 1 }) });
    expect(model.actions(model.initStates()[0]!)).toEqual([0]);
  });

  it('makes the thread wait when no alternative is enabled', () => {
    const model = tinyProgram(
      [
        {
          name: 'main',
          body: [
            choice(
              pick('main', 'a', (g) => g.flag),
              pick('main', 'b', (g) => g.x > 0),
            ),
          ],
        },
      ],
      one,
    );
    const init = model.initStates()[0]!;
    expect(model.actions(init)).toEqual([]);
    expect(model.location(init, 0)).toBe('main');
    expect(model.finished(init, 0)).toBe(false);
  });
});

describe('labels, goto, repeat and ret', () => {
  const inc = (fn: string) => step<Vars>(fn, 'x++', { run: (x) => x.update((g) => g.set('x', g.x + 1)) });

  it('goto jumps back to a label: a loop of two statements runs three times', () => {
    const model = tinyProgram(
      [
        {
          name: 'main',
          body: [
            label('top'),
            inc('main'),
            step('main', 'if (x < 3) goto top', { run: (x) => (x.shared.x < 3 ? x.goto('top') : undefined) }),
            note('main', 'end'),
          ],
        },
      ],
      one,
    );
    const { taken, state } = runThreads(model, [0]);
    expect(taken).toHaveLength(7);
    expect(taken.at(-1)).toBe('T main: end');
    expect(state.shared.x).toBe(3);
  });

  it('goto to a label at the end of the body returns', () => {
    const model = tinyProgram(
      [
        {
          name: 'main',
          body: [step('main', 'goto out', { run: (x) => x.goto('out') }), note('main', 'skipped'), label('out')],
        },
      ],
      one,
    );
    const { taken, state } = runThreads(model, [0]);
    expect(taken).toEqual(['T main: goto out']);
    expect(model.finished(state, 0)).toBe(true);
  });

  it('repeat takes the same step again until it moves on', () => {
    const model = tinyProgram(
      [
        {
          name: 'main',
          body: [
            step('main', 'while (++x < 4);', {
              run: (x) => {
                x.update((g) => g.set('x', g.x + 1));
                if (x.shared.x < 4) x.repeat();
              },
            }),
            note('main', 'after'),
          ],
        },
      ],
      one,
    );
    const { taken, state } = runThreads(model, [0]);
    expect(taken).toEqual([...Array<string>(4).fill('T main: while (++x < 4);'), 'T main: after']);
    expect(state.shared.x).toBe(4);
  });

  it('ret returns from the procedure after the step', () => {
    const model = tinyProgram(
      [
        { name: 'main', body: [call('early'), note('main', 'back in main')] },
        { name: 'early', body: [step('early', 'return', { run: (x) => x.ret() }), note('early', 'never')] },
      ],
      one,
    );
    expect(runThreads(model, [0]).state.shared.log.toArray()).toEqual(['back in main']);
  });

  it('a step keeps its frame local across steps; a callee starts with its own', () => {
    const model = tinyProgram(
      [
        {
          name: 'main',
          body: [
            step('main', 'local = 7', { run: (x) => (x.local = 7) }),
            call('callee'),
            step('main', 'x = local', {
              guard: (_g, f) => f.local === 7,
              run: (x) => x.update((g) => g.set('x', x.local)),
            }),
          ],
        },
        {
          name: 'callee',
          body: [step('callee', 'y = local', { run: (x) => x.update((g) => g.set('y', x.local + 100)) })],
        },
      ],
      one,
    );
    expect(runThreads(model, [0]).state.shared.toJS()).toMatchObject({ x: 7, y: 100 });
  });

  it('refuses a label defined twice and a goto to a missing label', () => {
    expect(() => tinyProgram([{ name: 'main', body: [label('a'), label('a')] }], one)).toThrow('label a defined twice');
    const model = tinyProgram(
      [{ name: 'main', body: [step('main', 'goto nowhere', { run: (x) => x.goto('nowhere') })] }],
      one,
    );
    expect(() => model.nextState(model.initStates()[0]!, 0)).toThrow('procedure main has no label nowhere');
  });
});

describe('shared state', () => {
  it('is any Immutable value; a step replaces it and never mutates the state it came from', () => {
    const model = tinyProgram(
      [{ name: 'main', body: [step('main', 'x = 1', { run: (x) => x.update((g) => g.set('x', 1)) })] }],
      one,
    );
    const init = model.initStates()[0]!;
    const next = model.nextState(init, 0);
    expect(init.shared.x).toBe(0);
    expect(next.shared.x).toBe(1);
    expect(Record.isRecord(next.shared)).toBe(true);
  });
});
