/**
 * Direct-identifier detection for a table column from its header and a sample of its values.
 * Used by `anonymat init` (role proposal), ingestion (free-valued columns) and the release verdict.
 *
 * Rules (../shared/reference/identifiers.md):
 * - content first: the share of non-empty sampled values that pass a validator (NIR/NIA shape and
 *   key, IBAN mod 97, Luhn for RPPS/FINESS, e-mail, phone, IP, URL, SSN, street address, names from
 *   the INSEE dictionaries); check keys raise the confidence;
 * - the header confirms or, for formats without a checksum (MRN/IPP/NDA, ADELI, city, postal code),
 *   decides;
 * - the reason says which share and which header — never a value.
 *
 * Returned kinds: name, first-name, last-name, nir, nia, ins, rpps, adeli, finess, phone, email,
 * address, postal-code, city, birth-date, iban, ssn, mrn, ip, url, uuid. Quasi-identifier kinds
 * (postal-code, city, birth-date) are returned so callers can propose generalization instead of
 * removal.
 */
import {
  checkFiness, checkNir, compact, isAdeliShape, isBareUrl, isEmail, isIp, isPhone, isRuralAddress, isSsn, isStreetAddress, isUrl, isUuid,
  isValidIban, isValidRpps,
} from './validators.ts';
import { dictionaries, fold, isVocabularyWord } from '../../text/data.ts';
import { normalizeHeader, normalizedHeaderWords } from '../../util/headers.ts';

export type IdentifierKind =
  | 'name' | 'first-name' | 'last-name' | 'nir' | 'nia' | 'ins' | 'rpps' | 'adeli' | 'finess' | 'phone' | 'email'
  | 'address' | 'postal-code' | 'city' | 'birth-date' | 'iban' | 'ssn' | 'mrn' | 'ip' | 'url' | 'uuid' | 'license' | 'geocode';

export interface IdentifierDetection {
  kind: IdentifierKind;
  /** 0..1 */
  confidence: number;
  /** Why (shares and header words; never a value). */
  reason: string;
}

/** Kinds that identify a person directly (the others are quasi-identifiers to generalize). */
export const DIRECT_KINDS: ReadonlySet<IdentifierKind> = new Set<IdentifierKind>([
  'name', 'first-name', 'last-name', 'nir', 'nia', 'ins', 'rpps', 'adeli', 'finess', 'phone', 'email', 'address',
  'iban', 'ssn', 'mrn', 'ip', 'url', 'uuid', 'license', 'geocode',
]);

/**
 * A header naming a relative or a close person, whose values are names ("Sophie MICHEL (épouse)"): an emergency contact, a
 * person to warn, a trusted person, the next of kin (normalized header).
 */
const RELATIVE_HEADER = /\b(?:contact (?:d )?urgences?|urgence contact|personnes? (?:a|de) (?:prevenir|contacter)|pers (?:a )?prevenir|pers(?:onnes?)? (?:de )?confiance|emergency contacts?|next of kin|nearest relative|proche (?:a )?prevenir)\b/;
/** Header words (accents removed, lower case, split on _ - space and camelCase). */
const HEADER: [IdentifierKind, RegExp][] = [
  ['ins', /^(ins|ins ?nir|matricule ins|ins ?c)$/],
  ['nir', /\b(nir|nss|secu|securite sociale|social security fr|numero ss|num ss|n ss|insee)\b/],
  ['nia', /\bnia\b/],
  ['ssn', /\b(ssn|social security( number)?|sin)\b/],
  ['rpps', /\brpps\b/],
  ['adeli', /\badeli\b/],
  ['finess', /\bfiness\b/],
  ['iban', /\b(iban|rib|bank account|compte bancaire)\b/],
  ['email', /\b(e ?mail|courriel|mel|mail)\b/],
  ['phone', /\b(phone|tel|telephone|mobile|portable|fax|gsm|cell)\b/],
  ['ip', /\b(ip|ip address|adresse ip|ipv4|ipv6)\b/],
  ['url', /\b(url|uri|website|site web|homepage|link|lien)\b/],
  // (and an account's or a policy's number, as US exports abbreviate them: "Acct #", "Account Number", "Policy #" — '#' is read
  // as "number" — and a medical record's, "Med Rec #")
  ['mrn', /\b(mrn|ipp|nda|nip|iep|medical record|med rec|medical rec|record number|dossier|n dossier|num dossier|sejour|num sejour|encounter id|visit id|chart|(?:acct|account|policy) (?:number|num|no|nbr|nr|id))\b/],
  ['license', /\b(passport|passeport|drivers?|driver s license|driving licen[cs]e|licen[cs]e( number)?|permis( de conduire)?|plate|immatriculation vehicule|vin|serial( number)?|device id)\b/],
  ['geocode', /\b(lat|lon|lng|latitude|longitude|geo|geoloc|coordinates|gps)\b/],
  ['birth-date', /\b(birth ?date|date of birth|dob|ddn|date de naissance|naissance|date naiss|birthdate|birth)\b/],
  ['postal-code', /\b(zip|zip ?code|postal|post ?code|postcode|code postal|cp|codepostal)\b/],
  // (not a drug's route: "voie_administration", "voie d'administration")
  ['address', /\b(address|adresse|street|rue|addr|line|voie(?! d? ?admin)|domicile)\b/],
  ['city', /\b(city|ville|commune|town|municipality|localite|birthplace|birth place|place of (?:birth|residence)|hometown|lieu de (?:residence|naissance|vie|domicile)|lieu (?:residence|naissance|naiss)|residence)\b/],
  ['first-name', /\b(first|first ?name|given|given ?name|prenom|forename|firstname|prenoms)\b/],
  ['last-name', /\b(last|last ?name|surname|family ?name|nom de famille|nom de naissance|nom d usage|lastname|maiden|family|nom|nom usuel)\b/],
  // (a person's name glued to its word, as exports write it: "OWNERNAME", "PatientName" split to "patient name" already)
  ['name', /\b(name|full ?name|patient name|nom complet|nom prenom|identite|(?:owner|patient|member|subscriber|guarantor|holder|contact|person|caller|client|customer|employee|insured|beneficiary|parent|mother|father|spouse|full)name)\b/],
  // (a relative or a close person to call: "contact_urgence", "personne_a_prevenir", "pers_confiance", "emergency_contact", "next_of_kin")
  ['name', RELATIVE_HEADER],
];

