/**
 * Lasso counterexamples (a liveness violation that loops forever) in every format, and `replay` of
 * them: examples/teaching/spinlock-starvation.ts fails `t0-gets-the-lock` with a stem of 1 step and
 * a loop of 5 under its default weak fairness (cycleStart 1: the sixth step leads back to the state
 * after the first). --fairness changes the loop: none 1 + 4 (t1 alone loops), strong as weak.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../examples/runCli.js';

const MODEL = 'examples/teaching/spinlock-starvation.ts';
const dir = mkdtempSync(join(tmpdir(), 'mmucheck-lasso-'));
const check = (...args: string[]) => runCli(['check', MODEL, '--quiet', ...args]);
type Json = Record<string, unknown>;

describe('a lasso in every format', () => {
  it('text: the loop starts before step 2 and goes back to the state after step 1', async () => {
    const { code, out } = await check();
    expect(code).toBe(1);
    expect(out).toContain('fairness   weak\n');
    expect(out).toContain(
      'Shortest counterexample: 6 steps that loop forever (a stem of 1 step and a loop of 5 steps)',
    );
    const lines = out.split('\n');
    const loop = lines.indexOf('── loop: the steps below repeat forever ──');
    expect(lines[loop - 3]).toMatch(/^ {4}1 {2}t0/);
    expect(lines[loop + 1]).toMatch(/^ {4}2 {2}t1/);
    expect(lines).toContain('── back to the state after step 1 ──');
  });

  it('json: cycleStart 1 beside a trace of 6 steps, and the fairness judged under', async () => {
    const { code, out } = await check('--format', 'json');
    expect(code).toBe(1);
    const report = JSON.parse(out) as Json;
    expect([report['cycleStart'], (report['trace'] as unknown[]).length, report['fairness']]).toEqual([1, 6, 'weak']);
  });

  it("itf: ADR-015's loop is 1, the last state equals state 1", async () => {
    const { out } = await check('--format', 'itf');
    const trace = JSON.parse(out) as { loop: number; states: Json[] };
    expect([trace.loop, trace.states.length]).toEqual([1, 7]);
    const strip = ({ '#meta': _, ...vars }: Json) => vars;
    expect(strip(trace.states[6]!)).toEqual(strip(trace.states[1]!));
  });

  it('sarif: the location of step 2 says the loop starts there, the result says the run loops', async () => {
    const { out } = await check('--format', 'sarif');
    const result = (JSON.parse(out) as { runs: { results: Json[] }[] }).runs[0]!.results[0]!;
    expect((result['message'] as { text: string }).text).toContain(
      '6-step counterexample that loops forever: a stem of 1 step and a loop of 5 steps, back to the state after step 1',
    );
    const flow = (result['codeFlows'] as { properties: Json; threadFlows: { locations: Json[] }[] }[])[0]!;
    expect(flow.properties).toEqual({ cycleStart: 1 });
    const starts = flow.threadFlows
      .flatMap((t) => t.locations)
      .filter((l) => (l['kinds'] as string[] | undefined)?.includes('loop-start'));
    expect(starts.map((l) => l['executionOrder'])).toEqual([2]);
    expect(JSON.stringify(starts[0])).toContain('loop starts here');
  });

  it('html: rows mark the loop start before step 2 and the way back to step 1', async () => {
    const file = join(dir, 'lasso.html');
    expect((await check('--format', 'html', '--out', file)).code).toBe(1);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('6 steps that loop forever (a stem of 1 step and a loop of 5 steps)');
    expect(html).toMatch(/<tr class="loop-start">.*loop: the steps below repeat forever<\/td><\/tr><tr data-step="2">/);
    expect(html).toContain('<tr class="loop-back" data-step="1">');
    expect(html).toContain('"cycleStart":1}');
  });

  it('dot: a dashed back edge from the last state to the loop start', async () => {
    const { out } = await check('--format', 'dot');
    expect(out).toContain('  s1 [xlabel="loop starts here", peripheries=2];');
    expect(out).toMatch(/ {2}s6 -> s1 \[label="back to the state after step 1: repeats forever", style=dashed/);
  });
});

describe('--fairness', () => {
  const shape = async (...args: string[]) => {
    const report = JSON.parse((await check('--format', 'json', ...args)).out) as Json;
    const steps = (report['trace'] as unknown[]).length;
    return { stem: report['cycleStart'], loop: steps - (report['cycleStart'] as number), fairness: report['fairness'] };
  };

  it('none: t1 loops alone, a stem of 1 and a loop of 4', async () => {
    expect(await shape('--fairness', 'none')).toEqual({ stem: 1, loop: 4, fairness: 'none' });
  });

  it('weak and strong: a stem of 1 and a loop of 5 in which both threads move', async () => {
    expect(await shape('--fairness', 'weak')).toEqual({ stem: 1, loop: 5, fairness: 'weak' });
    expect(await shape('--fairness', 'strong')).toEqual({ stem: 1, loop: 5, fairness: 'strong' });
  });

  it('is shown in the header and the reproduce line', async () => {
    const { out } = await check('--fairness', 'none');
    expect(out).toContain('fairness   none (--fairness)\n');
    expect(out).toContain(`reproduce  mmucheck check ${MODEL} --fairness none\n`);
  });

  it('a bad value exits 2 naming the flag', async () => {
    const { code, err } = await check('--fairness', 'fair');
    expect(code).toBe(2);
    expect(err).toContain("option '--fairness <kind>' argument 'fair' is invalid");
    expect(err).toContain('expected one of weak, strong, none');
  });
});

describe('replay of a lasso', () => {
  const saved = async (name: string, ...args: string[]) => {
    const file = join(dir, name);
    await check('--format', 'itf', '--out', file, ...args);
    return file;
  };

  it('replays the ITF lasso: the loop closes, it is weakly fair, and the property is never answered', async () => {
    const { code, out } = await runCli(['replay', await saved('weak.itf.json')]);
    expect(code).toBe(0);
    expect(out).toContain(
      'lasso      a stem of 1 step and a loop of 5 steps: the last state is the state after step 1 again, so the loop repeats forever',
    );
    expect(out).toContain(
      'fairness   the loop is weakly fair: every thread moves in it or is disabled at one of its states',
    );
    expect(out).toContain('LOOPS FOREVER IN A VIOLATION  t0-gets-the-lock');
    expect(out).toContain(
      '✗ the run loops forever (back to the state after step 1) and it is triggered after step 1 and never answered after that',
    );
  });

  it('says when the loop is not weakly fair (--fairness none: t0 spins, enabled, and never moves)', async () => {
    const { code, out } = await runCli(['replay', await saved('none.itf.json', '--fairness', 'none')]);
    expect(code).toBe(0);
    expect(out).toContain(
      'fairness   the loop is not weakly fair: t0 is enabled at every state of the loop and never moves',
    );
  });

  /** Replays the saved weak-fairness lasso with its `loop` set to `loop`. */
  const replayWithLoop = async (name: string, loop: number) => {
    const trace = JSON.parse(readFileSync(await saved(`${name}.itf.json`), 'utf8')) as Json;
    const file = join(dir, `${name}-edited.itf.json`);
    writeFileSync(file, JSON.stringify({ ...trace, loop }));
    return runCli(['replay', file]);
  };

  it('refuses a lasso whose loop does not close, exit 2', async () => {
    const { code, err } = await replayWithLoop('tampered', 0);
    expect(code).toBe(2);
    expect(err).toContain(
      'trace does not match the model at step 6: the file says the trace loops back to the initial state (loop 0), but the last state is not that state: wants[0] is false there but true at the end',
    );
  });

  it('refuses a loop index out of range, exit 2 naming the field', async () => {
    const { code, err } = await replayWithLoop('range', 6);
    expect(code).toBe(2);
    expect(err).toContain('loop: expected the index of the state where the loop begins, a whole number from 0 to 5');
  });
});
