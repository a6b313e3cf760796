import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnFromValues, makeTable, toRecords } from '../table/table.ts';
import { MAX_RECORD_COUNTS, singlingOut } from './singling-out.ts';
import { wilson } from './stats.ts';
import { anonymeterDir, randomRecords, readCsvTable } from './test-util.ts';

/** Anonymeter's univariate rules, re-implemented naively on plain records (the reference). */
function naiveUnivariate(syn: Record<string, string | null>[], ori: Record<string, string | null>[]): { found: number; success: number } {
  const cols = Object.keys(syn[0]!).sort();
  const queries: ((r: Record<string, string | null>) => boolean)[] = [];
  for (const c of cols) {
    const vals = syn.map((r) => r[c]!);
    const numeric = vals.every((v) => /^-?\d+(\.\d+)?$/.test(v));
    if (numeric) {
      const nums = vals.map(Number);
      const min = Math.min(...nums), max = Math.max(...nums);
      queries.push((r) => Number(r[c]) <= min, (r) => Number(r[c]) >= max);
    }
    const counts = new Map<string, number>();
    for (const v of vals) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const [v, k] of counts) if (k === 1) queries.push(numeric ? (r) => Number(r[c]) === Number(v) : (r) => r[c] === v);
  }
  let found = 0, success = 0;
  for (const q of queries) {
    if (syn.filter(q).length !== 1) continue;
    found++;
    if (ori.filter(q).length === 1) success++;
  }
  return { found, success };
}

test('univariate singling out on Anonymeter\'s adults files equals a naive re-implementation of its rules', (t) => {
  const ori = readCsvTable(new URL('adults_ori.csv', anonymeterDir));
  const syn = readCsvTable(new URL('adults_syn.csv', anonymeterDir));
  if (!ori || !syn) { t.skip('../shared/data/anonymeter absent'); return; }
  const ref = naiveUnivariate(toRecords(syn), toRecords(ori));
  const r = singlingOut({ original: ori, release: syn, mode: 'univariate', attacks: 10_000, seed: 3 });
  assert.equal(r.attacks, ref.found);
  assert.equal(r.successes, ref.success);
  assert.equal(r.attacks, 54);
  assert.equal(r.successes, 18);
  assert.ok(r.notes.some((n) => n.includes('rates are divided by the 54 made')));
  assert.ok(r.warnings.some((w) => w.startsWith('NO CONTROL SET')));
  assert.equal(r.reference, 'baseline');
  // Anonymeter's reported figure for the same counts: without control its risk is the Wilson centre of the attack rate
  // (its denominator would be n_attacks requested, 500 by default: 18/500 — the underestimate we avoid)
  const w = wilson(18, 54);
  assert.ok(Math.abs(r.anonymeter.risk - w.centre) < 1e-12);
  assert.deepEqual(r.anonymeter.ci, [w.low, w.high]);
});

test('dates: a release of birth years singles out against original birth dates', () => {
  const ori = makeTable([columnFromValues('birth date', ['1984-03-02', '1984-11-30', '1990-05-02', '1984-07-14'], 'date')]);
  const rel = makeTable([columnFromValues('birth date', ['1984', '1984', '1990', '1984'], 'string')]);
  const r = singlingOut({ original: ori, release: rel, mode: 'univariate', attacks: 10, seed: 1 });
  // (the release's distinct rows, as Anonymeter drops duplicates: 1984 and 1990 occur once each, with the extremes ≤ 1984
  // and ≥ 1990) "1990" and ≥ 1990 isolate the 1990 birth in the original; "1984" and ≤ 1984 match three births
  assert.equal(r.attacks, 4);
  assert.equal(r.successes, 2);
});

test('Anonymeter test_so_general: with syn == ori every multivariate query that singles out the release singles out the original', (t) => {
  const ori = readCsvTable(new URL('adults_ori.csv', anonymeterDir), 10);
  if (!ori) { t.skip('../shared/data/anonymeter absent'); return; }
  for (const mode of ['univariate', 'multivariate'] as const) {
    const r = singlingOut({ original: ori, release: ori, control: ori, mode, attacks: 5, seed: 1 });
    assert.equal(r.attacks, 5);
    assert.equal(r.attackRate, 1);
    assert.equal(r.controlRate, 1);
    assert.equal(r.risk, 0); // control == ori: nothing beyond the control
  }
});

