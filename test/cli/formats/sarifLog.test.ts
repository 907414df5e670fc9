/**
 * `--format sarif`: every bundled scenario's log validates against the official SARIF 2.1.0 schema
 * (test/fixtures/sarif, see SOURCE.md there); a violation is one result per violated property with
 * the kernel threads as thread flows, the global step number as executionOrder, lock and SRCU kinds,
 * and the changed fields as state.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { sarifLog } from '../../../cli/formats/sarifLog.js';
import { bundledScenarioNames } from '../../../model/kernel/loadScenario.js';
import { runOf } from './runs.js';

const raw = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));
// A draft-04 schema: Ajv (draft-07) reads it once `id` is spelt `$id`; its `language` pattern needs non-unicode regular expressions.
const { $schema: _draft04, id, ...schema } = raw;
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
(addFormatsModule as unknown as (a: Ajv) => Ajv)(ajv);
const validate = ajv.compile({ ...schema, $id: id });

/** The log as a tool reads it, through JSON text (`any`: the assertions read it field by field). */
const logOf = (name: string): any => JSON.parse(JSON.stringify(sarifLog(runOf(name))));

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
    expect(result.locations[0].logicalLocations[0]).toEqual({ name: '__mmu_notifier_invalidate_range_start', fullyQualifiedName: '__mmu_notifier_invalidate_range_start', kind: 'function' });
    expect(result.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'mm/mmu_notifier.c', uriBaseId: 'KERNEL_SRC' });
  });

  it('has a thread flow per kernel thread that moves, ordered by the global step number', () => {
    expect(flows.map((f: { id: string }) => f.id)).toEqual(['exit', 'reader0', 'srcu-worker']);
    const orders = flows.flatMap((f: { locations: { executionOrder: number }[] }) => f.locations.map((l) => l.executionOrder));
    expect([...orders].sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_v, i) => i + 1));
    expect(flows[1].locations.map((l: { executionOrder: number }) => l.executionOrder)).toEqual([8, 9, 16]);
  });

  it('marks SRCU and lock steps with acquire/release kinds, the failing step with danger, and shows changed fields as state', () => {
    const step = (n: number) => flows.flatMap((f: { locations: unknown[] }) => f.locations).find((l: { executionOrder: number }) => l.executionOrder === n);
    expect(step(8).kinds).toEqual(['acquire', 'enter', 'scope', 'srcu-lock']);
    expect(step(7).kinds).toEqual(['acquire', 'lock']);
    expect(step(12).kinds).toEqual(['release', 'exit', 'scope', 'srcu-unlock']);
    expect(step(16).kinds).toEqual(['call', 'function', 'danger']);
    expect(step(15).state.listener0).toEqual({ text: 'freed', markdown: '`live` → `freed`' });
    expect([step(5).importance, step(3).importance, step(1).importance]).toEqual(['essential', 'unimportant', 'important']);
  });

  it('points at the steps that set the failure up as related locations', () => {
    expect(result.relatedLocations.map((l: { id: number }) => l.id)).toEqual([5, 8, 15]);
    expect(result.relatedLocations[2].message.text).toBe('step 15: listener0 was freed here (srcu-worker in lazy_destroy: kfree(obj))');
  });
});

describe('a run without a violation in SARIF', () => {
  it('has no results and a rule per checked property', () => {
    const run = logOf('seed').runs[0];
    expect(run.results).toEqual([]);
    expect(run.tool.driver.rules).toHaveLength(11);
    expect(run.invocations[0]).toMatchObject({ executionSuccessful: true, commandLine: 'mmucheck check seed' });
  });
});
