import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnFromValues, makeTable, type Table } from '../table/table.ts';
import { parsePolicy } from '../policy/policy.ts';
import { seededRng } from '../util/rng.ts';
import { proveAnonymity } from './verdict.ts';

const BANDS = ['18-34', '35-49', '50-64', '65-79', '80+'];
const REGIONS = ['north', 'south', 'east', 'west'];
/** Low-cardinality quasi-identifiers (40 combinations) and a 50-value secret, all independent. */
function population(n: number, seed: number, withIds = false): Table {
  const rng = seededRng(seed);
  const cols: Record<string, string[]> = { 'age band': [], sex: [], region: [], code: [] };
  for (let i = 0; i < n; i++) {
    cols['age band']!.push(BANDS[rng.int(5)]!); cols.sex!.push(rng.int(2) ? 'F' : 'M');
    cols.region!.push(REGIONS[rng.int(4)]!); cols.code!.push(`C${rng.int(50)}`);
  }
  const out = Object.entries(cols).map(([k, v]) => columnFromValues(k, v, 'string'));
  if (withIds) out.unshift(columnFromValues('patient', Array.from({ length: n }, (_, i) => `P${seed}-${i}`), 'string'));
  return makeTable(out);
}

const policy = parsePolicy({
  columns: { patient: { role: 'person-key' }, 'age band': { role: 'quasi' }, sex: { role: 'quasi' }, region: { role: 'quasi' }, code: { role: 'sensitive' } },
  thresholds: { k: 5 },
}, { baseDir: '.', source: 'test-policy' });

test('a release of other people from the same distribution, without identifiers, is anonymous (exit 0 material)', async () => {
  const original = population(3000, 1), control = population(3000, 2), release = population(3000, 3);
  const r = await proveAnonymity({ original, release, control, policy, seed: 1, detectIdentifier: null });
  assert.equal(r.verdict.anonymous, true, r.verdict.reasons.join('\n'));
  assert.equal(r.verdict.label, 'anonymous');
  assert.deepEqual(r.verdict.reasons, []);
  for (const a of [r.attacks.singlingOut, r.attacks.linkability, r.attacks.inference]) {
    assert.ok(a.evaluated);
    assert.ok(a.ci![1] <= 0.05, JSON.stringify(a.ci));
  }
  assert.equal(r.attacks.singlingOut.attacks, 0); // 40 combinations among 3000 rows: no predicate isolates one
  assert.equal(r.linkage.evaluated, false);
  assert.equal(r.linkage.reidentified, null);
});

