/**
 * `--format sarif`: every bundled scenario's log validates against the official SARIF 2.1.0 schema
 * (test/fixtures/sarif, see SOURCE.md there); a violation is one result per violated property with
 * the kernel threads as thread flows, the global step number as executionOrder, lock and SRCU kinds,
 * and the changed fields as state.
 */
import { describe, expect, it } from 'vitest';
import { kernelRunView } from '../../../cli/report/kernelRunView.js';
import { sarifLog } from '../../../cli/formats/sarifLog.js';
import { bundledScenarioNames } from '../../../model/kernel/loadScenario.js';
import type { ScenarioOverrides } from '../../../cli/applyOverrides.js';
import { runOf } from './runs.js';
import { validateSarif } from './sarifSchema.js';

const validate = validateSarif;

/** The log as a tool reads it, through JSON text (`any`: the assertions read it field by field). */
const logOf = (name: string): any => JSON.parse(JSON.stringify(sarifLog(kernelRunView(runOf(name)))));

describe('SARIF logs validate against the SARIF 2.1.0 schema', () => {
  it.each(bundledScenarioNames())('%s', (name) => {
    expect(validate(logOf(name)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('and the schema does refuse a broken log', () => {
    const log = logOf('eager-free');
    log.runs[0].results[0].codeFlows[0].threadFlows[0].locations[0].executionOrder = 'first';
    expect(validate(log)).toBe(false);
    expect(validate({ ...logOf('seed'), version: '2.0.0' })).toBe(false);
  });
});

describe('a violation in SARIF', () => {
  const log = logOf('lazy-with-reader');
  const run = log.runs[0];
  const result = run.results[0];
  const flows = result.codeFlows[0].threadFlows;

  it('has one result per property violated at the last step, each naming its rule', () => {
    expect(run.results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['no-callback-on-freed', 'no-use-after-free']);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(result.level).toBe('error');
    expect(result.locations[0].logicalLocations[0]).toEqual({
      name: '__mmu_notifier_invalidate_range_start',
      fullyQualifiedName: '__mmu_notifier_invalidate_range_start',
      kind: 'function',
    });
    expect(result.locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'mm/mmu_notifier.c',
      uriBaseId: 'KERNEL_SRC',
    });
  });

  it('has a thread flow per kernel thread that moves, ordered by the global step number', () => {
    expect(flows.map((f: { id: string }) => f.id)).toEqual(['exit', 'reader0', 'srcu-worker']);
    const orders = flows.flatMap((f: { locations: { executionOrder: number }[] }) =>
      f.locations.map((l) => l.executionOrder),
    );
    expect([...orders].sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_v, i) => i + 1));
    expect(flows[1].locations.map((l: { executionOrder: number }) => l.executionOrder)).toEqual([8, 9, 16]);
  });

  it('marks SRCU and lock steps with acquire/release kinds, the failing step with danger, and shows changed fields as state', () => {
    const step = (n: number) =>
      flows
        .flatMap((f: { locations: unknown[] }) => f.locations)
        .find((l: { executionOrder: number }) => l.executionOrder === n);
    expect(step(8).kinds).toEqual(['acquire', 'enter', 'scope', 'srcu-lock']);
    expect(step(7).kinds).toEqual(['acquire', 'lock']);
    expect(step(12).kinds).toEqual(['release', 'exit', 'scope', 'srcu-unlock']);
    expect(step(16).kinds).toEqual(['call', 'function', 'danger']);
    expect(step(15).state.listener0).toEqual({ text: 'freed', markdown: '`live` → `freed`' });
    expect([step(5).importance, step(3).importance, step(1).importance]).toEqual([
      'essential',
      'unimportant',
      'important',
    ]);
  });

  it('points at the steps that set the failure up as related locations', () => {
    expect(result.relatedLocations.map((l: { id: number }) => l.id)).toEqual([5, 8, 15]);
    expect(result.relatedLocations[2].message.text).toBe(
      'step 15: listener0 was freed here (srcu-worker in lazy_destroy: kfree(obj))',
    );
  });
});

describe('a violated history cell in SARIF', () => {
  const cell = (file: string, overrides: ScenarioOverrides): any =>
    JSON.parse(JSON.stringify(sarifLog(kernelRunView(runOf(file, overrides)))));
  const rule = (log: any, id: string) =>
    log.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === id).fullDescription.text;

  it('kvm-reclaim v3.8: the unlocked hlist_unhashed test and the unlink that set pprev to NULL are related locations', () => {
    const log = cell('examples/history/kvm-reclaim.json', {
      kernel: 'v3.8',
      srcu: 'classic',
      property: ['no-null-deref'],
    });
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const related = log.runs[0].results[0].relatedLocations;
    expect(related.map((l: { id: number }) => l.id)).toEqual([9, 10]);
    expect(related[0].message.text).toContain(
      'saw listener0 hashed (pprev &list.first, not NULL) in its hlist_unhashed(&mn->hlist) test here, made without the notifier list lock',
    );
    expect(related[1].message.text).toContain('pprev &list.first → NULL');
    expect(rule(log, 'no-null-deref')).toContain(
      'an unlocked test followed by hlist_del_rcu (v3.8) lets another path unlink the node in between',
    );
  });

  it('kvm-reclaim v3.9: the early unlink and the reclaimer walk that found the list empty are related locations', () => {
    const log = cell('examples/history/kvm-reclaim.json', {
      kernel: 'v3.9',
      srcu: 'classic',
      property: ['release-before-pages-freed'],
    });
    expect(log.runs[0].results[0].relatedLocations.map((l: { id: number }) => l.id)).toEqual([4, 7]);
  });

  it('get-put: the rule says mmu_notifier_synchronize() is synchronize_srcu at v5.4 and srcu_barrier at v3.17', () => {
    const v54 = cell('examples/history/get-put.json', {
      kernel: 'v5.4',
      srcu: 'tree',
      property: ['no-code-after-unload'],
    });
    expect(v54.runs[0].results[0].relatedLocations.map((l: { id: number }) => l.id)).toEqual([19, 24, 26, 29]);
    expect(rule(v54, 'no-code-after-unload')).toContain(
      'mmu_notifier_synchronize() in module exit is synchronize_srcu from v5.4 (srcu_barrier before): it waits for a grace period',
    );
    expect(rule(v54, 'no-code-after-unload')).not.toContain(
      '(srcu_barrier) in module exit waits for every queued callback',
    );
    const v317 = cell('examples/history/get-put.json', {
      kernel: 'v3.17',
      srcu: 'tree',
      property: ['no-code-after-unload'],
    });
    expect(rule(v317, 'no-code-after-unload')).toContain(
      'mmu_notifier_synchronize() (srcu_barrier) in module exit waits for every queued callback',
    );
  });
});

describe('a run without a violation in SARIF', () => {
  it('has no results and a rule per checked property', () => {
    const run = logOf('seed').runs[0];
    expect(run.results).toEqual([]);
    expect(run.tool.driver.rules).toHaveLength(15);
    expect(run.invocations[0]).toMatchObject({ executionSuccessful: true, commandLine: 'mmucheck check seed' });
  });
});
