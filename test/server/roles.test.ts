/**
 * The role matrix: for every route of the route table and every role it does not declare, the
 * service answers 403 (and 401 without a token); public routes answer without a token; a route
 * that is not in the table is refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROUTES } from '../../src/server/routes/index.ts';
import { ROLES, type Role } from '../../src/server/context.ts';
import { startHarness } from './helpers.ts';

const concrete = (path: string) => path.replace(/:([A-Za-z]+)/g, 'x-$1');

test('role matrix: every role gets 403 on every route it must not reach, 401 without a token', async () => {
  const h = await startHarness();
  try {
    const tokenOf: Record<Role, string> = { admin: h.tokens.admin, dpo: h.tokens.dpo, practice: h.tokens.practice, client: h.tokens.client };
    let checked = 0;
    for (const r of ROUTES) {
      if (r.roles === 'public') {
        const res = await h.call(r.method, concrete(r.path));
        assert.equal(res.status, 200, `${r.method} ${r.path} is public and must answer 200 without a token`);
        continue;
      }
      const body = r.method === 'GET' ? {} : { json: {} };
      const anon = await h.call(r.method, concrete(r.path), body);
      assert.equal(anon.status, 401, `${r.method} ${r.path} without a token`);
      assert.equal(anon.json.error.code, 'unauthorized');
      for (const role of ROLES) {
        if (r.roles.includes(role)) continue;
        const res = await h.call(r.method, concrete(r.path), { token: tokenOf[role], ...body });
        assert.equal(res.status, 403, `${role} on ${r.method} ${r.path} must get 403, got ${res.status} ${res.text}`);
        assert.equal(res.json.error.code, 'forbidden');
        checked++;
      }
    }
    assert.ok(checked >= 40, `the matrix checked ${checked} forbidden (role, route) pairs`);
    // the table declares roles for every route, and only known roles
    for (const r of ROUTES) {
      if (r.roles !== 'public') { assert.ok(r.roles.length > 0); for (const x of r.roles) assert.ok(ROLES.includes(x)); }
    }
  } finally { await h.close(); }
});

test('undeclared routes and methods are refused; a bad token is 401; errors have {error:{code,message,issues}}', async () => {
  const h = await startHarness();
  try {
    for (const [m, p] of [['GET', '/api/secret'], ['DELETE', '/api/projects/x'], ['POST', '/api/health'], ['GET', '/api/records']] as const) {
      const res = await h.call(m, p, { token: h.tokens.admin });
      assert.equal(res.status, 404, `${m} ${p}`);
      assert.equal(res.json.error.code, 'not-found');
      assert.ok(Array.isArray(res.json.error.issues));
    }
    const bad = await h.call('GET', '/api/me', { token: 'anm_' + 'A'.repeat(43) });
    assert.equal(bad.status, 401);
    const ok = await h.call('GET', '/api/me', { token: h.tokens.dpo });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.account.role, 'dpo');
    // zod validation: 400 with JSON paths, never the value sent
    const v = await h.call('POST', '/api/projects', { token: h.tokens.dpo, json: { clientId: 'lab', title: '', dataRequested: 'sex', legalBasis: { kind: 'nope' } } });
    assert.equal(v.status, 400);
    assert.equal(v.json.error.code, 'invalid-input');
    const paths = v.json.error.issues.map((i: { path: string }) => i.path);
    for (const p of ['$.title', '$.purpose', '$.dataRequested', '$.legalBasis.kind', '$.retentionUntil']) assert.ok(paths.includes(p), `issue at ${p}: ${paths}`);
  } finally { await h.close(); }
});

test('tokens are stored hashed (SHA-256), never in clear', async () => {
  const h = await startHarness();
  try {
    const rows = await h.service.store.all('SELECT token_hash FROM api_tokens');
    assert.equal(rows.length, 6);
    for (const r of rows) assert.match(String(r.token_hash), /^[0-9a-f]{64}$/);
    const all = JSON.stringify(await h.service.store.all('SELECT * FROM api_tokens')) + JSON.stringify(await h.service.store.all('SELECT * FROM accounts'));
    for (const t of Object.values(h.tokens)) assert.ok(!all.includes(t), 'a token appears in the store');
  } finally { await h.close(); }
});

test('rate limits answer 429 with an error body', async () => {
  const h = await startHarness({ rateLimits: { windowMs: 60_000, limits: { default: 5, login: 2, upload: 5, query: 5 } } });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await h.call('POST', '/api/session', { token: h.tokens.dpo })).status);
    assert.deepEqual(statuses, [200, 200, 429, 429]);
    const r = await h.call('POST', '/api/session', { token: h.tokens.dpo });
    assert.equal(r.json.error.code, 'rate-limited');
    // another account has its own window
    assert.equal((await h.call('POST', '/api/session', { token: h.tokens.client })).status, 200);
  } finally { await h.close(); }
});

test('rate limits: an unverified token is no bucket of its own (a made-up token per request was a fresh window each time)', async () => {
  const h = await startHarness({ rateLimits: { windowMs: 60_000, limits: { default: 5, login: 2, upload: 5, query: 5 } } });
  try {
    // a public route: the address's window, whatever token comes with the request
    const pub: number[] = [];
    for (let i = 0; i < 8; i++) pub.push((await h.call('GET', '/api/transparency', { token: `made-up-${i}-xxxxxxxxxxxxxxxx` })).status);
    assert.deepEqual(pub, [200, 200, 200, 200, 200, 429, 429, 429]);
    // guessed tokens on a route that needs one: 401, then the address's flood limit (10 × 2) answers 429
    const guesses: number[] = [];
    for (let i = 0; i < 24; i++) guesses.push((await h.call('POST', '/api/session', { token: `guess-${i}-xxxxxxxxxxxxxxxx` })).status);
    assert.deepEqual([guesses.slice(0, 20).every((s) => s === 401), guesses.slice(20).every((s) => s === 429)], [true, true], guesses.join(' '));
  } finally { await h.close(); }
});

test('revoked tokens stop working at once; an admin cannot revoke itself', async () => {
  const h = await startHarness();
  try {
    assert.equal((await h.call('GET', '/api/me', { token: h.tokens.client })).status, 200);
    const accounts = (await h.call('GET', '/api/accounts', { token: h.tokens.admin })).json.accounts as { id: string; role: string; client_id: string | null }[];
    const client = accounts.find((a) => a.client_id === 'lab')!;
    assert.equal((await h.call('POST', `/api/accounts/${client.id}/revoke`, { token: h.tokens.admin })).status, 200);
    assert.equal((await h.call('GET', '/api/me', { token: h.tokens.client })).status, 401);
    const admin = accounts.find((a) => a.role === 'admin')!;
    assert.equal((await h.call('POST', `/api/accounts/${admin.id}/revoke`, { token: h.tokens.admin })).status, 409);
    const fresh = await h.call('POST', `/api/accounts/${client.id}/tokens`, { token: h.tokens.admin, json: { label: 'new laptop' } });
    assert.equal(fresh.status, 200);
    assert.equal((await h.call('GET', '/api/me', { token: fresh.json.token })).status, 401, 'a disabled account stays disabled');
  } finally { await h.close(); }
});
