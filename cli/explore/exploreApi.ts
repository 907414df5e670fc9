/**
 * The explorer's routes: the page, and the JSON API it calls. Requests are parsed strictly —
 * known paths, methods and query parameters only, numbers by pattern, paths replayed against the
 * model — and anything else is a 4xx answer; nothing the client sends is ever evaluated.
 *
 *   GET  /                      the page
 *   GET  /api/model             the target: name, description, threads, properties, limits
 *   GET  /api/position?init=I&path=P&at=K
 *                               path P (`3.0.2`) from initial state I (default 0), at its step K
 *                               (default: its end): the steps, and the threads, state and
 *                               properties after step K
 *   POST /api/search            {"init":I,"path":[…],"maxStates":N}: the shortest way to a
 *                               violation from that position (invariants and deadlock), within N states
 *   POST /api/counterexample    {}: the checker's counterexample, from the initial states
 *   POST /api/cancel            {}: stops the running search (it answers as incomplete)
 */
import { propertiesOf } from '../../checker/modelContract.js';
import type { ExploreTarget } from './exploreTarget.js';
import { explorePage } from './explorePage.js';
import { isPathArray, MAX_PATH_STEPS, parsePath } from './pathCodec.js';
import { positionView } from './positionView.js';
import { PathError, PathReplayer } from './replayPath.js';
import type { SearchRequest } from './searchFromPosition.js';
import { SearchRunner } from './SearchRunner.js';

/** The states a "shortest violation from here" search explores unless the page asks otherwise. */
export const DEFAULT_SEARCH_STATES = 200_000;
/** The most states the page may ask a search to explore. */
export const MAX_SEARCH_STATES = 10_000_000;
/** The counterexample is the checker's: bounded only by this many states (the checker's own default is larger). */
const COUNTEREXAMPLE_STATES = 50_000_000;

/** An answer: a status, a content type and a body. */
export interface Answer {
  readonly status: number;
  readonly type: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A request as the server read it: the body is only read for POST, within its size limit. */
export interface Request {
  readonly method: string;
  readonly pathname: string;
  readonly query: URLSearchParams;
  readonly body?: string;
}

const json = (status: number, value: unknown): Answer => ({
  status,
  type: 'application/json; charset=utf-8',
  body: JSON.stringify(value),
});

/** A 4xx answer with a message the page shows. */
export const refuse = (status: number, error: string, headers?: Record<string, string>): Answer => ({
  ...json(status, { error }),
  ...(headers ? { headers } : {}),
});

const INDEX = /^(0|[1-9]\d{0,5})$/;

/** The query's parameters, when they are exactly among `allowed` and each given once. */
function params(query: URLSearchParams, allowed: readonly string[]): Map<string, string> | string {
  const out = new Map<string, string>();
  for (const [key, value] of query) {
    if (!allowed.includes(key)) return `unknown parameter ${JSON.stringify(key.slice(0, 40))}`;
    if (out.has(key)) return `parameter ${key} given twice`;
    out.set(key, value);
  }
  return out;
}

/** The JSON object of a POST body with exactly the keys of `allowed` (some may be absent), or a message. */
function bodyObject(body: string | undefined, allowed: readonly string[]): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(body === undefined || body === '' ? '{}' : body);
  } catch {
    return 'the body is not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'the body is not a JSON object';
  const unknown = Object.keys(value).find((k) => !allowed.includes(k));
  if (unknown !== undefined) return `unknown field ${JSON.stringify(unknown.slice(0, 40))}`;
  return value as Record<string, unknown>;
}

/** The API of one target. */
export class ExploreApi {
  private readonly replayer: PathReplayer;
  private readonly searches: SearchRunner;

  constructor(private readonly target: ExploreTarget) {
    this.replayer = new PathReplayer(target.model);
    this.searches = new SearchRunner(target.source);
  }

  /** Stops any running search (the server is closing). */
  async close(): Promise<void> {
    await this.searches.cancel();
  }

  async answer(req: Request): Promise<Answer> {
    const route = ROUTES.get(req.pathname);
    if (route === undefined) return refuse(404, `no such page: ${req.pathname.slice(0, 80)}`);
    if (req.method !== route.method && !(route.method === 'GET' && req.method === 'HEAD'))
      return refuse(405, `${req.pathname} takes ${route.method} only`, { Allow: route.method });
    if (route.method === 'POST' && req.query.size > 0) return refuse(400, `${req.pathname} takes no query`);
    return route.run(this, req);
  }