export { normalizeHeader };

/** Words of a street address in a header ("adresse2" and "address_line_2" are split to theirs). */
const ADDRESS_WORDS = new Set(['address', 'adresse', 'adress', 'addr', 'adr', 'street', 'rue']);
/** Words of a further line of an address beside an address word: its number ("adresse2", "address_line_2") or a complement ("complement_adresse", "cplt_adr"). */
const ADDRESS_LINE_WORDS = new Set(['2', '3', '4', 'ii', 'iii', 'complement', 'compl', 'cplt', 'cpl', 'comp', 'suite', 'bis']);
/** Words of a header naming something else than a street address (an e-mail's, an IP's, a state's): no street address part. */
const NOT_STREET_WORDS = new Set(['mail', 'email', 'courriel', 'ip', 'mac', 'web', 'url', 'state', 'country', 'pays', 'region', 'province', 'departement', 'dept', 'nation']);
/** Words of a number ("num", "no", "nbr", "number"). */
const NUMBER_WORDS = new Set(['number', 'num', 'no', 'nbr', 'nr', 'numero', 'n', 'id']);
/**
 * Whether a header names a part of a street address besides its first line: a second line ("adresse2", "adr2", "address2",
 * "address_line_2", "addr2", "complement_adresse", "cplt_adr"), an apartment or a suite ("Apt/Suite", "apt_no",
 * "appartement"), a post-office box, a locality ("lieu_dit") — "Unit 12", "Résidence Les Pins" or "chez Mme Roux" are no street
 * address for the content test, and are part of one (HIPAA item B). Not "suite" or "unit" alone (a follow-up, a ward).
 */
export function isAddressPartHeader(name: string): boolean {
  const w = normalizedHeaderWords(name);
  if (w.some((x) => NOT_STREET_WORDS.has(x))) return false;
  const has = (x: string): boolean => w.includes(x);
  if (w.some((x) => ADDRESS_WORDS.has(x)) && w.some((x) => ADDRESS_LINE_WORDS.has(x))) return true;
  if (has('apartment') || has('appartement') || has('pobox') || has('lieudit') || (has('lieu') && has('dit')) || (has('po') && has('box')) || (has('boite') && has('postale'))) return true;
  return has('apt') && w.every((x) => x === 'apt' || x === 'suite' || x === 'unit' || NUMBER_WORDS.has(x) || /^\d+$/.test(x));
}

/** Whether a column's header names a person's name ("nom", "prenom", "patient_name", "last name"): by its header alone. */
export function isNameHeader(name: string): boolean {
  const k = headerKinds(name);
  return k.includes('name') || k.includes('first-name') || k.includes('last-name');
}

function headerKinds(name: string): IdentifierKind[] {
  const h = normalizeHeader(name);
  const kinds = HEADER.filter(([, re]) => re.test(h)).map(([k]) => k);
  if (isAddressPartHeader(name) && !kinds.includes('address')) kinds.push('address');
  return [...new Set(kinds)];
}

/**
 * Words that name a relative or a close person after a name ("Sophie MICHEL (épouse)", "Jean Dupont - fils", "Marie (mère)"),
 * folded (upper case, no accents).
 */
