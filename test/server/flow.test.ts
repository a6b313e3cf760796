/**
 * The observatory end to end over HTTP (in process): panel, uploads (CSV and FHIR), idempotency,
 * objections, projects with legal bases, the release gate with DPO approval, client download,
 * DP statistics through the ledger, the transparency page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, demoCsv, TEST_KEY } from './helpers.ts';
import { pseudonymOf } from '../../src/server/engines.ts';

const project = (over: Record<string, unknown> = {}) => ({
  id: 'diab', clientId: 'lab', title: 'Diabetes in primary care', purpose: 'describe diagnoses by age and sex',
  dataRequested: ['sex', 'birth_year', 'department', 'diagnosis'], legalBasis: { kind: 'anonymous-only' }, retentionUntil: '2030-12-31', ...over,
});

test('panel: enrol with notice version, upload, leave; uploads refused outside the panel', async () => {
  const h = await startHarness();
  try {
    const { practice } = h.tokens;
    let r = await h.call('PUT', '/api/uploads/a1', { token: practice, body: demoCsv(10) });
    assert.equal(r.status, 403, 'not enrolled yet');
    r = await h.call('POST', '/api/panel/enrol', { token: practice, json: { noticeVersion: '2026-1' } });
    assert.equal(r.status, 200);
    assert.equal(r.json.noticeVersion, '2026-1');
    assert.equal((await h.call('POST', '/api/panel/enrol', { token: practice, json: { noticeVersion: '2026-1' } })).status, 409);
    assert.equal((await h.call('PUT', '/api/uploads/a1', { token: practice, body: demoCsv(10) })).status, 201);
    r = await h.call('POST', '/api/panel/leave', { token: practice });
    assert.equal(r.status, 200);
    assert.match(r.json.retention, /kept/);
    assert.equal((await h.call('PUT', '/api/uploads/a2', { token: practice, body: demoCsv(10, 2) })).status, 403, 'future data stop');
    const me = await h.call('GET', '/api/panel/me', { token: practice });
    assert.equal(me.json.active, false);
    assert.equal(me.json.memberships.length, 1);
    // past data stay, per the retention policy shown
    assert.equal((await h.call('GET', '/api/uploads', { token: h.tokens.dpo })).json.uploads.length, 1);
  } finally { await h.close(); }
});

test('uploads: identifiers dropped, patient id pseudonymized with the key, idempotent by upload id, conflicts refused, practices see only their own', async () => {
  const h = await startHarness();
  try {
    const { practice, practice2, dpo } = h.tokens;
    await h.call('POST', '/api/panel/enrol', { token: practice, json: { noticeVersion: '2026-1' } });
    await h.call('POST', '/api/panel/enrol', { token: practice2, json: { noticeVersion: '2026-1' } });
    const csv = demoCsv(30);
    const first = await h.call('PUT', '/api/uploads/batch-1?format=csv', { token: practice, body: csv });
    assert.equal(first.status, 201, first.text);
    assert.deepEqual(first.json.droppedColumns, ['last_name', 'phone']);
    assert.deepEqual(first.json.pseudonymizedColumns, ['patient_id']);
    assert.equal(first.json.records, 30);
    assert.equal(first.json.patients, 15);
    const again = await h.call('PUT', '/api/uploads/batch-1?format=csv', { token: practice, body: csv });
    assert.equal(again.status, 200);
    assert.equal(again.json.status, 'already-stored');
    assert.equal((await h.service.store.all('SELECT COUNT(*) AS n FROM records'))[0]!.n, 30, 'a retry never duplicates');
    assert.equal((await h.call('PUT', '/api/uploads/batch-1?format=csv', { token: practice, body: demoCsv(30, 9) })).status, 409);
    // (upload ids are per practice: another practice's batch-1 is its own)
    assert.equal((await h.call('PUT', '/api/uploads/batch-1?format=csv', { token: practice2, body: csv })).status, 201);
    // nothing identifying is stored
    const stored = JSON.stringify(await h.service.store.all('SELECT * FROM records')) + JSON.stringify(await h.service.store.all('SELECT * FROM uploads'));
    for (const v of ['P1000', 'Name0', '0600000000']) assert.ok(!stored.includes(v), 'an identifier reached the store');
    assert.ok(stored.includes(pseudonymOf(TEST_KEY, 'P1000')));
    // unknown columns are refused, by their place and not their name (a name may be a value) nor any value
    const bad = await h.call('PUT', '/api/uploads/bad', { token: practice, body: 'patient_id,secret_note\nP1,hello\n' });
    assert.equal(bad.status, 400);
    assert.ok(bad.json.error.issues.some((i: { path: string }) => i.path === 'column 2'));
    assert.ok(!bad.text.includes('hello') && !bad.text.includes('secret_note'));
    // a header and no record
    assert.equal((await h.call('PUT', '/api/uploads/empty-1?format=csv', { token: practice, body: 'patient_id,sex,birth_year\n' })).status, 400);
    // scoping
    assert.equal((await h.call('GET', '/api/uploads', { token: practice2 })).json.uploads.length, 1);
    assert.equal((await h.call('GET', '/api/uploads/batch-1', { token: practice2 })).json.practiceId, 'beta');
    assert.equal((await h.call('GET', '/api/uploads', { token: dpo })).json.uploads.length, 2);
    // FHIR bundle
    const bundle = {
      resourceType: 'Bundle', type: 'collection', entry: [
        { resource: { resourceType: 'Patient', id: 'p1', identifier: [{ value: 'FHIR-1' }], name: [{ family: 'Martin' }], gender: 'female', birthDate: '1950-04-02', address: [{ postalCode: '75012' }] } },
        { resource: { resourceType: 'Condition', subject: { reference: 'Patient/p1' }, code: { coding: [{ code: 'E11' }] } } },
      ],
    };
    const f = await h.call('PUT', '/api/uploads/fhir-1?format=fhir-bundle', { token: practice, body: JSON.stringify(bundle) });
    assert.equal(f.status, 201, f.text);
    assert.equal(f.json.records, 1);
    assert.equal((await h.call('GET', '/api/uploads/fhir-1', { token: practice2 })).status, 404, 'another practice\'s upload is invisible');
    const rec = await h.service.store.all("SELECT pseudonym, data FROM records WHERE upload_id = 'fhir-1'");
    assert.equal(rec[0]!.pseudonym, pseudonymOf(TEST_KEY, 'p1'), 'FHIR patients are keyed by Patient.id, as src/health ingest tokenizes them');
    assert.deepEqual(JSON.parse(String(rec[0]!.data)).department, '75');
    // an objection sent with the FHIR Patient.id matches the stored records
    assert.equal((await h.call('POST', '/api/objections', { token: practice, json: { patientId: 'p1' } })).status, 201);
    const ob = await h.call('GET', '/api/objections', { token: dpo });
    assert.equal(ob.json.objections[0].excludedRecords, 1);
    assert.ok(!String(rec[0]!.data).includes('Martin'));
    // an invalid resource: the error says where (JSON path), never the patient's id
    const badFhir = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', id: 'SECRETPID42', birthDate: 'not-a-date' } }] };
    const fe = await h.call('PUT', '/api/uploads/fhir-2?format=fhir-bundle', { token: practice, body: JSON.stringify(badFhir) });
    assert.equal(fe.status, 400, fe.text);
    assert.match(fe.text, /birthDate/);
    assert.ok(!fe.text.includes('SECRETPID42'), fe.text);
  } finally { await h.close(); }
});

test('releases: request → report → DPO approve/reject → client download; objections excluded and reported', async () => {
  const h = await startHarness();
  try {
    const { practice, dpo, client, client2 } = h.tokens;
    await h.call('POST', '/api/panel/enrol', { token: practice, json: { noticeVersion: '2026-1' } });
    assert.equal((await h.call('PUT', '/api/uploads/u1', { token: practice, body: demoCsv(4000) })).status, 201);
    // objection by the practice, with the identifier (only the pseudonym is stored)
    const o = await h.call('POST', '/api/objections', { token: practice, json: { patientId: 'P1003' } });
    assert.equal(o.status, 201);
    assert.equal((await h.call('POST', '/api/objections', { token: dpo, json: { patientId: 'P1003' } })).json.alreadyRecorded, true);
    const objList = await h.call('GET', '/api/objections', { token: dpo });
    assert.equal(objList.json.objections.length, 1);
    assert.equal(objList.json.objections[0].excludedRecords, 2);
    assert.ok(!JSON.stringify(await h.service.store.all('SELECT * FROM objections')).includes('P1003'));

    // projects
    const bad = await h.call('POST', '/api/projects', { token: dpo, json: project({ dataRequested: ['sex', 'last_name'] }) });
    assert.equal(bad.status, 400, 'a direct identifier cannot be requested');
    assert.equal((await h.call('POST', '/api/projects', { token: dpo, json: project({ dataRequested: ['sex', 'sex', 'birth_year'] }) })).status, 400, 'a column requested twice');
    const p = await h.call('POST', '/api/projects', { token: dpo, json: project() });
    assert.equal(p.status, 201, p.text);
    assert.equal((await h.call('POST', '/api/projects', { token: dpo, json: project({ id: 'auth', legalBasis: { kind: 'authorization', reference: 'CNIL DE-2026-042' } }) })).status, 201);
    assert.equal((await h.call('GET', '/api/projects', { token: client })).json.projects.length, 2);
    assert.equal((await h.call('GET', '/api/projects', { token: client2 })).json.projects.length, 0);
    assert.equal((await h.call('POST', '/api/projects/diab/releases', { token: client2, json: {} })).status, 404, 'another client\'s project is invisible');

    const rel = await h.call('POST', '/api/projects/diab/releases', { token: client, json: { note: 'first extraction' } });
    assert.equal(rel.status, 201, rel.text);
    assert.equal(rel.json.report, undefined, 'the client does not see the report before approval');
    assert.equal((await h.call('GET', `/api/releases/${rel.json.id}`, { token: client })).json.report, undefined);
    const report = (await h.call('GET', `/api/releases/${rel.json.id}`, { token: dpo })).json.report;
    assert.equal(report.exclusions.objectedPatients, 1);
    assert.equal(report.exclusions.objectedRecords, 2);
    assert.equal(report.input.records, 3998);
    assert.ok(report.input.controlRecords > 0, 'a control set is held out');
    assert.equal(report.verdict.anonymous, true, JSON.stringify(report.verdict.reasons));
    assert.ok(report.before.classSizeHistogram && report.after.k >= 1);
    assert.ok(Array.isArray(report.attacks) && report.attacks.length > 0);
    assert.equal(typeof report.verdict.anonymous, 'boolean');
    assert.equal(rel.json.status, 'review');
    // the client cannot download before approval
    assert.equal((await h.call('GET', `/api/releases/${rel.json.id}/download`, { token: client })).status, 403);
    // approve (as anonymous if the verdict passes; otherwise it must be refused)
    const dec = await h.call('POST', `/api/releases/${rel.json.id}/decision`, { token: dpo, json: { decision: 'approve', comment: 'checked the report' } });
    if (report.verdict.anonymous) {
      assert.equal(dec.status, 200, dec.text);
      assert.equal(dec.json.status, 'approved');
      const dl = await h.call('GET', `/api/releases/${rel.json.id}/download`, { token: client });
      assert.equal(dl.status, 200);
      assert.match(dl.headers.get('content-disposition') ?? '', /attachment/);
      assert.ok(!dl.text.includes(pseudonymOf(TEST_KEY, 'P1000')), 'no pseudonym leaves in an anonymous release');
      assert.equal(dl.text.split('\n')[0], 'sex,birth_year,department,diagnosis');
      assert.ok((await h.call('GET', `/api/releases/${rel.json.id}`, { token: client })).json.report.verdict.anonymous, 'approved: the client sees the report');
      assert.equal((await h.call('GET', `/api/releases/${rel.json.id}/download`, { token: client2 })).status, 404);
    } else {
      assert.equal(dec.status, 422);
    }
    // a decision is final
    assert.equal((await h.call('POST', `/api/releases/${rel.json.id}/decision`, { token: dpo, json: { decision: 'reject', comment: 'x' } })).status, report.verdict.anonymous ? 409 : 200);
    // a patient who objects after a release was computed: it can no longer be approved, nor downloaded
    const rel2 = await h.call('POST', '/api/projects/diab/releases', { token: client, json: { note: 'second' } });
    assert.equal(rel2.status, 201, rel2.text);
    assert.equal((await h.call('POST', '/api/objections', { token: practice, json: { patientId: 'P1007' } })).status, 201);
    const late = await h.call('POST', `/api/releases/${rel2.json.id}/decision`, { token: dpo, json: { decision: 'approve', comment: 'x' } });
    assert.equal(late.status, 409, late.text);
    assert.match(late.json.error.message, /objected after release/);
    if (report.verdict.anonymous) assert.equal((await h.call('GET', `/api/releases/${rel.json.id}/download`, { token: client })).status, 409, 'an approved release computed before the objection');
    const rel3 = await h.call('POST', '/api/projects/diab/releases', { token: client, json: { note: 'third' } });
    assert.equal((await h.call('GET', `/api/releases/${rel3.json.id}`, { token: dpo })).json.report.exclusions.objectedPatients, 2);
    const audit = (await h.call('GET', '/api/audit?limit=1000', { token: dpo })).json.entries.map((e: { action: string }) => e.action);
    for (const a of ['upload', 'objection', 'project.create', 'release.request']) assert.ok(audit.includes(a), a);
    // transparency: public, shows projects and what they received
    const t = await h.call('GET', '/api/transparency');
    assert.equal(t.status, 200);
    assert.equal(t.json.projects.length, 2);
    assert.ok(t.json.collected.droppedAtIngestion.some((c: { column: string }) => c.column === 'last_name'));
    const html = await h.call('GET', '/transparency');
    assert.match(html.text, /How to object/);
    assert.match(html.text, /Diabetes in primary care/);
  } finally { await h.close(); }
});

test('a release failing the verdict cannot be approved as anonymous; under an authorization it can, with the basis recorded', async () => {
  const h = await startHarness();
  try {
    const { practice, dpo, client } = h.tokens;
    await h.call('POST', '/api/panel/enrol', { token: practice, json: { noticeVersion: '2026-1' } });
    // 4 patients: no transformation reaches k = 5 within the 5 % suppression limit
    const lines = ['patient_id,sex,birth_year,department,diagnosis'];
    for (let i = 0; i < 4; i++) lines.push(`Q${i},${i % 2 ? 'F' : 'M'},${1950 + i * 9},7${i},E11`);
    assert.equal((await h.call('PUT', '/api/uploads/small', { token: practice, body: lines.join('\n') + '\n' })).status, 201);
    for (const [id, basis] of [['anon', { kind: 'anonymous-only' }], ['auth', { kind: 'authorization', reference: 'CNIL DE-2026-042' }]] as const) {
      assert.equal((await h.call('POST', '/api/projects', { token: dpo, json: project({ id, legalBasis: basis }) })).status, 201);
    }
    for (const id of ['anon', 'auth']) {
      // (a request without a body is one without a note: every field of the body is optional)
      const rel = await h.call('POST', `/api/projects/${id}/releases`, id === 'anon' ? { token: client } : { token: client, json: {} });
      assert.equal(rel.status, 201);
      assert.equal(rel.json.verdictPasses, false, 'nothing satisfies k = 5');
      assert.match((await h.call('GET', `/api/releases/${rel.json.id}`, { token: dpo })).json.report.verdict.reasons.join(' '), /no transformation satisfies/);
      const asAnon = await h.call('POST', `/api/releases/${rel.json.id}/decision`, { token: dpo, json: { decision: 'approve', comment: 'ok' } });
      assert.equal(asAnon.status, 422);
      assert.equal(asAnon.json.error.code, 'policy-failed');
      const asBasis = await h.call('POST', `/api/releases/${rel.json.id}/decision`, { token: dpo, json: { decision: 'approve', comment: 'under the authorization', basis: 'legal-basis' } });
      if (id === 'anon') assert.equal(asBasis.status, 422, 'no basis for personal data');
      else { assert.equal(asBasis.status, 200); assert.equal(asBasis.json.decision, 'legal-basis'); }
    }
  } finally { await h.close(); }
});

test('DP statistics: charged to the ledger in exact fractions, refused when exhausted, objected patients excluded', async () => {
  const h = await startHarness();
  try {
    const { practice, dpo, client } = h.tokens;
    await h.call('POST', '/api/panel/enrol', { token: practice, json: { noticeVersion: '2026-1' } });
    await h.call('PUT', '/api/uploads/u1', { token: practice, body: demoCsv(200) });
    await h.call('POST', '/api/projects', { token: dpo, json: project() });
    let q = await h.call('POST', '/api/projects/diab/stats', { token: client, json: { select: [{ count: 'patients' }], epsilon: '1/10' } });
    assert.equal(q.status, 409, 'no budget yet');
    assert.equal(q.json.error.code, 'budget-exhausted');
    // refused, and audited as every refusal is
    assert.equal((await h.service.store.all("SELECT detail FROM audit_log WHERE action = 'dp.refused'")).length, 1);
    assert.equal((await h.call('PUT', '/api/budgets/lab', { token: dpo, json: { total: '3/10' } })).status, 200);
    q = await h.call('POST', '/api/projects/diab/stats', { token: client, json: { select: [{ count: 'patients' }], epsilon: '1/10' } });
    assert.equal(q.status, 200, q.text);
    assert.equal(q.json.status, 'answered');
    assert.equal(q.json.differentialPrivacy, true);
    assert.equal(q.json.budget.spent, '1/10');
    q = await h.call('POST', '/api/projects/diab/stats', { token: client, json: { select: [{ count: 'patients' }], groupBy: ['sex'], keys: { sex: ['F', 'M'] }, epsilon: 0.2 } });
    assert.equal(q.status, 200, q.text);
    assert.equal(q.json.budget.spent, '3/10');
    assert.equal(q.json.budget.remaining, '0');
    q = await h.call('POST', '/api/projects/diab/stats', { token: client, json: { select: [{ count: 'patients' }], epsilon: '1/1000' } });
    assert.equal(q.status, 409);
    assert.equal((await h.call('POST', '/api/projects/diab/stats', { token: client, json: { select: [{ count: 'patients' }], where: { last_name: 'x' }, epsilon: '1/10' } })).status, 400);
    assert.equal((await h.call('PUT', '/api/budgets/lab', { token: dpo, json: { total: '1/10' } })).status, 409, 'total cannot go below spent');
    const b = await h.call('GET', '/api/budgets', { token: client });
    assert.equal(b.json.budgets[0].spent, '3/10');
    assert.equal(b.json.queries.length, 2);
    const audit = (await h.call('GET', '/api/audit?limit=1000', { token: dpo })).json.entries.map((e: { action: string }) => e.action);
    assert.equal(audit.filter((a: string) => a === 'dp.query').length, 2);
    assert.equal(audit.filter((a: string) => a === 'dp.refused').length, 2, 'the refusals (no budget, then over budget) are audited');
  } finally { await h.close(); }
});

test('retention: once a project\'s retention has ended, its releases are no longer approved or downloaded, nor its statistics answered', async () => {
  const clock = { t: Date.parse('2026-06-01T10:00:00Z') };
  const h = await startHarness({ now: () => new Date(clock.t) });
  try {
    const { practice, dpo, client } = h.tokens;
    await h.call('POST', '/api/panel/enrol', { token: practice, json: { noticeVersion: '2026-1' } });
    assert.equal((await h.call('PUT', '/api/uploads/u1', { token: practice, body: demoCsv(600) })).status, 201);
    assert.equal((await h.call('POST', '/api/projects', { token: dpo, json: project({ retentionUntil: '2026-06-30', legalBasis: { kind: 'authorization', reference: 'DR-1' } }) })).status, 201);
    const decide = async (id: string, passes: boolean) => h.call('POST', `/api/releases/${id}/decision`, { token: dpo, json: { decision: 'approve', comment: 'ok', basis: passes ? 'anonymous' : 'legal-basis' } });
    const first = (await h.call('POST', '/api/projects/diab/releases', { token: client, json: {} })).json;
    assert.equal((await decide(first.id, first.verdictPasses)).status, 200);
    const second = (await h.call('POST', '/api/projects/diab/releases', { token: client, json: {} })).json;
    assert.equal((await h.call('PUT', '/api/budgets/lab', { token: dpo, json: { total: '1' } })).status, 200);
    const stat = { select: [{ count: 'patients' }], epsilon: '1/10' };
    assert.equal((await h.call('GET', `/api/releases/${first.id}/download`, { token: client })).status, 200);
    assert.equal((await h.call('POST', '/api/projects/diab/stats', { token: client, json: stat })).status, 200);
    clock.t = Date.parse('2026-08-01T10:00:00Z');
    const late = await h.call('GET', `/api/releases/${first.id}/download`, { token: client });
    assert.equal(late.status, 409);
    assert.match(late.json.error.message, /retention ended on 2026-06-30/);
    assert.equal((await decide(second.id, second.verdictPasses)).status, 409);
    assert.equal((await h.call('POST', '/api/projects/diab/stats', { token: client, json: stat })).status, 409);
    assert.equal((await h.call('POST', '/api/projects/diab/releases', { token: client, json: {} })).status, 409);
  } finally { await h.close(); }
});

test('releases: the rows leave in a random order, not in the store\'s (where a patient\'s records sit side by side)', async () => {
  const { shuffledRows: shuffled } = await import('../../src/release/shuffle.ts');
  const { tableFromRecords, toRecords } = await import('../../src/table/table.ts');
  const n = 2000;
  const t = tableFromRecords({ id: Array.from({ length: n }, (_, i) => String(i)) });
  const out = toRecords(shuffled(t)).map((r) => Number(r.id));
  assert.deepEqual([...out].sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i));
  // (neighbours in the store stay neighbours about 2 times in 2,000 in a random order; in the store's order, 1,999 times)
  let adjacent = 0;
  for (let i = 1; i < n; i++) if (Math.abs(out[i]! - out[i - 1]!) === 1) adjacent++;
  assert.ok(adjacent < 20, `${adjacent} neighbours kept`);
});

test('validation: column names of Object.prototype are no declared columns, and a DP query\'s groupBy of the wrong shape is a 400', async () => {
  const h = await startHarness();
  try {
    const { practice, dpo, client } = h.tokens;
    await h.call('POST', '/api/panel/enrol', { token: practice, json: { noticeVersion: '2026-1' } });
    // ("constructor" and "toString" were found on every object: a 500 from the database, or a project over a phantom column)
    const csv = demoCsv(10).trim().split('\n').map((l, i) => (i === 0 ? `${l},constructor,toString` : `${l},x,y`)).join('\n') + '\n';
    const up = await h.call('PUT', '/api/uploads/proto', { token: practice, body: csv });
    assert.equal(up.status, 400, up.text);
    assert.deepEqual(up.json.error.issues.map((i: { path: string }) => i.path).filter((p: string) => p !== 'columns'), ['columns 8, 9']);
    const pr = await h.call('POST', '/api/projects', { token: dpo, json: project({ dataRequested: ['sex', 'constructor'] }) });
    assert.equal(pr.status, 400);
    assert.equal(pr.json.error.issues[0].path, '$.dataRequested[1]');
    assert.equal((await h.call('PUT', '/api/uploads/ok', { token: practice, body: demoCsv(60) })).status, 201);
    assert.equal((await h.call('POST', '/api/projects', { token: dpo, json: project() })).status, 201);
    const q = await h.call('POST', '/api/projects/diab/stats', { token: client, json: { select: [{ count: 'patients' }], groupBy: 'sex', epsilon: '1/10' } });
    assert.equal(q.status, 400);
    assert.equal(q.json.error.issues[0].path, '$.groupBy');
    assert.deepEqual(h.logs.filter((l) => / 500 /.test(l)), []);
  } finally { await h.close(); }
});

test('uploads: a FHIR error withholds the whole resource id, whatever its characters, in every issue path and message', async () => {
  const h = await startHarness();
  try {
    const { practice } = h.tokens;
    await h.call('POST', '/api/panel/enrol', { token: practice, json: { noticeVersion: '2026-1' } });
    const patient = (id: unknown, over: Record<string, unknown> = {}) => ({ resource: { resourceType: 'Patient', id, gender: 'female', birthDate: '1950-04-02', ...over } });
    const bundle = (...entry: unknown[]) => JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry });
    // (the filter kept the id's first run of letters, digits, '-' and '.': the rest — an e-mail's domain, a NIR in groups
    // with a name — came back in the path)
    const cases: [string, string, string[]][] = [
      ['email', bundle(patient('Marie.Secret@Example.org'), patient('Marie.Secret@Example.org', { gender: 'male' })), ['Marie', 'Secret', 'Example']],
      ['nir', bundle(patient('NIR 1 85 05 75 123 456 / DUPONT Jean'), { resource: { resourceType: 'Condition', subject: { reference: 'Patient/NIR 1 85 05 75 123 456 / DUPONT Jean' }, code: { coding: [{ code: 'E11' }] } } }), ['NIR', '85 05', '123 456', 'DUPONT', 'Jean']],
      ['encounter', bundle(patient('ok1', { birthDate: 'not-a-date' }), { resource: { resourceType: 'Encounter', id: 'enc@SECRETENC x $.entry[9]', subject: { reference: 'Patient/ok1' }, period: { start: 'nope' } } }), ['SECRETENC', 'ok1']],
      ['no-type', bundle({ resource: { resourceType: 'not a type', id: 'SECRETID 42' } }, patient('p1')), ['SECRETID']],
    ];
    for (const [name, body, secrets] of cases) {
      const r = await h.call('PUT', `/api/uploads/fx-${name}?format=fhir-bundle`, { token: practice, body });
      assert.equal(r.status, 400, `${name}: ${r.text}`);
      assert.ok(r.json.error.issues.length > 0, name);
      for (const s of secrets) assert.ok(!r.text.includes(s), `${name}: "${s}" sent back: ${r.text}`);
      for (const i of r.json.error.issues as { path: string }[]) assert.match(i.path, /^upload\.json (?:[A-Z][A-Za-z]+\/<id>|\(id <id>\)) \$\S*$/, `${name}: ${i.path}`);
    }
    // NDJSON: the same, on its line
    const nd = [JSON.stringify(patient('a b@c SECRETND').resource), JSON.stringify(patient('p2').resource)].join('\n') + '\n';
    const r = await h.call('PUT', '/api/uploads/fx-nd?format=fhir-ndjson', { token: practice, body: nd });
    assert.equal(r.status, 400, r.text);
    assert.ok(!r.text.includes('SECRETND') && !r.text.includes('b@c'), r.text);
    assert.match(r.json.error.issues[0].path, /^upload\.ndjson:1 Patient\/<id> \$\.id$/);
  } finally { await h.close(); }
});

test('uploads: a CSV without its header line is refused without sending back its first record (unknown columns are counted, not named)', async () => {
  const h = await startHarness();
  try {
    const { practice } = h.tokens;
    await h.call('POST', '/api/panel/enrol', { token: practice, json: { noticeVersion: '2026-1' } });
    const secrets = ['DUPONT', 'Dupont', '0612345678', 'MARTIN'];
    for (const [name, body] of [
      ['two', 'DUPONT-PID-77,Dupont,0612345678,F,1950\nMARTIN-PID-78,Martin,0698765432,M,1960\n'],
      ['one', 'DUPONT-PID-77,Dupont,0612345678,F,1950\n'],
      // (two equal values on the first line were a duplicate column name, which the CSV reader names)
      ['dup', 'DUPONT,DUPONT,0612345678\nMARTIN,MARTIN,0698765432\n'],
    ] as const) {
      const r = await h.call('PUT', `/api/uploads/nh-${name}`, { token: practice, body });
      assert.equal(r.status, 400, r.text);
      for (const s of secrets) assert.ok(!r.text.includes(s), `${name}: "${s}" sent back: ${r.text}`);
      assert.match(r.json.error.message, /lack its header line/, name);
      assert.match(r.text, /patient_id/, 'the expected columns are listed');
    }
    // a header with one unknown name among expected ones: counted and placed, not named
    const r = await h.call('PUT', '/api/uploads/nh-mixed', { token: practice, body: 'patient_id,sex,Jean Dupont 0612345678,birth_year\nX1,F,1,1950\n' });
    assert.equal(r.status, 400, r.text);
    assert.ok(!r.text.includes('Jean') && !r.text.includes('0612345678'), r.text);
    assert.deepEqual(r.json.error.issues.map((i: { path: string }) => i.path), ['column 3']);
    assert.match(r.json.error.issues[0].message, /1 column .*not declared/);
    assert.match(r.json.error.issues[0].message, /birth_year/);
    assert.equal((await h.service.store.all('SELECT COUNT(*) AS n FROM uploads'))[0]!.n, 0);
  } finally { await h.close(); }
});

test('objections: a practice gets the same answer whether the patient had objected already or not (no test of other practices\' patients); the DPO sees it', async () => {
  const h = await startHarness();
  try {
    const { practice, practice2, dpo } = h.tokens;
    const object = (token: string, patientId: string) => h.call('POST', '/api/objections', { token, json: { patientId } });
    const shape = (r: { status: number; json: Record<string, unknown> }) => ({ status: r.status, keys: Object.keys(r.json).sort(), recorded: r.json.recorded });
    const fresh = await object(practice2, 'P-OTHER-1');
    const known = await object(practice, 'P-OTHER-1');
    const unknown = await object(practice, 'P-NEVER-SEEN');
    assert.deepEqual(shape(known), shape(unknown), `${known.text} vs ${unknown.text}`);
    assert.deepEqual(shape(fresh), shape(unknown));
    for (const r of [fresh, known, unknown]) {
      assert.equal(r.json.alreadyRecorded, undefined, r.text);
      assert.equal(r.json.recordedAt, undefined, r.text);
    }
    // recorded once, whoever sent it
    assert.equal((await h.service.store.all('SELECT COUNT(*) AS n FROM objections'))[0]!.n, 2);
    const d = await object(dpo, 'P-OTHER-1');
    assert.equal(d.json.alreadyRecorded, true, d.text);
    assert.equal(typeof d.json.recordedAt, 'string');
  } finally { await h.close(); }
});

test('panel: an enrolment names the current notice and a date neither in the future nor before the practice\'s last panel event; a duplicate is a 409, never a 500', async () => {
  const clock = { t: Date.parse('2026-06-01T10:00:00Z') };
  const h = await startHarness({ now: () => new Date(clock.t) });
  try {
    const { practice } = h.tokens;
    const enrol = (json: Record<string, unknown>) => h.call('POST', '/api/panel/enrol', { token: practice, json });
    let r = await enrol({ noticeVersion: 'not-a-real-notice' });
    assert.equal(r.status, 422, r.text);
    assert.match(r.json.error.message, /2026-1/);
    r = await enrol({ noticeVersion: '2026-1', acceptedAt: '2026-06-02T00:00:00Z' });
    assert.equal(r.status, 422, 'in the future');
    assert.equal((await enrol({ noticeVersion: '2026-1' })).status, 200);
    assert.equal((await h.call('POST', '/api/panel/leave', { token: practice })).status, 200);
    r = await enrol({ noticeVersion: '2026-1', acceptedAt: '1990-01-01T00:00:00Z' });
    assert.equal(r.status, 422, `before the last panel event: ${r.text}`);
    // the same instant as the earlier enrolment (left at that instant too), written without milliseconds
    r = await enrol({ noticeVersion: '2026-1', acceptedAt: '2026-06-01T10:00:00Z' });
    assert.equal(r.status, 409, r.text);
    clock.t += 60_000;
    r = await enrol({ noticeVersion: '2026-1', acceptedAt: '2026-06-01T10:00:30Z' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.enrolledAt, '2026-06-01T10:00:30.000Z');
    assert.deepEqual(h.logs.filter((l) => / 500 /.test(l)), []);
  } finally { await h.close(); }
});

test('releases: an approved release stays downloadable when a patient objects whose records came after it; one whose records it read blocks it, with advice the client can follow', async () => {
  const h = await startHarness();
  try {
    const { practice, dpo, client } = h.tokens;
    await h.call('POST', '/api/panel/enrol', { token: practice, json: { noticeVersion: '2026-1' } });
    assert.equal((await h.call('PUT', '/api/uploads/u1', { token: practice, body: demoCsv(600) })).status, 201);
    assert.equal((await h.call('POST', '/api/projects', { token: dpo, json: project({ legalBasis: { kind: 'authorization', reference: 'DR-1' } }) })).status, 201);
    const approve = async (id: string, passes: boolean) => h.call('POST', `/api/releases/${id}/decision`, { token: dpo, json: { decision: 'approve', comment: 'ok', basis: passes ? 'anonymous' : 'legal-basis' } });
    const first = (await h.call('POST', '/api/projects/diab/releases', { token: client, json: {} })).json;
    const second = (await h.call('POST', '/api/projects/diab/releases', { token: client, json: {} })).json;
    assert.equal((await approve(first.id, first.verdictPasses)).status, 200);
    // new patients, uploaded after both releases were computed, and one of them objects
    assert.equal((await h.call('PUT', '/api/uploads/u2', { token: practice, body: demoCsv(20, 3, 'N') })).status, 201);
    assert.equal((await h.call('POST', '/api/objections', { token: practice, json: { patientId: 'N1000' } })).status, 201);
    const dl = await h.call('GET', `/api/releases/${first.id}/download`, { token: client });
    assert.equal(dl.status, 200, dl.text);
    assert.equal((await approve(second.id, second.verdictPasses)).status, 200, 'nor does it stop an approval');
    // a patient the releases read objects: no more downloads, and the advice is one the client can follow
    assert.equal((await h.call('POST', '/api/objections', { token: practice, json: { patientId: 'P1000' } })).status, 201);
    const late = await h.call('GET', `/api/releases/${first.id}/download`, { token: client });
    assert.equal(late.status, 409, late.text);
    assert.doesNotMatch(late.json.error.message, /reject it/);
    assert.match(late.json.error.message, /request a new release/);
  } finally { await h.close(); }
});

test('uploads: upload ids are per practice — another practice\'s id is no conflict and tells nothing of its upload', async () => {
  const h = await startHarness();
  try {
    const { practice, practice2, dpo } = h.tokens;
    await h.call('POST', '/api/panel/enrol', { token: practice, json: { noticeVersion: '2026-1' } });
    await h.call('POST', '/api/panel/enrol', { token: practice2, json: { noticeVersion: '2026-1' } });
    const a = demoCsv(10, 1, 'A'), b = demoCsv(6, 2, 'B');
    assert.equal((await h.call('PUT', '/api/uploads/batch-1', { token: practice, body: a })).status, 201);
    // the same id with other content, and with the same content: each is practice2's own new upload
    let r = await h.call('PUT', '/api/uploads/batch-1', { token: practice2, body: b });
    assert.equal(r.status, 201, r.text);
    r = await h.call('PUT', '/api/uploads/batch-2', { token: practice, body: b });
    assert.equal(r.status, 201, r.text);
    r = await h.call('PUT', '/api/uploads/batch-2', { token: practice2, body: b });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.status, 'stored', 'another practice\'s identical upload is not "already stored"');
    // within a practice, an id stays bound to its content
    r = await h.call('PUT', '/api/uploads/batch-1', { token: practice2, body: a });
    assert.equal(r.status, 409);
    assert.doesNotMatch(r.text, /alpha/);
    assert.equal((await h.call('PUT', '/api/uploads/batch-1', { token: practice, body: a })).json.status, 'already-stored');
    assert.equal((await h.call('GET', '/api/uploads/batch-1', { token: practice })).json.records, 10);
    assert.equal((await h.call('GET', '/api/uploads/batch-1', { token: practice2 })).json.records, 6);
    // the DPO names the practice when two share an id
    assert.equal((await h.call('GET', '/api/uploads/batch-1', { token: dpo })).status, 409);
    assert.equal((await h.call('GET', '/api/uploads/batch-1?practiceId=beta', { token: dpo })).json.records, 6);
    assert.equal((await h.call('GET', '/api/uploads', { token: dpo })).json.uploads.length, 4);
    assert.equal((await h.service.store.all('SELECT COUNT(*) AS n FROM records'))[0]!.n, 10 + 6 + 6 + 6);
    // the retention purge deletes the records of the expired upload, not those of another practice's under its id
    const { purgeExpired } = await import('../../src/server/service.ts');
    await h.service.store.run("UPDATE uploads SET received_at = '2020-01-01T00:00:00.000Z' WHERE practice_id = 'alpha' AND id = 'batch-1'");
    assert.equal(await purgeExpired({ ...h.service.svc, now: () => new Date('2026-06-01T00:00:00Z') }), 10);
    assert.equal((await h.service.store.all("SELECT COUNT(*) AS n FROM records WHERE upload_id = 'batch-1'"))[0]!.n, 6);
  } finally { await h.close(); }
});
