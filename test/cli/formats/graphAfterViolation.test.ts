/**
 * `--format dot --graph` after a violation: the graph stops where the check stopped (at the
 * counterexample's depth), and a model method that throws while the graph is drawn is a model
 * error (exit 4) with the trace to the state it was drawing, never an internal error.
 */
import { describe, expect, it } from 'vitest';
import { GraphModelError } from '../../../cli/formats/GraphModelError.js';
import { stateGraph } from '../../../cli/formats/stateGraph.js';
import type { Model } from '../../../model/Model.js';
import { cli } from './runs.js';

const FIXTURE = 'test/fixtures/models/graph-step-throws.mjs';

/** The fixture's model: a violation at depth 2 on one branch, a step that throws at depth 4 on the other. */
async function fixtureModel(): Promise<Model<number, string>> {
  const url = new URL('../../fixtures/models/graph-step-throws.mjs', import.meta.url);
  return ((await import(url.href)) as { model: Model<number, string> }).model;
}

describe('--format dot --graph after a violation', () => {
  it('draws the states to the depth of the counterexample, not the step past it that throws', async () => {
    const { code, out, err } = await cli('check', FIXTURE, '--format', 'dot', '--graph', '--quiet');
    expect(err).toBe('');
    expect(code).toBe(1);
    expect(out).toContain('5 states, 4 transitions, to depth 2 (where the check stopped)');
    expect(out).toContain('tooltip="state: 11"');
    expect(out).not.toContain('tooltip="state: 12"');
    expect(out).toMatch(/n3 \[label="3\\n✗ not-two"/);
  });

  it('draws the same graph with --workers 2', async () => {
    const one = await cli('check', FIXTURE, '--format', 'dot', '--graph', '--quiet');
    const two = await cli('check', FIXTURE, '--format', 'dot', '--graph', '--quiet', '--workers', '2');
    expect(two.code).toBe(1);
    expect(two.out).toBe(one.out);
  });

  it('reports a step that throws while drawing as a model error, with the trace to its state (exit 4)', async () => {
    // A bounded run ends incomplete and draws every reachable state, past the bound: the step from 12 throws.
    const { code, out, err } = await cli('check', FIXTURE, '--format', 'dot', '--graph', '--quiet', '--max-depth', '1');
    expect(err).toBe('');
    expect(code).toBe(4);
    expect(out).toMatch(/^digraph counterexample \{\n {2}label="graph-step-throws: modelError\\n/);
    expect(out).toContain('s3 [label="after step 3\\lstate: 11 → 12\\l"]');
  });

  it('stateGraph throws a GraphModelError naming the step and the trace to the state it was taken in', async () => {
    const model = await fixtureModel();
    expect(stateGraph(model, 100, 2).nodes.map((n) => n.state)).toEqual([0, 1, 10, 2, 11]);
    let thrown: unknown;
    try {
      stateGraph(model);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(GraphModelError);
    const error = thrown as GraphModelError;
    expect(error.message).toBe(
      'drawing the state graph (--graph), beyond the states the check explored: the step from 12 is not written yet',
    );
    expect(error.action).toBe('inc');
    expect(error.trace).toEqual({
      initial: 0,
      steps: [
        { action: 'right', state: 10 },
        { action: 'inc', state: 11 },
        { action: 'inc', state: 12 },
      ],
    });
  });
});
