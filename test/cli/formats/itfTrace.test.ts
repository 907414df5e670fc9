/**
 * `--format itf`: the Informal Trace Format of ADR-015 — validated against a JSON schema of the
 * format (test/fixtures/itf/itf.schema.json) — with every state setting every variable, integers as
 * big integers, and `#meta` saying which step led to each state.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { kernelRunView } from '../../../cli/report/kernelRunView.js';
import { itfTrace } from '../../../cli/formats/itfTrace.js';
import { fromItfValue, toItfValue } from '../../../cli/formats/itfValue.js';
import { runOf, violatingScenarios } from './runs.js';

const SCHEMA = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/itf/itf.schema.json'), 'utf8'),
);
const validate = new Ajv({ allErrors: true }).compile(SCHEMA);

/** The trace as a reader gets it: through JSON text. */
const itfOf = (name: string) => JSON.parse(JSON.stringify(itfTrace(kernelRunView(runOf(name)))));

describe('ITF traces', () => {
  it.each([...violatingScenarios(), 'seed'])('%s validates against the ITF schema', (name) => {
    const trace = itfOf(name);
    expect(validate(trace), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the schema refuses what ADR-015 forbids', () => {
    expect(validate({ vars: ['x'], states: [{ x: { '#bigint': '1.5' } }] })).toBe(false);
    expect(validate({ vars: ['x'], states: [{ '#x': 1 }] })).toBe(false);
    expect(validate({ states: [] })).toBe(false);
  });

  it('sets every variable in every state, one state per step plus the initial one', () => {
    const trace = itfOf('lazy-with-reader');
    expect(trace.states).toHaveLength(17);
    expect(trace.vars).toContain('threads');
    expect(trace.vars).toContain('listener0');
    for (const s of trace.states)
      expect(
        Object.keys(s)
          .filter((k) => k !== '#meta')
          .sort(),
      ).toEqual([...trace.vars].sort());
  });

  it("writes each state's step in #meta: index, action, thread, CPU, function, statement", () => {
    const trace = itfOf('lazy-with-reader');
    expect(trace.states[0]['#meta']).toEqual({ index: 0, action: 'init' });
    expect(trace.states[8]['#meta']).toEqual({
      index: 8,
      action: 'reader0: __mmu_notifier_invalidate_range_start: id = srcu_read_lock(&srcu)',
      thread: 'reader0',
      threadIndex: 1,
      cpu: 1,
      fn: '__mmu_notifier_invalidate_range_start',
      code: 'id = srcu_read_lock(&srcu)',
      kind: 'srcu-lock',
    });
    expect(trace.states[16]['#meta'].violated).toEqual(['no-callback-on-freed', 'no-use-after-free']);
  });

  it('writes integers as big integers and where each thread stands', () => {
    const trace = itfOf('lazy-with-reader');
    expect(trace.states[0]['mm.count']).toEqual({ '#bigint': '3' });
    expect(trace.states[15]['listener0']).toBe('freed');
    expect(trace.states[16].threads).toEqual({
      exit: '__synchronize_srcu',
      reader0: '__mmu_notifier_invalidate_range_start',
      'module-exit': 'delete_module',
      'srcu-worker': 'srcu_invoke_callbacks',
    });
  });

  it('carries what replay needs in #meta.mmucheck: the scenario as checked and the verdict', () => {
    const meta = itfOf('lazy-with-reader')['#meta'];
    expect(meta).toMatchObject({ format: 'ITF', source: 'lazy-with-reader', status: 'violation' });
    expect(meta.mmucheck).toMatchObject({
      formatVersion: 1,
      initialState: 0,
      command: 'mmucheck check lazy-with-reader',
    });
    expect(meta.mmucheck.scenario).toMatchObject({ name: 'lazy-with-reader', kernel: 'v3.17', srcu: 'classic' });
    expect(meta.mmucheck.violations.map((v: { property: string }) => v.property)).toEqual([
      'no-callback-on-freed',
      'no-use-after-free',
    ]);
  });

  it('writes a passing run as its initial state alone', () => {
    const trace = itfOf('seed');
    expect(trace['#meta'].status).toBe('ok');
    expect(trace.states).toHaveLength(1);
  });
});

describe('ITF values', () => {
  it.each([0, 3, -1, 'live', 'exit, reader0', true, false])('%s round-trips', (v) => {
    expect(fromItfValue(JSON.parse(JSON.stringify(toItfValue(v))))).toBe(v);
  });

  it('reads plain JSON integers too, and refuses what a view cannot hold', () => {
    expect(fromItfValue(7)).toBe(7);
    expect(fromItfValue({ '#bigint': '12x' })).toBeUndefined();
    expect(fromItfValue({ '#set': [] })).toBeUndefined();
    expect(fromItfValue(1.5)).toBeUndefined();
    expect(fromItfValue(null)).toBeUndefined();
  });
});
