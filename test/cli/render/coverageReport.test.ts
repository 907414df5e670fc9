/**
 * The coverage table and its two renderings: the model's statement order whatever order the
 * counts were summed in, executed statements the list lacks after it, the text's "never executed"
 * list per function, and a run whose counts were never gathered claiming nothing.
 */
import { describe, expect, it } from 'vitest';
import { makeStats } from '../../../checker/makeStats.js';
import type { Outcome } from '../../../checker/Outcome.js';
import { palette } from '../../../cli/render/colour.js';
import { coverageJson, coverageLines, coverageTable } from '../../../cli/render/coverageReport.js';

const stats = makeStats({ generated: 9, distinct: 5, depth: 2, queue: 0, elapsedMs: 1, storeBytes: 0 });
const ok: Outcome<unknown, unknown> = { kind: 'ok', stats };
const stopped: Outcome<unknown, unknown> = { kind: 'incomplete', reason: 'interrupted', stats };
const listed = [
  { fn: 'lock', code: 'spin_lock(&l)' },
  { fn: 'lock', code: 'spin_unlock(&l)' },
  { fn: 'hook', code: 'kfree(p)' },
];

describe('coverage report', () => {
  it('orders rows by the model’s statements, whatever order the counts came in', () => {
    const counts = [
      { fn: 'lock', code: 'spin_unlock(&l)', count: 2 },
      { fn: 'lock', code: 'spin_lock(&l)', count: 3 },
    ];
    const a = coverageTable(counts, listed, ok);
    const b = coverageTable([...counts].reverse(), listed, ok);
    expect(b).toEqual(a);
    expect(coverageJson(a)).toEqual({
      coverage: [
        { fn: 'lock', code: 'spin_lock(&l)', count: 3 },
        { fn: 'lock', code: 'spin_unlock(&l)', count: 2 },
        { fn: 'hook', code: 'kfree(p)', count: 0 },
      ],
      coverageSummary: { scope: 'complete', executed: 2, statements: 3, unreachedListed: true, transitions: 5 },
    });
    expect(coverageLines(a, ok, palette(false))).toEqual([
      'Statement coverage: 2 of 3 statements executed, by 5 transitions',
      '  (every reachable state was expanded)',
      '  transitions  function / statement',
      '               lock',
      '            3    spin_lock(&l)',
      '            2    spin_unlock(&l)',
      '',
      'Never executed: 1 statement in 1 function',
      '  hook (no statement of it ran)',
      '      kfree(p)',
    ]);
  });

  it('puts executed statements the model does not list after those it lists, by function and text', () => {
    const table = coverageTable(
      [
        { fn: 'zeta', code: 'b', count: 1 },
        { fn: 'alpha', code: 'a', count: 1 },
      ],
      listed,
      ok,
    );
    expect(table.functions.map((f) => f.fn)).toEqual(['lock', 'hook', 'alpha', 'zeta']);
    expect(table.total).toBe(5);
  });

  it('claims nothing for a run whose counts were never gathered', () => {
    const table = coverageTable([], listed, stopped, false);
    expect(coverageLines(table, stopped, palette(false))).toEqual([
      'Statement coverage: not gathered (the run was ended from outside its search before its counts were summed)',
    ]);
    expect(coverageJson(table)).toEqual({
      coverage: null,
      coverageSummary: {
        scope: 'not-gathered',
        executed: null,
        statements: null,
        unreachedListed: false,
        transitions: null,
      },
    });
  });

  it('escapes a model file’s control characters in function and statement text', () => {
    const table = coverageTable([{ fn: 'f\n', code: 'x\u001b[2J', count: 1 }], undefined, ok);
    const text = coverageLines(table, ok, palette(false)).join('\n');
    expect(text).not.toContain('\u001b');
    expect(text).toContain('f\\n');
  });
});
