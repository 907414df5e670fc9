/**
 * `mmucheck replay`: a saved ITF trace is replayed on the model rebuilt from its `#meta` — every
 * bundled counterexample replays; an edited trace is rejected with the step that no longer matches;
 * a file that is not such a trace is bad input (exit 2).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kernelRunView } from '../../../cli/report/kernelRunView.js';
import { itfTrace } from '../../../cli/formats/itfTrace.js';
import { parseItfTrace } from '../../../cli/formats/readItfTrace.js';
import { replaySavedTrace, TraceMismatch } from '../../../cli/formats/replaySavedTrace.js';
import { bundledScenarioNames } from '../../../model/kernel/loadScenario.js';
import { cli, runOf, violatingScenarios } from './runs.js';

/** A saved trace as JSON, to edit. */
interface Json {
  states: { '#meta': Record<string, unknown>; [field: string]: unknown }[];
}

const dir = mkdtempSync(join(tmpdir(), 'mmucheck-replay-'));
const saved = (name: string): Json => JSON.parse(JSON.stringify(itfTrace(kernelRunView(runOf(name))))) as Json;
/** State `i` of an edited trace. */
const at = (json: Json, i: number) => json.states[i]!;
const replay = (json: Json) => replaySavedTrace(parseItfTrace(json, 'edited.itf.json'));

function mismatch(json: Json): TraceMismatch {
  try {
    replay(json);
  } catch (e) {
    if (e instanceof TraceMismatch) return e;
    throw e;
  }
  throw new Error('the edited trace replayed');
}

/** What replay finds along a bundled lasso: the search reports the first, the loop breaks them all. */
const LASSO_VIOLATIONS: Readonly<Record<string, readonly string[]>> = {
  'destroy-requeues': ['callbacks-run', 'mm-freed'],
};

describe('every bundled counterexample replays', () => {
  it.each(violatingScenarios())(
    '%s: every step enabled, every state matching, the same violation at the end',
    (name) => {
      const run = runOf(name);
      const r = replay(saved(name));
      expect(r.steps).toEqual(run.steps);
      const found = run.outcome.kind === 'violation' ? run.outcome.violations.map((v) => v.propertyId) : [];
      // A lasso is judged along its whole loop, where every liveness property it breaks is found, not
      // only the search's first: those are pinned per scenario.
      expect(r.violations.map((v) => v.propertyId)).toEqual(LASSO_VIOLATIONS[name] ?? found);
      expect(r.references).toEqual(run.references);
    },
  );

  it.each(bundledScenarioNames().filter((n) => !violatingScenarios().includes(n)))(
    '%s (all hold): its initial state replays, without a violation',
    (name) => {
      const r = replay(saved(name));
      expect(r.steps).toEqual([]);
      expect(r.violations).toEqual([]);
    },
  );
});

describe('recorded violations', () => {
  it('a sometimes property without a witness is about the whole search and is not held against the trace', () => {
    const json = saved('seed') as Json & { '#meta': { mmucheck: { violations: unknown[] } } };
    json['#meta'].mmucheck.violations.push({ property: 'no-leak', name: '', message: 'never', noWitness: true });
    expect(replay(json).violations).toEqual([]);
  });
});

