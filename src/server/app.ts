/**
 * The observatory service (hono). Every route comes from one table (routes/index.ts) and declares
 * the roles that may call it; the app registers nothing else under /api, so an undeclared route
 * is refused. Order per request: log → rate limit → authenticate → authorise (403) → validate (zod,
 * 400) → handler → `{error: {code, message, issues}}` on failure.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import type { ZodType } from 'zod';
import { AnonymatError, type Issue } from '../errors.ts';
import { accountForToken, bearerOf } from './auth.ts';
import type { Account, RateClass, RouteDef, Services } from './context.ts';
import { errorBody, toResponse } from './on-error.ts';
import { ROUTES } from './routes/index.ts';
import { readLimitedBody } from './routes/util.ts';

/** Largest JSON request body (queries, decisions, objections): 1 MiB. */
export const MAX_JSON_BYTES = 1 << 20;

export interface RateLimits { windowMs: number; limits: Record<RateClass, number> }

export const DEFAULT_RATE_LIMITS: RateLimits = {
  windowMs: 60_000,
  limits: { default: 600, login: 30, upload: 120, query: 300 },
};

export interface AppOptions {
  rateLimits?: RateLimits;
  /** Folder of the built dashboard (web/dist); served at / when present. */
  webDir?: string | null;
  routes?: readonly RouteDef[];
}

/** Turns zod issues into our issues with JSON paths; never echoes the input value. */
export function zodIssues(error: { issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[] }, root: string): Issue[] {
  return error.issues.map((i) => ({
    path: root + i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join(''),
    message: i.message,
  }));
}

function validate(schema: ZodType, value: unknown, root: string, what: string): unknown {
  const r = schema.safeParse(value);
  if (!r.success) throw new AnonymatError('invalid-input', `the ${what} does not validate; fix the fields listed`, zodIssues(r.error, root));
  return r.data;
}

/** The caller's address (the socket's; 'local' in process). */
function ipKey(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return 'ip:' + (incoming?.socket?.remoteAddress ?? 'local');
}
/**
 * The rate-limit bucket of a request: its account once the token is verified (each account its own window), else its
 * address. Never an unverified token: a made-up token per request was a fresh bucket each time.
 */
function clientKey(c: Context): string {
  const account = c.get('account' as never) as Account | undefined;
  return account ? 'account:' + account.id : ipKey(c);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.map': 'application/json',
};

/** The per-address limit before authentication, in multiples of a route's per-account limit. */
const FLOOD = 10;