const RELATIONS = new Set([
  'EPOUX', 'EPOUSE', 'MARI', 'FEMME', 'CONJOINT', 'CONJOINTE', 'COMPAGNON', 'COMPAGNE', 'CONCUBIN', 'CONCUBINE', 'PARTENAIRE', 'FIANCE', 'FIANCEE',
  'FILS', 'FILLE', 'PERE', 'MERE', 'FRERE', 'SOEUR', 'SŒUR', 'ENFANT', 'PARENT', 'PARENTS', 'ONCLE', 'TANTE', 'NEVEU', 'NIECE', 'COUSIN', 'COUSINE',
  'GENDRE', 'BRU', 'GRAND PERE', 'GRAND MERE', 'PETIT FILS', 'PETITE FILLE', 'BEAU PERE', 'BELLE MERE', 'BEAU FRERE', 'BELLE SOEUR', 'BELLE SŒUR',
  'BEAU FILS', 'BELLE FILLE', 'AMI', 'AMIE', 'VOISIN', 'VOISINE', 'TUTEUR', 'TUTRICE', 'CURATEUR', 'CURATRICE', 'AIDANT', 'AIDANTE', 'PROCHE',
  'WIFE', 'HUSBAND', 'SPOUSE', 'PARTNER', 'SON', 'DAUGHTER', 'MOTHER', 'FATHER', 'MOM', 'MUM', 'DAD', 'BROTHER', 'SISTER', 'SIBLING', 'CHILD',
  'GRANDSON', 'GRANDDAUGHTER', 'GRANDMOTHER', 'GRANDFATHER', 'GRANDPARENT', 'AUNT', 'UNCLE', 'NEPHEW', 'NIECE', 'STEPSON', 'STEPDAUGHTER',
  'STEPMOTHER', 'STEPFATHER', 'FRIEND', 'NEIGHBOR', 'NEIGHBOUR', 'GUARDIAN', 'CAREGIVER', 'GIRLFRIEND', 'BOYFRIEND',
]);
/** Whether a short text names a relationship ("épouse", "fille aînée", "petite-fille", "mother-in-law"): its first word or two. */
function isRelation(text: string): boolean {
  const words = fold(text).replace(/[-_\s]+/g, ' ').replace(/ IN LAW\b/, '').trim().split(' ');
  return RELATIONS.has(words[0]!) || (words.length > 1 && RELATIONS.has(`${words[0]} ${words[1]}`));
}
/**
 * A name without the relationship written after it ("Sophie MICHEL (épouse)", "Jean Dupont - fils", "Marie Roux, sa fille",
 * "Marie (mère)") or before it ("épouse : Sophie MICHEL"): the name alone, as the name tests read names. Other values unchanged
 * ("Dupont, Jean" keeps its first name).
 */
