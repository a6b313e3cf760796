import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { redactText, recognize, resolveOverlaps, detectLanguage, redactTexts, TextRedactor, shiftDateText } from './index.ts';
import type { Span } from './index.ts';
import { keyFromText } from '../pseudonymize/key.ts';
import { checkNir, isSsn } from '../health/identifiers/validators.ts';
import { evaluate, loadEdsTemplates, loadMarkedNotes, loadSyntheaNotes, datasetPaths } from './eval.ts';
import { dictionaries, fold } from './data.ts';

const key = keyFromText('7e'.repeat(32));
const labels = (text: string, lang: 'fr' | 'en' = 'fr') => recognize(text, { lang }).map((s) => [s.label, text.slice(s.start, s.end)]);

test('French note: names with cues and dictionaries, dates, NIR (invalid key too), phone, e-mail, address, ids', () => {
  const t = 'Mme Marie DUPONT, née le 12/03/1931, NIR 2 55 08 14 168 025 39 (clé fausse), tél. 01 42 21 32 74, '
    + 'marie.dupont@exemple.fr. Domicile : 12 rue des Lilas, 75013 Paris. IPP : 9010572683. Vue par le Dr. Jean Martin le 3 juin 2020.';
  const got = labels(t);
  const has = (l: string, v: string) => assert.ok(got.some(([a, b]) => a === l && b === v), `${l} ${v} in ${JSON.stringify(got)}`);
  has('NAME', 'Marie DUPONT');
  has('BIRTHDATE', '12/03/1931');
  has('NIR', '2 55 08 14 168 025 39');
  has('PHONE', '01 42 21 32 74');
  has('EMAIL', 'marie.dupont@exemple.fr');
  has('ADDRESS', '12 rue des Lilas');
  has('ZIP', '75013');
  has('CITY', 'Paris');
  has('IPP', '9010572683');
  has('NAME', 'Jean Martin');
  has('DATE', '3 juin 2020');
});

test('English note: Synthea-style names, ISO dates, US phone, SSN, age over 89, URL, IP', () => {
  const t = 'Maude482 Wunsch504 is a 93 year-old female seen on 2012-08-26. Call 555-932-6916. SSN 999-12-3456. '
    + 'Portal https://example.org/p?id=1 from 192.168.0.12. Mrs. Emily Stone was present.';
  const got = labels(t, 'en');
  const has = (l: string, v: string) => assert.ok(got.some(([a, b]) => a === l && b === v), `${l} ${v} in ${JSON.stringify(got)}`);
  has('NAME', 'Maude482 Wunsch504');
  has('AGE', '93 year-old');
  has('DATE', '2012-08-26');
  has('PHONE', '555-932-6916');
  has('SSN', '999-12-3456');
  has('URL', 'https://example.org/p?id=1');
  has('IP', '192.168.0.12');
  has('NAME', 'Emily Stone');
});

test('no false alarm on ordinary clinical sentences', () => {
  const t = 'Le patient présente une hypertension artérielle traitée par amlodipine 5 mg. Pas de fièvre. '
    + 'Examen clinique normal. TA 12/8, FC 72/min, SpO2 98 %. Bilan biologique sans particularité. '
    + 'Signe de Babinski négatif, maladie de Crohn. Protocole FOLFOX, cure 4/12, EVA 3/10, dose de 12/12.';
  assert.deepEqual(labels(t), []);
});

test('birth dates: a cue that starts a word (né le, mise au monde le, naît en, DDN, "| F |"); "une semaine le" is no cue', () => {
  const label = (t: string) => recognize(t, { lang: 'fr' }).find((s) => s.label === 'DATE' || s.label === 'BIRTHDATE')?.label;
  assert.equal(label('Elle est née le 3 mars 1950.'), 'BIRTHDATE');
  assert.equal(label('Date de mise au monde : 10/10/2010'), 'BIRTHDATE');
  assert.equal(label('Leur fille naît en 1950.'), 'BIRTHDATE');
  assert.equal(label('Patient : Julie Petit | F | 25/10/1980'), 'BIRTHDATE');
  assert.equal(label('DDN 03/03/1950'), 'BIRTHDATE');
  assert.equal(label('Revu une semaine le 3 mars 2020.'), 'DATE');
  assert.equal(label('Consultation de médecine le 3 mars 2020.'), 'DATE');
});

test('form fields and lower-case names: "Nom de naissance : LEBRUN", "Prénom : aziz", "mme dupont", "Dr. Caroline pidoux"', () => {
  assert.deepEqual(labels("Nom de naissance : LEBRUN  Nom d'usage : MARCHAND  Prénom usuel : Odile"), [['NAME', 'LEBRUN'], ['NAME', 'MARCHAND'], ['NAME', 'Odile']]);
  // exported data: quotes between the field and its value
  assert.deepEqual(labels('{"nom": "DUPONT", "prenom": "Marie"} — Nom : « LEROY »'), [['NAME', 'DUPONT'], ['NAME', 'Marie'], ['NAME', 'LEROY']]);
  // data fields: a known surname in upper case across one separator from a name
  assert.deepEqual(labels('DUPONT;Marie;12/03/1950\nDURAND | Paul | 06 12 34 56 78'), [['NAME', 'DUPONT'], ['NAME', 'Marie'], ['DATE', '12/03/1950'], ['NAME', 'DURAND'], ['NAME', 'Paul'], ['PHONE', '06 12 34 56 78']]);
  assert.deepEqual(labels('Prénom: aziz\nNom de jeune fille : leroux'), [['NAME', 'aziz'], ['NAME', 'leroux']]);
  assert.deepEqual(labels('vu par mme dupont ce matin, appel de mr lefevre'), [['NAME', 'dupont'], ['NAME', 'lefevre']]);
  assert.deepEqual(labels('rendez-vous avec le Dr. Caroline pidoux'), [['NAME', 'Caroline pidoux']]);
  // ordinary lower-case words stay: they are no names, or names that are also words
  assert.deepEqual(labels('Nom : normal. Prénom : non renseigné. Le docteur traitant est prévenu, madame va mieux, le dr a vu la patiente.'), []);
});

test('hospitals: lower-case cues after a determiner, names said alone after a place word, English names before the cue', () => {
  assert.deepEqual(labels("Hospitalisé à la clinique des Cèdres puis au centre hospitalier de Dax."), [['HOSPITAL', 'Cèdres'], ['HOSPITAL', 'Dax']]);
  assert.deepEqual(labels('Revu à Bichat, transférée vers la Pitié-Salpêtrière.'), [['HOSPITAL', 'Bichat'], ['HOSPITAL', 'Pitié-Salpêtrière']]);
  assert.deepEqual(labels('Seen at Massachusetts General Hospital, then Mayo Clinic and Cedars-Sinai Medical Center.', 'en'),
    [['HOSPITAL', 'Massachusetts General'], ['HOSPITAL', 'Mayo'], ['HOSPITAL', 'Cedars-Sinai Medical']]);
  // eponyms, generic names and other centres are no hospitals
  assert.deepEqual(labels('Tableau clinique de Parkinson, boule de Bichat, aphasie de Broca.'), []);
  assert.deepEqual(labels('Taken to the General Hospital, then to the Shopping Center and an Urgent Care Clinic.', 'en'), []);
});

test('names before a credential; where a person lives, after a residence cue, even off the dictionaries', () => {
  assert.deepEqual(labels('Signed: Karen P. Lopez, RN. cc: John Doe MD; Jane Roe, NP', 'en'), [['NAME', 'Karen P. Lopez'], ['NAME', 'John Doe'], ['NAME', 'Jane Roe']]);
  // a state before a ZIP code is no credential
  assert.ok(!labels('Baltimore, MD 21201', 'en').some(([l, v]) => l === 'NAME' && v === 'Baltimore'));
  assert.deepEqual(labels('He lives in Bristol and moved to New York City in 2010.', 'en'), [['CITY', 'Bristol'], ['CITY', 'New York City'], ['DATE', '2010']]);
  assert.deepEqual(labels("Elle habite à Plouguerneau. Originaire d'Alger."), [['CITY', 'Plouguerneau'], ['CITY', 'Alger']]);
  assert.deepEqual(labels('She lives with her daughter in Clarksburg; discharged to Brookline.', 'en'), [['CITY', 'Clarksburg'], ['CITY', 'Brookline']]);
  assert.deepEqual(labels('Vit avec sa fille à Lyon. Transférée en Réanimation.'), [['CITY', 'Lyon']]);
  assert.deepEqual(labels('Patient vit à domicile avec son épouse. Réside en EHPAD.'), []);
  assert.deepEqual(labels('Discharged to Hebrew Rehabilitation Center.', 'en'), [['HOSPITAL', 'Hebrew Rehabilitation']]);
  assert.deepEqual(labels('12 bis rue Pasteur, BP 40012, 69002 Lyon'), [['ADDRESS', '12 bis rue Pasteur'], ['ADDRESS', 'BP 40012'], ['ZIP', '69002'], ['CITY', 'Lyon']]);
});

test('English names (1990 US census lists) in English text only; short census names that are clinical acronyms stay words', () => {
  // neither name is in the French lists: found in English text, not in French text
  const t = 'Met with Thaddeus Yablonski today to review the discharge plan.';
  assert.deepEqual(labels(t, 'en'), [['NAME', 'Thaddeus Yablonski']]);
  assert.deepEqual(labels(t, 'fr'), []);
  // the same call after a French text and before one (the token cache follows the language)
  assert.deepEqual(labels('Vu avec Mme Dupont.', 'fr'), [['NAME', 'Dupont']]);
  assert.deepEqual(labels(t, 'en'), [['NAME', 'Thaddeus Yablonski']]);
  // census names of three letters or fewer (Asa, Ha, Loc…), eponyms before stage/splints, rare surnames that are words
  assert.deepEqual(labels('Denies LOC, HA, abd pain. Tanner stage 2. Doyle splints placed. Given ASA 81 mg. Brain MRI ordered. Angle of the drain checked.', 'en'), []);
  // a census first name that the French lists hold as a surname stays a surname only ("to Dallas", "Hospital, Bradford")
  assert.deepEqual(labels('One episode after a long drive to Dallas in June.', 'en'), [['DATE', 'June']]);
});

test('names with letters beyond Latin-1 are redacted whole (Polish, Turkish, Romanian, Vietnamese): no tail of a name is left', () => {
  const t = 'Vu par Piotr Wiśniewski ce jour. Patiente : Ayşe DEMIR. Dr Olga SZYMAŃSKA, Ionuț POPA et NGUYEN Thanh Hương.\n09h20  KOWALCZYK Stanisław';
  assert.deepEqual(labels(t).filter(([l]) => l === 'NAME').map(([, v]) => v),
    ['Piotr Wiśniewski', 'Ayşe DEMIR', 'Olga SZYMAŃSKA', 'Ionuț POPA', 'NGUYEN Thanh Hương', 'KOWALCZYK Stanisław']);
  const out = redactText(t, { lang: 'fr' }).text;
  for (const tail of ['śniewski', 'şe', 'ŃSKA', 'ț', 'ương', 'ław']) assert.ok(!out.includes(tail), `${tail} left in ${out}`);
  // the same names in an English note (the lexicon folds Ś, Ł, ş… to their base letters: STANISLAW, WISNIEWSKI)
  assert.deepEqual(labels('Seen with her son Stanisław Wiśniewski today.', 'en').filter(([l]) => l === 'NAME'), [['NAME', 'Stanisław Wiśniewski']]);
});

test('set 18 dev halves: HPRIM records (header and patient), compact dates and times (not NIRs), lower-case names in terse notes', () => {
  const hprim = 'H|~^\\&|MSG-0457||LABO DES ILES|12 rue du Port|ORU|0590 82 44 10||DURAND^Paul||P|H2.4^C|20240312153005\nP|1|IPP-558201|DOS-031288||MARTIN^Claire^^^MME|LEROY|19830514|F\nOBR|1|||NFS||20240312074500|202403120810\nL|1|||20240312153005';
  assert.deepEqual(labels(hprim).filter(([l]) => l !== 'ID' && l !== 'IPP'), [['HOSPITAL', 'LABO DES ILES'], ['ADDRESS', '12 rue du Port'], ['PHONE', '0590 82 44 10'], ['NAME', 'DURAND^Paul'],
    ['DATE', '20240312153005'], ['NAME', 'MARTIN^Claire^^^MME'], ['NAME', 'LEROY'], ['BIRTHDATE', '19830514'], ['DATE', '20240312074500'], ['DATE', '202403120810'], ['DATE', '20240312153005']]);
  // (a 14-digit date and time is no mistyped NIR; a date inside a dashed record number is the record's)
  assert.deepEqual(labels('Account #: FIN-20870314-552, prélevé le 20240312074500.', 'en'), [['ID', 'FIN-20870314-552'], ['DATE', '20240312074500']]);
  const names = (t: string) => labels(t, 'en').filter(([l]) => l === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('pt: delacroix-ybarra, mateo   dob 07-22-98\npt: garcia, mateo\npt: stable, alert'), ['delacroix-ybarra, mateo', 'garcia, mateo']);
  assert.deepEqual(names('ph 916 555 0128 (friend nico\'s phone, pt\'s is dead)'), ['nico']);
  assert.deepEqual(names('triage rn: jess kaminski rn  3/4 0219 / addendum 0236 -jk\nGlucose 182 - SSI\nseen at 14:05 - MR'), ['jess kaminski', 'jk', 'MR']);
  // French dev half: a short form before a bracketed name that begins it; dictation initials in capitals on the last line, or before "validé"
  const fr = (t: string) => labels(t).filter(([l]) => l === 'NAME').map(([, v]) => v);
  assert.deepEqual(fr('Présents : Dr Paul MARTIN ; Will (William OKAFOR), infirmier référent'), ['Paul MARTIN', 'Will', 'William OKAFOR']);
  assert.deepEqual(fr('Accord de la patiente.\n\nPW/WO'), ['PW', 'WO']);
  assert.deepEqual(fr('Examens demandés :\nIRM/TDM'), []);
  assert.deepEqual(fr('Gynécologue : Dr Farid EL-AMRANI\nCR/ad – validé le 27/02/2024'), ['Farid EL-AMRANI', 'CR', 'ad']);
});

test('no-break and thin spaces, no-break hyphens (word processors) are read as plain ones; offsets are the original text\'s', () => {
  const nb = '\u00a0', nn = '\u202f';
  const t = `Tél${nn}: 06${nb}12${nb}34${nb}56${nb}78, NIR${nb}1${nn}85${nn}05${nn}78${nn}006${nn}084${nn}36, né le 12${nb}mars${nb}1950, 12${nb}rue des Lilas, fax 01\u201142\u201121\u201132\u201174.`;
  assert.deepEqual(labels(t), [['PHONE', `06${nb}12${nb}34${nb}56${nb}78`], ['NIR', `1${nn}85${nn}05${nn}78${nn}006${nn}084${nn}36`],
    ['BIRTHDATE', `12${nb}mars${nb}1950`], ['ADDRESS', `12${nb}rue des Lilas`], ['PHONE', '01\u201142\u201121\u201132\u201174']]);
  assert.equal(redactText(t, { lang: 'fr' }).text, `Tél${nn}: [TEL], NIR${nb}[NIR], né le [DATE_NAISSANCE], [ADRESSE], fax [TEL].`);
});

test('wrapped text: a phone number, a NIR, a name or an address cut by a line break is found whole; a column of values is no phone', () => {
  assert.deepEqual(labels('Joignable au 06 12 34\n56 78 en journée. NIR 1 85 05 78\r\n006 084 36.'), [['PHONE', '06 12 34\n56 78'], ['NIR', '1 85 05 78\r\n006 084 36']]);
  assert.deepEqual(labels('Mme Marie\nDUPONT est revue.'), [['NAME', 'Marie'], ['NAME', 'DUPONT']]);
  assert.deepEqual(labels('Adresse : 12 rue des\nLilas, 75013 Paris'), [['ADDRESS', '12 rue des\nLilas'], ['ZIP', '75013'], ['CITY', 'Paris']]);
  assert.deepEqual(labels('12 rue Pasteur\nMarie DUPONT'), [['ADDRESS', '12 rue Pasteur'], ['NAME', 'Marie DUPONT']]);
  assert.deepEqual(labels('Valeurs :\n06\n12\n34\n56\n78\n'), []);
  assert.deepEqual(labels('Vu par Marie\nCOMPTE RENDU OPERATOIRE'), [['NAME', 'Marie']]);
});

test('obfuscated e-mails, device serial numbers, registration plates and VINs (HIPAA identifiers 4, 12, 13)', () => {
  assert.deepEqual(labels('Contact : jean.dupont [at] gmail.com ou m.durand(at)chu-lyon(dot)fr'), [['EMAIL', 'jean.dupont [at] gmail.com'], ['EMAIL', 'm.durand(at)chu-lyon(dot)fr']]);
  assert.deepEqual(labels('Ils sont arrivés (at) home, rdv [at] 10h.'), []);
  assert.deepEqual(labels('Pacemaker n° de série 4471-2231-99, S/N 7654321'), [['ID', '4471-2231-99'], ['ID', '7654321']]);
  assert.deepEqual(labels('Véhicule immatriculé AB-123-CD ; code ABC-123-DEF, COVID-19'), [['ID', 'AB-123-CD']]);
  // a VIN with a right check digit, or after a cue; not 17 digits or 17 letters
  assert.deepEqual(labels('VIN 1M8GDM9AXKP042788, chassis WVWZZZ1JZXW000001, 12345678901234567', 'en'), [['ID', '1M8GDM9AXKP042788'], ['ID', 'WVWZZZ1JZXW000001']]);
  assert.deepEqual(labels('IBAN : FR76 3000 6000 0112 3456 7890 189'), [['IBAN', 'FR76 3000 6000 0112 3456 7890 189']]);
  assert.deepEqual(labels('Prendre RDV sur doctolib.fr/medecin/nantes/jean-martin. Traitement 5 mg/j, HTA/DT2.'), [['URL', 'doctolib.fr/medecin/nantes/jean-martin']]);
  assert.deepEqual(labels('Examen — opérateur : LEGRAND N. ; MRN: 003-45-678'), [['NAME', 'LEGRAND N.'], ['MRN', '003-45-678']]);
});

test('US discharge-summary fields: account, unit, job and member numbers, pagers, apartments, dotted credentials, upper-case hospital names', () => {
  assert.deepEqual(labels('Patient Name: DOE, JOHNATHAN   Unit No: 0045-7781   Job #: 558213   Acct #: 99812345', 'en'),
    [['NAME', 'DOE'], ['NAME', 'JOHNATHAN'], ['ID', '0045-7781'], ['ID', '558213'], ['ID', '99812345']]);
  assert.deepEqual(labels('Member ID: 88812345; n° adhérent 4455667', 'en'), [['ID', '88812345'], ['ID', '4455667']]);
  assert.deepEqual(labels('Dossier social : n° allocataire CAF 1234567.'), [['ID', '1234567']]);
  assert.deepEqual(labels('Insurance: BCBS #XYZ123456789. Group #: 00456789. Group therapy 3 times a week.', 'en'), [['ID', 'XYZ123456789'], ['ID', '00456789']]);
  assert.deepEqual(labels('Phone (253) 555-0147, pager #45821.', 'en'), [['PHONE', '(253) 555-0147'], ['PHONE', '45821']]);
  assert.deepEqual(labels('She lives at 45 Elm St., Apt 3, Springfield, MA 01104.', 'en'),
    [['ADDRESS', '45 Elm St., Apt 3'], ['CITY', 'Springfield'], ['ZIP', '01104']]);
  // "M." of "M.D." is no title before an initial "D."
  assert.deepEqual(labels('Xavier K. Ingram, M.D.\ncc: Lisa Vargas, Ph.D.', 'en'), [['NAME', 'Xavier K. Ingram'], ['NAME', 'Lisa Vargas']]);
  assert.deepEqual(labels('CARDIOLOGY\nASHTABULA COUNTY HOSPITAL\nEMERGENCY DEPARTMENT CLINIC', 'en'), [['HOSPITAL', 'ASHTABULA COUNTY']]);
});

test('French letters: a birth name before épouse/veuve/ép., compound initials, a wrapped number that is no NIR', () => {
  assert.deepEqual(labels('Patiente : KERGOAT épouse LE ROUX Marie-Annick ; Mme DURAND veuve MARTIN Jeanne ; Mme BERNARD ép. PETIT Claire'),
    [['NAME', 'KERGOAT'], ['NAME', 'LE ROUX Marie-Annick'], ['NAME', 'DURAND'], ['NAME', 'MARTIN Jeanne'], ['NAME', 'BERNARD'], ['NAME', 'PETIT Claire']]);
  assert.deepEqual(labels('Opérateur : Pr J.-M. Vidal'), [['NAME', 'J.-M. Vidal']]);
  // a first name and a surname alone at a line's start, both also ordinary words; "Ph." is an initial
  assert.deepEqual(labels('Neuropsychologie\nRosette Moreau\nAmadou Roller 12 12\nPatient Ph. ROCHE, tél.'),
    [['NAME', 'Rosette Moreau'], ['NAME', 'Amadou Roller'], ['NAME', 'Ph. ROCHE']]);
  // an 11-digit RPPS at a line's end and the street number of the next line are no NIR (a NIR wraps between its groups)
  assert.deepEqual(labels('Dr Sophie MARCHAL - RPPS 10003456789\n34, avenue du Général Leclerc'),
    [['NAME', 'Sophie MARCHAL'], ['RPPS', '10003456789'], ['ADDRESS', '34, avenue du Général Leclerc']]);
  assert.deepEqual(labels('NIR : 1 85 05 78\n006 084 36'), [['NIR', '1 85 05 78\n006 084 36']]);
});

test('emergency and typed notes: passage and dossier numbers, a lower-case city after its postal code, kinship cues, abbreviations that are no names', () => {
  assert.deepEqual(labels('URGENCES - Passage n° 2025-0045671 - dossier 556677'), [['ID', '2025-0045671'], ['ID', '556677']]);
  assert.deepEqual(labels('Son IPP est 8392.'), [['IPP', '8392']]);
  assert.deepEqual(labels('Nº de la visite : 42bg98765 ; NDA: 2003H847569 ; écrire à tlabelle @ medimail . com'),
    [['ID', '42bg98765'], ['NDA', '2003H847569'], ['EMAIL', 'tlabelle @ medimail . com']]);
  assert.deepEqual(labels('adresse 4 impasse des lilas 33600 pessac, tel 0556123456'),
    [['ADDRESS', '4 impasse des lilas'], ['ZIP', '33600'], ['CITY', 'pessac'], ['PHONE', '0556123456']]);
  // a name after a kinship word or a friend, also off the dictionaries; "MT" (médecin traitant) is no name
  assert.deepEqual(labels('Adressé par son MT. Accompagné de son ami Kzrwyn et de sa tante Ozanne.'), [['NAME', 'Kzrwyn'], ['NAME', 'Ozanne']]);
  assert.deepEqual(labels('Discussed with Drs. Smith and Jones. Per RN Marcus, case manager Tiffany arranged VNA.', 'en'),
    [['NAME', 'Smith'], ['NAME', 'Jones'], ['NAME', 'Marcus'], ['NAME', 'Tiffany']]);
  assert.deepEqual(labels('Attending: SMITH, J.; Resident: Jones, K. (PGY-2); Med student: Patel. Father: MI at 60.', 'en'),
    [['NAME', 'SMITH'], ['NAME', 'J.'], ['NAME', 'Jones'], ['NAME', 'K.'], ['NAME', 'Patel']]);
  assert.deepEqual(labels('Courrier au Docteur François Xavier de La Rochefoucauld. Père : IDM à 60 ans.'), [['NAME', 'François Xavier de La Rochefoucauld']]);
  // places in English text without a digit anywhere (the digit-led rules do not run there)
  assert.deepEqual(labels('He moved from El Paso, TX to Middlesex County. The County Fair was fun.', 'en'), [['CITY', 'El Paso'], ['CITY', 'Middlesex County']]);
  assert.deepEqual(labels("VINCENT,OLIVER   123-45-67-8. Hospitalized at St. Mary's; former teacher at P.S. 22; seen in the Lipid Clinic.", 'en'),
    [['NAME', 'VINCENT'], ['NAME', 'OLIVER'], ['ID', '123-45-67-8'], ['HOSPITAL', "St. Mary's"]]);
  assert.deepEqual(labels('Patient: Robert "Bobby" McAllister, from El Paso, TX; Medicare ID 1EG4-TE5-MK73. Seen by Dr. Lee, MD.', 'en'),
    [['NAME', 'Robert'], ['NAME', 'Bobby'], ['NAME', 'McAllister'], ['CITY', 'El Paso'], ['ID', '1EG4-TE5-MK73'], ['NAME', 'Lee']]);
});

test('places: wrapped city names after a postal code, multi-word cities written with spaces, hospital names with an article or "d\'"', () => {
  assert.deepEqual(labels('30 RUE DU CHATEAU, 92100 BOULOGNE-\nBILLANCOURT'), [['ADDRESS', '30 RUE DU CHATEAU'], ['ZIP', '92100'], ['CITY', 'BOULOGNE-\nBILLANCOURT']]);
  assert.deepEqual(labels('59000 ISSY LES\nMOULINS ; 77500 Ivry\nsur Loire'), [['ZIP', '59000'], ['CITY', 'ISSY LES\nMOULINS'], ['ZIP', '77500'], ['CITY', 'Ivry\nsur Loire']]);
  // a line break after a city that ends it: the next line is not the city's
  assert.deepEqual(labels('75015 Paris\nDr Martin'), [['ZIP', '75015'], ['CITY', 'Paris'], ['NAME', 'Martin']]);
  // streets named without a number; a postal code written "92 100" right after an address
  assert.deepEqual(labels('Il habite rue Victor Hugo à Lyon. Chute dans la rue. Vu boulevard Haussmann.'), [['ADDRESS', 'rue Victor Hugo'], ['CITY', 'Lyon'], ['ADDRESS', 'boulevard Haussmann']]);
  assert.deepEqual(labels('19 AVENUE DE LA REPUBLIQUE, STUDIO 25, 92 100 BOULOGNE-BILLANCOURT'),
    [['ADDRESS', '19 AVENUE DE LA REPUBLIQUE'], ['ZIP', '92 100'], ['CITY', 'BOULOGNE-BILLANCOURT']]);
  assert.deepEqual(labels('Adressé au 3 rue Xavier, 12 500 patients par an.').filter(([l]) => l === 'ZIP'), []);
  assert.deepEqual(labels('Consultation à Nogent sur Marne le 02/09/22, puis à Aix en Provence.'), [['CITY', 'Nogent sur Marne'], ['DATE', '02/09/22'], ['CITY', 'Aix en Provence']]);
  assert.deepEqual(labels("Traitée à l'Institut Curie, accouchée à la Maternité des Lilas ; Institut National du Cancer."), [['HOSPITAL', 'Curie'], ['HOSPITAL', 'Lilas']]);
  // exported form fields: a place field's value, an address that stops at the field separator
  assert.deepEqual(labels('ADRESSE : 3 rue X | CP : 75013 | VILLE : PARIS | Lieu de naissance: Oran (Algérie)'),
    [['ADDRESS', '3 rue X'], ['ZIP', '75013'], ['CITY', 'PARIS'], ['CITY', 'Oran']]);
  // a birthplace, in no dictionary: after the birth date or after "né à"
  assert.deepEqual(labels('Mlle Inès Ben Youssef, née le 02/10/2001 à Tunis. Il est né à Plouguerneau le 3 mars 1950.'),
    [['NAME', 'Inès Ben Youssef'], ['BIRTHDATE', '02/10/2001'], ['CITY', 'Tunis'], ['CITY', 'Plouguerneau'], ['BIRTHDATE', '3 mars 1950']]);
  assert.deepEqual(labels("Hopital Le Kremlin BICETRE ; admise à la clinique Val d'Ouest ; natif du Lonzac"),
    [['HOSPITAL', 'Le Kremlin BICETRE'], ['HOSPITAL', "Val d'Ouest"], ['CITY', 'Lonzac']]);
  // (an article alone is no hospital's name: "SORTIE DU CHU LE 12" in a note typed in capitals)
  assert.deepEqual(labels("PATIENTE DE 84 ANS, SORTIE DU CHU LE 12, NE S'ALIMENTE PLUS"), [['DATE', '12']]);
});

test('HL7 v2 segments: the identifying fields of PID, NK1, GT1, IN1 by position; nicknames; "Surname, First name"', () => {
  const pid = 'MSH|^~\\&|LAB|HOSP|||202101011200||ADT^A01|1|P|2.5\nPID|1||123456^^^HOSP^MR||DOE^JOHN^A||19500105|M|||123 MAIN ST^^SPRINGFIELD^MA^01104||(413)555-0199|||||ACC-9981|123-45-6789\nNK1|1|DOE^JANE|SPO|123 MAIN ST^^SPRINGFIELD^MA|(413)555-0100';
  assert.deepEqual(labels(pid, 'en'), [['DATE', '202101011200'], ['ID', '123456^^^HOSP^MR'], ['NAME', 'DOE^JOHN^A'], ['BIRTHDATE', '19500105'], ['ADDRESS', '123 MAIN ST^^SPRINGFIELD^MA^01104'],
    ['PHONE', '(413)555-0199'], ['ID', 'ACC-9981'], ['SSN', '123-45-6789'], ['NAME', 'DOE^JANE'], ['ADDRESS', '123 MAIN ST^^SPRINGFIELD^MA'], ['PHONE', '(413)555-0100']]);
  assert.deepEqual(labels('M. Léon Blum-Ferrand (dit « Loulou »)'), [['NAME', 'Léon Blum-Ferrand'], ['NAME', 'Loulou']]);
  assert.deepEqual(labels('Provider: Jones, Sarah MD', 'en'), [['NAME', 'Jones'], ['NAME', 'Sarah']]);
  // not before a first name that is also a city ("rue Rivoli, Paris")
  assert.deepEqual(labels('Laboratoire de la rue Rivoli, Paris').filter(([, t]) => t.includes('Rivoli')), [['ADDRESS', 'rue Rivoli']]);
});

test('"SURNAME, Given" as exports and lists write it: a known surname in capitals, a comma and a given name; not places, acronyms, lists or firms', () => {
  const names = (text: string, lang: 'fr' | 'en' = 'en') => labels(text, lang).filter(([l]) => l === 'NAME').map(([, t]) => t);
  assert.deepEqual(names('ZHANG, WEI 45M chest pain'), ['ZHANG', 'WEI']);
  assert.deepEqual(names('1001 | 07:05 | X-Ray 2 | MACLEOD, Morag | Bed'), ['MACLEOD', 'Morag']);
  assert.deepEqual(names('CT HEAD W/O   STAT  OSTROWSKI, K          COMPLETE'), ['OSTROWSKI', 'K']);
  assert.deepEqual(names('Requested by OKONKWO, TOBENNA on 3 West'), ['OKONKWO', 'TOBENNA']); // (a given name of no list, in capitals)
  assert.deepEqual(names('Patient: SZYMANSKI, BARTHOLOMEW J ("Bart")   Age: 93'), ['SZYMANSKI', 'BARTHOLOMEW J', 'Bart']);
  assert.deepEqual(names('DUPONT, MARIE née le 12/03/1950', 'fr'), ['DUPONT', 'MARIE']);
  // and "SURNAME I.": a crew's or a roster's initial after the surname
  assert.deepEqual(names('74,88;74,88;TEIXEIRA L.;DUBOIS T.;GK-091-ZB', 'fr'), ['TEIXEIRA L.', 'DUBOIS T.']);
  // an export's licence number and the next cell's initials are no postal code and city (under RPh, the initials are a person)
  const csv = 'Rx#,Fill Date,Drug,Prescriber,Lic#,RPh,Plan\n7741203,2023-11-03,ATORVASTATIN,"OKAFOR, CHIDINMA",88412,RS,ODB\n7741204,2023-11-03,METFORMIN,"OKAFOR, CHIDINMA",88412,RS,ODB\n';
  assert.deepEqual(labels(csv, 'en').filter(([l]) => l === 'CITY' || l === 'ZIP'), []);
  assert.ok(names(csv).includes('RS'), names(csv).join(' | '));
  assert.deepEqual(labels('Adresse : 12 rue des Lilas, 75013 Paris.'), [['ADDRESS', '12 rue des Lilas'], ['ZIP', '75013'], ['CITY', 'Paris']]);
  // no person: a place and its state or country, a list of capitals, a name's last word before a place or a body, a firm, words
  for (const [text, lang] of [['PARIS, FRANCE', 'fr'], ['HOLBROOK, AZ', 'en'], ['ALAT, ASAT, GGT normaux', 'fr'], ['NAUSEA, VOMITING', 'en'],
    ['DUPONT, Plan de soins', 'fr'], ['WHITLOCK, BEGAY & RAMANATHAN, P.L.L.C.', 'en']] as const) assert.deepEqual(names(text, lang), [], text);
  assert.deepEqual(names('kiné à domicile (M. Pierre-Yves COLLIN, Saint-Fargeau)', 'fr'), ['Pierre-Yves COLLIN']);
  assert.deepEqual(names('curatrice Mme Brigitte LEFÈVRE, UDAF de la Gironde', 'fr'), ['Brigitte LEFÈVRE']);
});

test('a login of no name found, by its shape (initials and a known surname in lower case), where a user stands; a lower-case first name and an initial; not a word in prose', () => {
  const names = (text: string, lang: 'fr' | 'en' = 'en') => labels(text, lang).filter(([l]) => l === 'NAME').map(([, t]) => t);
  assert.deepEqual(names('Issued 04/02/24 0915 by tnakamura to the floor'), ['tnakamura']);
  assert.deepEqual(names('02:14:37 | ARM : ksaidi | MR : régulation', 'fr'), ['ksaidi']);
  assert.deepEqual(names('accès le 17/03 par rzielinska (Cardiologie 2) sans venue', 'fr'), ['rzielinska']);
  assert.deepEqual(names('Created On: 10/22/2024 8:41 AM by kpatel2'), ['kpatel2']);
  assert.deepEqual(names('Open,mvargas,2025-03-24,,'), ['mvargas']);
  // and a first name typed in lower case with its surname's initial
  assert.deepEqual(names('- sofiane b., ami, rapport le 2 mars', 'fr'), ['sofiane b.']);
  assert.deepEqual(names('Fauteuil roulant manuel l.45 + repose-moignon', 'fr'), []);
  // and an initial in lower case before a known surname in lower case; not a species (too short, or its genus in capitals)
  assert.deepEqual(names('pta m. reyes assisted w/ gait'), ['m. reyes']);
  assert.deepEqual(names('urine culture: e. coli > 10^5, S. bovis in blood'), []);
  // no person: words of prose, and what follows an apostrophe, a postal code or a hyphen
  for (const [text, lang] of [['acide folique 5 mg, dermatite atopique', 'fr'], ['sous une statine depuis 2019', 'fr'], ["L'agente demande un aménagement", 'fr'],
    ['64500 ciboure', 'fr'], ['Thermoreg: isolette servo 36.8', 'en'], ['marche limitée à 300 m, chaussage orthopédique', 'fr'],
    ['douleur ischio-jambiers', 'fr'], ['AKI: improving, renally dose meds.', 'en']] as const) assert.deepEqual(names(text, lang), [], text);
});

