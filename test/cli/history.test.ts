/**
 * `mmucheck history`: the table of a scenario across every kernel version, pinned cell by cell for
 * seed and three other scenarios; each violated cell reproduces with the command printed beside it,
 * and the shared runs give the same table as one run per property.
 */
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../cli/createProgram.js';
import type { Io } from '../../cli/Io.js';
import { runHistory, type History } from '../../cli/history/runHistory.js';
import { cellText } from '../../cli/history/historyCells.js';
import { loadScenario } from '../../model/kernel/loadScenario.js';
import { CheckPool } from '../../checker/pool/CheckPool.js';

/** Runs the CLI in-process and returns its exit code and output. */
async function mmucheck(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), stdoutIsTty: false, stderrIsTty: false };
  const code = await createProgram(io).run(args);
  return { code, out, err };
}

/**
 * `mmucheck history` with its runs on this thread (`--jobs 1`, which later flags override): from
 * TypeScript sources a pool worker takes 0.4 s and more to start. The table is the same for any
 * number of jobs (tested below).
 */
function history(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return mmucheck('history', '--jobs', '1', ...args);
}

interface JsonCell {
  readonly verdict: string;
  readonly length?: number;
  readonly command: string;
}
interface JsonRow {
  readonly kernel: string;
  readonly srcu: string;
  readonly states: number;
  readonly cells: Record<string, JsonCell>;
}

/** A row as one line: its cells in column order (`✗N` violated in N steps), then the states explored. */
function rowLine(r: JsonRow): string {
  const cells = Object.values(r.cells).map((c) =>
    c.verdict === 'violated'
      ? `✗${c.length}`
      : c.verdict === 'pass'
        ? 'ok'
        : c.verdict === 'not-applicable'
          ? 'n/a'
          : c.verdict,
  );
  return `${r.kernel} ${r.srcu}: ${cells.join(' ')} (${r.states})`;
}

async function table(scenario: string, ...flags: string[]): Promise<string[]> {
  const { code, out } = await history(scenario, '--format', 'json', '--quiet', ...flags);
  expect(code).toBe(0);
  return (JSON.parse(out) as { rows: JsonRow[] }).rows.map(rowLine);
}