test('known answers: identical release → high risk; independent random rows → risk near 0, interval covering 0', () => {
  const ori = randomRecords(3000, 1), control = randomRecords(3000, 2), other = randomRecords(3000, 3);
  const same = singlingOut({ original: ori, release: ori, control, attacks: 500, seed: 7 });
  assert.equal(same.attacks, 500);
  assert.equal(same.attackRate, 1);
  assert.ok(same.risk > 0.5, `risk ${same.risk}`);
  assert.ok(same.ci[0] > 0.4);
  // a release of other people from the same distribution (a perfect synthetic release)
  // false-alarm rate: the lower bound combines two 95 % Wilson bounds, P(ci[0] > 0) < 0.1 %
  const indep = singlingOut({ original: ori, release: other, control, attacks: 500, seed: 7 });
  assert.equal(indep.ci[0], 0);
  assert.ok(indep.risk < 0.1, `risk ${indep.risk}`);
  // deliberately broken control: the control IS the original → no residual at all even for the identical release
  const broken = singlingOut({ original: ori, release: ori, control: ori, attacks: 500, seed: 7 });
  assert.equal(broken.risk, 0);
});

test('same seed, same figures; another seed, other queries', () => {
  const ori = randomRecords(1500, 4), control = randomRecords(1500, 5);
  const a = singlingOut({ original: ori, release: ori, control, attacks: 200, seed: 11 });
  const b = singlingOut({ original: ori, release: ori, control, attacks: 200, seed: 11 });
  assert.deepEqual(a, b);
  const c = singlingOut({ original: ori, release: ori, control, attacks: 200, seed: 12 });
  assert.notDeepEqual([a.controlSuccesses, a.baselineSuccesses], [c.controlSuccesses, c.baselineSuccesses]);
});

test('generalized release: predicates from [30-40[ and 750** match original 34 and 75011; a 2-anonymous release singles out nobody', () => {
  const ori = makeTable([
    columnFromValues('age', [34, 36, 52, 58, 71], 'integer'),
    columnFromValues('zip', ['75011', '75012', '13001', '13002', '69001'], 'string'),
  ]);
  const rel = makeTable([
    columnFromValues('age', ['[30-40[', '[30-40[', '[50-60[', '[50-60[', '>=70'], 'string'),
    columnFromValues('zip', ['750**', '750**', '130**', '130**', '690**'], 'string'),
  ]);
  const u = singlingOut({ original: ori, release: rel, mode: 'univariate', attacks: 100, seed: 1 });
  // (the release's distinct rows, as Anonymeter drops duplicates: every value occurs once there) the predicates of the last
  // row (>=70, 690**) isolate the 71-year-old in the original; those of the classes of two match two originals
  assert.equal(u.attacks, 7);
  assert.equal(u.successes, 2);
  // drop the lone row: every released class holds two originals, and no predicate isolates one
  const two = makeTable(rel.columns.map((c) => ({ ...c, codes: c.codes.slice(0, 4) })));
  const m = singlingOut({ original: makeTable(ori.columns.map((c) => ({ ...c, codes: c.codes.slice(0, 4) }))), release: two, attacks: 100, seed: 1 });
  assert.ok(m.attacks > 0);
  assert.equal(m.successes, 0);
});

test('control smaller than the original: the control count is rescaled (Anonymeter\'s size correction) and said so', () => {
  const ori = randomRecords(3000, 21), control = randomRecords(1000, 22);
  const r = singlingOut({ original: ori, release: ori, control, attacks: 300, seed: 2 });
  assert.ok(r.notes.some((n) => n.includes('rescaled')));
  assert.ok(r.controlSuccesses >= 0 && r.controlSuccesses <= r.attacks);
});

