/**
 * A kernel scenario's run and a model file's have one text report and one JSON report: the same
 * JSON fields in the same order, and the same text for what both have.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './runs.js';

async function jsonOf(...args: string[]): Promise<any> {
  return JSON.parse((await cli('check', ...args, '--format', 'json', '--quiet')).out);
}

const dir = mkdtempSync(join(tmpdir(), 'mmucheck-one-report-'));

/** A model whose property throws at the state after two steps: a model error with a trace. */
const THROWS_AT_TWO = `export const model = {
  initStates: () => [0],
  actions: (s) => (s < 3 ? ['inc'] : []),
  nextState: (s) => s + 1,
  isFinal: () => true,
  properties: () => [{ kind: 'always', id: 'p', name: 'p holds', violation: (s) => { if (s === 2) throw new Error('boom at 2'); return undefined; } }],
};
`;

describe('the JSON report', () => {
  it('has the same fields, in the same order, for a scenario and a model file', async () => {
    const scenario = await jsonOf('lazy-with-reader');
    const model = await jsonOf('examples/teaching/peterson-broken.ts');
    expect(Object.keys(scenario)).toEqual(Object.keys(model));
    expect(Object.keys(scenario.violations[0])).toEqual(Object.keys(model.violations[0]));
  });

  it("gives a scenario's run a null model, no witnesses, and violations that have a trace", async () => {
    const violated = await jsonOf('lazy-with-reader');
    expect(violated.model).toBeNull();
    expect(violated.witnesses).toBeNull();
    expect(violated.violations.map((v: { noWitness: boolean }) => v.noWitness)).toEqual([false, false]);
    const ok = await jsonOf('seed');
    expect([ok.verdict, ok.witnesses]).toEqual(['ok', []]);
  });
});

describe('the text report', () => {
  it("ends a model file's trace to a model error raised at its last state with why, as a scenario's does", async () => {
    const file = join(dir, 'throws-at-two.mjs');
    writeFileSync(file, THROWS_AT_TWO);
    const { code, out } = await cli('check', file, '--quiet');
    expect(code).toBe(4);
    expect(out).toContain('Trace to the state that raised it:\n');
    expect(out).toContain('       ✗ boom at 2\n\nWhy: boom at 2.\n');
  });
});
