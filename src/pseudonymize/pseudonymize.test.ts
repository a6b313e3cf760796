import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { tableFromRecords, toRecords, column } from '../table/table.ts';
import {
  keyFromText, loadKey, PseudonymKey, pseudonym, isToken, personDateOffset, shiftIsoDate, pseudonymizeTable, rekeyTable,
  keyedInt, MIN_KEY_BYTES,
} from './index.ts';
import { AnonymatError } from '../errors.ts';
import { decodeKey } from './key.ts';
import { yearsOfDatesIn } from './table.ts';

/** A key from a key file's raw bytes, as loadKey reads them. */
const loadKeyBytes = (bytes: Buffer): PseudonymKey => new PseudonymKey(decodeKey(bytes));

const HEX = 'a3'.repeat(32);
const key = keyFromText(HEX);
const key2 = keyFromText('5c'.repeat(32));

test('key: too short or missing → invalid-key (exit 2), never echoed', () => {
  for (const bad of ['k3yZ', 'ab'.repeat(10)]) {
    const e = (() => { try { keyFromText(bad); } catch (x) { return x; } })() as AnonymatError;
    assert.ok(e instanceof AnonymatError);
    assert.equal(e.code, 'invalid-key');
    assert.equal(e.exitCode, 2);
    assert.ok(!e.message.includes(bad));
  }
  assert.throws(() => loadKey({ env: {} }), (e: AnonymatError) => e.code === 'invalid-key' && /ANONYMAT_KEY/.test(e.message));
  assert.throws(() => loadKey({ keyFile: '/nonexistent/key' }), (e: AnonymatError) => e.code === 'invalid-key');
  const k = loadKey({ env: { MY_KEY: HEX }, keyEnv: 'MY_KEY' });
  for (const s of [String(k), JSON.stringify({ k }), inspect(k), `${k}`]) assert.ok(!s.includes(HEX) && !s.includes('a3a3'), s);
  assert.equal(MIN_KEY_BYTES, 32);
  assert.throws(() => new PseudonymKey(new Uint8Array(31)), /too short/);
});

test('tokens: versioned, deterministic, HMAC-SHA-256 of the documented message', () => {
  const t = pseudonym(key, '2 55 08 14 168 025 38', { normalize: 'identifier' });
  assert.ok(isToken(t), t);
  assert.equal(t, pseudonym(key, '255081416802538', { normalize: 'identifier' }));
  assert.notEqual(t, pseudonym(key2, '255081416802538', { normalize: 'identifier' }));
  assert.notEqual(t, pseudonym(key, '255081416802538', { normalize: 'identifier', domain: 'release-2' }));
  // known answer: recompute with node:crypto directly
  const mac = createHmac('sha256', Buffer.from(HEX, 'hex')).update('anonymat/v1\0\0abc').digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = '';
  for (const b of mac) bits += b.toString(2).padStart(8, '0');
  let b32 = '';
  for (let i = 0; i < 26; i++) b32 += alphabet[parseInt(bits.slice(i * 5, i * 5 + 5), 2)];
  assert.equal(pseudonym(key, 'abc'), `v1:${b32}`);
});

test('keyedInt is uniform enough (chi-square, 6 bins, seed-free but deterministic; false alarm < 0.1%)', () => {
  const counts = new Array(6).fill(0);
  for (let i = 0; i < 6000; i++) counts[keyedInt(key, `x${i}`, 6)]++;
  const chi = counts.reduce((s, c) => s + (c - 1000) ** 2 / 1000, 0);
  assert.ok(chi < 20.5, `chi2=${chi}`); // df=5, p=0.001 critical value 20.52
});

test('date offsets: one per person, never 0, within bounds; intervals preserved', () => {
  fc.assert(fc.property(fc.string(), fc.integer({ min: 1, max: 400 }), (id, max) => {
    const o = personDateOffset(key, id, max);
    return o !== 0 && Math.abs(o) <= max && o === personDateOffset(key, id, max);
  }), { numRuns: 300 });
  const o = personDateOffset(key, 'patient-1');
  const a = shiftIsoDate('2020-02-28', o)!, b = shiftIsoDate('2020-03-01', o)!;
  assert.equal((Date.parse(b) - Date.parse(a)) / 86400000, 2);
  assert.equal(shiftIsoDate('2020-01-01T10:30:00Z', 1), '2020-01-02T10:30:00Z');
  // (a day the calendar does not have is no date: it was rolled over to March and shifted)
  assert.equal(shiftIsoDate('2024-02-30', 1), null);
  assert.equal(shiftIsoDate('2024-02-29', 1), '2024-03-01');
});

const data = () => tableFromRecords({
  pid: ['p1', 'p1', 'p2', 'p3'],
  name: ['Marie Curie', 'Marie Curie', 'Jean Dupont', 'Ana Predan'],
  nir: ['2 55 08 14 168 025 38', '255081416802538', '1 85 02 2A 004 123 08', null],
  visit: ['2020-01-01', '2020-01-11', '2021-06-30', '2019-12-31'],
  birth: ['1930-05-02', '1930-05-02', '1980-01-01', '1975-07-14'],
  cp: ['75013', '75013', '20200', '97400'],
  age: [92, 92, 41, 46],
  dx: ['I10', 'E11', 'J45', 'I10'],
}, { visit: 'date', birth: 'date', age: 'integer' });

const policy = {
  columns: {
    pid: { role: 'person-key' }, name: { role: 'identifier' }, nir: { role: 'identifier', action: 'pseudonymize' as const },
    visit: { role: 'quasi', action: 'shift-dates' as const }, birth: { role: 'quasi', action: 'generalize' as const },
    cp: { role: 'quasi', action: 'generalize' as const }, age: { role: 'quasi', action: 'generalize' as const }, dx: { role: 'sensitive' },
  },
  pseudonymize: { profile: 'fr' as const },
};

test('pseudonymizeTable: actions per column, deterministic, intervals kept per person', () => {
  const r1 = pseudonymizeTable(data(), policy, key);
  const r2 = pseudonymizeTable(data(), policy, key);
  assert.deepEqual(toRecords(r1.table), toRecords(r2.table));
  const rows = toRecords(r1.table);
  assert.deepEqual(r1.table.columns.map((c) => c.name), ['pid', 'nir', 'visit', 'birth', 'cp', 'age', 'dx']);
  assert.deepEqual(r1.report.dropped, ['name']);
  assert.ok(rows.every((r) => isToken(r.pid!)));
  assert.equal(rows[0]!.nir, rows[1]!.nir); // same NIR written two ways → same token
  assert.equal(rows[3]!.nir, null);
  // (a birth date → its year, and "90+" over 89 at the reference date, as the age beside it: a birth year of 1930 next to
  // an age of "90+" would undo the age's top-coding)
  assert.deepEqual(rows.map((r) => r.birth), ['90+', '90+', '1980', '1975']);
  assert.deepEqual(rows.map((r) => r.cp), ['75', '75', '2B', '974']);
  assert.deepEqual(rows.map((r) => r.age), ['90+', '90+', '41', '46']);
  const d = (s: string) => Date.parse(s) / 86400000;
  assert.equal(d(rows[1]!.visit!) - d(rows[0]!.visit!), 10); // same person: interval preserved
  assert.notEqual(rows[0]!.visit, '2020-01-01');
  assert.equal(column(r1.table, 'visit').kind, 'date');
  // a different key gives different tokens
  const r3 = pseudonymizeTable(data(), policy, key2);
  assert.notEqual(toRecords(r3.table)[0]!.pid, rows[0]!.pid);
  // nothing in the report is a value or a token
  const rep = JSON.stringify(r1.report);
  for (const v of ['Marie', '255081416802538', rows[0]!.pid!]) assert.ok(!rep.includes(v));
});

test('pseudonymizeTable: key required when needed; shift-dates needs a person key; undeclared identifiers dropped', () => {
  assert.throws(() => pseudonymizeTable(data(), policy, null), (e: AnonymatError) => e.code === 'invalid-key');
  const noPid = { ...policy, columns: { ...policy.columns, pid: { role: 'quasi' } } };
  assert.throws(() => pseudonymizeTable(data(), noPid, key), (e: AnonymatError) => e.code === 'invalid-policy' && e.issues.some((i) => i.path === 'columns.visit.action'));
  const t = tableFromRecords({ dx: ['a', 'b', 'c'], mail: ['a@x.org', 'b@y.org', 'c@z.org'] });
  const r = pseudonymizeTable(t, { columns: { dx: { role: 'sensitive' } } }, null);
  assert.deepEqual(r.report.dropped, ['mail']);
  assert.ok(r.report.warnings.some((w) => w.includes('"mail"')));
  // an undeclared column of prose is redacted, not kept as written
  const notes = tableFromRecords({ dx: ['a', 'b', 'c', 'a', 'b'], remarque: Array.from({ length: 5 }, (_, i) => `Vu par le Dr Martin le 1${i}/03/2020 pour une toux.`) });
  const rn = pseudonymizeTable(notes, { columns: { dx: { role: 'sensitive' } } }, null);
  assert.deepEqual(toRecords(rn.table).map((x) => x.remarque), Array.from({ length: 5 }, () => 'Vu par le Dr [NOM] le [DATE] pour une toux.'));
  assert.ok(rn.report.warnings.some((w) => w.includes('"remarque" is not in the policy and reads as free text')));
  // (and so is a column of a few notes among many empty cells: 3 of 1,000 filled were kept as written — too few, and then
  // between the rows of the evenly spaced sample)
  const few = tableFromRecords({
    dx: Array.from({ length: 1000 }, (_, i) => 'abc'[i % 3]!),
    note: Array.from({ length: 1000 }, (_, i) => (i === 3 ? 'seen by Dr Smith on 01/02/2024 for cough' : i === 401 ? 'Mrs Jane Doe called about her results' : i === 777 ? 'RAS' : null)),
  });
  const rf = toRecords(pseudonymizeTable(few, { columns: { dx: { role: 'sensitive' } } }, null).table).map((x) => x.note).filter((x) => x !== null);
  assert.ok(!rf.some((x) => /Smith|Jane|Doe|01\/02\/2024/.test(x!)), rf.join(' | '));
  // (and a note or two among a stock sentence repeated and short codes: the prose is judged value by value)
  const mixed = tableFromRecords({
    dx: Array.from({ length: 1000 }, (_, i) => 'abc'[i % 3]!),
    note: Array.from({ length: 1000 }, (_, i) => (i === 10 ? 'seen by Dr Smith on 01/02/2024 for cough' : i === 500 ? 'Mrs Jane Doe called about her results' : i % 50 === 0 ? `C${i}` : 'RAS')),
  });
  const rm = toRecords(pseudonymizeTable(mixed, { columns: { dx: { role: 'sensitive' } } }, null).table).map((x) => x.note!);
  assert.ok(!rm.some((x) => /Smith|Jane|Doe|01\/02\/2024/.test(x)), rm.filter((x) => x.length > 5).join(' | '));
});

