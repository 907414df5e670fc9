/**
 * The column view (`--columns`) of every violating bundled scenario, at widths from narrow to wide:
 * lines break between tokens, so every identifier in the output is one of the trace's own.
 */
import { describe, expect, it } from 'vitest';
import { palette } from '../../../cli/render/colour.js';
import { stepColumns } from '../../../cli/render/stepColumns.js';
import { shortNote, showValue } from '../../../cli/render/TraceView.js';
import { kernelRunView } from '../../../cli/report/kernelRunView.js';
import { traceViewOfRun } from '../../../cli/report/traceViewOfRun.js';
import { runOf, violatingScenarios } from '../formats/runs.js';

const IDENTIFIER = /[A-Za-z0-9_$]+(?:-[A-Za-z0-9_$]+)*/g;

/** Every identifier, hyphenated name (`holds-module`) and number in `texts`. */
function identifiers(texts: readonly string[]): Set<string> {
  return new Set(texts.flatMap((t) => t.match(IDENTIFIER) ?? []));
}

describe('stepColumns', () => {
  for (const scenario of violatingScenarios()) {
    it(`${scenario}: never breaks a line inside an identifier, at 60 to 200 columns`, () => {
      const view = traceViewOfRun(kernelRunView(runOf(scenario)));
      const texts = [
        ...view.threads.map((t) => `${t.name} cpu${t.cpu ?? ''}`),
        ...view.steps.flatMap((s) => [
          s.fn,
          s.code,
          ...s.changes.map((c) => `${c.field}: ${showValue(c.from)} → ${showValue(c.to)}`),
        ]),
        ...view.references.map((r) => shortNote(r.note)),
        view.failure ?? '',
        'step threads without a step in this trace',
        'loop: the steps below repeat forever',
        'back to the state after step',
        ...view.steps.map((s) => String(s.step)),
      ];
      const known = identifiers(texts);
      for (const width of [60, 80, 100, 120, 200]) {
        const out = stepColumns(view, width, palette(false));
        const cut = [...identifiers(out)].filter((id) => !known.has(id));
        expect(cut, `${scenario} at ${width} columns`).toEqual([]);
      }
    });
  }

  it('keeps the whole of __mmu_notifier_invalidate_range_start in one line at 60 columns', () => {
    const out = stepColumns(traceViewOfRun(kernelRunView(runOf('lazy-with-reader'))), 60, palette(false)).join('\n');
    expect(out).toContain('__mmu_notifier_invalidate_range_start');
  });
});