function withoutRelation(v: string): string {
  if (v.length > 200) return v;
  const m = /^(.*?[^\s,(–—-])\s*(?:\(([^()]{1,40})\)|\s[-–—]\s*([^()–—]{1,40})|,\s*([^,()]{1,40}))$/u.exec(v);
  if (m) {
    const rel = (m[2] ?? m[3] ?? m[4])!.replace(/^(?:sa|son|ses|his|her|their)\s+/i, '');
    if (isRelation(rel)) return m[1]!;
  }
  const p = /^([\p{L}'’ -]{2,30}?)\s*[:–—-]\s+(.+)$/u.exec(v);
  if (p && isRelation(p[1]!)) return p[2]!;
  return v;
}

interface Share { share: number; n: number }
function share(values: string[], test: (v: string) => boolean): Share {
  let hit = 0;
  for (const v of values) if (test(v)) hit++;
  return { share: values.length ? hit / values.length : 0, n: values.length };
}

/**
 * The values that are no stock word for a missing value: without the words without a digit ("non renseigné", "à compléter",
 * "NR", "refus") when they are few (10 distinct or fewer — a column of words has more) and the rest are not all of them.
 */
function valuesBesidesStockWords(values: string[]): string[] {
  const words = new Set<string>();
  for (const v of values) if (!/\d/.test(v)) { words.add(v.toLowerCase()); if (words.size > 10) return values; }
  const rest = values.filter((v) => /\d/.test(v));
  return rest.length ? rest : values;
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

function nameTokenShare(values: string[], which: 'first' | 'last' | 'any'): number {
  const d = dictionaries();
  let hit = 0;
  for (const v of values) {
    const tokens = v.replace(/\d+/g, '').split(/[\s,]+/).filter((t) => t.length > 1);
    if (tokens.length === 0 || tokens.length > 5) continue;
    const f = (t: string): boolean => {
      const k = fold(t);
      return which === 'first' ? d.firstNames.has(k) : which === 'last' ? d.surnames.has(k) : d.firstNames.has(k) || d.surnames.has(k);
    };
    if (tokens.some(f)) hit++;
  }
  return values.length ? hit / values.length : 0;
}

/** A header naming an organization: a hospital, a clinic, a pharmacy, a laboratory, a payer, an employer, a manufacturer. */
const ORG_NAME_HEADER = /(^| )(hospital|hopital|clinic|clinique|facility|etablissement|structure|organization|organisation|org|pharmacy|pharmacie|lab|laboratory|laboratoire|payer|payeur|insurer|assureur|mutuelle|company|societe|employer|employeur|vendor|manufacturer|fabricant|provider org|service|unit|unite|ward)( |$)/;
/**
 * A word of an organization's name in a value: under such a header, half the values holding one are organizations' names
 * ("Hôpital Saint-Louis"); the names of people under "ward_doctor_name", "payer_subscriber_name" hold none.
 */
const ORG_WORD = /(?:^|[^\p{L}])(?:h[ôo]pital|hospital|clinique|clinic|polyclinique|centre|center|chu|chr|ch|ghu|aphp|ap-hp|pharmacie|pharmacy|laboratoire|laboratory|labs?|mutuelle|cpam|ehpad|ssr|institut|institute|fondation|foundation|groupe|group|cabinet|maison|r[ée]sidence|m[ée]dical|medical|sant[ée]|health|care|assurances?|insurance|company|soci[ée]t[ée]|sa|sas|sarl|inc|llc|ltd|corp|corporation|services?|university|universit[ée]|partners|associates)(?:[^\p{L}]|$)/iu;
/** A header naming a product's or a batch's code (EAN-13, GTIN, CIP, lot): 13 digits of a NIR's layout are no person's there. */
const PRODUCT_CODE_HEADER = /(^| )(lot|batch|ean|ean13|gtin|barcode|code barre|code ean|cip|cip13|ucd|product|produit|article|sku|reference produit)( |$)/;
/** A value that is a date or a month (the header-led record numbers are not): "2024-01-05", "05/01/2024", "2024-1-5", "2024/01". */
const DATE_LIKE = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}[-/.]\d{1,2}|\d{1,2}[-/.]\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;
/**
 * The place words of a header that may name a kind of place rather than a town ("lieu_de_vie" = Domicile/Institution,
 * "lieu_naissance" = France/Étranger): there, a town's column has varied values or towns of the dictionary.
 */
const LOOSE_CITY_HEADER = /\b(?:lieu|residence|hometown|place of)\b/;
/** A decimal number, with a point or a comma ("0.87345612", "1234,50"): a measure, an amount or a fraction, no code. */
const DECIMAL = /^[-+]?\d+[.,]\d*[1-9]\d*$/;
/** A header that names a point in time (normalized): "event time ms", "created at", "timestamp", "epoch", "ts". */
const TIME_HEADER = /(?:^| )(?:ts|time|timestamp|epoch|unix|ms|millis|datetime|at|date|instant)(?: |$)/;
/** A header that names a person's name (normalized): "patient name", "full name", "first name", "nom de famille", "prenom". */
const PERSON_NAME_HEADER = new RegExp(String.raw`${RELATIVE_HEADER.source}|\b(?:(?:patient|person|member|subscriber|guarantor|insured|beneficiary|client|customer|employee|caller|contact|holder|owner|parent|mother|father|spouse|doctor|physician|prescriber|nurse|provider) ?names?|full ?name|first ?name|last ?name|given ?names?|surname|family ?name|forename|prenoms?|nom de famille|nom de naissance|nom d usage|nom usuel|nom de jeune fille|maiden ?name|nom prenom|nom complet|firstname|lastname)\b`);
/** A header naming a place's name: a place word beside the name word ("region_nom", "nom_commune", "country_name"). */
const PLACE_NAME_HEADER = /(^|[^a-z])(region|departement|d[ée]partement|dept|dep|commune|ville|pays|country|state|county|city|canton|arrondissement|province|territoire|territory|town|village|lieu|place)([^a-z]|$)/i;

/**
 * Detects whether a column holds a direct identifier (or a geographic/birth-date quasi-identifier
 * that profiles generalize). `sample`: a few hundred non-missing values (more is slower, not better).
 * Returns null when nothing identifying is found.
 */
export function detectIdentifierColumn(name: string, sample: readonly string[]): IdentifierDetection | null {
  const values = sample.map((v) => (v ?? '').trim()).filter((v) => v !== '');
  const hk = headerKinds(name);
  const hdr = (k: IdentifierKind): boolean => hk.includes(k);
  const n = values.length;
  const out = (kind: IdentifierKind, confidence: number, reason: string): IdentifierDetection =>
    ({ kind, confidence: Math.round(Math.min(1, confidence) * 100) / 100, reason });
  const headerNote = (k: IdentifierKind): string => (hdr(k) ? `; header "${name}" agrees` : '');

  if (n > 0) {
    // strong validators (checksums or unmistakable formats)
    // (the NIR's share is over the values that are no stock word: an export writes "non renseigné", "à compléter", "NR" in
    // a third of a NIR column, and 12 keyless NIRs among them were kept in clear below the 80 %)
    const numbered = valuesBesidesStockWords(values);
    const nir = share(numbered, (v) => checkNir(v).wellFormed);
    // (13-digit CIP codes of medicines, "3400930…", read as NIRs without a valid key: drug codes, no persons)
    const cip = (nir.share >= 0.8 && share(numbered, (v) => /^3400\d{9}$/.test(v.replace(/\s/g, ''))).share >= 0.8 && share(numbered, (v) => checkNir(v).keyValid).share === 0)
      // (and a product's or a batch's code by its header, 13 digits that may have a NIR's layout: "lot", "ean13", "gtin")
      || PRODUCT_CODE_HEADER.test(normalizeHeader(name));
    // (Unix times in milliseconds, 13 digits from 1 between 2001 and 2033, have the NIR's loose layout — so has a man's NIR
    // without its key: under a header that names a point in time only, "event_time_ms", "created_at", they are times)
    const epochMs = TIME_HEADER.test(normalizeHeader(name)) && !hdr('nir') && !hdr('ins') && !hdr('nia')
      && share(values, (v) => /^1\d{12}$/.test(v) && Number(v) >= 946684800000 && Number(v) < 2208988800000).share >= 0.8;
    if (nir.share >= 0.8 && !cip && !epochMs) {
      const keyed = share(numbered, (v) => checkNir(v).keyValid).share;
      const nia = share(numbered, (v) => checkNir(v).kind === 'nia').share;
      const kind: IdentifierKind = hdr('ins') ? 'ins' : nia > 0.5 ? 'nia' : 'nir';
      return out(kind, 0.6 + 0.3 * keyed + (hdr('nir') || hdr('ins') || hdr('nia') ? 0.1 : 0),
        `${pct(nir.share)} of ${nir.n} sampled values${nir.n < n ? ' (placeholders aside)' : ''} have the NIR/NIA layout, ${pct(keyed)} with a valid key${headerNote('nir')}`);
    }
    // (under a header that names one, a majority of the layout: an export writes "non communiqué" or "refus" in a third of a
    // NIR column, and its mistyped numbers — most have no valid key — were kept as written, below the 80 % of the layout)
    if ((hdr('nir') || hdr('ins') || hdr('nia')) && nir.share >= 0.5 && !cip && !epochMs) {
      const keyed = share(numbered, (v) => checkNir(v).keyValid).share;
      return out('nir', 0.75 + 0.2 * nir.share, `header "${name}" names a NIR and ${pct(nir.share)} of ${nir.n} sampled values have the NIR/NIA layout, ${pct(keyed)} with a valid key`);
    }
    const iban = share(values, isValidIban);
    if (iban.share >= 0.8) return out('iban', 0.9 + 0.1 * iban.share, `${pct(iban.share)} of ${n} sampled values are IBANs with a valid mod-97 check${headerNote('iban')}`);
    const email = share(values, isEmail);
    if (email.share >= 0.8) return out('email', 0.85 + 0.15 * email.share, `${pct(email.share)} of ${n} sampled values are e-mail addresses`);
    const url = share(values, (v) => isUrl(v) || isBareUrl(v));
    if (url.share >= 0.8) return out('url', 0.8 + 0.2 * url.share, `${pct(url.share)} of ${n} sampled values are URLs`);
    const ip = share(values, isIp);
    if (ip.share >= 0.8) return out('ip', 0.8 + 0.2 * ip.share, `${pct(ip.share)} of ${n} sampled values are IPv4/IPv6 addresses`);
    const ssnStrict = share(values, (v) => isSsn(v, true));
    const ssnLoose = share(values, (v) => isSsn(v, false) && /-/.test(v));
    if (ssnLoose.share >= 0.8) {
      return out('ssn', 0.6 + 0.3 * ssnStrict.share + (hdr('ssn') ? 0.1 : 0),
        `${pct(ssnLoose.share)} of ${n} sampled values have the US SSN layout AAA-GG-SSSS (${pct(ssnStrict.share)} issuable by SSA rules)${headerNote('ssn')}`);
    }
    // (nine digits without dashes under a header that names an SSN: "244768917"; seven or eight when a spreadsheet read the
    // number and lost its leading zeros, "19429226" for 019-42-9226)
    if (hdr('ssn') && share(values, (v) => isSsn(v, false) || /^\d{7,8}$/.test(v)).share >= 0.8) {
      return out('ssn', 0.8 + 0.2 * ssnStrict.share, `header "${name}" names an SSN and ${pct(share(values, (v) => isSsn(v, false) || /^\d{7,8}$/.test(v)).share)} of ${n} sampled values have its digits`);
    }
    const uuid = share(values, isUuid);
    if (uuid.share >= 0.9) {
      return hdr('mrn') ? out('mrn', 0.9, `header "${name}" names a record number and ${pct(uuid.share)} of values are UUIDs`)
        : out('uuid', 0.7, `${pct(uuid.share)} of ${n} sampled values are UUIDs (record or person codes)`);
    }
    const digits = values.map(compact);
    const rpps = share(digits, isValidRpps);
    if (hdr('rpps') && share(digits, (v) => /^\d{11}$/.test(v)).share >= 0.8) return out('rpps', 0.7 + 0.3 * rpps.share, `header "${name}" and ${pct(rpps.share)} of values are 11-digit Luhn-valid RPPS numbers`);
    // (the national identifier of a health professional, IdNat_PS: 8 then the RPPS number, as FR Core and HL7 exports write it)
    const idNat = share(digits, (v) => /^8\d{11}$/.test(v) && isValidRpps(v.slice(1)));
    if (idNat.share >= 0.8) return out('rpps', 0.8 + 0.2 * idNat.share, `${pct(idNat.share)} of ${n} sampled values are IdNat_PS numbers (8 then a Luhn-valid RPPS)${headerNote('rpps')}`);
    if (rpps.share >= 0.9 && share(digits, (v) => v.startsWith('10')).share >= 0.9) return out('rpps', 0.75, `${pct(rpps.share)} of ${n} sampled values are 11-digit Luhn-valid numbers starting with 10 (RPPS layout)`);
    const nine = share(digits, (v) => /^(?:\d{2}|2[AB])\d{7}$/i.test(v));
    if (nine.share >= 0.8) {
      const luhn = share(digits, (v) => checkFiness(v).keyValid).share;
      if (hdr('finess')) return out('finess', 0.7 + 0.3 * luhn, `header "${name}" and ${pct(nine.share)} of values have the FINESS layout (${pct(luhn)} Luhn-valid)`);
      if (hdr('adeli')) return out('adeli', 0.8, `header "${name}" and ${pct(share(digits, isAdeliShape).share)} of values have the ADELI layout`);
    }
    const phone = share(values, isPhone);
    if (phone.share >= 0.8) return out('phone', 0.7 + 0.2 * phone.share + (hdr('phone') ? 0.1 : 0), `${pct(phone.share)} of ${n} sampled values are phone numbers${headerNote('phone')}`);
    // (ten digits without separators under a header that names a phone: "4943223008", "0612345678"; nine when a spreadsheet
    // read the number and lost its leading zero, "788126340"; any number of 8 to 15 digits written with separators)
    if (hdr('phone') && share(values, (v) => !DECIMAL.test(v) && (/^(?:1?[2-9]\d{9}|0[1-9]\d{8}|33[1-9]\d{8}|[1-9]\d{8})$/.test(compact(v))
      || (/^\+?[\d\s.()\-\/]+(?:\s*(?:x|ext\.?|poste)\s*\d{1,6})?$/i.test(v) && /^\d{8,15}$/.test(v.replace(/(?:x|ext\.?|poste)\s*\d+$/i, '').replace(/\D/g, ''))))).share >= 0.8) {
      return out('phone', 0.85, `header "${name}" names a phone and its values have a phone number's digits`);
    }
    const street = share(values, isStreetAddress);
    if (street.share >= 0.6) return out('address', 0.6 + 0.3 * street.share + (hdr('address') ? 0.1 : 0), `${pct(street.share)} of ${n} sampled values look like street addresses${headerNote('address')}`);
  }

  // header-led kinds (formats without a checksum), confirmed by the content's shape: a code of letters, digits and separators
  // with four digits or more ("2020/439283", "MRN123456A", "AB-123456-C"), not a date
  // (codes vary: a category's few values under a stay's header — "sejour_ghm" = 05M092 — are no record numbers; nor are
  // amounts and months, "cout_sejour" = 1234.50, "mois_sejour" = 2024/01)
  // (by distinct values, not rows: a visits table repeats a patient's name or number on every row)
  const distinctValues = new Set(values).size;
  const variedValues = n > 0 && (distinctValues >= 10 || distinctValues >= Math.ceil(0.6 * n));
  // (a few values, most of them words of the language — "Oui"/"Non", "Domicile"/"Institution", drug routes —: a category,
  // no names nor addresses; a small visits table's three patients, "Dupont", "Martin", "Le Bourg", are not one)
  const categoryValues = n > 0 && !variedValues && (() => {
    const distinct = [...new Set(values)];
    const d = dictionaries();
    const categoryWord = (w: string): boolean => { const k = fold(w); return isVocabularyWord(k) && !d.firstNames.has(k) && !d.surnames.has(k); };
    return distinct.filter((v) => v.split(/[\s'’-]+/).every((w) => w.length <= 1 || categoryWord(w))).length >= 0.5 * distinct.length;
  })();
  // (a strong record number's header — mrn, ipp, nda… — needs no variety: a small visits table's IPPs repeat on every row)
  const strongMrnHeader = /\b(?:mrn|ipp|nda|nip|iep|medical record|med rec|record number|(?:acct|account|policy) (?:number|num|no|nbr|nr|id))\b/.test(normalizeHeader(name));
  const alnum = n ? share(values, (v) => (/^[A-Za-z]{0,3}[\d\- ]{4,20}$/.test(v) && !DATE_LIKE.test(v)) || isUuid(v)
    || ((variedValues || strongMrnHeader) && /^[A-Za-z0-9][A-Za-z0-9\-/ ._]{3,30}$/.test(v) && /(?:\D*\d){4}/.test(v) && !DATE_LIKE.test(v) && !DECIMAL.test(v))).share : 0;
  // (a second address line, an apartment, by its header whatever its values — "Unit 12", "chez Mme Roux" —, unless dates or amounts)
  if (isAddressPartHeader(name) && (n === 0 || !values.every((v) => DATE_LIKE.test(v) || DECIMAL.test(v)))) {
    return out('address', n ? 0.8 : 0.5, `header "${name}" names a part of a street address (a further line, an apartment)${n ? ', whatever its values' : ' (no values sampled)'}`);
  }
  if (hdr('mrn') && (n === 0 || alnum >= 0.7)) {
    const what = /\b(?:acct|account|policy) (?:number|num|no|nbr|nr|id)\b/.test(normalizeHeader(name)) ? 'an account or policy number' : 'a patient/record/visit number';
    return out('mrn', n ? 0.8 : 0.5, `header "${name}" names ${what}${n ? ` and ${pct(alnum)} of values are identifier-like codes` : ''}`);
  }
  for (const k of ['nir', 'ins', 'nia', 'ssn', 'rpps', 'adeli', 'finess', 'iban', 'email', 'phone', 'ip', 'url'] as IdentifierKind[]) {
    if (hdr(k) && n === 0) return out(k, 0.5, `header "${name}" names ${k} (no values sampled)`);
  }
  // (the header names the identifier and most values have its looser shape, which the validators above do not take: an
  // address with a port or a prefix, a web address without its path, an e-mail address of unusual characters)
  if (n > 0) {
    const loose: [IdentifierKind, (v: string) => boolean][] = [
      ['ip', (v) => isIp(v) || /^[0-9a-f:.%\[\]/]+$/i.test(v) && /[.:].*[.:]/.test(v)],
      ['url', (v) => isUrl(v) || isBareUrl(v) || /^(?:www\.)?(?:[a-z0-9-]+\.)+[a-z]{2,}\/?$/i.test(v)],
      ['email', (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)],
    ];
    for (const [k, test] of loose) {
      if (!hdr(k)) continue;
      const sh = share(values, test).share;
      if (sh >= 0.6) return out(k, 0.8, `header "${name}" names ${k === 'ip' ? 'an IP address' : k === 'url' ? 'a web address' : 'an e-mail address'} and ${pct(sh)} of ${n} sampled values have its shape`);
    }
  }
  if (hdr('license') && n > 0 && alnum + share(values, (v) => /^[A-Za-z0-9-]{5,20}$/.test(v) && /\d/.test(v)).share >= 0.7) {
    return out('license', 0.8, `header "${name}" names a licence/passport/serial number and values are alphanumeric codes`);
  }
  // (a decimal comma too, as French exports write it: "43,27507")
  if (hdr('geocode') && n > 0 && share(values, (v) => /^-?\d{1,3}[.,]\d{3,}$/.test(v)).share >= 0.8) {
    return out('geocode', 0.9, `header "${name}" names coordinates and values have 3 or more decimals (precise location)`);
  }
  if (hdr('birth-date')) {
    const dates = n ? share(values, (v) => /^\d{4}-\d{2}-\d{2}|^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(v)).share : 0;
    if (n === 0 || dates >= 0.8) return out('birth-date', n ? 0.9 : 0.5, `header "${name}" names a birth date${n ? ` and ${pct(dates)} of values are dates` : ''}`);
  }
  if (hdr('postal-code')) {
    // (four digits: a code that lost its leading zero when read as a number, 1580 for 01580)
    const zips = n ? share(values, (v) => /^(?:\d{5}(?:-\d{4})?|\d{4}|\d{3}|\d{2}|2[AB])$/.test(v)).share : 0;
    if (n === 0 || zips >= 0.8) return out('postal-code', n ? 0.9 : 0.5, `header "${name}" names a postal code${n ? ` and ${pct(zips)} of values are postal codes` : ''}`);
  }
  // person names: dictionary share, header confirms
  if (n > 0) {
    // (names read without the relationship written beside them: "Sophie MICHEL (épouse)", "Jean Dupont - fils")
    const named = values.map(withoutRelation);
    const first = nameTokenShare(named, 'first');
    const last = nameTokenShare(named, 'last');
    const any = nameTokenShare(named, 'any');
    const cities = share(values, (v) => dictionaries().cities.has(fold(v))).share;
    // (words, a comma between a surname and a first name — "Dupont, Jean" — and digits after a word, as Synthea writes its
    // synthetic names: "Jorge Luis88 Vela532")
    // (one separator between words, a space or a comma: words of letters, "'", "-" and "." — a space both inside a word and
    // between words made a failing match backtrack exponentially, 26 s for a comment of 30 words)
    const textual = share(named, (v) => v.length <= 200 && /^[\p{L}][\p{L}'’\-.]*\d*(?:(?:, ?| )[\p{L}][\p{L}'’\-.]*\d*)*$/u.test(v)).share;
    if (textual >= 0.8) {
      // (a place's name by its header — "region_nom", "nom_commune", "country_name", "dep_name": words that are surnames
      // too, Bretagne, Vienne, are a place's there, not a person's)
      if (PLACE_NAME_HEADER.test(name) && (hdr('name') || hdr('last-name'))) return out('city', 0.7, `header "${name}" names a place and ${pct(textual)} of values are words`);
      // (an organization's name by its header — "hospital_name", "nom_etablissement", "payer_name": "Hôpital Saint-Louis" holds a
      // saint's name, no person's)
      if (ORG_NAME_HEADER.test(normalizeHeader(name)) && (hdr('name') || hdr('last-name')) && share(values, (v) => ORG_WORD.test(v)).share >= 0.5) return null;
      // (names vary: "Oui"/"Non" under "nom", a category, are no surnames)
      if (hdr('first-name') && first >= 0.3 && !categoryValues) return out('first-name', 0.7 + 0.3 * first, `header "${name}" and ${pct(first)} of values are INSEE first names`);
      if (hdr('last-name') && any >= 0.2 && !categoryValues) return out('last-name', 0.7 + 0.3 * last, `header "${name}" and ${pct(last)} of values are INSEE surnames`);
      if (hdr('name') && any >= 0.3 && !categoryValues) return out('name', 0.7 + 0.3 * any, `header "${name}" and ${pct(any)} of values contain a known first name or surname`);
      // (a header that names a person's name leaves no doubt, whatever the dictionaries know: "patient_name" = "Chidi Nwosu")
      if (PERSON_NAME_HEADER.test(normalizeHeader(name)) && !hdr('city') && !categoryValues) {
        const kind: IdentifierKind = hdr('first-name') && !hdr('last-name') ? 'first-name' : hdr('last-name') && !hdr('first-name') && !hdr('name') ? 'last-name' : 'name';
        return out(kind, 0.8, `header "${name}" names a person's name and ${pct(textual)} of values are words`);
      }
      if (hdr('city') && (!categoryValues || cities >= 0.5 || !LOOSE_CITY_HEADER.test(normalizeHeader(name)))) return out('city', 0.8, `header "${name}" names a city and ${pct(textual)} of values are words`);
      const distinct = new Set(named.map((v) => v.toUpperCase())).size;
      const varied = distinct >= 10 && distinct / n >= 0.3; // a name column has many different values
      if (varied && first >= 0.7 && cities < 0.3) return out('first-name', 0.5 + 0.4 * first, `${pct(first)} of ${n} sampled values are INSEE first names (no header cue)`);
      if (varied && last >= 0.8 && cities < 0.3 && first < 0.5) return out('last-name', 0.4 + 0.4 * last, `${pct(last)} of ${n} sampled values are INSEE surnames (no header cue)`);
    }
    if (hdr('address') && !categoryValues && share(values, (v) => (/\d/.test(v) && /\p{L}{3,}/u.test(v)) || isStreetAddress(v) || isRuralAddress(v)).share >= 0.6) return out('address', 0.7, `header "${name}" names an address and values mix numbers and words or name a place`);
  } else {
    for (const k of ['first-name', 'last-name', 'name', 'address', 'city'] as IdentifierKind[]) if (hdr(k)) return out(k, 0.5, `header "${name}" names ${k} (no values sampled)`);
  }
  return null;
}
