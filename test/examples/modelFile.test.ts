import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, steadyReport } from './runCli.js';

const CLOCK = 'test/examples/fixtures/clock.mjs';

/** Writes `files` (name → text) to a fresh directory outside the repository and returns its path. */
function scratch(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mmucheck-model-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('mmucheck check <model file>', () => {
  it('checks a TypeScript model file with the kernel reports layout and exits 1 on a counterexample', async () => {
    const { code, out, err } = await runCli(['check', 'examples/tutorial/counter.ts']);
    expect([code, err]).toEqual([1, '']);
    expect(steadyReport(out).split('\n').slice(0, 8)).toEqual([
      'model      counter: two threads add 1 to a shared counter',
      'file       examples/tutorial/counter.ts',
      'threads    t0, t1',
      'checking   no-lost-update, no-deadlock',
      '',
      'VIOLATED  no-lost-update: once both threads are done, the counter is 2',
      '',
      'Shortest counterexample: 4 steps',
    ]);
  });

  it('checks a plain JavaScript model from createModel(), showing formatAction and the state as JSON fields', async () => {
    const { code, out } = await runCli(['check', CLOCK]);
    expect(code).toBe(1);
    expect(steadyReport(out)).toBe(
      [
        'model      clock: a clock that counts to 2 and stops',
        `file       ${CLOCK}`,
        'checking   below-three, reaches-two (sometimes), passes-one (eventually), passes-five (eventually)',
        'fairness   none',
        '',
        'VIOLATED  passes-five: every run passes 5',
        '',
        'Shortest counterexample: 2 steps',
        '    1  tick from 0',
        '       state: 0 → 1',
        '>   2  tick from 1',
        '       state: 1 → 2',
        '       ✗ the trace ends here (no action is enabled) and the property held at none of its states',
        '',
        'Why: the trace ends here (no action is enabled) and the property held at none of its states.',
        '',
        '3 distinct states, 3 generated, depth 2, N.NN s (N states/s), fingerprint collision probability 0.0e+0',
        `reproduce  mmucheck check ${CLOCK}`,
        '',
      ].join('\n'),
    );
  });

  it('checks only the properties asked for, and reports the witness of a sometimes property in JSON', async () => {
    const { code, out } = await runCli([
      'check',
      CLOCK,
      '--property',
      'reaches-two',
      '--property',
      'passes-one',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({
      scenario: null,
      model: { name: 'clock', file: CLOCK, threads: null },
      properties: ['reaches-two', 'passes-one'],
      verdict: 'ok',
      trace: null,
      reproduce: `mmucheck check ${CLOCK} --property reaches-two --property passes-one`,
    });
    expect(report.witnesses).toEqual([
      {
        property: 'reaches-two',
        name: 'the clock can reach 2',
        initial: { state: 0 },
        trace: [
          { step: 1, thread: '', fn: '', code: 'tick from 0', changes: [{ field: 'state', from: 0, to: 1 }] },
          { step: 2, thread: '', fn: '', code: 'tick from 1', changes: [{ field: 'state', from: 1, to: 2 }] },
        ],
      },
    ]);
  });

  it('writes the report to the --out file instead of stdout', async () => {
    const out = join(scratch({}), 'report.json');
    const result = await runCli(['check', CLOCK, '--format', 'json', '--out', out]);
    expect([result.code, result.out, result.err]).toEqual([1, '', '']);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ verdict: 'violation', property: 'passes-five' });
  });

  it('reports a sometimes property without a witness as a violation without a trace', async () => {
    const { code, out } = await runCli(['check', 'examples/tutorial/counter-vacuous.ts', '--format', 'json']);
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({
      verdict: 'violation',
      property: 'both-done',
      violations: [{ property: 'both-done', noWitness: true }],
      trace: [],
      stats: { distinct: 16, depth: 8 },
    });
  });

  it('reports a step that throws as a model error (exit 4) with the trace to it', async () => {
    const dir = scratch({
      'throws.mjs': `export const model = { initStates: () => [0], actions: (s) => (s < 3 ? ['inc'] : []), nextState: (s) => { if (s === 1) throw new Error('step broke'); return s + 1; }, properties: () => [] };\n`,
    });
    const { code, out } = await runCli(['check', join(dir, 'throws.mjs')]);
    expect(code).toBe(4);
    expect(out).toContain('MODEL ERROR: step broke');
  });

  describe('a model that breaks the contract: a model error (exit 4) in a report that names the file, naming the method', () => {
    const MODELS = 'test/fixtures/models';
    const cases: [string, string][] = [
      [
        'no-initial-state',
        'initStates() returned no state: a model needs at least one initial state, or the search has nothing to check and nothing is proven',
      ],
      ['actions-not-an-array', 'actions() returned the string "inc", not an array of the actions enabled in the state'],
      [
        'unknown-property-kind',
        'properties() returned property "below-3" of unknown kind "invariant"; expected one of always, deadlockFree, sometimes, eventually',
      ],
      [
        'encode-ignores-state',
        'encode() wrote the same encoding for two different states, 0 and 1: the search keeps one state per encoding',
      ],
      ['next-state-undefined', 'nextState() returned undefined: a step must return the next state'],
      [
        'check-returns-true',
        'the check of property "below-3" returned true: an always property\'s check returns a string that says why the state violates it, or undefined when it holds',
      ],
      ['properties-not-an-array', 'properties() returned an object, not an array of properties'],
      ['properties-throws', 'properties() threw: no properties today'],
      [
        'duplicate-property-id',
        'properties() returned two properties with the id "below-3" (at index 0 and 1): each property needs its own id',
      ],
      [
        'sometimes-returns-number',
        'the check of property "reaches-2" returned 0: a sometimes property\'s check returns true at a state that witnesses it, false elsewhere',
      ],
      [
        'eventually-returns-undefined',
        'the check of property "passes-5" returned undefined: an eventually property\'s check returns true at a state that satisfies it, false elsewhere',
      ],
    ];
    it('duplicate-property-id, with --workers 2 and with --property naming the shared id', async () => {
      const file = `${MODELS}/duplicate-property-id.mjs`;
      for (const flags of [
        ['--workers', '2'],
        ['--property', 'below-3'],
      ]) {
        const { code, out } = await runCli(['check', file, ...flags]);
        expect(code, flags.join(' ')).toBe(4);
        expect(out).toContain('\nMODEL ERROR: properties() returned two properties with the id "below-3"');
      }
    });

    for (const [name, message] of cases) {
      it(name, async () => {
        const file = `${MODELS}/${name}.mjs`;
        const text = await runCli(['check', file]);
        expect([text.code, text.err]).toEqual([4, '']);
        expect(text.out).toContain(`file       ${file}\n`);
        expect(text.out).toContain(`\nMODEL ERROR: ${message}`);
        expect(text.out).not.toContain('ALL PROPERTIES HOLD');
        const json = await runCli(['check', file, '--format', 'json']);
        expect(json.code).toBe(4);
        expect(JSON.parse(json.out)).toMatchObject({
          verdict: 'model-error',
          model: { file },
          error: { message: expect.stringContaining(message) },
        });
      });
    }
  });

  describe('bad input (exit 2), named with the file', () => {
    it('a file that does not exist', async () => {
      expect(await runCli(['check', './no-such-model.ts'])).toEqual({
        code: 2,
        out: '',
        err: 'mmucheck: error: ./no-such-model.ts: no such file\n',
      });
    });

    it('a TypeScript syntax error: the loader message, and the stack only with --debug', async () => {
      const file = join(scratch({ 'broken.ts': 'export const model = ;\n' }), 'broken.ts');
      const { code, err } = await runCli(['check', file]);
      expect(code).toBe(2);
      expect(err).toBe(
        `mmucheck: error: ${file}: cannot load it: Transform failed with 1 error:\n${file}:1:21: ERROR: Unexpected ";"\n`,
      );
      const debug = await runCli(['--debug', 'check', file]);
      expect(debug.err).toMatch(/Caused by: .*Transform failed/);
      expect(debug.err).toMatch(/\n +at /);
    });

    it('a file that exports no model: what it must export, and the likely typo', async () => {
      const file = join(scratch({ 'typo.mjs': 'export const modle = {};\n' }), 'typo.mjs');
      const { code, err } = await runCli(['check', file]);
      expect(code).toBe(2);
      expect(err).toBe(
        `mmucheck: error: ${file}: exports no model; a model file must export its model as \`export const model = ...\` or \`export function createModel() { ... }\` (it exports modle; did you mean "model"?)\n`,
      );
    });

    it('an exported model that is not one', async () => {
      const file = join(
        scratch({
          'half.mjs': 'export const model = { initStates: () => [0], actions: () => [], properties: () => [] };\n',
        }),
        'half.mjs',
      );
      const { code, err } = await runCli(['check', file]);
      expect(code).toBe(2);
      expect(err).toContain(
        `${file}: \`model\` is not a model: it has no nextState(); a model has initStates(), actions(), nextState() and properties()`,
      );
    });

    it('a program model with two threads of one name', async () => {
      const file = 'test/fixtures/models/duplicate-thread-names.ts';
      expect(await runCli(['check', file])).toEqual({
        code: 2,
        out: '',
        err: `mmucheck: error: ${file}: cannot load it: two threads are named "adder" (threads 0 and 1): thread names must be unique, as traces, reports and replay tell threads apart by name\n`,
      });
    });

    it('--expected, which needs a scenario file that states its expected verdict', async () => {
      expect(await runCli(['check', CLOCK, '--expected'])).toEqual({
        code: 2,
        out: '',
        err: 'mmucheck: error: --expected: needs a scenario file with an "expect" field; a model file has no expected verdict\n',
      });
    });

    it('history, which takes kernel scenarios only', async () => {
      for (const command of ['history']) {
        expect(await runCli([command, CLOCK])).toEqual({
          code: 2,
          out: '',
          err: `mmucheck: error: ${CLOCK}: ${command} takes a kernel scenario (a bundled name or a .json file), not a model file; check a model file with: mmucheck check ${CLOCK}\n`,
        });
      }
    });

    it('scenario-only flags and an unknown property id', async () => {
      expect((await runCli(['check', CLOCK, '--readers', '2'])).err).toBe(
        'mmucheck: error: --readers: applies to kernel scenarios only, not to a model file\n',
      );
      expect((await runCli(['check', CLOCK, '--property', 'reaches-tw'])).err).toBe(
        'mmucheck: error: --property: the model has no property "reaches-tw"; expected one of below-three, reaches-two, passes-one, passes-five (did you mean "reaches-two"?)\n',
      );
    });
  });
});

describe('mmucheck explain <model file>', () => {
  it("narrates a counterexample in the model's own terms: its steps, the property's name and message (exit 1)", async () => {
    const { code, out } = await runCli(['explain', 'examples/teaching/peterson-broken.ts', '--quiet']);
    expect(code).toBe(1);
    const lines = out.split('\n');
    expect(lines.slice(0, 13)).toEqual([
      "model      peterson-broken: Peterson's algorithm with the flag raised after the turn is given away",
      'file       examples/teaching/peterson-broken.ts',
      'threads    p0, p1',
      'checking   mutual-exclusion, no-deadlock, p0-enters (sometimes), p1-enters (sometimes), both-contend (sometimes)',
      '',
      'VIOLATED  mutual-exclusion: at most one thread is in the critical section',
      '',
      'What the property means:',
      '  "at most one thread is in the critical section": every reachable state must satisfy it; the model',
      '  names what is wrong in a state that does not.',
      '',
      'How it fails, step by step (8 steps: the shortest interleaving that breaks it):',
      '',
    ]);
    expect(out).toContain(
      [
        '>   8  p0 in lock:',
        '        while (flag[other] && turn == other) ;',
        '        changes: inCs[0] false → true',
        '        ✗ both threads are in the critical section.',
      ].join('\n'),
    );
    expect(lines.at(-2)).toBe(
      'reproduce  see it as a trace: mmucheck check examples/teaching/peterson-broken.ts (or --format html --out trace.html)',
    );
  });

  it('says what a pass proves: every property with its witness, the coverage, the bounds and how strong it is (exit 0)', async () => {
    const { code, out } = await runCli(['explain', 'examples/teaching/peterson.ts', '--quiet']);
    expect(code).toBe(0);
    expect(out).toContain('ALL 7 PROPERTIES HOLD on every reachable state of this model.');
    expect(out).toContain('  mutual-exclusion    at most one thread is in the critical section\n');
    expect(out).toContain(
      '  p0-enters           p0 can enter the critical section (reached: a shortest witness of 4 steps)',
    );
    expect(out).toContain('  p0-starvation-free  p0, once it raises its flag, eventually enters the critical section');
    expect(out).toContain(
      'The search reached 42 distinct states through 77 generated transitions, up to 10 steps deep.',
    );
    expect(out).toMatch(/none was reached, so the\s+search is exhaustive\./);
    expect(out.trimEnd().split('\n').at(-1)).toBe('reproduce  mmucheck explain examples/teaching/peterson.ts');
  });

  it('says nothing is proven when a bound stops the search (exit 3), and refuses scenario-only flags', async () => {
    const stopped = await runCli(['explain', 'examples/teaching/peterson.ts', '--max-states', '5', '--quiet']);
    expect(stopped.code).toBe(3);
    expect(stopped.out).toContain('NOTHING IS PROVEN: the run stopped (maxStates) before covering every state.');
    expect((await runCli(['explain', CLOCK, '--readers', '2'])).err).toBe(
      'mmucheck: error: --readers: applies to kernel scenarios only, not to a model file\n',
    );
  });
});
