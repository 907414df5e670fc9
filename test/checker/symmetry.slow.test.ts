/**
 * Symmetry reduction on the whole history table: every bundled scenario of the classic world with
 * two readers, on every kernel version and SRCU implementation `history` runs it with, gives the
 * verdict and shortest counterexample length it gives without reduction (symmetry.test.ts runs a sample).
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../checker/check.js';
import { applyOverrides } from '../../cli/applyOverrides.js';
import { historyRows } from '../../cli/history/historyRows.js';
import { bundledScenarioNames, loadScenario } from '../../model/kernel/loadScenario.js';
import { buildKernelModel } from '../../properties/buildKernelModel.js';
import { verdictSummary } from '../helpers/outcomeSummary.js';

describe('symmetry reduction on every history cell', () => {
  for (const name of bundledScenarioNames()) {
    it(`${name}: every row, as bundled and with two readers`, () => {
      const bundled = applyOverrides(loadScenario(name), { liveness: false });
      const scenarios = bundled.mirrors.length === 0 ? [bundled, applyOverrides(bundled, { readers: 2 })] : [bundled];
      for (const scenario of scenarios) {
        for (const { kernel, srcu } of historyRows(scenario)) {
          const model = buildKernelModel(applyOverrides(scenario, { kernel, srcu }));
          const { verdict, length } = verdictSummary(check(model)) as { verdict: string; length?: number };
          const full = verdictSummary(check(model, { symmetry: false })) as { verdict: string; length?: number };
          expect({ verdict, length }, `${name} ${kernel} ${srcu}`).toEqual({
            verdict: full.verdict,
            length: full.length,
          });
        }
      }
    });
  }
});
