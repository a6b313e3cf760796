/**
 * `npm start`: the observatory service on the embedded defaults with the demo observatory loaded.
 *
 *   node --import tsx examples/observatory/serve-demo.ts [--data <new folder>] [--port 8787] [--patients 6000] [--practices 24] [--seed 42]
 *
 * Loads the seeded synthetic observatory (examples/observatory/generate.ts) into a FRESH data folder
 * through the service's own code paths (accounts, panel enrolment, uploads with pseudonymization,
 * objections, projects with legal bases, DP budgets and queries, releases), builds the dashboard if
 * it is not built, starts the service and prints the demo accounts' tokens once.
 * The demo key is random and lives only in this process's memory (never written anywhere).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateObservatory } from './generate.ts';
import { openService, listen } from '../../src/server/service.ts';
import { tableToCsv } from '../../src/io/write.ts';
import { selectRows } from '../../src/table/table.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values: args } = parseArgs({
  options: { data: { type: 'string' }, port: { type: 'string', default: '8787' }, patients: { type: 'string', default: '6000' }, practices: { type: 'string', default: '24' }, seed: { type: 'string', default: '42' }, host: { type: 'string', default: '127.0.0.1' } },
});

// (a folder of its own unless --data names one: removed on exit, its store unreadable without the key this process held)
const ownFolder = args.data === undefined;
const data = args.data ?? mkdtempSync(join(tmpdir(), 'anonymat-demo-'));
if (existsSync(data) && readdirSync(data).length > 0) {
  process.stderr.write(`serve-demo: ${data} is not empty; give a new folder with --data (the demo always starts fresh)\n`);
  process.exit(2);
}

// the dashboard: build it once if web/dist is missing
const webDir = join(root, 'web', 'dist');
if (!existsSync(join(webDir, 'index.html'))) {
  process.stderr.write('serve-demo: building the dashboard (web/dist)…\n');
  const { build } = await import('vite');
  await build({ configFile: join(root, 'web', 'vite.config.ts'), logLevel: 'warn' });
}

const quiet = process.env.ANONYMAT_DEMO_VERBOSE ? false : true;
const service = await openService({
  data, key: new Uint8Array(randomBytes(32)), webDir,
  log: quiet ? () => undefined : (l) => process.stderr.write(l + '\n'),
});
const call = async (method: string, path: string, token: string, body?: unknown, raw?: string) => {
  const res = await service.app.request(path, {
    method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: raw ?? (body !== undefined ? JSON.stringify(body) : undefined),
  });
  const json = await res.json().catch(() => null) as any;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json?.error?.message ?? ''}`);
  return json;
};

const t0 = performance.now();
const admin = service.bootstrapToken!;
const obs = generateObservatory({ patients: Number(args.patients), seed: Number(args.seed) });
const exp = obs.export;
const practiceCol = exp.columns.find((c) => c.name === 'practice_id')!;
const rowsByPractice = new Map<string, number[]>();
for (let r = 0; r < exp.rowCount; r++) {
  const p = practiceCol.dictionary[practiceCol.codes[r]!]!;
  (rowsByPractice.get(p) ?? rowsByPractice.set(p, []).get(p)!).push(r);
}
const accounts: Record<string, string> = { admin };
accounts.dpo = (await call('POST', '/api/accounts', admin, { name: 'Data-protection officer', role: 'dpo' })).token;
accounts['client lab'] = (await call('POST', '/api/accounts', admin, { name: 'Université — diabetes research lab', role: 'client', clientId: 'lab' })).token;
accounts['client hospital'] = (await call('POST', '/api/accounts', admin, { name: 'CHU cardiology department', role: 'client', clientId: 'hospital' })).token;
// the largest practices join the panel (the others have not enrolled): keeps the start quick
const practices = [...rowsByPractice.entries()].sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b)).slice(0, Number(args.practices));
const loadedPatients = practices.reduce((s, [, rows]) => s + rows.length, 0);
const firstPractice = practices[0]![0];
let n = 0;
// a few practices at a time: parsing overlaps, the store serialises the writes
const queue = [...practices];
await Promise.all(Array.from({ length: 4 }, async () => {
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [practice, rows] = next;
    const token = (await call('POST', '/api/accounts', admin, { name: `Practice ${practice}`, role: 'practice', practiceId: practice })).token as string;
    if (practice === firstPractice) accounts[`practice ${practice}`] = token;
    await call('POST', '/api/panel/enrol', token, { noticeVersion: '2026-1' });
    await call('PUT', `/api/uploads/${practice}-2026-01?format=csv`, token, undefined, tableToCsv(selectRows(exp, rows)));
    if (++n % 50 === 0) process.stderr.write(`serve-demo: ${n}/${practices.length} practices uploaded\n`);
  }
}));
// three patients object (their practice sends the identifier; only the pseudonym is kept)
const pid = exp.columns.find((c) => c.name === 'patient_id')!;
for (const r of practices[0]![1].slice(0, 3)) {
  await call('POST', '/api/objections', accounts[`practice ${firstPractice}`]!, { patientId: pid.dictionary[pid.codes[r]!]! });
}
// projects, budgets, statistics, releases
const { dpo } = accounts;
await call('POST', '/api/projects', dpo!, { id: 'diabetes-2026', clientId: 'lab', title: 'Type 2 diabetes in general practice', purpose: 'prevalence of type 2 diabetes by age band, sex and area', dataRequested: ['sex', 'birth_date', 'postal_code', 'main_diagnosis'], legalBasis: { kind: 'anonymous-only' }, retentionUntil: '2028-12-31' });
await call('POST', '/api/projects', dpo!, { id: 'cardio-cohort', clientId: 'hospital', title: 'Cardiovascular follow-up cohort', purpose: 'follow-up of patients with ischaemic heart disease', dataRequested: ['sex', 'birth_date', 'pcs', 'diagnoses'], legalBasis: { kind: 'conformity', reference: 'MR-004 declaration 2226441' }, retentionUntil: '2031-06-30' });
await call('PUT', '/api/budgets/lab', dpo!, { total: '1' });
await call('PUT', '/api/budgets/hospital', dpo!, { total: '2' });
await call('POST', '/api/projects/diabetes-2026/stats', accounts['client lab']!, { select: [{ count: 'patients' }], groupBy: ['sex'], keys: { sex: ['F', 'M'] }, epsilon: '1/10' });
await call('POST', '/api/projects/diabetes-2026/stats', accounts['client lab']!, { select: [{ count: 'patients' }], where: { main_diagnosis: 'E11' }, epsilon: '1/5' });
const approved = await call('POST', '/api/projects/cardio-cohort/releases', accounts['client hospital']!, { note: 'first extract' });
await call('POST', `/api/releases/${approved.id}/decision`, dpo!, approved.verdictPasses
  ? { decision: 'approve', comment: 'report reviewed: anonymous', basis: 'anonymous' }
  : { decision: 'approve', comment: 'not anonymous: released under the MR-004 declaration', basis: 'legal-basis' });
await call('GET', `/api/releases/${approved.id}/download`, accounts['client hospital']!);
const pending = await call('POST', '/api/projects/diabetes-2026/releases', accounts['client lab']!, { note: 'awaiting the DPO' });

const { url } = await listen(service, Number(args.port), args.host);
const w = (s: string) => process.stdout.write(s + '\n');
w(`anonymat demo observatory: ${loadedPatients} patients from the ${practices.length} largest of ${rowsByPractice.size} practices (the others have not joined the panel), loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
w(`data folder: ${data} (embedded DuckDB store; the demo key exists only in this process${ownFolder ? '; the folder is removed on exit' : ''})`);
w(`a release is waiting for the DPO: ${url}/#/releases/${pending.id}`);
w('');
w('demo accounts (API tokens, shown once — paste one into the dashboard\'s login):');
for (const [who, token] of Object.entries(accounts)) w(`  ${who.padEnd(22)} ${token}`);
w('');
w(`dashboard:          ${url}/`);
w(`transparency page:  ${url}/transparency`);
w(`health:             ${url}/api/health`);
w('stop with Ctrl-C');
const stop = async () => {
  process.stderr.write('serve-demo: stopping\n');
  await service.close();
  if (ownFolder) rmSync(data, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