test('pseudonymizeTable: phone numbers, e-mails, valid NIRs inside a kept column are replaced (only they); explicit keep keeps', () => {
  const t = tableFromRecords({
    motif: ['Maladie de Parkinson', 'Rappeler au 06 12 34 56 78', 'RAS', 'Contact: m.durand@chu-lyon.fr', 'NIR 1 52 03 84 007 123 87 sur la carte', 'Lot 152038400712399', 'Rappeler au 06 12 34 56 78'],
  });
  const r = pseudonymizeTable(t, { columns: { motif: { role: 'sensitive' } } }, null);
  // names, dates and a 15-digit number without a valid NIR key are not touched; the rest keeps its words
  assert.deepEqual(toRecords(r.table).map((x) => x.motif), ['Maladie de Parkinson', 'Rappeler au [TEL]', 'RAS', 'Contact: [MAIL]', 'NIR [NIR] sur la carte', 'Lot 152038400712399', 'Rappeler au [TEL]']);
  const w = r.report.warnings.find((x) => x.includes('"motif"'));
  assert.ok(w && w.includes('3 of 6 distinct value(s) hold PHONE, EMAIL, NIR'), w);
  assert.ok(!w.includes('06 12') && !w.includes('durand'), 'a warning never quotes a value');
  assert.equal(r.report.columns.find((c) => c.column === 'motif')!.action, 'redact-identifiers');
  // explicit keep: as written
  const k = pseudonymizeTable(t, { columns: { motif: { role: 'sensitive', action: 'keep' } } }, null);
  assert.deepEqual(toRecords(k.table).map((x) => x.motif), toRecords(t).map((x) => x.motif));
  // a column without such values is kept, without a warning
  const n = pseudonymizeTable(tableFromRecords({ dx: ['Diabète de type 2', 'Asthme', 'HTA depuis 2012'] }), { columns: { dx: { role: 'sensitive' } } }, null);
  assert.equal(n.report.columns[0]!.action, 'keep');
  assert.equal(n.report.warnings.length, 0);
});

test('safe-harbor profile: ZIP3, birth year → 90+ at the reference date, dates → year', () => {
  const t = tableFromRecords({ zip: ['90804', '03601'], dob: ['1930-05-02', '1990-01-01'], seen: ['2021-03-04', '2022-03-04'] }, { dob: 'date', seen: 'date' });
  const r = pseudonymizeTable(t, { columns: { zip: { role: 'quasi' }, dob: { role: 'quasi' }, seen: { role: 'quasi' } }, pseudonymize: { profile: 'safe-harbor', referenceDate: '2022-03-04' } }, null);
  assert.deepEqual(toRecords(r.table), [{ zip: '908', dob: '90+', seen: '2021' }, { zip: '000', dob: '1990', seen: '2022' }]);
});

test('key rotation: correspondence old→new, and re-keying without originals', () => {
  const r = pseudonymizeTable(data(), policy, key2, { previousKey: key });
  const old = pseudonymizeTable(data(), policy, key);
  assert.ok(r.correspondence);
  const rekeyed = rekeyTable(old.table, ['pid', 'nir'], r.correspondence!);
  assert.deepEqual(toRecords(rekeyed).map((x) => [x.pid, x.nir]), toRecords(r.table).map((x) => [x.pid, x.nir]));
  assert.throws(() => rekeyTable(r.table, ['pid'], r.correspondence!), (e: AnonymatError) => e.code === 'invalid-input');
});