test('the originals themselves, with their person key: pseudonymous, every failed criterion explained with its figure', async () => {
  const original = population(2000, 4, true), control = population(2000, 5, true);
  // make it identifying: a unique birth date per row
  const rng = seededRng(6);
  const birth = columnFromValues('birth date', Array.from({ length: 2000 }, () => new Date(Date.UTC(1930, 0, 1) + rng.int(25000) * 86_400_000).toISOString().slice(0, 10)), 'date');
  const birthC = columnFromValues('birth date', Array.from({ length: 2000 }, () => new Date(Date.UTC(1930, 0, 1) + rng.int(25000) * 86_400_000).toISOString().slice(0, 10)), 'date');
  const o = makeTable([...original.columns, birth]), c = makeTable([...control.columns, birthC]);
  const pol = parsePolicy({ columns: { ...policy.columns, 'birth date': { role: 'quasi', type: 'date' } }, thresholds: { k: 5 } }, { baseDir: '.', source: 'p' });
  const register = makeTable([
    columnFromValues('id', Array.from({ length: 2000 }, (_, i) => `P4-${i}`), 'string'),
    ...o.columns.filter((x) => ['sex', 'birth date'].includes(x.name)),
  ]);
  const previous = makeTable(o.columns.map((x) => ({ ...x, codes: x.codes.slice(500) })));
  const r = await proveAnonymity({ original: o, release: o, control: c, aux: register, previousRelease: previous, policy: pol, seed: 2, truth: { release: 'patient', aux: 'id' }, detectIdentifier: null });
  assert.equal(r.verdict.anonymous, false);
  assert.equal(r.verdict.label, 'pseudonymous: personal data');
  const crit = new Set(r.verdict.failures.map((f) => f.criterion));
  for (const k of ['persistent-key', 'formal-threshold', 'attack-risk', 'linkage']) assert.ok(crit.has(k as never), `missing ${k}: ${[...crit]}`);
  assert.ok(r.verdict.reasons.some((m) => m.includes('"patient"') && m.includes('person key')));
  assert.ok(r.verdict.reasons.some((m) => /singling out .*risk \d/.test(m)));
  assert.ok(r.attacks.singlingOut.risk! > 0.5);
  assert.ok(r.linkage.evaluated && r.linkage.reidentified! > 0 && r.linkage.rate! > 0.5);
  assert.ok(r.crossRelease && r.crossRelease.keyLike.some((k) => k.columns[0] === 'patient'));
  assert.equal(r.crossRelease!.keyLike.find((k) => k.columns[0] === 'patient')!.linkablePersons, 1500);
  // a JSON round trip keeps the documented fields
  const j = JSON.parse(JSON.stringify(r));
  for (const path of ['verdict.anonymous', 'verdict.reasons', 'attacks.singlingOut.risk', 'attacks.singlingOut.ci', 'attacks.singlingOut.attackRate', 'attacks.singlingOut.controlRate', 'attacks.singlingOut.attacks',
    'attacks.linkability.risk', 'attacks.inference.ci', 'linkage.reidentified', 'linkage.rate']) {
    assert.notEqual(path.split('.').reduce((x: any, k) => x?.[k], j), undefined, path);
  }
});

test('no control set: loud warning, risks against the baseline only', async () => {
  const original = population(1000, 7), release = population(1000, 8);
  const r = await proveAnonymity({ original, release, policy, seed: 1, detectIdentifier: null, attacks: 300 });
  assert.ok(r.warnings[0]!.startsWith('NO CONTROL SET'));
  assert.equal(r.parameters.control, false);
  if (r.attacks.inference.evaluated) assert.equal(r.attacks.inference.controlRate, null);
});

test('an identifier detector flags undeclared columns; policy limits come from thresholds.maxAttackRisk', async () => {
  const original = population(500, 9), control = population(500, 10);
  const phone = columnFromValues('contact', Array.from({ length: 500 }, (_, i) => `06${String(10000000 + i)}`), 'string');
  const release = makeTable([...population(500, 11).columns, phone]);
  const strict = parsePolicy({ columns: policy.columns, thresholds: { k: 5, maxAttackRisk: 0.5 } }, { baseDir: '.', source: 'p' });
  const r = await proveAnonymity({
    original, release, control, policy: strict, seed: 1,
    detectIdentifier: (name, sample) => (sample.every((v) => /^0\d{9}$/.test(v)) ? { kind: 'phone' } : null),
  });
  assert.equal(r.verdict.limit, 0.5);
  assert.ok(r.identifiers.some((i) => i.column === 'contact' && i.kind === 'phone'));
  assert.ok(r.verdict.failures.some((f) => f.criterion === 'direct-identifier' && f.column === 'contact'));
});

test('the identifier detectors of src/health/identifiers are used on undeclared columns when present', async () => {
  const original = population(400, 12), control = population(400, 13);
  const email = columnFromValues('contact', Array.from({ length: 400 }, (_, i) => `person${i}@example.org`), 'string');
  const release = makeTable([...population(400, 14).columns, email]);
  const r = await proveAnonymity({ original, release, control, policy, seed: 1, attacks: 200 });
  assert.ok(!r.warnings.some((w) => w.includes('identifier detectors unavailable')));
  assert.ok(r.verdict.failures.some((f) => f.criterion === 'direct-identifier' && f.column === 'contact'), JSON.stringify(r.identifiers));
});