describe('an edited trace is rejected at the step that no longer matches', () => {
  it('a changed field', () => {
    const json = saved('lazy-with-reader');
    at(json, 9)['mm.count'] = { '#bigint': '9' };
    const e = mismatch(json);
    expect(e.step).toBe(9);
    expect(e.message).toBe(
      "edited.itf.json: trace does not match the model at step 9: after reader0's step, mm.count is 9 in the file but 3 in the model",
    );
  });

  it('a changed initial state', () => {
    const json = saved('eager-free');
    at(json, 0).listener0 = 'freed';
    expect(mismatch(json).message).toContain(
      'at step 0: in the initial state, listener0 is "freed" in the file but "live" in the model',
    );
  });

  it('a step by a thread that cannot move there', () => {
    const json = saved('lazy-with-reader');
    at(json, 3)['#meta'].thread = 'srcu-worker';
    const e = mismatch(json);
    expect(e.step).toBe(3);
    expect(e.why).toBe(
      'srcu-worker cannot move here: it waits in srcu_invoke_callbacks (threads that can move: exit, reader0)',
    );
  });

  it('a step that claims another statement', () => {
    const json = saved('lazy-with-reader');
    at(json, 5)['#meta'].code = 'kfree(obj)';
    expect(mismatch(json).why).toBe(
      'the file says exit runs lazy_release: kfree(obj), but its next step in the model is lazy_release: mmu_notifier_call_srcu(&obj->rcu, &lazy_destroy)',
    );
  });

  it('a swapped pair of steps', () => {
    const json = saved('lazy-with-reader');
    [json.states[8], json.states[7]] = [at(json, 7), at(json, 8)];
    expect(mismatch(json).step).toBe(7);
  });

  it('a trace cut before its violation but still claiming it', () => {
    const json = saved('lazy-with-reader');
    json.states.pop();
    const e = mismatch(json);
    expect(e.step).toBe(15);
    expect(e.why).toBe(
      "the file says the trace ends in a violation of no-callback-on-freed, but no-callback-on-freed holds at the model's last state",
    );
  });

  it('a thread the model does not have', () => {
    const json = saved('eager-free');
    at(json, 1)['#meta'].thread = 'reader7';
    expect(mismatch(json).why).toBe('the model has no thread reader7 (it has exit, reader0, module-exit, srcu-worker)');
  });
});

describe('mmucheck replay <file>', () => {
  it('replays a trace written by check --format itf --out, exit 0, saying it ends in a violation', async () => {
    const file = join(dir, 'lazy.itf.json');
    const check = await cli('check', 'lazy-with-reader', '--format', 'itf', '--out', file, '--quiet');
    expect(check.code).toBe(1);
    expect(check.out).toBe('');
    const r = await cli('replay', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`replay     ${file}: 16 steps, each enabled in the model and each state matching`);
    expect(r.out).toContain('ENDS IN A VIOLATION  no-callback-on-freed');
    expect(r.out).toContain('>  16  reader0');
    expect((await cli('replay', file, '--columns')).out).toContain('step  exit cpu0');
  });

  it('says when a trace ends without a violation', async () => {
    const file = join(dir, 'seed.itf.json');
    await cli('check', 'seed', '--format', 'itf', '--out', file, '--quiet');
    const r = await cli('replay', file);
    expect([r.code, r.out.includes('ENDS WITHOUT A VIOLATION')]).toEqual([0, true]);
  });

  it('exits 2 on a mismatch, naming the file and the step', async () => {
    const json = saved('eager-free');
    at(json, 4)['mm.users'] = { '#bigint': '5' };
    const file = join(dir, 'edited.itf.json');
    writeFileSync(file, JSON.stringify(json));
    const r = await cli('replay', file);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `mmucheck: error: ${file}: trace does not match the model at step 4: after exit's step, mm.users is 5 in the file but 0 in the model\n`,
    );
  });

  it.each([
    ['not JSON', '{"vars": [', 'not valid JSON'],
    ['no mmucheck block', '{"vars": [], "states": []}', '#meta.mmucheck: missing'],
    [
      'another format version',
      '{"#meta": {"mmucheck": {"formatVersion": 9}}, "vars": [], "states": []}',
      '#meta.mmucheck.formatVersion: expected 1',
    ],
    [
      'a bad scenario',
      '{"#meta": {"mmucheck": {"formatVersion": 1, "scenario": {"kernel": "v9"}}}, "vars": [], "states": []}',
      '#meta.mmucheck.scenario: listeners: missing required field',
    ],
  ])('exits 2 on a malformed file: %s', async (_what, text, message) => {
    const file = join(dir, 'bad.itf.json');
    writeFileSync(file, text);
    const r = await cli('replay', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('exits 2 on a missing file', async () => {
    const r = await cli('replay', join(dir, 'none.itf.json'));
    expect([r.code, r.err.includes('cannot read the trace file: no such file')]).toEqual([2, true]);
  });
});
