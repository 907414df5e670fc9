/**
 * The interval era (docs/interval-notifiers.md): the race fixed by 319561669a59 on each version,
 * the HMM mirror pattern, and the step that loses the race — the unlocked read of invalidate_seq in
 * mmu_interval_notifier_remove's wait, taken between mn_itree_inv_end's invalidate_seq++ and its
 * processing of the deferred list. Counts and shortest lengths are pinned per version.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../../checker/check.js';
import { buildKernelModel } from '../../../properties/buildKernelModel.js';
import { loadScenario } from '../../../model/kernel/loadScenario.js';
import { applyOverrides } from '../../../cli/applyOverrides.js';
import type { KernelVersion } from '../../../model/kernel/Scenario.js';
import { expectOk, expectViolation } from '../../helpers/expect.js';
import { runCli } from '../../helpers/runCli.js';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../../model/kernel/parseScenario.js';

const REMOVE = 'examples/history/interval-remove.json';
const KVM = 'examples/history/kvm-reclaim.json';

function run(name: string, kernel: KernelVersion) {
  const model = buildKernelModel(applyOverrides(loadScenario(name), { kernel }));
  return { model, outcome: check(model) };
}

describe('interval-remove: the race fixed by 319561669a59', () => {
  it.each(['v5.5', 'v5.10'] as const)(
    '%s: remove returns early and the freed subscription is used, in 31 steps',
    (kernel) => {
      const { model, outcome } = run(REMOVE, kernel);
      expectViolation(outcome, 'no-use-after-free', { length: 31 });
      if (outcome.kind !== 'violation') return;
      const { initial, steps } = outcome.trace;
      const text = steps.map((s, i) => {
        const c = model.actionView(i === 0 ? initial : steps[i - 1]!.state, s.action);
        return `${c.thread} ${c.fn}: ${c.code}`;
      });
      const inc = text.findIndex((t) => t.includes('mn_itree_inv_end') && t.includes('invalidate_seq++'));
      const read = text.findIndex((t) => t.includes('mmu_interval_notifier_remove') && t.includes('READ_ONCE('));
      const kfree = text.findIndex((t) => t.includes('kfree(dmirror)'));
      // The losing read comes after the increment and before the deferred list is processed (the last step).
      expect(inc).toBeGreaterThanOrEqual(0);
      expect(read).toBeGreaterThan(inc);
      expect(kfree).toBeGreaterThan(read);
      expect(text.at(-1)).toContain('mn_itree_inv_end');
      expect(text.at(-1)).toContain('hlist_for_each_entry_safe');
    },
  );

  it.each([
    ['v5.18', 819, 68],
    ['v6.6', 819, 68],
  ] as const)(
    '%s: the wait reads the seq under the lock and every property holds (%i states, depth %i)',
    (kernel, distinct, depth) => {
      const { outcome } = run(REMOVE, kernel);
      expectOk(outcome);
      expect(outcome.stats.distinct).toBe(distinct);
      expect(outcome.stats.depth).toBe(depth);
    },
  );
});

describe('hmm-mirror: the correct pattern', () => {
  it.each(['v5.5', 'v5.10', 'v5.18', 'v6.6'] as const)(
    '%s: released at exit, every property holds in 2,019 states',
    (kernel) => {
      const { outcome } = run('hmm-mirror', kernel);
      expectOk(outcome);
      expect(outcome.stats.distinct).toBe(2019);
    },
  );

  it.each(['v5.5', 'v5.10'] as const)('%s: closed while the process lives, the remove race in 54 steps', (kernel) => {
    expectViolation(run('hmm-mirror-close', kernel).outcome, 'no-use-after-free', { length: 54 });
  });

  it.each(['v5.18', 'v6.6'] as const)('%s: closed while the process lives, all hold in 2,555 states', (kernel) => {
    const { outcome } = run('hmm-mirror-close', kernel);
    expectOk(outcome);
    expect(outcome.stats.distinct).toBe(2555);
  });
});

describe('the broken mirrors', () => {
  it.each([
    ['hmm-mirror-no-read-retry', 'v5.10', 'no-stale-mapping', 43],
    ['hmm-mirror-invalidate-unlocked', 'v5.5', 'no-stale-mapping', 42],
    ['hmm-mirror-set-seq-after-unlock', 'v5.18', 'no-stale-mapping', 44],
    ['hmm-mirror-free-without-remove', 'v5.10', 'no-use-after-free', 31],
    ['hmm-mirror-remove-under-driver-lock', 'v5.18', 'no-deadlock', 43],
    ['hmm-mirror-read-begin-under-lock', 'v5.5', 'no-deadlock', 43],
    ['hmm-mirror-remove-from-invalidate', 'v5.10', 'no-deadlock', 37],
    ['hmm-mirror-remove-from-invalidate', 'v6.6', 'no-deadlock', 39],
    ['hmm-mirror-skip-invalidate-on-exit', 'v5.18', 'no-stale-mapping', 66],
    ['hmm-mirror-doc-no-mmput', 'v6.6', 'no-leak', 36],
  ] as const)('%s on %s: %s in %i steps', (name, kernel, property, length) => {
    expectViolation(run(name, kernel).outcome, property, { length });
  });
});

describe('--kernel across the eras', () => {
  it('runs a classic scenario on an interval-era kernel, and refuses mirrors before v5.5', () => {
    expect(applyOverrides(loadScenario('seed'), { kernel: 'v6.6' }).kernel).toBe('v6.6');
    expect(() => applyOverrides(loadScenario('hmm-mirror'), { kernel: 'v5.4' })).toThrow(
      /mmu_interval_notifier exists from v5.5/,
    );
  });
});

describe("classic listeners on today's kernels", () => {
  it.each([
    ['seed', 'v5.10', 789],
    ['seed', 'v6.6', 789],
  ] as const)('%s on %s holds in %i states', (name, kernel, distinct) => {
    const { outcome } = run(name, kernel);
    expectOk(outcome);
    expect(outcome.stats.distinct).toBe(distinct);
  });

  it('lazy-with-reader on v6.6: the callback on the freed object, two steps later than on v5.4 (the hlist_empty tests)', () => {
    expectViolation(run('lazy-with-reader', 'v6.6').outcome, 'no-callback-on-freed', { length: 18 });
  });

  it('quotes each version: mn_hlist_release with the renamed locals, arch_invalidate_secondary_tlbs on v6.6', () => {
    const codes = (kernel: KernelVersion, name: string) =>
      run(name, kernel)
        .model.spec.runner()
        .procs.flatMap((p) =>
          p.positions.flatMap((pos) => ('steps' in pos ? pos.steps.map((x) => `${x.fn}: ${x.code}`) : [])),
        );
    expect(codes('v5.10', 'seed')).toContain('mn_hlist_release: spin_lock(&subscriptions->lock)');
    expect(codes('v5.5', 'seed')).toContain('mn_hlist_release: spin_lock(&mmn_mm->lock)');
    expect(codes('v6.6', KVM)).toContain(
      '__mmu_notifier_arch_invalidate_secondary_tlbs: subscription->ops->arch_invalidate_secondary_tlbs(subscription, mm, start, end)',
    );
  });

  it('refuses readers and reclaimers together on v6.6, whose listeners cannot have both methods', () => {
    expect(() => applyOverrides(loadScenario(KVM), { kernel: 'v6.6', readers: 1 })).toThrow(
      /arch_invalidate_secondary_tlbs/,
    );
  });
});
describe('explain and history in the interval era', () => {
  it('explain names the read of invalidate_seq that lost the race, between the increment and the free', async () => {
    const { code, out } = await runCli(['explain', REMOVE, '--kernel', 'v5.10', '--quiet', '--no-color']);
    expect(code).toBe(1);
    const short = out.slice(out.indexOf('In short:'));
    expect(short).toMatch(/step 21: driver0 put mirror0 on the deferred list/);
    expect(short).toMatch(/step 26: invalidator0 made invalidate_seq even here \(3 → 4\) while still holding/);
    expect(short).toMatch(/step 27: the read that lost the race: driver0's wait in mmu_interval_notifier_remove read/);
    expect(short).toMatch(/invalidate_seq = 4 here without subscriptions->lock/);
    expect(short).toMatch(/step 30: driver0 freed mirror0 here/);
  });

  it('explain narrates a stale mapping: the read, the change, the missing retry check, the return', async () => {
    const { code, out } = await runCli(['explain', 'hmm-mirror-no-read-retry', '--quiet', '--no-color']);
    expect(code).toBe(1);
    const short = out.slice(out.indexOf('In short:')).replace(/\s+/g, ' ');
    expect(short).toContain("step 18: driver0's fault read the page here, at generation 0");
    expect(short).toContain('without checking mmu_interval_read_retry under its mutex first');
    expect(short).toContain('step 35: invalidator0 changed the page here: generation 0 → 1');
    expect(short).toContain("step 43: invalidator0's invalidation returned from invalidate_range_end here");
  });

  it('history prints one row per interval-era version: violated before the fix, holding from it', async () => {
    const { code, out } = await runCli(['history', REMOVE, '--quiet', '--no-color']);
    expect(code).toBe(0);
    const rows = out.split('\n').filter((l) => /^v\d/.test(l));
    expect(rows.map((r) => r.split(/\s+/).slice(0, 9).join(' '))).toEqual([
      'v5.5 classic ok ✗ 31 ok ok n/a ok',
      'v5.10 classic ok ✗ 31 ok ok n/a ok',
      'v5.18 classic ok ok ok ok n/a ok ok',
      'v6.6 classic ok ok ok ok n/a ok ok',
    ]);
  });
});

describe('functions: mmu_interval_notifier_remove', () => {
  it('a v6.6 kernel with the pre-fix remove has the race again; classic functions are refused on it', () => {
    const base = loadScenario(REMOVE);
    const withoutFix = {
      ...base,
      kernel: 'v6.6' as const,
      functions: { mmu_interval_notifier_remove: 'v5.10' as const },
    };
    expectViolation(check(buildKernelModel(withoutFix)), 'no-use-after-free', { length: 31 });
    expect(() =>
      parseScenario(
        { ...JSON.parse(readFileSync(REMOVE, 'utf8')), functions: { __mmu_notifier_release: 'v3.10' } },
        'f.json',
      ),
    ).toThrow(/classic versioned functions pick variants up to v5.4/);
    expect(() =>
      parseScenario(
        { ...JSON.parse(readFileSync(REMOVE, 'utf8')), functions: { mmu_interval_notifier_remove: 'v5.4' } },
        'f.json',
      ),
    ).toThrow(/unknown value "v5.4"/);
  });
});