test('a control of 1,000 units or fewer: the size model is fitted on samples of several sizes, and not rescaled blindly', () => {
  // (with samples all of the control's own size, w sat at the grid's first value and the control count was multiplied by
  // nOriginal / nControl: a 400-record control read 65 % where 2,000 records read 19 %, and the risk fell to 0)
  const ori = randomRecords(2000, 31), small = randomRecords(400, 32), same = randomRecords(2000, 33);
  const a = singlingOut({ original: ori, release: ori, control: small, attacks: 300, seed: 4, mode: 'multivariate' });
  const b = singlingOut({ original: ori, release: ori, control: same, attacks: 300, seed: 4, mode: 'multivariate' });
  // (the control rate of a 400-record control stays within 0.15 of the 2,000-record one: it was 0.46 above it before)
  assert.ok(Math.abs(a.controlRate! - b.controlRate!) < 0.15, `control rate ${a.controlRate} with 400 records, ${b.controlRate} with 2,000`);
});

test('person key: a predicate matching two records of ONE person singles that person out (records would not count it)', () => {
  // 40 persons, each with one released record (a distinct code); in the originals person i has
  // two records (two stays, alike on the code) when i is even: a record count sees 2 matches, a person count sees 1
  // (stays alike on every column would be one distinct record without the key, as Anonymeter de-duplicates)
  const pid: string[] = [], code: string[] = [], stay: string[] = [], rel: string[] = [];
  for (let i = 0; i < 40; i++) {
    rel.push(`c${i}`);
    for (let k = 0; k < (i % 2 === 0 ? 2 : 1); k++) { pid.push(`p${i}`); code.push(`c${i}`); stay.push(`s${k}`); }
  }
  const original = makeTable([columnFromValues('pid', pid), columnFromValues('code', code), columnFromValues('stay', stay)]);
  // (the release holds the stay too: records are de-duplicated on the columns the tables share, and two stays released
  // alike would be one record)
  const release = makeTable([columnFromValues('code', rel), columnFromValues('stay', rel.map(() => 's0'))]);
  const byRecord = singlingOut({ original, release, mode: 'univariate', columns: ['code'], attacks: 100, seed: 1 });
  const byPerson = singlingOut({ original, release, mode: 'univariate', columns: ['code'], attacks: 100, seed: 1, personKey: 'pid' });
  assert.equal(byRecord.attacks, 40);
  assert.equal(byRecord.successes, 20); // only the persons with a single record
  assert.equal(byPerson.successes, 40); // every person is singled out
  assert.ok(byPerson.notes.some((n) => n.startsWith('unit: persons')));
});

test('person key: the size correction compares persons, not records (2 records per original person, 1 per control person: no rescaling)', () => {
  // the same 300 persons' worth of random records on each side; each original person has two records (two stays: records
  // alike on every column would be one distinct record without the key)
  const withIds = (t: ReturnType<typeof randomRecords>, copies: number, prefix: string) => {
    const recs = toRecords(t);
    const rows = recs.flatMap((r, i) => Array.from({ length: copies }, (_, k) => ({ pid: `${prefix}${i}`, stay: `s${k}`, ...r })));
    const names = Object.keys(rows[0]!);
    return makeTable(names.map((n) => columnFromValues(n, rows.map((r) => (r as Record<string, unknown>)[n] as string | number | null), t.columns.find((c) => c.name === n)?.kind ?? 'string')));
  };
  const original = withIds(randomRecords(300, 31), 2, 'o'), release = randomRecords(300, 31), control = withIds(randomRecords(300, 32), 1, 'c');
  const byPerson = singlingOut({ original, release, control, attacks: 100, seed: 4, personKey: 'pid', columns: ['age (years)', 'zip [code]', 'sex', 'birth date'] });
  assert.ok(!byPerson.notes.some((n) => n.includes('rescaled')), byPerson.notes.join('; '));
  // without the key, the two stays of a person — alike on every column the three tables share — are one distinct record
  // (review of s44: the stay, which only the original holds, no longer keeps them apart): 300 against 300, no rescaling
  const byRecord = singlingOut({ original, release, control, attacks: 100, seed: 4, columns: ['age (years)', 'zip [code]', 'sex', 'birth date'] });
  assert.ok(!byRecord.notes.some((n) => n.includes('rescaled')), byRecord.notes.join('; '));
});

