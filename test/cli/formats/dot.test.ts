/** `--format dot`: the counterexample as a chain of states, or with `--graph` the whole state graph of a small scenario. */
import { describe, expect, it } from 'vitest';
import { kernelRunView } from '../../../cli/report/kernelRunView.js';
import { dotTrace } from '../../../cli/formats/dotTrace.js';
import { dotStateGraph } from '../../../cli/formats/dotStateGraph.js';
import { stateGraph } from '../../../cli/formats/stateGraph.js';
import { InputError } from '../../../model/InputError.js';
import { cli, runOf } from './runs.js';

/** One statement a line, each ending in `;`, every string closed on its line: the shape Graphviz parses. */
function expectWellFormed(dot: string): void {
  const lines = dot.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^digraph \w+ \{$/);
  expect(lines[lines.length - 1]).toBe('}');
  for (const l of lines.slice(1, -1)) {
    expect(l, l).toMatch(/;$/);
    expect(l.replace(/\\\\|\\"/g, '').split('"').length % 2, l).toBe(1);
  }
}

describe('the counterexample in DOT', () => {
  const dot = dotTrace(kernelRunView(runOf('lazy-with-reader')));

  it('is a chain of 17 states joined by the 16 steps', () => {
    expectWellFormed(dot);
    expect(dot.match(/^ {2}s\d+ \[label/gm)).toHaveLength(17);
    expect(dot.match(/^ {2}s\d+ -> s\d+ /gm)).toHaveLength(16);
    expect(dot).toContain(
      's7 -> s8 [label="8 reader0 (cpu1)\\l__mmu_notifier_invalidate_range_start\\lid = srcu_read_lock(&srcu)\\l"',
    );
  });

  it('shows the changed fields, the steps that set the failure up (yellow) and the failing state (red)', () => {
    expect(dot).toContain('s15 [label="after step 15\\llistener0: live → freed\\l');
    expect(dot).toMatch(/s5 \[label="[^\n]*fillcolor="#fff3c0"/);
    expect(dot).toMatch(
      /s16 \[label="[^\n]*✗ the driver method invalidate_range_start is invoked on[^\n]*fillcolor="#f8d0d0"/,
    );
  });
});

describe('the state graph in DOT (--graph)', () => {
  it('has exactly the states the checker counts when every property holds', () => {
    const run = runOf('seed-post-patch-lazy');
    const graph = stateGraph(run.model);
    expect(graph.nodes).toHaveLength(run.outcome.stats.distinct);
    expect(graph.nodes).toHaveLength(115);
    expectWellFormed(dotStateGraph(kernelRunView(run)));
  });

  it('keeps violating states without expanding them, and draws the counterexample bold', () => {
    const run = runOf('eager-free');
    const dot = dotStateGraph(kernelRunView(run));
    expectWellFormed(dot);
    expect(dot).toContain('✗ no-use-after-free');
    expect(dot.match(/penwidth=2\.5/g)).toHaveLength(6);
  });

  it('refuses a graph above the limit, as bad input', () => {
    expect(() => stateGraph(runOf('seed').model, 100)).toThrow(InputError);
    expect(() => stateGraph(runOf('seed').model, 100)).toThrow('the state graph has more than 100 states');
  });
});

describe('mmucheck check --format dot', () => {
  it('draws the counterexample on stdout, with the violation exit code', async () => {
    const r = await cli('check', 'eager-free', '--format', 'dot', '--quiet');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^digraph counterexample \{/);
  });

  it('refuses --graph above 2,000 states with exit 2', async () => {
    const r = await cli('check', 'seed', '--readers', '2', '--format', 'dot', '--graph', '--quiet');
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'mmucheck: error: --graph: the state graph has more than 2,000 states; --graph draws graphs of at most 2,000 (drop --graph to draw the counterexample alone, or check a smaller scenario)\n',
    );
  });

  it('draws the whole graph of a small scenario', async () => {
    const r = await cli('check', 'seed', '--format', 'dot', '--graph', '--quiet');
    expect(r.code).toBe(0);
    expect(r.out).toContain('seed: all properties hold: 707 states');
  });
});
