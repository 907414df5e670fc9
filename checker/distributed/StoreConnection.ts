/**
 * The connection to a distributed run's store: one Redis server, or a Redis Cluster when the
 * address names several nodes (ioredis routes each key to its node). Commands issued together to a
 * server are pipelined (auto-pipelining). While the store is unreachable, commands wait and the
 * client reconnects; after `giveUpAfterMs` without it, the connection ends and every waiting
 * command fails, so a process never hangs on a store that is gone.
 */
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { ClusterUrl } from './clusterUrl.js';

/** A client of the store: a server's or a cluster's. */
export type Store = Redis | Cluster;

/** How long a process waits for a lost store by default before it gives up. */
export const DEFAULT_GIVE_UP_MS = 15_000;

/** Connects to the store at `url`; `onReconnect` runs each time the connection is ready again after a loss. */
export function connectStore(url: ClusterUrl, giveUpAfterMs = DEFAULT_GIVE_UP_MS, onReconnect?: () => void): Store {
  let lostSince: number | undefined;
  const retry = (): number | null => {
    lostSince ??= Date.now();
    return Date.now() - lostSince > giveUpAfterMs ? null : 200;
  };
  const common: RedisOptions = {
    ...(url.username === undefined ? {} : { username: url.username }),
    ...(url.password === undefined ? {} : { password: url.password }),
    ...(url.tls ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    retryStrategy: retry,
    connectionName: 'mmucheck',
  };
  let store: Store;
  if (url.nodes.length === 1) {
    store = new Redis({
      ...common,
      host: url.nodes[0]!.host,
      port: url.nodes[0]!.port,
      db: url.db,
      enableAutoPipelining: true,
    });
  } else {
    const options: ClusterOptions = {
      redisOptions: common,
      clusterRetryStrategy: retry,
      // Auto-pipelining a cluster's commands mixes slots in one pipeline, which ioredis refuses;
      // commands sent together still share each node's connection without waiting for each other.
      enableAutoPipelining: false,
      enableOfflineQueue: true,
      ...(url.tls ? { dnsLookup: (address, callback) => callback(null, address) } : {}),
    };
    store = new Cluster(
      url.nodes.map((n) => ({ host: n.host, port: n.port })),
      options,
    );
  }
  let wasLost = false;
  store.on('error', () => {}); // reported through the commands that fail
  store.on('close', () => {
    wasLost = true;
  });
  store.on('ready', () => {
    lostSince = undefined;
    if (wasLost) {
      wasLost = false;
      onReconnect?.();
    }
  });
  return store;
}

/** Waits until the store answers, or fails with why it does not (after the give-up time). */
export async function storeReady(store: Store): Promise<void> {
  await store.ping();
}
