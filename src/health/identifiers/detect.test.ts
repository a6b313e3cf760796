import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { detectIdentifierColumn, normalizeHeader } from './detect.ts';
import { nirKey } from './validators.ts';
import { seededRng } from '../../util/rng.ts';

const rng = seededRng(7);
const nir = (): string => {
  const body = `${1 + rng.int(2)}${String(rng.int(100)).padStart(2, '0')}${String(1 + rng.int(12)).padStart(2, '0')}${String(1 + rng.int(95)).padStart(2, '0')}${String(rng.int(1e6)).padStart(6, '0')}`;
  return body + String(nirKey(body)).padStart(2, '0');
};

test('detects each kind from content, and says why without values', () => {
  const cases: [string, string[], string][] = [
    ['x1', Array.from({ length: 50 }, nir), 'nir'],
    ['x2', Array.from({ length: 50 }, (_, i) => `user${i}@example.org`), 'email'],
    ['x3', Array.from({ length: 50 }, (_, i) => `06 12 34 56 ${String(i).padStart(2, '0')}`), 'phone'],
    ['x4', Array.from({ length: 50 }, (_, i) => `10.0.0.${i}`), 'ip'],
    ['x5', Array.from({ length: 50 }, (_, i) => `https://example.org/p/${i}`), 'url'],
    ['x6', Array.from({ length: 50 }, () => 'FR76 3000 6000 0112 3456 7890 189'), 'iban'],
    ['x7', Array.from({ length: 50 }, (_, i) => `999-${String(10 + i).padStart(2, '0')}-1234`), 'ssn'],
    ['x8', Array.from({ length: 50 }, (_, i) => `${i + 1} rue de la Paix`), 'address'],
    ['prenom', ['Marie', 'Jean', 'Pierre', 'Nathalie', 'Julien', 'Sophie'], 'first-name'],
    ['LAST', ['Wunsch504', 'Martin', 'Bernard', 'Dubois', 'Petit', 'Durand'], 'last-name'],
    ['IPP', ['9010572683', '8012939402', '5820136284'], 'mrn'],
    ['code_postal', ['75013', '59000', '20000'], 'postal-code'],
    ['BIRTHDATE', ['1980-08-30', '1975-12-31'], 'birth-date'],
    ['finess', ['750712184', '750100042'], 'finess'],
    ['PASSPORT', ['X30542318X', 'X57312095X', 'X11902846X'], 'license'],
    ['LAT', ['33.81058949611552', '34.0522', '37.7749295'], 'geocode'],
  ];
  for (const [name, sample, kind] of cases) {
    const d = detectIdentifierColumn(name, sample);
    assert.equal(d?.kind, kind, `${name}: ${JSON.stringify(d)}`);
    assert.ok(d!.confidence > 0 && d!.confidence <= 1);
    for (const v of sample) assert.ok(!d!.reason.includes(v), 'reason must not quote a value');
  }
});

test('no false alarm on ordinary columns', () => {
  assert.equal(detectIdentifierColumn('diagnosis', ['Hypertension', 'Diabète de type 2', 'Asthme']), null);
  assert.equal(detectIdentifierColumn('age', ['34', '56', '78']), null);
  assert.equal(detectIdentifierColumn('sex', ['M', 'F', 'F']), null);
  assert.equal(detectIdentifierColumn('amount', ['12.5', '13.25', '7']), null);
  // few distinct values that happen to be surnames (WHITE, BLACK) are not a name column
  assert.equal(detectIdentifierColumn('RACE', Array.from({ length: 60 }, (_, i) => ['white', 'black', 'asian', 'white', 'hispanic'][i % 5]!)), null);
});

test('Synthea patients.csv: SSN, names, address, zip detected', (t) => {
  const path = new URL('../../../../shared/data/synthea-ca-59/csv/patients.csv', import.meta.url);
  if (!existsSync(path)) { t.skip('../shared/data/synthea-ca-59 absent'); return; }
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const col = (n: string): string[] => rows.map((r) => r[header.indexOf(n)]!).filter((v) => v);
  assert.equal(detectIdentifierColumn('SSN', col('SSN'))?.kind, 'ssn');
  assert.equal(detectIdentifierColumn('FIRST', col('FIRST'))?.kind, 'first-name');
  assert.equal(detectIdentifierColumn('LAST', col('LAST'))?.kind, 'last-name');
  assert.equal(detectIdentifierColumn('ADDRESS', col('ADDRESS'))?.kind, 'address');
  assert.equal(detectIdentifierColumn('ZIP', col('ZIP'))?.kind, 'postal-code');
  assert.equal(detectIdentifierColumn('Id', col('Id'))?.kind, 'uuid');
});

