/**
 * The distributed search against a real local Redis: the same counts, verdict and counterexample
 * as a one-machine run, the state bound and a resume, and every refusal a user can meet.
 * The fault cases (killed workers, coordinator and store; a Redis Cluster; 1, 2 and 4 workers)
 * are in distributed.slow.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryBuilt, runCli } from '../../helpers/runCli.js';
import { redisPresent, RedisServer } from '../../helpers/redisServer.js';
import { connectStore } from '../../../checker/distributed/StoreConnection.js';
import { parseClusterUrl } from '../../../checker/distributed/clusterUrl.js';
import { SeenShards, StaleTask } from '../../../checker/distributed/SeenShards.js';
import { factsOf, oneMachine, startCoordinator, startWorkers, stopWorkers } from './clusterRuns.js';

const ready = binaryBuilt() && redisPresent('the distributed search tests');

describe.skipIf(!ready)('a distributed run on one Redis server', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await RedisServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('finds the one-machine counts of a space that holds (seed, 2 readers), and leaves nothing in the store', async () => {
    const args = ['seed', '--readers', '2', '--no-liveness'];
    const workers = startWorkers(server.url, 2);
    const coordinator = startCoordinator(server.url, args, ['--quiet']);
    const ended = await coordinator.ended;
    await stopWorkers(workers);
    const facts = factsOf(ended);
    expect(ended.code).toBe(0);
    expect(facts).toEqual(await oneMachine(args));
    expect(facts).toMatchObject({ verdict: 'ok', distinct: 2908, generated: 9052, depth: 38 });
    const client = server.client();
    expect(await client.keys('mmucheck:*')).toEqual([]);
    client.disconnect();
    for (const w of workers) expect((await w.ended).code).toBe(0);
  });

  it('finds the same violation and the same shortest counterexample, step by step (lazy-with-reader)', async () => {
    const args = ['lazy-with-reader', '--no-liveness'];
    const workers = startWorkers(server.url, 2);
    const ended = await startCoordinator(server.url, args, ['--quiet']).ended;
    await stopWorkers(workers);
    expect(ended.code).toBe(1);
    const facts = factsOf(ended);
    expect(facts).toEqual(await oneMachine(args));
    expect(facts).toMatchObject({
      verdict: 'violation',
      steps: 16,
      violated: ['no-callback-on-freed', 'no-use-after-free'],
    });
  });

  it('stops at the state bound with the one-machine counts, and a resume with a larger bound ends as an uninterrupted run', async () => {
    const args = ['seed', '--readers', '3', '--no-liveness'];
    const workers = startWorkers(server.url, 2);
    const bounded = await startCoordinator(server.url, args, ['--quiet', '--max-states', '3000']).ended;
    expect(bounded.code).toBe(3);
    expect(factsOf(bounded)).toEqual(await oneMachine([...args, '--max-states', '3000']));
    expect(factsOf(bounded)).toMatchObject({ verdict: 'incomplete', distinct: 3000 });
    // The run stays in the store: a new one is refused, a resume goes on.
    const refused = await runCli(['check', ...args, '--cluster', server.url]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`mmucheck resume ${server.url}`);
    const resumed = await runCli(['resume', server.url, '--max-states', '100000', '--format', 'json', '--quiet']);
    await stopWorkers(workers);
    expect(resumed.code).toBe(0);
    expect(factsOf(resumed)).toEqual(await oneMachine(args));
    expect(factsOf(resumed)).toMatchObject({ distinct: 9808, generated: 38344 });
  });

  it('a timeout with no worker ends incomplete at once (exit 3), saying it waits for workers; the run stays for resume', async () => {
    const args = ['seed', '--readers', '2', '--no-liveness'];
    const stopped = await startCoordinator(server.url, args, ['--timeout', '4s']).ended;
    expect(stopped.code).toBe(3);
    expect(JSON.parse(stopped.out)).toMatchObject({ verdict: 'incomplete', reason: 'timeout' });
    expect(stopped.err).toContain('waiting for workers: start `mmucheck worker URL`');
    const workers = startWorkers(server.url, 1);
    const resumed = await runCli(['resume', server.url, '--format', 'json', '--quiet']);
    await stopWorkers(workers);
    expect(resumed.code).toBe(0);
    expect(factsOf(resumed)).toEqual(await oneMachine(args));
  });

  it('a worker stops on SIGTERM with exit 0 and says how many tasks it did', async () => {
    const [worker] = startWorkers(server.url, 1);
    await new Promise((r) => setTimeout(r, 500));
    worker!.signal('SIGTERM');
    const ended = await worker!.ended;
    expect(ended.code).toBe(0);
    expect(ended.err).toContain('stopped after 0 tasks');
  });

  it('claims are idempotent and keep the lowest rank; a claim for a level that is not the current one is refused', async () => {
    const store = connectStore(parseClusterUrl(server.url, 'test'));
    const seen = new SeenShards(store, 10);
    await seen.setLevel(5);
    const fps = { count: 3, hi: Int32Array.of(7, 7, 9), lo: Int32Array.of(1, 1, 2), rank: Float64Array.of(20, 10, 30) };
    expect([...(await seen.claim(5, fps))]).toEqual([1, 1, 1]); // 20 then 10: both held it when they claimed
    expect([...(await seen.claim(5, fps))]).toEqual([0, 1, 1]); // again: 10 holds it
    expect([...(await seen.confirm(5, fps))]).toEqual([0, 1, 1]);
    await expect(seen.claim(4, fps)).rejects.toBeInstanceOf(StaleTask);
    await seen.setLevel(6);
    expect([...(await seen.claim(6, fps))]).toEqual([0, 0, 0]); // stored by level 5
    expect(await seen.has([7, 8], [1, 1])).toEqual([true, false]);
    await store.flushall();
    store.disconnect();
  });
});

describe.skipIf(!ready)('refusals (exit 2, naming the option)', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await RedisServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each([
    [['check', 'seed', '--cluster', 'http://x'], '--cluster: "http://x" is not a Redis address'],
    [['check', 'seed', '--cluster', 'redis://h:99999'], '--cluster: port 99999 is not from 1 to 65535'],
    [['check', 'seed', '--lease', '5s'], '--lease: needs --cluster URL'],
    [
      ['check', 'seed', '--no-liveness', '--cluster', 'redis://u:secret@127.0.0.1:1'],
      'cannot reach Redis at redis://u:***@127.0.0.1:1',
    ],
    [['worker', 'redis://127.0.0.1:1'], 'worker: cannot reach Redis'],
    [
      ['check', 'examples/models/peterson.ts', '--cluster', 'redis://127.0.0.1:1'],
      'a model file is checked on one machine',
    ],
  ])('%j', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).not.toContain('secret');
  });

  it('refuses liveness properties, --exact, --continue, --coverage, --workers and --checkpoint with a reason', async () => {
    const url = server.url;
    const cases: [string[], string][] = [
      [['seed'], 'add --no-liveness'],
      [['seed', '--no-liveness', '--exact'], 'cannot be combined with --exact'],
      [['seed', '--no-liveness', '--continue'], 'cannot be combined with --continue'],
      [['seed', '--no-liveness', '--coverage'], 'cannot be combined with --coverage'],
      [['seed', '--no-liveness', '--workers', '2'], 'cannot be combined with --workers'],
      [['seed', '--no-liveness', '--checkpoint', '/tmp/x'], 'cannot be combined with --checkpoint'],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['check', ...args, '--cluster', url]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(message);
    }
    const client = server.client();
    expect(await client.keys('mmucheck:*')).toEqual([]); // nothing was started
    client.disconnect();
  });

  it('a store that evicts keys when full is refused: evicted fingerprints would lose states without a trace', async () => {
    const client = server.client();
    await client.config('SET', 'maxmemory-policy', 'allkeys-lru');
    try {
      const r = await runCli(['check', 'seed', '--no-liveness', '--cluster', server.url]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('maxmemory-policy allkeys-lru');
      expect(r.err).toContain('set maxmemory-policy noeviction');
    } finally {
      await client.config('SET', 'maxmemory-policy', 'noeviction');
      client.disconnect();
    }
  });

  it('resume of a store that holds no run is refused', async () => {
    const r = await runCli(['resume', server.url]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('holds no run to resume');
  });
});