test('person key: persons with two identical stays, each unique among persons, are singled out (a record count hid them all)', () => {
  // 60 persons × 2 stays identical on (age, sex, zip), the combination unique per person; the release has no person key
  const pid: string[] = [], age: number[] = [], sex: string[] = [], zip: string[] = [], dx: string[] = [];
  for (let p = 0; p < 60; p++) {
    for (let s = 0; s < 2; s++) { pid.push(`P${p}`); age.push(20 + p); sex.push(p % 2 ? 'F' : 'M'); zip.push(`750${p % 10}`); dx.push('ABC'[(p + s) % 3]!); }
  }
  const cols = [columnFromValues('age', age, 'integer'), columnFromValues('sex', sex), columnFromValues('zip', zip), columnFromValues('dx', dx)];
  const original = makeTable([columnFromValues('pid', pid), ...cols]), release = makeTable(cols);
  const attacked = ['age', 'sex', 'zip'];
  for (const mode of ['multivariate', 'univariate'] as const) {
    const r = singlingOut({ original, release, personKey: 'pid', columns: attacked, attacks: 200, seed: 1, mode });
    assert.ok(r.attacks >= 10, `${mode}: ${r.attacks} predicates`);
    assert.equal(r.attackRate, 1, mode);
    assert.ok(r.notes.some((n) => n.includes('held by exactly s records') && n.includes('Attacked apart: s = 1, 2;')), r.notes.join('; '));
    // without the key the unit is the record: every combination is held by 2 records, nothing is isolated
    const byRecord = singlingOut({ original, release, columns: attacked, attacks: 200, seed: 1, mode });
    assert.equal(byRecord.attacks, 0, mode);
  }
  // a release that keeps the key: its persons are counted directly (the same persons singled out)
  const keyed = singlingOut({ original, release: original, personKey: 'pid', columns: attacked, attacks: 200, seed: 1 });
  assert.ok(keyed.attacks >= 10 && keyed.attackRate === 1, `${keyed.attacks} ${keyed.attackRate}`);
  assert.ok(keyed.notes.some((n) => n.includes('the release has the person key')));
});

test('person key: a combination held by more records than any person has is several persons, never kept', () => {
  // persons P0–P39 have two identical records each; persons Q0/Q1 share one combination (4 records, the most of any one
  // person being 2): predicates isolating that combination cannot isolate a person, in the release or the original
  const pid: string[] = [], code: string[] = [];
  for (let p = 0; p < 40; p++) for (let s = 0; s < 2; s++) { pid.push(`P${p}`); code.push(`c${p}`); }
  for (const q of ['Q0', 'Q1']) for (let s = 0; s < 2; s++) { pid.push(q); code.push('shared'); }
  const original = makeTable([columnFromValues('pid', pid), columnFromValues('code', code)]);
  const release = makeTable([columnFromValues('code', code)]);
  const r = singlingOut({ original, release, personKey: 'pid', mode: 'univariate', columns: ['code'], attacks: 100, seed: 1 });
  assert.equal(r.attacks, 40);
  assert.equal(r.successes, 40);
  // every combination shared by more records than one person has: nothing to draw from, said so
  const crowd = makeTable([columnFromValues('pid', pid.slice(80)), columnFromValues('code', code.slice(80))]);
  const none = singlingOut({ original: crowd, release: makeTable([columnFromValues('code', code.slice(80))]), personKey: 'pid', columns: ['code'], attacks: 10, seed: 1 });
  assert.equal(none.attacks, 0);
  assert.ok(none.notes.some((n) => n.includes('more than any one person has (2)')), none.notes.join('; '));
});

