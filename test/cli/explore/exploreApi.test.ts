/**
 * The explorer's API without a browser: the page's requests get their answers, and everything else
 * — unknown paths, other methods, bad queries, bodies that are not the page's, oversized ones, a
 * foreign Host header — a 4xx, after which the server still serves. Walking the checker's
 * counterexample step by step, the violated property turns violated exactly at its last step; the
 * search from the initial state finds a violation as short as the checker's; a teaching model file
 * is served too.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExploreServer, type ExploreServer } from '../../../cli/explore/exploreServer.js';
import { loadExploreTarget } from '../../../cli/explore/exploreTarget.js';
import type { PositionView } from '../../../cli/explore/positionView.js';
import { counterexampleThreads } from './counterexampleThreads.js';

async function get(
  server: ExploreServer,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: any }> {
  const r = await fetch(new URL(path, server.url), init);
  const text = await r.text();
  return {
    status: r.status,
    body: r.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text,
  };
}

function post(server: ExploreServer, path: string, body: string, type = 'application/json') {
  return get(server, path, { method: 'POST', headers: { 'Content-Type': type }, body });
}

describe('the explorer API on lazy-with-reader', () => {
  let server: ExploreServer;
  beforeAll(async () => {
    server = await startExploreServer(await loadExploreTarget('lazy-with-reader'), { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => server?.close());

  it('serves the page and the model', async () => {
    const page = await get(server, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>mmucheck explore: lazy-with-reader</title>');
    expect(page.body).not.toMatch(/https?:\/\//);
    const model = await get(server, '/api/model');
    expect(model.body.name).toBe('lazy-with-reader');
    expect(model.body.properties.map((p: { id: string }) => p.id)).toContain('no-callback-on-freed');
  });

  it('refuses what the page never sends, and keeps serving', async () => {
    const bad: [string, RequestInit | undefined, number][] = [
      ['/api/nothing', undefined, 404],
      ['/../etc/passwd', undefined, 404],
      ['/api/model', { method: 'DELETE' }, 405],
      ['/api/search', undefined, 405],
      ['/api/model?x=1', undefined, 400],
      ['/api/position?path=a', undefined, 400],
      ['/api/position?path=0..1', undefined, 400],
      ['/api/position?path=0&path=0', undefined, 400],
      ['/api/position?path=9', undefined, 400],
      ['/api/position?path=0.0&at=3', undefined, 400],
      ['/api/position?init=1', undefined, 400],
      ['/api/position?init=-1', undefined, 400],
      ['/api/position?path=1e3', undefined, 400],
      [`/api/position?path=${'0.'.repeat(45_000)}0`, undefined, 414],
      [`/api/position?path=${'0.'.repeat(60_000)}0`, undefined, 431],
    ];
    for (const [path, init, status] of bad)
      expect((await get(server, path, init)).status, path.slice(0, 60)).toBe(status);
    const bodies: [string, string, string, number][] = [
      ['/api/search', 'not json', 'application/json', 400],
      ['/api/search', '{"path":[0]}', 'text/plain', 400],
      ['/api/search', '[1]', 'application/json', 400],
      ['/api/search', '{"path":"0.1"}', 'application/json', 400],
      ['/api/search', '{"path":[0.5]}', 'application/json', 400],
      ['/api/search', '{"path":[9]}', 'application/json', 400],
      ['/api/search', '{"path":[],"maxStates":0}', 'application/json', 400],
      ['/api/search', '{"path":[],"constructor":1}', 'application/json', 400],
      ['/api/cancel', `{"x":"${'y'.repeat(200_000)}"}`, 'application/json', 413],
      ['/api/counterexample', '{"x":1}', 'application/json', 400],
    ];
    for (const [path, body, type, status] of bodies)
      expect((await post(server, path, body, type)).status, body.slice(0, 40)).toBe(status);
    // fetch cannot set Host: a page of another site whose name resolves to 127.0.0.1 sends its own.
    const foreign = await new Promise<number>((resolve, reject) =>
      request(new URL('/api/model', server.url), { headers: { Host: 'example.com' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end(),
    );
    expect(foreign).toBe(400);
    expect((await get(server, '/api/model')).status).toBe(200);
    expect((await post(server, '/api/cancel', '{}')).body).toEqual({ cancelled: false });
  });

  it("walks the checker's counterexample: no-callback-on-freed is violated exactly at its last step", async () => {
    const threads = counterexampleThreads();
    expect(threads).toHaveLength(16);
    const path: number[] = [];
    for (const [i, thread] of threads.entries()) {
      const here = (await get(server, `/api/position?path=${path.join('.')}`)).body as PositionView;
      const status = here.properties.find((p) => p.id === 'no-callback-on-freed')!.status;
      expect(status, `before step ${i + 1}`).toBe('holds');
      const option = here.threads.find((t) => t.name === thread)!.options[0]!;
      path.push(option.action);
    }
    const end = (await get(server, `/api/position?path=${path.join('.')}`)).body as PositionView;
    const property = end.properties.find((p) => p.id === 'no-callback-on-freed')!;
    expect(property.status).toBe('violated');
    expect(property.message).toContain('which is freed');
    expect(end.steps.map((s) => s.thread)).toEqual(threads);
    // A blocked thread says why: module-exit waits for the module's reference count.
    const first = (await get(server, '/api/position')).body as PositionView;
    expect(first.threads.find((t) => t.name === 'module-exit')).toMatchObject({ status: 'blocked' });
    expect(first.threads.find((t) => t.name === 'module-exit')!.reason).toContain('reference count');
    // The counterexample the checker loads is the same path.
    const loaded = await post(server, '/api/counterexample', '{}');
    expect(loaded.body).toMatchObject({ kind: 'found', init: 0, path });
    // The shortest violation from the initial state is as short as the checker's counterexample.
    const found = await post(server, '/api/search', JSON.stringify({ path: [], maxStates: 100_000 }));
    expect(found.body.kind).toBe('found');
    expect(found.body.path).toHaveLength(16);
    // From step 15 the violation is one step away.
    const near = await post(server, '/api/search', JSON.stringify({ path: path.slice(0, 15) }));
    expect(near.body.path).toEqual([path[15]]);
    // A bound too small to reach it says so.
    const bounded = await post(server, '/api/search', JSON.stringify({ path: [], maxStates: 10 }));
    expect(bounded.body).toMatchObject({ kind: 'incomplete', reason: 'maxStates' });
  });
});

describe('the explorer API on a teaching model file', () => {
  let server: ExploreServer;
  beforeAll(async () => {
    const target = await loadExploreTarget('examples/teaching/peterson-broken.ts');
    server = await startExploreServer(target, { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => server?.close());

  it('shows its threads, state and properties, and finds its violation', async () => {
    const start = (await get(server, '/api/position')).body as PositionView;
    expect(start.threads.map((t) => [t.name, t.status])).toEqual([
      ['p0', 'enabled'],
      ['p1', 'enabled'],
    ]);
    expect(Object.keys(start.view).length).toBeGreaterThan(0);
    expect(start.properties.find((p) => p.id === 'mutual-exclusion')!.status).toBe('holds');
    const found = await post(server, '/api/counterexample', '{}');
    expect(found.body.kind).toBe('found');
    const end = (await get(server, `/api/position?path=${found.body.path.join('.')}`)).body as PositionView;
    expect(end.properties.find((p) => p.id === 'mutual-exclusion')!.status).toBe('violated');
  });
});

describe('the explorer on a mutant', () => {
  let server: ExploreServer;
  beforeAll(async () => {
    // The seed bug, by hand: seed-post-patch-lazy with srcu_read_unlock moved back before the unlink loop.
    const target = await loadExploreTarget('seed-post-patch-lazy', undefined, {
      kernel: 'v3.17',
      mutant: '__mmu_notifier_release#8=before#6',
    });
    server = await startExploreServer(target, { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => server?.close());

  it("finds the mutant's violation in the checker's 12 steps; overrides on a model file are refused", async () => {
    const found = await post(server, '/api/search', '{"path":[]}');
    expect(found.body).toMatchObject({ kind: 'found' });
    expect(found.body.path).toHaveLength(12);
    await expect(
      loadExploreTarget('examples/teaching/peterson-broken.ts', undefined, { kernel: 'v3.17' }),
    ).rejects.toThrow('--kernel: applies to a kernel scenario, not a model file');
  });
});
