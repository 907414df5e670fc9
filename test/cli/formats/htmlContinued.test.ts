/**
 * The HTML page of a run of `check --continue`: a section per violated property, and the page's
 * script showing the state of a step of whichever trace is clicked. Chromium is not everywhere (the
 * browser test skips without it), so the script runs here on a small stand-in for the page's DOM
 * that holds what the script touches: the sections, their steps and rows, the details panel.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/runCli.js';

type Handler = (e: { key?: string; stopPropagation(): void; preventDefault(): void }) => void;

/** An element with the attributes, classes and listeners the script uses. */
function element(attrs: Record<string, string> = {}) {
  const classes = new Set<string>();
  const listeners: Handler[] = [];
  return {
    attrs,
    listeners,
    classes,
    getAttribute: (k: string) => attrs[k] ?? null,
    addEventListener: (_type: string, h: Handler) => void listeners.push(h),
    classList: { add: (c: string) => void classes.add(c), remove: (c: string) => void classes.delete(c) },
    click() {
      for (const h of listeners) h({ stopPropagation() {}, preventDefault() {} });
    },
  };
}

/** The page's script, run on a stand-in of its DOM with one section per trace of `traces` (their step counts). */
function openPage(html: string, hash = '') {
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
  const json = (id: string) =>
    new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, 's').exec(html)?.[1];
  const traces = JSON.parse(json('mmucheck-violations') ?? `[${json('mmucheck-data')}]`) as { steps: unknown[] }[];
  const sections = traces.map((t) => {
    const rows = Array.from({ length: t.steps.length + 1 }, (_v, n) => element({ 'data-step': String(n) }));
    return {
      rows,
      querySelectorAll: () => rows,
      querySelector: (sel: string) => rows[Number(/data-step="(\d+)"/.exec(sel)![1])] ?? null,
    };
  });
  const panel = { innerHTML: '' };
  const keys: Handler[] = [];
  const document = {
    getElementById: (id: string) =>
      id === 'details' ? panel : json(id) === undefined ? null : { textContent: json(id) },
    querySelectorAll: (sel: string) =>
      sel === 'section.trace' ? sections : sections.flatMap((s) => s.rows.filter((r) => r.classes.has('selected'))),
    addEventListener: (_type: string, h: Handler) => void keys.push(h),
  };
  runInNewContext(script, { document, location: { hash }, Set, JSON, Number, Math, String, Array, Object });
  const press = (key: string) => keys.forEach((h) => h({ key, stopPropagation() {}, preventDefault() {} }));
  const title = () => /<h2 id="details-title">(.*?)<\/h2>/.exec(panel.innerHTML)![1];
  const which = () => /^<p class="muted">(\d+ of \d+):/.exec(panel.innerHTML)?.[1];
  return { sections, panel, press, title, which };
}

describe('the HTML page of check --continue', () => {
  it('has a section per violated property; a click shows the state of that trace, the arrow keys move in it', async () => {
    const { out } = await runCli(['check', 'lazy-with-reader', '--continue', '--quiet', '--format', 'html']);
    const page = openPage(out);
    expect(page.sections.map((s) => s.rows.length - 1)).toEqual([16, 16, 21]);
    expect([page.which(), page.title()]).toEqual(['1 of 3', 'Step 16: reader0 (cpu1)']);
    page.sections[2]!.rows[21]!.click();
    expect(page.which()).toBe('3 of 3');
    expect(page.title()).toMatch(/^Step 21: /);
    expect(page.sections[2]!.rows[21]!.classes.has('selected')).toBe(true);
    expect(page.sections[0]!.rows[16]!.classes.has('selected')).toBe(false);
    page.press('ArrowUp');
    expect([page.which(), page.title()]).toEqual(['3 of 3', 'Step 20: module-exit (cpu0)']);
    page.press('ArrowDown');
    page.press('ArrowDown'); // past the last step: stays
    expect(page.title()).toMatch(/^Step 21: /);
  });

  it('opens on the trace that #violation-N names', async () => {
    const { out } = await runCli(['check', 'lazy-with-reader', '--continue', '--quiet', '--format', 'html']);
    expect(openPage(out, '#violation-3').which()).toBe('3 of 3');
    expect(openPage(out, '#violation-9').which()).toBe('3 of 3');
  });

  it('keeps the page of a single trace as it was: no list of violations', async () => {
    const { out } = await runCli(['check', 'lazy-with-reader', '--quiet', '--format', 'html']);
    expect(out).not.toContain('id="mmucheck-violations"');
    expect(out).toContain('<section id="trace" class="trace">');
    const page = openPage(out);
    expect([page.which(), page.title()]).toEqual([undefined, 'Step 16: reader0 (cpu1)']);
  });
});