test('an undeclared token column: key-like alone; fresh per release → not a persistent key; recurring → persistent key', async () => {
  const original = population(600, 15), control = population(600, 16);
  const withToken = (t: Table, prefix: string) => makeTable([...t.columns, columnFromValues('token', Array.from({ length: t.rowCount }, (_, i) => `${prefix}${i}`), 'string')]);
  const release = withToken(population(600, 17), 'A');
  const alone = await proveAnonymity({ original, release, control, policy, seed: 1, attacks: 200, detectIdentifier: null });
  assert.ok(alone.verdict.failures.some((f) => f.criterion === 'persistent-key' && f.column === 'token'));
  const fresh = await proveAnonymity({ original, release, control, previousRelease: withToken(population(600, 18), 'B'), policy, seed: 1, attacks: 200, detectIdentifier: null });
  assert.ok(!fresh.verdict.failures.some((f) => f.column === 'token'), fresh.verdict.reasons.join('\n'));
  assert.ok(fresh.warnings.some((w) => w.includes('fresh tokens')));
  const kept = await proveAnonymity({ original, release, control, previousRelease: withToken(population(600, 18), 'A'), policy, seed: 1, attacks: 200, detectIdentifier: null });
  assert.ok(kept.verdict.failures.some((f) => f.criterion === 'persistent-key' && f.column === 'token'));
});

test('progress: every step is announced in order, ending at done', async () => {
  const original = population(300, 7), release = population(300, 8);
  const seen: string[] = [];
  const r = await proveAnonymity({ original, release, policy, seed: 1, detectIdentifier: null, attacks: 50, onProgress: (done, total, step) => seen.push(`${done}/${total} ${step}`) });
  assert.deepEqual(seen, ['0/6 identifiers and keys', '1/6 formal thresholds', '2/6 singling out', '3/6 linkability', '4/6 inference', '5/6 linkage', '6/6 done']);
  assert.deepEqual(Object.keys(r.timings), ['identifiers and keys', 'formal thresholds', 'singling out', 'linkability', 'inference', 'linkage']);
});

test('a free-text column (text: true) must come redacted: names and phones in it are direct identifiers, dates a warning', async () => {
  const original = population(400, 15), control = population(400, 16);
  const texts = (raw: boolean) => Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? (raw ? 'Vu par le Dr Martin, rappeler au 06 12 34 56 78.' : 'Vu par le Dr [NOM], rappeler au [TEL].') : i % 3 === 1 ? 'RAS' : 'Revu le 12/03/2020.'));
  const textPolicy = parsePolicy({ columns: { ...policy.columns, note: { role: 'insensitive', text: true } }, thresholds: { k: 5 } }, { baseDir: '.', source: 'p' });
  for (const raw of [true, false]) {
    const release = makeTable([...population(400, 17).columns, columnFromValues('note', texts(raw), 'string')]);
    const r = await proveAnonymity({ original, release, control, policy: textPolicy, seed: 1, attacks: 200, detectIdentifier: null });
    const failure = r.verdict.failures.find((f) => f.criterion === 'direct-identifier' && f.column === 'note');
    if (raw) assert.match(failure?.message ?? '', /free-text column "note" still holds direct identifiers \((NAME ×1, PHONE ×1|PHONE ×1, NAME ×1) in 3 distinct texts\)/);
    else assert.equal(failure, undefined, JSON.stringify(r.verdict.failures));
    assert.ok(r.warnings.some((w) => w.startsWith('free-text column "note" still holds dates, places or ages (DATE ×1)')), r.warnings.join('\n'));
  }
});

test('an undeclared column of prose is read as free text: names in it make the release pseudonymous', async () => {
  const original = population(400, 18), control = population(400, 19);
  const notes = Array.from({ length: 400 }, (_, i) => (i % 2 ? `Patient revu ce jour, examen normal, suite ${i}.` : `Vu par le Dr Martin, rappeler sa fille au 06 12 34 56 ${String(i % 100).padStart(2, '0')}.`));
  const release = makeTable([...population(400, 20).columns, columnFromValues('remarques', notes, 'string')]);
  const r = await proveAnonymity({ original, release, control, policy, seed: 1, attacks: 200, detectIdentifier: null });
  assert.ok(r.verdict.failures.some((f) => f.criterion === 'direct-identifier' && f.column === 'remarques' && /NAME ×\d+/.test(f.message)), JSON.stringify(r.verdict.failures));
});