test('a mixed-case acronym after a first name is a surname; English care places and streets; a profession stays out of the name', () => {
  assert.deepEqual(labels('PCP: Dr. Linda Chu, Brookline Family Medicine, (617) 555-0142', 'en'), [['NAME', 'Linda Chu'], ['HOSPITAL', 'Brookline Family'], ['PHONE', '(617) 555-0142']]);
  assert.deepEqual(labels('Dr Wei Chu', 'en'), [['NAME', 'Wei Chu']]);
  // the acronym itself stays no name: upper case, or not after a first name
  assert.deepEqual(labels('Vue au Chu de Rennes par Mme Durand. Examen : RAS.').filter(([l]) => l === 'NAME'), [['NAME', 'Durand']]);
  assert.deepEqual(labels('Seen at Dana-Farber Cancer Institute, then Good Samaritan Hospice.', 'en'), [['HOSPITAL', 'Dana-Farber Cancer'], ['HOSPITAL', 'Good Samaritan']]);
  assert.deepEqual(labels('Department of Nuclear Medicine; National Cancer Institute guidelines; Westgate Shopping Center.', 'en'), []);
  assert.deepEqual(labels('Lives at 1187 Grand Concourse, Bronx, NY 10452.', 'en'), [['ADDRESS', '1187 Grand Concourse'], ['CITY', 'Bronx'], ['ZIP', '10452']]);
  assert.deepEqual(labels('Found by CNA Tiffany Brooks; seen by Chaplain Mary Olsen.', 'en'), [['NAME', 'Tiffany Brooks'], ['NAME', 'Mary Olsen']]);
  // device serials, licence and plate numbers after their cue (HIPAA's 11-13); a short code with few digits is none
  assert.deepEqual(labels("Pacemaker serial no. PZX601234H. Driver's license MA S12345678. Vehicle plate 7XKT392.", 'en').filter(([l]) => l === 'ID'),
    [['ID', 'PZX601234H'], ['ID', 'S12345678'], ['ID', '7XKT392']]);
  assert.deepEqual(labels('Medical record: COVID-19 vaccine given; titanium plate 3.5 mm.', 'en'), []);
  // an EHR header in upper case; exported JSON (the quotes stay out of the address, "cp" is a postal code cue)
  assert.deepEqual(labels('Address: 456 OAK ST, SPRINGFIELD, MO 65806', 'en'), [['ADDRESS', '456 OAK ST'], ['CITY', 'SPRINGFIELD'], ['ZIP', '65806']]);
  assert.deepEqual(labels('{"adresse": "3 allée des Pins", "cp": "33700"}'), [['ADDRESS', '3 allée des Pins'], ['ZIP', '33700']]);
  // a direction before the street; pathology and lab numbers after their cue (not "in case of"); a newborn's name
  assert.deepEqual(labels('Records to 2210 W. Jefferson Blvd., Los Angeles, CA 90018. Path #S26-14432; Lab #44521; in case of fever.', 'en'),
    [['ADDRESS', '2210 W. Jefferson Blvd'], ['CITY', 'Los Angeles'], ['ZIP', '90018'], ['ID', 'S26-14432'], ['ID', '44521']]);
  assert.deepEqual(labels('Baby Boy Smith, then baby girl "Ava", Apgars 8/9.', 'en'), [['NAME', 'Smith'], ['NAME', 'Ava']]);
  assert.deepEqual(labels('Identifiant patient 0045123 ; identifiant de connexion oublié.'), [['ID', '0045123']]);
  // a named score or an eye's visual acuity is no date
  assert.deepEqual(labels('Niveau oeil gauche: 10/12 ; Score de Snell: 5/11 ; Score Trenell: 3/4 ; revu le 10/12.'), [['DATE', '10/12']]);
  // English: an ambiguous first name capitalized mid-sentence and alone is a name; a month after a kinship word too
  assert.deepEqual(labels('Spoke with Grace about discharge. Called Bill to confirm. Plan: Will follow up. Lives in Hope, Arkansas.', 'en').filter(([l]) => l === 'NAME'),
    [['NAME', 'Grace'], ['NAME', 'Bill']]);
  assert.deepEqual(labels("Discussed with pt's sister, April, who agrees; his wife June; daughter, June 3 visit.", 'en'), [['NAME', 'April'], ['NAME', 'June'], ['DATE', 'June 3']]);
  // a compound first name of known parts; a credential before a name; a Gaelic surname's shape
  assert.deepEqual(labels('Mary-Kate Olsen, 34F, followed by NP McKenzie.', 'en'), [['NAME', 'Mary-Kate Olsen'], ['NAME', 'McKenzie']]);
  assert.deepEqual(labels('Mme Tran Thi Mai, 67 ans, revue par le Dr Martin Mai 2020.'), [['NAME', 'Tran Thi Mai'], ['NAME', 'Martin'], ['DATE', 'Mai 2020']]);
  // a place after d' (an ambiguous city too); a hospital named after d' or de l'; "CHU d'Angers" names a city
  assert.deepEqual(labels("Suivi au CMP d'Orange ; originaire d'Angers ; CHU d'Angers ; Hôpital de l'Hôtel-Dieu."),
    [['CITY', 'Orange'], ['CITY', 'Angers'], ['CITY', 'Angers'], ['HOSPITAL', 'Hôtel-Dieu']]);
  // the list after a plural care-team field: names typed in lower case too; not a sentence
  assert.deepEqual(labels('Infirmiers: theodore roux, marie cécile lefevre\nPrésents : tous les membres du service'), [['NAME', 'theodore roux'], ['NAME', 'marie cécile lefevre']]);
  // a surname in upper case at a line's start, then a first name in lower case
  assert.deepEqual(labels('RHIFDA aziz, vu ce jour\nDUPONT marie, 45 ans\nBILAN sanguin normal'), [['NAME', 'RHIFDA aziz'], ['NAME', 'DUPONT marie']]);
  // a mistyped NIR after its cue; a compact DDMMYY date after a date's cue word
  assert.deepEqual(labels('Numéro de sécurité sociale 173 2857 4932. En EHPAD depuis le 211017 ; le 123456 patients.'), [['NIR', '173 2857 4932'], ['DATE', '211017']]);
  // an incomplete phone number right after a phone cue; the same digits without a cue are none
  assert.deepEqual(labels('Contacter par téléphone au 04 09 56 98 ; ligne téléphonique 031478923 ; poids 01 23 45 67.'), [['PHONE', '04 09 56 98'], ['PHONE', '031478923']]);
  // a number with letters or a lettered group after its digits is one value
  assert.deepEqual(labels('Pôle emploi identifiant 1234567X ; (dossier 2024-XY-7781) ; Dossier n° 2024-000123.'), [['ID', '1234567X'], ['ID', '2024-XY-7781'], ['ID', '2024-000123']]);
  // English streets named without a number; not a saint, not a street word without a name before it
  assert.deepEqual(labels("Lives on Blue Hill Ave; works on Washington St.; corner of Elm Street and Main Street; at St. Mary's; on the Street.", 'en').filter(([l]) => l === 'ADDRESS'),
    [['ADDRESS', 'Blue Hill Ave'], ['ADDRESS', 'Washington St'], ['ADDRESS', 'Elm Street'], ['ADDRESS', 'Main Street']]);
  // post office boxes; user names; a trial subject's number
  assert.deepEqual(labels('PO Box 4471, Worcester, MA 01613; username: jsmith1957; subject 1043-0021; subject to review; drug user 1234.', 'en'),
    [['ADDRESS', 'PO Box 4471'], ['CITY', 'Worcester'], ['ZIP', '01613'], ['ID', 'jsmith1957'], ['ID', '1043-0021']]);
  // research and personal document numbers after their cue; "Employee ID 88231" is no Idaho address; "ID" is no name
  assert.deepEqual(labels('Study ID: XK-2231-07; Subject #0042; Passport no. 12AB34567; Employee ID 88231; Patient ID: ABC-12345; Boise ID 83702.', 'en'),
    [['ID', 'XK-2231-07'], ['ID', '0042'], ['ID', '12AB34567'], ['ID', '88231'], ['ID', 'ABC-12345'], ['CITY', 'Boise'], ['ZIP', '83702']]);
  // eponyms are no persons of the record: a name before sign/test/maneuver/disease…, after "signe de"/"maladie d'"; after a title it is one
  assert.deepEqual(labels("Positive Murphy sign, Allen test normal, Leopold maneuvers, Parkinson's disease. Dr Allen examined her.", 'en'), [['NAME', 'Allen']]);
  assert.deepEqual(labels("Signe de Babinski, manœuvre de Valsalva, maladie d'Alzheimer ; revue par le Dr Fontaine."), [['NAME', 'Fontaine']]);
  // English notes: "MS" before a lower-case word is no title; exam headings and team roles are no names; a kinship word before a
  // comma is no surname; credentials after a name are no state; "named" is a cue
  assert.deepEqual(labels('Lives in Jackson, MS. Denies tob. Abd soft. Accepting MD: Dr. Kristoffer Aune. - Sister, Naomi, 33. Counselor: Chelsea Nwachukwu, MS, CGC. Baby named Zuri. MS. JANE DOE seen.', 'en'),
    [['CITY', 'Jackson'], ['NAME', 'Kristoffer Aune'], ['NAME', 'Naomi'], ['NAME', 'Chelsea Nwachukwu'], ['NAME', 'Zuri'], ['NAME', 'JANE DOE']]);
  // practices named before Practice, Associates, Primary/Urgent Care, Home/Women's Health (not the generic words alone)
  assert.deepEqual(labels("Seen at Eastgate Family Practice, Granite State Cardiology Associates, Merrimack Valley Primary Care, Heartland Home Health. Good Clinical Practice; Home Health; Neurocritical Care.", 'en'),
    [['HOSPITAL', 'Eastgate Family'], ['HOSPITAL', 'Granite State Cardiology'], ['HOSPITAL', 'Merrimack Valley Primary'], ['HOSPITAL', 'Heartland Home']]);
  // English: strength over 5, ratings over 10, "2/2" (secondary to), small fractions, "day 5/7" are no dates; after a date's word they are;
  // a month of one digit and a year ("2/2024")
  assert.deepEqual(labels('Strength 5/5, hemiparesis 2/5 arm. ARDS 2/2 PNA. Day 5/7 of cefazolin. Cravings 3/10. 1/2 tab. Follow-up planned for the next visit. Seen on 2/5, since 2/10; urgent care 2/2024.', 'en'),
    [['DATE', '2/5'], ['DATE', '2/10'], ['DATE', '2/2024']]);
  // French notes: a street named after the Post is no phone cue across a line; a unit's or a word's inner capital is no initial;
  // "l'ELSA" and "PaO2" are no names; the number after an id cue is that id, not a NIR without a key; eye acuities are no dates;
  // a particle after a form field starts the name
  assert.deepEqual(labels("5 rue de la Poste\n68000 Colmar. Troponine 12 ng/L. ETT normale, PaO2 58. Vue avec l'ELSA. NDA 2024051400317 ; N° examen : IRM-2024-07731 ; OD : 8/10. Nom : LE GALL   Prénom : Maëlys"),
    [['ADDRESS', '5 rue de la Poste'], ['ZIP', '68000'], ['CITY', 'Colmar'], ['NDA', '2024051400317'], ['ID', 'IRM-2024-07731'], ['NAME', 'LE GALL'], ['NAME', 'Maëlys']]);
  // French care centres: by their kind ("Centre médical du Port", "Centre d'Hémodialyse Riom-Limagne") or a bare "Centre" before a name
  // ("Centre de Kerpape", "Centre Léon Bérard"); not a kind of centre alone ("Centre de Référence", "Centre de Santé Mentale")
  assert.deepEqual(labels("Centre de Kerpape ; Centre médical du Port ; Centre d'Hémodialyse Riom-Limagne ; Centre Léon Bérard ; Centre de Référence Maladies Rares ; Centre de Santé Mentale."),
    [['HOSPITAL', 'Kerpape'], ['HOSPITAL', 'Port'], ['HOSPITAL', 'Riom-Limagne'], ['HOSPITAL', 'Léon Bérard']]);
  // English: a record number's tail is no postal code ("LIMA-55021⏎Visit"); a profession after a credential is no name; "Hospital Medicine"
  // and a department after a hospital are no hospital names; a sentence's end ends a hospital name; an extension glued to x; "ID is …"
  assert.deepEqual(labels('MRN: LIMA-55021\nVisit date: 4/16/24. Attending: Gabriel Santiago-Ortiz, MD   Scribe: Harper Nilsson. Grace Obi, MD (Hospital Medicine), Hartford Hospital Audiology. CARDIAC DEVICE CLINIC. Hudson River Cancer Center (405-555-0155 x2240). New member ID is XJK904417723.', 'en'),
    [['MRN', 'LIMA-55021'], ['DATE', '4/16/24'], ['NAME', 'Gabriel Santiago-Ortiz'], ['NAME', 'Harper Nilsson'], ['NAME', 'Grace Obi'], ['HOSPITAL', 'Hartford'],
      ['HOSPITAL', 'Hudson River Cancer'], ['PHONE', '405-555-0155'], ['PHONE', '2240'], ['ID', 'XJK904417723']]);
  // a place right after "habite" (no preposition); a rehabilitation centre's name with its article
  assert.deepEqual(labels("Le fils habite Périgueux ; il habite seul. Centre de Réadaptation Le Hohneck."), [['CITY', 'Périgueux'], ['HOSPITAL', 'Le Hohneck']]);
  // a practice named before its specialty takes two words that are not generic ("Little Sprouts Pediatrics"; not "Interventional Radiology")
  assert.deepEqual(labels('Seen at Little Sprouts Pediatrics, then Interventional Radiology and General Pediatrics.', 'en'), [['HOSPITAL', 'Little Sprouts']]);
  // US addresses: a direction without its dot, numbered streets; the line after "ST 12345" is no city; a state's code before a ZIP is no name
  assert.deepEqual(labels('2210 W Broad St, Suite 300, Columbus, OH 43204\nPt: seen. Moved to 4902 N 19th Ave Apt 221, Phoenix AZ 85015; 2602 6th Ave.', 'en'),
    [['ADDRESS', '2210 W Broad St, Suite 300'], ['CITY', 'Columbus'], ['ZIP', '43204'], ['ADDRESS', '4902 N 19th Ave Apt 221'], ['CITY', 'Phoenix'], ['ZIP', '85015'], ['ADDRESS', '2602 6th Ave']]);
  // English: a person and a credential are no city ("D. Boateng, MA", "Kim Ngo, MA"; "Chelsea, MA" is one; a stop word before a city is
  // left out: "From El Paso, TX"); "Parents:" is a cue; units and verbs around numbers ("2000 IU" no year; "delivered 2/10" a date);
  // the number after "MRN:" is no SSN
  assert.deepEqual(labels('Given by D. Boateng, MA. Reply from Kim Ngo, MA. Seen in Chelsea, MA. From El Paso, TX. Parents: Parisa Rahimi (mom). Vitamin D 2000 IU. Concentrator delivered 2/10. MRN: 100-47-2291.', 'en'),
    [['NAME', 'D. Boateng'], ['NAME', 'Kim Ngo'], ['CITY', 'Chelsea'], ['CITY', 'El Paso'], ['NAME', 'Parisa Rahimi'], ['DATE', '2/10'], ['MRN', '100-47-2291']]);
  // French GP notes: a letter's place and date ("Saint-Flour, le 28 août 2024", "Fait à Crest, le …"; not "Madame, le 3 mars"); pharmacies
  // and laboratories by name (not "Pharmacie du Centre", "laboratoire BIOCHIMIE"); "Drs X / Y"; a Corsican ADELI; an IBAN with a wrong key after "IBAN"
  assert.deepEqual(labels("Saint-Flour, le 28 août 2024\nMadame, le 3 mars. Fait à Crest, le 02/09/2024. Pharmacie Lannelongue ; Laboratoire Bio Sud Corse ; Pharmacie du Centre ; le laboratoire BIOCHIMIE. Cabinet Drs LEMAIRE / FONTANEL. ADELI 2A6023418. IBAN FR76 1690 6000 1702 4518 3321 094."),
    [['CITY', 'Saint-Flour'], ['DATE', '28 août 2024'], ['DATE', '3 mars'], ['CITY', 'Crest'], ['DATE', '02/09/2024'], ['HOSPITAL', 'Lannelongue'], ['HOSPITAL', 'Bio Sud Corse'],
      ['NAME', 'LEMAIRE'], ['NAME', 'FONTANEL'], ['ID', '2A6023418'], ['IBAN', 'FR76 1690 6000 1702 4518 3321 094']]);
  // a name found with a title, a cue or a first name is found again alone ("… — Ashworth-Cole —"), not an acronym, not at a sentence's
  // start when it is also a word, not an eponym; a possessive ends a name ("Dr. Batista's ACL protocol")
  assert.deepEqual(labels("PCP: Dr. Benjamin Ashworth-Cole\natorvastatin — Ashworth-Cole — daily. Per Dr. Batista's ACL protocol; ACL tear. Rose Martin came. Rose bushes. Martin sign.", 'en'),
    [['NAME', 'Benjamin Ashworth-Cole'], ['NAME', 'Ashworth-Cole'], ['NAME', 'Batista'], ['NAME', 'Rose Martin']]);
  // after a field's cue and colon, "Surname, Given names" (given names in no dictionary too; "John" was left in clear); "Pt:" is such a cue;
  // a nickname in brackets and quotes after a name
  assert.deepEqual(labels('Patient: Smith, John   DOB: 1950-01-05. Pt: Okafor, Chinedu   MRN: 00483921. Decedent: Margaret Anne Kowalczyk ("Peggy"). Pt tolerated well.', 'en').filter(([l]) => l === 'NAME'),
    [['NAME', 'Smith'], ['NAME', 'John'], ['NAME', 'Okafor'], ['NAME', 'Chinedu'], ['NAME', 'Margaret Anne Kowalczyk'], ['NAME', 'Peggy']]);
  // English primary care: pharmacies (a chain's store number, a name before Pharmacy/Apothecary; not "Mail Order Pharmacy"); a street named
  // after a hospital and its direction after the street word; license, MR#, Group:, kit # numbers; no initial after a number; "Grace period"
  assert.deepEqual(labels('Walgreens #09127; Kroger Pharmacy #0582; Tower District Pharmacy; Mail Order Pharmacy. 1120 Hospital Dr NE, Bldg B. PA license MD-438812. Facility MR#: BSN-10277. Group: 711546. Kit # UT24-0918835. Grace period. UF 2.8 L. Heparin per protocol. HF Clinic.', 'en'),
    [['HOSPITAL', 'Walgreens #09127'], ['HOSPITAL', 'Kroger Pharmacy #0582'], ['HOSPITAL', 'Tower District'], ['ADDRESS', '1120 Hospital Dr NE, Bldg B'], ['ID', 'MD-438812'],
      ['ID', 'BSN-10277'], ['ID', '711546'], ['ID', 'UT24-0918835']]);
  // a town after "à" and its département in brackets, in no dictionary too (not "Score de Glasgow (15)")
  assert.deepEqual(labels('Domicile à Thônes (74). Née à Saint-Servan (35). Score de Glasgow (15).'), [['CITY', 'Thônes'], ['CITY', 'Saint-Servan']]);
  // terse notes: "pt:"/"pat :" fields with an upper-case surname and a lower-case first name (not "pt tolerated"), a lower-case first name
  // before a credential, a priest's "Fr.", an emergency contact, a letter's "Re:"; a record number's letters, "circle of Willis" are no names
  assert.deepEqual(labels('handoff to lucia m. RN at bedside.', 'en'), [['NAME', 'lucia m.']]);
  assert.deepEqual(labels('pt: GARCIA-LOPEZ, ramon  67M. SN: carla r, RN. Paged Fr. Okoro. EMERGENCY CONTACT: Grace Kowalczyk-Hale (daughter). Re: Jordan Ellis-Navarro. pt tolerated well; pt NPO. Left circle of Willis. Order ORD-231017-052.', 'en').filter(([l]) => l === 'NAME'),
    [['NAME', 'GARCIA-LOPEZ, ramon'], ['NAME', 'carla r'], ['NAME', 'Okoro'], ['NAME', 'Grace Kowalczyk-Hale'], ['NAME', 'Jordan Ellis-Navarro']]);
  assert.deepEqual(labels('pat : LE ROUX jean-yves  81a').filter(([l]) => l === 'NAME'), [['NAME', 'LE ROUX jean-yves']]);
  // a record number's digits after its letters and a dash, 5 digits or more ("ORD-231017-052"; not "COVID-19", "ISO-9001", "SARS-CoV-2")
  assert.deepEqual(labels('Rx ORD-231017-052; CT24-0118827 read; COVID-19, ISO-9001, SARS-CoV-2.', 'en'), [['ID', '231017-052'], ['ID', '0118827']]);
  // people named by their role: a coach, an officer, a teacher
  assert.deepEqual(labels('Coach Garza and I wondered; Officer D. Kaminski came. Coach said ok.', 'en'), [['NAME', 'Garza'], ['NAME', 'D. Kaminski']]);
  // a signature of initials after a dash at a line's end, after a sentence's end or at a line's start (not "- RAS", not "Bilan - ECG")
  assert.deepEqual(labels('Recheck needed after. —LF\n- JT\nVu ce jour. - RAS\nBilan - ECG', 'en'), [['NAME', 'LF'], ['NAME', 'JT']]);
  // numbers of US forms after their cue; letter-led record numbers; a qualifier in brackets; not "in order to", not a PCR test
  assert.deepEqual(labels('MRN: SA-2287741; MRN HRMC0091834; MRN (sending): CBCH-20017; FIN: 9100283374; Chart # NDR-10447; Visit #: QC-W-240706-031; referral #24-00193; Order # RQ9917452; REQUISITION: RQ-5529014; auth # A24-3318827; Agency ID BHH-23-08817; interpreter ID 402265; Lic. #PT014882.', 'en').filter(([l]) => l !== 'DATE'),
    [['MRN', 'SA-2287741'], ['MRN', 'HRMC0091834'], ['MRN', 'CBCH-20017'], ['ID', '9100283374'], ['ID', 'NDR-10447'], ['ID', 'QC-W-240706-031'], ['ID', '24-00193'], ['ID', 'RQ9917452'], ['ID', 'RQ-5529014'],
      ['ID', 'A24-3318827'], ['ID', 'BHH-23-08817'], ['ID', '402265'], ['ID', 'PT014882']]);
  assert.deepEqual(labels('In order to rule out, PCR positive in 2019; order 2 units; reference range 3.5-5.0.', 'en').filter(([l]) => l === 'ID'), []);
  assert.deepEqual(labels("Carte d'identité n° 120175302123 ; titre de séjour n° 7501234567 ; numéro de passeport : 18AV12345."),
    [['ID', '120175302123'], ['ID', '7501234567'], ['ID', '18AV12345']]);
  // a year before a comma; a widow's married name
  assert.deepEqual(labels('Appendicectomie (1972, Dr Roux) ; 1972,5 mg. Mme Germaine Dubois veuve Lemoine.'), [['DATE', '1972'], ['NAME', 'Roux'], ['NAME', 'Germaine Dubois'], ['NAME', 'Lemoine']]);
  // a year written in words after the day and month
  assert.deepEqual(labels('Vue le lundi 23 novembre deux mille vingt-six ; le 3 mars mille patients.'), [['DATE', '23 novembre deux mille vingt-six'], ['DATE', '3 mars']]);
  // words that tell an age over 89
  assert.deepEqual(labels('Patiente centenaire, son frère nonagénaire ; non centenaires.'), [['AGE', 'centenaire'], ['AGE', 'nonagénaire'], ['AGE', 'centenaires']]);
  assert.deepEqual(labels('A nonagenarian seen today.', 'en'), [['AGE', 'nonagenarian']]);
  // a NIR printed with dots or hyphens between its groups
  assert.deepEqual(labels('N° de sécurité sociale : 1.52.03.84.007.123.45 ; NIR 2-85-05-2A-006-084-36.'), [['NIR', '1.52.03.84.007.123.45'], ['NIR', '2-85-05-2A-006-084-36']]);
});

test('dates with dashes or slashes around the month (laboratory systems), ages written with a hyphen', () => {
  assert.deepEqual(labels('A 90 y.o. man born in 1931, seen until 2019, then lost.', 'en'), [['AGE', '90 y.o.'], ['BIRTHDATE', '1931'], ['DATE', '2019']]);
  assert.deepEqual(labels('Suivi courant 2019, puis perdu de vue.'), [['DATE', '2019']]);
  assert.deepEqual(labels('Seen 3-Jan-2020 and 01/JAN/2020; a 92-year-old man.', 'en'), [['DATE', '3-Jan-2020'], ['DATE', '01/JAN/2020'], ['AGE', '92-year-old']]);
  assert.deepEqual(labels('Prélevé le 12-mars-2020.'), [['DATE', '12-mars-2020']]);
});

test('hospital stay and record numbers after their cue; a cue word inside a longer word is no cue', () => {
  assert.deepEqual(labels('N° de séjour : 2024-000123.'), [['NDA', '2024-000123']]);
  assert.deepEqual(labels('Numéro de dossier 87654321'), [['ID', '87654321']]);
  assert.deepEqual(labels('Medical record no. A123456', 'en'), [['MRN', 'A123456']]);
  // "Patient identifies…": the letters after "Patient id" make it a word, not the cue "patient id"
  assert.deepEqual(labels('Patient ide96289ntifies as heterosexual.', 'en').filter(([l]) => l === 'ID'), []);
});

test('health professions are weak cues: a name after them, never an ordinary capitalized word; N° is no initial', () => {
  assert.deepEqual(labels('Psychologue : Zulmira Mauran N° ADELI'), [['NAME', 'Zulmira Mauran']]);
  assert.deepEqual(labels('Kinésithérapeute : DUPONT'), [['NAME', 'DUPONT']]);
  assert.deepEqual(labels('Infirmière Dupont est passée.'), [['NAME', 'Dupont']]);
  // a capitalized word after a profession is not a name by itself (no dictionary hit, no name after it)
  assert.deepEqual(labels('Infirmière : Pansement refait.'), []);
  assert.deepEqual(labels('Secrétaire Adjointe : Marie Blanc'), [['NAME', 'Marie Blanc']]);
  assert.deepEqual(labels('Docteur Blücher Audrey N° RPPS'), [['NAME', 'Blücher Audrey']]);
  // surname particles: capitalized ones join the name; lower-case ones between two names too
  assert.deepEqual(labels('Patiente de 67 ans, Mme Françoise LE GOFF, adressée par le Dr Hervé Le Bihan.'), [['NAME', 'Françoise LE GOFF'], ['NAME', 'Hervé Le Bihan']]);
  assert.deepEqual(labels('Mme LE GOFF est revue. Vu par le Dr De La Fontaine.'), [['NAME', 'LE GOFF'], ['NAME', 'De La Fontaine']]);
  assert.deepEqual(labels('Charles de Gaulle est né à Lille.'), [['NAME', 'Charles de Gaulle'], ['CITY', 'Lille']]);
  assert.deepEqual(labels('Marie Dupont de Paris.'), [['NAME', 'Marie Dupont'], ['CITY', 'Paris']]); // a place after "de" stays a place
  assert.deepEqual(labels('Dr Martin Le patient va mieux. Dr Martin. Le lendemain.'), [['NAME', 'Martin'], ['NAME', 'Martin']]);
  // a sentence's dot after an unabbreviated month is not part of the date; an abbreviation keeps it
  assert.deepEqual(labels('Vu aux urgences le 3 janvier. Revu le 5 févr. 2024, puis le 7 sept.'), [['DATE', '3 janvier'], ['DATE', '5 févr. 2024'], ['DATE', '7 sept.']]);
  // maiden names after "née"; field words stay out of the name; "Né(e) le" is a birth cue
  assert.deepEqual(labels('Mme Martin, née Lefebvre, vue ce jour.'), [['NAME', 'Martin'], ['NAME', 'Lefebvre']]);
  assert.deepEqual(recognize('Nom : DUPONT   Prénom : Marie   Né(e) le : 12/03/1950', { lang: 'fr' }).map((x) => x.label), ['NAME', 'NAME', 'BIRTHDATE']);
  assert.deepEqual(labels('NOM: MARTIN PRENOM: JEAN-PIERRE'), [['NAME', 'MARTIN'], ['NAME', 'JEAN-PIERRE']]);
  // a maiden name or a birthplace between "née" and the date; a sentence's end after a cue word
  assert.deepEqual(recognize('Mme LE MEUR, née Kerdraon le 02/05/1948. Né à Quimper le 3 mars 1950.', { lang: 'fr' }).map((x) => x.label), ['NAME', 'NAME', 'BIRTHDATE', 'CITY', 'BIRTHDATE']);
  assert.deepEqual(labels('Elle est née. Revue le 12/03/2020.'), [['DATE', '12/03/2020']]);
  // common first names that are also English words, before a known surname, mid-sentence; not a
  // longer Title-case run (an organization)
  assert.deepEqual(labels('Yesterday John Smith was seen; we called Mary Jones. Covered by Blue Cross Blue Shield.', 'en'), [['NAME', 'John Smith'], ['NAME', 'Mary Jones']]);
  // US city, state and ZIP; a kinship word then a comma then the name
  assert.deepEqual(labels('Lives at 742 Evergreen Terrace, Springfield, IL 62704-1234 with his wife, Mary.', 'en'),
    [['ADDRESS', '742 Evergreen Terrace'], ['CITY', 'Springfield'], ['ZIP', '62704-1234'], ['NAME', 'Mary']]);
  assert.deepEqual(labels('Seen by Dr. Smith, MD 2 times.', 'en'), [['NAME', 'Smith']]);
  // named places of residence and care homes; file numbers written in parts; ADELI numbers
  assert.deepEqual(labels('Lieu-dit Kerbihan, 29300 Quimperlé. Vit à la Résidence Les Pins puis à l’EHPAD Les Glycines.'),
    [['ADDRESS', 'Kerbihan'], ['ZIP', '29300'], ['CITY', 'Quimperlé'], ['ADDRESS', 'Les Pins'], ['HOSPITAL', 'Les Glycines']]);
  assert.deepEqual(labels('Dossier n° 2024-000123 ; ADELI : 751234567'), [['ID', '2024-000123'], ['ID', '751234567']]);
  // ages over 89 after a cue, without a unit; English month/day without a year
  assert.deepEqual(labels('Patient aged 91, follow-up on 4/15.', 'en'), [['AGE', '91'], ['DATE', '4/15']]);
  assert.deepEqual(labels('Patiente âgée de 93, revue le 4/15.'), [['AGE', '93']]); // French: 4/15 is no day/month
  // a known first name at a sentence start is a name, unless it is also a word there
  assert.deepEqual(labels('Barnabé passe beaucoup de temps à parler. Margot va mieux.'), [['NAME', 'Barnabé'], ['NAME', 'Margot']]);
  assert.deepEqual(labels('Claire amélioration depuis hier. Rose et gonflée, la plaie est propre.'), []);
  assert.deepEqual(labels('Claire Dupuis va mieux.'), [['NAME', 'Claire Dupuis']]);
  // street numbers spelled out; "deux rues plus loin" is no address
  assert.deepEqual(labels('Habite au sept allée des roses, deux rues plus loin.'), [['ADDRESS', 'sept allée des roses']]);
  // a letter's heading: the place before ", le <date>" even when it is also a first name
  assert.deepEqual(labels('Paris, le 14 mars 2024'), [['CITY', 'Paris'], ['DATE', '14 mars 2024']]);
  assert.deepEqual(labels('Vit seule, Nancy 54000. Domicile : Paris (75013).'), [['CITY', 'Nancy'], ['ZIP', '54000'], ['CITY', 'Paris'], ['ZIP', '75013']]);
  // days listed or ranged before a date are date elements; a count before a date is not
  assert.deepEqual(labels('Hospitalisé du 2 au 9 mars 2023, revu les 2, 5 et 9/04/2023.'),
    [['DATE', '2'], ['DATE', '9 mars 2023'], ['DATE', '2'], ['DATE', '5'], ['DATE', '9/04/2023']]);
  assert.deepEqual(labels('Prendre de 2 à 3 comprimés le 9 mars.'), [['DATE', '9 mars']]);
  assert.deepEqual(labels('Seen from March 2 to March 9; 2 mg in May 2 doses.', 'en'), [['DATE', 'March 2'], ['DATE', 'March 9']]);
  assert.deepEqual(labels('Pain 7/10, improved to 3/10. Apgar 8/9.', 'en'), []);
  assert.deepEqual(labels('Seen on 7/10 for follow-up.', 'en'), [['DATE', '7/10']]);
  // "sœur" (with the ligature) is a kinship cue like "soeur"
  assert.deepEqual(labels('Accompagnée de sa sœur Zulmira.'), [['NAME', 'Zulmira']]);
  assert.deepEqual(labels('Accompagnée de sa soeur Zulmira.'), [['NAME', 'Zulmira']]);
});

test('surrogate dates: every recognized layout is shifted and written back in its own layout (known answers, +40 days)', () => {
  const cases: [string, 'fr' | 'en', string | null][] = [
    ['12/03/2020', 'fr', '21/04/2020'], ['2020-03-12', 'fr', '2020-04-21'], ['2021/01/12', 'fr', '2021/02/21'], ['12.03.20', 'fr', '21.04.20'],
    ['19500105', 'en', '19500214'], ['23022018', 'fr', '04042018'], ['12 mars 2020', 'fr', '21 avril 2020'], ['1er mars 2020', 'fr', '10 avril 2020'],
    ['3-Jan-2020', 'en', '12-Feb-2020'], ['01/JAN/2020', 'en', '10/FEB/2020'], ['12-mars-2020', 'fr', '21-avril-2020'], ['March 3, 2020', 'en', 'April 12, 2020'],
    ['Jan 5th 1929', 'en', 'Feb 14th 1929'], ['janvier 2020', 'fr', 'février 2020'], ['31 janv.', 'fr', '12 mars'], ['12/03', 'fr', '21/04'],
    ['12/25/2020', 'en', '02/03/2021'], ['3/14/69', 'en', '4/23/69'], ['1931', 'fr', '1932'], ['2/30/2020', 'en', null], ['05nov', 'fr', null],
  ];
  // (a year alone moves by a year at least, whatever the shift's size, the way it goes: it never stays itself; a month and
  // year by a month at least)
  assert.equal(shiftDateText('1931', -3, 'fr'), '1930');
  assert.equal(shiftDateText('mars 2020', 5, 'fr'), 'avril 2020');
  assert.equal(shiftDateText('mars 2020', -5, 'fr'), 'février 2020');
  for (const [d, lang, want] of cases) assert.equal(shiftDateText(d, 40, lang), want, d);
  // intervals are kept: two dates of one person shifted by the same offset stay 10 days apart
  assert.equal(shiftDateText('2020-03-12', -17, 'fr'), '2020-02-24');
  assert.equal(shiftDateText('22/03/2020', -17, 'fr'), '05/03/2020');
});

test('surrogate NIRs and SSNs are valid numbers in the original layout (property over keys and layouts)', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), fc.constantFrom('1 52 03 84 007 123 45', '1.52.03.84.007.123.45', '152038400712345', '2 85 05 2A 006 084', '2-85-05-2B-006-084-36'), (seed, nir) => {
    const k = keyFromText(seed.toString(16).padStart(8, '0').repeat(8));
    const out = redactText(`NIR : ${nir}. SSN 123-45-6789.`, { lang: 'fr', replacement: 'surrogate', key: k }).text;
    const m = /^NIR : (.+)\. SSN (\d{3}-\d{2}-\d{4})\.$/.exec(out);
    assert.ok(m, out);
    const got = m![1]!;
    // the same separators at the same places, only digits where the original had digits or 2A/2B
    assert.equal(got.replace(/\d/g, '9'), nir.replace(/[0-9AB]/g, '9'));
    const c = checkNir(got);
    assert.ok(c.wellFormed && (c.hasKey ? c.keyValid : nir.replace(/\D/g, '').length === 12), `${nir} → ${got}`);
    assert.ok(isSsn(m![2]!, true), m![2]);
  }), { numRuns: 200, seed: 7 });
});

test('replacement policies: tag, mask, surrogate (consistent per document / per person), pseudonym', () => {
  const t = 'Jean DUPONT vu le 12/03/2020. Jean DUPONT revu le 19/03/2020.';
  assert.equal(redactText(t, { lang: 'fr' }).text, '[NOM] vu le [DATE]. [NOM] revu le [DATE].');
  assert.equal(redactText(t, { lang: 'en' }).text, '[NAME] vu le [DATE]. [NAME] revu le [DATE].');
  assert.equal(redactText(t, { lang: 'fr', replacement: 'mask' }).text, '*** vu le ***. *** revu le ***.');
  const s = redactText(t, { lang: 'fr', replacement: 'surrogate' }).text;
  const m = /^(.+) vu le (\d\d\/\d\d\/\d{4})\. (.+) revu le (\d\d\/\d\d\/\d{4})\.$/.exec(s);
  assert.ok(m, s);
  assert.equal(m![1], m![3]); // same name → same surrogate in the document
  assert.notEqual(m![1], 'Jean DUPONT');
  const days = (d: string) => { const [dd, mm, yy] = d.split('/').map(Number); return Date.UTC(yy!, mm! - 1, dd!) / 864e5; };
  assert.equal(days(m![4]!) - days(m![2]!), 7); // interval preserved
  const a = redactText(t, { lang: 'fr', replacement: 'surrogate', key, personId: 'p1' }).text;
  const b = redactText('Jean DUPONT vu le 12/03/2020.', { lang: 'fr', replacement: 'surrogate', key, personId: 'p1' }).text;
  assert.ok(a.startsWith(b.slice(0, -1)), `${a} / ${b}`); // same person, same key → same surrogates across documents
  const p = redactText(t, { lang: 'fr', replacement: 'pseudonym', key }).text;
  assert.match(p, /^\[NOM v1:[a-z2-7]{26}\] vu le \[DATE v1:[a-z2-7]{26}\]/);
  assert.throws(() => redactText(t, { replacement: 'pseudonym' }), /needs a key/);
  assert.deepEqual(redactTexts([t, null], { lang: 'fr' }), ['[NOM] vu le [DATE]. [NOM] revu le [DATE].', null]);
  // without a key every call draws a fresh random function: over 20 calls the date shift (one of
  // 730 values) takes at least 2 values unless the draws are not fresh (false alarm < 730^-19)
  const shifts = new Set(Array.from({ length: 20 }, () => redactText('vu le 12/03/2020', { lang: 'fr', replacement: 'surrogate' }).text));
  assert.ok(shifts.size >= 2, [...shifts].join(' | '));
  // with a key (document scope) the same call gives the same text
  assert.equal(redactText(t, { lang: 'fr', replacement: 'surrogate', key }).text, redactText(t, { lang: 'fr', replacement: 'surrogate', key }).text);
});

