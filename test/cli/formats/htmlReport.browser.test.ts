/**
 * The HTML report opened in a real browser: Debian's chromium, driven by playwright-core (never a
 * browser downloaded by a tool; `.ci/run` installs the package). The page must render a lane per
 * thread and the steps in order, show a step's state when it is clicked, and load nothing from the
 * network, and at 800 px wide wrap code between tokens, never cutting an identifier. Skipped,
 * saying so, where /usr/bin/chromium is missing.
 */
import { kernelRunView } from '../../../cli/report/kernelRunView.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlReport } from '../../../cli/formats/htmlReport.js';
import { cli, runOf } from './runs.js';
import { CHROMIUM, CHROMIUM_FLAGS, chromiumPresent } from '../../helpers/chromium.js';

const present = chromiumPresent('the HTML report browser test');

/**
 * Run in the page: every code element of the lanes and the details panel (function, statement,
 * changes, state and thread tables), checked for overflowing its box and for a line that starts
 * anywhere but after a space, '(', ',', '.' or '->' (from each character's own box): never inside
 * an identifier, a hyphenated name or an operator.
 */
const CUT_CODE = `(() => {
  const found = [];
  const elements = [...document.querySelectorAll('button.step .fn, button.step code, button.step .chg, #details .fn, #details pre.code, #details table.state td')];
  for (const el of elements) {
    const box = el.closest('button.step, #details').getBoundingClientRect();
    const rect = el.getBoundingClientRect();
    if (rect.right > box.right + 0.5 || el.scrollWidth > el.clientWidth + 1) found.push('overflows its box: ' + el.textContent);
    const chars = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.textContent.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        // A space where a line breaks may have no box at all: it still counts as the break.
        const r = range.getClientRects()[0];
        chars.push({ c: node.textContent[i], top: r ? r.top : null });
      }
    }
    let last = -1;
    for (let i = 0; i < chars.length; i++) {
      if (chars[i].top === null || /\\s/.test(chars[i].c)) continue;
      if (last >= 0 && chars[i].top > chars[last].top + 2) {
        const a = chars[i - 1];
        const allowed = /\\s/.test(a.c) || '(,.'.includes(a.c) || (a.c === '>' && i >= 2 && chars[i - 2].c === '-');
        if (!allowed) found.push('cut between "' + a.c + '" and "' + chars[i].c + '": ' + el.textContent);
      }
      last = i;
    }
  }
  return { checked: elements.length, found };
})()`;

describe.skipIf(!present)('the HTML report in chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mmucheck-html-'));
  const requests: string[] = [];
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const file = join(dir, 'lazy-with-reader.html');
    writeFileSync(file, htmlReport(kernelRunView(runOf('lazy-with-reader'))));
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
  }, 30_000);

  afterAll(async () => {
    await context?.close();
  });

  it('renders a lane per thread that moves and the 16 steps in order', async () => {
    expect(await page.locator('th.lane-head').allInnerTexts()).toEqual([
      'exit cpu0',
      'reader0 cpu1',
      'srcu-worker cpu0',
    ]);
    const steps = page.locator('button.step');
    expect(await steps.count()).toBe(16);
    expect(await steps.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-step'))))).toEqual(
      Array.from({ length: 16 }, (_v, i) => i + 1),
    );
    // Step 8 is reader0's: it sits in the second lane of its row.
    expect(await page.locator('tr[data-step="8"] td.lane').nth(1).locator('button.step').count()).toBe(1);
    expect(await page.locator('#verdict').innerText()).toContain('no-callback-on-freed, no-use-after-free violated');
  });

  it('opens on the failing step, marked', async () => {
    expect(await page.locator('#details-title').innerText()).toBe('Step 16: reader0 (cpu1)');
    expect(await page.locator('button.step.failing').getAttribute('data-step')).toBe('16');
    expect(
      await page.locator('button.step.ref').evaluateAll((els) => els.map((e) => e.getAttribute('data-step'))),
    ).toEqual(['5', '8', '15']);
  });

  it('shows the full state and the diff of a step when it is clicked', async () => {
    await page.locator('button.step[data-step="15"]').click();
    expect(await page.locator('#details-title').innerText()).toBe('Step 15: srcu-worker (cpu0)');
    expect(await page.locator('#diff').innerText()).toContain('listener0\tlive\t→\tfreed');
    const row = page.locator('#state tr[data-field="listener0"]');
    expect(await row.innerText()).toBe('listener0\tfreed');
    expect(await row.getAttribute('class')).toBe('changed');
    const run = runOf('lazy-with-reader');
    const after15 = run.outcome.kind === 'violation' ? run.outcome.trace.steps[14]!.state : undefined;
    expect(await page.locator('#state tr').count()).toBe(Object.keys(run.model.describe(after15!)).length);
    expect(await page.locator('#threads tr[data-field="srcu-worker"]').innerText()).toBe(
      'srcu-worker\tsrcu_invoke_callbacks',
    );
    expect(await page.locator('tr.selected').getAttribute('data-step')).toBe('15');
  });

  it('moves with the arrow keys and shows the initial state at step 0', async () => {
    await page.locator('button.step[data-step="1"]').click();
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('#details-title').innerText()).toBe('Initial state');
    expect(await page.locator('#state tr[data-field="mm.users"]').innerText()).toBe('mm.users\t1');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#details-title').innerText()).toBe('Step 1: exit (cpu0)');
  });

  it('at 800 px wide, cuts no code mid-word: lines break between tokens and nothing overflows its box', async () => {
    const narrow = await context.newPage();
    await narrow.setViewportSize({ width: 800, height: 900 });
    await narrow.goto(pathToFileURL(join(dir, 'lazy-with-reader.html')).href);
    await narrow.locator('button.step[data-step="8"]').click();
    const problems = (await narrow.evaluate(CUT_CODE)) as { checked: number; found: string[] };
    await narrow.close();
    expect(problems.checked).toBeGreaterThan(16 * 2);
    expect(problems.found).toEqual([]);
  });

  it('loads nothing but the page itself', () => {
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  });
});

describe.skipIf(!present)("a model file's HTML report in chromium", () => {
  const dir = mkdtempSync(join(tmpdir(), 'mmucheck-html-model-'));
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const file = join(dir, 'peterson-broken.html');
    const checked = await cli('check', 'examples/teaching/peterson-broken.ts', '--format', 'html', '--out', file);
    expect(checked.code).toBe(1);
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(pathToFileURL(file).href);
  }, 30_000);

  afterAll(async () => {
    await context?.close();
  });

  it('renders a lane per program thread, the 8 steps in order, and opens on the failing one', async () => {
    expect(await page.locator('h1').innerText()).toBe('mmucheck: peterson-broken');
    expect(await page.locator('th.lane-head').allInnerTexts()).toEqual(['p0', 'p1']);
    expect(await page.locator('button.step').count()).toBe(8);
    expect(await page.locator('#verdict').innerText()).toBe(
      'mutual-exclusion violated: both threads are in the critical section',
    );
    expect(await page.locator('button.step.failing').getAttribute('data-step')).toBe('8');
  });

  it("shows the model's state and where each thread stands when a step is clicked", async () => {
    await page.locator('button.step[data-step="2"]').click();
    expect(await page.locator('#details-title').innerText()).toBe('Step 2: p0');
    expect(await page.locator('#state tr[data-field="turn"]').innerText()).toBe('turn\t1');
    expect(await page.locator('#threads tr[data-field="p1"]').innerText()).toBe('p1\tnoncritical_section');
  });
});
