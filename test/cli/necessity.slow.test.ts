/** `necessity` on every bundled scenario: a table with rows, every run decided, no model error (about a minute). */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';

const SCENARIOS = readdirSync('examples/scenarios')
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

describe('necessity on every bundled scenario', () => {
  it.each(SCENARIOS.map((s) => [s]))('%s', async (name) => {
    const { code, out, err } = await runCli(['necessity', name, '--format', 'json', '--quiet', '--jobs', '2']);
    expect(code, err).toBe(0);
    const t = JSON.parse(out) as { rows: unknown[]; tally: Record<string, number> };
    expect(t.rows.length).toBeGreaterThan(40);
    expect(t.tally['model-error']).toBe(0);
    expect(t.tally['incomplete']).toBe(0);
    expect(t.tally['breaks']).toBeGreaterThan(0);
  });
});