test('surrogates in the language of the text: English names, surnames and cities in English text, INSEE ones in French text; the last name word is a surname (property over keys)', () => {
  const en = JSON.parse(readFileSync(new URL('./data/en-surrogates.json', import.meta.url), 'utf8')) as { first: string[]; last: string[]; cities: string[] };
  const first = new Set(en.first), last = new Set(en.last), cities = new Set(en.cities);
  fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), (seed) => {
    const k = keyFromText(seed.toString(16).padStart(8, '0').repeat(8));
    const out = redactText('Seen by Dr. Emily Chen. John Smith lives in Boston, MA 02108. Email john.smith@gmail.com.', { lang: 'en', replacement: 'surrogate', key: k }).text;
    const m = /^Seen by Dr\. (\S+) (\S+)\. (\S+) (\S+) lives in (.+), MA \d{5}\. Email ([a-z]+)\.\d{4}@example\.org\.$/.exec(out);
    assert.ok(m, out);
    assert.ok(first.has(m![1]!) && first.has(m![3]!), out); // first names from the English pool
    assert.ok(last.has(m![2]!) && last.has(m![4]!), out); // "Chen", "Smith": surnames from the English pool
    assert.ok(cities.has(m![5]!), out);
    const fr = redactText('Vu par le Dr Marie Dupont à Lyon.', { lang: 'fr', replacement: 'surrogate', key: k }).text;
    const f = /^Vu par le Dr (\S+) (\S+) à (.+)\.$/.exec(fr);
    assert.ok(f, fr);
    const d = dictionaries();
    assert.ok(d.firstNames.has(fold(f![1]!)) && d.surnames.has(fold(f![2]!)) && d.cities.has(fold(f![3]!)), fr); // INSEE and COG pools
  }), { numRuns: 50, seed: 11 });
});

test('TextRedactor: a text in pieces, cut at blank lines into parts, gives what redactText gives; one replacer for all parts', () => {
  const notes = Array.from({ length: 40 }, (_, i) => `Mme Marie DUPONT, née le ${String(1 + (i % 28)).padStart(2, '0')}/03/1931, tél. 01 42 21 32 ${String(10 + i)}.\nRevue par le Dr Pierre MARTIN.`);
  const text = notes.join('\n\n');
  const r = new TextRedactor({ lang: 'fr', partSize: 300, keepSpans: true });
  let out = '';
  for (let i = 0; i < text.length; i += 37) out += r.push(text.slice(i, i + 37)); // pieces that cut words and lines
  out += r.end();
  const whole = redactText(text, { lang: 'fr' });
  assert.equal(out, whole.text);
  assert.deepEqual(r.spans.map((s) => [s.start, s.end, s.label]), whole.spans.map((s) => [s.start, s.end, s.label]));
  assert.equal(r.counts.NAME, 80);
  // surrogates: the same name gets the same surrogate in every part
  const sr = new TextRedactor({ lang: 'fr', replacement: 'surrogate', partSize: 300 });
  const sur = sr.push(text) + sr.end();
  const names = [...sur.matchAll(/^Mme (.+?), née/gm)].map((m) => m[1]);
  assert.equal(names.length, 40);
  assert.equal(new Set(names).size, 1, names.join(' | '));
  assert.notEqual(names[0], 'Marie DUPONT');
  // no blank line: parts end at line breaks
  const lines = notes.join('\n');
  const lr = new TextRedactor({ lang: 'fr', partSize: 300 });
  assert.equal(lr.push(lines) + lr.end(), redactText(lines, { lang: 'fr' }).text);
  // an identifier across a cut (a phone wrapped over a line break, a NIR across a space) is found whole: the part goes on to its end
  const long = 'Patiente Mme Marie DUPONT, NIR 2 51 07 29 232 045 07, tel 06 12 34 56 78, vue par le Dr Martin le 12/03/2024. '.repeat(20)
    + 'Mme Marie\nDUPONT au 06 12 34\n56 78 pour le suivi.\n';
  for (const partSize of [97, 200, 333, 500]) {
    const tr = new TextRedactor({ lang: 'fr', partSize });
    let o = '';
    for (let i = 0; i < long.length; i += 37) o += tr.push(long.slice(i, i + 37));
    o += tr.end();
    assert.equal(o, redactText(long, { lang: 'fr' }).text, `partSize ${partSize}`);
  }
  // the parts are the text's own, however it arrives: a cut is made once the margin after it is read (a wrapped phone
  // right after a cut was split in two when a piece ended within the margin)
  const wrapped = Array.from({ length: 30 }, (_, i) => `Vu le ${String(1 + (i % 28)).padStart(2, '0')}/03/2024.\nRappeler au 06 12 34\n56 ${String(10 + i)} demain.`).join('\n');
  for (let partSize = 100; partSize < 160; partSize += 3) {
    const outputs = new Set<string>();
    for (const piece of [1, 7, 64, 300, wrapped.length]) {
      const tr = new TextRedactor({ lang: 'fr', partSize });
      let o = '';
      for (let i = 0; i < wrapped.length; i += piece) o += tr.push(wrapped.slice(i, i + piece));
      outputs.add(o + tr.end());
    }
    assert.equal(outputs.size, 1, `partSize ${partSize}: the output depends on the pieces`);
    assert.doesNotMatch([...outputs][0]!, /\d{2}/, `partSize ${partSize}: a number is left`);
  }
  // a line without spaces is never cut between the halves of a character beyond the BMP
  const emoji = '😀😀😀x'.repeat(400);
  const er = new TextRedactor({ lang: 'fr', partSize: 101 });
  assert.equal(er.push(emoji) + er.end(), emoji);
});

test('names the document tells: initials of a found name, dictation initials, a found name again in lower case, table columns, kinship', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'en') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  // initials of a full name found in the document, after per/by or in brackets (not a state's code after a city)
  assert.deepEqual(names('Mr. Hugh Tierney is seen. Per HT, wife Margaret cooks.'), ['Hugh Tierney', 'HT', 'Margaret']);
  assert.deepEqual(names('logged by T. Ngata, CPhT (TN)'), ['T. Ngata', 'TN']);
  assert.deepEqual(names('Seen by Dr. Tom Nash in Nashville (TN).'), ['Tom Nash']);
  assert.deepEqual(names('HT is well controlled.'), []); // (no name with those initials)
  // dictation initials at a line's end; a unit is none
  assert.deepEqual(names('DD: 08/20/2093   TD: 08/21/2093   DO/ms'), ['DO', 'ms']);
  assert.deepEqual(names('Signé\nCR/ml', 'fr'), ['CR', 'ml']);
  assert.deepEqual(names('Insuline 10 UI/ml\nPerfusion 2 g/j', 'fr'), []);
  // a first name typed in lower case after a kinship word, and found again in lower case (not inside an e-mail address)
  assert.deepEqual(names('vu avec sa fille nadia ; rdv pris par nadia (nadia.b@mail.fr). son fils va bien.', 'fr'), ['nadia', 'nadia']);
  assert.deepEqual(names('per daughter kim, pt ok'), ['kim']);
  // a delimited table: the header names the column, or the column's other cells are names
  assert.deepEqual(names('MRN|LAST|FIRST|DOB\n001|YOUNG|HUNTER|1/2/1950\n002|PARK|JI-HOON|3/4/1960'), ['YOUNG', 'HUNTER', 'PARK', 'JI-HOON']);
  assert.deepEqual(names('02/12/24 | 09:14 | YOUNG, HUNTER | RX7720193\n02/12/24 | 10:02 | PAGE, LORETTA | RX7719544\n02/12/24 | 15:22 | PARK, JI-HOON | RX7725003'),
    ['YOUNG, HUNTER', 'PAGE, LORETTA', 'PARK, JI-HOON']);
  assert.deepEqual(names('Dose | Voie | Horaire\nParacétamol | PO | matin\nMorphine | IV | soir', 'fr'), []);
});

test('dates: a day after a week day, May after a cue, years up to 2099 (shifted records), not quantities; an SSN with spaces after its cue', () => {
  const of = (t: string, l: string, lang: 'fr' | 'en' = 'en') => labels(t, lang).filter(([a]) => a === l).map(([, v]) => v);
  assert.deepEqual(of('rdv déplacé vendredi 22 16h30 ; lundi 8h ; revu lundi 3 mars 2024', 'DATE', 'fr'), ['vendredi 22', '3 mars 2024']);
  assert.deepEqual(of('Seen Tuesday 14th. Retired in May. May need a refill.', 'DATE'), ['Tuesday 14th', 'May']);
  assert.deepEqual(of('Hypertension, diagnosed 2079; DES 2091. Intake 2080 mL, 2060 kcal.', 'DATE'), ['2079', '2091']);
  assert.deepEqual(of('SSN: 318 74 2096    Employee ID: E-204917', 'SSN'), ['318 74 2096']);
});

test('names after social and administrative roles and new credentials; a list letter at a line start is no initial', () => {
  const names = (t: string) => labels(t, 'en').filter(([l]) => l === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('caseworker Joy Adeyemi left a message. Employee: Oluwaseun Adebayo. Clinician: Dallas Brooks, LMHC'), ['Joy Adeyemi', 'Oluwaseun Adebayo', 'Dallas Brooks']);
  assert.deepEqual(names('Therapist: Connor Walsh, PT, DPT'), ['Connor Walsh']);
  assert.deepEqual(names('A. Terminal ileum, biopsy: chronic ileitis.\nB. Received in formalin.\nJ. Whitehorse was called.'), ['J. Whitehorse']);
});

test('organizations: practices and centres by kind (cabinet médical, centre dentaire, hôpitaux), schools, insurers, laboratories, employers after their cue, laboratory networks', () => {
  const of = (t: string, lang: 'fr' | 'en') => labels(t, lang).filter(([l]) => l === 'HOSPITAL').map(([, v]) => v);
  assert.deepEqual(of('Dr Lefèvre, Cabinet médical Vauban. Centre dentaire Capitole. Hôpitaux Universitaires de Strasbourg. le cabinet médical de la rue.', 'fr'),
    ['Vauban', 'Capitole', 'Strasbourg']);
  // (a nurses' or physiotherapists' practice is named after its carers: their names, "Cabinet infirmier Morel")
  assert.deepEqual(of('attending Highland Ridge Elementary; Desert Sky Health Plan; Sonoran Reference Laboratories; Brigham and Women\'s Hospital. Support Group on Monday. the Health Plan.', 'en'),
    ['Highland Ridge', 'Desert Sky Health', 'Sonoran Reference', 'Brigham and Women\'s']);
  assert.deepEqual(of('Works as a machinist at General Dynamics. Retired from General Dynamics in May. works for Dr. Lee. Employer: Self. works at home.', 'en'),
    ['General Dynamics', 'General Dynamics']);
  assert.deepEqual(of('bio demain labo Cerballiance Lyon 8: iono. Employeur : Logistique Rhône-Alpes SAS, ZI des Ponts. Matricule salarié : M-004521', 'fr'),
    ['Cerballiance Lyon 8', 'Logistique Rhône-Alpes SAS']);
});

test('identifiers: letters glued to 6-12 digits (not a lot number), numbers after n° (not a law\'s), matricule, slashed values; phones: "0 800", an extension in two groups, x4-5521', () => {
  const of = (t: string, l: string, lang: 'fr' | 'en' = 'fr') => labels(t, lang).filter(([a]) => a === l).map(([, v]) => v);
  assert.deepEqual(of('RX7720193 | Dossier patient : P0098123 | Vaxelis lot X018412 | COVID19 | HbA1c', 'ID'), ['RX7720193', 'P0098123']);
  assert.deepEqual(of('N° de prélèvement : H24-007351. Matricule salarié : M-004521. devis n° DV2024-0112. dossier D-18834. CPAM n° 2026/84/000123. chambre n° 12. Décret n° 2013-1066.', 'ID'),
    ['H24-007351', 'M-004521', 'DV2024-0112', 'D-18834', '2026/84/000123']);
  assert.deepEqual(of('interpreter #48817', 'ID', 'en'), ['48817']);
  assert.deepEqual(of('INS (matricule) : 150063807512296', 'NIR'), ['150063807512296']);
  assert.deepEqual(of('Pour toute question : 0 800 71 23 90 (poste 63 218).', 'PHONE'), ['0 800 71 23 90', '63 218']);
  assert.deepEqual(of('Joy Bishop, MD, x4-5521', 'PHONE', 'en'), ['4-5521']);
});

test('an IBAN of its country\'s length with a wrong key; a lone first name after a residence cue is the town; a table\'s header line is no name; a record number\'s tail is no postal code', () => {
  assert.deepEqual(labels('compte enregistré : FR76 3000 3021 4500 0504 3821 176.'), [['IBAN', 'FR76 3000 3021 4500 0504 3821 176']]);
  assert.deepEqual(labels('Lives with his wife Margaret in Quincy. moved to Austin last year.', 'en'), [['NAME', 'Margaret'], ['CITY', 'Quincy'], ['CITY', 'Austin']]);
  assert.deepEqual(labels('DATE | PATIENT | PRESCRIBER\n02/12/24 | YOUNG, HUNTER | Dr. S. Mehta\n02/12/24 | PAGE, LORETTA | Dr Kim', 'en').filter(([l]) => l === 'NAME'),
    [['NAME', 'YOUNG, HUNTER'], ['NAME', 'S. Mehta'], ['NAME', 'PAGE, LORETTA'], ['NAME', 'Kim']]);
  assert.deepEqual(labels('dossier D-18834\nAllergie : pénicilline. Adresse F-75013 Paris.'), [['ID', 'D-18834'], ['ZIP', '75013'], ['CITY', 'Paris']]);
});

test('exports and headers: typed columns by their header (CSV with ; or , too), several dictation initials, e-mail header fields; years with an apostrophe; a murmur grade is no date; French care structures; a town after a place of care or an address', () => {
  const t = 'IPP;NOM;PRENOM;DDN;CP;VILLE;TEL\n700112345;MERCIER;Avril;12/04/1988;20000;Ajaccio;0612457890\n700118876;DIALLO;Oumar;1969-02-28;13003;Marseille;04 91 62 35 18';
  assert.deepEqual(labels(t).slice(0, 7), [['ID', '700112345'], ['NAME', 'MERCIER'], ['NAME', 'Avril'], ['DATE', '12/04/1988'], ['ZIP', '20000'], ['CITY', 'Ajaccio'], ['PHONE', '0612457890']]);
  assert.deepEqual(labels('MRN,LAST,FIRST\n0012345,Young,Hunter\n0012346,Park,Ji-hoon\nI saw him, then her, then them.', 'en'),
    [['ID', '0012345'], ['NAME', 'Young'], ['NAME', 'Hunter'], ['ID', '0012346'], ['NAME', 'Park'], ['NAME', 'Ji-hoon']]);
  assert.deepEqual(labels('Signé\nHM/CP/sl\nMA/dlr   D: 10/04/92\nM. Austin MD / jt', 'en').filter(([l]) => l === 'NAME').map(([, v]) => v), ['HM', 'CP', 'sl', 'MA', 'dlr', 'Austin', 'jt']);
  assert.deepEqual(labels('From: Jae-won Park\nTo: Nurse Line\nCC: MVC\nThanks,\nJae-won Park', 'en').filter(([l]) => l === 'NAME').map(([, v]) => v), ['Jae-won Park', 'Line', 'Jae-won Park']);
  assert.deepEqual(labels("s/p TAH in '85; the '80s; Murmur 2/6 at apex; 3/6 SEM.", 'en'), [['DATE', '85']]);
  assert.deepEqual(labels('Souffle systolique 2/6 au foyer mitral. Revoir mi-mai.'), [['DATE', 'mai']]);
  assert.deepEqual(labels('suivi au CMP de Villeurbanne-Gratte-Ciel ; HAD Nord-Isère ; MSP Les Marronniers ; le CMP assure le suivi ; Psychologue HAD Mme Inès Caron').filter(([l]) => l === 'HOSPITAL'),
    [['HOSPITAL', 'Villeurbanne-Gratte-Ciel'], ['HOSPITAL', 'Nord-Isère'], ['HOSPITAL', 'Les Marronniers']]);
  assert.deepEqual(labels('radio Imagerie du Beffroi (Lens). VAD, 2 rue du Four, Arras - code porte. Hôpital Bichat (AP-HP).').filter(([l]) => l === 'CITY'), [['CITY', 'Lens'], ['CITY', 'Arras']]);
});

test('a key-value table\'s first line is no header; ages told by "now"; "Group #: 0074193-002" is no phone; a form\'s next field is no city; organizations of more kinds', () => {
  const t = '| Médecin traitant | Dr Vincent Mercier, Eybens – RPPS 10004567812 |\n| Adresseur | Dr Laurent Vienne, chirurgien |\n| Motif | prothèse totale de genou |';
  assert.deepEqual(labels(t).filter(([l]) => l === 'NAME').map(([, v]) => v), ['Vincent Mercier', 'Laurent Vienne']);
  assert.deepEqual(labels('I saw Mrs. Lattimore, now 91, for follow-up. HR now 95 bpm. BP now 95/60.', 'en').filter(([l]) => l === 'AGE'), [['AGE', '91']]);
  assert.deepEqual(labels('Member ID: YRH448201937    Group #: 0074193-002', 'en'), [['ID', 'YRH448201937'], ['ID', '0074193-002']]);
  assert.deepEqual(labels('Code postal : 35400\nNom : MORVAN'), [['ZIP', '35400'], ['NAME', 'MORVAN']]);
  assert.deepEqual(labels('well child at Lakeshore Pediatrics; Little Dreams Family Daycare; Kowalczyk Property Management; Northside Cardiology said.', 'en').filter(([l]) => l === 'HOSPITAL').map(([, v]) => v),
    ['Lakeshore', 'Little Dreams Family', 'Kowalczyk Property']);
});

test('terse notes: a lower-case name after mme/dr even when a word, signatures ending lines, a kin\'s name in brackets, a lower-case name before a lower-case credential; French small fractions are no dates', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'fr') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('rés : mme boucher germaine. prévenu dr castres (mt). noté pr demain. l\'interne demain. orifice interne fermé. madame va mieux.'), ['boucher germaine', 'castres']);
  assert.deepEqual(names('d/w dr okafor. dr aware. dr visit tomorrow.', 'en'), ['okafor']);
  const t = '12/03 7h10 : pas de chute. tt pris. ras. cl\n12/03 12h : mange peu → stim. m.k. as\n12/03 16h : toilette faite, effleurage + protection. sophie\n13/03 7h : fièvre, dr prévenu. cl\n13/03 11h : 1ère dose donnée. m.k.\n13/03 15h : bien. ras.';
  assert.deepEqual(names(t), ['cl', 'm.k.', 'sophie', 'cl', 'm.k.']);
  assert.deepEqual(names('appel de la fille (rose) au tél. sa fille nadia.'), ['rose', 'nadia']);
  assert.deepEqual(names('sbar 0340, k. brooks rn to tiffany nguyen rn. the new rn came.', 'en'), ['k. brooks', 'tiffany nguyen']);
  assert.deepEqual(labels('mange 1/2 plateau, 3/4 du repas ; revu le 1/2 à 10h').filter(([l]) => l === 'DATE'), [['DATE', '1/2']]);
});

test('terse notes, continued: a patient field with two lower-case names, initials before a lower-case credential and at a line\'s start, kin names that are words, dictation initials in capitals, a line of dotted initials, holidays after a date\'s word', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'en') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('pt: rich young, 78m\n- ry voided 650 cc\n- wife joy at bedside; son hunter flying in; wife will bring his inhaler\nreport given by kc rn to mjb rn; the new rn; 4 cm, DDS'),
    ['rich young', 'ry', 'joy', 'hunter', 'kc', 'mjb']);
  assert.deepEqual(names('pt: stable overnight. Protective factors: girlfriend, job, dog. d/w dr a. kowalski.'), ['a. kowalski']);
  assert.deepEqual(names('Dictée SB/CL — frappée le 13.03.24\nCordialement,\nK.Ö.\nU.S.A.\nSon mari Gérard', 'fr'), ['SB', 'CL', 'K.Ö.', 'Gérard']);
  assert.deepEqual(labels('deux chutes depuis Noël. Noël Durand est venu.', 'fr'), [['DATE', 'Noël'], ['NAME', 'Noël Durand']]);
});

test('a city before a state\'s name, a place of care named again, "dicté par EC", an age column, a particle in a name cell; a year that numbers a street or tells a time is none', () => {
  assert.deepEqual(labels('visiting her son in Austin, Texas; seen by Dr. Smith, Texas Oncology.', 'en').filter(([l]) => l === 'CITY'), [['CITY', 'Austin']]);
  assert.deepEqual(labels('Mercy Ridge Medical Center - Medicine\nHe presented to the Mercy Ridge ED on March 14.', 'en').filter(([l]) => l === 'HOSPITAL').map(([, v]) => v), ['Mercy Ridge Medical', 'Mercy Ridge']);
  assert.deepEqual(labels('Dicté par EC, frappé par sl le 16.02.24 ; revu par le Dr Roux').filter(([l]) => l === 'NAME').map(([, v]) => v), ['EC', 'sl', 'Roux']);
  const t = 'IPP|NOM|PRENOM|AGE|CP\n700123871|de LA FONTAINE|Marie-Claire|91|47300\n700124315|NGUYEN VAN|Thanh|75|82000';
  assert.deepEqual(labels(t).filter(([l]) => l !== 'ID' && l !== 'ZIP'), [['NAME', 'de LA FONTAINE'], ['NAME', 'Marie-Claire'], ['AGE', '91'], ['NAME', 'NGUYEN VAN'], ['NAME', 'Thanh']]);
  assert.deepEqual(labels('sent to Bayou Apothecary, 1907 Line Avenue, Shreveport; repeat lactate at 2000; born in 1950.', 'en').filter(([l]) => l === 'DATE' || l === 'BIRTHDATE'), [['BIRTHDATE', '1950']]);
});

test('keep labels and language detection', () => {
  assert.equal(redactText('Vu à Paris le 12/03/2020.', { lang: 'fr', keep: ['CITY'] }).text, 'Vu à Paris le [DATE].');
  assert.equal(detectLanguage('The patient was seen with his wife and no fever'), 'en');
  assert.equal(detectLanguage('Le patient a été vu avec sa femme, pas de fièvre'), 'fr');
});

test('overlap resolution: priorities, same-label merge, output sorted and disjoint (property)', () => {
  const s = (start: number, end: number, label: Span['label'], score = 0.5): Span => ({ start, end, label, score, rule: 't' });
  // the address wins the overlap; the name keeps what the address does not cover
  assert.deepEqual(resolveOverlaps([s(0, 10, 'NAME'), s(5, 15, 'ADDRESS')]).map((x) => [x.label, x.start, x.end]), [['NAME', 0, 5], ['ADDRESS', 5, 15]]);
  assert.deepEqual(resolveOverlaps([s(0, 10, 'NAME'), s(1, 15, 'ADDRESS')]).map((x) => x.label), ['ADDRESS']);
  assert.deepEqual(resolveOverlaps([s(0, 4, 'NAME'), s(5, 10, 'NAME')], 'Jean DUPON').map((x) => [x.start, x.end]), [[0, 10]]);
  assert.deepEqual(resolveOverlaps([s(0, 14, 'PHONE'), s(0, 10, 'DATE')]).map((x) => x.label), ['PHONE']);
  // a piece left to the loser loses the spaces and punctuation at its cut ends
  assert.deepEqual(resolveOverlaps([s(0, 11, 'NAME'), s(3, 11, 'HOSPITAL')], 'GH H.MONDOR').map((x) => [x.label, x.start, x.end]), [['NAME', 0, 2], ['HOSPITAL', 3, 11]]);
  assert.deepEqual(resolveOverlaps([s(0, 7, 'CITY'), s(6, 20, 'NAME')], 'Lille C. NEPHROPATIE').map((x) => [x.label, x.start, x.end]), [['CITY', 0, 7], ['NAME', 9, 20]]);
  const labelsArb = fc.constantFrom<Span['label']>('NAME', 'DATE', 'PHONE', 'NIR', 'CITY');
  fc.assert(fc.property(fc.array(fc.tuple(fc.nat(100), fc.integer({ min: 1, max: 20 }), labelsArb)), (arr) => {
    const out = resolveOverlaps(arr.map(([a, l, lab]) => s(a, a + l, lab)));
    for (let i = 1; i < out.length; i++) if (out[i]!.start < out[i - 1]!.end) return false;
    // nothing recognized disappears silently: an input span overlaps a kept span, unless what is
    // left of it once the winners are taken out is only pieces under 2 characters (documented rule)
    return arr.every(([a, l]) => {
      if (out.some((o) => o.start < a + l && a < o.end)) return true;
      let run = 0;
      for (let x = a; x < a + l; x++) {
        const covered = out.some((o) => o.start <= x && x < o.end);
        run = covered ? 0 : run + 1;
        if (run >= 2) return false;
      }
      return true;
    });
  }), { numRuns: 300, seed: 20261128 });
  // the counterexample that once made this property fail: a 1-character phone remainder is dropped
  assert.deepEqual(resolveOverlaps([s(4, 5, 'PHONE'), s(4, 6, 'PHONE'), s(5, 6, 'NIR')]).map((x) => [x.label, x.start, x.end]), [['NIR', 5, 6]]);
});

test('evaluation on the EDS-Pseudo templates and Synthea notes meets the recorded floor', (t) => {
  const paths = datasetPaths(new URL('../../', import.meta.url));
  if (!paths.edsPresent || !paths.syntheaPresent) { t.skip('../shared/data/fr-clinical-pseudo-eds-templates or synthea-ca-59 absent'); return; }
  const m = evaluate([...loadEdsTemplates(paths.eds), ...loadSyntheaNotes(paths.synthea)]).metrics;
  // floors just under the figures reported in docs/text.md (a regression makes this fail)
  assert.ok(m.NAME!.recall >= 0.98 && m.NAME!.precision >= 0.925, JSON.stringify(m.NAME));
  assert.ok(m.DATE!.recall >= 0.965 && m.DATE!.precision >= 0.95, JSON.stringify(m.DATE));
  assert.ok(m.PHONE!.recall >= 0.97 && m.PHONE!.precision >= 0.93, JSON.stringify(m.PHONE));
  assert.ok(m.NIR!.recall >= 0.97 && m.NIR!.precision >= 0.95, JSON.stringify(m.NIR));
  assert.ok(m.ADDRESS!.recall >= 0.93 && m.ID!.recall >= 0.96 && m.ZIP!.recall >= 0.93, JSON.stringify([m.ADDRESS, m.ID, m.ZIP]));
  assert.ok(m.HOSPITAL!.recall >= 0.82 && m.HOSPITAL!.precision >= 0.9, JSON.stringify(m.HOSPITAL));
  assert.ok(m.CITY!.recall >= 0.83 && m.CITY!.precision >= 0.9, JSON.stringify(m.CITY));
});

test('written notes (test/fixtures/text-notes): the marks parse, and the halves not used to write rules keep their recorded floor', () => {
  const paths = datasetPaths(new URL('../../', import.meta.url));
  // floors just under the figures reported in docs/text-journal.md (evaluation rounds) for the halves not used to write rules: [NAME R, NAME P, DATE R, DATE P, PHONE R, all R, all P]
  const floors: [string, number, number[]][] = [
    ['notes-fr', 40, [0.97, 0.96, 0.98, 0.94, 0.91, 0.935, 0.96]],
    ['notes-en', 40, [0.97, 0.93, 0.97, 0.95, 0.96, 0.93, 0.95]],
    ['notes-fr-gp', 30, [0.96, 0.97, 0.97, 0.95, 0.99, 0.935, 0.96]],
    ['notes-en-primary', 30, [0.96, 0.89, 0.99, 0.97, 0.99, 0.92, 0.94]],
    // set 3: names are missed most there (lower-case names in terse notes, tables)
    ['notes-fr-mixed', 20, [0.82, 0.96, 0.98, 0.98, 0.99, 0.85, 0.97]],
    ['notes-en-mixed', 20, [0.74, 0.94, 0.97, 0.98, 0.92, 0.75, 0.95]],
    // set 4 (hospital and community French, longitudinal records and care across the US)
    ['notes-fr-hosp', 20, [0.84, 0.93, 0.99, 0.99, 0.99, 0.92, 0.97]],
    ['notes-fr-ville', 20, [0.92, 0.99, 0.99, 0.89, 0.99, 0.91, 0.96]],
    ['notes-en-records', 20, [0.90, 0.95, 0.87, 0.97, 0.92, 0.83, 0.96]],
    ['notes-en-care', 20, [0.85, 0.94, 0.93, 0.93, 0.99, 0.83, 0.95]],
    // set 5 (written last: French hospital and community, a GPs' observatory, US records, US care)
    ['notes-fr-mixed2', 16, [0.92, 0.96, 0.99, 0.99, 0.94, 0.92, 0.98]],
    ['notes-fr-observatory', 16, [0.92, 0.97, 0.96, 0.99, 0.99, 0.92, 0.98]],
    ['notes-en-records2', 12, [0.82, 0.92, 0.97, 0.99, 0.99, 0.89, 0.965]],
    ['notes-en-care2', 16, [0.72, 0.88, 0.99, 0.965, 0.94, 0.78, 0.93]],
    // set 6 (the last: every kind, French and English)
    ['notes-fr-mixed3', 12, [0.91, 0.95, 0.99, 0.99, 0.99, 0.93, 0.96]],
    ['notes-en-mixed3', 12, [0.86, 0.91, 0.99, 0.99, 0.99, 0.90, 0.965]],
    // set 7
    ['notes-fr-mixed4', 14, [0.95, 0.95, 0.99, 0.99, 0.99, 0.90, 0.945]],
    ['notes-en-mixed4', 14, [0.95, 0.885, 0.99, 0.99, 0.99, 0.86, 0.95]],
    // set 8
    ['notes-fr-mixed5', 14, [0.93, 0.99, 0.96, 0.99, 0.99, 0.90, 0.99]],
    ['notes-en-mixed5', 14, [0.845, 0.94, 0.965, 0.965, 0.99, 0.845, 0.95]],
    // set 9
    ['notes-fr-mixed6', 14, [0.94, 0.92, 0.99, 0.99, 0.99, 0.885, 0.935]],
    ['notes-en-mixed6', 14, [0.88, 0.975, 0.965, 0.99, 0.99, 0.89, 0.98]],
    // set 10 (French, US, and British / Canadian / Australian)
    ['notes-fr-mixed7', 14, [0.965, 0.985, 0.99, 0.99, 0.99, 0.92, 0.97]],
    ['notes-en-mixed7', 14, [0.90, 0.925, 0.99, 0.99, 0.99, 0.885, 0.96]],
    ['notes-en-intl', 14, [0.885, 0.95, 0.955, 0.99, 0.90, 0.85, 0.965]],
    // set 11
    ['notes-fr-mixed8', 16, [0.86, 0.99, 0.99, 0.95, 0.99, 0.89, 0.97]],
    ['notes-en-mixed8', 16, [0.94, 0.93, 0.955, 0.975, 0.99, 0.875, 0.96]],
    // set 12
    ['notes-fr-mixed9', 16, [0.98, 0.89, 0.99, 0.96, 0.99, 0.88, 0.935]],
    ['notes-en-mixed9', 16, [0.93, 0.94, 0.94, 0.885, 0.99, 0.91, 0.935]],
    // set 13
    ['notes-fr-mixed10', 16, [0.83, 0.97, 0.99, 0.99, 0.99, 0.82, 0.96]],
    ['notes-en-mixed10', 16, [0.83, 0.915, 0.96, 0.99, 0.85, 0.785, 0.95]],
    // set 14 (the French file's test half was read too: rules were written from the whole French set after its arrival score;
    // no rule from the US file)
    ['notes-fr-mixed11', 16, [0.99, 0.96, 0.99, 0.99, 0.91, 0.93, 0.96]],
    ['notes-en-mixed11', 16, [0.94, 0.965, 0.99, 0.99, 0.92, 0.92, 0.975]],
    // set 15
    ['notes-fr-mixed12', 16, [0.93, 0.935, 0.98, 0.98, 0.99, 0.895, 0.95]],
    ['notes-en-mixed12', 16, [0.93, 0.92, 0.935, 0.98, 0.925, 0.85, 0.95]],
    // set 16: no rule written from it (the session's last measure on unseen notes)
    ['notes-fr-mixed13', 16, [0.945, 0.98, 0.99, 0.975, 0.99, 0.90, 0.965]],
    ['notes-en-mixed13', 16, [0.905, 0.935, 0.99, 0.99, 0.99, 0.915, 0.96]],
    // set 17 (rules from its dev halves only)
    ['notes-fr-mixed14', 16, [0.96, 0.92, 0.99, 0.98, 0.99, 0.905, 0.94]],
    ['notes-en-mixed14', 16, [0.875, 0.935, 0.935, 0.975, 0.96, 0.84, 0.96]],
    // set 18 (rules from its dev halves only)
    ['notes-fr-mixed15', 16, [0.91, 0.88, 0.97, 0.98, 0.95, 0.875, 0.95]],
    ['notes-en-mixed15', 16, [0.85, 0.93, 0.92, 0.99, 0.895, 0.84, 0.955]],
    // set 19 (rules from its dev halves only; the writers of mixed17 saw set 18's form, not the rules)
    ['notes-fr-mixed16', 16, [0.92, 0.905, 0.95, 0.99, 0.915, 0.885, 0.955]],
    ['notes-en-mixed16', 16, [0.88, 0.93, 0.90, 0.99, 0.945, 0.87, 0.96]],
    ['notes-fr-mixed17', 16, [0.92, 0.97, 0.99, 0.99, 0.93, 0.895, 0.98]],
    ['notes-en-mixed17', 16, [0.945, 0.92, 0.955, 0.99, 0.99, 0.92, 0.96]],
    // set 20 (rules from its dev halves only)
    ['notes-fr-mixed18', 16, [0.895, 0.965, 0.935, 0.99, 0.99, 0.895, 0.98]],
    ['notes-en-mixed18', 16, [0.76, 0.95, 0.98, 0.99, 0.99, 0.865, 0.975]],
    // set 21 (rules from its dev halves only)
    ['notes-fr-mixed19', 16, [0.89, 0.945, 0.99, 0.99, 0.99, 0.905, 0.97]],
    ['notes-en-mixed19', 16, [0.835, 0.945, 0.975, 0.975, 0.895, 0.84, 0.965]],
    // set 22 (rules from its dev halves only, in the session after it arrived)
    ['notes-fr-mixed20', 16, [0.93, 0.97, 0.96, 0.99, 0.99, 0.89, 0.975]],
    ['notes-en-mixed20', 16, [0.82, 0.92, 0.91, 0.97, 0.99, 0.855, 0.945]],
    // set 23: no rule written from it (the session's measure on unseen notes)
    ['notes-fr-mixed21', 20, [0.91, 0.98, 0.885, 0.96, 0.99, 0.855, 0.965]],
    ['notes-en-mixed21', 20, [0.855, 0.88, 0.87, 0.99, 0.99, 0.795, 0.925]],
    // set 24 (rules from its dev halves only)
    ['notes-fr-mixed22', 20, [0.925, 0.96, 0.89, 0.975, 0.87, 0.86, 0.965]],
    ['notes-en-mixed22', 20, [0.81, 0.97, 0.97, 0.99, 0.99, 0.85, 0.975]],
    // sets 25 and 26 (rules from their dev halves only; fr-mixed25 is set 25's second French writer)
    ['notes-fr-mixed23', 20, [0.86, 0.955, 0.945, 0.975, 0.935, 0.855, 0.96]],
    ['notes-en-mixed23', 20, [0.78, 0.93, 0.93, 0.99, 0.84, 0.805, 0.96]],
    ['notes-fr-mixed24', 20, [0.94, 0.99, 0.935, 0.99, 0.855, 0.90, 0.98]],
    ['notes-en-mixed24', 20, [0.855, 0.90, 0.865, 0.975, 0.87, 0.79, 0.94]],
    ['notes-fr-mixed25', 20, [0.89, 0.96, 0.955, 0.98, 0.99, 0.84, 0.965]],
    // set 27 (rules from its dev halves only; two writers per language)
    ['notes-fr-mixed26', 20, [0.92, 0.99, 0.98, 0.99, 0.96, 0.85, 0.985]],
    ['notes-en-mixed25', 20, [0.90, 0.945, 0.98, 0.99, 0.935, 0.905, 0.975]],
    ['notes-fr-mixed27', 20, [0.825, 0.945, 0.955, 0.90, 0.66, 0.83, 0.935]],
    ['notes-en-mixed26', 20, [0.745, 0.92, 0.74, 0.96, 0.99, 0.73, 0.945]],
    // set 28 (rules from its dev halves only; two writers per language)
    ['notes-fr-mixed28', 20, [0.95, 0.935, 0.89, 0.99, 0.99, 0.87, 0.95]],
    // (en-mixed27's writer marked eight logins built from names as ID; the marking brief says NAME, and they are NAME since
    // the logins' rule: its NAME recall floor moved from 0.895 to the relabelled gold's)
    ['notes-en-mixed27', 20, [0.865, 0.95, 0.97, 0.93, 0.99, 0.78, 0.94]],
    ['notes-fr-mixed29', 20, [0.90, 0.94, 0.885, 0.97, 0.95, 0.825, 0.93]],
    ['notes-en-mixed28', 20, [0.74, 0.90, 0.865, 0.935, 0.99, 0.765, 0.895]],
    // set 29 (rules from its dev halves only; two writers per language)
    ['notes-fr-mixed30', 20, [0.94, 0.97, 0.955, 0.98, 0.895, 0.85, 0.96]],
    ['notes-en-mixed29', 20, [0.875, 0.925, 0.97, 0.99, 0.99, 0.81, 0.945]],
    ['notes-fr-mixed31', 20, [0.875, 0.95, 0.95, 0.99, 0.99, 0.89, 0.97]],
    ['notes-en-mixed30', 20, [0.80, 0.89, 0.99, 0.99, 0.99, 0.865, 0.945]],
    // set 30 (rules from its dev halves only; two writers per language)
    ['notes-fr-mixed32', 20, [0.91, 0.965, 0.99, 0.97, 0.99, 0.83, 0.95]],
    ['notes-en-mixed31', 20, [0.875, 0.945, 0.96, 0.95, 0.955, 0.805, 0.955]],
    ['notes-fr-mixed33', 20, [0.865, 0.955, 0.94, 0.985, 0.99, 0.835, 0.96]],
    ['notes-en-mixed32', 20, [0.895, 0.935, 0.985, 0.955, 0.99, 0.85, 0.955]],
    // set 31: arrived after the logins' rule was written (the test halves as they arrived; fr-mixed35 and en-mixed34 are
    // exported or hurried documents)
    ['notes-fr-mixed34', 20, [0.76, 0.965, 0.965, 0.945, 0.87, 0.76, 0.95]],
    ['notes-en-mixed33', 20, [0.875, 0.94, 0.965, 0.90, 0.99, 0.79, 0.92]],
    ['notes-fr-mixed35', 20, [0.85, 0.965, 0.745, 0.98, 0.99, 0.815, 0.965]],
    ['notes-en-mixed34', 20, [0.54, 0.96, 0.89, 0.99, 0.89, 0.67, 0.955]],
    // set 32: arrived after the given names of no list and before the quoted CSV fields, the bracketed log operators and the
    // capitals of the vocabularies (written from the dev halves; fr-mixed37 and en-mixed36 are exported or hurried documents)
    ['notes-fr-mixed36', 20, [0.95, 0.95, 0.99, 0.955, 0.87, 0.86, 0.955]],
    ['notes-en-mixed35', 20, [0.93, 0.93, 0.97, 0.895, 0.99, 0.815, 0.92]],
    ['notes-fr-mixed37', 20, [0.83, 0.955, 0.975, 0.975, 0.835, 0.875, 0.96]],
    ['notes-en-mixed36', 20, [0.66, 0.92, 0.97, 0.99, 0.915, 0.71, 0.945]],
  ];
  assert.deepEqual(floors.map(([name]) => name), paths.notes.map((n) => n.name));
  for (const [name, count, f] of floors) {
    const { lang, path } = paths.notes.find((n) => n.name === name)!;
    const all = loadMarkedNotes(path, lang);
    assert.equal(all.length, count);
    const raw = readFileSync(path, 'utf8');
    // every gold span is the text that was marked, and no mark is left in the text
    for (const d of all) {
      assert.ok(!d.text.includes('{{') && !d.text.includes('}}'), d.id);
      for (const g of d.gold) assert.ok(raw.includes(`|${d.text.slice(g.start, g.end)}}}`), `${d.id}: ${d.text.slice(g.start, g.end)}`);
    }
    assert.equal(loadMarkedNotes(path, lang, 'dev').length + loadMarkedNotes(path, lang, 'test').length, count);
    const m = evaluate(loadMarkedNotes(path, lang, 'test')).metrics;
    const got = [m.NAME!.recall, m.NAME!.precision, m.DATE!.recall, m.DATE!.precision, m.PHONE!.recall, m.ALL!.recall, m.ALL!.precision];
    got.forEach((v, k) => assert.ok(v >= f[k]!, `${name} test half: ${['NAME R', 'NAME P', 'DATE R', 'DATE P', 'PHONE R', 'all R', 'all P'][k]} ${v} < ${f[k]}`));
  }
});

