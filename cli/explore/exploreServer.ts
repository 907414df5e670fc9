/**
 * The explorer's HTTP server (node:http; the API is six routes, no framework needed). It reads
 * requests within fixed limits — the URL's length, the body's size, JSON bodies only — and answers
 * every request, bad ones with a 4xx and a model that throws with a 500, so that nothing a client
 * sends ends it. On a loopback address it also requires a loopback Host header, so that a page of
 * another site whose name resolves to 127.0.0.1 cannot use it (POSTs need a JSON content type,
 * which a page of another origin cannot send without a preflight the server never grants).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Answer, ExploreApi, refuse } from './exploreApi.js';
import type { ExploreTarget } from './exploreTarget.js';

/** The longest request URL read (a path of MAX_PATH_STEPS indices fits). */
export const MAX_URL_CHARS = 80_000;
/** Node's bound on a request's head, raised from its 16 KiB so that a URL of MAX_URL_CHARS reaches the server's own check. */
const MAX_HEADER_BYTES = 96 * 1024;
/** The largest request body read. */
export const MAX_BODY_BYTES = 128 * 1024;

/** A running explorer. */
export interface ExploreServer {
  /** The page's address (`http://127.0.0.1:PORT/`). */
  readonly url: string;
  readonly port: number;
  /** Stops the running search, closes every connection and the server. */
  close(): Promise<void>;
}

/** True for an address of this machine only. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

class TooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new TooLarge());
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host ?? '';
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
}

async function answerOf(api: ExploreApi, req: IncomingMessage, loopbackOnly: boolean, port: number): Promise<Answer> {
  const raw = req.url ?? '';
  if (raw.length > MAX_URL_CHARS) return refuse(414, 'the URL is too long');
  if (loopbackOnly && !hostAllowed(req, port)) return refuse(400, 'the Host header does not name this server');
  let url: URL;
  try {
    url = new URL(raw, 'http://explorer.invalid');
  } catch {
    return refuse(400, 'the URL cannot be read');
  }
  const method = req.method ?? '';
  let body: string | undefined;
  if (method === 'POST') {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return refuse(400, 'a POST body must be application/json');
    try {
      body = await readBody(req);
    } catch (e) {
      return e instanceof TooLarge
        ? refuse(413, `the body is larger than ${MAX_BODY_BYTES} bytes`)
        : refuse(400, 'the body could not be read');
    }
  }
  return api.answer({
    method,
    pathname: url.pathname,
    query: url.searchParams,
    ...(body === undefined ? {} : { body }),
  });
}

function send(res: ServerResponse, answer: Answer, head: boolean): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(answer.status, {
    'Content-Type': answer.type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy':
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src data:",
    ...answer.headers,
  });
  res.end(head ? undefined : answer.body);
}

/** Serves `target` on `host`:`port` (0: a free port) until `close()`. */
export async function startExploreServer(
  target: ExploreTarget,
  options: { readonly host: string; readonly port: number },
): Promise<ExploreServer> {
  const api = new ExploreApi(target);
  const loopbackOnly = isLoopback(options.host);
  let port = options.port;
  const server: Server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    answerOf(api, req, loopbackOnly, port)
      .catch((e: unknown) => refuse(500, `internal error: ${e instanceof Error ? e.message : String(e)}`))
      .then((answer) => send(res, answer, req.method === 'HEAD'));
  });
  server.maxHeadersCount = 50;
  server.headersTimeout = 10_000;
  server.requestTimeout = 0; // a search answers when it ends, which may take long
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    close: async () => {
      await api.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
