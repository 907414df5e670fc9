/**
 * The explorer in a real browser: Debian's chromium, driven by playwright-core, as the HTML
 * report's test does (skipped, saying so, where /usr/bin/chromium is missing). A student walks
 * lazy-with-reader's counterexample by clicking each step's thread, sees no-callback-on-freed turn
 * violated exactly at the last step, undoes it, loads the checker's counterexample, finds the
 * shortest violation from the initial state, and reopens a shared link. The page loads nothing
 * but the server's own URLs. The screenshot in docs/ is taken here when MMUCHECK_SCREENSHOT names
 * the file to write.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExploreServer, type ExploreServer } from '../../../cli/explore/exploreServer.js';
import { loadExploreTarget } from '../../../cli/explore/exploreTarget.js';
import { CHROMIUM, CHROMIUM_FLAGS, chromiumPresent } from '../../helpers/chromium.js';
import { counterexampleThreads } from './counterexampleThreads.js';

const present = chromiumPresent('the explorer browser test');

describe.skipIf(!present)('the explorer in chromium', () => {
  const requests: string[] = [];
  let server: ExploreServer;
  let context: BrowserContext;
  let page: Page;

  /** Waits until the page shows the position after `step`. */
  const ready = (step: number) => page.waitForSelector(`body[data-ready="${step}"]`);
  const status = (id: string) => page.locator(`#properties tr[data-property="${id}"]`).getAttribute('data-status');

  beforeAll(async () => {
    server = await startExploreServer(await loadExploreTarget('lazy-with-reader'), { host: '127.0.0.1', port: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'mmucheck-explore-'));
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(server.url);
    await ready(0);
  }, 30_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  it("walks the checker's counterexample by clicking: no-callback-on-freed turns violated exactly at the last step", async () => {
    const threads = counterexampleThreads();
    expect(threads).toHaveLength(16);
    expect(await page.locator('.thread[data-thread="module-exit"] .reason').textContent()).toContain('reference count');
    for (const [i, thread] of threads.entries()) {
      expect(await status('no-callback-on-freed'), `before step ${i + 1}`).toBe('holds');
      await page.locator(`.thread[data-thread="${thread}"] button.step`).first().click();
      await ready(i + 1);
    }
    expect(await status('no-callback-on-freed')).toBe('violated');
    expect(await page.locator('#properties tr[data-property="no-callback-on-freed"]').textContent()).toContain(
      'invalidate_range_start is invoked on listener 0 (lazy), which is freed',
    );
    expect(await page.locator('#path li[data-pos]').count()).toBe(17);
    // The last step changed nothing in the view; the step before freed listener0, highlighted there.
    await page.locator('#path li[data-pos="15"]').click();
    await ready(15);
    expect(await page.locator('#state tr[data-field="listener0"]').getAttribute('class')).toBe('changed');
    await page.keyboard.press('ArrowRight');
    await ready(16);
    await page.evaluate('window.scrollTo(0, 0)');
    if (process.env['MMUCHECK_SCREENSHOT'])
      await page.screenshot({ path: process.env['MMUCHECK_SCREENSHOT'], fullPage: false });
  });

  it('undoes the last step, with the button and the key', async () => {
    await page.locator('#undo').click();
    await ready(15);
    expect(await status('no-callback-on-freed')).toBe('holds');
    await page.keyboard.press('u');
    await ready(14);
    expect(page.url()).toMatch(/#path=[\d.]+&at=14$/);
    await page.keyboard.press('ArrowRight');
    await ready(15);
  });

  it("loads the checker's counterexample", async () => {
    await page.locator('#reset').click();
    await ready(0);
    await page.locator('#counterexample').click();
    await ready(16);
    expect(await page.locator('#found').getAttribute('data-length')).toBe('16');
    expect(await status('no-callback-on-freed')).toBe('violated');
  });

  it('finds the shortest violation from the initial state, as long as the checker finds it', async () => {
    await page.keyboard.press('Home');
    await ready(0);
    expect(await page.locator('#search-bound').inputValue()).toBe('200000');
    await page.locator('#search').click();
    await page.waitForSelector('#found-summary:has-text("from step 0")');
    expect(await page.locator('#found').getAttribute('data-length')).toBe(String(counterexampleThreads().length));
    await page.locator('#show-end').click();
    await ready(16);
    expect(await status('no-callback-on-freed')).toBe('violated');
  });

  it('reopens a shared link at its position', async () => {
    const shared = page.url().replace(/&at=\d+$/, '') + '&at=15';
    const other = await context.newPage();
    await other.goto(shared);
    await other.waitForSelector('body[data-ready="15"]');
    expect(await other.locator('#path li[data-pos]').count()).toBe(17);
    expect(
      await other.locator('#properties tr[data-property="no-callback-on-freed"]').getAttribute('data-status'),
    ).toBe('holds');
    expect(await other.locator('#path li.current').getAttribute('data-pos')).toBe('15');
    await other.close();
  });

  it("the README's keys reproduce the seed's bug: 1 ×7, 2 ×2, 1 ×3, 4 ×3, 2; then r takes a random step", async () => {
    await page.keyboard.press('Home');
    await ready(0);
    const keys = [...'1111111', ...'22', ...'111', ...'444', '2'];
    for (const [i, key] of keys.entries()) {
      expect(await status('no-callback-on-freed'), `before key ${i + 1}`).toBe('holds');
      await page.keyboard.press(key);
      await ready(i + 1);
    }
    expect(await status('no-callback-on-freed')).toBe('violated');
    await page.keyboard.press('r');
    await ready(17);
    expect(await page.locator('#path li[data-pos]').count()).toBe(18);
  });

  it('plays a found path on with p, step by step, to its end', async () => {
    await page.keyboard.press('Home');
    await ready(0);
    await page.locator('#counterexample').click();
    await page.waitForSelector('#found[data-length]');
    await page.keyboard.press('p');
    await ready(16);
    expect(await status('no-callback-on-freed')).toBe('violated');
  });

  it('fits 800 px without a horizontal scroll bar, and loads nothing from elsewhere', async () => {
    await page.setViewportSize({ width: 800, height: 900 });
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(requests.filter((u) => !u.startsWith(server.url))).toEqual([]);
  });
});