// Columns: unload cb-freed uaf barrier gp bug-on null list pages leak deadlock.
describe('mmucheck history', () => {
  it('prints the table of seed: every version holds; v5.4 has no srcu_barrier, nothing unregisters or registers', async () => {
    const { code, out } = await history('--quiet');
    expect(code).toBe(0);
    expect(out.split('\n').slice(2, 18)).toEqual([
      'kernel  srcu     unload  cb-freed  uaf  barrier  gp  bug-on  null  list  pages  leak  deadlock  states  runs',
      'v3.8    classic  ok      ok        ok   ok       ok  ok      n/a   n/a   ok     ok    ok        863     1',
      'v3.9    classic  ok      ok        ok   ok       ok  ok      n/a   n/a   ok     ok    ok        698     1',
      'v3.10   classic  ok      ok        ok   ok       ok  ok      n/a   n/a   ok     ok    ok        863     1',
      'v3.17   classic  ok      ok        ok   ok       ok  ok      n/a   n/a   ok     ok    ok        707     1',
      'v3.17   tree     ok      ok        ok   ok       ok  ok      n/a   n/a   ok     ok    ok        641     1',
      'v5.4    classic  ok      ok        ok   n/a      ok  ok      n/a   n/a   ok     ok    ok        610     1',
      'v5.4    tree     ok      ok        ok   n/a      ok  ok      n/a   n/a   ok     ok    ok        610     1',
      // From v5.5 __mmu_notifier_release tests hlist_empty before mn_hlist_release: one step more.
      'v5.5    classic  ok      ok        ok   n/a      ok  ok      n/a   n/a   ok     ok    ok        789     1',
      'v5.5    tree     ok      ok        ok   n/a      ok  ok      n/a   n/a   ok     ok    ok        789     1',
      'v5.10   classic  ok      ok        ok   n/a      ok  ok      n/a   n/a   ok     ok    ok        789     1',
      'v5.10   tree     ok      ok        ok   n/a      ok  ok      n/a   n/a   ok     ok    ok        789     1',
      'v5.18   classic  ok      ok        ok   n/a      ok  ok      n/a   n/a   ok     ok    ok        789     1',
      'v5.18   tree     ok      ok        ok   n/a      ok  ok      n/a   n/a   ok     ok    ok        789     1',
      'v6.6    classic  ok      ok        ok   n/a      ok  ok      n/a   n/a   ok     ok    ok        789     1',
      'v6.6    tree     ok      ok        ok   n/a      ok  ok      n/a   n/a   ok     ok    ok        789     1',
    ]);
    expect(out).toContain('re-run any cell:  mmucheck check seed --kernel <kernel> --srcu <srcu> --property <id>');
    expect(out).toMatch(/^15 rows, 15 runs \(shared runs\), 11,304 states explored, [\d.]+ s$/m);
  });

  it('pins seed-post-patch-lazy: the lazy listener is freed before the unlink loop in v3.8 and v3.10 only', async () => {
    expect(await table('seed-post-patch-lazy')).toEqual([
      'v3.8 classic: ok ok ✗12 ok ok ok n/a n/a ok ok ok (211)',
      'v3.9 classic: ok ok ok ok ok ok n/a n/a ok ok ok (111)',
      'v3.10 classic: ok ok ✗12 ok ok ok n/a n/a ok ok ok (211)',
      'v3.17 classic: ok ok ok ok ok ok n/a n/a ok ok ok (115)',
      'v3.17 tree: ok ok ok ok ok ok n/a n/a ok ok ok (113)',
      'v5.4 classic: ok ok ok n/a ok ok n/a n/a ok ok ok (96)',
      'v5.4 tree: ok ok ok n/a ok ok n/a n/a ok ok ok (96)',
      'v5.5 classic: ok ok ok n/a ok ok n/a n/a ok ok ok (97)',
      'v5.5 tree: ok ok ok n/a ok ok n/a n/a ok ok ok (97)',
      'v5.10 classic: ok ok ok n/a ok ok n/a n/a ok ok ok (97)',
      'v5.10 tree: ok ok ok n/a ok ok n/a n/a ok ok ok (97)',
      'v5.18 classic: ok ok ok n/a ok ok n/a n/a ok ok ok (97)',
      'v5.18 tree: ok ok ok n/a ok ok n/a n/a ok ok ok (97)',
      'v6.6 classic: ok ok ok n/a ok ok n/a n/a ok ok ok (97)',
      'v6.6 tree: ok ok ok n/a ok ok n/a n/a ok ok ok (97)',
    ]);
  });

  it('pins get-put: only v5.4 with tree SRCU unloads the module under a pending free_notifier', async () => {
    expect(await table('examples/history/get-put.json')).toEqual([
      'v3.8 classic: ok ok ok ok ok ok n/a ok ok ok ok (5278)',
      'v3.9 classic: ok ok ok ok ok ok n/a ok ok ok ok (4931)',
      'v3.10 classic: ok ok ok ok ok ok n/a ok ok ok ok (5278)',
      'v3.17 classic: ok ok ok ok ok ok n/a ok ok ok ok (4534)',
      'v3.17 tree: ok ok ok ok ok ok n/a ok ok ok ok (5926)',
      'v5.4 classic: ok ok ok n/a ok ok n/a ok ok ok ok (3598)',
      'v5.4 tree: ✗31 ok ok n/a ok ok n/a ok ok ok ok (7116)',
      'v5.5 classic: ok ok ok n/a ok ok n/a ok ok ok ok (3662)',
      'v5.5 tree: ✗32 ok ok n/a ok ok n/a ok ok ok ok (7244)',
      'v5.10 classic: ok ok ok n/a ok ok n/a ok ok ok ok (3662)',
      'v5.10 tree: ✗32 ok ok n/a ok ok n/a ok ok ok ok (7244)',
      'v5.18 classic: ok ok ok n/a ok ok n/a ok ok ok ok (3662)',
      'v5.18 tree: ✗32 ok ok n/a ok ok n/a ok ok ok ok (7244)',
      'v6.6 classic: ok ok ok n/a ok ok n/a ok ok ok ok (3662)',
      'v6.6 tree: ✗32 ok ok n/a ok ok n/a ok ok ok ok (7244)',
    ]);
  });

  it('pins kvm-reclaim (v3.8 dereferences NULL, v3.9 frees a page the secondary MMU maps) and each violated cell reproduces with its command', async () => {
    const { out } = await history('examples/history/kvm-reclaim.json', '--format', 'json', '--quiet');
    const rows = (JSON.parse(out) as { rows: JsonRow[] }).rows;
    expect(rows.map(rowLine)).toEqual([
      'v3.8 classic: n/a ok ok n/a ok ok ✗16 n/a ok ok ok (3998)',
      'v3.9 classic: n/a ok ok n/a ok ok ok n/a ✗9 ok ok (1847)',
      'v3.10 classic: n/a ok ok n/a ok ok n/a n/a ok ok ok (2556)',
      'v3.17 classic: n/a ok ok n/a ok ok n/a n/a ok ok ok (2505)',
      'v3.17 tree: n/a ok ok n/a ok ok n/a n/a ok ok ok (2472)',
      'v5.4 classic: n/a ok ok n/a ok ok n/a n/a ok ok ok (2505)',
      'v5.4 tree: n/a ok ok n/a ok ok n/a n/a ok ok ok (2472)',
      'v5.5 classic: n/a ok ok n/a ok ok n/a n/a ok ok ok (2666)',
      'v5.5 tree: n/a ok ok n/a ok ok n/a n/a ok ok ok (2633)',
      'v5.10 classic: n/a ok ok n/a ok ok n/a n/a ok ok ok (2666)',
      'v5.10 tree: n/a ok ok n/a ok ok n/a n/a ok ok ok (2633)',
      'v5.18 classic: n/a ok ok n/a ok ok n/a n/a ok ok ok (2666)',
      'v5.18 tree: n/a ok ok n/a ok ok n/a n/a ok ok ok (2633)',
      'v6.6 classic: n/a ok ok n/a ok ok n/a n/a ok ok ok (2666)',
      'v6.6 tree: n/a ok ok n/a ok ok n/a n/a ok ok ok (2633)',
    ]);
    const violated = rows.flatMap((r) => Object.entries(r.cells).filter(([, c]) => c.verdict === 'violated'));
    expect(violated.map(([id, c]) => [id, c.command])).toEqual([
      [
        'no-null-deref',
        'mmucheck check examples/history/kvm-reclaim.json --kernel v3.8 --srcu classic --property no-null-deref',
      ],
      [
        'release-before-pages-freed',
        'mmucheck check examples/history/kvm-reclaim.json --kernel v3.9 --srcu classic --property release-before-pages-freed',
      ],
    ]);
    for (const [id, cell] of violated) {
      const rerun = await mmucheck(...cell.command.split(' ').slice(1), '--format', 'json', '--quiet');
      const report = JSON.parse(rerun.out) as { property: string; trace: unknown[] };
      expect(rerun.code).toBe(1);
      expect([report.property, report.trace.length]).toEqual([id, cell.length]);
    }
  });

  it('shared runs give the same cells as one run per property, in fewer runs', async () => {
    const scenario = loadScenario('seed-post-patch-lazy');
    const cells = (h: History) => h.rows.map((r) => r.cells.map((c) => cellText(c.verdict)).join(' '));
    const pool = new CheckPool({ jobs: 1 });
    const shared = await runHistory(scenario, { scenarioArg: 'seed-post-patch-lazy', flags: [], pool });
    const single = await runHistory(scenario, {
      scenarioArg: 'seed-post-patch-lazy',
      flags: [],
      perProperty: true,
      pool,
    });
    expect(cells(shared)).toEqual(cells(single));
    expect(shared.rows.map((r) => r.runs)).toEqual([2, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(single.rows.map((r) => r.runs)).toEqual([13, 13, 13, 13, 13, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12]);
  });

  it('takes --srcu for every row, --property for the columns, and writes Markdown', async () => {
    const { code, out } = await history(
      'seed-post-patch-lazy',
      '--srcu',
      'tree',
      '--property',
      'no-use-after-free',
      '--format',
      'markdown',
      '--quiet',
    );
    expect(code).toBe(0);
    expect(out.split('\n').slice(4, 16)).toEqual([
      '| kernel | srcu | `no-use-after-free` | states |',
      '|---|---|---|---:|',
      '| v3.8 | tree | **violated (12)** | 54 |',
      '| v3.9 | tree | ok | 109 |',
      '| v3.10 | tree | **violated (12)** | 54 |',
      '| v3.17 | tree | ok | 113 |',
      '| v5.4 | tree | ok | 96 |',
      '| v5.5 | tree | ok | 97 |',
      '| v5.10 | tree | ok | 97 |',
      '| v5.18 | tree | ok | 97 |',
      '| v6.6 | tree | ok | 97 |',
      '',
    ]);
    expect(out).toContain(
      '- v3.8 tree `no-use-after-free`: `mmucheck check seed-post-patch-lazy --kernel v3.8 --srcu tree --property no-use-after-free`',
    );
  });

  it('marks cells cut short by a bound with ? and exits 3; refuses a bad --srcu with exit 2', async () => {
    const cut = await history('--max-states', '50', '--quiet');
    expect(cut.code).toBe(3);
    expect(cut.out.split('\n')[3]).toBe(
      'v3.8    classic  ?       ?         ?    ?        ?   ?       n/a   n/a   ?      ?     ?         50      1',
    );
    expect(cut.out).toContain('mmucheck check seed --kernel <kernel> --srcu <srcu> --max-states 50 --property <id>');
    const bad = await history('--srcu', 'treee');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('expected one of classic, tree, tree-one-cpu-barrier, got "treee"');
  });
});

describe('mmucheck history, in the words of the other commands', () => {
  it('says ok in Markdown where the text table says ok, and never pass', async () => {
    const args = ['seed-post-patch-lazy', '--srcu', 'tree', '--property', 'no-use-after-free', '--quiet'];
    const text = await history(...args);
    const markdown = await history(...args, '--format', 'markdown');
    expect(text.out.split('\n')[4]).toMatch(/^v3\.9 +tree +ok +109 +1$/);
    expect(markdown.out).toContain('| v3.9 | tree | ok | 109 |');
    expect(markdown.out).not.toMatch(/\bpass\b/);
    expect(markdown.out).toContain('ok: holds on every reachable state');
  });

  it('accepts --no-color like check, explain and replay', async () => {
    const plain = await history('seed-post-patch-lazy', '--srcu', 'tree', '--property', 'no-use-after-free', '--quiet');
    const r = await history(
      'seed-post-patch-lazy',
      '--srcu',
      'tree',
      '--property',
      'no-use-after-free',
      '--quiet',
      '--no-color',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.replace(/[\d.]+ s\n$/, '')).toBe(plain.out.replace(/[\d.]+ s\n$/, ''));
    expect((await mmucheck('scenarios', '--no-color')).code).toBe(0);
  });
});
