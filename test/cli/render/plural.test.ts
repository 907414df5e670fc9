/** Counts are written in words with the right number: "1 property", "2 properties", in every report. */
import { kernelRunView } from '../../../cli/report/kernelRunView.js';
import { describe, expect, it } from 'vitest';
import { count, properties } from '../../../cli/render/plural.js';
import { htmlReport } from '../../../cli/formats/htmlReport.js';
import { runCli } from '../../helpers/runCli.js';
import { runOf } from '../formats/runs.js';

describe('count', () => {
  it('writes the singular for 1 and the plural otherwise, with thousands separators', () => {
    expect([0, 1, 2, 1657].map((n) => count(n, 'step'))).toEqual(['0 steps', '1 step', '2 steps', '1,657 steps']);
    expect([1, 11].map(properties)).toEqual(['1 property', '11 properties']);
  });
});

describe('reports that name one property', () => {
  const one = ['seed', '--property', 'no-leak', '--workers', '1', '--quiet'];

  it('check says "(1 property)" and check of the default list "(11 properties)"', async () => {
    const r = await runCli(['check', ...one]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('ALL PROPERTIES HOLD on every reachable state (1 property)\n');
    expect(r.out).not.toMatch(/\b1 properties\b/);
  });

  it('explain says the 1 property holds', async () => {
    const r = await runCli(['explain', 'seed', '--property', 'no-leak']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('THE 1 PROPERTY HOLDS on every reachable state of this scenario.');
    expect(r.out).not.toMatch(/\b1 properties\b|\b1 [a-z ]*states\b|\b1 steps\b/i);
  });

  it('the HTML page says the 1 property holds', () => {
    const page = htmlReport(kernelRunView(runOf('seed', { property: ['no-leak'] })));
    expect(page).toContain('the 1 property holds on every reachable state');
    expect(page).not.toMatch(/\b1 properties\b/);
  });
});