test('review 2026-11-30: a NIR column with a third of placeholders, names with digits or a comma, an organization\'s name and a product code', () => {
  const r = (a: string[], n = 30) => Array.from({ length: n }, (_, i) => a[i % a.length]!);
  // (mistyped NIRs — no valid key — beside "non communiqué": the header and a majority of the layout)
  assert.equal(detectIdentifierColumn('numero_secu', r(['2 57 07 93 030 541 58', 'non communiqué', '1 85 02 2A 004 123 09']))?.kind, 'nir');
  assert.ok(['first-name', 'last-name', 'name'].includes(detectIdentifierColumn('OWNERNAME', r(['Jorge Luis88 Vela532', 'Glady857 Nitzsche158', 'Janine159 Hills818', 'Ross213 Wunsch504', 'Maude482 Yundt842', 'Dominique369 Larson43', 'Tomas436 Sauer652', 'Vicente970 Kilback373', 'Quincy153 Hane680', 'Brittani427 Satterfield305']))?.kind ?? ''));
  assert.ok(['first-name', 'last-name', 'name'].includes(detectIdentifierColumn('patient', r(['Dupont, Jean', 'Martin, Marie', 'Durand, Pierre', 'Bernard, Sophie', 'Petit, Luc', 'Moreau, Julie', 'Simon, Marc', 'Laurent, Claire', 'Michel, Louis', 'Robert, Anne']))?.kind ?? ''));
  assert.equal(detectIdentifierColumn('hospital_name', r(['Hôpital Saint-Louis', 'Clinique Pasteur', 'Hôpital Necker', 'Hôpital Bichat'])), null);
  assert.equal(detectIdentifierColumn('numero_lot', r(['1850275004123', '2550814168025'])), null);
});

test('review of the review: people under a header with an organization\'s word ("ward_doctor_name") are names; a long comment is read in linear time', () => {
  const r = (a: string[], n = 30) => Array.from({ length: n }, (_, i) => a[i % a.length]!);
  const people = r(['Marie Dupont', 'Jean Martin', 'Claire Bernard', 'Paul Durand', 'Sophie Petit', 'Luc Moreau', 'Anne Simon', 'Marc Laurent', 'Julie Michel', 'Louis Garcia']);
  for (const h of ['ward_doctor_name', 'facility_contact_name', 'nom_medecin_service']) assert.ok(['name', 'first-name', 'last-name'].includes(detectIdentifierColumn(h, people)?.kind ?? ''), h);
  const comment = `${Array.from({ length: 30 }, (_, i) => ['patient', 'stable', 'revu', 'demain', 'matin'][i % 5]).join(' ')} (visit 3)`;
  const t0 = performance.now();
  detectIdentifierColumn('commentaire', r([comment]));
  assert.ok(performance.now() - t0 < 2000, `${performance.now() - t0} ms`);
});