test('a release the verdict cannot compare is never anonymous: no column shared is an input error, a renamed column a failure', async () => {
  const original = population(3000, 1), control = population(3000, 2), release = population(3000, 3);
  // (the header read with the wrong delimiter, or every name changed: nothing can be measured)
  const oneColumn = makeTable([columnFromValues('age band,sex,region,code', Array.from({ length: 3000 }, (_, i) => `x${i % 7}`), 'string')]);
  await assert.rejects(proveAnonymity({ original, release: oneColumn, control, policy, seed: 1, detectIdentifier: null }),
    (e: Error & { code?: string }) => e.code === 'invalid-input' && /shares no column with the original/.test(e.message) && /--delimiter/.test(e.message));
  // (a quasi-identifier renamed: its risk cannot be measured, so the release is not proved anonymous)
  const renamed = makeTable(release.columns.map((c) => (c.name === 'region' ? columnFromValues('REGION', Array.from({ length: 3000 }, (_, i) => c.dictionary[c.codes[i]!] as string), 'string') : c)));
  const r = await proveAnonymity({ original, release: renamed, control, policy, seed: 1, detectIdentifier: null });
  assert.equal(r.verdict.anonymous, false);
  assert.ok(r.verdict.failures.some((f) => f.criterion === 'unverifiable-column' && f.column === 'REGION'), r.verdict.reasons.join('\n'));
});

test('several records per person and a release without the person key: the thresholds are not verified per person (two identical stays of one patient made a class of 2)', async () => {
  // 300 persons, two identical records each, ages and ZIPs nearly unique per person: by records every class has 2, by
  // persons most are alone; the release is the originals without the key — it was called anonymous
  const rng = seededRng(8);
  const pid: string[] = [], age: string[] = [], zip: string[] = [];
  for (let p = 0; p < 300; p++) { const a = String(18 + rng.int(70)), z = String(75001 + rng.int(20)); for (let r = 0; r < 2; r++) { pid.push(`P${p}`); age.push(a); zip.push(z); } }
  const original = makeTable([columnFromValues('pid', pid, 'string'), columnFromValues('age', age, 'string'), columnFromValues('zip', zip, 'string')]);
  const release = makeTable(original.columns.filter((c) => c.name !== 'pid'));
  const pol = parsePolicy({ columns: { pid: { role: 'person-key' }, age: { role: 'quasi' }, zip: { role: 'quasi' } }, thresholds: { k: 2 } }, { baseDir: '.', source: 'test' });
  const r = await proveAnonymity({ original, release, policy: pol, seed: 1, attacks: 300 });
  assert.equal(r.verdict.anonymous, false);
  assert.ok(r.verdict.failures.some((f) => f.criterion === 'formal-threshold' && /cannot be verified per person/.test(f.message)), r.verdict.failures.map((f) => f.message).join('; '));
  // a caller that assessed the release at person level (anonymize) passes its verdict: that one is used
  const vouched = await proveAnonymity({ original, release, policy: pol, seed: 1, attacks: 300, personLevelFormal: { passes: false, failures: [{ criterion: 'k', message: 'k = 1 is below the required 2', value: 1, threshold: 2 }] } });
  assert.ok(vouched.verdict.failures.some((f) => f.criterion === 'formal-threshold' && /k = 1 is below/.test(f.message)));
  assert.ok(!vouched.verdict.failures.some((f) => /cannot be verified per person/.test(f.message)));
});

