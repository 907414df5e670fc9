/**
 * `mmucheck explore` as a user runs it (the built binary): it prints the page's URL, serves it,
 * and stops on SIGINT or SIGTERM with exit 0, closing the server; another address than loopback
 * is served with a warning; a bad --host or port is bad input (exit 2). The README's command
 * `'npx mmucheck explore lazy-with-reader'` is run here, as `mmucheck explore lazy-with-reader`.
 */
import { describe, expect, it } from 'vitest';
import { binaryBuilt, BINARY, runBinary, startBinary, type RunningBinary } from '../../helpers/runCli.js';

const README_COMMAND = 'npx mmucheck explore lazy-with-reader';

/** The URL the running explorer printed, once it has. */
async function urlOf(child: RunningBinary): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const m = /http:\/\/\S+\//.exec(child.out());
    if (m) return m[0];
    await new Promise((r) => setTimeout(r, 50));
  }
  child.signal('SIGKILL');
  throw new Error(`no URL printed; stderr: ${child.err()}`);
}

describe.skipIf(!binaryBuilt())(`the explore command (${BINARY})`, () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`serves the page until ${signal}, then exits 0`, async () => {
      const child = startBinary(README_COMMAND.split(' ').slice(2));
      const url = await urlOf(child);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('mmucheck explore: lazy-with-reader');
      child.signal(signal);
      const ended = await child.ended;
      expect(ended.code).toBe(0);
      expect(ended.err).toContain('stopped');
      await expect(fetch(url)).rejects.toThrow();
    });
  }

  it('warns when it serves another address than loopback', async () => {
    const child = startBinary(['explore', 'lazy-with-reader', '--host', '0.0.0.0']);
    await urlOf(child);
    child.signal('SIGINT');
    const ended = await child.ended;
    expect(ended.err).toContain('warning: serving on 0.0.0.0, not loopback');
    expect(ended.code).toBe(0);
  });

  it('refuses a bad --host, a bad --port and an unknown scenario (exit 2)', () => {
    expect(runBinary(['explore', '--host', 'example.com']).code).toBe(2);
    expect(runBinary(['explore', '--port', '70000']).code).toBe(2);
    expect(runBinary(['explore', 'no-such-scenario']).code).toBe(2);
  });
});