export function createApp(svc: Services, opts: AppOptions = {}): Hono {
  const app = new Hono();
  const limits = opts.rateLimits ?? DEFAULT_RATE_LIMITS;
  const routes = opts.routes ?? ROUTES;

  app.onError((e, c) => toResponse(c, e, svc.log));
  app.notFound((c) => c.json(errorBody('not-found', 'no such route: the service refuses every route its route table does not declare'), 404));

  // one access-log line per request: method, route pattern (not the raw path), status, time, account id
  app.use('*', async (c, next) => {
    const t0 = performance.now();
    await next();
    const acc = c.get('account' as never) as Account | undefined;
    svc.log(`${c.req.method} ${c.req.routePath} ${c.res.status} ${(performance.now() - t0).toFixed(1)}ms${acc ? ` ${acc.role}:${acc.id}` : ''}`);
  });

  const limiters = new Map<RateClass, MiddlewareHandler>();
  // (before the token is checked, per address: FLOOD times the route's limit — unknown tokens and floods are refused
  // there; after it, per account: the route's limit)
  const floods = new Map<RateClass, MiddlewareHandler>();
  for (const cls of Object.keys(limits.limits) as RateClass[]) {
    const limiter = (limit: number, key: (c: Context) => string, stage: string): MiddlewareHandler => rateLimiter({
      windowMs: limits.windowMs,
      limit,
      standardHeaders: 'draft-7',
      keyGenerator: (c) => `${stage}:${cls}:${key(c)}`,
      handler: (c) => c.json(errorBody('rate-limited', `too many requests (${limit} per ${limits.windowMs / 1000} s for this kind of route${stage === 'flood' ? ' from one address' : ''}); retry later`), 429),
    }) as MiddlewareHandler;
    limiters.set(cls, limiter(limits.limits[cls], clientKey, 'caller'));
    floods.set(cls, limiter(FLOOD * limits.limits[cls], ipKey, 'flood'));
  }

  for (const r of routes) {
    if (r.roles !== 'public' && r.roles.length === 0) throw new Error(`route ${r.method} ${r.path} declares no role`);
    const guard: MiddlewareHandler = async (c, next) => {
      let account: Account | null = null;
      if (r.roles !== 'public') {
        const token = bearerOf(c.req.header('authorization'));
        if (!token) throw new AnonymatError('unauthorized', 'this route needs a bearer API token: send "Authorization: Bearer <token>"');
        account = await accountForToken(svc.store, token);
        if (!account) throw new AnonymatError('unauthorized', 'the API token is unknown or revoked; ask an admin for a new one');
        c.set('account' as never, account as never);
        if (!r.roles.includes(account.role)) {
          throw new AnonymatError('forbidden', `role ${account.role} may not call ${r.method} ${r.path} (allowed: ${r.roles.join(', ')})`);
        }
      }
      await next();
    };
    const handler = async (c: Context) => {
      let body: unknown = undefined;
      if (r.body && r.bodyKind !== 'raw') {
        let raw: unknown;
        // (read with a limit: a JSON request is small, and a body without Content-Length is counted as it arrives)
        // (no body where every field is optional — a release request without a note — is the empty object)
        const emptyOk = r.body.safeParse({}).success;
        const bytes = await readLimitedBody(c.req.raw, MAX_JSON_BYTES, 'the request body', 'a JSON request holds a query or a decision, not data: upload data with PUT /api/uploads/{id}', emptyOk);
        if (bytes.length === 0) raw = {};
        else try { raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)); } catch {
          throw new AnonymatError('invalid-input', 'the request body is not valid JSON; send Content-Type: application/json with a JSON object');
        }
        body = validate(r.body, raw, '$', 'request body');
      }
      const query = r.query ? validate(r.query, c.req.query(), 'query', 'query string') : undefined;
      const account = (c.get('account' as never) as Account | undefined) ?? null;
      const out = await r.handler({ c, svc, account, params: c.req.param() as Record<string, string>, body, query });
      if (out instanceof Response) return out;
      return c.json(out as object);
    };
    const cls = r.rate ?? 'default';
    if (r.roles === 'public') app.on(r.method, r.path, limiters.get(cls)!, guard, handler);
    else app.on(r.method, r.path, floods.get(cls)!, guard, limiters.get(cls)!, handler);
  }

  app.all('/api/*', (c) => c.json(errorBody('not-found', 'no such route: the service refuses every route its route table does not declare'), 404));

  // the dashboard: static files from webDir, index.html for client-side routes
  const webDir = opts.webDir && existsSync(join(opts.webDir, 'index.html')) ? resolve(opts.webDir) : null;
  app.get('*', (c) => {
    if (!webDir) return c.json(errorBody('not-found', 'the dashboard is not built: run "npm run build:web" (web/dist) or pass --web <folder>'), 404);
    let path: string;
    try { path = decodeURIComponent(new URL(c.req.url).pathname); } catch {
      return c.json(errorBody('invalid-input', 'the path is not valid percent-encoding'), 400);
    }
    const rel = normalize(path).replace(/^([/\\])+/, '');
    let file = resolve(webDir, rel);
    if (!(file === webDir || file.startsWith(webDir + sep))) return c.json(errorBody('not-found', 'no such file'), 404);
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(webDir, 'index.html');
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    return c.body(readFileSync(file), 200, { 'content-type': type, 'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600' });
  });
  return app;
}