test('an empty control set is refused with a clear error (verdict and attacks alike), never taken for a control', async () => {
  const { singlingOut } = await import('./singling-out.ts');
  const { linkability } = await import('./linkability.ts');
  const { inference } = await import('./inference.ts');
  const original = population(200, 7);
  const control = makeTable(original.columns.map((c) => ({ ...c, codes: c.codes.slice(0, 0) })));
  assert.equal(control.rowCount, 0);
  await assert.rejects(proveAnonymity({ original, release: original, control, policy, detectIdentifier: null }),
    (e: { code?: string; message: string; issues?: { path: string }[] }) => e.code === 'invalid-input' && /control set holds no record/.test(e.message) && e.issues?.[0]?.path === 'control');
  const base = { original, release: original, control, attacks: 50 };
  assert.throws(() => singlingOut({ ...base, columns: ['age band', 'sex'] }), /control set holds no record/);
  assert.throws(() => linkability({ ...base, auxColumns: [['age band'], ['sex']] }), /control set holds no record/);
  assert.throws(() => inference({ ...base, secret: 'code', auxColumns: ['age band', 'sex'] }), /control set holds no record/);
  // no control at all: measured against the baseline, with the loud warning
  const r = await proveAnonymity({ original, release: original, policy, detectIdentifier: null, attacks: 50 });
  assert.ok(r.warnings.some((w) => w.startsWith('NO CONTROL SET')));
  assert.equal(r.parameters.control, false);
  assert.equal(r.attacks.linkability.evaluated && r.attacks.linkability.controlRate, null);
});

test('a household\'s key in the release fails the verdict whatever its declared role (it links the persons of a group)', async () => {
  const withHousehold = (t: Table) => makeTable([...t.columns, columnFromValues('ori_hid', Array.from({ length: t.rowCount }, (_, i) => String(1 + Math.floor(i / 4))), 'string')]);
  const original = withHousehold(population(600, 21)), control = withHousehold(population(600, 22)), release = withHousehold(population(600, 23));
  const declared = parsePolicy({ columns: { ...policy.columns, ori_hid: { role: 'insensitive' } }, thresholds: { k: 5 } }, { baseDir: '.', source: 'test-policy' });
  const r = await proveAnonymity({ original, release, control, policy: declared, seed: 1, attacks: 200, detectIdentifier: null });
  assert.ok(r.verdict.failures.some((f) => f.column === 'ori_hid' && /household/.test(f.message)), r.verdict.reasons.join('\n'));
  assert.equal(r.verdict.anonymous, false);
});

