/**
 * Runs that cannot hold the terminal: the interrupt, the timeout and the memory bound are enforced
 * from the main thread (cli/RunGuard.ts), so a model step that never returns, or states so large
 * that memory grows between two polls of the search, still end as incomplete (exit 3) with a
 * report; and a stopped run never reports fewer states than its last progress line showed.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BINARY, REPO_ROOT, binaryBuilt, startBinary } from '../helpers/runCli.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'guard');
const NEVER_RETURNS = join(FIXTURES, 'step-never-returns.mjs');
const LARGE_STATES = join(FIXTURES, 'large-states.mjs');

/** Starts `args`, sends each signal of `signals` at its time (ms after the start), and returns how the run ended. */
async function run(args: readonly string[], signals: readonly [number, NodeJS.Signals][] = []) {
  const child = startBinary(args);
  const started = performance.now();
  const kill = setTimeout(() => child.signal('SIGKILL'), 20_000); // never leave a run behind
  const sent: number[] = [];
  const timers = signals.map(([at, signal]) =>
    setTimeout(() => {
      sent.push(performance.now());
      child.signal(signal);
    }, at),
  );
  const ended = await child.ended;
  const endedAt = performance.now();
  clearTimeout(kill);
  timers.forEach(clearTimeout);
  return {
    ...ended,
    ms: endedAt - started,
    afterLastSignalMs: sent.length > 0 ? endedAt - sent[sent.length - 1]! : undefined,
  };
}

const reasonOf = (out: string) => (JSON.parse(out) as { verdict: string; reason: string }).reason;

describe.runIf(binaryBuilt()).concurrent('the main thread ends a run whose step never returns', () => {
  it('at its --timeout: exit 3, the report says timeout, stderr says why', async () => {
    const r = await run(['check', NEVER_RETURNS, '--timeout', '1s', '--format', 'json']);
    expect(r.code, r.err).toBe(3);
    expect(reasonOf(r.out)).toBe('timeout');
    expect(r.err).toContain('the search did not stop within 1.5 s of its --timeout');
  });

  it('on SIGINT, within the grace period: exit 3, the report says interrupted', async () => {
    const r = await run(['check', NEVER_RETURNS, '--format', 'json'], [[1500, 'SIGINT']]);
    expect(r.code, r.err).toBe(3);
    expect(reasonOf(r.out)).toBe('interrupted');
    expect(r.afterLastSignalMs).toBeLessThan(4000);
  });

  it('on a second SIGTERM at once, with the text report', async () => {
    const r = await run(
      ['check', NEVER_RETURNS],
      [
        [3000, 'SIGTERM'],
        [3200, 'SIGTERM'],
      ],
    );
    expect(r.code, r.err).toBe(3);
    expect(r.out, r.err).toContain('INCOMPLETE: the run was interrupted before a verdict; nothing is proven');
    expect(r.err).toContain('interrupted again; the run ends now');
    expect(r.afterLastSignalMs).toBeLessThan(1000);
  });
});

describe.runIf(binaryBuilt())('the memory bound', () => {
  it('holds within 10% on a model whose states are 300 KB each: exit 3, reason memory', () => {
    // Python's RUSAGE_CHILDREN gives the child's peak resident memory, whatever sampling would miss.
    const bound = 300 * 2 ** 20;
    const measure =
      'import resource, subprocess, sys\nr = subprocess.run(sys.argv[1:], capture_output=True, text=True)\nsys.stdout.write(r.stdout)\nsys.stderr.write("maxrss %d\\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\nsys.exit(r.returncode)';
    const r = spawnSync(
      'python3',
      [
        '-c',
        measure,
        process.execPath,
        BINARY,
        'check',
        LARGE_STATES,
        '--max-memory',
        '300M',
        '--format',
        'json',
        '--quiet',
      ],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    if (r.error) return expect.soft(r.error.message, 'python3 is needed to measure the peak memory').toBe('');
    expect(r.status, r.stderr).toBe(3);
    expect(reasonOf(r.stdout)).toBe('memory');
    const peakKiB = Number(/maxrss (\d+)/.exec(r.stderr)?.[1]);
    expect(peakKiB * 1024).toBeLessThanOrEqual(bound * 1.1);
  });
});

describe.runIf(binaryBuilt())('a stopped parallel search', () => {
  it('reports at least the states its last progress line showed', async () => {
    const child = startBinary([
      'check',
      'seed',
      '--readers',
      '6',
      '--no-symmetry',
      '--workers',
      '2',
      '--format',
      'json',
    ]);
    const kill = setTimeout(() => child.signal('SIGKILL'), 30_000);
    // Interrupt after the second progress line, in the middle of a level.
    const poll = setInterval(() => {
      if ((child.err().match(/^progress: /gm) ?? []).length >= 2) {
        clearInterval(poll);
        child.signal('SIGINT');
      }
    }, 20);
    const r = await child.ended;
    clearInterval(poll);
    clearTimeout(kill);
    expect(r.code, r.err).toBe(3);
    const lines = [...r.err.matchAll(/^progress: distinct ([\d,]+) {2}generated ([\d,]+)/gm)];
    const last = lines[lines.length - 1]!;
    const shown = { distinct: Number(last[1]!.replace(/,/g, '')), generated: Number(last[2]!.replace(/,/g, '')) };
    const report = JSON.parse(r.out) as { reason: string; stats: { distinct: number; generated: number } };
    expect(report.reason).toBe('interrupted');
    expect(report.stats.distinct).toBeGreaterThanOrEqual(shown.distinct);
    expect(report.stats.generated).toBeGreaterThanOrEqual(shown.generated);
  });
});

describe.skipIf(binaryBuilt())('the run guard', () => {
  it(`is skipped: ${BINARY} is missing (npm test builds it; or run npm run build)`, () => {});
});
