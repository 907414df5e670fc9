/**
 * The report formats of a model file (examples/teaching), checked as the kernel's are: an ITF
 * trace replays on the model rebuilt from the file it names; a SARIF log validates against the
 * SARIF 2.1.0 schema; DOT graphs parse into the trace's or the model's states and steps.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './runs.js';
import { validateSarif } from './sarifSchema.js';

const PETERSON_BROKEN = 'examples/teaching/peterson-broken.ts';
const LOST_UPDATE = 'examples/teaching/lost-update.ts';
const PETERSON = 'examples/teaching/peterson.ts';
const CLOCK = 'test/examples/fixtures/clock.mjs';

/** The report of `mmucheck check <args> --quiet`, as JSON. */
async function jsonOf(...args: string[]): Promise<any> {
  return JSON.parse((await cli('check', ...args, '--quiet')).out);
}

const dir = mkdtempSync(join(tmpdir(), 'mmucheck-model-reports-'));

/** Checks `file` with `--format itf --out`, and returns the path of the trace and its JSON. */
async function savedItf(file: string, name: string): Promise<{ path: string; json: any }> {
  const path = join(dir, `${name}.itf.json`);
  await cli('check', file, '--format', 'itf', '--out', path, '--quiet');
  return { path, json: JSON.parse(readFileSync(path, 'utf8')) };
}

/** Writes an edited trace and returns its path. */
function edited(json: unknown, name: string): string {
  const path = join(dir, `${name}.itf.json`);
  writeFileSync(path, JSON.stringify(json));
  return path;
}

describe('--format itf for a model file', () => {
  it('writes the shortest counterexample, naming the model file and the properties checked', async () => {
    const { code, out } = await cli('check', PETERSON_BROKEN, '--format', 'itf');
    expect(code).toBe(1);
    const itf = JSON.parse(out);
    expect(itf['#meta'].source).toBe(PETERSON_BROKEN);
    expect(itf['#meta'].mmucheck.model).toEqual({
      file: PETERSON_BROKEN,
      name: 'peterson-broken',
      properties: ['mutual-exclusion', 'no-deadlock', 'p0-enters', 'p1-enters', 'both-contend'],
      threadsVar: 'threads',
    });
    expect(itf.vars).toEqual(['flag[0]', 'flag[1]', 'turn', 'inCs[0]', 'inCs[1]', 'threads']);
    expect(itf.states).toHaveLength(9);
    expect(itf.states[8]['#meta']).toMatchObject({ thread: 'p0', fn: 'lock', violated: ['mutual-exclusion'] });
    expect(itf.states[0].threads).toEqual({ p0: 'noncritical_section', p1: 'noncritical_section' });
  });

  it('sets every variable in every state, marking one the state lacks as absent', async () => {
    const { json } = await savedItf(LOST_UPDATE, 'lost-update');
    for (const state of json.states) expect(Object.keys(state).sort()).toEqual(['#meta', ...json.vars].sort());
    expect(json.vars).toContain('t0.local');
    expect(json.states[0]['t0.local']).toEqual({ '#unserializable': 'absent' });
  });
});

