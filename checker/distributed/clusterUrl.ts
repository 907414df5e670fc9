/**
 * Where a distributed run's store is: `redis://[user:password@]host:port[,host:port…][/db]`, or
 * `rediss://` for TLS. One address is a Redis server; several are the seed nodes of a Redis Cluster.
 * The password is kept out of every message and report (`shown`).
 */
import { InputError } from '../../model/InputError.js';

/** One node's address. */
export interface NodeAddress {
  readonly host: string;
  readonly port: number;
}

/** A parsed store address. */
export interface ClusterUrl {
  readonly nodes: readonly NodeAddress[];
  readonly username?: string;
  readonly password?: string;
  readonly tls: boolean;
  /** The database number (a single server only: a Redis Cluster has database 0 alone). */
  readonly db: number;
  /** The address as given, with the password masked: for messages, reports and progress. */
  readonly shown: string;
}

const DEFAULT_PORT = 6379;

/** Parses `text`, naming `option` (the flag or argument it came from) in an error. */
export function parseClusterUrl(text: string, option: string): ClusterUrl {
  const bad = (why: string) =>
    new InputError(
      `${why}; expected redis://[user:password@]host:port[,host:port…][/db] or rediss://…`,
      undefined,
      option,
    );
  const match = /^(rediss?):\/\/(?:([^@/]*)@)?([^/@]+)(?:\/(\d*))?$/.exec(text.trim());
  if (!match) throw bad(`${JSON.stringify(mask(text))} is not a Redis address`);
  const [, scheme, auth, hosts, dbText] = match;
  const nodes = hosts!.split(',').map((part) => nodeOf(part, bad));
  const db = dbText === undefined || dbText === '' ? 0 : Number(dbText);
  if (!Number.isSafeInteger(db) || db > 15) throw bad(`database ${dbText} is not a number from 0 to 15`);
  if (nodes.length > 1 && db !== 0) throw bad('a Redis Cluster (several nodes) has database 0 only');
  let username: string | undefined;
  let password: string | undefined;
  if (auth !== undefined && auth !== '') {
    const colon = auth.indexOf(':');
    const user = decodeURIComponent(colon < 0 ? '' : auth.slice(0, colon));
    password = decodeURIComponent(colon < 0 ? auth : auth.slice(colon + 1));
    if (user !== '') username = user;
  }
  return {
    nodes,
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
    tls: scheme === 'rediss',
    db,
    shown: mask(text.trim()),
  };
}

function nodeOf(part: string, bad: (why: string) => Error): NodeAddress {
  const ipv6 = /^\[([0-9a-fA-F:.]+)\](?::(\d+))?$/.exec(part);
  const plain = /^([A-Za-z0-9_.-]+)(?::(\d+))?$/.exec(part);
  const m = ipv6 ?? plain;
  if (!m) throw bad(`${JSON.stringify(part)} is not host:port`);
  const port = m[2] === undefined ? DEFAULT_PORT : Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw bad(`port ${m[2]} is not from 1 to 65535`);
  return { host: m[1]!, port };
}

/** `text` with any password replaced by `***`. */
function mask(text: string): string {
  return text.replace(/^(rediss?:\/\/)([^@/]*)@/, (_all, scheme: string, auth: string) => {
    const colon = auth.indexOf(':');
    return `${scheme}${colon < 0 ? '' : `${auth.slice(0, colon)}:`}***@`;
  });
}