test('set 9-10 dev halves: plural kin, kin lists in lower case, quoted nicknames, a name again after a credential, signatures after dashes, aligned tables, a legend of initials; a week day or a place is no name', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'en') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('Children Deja (9) and Malik (5) are with her; walk w/ daughters Sat AM. Her children are at school.'), ['Deja', 'Malik']);
  assert.deepEqual(names('ses enfants nadia et karim viennent samedi', 'fr'), ['nadia', 'karim']);
  assert.deepEqual(names('Mr. Rivers (goes by "Will") is here. She prefers to be called "Dottie". The so called "Cardiac" diet; he prefers "Tylenol".'), ['Rivers', 'Will', 'Dottie']);
  assert.deepEqual(names('Referred by: Yesenia Morales, LICSW. ROI signed for Yesenia Morales.\nDallas Whitfield, MD\nShe drove to Dallas in March.'),
    ['Yesenia Morales', 'Yesenia Morales', 'Dallas Whitfield']);
  assert.deepEqual(names('Called RN. -- TB\nTolerated well. -jb\ncholecalciferol 2000 IU — daily — OTC'), ['TB', 'jb']);
  const sheet = 'CHAIR  PATIENT                  MRN         AGE  RN            TECH  NOTES\n01     HERNANDEZ, Luz Maria     LDC-100482  71   T. Obi        DW    K 2 bath\n09     wojcik, stan             LDC-100871  93   R. dela Cruz  dw    cramps\n';
  assert.deepEqual(labels(sheet, 'en').filter(([l]) => l !== 'DATE'), [['NAME', 'HERNANDEZ, Luz Maria'], ['ID', 'LDC-100482'], ['NAME', 'T. Obi'], ['NAME', 'DW'],
    ['NAME', 'wojcik, stan'], ['ID', 'LDC-100871'], ['AGE', '93'], ['NAME', 'R. dela Cruz  dw']]); // (two names two spaces apart are one span, resolve.ts)
  assert.deepEqual(names('09:12  JB   Incoming call. -JB\n09:40  Dr MK  Reviewed JB note. am ok.\nKey: JB = Jess Bowden RN; MK = Dr Mai Khanh Le'),
    ['JB', 'JB', 'MK', 'JB', 'JB', 'Jess Bowden', 'MK', 'Mai Khanh']);
});

test('British, Canadian and Australian postcodes, phones and health numbers; dictation initials right after "Dict"/"typed"; a list of people after its roles', () => {
  const l = (t: string) => labels(t, 'en');
  assert.deepEqual(l('27 Heol y Nant, Whitchurch, Cardiff CF14 1JB. Tel 029 2055 1847, mobile 07700 914 362').filter(([k]) => k !== 'NAME'),
    [['CITY', 'Cardiff'], ['ZIP', 'CF14 1JB'], ['PHONE', '029 2055 1847'], ['PHONE', '07700 914 362']]);
  assert.deepEqual(l('112 Church Street, Brighton VIC 3186   Ph (03) 9592 4418, mob 0433 905 612'),
    [['ADDRESS', '112 Church Street'], ['CITY', 'Brighton'], ['ZIP', '3186'], ['PHONE', '(03) 9592 4418'], ['PHONE', '0433 905 612']]);
  assert.deepEqual(l('100 King St W, Toronto, ON M5V 2T6. GCS 15 (E4V5M6). CD4 count 350.'), [['ADDRESS', '100 King St W'], ['CITY', 'Toronto'], ['ZIP', 'M5V 2T6']]);
  assert.deepEqual(l('NHS number 943 476 5919; PHN 9123456789; call 943 476 5919'), [['ID', '943 476 5919'], ['ID', '9123456789'], ['PHONE', '943 476 5919']]);
  assert.deepEqual(l('Dict SMP / typed cj. Reviewed CT with family. He typed in the data.'), [['NAME', 'SMP'], ['NAME', 'cj']]);
  assert.deepEqual(l('Present: partner Abdirahman Hassan Farah; doula Wren Marsh (North Doula Collective, 07723 550 118)').filter(([k]) => k === 'NAME'),
    [['NAME', 'Abdirahman Hassan Farah'], ['NAME', 'Wren Marsh']]);
});

test('organizations before their kind (Therapeutics, Surgery, Nursing: two words before a specialty), a town after a travel verb, a name after a role typed in lower case, a language is no name, a nickname again', () => {
  const l = (t: string) => labels(t, 'en');
  assert.deepEqual(l('Sponsor: Aldermann Therapeutics. Referred from Filwood Green Surgery; seen in General Surgery clinic; Plastic Surgery consult.'),
    [['HOSPITAL', 'Aldermann'], ['HOSPITAL', 'Filwood Green']]);
  // (a possessive is no part of a name, and "returned to" no travel verb before it: Sarah is a person)
  assert.deepEqual(l('Son Arjun flying in from Austin on Monday; she returned to Sarah\'s care.').filter(([k]) => k !== 'DATE'), [['NAME', 'Arjun'], ['CITY', 'Austin'], ['NAME', 'Sarah']]);
  assert.deepEqual(l('Family meeting w/ wife, Tamil interpreter Suresh; spoke with social worker Ingrid; daughter Agnieszka interpreted; the nurse Practitioner note.'),
    [['NAME', 'Suresh'], ['NAME', 'Ingrid'], ['NAME', 'Agnieszka']]);
  assert.deepEqual(l('Resident: Dorothy Kaczmarek (prefers "Dot"). At bingo Dot smiled.').filter(([k]) => k === 'NAME').map(([, v]) => v), ['Dorothy Kaczmarek', 'Dot', 'Dot']);
});

test('a month that is a first name after a person\'s title or a field\'s colon; a found name again at a sentence\'s start before a verb; eponyms of drains; a field word only before its colon', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'fr') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('Patiente : Mme AVRIL Martine. Mme Avril est très demandeuse. Rectorragies depuis avril. (mère : Avril MARIN)'), ['AVRIL Martine', 'Avril', 'Avril MARIN']);
  assert.deepEqual(names('Enfant : Marin TRAN-DUBOIS\nMarin est un garçon souriant. Il adore le monde marin. Drain de Blake n° 15.'), ['Marin TRAN-DUBOIS', 'Marin']);
  assert.deepEqual(names('WELL CHILD VISIT\nHardin County EMS - NEW PATIENT INTAKE\nRose Martin came. Rose bushes.', 'en'), ['Rose Martin']);
});

test('set 11 dev halves: a month that is a surname (Ms. March), after a role\'s field (Student: April …); roles before a credential; specialties and "Lic" are no names; a protein change is no Synthea name', () => {
  const l = (t: string) => labels(t, 'en').filter(([k]) => k === 'NAME').map(([, v]) => v);
  assert.deepEqual(l('Student: April Nguyen-Baptiste     Gr: 3\nPatient: Rosalind March       DOB Dec 2, 1958\nMs. March is 65. In early March she travels.'),
    ['April Nguyen-Baptiste', 'Rosalind March', 'March']);
  assert.deepEqual(l('Triage RN: Yesenia Garza, RN. FROM: Kessler & Amari Dermatology, PLLC. BRCA1 c.68_69delAG (p.Glu23ValfsTer17). Autumn454 Kub800 is 18.'),
    ['Yesenia Garza', 'Autumn454 Kub800']);
});

test('dates: a range of ratings, a score out of 15, "7/7 days" and a time after a date are none; "around 9/10" is one', () => {
  const dates = (t: string) => labels(t, 'en').filter(([k]) => k === 'DATE').map(([, v]) => v);
  assert.deepEqual(dates('Pain 1-2/10 w/ activity; Pain: 2-3/10 knees. BIMS 9/15. antidepressant 7/7 days. Date: 11/02/2024  1900. headache around 9/10, seen 12-03-2020.'),
    ['11/02/2024', '9/10', '12-03-2020']);
});

test('set 12 dev halves: a church\'s kind inside its name, denominations and "Next" are no names, a letter after a symbol is no initial, a title is no organization, a nickname before the name in brackets and again with a possessive, eponymous cysts', () => {
  const l = (t: string) => labels(t, 'en');
  assert.deepEqual(l('A Catholic widow, member of Greater Mount Zion Baptist Church; seen at Saint Luke\'s Methodist Hospital. Plan: Next RN visit. Dr. Church saw him.').filter(([k]) => k !== 'DATE'),
    [['HOSPITAL', 'Greater Mount Zion Baptist Church'], ['HOSPITAL', 'Saint Luke\'s Methodist'], ['NAME', 'Church']]);
  assert.deepEqual(l('Coarse BS bilat, R>L. RRR. BAL - MSSA, pan-S. BCx x2 NGTD.'), []);
  assert.deepEqual(l('coworkers "Sully" (Mike Sullivan) and others. "Sully\'s the one." Probable Baker\'s cyst; Dr. Cornelius Baker.').filter(([k]) => k === 'NAME').map(([, v]) => v),
    ['Sully', 'Mike Sullivan', 'Sully', 'Cornelius Baker']);
});

test('set 12 dev half, French: a month in capitals before a first name, a newborn\'s field, initials after a role\'s colon; no initial glued after a digit or a degree sign, nor right or left after a body part', () => {
  const names = (t: string) => labels(t, 'fr').filter(([k]) => k === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('Conjoint : M. JUILLET Thomas\nNouveau-né : JUILLET Rose, née le 9 mai 2024\nIDE : jb / AS : Nadège\nIDE : ras'), ['JUILLET Thomas', 'JUILLET Rose', 'jb', 'Nadège']);
  assert.deepEqual(names('Technique : 3T. Sagittal T1. Douleur de la hanche G. Rougeur sacrée. T 38,8 °C. Bon état général. Vu par G. Rougeaud.'), ['G. Rougeaud']);
});

test('set 13 dev halves: an attendance list (quoted nicknames, items that are no names passed over, names found again), a kin\'s name in brackets, dotted master\'s credentials, evaluators, "License", an id after "ID" that is no Idaho ZIP code', () => {
  const l = (t: string) => labels(t, 'en');
  const t = 'In attendance: Kenji Takahashi (House Manager); Rosalind "Roz" Mbeki-Carter, QIDP; Brenda Szymanski, RN; Tameka Freeman, Hunter Lindqvist\nRoz to review. Staff to call Tameka.';
  assert.deepEqual(l(t).filter(([k]) => k === 'NAME').map(([, v]) => v), ['Kenji Takahashi', 'Rosalind "Roz" Mbeki-Carter', 'Brenda Szymanski', 'Tameka Freeman', 'Hunter Lindqvist', 'Roz', 'Tameka']);
  assert.deepEqual(l('Lives w/ grandson (Hunter, 6); his son (Tylenol allergy) came. Evaluator: April Dominguez-Reyes, M.S., CCC-SLP. License # SP-10884').filter(([k]) => k === 'NAME').map(([, v]) => v),
    ['Hunter', 'April Dominguez-Reyes']);
  assert.deepEqual(l('Language Line ID 38815; Employee ID 83231; Boise ID 83702.').filter(([k]) => k !== 'ID'), [['CITY', 'Boise'], ['ZIP', '83702']]);
});

test('set 13 dev half, continued: a/k/a nicknames, officers\' ranks, a kin\'s full name in brackets, a name of the lists after "in" is a town (not a month, a language, a state)', () => {
  const l = (t: string) => labels(t, 'en').filter(([k]) => k === 'NAME' || k === 'CITY');
  assert.deepEqual(l('Inmate: Jesús Alberto  a/k/a "Chuy". Officer: Ofc. Tyler August (badge 4471). Pt asked that mother (Guadalupe Toledo, 210-555-0115) be notified.'),
    [['NAME', 'Jesús Alberto'], ['NAME', 'Chuy'], ['NAME', 'Tyler August'], ['NAME', 'Guadalupe Toledo']]);
  assert.deepEqual(l('At work in Austin; ED in Albert Lea; seen in Jan; writes in English; care in Vermont; notes in Grace\'s chart.'), [['CITY', 'Austin'], ['CITY', 'Albert Lea']]);
});

test('set 13 dev half, French: verbs after Mme/M., no name after a post-nominal credential nor a measure after a cue, initials alone on the last line after a blank line, lower-case names before a role in capitals', () => {
  const names = (t: string) => labels(t, 'fr').filter(([k]) => k === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('Mme parle peu. M. demande si. I. Haddad, IDE USMP. MÈRE : TA 12/7. Contre-vérif bloc : mc IBODE. Vu avec sophie IDE.\nRevoir le 22.\n\nJYP\n'),
    ['I. Haddad', 'mc', 'sophie', 'JYP']);
  assert.deepEqual(names('Conclusion normale.\n\nRAS'), []);
  assert.deepEqual(names('Cordialement\n\nF. M.'), ['F. M.']);
});

test('set 13-14 French: dictation initials before "dicté", two sets of initials ending a line, the typist\'s after a name, "Rédigé par", a month surname after Dr, initials in brackets after a name used again, lower-case names after a role and after a spaced dash', () => {
  const names = (t: string) => labels(t, 'fr').filter(([k]) => k === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('Réf. : HVK/mc - dicté le 12.03.24\nCotation : significatif.     AG / SZ\nDr P. Sénéchal / TN\nRédigé par JBL\ndose 10 UI / ML\n'),
    ['HVK', 'mc', 'AG', 'SZ', 'P. Sénéchal', 'TN', 'JBL']);
  assert.deepEqual(names('Adressée par le Dr Février. IDE : C. Dumortier (CD)\n01  DUPUIS Léna  CD  RAS'), ['Février', 'C. Dumortier', 'CD', 'DUPUIS Léna  CD']);
  assert.deepEqual(names('fils enlevés par IDE fanny le 17/01. IDE de nuit présente.\nS1 13/01 – yohann\n'), ['fanny', 'yohann']);
});

test('a list of people by first name and initial: an item of that shape beside a found one, found again with its initial; not a citation\'s authors', () => {
  const names = (t: string) => labels(t, 'en').filter(([k]) => k === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('Attendees: Marcus T., Chue L., Ayaan K.\nChue L. was quiet.'), ['Marcus T.', 'Chue L.', 'Ayaan K.', 'Chue L.']);
  assert.deepEqual(names('We saw The D., Marcus T. today. Cited: Bey R, Mouchet A., Hilka M. et al., 2024.').filter((v) => v !== 'Mouchet A.'), ['Marcus T.']);
});

test('set 15 dev half: greetings and closings of messages, lower-case roles before a name, a role\'s acronym after a name and a comma; no name after "Hi" that is no greeting, nor in "Med Onc"', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'en') => labels(t, lang).filter(([k]) => k === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('Hi Seun - this is most likely edema.\nDear Seun, your results are fine.\nHi Flow nasal cannula at 40 L.\nThanks, Seun'), ['Seun', 'Seun', 'Seun']);
  assert.deepEqual(names('aide Yesenia from Comfort Keepers; assistant teacher Deshawn noted; the nurse Practitioner note. Reported by: Tamika Greene, CNA. Rad Onc, Med Onc.'),
    ['Yesenia', 'Deshawn', 'Tamika Greene']);
  assert.deepEqual(labels('le CCAS de Panazol, IDE libérales', 'fr'), [['CITY', 'Panazol']]);
});

test('a month that is a first name after a role typed in lower case, found again before a verb; headings after PATIENT or RESIDENT', () => {
  const names = (t: string) => labels(t, 'en').filter(([k]) => k === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('Present: daughter/primary caregiver June Abernathy-Cole (cell).\nJune reports mom is tired. Trazodone stopped in June.'), ['June Abernathy-Cole', 'June']);
  assert.deepEqual(names('NEW PATIENT INTAKE\nRESIDENT: DUPONT JEAN'), ['DUPONT JEAN']);
});

test('set 16 dev half and set 17 dev halves: new credentials, names found again before more verbs, a lower-case credential before a first name, a month before a name at a line\'s start, dictation pairs with a colon and before lower-case fields, chat speakers, a lower-case patient line, a first name and initial before a role; "ta" before a pressure', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'en') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('Sonographer: DMB, RDMS\nFamily: daughter Gloria Beaumont-Hayes in person. Resident ok. Gloria asks about hospice.'), ['DMB', 'Gloria Beaumont-Hayes', 'Gloria']);
  assert.deepEqual(names('Falls: cna darnell reports she is restless. rn aware. lpn will call. cna notified.'), ['darnell']);
  assert.deepEqual(names('Attendees:\n April Thibodeaux, RN, MDS Coordinator\nAttending: June Okafor\nSeen in April for a cough.'), ['April Thibodeaux', 'June Okafor']);
  assert.deepEqual(names('Plan discussed.\ndictated by RV, transcribed RV/kmt  d: 09/17/2024  t: 09/18/2024\nTW:jlk\nNote:ok'), ['RV', 'RV', 'kmt', 'TW', 'jlk']);
  assert.deepEqual(names('Discussion avec Seb Kiné\n[03/02/2025 08:12] Mathilde: Salut Seb !\n[03/02/2025 08:15] Seb: Ok.\n[03/02/2025 08:16] Mathilde: Merci\n[03/02/2025 08:18] Seb: 👍', 'fr'),
    ['Seb', 'Mathilde', 'Seb', 'Seb', 'Mathilde', 'Seb']);
  // (one line of a speaker is no chat)
  assert.deepEqual(names('[03/02/2025 08:12] Bilan: normal', 'fr'), []);
  assert.deepEqual(names('micu rn handoff\nokonkwo, chidi 67m mrn 40918827\nneuro, rass -2 on prop'), ['okonkwo, chidi']);
  assert.deepEqual(names('Claire M. – gériatre, animatrice\nHoa T. – ergothérapeute\nErgo Hoa : fauteuil adapté\nTotal T. - patient', 'fr'), ['Claire M.', 'Hoa T.', 'Hoa']);
  assert.deepEqual(labels('ex: ta 14/8, revu le 14/8.', 'fr'), [['DATE', '14/8']]);
});

test('the gates and candidate tests of the speed cuts find what the rules find: a store after a markdown heading, dashed dates and records, counties, care-team lines, kinship words', () => {
  const names = (t: string, lang: 'fr' | 'en') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  // (a '#' before a number runs the store rule, a heading's '#' does not; "2013-05-27" is a date, not a dashed record)
  assert.deepEqual(labels('# Plan\nFilled at Walgreens # 1234 and CVS #56. ## Notes', 'en'), [['HOSPITAL', 'Walgreens # 1234'], ['HOSPITAL', 'CVS #56']]);
  assert.deepEqual(labels('seen 2013-05-27, ref 30-03-2024, code 2013-13-45, file 12-34-5678, ID 04-55-21-3.'),
    [['DATE', '2013-05-27'], ['DATE', '30-03-2024'], ['ID', '2013-13-45'], ['ID', '12-34-5678'], ['ID', '04-55-21-3']]);
  assert.deepEqual(labels('Lives in Kings County; Orleans Parish; the Borough of Queens. County Fair.', 'en'), [['CITY', 'Kings County'], ['CITY', 'Orleans Parish']]);
  assert.deepEqual(names('Hoa T. – ergothérapeute\n  - Marc L., kiné\n• Ana P. : IDE\nNote T. ok', 'fr'), ['Hoa T.', 'Marc L.', 'Ana P.']);
  assert.deepEqual(names('Patient lives with Wife, Mary. Son: Kevin. Daughter (Nadia) called. per daughter kim', 'en'), ['Mary', 'Kevin', 'Nadia', 'kim']);
  // (an age over 89 is tried only after an age cue's last letter: not at a phone number's "98")
  assert.deepEqual(labels('Patiente âgée de 95 ans, âgé\u00a0: 101. Tél 06 12 34 98 76.'), [['AGE', '95 ans'], ['AGE', '101'], ['PHONE', '06 12 34 98 76']]);
  assert.deepEqual(labels('Aged: 102, age 97; she is now 91, turned 90 and lives alone. Room 95.', 'en'), [['AGE', '102'], ['AGE', '97'], ['AGE', '91'], ['AGE', '90']]);
});

test('eval data sets load with consistent offsets', (t) => {
  const paths = datasetPaths(new URL('../../', import.meta.url));
  if (!paths.edsPresent) { t.skip('../shared/data/fr-clinical-pseudo-eds-templates absent'); return; }
  const docs = loadEdsTemplates(paths.eds);
  assert.equal(docs.length, 232);
  assert.equal(docs.reduce((n, d) => n + d.gold.length, 0), 1925);
  if (existsSync(paths.synthea)) assert.equal(loadSyntheaNotes(paths.synthea).length, 148);
});

