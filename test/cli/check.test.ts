/**
 * `mmucheck check` in-process: the default run, every bundled scenario's verdict and exit code, the
 * JSON report's documented fields, and the bounds that end a run as incomplete (exit 3). Runs use
 * `--workers 1` (results do not depend on the worker count) except the default run itself.
 */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { bundledScenarioNames, loadScenario } from '../../model/kernel/loadScenario.js';
import { runCli } from '../helpers/runCli.js';

const ONE = ['--workers', '1', '--quiet'];

/** The JSON report of `check <args> --format json`, with the exit code. */
async function jsonCheck(
  args: readonly string[],
): Promise<{ code: number; report: Record<string, unknown> & { stats: Record<string, number> } }> {
  const r = await runCli(['check', ...args, '--format', 'json', ...ONE]);
  expect(r.err).toBe('');
  return { code: r.code, report: JSON.parse(r.out) };
}

describe('check with no argument', () => {
  it('checks seed, exits 0 and prints the summary with the command that reproduces it', async () => {
    const r = await runCli(['check']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^scenario {3}seed: /);
    expect(r.out).toContain('ALL PROPERTIES HOLD on every reachable state (15 properties)');
    expect(r.out).toMatch(
      /^707 distinct states, 1,657 generated, depth 34, [\d.]+ s \([\d,]+ states\/s\), fingerprint collision probability 3\.6e-14$/m,
    );
    expect(r.out).toContain('expected   all properties hold: as expected');
    expect(r.out).toMatch(/reproduce {2}mmucheck check seed\n$/);
  });
});

describe('every bundled scenario, run by name', () => {
  for (const name of bundledScenarioNames()) {
    const expectation = loadScenario(name).expect!;
    const verdict =
      expectation.verdict === 'ok' ? 'exits 0: all properties hold' : `exits 1 naming ${expectation.property}`;
    it(`${name} ${verdict}, as its file expects`, async () => {
      const r = await runCli(['check', name, ...ONE]);
      expect(r.err).toBe('');
      if (expectation.verdict === 'ok') {
        expect(r.code).toBe(0);
        expect(r.out).toContain('ALL PROPERTIES HOLD');
      } else {
        expect(r.code).toBe(1);
        expect(r.out).toMatch(new RegExp(`^VIOLATED {2}${expectation.property}: `, 'm'));
        expect(r.out).toMatch(
          /^Shortest counterexample: \d+ steps( that loop forever \(a stem of \d+ steps and a loop of \d+ steps\))?$/m,
        );
      }
      expect(r.out).toContain(': as expected');
    });
  }
});

describe('--format json', () => {
  it('reports a holding run: verdict ok, no property, no trace, the statistics', async () => {
    const { code, report } = await jsonCheck(['seed']);
    expect(code).toBe(0);
    expect(report).toMatchObject({
      formatVersion: 1,
      verdict: 'ok',
      property: null,
      violations: [],
      reason: null,
      error: null,
      trace: null,
      initial: null,
    });
    expect(report.stats).toMatchObject({ generated: 1657, distinct: 707, depth: 34, queue: 0 });
    expect(Object.keys(report.stats).sort()).toEqual([
      'collisionProbability',
      'depth',
      'distinct',
      'elapsedMs',
      'generated',
      'queue',
      'statesPerSecond',
      'storeBytes',
    ]);
    expect(report.stats.elapsedMs).toBeGreaterThan(0);
    expect(report).toMatchObject({
      expected: { verdict: 'ok' },
      matchesExpected: true,
      reproduce: 'mmucheck check seed',
    });
    expect(report['scenario']).toMatchObject({ name: 'seed', kernel: 'v3.17', srcu: 'classic', cpus: 2 });
    expect(report['properties']).toHaveLength(15);
  });

  it('reports a violation with its shortest trace, every step with its documented fields', async () => {
    const { code, report } = await jsonCheck(['lazy-with-reader']);
    expect(code).toBe(1);
    expect(report).toMatchObject({ verdict: 'violation', property: 'no-callback-on-freed', matchesExpected: true });
    expect((report['violations'] as { property: string }[]).map((v) => v.property)).toEqual([
      'no-callback-on-freed',
      'no-use-after-free',
    ]);
    const trace = report['trace'] as Record<string, unknown>[];
    expect(trace).toHaveLength(16);
    expect(trace.map((s) => s['step'])).toEqual(Array.from({ length: 16 }, (_v, i) => i + 1));
    expect(trace[0]).toEqual({
      step: 1,
      thread: 'exit',
      cpu: 0,
      fn: 'mmput',
      code: 'if (atomic_dec_and_test(&mm->mm_users))',
      changes: [{ field: 'mm.users', from: 1, to: 0 }],
    });
    // `kind` is there on the steps that have one: taking a lock, entering a read-side section, …
    expect(trace[1]).toMatchObject({
      step: 2,
      fn: '__mmu_notifier_release',
      code: 'id = srcu_read_lock(&srcu)',
      kind: 'srcu-lock',
    });
    expect(trace[15]).toMatchObject({ thread: 'reader0', cpu: 1, fn: '__mmu_notifier_invalidate_range_start' });
    expect(report['initial']).toMatchObject({ 'mm.users': 1, list: 'L0' });
    expect((report['references'] as { step: number }[]).map((r) => r.step)).toContain(5);
  });
});

