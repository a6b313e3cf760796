import { test } from 'node:test';
import assert from 'node:assert/strict';
import { missingMarkers, profileTable, proposePolicyYaml } from './init.ts';
import { parsePolicyText } from './policy.ts';
import { tableFromRecords } from '../table/table.ts';

test('init profiles columns and proposes roles with reasons; the proposal is a valid policy', () => {
  const n = 200;
  const t = tableFromRecords({
    patient_id: Array.from({ length: n }, (_, i) => `P${i}`),
    email: Array.from({ length: n }, (_, i) => `user${i}@example.org`),
    birth_year: Array.from({ length: n }, (_, i) => 1940 + (i % 60)),
    code_postal: Array.from({ length: n }, (_, i) => ['75011', '13001', '01000'][i % 3]!),
    diagnosis: Array.from({ length: n }, (_, i) => ['E11', 'I10', null][i % 3]!),
    glucose: Array.from({ length: n }, (_, i) => 4 + i / 100),
  }, { code_postal: 'string' });
  const detect = (name: string, sample: string[]) => (sample.every((v) => v.includes('@')) ? { kind: 'email' } : null);
  const p = profileTable(t, detect);
  const byName = Object.fromEntries(p.map((x) => [x.name, x]));
  assert.equal(byName.patient_id!.role, 'person-key');
  assert.equal(byName.email!.role, 'identifier');
  assert.equal(byName.birth_year!.role, 'quasi');
  assert.equal(byName.code_postal!.role, 'quasi');
  assert.ok(byName.code_postal!.looksLike.includes('postal-code'));
  assert.equal(byName.diagnosis!.role, 'sensitive');
  assert.equal(byName.diagnosis!.missingShare.toFixed(3), (66 / 200).toFixed(3));
  assert.equal(byName.glucose!.role, 'insensitive');
  assert.equal(byName.patient_id!.uniqueShare, 1);
  // generalization proposals: intervals of round widths over the range (59 / 16 → 5), postal codes masked
  assert.equal(byName.birth_year!.hierarchy, '{ intervals: { width: [5, 10, 20] } }');
  assert.equal(byName.code_postal!.hierarchy, '{ mask: { levels: 5 } }');
  assert.equal(byName.glucose!.hierarchy, undefined);
  const yaml = proposePolicyYaml(p, { input: 'x.csv' });
  assert.match(yaml, /# header names a patient\/person identifier/);
  const policy = parsePolicyText(yaml, { baseDir: '/', source: 'proposed' });
  assert.equal(policy.columns.email!.role, 'identifier');
  assert.deepEqual(policy.columns.birth_year!.hierarchy, { intervals: { width: [5, 10, 20] } });
});

test('init: key-like codes are identifiers or the person key, and varying quasi-identifiers get an aggregation', () => {
  // 300 encounters of 120 patients: a unique record number, a repeated patient number, a varying
  // age (min), a varying payer code (set), a varying stay length (max: a set of numbers is nearly always unique and no
  // hierarchy coarsens it), a varying integer code (set: an "_id" is a category), a constant sex, and a small-cardinality
  // integer code
  const n = 300;
  const t = tableFromRecords({
    recid: Array.from({ length: n }, (_, i) => 1000 + i * 7),
    patient_nbr: Array.from({ length: n }, (_, i) => 500000 + (i % 120) * 13),
    age: Array.from({ length: n }, (_, i) => 30 + (i % 120) % 50 + Math.floor(i / 120)),
    payer: Array.from({ length: n }, (_, i) => ['MC', 'HM', 'SP'][(i + Math.floor(i / 120)) % 3]!),
    sex: Array.from({ length: n }, (_, i) => ((i % 120) % 2 ? 'F' : 'M')),
    admission_type_id: Array.from({ length: n }, (_, i) => 1 + (i % 8)),
    time_in_hospital: Array.from({ length: n }, (_, i) => 1 + ((i * 3 + Math.floor(i / 120)) % 14)),
    discharge_type_id: Array.from({ length: n }, (_, i) => 1 + ((i + Math.floor(i / 120)) % 5)),
    member_code: Array.from({ length: n }, (_, i) => `M${(i % 150) * 3}`),
  });
  const p = profileTable(t);
  const by = Object.fromEntries(p.map((x) => [x.name, x]));
  assert.equal(by.recid!.role, 'identifier');
  assert.match(by.recid!.reason, /every value is unique/);
  assert.equal(by.patient_nbr!.role, 'person-key');
  // a second person-like key becomes an identifier (one person key per policy)
  assert.equal(by.member_code!.role, 'identifier');
  assert.equal(by.age!.aggregate, 'min');
  assert.equal(by.payer!.aggregate, 'set');
  assert.equal(by.sex!.aggregate, undefined);
  assert.equal(by.admission_type_id!.role, 'quasi');
  assert.equal(by.discharge_type_id!.aggregate, 'set');
  assert.equal(by.time_in_hospital!.aggregate, 'max');
  assert.ok(by.time_in_hospital!.hierarchy, 'an interval hierarchy for the stay length');
  const policy = parsePolicyText(proposePolicyYaml(p, { input: 'x.csv' }), { baseDir: '/', source: 'proposed' });
  assert.equal(policy.columns.age!.aggregate, 'min');
  assert.equal(policy.columns.patient_nbr!.role, 'person-key');
});

test('init: accented headers match (âge is an age, not a key); postal codes read as integers stay codes', () => {
  const n = 60;
  const t = tableFromRecords({
    'âge': Array.from({ length: n }, (_, i) => 20 + i % 50),
    'code postal': Array.from({ length: n }, (_, i) => 75001 + i % 20),
  }, { 'âge': 'integer', 'code postal': 'integer' });
  const by = Object.fromEntries(profileTable(t).map((x) => [x.name, x]));
  assert.equal(by['âge']!.role, 'quasi');
  assert.equal(by['âge']!.hierarchy, '{ intervals: { width: [5, 10, 20] } }');
  assert.equal(by['code postal']!.role, 'quasi');
  assert.equal(by['code postal']!.hierarchy, '{ mask: { levels: 5 } }');
  const policy = parsePolicyText(proposePolicyYaml(profileTable(t), { input: 'x.csv' }), { baseDir: '/', source: 'proposed' });
  assert.equal(policy.columns['code postal']!.type, 'string');
});

test('init: free-text columns get text: true (redacted by pseudonymize), not a quasi-identifier or a record key', () => {
  const n = 120;
  const notes = ['Vu par le Dr Martin le 12/03/2020 pour une toux.', 'Appeler la fille de la patiente au 06 12 34 56 78.', 'RAS', 'Pas de fièvre, examen clinique normal ce jour.'];
  const t = tableFromRecords({
    commentaire: Array.from({ length: n }, (_, i) => `${notes[i % 4]!} (${i})`),
    compte_rendu_diagnostic: Array.from({ length: n }, (_, i) => `Diabète de type 2 découvert en ${2000 + (i % 20)}, suivi par le médecin traitant.`),
    profession: Array.from({ length: n }, (_, i) => ['infirmière', 'ouvrier du bâtiment', 'retraité'][i % 3]!),
    // long labels repeated: a category, not free text
    libelle: Array.from({ length: n }, (_, i) => ['Diabète sucré de type 2 sans complication', 'Hypertension artérielle essentielle primitive', 'Asthme allergique de l’adulte jeune'][i % 3]!),
  });
  const byName = Object.fromEntries(profileTable(t).map((x) => [x.name, x]));
  assert.equal(byName.commentaire!.role, 'insensitive');
  assert.equal(byName.commentaire!.text, true);
  assert.match(byName.commentaire!.reason, /free text \(mean \d+ characters, 75 % with 4\+ words/);
  assert.equal(byName.compte_rendu_diagnostic!.role, 'sensitive');
  assert.equal(byName.compte_rendu_diagnostic!.text, true);
  assert.equal(byName.profession!.role, 'quasi'); // short categories stay quasi-identifiers
  assert.equal(byName.profession!.text, undefined);
  assert.equal(byName.libelle!.role, 'quasi');
  assert.equal(byName.libelle!.text, undefined);
  const policy = parsePolicyText(proposePolicyYaml(profileTable(t), { input: 'x.csv' }), { baseDir: '/', source: 'proposed' });
  assert.equal(policy.columns.commentaire!.text, true);
});

test('init: amounts spread over magnitudes are no record keys; "?" written for missing values is proposed as missing', () => {
  const n = 300;
  const t = tableFromRecords({
    // mostly unique, but an amount (varying widths, not a sequence): not an identifier
    income: Array.from({ length: n }, (_, i) => Math.round(1000 * Math.exp((i * 7919) % 97 / 10)) + i),
    // same width, mostly unique: a code
    record: Array.from({ length: n }, (_, i) => 100000 + ((i * 7919) % 90000)),
    weight: Array.from({ length: n }, (_, i) => (i % 20 === 0 ? '[75-100)' : '?')),
  });
  const roles = Object.fromEntries(profileTable(t).map((p) => [p.name, p.role]));
  assert.notEqual(roles.income, 'identifier');
  assert.equal(roles.record, 'identifier');
  assert.deepEqual(missingMarkers(t), ['?']);
  const yaml = proposePolicyYaml(profileTable(t), { input: 'x.csv', missing: ['', '?'] });
  assert.match(yaml, /missing: \["", "\?"\]/);
  assert.deepEqual(parsePolicyText(yaml, { baseDir: '.', source: 'x' }).input?.missing, ['', '?']);
});

test('init: ISO date-times are dates (never record keys), numeric codes are categories, "wgt" is a weight, a place\'s name is no surname', async () => {
  const { detectIdentifierColumn } = await import('../health/identifiers/detect.ts');
  const n = 200;
  const t = tableFromRecords({
    START: Array.from({ length: n }, (_, i) => `2021-${String(1 + i % 12).padStart(2, '0')}-${String(1 + i % 28).padStart(2, '0')}T0${i % 10}:${String(i % 60).padStart(2, '0')}:50Z`),
    REASONCODE: Array.from({ length: n }, (_, i) => 10509002 + 1000 * (i % 30)),
    DEPARTMENTID: Array.from({ length: n }, (_, i) => 1 + i % 17),
    wgt: Array.from({ length: n }, (_, i) => 1000 + 37 * i),
    age: Array.from({ length: n }, (_, i) => 20 + i % 60),
  }, { REASONCODE: 'integer', DEPARTMENTID: 'integer', wgt: 'integer', age: 'integer' });
  const by = Object.fromEntries(profileTable(t).map((x) => [x.name, x]));
  assert.equal(by.START!.role, 'quasi');
  assert.equal(by.START!.type, 'date');
  assert.equal(by.START!.hierarchy, '{ dates: true }');
  assert.equal(by.wgt!.role, 'weight');
  const policy = parsePolicyText(proposePolicyYaml(profileTable(t), { input: 'x.csv' }), { baseDir: '/', source: 'proposed' });
  assert.equal(policy.columns.START!.type, 'date');
  assert.equal(policy.columns.REASONCODE!.type, 'string');
  assert.equal(policy.columns.DEPARTMENTID!.type, 'string');
  assert.equal(policy.columns.REASONCODE!.hierarchy, undefined);
  // (the age, a quantity, keeps its intervals; so do quantities whose header merely ends in "id" or "code" letters)
  assert.equal(policy.columns.age!.type, 'integer');
  const q = tableFromRecords({ age_at_covid: Array.from({ length: n }, (_, i) => 20 + i % 60), uric_acid: Array.from({ length: n }, (_, i) => 200 + i), amount_paid: Array.from({ length: n }, (_, i) => 10 * i), COVID: Array.from({ length: n }, (_, i) => i % 2) },
    { age_at_covid: 'integer', uric_acid: 'integer', amount_paid: 'integer', COVID: 'integer' });
  for (const p of profileTable(q)) assert.ok(!p.looksLike.includes('code'), p.name);
  // (an invalid ISO day keeps a column text: its declared type would fail)
  const bad = tableFromRecords({ admission: [...Array.from({ length: 20 }, (_, i) => `2021-01-${String(1 + i).padStart(2, '0')}`), '2021-02-30'] });
  assert.equal(profileTable(bad)[0]!.type, 'string');
  // "region_nom": Bretagne, Vienne are surnames too, but a place's name here
  const regions = ['Bretagne', 'Normandie', 'Vienne', 'Corse', 'Martinique', 'Guyane', 'Occitanie', 'Bourgogne', 'Provence', 'Lorraine', 'Picardie', 'Auvergne'];
  assert.notEqual(detectIdentifierColumn('region_nom', regions)?.kind, 'last-name');
  assert.equal(detectIdentifierColumn('nom', ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau'])?.kind, 'last-name');
});

test('init: a household\'s key is an identifier (it links the persons of a group), an all-missing column carries nothing', () => {
  const n = 120;
  const t = tableFromRecords({
    ori_hid: Array.from({ length: n }, (_, i) => 1 + Math.floor(i / 4)),
    household_income: Array.from({ length: n }, (_, i) => 1000 + 37 * Math.floor(i / 4)),
    empty: Array.from({ length: n }, () => null),
  }, { ori_hid: 'integer', household_income: 'integer' });
  const by = Object.fromEntries(profileTable(t).map((x) => [x.name, x]));
  assert.equal(by.ori_hid!.role, 'identifier');
  assert.notEqual(by.household_income!.role, 'identifier');
  assert.equal(by.empty!.role, 'insensitive');
});

test('init warns when it proposes more than 10 quasi-identifiers, naming those proposed only to be safe', async () => {
  const { proposalWarnings } = await import('./init.ts');
  const n = 60;
  const cols: Record<string, string[]> = { age: Array.from({ length: n }, (_, i) => String(20 + (i % 50))), sex: Array.from({ length: n }, (_, i) => (i % 2 ? 'F' : 'M')) };
  const few = profileTable(tableFromRecords(cols));
  assert.deepEqual(proposalWarnings(few), []);
  for (let d = 0; d < 10; d++) cols[`flag${d}`] = Array.from({ length: n }, (_, i) => ['No', 'Steady', 'Up', 'Down'][(i + d) % 4]!);
  const many = profileTable(tableFromRecords(cols));
  const w = proposalWarnings(many);
  assert.equal(w.length, 1);
  assert.match(w[0]!, /^12 quasi-identifiers proposed/);
  assert.match(w[0]!, /10 of them only to be safe/);
  assert.match(w[0]!, /flag0, flag1/);
  assert.doesNotMatch(w[0]!, /\bage\b|\bsex\b/);
  // (and the proposal says it at its top, as a comment: the file is still a valid policy)
  const yaml = proposePolicyYaml(many, { input: 'x.csv' });
  assert.match(yaml.split('\n')[2]!, /^# warning: 12 quasi-identifiers/);
  assert.equal(Object.keys(parsePolicyText(yaml, { baseDir: '/', source: 'proposed' }).columns).length, 12);
});

test('review of exports (1): a column of notes in a small extract is free text, by pseudonymize\'s prose test; a few repeated labels stay a category', () => {
  // (15 rows, 13 distinct notes: fewer than 20 distinct values, yet each note reads as prose — pseudonymize redacts it undeclared)
  const names = ['Marie MOREAU', 'Anne LEFEVRE', 'Marie DUPONT', 'Jean LEFEVRE', 'Paul ROUX', 'Luc GIRARD', 'Julie BLANC', 'Henri FAURE', 'Claire MOREL', 'Sophie MICHEL', 'Louis GARNIER', 'Emma LEROY', 'Hugo MERCIER'];
  const notes = Array.from({ length: 15 }, (_, i) => `Patient vu avec sa fille ${names[i % 13]}, suivi HTA, revoir dans 3 mois avec bilan.`);
  const t = tableFromRecords({ ipp: Array.from({ length: 15 }, (_, i) => i + 1), obs_libre: notes }, { ipp: 'integer' });
  const obs = profileTable(t).find((p) => p.name === 'obs_libre')!;
  assert.equal(obs.text, true, obs.reason);
  assert.equal(obs.role, 'insensitive');
  assert.match(obs.reason, /^free text/);
  // (one note among short codes, in a small extract: still a note)
  const few = tableFromRecords({ remarque: ['RAS', 'RAS', 'NC', 'Revu avec son épouse Sophie MICHEL, très inquiète ce jour.', 'RAS', 'OK'] });
  assert.equal(profileTable(few)[0]!.text, true);
  // (labels repeated on many rows, in a small extract too: a category)
  const labels = tableFromRecords({ libelle: Array.from({ length: 30 }, (_, i) => ['Diabète sucré de type 2 sans complication', 'Hypertension artérielle essentielle primitive'][i % 2]!) });
  assert.equal(profileTable(labels)[0]!.text, undefined);
  assert.equal(profileTable(labels)[0]!.role, 'quasi');
});

test('review of exports (5): a column empty in the extract, or a file of a header only, is judged by its header: names and e-mails are identifiers, the IPP the person key', async () => {
  const { detectIdentifierColumn, DIRECT_KINDS } = await import('../health/identifiers/detect.ts');
  const profile = (t: ReturnType<typeof tableFromRecords>) => Object.fromEntries(profileTable(t, detectIdentifierColumn, 200, DIRECT_KINDS).map((p) => [p.name, p]));
  const jan = profile(tableFromRecords({ ipp: [1, 2, 3], nom_naiss: ['DUPONT', 'MARTIN', 'ROUX'], nom_usage: [null, null, null], mail_pat: [null, null, null], remarque: [null, null, null] }, { ipp: 'integer' }));
  assert.equal(jan.nom_usage!.role, 'identifier');
  assert.equal(jan.mail_pat!.role, 'identifier');
  assert.match(jan.nom_usage!.reason, /judged by its header, since it has no values/);
  assert.equal(jan.ipp!.role, 'person-key');
  // (a header that names nothing still carries nothing)
  assert.equal(jan.remarque!.role, 'insensitive');
  const headerOnly = profile(tableFromRecords({ ipp: [], nom: [], prenom: [], date_naissance: [] }));
  assert.equal(headerOnly.ipp!.role, 'person-key');
  assert.equal(headerOnly.nom!.role, 'identifier');
  assert.equal(headerOnly.prenom!.role, 'identifier');
  assert.equal(headerOnly.date_naissance!.role, 'quasi');
  for (const p of Object.values(headerOnly)) assert.notEqual(p.role, 'insensitive', p.name);
  // (an empty person key gives way to one with values)
  const two = profile(tableFromRecords({ patient_id: ['P1', 'P2', 'P1'], ipp: [null, null, null] }));
  assert.equal(two.patient_id!.role, 'person-key');
  assert.equal(two.ipp!.role, 'identifier');
  const policy = parsePolicyText(proposePolicyYaml(Object.values(headerOnly), { input: 'x.csv' }), { baseDir: '/', source: 'proposed' });
  assert.equal(policy.columns.nom!.role, 'identifier');
});

test('review of exports (7, 9, 2, 14): relatives\' names with their relationship, a second address line, "Acct #" are identifiers; an MRN repeated over encounters is the person key', async () => {
  const { detectIdentifierColumn, DIRECT_KINDS } = await import('../health/identifiers/detect.ts');
  const n = 40;
  const first = ['Sophie', 'Julie', 'Claire', 'Marie', 'Paul', 'Pierre', 'Anne', 'Luc', 'Jean', 'Emma'];
  const last = ['MICHEL', 'LAURENT', 'MOREL', 'MERCIER', 'LEROY', 'GIRARD', 'ROUX', 'BLANC', 'FAURE', 'DUPONT', 'MOREAU'];
  const rel = ['épouse', 'fille', 'fils', 'voisine', 'mère', 'frère'];
  const t = tableFromRecords({
    MRN: Array.from({ length: n }, (_, i) => String(700000 + (i % 13))),
    'Admit Date': Array.from({ length: n }, (_, i) => `2024-0${1 + (i % 9)}-1${i % 10}`),
    contact_urgence: Array.from({ length: n }, (_, i) => `${first[i % 10]} ${last[(i * 3) % 11]} (${rel[i % 6]})`),
    emergency_contact: Array.from({ length: n }, (_, i) => `${first[(i + 3) % 10]} ${last[(i * 7) % 11]} - ${['wife', 'son', 'daughter', 'brother'][i % 4]}`),
    adresse2: Array.from({ length: n }, (_, i) => ['Résidence Les Pins', 'chez Mme Roux', 'Bât. B escalier 3', null][i % 4]!),
    'Apt/Suite': Array.from({ length: n }, (_, i) => (i % 3 ? `Apt ${i}B` : null)),
    'Acct #': Array.from({ length: n }, (_, i) => `A${3254257 + i * 17}`),
    'Policy #': Array.from({ length: n }, (_, i) => `XYZ${711178002 + i * 31}`),
    Dx: Array.from({ length: n }, (_, i) => ['I10', 'E11.9'][i % 2]!),
  });
  const by = Object.fromEntries(profileTable(t, detectIdentifierColumn, 200, DIRECT_KINDS).map((p) => [p.name, p]));
  assert.equal(by.MRN!.role, 'person-key');
  assert.equal(by['Admit Date']!.aggregate, 'min');
  for (const h of ['contact_urgence', 'emergency_contact', 'adresse2', 'Apt/Suite', 'Acct #', 'Policy #']) assert.equal(by[h]!.role, 'identifier', `${h}: ${by[h]!.reason}`);
  assert.ok(by.contact_urgence!.looksLike.includes('name'));
  assert.ok(by.adresse2!.looksLike.includes('address'));
  // (a medical record number however written)
  for (const h of ['Med Rec #', 'Medical Record #', 'medical_record_number', 'PatientMRN']) {
    const k = profileTable(tableFromRecords({ [h]: Array.from({ length: n }, (_, i) => String(2058756 + (i % 20))) }), detectIdentifierColumn, 200, DIRECT_KINDS)[0]!;
    assert.equal(k.role, 'person-key', h);
  }
});

test('a person key of digits is proposed as text: a later extract\'s "00123" keeps its zeros and its own token (review of exports, s43)', () => {
  const t = tableFromRecords({ ipp: ['123', '124', '4567', '123'], motif: ['HTA', 'DT2', 'HTA', 'HTA'] }, { ipp: 'integer', motif: 'string' });
  const policy = parsePolicyText(proposePolicyYaml(profileTable(t), { input: 'x.csv' }), { baseDir: '/', source: 'proposed' });
  assert.equal(policy.columns.ipp?.role, 'person-key');
  assert.equal(policy.columns.ipp?.type, 'string');
});

test('review-profiles item 6: a header naming a number or an id over unique values is an identifier before its quasi or sensitive words', () => {
  const n = 80;
  const heads = ['birth_certificate_no', 'state_id_number', 'cpam_immatriculation', 'county_case_no', 'job_badge_id', 'medicaid_number', 'specimen_id', 'result_accession', 'drug_card_id'];
  const rec: Record<string, (string | number)[]> = { patient_id: Array.from({ length: n }, (_, i) => `P${i}`) };
  heads.forEach((h, j) => { rec[h] = Array.from({ length: n }, (_, i) => `X${j}${String(i * 7919 + 1000003).padStart(9, '0')}`); });
  // (a repeated code under such a header stays what its words say, and so does an age)
  rec.drug_code = Array.from({ length: n }, (_, i) => ['A10', 'C09', 'N02'][i % 3]!);
  rec.age = Array.from({ length: n }, (_, i) => 20 + (i % 50));
  const byName = Object.fromEntries(profileTable(tableFromRecords(rec)).map((x) => [x.name, x]));
  for (const h of heads) assert.equal(byName[h]!.role, 'identifier', `${h}: ${byName[h]!.reason}`);
  assert.equal(byName.drug_code!.role, 'sensitive');
  assert.equal(byName.age!.role, 'quasi');
  // (review of s44's fixes: a count's "n" names no number)
  const counts = profileTable(tableFromRecords({ patient_id: rec.patient_id!, n_steps: Array.from({ length: n }, (_, i) => 1000 + i) }));
  assert.notEqual(counts.find((x) => x.name === 'n_steps')!.reason.includes('header names a number'), true);
});