test('set 19 dev halves: a message\'s closing and salutation lines, quoted and bracketed nicknames, logins, dot leaders, dictation before a job number, hospitals in capitals', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'en') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  // a first name that is also a word, alone on the line after a closing or as the body's salutation
  assert.deepEqual(names('Thanks!\nDawn'), ['Dawn']);
  assert.deepEqual(names('Reply from: Evelyn Hartigan, MD\n\nMark,\nThose numbers look great.'), ['Evelyn Hartigan', 'Mark']);
  assert.deepEqual(names('Thanks,\nThe Cardiology Team'), []);
  assert.deepEqual(names('Cordialement,\nColombe', 'fr'), ['Colombe']);
  // nicknames after a found name: quoted (capitalized after a capitalized name), or a first name in brackets that is no town
  assert.deepEqual(names('Client: Harjo, William "Bill"   Agency ID: SVH-30127'), ['Harjo', 'William', 'Bill']);
  assert.deepEqual(names('Dr. Smith "excellent" work'), ['Smith']);
  assert.deepEqual(names('mer 06/03 - mr janvier (jean-baptiste) a oublie son ordo', 'fr'), ['janvier', 'jean-baptiste']);
  assert.deepEqual(names('ancien MT Dr PEREIRA (Saran), parti en retraite', 'fr'), ['PEREIRA']);
  // logins: any after a user's cue; after "saisi par", "export par"… only with a login's shape
  assert.deepEqual(names('utilisateur : mlacroix\nexport par sdelattre\nsaisi par erreur\nUtilisateur : admin', 'fr'), ['mlacroix', 'sdelattre']);
  assert.deepEqual(names('entered by jsmith2; logged in as dmurphy'), ['jsmith2', 'dmurphy']);
  assert.deepEqual(names('Édité le 14/03/2025 07:02 par lgautier — saisie par m.quéré (interne) — généré par le logiciel', 'fr'), ['lgautier', 'm.quéré']);
  // a form's dot leaders; a month-named first name after "Prénom(s) :"
  assert.deepEqual(names('Nom de naissance .......: OKONKWO\nPrénom(s) ..............: April Chidinma', 'fr'), ['OKONKWO', 'April Chidinma']);
  // dictation initials before a job number, after a typing word and its date; a clergyman's title; "Job #" is no name
  assert.deepEqual(labels('Dictated, not read.\n\nPV/dlm   Job #: 884201', 'en'), [['NAME', 'PV'], ['NAME', 'dlm'], ['ID', '884201']]);
  assert.deepEqual(names('Dicté par Dr Xu le 21/02/2025 – dactylographié le 24/02/2025 par cd', 'fr'), ['Xu', 'cd']);
  assert.deepEqual(names('Rev. Ellery, prayer at bedside.'), ['Ellery']);
  // a name that is a word, not again after a determiner in capitals; a lower-case name before a credential in brackets
  assert.deepEqual(names('ORDERING PHYSICIAN: MAJOR, ELIJAH T, MD (ED)\nNO MAJOR VASCULAR ABNORMALITY. CALLED TO DR. MAJOR.'), ['MAJOR', 'ELIJAH T', 'MAJOR']);
  assert.deepEqual(names('ambulated to nurses station x2 w/ jorge (pct), steady.'), ['jorge']);
  // a lower-case first name after a carer's role typed in lower case (no word: not "nurse aware")
  assert.deepEqual(names("07:42 ide soizic : bjr dr, vu avec l'infirmière soizic ; la secrétaire martine a appelé", 'fr'), ['soizic', 'soizic', 'martine']);
  assert.deepEqual(names('nurse aware, the nurse kim called'), ['kim']);
  // a headerless column of signatures: initials and a first name (initials alone may be codes)
  const log = '14/11 | pst ulcere ok | SK\n15/11 | T 38,9 | SK\n15/11 | bilan fait | yann\n16/11 | T 37,6 | SK';
  assert.deepEqual(names(log, 'fr'), ['SK', 'SK', 'yann', 'SK']);
  assert.deepEqual(names(log.replace('yann', 'IV'), 'fr'), []);
  // a dash signature at a line's start, before a role (not a list's items after a heading)
  assert.deepEqual(names('school note thru 11/5.\n-dkw pa-c'), ['dkw']);
  assert.deepEqual(names('labs:\n-cbc\n-bmp\nplan\n-cbc'), []);
  assert.deepEqual(names('Visit: 50 min. Anselm Okafor, PMHNP-BC'), ['Anselm Okafor']);
  // set 20's French dev half: a role in brackets after a signature, a login signature, a name before "(IDE)", four capitals in a dictation
  assert.deepEqual(names('bon moral. -lm (as)\npilulier verifie : ok. -nbouzid\nvisite dr chabrat : bronchite. -jp (ide)', 'fr'), ['lm', 'nbouzid', 'chabrat', 'jp']);
  assert.deepEqual(names('IOA : Céleste (IDE)      Tri : 3\nDicté le 09/03/24 - MLJA/sb', 'fr'), ['Céleste', 'MLJA', 'sb']);
  assert.deepEqual(names('RTC 4 mo with PACT (RN care mgr Beatriz Olmos). Crew: T. Oduya, EMT-B — driver.'), ['Beatriz Olmos', 'T. Oduya']);
  // set 20's US dev half: a login before a credential in brackets; a first name after a midwife's credential in lower case
  assert.deepEqual(names('PACU NOTE 10:40 (lmcandrews, RN): Aldrete 10. 0730 handoff to day cnm beatriz o.; pt asking for dad'), ['lmcandrews', 'beatriz o.']);
  // holidays as dates; a dose in units is no year
  assert.deepEqual(labels('reevaluation apres le mardi gras, depuis la Saint-Nicolas ; Nicolas est venu', 'fr'), [['DATE', 'mardi gras'], ['DATE', 'Saint-Nicolas'], ['NAME', 'Nicolas']]);
  assert.deepEqual(labels('Heparin 2000 u bolus, 1000 u/hr', 'en'), []);
  // an ordinal day after a date's word and "the", or of a month (not a floor, a dose)
  assert.deepEqual(labels("Bring your log on the 16th and we'll check; seen on the 3rd of May; on the 2nd floor; by the 3rd dose.", 'en'),
    [['DATE', '16th'], ['DATE', '3rd of May']]);
  // a small fraction is written with one digit each: "01/04" is a date, "1/2 tab" is none
  assert.deepEqual(labels('rtc 01/04, 1/2 tab', 'en'), [['DATE', '01/04']]);
  assert.deepEqual(labels('rdv 01/04, mange 1/2 plateau', 'fr'), [['DATE', '01/04']]);
  // a town of the dictionary after a place of care's dash or comma; not a department nor a site
  assert.deepEqual(labels('Centre Eugène Marquis - Rennes\nClinique du Parc, Site Sud', 'fr'), [['HOSPITAL', 'Eugène Marquis'], ['CITY', 'Rennes'], ['HOSPITAL', 'Parc']]);
  assert.deepEqual(labels('Mercy Hospital - Cardiology', 'en'), [['HOSPITAL', 'Mercy']]);
  // set 21's French dev half: a name before an age after a visit's date; HPRIM's header lines; a log's speakers by their initials
  assert.deepEqual(names('cs 14/02/24 - gauthier mireille, 52a\nmotif : toux, 3 ans', 'fr'), ['gauthier mireille']);
  assert.deepEqual(labels('****LAB****\n240917-0442\nKOWALCZYK\nJADWIGA\n44300 NANTES', 'fr').filter(([l]) => l === 'NAME'), [['NAME', 'KOWALCZYK'], ['NAME', 'JADWIGA']]);
  assert.deepEqual(names('[11/03 10:05] JR : rappele M. Dufresne\n[11/03 11:42] JR : poids 18 kg\n[12/03 14:30] N. : annule rdv\n08:00 TA : 12/8\n09:00 TA : 13/8', 'fr'),
    ['JR', 'Dufresne', 'JR', 'N.']);
  // set 21's US dev half: an operator's initials after a role's colon (no acronym), past participles in capitals are no names
  assert.deepEqual(names('CALLER AGREED.\nOPER: LQ\n----\nRN: NPO\nACTION: PAGED 18:44. DR RETURNED CALL 18:57, ADVISED ER EVAL.\nDR REED'), ['LQ', 'REED']);
  // (names that end in -ED are no participles: a leak otherwise)
  assert.deepEqual(names('ATTENDING: DR. WALEED HAMEED. DR KHALED ZAYED. RASHED HAMED, MD. DR ZAHED'), ['WALEED HAMEED', 'KHALED ZAYED', 'RASHED HAMED', 'ZAHED']);
  // export columns: who entered the row, a name in lower case of the dictionaries (not a software's), an NHS number (no phone)
  const agenda = 'date;nom;prenom;tel;saisi_par\n15/04/2024;MARTIN;Jeanne;0612457809;sb\n15/04/2024;will;sandrine;0677012845;doctolib\n15/04/2024;SOKOLOVA;Anastasia;0789904412;sb';
  assert.deepEqual(names(agenda, 'fr'), ['MARTIN', 'Jeanne', 'sb', 'will', 'sandrine', 'SOKOLOVA', 'Anastasia', 'sb']);
  assert.deepEqual(labels('Time,Surname,Forename,NHS_No,Mobile\n08:30,PEMBERTON,Grace,485 777 3456,07700 900118\n08:40,OSULLIVAN,Declan,401 023 2137,07700 900257', 'en').filter(([l]) => l !== 'NAME'),
    [['ID', '485 777 3456'], ['PHONE', '07700 900118'], ['ID', '401 023 2137'], ['PHONE', '07700 900257']]);
  // a name before an age and a sex at a handoff line's start (with a space before the sex, a listed name only)
  assert.deepEqual(names('rm 414a  okonjo 81m  chf exac\ns: dawn whitfield-aziz 67f pod1\n- Marchetti 92 F, dementia\nWalked 20 M\nwalked 5 m'),
    ['okonjo', 'dawn whitfield-aziz', 'Marchetti']);
  // notes' acronyms are no names: IVA in capitals only (a first name otherwise, and after a title), RH, DPOA, HCP, ABI, Apgar
  assert.deepEqual(names('stent IVA proximal ; Iva CASTEL ; MME IVA CASTEL ; Contact RH : M. Kévin Lamarre', 'fr'), ['Iva CASTEL', 'IVA CASTEL', 'Kévin Lamarre']);
  assert.deepEqual(names('Caller: Austin Pruitt (son, DPOA on file). Spokesperson / HCP: Austin Holloway. ABI 0.94, Apgar 9'), ['Austin Pruitt', 'Austin Holloway']);
  // (ABI in capitals only, Job before a number or a field's colon only: both are first names too)
  assert.deepEqual(names('Seen with Abi Turner. Job Okafor was seen. Job# 5521873. Job: crane operator. Sent: 02/26/2025'), ['Abi Turner', 'Job Okafor']);
  assert.deepEqual(names('Dr Saad Benali a vu Mme Saad. Aides : SAAD ADMR de Plouër', 'fr'), ['Saad Benali', 'Saad']);
  // French organizations: a hospital in capitals, a mutuelle, a practice, the home-help association
  assert.deepEqual(labels('CENTRE HOSPITALIER DU PAYS VIENNOIS', 'fr'), [['HOSPITAL', 'PAYS VIENNOIS']]);
  assert.deepEqual(labels('Mutuelle Rhin-Vosges Solidarité ; Cabinet des Tilleuls ; SAAD ADMR de Plouër', 'fr'),
    [['HOSPITAL', 'Rhin-Vosges Solidarité'], ['HOSPITAL', 'Tilleuls'], ['HOSPITAL', 'Plouër']]);
  // set 22's dev halves: a markdown table's first line is its header (a login under a carer's column); a login after "transmis par :"
  const round = '| Date/heure | IDE | Soins |\n|------------|-----|-------|\n| 10/03 19h05 | SM | Lantus 18 UI |\n| 12/03 19h00 | lfournier | Pansement |';
  assert.deepEqual(names(round, 'fr'), ['SM', 'lfournier']);
  assert.deepEqual(names('Transmis par : gweltaz.h (IDE de nuit) ; transmis par téléphone ; validé par erreur', 'fr'), ['gweltaz.h']);
  // two dashes' signature after a blank line, a role after a service's word; a lower-case name with an initial before a credential
  assert.deepEqual(names('discussed w/ dr okafor (surg attending)\n\n--jwl (surg pa-c)\njenna w. lindqvist, rn x6620'), ['okafor', 'jwl', 'jenna w. lindqvist']);
  assert.deepEqual(names('Plan\n\n-cbc\n-bmp'), []);
  // a first name before "cell" and a number (no eponym's cell); a lower-case first name after "pt"; kids' names with their ages
  assert.deepEqual(names('Family contact: Lucia cell (210) 555-0181. Hurthle cell carcinoma.'), ['Lucia']);
  assert.deepEqual(names("s: pt marisol says she is tired; pt will call; pt's kids (luz 9, gabi 6) at school"), ['marisol', 'luz', 'gabi']);
  assert.deepEqual(names('patiente yasmina vue ce jour ; patient marche bien', 'fr'), ['yasmina']);
  // children listed with their ages after a found name (any word in the brackets, names of the dictionaries elsewhere)
  assert.deepEqual(names('Pt is a 35 y/o mother of 3 (Ayaan 9, Hodan 6, Liban 2). Seen with Maria 12, Room 4 and Bed 2'), ['Ayaan', 'Hodan', 'Liban', 'Maria']);
  // a name of the dictionaries before a kinship word alone in brackets (no family history's disease); a credential's board is no state
  assert.deepEqual(names('IN;Hope (daughter) 605-555-0172;STANDING. spoke with Will (son). FHx CRC (father, age 58). FHx: Breast (mother)'), ['Hope', 'Will']);
  assert.deepEqual(labels('Reviewed by: Jan Ostergaard, MT(ASCP)', 'en').filter(([l]) => l === 'CITY'), []);
  // institutions' and forms' words are no names
  assert.deepEqual(labels('CENTRE HOSPITALIER UNIVERSITAIRE SAINT-ARMEL\nDOSSIER DE LIAISON D\'URGENCE (DLU)', 'fr'), [['HOSPITAL', 'SAINT-ARMEL']]);
  assert.deepEqual(names('Triage ESI 2. Seen at 1180 Druid Rd E. Work note provided.'), []);
  // "ID" before a number that is no Idaho ZIP code is an id's cue; a person after "by" is no city before a state
  assert.deepEqual(labels('Interpreter: Spanish, Luis Arriaga, ID 40772; Language Line ID 38815; Boise, ID 83702', 'en'),
    [['NAME', 'Luis Arriaga'], ['ID', '40772'], ['ID', '38815'], ['CITY', 'Boise'], ['ZIP', '83702']]);
  assert.deepEqual(labels('Reviewed by: Jan Ostergaard, MT', 'en').filter(([l]) => l === 'CITY'), []);
  // after a role's colon, in any case: a lower-case surname of the dictionaries, and a surname or an initial after the first name
  assert.deepEqual(names('RN: lupe. Recorder: kenji t. (house mgr). Recorder: kenji tanaka. RN: none. Therapist: will call.'), ['lupe', 'kenji t.', 'kenji tanaka']);
  // a birth name after a found name and "née"/"ép.", even a month's; a lower-case surname with its particles after a title (not a role)
  assert.deepEqual(names('MME VAN DER MEULEN ROSALIE, NÉE CHARVET LE 11/05/1932 ; Mme KERBRAT Maëlle ép. JUILLET', 'fr'),
    ['VAN DER MEULEN ROSALIE', 'CHARVET', 'KERBRAT Maëlle', 'JUILLET']);
  assert.deepEqual(names('kiné passé (mr da costa) ; 10h05 — M. le duff yannick : veut ses résultats ; M. le maire a appelé', 'fr'), ['da costa', 'le duff yannick']);
  // HL7's carers (OBR-16, PV1-7, OBX-16) and the dates of orders and results; a carer's id component is an ID
  const hl7 = 'MSH|^~\\&|LAB|X|||20240312||ORU^R01|1|P|2.5\rOBR|1|||NFS||20240312074500|||||||||SANG|FONTAINE-MAURICE^Régis^10004871203\rPV1|1|O|||||10004871203^DURAND^Paul';
  // set 24's dev halves: a form's contact and scribe in lower case (a field before its colon only); an initials column headed "Init"
  assert.deepEqual(names('Emergency contact: Kunle Mitchell (FOB). scribe: april m (pre-med volunteer). non-contact R knee. Reason for contact: Quarterly review.'),
    ['Kunle Mitchell', 'april m']);
  assert.deepEqual(names('Date     | GA    | Init | Comment\n10/07/24 | 9w1d  | MF   | NOB\n11/04/24 | 13w1d | AL   | NIPT'), ['MF', 'AL']);
  // no names: a holiday's eve in brackets after a date, a catheter's French gauge, a family history's DM, business zones, French "son"
  assert.deepEqual(labels('Date: 12/24/2024 (Christmas Eve). 6 Fr. Sedation: midazolam. fhx: mom DM, on dialysis. Adult son DJ (Darnell Jr.)', 'en'),
    [['DATE', '12/24/2024'], ['DATE', 'Christmas Eve'], ['NAME', 'DJ'], ['NAME', 'Darnell Jr']]);
  assert.deepEqual(names('Chantreau & Fils, ZA de la Grande Pièce ; voir avec Karim (son IDE)', 'fr'), ['Karim']);
  // a quoted nickname in brackets after a found name; police and gendarmerie ranks before a name
  assert.deepEqual(names('Usager : BELKACEM Nassim (« Nass »), voisine Mme Rose GUILLAUME (« Rosette ») ; adjudant Pasquier ; Mme Gendarme', 'fr'),
    ['BELKACEM Nassim', 'Nass', 'Rose GUILLAUME', 'Rosette', 'Pasquier', 'Gendarme']);
  assert.deepEqual(names('Officer Ramirez took the report; Sgt. Boyle called; the officer at the desk'), ['Ramirez', 'Boyle']);
  // "MS"/"MA" after a name's comma are degrees (a compound first name too), a state after a city; a login alone in brackets;
  // a hyphenated surname after an initial before a credential
  assert.deepEqual(labels('Ruth-Ann Obiora, MS, CCC-SLP; Ruth-Ann Smith, MS; lives in Jackson, MS', 'en'),
    [['NAME', 'Ruth-Ann Obiora'], ['NAME', 'Ruth-Ann Smith'], ['CITY', 'Jackson']]);
  assert.deepEqual(names('21:33  Bed mgmt (hsaleem) confirms; pt (abrown) called; walked (around) the unit; given (amoxicillin); seen by j. smith-jones rn'),
    ['hsaleem', 'abrown', 'j. smith-jones']);
  // a day and month list after a date of that form (not a list of fractions or strengths)
  assert.deepEqual(labels('seen 2/3 and 2/4; missed (8/23, 9/1, 9/6); 1/2 tab and 3/4 tab; strength 4/5 and 3/5', 'en'),
    [['DATE', '2/3'], ['DATE', '2/4'], ['DATE', '8/23'], ['DATE', '9/1'], ['DATE', '9/6']]);
  // a possessive is no part of a name, and a person's cell is no eponym's
  assert.deepEqual(labels("Dad Will Mayfield's cell for reminders; per Dr Smith's note; Mr. O'Hara's chart; Hurthle cell carcinoma", 'en'),
    [['NAME', 'Will Mayfield'], ['NAME', 'Smith'], ['NAME', "O'Hara"]]);
  assert.deepEqual(names("per Tom's wife; Spoke to Grace's daughter; Crohn's disease"), ['Tom', 'Grace']);
  // (at a sentence's start too, a first name that is also a word: "Mary's husband called.", "Hope's mother")
  assert.deepEqual(names("Mary's husband called today. Hope's mother reports fever. Today's visit; Patient's husband"), ['Mary', 'Hope']);
  // decomposed accents are read composed (the spans in the original's offsets); a found name again in lower case
  const nfd = 'Mme He\u0301le\u0300ne DUPONT est venue. Vu par le Dr Fre\u0301de\u0301ric Chevalier.';
  assert.deepEqual(names(nfd, 'fr'), ['He\u0301le\u0300ne DUPONT', 'Fre\u0301de\u0301ric Chevalier']);
  assert.deepEqual(names('Mrs. Jane Kowalski was seen. Called jane kowalski at home.'), ['Jane Kowalski', 'kowalski']);
  // a software's version is no date (a date after "RDV" is one)
  assert.deepEqual(labels('Logiciel version 2.3.14 ; RDV 12.1.2023', 'fr'), [['DATE', '12.1.2023']]);
  assert.deepEqual(labels('Software version 2.3.14; v 3.1.12; seen 2.3.14', 'en'), [['DATE', '2.3.14']]);
  // a tie of function words goes by the numbers' layouts: a US phone or a month-first date is English
  assert.equal(detectLanguage('Pt stable. Next visit 04/13/2023. Dr. Jones. Call 617-555-0142.'), 'en');
  assert.equal(detectLanguage('RAS. Tél 06 12 34 56 78.'), 'fr');
  // ages over 89 in more forms: "97-yr-old", French "97a" after a comma (not a room's "92a")
  assert.deepEqual(labels('a 97-yr-old woman', 'en'), [['AGE', '97-yr-old']]);
  assert.deepEqual(labels('Mr X, 97a, chute ; chambre 92a', 'fr').filter(([l]) => l === 'AGE'), [['AGE', '97a']]);
  // surrogates: two values never share one (names, URLs, e-mails)
  const many = ['Jones', 'Moore', 'Smith', 'Brown', 'Taylor', 'Wilson', 'Davis', 'Clark', 'Lewis', 'Walker', 'Hall', 'Allen', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Carter', 'Parker'];
  for (let run = 0; run < 5; run++) {
    const out = redactText(many.map((n) => `Dr. ${n} saw the patient.`).join('\n'), { lang: 'en', replacement: 'surrogate' }).text.split('\n');
    assert.equal(new Set(out).size, many.length, out.join(' | '));
  }
  // a surrogate takes the case of each mention: "DUPONT" … "Dupont" → "X" … "x" in those cases
  // (a key makes the draw fixed: the test does not depend on which surname comes out)
  const cased = redactText('Patient : DUPONT Marie. Mme Dupont va bien. DUPONT rappelle.', { lang: 'fr', replacement: 'surrogate', key: keyFromText('c4'.repeat(32)) }).text;
  const [, up, title, up2] = /^Patient : (.+?) \S+\. Mme (.+?) va bien\. (.+?) rappelle\.$/.exec(cased) ?? [];
  assert.ok(up && up === up.toUpperCase() && title !== up && title!.toUpperCase() === up && up2 === up, cased);
  const web = redactText('see https://portal.x.org/4478213 and www.smithfamily.net/john; a@b.com, c@d.org', { lang: 'en', replacement: 'surrogate' }).text;
  assert.equal(new Set(web.match(/https:\/\/example\.org\/\d+/g)).size, 2, web);
  assert.equal(new Set(web.match(/\.\d{4}@/g)).size, 2, web);
  // a first name's short form against a signature's dash
  assert.deepEqual(names('prevenir sa fille (cf lundi) -nath\nok. -seb', 'fr'), ['nath', 'seb']);
  assert.deepEqual(labels(hl7, 'fr'), [['DATE', '20240312'], ['DATE', '20240312074500'], ['NAME', 'FONTAINE-MAURICE^Régis'], ['ID', '10004871203'], ['ID', '10004871203'], ['NAME', 'DURAND^Paul']]);
  // a form's initials field (not an acronym, a credential or "NA"); a field's dot leaders without a colon
  assert.deepEqual(names('N° patient : 014-0237   Initiales : D-T-K   Année : 1956. Seal initials: JMRC. Initials: RN. Initiales : NA. INITIAL VISIT: ok', 'fr'), ['D-T-K', 'JMRC']);
  assert.deepEqual(names('Je soussignée :\n  Nom de naissance ........ SCHAEFFER\n  Nom d\'usage ............. HUBER', 'fr'), ['SCHAEFFER', 'HUBER']);
  // roles before a name: a police officer, a triage nurse, technologists, a caller
  assert.deepEqual(names('Commissariat de Mérignac, OPJ Boulanger. Arrivée 02h47 – IOA celine – tri 2', 'fr'), ['Boulanger', 'celine']);
  assert.deepEqual(names('Technologist: Major Thompson, RPSGT. Caller: Deshawn (son) 503-555-0462. Caller states she fell.'), ['Major Thompson', 'Deshawn']);
  // a table's columns headed by a participle and "by" are of people, its header no name; a role there is no name ("courier")
  const custody = 'Released by        | Received by        | Date/time      | Purpose\nBill Short         | courier            | 03/12/24 16:40 | shipment\ncourier            | M. Nakamura-Ellis  | 03/13/24 08:05 | accessioning';
  assert.deepEqual(names(custody), ['Bill Short', 'Nakamura-Ellis']);
  // a province's or a state's code before its postal code is no name; a document's kind ends a heading in capitals
  assert.deepEqual(labels('Clinic, 1190 Hornby St, Vancouver BC V6Z 2K5. MEDICAL EMERGENCY TEAM / CODE BLUE RECORD').filter(([l]) => l === 'NAME'), []);
  // a log's line: a time, a name of the dictionaries (a word too) and a verb a person is the subject of
  assert.deepEqual(names('Log:\n03/12/24 07:45  Ted returned call.\n14:05 - Grace visited with kids\n14:10 - Patient was seen\n10:00 Will call back'), ['Ted', 'Grace']);
  // a word of no list, mid-sentence, before a possessive and a kinship word
  assert.deepEqual(names("Spoke with Hemi's wife today. Crohn's disease; his Veteran's wife"), ['Hemi']);
  // national numbers of the UK, Ireland, New Zealand, Belgium, Switzerland (not in a row of figures); extensions of three digits after
  // their cue, a bleep's number, an "x" after "paged" or an e-mail address
  assert.deepEqual(labels('T: 01 283 5521 | fax 020 7946 0958; 0161 496 0000; 01632 960123; BE 02 345 67 89; CH 022 321 54 80\n15:01 2 93 029 931 9329 920 92', 'en').map(([, v]) => v),
    ['01 283 5521', '020 7946 0958', '0161 496 0000', '01632 960123', '02 345 67 89', '022 321 54 80']);
  assert.deepEqual(labels('07 838 4412 ext 205. Tel 916-555-0121 ext. 304. paged x4409; bleep 2291; privacy@pvhs.example.org  x7730; text 205; poste 212 mg', 'en').filter(([l]) => l === 'PHONE').map(([, v]) => v),
    ['07 838 4412', '205', '916-555-0121', '304', '4409', '2291', '7730']);
  // an extension after a lone "x" (3-5 digits) or a pager's exchange digit, not a magnification, a count or a dose
  assert.deepEqual(labels('Brenda Hollis RN x4471 aware. (312) 555-0142 x215. Lab x4905 | pager 4-2271. seen at x400; x400 field; repeat x2; 3x1000 mg; dilution x100 mg; Box X1234', 'en').filter(([l]) => l === 'PHONE').map(([, v]) => v),
    ['4471', '(312) 555-0142', '215', '4905', '4-2271']);
  // English dates: an ordinal day after a week day, "due" or "for" and "the", or before a month (British); a day/month after a week day
  // (whose "day" is no measure's); a month after next/last/this/until/end of; a holiday after last/next
  assert.deepEqual(labels('Next review 1st February 2024. Due the 19th at 2pm. Tues the 26th. the 20th century; for the 3rd time; on the 2nd floor. Moved to Sunday 3/17. Day 3/10 of abx. Died last Christmas. Seen end of Feb, again next February. Pill box filled by June.', 'en').map(([, v]) => v),
    ['1st February 2024', '19th', '26th', '3/17', 'Christmas', 'Feb', 'February']);
  // a French day of the month alone after "le" before a stop or a word of time, not an emergency number after a call's word
  assert.deepEqual(labels('Douleur depuis le 11 au soir, appel du 15. Retour le 14, NIHSS 4. RDV maintenu le 12 à 8h. Appeler le 15 si gêne. Le 14 a sonné. le 2 mg. au 8 impasse.', 'fr').filter(([l]) => l === 'DATE').map(([, v]) => v),
    ['11', '14', '12']);
  // a day-month-year is not read inside an ISO date ("2024-01-09 | 58,2" is no "01-09 | 58"); a login before an IP address
  assert.deepEqual(labels('| 2024-01-09 | 58,2 | jblanc 10.14.22.87\nautour du 08-09/08/07; from 10.0.0.1', 'fr').map(([l, v]) => `${l}:${v}`),
    ['DATE:2024-01-09', 'NAME:jblanc', 'IP:10.14.22.87', 'DATE:08', 'DATE:09/08/07', 'IP:10.0.0.1']);
  // a kinship word, a sibling's or child's rank, a name (a word too): "Frère aîné Murat"
  assert.deepEqual(names('Frère aîné Murat, le seul qui me parle. Sa fille cadette Murat vient.', 'fr'), ['Murat', 'Murat']);
  // a found name's initials where a writer signs (alone on the line's end, after a dash) and a compound name's initials
  assert.deepEqual(names('Transmissions : Gwenaëlle LE GOFF\nAppeler pharmacie demain.\nGLG\nDr I. Benhamou – IB\nrésultats par MJL.\nValidé par Dr M. Jean-Louis\nIRM - TDM', 'fr'),
    ['Gwenaëlle LE GOFF', 'GLG', 'I. Benhamou', 'IB', 'MJL', 'M. Jean-Louis']);
  assert.deepEqual(names('Nurse: Tamika Porter\n13:05 | 166/82 | TP   | start\n13:35 | 152/80 | BP | end'), ['Tamika Porter', 'TP']);
  // names of the world lists (no INSEE or census name) in either language; a clinical acronym of those lists is no name
  assert.deepEqual(names('Agnieszka Wrobel called. ORIF of the left wrist.'), ['Agnieszka Wrobel']);
  assert.deepEqual(names('Appel de Oluwaseun Adebayo ce matin.', 'fr'), ['Oluwaseun Adebayo']);
  // a role before a field's value is a person's, not a town's ("domicile : IDE Cindy Bélair"); "nommé" before a name
  assert.deepEqual(labels('Prélèvement à domicile : IDE Cindy Bélair\nDomicile : Saint-Malo\nLe mis en cause, nommé ZUBIRI, a été entendu.', 'fr').map(([l, v]) => `${l}:${v}`),
    ['NAME:Cindy Bélair', 'CITY:Saint-Malo', 'NAME:ZUBIRI']);
  // a shift's hand-over, a consultant by field, a visitor; a list's heading in capitals is no name
  assert.deepEqual(names('Off-going RN: Marisol Quiñones-Vega, RN   Oncoming: Drew\nSpecialist: Ravi Chandrasekaran\nVisitor Phillips was yelling\nVOLUNTEER VISITOR LIST'),
    ['Marisol Quiñones-Vega', 'Drew', 'Ravi Chandrasekaran', 'Phillips']);
  // a census line's patient after the room or bed (capitalized, or in lower case with a name of the dictionaries), not a word
  assert.deepEqual(names('rm 418 - Abdullahi Warsame\nS: 34M\nrm 415 - nguyen, bao\nbed 12 - mason rivers, 91yo m\nrm 12 - pt refused vitals\nBed 4: CHF exacerbation'),
    ['Abdullahi Warsame', 'nguyen, bao', 'mason rivers']);
  // an age and a sex after the words tell a patient whatever the words (ordinary words, names of no list), with or without
  // the dash, after a box too, and after a title in lower case; without the age, a line without its dash is no census line
  assert.deepEqual(names('box 1 : rose blanc 77a, IDM inf J2\nbox 3 : olivier martin dit "olive", 63a, BAV\nlit 2 - stable ce matin', 'fr'),
    ['rose blanc', 'olivier martin']);
  assert.deepEqual(names('rm 405 mrs may 88f, confused\nrm 410 ng, phuong 73f hip fx\nrm 412 stable overnight\nrm 414 may go home'),
    ['may', 'ng, phuong']);
  // a day after "LE" in capitals; 00 and a country's code apart ("00 33 6 …"; not a row of numbers, "00 12 15 18 22 33"); a
  // local number of seven digits after a pager's cue; '÷' glued to a word does not hide it
  assert.deepEqual(labels('SORTIE DU SERVICE LE 12.\nJoignable au 00 33 6 41 27 93 08. Scores 00 12 15 18 22 33. Tél : 00 33641279308.', 'fr').filter(([l]) => l === 'DATE' || l === 'PHONE').map(([l, v]) => `${l}:${v}`),
    ['DATE:12', 'PHONE:00 33 6 41 27 93 08', 'PHONE:00 33641279308']);
  assert.deepEqual(labels('pager 443-1187 anytime; pgr 4-2271', 'en').filter(([l]) => l === 'PHONE').map(([, v]) => v), ['443-1187', '4-2271']);
  assert.deepEqual(labels('Walgreens÷', 'fr').map(([l]) => l), ['HOSPITAL']);
  // visual acuity and Schober's index are no day/month: before OD/OG, after "visuel", "av od", "Schober"; a date stays one
  assert.deepEqual(labels('Dépistage visuel : 8/10 OD, 6/10 OG. Schober 14/10. av od 8/10 og 7/10. RDV le 14/10 à 9h.', 'fr').filter(([l]) => l === 'DATE').map(([, v]) => v), ['14/10']);
  // the French inclusive ending after a field's cue ("Assuré(e) :", "Patient(e) :") keeps the cue before the name
  assert.deepEqual(names('Assuré(e) : Da Costa Pereira Luís\nPatient(e) : Da Silva Joaquim\n', 'fr'), ['Da Costa Pereira Luís', 'Da Silva Joaquim']);
  // a first name that is also a word after a kinship word in lower case, not French's "grâce à"
  assert.deepEqual(names('dtr grace staying overnight.'), ['grace']);
  assert.deepEqual(names('Vit avec son frère grâce à qui elle reste à domicile ; sa fille grace passe le soir.', 'fr'), ['grace']);
  // a chat's speaker with a role in brackets and a space before the colon, after a time stamp with its day's name
  assert.deepEqual(names('[sam. 03/08/2024 05:48] Moana : bonjour\n[05:55] Hinano (SF) : Pas de souci\n[06:01] Hinano (SF) : Ok.', 'fr'),
    ['Moana', 'Hinano', 'Hinano']);
  // a list's letters are no initials (a pathology report's specimens), a list of people keeps its names
  assert.deepEqual(names('SPECIMEN: A. Right breast WLE\nB. Node 12 mm, bisected. C. Node 8 mm.\nPresent: A. Kowalski\nB. Node'), ['A. Kowalski']);
  // where the writer types names in lower case, two lower-case names of the dictionaries, one a first name; not a place
  assert.deepEqual(names('pt: rich young. called jolene lavigne, spoke w/ jenna w. lindqvist; to hôpital édouard herriot'),
    ['rich young', 'jolene lavigne', 'jenna w. lindqvist']);
  assert.deepEqual(names('called jolene lavigne'), []);
  // kin as hurried notes and families write it
  assert.deepEqual(names('lives w/ dtr June (520-555-0148). spoke w/ sis Mereana today'), ['June', 'Mereana']);
  // a quoted nickname after "l'appelle" / "calls him"
  assert.deepEqual(names('Stefano est resté, elle l\'appelle "Stefanuccio" depuis.', 'fr'), ['Stefano', 'Stefanuccio']);
  assert.deepEqual(names('she calls him "Bubba" at home'), ['Bubba']);
  // a cue word is no name before a credential; two spaces part a form's columns after a credential
  assert.deepEqual(names(' Baby RN ........... Tiffany Moore, RN\nPCP: Summer Bishop, MD   Medicare MBI: 4TE9-K22-QM71\nRN  Tiffany Moore'), ['Tiffany Moore', 'Summer Bishop', 'Tiffany Moore']);
  // a table's header reads on across a row with another count of separators ("4B-03|||||||CLEAN|||", a blocked bed)
  const board = 'BED|NHI|PATIENT|AGE|ADMIT|CONSULTANT|STATUS|EDD|FLAGS|COMMENT\n4B-01|ZKT4821|TE WHATA, Rangi|67|09/03/2024|FALEOLO|OCC|13/03|FALLS|ot\n'
    + '4B-02|PLM2270|NAIVALU, Litia|94|10/03/2024|FALEOLO|OCC|TBC|NIL|x\n4B-03|||||||CLEAN|||\n4B-04|CHY4402|PATEL-SINGH, Unique|29|11/03/2024|ANDERSON-TAMIHANA|OCC|12/03|NIL|d/c';
  assert.deepEqual(names(board).slice(-2), ['PATEL-SINGH, Unique', 'ANDERSON-TAMIHANA']);
  // a cell's bar is no date's separator beside a slash: an age, then a date
  assert.deepEqual(labels('x|29|11/03/2024|y\n12|03|2024').map(([l, v]) => `${l}:${v}`), ['DATE:11/03/2024', 'DATE:12|03|2024']);
  // set 28 dev halves: custody forms' people, a triage log's time before a name with its age and sex, a name before its role
  assert.deepEqual(names('Detainee: ABDIRAHMAN, Liban Mohamed   DOB 09/04/2001'), ['ABDIRAHMAN', 'Liban Mohamed']);
  assert.deepEqual(names('0210 Mbuyi Kabongo 41F chest tightness\n0900 Walked 20 M'), ['Mbuyi Kabongo']);
  assert.deepEqual(names('- Teura Teriitehau, assistante sociale\nExcusée : Wei Zhou, diététicienne', 'fr'), ['Teura Teriitehau', 'Wei Zhou']);
  assert.deepEqual(names('via Tŷ Newydd Tenancy Support, worker. Insurance: Pioneer Valley Health Plan, member ID 12'), []);
  // a meeting's absent members; Québec's "Dre"; a screening log's initials under "Init." beside "Naiss."
  assert.deepEqual(names('Apologies: sarah jones, tom briggs'), ['sarah jones', 'tom briggs']);
  assert.deepEqual(names('vue par la Dre Gingras hier', 'fr'), ['Gingras']);
  assert.deepEqual(names('Site | N° screening | Init. | Naiss. | Éligible\n01 | 01-S-011 | M-C.R. | 03/1956 | oui\n01 | 01-S-012 | T.T.H.N. | 11/1949 | non', 'fr'), ['M-C.R.', 'T.T.H.N.']);
  // an export's login after its date and time, and in capitals
  assert.deepEqual(names('Export: 12-MAR-2024 16:20 by hkowalczyk (login 10.42.7.118)\n#EXPORTED BY kbrooks FROM 10.14.22.108\nexported by accident'), ['hkowalczyk', 'kbrooks']);
  // a transcript's speech after its speaker's cue is no name
  assert.deepEqual(names('[10:02:15] Patient: Yes doctor. My husband Jasdeep is here.\n[10:02:48] Doctor: What is troubling you?'), ['Jasdeep']);
  // holidays of the English-speaking world after a date's word; forms' acronyms after "signed" or a role
  assert.deepEqual(labels('I asked for her records on Valentine\'s Day and since New Year\'s Eve. Mother Valentine came.').map(([l, v]) => `${l}:${v}`),
    ['DATE:Valentine\'s Day', 'DATE:New Year\'s Eve', 'NAME:Valentine']);
  assert.deepEqual(names('104-005 signed ICF v3.0 page 4\n- Antonio Di Marco (son, SDM)'), ['Antonio Di Marco']);
  // an English month's abbreviation before a year's apostrophe
  assert.deepEqual(labels('statement received Jan \'24; seen Dec. ’23').map(([l, v]) => `${l}:${v}`), ['DATE:Jan \'24', 'DATE:Dec. ’23']);
});

test('set 29 dev halves: a name before a record number in brackets, headings after a cue, a saint\'s ward, dotted dates before an hour, week days\' abbreviations, headers with accented capitals or an export\'s digits', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'en') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  // two or three capitalized words before "(MRN …", "(DOB …"; not one word ("Le patient (IPP …)")
  assert.deepEqual(names('11/03 0900  Tigist Alemayehu (MRN 20448130) T2DM new dx\nphone f/u Memory Chikanda (DOB 03/04/1951)\nLe patient (IPP 9876543210) revu', 'fr'), ['Tigist Alemayehu', 'Memory Chikanda']);
  // a heading's word between a cue and a document's kind is no name; a surname before a lower-case word stays one
  assert.deepEqual(names('=== ePCR EXPORT :: PATIENT CARE REPORT ===\nCONTACT TRACING LIST\nPatient: Care'), ['Care']);
  // a saint's name with "'s" at a line's start or before a ward's word names a place
  assert.deepEqual(labels('St Brigid\'s Ward, bed 3 - Mr Solomon\nSt Brigid\'s, bed 11', 'en').map(([l, v]) => `${l}:${v}`), ['HOSPITAL:St Brigid\'s', 'NAME:Solomon', 'HOSPITAL:St Brigid\'s']);
  // "Fr" is a catheter's gauge, no cue; "Rabbi" a surname too
  assert.deepEqual(names('INTERVENTION: 6Fr JR4 guide, 14 Fr Foley. Authors: V. Lengliné, F. Rabbi, N. Boissel', 'fr'), ['V. Lengliné', 'F. Rabbi', 'N. Boissel']);
  // a header of capitals with accents ("VÉH"), and an export's header with a digit in a column name ("reconsent_v3.2")
  assert.deepEqual(names('VÉH   | CHAUF.  | H PEC | PATIENT\nVSL1  | Estève  | 06:40 | CABROL Mirèio\nVSL1  | Estève  | 12:30 | CABROL Mirèio', 'fr').filter((n) => n !== 'Estève'), ['CABROL Mirèio', 'CABROL Mirèio']);
  // a date with dots and the hour after it is no phone number; a phone number's pairs stay one
  assert.deepEqual(labels('Export du 02.04.2024 07:55\n#1  01.04.2024 08:12  de +41 22 736 90 14\ntél 02.04.20.24.07').map(([l, v]) => `${l}:${v}`),
    ['DATE:02.04.2024', 'DATE:01.04.2024', 'PHONE:+41 22 736 90 14', 'PHONE:02.04.20.24.07']);
  // a week day's abbreviation before a day number, with its dot or capitalized; not a count or "mon 2 enfants"
  assert.deepEqual(labels('lun. 13 : visite\ncommunion dim. 19. Ven 17 : rien\nmon 2 enfants, ven 17 : rien').map(([l, v]) => `${l}:${v}`), ['DATE:lun. 13', 'DATE:dim. 19', 'DATE:Ven 17']);
  assert.deepEqual(labels('Pt told ready Mon 18th. Mileage: Tue 142 km, Wed 18 km. Date: Thu 8 Feb 2024', 'en').map(([l, v]) => `${l}:${v}`), ['DATE:Mon 18th', 'DATE:8 Feb 2024']);
  assert.deepEqual(names('subj_id;name;dob;consent_ver;reconsent_v3.2\n04-017;Watanabe, Keiko;1948-10-02;v3.1;n/a\n04-018;Choi, Byung-hoon;1955-01-27;v3.1;PENDING'), ['Watanabe, Keiko', 'Choi, Byung-hoon']);
});

test('identity fields of aligned forms and tables: spaces or a table\'s bar before the value, a birth name without a colon; insurance holders, examiners, fire crew ranks', () => {
  const names = (t: string) => labels(t, 'fr').filter(([l]) => l === 'NAME').map(([, v]) => v);
  // a colon after an aligned label, a table's cell after its field's cell; not a header's next column
  assert.deepEqual(names("Nom de naissance   : DIALLO\nNom d'usage        : DIALLO-MARCHAND"), ['DIALLO', 'DIALLO-MARCHAND']);
  assert.deepEqual(names("| Nom de naissance | ANTONETTI | Nom d'usage | GIRAUD |"), ['ANTONETTI', 'GIRAUD']);
  assert.deepEqual(names('| NOM | PRENOM | DDN |\nIPP|NOM|PRENOM|DDN'), []);
  assert.deepEqual(names('Mme BOULANGER Victoire, nom de naissance CHEVALIER - Âge au prélèvement'), ['BOULANGER Victoire', 'CHEVALIER']);
  assert.deepEqual(names("Assuré : LACOSTE Bernat. L'assuré doit fournir\nExaminateurs : Avril KOWALCZYK, puéricultrice\nChef d'agrès : Sgt-chef MULLER"), ['LACOSTE Bernat', 'Avril KOWALCZYK', 'MULLER']);
});

test('names after "w/", a dashed signature after a blank line, lower-case names after a kinship word (a surname of the lists) or a care role\'s abbreviation', () => {
  const names = (t: string) => labels(t, 'en').filter(([l]) => l === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('Called pharmacy (spoke w/ Tammy), last fill 10/27. Pt seen w/ Tylenol'), ['Tammy']);
  // a signature's dash after a blank line, below a sentence's end; not a list's items
  assert.deepEqual(names('no, it was not ours. disregard.\n\n-rg'), ['rg']);
  assert.deepEqual(names('Plan:\n\n-cbc\n-bmp\n\nlabs drawn.\n\n-iv'), []);
  assert.deepEqual(names('wife ngozi stayed overnight; wife will bring meds'), ['ngozi']);
  assert.deepEqual(names('PT marisol wants to eval. MA: kayla. MA: lupe. PT will see. MA: vitals'), ['marisol', 'kayla', 'lupe']);
  assert.deepEqual(names('PHN: Bríd Kavanagh (visits Tues/Fri). Lt. Knee swollen'), ['Bríd Kavanagh']);
});

test('initials after "by" or "par" where a record was made, and after a check\'s field; not a means or a service', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'en') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('COLLECTED: 2024-04-19 07:42  by LW at Edmonds\n# exported by ckw 07:58\nReviewed: HVB\nSighted: LF\nParent signature'), ['LW', 'ckw', 'HVB', 'LF']);
  assert.deepEqual(names('seen by PT, done by ICU, confirmed by CT, reviewed by MD, printed by IT dept, sent by fax\nReviewed: CBC, BMP'), []);
  assert.deepEqual(names('Prélevé le : 28/03/2024 à 06:45 par AB    Reçu le 28/03\nvalidé par SMS, prélevé par IDE', 'fr'), ['AB']);
});

test('a legend of initials whose value spells them is a name; not an abbreviation\'s legend', () => {
  const names = (t: string) => labels(t, 'en').filter(([l]) => l === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('0700 | 1 | A | JB\n1145 ate 75% lunch. -JB\n\nSIGNATURES:  JB = Jomar Bautista, MHW'), ['JB', 'JB', 'JB', 'Jomar Bautista']);
  assert.deepEqual(names('Key: BP = Blood Pressure; HR = Heart Rate; CP = Chest Pain; GP = General Practitioner'), []);
});

test('logins built from a found name (audit logs, "printed by"); not a word that only looks like one', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'en') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('09:41:57 | rgutierrez2 | GUTIERREZ, RAFAEL | MD-HOSP\n10:30:19 | RGUTIERREZ | Orders\nprinted by rgutierrez.'),
    ['rgutierrez2', 'GUTIERREZ', 'RAFAEL', 'RGUTIERREZ', 'rgutierrez']);
  assert.deepEqual(names('Seen by Dr Maria J. Cruz and Paul Achterberg. Printed by mjcruz; exported by p.achterberg | filter'),
    ['Maria J. Cruz', 'Paul Achterberg', 'mjcruz', 'p.achterberg']);
  assert.deepEqual(names('Mme Thérèse CHEVALIER, IDE. Validé par tchevalier le 12/03 ; mail tchevalier@chu.fr', 'fr'), ['Thérèse CHEVALIER', 'tchevalier']);
  // (more than eight forms: one walk over the text's tokens instead of a search per form; the same finds)
  const people = ['Susan Walker', 'Rafael Gutierrez', 'Lena Takahashi', 'Cody Whitehorse', 'Daniela Novak', 'Grant Hollis', 'Maria Lopez', 'Peter Hansen', 'Karen Wright'];
  const logins = people.map((p) => (p[0]! + p.split(' ')[1]!).toLowerCase());
  const log = people.map((p) => `Seen by Dr. ${p}.`).join(' ') + '\n' + logins.map((l, i) => `0${i}:14 | ${i % 2 ? l.toUpperCase() : l}${i} | chart`).join('\n') + '\nprinted by ' + logins[0] + '. xmensah amensah_x';
  assert.deepEqual(names(log).slice(people.length), [...logins.map((l, i) => `${i % 2 ? l.toUpperCase() : l}${i}`), logins[0]]);
  // (not a word: "mange" for Marie Ange; not inside a longer token)
  assert.deepEqual(names('Vue avec Marie Ange : elle mange bien. Dossier xtchevalier, Thérèse Chevalier', 'fr'), ['Marie Ange', 'Thérèse Chevalier']);
  // a surname of several words before the comma ("avanderberg"); the same finds whether or not the text holds a letter
  // beyond Latin-1 elsewhere ('ł', 'œ': the character pass's letter runs then differ from the names' letters' runs, and
  // the document passes' run pre-test reads the latter)
  for (const extra of ['', 'Seen with Dr Paweł Nowak.', 'Cœur régulier.']) {
    assert.deepEqual(names(`Patient: Van Der Berg, Anna\n09:14 | avanderberg | chart\n${extra}`).slice(0, 3), ['Van Der Berg', 'Anna', 'avanderberg']);
  }
  // (and the rules tried at the character pass's candidate words: the same spans with an 'œ', a 'ł' or a 'ß' in the text,
  // and with a 'Ÿ', whose text is searched whole)
  const note = 'Export par mlacroix. Salariée de la société Transports Girard, suivie à l\'Hôpital Saint-Louis par le Dr Marc Lacroix.';
  const spansOf = (t: string) => labels(t, 'fr').filter(([l]) => l !== 'OTHER');
  assert.ok(spansOf(note).length >= 3);
  for (const extra of [' Cœur régulier.', ' Vu avec M. Paweł Nowak.', ' Courrier de M. Strauß.', ' Ÿ']) assert.deepEqual(spansOf(note + extra).slice(0, spansOf(note).length), spansOf(note));
});