/** Persons P0–P59 with two identical stays, a combination each; `crowd` one-stay persons in combinations of 5; one patient with `stays` alike. */
function longStay(stays: number, crowd: number) {
  const pid: string[] = [], code: string[] = [];
  for (let p = 0; p < 60; p++) for (let s = 0; s < 2; s++) { pid.push(`P${p}`); code.push(`u${p}`); }
  for (let p = 0; p < crowd; p++) { pid.push(`Q${p}`); code.push(`g${p % (crowd / 5)}`); }
  for (let s = 0; s < stays; s++) { pid.push('LONG'); code.push('long'); }
  return { original: makeTable([columnFromValues('pid', pid), columnFromValues('code', code)]), release: makeTable([columnFromValues('code', code)]) };
}

test('person key: one long-stay patient does not dilute the persons singled out (an attack per record count, the strongest kept)', () => {
  // (with one rule "a combination of at most 5 records, the most of one person", the 120 combinations of five one-stay
  // persons became predicates that cannot succeed: 60 persons singled out read risk 0.20, and 0.02 among 6,000)
  for (const mode of ['univariate', 'multivariate'] as const) {
    const two = singlingOut({ ...longStay(2, 600), personKey: 'pid', mode, columns: ['code'], attacks: 500, seed: 1 });
    const five = singlingOut({ ...longStay(5, 600), personKey: 'pid', mode, columns: ['code'], attacks: 500, seed: 1 });
    assert.equal(two.attackRate, 1, mode);
    assert.ok(five.risk >= 0.9, `${mode}: risk ${five.risk} with a 5-stay patient (${two.risk} with 2 stays)`);
    assert.equal(five.successes, 60, mode);
    assert.ok(five.ci[0] > 0.9, `${mode}: interval ${five.ci}`);
    // the per-count figures: s = 5 holds the 120 crowds and the long-stay patient, and fails
    const by = five.byRecordCount!;
    assert.deepEqual(by.map((b) => b.records), [[1], [2], [5]]);
    assert.deepEqual(by.map((b) => [b.attacks, b.successes]), [[0, 0], [60, 60], [121, 1]], mode);
    assert.equal(by[2]!.persons, 1);
    assert.ok(five.notes.some((n) => n.includes('reported: s = 2 (60 of 60), shown stronger than s = 1')), five.notes.join('; '));
  }
});

test('person key: every record count is attacked apart, so a person with a rare count is still singled out', () => {
  // 9 − s persons with s identical stays (s = 1…8), each alone in its combination; crowds of s one-stay persons
  // (s = 2…5: predicates that fail); every count attacked apart (at most MAX_RECORD_COUNTS of them)
  const pid: string[] = [], code: string[] = [];
  for (let s = 1; s <= 8; s++) for (let p = 0; p < 9 - s; p++) for (let k = 0; k < s; k++) { pid.push(`S${s}.${p}`); code.push(`c${s}.${p}`); }
  for (let s = 2; s <= 5; s++) for (let g = 0; g < 20; g++) for (let k = 0; k < s; k++) { pid.push(`G${s}.${g}.${k}`); code.push(`g${s}.${g}`); }
  const original = makeTable([columnFromValues('pid', pid), columnFromValues('code', code)]);
  const release = makeTable([columnFromValues('code', code)]);
  const r = singlingOut({ original, release, personKey: 'pid', mode: 'univariate', columns: ['code'], attacks: 100, seed: 1 });
  const by = r.byRecordCount!;
  assert.ok(MAX_RECORD_COUNTS >= 8);
  assert.deepEqual(by.map((b) => b.records), [[1], [2], [3], [4], [5], [6], [7], [8]]);
  assert.deepEqual(by.map((b) => [b.attacks, b.successes]), [[8, 8], [27, 7], [26, 6], [25, 5], [24, 4], [3, 3], [2, 2], [1, 1]]);
  assert.equal(by[6]!.persons, 2);
  // s = 1 singles out every one of its persons: no count is shown stronger, s = 1 is reported
  assert.deepEqual([r.attacks, r.successes, r.risk], [8, 8, by[0]!.risk]);
  assert.ok(r.notes.some((n) => n.includes('reported: s = 1 (8 of 8), every count')), r.notes.join('; '));
});