describe('bounds end a run as incomplete (exit 3), never as a pass', () => {
  it('--max-states 10 on seed stops after 10 distinct states', async () => {
    const text = await runCli(['check', 'seed', '--max-states', '10', ...ONE]);
    expect(text.code).toBe(3);
    expect(text.out).toContain('INCOMPLETE: the --max-states bound was reached before a verdict; nothing is proven');
    expect(text.out).not.toContain('as expected');
    const { code, report } = await jsonCheck(['seed', '--max-states', '10']);
    expect(code).toBe(3);
    expect(report).toMatchObject({ verdict: 'incomplete', reason: 'maxStates', property: null, matchesExpected: null });
    expect(report.stats.distinct).toBe(10);
  });

  it('--max-depth 3 leaves states unexpanded', async () => {
    const { code, report } = await jsonCheck(['seed', '--max-depth', '3']);
    expect(code).toBe(3);
    expect(report).toMatchObject({ verdict: 'incomplete', reason: 'maxDepth' });
    expect(report.stats.depth).toBe(3);
  });

  it('--timeout 1ms on seed with 4 readers runs out of time', async () => {
    const r = await runCli(['check', 'seed', '--readers', '4', '--timeout', '1ms', ...ONE]);
    expect(r.code).toBe(3);
    expect(r.out).toContain('INCOMPLETE: the --timeout ran out before a verdict; nothing is proven');
    expect(r.out).toMatch(/^(1 distinct state|[\d,]+ distinct states), [\d,]+ generated, depth \d+/m);
  });

  it('--workers above four per CPU is refused before anything runs: exit 2 naming the flag and the limit', async () => {
    const max = 4 * availableParallelism();
    if (max >= 256) return; // the option's own range (at most 256) is the limit there
    const r = await runCli(['check', 'seed', '--workers', String(max + 1), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`--workers: ${max + 1} is more than this machine can use: at most ${max} (4 per CPU)`);
  });

  it('a stop request (what SIGINT and SIGTERM raise) ends the run as interrupted', async () => {
    const r = await runCli(['check', 'seed', '--readers', '4', '--format', 'json', ...ONE], () => true);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out)).toMatchObject({ verdict: 'incomplete', reason: 'interrupted' });
  });
});

describe('scenarios, --help and --version', () => {
  it('scenarios lists all twenty-three bundled scenarios with their expected verdicts', async () => {
    const r = await runCli(['scenarios']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(bundledScenarioNames());
    expect(lines).toHaveLength(23);
    expect(lines.find((l) => l.startsWith('seed '))).toMatch(/^seed\s+all hold\s+/);
    expect(lines.find((l) => l.startsWith('sync-in-release '))).toMatch(/^sync-in-release\s+no-deadlock violated\s+/);
  });

  it('--help exits 0 and names the commands', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: mmucheck \[options\] \[command\]/);
    expect(r.out).toMatch(/^ {2}check \[options\] \[scenario\]/m);
    expect(r.out).toMatch(/^ {2}scenarios \[options\]/m);
    expect(r.err).toBe('');
  });

  it('check --help exits 0 and lists the options of check', async () => {
    const r = await runCli(['check', '--help']);
    expect(r.code).toBe(0);
    for (const flag of [
      '--kernel',
      '--srcu',
      '--readers',
      '--property',
      '--max-states',
      '--max-depth',
      '--timeout',
      '--format',
      '--quiet',
    ])
      expect(r.out).toContain(flag);
  });

  it('--version exits 0 and prints the version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('no command at all', () => {
  it('prints the usage on stderr and exits 2', async () => {
    const { code, out, err } = await runCli([]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('Usage: mmucheck');
    expect(err).toContain('no command given');
  });
});