test('safe-harbor profile, as a user writes exports: ages over 89 at today\'s date, dates in any layout, ZIPs in any shape, identifiers by their headers', () => {
  const year = new Date().getUTCFullYear();
  const t = tableFromRecords({
    pid: ['p1', 'p2', 'p3', 'p4'],
    birth_date: [`${year - 106}-03-01`, `${year - 96}-06-15`, `${year - 36}-01-01`, `${year - 50}-02-02`],
    age_at_visit: [95, 104, 30, 89],
    birth_year: [year - 96, year - 91, year - 40, year - 89],
    admit_ts: ['2025-03-01T10:00:00Z', '2024-06-15T08:30:00Z', '2023-01-02T00:00:00Z', '2022-12-31T23:59:00Z'],
    visit_fr: ['15/06/2024', '01/02/2023', '31/12/2022', '05/05/2021'],
    zip: ['036011234', '3601', '02139', '10001-1111'],
    ssn: ['244768917', '512663091', '301228455', '402113377'],
    phone: ['4943223008', '2125550142', '6175550100', '3125557788'],
    county: ['Coos', 'Essex', 'Suffolk', 'Kings'], plan_id: ['H1', 'H2', 'H3', 'H4'], account: ['A1', 'A2', 'A3', 'A4'],
    commune: ['75056', '2A004', '13055', '69123'],
  }, { birth_date: 'date', age_at_visit: 'integer', birth_year: 'integer' });
  // (a commune's code declared a quasi-identifier: Safe Harbor keeps no subdivision smaller than a state)
  const policy = { columns: { pid: { role: 'person-key' as const, action: 'drop' as const }, commune: { role: 'quasi' as const } }, pseudonymize: { profile: 'safe-harbor' as const } };
  const r = pseudonymizeTable(t, policy, null);
  const rows = toRecords(r.table);
  // (no referenceDate: today, never the youngest person's birth date; a warning says so)
  assert.deepEqual(rows.map((x) => x.birth_date), ['90+', '90+', String(year - 36), String(year - 50)]);
  assert.ok(r.report.warnings.some((w) => /ages are counted at today's date/.test(w)));
  // (p4's 89 at a visit, beside dates of 2021 and 2022 in its row: born in 1933 at the latest, over 89 today — an age at an
  // event that tells a birth year 90 years before the reference becomes missing, review D4)
  assert.deepEqual(rows.map((x) => x.age_at_visit), ['90+', '90+', '30', null]);
  assert.deepEqual(rows.map((x) => x.birth_year), ['90+', '90+', String(year - 40), String(year - 89)]);
  assert.deepEqual(rows.map((x) => String(x.admit_ts)), ['2025', '2024', '2023', '2022']);
  assert.deepEqual(rows.map((x) => String(x.visit_fr)), ['2024', '2023', '2022', '2021']);
  assert.deepEqual(rows.map((x) => x.zip), ['000', '000', '021', '100']);
  for (const gone of ['ssn', 'phone', 'county', 'plan_id', 'account', 'commune']) assert.ok(r.report.dropped.includes(gone), gone);
});

test('one person, one date offset, however the id is written; the fr profile keeps a birth date\'s month and year; binary and short hex keys', () => {
  const t = tableFromRecords({ nir: ['2 55 08 14 168 025 38', '255081416802538', '2-55-08-14-168-025-38'], visit: ['2024-01-01', '2024-01-01', '2024-01-01'] }, { visit: 'date' });
  const shifted = toRecords(pseudonymizeTable(t, { columns: { nir: { role: 'person-key' }, visit: { role: 'quasi', action: 'shift-dates' } } }, key).table);
  assert.equal(new Set(shifted.map((x) => String(x.visit))).size, 1);
  const fr = pseudonymizeTable(tableFromRecords({ date_naissance: ['1955-08-14', '1990-01-31'] }, { date_naissance: 'date' }), { columns: {}, pseudonymize: { profile: 'fr' as const } }, null);
  assert.deepEqual(toRecords(fr.table).map((x) => x.date_naissance), ['1955-08', '1990-01']);
  // (raw bytes are the key as they are: two different binary keys give two different tokens)
  const a = loadKeyBytes(Buffer.alloc(32, 0x80)), b = loadKeyBytes(Buffer.concat([Buffer.alloc(16, 0x81), Buffer.alloc(16, 0xfe)]));
  assert.notEqual(pseudonym(a, 'x'), pseudonym(b, 'x'));
  assert.throws(() => keyFromText('ab'.repeat(16)), (e: unknown) => e instanceof AnonymatError && e.code === 'invalid-key' && /hex for 16 bytes/.test(e.message));
});

test('text columns: surrogates per person move a note\'s dates with the person\'s shift-dates offset, and differ per domain', () => {
  const t = tableFromRecords({
    patient_id: ['P1', 'P1', 'P2'], visit_date: ['2020-03-12', '2020-03-20', '2021-06-01'],
    note: ['Mme Marie DUPONT vue le 12/03/2020.', 'Contrôle de Mme Dupont le 20/03/2020.', 'M. Paul DURAND vu le 01/06/2021.'],
  }, { visit_date: 'date' });
  const k = keyFromText('d'.repeat(64));
  const run = (domain: string) => toRecords(pseudonymizeTable(t, {
    columns: { patient_id: { role: 'person-key' }, visit_date: { role: 'quasi', action: 'shift-dates' }, note: { role: 'sensitive', text: true } },
    pseudonymize: { domain, textReplacement: 'surrogate', lang: 'fr' },
  } as never, k).table);
  const a = run('relA'), b = run('relB');
  for (const row of a) {
    const [d, m, y] = /(\d{2})\/(\d{2})\/(\d{4})/.exec(String(row.note))!.slice(1);
    assert.equal(`${y}-${m}-${d}`, String(row.visit_date), 'the note\'s date moved with the visit date');
  }
  // one person's surrogate name in both notes; another domain, other surrogates
  // (DUPONT, in capitals in the first note, is the Dupont of the second)
  const surname = /\b(\p{Lu}{3,})\b/u.exec(String(a[0]!.note))![1]!;
  assert.ok(String(a[1]!.note).toUpperCase().includes(surname), `${a[0]!.note} / ${a[1]!.note}`);
  assert.notEqual(a[0]!.note, b[0]!.note);
});

test('pseudonymizeTable reports the progress of free-text redaction (texts done / distinct texts), counts only', () => {
  const notes = Array.from({ length: 150 }, (_, i) => `Vu le ${1 + (i % 28)}/03/2021, Mme Martin ${i}`);
  const t = tableFromRecords({ note: [...notes, notes[0]!, null as unknown as string] });
  const calls: [number, number, string | undefined][] = [];
  pseudonymizeTable(t, { columns: { note: { role: 'sensitive', text: true } } }, null, { onProgress: (d, n, s) => calls.push([d, n, s]) });
  // every 64 texts and the last one; 150 distinct texts (the repeated one and the missing one are not texts to redact)
  assert.deepEqual(calls, [[64, 150, 'note'], [128, 150, 'note'], [150, 150, 'note']]);
});

test('profiles: placeholders ("NA", "false") do not hide a date, an age or an identifier column (an audit found them kept in clear)', () => {
  // (one date in eight is "NA": the column was below the 90 % of dates and kept whole; an age column with one "NA" was text,
  // and kept ages over 89; a passport column half "false" was below the share of codes, and kept the numbers)
  const n = 16;
  const t = tableFromRecords({
    pid: Array.from({ length: n }, (_, i) => `p${i}`),
    admission_date: Array.from({ length: n }, (_, i) => (i % 8 === 0 ? 'NA' : `2023-0${1 + (i % 9)}-1${i % 10}`)),
    age: Array.from({ length: n }, (_, i) => (i === 3 ? 'NA' : String(40 + i * 4))),
    passport: Array.from({ length: n }, (_, i) => (i % 2 ? 'false' : `X${79580504 + i * 7919}X`)),
  });
  const r = pseudonymizeTable(t, { columns: { pid: { role: 'person-key' }, admission_date: { role: 'quasi' }, age: { role: 'quasi' } }, pseudonymize: { profile: 'safe-harbor', referenceDate: '2025-01-01' } }, key);
  const recs = toRecords(r.table);
  assert.ok(recs.every((x) => x.admission_date === null || /^\d{4}$/.test(String(x.admission_date))), JSON.stringify(recs.map((x) => x.admission_date)));
  assert.deepEqual(recs.map((x) => x.age), Array.from({ length: n }, (_, i) => (i === 3 ? null : 40 + i * 4 > 89 ? '90+' : String(40 + i * 4))));
  assert.ok(!('passport' in recs[0]!), 'the passport column is dropped');
  // (a placeholder becomes missing without a "could not be generalized" warning)
  assert.ok(!r.report.warnings.some((w) => /could not be generalized/.test(w)), r.report.warnings.join('; '));
});

test('tokens and date offsets of an identifier do not depend on the rest of its column', () => {
  // (the same NIR written two ways gets one token and one offset whether or not placeholders share the column: the
  // column's detection read a sample, and "X-ATT-001" among four NIRs changed the normalization of every value)
  const policy = { columns: { nir: { role: 'person-key' as const }, seen: { role: 'quasi' as const, type: 'date' as const, action: 'shift-dates' as const } } };
  const nirs = ['2 55 08 14 168 025 38', '255081416802538', '1 85 02 2A 004 123 08', '185022A00412308'];
  const days = ['2020-03-01', '2020-03-15', '2021-06-10', '2021-06-20'];
  const alone = toRecords(pseudonymizeTable(tableFromRecords({ nir: nirs, seen: days }, { seen: 'date' }), policy, key).table);
  const mixed = toRecords(pseudonymizeTable(tableFromRecords({ nir: [...nirs, 'X-ATT-001', 'X-ATT-002'], seen: [...days, '2020-01-01', '2020-01-02'] }, { seen: 'date' }), policy, key).table);
  assert.deepEqual(mixed.slice(0, 4), alone);
  assert.equal(alone[0]!.nir, alone[1]!.nir);
  assert.equal(alone[2]!.nir, alone[3]!.nir);
  // (14 days apart before, 14 after: one person, one offset)
  assert.equal((Date.parse(String(alone[1]!.seen)) - Date.parse(String(alone[0]!.seen))) / 86_400_000, 14);
});

test('profile fr: a territory under the threshold as a whole is merged (Saint-Pierre-et-Miquelon, 5,790 people, was its own unit)', () => {
  const t = tableFromRecords({ commune: ['97502', '97701', '75056'], cp: ['97500', '97133', '75001'] });
  const r = pseudonymizeTable(t, { columns: { commune: { role: 'quasi' }, cp: { role: 'quasi' } }, pseudonymize: { profile: 'fr' } }, null);
  assert.deepEqual(toRecords(r.table), [
    { commune: 'autres-territoires', cp: 'autres-territoires' }, { commune: 'autres-territoires', cp: 'autres-territoires' }, { commune: '75056', cp: '75' },
  ]);
});

test('embedded identifiers: an SSN after its cue, in any case, is replaced in a kept text column', () => {
  const t = tableFromRecords({ comment: ['SSN 234-56-7891', 'ssn: 512 65 6445', 'SSN 512656445', 'no number here at all'] });
  const r = pseudonymizeTable(t, { columns: { comment: { role: 'sensitive' } } }, null);
  assert.deepEqual(toRecords(r.table).map((x) => x.comment), ['SSN [SSN]', 'ssn: [SSN]', 'SSN [SSN]', 'no number here at all']);
});

test('fr profile: ages and birth years over 89 → 90+, as the birth date beside them (a birth year of 1934 gave it away)', () => {
  const t = tableFromRecords({
    pid: ['A', 'B', 'C'],
    birth_date: ['1934-06-01', '1934-05-31', '1935-06-02'],
    birth_year: [1934, 1934, 1935],
    age: [90, 90, 88],
  }, { birth_date: 'date', birth_year: 'integer', age: 'integer' });
  const policy = {
    columns: { pid: { role: 'person-key' as const, action: 'drop' as const }, birth_date: { role: 'quasi' as const }, birth_year: { role: 'quasi' as const }, age: { role: 'quasi' as const } },
    pseudonymize: { profile: 'fr' as const, referenceDate: '2024-06-01' },
  };
  const rows = toRecords(pseudonymizeTable(t, policy, null).table);
  assert.deepEqual(rows.map((x) => x.birth_date), ['90+', '90+', '1935-06']);
  assert.deepEqual(rows.map((x) => x.birth_year), ['90+', '90+', '1935']);
  assert.deepEqual(rows.map((x) => x.age), ['90+', '90+', '88']);
});

test('profiles: an undeclared column the profile generalizes or drops gets its warning, as any undeclared column', () => {
  const t = tableFromRecords({ pid: ['p1', 'p2'], cp: ['75011', '03601'], commune: ['75056', '13055'] });
  const r = pseudonymizeTable(t, { columns: { pid: { role: 'person-key' as const, action: 'drop' as const } }, pseudonymize: { profile: 'safe-harbor' as const, referenceDate: '2024-06-01' } }, null);
  assert.ok(r.report.warnings.some((w) => /column "cp" is not in the policy: generalized by the profile/.test(w)), r.report.warnings.join(' | '));
  assert.ok(r.report.warnings.some((w) => /column "commune" is not in the policy: dropped by the profile/.test(w)), r.report.warnings.join(' | '));
});

test('profiles (review 2026-11-30): dates with month names and month-year dates, compact dates read as integers, ages and birth years under more headers, ZIP3 columns, device and plan numbers, small communes\' groups', async () => {
  const sh = { profile: 'safe-harbor' as const, referenceDate: '2026-01-01' };
  const t = tableFromRecords({
    pid: ['a', 'b', 'c'],
    death_date: ['15-Jan-2024', 'January 15, 2023', '15 janv. 2022'],
    admit_month: ['2024-01', '2023-02', '2022-03'],
    BIRTHDATE: ['19300504', '19850201', '20000101'],
    current_age: ['95', '40', '93'], ageAtDeath: ['97', '60', '91'],
    ddn: ['1920', '1985', '1930'],
    zip3: ['100', '021', '036'],
    udi: ['(01)5686(21)12', '(01)6767(21)78', '(01)1234(21)99'],
    PRIMARYPATIENTINSURANCEID: ['XJH1', 'XJH2', 'XJH3'],
  }, { BIRTHDATE: 'integer', zip3: 'string' });
  const policy = { columns: { pid: { role: 'person-key' as const, action: 'drop' as const }, zip3: { role: 'quasi' as const } }, pseudonymize: sh };
  const out = toRecords(pseudonymizeTable(t, policy, null).table);
  assert.deepEqual(out.map((r) => String(r.death_date)), ['2024', '2023', '2022']);
  assert.deepEqual(out.map((r) => String(r.admit_month)), ['2024', '2023', '2022']);
  assert.deepEqual(out.map((r) => r.BIRTHDATE), ['90+', '1985', '2000']);
  assert.deepEqual(out.map((r) => r.current_age), ['90+', '40', '90+']);
  assert.deepEqual(out.map((r) => r.ageAtDeath), ['90+', '60', '90+']);
  assert.deepEqual(out.map((r) => r.ddn), ['90+', '1985', '90+']);
  // (a column of 3-digit ZIPs is one already: 100 stays, 036 is restricted)
  assert.deepEqual(out.map((r) => r.zip3), ['100', '021', '000']);
  assert.ok(!('udi' in out[0]!) && !('PRIMARYPATIENTINSURANCEID' in out[0]!), JSON.stringify(out[0]));
  // (fr: a birth date with its month's name → its month and year)
  const fr = tableFromRecords({ pid: ['a', 'b'], date_naissance: ['14 août 1950', '3 mars 1985'] });
  const frOut = toRecords(pseudonymizeTable(fr, { columns: { pid: { role: 'person-key', action: 'drop' } }, pseudonymize: { profile: 'fr', referenceDate: '2026-01-01' } }, null).table);
  assert.deepEqual(frOut.map((r) => r.date_naissance), ['1950-08', '1985-03']);
  // (a small communes' group is never one small commune: Marnes-la-Coquette, 1,752 people, joins Vaucresson at 5,000)
  const { mergeSmallCommune } = await import('../health/profiles/fr.ts');
  assert.equal(mergeSmallCommune('92047', 5000), '92-autres');
  assert.equal(mergeSmallCommune('92076', 5000), '92-autres');
  assert.equal(mergeSmallCommune('92012', 5000), '92012');
  assert.equal(mergeSmallCommune('75056', 20000), '75056');
});

test('review of the review: Puerto Rico ZIP5s read as numbers (601 = 00601) go to their ZIP3 under any header but a ZIP3\'s; month-name dates with a time or a two-digit year go to their year', () => {
  const t = tableFromRecords({ zip: ['601', '725', '936'], admit: ['11-Jan-2024 10:02', '12-JAN-24', 'January 11, 2024 3:45 PM'] }, { zip: 'string', admit: 'string' });
  const out = toRecords(pseudonymizeTable(t, { columns: { zip: { role: 'quasi' }, admit: { role: 'quasi' } }, pseudonymize: { profile: 'safe-harbor', referenceDate: '2026-01-01' } }, null).table);
  assert.deepEqual(out.map((r) => r.zip), ['006', '007', '009']);
  assert.deepEqual(out.map((r) => String(r.admit)), ['2024', '2024', '2024']);
});

test('second review: ZIP3 headers of any spelling, dates with more layouts, and a birth date with a two-digit year (its century unknown) is no year to release', () => {
  const t = tableFromRecords({
    zip_code_3: ['100', '036', '350'], patient_zip3: ['036', '100', '823'],
    admit: ['01-JAN-24 10.00.00.000000 AM', 'Mon, 15 Jan 2024', '15/01/24'],
    birth_date: ['05-MAR-20', '1985-02-01', '05-MAR-1920'],
  }, { zip_code_3: 'string', patient_zip3: 'string', admit: 'string', birth_date: 'string' });
  const policy = { columns: { zip_code_3: { role: 'quasi' as const }, patient_zip3: { role: 'quasi' as const }, admit: { role: 'quasi' as const }, birth_date: { role: 'quasi' as const } }, pseudonymize: { profile: 'safe-harbor' as const, referenceDate: '2026-01-01' } };
  const out = toRecords(pseudonymizeTable(t, policy, null).table);
  assert.deepEqual(out.map((r) => r.zip_code_3), ['100', '000', '350']);
  assert.deepEqual(out.map((r) => r.patient_zip3), ['000', '100', '000']);
  assert.deepEqual(out.map((r) => String(r.admit)), ['2024', '2024', '2024']);
  assert.deepEqual(out.map((r) => r.birth_date), [null, '1985', '90+']);
});

test('third review: month-year dates with a two-digit year ("Mar-30", Excel) are dates, and a birth date so written, its century unknown, is missing in every profile (fr gave 1930-03)', () => {
  const t = tableFromRecords({ visit: ['Jan-24', 'Mar-23', 'Dec/22'], dob: ['Mar-30', '05-MAR-30', '1985-02-01'] }, { visit: 'string', dob: 'string' });
  const policy = (profile: 'safe-harbor' | 'fr') => ({ columns: { visit: { role: 'quasi' as const }, dob: { role: 'quasi' as const } }, pseudonymize: { profile, referenceDate: '2026-01-01' } });
  const sh = toRecords(pseudonymizeTable(t, policy('safe-harbor'), null).table);
  assert.deepEqual(sh.map((r) => String(r.visit)), ['2024', '2023', '2022']);
  assert.deepEqual(sh.map((r) => r.dob), [null, null, '1985']);
  const fr = toRecords(pseudonymizeTable(t, policy('fr'), null).table);
  assert.deepEqual(fr.map((r) => r.dob), [null, null, '1985-02']);
});

test('fourth review: month-years with an apostrophe ("Mar \'30", "Jan ’24") are dates; a birth date so written is missing', () => {
  const t = tableFromRecords({ visit: ["Jan '24", 'Feb ’23'], dob: ["Mar '30", "Jun '85"] }, { visit: 'string', dob: 'string' });
  const out = toRecords(pseudonymizeTable(t, { columns: { visit: { role: 'quasi' }, dob: { role: 'quasi' } }, pseudonymize: { profile: 'safe-harbor', referenceDate: '2026-01-01' } }, null).table);
  assert.deepEqual(out.map((r) => String(r.visit)), ['2024', '2023']);
  assert.deepEqual(out.map((r) => r.dob), [null, null]);
});

test('review D5: under Safe Harbor no age over 89 written with its unit, no unpadded date, no Unix timestamp under a time header stays; a declared quasi of dates becomes its year; explicit generalize applies to them', () => {
  const t = tableFromRecords({
    rid: ['1', '2', '3', '4', '5'],
    age_at_admission: ['92 years', '101 years', '45 years', '95y', '67y'],
    age_fr: ['92 ans', '1 an', '95 yo', '6 mois', '30 y/o'],
    admission_date: ['2017-9-1', '2016-6-18', '2021-10-9', '2019-3-7', '2020-12-25'],
    discharge_ts: [1504290840, 1466251080, 1633794000, 1551974400, 1608897600],
    // (durations under a time header are no dates)
    wait_time: [3600, 7200, 60, 86400, 0],
  }, { discharge_ts: 'integer', wait_time: 'integer' });
  const sh = { profile: 'safe-harbor' as const, referenceDate: '2025-06-01' };
  const r = pseudonymizeTable(t, { columns: { rid: { role: 'insensitive' }, admission_date: { role: 'quasi' } }, pseudonymize: sh }, null);
  const out = toRecords(r.table);
  assert.deepEqual(out.map((x) => x.age_at_admission), ['90+', '90+', '45', '90+', '67']);
  assert.deepEqual(out.map((x) => x.age_fr), ['90+', '1', '90+', '6 mois', '30']);
  assert.deepEqual(out.map((x) => String(x.admission_date)), ['2017', '2016', '2021', '2019', '2020']);
  assert.deepEqual(out.map((x) => String(x.discharge_ts)), ['2017', '2016', '2021', '2019', '2020']);
  assert.deepEqual(out.map((x) => String(x.wait_time)), ['3600', '7200', '60', '86400', '0']);
  assert.ok(r.report.warnings.some((w) => /column "discharge_ts" is not in the policy: generalized by the profile \(Unix timestamp/.test(w)), r.report.warnings.join(' | '));
  // (asked for explicitly, in any profile or none: the same)
  for (const pseudonymize of [sh, undefined]) {
    const columns = { rid: { role: 'insensitive' }, age_at_admission: { role: 'quasi', action: 'generalize' as const }, admission_date: { role: 'quasi', action: 'generalize' as const }, discharge_ts: { role: 'quasi', action: 'generalize' as const } };
    const e = toRecords(pseudonymizeTable(t, { columns, pseudonymize }, null).table);
    assert.deepEqual(e.map((x) => x.age_at_admission), ['90+', '90+', '45', '90+', '67']);
    assert.deepEqual(e.map((x) => String(x.admission_date)), ['2017', '2016', '2021', '2019', '2020']);
    assert.deepEqual(e.map((x) => String(x.discharge_ts)), ['2017', '2016', '2021', '2019', '2020']);
  }
  // (a column generalize does not apply to: the message says which and why, not that its dates or ages are none)
  const small = tableFromRecords({ wait_time: [3600, 60], event_ts: [1, 2], age: ['92 kg', '80 kg'] }, { wait_time: 'integer', event_ts: 'integer' });
  const bad = (() => { try { pseudonymizeTable(small, { columns: { wait_time: { role: 'quasi', action: 'generalize' }, event_ts: { role: 'quasi', action: 'generalize' }, age: { role: 'quasi', action: 'generalize' } } }, null); } catch (e) { return e as AnonymatError; } return null; })();
  assert.ok(bad instanceof AnonymatError && bad.exitCode === 2);
  assert.match(bad.format(), /columns\.wait_time\.action: the header names a duration \("wait"\), not a point in time/);
  assert.match(bad.format(), /columns\.event_ts\.action: the header names a time, but its numbers are not Unix timestamps/);
  assert.match(bad.format(), /columns\.age\.action: the header names an age, but 2 of 2 distinct value\(s\) are neither a number nor an age with its unit/);
  assert.ok(!bad.format().includes('kg'));
  // (a declared column where some values are dates, too few to be a date column: said, counts only)
  const mixed = tableFromRecords({ visit_note: ['2017-9-1', 'pending', 'cancelled', '2018-03-02', 'n/a'] });
  const m = pseudonymizeTable(mixed, { columns: { visit_note: { role: 'quasi' } }, pseudonymize: sh }, null);
  // (each date to its year, the other values kept)
  assert.ok(m.report.warnings.some((w) => /column "visit_note": 2 of 5 distinct value\(s\) hold dates, cut to their year/.test(w)), m.report.warnings.join(' | '));
  assert.deepEqual(toRecords(m.table).map((r) => r.visit_note), ['2017', 'pending', 'cancelled', '2018', 'n/a']);
  assert.ok(!m.report.warnings.join(' ').includes('2017'));
  // (fr: ages with their unit over 89 → 90+ as numeric ones; a birth date without its zeros → its month and year)
  const fr = tableFromRecords({ age: ['92 ans', '45 ans'], date_naissance: ['1955-8-14', '1985-12-1'] });
  const frOut = toRecords(pseudonymizeTable(fr, { columns: {}, pseudonymize: { profile: 'fr', referenceDate: '2026-01-01' } }, null).table);
  assert.deepEqual(frOut.map((x) => x.age), ['90+', '45']);
  assert.deepEqual(frOut.map((x) => x.date_naissance), ['1955-08', '1985-12']);
});

test('review D7: a value\'s token and its person\'s date offset depend on the value alone, not on the rows beside it, their order or the file', () => {
  // (the normalizer was chosen from a sample of the column: 7 e-mails of 10 ids were not lower-cased, 35 of 38 were — one
  // person, two tokens and two date offsets in one release; permuting the rows flipped the choice)
  const policy = { columns: { id: { role: 'person-key' as const }, seen: { role: 'quasi' as const, type: 'date' as const, action: 'shift-dates' as const }, contact: { role: 'identifier' as const, action: 'pseudonymize' as const }, patient_name: { role: 'identifier' as const, action: 'pseudonymize' as const } } };
  const run = (ids: string[], contacts: string[], whos: string[]) => toRecords(pseudonymizeTable(
    tableFromRecords({ id: ids, seen: ids.map(() => '2020-01-01'), contact: contacts, patient_name: whos }, { seen: 'date' }), policy, key).table);
  const few = run(['Patient0@Example.org', 'p-1', 'p-2', 'p-3'], ['Marie.Curie@Example.org', 'x', 'y', 'z'], ['Marie Curie', '12', '13', '14']);
  const many = run(['patient0@example.org', ...Array.from({ length: 9 }, (_, i) => `u${i}@x.org`)],
    ['marie.curie@example.org', ...Array.from({ length: 9 }, (_, i) => `c${i}@x.org`)], ['MARIE  CURIE', ...Array.from({ length: 9 }, (_, i) => `Jean Dupont${'e'.repeat(i)}`)]);
  assert.equal(few[0]!.id, many[0]!.id, 'an e-mail address is lower-cased whatever its column holds');
  assert.equal(String(few[0]!.seen), String(many[0]!.seen), 'one person, one date offset');
  assert.equal(few[0]!.contact, many[0]!.contact);
  assert.equal(few[0]!.patient_name, many[0]!.patient_name, 'a name folded (case, spaces) in a column whose header names a name, whatever its values');
  // (a phone number: its digits, whatever its column; a name: accents, case and spaces; a NIR: its separators)
  const one = (v: string) => pseudonym(key, v, { normalize: 'auto' });
  assert.equal(one('06 12 34 56 78'), one('06.12.34.56.78'));
  assert.equal(one('06-12-34-56-78'), one('0612345678'));
  assert.equal(one('+33 (0)6 12 34 56 78'), one('0033 6 12 34 56 78'));
  assert.equal(one('(607) 394-5452'), one('607.394.5452'));
  assert.equal(one('Éloïse  Dupré'), one('ELOISE DUPRE'));
  assert.equal(one(' 2 55 08 14 168 025 38'), one('255081416802538'));
  assert.equal(one('100 034 567 89'), one('10003456789'));
  assert.notEqual(one('1.5'), one('15'), 'a decimal number keeps its point');
  // (a person's id keeps its letters' case: ids are codes, "pat-fr" and "PAT-FR" may be two patients)
  assert.notEqual(pseudonym(key, 'pat-fr', { normalize: 'id' }), pseudonym(key, 'PAT-FR', { normalize: 'id' }));
  assert.equal(pseudonym(key, 'pat-fr', { normalize: 'id' }), pseudonym(key, 'pat-fr', { normalize: 'trim' }));
  // (row order: 60 ids, half e-mails written in capitals; every permutation gives each row the same token and offset)
  const ids = Array.from({ length: 60 }, (_, i) => (i % 2 ? `User${i}@Example.org` : `code-${i}`));
  const days = ids.map((_, i) => `2020-0${1 + (i % 9)}-1${i % 10}`);
  const base = toRecords(pseudonymizeTable(tableFromRecords({ id: ids, seen: days }, { seen: 'date' }), { columns: { id: policy.columns.id, seen: policy.columns.seen } }, key).table);
  fc.assert(fc.property(fc.shuffledSubarray(ids.map((_, i) => i), { minLength: 5 }), (order) => {
    const t = tableFromRecords({ id: order.map((i) => ids[i]!), seen: order.map((i) => days[i]!) }, { seen: 'date' });
    const out = toRecords(pseudonymizeTable(t, { columns: { id: policy.columns.id, seen: policy.columns.seen } }, key).table);
    return order.every((i, r) => out[r]!.id === base[i]!.id && String(out[r]!.seen) === String(base[i]!.seen));
  }), { numRuns: 40 });
});

test('review D4: Safe Harbor keeps no year that tells an age over 89 — birth dates under more headers, a column declared birthDate, an age at an event beside its year', async () => {
  const sh = { profile: 'safe-harbor' as const, referenceDate: '2026-01-01' };
  // (p1 is 95 at the reference date: every column below told it — born_on kept 1930, visit 2005 with age 74 told 1930/31)
  const t = tableFromRecords({
    pid: ['p1', 'p2'], birth_date: ['1930-05-04', '1980-01-01'], born_on: ['1930-05-04', '1980-01-01'], bday: ['1930-05-04', '1980-01-01'],
    fecha_nacimiento: ['04/05/1930', '01/01/1980'], fecha_nac: ['1930-05-04', '1980-01-01'], DateOfBirth: ['1930-05-04', '1980-01-01'], nee_le: ['1930-05-04', '1980-01-01'],
    anio_nacimiento: [1930, 1980], visit_date: ['2005-03-01', '2005-03-01'], age_at_visit: [74, 25], current_age: [95, 46],
    geboren: ['1930-05-04', '1980-01-01'],
  }, { birth_date: 'date', born_on: 'date', bday: 'date', fecha_nac: 'date', DateOfBirth: 'date', nee_le: 'date', visit_date: 'date', geboren: 'date', anio_nacimiento: 'integer', age_at_visit: 'integer', current_age: 'integer' });
  const columns = { pid: { role: 'person-key' as const, action: 'drop' as const }, geboren: { role: 'quasi' as const, birthDate: true } };
  const r = pseudonymizeTable(t, { columns, pseudonymize: sh }, null);
  const [p1, p2] = toRecords(r.table);
  for (const c of ['birth_date', 'born_on', 'bday', 'fecha_nacimiento', 'fecha_nac', 'DateOfBirth', 'nee_le', 'anio_nacimiento', 'geboren']) {
    assert.equal(p1![c], '90+', c);
    assert.equal(String(p2![c]), '1980', c);
  }
  assert.equal(String(p1!.visit_date), '2005');
  assert.equal(p1!.age_at_visit, null, 'age 74 in 2005: born 1930 or 1931, over 89 at the reference date');
  assert.equal(p2!.age_at_visit, '25');
  assert.deepEqual([p1!.current_age, p2!.current_age], ['90+', '46'], 'a current age is no age at the visit');
  assert.ok(r.report.warnings.some((w) => /column "age_at_visit": 1 age\(s\) at an event/.test(w)), r.report.warnings.join(' | '));
  assert.ok(!r.report.warnings.join(' ').includes('74'));
  // (explicit generalize of a column declared birthDate, in any profile or none; fr: its month and year, 90+ over 89)
  const one = tableFromRecords({ geboren: ['1930-05-04', '1980-01-01'] }, { geboren: 'date' });
  for (const pseudonymize of [undefined, { referenceDate: '2026-01-01' }]) {
    const e = pseudonymizeTable(one, { columns: { geboren: { role: 'quasi', action: 'generalize', birthDate: true } }, pseudonymize }, null);
    assert.deepEqual(toRecords(e.table).map((x) => x.geboren), ['90+', '1980']);
  }
  assert.deepEqual(toRecords(pseudonymizeTable(one, { columns: { geboren: { role: 'quasi', birthDate: true } }, pseudonymize: { profile: 'fr', referenceDate: '2026-01-01' } }, null).table).map((x) => x.geboren), ['90+', '1980-01']);
  // (the policy validates it: a birth date is no person key, free text or boolean)
  const { parsePolicy } = await import('../policy/policy.ts');
  const PO = { baseDir: '.', source: 'policy.yaml' };
  assert.throws(() => parsePolicy({ columns: { pid: { role: 'person-key', birthDate: true } } }, PO), (e: AnonymatError) => e.issues.some((i) => i.path === 'columns.pid.birthDate'));
  assert.throws(() => parsePolicy({ columns: { note: { role: 'sensitive', text: true, birthDate: true } } }, PO), (e: AnonymatError) => e.issues.some((i) => i.path === 'columns.note.birthDate'));
  assert.throws(() => parsePolicy({ columns: { b: { role: 'quasi', birthDate: 'yes' } } }, PO), (e: AnonymatError) => e.issues.some((i) => i.path === 'columns.b.birthDate'));
  assert.equal(parsePolicy({ columns: { b: { role: 'quasi', birthDate: true } } }, PO).columns.b!.birthDate, true);
});

test('review D8: an identifier or the person key kept in clear (action: keep) is warned and marked unsafe in the report', () => {
  const t = tableFromRecords({ pid: ['p1', 'p2'], name: ['Marie Curie', 'Jean Dupont'], nir: ['2 55 08 14 168 025 38', '1 85 02 2A 004 123 08'], dx: ['I10', 'E11'] });
  const r = pseudonymizeTable(t, { columns: { pid: { role: 'person-key', action: 'keep' }, name: { role: 'identifier', action: 'keep' }, nir: { role: 'identifier', action: 'keep' }, dx: { role: 'sensitive', action: 'keep' } } }, null);
  assert.deepEqual(toRecords(r.table).map((x) => x.name), ['Marie Curie', 'Jean Dupont'], 'kept, as asked');
  assert.deepEqual(r.report.unsafe, ['pid', 'name', 'nir']);
  for (const c of ['pid', 'name', 'nir']) {
    const rep = r.report.columns.find((x) => x.column === c)!;
    assert.equal(rep.unsafe, true, c);
    assert.match(rep.reason, /^UNSAFE: role (identifier|person-key) kept in clear/);
    assert.ok(r.report.warnings.some((w) => w.startsWith(`column "${c}" is declared`) && /UNSAFE/.test(w)), c);
  }
  assert.equal(r.report.columns.find((x) => x.column === 'dx')!.unsafe, undefined);
  const rep = JSON.stringify(r.report);
  for (const v of ['Marie', '255081416802538', '2 55 08', 'p1']) assert.ok(!rep.includes(v), v);
});

test('Safe Harbor: a text column with some dates among other values keeps no date finer than its year (review of 2c63a16)', () => {
  const t = tableFromRecords({ id: ['1', '2', '3', '4', '5'], remarque: ['2017-09-01', 'voir dossier', '2018-03-04', '2019-05-06', '12/03/2020'] });
  const r = pseudonymizeTable(t, { columns: { id: { role: 'quasi' } }, pseudonymize: { profile: 'safe-harbor', referenceDate: '2026-01-01' } } as never, null);
  assert.deepEqual(toRecords(r.table).map((x) => x.remarque), ['2017', 'voir dossier', '2018', '2019', '2020']);
  assert.ok(r.report.warnings.some((w) => /remarque.*cut to their year/.test(w)), r.report.warnings.join(' | '));
});

test('Safe Harbor: full dates inside text values go to their year; codes that are no dates stay (review of 9f83feb)', () => {
  const t = tableFromRecords({ id: ['1', '2', '3', '4', '5', '6'], note: ['RDV le 12/03/2020', '2019-01-01 appel famille', '1.2.10', '12-34-56', '2019-99-99', 'beta'] });
  const r = pseudonymizeTable(t, { columns: { id: { role: 'quasi' } }, pseudonymize: { profile: 'safe-harbor', referenceDate: '2026-01-01' } } as never, null);
  assert.deepEqual(toRecords(r.table).map((x) => x.note), ['RDV le 2020', '2019 appel famille', '1.2.10', '12-34-56', '2019-99-99', 'beta']);
});

test('Safe Harbor in text values: a range\'s second ISO date, two-digit years and dates inside dashed codes go to their year; versions and non-days stay', () => {
  const notes = ['2020-03-12-2020-03-15', 'vu le 12/03/20', 'RDV 3/4/19 10h', 'ECG 12.03.20', 'adm. 12-Mar-20', 'lot 12-2020-03-15-A',
    '2020-03-2020-04', '1.2.10', '1.2.20', '1.2019.01.01.3', '31/02/20', 'TA 12/8', 'ANCA 1/1280', '12-34-56', 'R4127-12', 'v1.2020'];
  const t = tableFromRecords({ id: notes.map((_, i) => String(i)), note: notes });
  const r = pseudonymizeTable(t, { columns: { id: { role: 'quasi' } }, pseudonymize: { profile: 'safe-harbor', referenceDate: '2026-01-01' } } as never, null);
  assert.deepEqual(toRecords(r.table).map((x) => x.note), ['2020-2020', 'vu le 2020', 'RDV 2019 10h', 'ECG 2020', 'adm. 2020', 'lot 2020-A',
    '2020-2020', '1.2.10', '1.2.20', '1.2019.01.01.3', '31/02/20', 'TA 12/8', 'ANCA 1/1280', '12-34-56', 'R4127-12', 'v1.2020']);
});

test('action keep on a column the detector reads as a direct identifier is reported UNSAFE; a column of tokens is not (review of e41e87f)', () => {
  const t = tableFromRecords({ pid: ['p1', 'p2'], nir: ['2 55 08 14 168 025 38', '1 85 02 2A 004 123 08'], tok: ['v1:gytnvqebfdjqt45nva25wb6wys', 'v1:aytnvqebfdjqt45nva25wb6wys'] });
  const r = pseudonymizeTable(t, { columns: { pid: { role: 'quasi' }, nir: { role: 'quasi', action: 'keep' }, tok: { role: 'person-key', action: 'keep' } } } as never, null);
  assert.ok(r.report.warnings.some((w) => /column "nir" holds direct identifiers \(nir\) and is kept in clear.*UNSAFE/.test(w)), r.report.warnings.join(' | '));
  assert.ok(!r.report.warnings.some((w) => /column "tok"/.test(w)), r.report.warnings.join(' | '));
});

test('a lower-case code keeps its case in every column, as in the person key: a mother\'s id gets her token (review of e41e87f)', () => {
  const t = tableFromRecords({ patient_id: ['pat-fr', 'baby-one', 'PAT-FR'], mother_id: [null, 'pat-fr', null] });
  const key = keyFromText('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef');
  const r = pseudonymizeTable(t, { columns: { patient_id: { role: 'person-key' }, mother_id: { role: 'identifier', action: 'pseudonymize' } } } as never, key);
  const rows = toRecords(r.table);
  assert.equal(rows[1]!.mother_id, rows[0]!.patient_id);
  assert.notEqual(rows[0]!.patient_id, rows[2]!.patient_id);
  assert.match(String(rows[0]!.patient_id), /^v1:[a-z2-7]{26}$/);
});

test('Safe Harbor: dates inside text values in every layout go to their year (review 5)', () => {
  const t = tableFromRecords({ id: ['1', '2', '3', '4', '5', '6', '7', '8'], note: ['12 mars 2020', 'March 12, 2020', '2020/03/12', '12-Mar-2020', '1er avril 2021', 'vu le 12/03/2020.', '2019-01-01/2019-02-01', 'S72.001A'] });
  const r = pseudonymizeTable(t, { columns: { id: { role: 'quasi' } }, pseudonymize: { profile: 'safe-harbor', referenceDate: '2026-01-01' } } as never, null);
  assert.deepEqual(toRecords(r.table).map((x) => x.note), ['2020', '2020', '2020', '2020', '2021', 'vu le 2020.', '2019/2019', 'S72.001A']);
});

test('Safe Harbor: a day and a month\'s name without a year inside text values have no year to keep: [DATE]', () => {
  const note = ['RDV le 12 mars', 'seen March 12th', '1er avril à 10h', 'le 3 mai 14h30', 'April 3 and May 4', '12-Mar', 'contrôle 12 mars 2020, suivi 3 juin',
    // (no date: a verb, a Tuesday, a count, an impossible day, a two-digit year or a count after the month, a day and month in digits)
    'dose 3 may be given', 'mar 3', '12 ans', '32 mars', '12 mars 20', 'score 12/03',
    // (review of s44's commits: acronyms and French words before a figure, a day before a month and two digits)
    'SEP 10 ans', 'OCT 3 mois', 'FEV 1 à 2,3 L', 'May 3 be given', 'Mai 3', 'Mars 12', '12 avril 20',
    // (and the layouts it missed: "of", two spaces, glued, a no-break space, with a year too)
    'the 12th of March', '12  mars', '12mars', 'RDV le 12\u00a0mars', '12\u00a0mars\u00a02020'];
  const t = tableFromRecords({ id: note.map((_, i) => String(i)), note });
  // (declared: undeclared, these short sentences together read as prose, and the text recognizers redact them)
  const r = pseudonymizeTable(t, { columns: { id: { role: 'quasi' }, note: { role: 'quasi' } }, pseudonymize: { profile: 'safe-harbor', referenceDate: '2026-01-01' } } as never, null);
  assert.deepEqual(toRecords(r.table).map((x) => x.note), ['RDV le [DATE]', 'seen [DATE]', '[DATE] à 10h', 'le [DATE] 14h30', '[DATE] and [DATE]', '[DATE]', 'contrôle 2020, suivi [DATE]',
    'dose 3 may be given', 'mar 3', '12 ans', '32 mars', '12 mars 20', 'score 12/03',
    'SEP 10 ans', 'OCT 3 mois', 'FEV 1 à 2,3 L', 'May 3 be given', 'Mai 3', 'Mars 12', '12 avril 20',
    'the [DATE]', '[DATE]', '[DATE]', 'RDV le [DATE]', '2020']);
  assert.ok(r.report.warnings.some((w) => /12 of 25 distinct value\(s\) hold dates/.test(w)), r.report.warnings.join(' | '));
  // (linear on long runs of letters: the quick test was quadratic, 19 s on 100 KB of "jujuju…")
  const t0 = performance.now();
  yearsOfDatesIn('ju'.repeat(50_000));
  assert.ok(performance.now() - t0 < 2000, 'linear');
});

test('action keep on NIRs read as numbers is reported UNSAFE too (review 5)', () => {
  const t = tableFromRecords({ pid: ['p1', 'p2', 'p3'], nir: ['255081416802538', '185022A00412308', '185027500412308'] });
  const r = pseudonymizeTable(t, { columns: { pid: { role: 'quasi' }, nir: { role: 'quasi', action: 'keep' } } } as never, null);
  assert.ok(r.report.warnings.some((w) => /column "nir" holds direct identifiers \(nir\).*UNSAFE/.test(w)), r.report.warnings.join(' | '));
});

test('Safe Harbor: a month with its year inside text goes to its year; codes stay (review 6)', () => {
  const t = tableFromRecords({ id: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'], note: ['vu en mars 2020', 'RDV 03/2020', 'bilan March 2020', '2020-03', '12 mars, 2020', 'RDV 12/03/2020-CHU Lyon', 'scan 12-03-2020-IRM', '12/03/2020-15/03/2020', 'ANCA 1/1280', 'R4127-12'] });
  const r = pseudonymizeTable(t, { columns: { id: { role: 'quasi' } }, pseudonymize: { profile: 'safe-harbor', referenceDate: '2026-01-01' } } as never, null);
  // (review 7: a date followed by letters is still a date; a titre and a code are no months)
  assert.deepEqual(toRecords(r.table).map((x) => x.note), ['vu en 2020', 'RDV 2020', 'bilan 2020', '2020', '2020', 'RDV 2020-CHU Lyon', 'scan 2020-IRM', '2020-2020', 'ANCA 1/1280', 'R4127-12']);
  // (review 8: a month range, an hour after a date, a version)
  const t2 = tableFromRecords({ id: ['1', '2', '3'], note: ['03/2020-04/2020', 'RDV 12/03/2020-10h30', 'v1.2020'] });
  const r2 = pseudonymizeTable(t2, { columns: { id: { role: 'quasi' } }, pseudonymize: { profile: 'safe-harbor', referenceDate: '2026-01-01' } } as never, null);
  assert.deepEqual(toRecords(r2.table).map((x) => x.note), ['2020-2020', 'RDV 2020-10h30', 'v1.2020']);
});

test('names fold under a name\'s header; a person\'s role as a header ("patient", which may hold ids) keeps the person key\'s tokens (reviews 7 and 8)', () => {
  const key = keyFromText('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef');
  const t = tableFromRecords({ id: ['pat-fr', 'Pat-Fr'], nom_patient: ['Dupont', 'DUPONT'], patient: ['pat-fr', 'Pat-Fr'] });
  const r = pseudonymizeTable(t, { columns: { id: { role: 'person-key' }, nom_patient: { role: 'identifier', action: 'pseudonymize' }, patient: { role: 'identifier', action: 'pseudonymize' } } } as never, key);
  const rows = toRecords(r.table);
  assert.equal(rows[0]!.nom_patient, rows[1]!.nom_patient);
  assert.equal(rows[0]!.patient, rows[0]!.id);
  assert.equal(rows[1]!.patient, rows[1]!.id);
});

// Review of init → pseudonymize on messy exports (s43): items 2, 3, 4, 8, 9, 10, 12.
const sh43 = { profile: 'safe-harbor' as const, referenceDate: '2026-01-01' };

test('s43 item 2: Safe Harbor drops account, policy, medical record and visit numbers by their header however abbreviated; not counts, ranks or flags', () => {
  const numbers = ['Acct #', 'Account #', 'acct_num', 'AcctNum', 'Policy #', 'Med Rec #', 'Visit #', 'FIN', 'CSN', 'HAR', 'Pt ID', 'num_patient', 'claim_id'];
  const rec: Record<string, string[]> = {};
  numbers.forEach((h, i) => { rec[h] = [`A325425${i}`, `XYZ71117800${i}`, `205875${i}`]; });
  Object.assign(rec, { Dx: ['I10', 'E11.9', 'I10'], visit_no: ['1', '2', '3'], patient_no_show: ['0', '1', '0'], num_visits: ['3', '1', '2'] });
  const t = tableFromRecords(rec);
  const others = ['Dx', 'visit_no', 'patient_no_show', 'num_visits'];
  // (declared quasi, as init proposed them, and undeclared)
  for (const columns of [Object.fromEntries([...numbers, ...others].map((h) => [h, { role: 'quasi' }])), {}]) {
    const r = pseudonymizeTable(t, { columns, pseudonymize: sh43 } as never, null);
    assert.deepEqual(r.table.columns.map((c) => c.name), others, JSON.stringify(r.report.columns.map((c) => [c.column, c.action])));
    for (const h of numbers) assert.ok(r.report.dropped.includes(h), h);
  }
  // (other profiles and no profile: unchanged — a declared quasi is kept)
  const fr = pseudonymizeTable(t, { columns: { FIN: { role: 'quasi' } }, pseudonymize: { profile: 'fr' } } as never, null);
  assert.ok(fr.table.columns.some((c) => c.name === 'FIN'));
});

test('s43 item 3: HL7 compact date-times (YYYYMMDDHHMM[SS]) are dates under Safe Harbor — to their year, never epoch milliseconds, never kept', async () => {
  const { epochUnit, dateToYear } = await import('../health/profiles/safe-harbor.ts');
  const t = tableFromRecords({
    patient_id: ['P1', 'P2', 'P3'],
    discharge_ts: [20240828061500, 20231201235959, 19991231000000],
    admit_dt: [202408280615, 202312012359, 199912310000],
    visit_date: [20240828, 20231201, 19991231],
  }, { discharge_ts: 'integer', admit_dt: 'integer', visit_date: 'integer' });
  for (const columns of [{ patient_id: { role: 'person-key' }, discharge_ts: { role: 'quasi', type: 'integer' }, admit_dt: { role: 'quasi', type: 'integer' }, visit_date: { role: 'quasi' } }, { patient_id: { role: 'person-key' } }]) {
    const rows = toRecords(pseudonymizeTable(t, { columns, pseudonymize: sh43 } as never, key).table);
    for (const c of ['discharge_ts', 'admit_dt', 'visit_date']) assert.deepEqual(rows.map((x) => String(x[c])), ['2024', '2023', '1999'], c);
  }
  assert.equal(epochUnit([202408280615, 202312012359]), null);
  assert.equal(epochUnit([1700000000000, 1600000000000]), 'ms');
  assert.equal(dateToYear('20240828061500'), '2024');
  assert.equal(dateToYear('202408280615'), '2024');
  // (not a day and a time: no date)
  assert.equal(dateToYear('202402300615'), null);
  assert.equal(dateToYear('202408282515'), null);
  // (a birth's compact date-time: 90+ over 89, as a birth date)
  const b = toRecords(pseudonymizeTable(tableFromRecords({ birth_ts: [193103120000, 198011040930] }, { birth_ts: 'integer' }), { columns: { birth_ts: { role: 'quasi' } }, pseudonymize: sh43 } as never, null).table);
  assert.deepEqual(b.map((x) => x.birth_ts), ['90+', '1980']);
});

test('s43 item 4: "date_nais", "dt_nais", "dat_nais", "dnais" are birth dates — 90+ under Safe Harbor, month and year under fr', () => {
  const headers = ['date_nais', 'dt_nais', 'dat_nais', 'dnais', 'Date Nais'];
  const vals = ['12/03/1931', '06/05/1929', '14/11/1980'];
  const t = tableFromRecords(Object.fromEntries(headers.map((h) => [h, vals])));
  const columns = Object.fromEntries(headers.map((h) => [h, { role: 'quasi' }]));
  const shRows = toRecords(pseudonymizeTable(t, { columns, pseudonymize: sh43 } as never, null).table);
  const frRows = toRecords(pseudonymizeTable(t, { columns, pseudonymize: { profile: 'fr', referenceDate: '2026-01-01' } } as never, null).table);
  for (const h of headers) {
    assert.deepEqual(shRows.map((x) => x[h]), ['90+', '90+', '1980'], h);
    assert.deepEqual(frRows.map((x) => x[h]), ['90+', '90+', '1980-11'], h);
  }
});

test('s43 item 8: under Safe Harbor a kept text column loses its ages over 89, birth dates of people over 89, street addresses, ZIP codes and towns; other profiles unchanged', () => {
  const comment = ['93 y/o female', 'pt is 95 years old', 'patiente de 94 ans', '45 yo', 'née le 12 mars 1931', 'lives at 12 Elm St Boston MA 02139',
    'domicile 3 rue de la Paix 75012 Paris', 'vit à Bourg-en-Bresse', 'RAS', 'RDV le 12/03/2020, tél 06 12 34 56 78'];
  const t = tableFromRecords({ id: comment.map((_, i) => `p${i}`), comment });
  for (const columns of [{ id: { role: 'person-key' }, comment: { role: 'quasi' } }, { id: { role: 'person-key' }, comment: { role: 'sensitive' } }]) {
    const r = pseudonymizeTable(t, { columns, pseudonymize: sh43 } as never, key);
    const out = toRecords(r.table).map((x) => x.comment!);
    for (const gone of ['93', '95', '94', '1931', 'Elm', '02139', 'Boston', 'Paix', '75012', 'Paris', 'Bourg', '12/03', '06 12']) assert.ok(out.every((v) => !v.includes(gone)), `${gone}: ${out.join(' | ')}`);
    assert.equal(out[3], '45 yo');
    assert.equal(out[4], 'née le 90+');
    assert.equal(out[8], 'RAS');
    assert.ok(out[9]!.startsWith('RDV le 2020'), out[9]);
    assert.equal(r.report.columns.find((c) => c.column === 'comment')!.action, 'redact-identifiers');
    const w = r.report.warnings.find((x) => x.startsWith('column "comment"'));
    assert.ok(w && /ages over 89 in 3 distinct value\(s\)/.test(w) && /birth dates in 1 /.test(w) && /street addresses in 2 /.test(w) && /towns in \d/.test(w) && /ZIP codes in 2 /.test(w), w);
    assert.ok(!comment.some((v) => w!.includes(v)));
  }
  // (fr and no profile: as before — only the phone number is replaced)
  for (const pseudonymize of [{ profile: 'fr' as const, referenceDate: '2026-01-01' }, {}]) {
    const out = toRecords(pseudonymizeTable(t, { columns: { id: { role: 'person-key' }, comment: { role: 'quasi' } }, pseudonymize } as never, key).table).map((x) => x.comment);
    assert.deepEqual(out.slice(0, 9), comment.slice(0, 9));
    assert.ok(out[9]!.startsWith('RDV le 12/03/2020') && !out[9]!.includes('06 12'), out[9]!);
  }
});

test('s43 item 9: under Safe Harbor a second address line, an apartment or an address complement is dropped by its header, whatever its values', () => {
  const parts = ['adresse2', 'adr2', 'address2', 'address_line_2', 'Address Line 2', 'Apt/Suite', 'complement_adresse', 'adresse 2'];
  const vals = ['Unit 12', 'Bât. B escalier 3', 'Appt 12'];
  const t = tableFromRecords({ ...Object.fromEntries(parts.map((h) => [h, vals])), address_state: ['MA', 'NY', 'CA'], suite_de_soins: ['SSR', 'HAD', 'domicile'] });
  for (const columns of [Object.fromEntries([...parts, 'address_state', 'suite_de_soins'].map((h) => [h, { role: 'quasi' }])), {}]) {
    const r = pseudonymizeTable(t, { columns, pseudonymize: sh43 } as never, null);
    assert.deepEqual(r.table.columns.map((c) => c.name), ['address_state', 'suite_de_soins'], JSON.stringify(r.report.columns.map((c) => [c.column, c.action])));
  }
});

test('s43 item 10: placeholder person keys are missing — no shared token, no shared date offset; ids in scientific notation are refused (exit 2), never tokenized', () => {
  const t = tableFromRecords({
    ipp: ['-', '-', 'inconnu', 'inconnu', 'NA', '123', '456'],
    nir: ['-', '2 55 08 14 168 025 38', '?', null, 'inconnu', '255081416802538', '185022A00412308'],
    visit: ['2023-03-12', '2023-05-01', '2023-06-01', '2023-07-01', '2023-08-01', '2023-03-12', '2023-04-12'],
  });
  const r = pseudonymizeTable(t, { columns: { ipp: { role: 'person-key' }, nir: { role: 'identifier', action: 'pseudonymize' }, visit: { role: 'quasi', action: 'shift-dates' } } } as never, key);
  const rows = toRecords(r.table);
  assert.deepEqual(rows.map((x) => x.ipp === null), [true, true, true, true, true, false, false]);
  assert.deepEqual(rows.map((x) => x.visit === null), [true, true, true, true, true, false, false]);
  assert.deepEqual(rows.map((x) => x.nir === null), [true, false, true, true, true, false, false]);
  assert.ok(r.report.warnings.some((w) => /column "ipp": 5 row\(s\) hold a placeholder/.test(w)), r.report.warnings.join(' | '));
  assert.ok(r.report.warnings.some((w) => /column "nir": 3 row\(s\) hold a placeholder/.test(w)), r.report.warnings.join(' | '));
  // (a spreadsheet's scientific notation: two NIRs became "1,55088E+14"; as text, or read as a floating-point number)
  const sci = (nir: (string | number)[], kinds = {}) => tableFromRecords({ ipp: nir.map((_, i) => String(i + 1)), nir }, kinds);
  for (const [tbl, role] of [[sci(['1,55088E+14', '1.55088E+14', '155087512345639']), 'identifier'], [sci(['1,55088E+14', '1,55088E+14']), 'person-key'], [sci([155088000000000, 155087512345639], { nir: 'decimal' }), 'identifier']] as const) {
    const columns = role === 'person-key' ? { nir: { role: 'person-key' }, ipp: { role: 'insensitive' } } : { ipp: { role: 'person-key' }, nir: { role: 'identifier', action: 'pseudonymize' } };
    assert.throws(() => pseudonymizeTable(tbl, { columns } as never, key, { where: (row) => `x.csv:${row + 2}` }), (e: unknown) => {
      assert.ok(e instanceof AnonymatError && e.code === 'invalid-input' && e.exitCode === 2, String(e));
      const text = (e as AnonymatError).format();
      assert.match(text, /x\.csv:2: column "nir": .*scientific notation/);
      // (never the value: only the example of the message)
      assert.ok(!/155088|1[.,]55088/.test(text), text);
      return true;
    });
  }
  // (a dropped identifier column in scientific notation is no problem)
  assert.doesNotThrow(() => pseudonymizeTable(sci(['1,55088E+14', '1,55088E+14']), { columns: { ipp: { role: 'person-key' }, nir: { role: 'identifier' } } } as never, key));
});

test('s43 item 12: the fr profile never writes an impossible birth month — the column\'s order or input.dateOrder; a month that cannot be known is missing and counted', () => {
  const fr = { profile: 'fr' as const, referenceDate: '2026-01-01' };
  const t = tableFromRecords({ dob: ['1/16/1958', '4/21/1954', '12/10/1956', '1958-01-16'] });
  const run = (tbl: typeof t, input?: object) => pseudonymizeTable(tbl, { columns: { dob: { role: 'quasi' } }, pseudonymize: fr, ...(input ? { input } : {}) } as never, null);
  // (the values show month first: 16 and 21 are days)
  assert.deepEqual(toRecords(run(t).table).map((x) => x.dob), ['1958-01', '1954-04', '1956-12', '1958-01']);
  // (declared day first: 1/16/1958 has no month 16 — missing, counted, never "1958-16")
  const dmy = run(t, { dateOrder: 'dmy' });
  assert.deepEqual(toRecords(dmy.table).map((x) => x.dob), [null, null, '1956-10', '1958-01']);
  assert.ok(dmy.report.warnings.some((w) => /column "dob": 2 distinct birth date\(s\) whose month cannot be known/.test(w)), dmy.report.warnings.join(' | '));
  assert.deepEqual(toRecords(run(t, { dateOrder: 'mdy' }).table).map((x) => x.dob), ['1958-01', '1954-04', '1956-12', '1958-01']);
  // (French day first shown by the values; no order known: only a value whose day is over 12 tells its month)
  assert.deepEqual(toRecords(run(tableFromRecords({ dob: ['14/08/1955', '04/08/1960'] })).table).map((x) => x.dob), ['1955-08', '1960-08']);
  const unknown = run(tableFromRecords({ dob: ['04/08/1955', '03/02/1960', '1/16/1958', '16/1/1957', '1955-13-01'] }));
  assert.deepEqual(toRecords(unknown.table).map((x) => x.dob), [null, null, '1958-01', '1957-01', null]);
  assert.ok(unknown.report.warnings.some((w) => /3 distinct birth date\(s\) whose month cannot be known/.test(w) && /input\.dateOrder/.test(w)), unknown.report.warnings.join(' | '));
  // (never a month over 12, whatever the layout)
  fc.assert(fc.property(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1940, max: 2020 }), fc.constantFrom(undefined, 'dmy', 'mdy'), (a, b, y, order) => {
    const out = toRecords(run(tableFromRecords({ dob: [`${a}/${b}/${y}`, `${y}-${b}-${a}`] }), order ? { dateOrder: order } : undefined).table).map((x) => x.dob);
    // (a column that is no dates is not generalized and keeps its values; a month written is a month of the calendar)
    return out.every((v) => { const m = v === null ? null : /^\d{4}-(\d{1,2})$/.exec(v); return m === null || (Number(m[1]) >= 1 && Number(m[1]) <= 12 && m[1]!.length === 2); });
  }), { numRuns: 200 });
});

test('review of the session\'s commits (s43): slashed or dotted ranges and paths of dates go to their years; a version\'s or a measure\'s figures with a two-digit year stay', () => {
  const notes = ['2019.01.01/2019.02.01', '2020/03/12/2020/03/15', 'scan archive/2020/03/12/0045.dcm', '1.2019.01.01.3', 'logiciel version 10.11.12', 'Chrome 12.10.20', 'TA 12/8/10', 'ECG 12.03.20'];
  const t = tableFromRecords({ id: notes.map((_, i) => String(i)), note: notes });
  const r = pseudonymizeTable(t, { columns: { id: { role: 'quasi' } }, pseudonymize: { profile: 'safe-harbor', referenceDate: '2026-01-01' } } as never, null);
  assert.deepEqual(toRecords(r.table).map((x) => x.note), ['2019/2019', '2020/2020', 'scan archive/2020/0045.dcm', '1.2019.01.01.3', 'logiciel version 10.11.12', 'Chrome 12.10.20', 'TA 12/8/10', 'ECG 2020']);
});

test('final review (s43): Safe Harbor keeps clinical columns whose header only looks like a number\'s or an address\'s (ADR, a count, a rank, a flag, a plan\'s letter, a time) and cuts HL7 date-times with a zone or a fraction to their year', () => {
  const t = tableFromRecords({
    ADR: ['Rash', 'Nausea'], 'ADR Severity': ['mild', 'moderate'], street_drug_use: ['yes', 'no'], VISIT_NUM: ['1', '1.1'], visit_id: ['V01', 'SCR'],
    no_contact: ['Y', 'N'], n_claim: ['0', '3'], 'Plan #': ['A', 'B'], Fin: ['12:30', '13:00'], 'Acct #': ['A3254257', 'B5279348'],
    adresse2: ['Résidence Les Pins', 'chez Mme Roux'], OBS_DT: ['20240828061500-0500', '20240901120000.1234'],
  });
  const cols = Object.fromEntries(['ADR', 'ADR Severity', 'street_drug_use', 'VISIT_NUM', 'visit_id', 'no_contact', 'n_claim', 'Plan #', 'Fin', 'Acct #', 'adresse2', 'OBS_DT'].map((c) => [c, { role: 'sensitive' as const }]));
  const r = pseudonymizeTable(t, { columns: cols, pseudonymize: { profile: 'safe-harbor', referenceDate: '2026-01-01' } } as never, null);
  const out = toRecords(r.table);
  assert.deepEqual(Object.keys(out[0]!), ['ADR', 'ADR Severity', 'street_drug_use', 'VISIT_NUM', 'visit_id', 'no_contact', 'n_claim', 'Plan #', 'Fin', 'OBS_DT']);
  assert.deepEqual(out.map((x) => String(x.OBS_DT)), ['2024', '2024']);
});

test('review-profiles item 1: commune codes under a place\'s header (insee_naissance, code_lieu_naissance, lieu_naiss, code_residence, com) are merged (fr) or dropped (safe-harbor)', () => {
  const heads = ['insee_naissance', 'code_lieu_naissance', 'lieu_naiss', 'code_residence', 'com'];
  const rec: Record<string, string[]> = { id: ['A0', 'A1', 'A2', 'A3', 'A4'], cp_naissance: ['48250', '05110', '48250', '05110', '02100'], lieu_soins: ['hôpital', 'domicile', 'clinique', 'domicile', 'hôpital'] };
  for (const h of heads) rec[h] = ['02490', '02250', '2A004', 'NR', '01247'];
  const t = tableFromRecords(rec);
  const fr = pseudonymizeTable(t, { columns: { id: { role: 'person-key' } }, pseudonymize: { profile: 'fr' } } as never, key);
  const out = toRecords(fr.table);
  for (const h of heads) assert.deepEqual(out.map((x) => x[h]), ['02-autres', '02-autres', '2A004', null, '01-autres'], h);
  assert.deepEqual(out.map((x) => x.cp_naissance), ['48', '05', '48', '05', '02']);
  assert.equal(out[0]!.lieu_soins, 'hôpital');
  const sh = pseudonymizeTable(t, { columns: { id: { role: 'person-key' } }, pseudonymize: { profile: 'safe-harbor' } } as never, key);
  for (const h of heads) assert.ok(sh.report.dropped.includes(h), h);
  assert.ok(sh.table.columns.some((c) => c.name === 'lieu_soins'));
});

test('review-profiles item 2b: after its cue (secu, NIR, IPP, RPPS) a number in a short text value is replaced whatever its key', () => {
  const t = tableFromRecords({ id: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6'], info: ['secu 255081416802539', 'nir 2550814168025', 'NIR 185022A00412309', 'IPP 9010572683', 'RPPS 10100534436', 'ok'] });
  const r = pseudonymizeTable(t, { columns: { id: { role: 'person-key' } }, pseudonymize: { profile: 'fr' } } as never, key);
  assert.deepEqual(toRecords(r.table).map((x) => x.info), ['secu [NIR]', 'nir [NIR]', 'NIR [NIR]', 'IPP [IPP]', 'RPPS [RPPS]', 'ok']);
  // (without a cue, a 13-digit number is no NIR in a text: "lot 2550814168025" stays)
  const t2 = tableFromRecords({ id: ['A1', 'A2'], info: ['lot 2550814168025', 'ok'] });
  assert.equal(toRecords(pseudonymizeTable(t2, { columns: { id: { role: 'person-key' } } } as never, key).table)[0]!.info, 'lot 2550814168025');
});

test('review of s44\'s fixes: Safe Harbor keeps counts, sizes, colours, consents and yes/no flags beside the items\' words', () => {
  const t = tableFromRecords({ id: ['1', '2', '3'], n_photos: ['3', '0', '1'], employer_size: ['large', 'small', 'medium'], insurance_medicaid: ['yes', 'no', 'yes'],
    medicare_eligible: ['no', 'yes', 'no'], badge_color: ['red', 'blue', 'red'], photo_consent: ['yes', 'yes', 'no'] });
  const r = pseudonymizeTable(t, { columns: { id: { role: 'quasi' } }, pseudonymize: { profile: 'safe-harbor', referenceDate: '2026-01-01' } } as never, null);
  assert.deepEqual(r.table.columns.map((c) => c.name), ['id', 'n_photos', 'employer_size', 'insurance_medicaid', 'medicare_eligible', 'badge_color', 'photo_consent']);
});

test('review-profiles item 3: Safe Harbor drops health plan, record, account, licence, vehicle, device, biometric, photo and other unique numbers, and employers, by their header', () => {
  const heads: Record<string, string[]> = {
    'Medicaid ID': ['IP10497465', 'LZ04000883'], 'Medicare #': ['075291703A', '873716786A'], MBI: ['5E3M6PC27M', '9J3H5GW26L'], hospital_number: ['H6018955', 'H2402344'],
    'Unit No': ['5979711', '8347824'], billing_account: ['8599528907', '8530435205'], invoice_no: ['INV-3137215', 'INV-1412690'], 'DL#': ['S90109281', 'S60443198'],
    birth_certificate_no: ['161-1969-121547', '102-1993-931002'], 'Tag Number': ['RYQ-5393', 'VQC-7414'], implant_sn: ['SN50047439', 'SN17409319'],
    fingerprint_hash: ['6608697a8d41bed4', 'fc050fec94dbca3a'], voiceprint_id: ['VP-59898347', 'VP-46853560'], photo_path: ['/images/p/00000_face.jpg', '/images/p/00001_face.jpg'],
    face_image: ['IMG_8878.JPG', 'IMG_6883.JPG'], wristband_id: ['WB48372616', 'WB79247082'], Employer: ['Hooli', 'Stark Industries'],
  };
  const t = tableFromRecords({ ...heads, diagnosis: ['I10', 'J45'], photo_count: ['2', '0'], unit_type: ['ICU', 'ward'] });
  for (const columns of [{}, Object.fromEntries(Object.keys(heads).map((h) => [h, { role: 'quasi' }]))]) {
    const r = pseudonymizeTable(t, { columns, pseudonymize: { profile: 'safe-harbor', referenceDate: '2026-01-01' } } as never, null);
    assert.deepEqual(r.table.columns.map((c) => c.name), ['diagnosis', 'photo_count', 'unit_type']);
  }
  // (other profiles: unchanged)
  const fr = pseudonymizeTable(t, { columns: { Employer: { role: 'quasi' } }, pseudonymize: { profile: 'fr' } } as never, null);
  assert.ok(fr.table.columns.some((c) => c.name === 'Employer'));
});

test('review-profiles item 4: "years_old" and "yrs" are ages; an age band reaching above 89 becomes 90+, or its straddling band\'s lower end and + for all', () => {
  const t = tableFromRecords({
    years_old: ['48', '105', '93'], yrs: ['39', '97', '86'], age_band: ['100+', '85-89', '95-99'], age_group: ['95-99', '70-74', '90-94'],
    age_range: ['85-94', '95-99', '70-74'], age: ['[90-100)', '[80-90)', '[70-80)'], yrs_since_dx: ['3', '95', '2'],
  });
  for (const profile of ['safe-harbor', 'fr']) {
    const out = toRecords(pseudonymizeTable(t, { columns: { yrs_since_dx: { role: 'sensitive' } }, pseudonymize: { profile, referenceDate: '2026-01-01' } } as never, null).table);
    assert.deepEqual(out.map((x) => x.years_old), ['48', '90+', '90+'], profile);
    assert.deepEqual(out.map((x) => x.yrs), ['39', '90+', '86']);
    assert.deepEqual(out.map((x) => x.age_band), ['90+', '85-89', '90+']);
    assert.deepEqual(out.map((x) => x.age_group), ['90+', '70-74', '90+']);
    // (85-94 straddles 90: every band above 89 becomes 85+, none tells a 90+ apart)
    assert.deepEqual(out.map((x) => x.age_range), ['85+', '85+', '70-74']);
    assert.deepEqual(out.map((x) => x.age), ['90+', '[80-90)', '[70-80)']);
    assert.deepEqual(out.map((x) => String(x.yrs_since_dx)), ['3', '95', '2']);
  }
});

test('review-profiles item 5: under Safe Harbor every identifier the recognizers find in a kept text value is replaced, and a date or a year after a birth\'s cue (née, b., born, YOB) is a birth date', () => {
  const contact = ['www.facebook.com/jsmith99', 'ip 192.168.10.12', 'MRN 00123456', 'DL S12345678', 'VIN 1HGCM82633A004352', 'plaque AB-123-CD', 'acct 123456789012', 'fax 6175550199', 'Medicare 1EG4TE5MK73', 'Dr Smith'];
  const birth = ['née 12/03/1931', 'b. 03/12/1931', 'born 1931', 'YOB 1930', 'née 12/03/1980', 'b. 1980', 'vu en 1931', 'lot 1931', 'ok', 'rien'];
  const t = tableFromRecords({ pid: contact.map((_, i) => `P${i}`), contact, birth });
  const out = toRecords(pseudonymizeTable(t, { columns: { pid: { role: 'person-key' } }, pseudonymize: { profile: 'safe-harbor', referenceDate: '2026-01-01' } } as never, key).table);
  const kept = ['www.facebook.com', '192.168', '00123456', 'S12345678', '1HGCM', 'AB-123', '123456789012', '6175550199', '1EG4TE5MK73'];
  out.forEach((x, i) => { if (i < kept.length) assert.ok(!String(x.contact).includes(kept[i]!), String(x.contact)); });
  assert.equal(out[9]!.contact, 'Dr Smith');
  assert.deepEqual(out.map((x) => x.birth), ['née 90+', 'b. 90+', 'born 90+', 'YOB 90+', 'née 1980', 'b. 1980', 'vu en 1931', 'lot 1931', 'ok', 'rien']);
});

test('review-profiles item 7: padded base64 of fewer than 32 bytes (openssl rand -base64 16) is refused as short hex is (exit 2), never taken as a passphrase', () => {
  for (const bytes of [16, 31, 20]) {
    const b64 = Buffer.from(Array.from({ length: bytes }, (_, i) => (i * 37 + 11) % 256)).toString('base64');
    const e = (() => { try { keyFromText(`${b64}\n`); } catch (x) { return x; } })() as AnonymatError;
    assert.ok(e instanceof AnonymatError, b64);
    assert.equal(e.code, 'invalid-key');
    assert.equal(e.exitCode, 2);
    assert.match(e.message, new RegExp(`base64 for ${bytes} bytes; at least 32 bytes`));
    assert.ok(!e.message.includes(b64));
  }
  // (32 bytes of base64, and a passphrase of 32 bytes with spaces or of letters alone, still load)
  assert.doesNotThrow(() => keyFromText(Buffer.alloc(32, 7).toString('base64')));
  assert.doesNotThrow(() => keyFromText('correct horse battery staple and more'));
  assert.doesNotThrow(() => keyFromText('abcdefghijklmnopqrstuvwxyzabcdef'));
  // (a passphrase of 32 characters mixing cases and digits, which unpadded base64 cannot be told from, is one: review of s44)
  assert.doesNotThrow(() => keyFromText('Hopital2026RechercheCliniqueAnon'));
  assert.doesNotThrow(() => keyFromText('MyClinicKey2026ForResearchOnly12'));
});

test('review-profiles item 9: Excel serial dates under a date header go to their year under Safe Harbor; an age in months is no age in years (over 89 years → 90+)', () => {
  const t = tableFromRecords({
    admit_date: ['43224', '45072', '42497'], dob: ['11383', '30000', '40000'], wait_time: ['43224', '45072', '42497'], lab_value: ['43224', '45072', '42497'],
    age_months: ['196', '1111', '703'], age_weeks: ['12', '5000', '40'],
  });
  const out = toRecords(pseudonymizeTable(t, { columns: {}, pseudonymize: { profile: 'safe-harbor', referenceDate: '2026-01-01' } } as never, null).table);
  assert.deepEqual(out.map((x) => String(x.admit_date)), ['2018', '2023', '2016']);
  // (a birth's: 1931 is 90+ at the reference date)
  assert.deepEqual(out.map((x) => String(x.dob)), ['90+', '1982', '2009']);
  assert.deepEqual(out.map((x) => String(x.wait_time)), ['43224', '45072', '42497']);
  assert.deepEqual(out.map((x) => String(x.lab_value)), ['43224', '45072', '42497']);
  assert.deepEqual(out.map((x) => String(x.age_months)), ['196', '90+', '703']);
  assert.deepEqual(out.map((x) => String(x.age_weeks)), ['12', '90+', '40']);
});