test('person key: a count no stronger than s = 1 is not reported for its noise (a release independent of the originals)', () => {
  // the original and the release are two independent draws of persons with 1-5 alike stays: no predicate can know
  // anyone; the reported risk is s = 1's unless another count is shown stronger at the adjusted confidence
  const draw = (seed: number, n: number) => {
    let x = seed;
    const rnd = () => { x = (x * 1103515245 + 12345) % 2147483648; return x / 2147483648; };
    const pid: string[] = [], zip: string[] = [], age: number[] = [];
    for (let p = 0; p < n; p++) { const stays = 1 + Math.floor(rnd() * 5), z = `z${Math.floor(rnd() * 400)}`, a = 20 + Math.floor(rnd() * 60); for (let k = 0; k < stays; k++) { pid.push(`${seed}.${p}`); zip.push(z); age.push(a); } }
    return { pid, zip, age };
  };
  const o = draw(11, 1500), rl = draw(12, 1500), c = draw(13, 1500);
  const original = makeTable([columnFromValues('pid', o.pid), columnFromValues('zip', o.zip), columnFromValues('age', o.age)]);
  const control = makeTable([columnFromValues('pid', c.pid), columnFromValues('zip', c.zip), columnFromValues('age', c.age)]);
  const release = makeTable([columnFromValues('zip', rl.zip), columnFromValues('age', rl.age)]);
  const r = singlingOut({ original, release, control, personKey: 'pid', mode: 'multivariate', columns: ['zip', 'age'], attacks: 500, seed: 3 });
  const by = r.byRecordCount!;
  assert.ok(by.length >= 4, `${by.length} counts`);
  assert.deepEqual([r.attacks, r.successes], [by[0]!.attacks, by[0]!.successes]);
  assert.ok(r.risk < 0.05, `risk ${r.risk}`);
});

test('without a person key the record rule is unchanged; with one record per person the key changes no figure', () => {
  const ori = toRecords(randomRecords(600, 41)), other = toRecords(randomRecords(600, 43)), ctl = toRecords(randomRecords(700, 42));
  const names = Object.keys(ori[0]!);
  const table = (rows: typeof ori, ids?: boolean) => makeTable([
    ...(ids ? [columnFromValues('pid', rows.map((_, i) => `p${i}`))] : []),
    ...names.map((n) => columnFromValues(n, rows.map((r) => r[n] as string | number | null))),
  ]);
  // the first 100 records twice, a release half the original's records, half other people's
  const original = table([...ori, ...ori.slice(0, 100)]), release = table([...ori.slice(0, 300), ...other.slice(0, 300)]), control = table(ctl);
  const pick = (r: ReturnType<typeof singlingOut>) => [r.attacks, r.successes, r.baselineSuccesses, r.controlSuccesses, r.attempts];
  // (figures of the code before the per-count attacks, the same predicates; since the original's distinct records are
  // counted, as Anonymeter does, the 100 records written twice no longer hide — successes were 100 and 102 — and the
  // control's 700 records are rescaled to the original's 600 distinct ones)
  const expected = { univariate: [300, 158, 19, 5.179512524795535, 300], multivariate: [300, 151, 31, 12.266728866247178, 386] };
  for (const mode of ['univariate', 'multivariate'] as const) {
    const r = singlingOut({ original, release, control, mode, attacks: 300, seed: 5 });
    assert.deepEqual(pick(r), expected[mode], mode);
    assert.equal(r.byRecordCount, undefined);
    // one record per person: only s = 1 is attacked, from the same draws as the record rule
    const o = table(ori, true), c = table(ctl, true);
    const byRecord = singlingOut({ original: table(ori), release, control: table(ctl), mode, attacks: 300, seed: 5 });
    const byPerson = singlingOut({ original: o, release, control: c, mode, attacks: 300, seed: 5, personKey: 'pid' });
    const { notes: _n1, byRecordCount, ...a } = byPerson, { notes: _n2, ...b } = byRecord;
    assert.deepEqual(a, b, mode);
    assert.deepEqual(byRecordCount!.map((x) => x.records), [[1]]);
  }
});