test('review 2026-11-30 (2): the header decides where values have a looser shape; numbers that lost their leading zeros; times are no NIRs', () => {
  const r = (a: string[], n = 30) => Array.from({ length: n }, (_, i) => a[i % a.length]!);
  const kind = (h: string, v: string[]) => detectIdentifierColumn(h, r(v))?.kind;
  assert.equal(kind('client_ip', ['::ffff:147.85.119.210', '::ffff:10.2.3.4', '192.168.1.10:8080', 'fe80::1%eth0']), 'ip');
  assert.equal(kind('website', ['facebook.com/ikaika.kahale.0', 'chu-lyon.fr/dossier?id=3', 'linkedin.com/in/jdupont']), 'url');
  const varied = (f: (i: number) => string) => detectIdentifierColumn('mrn', Array.from({ length: 30 }, (_, i) => f(i)))?.kind;
  assert.equal(varied((i) => [`2020/${439283 + i}`, `MRN${123456 + i}A`, `AB-${123456 + i}-C`][i % 3]!), 'mrn');
  // (a category, an amount, a month under a stay's header: no record numbers)
  for (const [h, v] of [['sejour_ghm', ['05M092', '04M05T', '06C121']], ['cout_sejour', ['1234.50', '987.20', '15432.00']], ['mois_sejour', ['2024/01', '2024/02', '2023/12']]] as const) {
    assert.notEqual(kind(h, [...v]), 'mrn', h);
  }
  assert.notEqual(detectIdentifierColumn('cout_sejour', Array.from({ length: 30 }, (_, i) => `${1000 + i * 17}.50`))?.kind, 'mrn');
  // (a male NIR without its key is no Unix time unless the header names a time; decimals under a cell's header are no phones;
  // a yes/no under a name's header, kinds of place under a place's)
  assert.equal(kind('matricule', ['1850275004123', '1920513055012', '1681099123456']), 'nir');
  assert.equal(kind('cell_fraction', ['0.87345612', '0.12345678', '0.55511122']), undefined);
  assert.equal(kind('patient_name_verified', ['yes', 'no']), undefined);
  assert.notEqual(kind('lieu_de_vie', ['Domicile', 'Institution']), 'city');
  assert.notEqual(kind('voie_administration', ['Route orale', 'Domaine physique', 'Intraveineuse']), 'address');
  assert.equal(kind('patient_name', ['Chidi Nwosu', 'Xochitl Tlapanco', 'Ngozi Okafor', 'Tupac Quispe', 'Aiyana Begay', 'Ikaika Kahale', 'Sione Taufa', 'Wanjiru Kamau', 'Dawit Bekele', 'Kalani Akana']), 'name');
  assert.equal(kind('adresse', ['8 rue de la Paix', 'Lieu-dit Les Granges', 'Le Bourg', 'Hameau de la Forge', '12 lotissement Les Pins', 'Lieu-dit Kervihan',
    '3 chemin des Vignes', 'Hameau du Moulin', 'Le Bourg Neuf', '5 place de la Mairie', 'Lieu-dit La Croix']), 'address');
  // (a category under an address's or a name's header: drug routes under "voie", yes/no under "nom")
  assert.equal(kind('voie', ['Route orale', 'Intraveineuse', 'Sous-cutanée', 'Orale']), undefined);
  assert.equal(kind('nom', ['Oui', 'Non']), undefined);
  assert.equal(kind('email', ["patrick.o'brien12@example.com", "conor.d'arcy@example.org", 'j.dupont@example.fr']), 'email');
  assert.equal(kind('phone', ['(607) 394-5452 x3040', '(212) 555-0188 x12', '(415) 555-0100']), 'phone');
  assert.equal(kind('telephone', ['788126340', '612345678', '145678910']), 'phone');
  assert.equal(kind('SSN', ['19429226', '23456789', '512656445']), 'ssn');
  // (IdNat_PS: 8 then an RPPS number with its Luhn key)
  assert.equal(kind('prescripteur', ['810003456786', '810100000008', '810000000009']), 'rpps');
  assert.equal(kind('rpps', ['810003456786', '810100000008', '810000000009']), 'rpps');
  assert.equal(kind('latitude', ['43,27507', '48,85661', '45,76404']), 'geocode');
  assert.equal(kind('cp_domicile', ['1580', '69003', '7200', '38000', '26100']), 'postal-code');
  assert.equal(kind('lieu_de_residence', ['Marcillac', 'Ussel', 'Juzanvigny', 'Bram', 'Tulle', 'Égletons', 'Meymac', 'Bort-les-Orgues', 'Treignac', 'Uzerche', 'Argentat', 'Objat']), 'city');
  // (a count under a phone's or a cell's header, dates under a stay's, milliseconds since 1970: none of them identifiers)
  assert.equal(kind('cell_count', ['12', '40', '7']), undefined);
  assert.notEqual(kind('date_sejour', ['2020-01-02', '2021-03-04', '2019-12-31']), 'mrn');
  assert.notEqual(kind('event_time_ms', ['1645678080000', '1665321565000', '1700000000123']), 'nir');
  // (a bare domain is no web address without the header: a company's)
  assert.equal(kind('editeur', ['example.com', 'acme.fr', 'medsoft.io']), undefined);
});

test('review 5: names, addresses and record numbers of a small visits table (3 to 9 patients on every row) are detected; categories of words are not', () => {
  const rep = (a: string[], k: number) => a.flatMap((x) => Array<string>(k).fill(x));
  const kind = (h: string, v: string[]) => detectIdentifierColumn(h, v)?.kind;
  assert.equal(kind('nom', rep(['Dupont', 'Martin', 'Durand'], 4)), 'last-name');
  assert.equal(kind('prenom', rep(['Marie', 'Jean', 'Luc'], 4)), 'first-name');
  assert.equal(kind('adresse', rep(['Le Bourg', '12 rue de la Paix', 'Lieu-dit Kervihan'], 4)), 'address');
  assert.equal(kind('patient_name', rep(['Chidi Nwosu', 'Xochitl Tlapanco', 'Ngozi Okafor'], 4)), 'name');
  assert.equal(kind('ipp', rep(['IPP1000A', 'IPP1001B', 'IPP1002C', 'IPP1003D', 'IPP1004E', 'IPP1005F', 'IPP1006G', 'IPP1007H', 'IPP1008I'], 5)), 'mrn');
  for (const [h, v] of [['nom', ['Oui', 'Non']], ['lieu_de_vie', ['Domicile', 'Institution']], ['patient_name_verified', ['yes', 'no']], ['sejour_ghm', ['05M092', '04M05T', '06C121']]] as const) {
    assert.equal(kind(h, rep([...v], 10)), undefined, h);
  }
});

