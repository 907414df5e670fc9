/**
 * Faults cost time, not results: a distributed run whose worker, coordinator or store is killed
 * mid-run ends with exactly the counts and verdict of a one-machine run; a worker that loses the
 * store exits with a clear message; 1, 2 and 4 workers and a three-node Redis Cluster agree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryBuilt, runCli } from '../../helpers/runCli.js';
import { RedisClusterServers, redisPresent, RedisServer } from '../../helpers/redisServer.js';
import {
  factsOf,
  oneMachine,
  startCoordinator,
  startWorkers,
  stopWorkers,
  until,
  type RunFacts,
} from './clusterRuns.js';

const ready = binaryBuilt() && redisPresent('the distributed search fault tests');
const SEED3 = ['seed', '--readers', '3', '--no-liveness'];
const SEED4 = ['seed', '--readers', '4', '--no-liveness'];
const SEED5 = ['seed', '--readers', '5', '--no-liveness'];

describe.skipIf(!ready)('distributed runs under faults', { timeout: 180_000 }, () => {
  let server: RedisServer;
  let seed3: RunFacts;
  let seed4: RunFacts;
  let seed5: RunFacts;
  beforeAll(async () => {
    server = await RedisServer.start();
    seed3 = await oneMachine(SEED3);
    seed4 = await oneMachine(SEED4);
    seed5 = await oneMachine(SEED5);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each([1, 2, 4])('%i worker processes give the one-machine counts', async (n) => {
    const workers = startWorkers(server.url, n);
    const ended = await startCoordinator(server.url, SEED3, ['--quiet']).ended;
    await stopWorkers(workers);
    expect(ended.code).toBe(0);
    expect(factsOf(ended)).toEqual(seed3);
  });

  it('a worker killed with SIGKILL mid-run: its leased task is taken over, the counts are unchanged', async () => {
    const workers = startWorkers(server.url, 2, ['--quiet']);
    const coordinator = startCoordinator(server.url, SEED4, ['--lease', '1s']);
    await until(() => /progress: distinct [1-9]/.test(coordinator.err()), 60_000, 'progress');
    workers[0]!.signal('SIGKILL');
    const ended = await coordinator.ended;
    await stopWorkers(workers.slice(1));
    expect(ended.code).toBe(0);
    expect(factsOf(ended)).toEqual(seed4);
  });

  it('the coordinator killed with SIGKILL mid-run: resume URL ends as an uninterrupted run', async () => {
    const workers = startWorkers(server.url, 2, ['--quiet']);
    const coordinator = startCoordinator(server.url, SEED4);
    await until(() => /progress: distinct [1-9]/.test(coordinator.err()), 60_000, 'progress');
    coordinator.signal('SIGKILL');
    await coordinator.ended;
    const resumed = await runCli(['resume', server.url, '--format', 'json', '--quiet']);
    await stopWorkers(workers);
    expect(resumed.code).toBe(0);
    expect(factsOf(resumed)).toEqual(seed4);
  });

  it('Redis killed and restarted from its append-only file twice mid-run: the run goes on to the same counts', async () => {
    const workers = startWorkers(server.url, 2, ['--quiet']);
    const coordinator = startCoordinator(server.url, SEED5);
    let over = false;
    void coordinator.ended.then(() => {
      over = true;
    });
    await until(() => /progress: distinct [1-9]/.test(coordinator.err()), 60_000, 'progress');
    await server.restart();
    const seen = coordinator.err().length;
    // The second restart once the run has gone on after the first (unless it has ended by then).
    await until(
      () => over || /progress: distinct/.test(coordinator.err().slice(seen)),
      60_000,
      'progress after the restart',
    );
    if (!over) await server.restart();
    const ended = await coordinator.ended;
    await stopWorkers(workers);
    expect(ended.code).toBe(0);
    expect(factsOf(ended)).toEqual(seed5);
    expect(ended.err).toContain('reconnected to');
  });

  it('a worker that loses the store exits 3 with a clear message', async () => {
    const lonely = await RedisServer.start();
    const [worker] = startWorkers(lonely.url, 1, ['--give-up', '2s']);
    await until(() => worker!.err().includes('waiting for a run'), 20_000, 'the worker to wait');
    await lonely.kill();
    const ended = await worker!.ended;
    await lonely.stop();
    expect(ended.code).toBe(3);
    expect(ended.err).toContain(`lost the store at ${lonely.url}`);
  });
});

describe.skipIf(!ready)('a distributed run on a three-node Redis Cluster', { timeout: 180_000 }, () => {
  let cluster: RedisClusterServers;
  beforeAll(async () => {
    cluster = await RedisClusterServers.start(3);
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('gives the one-machine counts, with the seen set sharded over the nodes', async () => {
    const workers = startWorkers(cluster.url, 2);
    const ended = await startCoordinator(cluster.url, SEED3, ['--quiet']).ended;
    await stopWorkers(workers);
    expect(ended.code).toBe(0);
    expect(factsOf(ended)).toEqual(await oneMachine(SEED3));
  });

  it('finds the one-machine counterexample', async () => {
    const args = ['lazy-with-reader', '--no-liveness'];
    const workers = startWorkers(cluster.url, 2);
    const ended = await startCoordinator(cluster.url, args, ['--quiet']).ended;
    await stopWorkers(workers);
    expect(ended.code).toBe(1);
    expect(factsOf(ended)).toEqual(await oneMachine(args));
  });
});