test('a release of every row written twice singles out as the release written once (Anonymeter drops duplicates): it hid everyone', () => {
  const ori = randomRecords(400, 31);
  const twice = makeTable(ori.columns.map((c) => ({ ...c, codes: Int32Array.from([...c.codes, ...c.codes]) })));
  const once = singlingOut({ original: ori, release: ori, mode: 'univariate', attacks: 200, seed: 3 });
  const dup = singlingOut({ original: ori, release: twice, mode: 'univariate', attacks: 200, seed: 3 });
  assert.ok(once.successes > 0);
  assert.equal(dup.successes, once.successes);
  assert.equal(dup.attacks, once.attacks);
});

test('a control under half the original\'s size is not rescaled up (an extrapolation that read 9 successes of 30 records as 923, the risk 0): the figure errs high, and says so', () => {
  const ori = randomRecords(3000, 41), tiny = randomRecords(30, 42);
  const r = singlingOut({ original: ori, release: ori, control: tiny, attacks: 300, seed: 5, mode: 'multivariate' });
  assert.ok(r.notes.some((n) => n.includes('under half the original')), r.notes.join('\n'));
  // (not rescaled up: the control's successes stay at most its own records)
  assert.ok(r.controlSuccesses! <= 30, String(r.controlSuccesses));
});

test('a seed is a 32-bit unsigned integer: 2^32, -1 and 1.5 are refused (they ran as 0, 2^32 - 1 and 1)', () => {
  const ori = randomRecords(50, 43);
  for (const seed of [2 ** 32, -1, 1.5]) assert.throws(() => singlingOut({ original: ori, release: ori, attacks: 10, seed }), /seed must be an integer from 0 to 4294967295/);
  assert.doesNotThrow(() => singlingOut({ original: ori, release: ori, attacks: 10, seed: 2 ** 32 - 1 }));
});

test('without a person key, original and control records written twice single out as written once (Anonymeter de-duplicates ori and control)', () => {
  // (an original of 500 persons each written twice, released as is, singled out 0 of 76: every predicate matched two
  // identical original records; Anonymeter drops the duplicates of ori, syn and control and scores 76 of 76)
  const twice = (t: ReturnType<typeof randomRecords>) => makeTable(t.columns.map((c) => ({ ...c, codes: Int32Array.from([...c.codes, ...c.codes]) })));
  const ori = randomRecords(400, 61), ctl = randomRecords(400, 62);
  const pick = (r: ReturnType<typeof singlingOut>) => [r.attacks, r.successes, r.baselineSuccesses, r.controlSuccesses, r.attempts];
  const once = singlingOut({ original: ori, release: ori, control: ctl, mode: 'univariate', attacks: 200, seed: 3 });
  const dup = singlingOut({ original: twice(ori), release: twice(ori), control: twice(ctl), mode: 'univariate', attacks: 200, seed: 3 });
  assert.ok(once.successes > 0);
  assert.deepEqual(pick(dup), pick(once));
  const multi = singlingOut({ original: twice(ori), release: twice(ori), control: ctl, mode: 'multivariate', attacks: 200, seed: 3 });
  assert.ok(multi.attacks > 0);
  assert.equal(multi.successes, multi.attacks);
});

test('de-duplication reads the columns the three tables share: a row number only the original holds does not keep its records apart (review of s44)', () => {
  const twice = (t: ReturnType<typeof randomRecords>) => makeTable(t.columns.map((c) => ({ ...c, codes: Int32Array.from([...c.codes, ...c.codes]) })));
  const ori = twice(randomRecords(400, 61)), ctl = twice(randomRecords(400, 62));
  const rowid = columnFromValues('rowid', Array.from({ length: ori.rowCount }, (_, i) => String(i)), 'string');
  const withId = makeTable([...ori.columns, rowid]);
  const pick = (r: ReturnType<typeof singlingOut>) => [r.attacks, r.successes, r.baselineSuccesses, r.controlSuccesses];
  const plain = singlingOut({ original: ori, release: ori, control: ctl, mode: 'univariate', attacks: 200, seed: 3 });
  const numbered = singlingOut({ original: withId, release: ori, control: ctl, mode: 'univariate', attacks: 200, seed: 3 });
  assert.ok(plain.successes > 0);
  assert.deepEqual(pick(numbered), pick(plain));
});