test('review of exports: "#" reads as "number" (account, policy, medical record numbers); relatives\' names with their relationship; a second address line by its header', () => {
  const r = (a: string[], n = 30) => Array.from({ length: n }, (_, i) => a[i % a.length]!);
  const kind = (h: string, v: string[]) => detectIdentifierColumn(h, v.length ? r(v) : [])?.kind;
  assert.equal(normalizeHeader('Med Rec #'), 'med rec number');
  const codes = ['A3254257', 'XYZ711178002', '2058756', 'B1234567', 'C7654321'];
  for (const h of ['Acct #', 'Account #', 'Policy #', 'Med Rec #', 'Medical Record #', 'Account Number', 'MRN', 'AcctNum']) assert.equal(kind(h, codes), 'mrn', h);
  // (no number's word: a type, a balance)
  for (const h of ['account_type', 'acct_balance', 'policy']) assert.notEqual(kind(h, ['1234', '5678', '91011', '121314']), 'mrn', h);
  // (names followed or preceded by the relationship, under a relative's header or none)
  const relatives = ['Sophie MICHEL (épouse)', 'Julie LAURENT (fille)', 'Jean Dupont - fils', 'Marie (mère)', 'Paul Roux, son frère', 'Anne Petit (voisine)', 'Luc Moreau (fils aîné)', 'Claire Simon - mother-in-law', 'épouse : Louise Garnier', 'Marc Blanc (ami)'];
  for (const h of ['contact_urgence', 'personne_a_prevenir', 'pers_confiance', 'emergency_contact', 'next_of_kin']) assert.equal(kind(h, relatives), 'name', h);
  assert.equal(kind('next_of_kin', ['Chidi Nwosu (son)', 'Xochitl Tlapanco - wife', 'Ngozi Okafor (daughter)']), 'name');
  assert.equal(kind('personne_a_prevenir', []), 'name');
  // (a parenthesis that is no relationship leaves the value as it is: a diagnosis stays none)
  assert.equal(kind('x', ['Diabète (type 2)', 'Asthme (sévère)', 'HTA (traitée)']), undefined);
  const line2 = ['Résidence Les Pins', 'chez Mme Roux', 'Bât. B escalier 3', 'Unit 12', '4B'];
  for (const h of ['adresse2', 'adr2', 'address2', 'address_line_2', 'Address Line 2', 'addr2', 'Apt/Suite', 'apt_no', 'complement_adresse', 'cplt_adr']) {
    assert.equal(kind(h, line2), 'address', h);
    assert.equal(kind(h, []), 'address', `${h} (no values)`);
  }
  // (a follow-up, a ward, an appointment, an e-mail's second address, dates: no street address)
  for (const h of ['suite', 'unit', 'appt_id']) assert.notEqual(kind(h, line2), 'address', h);
  assert.notEqual(kind('adresse2', ['2024-01-05', '2024-02-06']), 'address');
});

test('review-profiles item 2a: NIRs without their key among stock words ("non renseigné", "à compléter", "NR", "inconnu") are NIRs: the share is over the other values', () => {
  const keyless = Array.from({ length: 12 }, () => nir().slice(0, 13));
  const sample = [...keyless, ...Array.from({ length: 18 }, nir), ...Array(8).fill('non renseigné'), ...Array(7).fill('à compléter'), ...Array(3).fill('NR'), 'refus', 'refus'];
  for (const h of ['numero_assure', 'identifiant']) assert.equal(detectIdentifierColumn(h, sample)?.kind, 'nir', h);
  // (a column of words with a few such numbers among many distinct words is not a NIR column)
  const words = Array.from({ length: 40 }, (_, i) => `mot${'abcdefghijklmnopqrstuvwxyz'[i % 26]}${'xyz'[i % 3]}`.replace(/\d/g, ''));
  assert.notEqual(detectIdentifierColumn('commentaire', [...words, ...keyless.slice(0, 3)])?.kind, 'nir');
});