describe('mmucheck replay of a model file trace', () => {
  it.each([
    [PETERSON_BROKEN, 'mutual-exclusion', 8],
    [LOST_UPDATE, 'ends-at-four', 8],
    [CLOCK, 'passes-five', 2],
  ])('%s: replays every step on the model rebuilt from the file, ending in %s', async (file, property, steps) => {
    const { path } = await savedItf(file, `replay-${property}`);
    const { code, out, err } = await cli('replay', path);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out.split('\n').slice(0, 5)).toEqual([
      `replay     ${path}: ${steps} steps, each enabled in the model and each state matching`,
      expect.stringMatching(/^model {6}/),
      `file       ${file}`,
      '',
      expect.stringContaining(`ENDS IN A VIOLATION  ${property}:`),
    ]);
    expect(out).toContain(`>${String(steps).padStart(4)}  `);
  });

  it('replays the initial state alone of a model whose properties hold', async () => {
    const { path, json } = await savedItf(PETERSON, 'peterson');
    expect(json.states).toHaveLength(1);
    const { code, out } = await cli('replay', path);
    expect(code).toBe(0);
    expect(out).toContain('ENDS WITHOUT A VIOLATION');
  });

  it('rejects an edited trace at the step that no longer matches', async () => {
    const { json } = await savedItf(PETERSON_BROKEN, 'to-edit');
    json.states[2].turn = { '#bigint': '0' };
    const { code, err } = await cli('replay', edited(json, 'edited'));
    expect(code).toBe(2);
    expect(err).toContain(
      'trace does not match the model at step 2: after p0 step, turn is 0 in the file but 1 in the model',
    );
  });

  it('refuses a trace whose model file is not there, naming it and where it was looked for', async () => {
    const { json } = await savedItf(PETERSON_BROKEN, 'moved');
    json['#meta'].mmucheck.model.file = 'examples/teaching/no-such-model.ts';
    json['#meta'].mmucheck.model.fromTrace = 'no-such-model.ts';
    const path = edited(json, 'moved-edited');
    const looked = [
      join(dir, 'no-such-model.ts'),
      'examples/teaching/no-such-model.ts',
      join(dir, json['#meta'].mmucheck.model.file),
    ];
    expect(await cli('replay', path)).toEqual({
      code: 2,
      out: '',
      err: `mmucheck: error: ${path}: the trace was written for the model file examples/teaching/no-such-model.ts (#meta.mmucheck.model.file), which is not there: looked for ${looked.join(', ')}; restore it, or run replay from the directory it was checked in\n`,
    });
  });

  it('refuses --columns, which lays out kernel traces only', async () => {
    const { path } = await savedItf(PETERSON_BROKEN, 'columns');
    expect((await cli('replay', path, '--columns')).err).toBe(
      'mmucheck: error: --columns: applies to traces of kernel scenarios only, not of a model file\n',
    );
  });
});

describe('--format sarif for a model file', () => {
  it.each([[PETERSON_BROKEN], [LOST_UPDATE], [PETERSON], [CLOCK], [PETERSON_BROKEN, '--max-states', '5']])(
    '%s %s %s: validates against the SARIF 2.1.0 schema',
    async (...args) => {
      const log = await jsonOf(...args.filter((a) => a !== undefined), '--format', 'sarif');
      expect(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true);
    },
  );

  it('has a result naming the violated property, with a thread flow per thread of the program model', async () => {
    const run = (await jsonOf(PETERSON_BROKEN, '--format', 'sarif')).runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'mutual-exclusion',
      'no-deadlock',
      'p0-enters',
      'p1-enters',
      'both-contend',
    ]);
    expect(run.originalUriBaseIds).toBeUndefined();
    expect(run.properties).toMatchObject({ model: 'peterson-broken', file: PETERSON_BROKEN, verdict: 'violation' });
    const [result] = run.results;
    expect(result.ruleId).toBe('mutual-exclusion');
    expect(run.tool.driver.rules[result.ruleIndex].shortDescription.text).toBe(
      'at most one thread is in the critical section',
    );
    expect(result.message.text).toBe(
      'both threads are in the critical section (model peterson-broken, 8-step counterexample)',
    );
    expect(result.locations[0]).toEqual({
      physicalLocation: { artifactLocation: { uri: PETERSON_BROKEN } },
      logicalLocations: [{ name: 'lock', fullyQualifiedName: 'lock', kind: 'function' }],
      message: { text: 'while (flag[other] && turn == other) ;' },
    });
    const flows = result.codeFlows[0].threadFlows;
    expect(flows.map((f: { id: string }) => f.id)).toEqual(['p0', 'p1']);
    expect(flows[0].locations.map((l: { executionOrder: number }) => l.executionOrder)).toEqual([1, 2, 7, 8]);
    expect(flows[0].locations[3].kinds).toEqual(['danger']);
    expect(result.relatedLocations).toEqual([]);
  });

  it('puts the steps of a model without threads in one thread flow, without a logical location', async () => {
    const [result] = (await jsonOf(CLOCK, '--format', 'sarif')).runs[0].results;
    const flows = result.codeFlows[0].threadFlows;
    expect(flows.map((f: { id: string }) => f.id)).toEqual(['model']);
    expect(flows[0].locations[0].location).toEqual({
      physicalLocation: { artifactLocation: { uri: CLOCK } },
      message: { text: 'tick from 0' },
    });
  });
});