test('a login of an initial and a surname after a record\'s "by" or an e-signature; not a word, a means or a rank before a name', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'en') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('Printed 07:05 by lwojcik\nEntered in state registry by mkowalski 10/14\nSigned electronically: jatkinson  01/27/2025'),
    ['lwojcik', 'mkowalski', 'jatkinson']);
  assert.deepEqual(names('reviewed by around noon; printed by aspirin; entered by patient; collected by mother; generated by system'), []);
  assert.ok(!names('Requested by: DS Kelechi Nwachukwu, warrant no. 241877').includes('DS'));
  assert.deepEqual(names('Requested by: DS'), ['DS']);
  assert.deepEqual(names('Imprimé 07:41 par mkamara', 'fr'), ['mkamara']);
});

test('a given name of no list before a known surname is a name; not a firm\'s, a laboratory\'s or a region\'s word before it', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'en') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('I saw Hetal Patel today; seen by diabetes midwife Bronwen Pryce.'), ['Hetal Patel', 'Bronwen Pryce']);
  assert.deepEqual(names('shared with the manager, Gurpreet Sandhu, who will review'), ['Gurpreet Sandhu']);
  assert.deepEqual(names('J\'ai vu Hetal Patel ce matin.', 'fr'), ['Hetal Patel']);
  // (a word of the vocabularies, a capitalized word before it, a city or a region as the surname)
  assert.deepEqual(names('Employeur : Transports Jacquemin, livraison à Maintenance Corp', 'fr'), []);
  assert.deepEqual(names('bilan au Laboratoire Bio-Saône Chalon ; SARL Métallerie Chantreau ; installé par Oxyvie Bretagne.', 'fr').filter((n) => /Labo|Métal|Oxyvie/.test(n)), []);
  // (a table's "| BP |" is blood pressure, not the initials of Bronwen Pryce)
  assert.ok(!names('seen by midwife Bronwen Pryce.\n\nDate | BP | Urine\n12/03 | 118/72 | NAD').includes('BP'));
});

test('the vocabularies\' filter: ordinary French and English words are in it, given names of no list are not', async () => {
  const { isVocabularyWord } = await import('./data.ts');
  for (const w of ['TRANSPORTS', 'LABORATOIRE', 'MAINTENANCE', 'FEVER', 'DOULEUR']) assert.ok(isVocabularyWord(w), w);
  for (const w of ['HETAL', 'BRONWEN', 'GURPREET', 'XIAOMING', 'MYKOLA', 'EILIDH']) assert.ok(!isVocabularyWord(w), w);
});

test('quoted CSV fields keep their commas (a people\'s column under RN or Provider); a dispatch log\'s operators in brackets; words of the vocabularies in capitals support no name', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'en') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  const board = '"Bed","Patient","Age","RN","Provider","Status"\n"T1","MARSH, DEVONTE","27","KAUR","LEVESQUE","OR pending"\n"T2","ABDULLAHI, IBRAHIM","63","BAPTISTE","CHEN-WU","Admit"';
  const found = names(board);
  for (const n of ['KAUR', 'LEVESQUE', 'BAPTISTE', 'CHEN-WU']) assert.ok(found.includes(n), n);
  assert.deepEqual(names('21:14:07 [DJH] CALLER STATES NEIGHBOR FOUND ON FLOOR\n21:14:29 [DJH] PT 68 YOM\n21:15:02 [MFARROW] M14 DISPATCHED\n21:15:04 [MFARROW] E7 DISPATCHED\n21:21:00 [EMS] TRANSPORTING\n21:22:00 [EMS] ARRIVED'),
    ['DJH', 'DJH', 'MFARROW', 'MFARROW']);
  assert.deepEqual(names('BLDG DOOR LOCKED, CALLER OPENS. x CALLER FOUND'), []);
});

test('surrogates: an alphanumeric id loses its letters too; no surrogate is its original; a person\'s name word has one surrogate whatever its place', () => {
  const r = redactText('Patient username: jsmith1957, passport no. PZX601234H.', { lang: 'en', replacement: 'surrogate', key });
  assert.ok(!/jsmith|PZX/.test(r.text), r.text);
  assert.match(r.text, /username: [a-z]{6}\d{4}/);
  // a city drawn for itself is drawn again: over 300 people's scopes, "Boston" never stays "Boston"
  for (let p = 0; p < 300; p++) assert.doesNotMatch(redactText('Lives in Boston.', { lang: 'en', replacement: 'surrogate', key, personId: `p${p}` }).text, /Boston/);
  // across a person's documents: "Martin" (a first name and a surname) and "Lefebvre" alone or in a compound
  const one = (t: string) => redactText(t, { lang: 'fr', replacement: 'surrogate', key, personId: '42' }).text;
  const a = one('Consultation du Dr Jean Martin pour Mme Sophie Lefebvre-Durand.'), b = one('Le Dr Martin revoit Mme Lefebvre.');
  const martin = /Dr \S+ (\S+) pour/.exec(a)![1]!, lefebvre = /Mme \S+ ([^-\s]+)-/.exec(a)![1]!;
  assert.equal(b, `Le Dr ${martin} revoit Mme ${lefebvre}.`);
});

test('TextRedactor: a name of an earlier part is found again in a later one (parts are recognized alone)', () => {
  const filler = 'Le patient est suivi pour une hypertension artérielle, traitée, et se porte bien.\n\n'.repeat(20);
  const r = new TextRedactor({ lang: 'fr', partSize: 400 });
  const out = r.push('Patiente : Mme Zulmira KERBOUL.\n\n' + filler + 'Kerboul a appelé ce matin. Petit à petit ça va.\n') + r.end();
  assert.match(out, /\[NOM\] a appelé ce matin\. Petit à petit/);
  assert.doesNotMatch(out, /Kerboul|KERBOUL/i);
});

test('overlap resolution: a loser\'s leftover of one letter or digit stays recognized (nothing recognized is left in clear); one space is dropped', () => {
  const text = 'IPP : 12345X';
  // IPP [6, 11) wins over a HOSPITAL [7, 12): the HOSPITAL's leftover is the "X" at 11
  const out = resolveOverlaps([{ start: 6, end: 11, label: 'IPP', score: 0.9, rule: 't' }, { start: 7, end: 12, label: 'HOSPITAL', score: 0.9, rule: 't' }], text);
  assert.deepEqual(out.map((s) => [s.label, text.slice(s.start, s.end)]), [['IPP', '12345'], ['HOSPITAL', 'X']]);
  const spaced = 'IPP : 12345 ';
  const out2 = resolveOverlaps([{ start: 6, end: 11, label: 'IPP', score: 0.9, rule: 't' }, { start: 7, end: 12, label: 'HOSPITAL', score: 0.9, rule: 't' }], spaced);
  assert.deepEqual(out2.map((s) => s.label), ['IPP']);
});

test('NIR: two groups are the body and its key only; a date\'s year and a phone number next to it are no NIR', () => {
  assert.deepEqual(labels('RDV le 12/03/2020 0612345678 (fille).'), [['DATE', '12/03/2020'], ['PHONE', '0612345678']]);
  const body = 1850575123456n, key = String(97n - (body % 97n)).padStart(2, '0');
  assert.deepEqual(labels(`NIR ${body} ${key}.`), [['NIR', `${body} ${key}`]]);
});

test('a date then a phone number: the phone number is not read from the date\'s month and year (it left its last pairs in clear)', () => {
  for (const [t, date, phone] of [['Consultation 12.03.2020 06 12 34 56 78', '12.03.2020', '06 12 34 56 78'], ['le 12 03 2020 06 12 34 56 78', '12 03 2020', '06 12 34 56 78'],
    ['Date 2020.03.12 06 12 34 56 78', '2020.03.12', '06 12 34 56 78'], ['Revu le 05.06.2021 02.98.43.21.00.', '05.06.2021', '02.98.43.21.00']] as const) {
    assert.deepEqual(labels(t), [['DATE', date], ['PHONE', phone]], t);
  }
  assert.deepEqual(labels('Tél : 03 20 20 06 12'), [['PHONE', '03 20 20 06 12']]);
});

test('ages over 89 in words, with their unit (French 90-119, English 90-109); not eighty, not a percentage or a duration', () => {
  assert.deepEqual(labels('Homme de quatre-vingt-douze ans.'), [['AGE', 'quatre-vingt-douze']]);
  assert.deepEqual(labels('un homme de cent deux ans'), [['AGE', 'cent deux']]);
  assert.deepEqual(labels('a ninety-three-year-old man', 'en'), [['AGE', 'ninety-three']]);
  // (in capitals too: the gate reads whole words of any of the three cases)
  assert.deepEqual(labels('HOMME DE QUATRE-VINGT-DOUZE ANS.'), [['AGE', 'QUATRE-VINGT-DOUZE']]);
  assert.deepEqual(labels('One Hundred and two years old, lives alone', 'en'), [['AGE', 'One Hundred and two']]);
  // (and capitalized with the caps lock on)
  assert.deepEqual(labels('pATIENT IS A nINETY-THREE YEAR OLD WOMAN', 'en'), [['AGE', 'nINETY-THREE']]);
  assert.deepEqual(labels('hOMME, cENT DEUX ANS'), [['AGE', 'cENT DEUX']]);
  for (const [t, l] of [['Femme de quatre-vingts ans', 'fr'], ['quatre-vingt-dix pour cent', 'fr'], ['ninety minutes', 'en']] as const) assert.deepEqual(labels(t, l), [], t);
});

test('an IBAN typed in lower case after its word', () => {
  assert.deepEqual(labels('iban fr76 3000 6000 0112 3456 7890 189'), [['IBAN', 'fr76 3000 6000 0112 3456 7890 189']]);
  assert.deepEqual(labels('IBAN fr7630006000011234567890189'), [['IBAN', 'fr7630006000011234567890189']]);
});

test('an SSN after its cue and a verb ("SSN is 123 45 6789")', () => {
  assert.deepEqual(labels('Patient SSN is 123 45 6789.', 'en'), [['SSN', '123 45 6789']]);
  assert.deepEqual(labels('her social security number was 512 66 3091', 'en'), [['SSN', '512 66 3091']]);
});

test('e-mail addresses spelled out: "at"/"arobase" for the @, "dot"/"point" or a dot before a known domain', () => {
  for (const [t, l] of [['p.martin at gmail dot com', 'fr'], ['jsmith AT gmail DOT com', 'en'], ['lucie.morel (arobase) orange (point) fr', 'fr'], ['jean.dupont arobase gmail.com', 'fr'], ['jean.dupont at gmail.com', 'en']] as const) {
    assert.deepEqual(labels(t, l), [['EMAIL', t]], t);
  }
  for (const [t, l] of [['seen at example.org today', 'en'], ['patient seen at noon. Dot plot normal.', 'en']] as const) assert.deepEqual(labels(t, l), [], t);
});

test('surname particles stay with the name (after a title, between names, in capitals), the surname Le/Lê after a title, "1ᵉʳ" dates', () => {
  // (the particle was left in clear, or the whole name missed when its last word is also a town: Fontaine, Isère)
  assert.deepEqual(labels('Vu en consultation Mme de la Fontaine, 67 ans.'), [['NAME', 'de la Fontaine']]);
  assert.deepEqual(labels('Mme de Gaulle est venue.'), [['NAME', 'de Gaulle']]);
  assert.deepEqual(labels('M. van der Berg a été hospitalisé.'), [['NAME', 'van der Berg']]);
  assert.deepEqual(labels('Mme Marie de la Fontaine consulte.'), [['NAME', 'Marie de la Fontaine']]);
  assert.deepEqual(labels('Patiente : LE BIHAN Yvonne'), [['NAME', 'LE BIHAN Yvonne']]);
  assert.deepEqual(labels('Compte rendu du Dr Le, service de cardiologie.'), [['NAME', 'Le']]);
  assert.deepEqual(labels('Mme Lê, 45 ans'), [['NAME', 'Lê']]);
  assert.deepEqual(labels('Adressé par le Dr Le Gall.'), [['NAME', 'Le Gall']]);
  assert.deepEqual(labels('Rendez-vous le 1ᵉʳ avril 2022.'), [['DATE', '1ᵉʳ avril 2022']]);
  // a particle in capitals inside a heading is not taken; a town after a plain "de" stays a town
  assert.ok(!labels('CENTRE HOSPITALIER DE CAYENNE ANDRÉE ROSEMON').some(([l, t]) => l === 'NAME' && t!.startsWith('DE')));
  assert.deepEqual(labels('Marie Dupont de Lyon.'), [['NAME', 'Marie Dupont'], ['CITY', 'Lyon']]);
});

test('a particle surname after a cue and its colon, a month first name before a surname in capitals, a family by its name, aligned tables under a rule line', () => {
  assert.deepEqual(labels('Patient : LE GOFF Yann-Vari'), [['NAME', 'LE GOFF Yann-Vari']]);
  assert.deepEqual(labels('Patiente : LE GOFF'), [['NAME', 'LE GOFF']]);
  assert.deepEqual(labels('Avril MÉNARD, infirmière scolaire'), [['NAME', 'Avril MÉNARD']]);
  assert.deepEqual(labels('Juin PARIS'), []);
  assert.deepEqual(labels('relève : famille Le Gall vient pr le repas'), [['NAME', 'Le Gall']]);
  // (not a field: "la famille : PF Le Bihan & Fils", an undertaker's firm)
  assert.ok(!labels('choisies par la famille : PF Le Bihan & Fils').some(([l]) => l === 'NAME'));
  // a header, a rule of dashes, rows: the NOM and PRENOM columns are names ("Constant", "Juste" are words too)
  const table = 'NOM              PRENOM      DDN          CH.\n--------------------------------------------\nMAILLARD         Constant    03/04/1938   301\nLECLERC          Juste       30/01/1935   305\n';
  const names = labels(table).filter(([l]) => l === 'NAME').map(([, t]) => t);
  assert.deepEqual(names, ['MAILLARD', 'Constant', 'LECLERC', 'Juste']);
});

test('a French month alone in lower case and holidays are dates (elements of a date); a month in a longer date stays in it', () => {
  assert.deepEqual(labels('Groupe O Rh+, RAI nég (juillet).'), [['DATE', 'juillet']]);
  assert.deepEqual(labels('rééducation à partir de février, puis le 3 mars 2024'), [['DATE', 'février'], ['DATE', '3 mars 2024']]);
  assert.deepEqual(labels('Depuis Pâques elle décrit une dyspnée'), [['DATE', 'Pâques']]);
  assert.deepEqual(labels('le repas de noël midi'), [['DATE', 'noël']]);
  assert.deepEqual(labels('worse since Thanksgiving', 'en'), [['DATE', 'Thanksgiving']]);
  // (a first name or a surname in capitals is no holiday: "Avril", "NOËL")
  assert.ok(!labels('M. NOËL est sorti.').some(([l]) => l === 'DATE'));
});

test('internal numbers in groups after poste/DECT/bip, and numbers in pairs after a phone cue (French Polynesia, New Caledonia)', () => {
  assert.deepEqual(labels('urgences poste 2 71 48 occupé'), [['PHONE', '2 71 48']]);
  assert.deepEqual(labels('Transmission : appel de l\'interne (DECT 46 218)'), [['PHONE', '46 218']]);
  assert.deepEqual(labels('AS Mme Ouali, poste 40 27'), [['NAME', 'Ouali'], ['PHONE', '40 27']]);
  assert.deepEqual(labels('Papeete – Tél. 40 42 18 77').filter(([l]) => l === 'PHONE'), [['PHONE', '40 42 18 77']]);
  assert.deepEqual(labels('Tél (+687) 26 48 15'), [['PHONE', '26 48 15']]);
  // (no cue: a blood pressure, a count)
  assert.deepEqual(labels('TA 12 08 14'), []);
});

test('a number after a numbering cue and a label of up to three words is an identifier; not a date, a law, a Cerfa form, a decimal range', () => {
  assert.deepEqual(labels('N° de dossier MDPH : 093-2019-004417'), [['ID', '093-2019-004417']]);
  assert.deepEqual(labels("N° d'examen : B24.12873"), [['ID', 'B24.12873']]);
  assert.deepEqual(labels('Nos références : ALD/2024/072/0018845'), [['ID', 'ALD/2024/072/0018845']]);
  assert.deepEqual(labels("code d'accès 7KQ-22F9"), [['ID', '7KQ-22F9']]);
  assert.deepEqual(labels('SIRET 512 384 906 00027'), [['ID', '512 384 906 00027']]);
  assert.deepEqual(labels('Loi n° 2002-303 du 4 mars 2002').filter(([l]) => l === 'ID'), []);
  assert.deepEqual(labels('bon de transport (cerfa n°11574*04)'), []);
  assert.deepEqual(labels('reference range 3.5-5.0.', 'en'), []);
});

test('a hospital after its kind and an adjective: privé(e), municipal(e), mutualiste, psychiatrique', () => {
  assert.deepEqual(labels("Hôpital Privé de l'Estuaire – Service des urgences"), [['HOSPITAL', 'Estuaire']]);
  assert.deepEqual(labels('Centre de santé municipal Paul-Langevin'), [['HOSPITAL', 'Paul-Langevin']]);
});

test('names with a combining mark that has no composed form (Yoruba "Ọ̀la", "Adébáyọ̀") are redacted whole; no span is empty', () => {
  // (the spans' ends were mapped as starts: "M. [NOM]Ọ̀la OKONKWO", and --json showed empty spans)
  for (const text of ['M. Ọ̀la OKONKWO revu.', 'Dr Ọ̀látúndé ADÉBÁYỌ̀ a vu la patiente.', 'Mme Adébáyọ̀ DUPONT est venue.']) {
    const r = redactText(text, { lang: 'fr' });
    assert.ok(r.spans.every((s) => s.end > s.start), JSON.stringify(r.spans));
    assert.doesNotMatch(r.text, /[\u0300-\u036f]|Ọ|ọ|OKONKWO|DUPONT|ADÉB/, r.text);
  }
});

test('surrogate dates move by whole weeks (a weekday beside a date stays true) and never by a whole year', () => {
  // (a ±365-day shift left "12/03" as written; "lundi 21 février 2019" was a Thursday once shifted: the shift modulo 7)
  for (let i = 0; i < 300; i++) {
    const r = redactText('Vu le lundi 11 juin 2018, revu le 12/03.', { lang: 'fr', replacement: 'surrogate', key, personId: `p${i}` });
    const m = /le (\p{L}+) (\d+) (\p{L}+) (\d{4}), revu le (\d\d\/\d\d)/u.exec(r.text);
    assert.ok(m, r.text);
    assert.equal(m[1], 'lundi', r.text);
    assert.notEqual(m[5], '12/03', r.text);
  }
});

test('digit surrogates are never the value itself, and two values of one replacer never share one (short pagers too)', () => {
  // ("bip 4521" came back unchanged for 13 persons in 2,000; "bip 4521" and "bip 4537" shared "bip 4558")
  for (let i = 0; i < 2000; i++) {
    const r = redactText('Interne : bip 4521. Sénior : bip 4537. IPP 4521.', { lang: 'fr', replacement: 'surrogate', key, personId: `q${i}` });
    const got = [...r.text.matchAll(/bip (\d{4})/g)].map((m) => m[1]);
    assert.equal(got.length, 2, r.text);
    assert.ok(!got.includes('4521') && !got.includes('4537') && got[0] !== got[1], r.text);
  }
});

test('a date without a year is read month/day in English, day/month in French, as the full dates beside it', () => {
  // (a US "12/10" was read as 12 October: shifted two months away from "12/10/2020", the same day)
  assert.equal(shiftDateText('12/10', 40, 'en'), '01/19');
  assert.equal(shiftDateText('12/10/2020', 40, 'en'), '01/19/2021');
  assert.equal(shiftDateText('12/03', 40, 'fr'), '21/04');
  // (no month 23: an English "23/09" is no date this reading can shift — tagged by the replacer)
  assert.equal(shiftDateText('23/09', 7, 'en'), null);
});

test('a table\'s header of labels joined by "/" reads each part of its cells under its label; a role after a name in a column of people stays out of the name', () => {
  const census = 'MICU CENSUS\nBed  Name                    Age  Dx                       Team/Attending\n'
    + '4    Castillo, Ramón         67   Septic shock (UTI)       A / Lindqvist\n6    Brennan, Patrick J      81   Hypercapnic failure      B / Osei\n';
  const got = labels(census, 'en');
  assert.deepEqual(got.filter(([l]) => l === 'NAME').map(([, v]) => v), ['Castillo, Ramón', 'Lindqvist', 'Brennan, Patrick J', 'Osei']);
  // (a part typed by its label: "Patient / MRN")
  const log = 'Acc#     | Patient / MRN              | Test | Tech\n24-0117 | ALVAREZ, CONSUELO / 3380921 | K 6.9 | sgk\n24-0140 | FOTU, MELE / 5002318 | Plt 41 | jrv\n';
  const l2 = labels(log, 'en');
  assert.ok(l2.some(([l, v]) => l === 'ID' && v === '3380921') && l2.some(([l, v]) => l === 'ID' && v === '5002318'), JSON.stringify(l2));
  assert.ok(l2.some(([l, v]) => l === 'NAME' && v === 'FOTU, MELE'), JSON.stringify(l2));
  // (the cells' roles: "Jocelyn AS", "F. Bélair IDE")
  const tr = 'Date | Cible | Actions | Soignant\n12/08 | Douleur | Paracétamol | Jocelyn AS\n13/08 | Chute | Glycémie | F. Bélair IDE\n';
  assert.deepEqual(labels(tr).filter(([l]) => l === 'NAME').map(([, v]) => v), ['Jocelyn', 'F. Bélair']);
});

test('points out of a total after a named score or test are no dates ("Apgar 9/10", "Boston 8/9", "horloge 3/7"), unless a date\'s word comes first', () => {
  assert.deepEqual(labels('Apgar à la naissance 9/10. Préparation Boston 8/9. MMSE 21/30, test de l\'horloge 3/7, 5 mots de Dubois 7/10.'), []);
  assert.deepEqual(labels('GCS 14/15 on arrival, clock drawing 3/5.', 'en'), []);
  assert.deepEqual(labels('MMSE fait le 3/7, revu le 12/9'), [['DATE', '3/7'], ['DATE', '12/9']]);
});

test('held-out review, 2026-11-30: run and case numbers, an accession number with its dash, "94 a", no postal code after a code system, no lot or registry number, PIO and FFI', () => {
  assert.deepEqual(labels('EMS run # 24-00319. Case: S24-04418. Accession #: CT240311-8842', 'en'),
    [['ID', '24-00319'], ['ID', 'S24-04418'], ['ID', 'CT240311-8842']]);
  assert.deepEqual(labels('in case: 12 patients, a run of 5 days', 'en'), []);
  assert.deepEqual(labels('M. Schmitt Alphonse, 94 a, pansement'), [['NAME', 'Schmitt Alphonse'], ['AGE', '94 a']]);
  assert.deepEqual(labels('il a 94 a été vu'), []);
  assert.deepEqual(labels('CPT 93294, ICD-10 Z95.0.', 'en'), []);
  assert.deepEqual(labels('Numéro de lot : AB240315. Essai NCT04512345.'), []);
  assert.deepEqual(labels('Tension : PIO 16/18 mmHg, vu par l\'interne FFI.'), []);
});

test('a patient\'s surname in lower case after the first name, a word too in English ("pt: hailey brooks", "patient jonathan rivers date of birth"), not a verb after it', () => {
  assert.deepEqual(labels('pt: hailey brooks, dob 4/22/89', 'en').map(([l, v]) => `${l}:${v}`), ['NAME:hailey brooks', 'BIRTHDATE:4/22/89']);
  assert.deepEqual(labels('dictated for patient jonathan rivers date of birth unknown', 'en'), [['NAME', 'jonathan rivers']]);
  assert.deepEqual(labels('s: pt marisol says she is tired', 'en'), [['NAME', 'marisol']]);
  assert.deepEqual(labels('pt: hailey has fever', 'en'), [['NAME', 'hailey']]);
  assert.deepEqual(labels('patiente yasmina vue ce jour'), [['NAME', 'yasmina']]);
});

test('a town before a state code that is a credential too (PA, MD, AL) after a place\'s preposition: "from Reading, PA"; a person with a credential stays a person', () => {
  assert.deepEqual(labels('a retired teacher from Reading, PA, who enjoys reading', 'en'), [['CITY', 'Reading']]);
  assert.deepEqual(labels('grew up in Baltimore, MD', 'en'), [['CITY', 'Baltimore']]);
  assert.deepEqual(labels('Seen by Amy Lee, PA today', 'en'), [['NAME', 'Amy Lee']]);
});

test('after a plural kinship word, the first names of its list, words too: "sons Mark and Will", "daughters Rose, Lily and June"', () => {
  assert.deepEqual(labels('spoke with his sons Mark and Will today', 'en'), [['NAME', 'Mark'], ['NAME', 'Will']]);
  assert.deepEqual(labels('her daughters Rose, Lily and June visited', 'en'), [['NAME', 'Rose'], ['NAME', 'Lily'], ['NAME', 'June']]);
  assert.deepEqual(labels('his sons Mark and Tuesday', 'en'), [['NAME', 'Mark']]);
});

test('hospitals after SSR, EPSM, USLD and a lower-case "clinique" before a saint\'s name: "SSR Les Cèdres", "EPSM Lille-Métropole", "(cardio, clinique Saint-Augustin)"', () => {
  assert.deepEqual(labels('Courrier de sortie – SSR Les Cèdres, Ajaccio'), [['HOSPITAL', 'Les Cèdres'], ['CITY', 'Ajaccio']]);
  assert.deepEqual(labels('EPSM Lille-Métropole – Secteur 59G21'), [['HOSPITAL', 'Lille-Métropole']]);
  assert.deepEqual(labels('Prévenir Dr Labrousse (cardio, clinique Saint-Augustin) si besoin'), [['NAME', 'Labrousse'], ['HOSPITAL', 'Saint-Augustin']]);
  // (an SSR that is a clinic's: the clinic's own cue takes it)
  assert.deepEqual(labels('attente place SSR Clinique du Parc'), [['HOSPITAL', 'Parc']]);
  assert.deepEqual(labels('examen clinique Normal'), []);
});

test('"doctor" written in lower case before a lower-case name of the lists ("this is doctor amanda lee dictating"), not before prose ("tell doctor about travel"); a dot after a title written whole ends a sentence', () => {
  assert.deepEqual(labels('this is doctor amanda lee dictating', 'en'), [['NAME', 'amanda lee']]);
  assert.deepEqual(labels('tell doctor about travel', 'en'), []);
  assert.deepEqual(labels('Yes doctor. My husband Jasdeep is also here.', 'en'), [['NAME', 'Jasdeep']]);
  assert.deepEqual(labels('seen by Dr. Smith', 'en'), [['NAME', 'Smith']]);
});

test('review of the review: surnames that are role words stay in a column of people ("Jessica Ash", "Maria Pastor"); a score\'s word a few words back leaves a date a date ("Dr Dubois 3/7", "MMSE 28/30, contrôle 3/7")', () => {
  const table = 'Date | Task | Nurse\n12/08 | Meds | Jessica Ash\n13/08 | Wound | Maria Pastor\n14/08 | Walk | Tom Fellow\n';
  assert.deepEqual(labels(table, 'en').filter(([l]) => l === 'NAME').map(([, v]) => v), ['Jessica Ash', 'Maria Pastor', 'Tom Fellow']);
  assert.deepEqual(labels('Consultation avec le Dr Dubois 3/7 à 14h.'), [['NAME', 'Dubois'], ['DATE', '3/7']]);
  assert.deepEqual(labels('MMSE 28/30, contrôle 3/7.'), [['DATE', '3/7']]);
  assert.deepEqual(labels('Apgar à la naissance 9/10.'), []);
});

test('second review: a surname that is a score\'s or a role\'s word stays a name and leaves dates dates ("Dr Norton 3/7", "Glasgow 3/7"); a column of surnames in capitals keeps "Jessica ASH" whole', () => {
  assert.deepEqual(labels('Vu par le Dr Norton 3/7 à 14h.'), [['NAME', 'Norton'], ['DATE', '3/7']]);
  assert.deepEqual(labels('Transferred to Glasgow 3/7 by ambulance.', 'en').filter(([l]) => l === 'DATE'), [['DATE', '3/7']]);
  const t = 'Date | Soin | Infirmière\n12/08 | Pansement | Jessica ASH\n13/08 | Toilette | Claire DUPONT\n14/08 | Lever | Paul MARTIN\n';
  assert.deepEqual(labels(t).filter(([l]) => l === 'NAME').map(([, v]) => v), ['Jessica ASH', 'Claire DUPONT', 'Paul MARTIN']);
});

test('third review: a comma ends a score\'s clause ("GCS 15, CT head 4/9", "Apgar 10/10, sortie 3/7": dates)', () => {
  assert.deepEqual(labels('GCS 15, CT head 4/9 was normal.', 'en').filter(([l]) => l === 'DATE'), [['DATE', '4/9']]);
  assert.deepEqual(labels('Apgar 10/10, sortie 3/7 avec sa mère.').filter(([l]) => l === 'DATE'), [['DATE', '3/7']]);
  assert.deepEqual(labels('Braden score 18, discharged home 3/7 with family.', 'en').filter(([l]) => l === 'DATE'), [['DATE', '3/7']]);
});

test('fourth review: a list of scores after a comma stays scores ("Apgar 9/10, 10/10", "Boston : 3/3, 3/3, 2/3"), a comma before words ends the clause', () => {
  assert.deepEqual(labels('Naissance à terme, Apgar 9/10, 10/10. Score de Boston : 3/3, 3/3, 2/3.'), []);
  assert.deepEqual(labels('test de l\'horloge 4/7, 6/7'), []);
  assert.deepEqual(labels('GCS 15, CT head 4/9 was normal.', 'en'), [['DATE', '4/9']]);
});

test("a person's record names: each word found as a word, a name that is also a word only in Title case off a sentence's start", () => {
  const names = ['Rose', 'Petit', 'Jean-Baptiste', 'Maribelle88'];
  const r = (t: string) => redactText(t, { lang: 'fr', names }).text;
  assert.equal(r('Petit à petit, Rose va mieux. Rose est venue.'), 'Petit à petit, [NOM] va mieux. Rose est venue.');
  assert.equal(r('Il a vu Jean, maribelle aussi.'), 'Il a vu [NOM], [NOM] aussi.');
  assert.equal(redactText("maribelle's mother called", { lang: 'en', names }).text, "[NAME]'s mother called");
  assert.equal(redactText('Rose va mieux, maribelle aussi.', { lang: 'fr' }).text, 'Rose va mieux, maribelle aussi.');
});

test('scores, grades and counts written like dates are no dates; anatomy named after a person is no name (held-out set s41)', () => {
  const dates = (t: string, lang: 'fr' | 'en') => recognize(t, { lang }).filter((s) => s.label === 'DATE').map((s) => t.slice(s.start, s.end));
  for (const t of ['Apgar 7/9/10.', 'Apgar à 1 min 7/10, 5 min 9/10.', 'TA 12/8 puis 9/5 après remplissage.', 'Souffrances endurées 3/7, préjudice esthétique 2/7.', 'Hémocultures 4/4 positives.']) assert.deepEqual(dates(t, 'fr'), [], t);
  for (const t of ['Murmur: Levine 2/6 (prev 3/6) at LUSB.', 'BCx 4/4 MSSA, repeat cultures negative.', 'Trimbow 87/5/9 two puffs BID.', 'Admitted 3/7 ago.']) assert.deepEqual(dates(t, 'en'), [], t);
  // (the same numbers as dates stay dates)
  assert.deepEqual(dates('Vu le 12/8 puis le 9/5.', 'fr'), ['12/8', '9/5']);
  assert.deepEqual(dates('Seen 3/7, BP 120/80 then 3/9 follow-up.', 'en'), ['3/7', '3/9']);
  const names = (t: string) => recognize(t, { lang: 'fr' }).filter((s) => s.label === 'NAME').map((s) => t.slice(s.start, s.end));
  for (const t of ['Douglas libre.', "Pas d'épanchement dans le Douglas.", 'Épanchement du cul-de-sac de Douglas.', 'Sérodiagnostic de Widal et Félix négatif.']) assert.deepEqual(names(t), [], t);
  assert.deepEqual(names('Vu par Douglas Martin et Félix Bernard.'), ['Douglas Martin', 'Félix Bernard']);
});

test('held-out set s41: ages over 89 told by their place, names before a credential or with an Arabic or Portuguese particle; unit words, temperatures and headings are no names or hospitals', () => {
  const of = (t: string, label: string, lang: 'fr' | 'en' = 'en') => recognize(t, { lang }).filter((s) => s.label === label).map((s) => t.slice(s.start, s.end));
  assert.deepEqual(of('Age at death: 92. Paternal grandfather: 94, living. Mother died at 101. MGM: 96 (dementia).', 'AGE'), ['92', '94', '101', '96']);
  assert.deepEqual(of('91M with GI bleed.\nPt is a 94 F, here for f/u.', 'AGE'), ['91', '94']);
  assert.deepEqual(of('Tmax 101F with chills. Father 92 lbs. Seen in room 92 with brother.', 'AGE'), []);
  assert.deepEqual(of('Tmax 101F with chills, temp 99F overnight.', 'NAME'), []);
  assert.deepEqual(of('Thanks,\nEzinne Ugochukwu, MD', 'NAME'), ['Ezinne Ugochukwu']);
  assert.deepEqual(of('Dr. Hamid al-Rashidi saw him. Consult Dr. bin Hamdan. Patient: Omar bin Yousef.', 'NAME'), ['Hamid al-Rashidi', 'bin Hamdan', 'Omar bin Yousef']);
  assert.deepEqual(of('GONÇALVES DA SILVA Maria do Céu', 'NAME', 'fr'), ['GONÇALVES DA SILVA Maria do Céu']);
  assert.deepEqual(of('CVICU RN Tomasz Kowalski; PACU RN Jane Doe.', 'NAME'), ['Tomasz Kowalski', 'Jane Doe']);
  assert.deepEqual(of('Brief Hospital Course: admitted for CP. Transferred from Mercy Hospital.', 'HOSPITAL'), ['Mercy']);
  assert.deepEqual(of('BCx 4/4 MSSA. BCx 1/31 pending.', 'DATE'), ['1/31']);
  assert.deepEqual(of('His MRC dyspnoea score is 4. Sputum grew Pseudomonas on 12/01/24.', 'DATE'), ['12/01/24']);
});

test('held-out set s41: a town after a person\'s name, postal codes after a labelled field, a plural street word', () => {
  const of = (t: string, label: string, lang: 'fr' | 'en' = 'fr') => recognize(t, { lang }).filter((s) => s.label === label).map((s) => t.slice(s.start, s.end));
  assert.deepEqual(of('Médecin traitant : Dr Frédéric Aubanel, Rennes. Copie au Dr Marc Fillon (Marseille).', 'CITY'), ['Rennes', 'Marseille']);
  assert.deepEqual(of('Code postal du domicile : 67100', 'ZIP'), ['67100']);
  assert.deepEqual(of('Patient ZIP Code: 80226', 'ZIP', 'en'), ['80226']);
  assert.deepEqual(of('Dr Peio Larralde, 12 allées Paulmy, 64100 Bayonne', 'ADDRESS'), ['12 allées Paulmy']);
  // (a field's heading after "Patient" is no name)
  assert.deepEqual(of('(M0050) Patient State of Residence: IL. Patient Address of Record: see chart.', 'NAME', 'en'), []);
});

test('held-out set s41, the review of its rules: dates, names, ages and hospitals those rules must not take', () => {
  const of = (t: string, label: string, lang: 'fr' | 'en' = 'en') => recognize(t, { lang }).filter((s) => s.label === label || (label === 'DATE' && s.label === 'BIRTHDATE')).map((s) => t.slice(s.start, s.end));
  // (a date after a score word, an Apgar before a birth date, a murmur's word, "Dr Levine", a culture's word, a pressure)
  assert.deepEqual(of('Apgar 9/10 né le 7/9/10.', 'DATE', 'fr'), ['7/9/10']);
  assert.deepEqual(of('GCS 15 on 3/4/05. NIHSS 4 seen 2/3/09.', 'DATE'), ['3/4/05', '2/3/09']);
  assert.deepEqual(of('Seen by Dr. Levine 3/7 in clinic. Murmur noted 4/9 by Dr. Smith.', 'DATE'), ['3/7', '4/9']);
  assert.deepEqual(of('Blood culture 3/7: E coli. Blood cultures 1/6 pending. CT chest 4/9 nodes stable.', 'DATE'), ['3/7', '1/6', '4/9']);
  assert.deepEqual(of('TA 12/8, 3/7 hospitalisation en cardiologie. Visites 2019/3/7.', 'DATE', 'fr'), ['3/7', '3/7']);
  // (names after an eponym and "et", before a nurse's credential, Douglas the person)
  assert.deepEqual(of('Suivi pour maladie de Crohn et Sophie Martin, sa fille, est présente.', 'NAME', 'fr'), ['Sophie Martin']);
  assert.deepEqual(of('Report called to Mary Day RN.', 'NAME'), ['Mary Day']);
  assert.deepEqual(of('Douglas sec depuis hier, il a bu.', 'NAME', 'fr'), ['Douglas']);
  // (a hospital's stay is its; temperatures and durations are no ages)
  assert.deepEqual(of('Her Mercy Hospital stay was uncomplicated.', 'HOSPITAL'), ['Mercy']);
  assert.deepEqual(of('Temp is 99 F, HR 80. Brother 90 minutes away. Husband 100 miles away.', 'AGE'), []);
});