  page(req: Request): Answer {
    if (req.query.size > 0) return refuse(400, 'the page takes no query (the position is in the fragment: #path=…)');
    return { status: 200, type: 'text/html; charset=utf-8', body: explorePage(this.target.name) };
  }

  modelInfo(req: Request): Answer {
    if (req.query.size > 0) return refuse(400, '/api/model takes no query');
    const model = this.target.model;
    return json(200, {
      name: this.target.name,
      description: this.target.description,
      kind: this.target.source.kind,
      initStates: model.initStates().length,
      properties: propertiesOf(model).map((p) => ({ id: p.id, name: p.name, kind: p.kind })),
      limits: {
        maxPathSteps: MAX_PATH_STEPS,
        defaultSearchStates: DEFAULT_SEARCH_STATES,
        maxSearchStates: MAX_SEARCH_STATES,
      },
    });
  }

  position(req: Request): Answer {
    const p = params(req.query, ['init', 'path', 'at']);
    if (typeof p === 'string') return refuse(400, p);
    const init = p.get('init') ?? '0';
    if (!INDEX.test(init)) return refuse(400, 'init must be a small non-negative integer');
    const path = parsePath(p.get('path') ?? '');
    if (path === undefined)
      return refuse(400, `path must be action indices joined by dots (3.0.2), at most ${MAX_PATH_STEPS} of them`);
    const at = p.get('at') ?? String(path.length);
    if (!INDEX.test(at) || Number(at) > path.length)
      return refuse(400, `at must be a step of the path, from 0 to ${path.length}`);
    return this.replayed(() =>
      json(200, positionView(this.target, this.replayer.replay(Number(init), path), Number(at))),
    );
  }

  async search(req: Request): Promise<Answer> {
    const body = bodyObject(req.body, ['init', 'path', 'maxStates']);
    if (typeof body === 'string') return refuse(400, body);
    const { init = 0, path, maxStates = DEFAULT_SEARCH_STATES } = body;
    if (!Number.isSafeInteger(init) || (init as number) < 0) return refuse(400, 'init must be a non-negative integer');
    if (!isPathArray(path)) return refuse(400, `path must be an array of at most ${MAX_PATH_STEPS} action indices`);
    if (!Number.isSafeInteger(maxStates) || (maxStates as number) < 1 || (maxStates as number) > MAX_SEARCH_STATES)
      return refuse(400, `maxStates must be an integer from 1 to ${MAX_SEARCH_STATES}`);
    // The path is checked here, so that a bad one is a 400 and not the search's error.
    const checked = this.replayed(() => {
      this.replayer.replay(init as number, path);
      return undefined;
    });
    if (checked.status !== 200) return checked;
    return this.runSearch({ init: init as number, path, maxStates: maxStates as number, scope: 'safety' });
  }

  async counterexample(req: Request): Promise<Answer> {
    const body = bodyObject(req.body, []);
    if (typeof body === 'string') return refuse(400, body);
    return this.runSearch({ init: 0, path: [], maxStates: COUNTEREXAMPLE_STATES, scope: 'all' });
  }

  async cancel(req: Request): Promise<Answer> {
    const body = bodyObject(req.body, []);
    if (typeof body === 'string') return refuse(400, body);
    return json(200, { cancelled: await this.searches.cancel() });
  }

  private async runSearch(request: SearchRequest): Promise<Answer> {
    return json(200, await this.searches.run(request));
  }

  /** `make()`'s answer, or a 400 naming the step of a path the model does not allow, or a 500 for a model that threw. */
  private replayed(make: () => Answer | undefined): Answer {
    try {
      return make() ?? json(200, {});
    } catch (e) {
      if (e instanceof PathError) return refuse(400, e.message);
      return refuse(500, `the model raised an error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

type Route = { readonly method: 'GET' | 'POST'; run(api: ExploreApi, req: Request): Answer | Promise<Answer> };

const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  ['/', { method: 'GET', run: (api, req) => api.page(req) }],
  ['/api/model', { method: 'GET', run: (api, req) => api.modelInfo(req) }],
  ['/api/position', { method: 'GET', run: (api, req) => api.position(req) }],
  ['/api/search', { method: 'POST', run: (api, req) => api.search(req) }],
  ['/api/counterexample', { method: 'POST', run: (api, req) => api.counterexample(req) }],
  ['/api/cancel', { method: 'POST', run: (api, req) => api.cancel(req) }],
]);