/** The node and edge statements of a DOT graph, after checking the shape Graphviz parses (as dot.test.ts does). */
function parseDot(dot: string): { nodes: string[]; edges: [string, string][] } {
  const lines = dot.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^digraph \w+ \{$/);
  expect(lines[lines.length - 1]).toBe('}');
  for (const l of lines.slice(1, -1)) {
    expect(l, l).toMatch(/;$/);
    expect(l.replace(/\\\\|\\"/g, '').split('"').length % 2, l).toBe(1);
  }
  const nodes = lines.flatMap((l) => /^ {2}(\w+) \[label/.exec(l)?.[1] ?? []);
  const edges = lines.flatMap((l): [string, string][] => {
    const m = /^ {2}(\w+) -> (\w+) /.exec(l);
    return m ? [[m[1]!, m[2]!]] : [];
  });
  return { nodes, edges };
}

describe('--format dot for a model file', () => {
  it('draws the counterexample as a chain of states, the failing one red', async () => {
    const { code, out } = await cli('check', PETERSON_BROKEN, '--format', 'dot', '--quiet');
    expect(code).toBe(1);
    const { nodes, edges } = parseDot(out);
    expect(nodes).toEqual(Array.from({ length: 9 }, (_v, i) => `s${i}`));
    expect(edges).toEqual(Array.from({ length: 8 }, (_v, i) => [`s${i}`, `s${i + 1}`]));
    expect(out).toContain(
      'label="peterson-broken: mutual-exclusion violated\\nmmucheck check examples/teaching/peterson-broken.ts"',
    );
    expect(out).toContain('s1 -> s2 [label="2 p0\\llock\\lturn = other\\l", color="#1f77b4"');
    expect(out).toMatch(
      /s8 \[label="after step 8\\linCs\[0\]: false → true\\l✗ both threads are in the critical section\\l", style=filled, fillcolor="#f8d0d0"/,
    );
  });

  it('with --graph, draws every reachable state: as many as the checker counts when the properties hold', async () => {
    const { stats } = await jsonOf(PETERSON, '--format', 'json');
    const { nodes, edges } = parseDot((await cli('check', PETERSON, '--format', 'dot', '--graph', '--quiet')).out);
    expect(nodes).toHaveLength(stats.distinct);
    expect(edges.length).toBeGreaterThanOrEqual(nodes.length - 1);
  });

  it('with --graph, names the edges of a model without threads by their steps', async () => {
    const { out } = await cli('check', CLOCK, '--format', 'dot', '--graph', '--quiet');
    expect(parseDot(out)).toEqual({
      nodes: ['n0', 'n1', 'n2'],
      edges: [
        ['n0', 'n1'],
        ['n1', 'n2'],
      ],
    });
    expect(out).toContain('n0 -> n1 [label="tick from 0"');
  });

  it('with --graph, draws the trace to a model error instead of exploring a model that broke its contract', async () => {
    const { code, out } = await cli(
      'check',
      'test/fixtures/models/actions-not-an-array.mjs',
      '--format',
      'dot',
      '--graph',
      '--quiet',
    );
    expect(code).toBe(4);
    expect(out).toMatch(/^digraph counterexample \{\n {2}label="actions-not-an-array: modelError\\n/);
  });

  it('refuses --graph with another format', async () => {
    expect((await cli('check', CLOCK, '--graph')).err).toBe(
      'mmucheck: error: --graph: applies to --format dot only, not text\n',
    );
  });
});

describe('--format html for a model file', () => {
  /** The data the page embeds. */
  const pageData = (html: string): any =>
    JSON.parse(/<script type="application\/json" id="mmucheck-data">(.*?)<\/script>/s.exec(html)![1]!);

  it("embeds the model's threads, the steps with the state after each, and the failure", async () => {
    const { code, out } = await cli('check', PETERSON_BROKEN, '--format', 'html', '--quiet');
    expect(code).toBe(1);
    const data = pageData(out);
    expect(data.scenario).toBe('peterson-broken');
    expect(data.threads.map((t: { name: string }) => t.name)).toEqual(['p0', 'p1']);
    expect(data.steps).toHaveLength(8);
    expect(data.steps[1].state).toEqual({
      view: { 'flag[0]': false, 'flag[1]': false, turn: 1, 'inCs[0]': false, 'inCs[1]': false },
      threads: { p0: 'lock', p1: 'noncritical_section' },
    });
    expect(data.steps[7].failure).toBe('both threads are in the critical section');
  });

  it('puts the steps of a model without threads in one lane', async () => {
    const { out } = await cli('check', CLOCK, '--format', 'html', '--quiet');
    expect(pageData(out).threads).toEqual([{ name: '', cpu: null, colour: '#1f77b4', moves: true }]);
    expect(out).toContain('<th class="lane-head" style="color: #1f77b4">steps</th>');
  });
});