test("a person's record names of three letters or fewer count in Title case only ('Ng', not 'NG tube')", () => {
  assert.equal(redactText('NG tube placed. Ng called.', { lang: 'en', names: ['Ng'] }).text, 'NG tube placed. [NAME] called.');
});

test('a greeting before a name of two or three words, not before a salutation noun', () => {
  const names = (t: string) => recognize(t, { lang: 'en' }).filter((s) => s.label === 'NAME').map((s) => t.slice(s.start, s.end));
  assert.deepEqual(names('Dear Ngozi Chukwuemeka,\nThank you.'), ['Ngozi Chukwuemeka']);
  assert.deepEqual(names('Dear Colleague,\nThank you. Dear Sir or Madam,'), []);
});

test('second review of the session: x/6 dates, ages, short record names, eponym pairs, elisions, long chains', () => {
  const of = (t: string, label: string, lang: 'fr' | 'en' = 'en') => recognize(t, { lang }).filter((s) => s.label === label).map((s) => t.slice(s.start, s.end));
  assert.deepEqual(of('Essoufflement depuis le 3/6. Vu par le Dr Levine le 2/6.', 'DATE', 'fr'), ['3/6', '2/6']);
  assert.deepEqual(of('Murmur evaluated by cardiology on 2/6.', 'DATE'), ['2/6']);
  assert.deepEqual(of('Pt is a 92 F, HR 110.\nMother 93 h/o CVA. Fever\n92 F with cough.', 'AGE'), ['92', '93', '92']);
  assert.deepEqual(of('maladie de Crohn et Félix, son fils, est là.', 'NAME', 'fr'), ['Félix']);
  assert.deepEqual(of('Réaction de Widal et Félix négative.', 'NAME', 'fr'), []);
  assert.deepEqual(of('Mercy Hospital Course: uneventful.', 'HOSPITAL'), ['Mercy']);
  assert.equal(redactText('Vu ce jour, VO va mieux. NG tube retiré.', { lang: 'fr', names: ['Minh Vo'] }).text, 'Vu ce jour, [NOM] va mieux. NG tube retiré.');
  assert.equal(redactText("Je pense qu'Oanez dort. M. N'Diaye est là.", { lang: 'fr', names: ['Oanez', "N'Diaye"] }).text, "Je pense qu'[NOM] dort. M. [NOM] est là.");
  // (a long chain of "X et Y": linear, no stack overflow)
  const chain = Array.from({ length: 9000 }, (_, i) => (i % 2 ? 'Widal' : 'Félix')).join(' et ');
  assert.ok(recognize(`Réaction de ${chain}.`, { lang: 'fr' }).length >= 0);
});

test('held-out set s41 (i2b2 style): a record header of pipe-separated fields, record numbers in lower case, after a facility code, as UUIDs, after "Med Rec #"', () => {
  const spans = (t: string) => recognize(t, { lang: 'en' }).map((s) => [s.label, t.slice(s.start, s.end)]);
  assert.deepEqual(spans('418820537 | NGH | 20194877 | | 5540921 | 11/3/2093 12:00:00 AM | Discharge Summary | Signed | DIS'),
    [['ID', '418820537'], ['HOSPITAL', 'NGH'], ['ID', '20194877'], ['ID', '5540921'], ['DATE', '11/3/2093']]);
  assert.deepEqual(spans('Pt seen, mrn 5530917 verified. MRN BMH 2290143. Patient MRN 6d1f08e2-93ab-4c1e-9f0a-2b3c4d5e6f70.').filter(([l]) => l === 'MRN').map(([, v]) => v),
    ['5530917', '2290143', '6d1f08e2-93ab-4c1e-9f0a-2b3c4d5e6f70']);
  assert.deepEqual(spans('Med Rec #: 6219087').map(([, v]) => v), ['6219087']);
  assert.deepEqual(spans('Med rec reviewed with the nurse.'), []);
});

test('held-out set s41 (i2b2 style): ages told by "is" and "turns … in", months with two-digit years after a date word (not British weeks)', () => {
  const of = (t: string, label: string) => recognize(t, { lang: 'en' }).filter((s) => s.label === label).map((s) => t.slice(s.start, s.end));
  assert.deepEqual(of('Patient is 93 and lives at home. She turns 97 in July. HR is 93 and regular.', 'AGE'), ['93', '97']);
  assert.deepEqual(of('On insulin since 9/86. Aspirin stopped 10/99. NWB until 6/52 review.', 'DATE'), ['9/86', '10/99']);
});

test("a guideline's or a classification's year is no date; a device's is", () => {
  const dates = (t: string, lang: 'fr' | 'en') => recognize(t, { lang }).filter((s) => s.label === 'DATE').map((s) => t.slice(s.start, s.end));
  assert.deepEqual(dates('SEP selon les critères de McDonald 2017. Classification UICC 2017, EULAR 2019, OMS 2021. Cholécystite (classification de Tokyo 2018).', 'fr'), []);
  assert.deepEqual(dates('Opéré en 2017 à Lyon.', 'fr'), ['2017']);
  assert.deepEqual(dates('Single-chamber ICD 2018. JAK inhibitor per the ACR 2021 guideline.', 'en'), ['2018']);
  // (counts of bands and cores, a nutritional score)
  assert.deepEqual(dates('Western blot IgM 3/3 bands. Biopsy: 5/12 cores positive. MNA 9/14.', 'en'), []);
});

test('third review of the session: lower-case mrn in a lower-case text, no month/year dates for acuities and titres, no ages for "is 92 on room air", no record header for a lab row, no person for a group', () => {
  const spans = (t: string) => recognize(t, { lang: 'en' }).map((s) => [s.label, t.slice(s.start, s.end)]);
  assert.deepEqual(spans('pt seen, mrn 5530917 verified.'), [['MRN', '5530917']]);
  assert.deepEqual(spans('VA from 6/60 to 6/36. Titre of 1/80. Done 11/40.').filter(([l]) => l === 'DATE'), []);
  assert.deepEqual(spans('Patient is 92 on room air. He is 95 pounds. Turns 90 on command.').filter(([l]) => l === 'AGE'), []);
  assert.deepEqual(spans('88231 | CBC | Platelets | 250000 | 150000-400000 | /uL'), []);
  assert.deepEqual(spans('Dear Diabetes Team,\nDear Hiring Committee,'), []);
});

test('fourth review of the session: a guideline name that is a person or a town keeps its year without a guideline word, ages after "is" at a line end, dates before bands, month/years after plain date words, headers after a lone CR', () => {
  const of = (t: string, label: string) => recognize(t, { lang: 'en' }).filter((s) => s.label === label).map((s) => t.slice(s.start, s.end));
  assert.deepEqual(of('Seen by Dr McDonald 2019. Trip (Atlanta 2019). Cholecystitis per Tokyo 2018 criteria.', 'DATE'), ['2019', '2019']);
  assert.deepEqual(of('Patient is 93\nLives alone. She is 98 (frail). Patient is 94 with dementia.', 'AGE'), ['93', '98', '94']);
  assert.deepEqual(of('Variceal ligation on 3/14 bands. MI on 10/99, CABG after 11/99. Letter dated 3/99.', 'DATE'), ['3/14', '10/99', '11/99', '3/99']);
  assert.deepEqual(of('Arm turns 90 on Command.', 'AGE'), []);
  assert.deepEqual(of('Record\r418820537 | NGH | 20194877 | | 5540921 | 11/3/2093 12:00:00 AM | DS', 'HOSPITAL'), ['NGH']);
});

test("a signature after a message's closing whose first name is in no dictionary, nor a word ('Kind regards,⏎Ngozi Chukwuemeka'); not a team", () => {
  const names = (t: string, lang: 'fr' | 'en' = 'en') => recognize(t, { lang }).filter((s) => s.label === 'NAME').map((s) => t.slice(s.start, s.end));
  assert.deepEqual(names('Please call me back.\n\nKind regards,\nNgozi Chukwuemeka'), ['Ngozi Chukwuemeka']);
  assert.deepEqual(names('Thanks,\nThe Cardiology Team'), []);
  assert.deepEqual(names('Cordialement,\nOanez Kerhervé', 'fr'), ['Oanez Kerhervé']);
  assert.deepEqual(names('Cordialement,\nLe secrétariat', 'fr'), []);
});

test('a dictated surname that is also a word after a title and a first name in lower case, where the clause ends or a verb follows', () => {
  const names = (t: string) => recognize(t, { lang: 'fr' }).filter((s) => s.label === 'NAME').map((s) => t.slice(s.start, s.end));
  assert.deepEqual(names('appel de mme josette vallée. mme josiane poirier est venue.'), ['josette vallée', 'josiane poirier']);
  assert.deepEqual(names('mme josette bien portante, patiente yasmina vue ce jour'), ['josette', 'yasmina']);
});

test('counts of lymph nodes and a second Apgar are no dates; a date after a score and a date word still is', () => {
  const of = (t: string, lang: 'fr' | 'en' = 'en') => recognize(t, { lang }).filter((s) => s.label === 'DATE').map((s) => t.slice(s.start, s.end));
  assert.deepEqual(of('Pathology: 3/14 LN positive, margins clear. Seen 3/14 for follow-up.'), ['3/14']);
  assert.deepEqual(of('Right axillary dissection: 2/12 nodes involved. ypN1a (2/11).'), []);
  assert.deepEqual(of('Curage axillaire : 3/14 ganglions envahis. pN1a (2/12). N+ 3/14, revue le 3/10.', 'fr'), ['3/10']);
  assert.deepEqual(of('Apgar 7/10 et 9/10. Apgar 7/10, 9/10 et 10/10.', 'fr'), []);
  assert.deepEqual(of('Apgar 8/9, then 9/9 at 5 minutes.'), []);
  // (a date before "nodes" and a date after a date's word stay dates)
  assert.deepEqual(of('CT chest 4/9 nodes stable; ligation on 3/14 positive nodes.'), ['4/9', '3/14']);
  assert.deepEqual(of('MMSE 24/30 le 3/10 et 22/30 le 4/11. Apgar 9/10. Vue le 3/10 et le 9/10.', 'fr'), ['3/10', '4/11', '3/10', '9/10']);
});

test('a town after a place of care and its comma or dash, in no dictionary, where it ends the line; a town after an origin cue', () => {
  const of = (t: string, lang: 'fr' | 'en' = 'en') => recognize(t, { lang }).filter((s) => s.label === 'CITY').map((s) => t.slice(s.start, s.end));
  assert.deepEqual(of('Discharged to Hebrew Rehabilitation Center, Roslindale. Pt doing well.'), ['Roslindale']);
  assert.deepEqual(of('Seen at Huntsman Cancer Institute, Salt Lake City\nPresent: Dr. K'), ['Salt Lake City']);
  assert.deepEqual(of('Lakeshore Medical Center, New Bedford (MA)\nOchsner Medical Center - Baton Rouge\n'), ['New Bedford', 'Baton Rouge']);
  // (a department, a form's title, a site, a legal form: no town)
  assert.deepEqual(of('Mercy Hospital - Discharge Summary\nMercy Hospital - Cardiology\nUMass Memorial Medical Center - Cardiovascular Medicine\n'), []);
  assert.deepEqual(of('Hôpital Pitié-Salpêtrière – Neuroradiologie\nClinique Mutualiste du Vercors – FICHE ADMINISTRATIVE D\'ADMISSION\nHôpital Édouard Herriot, Pavillon N\nLABORATOIRE KARUKERA BIOLOGIE – SELAS\n', 'fr'), []);
  // (where a person comes from)
  assert.deepEqual(of('54-year-old right-handed woman from Brockton. His daughter drove him in from Cranston. MVC on I-95 near Warwick. A native of Lowell.'),
    ['Brockton', 'Cranston', 'Warwick', 'Lowell']);
  assert.deepEqual(of('Patient of Dr. Smith. Woman from the ED. Head of Cardiology. Professor of Medicine at Harvard.'), []);
});

test('held-out GP set: address fields up to their postal code, street words ending in an accent or a dot, compound communes after a postal code, a capitalized "Née", pressures and word-recall scores', () => {
  const of = (t: string, label: string) => recognize(t, { lang: 'fr' }).filter((s) => s.label === label).map((s) => t.slice(s.start, s.end));
  assert.deepEqual(of('Adresse : Le Bourg, 29410 Pleyber-Christ.\nDomicile : La Grange aux Moines, 37600 Perrusson.\nAdresse : Route de Kerhuon, 29470 Plougastel.', 'ADDRESS'),
    ['Le Bourg', 'La Grange aux Moines', 'Route de Kerhuon']);
  assert.deepEqual(of('Patiente : 7 cité des Mineurs, 03100 Montluçon. 14 venelle de Roscoat, 22300 Lannion. Pharmacie (3 pl. Jean Jaurès).', 'ADDRESS'),
    ['7 cité des Mineurs', '14 venelle de Roscoat', '3 pl. Jean Jaurès']);
  assert.deepEqual(of('2 rue du Lavoir, 31620 Castelnau-d\'Estrétefonds\n7 impasse des Roses, 21121 Fontaine-lès-Dijon\n75013 Paris. Le patient', 'CITY'),
    ['Castelnau-d\'Estrétefonds', 'Fontaine-lès-Dijon', 'Paris']);
  assert.deepEqual(of('Entrée à l\'EHPAD le 12/11/2021. Née Charron le 05/05/1930 à Rochefort. Née prématurée à 32 SA.', 'NAME'), ['Charron']);
  assert.deepEqual(of('TA 15/9 contrôlée à 14/8. MMSE 20/30, test des 5 mots 7/10. Revue le 3/10.', 'DATE'), ['3/10']);
  // (no address without its field's word, and a field without a postal code is left to the street rules)
  assert.deepEqual(of('Adressé par le Dr Martin le 12/03/2024. Adresse mail : x@y.fr', 'ADDRESS'), []);
});

test('a shifted date in a note loses its time zone, which would tell the true date\'s season or the shift (review of 400d70e)', () => {
  assert.equal(shiftDateText('2021-03-28T09:00:00+02:00', 98, 'fr'), '2021-07-04T09:00:00');
  assert.equal(shiftDateText('2021-03-26T09:00:00+01:00', 98, 'fr'), '2021-07-02T09:00:00');
  assert.equal(shiftDateText('2021-03-28T09:00:00+02:00[Europe/Paris]', 98, 'fr'), '2021-07-04T09:00:00');
  assert.equal(shiftDateText('2021-03-28 09:00 CEST', 98, 'fr'), '2021-07-04 09:00');
  assert.equal(shiftDateText('2021-03-28 09:00 GMT+02:00', 98, 'fr'), '2021-07-04 09:00');
  // (UTC tells no season)
  assert.equal(shiftDateText('2021-03-28T09:00:00Z', 98, 'fr'), '2021-07-04T09:00:00Z');
  assert.equal(shiftDateText('2021-03-28 09:00 UTC', 98, 'fr'), '2021-07-04 09:00 UTC');
});

test('review of 8ab0642 and 6a9be81: no sentence swallowed by an address field, no street in "3 clos." or "2 pl. de sang", no town in a word of the language after an origin cue nor in a part of a hospital after its dash', () => {
  const of = (t: string, label: string, lang: 'fr' | 'en' = 'fr') => recognize(t, { lang }).filter((s) => s.label === label).map((s) => t.slice(s.start, s.end));
  assert.deepEqual(of('Domicile : Vit seule à la maison. Revenus 15000 € par an.', 'ADDRESS'), []);
  assert.deepEqual(of('Pansement : 3 clos. Bien toléré. 2 pl. de sang transfusées.', 'ADDRESS'), []);
  assert.deepEqual(of('A woman from Maintenance called. Transferred from Medicaid. Man from Group Home. Woman from Brockton.', 'CITY', 'en'), ['Brockton']);
  assert.deepEqual(of('CHU de Bordeaux - Hémato\nHôpital Necker - Pavillon Dieulafoy\nClinique Trénel, Sainte-Colombe\n', 'CITY'), ['Bordeaux', 'Sainte-Colombe']);
  assert.deepEqual(of('Mercy Hospital - ER\nMercy Hospital - Erie\n', 'CITY', 'en'), ['Erie']);
});

test('a date\'s time and zone after it are taken into its span, so that a surrogate date drops the zone (review of 2f316d9)', () => {
  const of = (t: string) => recognize(t, { lang: 'en' }).filter((s) => s.label === 'DATE').map((s) => t.slice(s.start, s.end));
  assert.deepEqual(of('Seen 2020-06-18 10:30 CEST in clinic. Started: 2024-03-12 23:07:14 EDT'), ['2020-06-18 10:30 CEST', '2024-03-12 23:07:14 EDT']);
  assert.deepEqual(of('Date: Mon, 18 Nov 2024 14:03:55 -0800'), ['18 Nov 2024 14:03:55 -0800']);
  assert.deepEqual(of('x 2021-03-28T09:00:00+01:00[Europe/Paris] x'), ['2021-03-28T09:00:00+01:00[Europe/Paris]']);
  // (a range of times or months, a log's level: no zone)
  assert.deepEqual(of('visit 02/11/2025 10:20-11:05 and q2wk 10/2019-08/2021; 2024-04-09 03:02:11.777 [ERROR]'), ['02/11/2025', '10/2019', '08/2021', '2024-04-09']);
});

test('a pain scale before "à" and a profession after a cue are no names; a title before EVA still makes a name (held-out GP notes)', () => {
  const names = (text: string) => labels(text, 'fr').filter(([l]) => l === 'NAME').map(([, t]) => t);
  assert.deepEqual(names('Douleur EVA à 7/10, EVA évaluée à 3.'), []);
  assert.deepEqual(names('Contact IDE : 06 12 34 56 78. Contact : IDE libérale.'), []);
  assert.deepEqual(names('Mme EVA à l\'accueil. Contact IDE : Mme Le Goff.'), ['EVA', 'Le Goff']);
});

test('a dictation\'s, a transcription\'s and a specimen\'s ID after their cue are identifiers (held-out English notes)', () => {
  const ids = (text: string) => labels(text, 'en').filter(([l]) => l === 'ID').map(([, t]) => t);
  assert.deepEqual(ids('Dictation ID 3390412. Specimen ID: S24-11823. Transcription #: 88213.'), ['3390412', 'S24-11823', '88213']);
  assert.deepEqual(ids('The dictation is done; specimen identified as E. coli 2 days ago.'), []);
});

test('a date in another layout than ISO with its time and zone is shifted and written without the zone; a zone after "AM" or a comma and a time is the date\'s too (held-out English notes)', () => {
  assert.equal(shiftDateText('06/18/2020 10:30 EDT', 7, 'en'), '06/25/2020 10:30');
  assert.equal(shiftDateText('18/06/2020 à 10h30 CEST', 7, 'fr'), '25/06/2020 à 10h30');
  assert.equal(shiftDateText('June 18, 2020 at 10:30 AM EDT', 7, 'en'), 'June 25, 2020 at 10:30 AM');
  assert.equal(shiftDateText('06/18/2020 [Europe/Paris]', 7, 'en'), '06/25/2020');
  assert.equal(shiftDateText('06/18/2020 10:30 UTC', 7, 'en'), '06/25/2020 10:30 UTC');
  const spans = (t: string) => recognize(t, { lang: 'en' }).filter((s) => s.label === 'DATE').map((s) => t.slice(s.start, s.end));
  assert.deepEqual(spans('Seen June 18, 2020, 10:30 PM PDT. On June 19, 2020, 3 calls.'), ['June 18, 2020, 10:30 PM PDT', 'June 19, 2020']);
  assert.deepEqual(spans('Seen 06/18/2020 at 10:30 AM EDT.'), ['06/18/2020 at 10:30 AM EDT']);
});

test('the last digits of a card, an account or an SSN, British and Australian registrations and a prescription\'s or a report\'s number are identifiers (held-out English notes)', () => {
  const ids = (text: string) => labels(text, 'en').filter(([l]) => l === 'ID').map(([, t]) => t);
  assert.deepEqual(ids('SSN (last 4): xxx-xx-6718. Visa ending 7740; card # ending in 4417; account last four 2291.'), ['6718', '7740', '4417', '2291']);
  assert.deepEqual(ids('GMC 7091234, UR: 1039472, DEA AB1234563, Rx # 6041187, report # 24-0873351, Datix # W-118842.'), ['7091234', '1039472', 'AB1234563', '6041187', '24-0873351', 'W-118842']);
  assert.deepEqual(ids('Fiscal year ending 2021; the report noted 3 lesions; UR 12 mg.'), []);
});

test('a witness, an author and a faith\'s minister are cues for the name after them; "Auteur" as a column\'s header is no name (held-out notes)', () => {
  const names = (text: string, lang: 'fr' | 'en' = 'en') => labels(text, lang).filter(([l]) => l === 'NAME').map(([, t]) => t);
  assert.deepEqual(names('Signed in presence of witness Gao Yanping. Author: Rukhsana Begum. Seen by imam Sheikh Abdullahi Nur.'), ['Gao Yanping', 'Rukhsana Begum', 'Sheikh Abdullahi Nur']);
  assert.deepEqual(names('The author of the guideline agreed.'), []);
  assert.deepEqual(names('Date\tAuteur\tCible\n12/03\tIDE\tDouleur', 'fr'), []);
});

test('French held-out set 4: a surname in a tab-separated field, a phone number with double spaces; no name in a DAR target, no date in a scale\'s score', () => {
  assert.deepEqual(labels('Nom\tFONTAINE\tPrénom\tMarie-Thérèse'), [['NAME', 'FONTAINE'], ['NAME', 'Marie-Thérèse']]);
  assert.deepEqual(labels('Nom\tPrénom\tVille'), []);
  assert.deepEqual(labels('Tél : 05  46  45  50  50'), [['PHONE', '05  46  45  50  50']]);
  assert.deepEqual(labels('07:10 – Cible : DOULEUR\n09:10 – Cible : ANXIETE'), []);
  assert.deepEqual(labels('Algoplus 3/5, Critères de Kawasaki : 5/5, Braden 12/23, GCS 14/15. Vu le 3/5.'), [['DATE', '3/5']]);
});

test('a doctor\'s town after the name and its comma is a city (signatures, copy lists); not a specialist, a credential or another person', () => {
  assert.deepEqual(labels('Copie : Dr Soizic Kerhervé, Lamballe ; Dr Ange-Marie Luciani, Ponte-Leccia'),
    [['NAME', 'Soizic Kerhervé'], ['CITY', 'Lamballe'], ['NAME', 'Ange-Marie Luciani'], ['CITY', 'Ponte-Leccia']]);
  for (const t of ['Dr Paul Martin, Cardiologue', 'Dr Paul Martin, Addictologue', 'Dr Paul Martin, PH', 'Dr Paul Martin, Chef de service', 'Dr. Chinedu Eze, FRCPC', 'Dr Pieter du Plessis, FCPath']) {
    assert.ok(!labels(t).some(([l]) => l === 'CITY'), t);
  }
  assert.deepEqual(labels('Dr Paul Martin, Jeanne Dupont').map(([l]) => l), ['NAME', 'NAME']);
});

test('English held-out set 3: a range\'s second day, a ZIP code after the town of an address; eponyms before a score\'s or a scale\'s word, a paresis, a murmur are no names', () => {
  const en = (t: string) => labels(t, 'en');
  assert.deepEqual(en('Seen March 3–4 and March 10-11, 2024.'), [['DATE', 'March 3–4'], ['DATE', 'March 10-11, 2024']]);
  assert.deepEqual(en('March 3-4 patients'), [['DATE', 'March 3']]);
  assert.deepEqual(en('Address: 12 Oak St, Baltimore 21205'), [['ADDRESS', '12 Oak St'], ['CITY', 'Baltimore'], ['ZIP', '21205']]);
  assert.deepEqual(en('Westley croup score 3, Hughes disability scale 2, post-ictal Todd paresis, Austin Flint murmur.'), []);
  assert.deepEqual(en('Seen by Dr. Hughes today.'), [['NAME', 'Hughes']]);
});

test('a postal code after "CP résidence :" is one; a dose\'s five digits before its unit are no postal code ("Héparine 25000 UI/j")', () => {
  assert.deepEqual(labels('CP résidence : 44600. Code postal domicile : 35400.'), [['ZIP', '44600'], ['ZIP', '35400']]);
  assert.deepEqual(labels('Héparine 25000 UI/j, puis dose de 50000 UI ce jour.'), []);
  assert.deepEqual(labels('12 rue X, 01000 Bourg'), [['ADDRESS', '12 rue X'], ['ZIP', '01000'], ['CITY', 'Bourg']]);
});

test('a French prescriber\'s Assurance Maladie number after "AM" is an ID (its 9 digits only: "10 AM" is an hour); a later generic cue keeps an earlier RPPS\'s label off it', () => {
  assert.deepEqual(labels('RPPS 10003456789 – N° AM : 35 1 08472 3'), [['RPPS', '10003456789'], ['ID', '35 1 08472 3']]);
  assert.deepEqual(labels('AM 80 1 04117 9'), [['ID', '80 1 04117 9']]);
  assert.deepEqual(labels('Seen at 10 AM 2024-03-12; 10:30 AM 35 patients.', 'en'), [['DATE', '2024-03-12']]);
});

test('an exam\'s, a block\'s or a slide\'s number after its cue, and the other end of a range of identifiers of one shape, are IDs', () => {
  assert.deepEqual(labels('Bloc : H24-004518-A3. Lames n° H24-004518-L1 à H24-004518-L7. Examen P-2024-1127 reçu ; (examen 24B-03377).'),
    [['ID', 'H24-004518-A3'], ['ID', 'H24-004518-L1'], ['ID', 'H24-004518-L7'], ['ID', 'P-2024-1127'], ['ID', '24B-03377']]);
  assert.deepEqual(labels('Examen physique normal, bloc opératoire 3.'), []);
});

test('an address takes its complements after it (apartment, staircase, building, floor, door), and so does a town after its postal code; not a sentence\'s words ("escarre", "porte un masque")', () => {
  assert.deepEqual(labels('14 boulevard Jules Verne, appt 32, 44000 Nantes'), [['ADDRESS', '14 boulevard Jules Verne, appt 32'], ['ZIP', '44000'], ['CITY', 'Nantes']]);
  assert.deepEqual(labels('27 rue de Paris, esc. B, 5e étage, porte droite'), [['ADDRESS', '27 rue de Paris, esc. B, 5e étage, porte droite']]);
  assert.deepEqual(labels('69003 LYON, bâtiment B, 6e étage'), [['ZIP', '69003'], ['CITY', 'LYON'], ['ADDRESS', 'bâtiment B, 6e étage']]);
  assert.deepEqual(labels('12 rue des Lilas, escarre sacrée. 12 rue des Lilas, porte un masque.'), [['ADDRESS', '12 rue des Lilas'], ['ADDRESS', '12 rue des Lilas']]);
  assert.deepEqual(labels('45 Elm St, 2nd floor, Boston', 'en'), [['ADDRESS', '45 Elm St, 2nd floor'], ['CITY', 'Boston']]);
});

test('an e-mail address whose local part has an accented letter or an apostrophe is replaced whole (review of exports, s43)', () => {
  assert.deepEqual(labels("écrire à zoé.martin@free.fr, sean.o'brien@gmail.com, d'artagnan.jean@orange.fr ou 'jean@x.fr'."),
    [['EMAIL', 'zoé.martin@free.fr'], ['EMAIL', "sean.o'brien@gmail.com"], ['EMAIL', "d'artagnan.jean@orange.fr"], ['EMAIL', 'jean@x.fr']]);
});

test('review of the session\'s commits (s43): patients\' names before a score or a lesion stay names; no pathological time on a run of stars; a surname that is a profession after a cue is a name; "Sr. Nurse", an interpreter\'s language, a credential after a doctor\'s name, a row of figures are no names, towns or phones; NMC and "GMC No:" numbers are IDs; a zone after an hour without minutes or in brackets is the date\'s', () => {
  const en = (t: string) => labels(t, 'en');
  assert.deepEqual(en("Mary Johnson's pain score is 7/10. Robert Jones depression scale 12. John Smith paralysis of the left arm.").filter(([l]) => l === 'NAME').map(([, v]) => v), ['Mary Johnson', 'Robert Jones', 'John Smith']);
  const t0 = performance.now();
  recognize('Visa card ending ' + '*'.repeat(2000) + ' not given, 3 doses.', { lang: 'en' });
  assert.ok(performance.now() - t0 < 2000, 'linear in the run of stars');
  assert.deepEqual(en('Patient: PASTOR Juan'), [['NAME', 'PASTOR Juan']]);
  assert.deepEqual(en('Discussed with Sr. Nurse on duty.'), []);
  assert.deepEqual(labels('Entretien avec interprète Tamoul par téléphone.'), []);
  assert.deepEqual(en('Dr. John Smith, PhD. Dr. Ann Roe, Intensivist.').map(([l]) => l), ['NAME', 'NAME']);
  assert.deepEqual(labels('J  01  02  03  04  05  06  07\nSemaines  08  10  12  14  16'), []);
  assert.deepEqual(en('NMC PIN: 12A3456E. GMC No: 7091234.'), [['ID', '12A3456E'], ['ID', '7091234']]);
  assert.deepEqual(en('Seen 06/18/2020 at 10 AM EDT; June 19, 2020 at 10:30 PM (EDT).'), [['DATE', '06/18/2020 at 10 AM EDT'], ['DATE', 'June 19, 2020 at 10:30 PM (EDT)']]);
  assert.equal(shiftDateText('06/18/2020 at 10 AM EDT', 7, 'en'), '06/25/2020 at 10 AM');
});

test('held-out set 6 (s44): form fields "Nom naissance" / "Nom usage", a next of kin, a town after an address in brackets, door and gate codes, a bare "ID" and a specimen\'s number', () => {
  assert.deepEqual(labels('Nom naissance: BONNET  Nom usage: ROSSI  Prénom: Graziella'), [['NAME', 'BONNET'], ['NAME', 'ROSSI'], ['NAME', 'Graziella']]);
  assert.deepEqual(labels('NOK: Funmi Adeyemi (sister). Next of kin: Ade Bello.', 'en'), [['NAME', 'Funmi Adeyemi'], ['NAME', 'Ade Bello']]);
  assert.deepEqual(labels('chez M. Samuel Courtois (18 rue Lenepveu, Angers).'), [['NAME', 'Samuel Courtois'], ['ADDRESS', '18 rue Lenepveu'], ['CITY', 'Angers']]);
  assert.deepEqual(labels('3e étage, code porte 4B27, digicode : A1947. Code porte non communiqué.'), [['ID', '4B27'], ['ID', 'A1947']]);
  assert.deepEqual(labels('Phoenix; gate code #2291, lockbox code is 4471, key code: *1234#.', 'en'), [['ID', '#2291'], ['ID', '4471'], ['ID', '*1234#']]);
  assert.deepEqual(labels("code du portail : 4471B, code de l'immeuble : 4521B, code porte d'entrée : 4B27."), [['ID', '4471B'], ['ID', '4521B'], ['ID', '4B27']]);
  assert.deepEqual(labels('Interpreter used (ID 40371). SPECIMEN: WX442871A. ID 10 mg. Badge: ID 83412. PPD 0.1 mL ID 1000 units.', 'en'), [['ID', '40371'], ['ID', 'WX442871A'], ['ID', '83412']]);
  // (review of s44: "Chi" is a given name, not only a hospital's acronym)
  assert.deepEqual(labels('Mrs. Chi Wang called. Seen by Dr. Chi.', 'en'), [['NAME', 'Chi Wang'], ['NAME', 'Chi']]);
  // (French hospitals' acronyms: an intercommunal, a specialized, an army's hospital; by its city's name, the city)
  assert.deepEqual(labels('Dr Kermarrec, CHIC de Cornouaille ; CHS de Montperrin ; HIA Bégin ; CHRU de Brest.'),
    [['NAME', 'Kermarrec'], ['HOSPITAL', 'Cornouaille'], ['HOSPITAL', 'Montperrin'], ['HOSPITAL', 'Bégin'], ['CITY', 'Brest']]);
  // (a firm named by its owner's surname alone; not a firm's words, an acronym, an adjective)
  assert.deepEqual(labels('Kiné (cabinet Pichon), IDE (cabinet Bouchard), ancien employeur : entreprise Dubreucq à Roubaix.').filter(([l]) => l === 'NAME'),
    [['NAME', 'Pichon'], ['NAME', 'Bouchard'], ['NAME', 'Dubreucq']]);
  assert.deepEqual(labels('SARL Métallerie Chantreau ; le cabinet IDEL ; la société Générale ; Cabinet Dermatologique Gambetta ; Garage Renault ; la SAS Sanofi.').filter(([, v]) => /Métal|IDEL|Générale|Dermato|Renault|Sanofi/.test(v)), []);  // (an HL7 message's sending and receiving facilities; not a kind of facility)
  assert.deepEqual(labels('MSH|^~\\&|EPIC|UCSF|CLOVERLEAF|LAB|202402291530||ADT^A08|88', 'en'), [['HOSPITAL', 'UCSF'], ['DATE', '202402291530']]);  // (a French phone number glued to the word before it; not to any letters)
  assert.deepEqual(labels('Son numéro mobile est le06.98.43.40.20, Tel06 98 43 40 20, appeler au0698434020.'),
    [['PHONE', '06.98.43.40.20'], ['PHONE', '06 98 43 40 20'], ['PHONE', '0698434020']]);
  assert.deepEqual(labels('Réf. REF06 98 43 40 20 ; halle06 98 43 40 20').filter(([l]) => l === 'PHONE'), []);
  // (and a numbered id whose letters are no phone's word stays an id: "AB06.98.43.40.20")
  assert.deepEqual(labels('Numéro adhérent AB06.98.43.40.20 merci'), [['ID', 'AB06.98.43.40.20']]);  // (the first month of a range whose second has its year)
  assert.deepEqual(labels('1 cp 3 fois par jour de jan à fév 2007.'), [['DATE', 'jan'], ['DATE', 'fév 2007']]);
  assert.deepEqual(labels('Seen monthly from January to March 2020; Grade 2 to March 2021.', 'en'), [['DATE', 'January'], ['DATE', 'March 2020'], ['DATE', 'March 2021']]);
});

test('held-out set 8 (s45): logins with a dot or digits, a column of users, a header\'s bracket; not a species, a domain, a file or a word', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'fr') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  // (one or two initials or a first name, a dot, a known surname; digits after it make a surname that is a word or a first name one too)
  assert.deepEqual(names('Mise à jour : c.larrieu – 18/03/2024 17:02\nexport jean.dupont le 3/4, relu par m.martin3'), ['c.larrieu', 'jean.dupont', 'm.martin3']);
  assert.deepEqual(names('S. aureus, s.aureus, e.coli, s.bovis, b.quintana ; p.ex. la hanche ; cf.dupont ; st.martin ; www.larrieu.fr ; rapport.dupont.pdf ; version.finale'), []);
  assert.deepEqual(labels('écrire à c.larrieu@chu-bordeaux.fr'), [['EMAIL', 'c.larrieu@chu-bordeaux.fr']]);
  // (an initial, a surname that is a word too, and digits: a login; not a word with a digit)
  assert.deepEqual(names('0112   kmorales2     ABERNATHY, CLYDE (RRM0048821)\nstage2 grade2 covid19 hba1c', 'en'), ['kmorales2', 'ABERNATHY', 'CLYDE']);
  // (a column of users under "User" in an aligned table whose other header names a person with a bracket: "Patient (MRN)"; not a
  // service's account)
  const log = 'Time   User          Patient (MRN)                    Qty  Type\n'
    + '0112   dnwosu        PRICE, LATOYA (RRM0051377)        1    Override\n'
    + '0347   system        VOSS, HERBERT (RRM0039004)        2    Removal\n'
    + '0915   tbrennan4     GRANGER, MAE (RRM0052119)         1    Waste';
  assert.deepEqual(names(log, 'en').filter((v) => /^[a-z]/.test(v)), ['dnwosu', 'tbrennan4']);
});

