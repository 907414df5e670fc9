/**
 * Golden files of the text report: the whole report of a few bundled scenarios, in the list and the
 * column layout, and of the violated history cells, compared byte for byte (the elapsed time and
 * rate, which vary, are masked).
 *
 * When a change to the model or the report is intended, regenerate them and review the diff:
 *   UPDATE_GOLDEN=1 npx vitest run test/cli/render/textReport.golden.test.ts
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { palette } from '../../../cli/render/colour.js';
import { textReport } from '../../../cli/render/textReport.js';
import { kernelRunView } from '../../../cli/report/kernelRunView.js';
import type { ScenarioOverrides } from '../../../cli/applyOverrides.js';
import { runOf } from '../formats/runs.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/golden');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

/** The report with the run's timing masked: it is the only part that differs between runs. */
function stable(text: string): string {
  return text.replace(/\d+\.\d\d s \([\d,]+ states\/s\)/, '<elapsed> s (<rate> states/s)');
}

function expectGolden(file: string, actual: string): void {
  const path = join(GOLDEN, file);
  if (UPDATE || !existsSync(path)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual, `${file} differs; if intended, regenerate with UPDATE_GOLDEN=1 (see the top of this file)`).toBe(
    readFileSync(path, 'utf8'),
  );
}

const CASES: readonly [scenario: string, layout: 'list' | 'columns'][] = [
  ['lazy-with-reader', 'list'],
  ['lazy-with-reader', 'columns'],
  ['sync-in-release', 'list'],
  ['tree-barrier-one-cpu', 'list'],
  ['tree-barrier-one-cpu', 'columns'],
  ['seed-pre-patch-lazy', 'list'],
  ['seed', 'list'],
];

/** Violated cells of `mmucheck history`: golden file name, scenario file, the cell's overrides. */
const CELLS: readonly [golden: string, file: string, overrides: ScenarioOverrides][] = [
  [
    'kvm-reclaim.v3.8.no-null-deref',
    'examples/history/kvm-reclaim.json',
    { kernel: 'v3.8', srcu: 'classic', property: ['no-null-deref'] },
  ],
  [
    'kvm-reclaim.v3.9.release-before-pages-freed',
    'examples/history/kvm-reclaim.json',
    { kernel: 'v3.9', srcu: 'classic', property: ['release-before-pages-freed'] },
  ],
  [
    'get-put.v5.4.tree.no-code-after-unload',
    'examples/history/get-put.json',
    { kernel: 'v5.4', srcu: 'tree', property: ['no-code-after-unload'] },
  ],
];

describe('the text report matches its golden file', () => {
  for (const [scenario, layout] of CASES) {
    it(`${scenario}, ${layout}`, () => {
      const text = textReport(kernelRunView(runOf(scenario)), palette(false), {
        columns: layout === 'columns',
        width: 120,
      });
      expectGolden(`${scenario}.${layout}.txt`, stable(text));
    });
  }

  for (const [golden, file, overrides] of CELLS) {
    it(`${golden}, list`, () => {
      const text = textReport(kernelRunView(runOf(file, overrides)), palette(false), { columns: false, width: 120 });
      expectGolden(`${golden}.list.txt`, stable(text));
    });
  }
});

describe('colour', () => {
  it('marks the failing step and the steps that set it up only when the palette colours', () => {
    const plain = textReport(kernelRunView(runOf('lazy-with-reader')), palette(false));
    const coloured = textReport(kernelRunView(runOf('lazy-with-reader')), palette(true));
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[1;31m>\u001b[0m  16');
    expect(coloured).toContain('\u001b[1;33m*\u001b[0m   5');
  });
});
