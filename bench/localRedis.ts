/**
 * Local Redis servers for the distributed search's benchmark and tests: each started from Debian's
 * `redis-server` on a free loopback port with a directory of its own (append-only file on, fsync at
 * every write), stopped by its owner. Nothing is shared with a Redis the machine may run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

const SERVER = 'redis-server';

/** Whether redis-server is installed. */
export function redisInstalled(): boolean {
  return spawnSync(SERVER, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A free TCP port on the loopback interface (free when asked; the server takes it at once). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** One redis-server of a test. */
export class RedisServer {
  private process: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly extra: readonly string[],
  ) {}

  /** Starts a server on a free port with append-only persistence (fsync at every write) in a new directory. */
  static async start(extra: readonly string[] = []): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), mkdtempSync(join(tmpdir(), 'mmucheck-redis-')), extra);
    await server.launch();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** The server's process id (undefined while it is stopped). */
  get pid(): number | undefined {
    return this.process?.pid;
  }

  /** A client of this server (the caller quits it). */
  client(): Redis {
    return new Redis(this.port, '127.0.0.1', { lazyConnect: false, maxRetriesPerRequest: 1 });
  }

  /** Kills the server (SIGKILL: what is not in its append-only file is lost) and starts it again on the same port and directory. */
  async restart(): Promise<void> {
    await this.kill();
    await this.launch();
  }

  /** Kills the server with SIGKILL. */
  async kill(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }

  /** Stops the server and removes its directory. */
  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const args = [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--dir',
      this.dir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
      '--daemonize',
      'no',
      '--protected-mode',
      'yes',
      ...this.extra,
    ];
    const child = spawn(SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = child;
    let output = '';
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`redis-server on port ${this.port} exited: ${output}`);
      if (await this.answers()) return;
      if (Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async answers(): Promise<boolean> {
    const probe = new Redis(this.port, '127.0.0.1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => {});
    try {
      await probe.connect();
      // Loading the append-only file answers LOADING; ready means a PING answered PONG.
      return (await probe.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  }
}

/** A local Redis Cluster of `size` masters (no replicas), each a `RedisServer`. */
export class RedisClusterServers {
  private constructor(readonly nodes: readonly RedisServer[]) {}

  static async start(size = 3): Promise<RedisClusterServers> {
    const nodes: RedisServer[] = [];
    try {
      for (let i = 0; i < size; i++)
        nodes.push(await RedisServer.start(['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf']));
      const create = spawnSync(
        'redis-cli',
        ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes'],
        { encoding: 'utf8', timeout: 30_000 },
      );
      if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
      const cluster = new RedisClusterServers(nodes);
      await cluster.waitReady();
      return cluster;
    } catch (e) {
      for (const n of nodes) await n.stop();
      throw e;
    }
  }

  /** The `--cluster` argument naming every node. */
  get url(): string {
    return `redis://${this.nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}`;
  }

  async stop(): Promise<void> {
    for (const n of this.nodes) await n.stop();
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      let ok = true;
      for (const node of this.nodes) {
        const c = node.client();
        try {
          const info = String(await c.call('CLUSTER', 'INFO'));
          if (!info.includes('cluster_state:ok')) ok = false;
        } finally {
          c.disconnect();
        }
      }
      if (ok) return;
      if (Date.now() > deadline) throw new Error('the local Redis Cluster did not become ready');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