test('held-out set 8 (s45): a surname found with a given name is found again alone, in its case; an age after a surname\'s colon', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'fr') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  const board = 'Nom\tPrénom\tDDN\tJours\n'
    + 'ETCHEVERRY\tMaïté\t1947-10-02\tLMV\nBARRIÈRE\tLucienne\t1930-06-08\tMJS\nSALLES\tThierry\t1966-12-24\tLMV\n\n'
    + 'Remarques :\nBARRIÈRE : transport VSL, prévoir 15 min de plus.\nSALLES : Kt/V 1,38 le 19/3.\nETCHEVERRY : hémoculture + sur KT.\n'
    + 'SALLES DE BAINS à refaire. Etcheverry vue ce jour. Barrière de lit relevée.';
  assert.deepEqual(names(board), ['ETCHEVERRY', 'Maïté', 'BARRIÈRE', 'Lucienne', 'SALLES', 'Thierry', 'BARRIÈRE', 'SALLES', 'ETCHEVERRY', 'Etcheverry']);
  // (in Title case, a surname that is no word: "Abernathy hydromorphone"; not one a first name of the lists does not vouch for,
  // "LONG FALL", nor against a slash)
  assert.deepEqual(names('0112  VOSS, HERBERT  override\nOverrides reviewed: Voss hydromorphone — ok.', 'en'), ['VOSS', 'HERBERT', 'Voss']);
  assert.deepEqual(names('[DJH] PROQA 17-D-3 LONG FALL? NEG\nType: MED-UNC/FALL  Pri: 1', 'en').filter((v) => v.includes('FALL') && v !== 'LONG FALL'), []);
  // (a board's remark on a patient: a surname of the lists that is no word, its colon and an age; not a word, "SUJET : 93 ans")
  assert.deepEqual(names('Remarques :\nLARRIEU : 91 ans, transport VSL.\nSUJET : 93 ans\nHOMME : 92 ans'), ['LARRIEU']);
});

test('held-out set 8 (s45): a key-value table\'s person, initials after a log\'s "op", a signature before a quoted message, lower-case contacts and fields', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'fr') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  const table = '| Field | Value |\n|---|---|\n| Patient | Okonkwo-Reyes, Adanna |\n| MRN | HF0488120 |\n| Nurse | Stable, Afebrile |\n| Contact | Known To Service |';
  assert.deepEqual(names(table, 'en'), ['Okonkwo-Reyes, Adanna']);
  // (an operator's initials in a log's field; not "post op", "op note")
  assert.deepEqual(names('#1  18:22  op JS  Caller: the mother\n#2  19:05  op MK  Caller: the father\npost op CT done, op note signed, pre op ECG', 'en'), ['JS', 'MK']);
  // (initials alone on the last line before a quoted message's header, quote marks aside; a mail's "-- " delimiter)
  assert.deepEqual(names('> Merci de ta réponse rapide.\n> JP\n>\n>> Le 14 mars 2024 à 17:52, Secrétariat a écrit :\n>> Docteur, elle a rappelé.'), ['JP']);
  assert.deepEqual(names('Pansement refait.\n-- JS'), ['JS']);
  assert.deepEqual(names('Merci.\n> OK\n>\n> Le 3 mars, X a écrit :'), []);
  // (a contact's first name in lower case against a phone number; not a place's name after its article, nor a phone's kind)
  assert.deepEqual(names('fille : 06 12 44 87 30 (sylvie), prevenue\ncopine : ines (07 45 90 21 88)\nehpad les jardins de margot (05 56 42 18 90)\n06 12 44 87 31 (portable)'), ['sylvie', 'ines']);
  // (a lower-case signature's and identity's field)
  assert.deepEqual(names('rsr 72 signe : karima (ide de nuit)\nidentite : lea martins ? a verifier\nsigne : clinique'), ['karima', 'lea martins']);
  // (a dotted initials' field without a colon; not the adjective "initial" after its noun)
  assert.deepEqual(names('Patient : initiales R.W., sexe F, 67 ans\nBilan initial : DRS typique depuis 01h30'), ['R.W.']);
});

test('held-out set 8 (s45): eponyms before their acronym, a regurgitation\'s grade, credentials\' lists, vocabulary words in capitals, devotions are no names', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'en') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('Function: Katz ADL 5/6; Lawton IADL 3/8. Grip (Jamar II) 38 kg.'), []);
  assert.deepEqual(names('seen with Dupont JP today; John Smith III was seen'), ['Dupont JP', 'John Smith III']);
  assert.deepEqual(names('LA 4.6 cm, mild MR . Holter (Feb 22): AF burden 18 %. mild-to-moderate MR. Holter showed AF'), []);
  assert.deepEqual(names('Patient MR JONES called'), ['JONES']);
  assert.deepEqual(names('VETERAN CALLED PACT LINE STATING HE HAS SOB\n/ES/ DENISE A. BOUCHARD, RN PACT RN CARE MANAGER\nLOCAL TITLE: PACT RN TELEPHONE'), ['DENISE A. BOUCHARD']);
  assert.deepEqual(names('JOHN DOE RN, MARY BLOSSOM RN; FOB Tyler present today'), ['JOHN DOE', 'MARY BLOSSOM', 'Tyler']);
  assert.deepEqual(names('Signed: T. Morrison MBBS FACEM (prov. no. 2447219F)\nInterpreted by: Priscilla Yoon, MD, D.ABSM Indication: snoring\nCallie Brandt, MS, RD, LD, CDCES — ext 3318'),
    ['T. Morrison', 'Priscilla Yoon', 'Callie Brandt']);
  assert.deepEqual(names('prayer (Our Father, Hail Mary per family); tattoo of Our Lady of\nGuadalupe; daughter Mary Jones'), ['Mary Jones']);
  assert.deepEqual(names('Entrée SSPI 11:05 – IDE SSPI : Agathe Lefebvre\nHeure PA FC SpO2 FR T° EVA Aldrete Commentaire\nOramorph 10 mg si EVA > 4. Mme EVA à l\'accueil', 'fr'), ['Agathe Lefebvre', 'EVA']);
  assert.deepEqual(names('Capsulotomie en T. Ostéotomie cervicale. Vu avec J. Dupont hier.\nBRACELET + FICHE DE LIAISON REMIS.', 'fr'), ['J. Dupont']);
  // (a married name that is a word too before "née" and the birth name; not a cue's word)
  assert.deepEqual(names('Receveur : MOREAU née VIDAL Annick   Sexe F\nENFANT née DUPONT', 'fr'), ['MOREAU', 'VIDAL Annick', 'DUPONT']);
  // (a firm by its owner's surname before its trade's word or a partner's name; not its trade's word first, nor after a practice's field alone)
  assert.deepEqual(names('(entreprise Sabatier Transports, arrêt), SARL Mauriac Plâtrerie en 2023, Cabinet de kinésithérapie Lemarchand & Fayolle – 22 avenue',
    'fr'), ['Sabatier', 'Mauriac', 'Lemarchand', 'Fayolle']);
  assert.deepEqual(names('SARL Métallerie Chantreau ; cabinet de radiologie Pasteur, ; Société Générale Assurances,', 'fr'), []);
});

test('held-out set 7 (s44): a month "of" its year, "May" and its day after a date\'s cue, a person introduced by their age', () => {
  assert.deepEqual(labels('RTC June of 2089. Bypass in March of 2086. F/u May 16; seen on May 3. May 2 doses were given.', 'en').map(([, v]) => v),
    ['June of 2089', 'March of 2086', 'May 16', 'May 3']);
  assert.deepEqual(labels('Zephyrine Kowalczyk is a 54 year old woman. Marquis Dupree was a 29-year-old man. The Patient is a 54 year old.', 'en'),
    [['NAME', 'Zephyrine Kowalczyk'], ['NAME', 'Marquis Dupree']]);
  assert.deepEqual(labels('Flu shot due Oct. Hold warfarin through September, resume after March.', 'en').map(([, v]) => v), ['Oct', 'September', 'March']);
});

test('held-out set 8 (s45): letters scanned or typed for digits inside dates, phone numbers, NIRs and postal codes; words and codes stay', () => {
  assert.deepEqual(labels('Ne(e) le : O5/1O/1961. Hospitalisée du 26/O2/2O24 au O6/O3/2O24, revue le l3 juin 2O24 ; C5 le 27/O6.'),
    [['BIRTHDATE', 'O5/1O/1961'], ['DATE', '26/O2/2O24'], ['DATE', 'O6/O3/2O24'], ['DATE', 'l3 juin 2O24'], ['DATE', '27/O6']]);
  assert.deepEqual(labels('De : 04 7l 28 55 9O. Epouse : O6 34 l2 98 7O. N° SS : 2 38 O9 63 1l3 O27 48.'),
    [['PHONE', '04 7l 28 55 9O'], ['PHONE', 'O6 34 l2 98 7O'], ['NIR', '2 38 O9 63 1l3 O27 48']]);
  assert.deepEqual(labels('DOB : O8/22/1956. Pt phone : (91O) 555-O143 ( home ) / 91O.555.O187. Echo O1/15/24. Fayetteville, NC 283O3', 'en').filter(([l]) => l !== 'CITY'),
    [['BIRTHDATE', 'O8/22/1956'], ['PHONE', '(91O) 555-O143'], ['PHONE', '91O.555.O187'], ['DATE', 'O1/15/24'], ['ZIP', '283O3']]);
  // (words, oxygen, doses, litres, vertebrae, ICD-10 codes: no number; a token glued to other letters neither)
  assert.deepEqual(labels('Sous O2 2l/min puis 3l/min, SpO2 95 %, IO 3, BIO 12, Ol 10, lO 12, OOl 3, hernie l4l5, 1O mg, Hb 1O,5.'), []);
  assert.deepEqual(labels('Dx: I50.32, I10, O24.4; C2 S2 I4 ; 4l nc ; room lO1 ; YPW9O21 ; P.OO1/OO3.', 'en').filter(([l]) => l !== 'NAME'), []);
});

test('held-out set 8 (s45): a day and a month with a time, a roman month, a month first with dashes, an abbreviated month and a two-digit year, a day after a moved date; not a fraction or a count', () => {
  assert.deepEqual(labels('[03/10 04:05] Sam: back in NSR. Pain 3/10 08:00, strength 4/5 throughout, 1/2 tab.', 'en').filter(([l]) => l === 'DATE'), [['DATE', '03/10']]);
  assert.deepEqual(labels('EVA 3/10 08:00, TA 12/8 14:00, deliv 12/03 08:30.').filter(([l]) => l === 'DATE'), [['DATE', '12/03']]);
  assert.deepEqual(labels('Villefranche, le 12.III.2024 ; 12/XI/2023 ; groupe II 12 ; stade IV 2 ans.').filter(([l]) => l === 'DATE'), [['DATE', '12.III.2024'], ['DATE', '12/XI/2023']]);
  assert.deepEqual(labels('FAX Mar-07-2024 15:22 FROM: clinic', 'en').filter(([l]) => l === 'DATE'), [['DATE', 'Mar-07-2024']]);
  assert.deepEqual(labels('Zona en déc. 23. Traitement depuis sept 21 ; en mai 20 patients ; depuis juin 20 jours ; en nov. 12 ans.').filter(([l]) => l === 'DATE').map(([, v]) => v),
    ['déc. 23', 'sept 21', 'mai', 'juin 20', 'nov']);
  assert.deepEqual(labels('Séance décalée au 22. Rdv SPIP le 20 (CPIP). Une le 3 de ce mois. À partir du 12, morphine. Reporté au 14 ; appeler le 15 (SAMU) ; avancée au 2e étage.').filter(([l]) => l === 'DATE').map(([, v]) => v),
    ['22', '20', '3', '12', '14']);
  assert.deepEqual(labels('Event last Tuesday (3/5). Missed dose 1/27, last dose 8/16; last dose 1/2 tab. Note 3/18: INR 1.8. Consented 3/4; Sat 3/4.', 'en').filter(([l]) => l === 'DATE').map(([, v]) => v),
    ['3/5', '1/27', '8/16', '3/18', '3/4', '3/4']);
  assert.deepEqual(labels('Strength 2/5 arm, sat 3/4 on RA, mon 1/2 comprimé.', 'en').filter(([l]) => l === 'DATE'), []);
});

test('held-out set 8 (s45): care centres by their kind (a disorder\'s, a poison centre, a jail, a day care, "Health Sciences Centre"), organizations\' words in capitals; not a department', () => {
  const hosp = (t: string) => labels(t, 'en').filter(([l]) => l === 'HOSPITAL').map(([, v]) => v);
  assert.deepEqual(hosp('SUNNYBROOK HEALTH SCIENCES CENTRE, Toronto. Seen at Piedmont Sleep Disorders Center. NORTHERN NEW ENGLAND POISON CENTER.'),
    ['SUNNYBROOK HEALTH SCIENCES', 'Piedmont Sleep Disorders', 'NORTHERN NEW ENGLAND POISON']);
  assert.deepEqual(hosp('Released from Metropolitan Detention Center. Daycare: Little Sprouts Learning Center, Gladstone.'), ['Metropolitan Detention', 'Little Sprouts Learning']);
  assert.deepEqual(hosp('LABS DRAWN AT SONORAN REFERENCE LABORATORIES. STAYS AT HARBOR LIGHT SHELTER. SEEN AT LAKESIDE PEDIATRICS.'), ['SONORAN REFERENCE', 'HARBOR LIGHT', 'LAKESIDE']);
  assert.deepEqual(hosp('Director, Movement Disorders Center. Cardiac Arrhythmia Clinic. The Autism Center. Boston Museum of Science Center. Riverside Shopping Center.'), []);
  assert.deepEqual(hosp('Referred to Plastic Surgery, Vascular Surgery and Colorectal Surgery; Interventional Radiology; to Acute Rehab. REFERRED TO PLASTIC SURGERY. GENERAL SURGERY CLINIC.'), []);
});

test('held-out set 8 (s45): a number with letters after a phone\'s word, a local number after one, a blood unit\'s ISBT 128 number, "lic #", a specimen\'s dashed number', () => {
  assert.deepEqual(labels('Intake line 216-696-KIDS (5437). Call 1-800-555-HELP. Code 216-696-KIDS.', 'en').filter(([l]) => l === 'PHONE').map(([, v]) => v),
    ['216-696-KIDS (5437)', '1-800-555-HELP']);
  assert.deepEqual(labels('His # is 555 0142. Cell: 555-0199. Room 555 0142. Lot 555-1234. BP 120 1234.', 'en').filter(([l]) => l === 'PHONE').map(([, v]) => v),
    ['555 0142', '555-0199']);
  assert.deepEqual(labels('Checked by W0360 24 018871 Q RBC. Paramedic (ME lic #P-14871). Toxicology specimen 24-0044182; specimen 24-48 h.', 'en').filter(([l]) => l === 'ID').map(([, v]) => v),
    ['W0360 24 018871 Q', 'P-14871', '24-0044182']);
});

test('a small French town (communes.txt.gz) is a CITY after "à" or a strong cue only, never an article and a word', () => {
  assert.deepEqual(labels('Cariste chez Cartonnages du Vermandois à Gauchy depuis 2009.'), [['CITY', 'Gauchy'], ['DATE', '2009']]);
  assert.deepEqual(labels('Balnéothérapie à Montrond-les-Bains, sevrage du tramadol.'), [['CITY', 'Montrond-les-Bains']]);
  // (a city without its article, after a name: "Le Petit-Quevilly"; a merged commune's old name: Évry)
  assert.deepEqual(labels('Médecin traitant : Dr Adèle Tourneur (Petit-Quevilly).').filter(([l]) => l === 'CITY'), [['CITY', 'Petit-Quevilly']]);
  assert.deepEqual(labels('Retour chez lui à Évry en 1998.').filter(([l]) => l === 'CITY'), [['CITY', 'Évry']]);
  // (no cue: the name alone may be a surname or a word — "Gauchy" is left; after "de" too)
  assert.deepEqual(labels('Le dossier Gauchy est complet.').filter(([l]) => l === 'CITY'), []);
  assert.deepEqual(labels('Les bureaux de Gauchy sont fermés.').filter(([l]) => l === 'CITY'), []);
  // (L'HÔPITAL and L'ÉCHELLE are communes, and an article and a word)
  assert.deepEqual(labels('ADRESSÉE PAR LE SAMU À L\'HÔPITAL CORBEIL. IMPOSSIBLE DE MONTER À L\'ÉCHELLE.').filter(([l]) => l === 'CITY'), []);
});

test('a city of the world (world-villes.txt.gz) is a CITY after "à", or "in"/"near" in English; never a country, a state or a word', () => {
  assert.deepEqual(labels('Fait à Casablanca le 19 mars 2026.'), [['CITY', 'Casablanca'], ['DATE', '19 mars 2026']]);
  assert.deepEqual(labels('Son Lim Wee Meng overseas in Perth, updated by phone.', 'en').filter(([l]) => l === 'CITY'), [['CITY', 'Perth']]);
  assert.deepEqual(labels('Her son lives in Tulsa.', 'en'), [['CITY', 'Tulsa']]);
  // (not after "in" in French text, not without a cue, and no word: "works in Reading")
  assert.deepEqual(labels('Tulsa est un nom de code.').filter(([l]) => l === 'CITY'), []);
  assert.deepEqual(labels('He works in Reading; travel to Jordan and Georgia planned.', 'en').filter(([l]) => l === 'CITY'), []);
});

test('places of care and organisations named before their kind: polyclinic, VAMC, CBOC, correctional facility, care home, medical supply; a school in lower case; a laboratory after a comma', () => {
  const hosp = (t: string, lang: 'fr' | 'en') => labels(t, lang).filter(([l]) => l === 'HOSPITAL').map(([, v]) => v);
  assert.deepEqual(hosp('Follow-up: Toa Payoh Polyclinic in 2/52.', 'en'), ['Toa Payoh']);
  assert.deepEqual(hosp('eye consult to Fort Meade VAMC; Station: Rapid City CBOC.', 'en'), ['Fort Meade', 'Rapid City']);
  assert.deepEqual(hosp('Cedar Bluff Correctional Facility, Ionia, MI', 'en'), ['Cedar Bluff Correctional']);
  assert.deepEqual(hosp('Line list - Ashbourne Lodge Care Home, Harrogate', 'en'), ['Ashbourne Lodge Care']);
  assert.deepEqual(hosp('O2 concentrator from Queen City Medical Supply.', 'en'), ['Queen City Medical']);
  // (the kinds alone name none)
  assert.deepEqual(hosp('Discharged to a Skilled Nursing Facility. Assisted Living Facility placement. Long-Term Care Home.', 'en'), []);
  assert.deepEqual(hosp("CM1 à l'école élémentaire Jean-Moulin de Cesson-Sévigné.", 'fr'), ['Jean-Moulin']);
  assert.deepEqual(hosp('Pièce envoyée en anatomopathologie, laboratoire Cypath, n° P24-0087716.', 'fr'), ['Cypath']);
  assert.deepEqual(hosp("il va à l'école tous les jours.", 'fr'), []);
});

test('a chat transcript\'s login-like speaker after the time, and an age over 89 right after a name (between commas or in brackets)', () => {
  const chat = 'Chat transcript\n21:14 CareBot: Hi! A clinician will join shortly.\n21:16 aaliyah.b: hi so my son has had fever since sat\n[21:17] j_m2: ok\n21:18 note: not a handle\n';
  assert.deepEqual(labels(chat, 'en').filter(([l]) => l === 'NAME').map(([, v]) => v), ['aaliyah.b', 'j_m2']);
  // (not inside a line, after another word)
  assert.deepEqual(labels('called at 21:16 aaliyah.b: ok', 'en').filter(([l]) => l === 'NAME'), []);
  assert.deepEqual(labels('Family: sister Opal Tindall, 97, lives nearby.', 'en'), [['NAME', 'Opal Tindall'], ['AGE', '97']]);
  assert.deepEqual(labels('Wife June May (96) and son.', 'en').filter(([l]) => l === 'AGE'), [['AGE', '96']]);
  // (a street's number after a name is no age; an age under 90 is none)
  assert.deepEqual(labels('Jean Dupont, 93, rue de la Paix').filter(([l]) => l === 'AGE'), []);
  assert.deepEqual(labels('Patient: John Smith, 83, presents with cough.', 'en').filter(([l]) => l === 'AGE'), []);
});

test('a number after "#" with 4 digits or more is an ID: a store\'s, a badge\'s, an accession\'s; not a lot, a code, a colour, a count', () => {
  const ids = (t: string) => labels(t, 'en').filter(([l]) => l === 'ID').map(([, v]) => v);
  assert.deepEqual(ids('tag #B-2207. Inmate DOC # 884201. Acc# US2025-118376. Transfer # FMC-TC-260921-07.'), ['B-2207', '884201', 'US2025-118376', 'FMC-TC-260921-07']);
  assert.deepEqual(ids('interpreter Luz Ortega #44821 present'), ['44821']);
  assert.deepEqual(ids('CPT #99213; color #FF0000; visit #2; 12/03/2024 #1'), []);
});

test('a compound first name of no list whose first part is a known first name: "Bui, Kim-Lien"; not a law\'s name nor a heading in capitals', () => {
  assert.deepEqual(labels('Client: Bui, Kim-Lien DOB 02/14/1988', 'en').filter(([l]) => l === 'NAME').map(([, v]) => v), ['Bui', 'Kim-Lien']);
  assert.deepEqual(labels('Loi du 18 août 2013 (Loi Brieux-Simonet) et du Décret.').filter(([l]) => l === 'NAME'), []);
});

test('a NIR\'s key written apart after its 13 digits is the NIR\'s too: "… 042 clé 73", "(clé 36)", "clé : 36"', () => {
  assert.deepEqual(labels('NIR : 2 27 03 56 178 042 clé 73 Obstacle : NON.').filter(([l]) => l === 'NIR').map(([, v]) => v), ['2 27 03 56 178 042 clé 73']);
  assert.deepEqual(labels('N° SS 1 85 05 78 006 084 (clé 36)').filter(([l]) => l === 'NIR').map(([, v]) => v), ['1 85 05 78 006 084 (clé 36)']);
  // (not two digits after an unrelated word)
  assert.deepEqual(labels('NIR 1850578006084 le 12 mars').filter(([l]) => l === 'NIR').map(([, v]) => v), ['1850578006084']);
});

test('French care places by an acronym (LHSS, SPST), an adjective of age (gériatrique); not a drug combination ("l\'association Amoxicilline-Acide clavulanique"), nor an event-free survival ("EFS Rate")', () => {
  const hosp = (t: string, lang: 'fr' | 'en' = 'fr') => labels(t, lang).filter(([l]) => l === 'HOSPITAL').map(([, v]) => v);
  assert.deepEqual(hosp('Sortie en LHSS (LHSS Les Hautes Loges, Lille).'), ['Les Hautes Loges']);
  assert.deepEqual(hosp('SPST Santé Travail Picardie — centre de Laon'), ['Santé Travail Picardie']);
  assert.deepEqual(hosp('Hôpital gériatrique Les Magnolias — court séjour'), ['Les Magnolias']);
  assert.deepEqual(hosp("l'association Amoxicilline-Acide clavulanique est poursuivie ; une association Lévodopa-Bensérazide."), []);
  assert.deepEqual(hosp('EFS Rate at 2 years was 85%.', 'en'), []);
});

test('review of the session\'s commits (s47): generic kinds of facility or home name none; an eponym after "in" is no town; Créon is a drug; a colour of digits is no ID; a doctor\'s département is no age; a chart\'s measure is no chat speaker; a store\'s number stays its place\'s', () => {
  const hosp = (t: string) => labels(t, 'en').filter(([l]) => l === 'HOSPITAL').map(([, v]) => v);
  assert.deepEqual(hosp('Discharged to Long Term Care Facility. Disposition: Intermediate Care Facility. Resides in Personal Care Home.'), []);
  assert.deepEqual(hosp('Transfer to Residential Treatment Facility. Adult Day Care Facility. Follow up at VA CBOC in 3 months.'), []);
  assert.deepEqual(hosp('Seen at Fort Meade VAMC; Hazelden Treatment Facility.'), ['Fort Meade', 'Hazelden Treatment']);
  const cities = (t: string) => labels(t, 'en').filter(([l]) => l === 'CITY').map(([, v]) => v);
  assert.deepEqual(cities("TSH elevated, as in Hashimoto's thyroiditis. Chorea as in Huntington's disease."), []);
  assert.deepEqual(cities("Her son lives in Tulsa, near Tulsa's airport."), ['Tulsa', 'Tulsa']);
  assert.deepEqual(labels('Traitement : Créon 25000 : 2 gélules par repas. Relais à Créon 10000.'), []);
  const ids = (t: string) => labels(t, 'en').filter(([l]) => l === 'ID').map(([, v]) => v);
  assert.deepEqual(ids('<span style="color:#000000">x</span> <font color="#336699">y</font> store #118744'), ['118744']);
  assert.deepEqual(labels('Adressé par le Dr Paul Martin (93) pour bilan.').filter(([l]) => l === 'AGE'), []);
  // (a chart's measure after its hour is no chat speaker)
  assert.deepEqual(labels('Surveillance\n14:00 sat_o2: 96% AA\n08:00 t.a: 13/8\n').filter(([l]) => l === 'NAME'), []);
  // (a store's number inside its place stays the place's, on every line of a long export too: the places are swept once, in
  // order — a look over every span at each '#' was quadratic)
  assert.deepEqual(ids('Walgreens #09127 on Main St.'), []);
  const many = Array.from({ length: 300 }, (_, i) => `Walgreens #${10000 + i} on Main St; Order #${1000000 + i} drawn.`).join('\n');
  const found = ids(many);
  assert.equal(found.length, 300);
  assert.ok(found.every((v) => v.startsWith('10') && v.length === 7));
  // (four digits alone after '#'; a lot's and a code's numbers by the word right before the '#')
  assert.deepEqual(ids('interpreter Luz Ortega #4482 here; tag #2207.'), ['4482', '2207']);
  // (a heading's marks at a line's start are no number's sign)
  assert.deepEqual(ids('## 2024 summary\n# 1234 items'), []);
  assert.deepEqual(ids('CPT code: #99213. lot #24031'), []);
  assert.deepEqual(ids('Slept a lot. Acc #5512345'), ['5512345']);
});

test('a town\'s district after "quartier" is a CITY: "quartier Cronenbourg", "quartier de La Condamine"; not "quartier opératoire", "quartier Nord"', () => {
  const cities = (t: string) => labels(t).filter(([l]) => l === 'CITY').map(([, v]) => v);
  assert.deepEqual(cities('Domicile : quartier Cronenbourg ; appt 22, quartier Maârif.'), ['Cronenbourg', 'Maârif']);
  assert.deepEqual(cities('12 boulevard de Belgique, quartier de La Condamine.'), ['La Condamine']);
  assert.deepEqual(cities('Transfert au quartier opératoire. Le quartier Nord de la ville.'), []);
});

test('a medication table\'s "Sig" column holds directions: words of the language there are no name ("NOT TAKING")', () => {
  const table = [
    'Home med                     Sig (as taken)              Last dose       Rx # / last fill              Note',
    'amlodipine 10 mg             1 tab daily                 6/14 AM         7733109 / 5/30/24           ',
    'metoprolol succinate 50 mg   1 tab daily                 6/14 AM         7733110 / 5/30/24           ',
    'donepezil 10 mg              1 tab at bedtime            6/13 HS         7730021 / 5/15/24           started by neuro',
    'tamsulosin 0.4 mg            NOT TAKING                  —               —                              for husband',
    'meclizine 25 mg OTC          1 tab PRN dizziness         6/12            OTC                            anticholinergic',
    '',
  ].join('\n');
  assert.deepEqual(labels(table, 'en').filter(([l]) => l === 'NAME'), []);
});

test('Québec\'s university hospitals by their acronyms, alone after a place\'s word or before a site: "au CHUM", "CHUS Fleurimont"', () => {
  const hosp = (t: string) => labels(t).filter(([l]) => l === 'HOSPITAL').map(([, v]) => v);
  assert.deepEqual(hosp('Transféré au CHUS Fleurimont pour coronarographie.'), ['CHUS Fleurimont']);
  assert.deepEqual(hosp('Transfert vers le CHUS Fleurimont.'), ['CHUS Fleurimont']);
  assert.deepEqual(hosp('suivi au CHUM et au CHUQ.'), ['CHUM', 'CHUQ']);
});

test('review s47b: a NIR\'s key written apart is replaced with its number — a surrogate\'s key is the surrogate body\'s, a pseudonym the token of the number written whole', () => {
  const key = keyFromText('k'.repeat(40));
  for (const nir of ['2 27 03 56 178 042 clé 73', '1 85 05 78 006 084 (clé 36)', '1850578006084, clé : 36']) {
    const out = redactText(`NIR : ${nir}. Suite.`, { lang: 'fr', replacement: 'surrogate', key }).text;
    const m = /^NIR : (\d[\d ]+\d)(,? ?\(?clé :? ?)(\d{2})\)?\. Suite\.$/.exec(out);
    assert.ok(m, out);
    // (the key of the surrogate number, not two digits drawn apart: "2 59 11 51 380 703 clé 14" named no valid NIR)
    const c = checkNir(m![1]! + m![3]!);
    assert.ok(c.wellFormed && c.hasKey && c.keyValid, out);
  }
  const p = (t: string) => redactText(t, { lang: 'fr', replacement: 'pseudonym', key }).text;
  const token = /\[NIR v1:[a-z2-7]{26}\]/;
  const whole = token.exec(p('NIR : 185057800608436.'))![0];
  assert.equal(p('NIR : 1 85 05 78 006 084 (clé 36).'), `NIR : ${whole}.`);
});

test('review s47b: a compound first name guessed by its first part needs a name or a cue beside it — a hyphenated eponym stays ("Bernard-Horner", "Known Arnold-Chiari")', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'fr') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('ATCD : Bernard-Horner gauche, Adams-Stokes en 2019, thrombopathie de Bernard-Soulier.'), []);
  assert.deepEqual(names('Known Arnold-Chiari, stable. Austin-Flint murmur. Hx of Laurence-Moon. Marcus-Gunn pupil.', 'en'), []);
  // (the guess still holds beside a name or after a cue)
  assert.deepEqual(names('Client: Bui, Kim-Lien DOB 02/14/1988', 'en'), ['Bui', 'Kim-Lien']);
  assert.deepEqual(names('Vu avec Mme Thi-Mai Nguyen.'), ['Thi-Mai Nguyen']);
  assert.deepEqual(names('Sa fille Kim-Lien l\'accompagne.'), ['Kim-Lien']);
});

test('review s47b: an age after a doctor\'s name between commas is an age (the département is in brackets only); a chat message may begin with a number', () => {
  const ages = (t: string, lang: 'fr' | 'en' = 'en') => labels(t, lang).filter(([l]) => l === 'AGE').map(([, v]) => v);
  assert.deepEqual(ages('Patient is Dr. John Smith, 94, a retired surgeon.'), ['94']);
  assert.deepEqual(ages('Adressé par le Dr Paul Martin (93) pour bilan.', 'fr'), []);
  const names = (t: string) => labels(t, 'en').filter(([l]) => l === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('[21:16] aaliyah.b: 2 questions about my son\n21:18 k_obi: 3 days of fever now'), ['aaliyah.b', 'k_obi']);
  assert.deepEqual(names('Surveillance\n14:00 sat_o2: 96% AA\n09:00 temp.c: 38.2\n10:00 fc_bpm: 88 bpm\n'), []);
});

test('review s47c: a NIR\'s pseudonym reads the key\'s words out only — a number after "numéro de sécurité sociale" keeps its letters ("AZ1234567" and "AY1234567" are two tokens, as at fee600b); a key written again after a whole NIR is no 17-digit value', () => {
  const key = keyFromText('k'.repeat(40));
  const p = (t: string) => redactText(t, { lang: 'fr', replacement: 'pseudonym', key }).text;
  const token = (t: string) => /\[NIR v1:[a-z2-7]{26}\]/.exec(p(t))?.[0];
  assert.ok(token('numéro de sécurité sociale : AZ1234567'));
  assert.notEqual(token('numéro de sécurité sociale : AZ1234567'), token('numéro de sécurité sociale : AY1234567'));
  const whole = token('NIR : 185057800608436.');
  assert.equal(token('NIR : 1 85 05 78 006 084 (clé 36).'), whole);
  assert.equal(token('NIR : 1 85 05 78 006 084 36 (clé 36).'), whole);
});

test('review s47c: a chart\'s measure after its hour is no chat speaker, its unit after a space or a word ("96 % AA", "38,2 °C", "3 sur 10"); a message of words after a number is', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'fr') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('Surveillance\n14:00 sat_o2: 96 % AA\n15:00 temp.c: 38,2 °C\n16:00 gcs.total: 15 (E4V5M6)\n17:00 fr.resp: 18 c/min\n20:00 diurese.h: 1200 cc\n21:00 eva.douleur: 3 sur 10\n'), []);
  assert.deepEqual(names('Vitals\r\n18:00 hr.bpm: 88 beats per minute\r\n19:00 pain.score: 3 out of 10\r\n20:00 o2.flow: 2 lpm\r\n', 'en'), []);
  assert.deepEqual(names('[21:16] aaliyah.b: 2 questions about my son\r\n21:18 k_obi: 3 days of fever now\r\n', 'en'), ['aaliyah.b', 'k_obi']);
});

test('review s47c: no district after "quartier" for a ward\'s or a prison\'s quarter, in capitals too, nor a plural\'s "S"; a district\'s name of words after an article, a saint or with a hyphen is', () => {
  const cities = (t: string) => labels(t).filter(([l]) => l === 'CITY').map(([, v]) => v);
  assert.deepEqual(cities('Patient au QUARTIER OPÉRATOIRE à 14h. Détenu en quartier Arrivants puis Quartier Disciplinaire, quartier d\'Isolement.'), []);
  assert.deepEqual(cities('Transféré au Quartier Opératoire Central. Vu au quartier Femmes, quartier de Haute Sécurité. QUARTIERS NORD.'), []);
  assert.deepEqual(cities('Vit quartier Les Halles ; quartier Croix-Rousse ; QUARTIER CRONENBOURG.'), ['Les Halles', 'Croix-Rousse', 'CRONENBOURG']);
});

test('"Sr." before a name is a title (Sister, Señor): "witness Sr. Annamma Kurian", "Midwife: Sr. Akinyi Otieno"; after a name the father\'s suffix; before a role a rank', () => {
  const names = (t: string) => labels(t, 'en').filter(([l]) => l === 'NAME').map(([, v]) => v);
  assert.deepEqual(names('witness Sr. Annamma Kurian signed.'), ['Annamma Kurian']);
  // (a surname with an apostrophe: the word read whole, as letterRunEnd reads it)
  assert.deepEqual(names("witness Sr. O'Brien signed; Sr. D'Souza too."), ["O'Brien", "D'Souza"]);
  assert.ok(names('Midwife: Sr. Akinyi Otieno, on call.').some((v) => v.startsWith('Akinyi Otieno')));
  assert.deepEqual(names('Peter Walsh Sr. was seen today.'), ['Peter Walsh']);
  assert.deepEqual(names('Discussed with Sr. Nurse on duty.'), []);
});

test('review s47d: "Sr." is a title before a name only — not before a senior\'s role, rank or department; after a comma or a line break, in capitals, and Sr without its dot it is one', () => {
  const names = (t: string, lang: 'fr' | 'en' = 'en') => labels(t, lang).filter(([l]) => l === 'NAME').map(([, v]) => v);
  // a senior's job title: no name ("Care", "Lab", "VP", "Staff", "Nurse-Midwife" were names after the title)
  for (const t of ['Referred to Sr. Care Coordinator for follow up.', 'Sample sent by Sr. Lab Tech this morning.', 'Escalated to the Sr. VP of Clinical Affairs.',
    'Sr. Nurse-Midwife present.', 'Seen by Sr. Engineer.', 'Sr. Clinical Pharmacist reviewed.', 'Sr. House Officer saw the patient.', 'Sr. Mgr approved.']) assert.deepEqual(names(t), [], t);
  assert.deepEqual(names('Sr. Analyst Kim reviewed the data.'), ['Kim']);
  assert.deepEqual(names('Sr. Staff Nurse Mary attended.'), ['Mary']);
  assert.deepEqual(names('Sr. Jones said hello.'), ['Jones']);
  // a list of people, a line's start: no father's suffix
  assert.deepEqual(names('Witnesses: Dr Patel, Sr. Annamma Kurian'), ['Patel', 'Annamma Kurian']);
  assert.deepEqual(names('Present: Dr John Walsh\nSr. Annamma Kurian'), ['John Walsh', 'Annamma Kurian']);
  assert.deepEqual(names('Peter Walsh Sr. was seen today.'), ['Peter Walsh']);
  assert.deepEqual(names('Robert Jones, Sr. was seen.'), ['Robert Jones']);
  // in capitals; without the dot (Sœur in French)
  assert.deepEqual(names('WITNESS: SR. ANNAMMA KURIAN'), ['ANNAMMA KURIAN']);
  assert.deepEqual(names('Visite de Sr Akinyi Otieno ce matin.', 'fr'), ['Akinyi Otieno']);
  assert.deepEqual(names('Witnessed by Sr Akinyi Otieno'), ['Akinyi Otieno']);
  assert.deepEqual(names('FOLLOW UP WITH SR. CASE MANAGER'), []);
  // the text's end, a line break right after it
  assert.deepEqual(names('Text ends with Sr.'), []);
  assert.deepEqual(names('witness Sr.\r\nreviewed'), []);
});

test('the lower-case cues "pompes funèbres" and "mutuelle" reach the place rule (the character pass\'s first-letter filter let them through in capitals only)', () => {
  const hosp = (t: string) => labels(t).filter(([l]) => l === 'HOSPITAL').map(([, v]) => v);
  assert.deepEqual(hosp('Transport par les pompes funèbres Guillemot le 13/01.'), ['Guillemot']);
  assert.deepEqual(hosp('Adhérente à la mutuelle Harmonie Santé. Il pompe ; la mutuelle rembourse.'), ['Harmonie Santé']);
});