test('review 2026-11-30: a release column the policy does not declare is attacked as a quasi-identifier; values the attacks cannot read fail the release', async () => {
  const rng = seededRng(7);
  const n = 600;
  const day = (i: number) => `19${30 + (i % 60)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
  const make = (ids: number[], dates: (i: number) => string, kind: 'date' | 'string') => makeTable([
    columnFromValues('sex', ids.map((i) => (i % 2 ? 'F' : 'M')), 'string'),
    columnFromValues('region', ids.map((i) => REGIONS[i % 4]!), 'string'),
    columnFromValues('birth_date', ids.map(dates), kind),
    columnFromValues('code', ids.map(() => `C${rng.int(5)}`), 'string'),
  ]);
  const ids = Array.from({ length: n }, (_, i) => i), other = Array.from({ length: n }, (_, i) => n + i);
  const original = make(ids, day, 'date'), control = make(other, day, 'date');
  const p = parsePolicy({ columns: { sex: { role: 'quasi' }, region: { role: 'quasi' }, code: { role: 'sensitive' } } }, { baseDir: '.', source: 'test-policy' });
  // (the original itself, with an undeclared exact birth date: every person unique on it)
  const r = await proveAnonymity({ original, release: original, control, policy: p, seed: 1, detectIdentifier: null });
  assert.equal(r.verdict.anonymous, false);
  assert.ok(r.warnings.some((w) => w.includes('not declared in the policy') && w.includes('"birth_date"')), r.warnings.join('\n'));
  assert.ok(r.verdict.failures.some((f) => f.criterion === 'attack-risk'), r.verdict.reasons.join('\n'));
  // (the same dates written day first: nothing the attacks can read against the original's ISO dates)
  const dmy = make(ids, (i) => day(i).split('-').reverse().join('/'), 'string');
  const pd = parsePolicy({ columns: { sex: { role: 'quasi' }, region: { role: 'quasi' }, birth_date: { role: 'quasi' }, code: { role: 'sensitive' } } }, { baseDir: '.', source: 'test-policy' });
  const r2 = await proveAnonymity({ original, release: dmy, control, policy: pd, seed: 1, detectIdentifier: null });
  assert.equal(r2.verdict.anonymous, false);
  assert.ok(r2.verdict.failures.some((f) => f.criterion === 'unverifiable-column' && f.column === 'birth_date'), r2.verdict.reasons.join('\n'));
});

test('a release column the control set lacks cannot be measured: the release fails (an undeclared birth date missing from the control read anonymous)', async () => {
  const n = 400;
  const make = (offset: number, withDob: boolean) => makeTable([
    columnFromValues('sex', Array.from({ length: n }, (_, i) => ((i + offset) % 2 ? 'F' : 'M')), 'string'),
    columnFromValues('region', Array.from({ length: n }, (_, i) => REGIONS[(i + offset) % 4]!), 'string'),
    ...(withDob ? [columnFromValues('birth_date', Array.from({ length: n }, (_, i) => `19${40 + ((i + offset) % 50)}-0${1 + ((i + offset) % 9)}-1${(i + offset) % 9}`), 'date')] : []),
  ]);
  const original = make(0, true), control = make(n, false);
  const p = parsePolicy({ columns: { sex: { role: 'quasi' }, region: { role: 'quasi' } } }, { baseDir: '.', source: 'test-policy' });
  const r = await proveAnonymity({ original, release: original, control, policy: p, seed: 1, detectIdentifier: null });
  assert.equal(r.verdict.anonymous, false);
  assert.ok(r.verdict.failures.some((f) => f.criterion === 'unverifiable-column' && f.column === 'birth_date'), r.verdict.reasons.join('\n'));
});

test('attacks.confidence: the rule is the upper 95 % bound — a lower level is refused (0.5 made it a 50 % bound, unsaid), a higher one is stated', async () => {
  const original = population(600, 31), control = population(600, 32);
  const at = (confidence: number) => parsePolicy({ columns: policy.columns, thresholds: { k: 5 }, attacks: { confidence } }, { baseDir: '.', source: 'test-policy' });
  for (const low of [0.5, 0.9]) {
    await assert.rejects(proveAnonymity({ original, release: original, control, policy: at(low), seed: 1, attacks: 200, detectIdentifier: null }),
      (e: { code?: string; issues?: { path: string; message: string }[] }) => e.code === 'invalid-policy'
        && e.issues?.some((i) => i.path === 'attacks.confidence' && /95 %/.test(i.message)) === true);
  }
  const r = await proveAnonymity({ original, release: original, control, policy: at(0.99), seed: 1, attacks: 200, detectIdentifier: null });
  assert.equal(r.parameters.confidence, 0.99);
  assert.ok(r.verdict.reasons.some((m) => m.includes('99 % interval up to')), r.verdict.reasons.join('\n'));
});

test('review 2026-11-30: a release identical to its original, birthdays written 03-15, is pseudonymous as when written 03/15 (03-15 read as a code range hid everyone)', async () => {
  const make = (n: number, seed: number, sep: string) => {
    const rng = seededRng(seed);
    const cols: Record<string, string[]> = { bday: [], sex: [], code: [] };
    for (let i = 0; i < n; i++) {
      cols.bday!.push(`${String(1 + rng.int(12)).padStart(2, '0')}${sep}${String(1 + rng.int(28)).padStart(2, '0')}`);
      cols.sex!.push(rng.int(2) ? 'F' : 'M'); cols.code!.push(`C${rng.int(8)}`);
    }
    return makeTable(Object.entries(cols).map(([k, v]) => columnFromValues(k, v, 'string')));
  };
  const p = parsePolicy({ columns: { bday: { role: 'quasi' }, sex: { role: 'quasi' }, code: { role: 'sensitive' } } }, { baseDir: '.', source: 'test-policy' });
  const figures = async (sep: string) => {
    const original = make(600, 41, sep), control = make(600, 42, sep);
    const r = await proveAnonymity({ original, release: original, control, policy: p, seed: 1, attacks: 300, detectIdentifier: null });
    return { anonymous: r.verdict.anonymous, inference: r.attacks.inference.attackRate, singlingOut: r.attacks.singlingOut.attacks };
  };
  const dash = await figures('-'), slash = await figures('/');
  assert.equal(slash.anonymous, false);
  assert.deepEqual(dash, slash);
});
