/**
 * Names the document itself tells: the names the token pass found, used again for what no single
 * token shows. Runs after the recognizers, before overlap resolution (it reads their NAME spans).
 *
 * - the initials of a full name found in the document, written alone in brackets or after
 *   per/by/with ("Hugh Tierney" … "Per HT, wife Margaret…", "T. Ngata, CPhT (TN)"), and in notes
 *   typed in lower case, at a line's start ("pt: rich young" … "- ry voided");
 * - dictation initials: at a line's end or before the dictation's fields ("DD: 08/20/2093 DO/ms",
 *   "HM/CP/sl", "CR/ml" alone on its line), in capitals after a dictation's word ("Dictée SB/CL"),
 *   after "par"/"by" ("Dicté par EC, frappé par sl"), the typist's after a credential ("MD / jt");
 * - signatures that end a note's lines after a sentence's end ("… ras. cl", "… protection. sophie"),
 *   and a line of dotted initials alone ("K.Ö.");
 * - a found name typed again in lower case ("rdv pris par nadia" after "sa fille nadia"), when the
 *   word is a dictionary name and no ordinary word;
 * - delimited tables (`|`, `;`, tabs, commas under a known header): the cells of a column of people
 *   (by its header, or because its other cells are names: "PARK, JI-HOON" among "YOUNG, HUNTER"),
 *   and the cells of a column typed by its header (IPP → ID, DDN → DATE, TEL → PHONE, CP → ZIP…).
 */
import { fold } from './data.ts';
import type { Lexicon } from './data.ts';
import { isVocabularyWord, LEX_FIRST, LEX_SUR, LEX_AMBIG, LEX_WORDNAME, LEX_CITY } from './data.ts';
import { WordMemo, cc, cueWordStarts, isAsciiLetter, isEmailLocalCode, mayBeLetterRun, mayBeHashedRun, HASH_START, hashStep, PERSON_VERBS, hasSpacedColumns, isUpperCode, isLowerCode, NOT_LOWER_INITIALS, lowerInitials, DICTATION_WORDS, isDigitCode, isLowerAscii, isUpperAscii, isWordLetter, lineEnds, lineStartAt, quotePair, eachDigitRun, initialAndSurname, letterRunEnd, tokenLexicon, shortUpperWords, lowerRunsForLogins, LOGIN_BEFORE, LEX_STOP, LEX_ACRO, LEX_CRED, LEX_CUE, LEX_TITLE, LEX_TITLE_DOT, LEX_PROF, US_STATE_SET } from './recognizers.ts';
import type { Span, TextLabel } from './types.ts';

/** Words before initials that make them a person's ("Per HT", "seen by NI", "discussed with JB"). */
const INITIALS_LEAD = new Set(['per', 'by', 'with', 'cc', 'from', 'to', 'and', 'par', 'avec', 'et', 'vu', 'Per', 'By', 'With', 'Cc', 'CC', 'Par', 'Vu']);
/** Units and counts written like dictation initials ("10 UI/ml", "UFC/ml"): not initials unless alone on their line. */
const UNIT_UPPER = new Set(['UI', 'IU', 'MUI', 'UFC', 'CFU', 'UA', 'GB', 'MB', 'KB', 'MG', 'ML', 'KG', 'MEQ', 'MMOL']);
const UNIT_LOWER = new Set(['ml', 'dl', 'cl', 'kg', 'mg', 'min', 'mn', 'sem', 'mol', 'h', 'j', 's', 'l', 'an', 'ans', 'jr', 'hr', 'hrs', 'wk', 'mo', 'yr', 'sec', 'cm', 'mm', 'dia', 'day', 'jour']);
/** Table headers of a column of people (folded, '_' and '-' read as spaces). */
const NAME_HEADERS = new Set(['NOM', 'NOMS', 'PRENOM', 'PRENOMS', 'NOM PRENOM', 'NOM ET PRENOM', 'NOM PRENOMS', 'NOM DE NAISSANCE', 'NOM NAISSANCE', 'NOM USUEL',
  'NOM D USAGE', 'PRENOM USUEL', 'NAME', 'NAMES', 'LAST', 'FIRST', 'LAST NAME', 'FIRST NAME', 'LASTNAME', 'FIRSTNAME', 'LNAME', 'FNAME', 'SURNAME', 'GIVEN',
  'GIVEN NAME', 'FULL NAME', 'PATIENT', 'PATIENT NAME', 'MED RESP', 'MEDECIN RESPONSABLE', 'MEDECIN TRAITANT', 'MED TRAITANT', 'NOM USAGE', 'NOM JF', 'NOM JEUNE FILLE', 'PT NAME', 'PATIENTE', 'MEDECIN', 'PRESCRIPTEUR', 'PROVIDER', 'DOCTOR', 'PHYSICIAN', 'CONTACT', 'AIDANT',
  'MEMBER', 'SUBSCRIBER', 'CLIENT', 'EMPLOYEE', 'NURSE', 'RN', 'LPN', 'CNA', 'PCT', 'MD', 'NP', 'PCP', 'GP', 'SURGEON', 'CONSULTANT', 'CLINICIAN',
  'ASSIGNED TO', 'SEEN BY', 'USER', 'USERNAME', 'USER NAME', 'USER ID', 'USERID', 'LOGIN', 'OPERATOR', 'CAREGIVER', 'EMPLOYE', 'SALARIE', 'PRESCRIBER', 'REFERRING', 'ATTENDING', 'RESIDENT', 'SIGNED BY', 'AUTHOR',
  'RPH', 'PHARMACIST', 'TECH', 'INITIALS', 'INIT', 'INITS', 'INITIAL', 'INITIALES', 'SIG', 'FILLED BY', 'VERIFIED BY', 'STAFF', 'SIGNATURE', 'SIGNE PAR', 'VISA', 'INTERVENANT', 'SOIGNANT', 'IDE', 'AS', 'OPERATEUR', 'INFIRMIER', 'INFIRMIERE', 'PERSONNE', 'PERSON', 'PARENT', 'MOTHER', 'FATHER', 'MERE', 'PERE',
  // (who entered the row, in exports: "saisi_par", "created_by")
  'SAISI PAR', 'SAISIE PAR', 'CREE PAR', 'MODIFIE PAR', 'CREATED BY', 'ENTERED BY', 'UPDATED BY', 'UTILISATEUR', 'SURNAME', 'FORENAME', 'FORENAMES',
  // (who gave, took or received: "Vaccinateur", "Préleveur", "Called to")
  'VACCINATEUR', 'VACCINATRICE', 'PRELEVEUR', 'PRELEVEUSE', 'CALLED TO', 'WITNESS', 'TEMOIN',
  // (the GP and the people around a patient, in French exports: "mt", "medecin_referent", "personne_confiance")
  'MEDECIN REFERENT', 'MED REF', 'NOM MEDECIN', 'ADRESSE PAR', 'ADRESSEUR', 'CORRESPONDANT', 'KINE', 'PERSONNE CONFIANCE',
  'PERSONNE DE CONFIANCE', 'CONJOINT', 'TUTEUR', 'CURATEUR', 'PROCHE', 'CONTACT URGENCE', 'EMERGENCY CONTACT', 'NEXT OF KIN', 'NOK']);
/** Table headers of a column of software users (folded): their cells are logins ("kmorales2", "dnwosu"). */
const LOGIN_HEADERS = new Set(['USER', 'USERNAME', 'USER NAME', 'USER ID', 'USERID', 'LOGIN', 'UTILISATEUR', 'OPERATEUR', 'OPERATOR']);
/** Logins that name nobody (a login column's cells). */
const NOBODY_LOGINS = new Set(['admin', 'administrateur', 'administrator', 'root', 'system', 'systeme', 'guest', 'invite', 'anonyme', 'anonymous', 'inconnu',
  'unknown', 'test', 'auto', 'automatique', 'batch', 'interface', 'serveur', 'server', 'service', 'secretariat', 'accueil', 'none', 'null', 'n/a', 'na', 'nd']);
/** A column name of people: one of NAME_HEADERS, or a participle and "by" / "par" ("Released by", "Received by", "Réalisé par"). */
function isNameHeader(k: string): boolean { return NAME_HEADERS.has(k) || /^[A-Z]{3,} (?:BY|PAR)$/.test(k); }
/**
 * Table headers of identifying columns other than people (folded, '_', '-' and '.' read as spaces): every
 * cell under such a header with the shape of its kind takes the label (an export's IPP, DDN, TEL, CP, VILLE…).
 */
const HEADER_LABELS = new Map<string, TextLabel>([
  ...['IPP', 'NDA', 'MRN', 'ID', 'PATIENT ID', 'ID PATIENT', 'N DOSSIER', 'NO DOSSIER', 'NUM DOSSIER', 'DOSSIER', 'NIP', 'FINESS', 'RPPS', 'ADELI', 'ACCOUNT', 'ACCT',
    'MEMBER ID', 'ENCOUNTER', 'ENCOUNTER ID', 'VISIT ID', 'N SEJOUR', 'SEJOUR', 'NUM SEJOUR', 'CLAIM', 'CLAIM ID', 'CASE', 'CASE ID', 'ACCESSION', 'RX', 'RX #', 'RX NO',
    'NHS NO', 'NHS NUMBER', 'NHS', 'HEALTH CARD', 'HEALTH CARD NO', 'MEDICARE', 'MEDICARE NO', 'MRN NO', 'POLICY', 'POLICY NO', 'INSURANCE ID'].map((k) => [k, 'ID'] as const),
  ...['DDN', 'DATE NAISSANCE', 'DATE DE NAISSANCE', 'DATE NAISS', 'DOB', 'BIRTH DATE', 'BIRTHDATE', 'DATE OF BIRTH', 'DATE', 'ENTREE', 'SORTIE', 'DATE ENTREE', 'DATE SORTIE',
    'ADMIT', 'ADMISSION', 'DISCHARGE', 'ADMIT DATE', 'DISCHARGE DATE', 'RDV', 'DATE RDV', 'VISIT DATE', 'DOS', 'DATE VISITE', 'DATE CONSULTATION', 'DECES', 'DATE DECES', 'DOD',
    'NAISS', 'NAISSANCE', 'NE LE', 'NEE LE', 'NE E LE', 'YOB', 'YEAR OF BIRTH', 'ANNEE NAISSANCE', 'ANNEE DE NAISSANCE'].map((k) => [k, 'DATE'] as const),
  ...['TEL', 'TELEPHONE', 'PHONE', 'TEL CONTACT', 'MOBILE', 'PORTABLE', 'CELL', 'FAX', 'TEL PORTABLE', 'TEL DOMICILE', 'HOME PHONE', 'CELL PHONE', 'PHONE NUMBER', 'CONTACT PHONE'].map((k) => [k, 'PHONE'] as const),
  ...['CP', 'CODE POSTAL', 'ZIP', 'ZIP CODE', 'ZIPCODE', 'POSTAL CODE'].map((k) => [k, 'ZIP'] as const),
  ...['VILLE', 'COMMUNE', 'CITY', 'TOWN', 'LIEU NAISSANCE', 'LIEU DE NAISSANCE'].map((k) => [k, 'CITY'] as const),
  ...['ADRESSE', 'ADDRESS', 'RUE', 'STREET', 'ADDRESS 1', 'ADDRESS1', 'ADRESSE 1', 'STREET ADDRESS'].map((k) => [k, 'ADDRESS'] as const),
  ...['NIR', 'NSS', 'INS', 'SECU', 'N SECU', 'NUM SECU', 'NUMERO SECU'].map((k) => [k, 'NIR'] as const),
  ...['EMAIL', 'MAIL', 'COURRIEL', 'E MAIL'].map((k) => [k, 'EMAIL'] as const),
  ['SSN', 'SSN'],
  ['AGE', 'AGE'],
]);
/** The shape a cell needs to take its header's label. */
const CELL_SHAPE: Partial<Record<TextLabel, RegExp>> = {
  ID: /\d/, DATE: /\d/, PHONE: /(?:\d\D?){6}/, ZIP: /^[A-Z]{0,2}-?\d{4,5}(?:-\d{4})?$/, NIR: /(?:\d\D?){13}/, SSN: /(?:\d\D?){9}/, EMAIL: /@/,
  CITY: /^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’ .-]*$/, ADDRESS: /[A-Za-z]/,
  // (an age column: only the ages over 89, HIPAA's rule)
  AGE: /^(?:9\d|1[01]\d)(?: ?(?:ans?|y|yo|years?))?$/,
};
// (a bracket that qualifies the column's name is left out: "Patient (MRN)", "Nom (usage)")
function headerKey(text: string, c: { s: number; e: number }): string {
  let e = c.e;
  if (e - c.s > 3 && text.charCodeAt(e - 1) === 41) { const o = text.lastIndexOf('(', e - 1); if (o > c.s) e = o; }
  return fold(text.slice(c.s, e)).replace(/[_\-.°]+/g, ' ').replace(/\s+/g, ' ').trim();
}
/** How many cells of a line are known column names (of people, or of an identifying kind; or labels joined by '/', one of people). */
function knownHeaders(text: string, cells: { s: number; e: number }[]): number {
  let n = 0;
  for (const c of cells) { const k = headerKey(text, c); if (HEADER_LABELS.has(k) || isNameHeader(k) || slashedHeader(text, c) !== null) n++; }
  return n;
}
/** The parts of text[c.s, c.e) between its '/' (each trimmed of spaces). */
function slashParts(text: string, c: { s: number; e: number }): { s: number; e: number }[] {
  const parts: { s: number; e: number }[] = [];
  for (let a = c.s; a <= c.e;) {
    let k = text.indexOf('/', a);
    if (k < 0 || k > c.e) k = c.e;
    let s = a, e = k;
    while (s < e && text.charCodeAt(s) === 32) s++;
    while (e > s && text.charCodeAt(e - 1) === 32) e--;
    parts.push({ s, e });
    a = k + 1;
  }
  return parts;
}
/**
 * For a header of two or three labels joined by '/' ("Patient / MRN", "Team/Attending", "Nom/Prénom"), one of them at
 * least a known column name: its parts; else null.
 */
function slashedHeader(text: string, c: { s: number; e: number }): { s: number; e: number }[] | null {
  const slash = text.indexOf('/', c.s);
  if (c.e - c.s > 40 || slash < 0 || slash >= c.e) return null;
  const parts = slashParts(text, c);
  if (parts.length > 3 || parts.some((p) => p.e <= p.s)) return null;
  return parts.some((p) => { const k = headerKey(text, p); return HEADER_LABELS.has(k) || isNameHeader(k); }) ? parts : null;
}
/**
 * A column under such a header: its cells with as many parts ("ALVAREZ, CONSUELO / M3380921" under "Patient / MRN"),
 * each part read as a column under its label (of people, or typed). Whether the header was one.
 */
function slashedColumns(text: string, block: Cell[][], col: number, covered: Uint8Array, spans: Span[], lex: Lexicon): boolean {
  const head = slashedHeader(text, block[0]![col]!);
  if (head === null) return false;
  const cells = block.map((row) => { const c = row[col]!; const parts = c.e > c.s ? slashParts(text, c) : null; return parts !== null && parts.length === head.length ? parts : null; });
  for (let p = 0; p < head.length; p++) {
    const key = headerKey(text, head[p]!);
    const label = HEADER_LABELS.get(key);
    if (label === undefined && !isNameHeader(key)) continue;
    const part: Cell[][] = cells.map((parts, r) => [r === 0 ? head[p]! : parts === null ? { s: 0, e: 0 } : parts[p]!]);
    if (label !== undefined) typedColumn(text, part, 0, label, spans);
    else nameColumn(text, part, 0, covered, spans, lex, true);
  }
  return true;
}
/** 1 at every character of a NAME span (the names found so far), for the tables' columns of people. */
function nameCover(text: string, spans: Span[]): Uint8Array {
  const covered = new Uint8Array(text.length);
  for (const sp of spans) if (sp.label === 'NAME') covered.fill(1, sp.start, sp.end);
  return covered;
}
const NON_NAME = LEX_STOP | LEX_ACRO | LEX_CRED | LEX_CUE | LEX_TITLE | LEX_PROF;

/**
 * lex.get(fold(text[s, e))) ?? 0, through a small WordMemo: the document passes ask about the same few words (the word
 * after every ", ", the words before it) again and again.
 */
const FOLDED_MEMO = new WordMemo(12);
function foldedBits(text: string, s: number, e: number, lex: Lexicon): number {
  const known = FOLDED_MEMO.find(lex, text, s, e);
  if (known >= 0) return known;
  const word = text.slice(s, e);
  return FOLDED_MEMO.remember(word, lex.get(fold(word)) ?? 0);
}

/** A letter of the name tokens' class or a digit. */
function isAlnum(c: number): boolean { return isWordLetter(c) || isDigitCode(c); }

/** A short form before a name in brackets that begins its first name: "Will (William OKAFOR)", "Alex (Alexandra Diaz)". */
function nicknameBeforeBracket(text: string, s: number, e: number, spans: Span[]): void {
  if (cc(text, s - 2) !== 32) return;
  const we = s - 2;
  let a = we;
  while (a > 0 && isWordLetter(text.charCodeAt(a - 1))) a--;
  const len = we - a;
  let f = s;
  while (f < e && isWordLetter(text.charCodeAt(f))) f++;
  if (len < 2 || f - s <= len || !isUpperCode(text.charCodeAt(a)) || fold(text.slice(a, we)) !== fold(text.slice(s, s + len))) return;
  spans.push({ start: a, end: we, label: 'NAME', score: 0.6, rule: 'name-nickname' });
}
/**
 * A nickname in quotes right after a found name: 'Harjo, William "Bill"', "Mme Le Goff « Jo »"
 * (one word of 2 to 15 letters, capitalized after a capitalized name: not 'Dr. Smith "excellent"'; the quotes'
 * spaces inside « » allowed); or a first name of the dictionaries, no town, in brackets: "mr janvier (jean-baptiste)".
 */
/** The space French typography puts inside « »: a space, a no-break space or a narrow one. */
function guillemetSpace(c: number): boolean { return c === 32 || c === 160 || c === 8239; }
function quotedNicknameAfter(text: string, e: number, capitalized: boolean, spans: Span[], lex: Lexicon): void {
  let o = cc(text, e + 1);
  // (a quoted nickname in brackets: "BELKACEM Nassim (« Nass »)", "Rose GUILLAUME (« Rosette »)")
  if (o === 40) {
    const q = cc(text, e + 2);
    if (q === 34 || q === 8220 || q === 171) { e++; o = q; }
  }
  if (o === 40) {
    let z = e + 2;
    while (z - e <= 22 && (isWordLetter(cc(text, z)) || (z > e + 2 && cc(text, z) === 45 && isWordLetter(cc(text, z + 1))))) z++;
    if (cc(text, z) !== 41 || z - e < 4 || (capitalized && !isUpperCode(cc(text, e + 2)))) return;
    const bits = lex.get(fold(text.slice(e + 2, z))) ?? 0;
    if ((bits & LEX_FIRST) !== 0 && (bits & (NON_NAME | LEX_CITY)) === 0) spans.push({ start: e + 2, end: z, label: 'NAME', score: 0.6, rule: 'name-nickname' });
    return;
  }
  if (o !== 34 && o !== 8220 && o !== 171) return;
  let a = e + 2;
  if (o === 171 && guillemetSpace(cc(text, a))) a++;
  let z = a;
  while (z - a <= 15 && (isWordLetter(cc(text, z)) || (z > a && cc(text, z) === 45))) z++;
  if (z - a < 2 || z - a > 15 || (capitalized && !isUpperCode(cc(text, a)))) return;
  let q = z;
  if (o === 171 && guillemetSpace(cc(text, q))) q++;
  if (!quotePair(o, cc(text, q), false)) return;
  spans.push({ start: a, end: z, label: 'NAME', score: 0.6, rule: 'name-nickname' });
}
/** English words of a letter and a surname's shape, seen alone in brackets. */
const BRACKET_WORDS = new Set(['around', 'along', 'across', 'ahead', 'aside', 'abroad', 'awhile', 'alright', 'anyway', 'asleep', 'awake', 'agreed', 'allergy', 'aspirin']);
const BRACKET_LOGIN = new Map<string, boolean>();
/**
 * A software login alone in brackets, an initial and a surname of the dictionaries glued in lower case: "Bed mgmt
 * (hsaleem) confirms", "(ccoulon)"; no word of the lists. (Logins built from a name found in the text: loginsOfNames.)
 */
function bracketLogins(text: string, spans: Span[], lex: Lexicon): void {
  for (let o = text.indexOf('('); o >= 0; o = text.indexOf('(', o + 1)) {
    let z = o + 1;
    while (z - o <= 21 && isLowerAscii(cc(text, z))) z++;
    if (cc(text, z) !== 41 || z - o - 1 < 6) continue;
    const w = text.slice(o + 1, z);
    // (the answer per word, kept: notes repeat their bracketed words, "(finding)", "(procedure)")
    let login = BRACKET_LOGIN.get(w);
    if (login === undefined) {
      // (the surname may be a first name or a word too, "smartin", "abrown": a login's shape says enough; not a word of the lists)
      login = loginOfSurname(w, lex);
      if (BRACKET_LOGIN.size < 4096) BRACKET_LOGIN.set(w, login);
    }
    if (login) spans.push({ start: o + 1, end: z, label: 'NAME', score: 0.6, rule: 'name-login' });
  }
}
export function recognizeDocumentNames(text: string, spans: Span[]): void {
  const lex = tokenLexicon();
  listLetterNames(text, spans, lex);
  const n = spans.length;
  dictationInitials(text, spans);
  dictatedBy(text, spans);
  bracketLogins(text, spans, lex);
  lineSignatures(text, spans, lex);
  messageNameLines(text, spans, lex);
  ageSexNames(text, spans, lex);
  logSpeakers(text, spans, lex);
  tableColumns(text, spans, lex);
  lineStartNames(text, spans, lex);
  namesBeforeRoles(text, spans, lex);
  namesBeforeIds(text, spans, lex);
  recordedByInitials(text, spans, lex);
  operatorInitials(text, spans, lex);
  replySignatures(text, spans, lex);
  lowerFieldNames(text, spans, lex);
  // the found names' initials (two words or more), when the text has short upper-case words; and, when
  // the writer types names in lower case, the names' words
  const caps = shortUpperWords(text);
  // (initials are looked for only when a short upper-case word stands where initials do: in brackets, after per/by/with,
  // where a writer signs or in a table's cell: someInitialsPlace)
  const wantInitials = caps === null || someInitialsPlace(text, caps);
  let initials: string[] | null = null;
  let lowerTyped = false;
  for (let q = 0; q < n; q++) {
    const sp = spans[q]!;
    if (sp.label === 'IP') { loginBeforeIp(text, sp.start, spans, lex); continue; }
    if (sp.label === 'PHONE') { namesAroundPhone(text, sp.start, sp.end, spans, lex); continue; }
    if (sp.label !== 'NAME') continue;
    const c0 = text.charCodeAt(sp.start);
    if (c0 >= 97 && c0 <= 122) lowerTyped = true;
    if (cc(text, sp.start - 1) === 40) nicknameBeforeBracket(text, sp.start, sp.end, spans);
    if (cc(text, sp.end) === 32) {
      quotedNicknameAfter(text, sp.end, isUpperCode(c0), spans, lex);
      if (isDigitCode(cc(text, sp.end + 1))) agedListAfter(text, sp.end, cc(text, sp.start - 1) === 40, spans, lex);
    }
    if (!wantInitials) continue;
    const ini = nameInitials(text, sp.start, sp.end);
    if (ini !== '') (initials ??= []).push(ini);
  }
  if (initials !== null) initialsOfNames(text, spans, initials, caps, lex);
  initialsLegend(text, spans, lex);
  if (lowerTyped) { lowerInitialsAtLineStart(text, spans); lowerNamePairs(text, spans, lex); }
  // (a found name again in lower case, whether or not the writer typed names so elsewhere: "Mme Marie Dupont … Appel de
  // marie dupont"; names of the dictionaries that are no words only)
  const seen = new Set<string>();
  const lows: string[] = [], origins: number[] = [];
  for (let q = 0; q < n; q++) {
    const sp = spans[q]!;
    if (sp.label !== 'NAME') continue;
    for (let a = sp.start; a < sp.end;) {
      let e = a;
      while (e < sp.end) { const c = text.charCodeAt(e); if (isWordLetter(c) || (e > a && (c === 45 || c === 39))) e++; else break; }
      // (the letter-run pre-test of lowerForm first, on the text's codes: most words are never typed in lower case, and
      // a word that fails it fails at every occurrence, so it need not be sliced nor remembered)
      if (e - a >= 3 && !lowerRunAbsent(text, a, e)) {
        const w = text.slice(a, e);
        if (!seen.has(w)) {
          seen.add(w);
          const low = lowerForm(text, w, a, e, lex);
          if (low !== null) { lows.push(low); origins.push(a); }
        }
      }
      a = e + 1;
    }
  }
  if (lows.length > 0) lowerAgain(text, spans, lows, origins);
  surnamesAgain(text, spans, lex);
  loginsOfNames(text, spans, lex);
  loginShapes(text, spans, lex);
  lowerFirstInitials(text, spans, lex);
}

/**
 * Sorts spans by their start, in the order a stable sort with (a, b) => a.start - b.start gives (the spans of one start
 * keep their order). An insertion sort: the passes push their spans in a few sorted runs, so most spans move little, and a
 * comparator's calls cost more than the moves; past a budget of moves (runs that interleave) sort finishes the work, and
 * being stable too it gives the same order.
 */
export function sortByStart(list: Span[]): void {
  let moves = 0;
  for (let i = 1; i < list.length; i++) {
    const x = list[i]!, s = x.start;
    let j = i;
    while (j > 0 && list[j - 1]!.start > s) { list[j] = list[j - 1]!; j--; }
    list[j] = x;
    moves += i - j;
    if (moves > 8 * list.length + 64) { list.sort((a, b) => a.start - b.start); return; }
  }
}
/** Whether text[a, b) may part two spans of one person's name in a row or a list: spaces, tabs, one ',', ';' or '|' (no line break). */
function rowNameGap(text: string, a: number, b: number): boolean {
  if (b - a > 8) return false;
  let marks = 0;
  for (let k = a; k < b; k++) {
    const c = text.charCodeAt(k);
    if (c === 32 || c === 9 || c === 160) continue;
    if ((c === 44 || c === 59 || c === 124) && ++marks === 1) continue;
    return false;
  }
  return true;
}
/** The words of a name's text[a, e): runs of letters, with an apostrophe or a hyphen between letters ("N'DIAYE", "Okonkwo-Reyes"). */
function letterWords(text: string, a: number, e: number, out: number[]): void {
  for (let i = a; i < e;) {
    if (!isWordLetter(text.charCodeAt(i))) { i++; continue; }
    const s = i;
    while (i < e && (isWordLetter(text.charCodeAt(i)) || ((text.charCodeAt(i) === 39 || text.charCodeAt(i) === 8217 || text.charCodeAt(i) === 45) && isWordLetter(cc(text, i + 1))))) i++;
    out.push(s, i);
  }
}
/** The word text[a, e) in Title case, each part after an apostrophe or a hyphen too ("N'DIAYE" → "N'Diaye"). */
function titleCase(w: string): string {
  let out = '';
  for (let k = 0; k < w.length; k++) {
    const ch = w[k]!;
    out += k === 0 || !isWordLetter(w.charCodeAt(k - 1)) ? ch.toUpperCase() : ch.toLowerCase();
  }
  return out;
}
/** Whether a word in capitals stands right before or after [p, e), one space or tab between ("SALLES DE BAINS", "THE PRICE OF"). */
function capsWordNext(text: string, p: number, e: number): boolean {
  const b = cc(text, p - 1), a = cc(text, e);
  if ((b === 32 || b === 9) && isUpperCode(cc(text, p - 2)) && (p < 3 || !isLowerCode(cc(text, p - 3)))) return true;
  return (a === 32 || a === 9) && isUpperCode(cc(text, e + 1)) && (isUpperCode(cc(text, e + 2)) || !isWordLetter(cc(text, e + 2)));
}
/**
 * A person's surname found with a given name, in capitals or before a comma, a tab, ';' or '|' (in one span, or in spans
 * parted by one of these: a row's cells, "ABERNATHY, CLYDE", "BARRIÈRE⇥Lucienne", "Schwartzman, Irving"), found again
 * alone elsewhere in the text, in capitals ("BARRIÈRE : 93 ans" in a board's remarks) or in Title case ("Abernathy
 * hydromorphone — verbal order…"; the token pass finds again the surnames of the names it reads in Title case).
 * The surname a known surname of 4 letters or more, no place nor word of the lists (titles, cues, acronyms…); the given
 * name a known first name that is no ordinary word ("LONG FALL" is none); the name no word of the vocabularies that the
 * name lists lack ("EVA Aldrete Commentaire" is a heading), and no part of a place's span ("avenue Jean Jaurès"). A hit
 * is a whole word, no '-' or '/' against it ("MED-UNC/FALL"). A surname that is an ordinary word too is found again only
 * in capitals and standing alone, no word in capitals next to it ("SALLES :", not "SALLES DE BAINS"); in Title case it
 * needs a cue the token pass reads. A few surnames are looked for with indexOf, more in one walk over the text's
 * capitalized words.
 */
function surnamesAgain(text: string, spans: Span[], lex: Lexicon): void {
  const names: Span[] = [];
  // (and the places' spans: a name inside a street's, a hospital's or a town's is a place's, "avenue Jean Jaurès")
  let places: Span[] | null = null;
  let sorted = true, capsPair = false;
  for (const sp of spans) {
    if (sp.label === 'ADDRESS' || sp.label === 'HOSPITAL' || sp.label === 'CITY') { (places ??= []).push(sp); continue; }
    if (sp.label !== 'NAME') continue;
    if (names.length > 0 && names[names.length - 1]!.start > sp.start) sorted = false;
    names.push(sp);
    // (whether some name holds two capitals in a row: else no surname in capitals is to be looked for)
    if (!capsPair) for (let k = sp.start + 1; k < sp.end; k++) if (isUpperCode(text.charCodeAt(k)) && isUpperCode(text.charCodeAt(k - 1))) { capsPair = true; break; }
  }
  if (names.length < 2 || !capsPair) return;
  if (!sorted) sortByStart(names);
  if (places !== null) sortByStart(places);
  let pl = 0;
  // (form → whether it is an ordinary word too; and the offsets the forms were found at)
  let forms: Map<string, boolean> | null = null;
  const words: number[] = [];
  for (let q = 0; q < names.length; q++) {
    const s0 = names[q]!.start;
    let end = names[q]!.end;
    while (q + 1 < names.length && names[q + 1]!.start <= end) end = Math.max(end, names[++q]!.end);
    while (q + 1 < names.length && names[q + 1]!.start > end && rowNameGap(text, end, names[q + 1]!.start)) end = Math.max(end, names[++q]!.end);
    if (end - s0 < 7 || end - s0 > 80) continue;
    if (places !== null) {
      while (pl < places.length && places[pl]!.end <= s0) pl++;
      let inPlace = false;
      for (let r = pl; r < places.length && places[r]!.start < end; r++) if (places[r]!.end > s0) { inPlace = true; break; }
      if (inPlace) continue;
    }
    words.length = 0;
    letterWords(text, s0, end, words);
    if (words.length < 4 || words.length > 12) continue;
    // (a surname in capitals among them, of 4 letters or more, not yet looked for; or a name written surname first, a comma, a
    // tab, ';' or '|' in it, "Schwartzman, Irving": most names' groups stop here, the token pass finds again the surnames of
    // the names it reads in Title case, "Jean Dupont" … "Dupont")
    let caps = false, sep = false;
    for (let k = s0; k < end; k++) { const c = text.charCodeAt(k); if (c === 44 || c === 9 || c === 59 || c === 124) { sep = true; break; } }
    for (let k = 0; k < words.length && !caps && !sep; k += 2) {
      const a = words[k]!, z = words[k + 1]!;
      if (z - a >= 4 && isUpperCode(text.charCodeAt(a)) && isUpperCode(text.charCodeAt(z - 1)) && isUpperCode(text.charCodeAt(z - 2))
        && !(forms !== null && forms.has(text.slice(a, z)))) caps = true;
    }
    if (!caps && !sep) continue;
    // (a known first name, read through the memo of folded words)
    let first = -1, clean = true;
    for (let k = 0; k < words.length; k += 2) {
      const bits = foldedBits(text, words[k]!, words[k + 1]!, lex);
      if ((bits & NON_NAME) !== 0) { clean = false; break; }
      if ((bits & LEX_FIRST) !== 0 && (bits & (LEX_AMBIG | LEX_WORDNAME | LEX_CITY)) === 0) { first = k; break; }
    }
    if (!clean || first < 0) continue;
    for (let k = 0; k < words.length && clean; k += 2) {
      const bits = foldedBits(text, words[k]!, words[k + 1]!, lex);
      if ((bits & NON_NAME) !== 0 || ((bits & (LEX_FIRST | LEX_SUR)) === 0 && words[k + 1]! - words[k]! > 1 && isVocabularyWord(fold(text.slice(words[k]!, words[k + 1]!))))) clean = false;
    }
    if (!clean) continue;
    for (let k = 0; k < words.length; k += 2) {
      if (k === first || words[k + 1]! - words[k]! < 4) continue;
      const w = text.slice(words[k]!, words[k + 1]!);
      const upper = w === w.toUpperCase();
      if ((!upper && !(sep && w === titleCase(w))) || (forms !== null && forms.has(upper ? w : w.toUpperCase()))) continue;
      const bits = foldedBits(text, words[k]!, words[k + 1]!, lex);
      if ((bits & LEX_SUR) === 0 || (bits & (NON_NAME | LEX_CITY | LEX_FIRST)) !== 0) continue;
      const word = (bits & (LEX_AMBIG | LEX_WORDNAME)) !== 0 || isVocabularyWord(fold(w));
      forms ??= new Map();
      if (forms.size >= 64) break;
      forms.set(upper ? w : w.toUpperCase(), word);
      if (!word) forms.set(titleCase(w), false);
    }
  }
  if (forms === null) return;
  const found = (p: number, e: number, word: boolean) => {
    const b = cc(text, p - 1), a = cc(text, e);
    if (!wholeWordAt(text, p, e) || a === 45 || a === 47 || b === 45 || b === 47 || b === 39 || b === 8217) return;
    if (word && capsWordNext(text, p, e)) return;
    spans.push({ start: p, end: e, label: 'NAME', score: 0.6, rule: 'name-again' });
  };
  if (forms.size <= 8) {
    for (const [form, word] of forms) for (let p = text.indexOf(form); p >= 0; p = text.indexOf(form, p + form.length)) found(p, p + form.length, word);
    return;
  }
  const n = text.length;
  for (let p = 0; p < n;) {
    const c = text.charCodeAt(p);
    if (!isUpperCode(c) || (p > 0 && isWordLetter(text.charCodeAt(p - 1)))) { p++; continue; }
    let e = p + 1;
    while (e < n && (isWordLetter(text.charCodeAt(e)) || ((text.charCodeAt(e) === 39 || text.charCodeAt(e) === 8217 || text.charCodeAt(e) === 45) && isWordLetter(cc(text, e + 1))))) e++;
    if (e - p >= 4) { const word = forms.get(text.slice(p, e)); if (word !== undefined) found(p, e, word); }
    p = e;
  }
}

/**
 * Names typed in lower case around an initial, as hurried notes and boards write a person, read at each dot of the text
 * (few per line): an initial before a surname (initialLowerSurname, "pta m. reyes"), and a first name before the initial
 * of the surname ("handoff to jess m. RN", "|iris m.|", "- sofiane b., ami"): a known first name that is no ordinary word,
 * a space, one lower-case letter and its dot, then no letter, dot or digit ("fauteuil roulant manuel l.45" is a size).
 */
function lowerFirstInitials(text: string, spans: Span[], lex: Lexicon): void {
  for (let q = text.indexOf('.', 1); q >= 0; q = text.indexOf('.', q + 1)) {
    if (isLowerAscii(cc(text, q + 1)) && isLowerAscii(text.charCodeAt(q - 1))) dottedLogin(text, q, spans, lex);
    if (cc(text, q + 1) === 32 && isLowerCode(cc(text, q + 2)) && isLowerAscii(text.charCodeAt(q - 1)) && !isWordLetter(cc(text, q - 2)) && cc(text, q - 2) !== 46
      && cc(text, q - 2) !== 39 && cc(text, q - 2) !== 8217) initialLowerSurname(text, q, spans, lex);
    if (q < 3) continue;
    if (!isLowerAscii(text.charCodeAt(q - 1)) || text.charCodeAt(q - 2) !== 32 || isWordLetter(cc(text, q + 1)) || cc(text, q + 1) === 46 || isDigitCode(cc(text, q + 1))) continue;
    let w = q - 2;
    while (w > 0 && isWordLetter(text.charCodeAt(w - 1))) w--;
    if (q - 2 - w < 3 || !isLowerCode(text.charCodeAt(w)) || isWordLetter(cc(text, w - 1)) || cc(text, w - 1) === 39 || cc(text, w - 1) === 8217) continue;
    const word = text.slice(w, q - 2);
    if (word !== word.toLowerCase()) continue;
    const bits = lex.get(fold(word)) ?? 0;
    if ((bits & (LEX_FIRST | LEX_AMBIG | NON_NAME | LEX_CITY)) !== LEX_FIRST) continue;
    spans.push({ start: w, end: q + 1, label: 'NAME', score: 0.6, rule: 'name-lower-initial' });
  }
}
/** Lower-case letters before a login's dot that abbreviate no person: "st.martin" (a saint's place), "ex.", "cf.", "vs.". */
const DOT_LOGIN_NOT = new Set(['st', 'ste', 'ex', 'cf', 'vs', 'www', 'ftp', 'smtp', 'mail', 'http', 'https']);
/** Species' names that are surnames of the lists too, after their genus's initial: "e.coli", "s.bovis", "b.quintana". */
const SPECIES_SURNAMES = new Set(['coli', 'bovis', 'canis', 'felis', 'quintana']);
/**
 * A login written with a dot at q between its parts, as software and mail aliases write a user (audit logs, "Mise à jour :
 * c.larrieu", "by m.martin3"): one or two initials and a known surname, or a known first name and a known surname
 * ("lena.takahashi"), in lower-case ASCII, maybe digits after. A whole token: not an e-mail address's local part, a
 * domain's or a file's name ("c.larrieu@…", "www.larrieu.fr", "larrieu.pdf"), nor a piece of a longer dotted run. The
 * surname of 4 letters or more, no place or word of the lists; when it is an ordinary word or a first name too, or the
 * whole token is a word, only with digits after it ("m.martin3"; not "s.aureus", "e.coli", "p.ex").
 */
function dottedLogin(text: string, q: number, spans: Span[], lex: Lexicon): void {
  let w = q - 1;
  while (w > 0 && isLowerAscii(text.charCodeAt(w - 1))) w--;
  const b = cc(text, w - 1);
  if (isAlnum(b) || b === 46 || b === 64 || b === 95 || b === 45 || b === 47 || b === 92 || b === 39 || b === 8217 || b === 37 || b === 43 || b === 61) return;
  let e = q + 1;
  while (isLowerAscii(cc(text, e))) e++;
  let d = e;
  while (isDigitCode(cc(text, d))) d++;
  const a = cc(text, d);
  if (e - q - 1 < 4 || e - q - 1 > 20 || isWordLetter(a) || a === 64 || a === 95 || a === 47 || ((a === 46 || a === 45) && isAlnum(cc(text, d + 1)))) return;
  const left = q - w;
  if (left > 12 || DOT_LOGIN_NOT.has(text.slice(w, q))) return;
  const digits = d > e;
  const sur = lex.lowerRunBits(text, q + 1, e);
  if ((sur & LEX_SUR) === 0 || (sur & (NON_NAME | LEX_CITY)) !== 0) return;
  if (!digits && ((sur & (LEX_AMBIG | LEX_WORDNAME | LEX_FIRST)) !== 0 || isVocabularyWord(fold(text.slice(q + 1, e))))) return;
  // (one or two initials, not a genus's before its species; or a known first name of no other list: "jean.dupont")
  if (left > 2) {
    const first = lex.lowerRunBits(text, w, q);
    if ((first & LEX_FIRST) === 0 || (first & (NON_NAME | LEX_CITY)) !== 0) return;
  } else if (!digits && ((left === 1 && SPECIES_SURNAMES.has(text.slice(q + 1, e))) || isVocabularyWord(fold(text.slice(w, q) + text.slice(q + 1, e))))) return;
  spans.push({ start: w, end: d, label: 'NAME', score: 0.6, rule: 'name-login-shape' });
}
/**
 * After the dot at q of a lower-case initial: a known surname typed in lower case, of 5 letters or more and no ordinary
 * word, first name's ambiguity or place ("pta m. reyes assisted", "vu par y. pennec"; "e. coli" is too short, and a
 * species' genus is written in capitals: "S. bovis").
 */
function initialLowerSurname(text: string, q: number, spans: Span[], lex: Lexicon): void {
  let e = q + 2;
  while (isWordLetter(cc(text, e)) || (cc(text, e) === 45 && isWordLetter(cc(text, e + 1)))) e++;
  if (e - q - 2 < 5 || cc(text, e) === 46 && isWordLetter(cc(text, e + 1))) return;
  const word = text.slice(q + 2, e);
  if (word !== word.toLowerCase()) return;
  const key = fold(word);
  const bits = lex.get(key) ?? 0;
  if ((bits & LEX_SUR) === 0 || (bits & (LEX_AMBIG | NON_NAME | LEX_CITY | LEX_WORDNAME)) !== 0 || isVocabularyWord(key)) return;
  spans.push({ start: q - 1, end: e, label: 'NAME', score: 0.6, rule: 'name-lower-initial' });
}

/**
 * A login of no name found in the text, by its shape: one or two initials and a known surname in lower case, maybe digits
 * after ("mvargas", "tnakamura", "cmarchetti2", "jpwilliams"), as audit logs, exports and sign-offs write a user. The
 * surname of 4 letters or more and no ordinary word, first name or place; the whole token no word of the vocabularies.
 */
/**
 * Whether the word text[w, we) is one of LOGIN_BEFORE (by its length first: no substring for most words).
 */
function loginCueBefore(text: string, w: number, we: number): boolean {
  return we - w >= 2 && we - w <= 11 && LOGIN_BEFORE.has(text.slice(w, we));
}
function loginShapes(text: string, spans: Span[], lex: Lexicon): void {
  // (the character pass's places when it read this text regularly; else every lower-case ASCII run)
  const runs = lowerRunsForLogins(text);
  if (runs !== null) {
    const [s, e] = runs;
    for (let q = 0; q < s.length; q++) loginAt(text, s[q]!, e[q]!, spans, lex);
    return;
  }
  const n = text.length;
  for (let p = 0; p < n;) {
    const c = text.charCodeAt(p);
    if (c < 97 || c > 122) { p++; continue; }
    let e = p + 1;
    while (e < n && isLowerAscii(text.charCodeAt(e))) e++;
    if (e - p >= 6 && e - p <= 24 && !isWordLetter(cc(text, p - 1))) loginAt(text, p, e, spans, lex);
    p = e;
  }
}
/** The run text[start, e) of lower-case ASCII letters (6-24), maybe digits after it, as a login (loginShapes). */
function loginAt(text: string, start: number, e: number, spans: Span[], lex: Lexicon): void {
  const b1 = cc(text, start - 1);
  // (a whole token: no digit, '-' or apostrophe right before — "L'agente", "ischio-jambiers" — nor a postal code, "64500 ciboure")
  if (isDigitCode(b1) || b1 === 45 || b1 === 39 || b1 === 8217 || (b1 === 32 && isDigitCode(cc(text, start - 2)))) return;
  let d = e;
  while (isDigitCode(cc(text, d))) d++;
  if (isWordLetter(cc(text, d)) || cc(text, d) === 45 || !wholeWordAt(text, start, d)) return;
  // (not in prose: after a lower-case word (and its comma), or before one, only after a word that hands over to a user;
  // "acide folique", "dermatite atopique", "m, chaussage orthopédique", "Thermoreg: isolette servo" stay)
  const afterWord = b1 === 32 && (isLowerAscii(cc(text, start - 2)) || (cc(text, start - 2) === 44 && isLowerAscii(cc(text, start - 3))));
  if (afterWord || (cc(text, d) === 32 && isLowerAscii(cc(text, d + 1)))) {
    let w = start - 1;
    while (w > 0 && text.charCodeAt(w - 1) === 32) w--;
    const we = w;
    while (w > 0 && isLowerAscii(text.charCodeAt(w - 1))) w--;
    if (!loginCueBefore(text, w, we)) return;
  }
  // (digits after the letters make a login's shape surer: the surname may then be a word or a first name too, "kmorales2",
  // "jmartin3"; the whole run still no word nor name of its own)
  const digits = d > e;
  for (let k = 1; k <= 2 && e - start - k >= 5; k++) {
    const bits = lex.lowerRunBits(text, start + k, e);
    if ((bits & LEX_SUR) === 0 || (bits & (NON_NAME | LEX_CITY | (digits ? 0 : LEX_AMBIG | LEX_FIRST | LEX_WORDNAME))) !== 0) continue;
    const word = text.slice(start, e).toUpperCase();
    if (isVocabularyWord(word) || (!digits && isVocabularyWord(word.slice(k))) || (lex.get(word) ?? 0) !== 0) return;
    spans.push({ start, end: d, label: 'NAME', score: 0.5, rule: 'name-login-shape' });
    return;
  }
}

/**
 * User logins built from a found name, as software writes them in audit logs, a printout's "printed by" or a chat's
 * handle: the first name's initial and the surname ("amensah" for "MENSAH, ABENA", "rgutierrez2" with a number), two
 * initials and the surname ("mjcruz" for "Maria J. Cruz"), the first name and the surname joined or with '.' or '_'
 * ("lena.takahashi", "p.achterberg"), the surname, '.' and the first name. A login is ASCII, typed all in lower or all
 * in upper case, a whole token (not an e-mail address's local part: the e-mail rule has it), maybe followed by digits.
 * Names of two words or more only, with a surname of three letters or more; a login that is a word of the lists
 * (stop words, titles…) or a name of its own is left to the other rules.
 */
function loginsOfNames(text: string, spans: Span[], lex: Lexicon): void {
  let logins: Map<string, number> | null = null;
  // (the letter runs on either side of a '.' or '_' between letters, "p" and "achterberg", and their lower-case hashes:
  // read once, when a name asks)
  let joined: JoinedRuns | null | undefined;
  // (a name's words may be found by two rules, "GUTIERREZ" and "RAFAEL": spans with only a comma or spaces between are one name)
  const names: Span[] = [];
  let sorted = true;
  for (const sp of spans) {
    if (sp.label !== 'NAME') continue;
    if (names.length > 0 && names[names.length - 1]!.start > sp.start) sorted = false;
    names.push(sp);
  }
  // (most often in order already: the sort is stable, so it is needed only when some start goes back)
  if (!sorted) sortByStart(names);
  for (let q = 0; q < names.length; q++) {
    const sp = names[q]!;
    let end = sp.end;
    while (q + 1 < names.length && names[q + 1]!.start >= end && commaSpaceGap(text, end, names[q + 1]!.start)) end = names[++q]!.end;
    if (end - sp.start < 6) continue;
    // (first a look-up of the joined forms' hashes, computed over the name's own letters: most names have no login)
    const words = nameWords(text, sp.start, end);
    if (words < 2) continue;
    if (!mayHaveLogin(text, words)) {
      if (joined === undefined) joined = joinedRuns(text);
      if (joined === null || !surnameJoined(text, words, joined.hashes)) continue;
    }
    // (nameParts on the text's codes first: the forms are hashed without a string, and made only when the character pass
    // saw a letter run of their hash; nameParts' splits, folds and strings cost more than the rest of the pass)
    const lp = loginParts(text, sp.start, end);
    if (lp === 0) continue;
    if (joined === undefined) joined = joinedRuns(text);
    if (lp > 0 && (joined === null || !joined.hashes.has(foldedHash(HASH_START, text, lpSA, lpSE, false)))) {
      logins = wholeLogins(text, sp.start, logins);
      continue;
    }
    const parts = nameParts(text.slice(sp.start, end));
    if (parts === null) continue;
    const { first, middle, surname } = parts;
    const f = first.charAt(0), m = middle.charAt(0);
    for (const upper of [false, true]) {
      const add = (form: string) => { (logins ??= new Map()).set(upper ? form.toUpperCase() : form, sp.start); };
      const whole = (form: string) => { if (mayBeLetterRun(text, upper ? form.toUpperCase() : form, form.length)) add(form); };
      whole(f + surname);
      if (m !== '') whole(f + m + surname);
      if (first.length > 1) whole(first + surname);
      if (joined === undefined) joined = joinedRuns(text);
      const J = joined === null ? undefined : joinedRunSet(text, joined);
      if (J === undefined || !J.has(upper ? surname.toUpperCase() : surname)) continue;
      const F = upper ? first.toUpperCase() : first;
      if (J.has(F.charAt(0))) { add(f + '.' + surname); add(surname + '.' + f); }
      if (first.length > 1 && J.has(F)) { add(first + '.' + surname); add(first + '_' + surname); add(surname + '.' + first); }
    }
  }
  if (logins === null) return;
  const found = (p: number, e: number, form: string) => {
    if (wholeWordAt(text, p, e) && cc(text, e) !== 45 && ((lex.get(form.toUpperCase()) ?? 0) & (NON_NAME | LEX_FIRST | LEX_SUR | LEX_CITY)) === 0) {
      spans.push({ start: p, end: e, label: 'NAME', score: 0.6, rule: 'name-login' });
    }
  };
  const forms = logins as Map<string, number>;
  // (a few forms are searched for; more — a part of a megabyte holds thousands of names — in one walk over the text's
  // tokens of letters, digits, '.' and '_', each looked up without its digits and its final dots)
  if (forms.size <= 8) {
    for (const [form, origin] of forms) {
      for (let p = text.indexOf(form); p >= 0; p = text.indexOf(form, p + 1)) {
        if (p === origin) continue;
        let e = p + form.length;
        while (isDigitCode(cc(text, e))) e++;
        found(p, e, form);
      }
    }
    return;
  }
  let minLen = Infinity, maxLen = 0;
  for (const form of forms.keys()) { minLen = Math.min(minLen, form.length); maxLen = Math.max(maxLen, form.length); }
  const n = text.length;
  for (let p = 0; p < n;) {
    if (!isAsciiLetter(text.charCodeAt(p))) { p++; continue; }
    let r = p + 1;
    for (let c = cc(text, r); isAlnum(c) || c === 46 || c === 95; c = cc(text, ++r));
    let e = r;
    while (text.charCodeAt(e - 1) === 46) e--;
    let v = e;
    while (v > p && isDigitCode(text.charCodeAt(v - 1))) v--;
    if (v - p >= minLen && v - p <= maxLen) {
      const form = text.slice(p, v);
      const origin = forms.get(form);
      if (origin !== undefined && origin !== p) found(p, e, form);
    }
    p = r;
  }
}
/** loginParts' answer: the bounds of the surname, the first name and the middle name (empty when none) in the text. */
let lpSA = 0, lpSE = 0, lpFA = 0, lpFE = 0, lpMA = 0, lpME = 0;
/** For a code below 0x250: 1 when toUpperCase leaves it as it is, 2 when toLowerCase does (caps' test on codes). */
const CASE_SAME = (() => {
  const t = new Uint8Array(0x250);
  for (let c = 0; c < 0x250; c++) {
    const ch = String.fromCharCode(c);
    t[c] = (ch.toUpperCase() === ch ? 1 : 0) | (ch.toLowerCase() === ch ? 2 : 0);
  }
  return t;
})();
/** nameParts' caps on text[a, e): two code units or more, none changed by toUpperCase, some changed by toLowerCase. */
function capsAt(text: string, a: number, e: number): boolean {
  if (e - a <= 1) return false;
  let lowerSame = true;
  for (let i = a; i < e; i++) {
    const k = CASE_SAME[text.charCodeAt(i)]!;
    if ((k & 1) === 0) return false;
    if ((k & 2) === 0) lowerSame = false;
  }
  return !lowerSame;
}
/** The letters of text[a, e) that asciiLow keeps (codes with a one-letter ASCII form: loginParts' names only). */
function foldedLetters(text: string, a: number, e: number): number {
  let k = 0;
  for (let i = a; i < e; i++) if (NAME_FOLD[text.charCodeAt(i)] !== SKIP) k++;
  return k;
}
/** The first letter that asciiLow keeps of text[a, e), lower case (-1 when none). */
function firstFolded(text: string, a: number, e: number): number {
  for (let i = a; i < e; i++) { const f = NAME_FOLD[text.charCodeAt(i)]!; if (f !== SKIP) return f; }
  return -1;
}
/** asciiLow of text[a, e) (loginParts' names only). */
function foldedString(text: string, a: number, e: number): string {
  let out = '';
  for (let i = a; i < e; i++) { const f = NAME_FOLD[text.charCodeAt(i)]!; if (f !== SKIP) out += String.fromCharCode(f); }
  return out;
}
/**
 * nameParts of text[a, e) read on its codes, the parts' bounds in lpSA…lpME: 1, or 0 when nameParts answers null; -1
 * when the name has a code that asciiLow does not fold to one letter or drop (NAME_FOLD's NO_FOLD, codes beyond) or a
 * white space other than ' ' (split and trim's): nameParts then reads it.
 */
function loginParts(text: string, a: number, e: number): number {
  let comma = -1;
  for (let i = a; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x250 || NAME_FOLD[c] === NO_FOLD || (c >= 9 && c <= 13) || c === 0xa0) return -1;
    if (c === 44 && comma < 0) comma = i;
  }
  if (comma > a) {
    // ("SURNAME, First [Middle]": the given names' first two words after the comma)
    lpSA = a; lpSE = comma;
    let i = comma + 1;
    while (i < e && text.charCodeAt(i) === 32) i++;
    lpFA = i;
    while (i < e && text.charCodeAt(i) !== 32) i++;
    lpFE = i;
    while (i < e && text.charCodeAt(i) === 32) i++;
    lpMA = i;
    while (i < e && text.charCodeAt(i) !== 32) i++;
    lpME = i;
  } else {
    // (the words: the first three and the last)
    let n = 0, w0a = 0, w0e = 0, w1a = 0, w1e = 0, w2a = 0, w2e = 0, la = 0, le = 0;
    for (let i = a; i < e;) {
      while (i < e && text.charCodeAt(i) === 32) i++;
      if (i >= e) break;
      const s = i;
      while (i < e && text.charCodeAt(i) !== 32) i++;
      if (n === 0) { w0a = s; w0e = i; } else if (n === 1) { w1a = s; w1e = i; } else if (n === 2) { w2a = s; w2e = i; }
      la = s; le = i; n++;
    }
    if (n < 2) return 0;
    if (capsAt(text, w0a, w0e) && !capsAt(text, la, le)) { lpSA = w0a; lpSE = w0e; lpFA = w1a; lpFE = w1e; lpMA = n > 2 ? w2a : w2e; lpME = w2e; }
    else { lpFA = w0a; lpFE = w0e; lpSA = la; lpSE = le; lpMA = n > 2 ? w1a : w1e; lpME = w1e; }
  }
  return foldedLetters(text, lpSA, lpSE) < 3 || firstFolded(text, lpFA, lpFE) < 0 ? 0 : 1;
}
/**
 * The login forms of the name at `origin` whose parts loginParts found, in loginsOfNames' order and cases, when no
 * joined run has its surname: the initial and the surname, the two initials and the surname, the first name and the
 * surname. Each is hashed from the text's codes and made a string only when the character pass saw a run of its hash.
 */
function wholeLogins(text: string, origin: number, logins: Map<string, number> | null): Map<string, number> | null {
  const f = firstFolded(text, lpFA, lpFE), m = firstFolded(text, lpMA, lpME);
  const sLen = foldedLetters(text, lpSA, lpSE), fLen = foldedLetters(text, lpFA, lpFE);
  for (let u = 0; u < 2; u++) {
    const upper = u === 1, d = upper ? 32 : 0;
    const fm = hashStep(HASH_START, f - d);
    if (mayBeHashedRun(text, foldedHash(fm, text, lpSA, lpSE, upper), sLen + 1)) {
      logins = addLogin(logins, String.fromCharCode(f) + foldedString(text, lpSA, lpSE), upper, origin);
    }
    if (m >= 0 && mayBeHashedRun(text, foldedHash(hashStep(fm, m - d), text, lpSA, lpSE, upper), sLen + 2)) {
      logins = addLogin(logins, String.fromCharCode(f, m) + foldedString(text, lpSA, lpSE), upper, origin);
    }
    if (fLen > 1 && mayBeHashedRun(text, foldedHash(foldedHash(HASH_START, text, lpFA, lpFE, upper), text, lpSA, lpSE, upper), fLen + sLen)) {
      logins = addLogin(logins, foldedString(text, lpFA, lpFE) + foldedString(text, lpSA, lpSE), upper, origin);
    }
  }
  return logins;
}
function addLogin(logins: Map<string, number> | null, form: string, upper: boolean, origin: number): Map<string, number> {
  (logins ??= new Map()).set(upper ? form.toUpperCase() : form, origin);
  return logins;
}
/**
 * For a name's code unit: its lower-case ASCII letter (accents dropped: 'É' → 'e'), SKIP for a letter that nameParts
 * leaves out ('-', "'", '’', '.'), NO_FOLD for one without a one-letter form ('Œ', 'ß', letters beyond Latin).
 */
const SKIP = -1, NO_FOLD = -2;
const NAME_FOLD = (() => {
  const t = new Int16Array(0x250).fill(NO_FOLD);
  for (let c = 0; c < 0x250; c++) {
    const f = fold(String.fromCharCode(c)).toLowerCase();
    if (f.length === 1 && f >= 'a' && f <= 'z') t[c] = f.charCodeAt(0);
    else if (!/\p{L}/u.test(String.fromCharCode(c))) t[c] = SKIP;
  }
  return t;
})();
let foldFailed = false;
/** hashStep over the letters of text[a, e) folded to lower-case ASCII (upper case with `upper`); sets foldFailed on NO_FOLD. */
function foldedHash(h: number, text: string, a: number, e: number, upper: boolean): number {
  for (let i = a; i < e; i++) {
    const c = text.charCodeAt(i);
    const f = c < 0x250 ? NAME_FOLD[c]! : NO_FOLD;
    if (f === SKIP) continue;
    if (f === NO_FOLD) { foldFailed = true; continue; }
    h = hashStep(h, upper ? f - 32 : f);
  }
  return h;
}
/** Bounds of a name's words (runs without a space or comma), reused. */
const WORD_S = new Int32Array(8), WORD_E = new Int32Array(8);
/**
 * Whether a name (its n words in WORD_S/WORD_E, nameWords) may have a login in the text: the first letter of one of its
 * words (with the second word's initial) joined to its first or last word is a letter run the character pass saw, in
 * lower or upper case. A pre-test of the forms nameParts then builds ("amensah", "mjcruz"); true when a letter has no ASCII form. (A first name and a
 * surname joined whole, "lenatakahashi", is looked for only when a name passes this test or joinedRuns': hashing it for
 * every name cost more than the form finds.)
 */
function mayHaveLogin(text: string, n: number): boolean {
  foldFailed = false;
  // (the surname is the first word, "MENSAH, ABENA" or "DUPONT Marie", or the last, "Marie Dupont"; the given name next to it)
  if (surnameLogin(text, WORD_S[n - 1]!, WORD_E[n - 1]!, 0, n > 2 ? 1 : -1) || surnameLogin(text, WORD_S[0]!, WORD_E[0]!, 1, -1)) return true;
  // (or every word before a comma, "De La Rosa, Javier": loginParts' surname, whose login is "jdelarosa")
  const comma = n > 2 ? text.indexOf(',', WORD_E[1]!) : -1;
  if (comma > 0 && comma < WORD_S[n - 1]!) {
    // (j: the surname's last word, the last one before the comma)
    let j = 1;
    while (WORD_S[j + 1]! < comma) j++;
    if (surnameLogin(text, WORD_S[0]!, WORD_E[j]!, j + 1, j + 2 < n ? j + 2 : -1)) return true;
  }
  return foldFailed;
}
/**
 * mayHaveLogin for the surname text[sa, se) and the given name word g: the initial and the surname, or the two
 * initials (the middle name's word midWord, when >= 0) and the surname, in lower and upper case. The four hashes are accumulated in one walk over the surname
 * (a walk per form and case, with another to count its letters, was most of mayHaveLogin's time).
 */
function surnameLogin(text: string, sa: number, se: number, g: number, midWord: number): boolean {
  const gi = WORD_S[g]!, mid = midWord >= 0, mi = mid ? WORD_S[midWord]! : 0;
  let lo = foldedHash(HASH_START, text, gi, gi + 1, false), up = foldedHash(HASH_START, text, gi, gi + 1, true);
  let lo2 = mid ? foldedHash(lo, text, mi, mi + 1, false) : 0, up2 = mid ? foldedHash(up, text, mi, mi + 1, true) : 0;
  // (the letters foldedHash reads: a letter without an ASCII form counts, and sets foldFailed)
  let len = 0;
  for (let i = sa; i < se; i++) {
    const c = text.charCodeAt(i);
    const f = c < 0x250 ? NAME_FOLD[c]! : NO_FOLD;
    if (f === SKIP) continue;
    len++;
    if (f === NO_FOLD) { foldFailed = true; continue; }
    lo = hashStep(lo, f); up = hashStep(up, f - 32);
    if (mid) { lo2 = hashStep(lo2, f); up2 = hashStep(up2, f - 32); }
  }
  return mayBeHashedRun(text, lo, len + 1) || mayBeHashedRun(text, up, len + 1)
    || (mid && (mayBeHashedRun(text, lo2, len + 2) || mayBeHashedRun(text, up2, len + 2)));
}
/** Whether the lower-case hash of the name's first or last word (of the n in WORD_S/WORD_E) is among `hashes` (joinedRuns). */
function surnameJoined(text: string, n: number, hashes: Set<number>): boolean {
  foldFailed = false;
  return hashes.has(foldedHash(HASH_START, text, WORD_S[0]!, WORD_E[0]!, false)) || hashes.has(foldedHash(HASH_START, text, WORD_S[n - 1]!, WORD_E[n - 1]!, false)) || foldFailed;
}
/** The words of text[a, e) into WORD_S/WORD_E (the first seven, then the last in the eighth place); their number. */
function nameWords(text: string, a: number, e: number): number {
  let n = 0;
  for (let i = a; i < e;) {
    while (i < e && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 44)) i++;
    if (i >= e) break;
    const s = i;
    while (i < e && text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 44) i++;
    const k = n < 8 ? n++ : 7;
    WORD_S[k] = s; WORD_E[k] = i;
  }
  return n;
}
/** Whether text[a, b) is what may part two spans of one name: nothing, ',', ' ' or ', '. */
function commaSpaceGap(text: string, a: number, b: number): boolean {
  if (b === a) return true;
  const c = text.charCodeAt(a);
  if (b === a + 1) return c === 44 || c === 32;
  return b === a + 2 && c === 44 && text.charCodeAt(a + 1) === 32;
}
/**
 * joinedRuns' answer: the lower-case hashes of the runs, and the runs' bounds (start, end pairs), whose strings
 * (joinedRunSet) only a name that passes the hashes' test asks for.
 */
interface JoinedRuns { hashes: Set<number>; bounds: number[]; runs: Set<string> | null }
/** The runs of `j` as strings, made once. */
function joinedRunSet(text: string, j: JoinedRuns): Set<string> {
  if (j.runs === null) {
    j.runs = new Set();
    for (let q = 0; q < j.bounds.length; q += 2) j.runs.add(text.slice(j.bounds[q]!, j.bounds[q + 1]!));
  }
  return j.runs;
}
/**
 * The ASCII letter runs right before and right after each '.' or '_' that stands between two letters ("p.achterberg"),
 * with their lower-case hashes; null when there are none.
 */
function joinedRuns(text: string): JoinedRuns | null {
  let bounds: number[] | null = null;
  for (const sep of ['.', '_']) {
    for (let p = text.indexOf(sep, 1); p >= 0; p = text.indexOf(sep, p + 1)) {
      if (!isAsciiLetter(text.charCodeAt(p - 1)) || !isAsciiLetter(cc(text, p + 1))) continue;
      let a = p - 1, e = p + 1;
      while (a > 0 && isAsciiLetter(text.charCodeAt(a - 1))) a--;
      while (isAsciiLetter(cc(text, e + 1))) e++;
      // (not an e-mail address's: a login there is no whole word, wholeWordAt)
      let ta = a, te = e + 1;
      while (ta > 0 && isEmailLocalCode(text.charCodeAt(ta - 1))) ta--;
      while (isEmailLocalCode(cc(text, te))) te++;
      if (cc(text, ta - 1) === 64 || cc(text, te) === 64) continue;
      (bounds ??= []).push(a, p, p + 1, e + 1);
    }
  }
  if (bounds === null) return null;
  // (hashed in place: the runs are ASCII letters, which foldedHash folds one by one)
  const hashes = new Set<number>();
  for (let q = 0; q < bounds.length; q += 2) hashes.add(foldedHash(HASH_START, text, bounds[q]!, bounds[q + 1]!, false));
  return { hashes, bounds, runs: null };
}
/**
 * A found name's first name, middle initial and surname, in lower-case ASCII letters (accents dropped, the surname's
 * words joined: "Dela Cruz" → "delacruz"): "SURNAME, First", "First [M.] Surname", "SURNAME First" (the one word in
 * capitals is the surname). Null for one word, or a surname of less than three letters.
 */
function nameParts(name: string): { first: string; middle: string; surname: string } | null {
  const asciiLow = (w: string) => fold(w).toLowerCase().replace(/[^a-z]/g, '');
  const comma = name.indexOf(',');
  let first: string, middle = '', surname: string;
  if (comma > 0) {
    const given = name.slice(comma + 1).trim().split(/\s+/);
    first = given[0] ?? ''; middle = given[1] ?? ''; surname = name.slice(0, comma);
  } else {
    const words = name.split(/\s+/).filter((w) => w !== '');
    if (words.length < 2) return null;
    const caps = (w: string) => w.length > 1 && w === w.toUpperCase() && w !== w.toLowerCase();
    const upperFirst = caps(words[0]!) && !caps(words[words.length - 1]!);
    if (upperFirst) { surname = words[0]!; first = words[1]!; middle = words.length > 2 ? words[2]! : ''; }
    else { first = words[0]!; surname = words[words.length - 1]!; middle = words.length > 2 ? words[1]! : ''; }
  }
  const s = asciiLow(surname), f = asciiLow(first);
  return s.length < 3 || f === '' ? null : { first: f, middle: asciiLow(middle), surname: s };
}

/** Roles after a comma that follow an organization's name, not a person's ("… Health Plan, member ID", "CallPoint Answering Service, operator #0417"). */
const NOT_PERSON_ROLES = new Set(['MEMBER', 'OPERATOR', 'OPER', 'SUBSCRIBER', 'INSURED']);
/**
 * The start of a person's words right before k: two or three capitalized words (not four: an organization's,
 * "Tŷ Newydd Tenancy Support"), none a word of the lists; -1 when there are none such.
 */
function capitalizedNameBefore(text: string, k: number, lex: Lexicon): number {
  let a = k, words = 0;
  for (let b = k; ;) {
    const w = capitalizedWordAt(text, b);
    if (w < 0 || (foldedBits(text, w, b, lex) & NON_NAME) !== 0) break;
    if (++words === 4) break;
    a = w;
    if (text.charCodeAt(w - 1) !== 32 || !isWordLetter(cc(text, w - 2))) break;
    b = w - 1;
  }
  return words >= 2 && words <= 3 ? a : -1;
}
/** The start of the capitalized word of two letters or more (hyphens and apostrophes inside) that ends at b; -1 when there is none. */
function capitalizedWordAt(text: string, b: number): number {
  let w = b;
  while (w > 0 && (isWordLetter(text.charCodeAt(w - 1)) || ((text.charCodeAt(w - 1) === 45 || text.charCodeAt(w - 1) === 39 || text.charCodeAt(w - 1) === 8217) && w < b))) w--;
  return b - w >= 2 && isUpperCode(text.charCodeAt(w)) && isLowerCode(text.charCodeAt(w + 1)) ? w : -1;
}
/**
 * A person's words before a comma and a role, as lists of participants and signatures write them ("- Teura Teriitehau,
 * assistante sociale", "Excusée : Wei Zhou, diététicienne", "Ana Lima, social worker"): two or three capitalized
 * words right before ", " and a profession's word.
 */
function namesBeforeRoles(text: string, spans: Span[], lex: Lexicon): void {
  for (let k = text.indexOf(', '); k >= 0; k = text.indexOf(', ', k + 2)) {
    // (the role's word, a compound's hyphen inside: "aide-soignante")
    let r = k + 2;
    while (r < text.length && (isWordLetter(text.charCodeAt(r)) || (text.charCodeAt(r) === 45 && r > k + 2 && isWordLetter(cc(text, r + 1))))) r++;
    if (r - k - 2 < 2 || capitalizedWordAt(text, k) < 0 || (foldedBits(text, k + 2, r, lex) & LEX_PROF) === 0) continue;
    if (NOT_PERSON_ROLES.has(fold(text.slice(k + 2, r)))) continue;
    const a = capitalizedNameBefore(text, k, lex);
    if (a >= 0) spans.push({ start: a, end: k, label: 'NAME', score: 0.6, rule: 'name-before-role' });
  }
}
/** A patient's record number or birth date opening a bracket after the name ("Tigist Alemayehu (MRN 20448130)", "(DOB 03/04/1951)"). */
const BRACKET_ID_CUES = new Set(['MRN', 'DOB', 'NHS', 'UR', 'URN', 'IPP', 'NIP', 'NDA', 'DDN', 'CHI', 'NHI', 'PHN', 'HCN']);
/** A person's words before a bracket that opens with a patient's identifier: two or three capitalized words. */
function namesBeforeIds(text: string, spans: Span[], lex: Lexicon): void {
  // (from each '(' with a space before: indexOf of ' (' stops at every space of the text, and costs ~20× more)
  for (let o = text.indexOf('(', 1); o >= 0; o = text.indexOf('(', o + 1)) {
    if (text.charCodeAt(o - 1) !== 32) continue;
    const k = o - 1;
    let r = k + 2;
    while (r < text.length && r - k <= 6 && isUpperAscii(text.charCodeAt(r))) r++;
    if (r - k < 4 || r - k > 5 || isWordLetter(cc(text, r)) || !BRACKET_ID_CUES.has(text.slice(k + 2, r))) continue;
    const a = capitalizedNameBefore(text, k, lex);
    if (a >= 0) spans.push({ start: a, end: k, label: 'NAME', score: 0.6, rule: 'name-before-id' });
  }
}
/**
 * An audit trail's login right before an IP address: an initial and a surname of the dictionaries, in lower case, that is
 * no word of the lexicon ("jblanc 10.14.22.87", "ktran 10.14.23.140"; not "from 10.0.0.1").
 */
function loginBeforeIp(text: string, ip: number, spans: Span[], lex: Lexicon): void {
  if (cc(text, ip - 1) !== 32) return;
  let a = ip - 1;
  while (a > 0 && isLowerAscii(text.charCodeAt(a - 1))) a--;
  if (ip - 1 - a < 5 || ip - 1 - a > 20 || isAlnum(cc(text, a - 1)) || cc(text, a - 1) === 46 || cc(text, a - 1) === 64) return;
  const w = text.slice(a, ip - 1);
  if (lex.has(fold(w)) || !initialAndSurname(w, lex)) return;
  spans.push({ start: a, end: ip - 1, label: 'NAME', score: 0.6, rule: 'name-login-ip' });
}
/** A list's item: ", " / " and " / " et " / " & ", a capitalized word, a space and an age of one or two digits. */
const AGED_ITEM = /(?:, | and | et | & )([A-ZÀ-Þ][a-zà-ÿ'’-]+) \d{1,2}(?![\d/:.,]\d|[A-Za-z])/y;
/**
 * Children listed with their ages after a found name: "mother of 3 (Ayaan 9, Hodan 6, Liban 2)",
 * "kids: Maria 12, Jose 9 and Ana 4" — each next capitalized word before an age, no word of the lists, a name
 * of the dictionaries unless the list is in brackets.
 */
function agedListAfter(text: string, e: number, bracketed: boolean, spans: Span[], lex: Lexicon): void {
  // (the found name's own age: one or two digits, then the list goes on)
  let k = e + 1;
  while (k < e + 3 && isDigitCode(cc(text, k))) k++;
  if (isDigitCode(cc(text, k)) || isWordLetter(cc(text, k))) return;
  for (let listed = 0; listed < 6; listed++) {
    AGED_ITEM.lastIndex = k;
    const m = AGED_ITEM.exec(text);
    if (m === null) return;
    const w = m[1]!;
    // (a name of the dictionaries, or any word in the brackets the list opened: "(Ayaan 9, Hodan 6, Liban 2)")
    const bits = lex.get(fold(w)) ?? 0;
    if ((bits & NON_NAME) !== 0 || !(bracketed || (bits & (LEX_FIRST | LEX_SUR)) !== 0)) return;
    const a = k + m[0].indexOf(w);
    spans.push({ start: a, end: a + w.length, label: 'NAME', score: 0.6, rule: 'name-aged-list' });
    k = AGED_ITEM.lastIndex;
  }
}
/**
 * The initials of the name at [s, e) when it has two to four words: first and last (and the middle one
 * of three), the surname last ("TIERNEY, HUGH" → "HT"); a compound name's parts have their own too
 * ("M. Jean-Louis" → "MJ|MJL"); '' otherwise.
 */
function nameInitials(text: string, s: number, e: number): string {
  const firsts: number[] = [], parts: number[] = [];
  let comma = false;
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c === 44) comma = true;
    if (!isWordLetter(c) || (k > s && (isWordLetter(text.charCodeAt(k - 1)) || text.charCodeAt(k - 1) === 39))) continue;
    parts.push(k);
    if (k === s || text.charCodeAt(k - 1) !== 45) firsts.push(k);
  }
  const plain = initialsOf(text, firsts, comma);
  if (parts.length === firsts.length || comma || parts.length > 3) return plain;
  let all = '';
  for (const k of parts) all += upperLetter(text, k);
  return all.length !== parts.length ? plain : plain === '' ? all : `${plain}|${all}`;
}
/** Initials from the words' first letters (at firsts), the surname last when a comma parts them. */
function initialsOf(text: string, firsts: number[], comma: boolean): string {
  if (firsts.length < 2 || firsts.length > 4) return '';
  const order = comma ? [...firsts.slice(1), firsts[0]!] : firsts;
  const f = upperLetter(text, order[0]!), l = upperLetter(text, order[order.length - 1]!);
  if (f === '' || l === '') return '';
  if (order.length === 3) { const m = upperLetter(text, order[1]!); if (m !== '') return `${f}${m}${l}|${f}${l}`; }
  return f + l;
}

/** Two words in lower case, an initial between them or not: "jolene lavigne", "jenna w. lindqvist"; not a place named after a person ("hôpital édouard herriot"). */
const LOWER_PAIR = /(?<![A-Za-zÀ-ÿ0-9'’.-])(?<!(?:h[ôo]pital|clinique|hospital|centre|center|rue|avenue|boulevard|place|all[ée]e|lyc[ée]e|[ée]cole|coll[èe]ge|institut|fondation|r[ée]sidence|ehpad|pavillon|b[âa]timent|salle|street|school) )([a-zà-ÿ][a-zà-ÿ'’-]*[a-zà-ÿ]) (?:[a-z]\. )?([a-zà-ÿ][a-zà-ÿ'’-]*[a-zà-ÿ])(?![A-Za-zÀ-ÿ0-9'’-])/g;
/** Lexicon bits that make a word of LOWER_PAIR no name's: an ordinary word, a city, a word of the recognizers' lists. */
const PAIR_NOT = LEX_AMBIG | LEX_WORDNAME | LEX_CITY | NON_NAME;
/**
 * In notes whose writer types names in lower case (a found name starts so), two words in lower case that are names of
 * the dictionaries and no ordinary words, one a first name ("spoke w/ jenna w. lindqvist", "bernard lucie, 36 a"):
 * measured on every written note before it was written, 27 such pairs are names and 1 is not (a hospital named after a
 * person, now left out).
 */
function lowerNamePairs(text: string, spans: Span[], lex: Lexicon): void {
  LOWER_PAIR.lastIndex = 0;
  for (let m = LOWER_PAIR.exec(text); m !== null; m = LOWER_PAIR.exec(text)) {
    const a = m[1]!, b = m[2]!;
    // (the groups' bounds: the look-arounds take no characters, so a starts the match and b ends it)
    const me = m.index + m[0].length;
    const la = a.length >= 3 ? foldedBits(text, m.index, m.index + a.length, lex) : 0;
    const lb = b.length >= 3 && (la & (LEX_FIRST | LEX_SUR)) !== 0 && (la & PAIR_NOT) === 0 ? foldedBits(text, me - b.length, me, lex) : 0;
    if ((lb & (LEX_FIRST | LEX_SUR)) === 0 || (lb & PAIR_NOT) !== 0 || ((la | lb) & LEX_FIRST) === 0) {
      // (the second word may start the next pair)
      LOWER_PAIR.lastIndex = m.index + a.length + 1;
      continue;
    }
    spans.push({ start: m.index, end: m.index + m[0].length, label: 'NAME', score: 0.6, rule: 'name-lower-pair' });
  }
}
/** Two-letter words that are no one's initials. */
const SHORT_WORDS = new Set(['am', 'an', 'as', 'at', 'be', 'by', 'do', 'go', 'he', 'if', 'in', 'is', 'it', 'me', 'my', 'no', 'of', 'ok', 'on', 'or', 'so', 'to', 'up', 'us', 'we',
  'il', 'le', 'la', 'un', 'de', 'du', 'et', 'en', 'ou', 'au', 'se', 'ce', 'ne', 'sa', 'ta', 'ma', 'mr', 'dr', 'pt', 'rn', 'md', 'iv', 'po', 'tt', 'ds', 'cs', 'bp', 'hr', 'rr']);
/**
 * In notes typed in lower case, a found name's initials at a line's start ("pt: rich young" … "- ry
 * voided 650 cc"): the initials of each name of two words, in lower case.
 */
function lowerInitialsAtLineStart(text: string, spans: Span[]): void {
  const n = spans.length;
  const want = new Set<string>();
  for (let q = 0; q < n; q++) {
    const sp = spans[q]!;
    if (sp.label !== 'NAME') continue;
    const m = /^([a-zà-ÿ])[a-zà-ÿ'-]+ ([a-zà-ÿ])[a-zà-ÿ'-]+$/.exec(text.slice(sp.start, sp.end));
    if (m !== null && !SHORT_WORDS.has(m[1]! + m[2]!)) want.add(m[1]! + m[2]!);
  }
  for (const w of want) for (let p = text.indexOf(w); p >= 0; p = text.indexOf(w, p + 1)) {
    if (isAlnum(cc(text, p + 2)) || cc(text, p + 2) !== 32) continue;
    let b = p - 1;
    while (b >= 0 && text.charCodeAt(b) === 32) b--;
    if (b >= 0 && (text.charCodeAt(b) === 45 || text.charCodeAt(b) === 42 || text.charCodeAt(b) === 8226)) { b--; while (b >= 0 && text.charCodeAt(b) === 32) b--; }
    if (b < 0 || text.charCodeAt(b) === 10) spans.push({ start: p, end: p + 2, label: 'NAME', score: 0.6, rule: 'name-initials-of' });
  }
}
/** Whether a short upper-case word of `caps` is in brackets, after a lead word (per, by, with…) or a signature's place (signatureInitialsPlace). */
function someInitialsPlace(text: string, caps: Int32Array): boolean {
  for (let q = 0; q < caps.length; q++) {
    const s = caps[q]!;
    const b = cc(text, s - 1);
    if (b === 40) return true;
    let e = s;
    while (isUpperAscii(cc(text, e))) e++;
    if (signatureInitialsPlace(text, s, e)) return true;
    if (b !== 32) continue;
    let a = s - 1;
    while (a > 0 && isWordLetter(text.charCodeAt(a - 1))) a--;
    if (s - 1 - a >= 2 && s - 1 - a <= 4 && INITIALS_LEAD.has(text.slice(a, s - 1))) return true;
  }
  return false;
}
/**
 * Whether initials at [s, e) end their line (a '.' and spaces may follow) and stand alone on it (after a
 * dash, '*' or '•' or nothing) or after a dash that follows other words ("Dr M. Irigoyen – MI", "…\nGLG"):
 * where a writer signs; or fill a table's cell ("| LC |").
 */
function signatureInitialsPlace(text: string, s: number, e: number): boolean {
  let k = e;
  if (cc(text, k) === 46) k++;
  while (cc(text, k) === 32) k++;
  const after = cc(text, k);
  // (a table's cell of their own: "| 0.5 | LC   | start")
  if (after === 124) {
    let b = s - 1;
    while (b >= 0 && text.charCodeAt(b) === 32) b--;
    return b >= 0 && text.charCodeAt(b) === 124;
  }
  if (!(after === -1 || after === 10 || after === 13)) return false;
  let b = s - 1;
  while (b >= 0 && text.charCodeAt(b) === 32) b--;
  const dash = b >= 0 && (text.charCodeAt(b) === 45 || text.charCodeAt(b) === 8211 || text.charCodeAt(b) === 8212);
  if (dash || (b >= 0 && (text.charCodeAt(b) === 42 || text.charCodeAt(b) === 8226))) {
    // (after words, the dash needs a space on both sides: "Dr M. Irigoyen – MI", not "IRM-TDM")
    if (dash && b + 1 < s && b >= 1 && text.charCodeAt(b - 1) === 32) return true;
    b--;
    while (b >= 0 && text.charCodeAt(b) === 32) b--;
  }
  return b < 0 || text.charCodeAt(b) === 10;
}
/** The letter at k in upper case without its accent ('' when it is no letter A-Z once folded). */
function upperLetter(text: string, k: number): string {
  const c = text.charCodeAt(k);
  if (c >= 65 && c <= 90) return text.charAt(k);
  if (c >= 97 && c <= 122) return String.fromCharCode(c - 32);
  const f = fold(text.charAt(k));
  return isUpperAscii(f.charCodeAt(0)) ? f.charAt(0) : '';
}
/** Upper-case words of 2-3 letters that are the initials of a found name, in brackets, after per/by/with, where a writer signs or in a table's cell. */
function initialsOfNames(text: string, spans: Span[], list: string[], caps: Int32Array | null, lex: Lexicon): void {
  const set = new Set<string>();
  for (const item of list) for (const w of item.split('|')) set.add(w);
  let starts: ArrayLike<number>;
  if (caps !== null) starts = caps;
  else { const found: number[] = []; const re = /(?<![A-Za-z0-9À-ÿ])[A-Z]{2,3}(?![A-Za-z0-9À-ÿ])/g; let m: RegExpExecArray | null; while ((m = re.exec(text)) !== null) found.push(m.index); starts = found; }
  for (let q = 0; q < starts.length; q++) {
    const s = starts[q]!;
    let e = s;
    while (e < text.length && isUpperAscii(text.charCodeAt(e))) e++;
    if (e - s < 2 || e - s > 3 || isAlnum(cc(text, e)) || isAlnum(cc(text, s - 1))) continue;
    const w = text.slice(s, e);
    if (!set.has(w) || ((lex.get(w) ?? 0) & NON_NAME) !== 0) continue;
    let ok = cc(text, s - 1) === 40 && cc(text, e) === 41;
    // (an English vital sign's abbreviation only in brackets: a table's "| BP |" is blood pressure, not Bronwen Pryce)
    if (!ok && VITAL_SIGNS.has(w)) continue;
    // (a state's code only in brackets after a credential: "T. Ngata, CPhT (TN)", not "Memphis (TN)")
    if (US_STATE_SET.has(w) && !(ok && credentialBefore(text, s - 1, lex))) continue;
    if (!ok && cc(text, s - 1) === 32) {
      let a = s - 1;
      while (a > 0 && isWordLetter(text.charCodeAt(a - 1))) a--;
      ok = INITIALS_LEAD.has(text.slice(a, s - 1)) && !isAlnum(cc(text, a - 1));
    }
    if (!ok) ok = signatureInitialsPlace(text, s, e);
    if (ok) spans.push({ start: s, end: e, label: 'NAME', score: 0.6, rule: 'name-initials-of' });
  }
}

const VITAL_SIGNS = new Set(['BP', 'HR', 'RR', 'GCS', 'SPO']);
/** A credential right before the bracket at b ("CPhT (TN)"). */
function credentialBefore(text: string, b: number, lex: Lexicon): boolean {
  let e = b;
  while (e > 0 && text.charCodeAt(e - 1) === 32) e--;
  let a = e;
  while (a > 0 && (isWordLetter(text.charCodeAt(a - 1)) || text.charCodeAt(a - 1) === 45)) a--;
  return a < e && (foldedBits(text, a, e, lex) & LEX_CRED) !== 0;
}
/** A dictation's word right before initials in capitals ("Dictée SB/CL", "Dictated by: JRP/SDL"). */
const DICTATION_CUE = /(?:[Dd]ict[ée]e?|[Dd]ictated(?: by)?|DICT[ÉE]E?|[Tt]ranscribed(?: by)?|[Ff]rapp[ée]e?(?: par)?|[Tt]ap[ée]e?(?: par)?)\s?:?\s?$/;
/** The fields of a dictation footer after its initials ("D: 10/04/92", "DT:", "TR:"). */
const DICTATION_FIELD = /^(?:D|T|d|t|DD|DT|TD|DV|TR|cc|CC|Cc)\s?:|^(?:Job|JOB|Doc|DOC)\b/;
/**
 * Two groups of capitals alone on the text's last line, words of no list ("…\n\nPW/WO"): the author's and
 * the typist's initials that end a dictated letter (not "IRM/TDM", "HTA/DNID": stop words).
 */
function lastLinePair(text: string, a: number, k: number, u: number): boolean {
  if (!lineStartAt(text, a) || !lineEndAt(text, u) || text.slice(u).trim() !== '') return false;
  const lex = tokenLexicon();
  return ((lex.get(text.slice(a, k)) ?? 0) & (LEX_STOP | LEX_ACRO | LEX_CRED)) === 0 && ((lex.get(text.slice(k + 1, u)) ?? 0) & (LEX_STOP | LEX_ACRO | LEX_CRED)) === 0;
}
/**
 * Initials after "by" or "par" where a sample, a record or an export was made ("Collected 07:42 by LW at …", "prélevé … par AB",
 * "exported by ckw 07:58"), and after a check's field ("Reviewed: HVB", "Sighted: LF"): two to four capitals, or two or three
 * lower-case letters that are no word, which no word list of the lexicon holds (not "by ICU", "par SMS", "by RN").
 */
function recordedByInitials(text: string, spans: Span[], lex: Lexicon): void {
  BY_INITIALS.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = BY_INITIALS.exec(text)) !== null;) {
    const w = m[2]!, a = m.index + m[0].length - w.length;
    const lower = isLowerAscii(w.charCodeAt(0));
    if (lower && w.length >= 4 ? !loginOfSurname(w, lex)
      : lower ? !lowerInitials(w) : ((lex.get(w) ?? 0) & (LEX_STOP | LEX_ACRO | LEX_CRED | LEX_CUE | LEX_TITLE | LEX_PROF)) !== 0 || NOT_INITIALS.has(w)) continue;
    if (BY_MEANS.has(w.toUpperCase())) continue;
    // (capitals before a capitalized word are a rank or a service before a name: "Requested by: DS Kelechi Nwachukwu")
    if (!lower && cc(text, a + w.length) === 32 && isUpperCode(cc(text, a + w.length + 1)) && isLowerCode(cc(text, a + w.length + 2))) continue;
    // (a record's verb earlier on the line; or the check's field itself, the initials ending the line or a column: not "Reviewed: CBC, BMP")
    if (m[1] === undefined ? !RECORD_VERB.test(text.slice(Math.max(text.lastIndexOf('\n', m.index) + 1, m.index - 48), m.index))
      : !/^(?:[ \t]*(?:\r?\n|$)| {2}|\t|\))/.test(text.slice(a + w.length, a + w.length + 3))) continue;
    spans.push({ start: a, end: a + w.length, label: 'NAME', score: 0.6, rule: 'name-recorded-by' });
  }
}
/** Whether text[a, e) is a first name typed in lower case that can only be one: of the lists, no ordinary word, place or other list's word. */
function lowerOnlyFirstName(text: string, a: number, e: number, lex: Lexicon): boolean {
  if (e - a < 3 || e - a > 20) return false;
  const w = text.slice(a, e);
  if (w !== w.toLowerCase()) return false;
  const key = fold(w);
  const bits = lex.get(key) ?? 0;
  return (bits & LEX_FIRST) !== 0 && (bits & (LEX_AMBIG | LEX_WORDNAME | LEX_CITY | NON_NAME)) === 0 && !isVocabularyWord(key);
}
/**
 * A contact's first name typed in lower case in brackets against a phone number, as hurried notes write who answers it:
 * "fille : 06 12 44 87 30 (sylvie)", "copine : ines (07 45 90 21 88)". A first name that can only be one (lowerOnlyFirstName);
 * before the number, only after a field's colon, a list's comma or dash, a bracket or the line's start.
 */
function namesAroundPhone(text: string, s: number, e: number, spans: Span[], lex: Lexicon): void {
  // (after it: " (sylvie)")
  const o = cc(text, e) === 40 ? e + 1 : cc(text, e) === 32 && cc(text, e + 1) === 40 ? e + 2 : -1;
  if (o > 0 && isLowerCode(cc(text, o))) {
    const z = letterRunEnd(text, o);
    if (cc(text, z) === 41 && lowerOnlyFirstName(text, o, z, lex)) spans.push({ start: o, end: z, label: 'NAME', score: 0.6, rule: 'name-phone-contact' });
  }
  // (before it: "ines (07 …)")
  if (cc(text, s - 1) === 40 && cc(text, s - 2) === 32 && isLowerCode(cc(text, s - 3))) {
    let a = s - 2;
    while (a > 0 && (isWordLetter(text.charCodeAt(a - 1)) || text.charCodeAt(a - 1) === 45)) a--;
    // (after a field's colon, a list's comma or dash, a bracket or the line's start: not a place's name after its article, "ehpad
    // les jardins de margot (05 56…)")
    let b = a - 1;
    while (cc(text, b) === 32) b--;
    const pb = cc(text, b);
    if (a - 1 - b <= 1 && (b < 0 || pb === 58 || pb === 44 || pb === 59 || pb === 45 || pb === 8211 || pb === 40 || pb === 10 || pb === 43 || pb === 47)
      && !isAlnum(cc(text, a - 1)) && lowerOnlyFirstName(text, a, s - 2, lex)) spans.push({ start: a, end: s - 2, label: 'NAME', score: 0.6, rule: 'name-phone-contact' });
  }
}
/** Lower-case fields of hurried notes whose value is a person: a signature's, an identity's ("signe : karima", "identite : lea martins"). */
const LOWER_PERSON_FIELDS = ['signe', 'signé', 'identite', 'identité'];
/**
 * A first name typed in lower case after a lower-case field of a person (LOWER_PERSON_FIELDS) and its colon, maybe a
 * surname of the lists after it: "signe : karima (ide de nuit)", "identite : lea martins ?". After a signature's field, a
 * first name that can only be one; after an identity's, any first name of the lists ("lea").
 */
function lowerFieldNames(text: string, spans: Span[], lex: Lexicon): void {
  for (const f of LOWER_PERSON_FIELDS) {
    if (!mayBeLetterRun(text, f, f.length)) continue;
    for (let k = text.indexOf(f); k >= 0; k = text.indexOf(f, k + f.length)) {
      if (isWordLetter(cc(text, k - 1))) continue;
      let a = k + f.length;
      if (cc(text, a) === 32) a++;
      if (cc(text, a) !== 58) continue;
      a++;
      while (cc(text, a) === 32) a++;
      if (!isLowerCode(cc(text, a))) continue;
      let e = letterRunEnd(text, a);
      const identity = f.startsWith('ident');
      const bits = lex.get(fold(text.slice(a, e))) ?? 0;
      if (identity ? (bits & LEX_FIRST) === 0 || (bits & (NON_NAME | LEX_CITY)) !== 0 || text.slice(a, e) !== text.slice(a, e).toLowerCase() : !lowerOnlyFirstName(text, a, e, lex)) continue;
      // (the surname after it, of the lists, in lower case)
      if (cc(text, e) === 32 && isLowerCode(cc(text, e + 1))) {
        const z = letterRunEnd(text, e + 1);
        const sb = lex.get(fold(text.slice(e + 1, z))) ?? 0;
        if (z - e - 1 >= 2 && (sb & LEX_SUR) !== 0 && (sb & (NON_NAME | LEX_CITY)) === 0 && text.slice(e + 1, z) === text.slice(e + 1, z).toLowerCase()) e = z;
      }
      spans.push({ start: a, end: e, label: 'NAME', score: 0.6, rule: 'name-field' });
    }
  }
}
/** Whether text[a, e) is initials in capitals that stand for a person: 2-3 capitals, no acronym, credential or word of the lists. */
function personInitials(text: string, a: number, e: number, lex: Lexicon): boolean {
  if (e - a < 2 || e - a > 3) return false;
  for (let k = a; k < e; k++) if (!isUpperAscii(text.charCodeAt(k))) return false;
  const w = text.slice(a, e);
  return !NOT_INITIALS.has(w) && !BY_MEANS.has(w) && ((lex.get(w) ?? 0) & NON_NAME) === 0;
}
/**
 * An operator's initials in a log (answering services, dispatch, call centres): "op" and 2-3 capitals, "#1  18:22  op JS
 * Caller: …". "op" in a log's field only — right after an entry's time, spaces or a bar between — and the initials a whole
 * word ("post op CT", "POD 3 op CT", "op note", "Op. CR" stay).
 */
function operatorInitials(text: string, spans: Span[], lex: Lexicon): void {
  if (!mayBeLetterRun(text, 'op', 2)) return;
  for (let k = text.indexOf('op ', 0); k >= 0; k = text.indexOf('op ', k + 3)) {
    const b = cc(text, k - 1);
    if (b !== 32 && b !== 9 && b !== 124) continue;
    // (after the entry's time, maybe a bar between: "18:22  op JS", "0112 | op KM")
    let t = k - 1;
    while (t > 0 && (text.charCodeAt(t - 1) === 32 || text.charCodeAt(t - 1) === 9)) t--;
    if (cc(text, t - 1) === 124) { t--; while (t > 0 && (text.charCodeAt(t - 1) === 32 || text.charCodeAt(t - 1) === 9)) t--; }
    if (t < 1 || !timeEndsAt(text, t)) continue;
    const a = k + 3;
    let e = a;
    while (isUpperAscii(cc(text, e))) e++;
    const z = cc(text, e);
    if (isAlnum(z) || z === 46 || z === 45 || z === 47 || !personInitials(text, a, e, lex)) continue;
    spans.push({ start: a, end: e, label: 'NAME', score: 0.6, rule: 'name-recorded-by' });
  }
}
/** What heads a quoted or forwarded message in a mail thread, on the line it opens. */
const REPLY_HEADERS = ['a écrit :', 'a écrit:', 'wrote:', 'Original Message', "Message d'origine", 'Message transféré', 'Forwarded message'];
/** A word of each of REPLY_HEADERS, whole: a text without its letter run is not searched for the header. */
const REPLY_WORDS = ['écrit', 'écrit', 'wrote', 'Original', 'origine', 'transféré', 'Forwarded'];
/**
 * A mail's signature right before the header of the message it answers ("> Merci de ta réponse.⏎> JP⏎>⏎>> Le 14 mars
 * 2024 à 17:52, Secrétariat … a écrit :"): the last line with some text before that header (quote marks and blank lines
 * aside), when it is initials alone (2-3 capitals, or with dots: "J.P.") or a known first name of no other list alone.
 */
function replySignatures(text: string, spans: Span[], lex: Lexicon): void {
  for (let r = 0; r < REPLY_HEADERS.length; r++) {
    const h = REPLY_HEADERS[r]!;
    if (!mayBeLetterRun(text, REPLY_WORDS[r]!, REPLY_WORDS[r]!.length)) continue;
    for (let k = text.indexOf(h); k >= 0; k = text.indexOf(h, k + h.length)) {
      let p = text.lastIndexOf('\n', k) - 1;
      // (back over the blank or quote-only lines)
      for (;;) {
        let ls = p;
        while (ls >= 0 && text.charCodeAt(ls) !== 10) ls--;
        let t = ls + 1;
        while (t <= p && (text.charCodeAt(t) === 62 || text.charCodeAt(t) === 32 || text.charCodeAt(t) === 9)) t++;
        let e = p + 1;
        while (e > t && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 13 || text.charCodeAt(e - 1) === 9)) e--;
        if (e > t) {
          const w = text.slice(t, e);
          if (personInitials(text, t, e, lex) || (/^(?:[A-Z]\.-?){2,3}$/.test(w) && !NOT_INITIALS.has(w.replace(/[.-]/g, '')))
            || (/^[A-ZÀ-Þ][a-zà-ÿ'-]{2,}$/.test(w) && isSignatureFirstName(w, lex))) spans.push({ start: t, end: e, label: 'NAME', score: 0.6, rule: 'name-line-signature' });
          break;
        }
        if (ls < 0 || k - ls > 400) break;
        p = ls - 1;
      }
    }
  }
}
/**
 * A login of an initial and a surname of the lists, maybe followed by digits ("lwojcik", "mkowalski", "rgutierrez2"), that is
 * no word, name or place of the lists itself ("around", "aspirin": BRACKET_WORDS).
 */
function loginOfSurname(w: string, lex: Lexicon): boolean {
  let e = w.length;
  while (e > 0 && isDigitCode(w.charCodeAt(e - 1))) e--;
  const v = e === w.length ? w : w.slice(0, e);
  return initialAndSurname(v, lex) && ((lex.get(fold(v)) ?? 0) & (NON_NAME | LEX_FIRST | LEX_SUR | LEX_WORDNAME | LEX_CITY)) === 0
    && ((lex.get(fold(v.slice(1))) ?? 0) & NON_NAME) === 0 && !BRACKET_WORDS.has(v);
}
/** Means and services that a record is made or sent by ("by fax", "validé par SMS", "printed by IT"). */
const BY_MEANS = new Set(['IT', 'SMS', 'MMS', 'FAX', 'EDI', 'API', 'PDF', 'USB', 'VPN', 'SSO', 'IA', 'AI', 'OCR', 'ED', 'ER', 'EMS', 'ICU', 'OR', 'LAB', 'MAIL', 'WEB', 'APP', 'TEL', 'PHONE']);
const BY_INITIALS = /(?:(?<![A-Za-zÀ-ÿ])(Reviewed|Sighted|Verified|Witnessed|Checked|Initials|Visa|Vérifié|Contrôlé|Signed electronically)(?: by| par)? ?: ?| (?:by|par|BY|PAR):? )([A-Z]{2,4}|[a-z]{2,3}|[a-z]{4,20}\d{0,3})(?![A-Za-z0-9À-ÿ@_'’-]|\.[A-Za-z])/g;
const RECORD_VERB = /(?:^|[^A-Za-zÀ-ÿ])(?:collected|drawn|exported|printed|entered|reviewed|signed|verified|requested|generated|submitted|dictated|transcribed|typed|cannulated|witnessed|grossed|prepared|documented|recorded|co-?signed|saisie?|dict[ée]e?|pr[ée]lev[ée]e?s?|valid[ée]e?|tap[ée]e?|imprim[ée]e?|export[ée]e?|v[ée]rifi[ée]e?|relue?|contr[ôo]l[ée]e?)(?![A-Za-zÀ-ÿ])/i;
/** "JS/kt" at a line's end: the author's and the typist's initials (found from each '/'); "M. Austin MD / jt": the typist's after a credential. */
function dictationInitials(text: string, spans: Span[]): void {
  for (let k = text.indexOf('/'); k >= 0; k = text.indexOf('/', k + 1)) {
    if (cc(text, k - 1) === 32 && cc(text, k + 1) === 32) { typistAfterCredential(text, k, spans); continue; }
    let a = k, e = k + 1;
    while (a > 0 && k - a < 4 && isUpperAscii(text.charCodeAt(a - 1))) a--;
    while (e < text.length && e - k <= 4 && text.charCodeAt(e) >= 97 && text.charCodeAt(e) <= 122) e++;
    // (both in capitals after a dictation's word: "Dictée SB/CL — frappée le …")
    if (e === k + 1 && k - a >= 2 && k - a <= 3) {
      let u = k + 1;
      while (u < text.length && u - k <= 4 && isUpperAscii(text.charCodeAt(u))) u++;
      if (u - k - 1 >= 2 && u - k - 1 <= 3 && !isAlnum(cc(text, u)) && !isAlnum(cc(text, a - 1))
        && (DICTATION_CUE.test(text.slice(Math.max(0, a - 16), a)) || lastLinePair(text, a, k, u))) {
        spans.push({ start: a, end: k, label: 'NAME', score: 0.6, rule: 'name-dictation' }, { start: k + 1, end: u, label: 'NAME', score: 0.6, rule: 'name-dictation' });
      }
      continue;
    }
    // (four capitals only at the line's end: "Dicté le 09/03/24 - MLJA/sb")
    if (k - a < 2 || (k - a > 3 && !(k - a === 4 && lineEndAt(text, e))) || e - k - 1 < 2 || e - k - 1 > 3) continue;
    // (several authors' initials before the typist's: "HM/CP/sl")
    const groups = [a];
    for (;;) {
      const g = groups[groups.length - 1]!;
      if (cc(text, g - 1) !== 47) break;
      let b2 = g - 1;
      while (b2 > 0 && g - 1 - b2 < 4 && isUpperAscii(text.charCodeAt(b2 - 1))) b2--;
      if (g - 1 - b2 < 2 || g - 1 - b2 > 3) break;
      groups.push(b2);
    }
    const first = groups[groups.length - 1]!;
    const b = cc(text, first - 1);
    if (isAlnum(b) || b === 47 || b === 46 || isAlnum(cc(text, e))) continue;
    // the line's end after it, or the dictation's fields ("MA/dlr   D: 10/04/92  T: 10/06/92", "PV/dlm   Job #: 884201")
    let z = e;
    while (z < text.length && (text.charCodeAt(z) === 32 || text.charCodeAt(z) === 9)) z++;
    // (or a dictation's word: "Réf. : HVK/mc - dicté le 12.03.24")
    if (!(z === text.length || text.charCodeAt(z) === 10 || text.charCodeAt(z) === 13 || (z > e && DICTATION_FIELD.test(text.slice(z, z + 5)))
      || /^[-–—,]? ?(?:dict|frapp|tap|transcri|typed|valid|relu|sign)/i.test(text.slice(z, z + 12)))) continue;
    const up = text.slice(a, k), low = text.slice(k + 1, e);
    const ls = text.lastIndexOf('\n', first - 1) + 1;
    const alone = text.slice(ls, first).trim() === '';
    // (a unit is initials only alone on its line: "CR/ml"; "10 UI/ml", "x 2/j" are not)
    if (groups.length === 1 && (alone ? UNIT_UPPER.has(up) && UNIT_LOWER.has(low) : UNIT_UPPER.has(up) || UNIT_LOWER.has(low))) continue;
    for (const g of groups) { let z2 = g; while (isUpperAscii(cc(text, z2))) z2++; spans.push({ start: g, end: z2, label: 'NAME', score: 0.6, rule: 'name-dictation' }); }
    spans.push({ start: k + 1, end: e, label: 'NAME', score: 0.6, rule: 'name-dictation' });
  }
  // the same pair written with a colon, alone on its line: "TW:jlk"
  for (let k = text.indexOf(':'); k >= 0; k = text.indexOf(':', k + 1)) {
    if (!isUpperAscii(cc(text, k - 1)) || !isLowerAscii(cc(text, k + 1))) continue;
    let a = k, e = k + 1;
    while (a > 0 && k - a < 4 && isUpperAscii(text.charCodeAt(a - 1))) a--;
    while (e < text.length && e - k <= 4 && isLowerAscii(text.charCodeAt(e))) e++;
    if (k - a < 2 || k - a > 3 || e - k - 1 < 2 || e - k - 1 > 3 || !lineStartAt(text, a) || !lineEndAt(text, e)) continue;
    const up = text.slice(a, k), low = text.slice(k + 1, e);
    if (UNIT_UPPER.has(up) || UNIT_LOWER.has(low)) continue;
    spans.push({ start: a, end: k, label: 'NAME', score: 0.6, rule: 'name-dictation' }, { start: k + 1, end: e, label: 'NAME', score: 0.6, rule: 'name-dictation' });
  }
}
/** Whether only spaces or tabs stand between e and the end of its line (or of the text). */
function lineEndAt(text: string, e: number): boolean {
  let q = e;
  while (q < text.length && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9)) q++;
  return q === text.length || text.charCodeAt(q) === 10 || text.charCodeAt(q) === 13;
}

/** Roles written after a signature at a line's end ("m.k. as", "nadège ide nuit"). */
const ROLE_AFTER = new Set(['as', 'ide', 'idel', 'ash', 'inf', 'aide', 'nuit', 'jour', 'kiné', 'kine', 'rn', 'lpn', 'cna', 'md', 'ma', 'np', 'pa', 'cma', 'ast', 'auxiliaire',
  'cnm', 'pa-c', 'do', 'lvn', 'crna', 'rt', 'emt']);
/** Bit k set when a word of ROLE_AFTER has k letters (a test before the substring). */
const ROLE_AFTER_LENGTHS = [...ROLE_AFTER].reduce((m, w) => m | (1 << w.length), 0);
/** Dotted abbreviations that stand alone on a line and are nobody's initials. */
const NOT_INITIALS = new Set(['USA', 'US', 'NB', 'PS', 'UK', 'EU', 'UE', 'OK', 'NA', 'ND', 'PJ', 'RAS', 'PPS',
  // (a proxy's or a doctor's role, not a legend's initials: "HCP = wife Linh Tran")
  'HCP', 'POA', 'DPOA', 'MPOA', 'PCP', 'NOK']);
/** Short words that end notes' lines and are no signature ("ras", "ok", "fait"). */
const NOT_SIGNATURE = new Set(['ras', 'ok', 'fait', 'faite', 'vu', 'vue', 'cf', 'ttt', 'rdv', 'idem', 'nr', 'na', 'nd', 'ne', 'np', 'pm', 'am', 'h', 'min', 'mg', 'ml', 'kg', 'cm',
  'oui', 'non', 'yes', 'no', 'nl', 'wnl', 'prn', 'bid', 'tid', 'qid', 'qd', 'qhs', 'po', 'iv', 'im', 'sc', 'sl', 'et', 'ou', 'de', 'du', 'la', 'le', 'les', 'un', 'une',
  'and', 'or', 'the', 'to', 'of', 'in', 'on', 'at', 'x', 'ci', 'etc', 'suite', 'fin', 'end', 'done', 'seen', 'given', 'noted', 'dit', 'bien', 'mal', 'nuit', 'jour']);
/**
 * Signatures at the ends of a note's lines, after a sentence's end ("… pas de chute. tt pris. cl",
 * "… protection. sophie", "… stim. m.k. as"): initials (2-3 letters, or "m.k.") that end two lines or
 * more, and a first name of the dictionaries that is no ordinary word.
 */
function lineSignatures(text: string, spans: Span[], lex: Lexicon): void {
  let found: { s: number; e: number; w: string; initials: boolean }[] | null = null;
  const lines = lineEnds(text);
  for (let q = 0; q < lines.length; q++) {
    let e = lines[q]!;
    if (cc(text, e - 1) === 13) e--;
    // (a role in brackets after the signature: "… -lm (as)", "-jp (ide)")
    if (cc(text, e - 1) === 41) {
      const o = text.lastIndexOf('(', e - 1);
      // (or a role after a service's word: "(surg pa-c)", "(ide de nuit)")
      if (o > 0 && e - o <= 16 && text.charCodeAt(o - 1) === 32) {
        const sp = e - o > 8 ? text.lastIndexOf(' ', e - 2) : -1;
        if (ROLE_AFTER.has(text.slice(o + 1, e - 1)) || (sp > o && ROLE_AFTER.has(text.slice(sp + 1, e - 1)))) e = o - 1;
      }
    }
    // the line's last words, roles after the signature set aside (short lower-case words only: no substring otherwise)
    if (!lastToken(text, e)) continue;
    for (let r = 0; r < 2 && tokE - tokS <= 10 && ((ROLE_AFTER_LENGTHS >> (tokE - tokS)) & 1) === 1 && isLowerAscii(text.charCodeAt(tokS)) && ROLE_AFTER.has(text.slice(tokS, tokE)); r++) {
      if (!(tokS >= 1 && text.charCodeAt(tokS - 1) === 32 && lastToken(text, tokS - 1))) { tokS = -1; break; }
    }
    if (tokS < 0) continue;
    const a = tokS, b = tokE;
    // (a signature is short: a first name or initials)
    if (b - a > 20) continue;
    // (a line of initials alone, with their dots: "K.Ö.", "J.-P.M."; a dash at the line's start is a signature's, below)
    if ((a === 0 || cc(text, a - 1) === 10) && text.charCodeAt(a) !== 45) {
      const z = text.charCodeAt(b) === 46 ? b + 1 : b;
      if (text.charCodeAt(a + 1) === 46 && /^(?:[A-ZÀ-Þ]\.-?){2,3}$/.test(text.slice(a, z)) && !NOT_INITIALS.has(text.slice(a, b).replace(/[.-]/g, ''))) spans.push({ start: a, end: z, label: 'NAME', score: 0.6, rule: 'name-line-signature' });
      continue;
    }
    // (after a signature's dashes: "… Called RN. -- TB", ". -jb", ". —JM"): initials, or a first name
    // (the token may hold the dash: "-jb"; one test first, most lines end with no dash)
    const c0 = text.charCodeAt(a), p1 = cc(text, a - 1), p2 = cc(text, a - 2);
    const dashy = c0 === 45 || isDash(p1) || (p1 === 32 && isDash(p2));
    const d = c0 === 45 ? (text.charCodeAt(a + 1) !== 45 ? a + 1 : text.charCodeAt(a + 2) !== 45 && (a === 0 || cc(text, a - 1) === 10) ? a + 2 : a) : a;
    // (a first name in lower case after a spaced dash ends a line too: "S1 13/01 – yohann")
    if (dashy && d === a && p1 === 32 && isDash(p2) && cc(text, a - 3) === 32
      && /^[a-zà-ÿ-]{3,}$/.test(text.slice(a, b)) && isSignatureFirstName(text.slice(a, b), lex)) {
      spans.push({ start: a, end: b, label: 'NAME', score: 0.6, rule: 'name-line-signature' });
      continue;
    }
    if (dashy && dashesBefore(text, d)) {
      const w = text.slice(d, b);
      // (or a login against its dash, "-nbouzid"; not "— driver.")
      if (((/^(?:[A-Z]{2,3}|[a-z]{2,3}|(?:[A-Z]\.){2,3})$/.test(w) && !NOT_INITIALS.has(w.replace(/\./g, ''))) || isSignatureFirstName(w, lex)
        || (d === a + 1 && /^[a-z]+$/.test(w) && initialAndSurname(w, lex)) || (d > a && DIMINUTIVES.has(w.toLowerCase()))) && !NOT_SIGNATURE.has(w.toLowerCase())) {
        spans.push({ start: d, end: b, label: 'NAME', score: 0.6, rule: 'name-line-signature' });
      }
      continue;
    }
    // (after a sentence's end: '.', ';', ')' and a space)
    if (cc(text, a - 1) !== 32 || !(cc(text, a - 2) === 46 || cc(text, a - 2) === 59 || cc(text, a - 2) === 41) || !isLowerAscii(text.charCodeAt(a)) && text.charCodeAt(a) < 192) continue;
    const w = text.slice(a, b);
    if (NOT_SIGNATURE.has(w)) continue;
    const initials = /^(?:[a-z]{2,3}|[a-z]\.[a-z]\.?)$/.test(w);
    if (!initials && !(/^[a-zà-ÿ-]{3,}$/.test(w) && isSignatureFirstName(w, lex))) continue;
    (found ??= []).push({ s: a, e: b, w, initials });
  }
  lastLineInitials(text, spans, lex);
  if (found === null) return;
  const count = new Map<string, number>();
  for (const f of found) count.set(f.w, (count.get(f.w) ?? 0) + 1);
  for (const f of found) if (!f.initials || count.get(f.w)! >= 2) spans.push({ start: f.s, end: f.e, label: 'NAME', score: 0.6, rule: 'name-line-signature' });
}
/** Two or three capitalized words (hyphenated parts too) at a legend's value. */
const SPELLED_NAME = /^[A-ZÀ-Þ][a-zà-ÿ'’]+(?:-[A-ZÀ-Þ][a-zà-ÿ'’]+)?(?: [A-ZÀ-Þ][a-zà-ÿ'’]+(?:-[A-ZÀ-Þ][a-zà-ÿ'’]+)?){1,2}(?![A-Za-zÀ-ÿ])/;
/**
 * A legend of initials ("Staff: DW = Darnell Washington, PCT; AM = Alma Mendoza", "Key: JB = Jess Bowden RN"):
 * initials, " = " and a found name (a title may come between). Every whole-word occurrence of those initials
 * in the document is the person's, in the legend's case, and in lower case when that is no word ("jb", not "am").
 */
function initialsLegend(text: string, spans: Span[], lex: Lexicon): void {
  let legend: string[] | null = null;
  // ('=' is rare: searched alone, then its spaces)
  for (let q = text.indexOf('='); q >= 0; q = text.indexOf('=', q + 1)) {
    if (text.charCodeAt(q - 1) !== 32 || text.charCodeAt(q + 1) !== 32) continue;
    const k = q - 1;
    let a = k;
    while (a > 0 && isWordLetter(text.charCodeAt(a - 1))) a--;
    const w = text.slice(a, k);
    if (!/^(?:[A-Z]{2,3}|[a-z]{2,3})$/.test(w) || (a > 0 && !/[\s;:,(]/.test(text[a - 1]!)) || NOT_INITIALS.has(w.toUpperCase())) continue;
    let b = k + 3;
    const t = /^(?:Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Mme|M\.|Pr\.?) /.exec(text.slice(b, b + 5));
    if (t !== null) b += t[0].length;
    // (a found name there, its first word possibly a word of the lists: "MK = Dr Mai Khanh Le"; or capitalized words whose
    // first letters spell the initials, a name then: "JB = Jomar Bautista, MHW", "JDS = Jae-Sun Park")
    if (!spans.some((sp) => sp.label === 'NAME' && sp.end > b && sp.start < b + 12 && !text.slice(b, sp.start).includes(';'))) {
      const m = SPELLED_NAME.exec(text.slice(b, b + 60));
      if (m === null) continue;
      const words = m[0].split(' '), pieces = words.flatMap((x) => x.split('-')), up = w.toUpperCase();
      if (fold(words.map((x) => x[0]).join('')) !== up && fold(pieces.map((x) => x[0]).join('')) !== up) continue;
      // (a name: a word of the name lists among them, no stop word, and initials that are no acronym: not "BP = Blood Pressure")
      const bits = pieces.map((x) => lex.get(fold(x)) ?? 0);
      if (((lex.get(up) ?? 0) & (LEX_STOP | LEX_ACRO | LEX_CRED)) !== 0 || bits.some((v) => (v & LEX_STOP) !== 0) || !bits.some((v) => (v & (LEX_FIRST | LEX_SUR)) !== 0 && (v & LEX_AMBIG) === 0)) continue;
      spans.push({ start: b, end: b + m[0].length, label: 'NAME', score: 0.6, rule: 'name-initials-legend' });
    }
    (legend ??= []).push(w);
  }
  // (and a found name's initials in brackets right after it: "IDE : C. Dumortier (CD), Y. Haddad (YH)")
  for (const sp of spans) {
    if (sp.rule === 'name-initials-of' && cc(text, sp.start - 1) === 40 && cc(text, sp.end) === 41 && sp.end - sp.start >= 2
      && spans.some((o) => o.label === 'NAME' && o.rule !== 'name-initials-of' && o.end === sp.start - 2)) (legend ??= []).push(text.slice(sp.start, sp.end));
  }
  if (legend === null) return;
  for (const w of new Set(legend)) {
    const forms = [w];
    const lower = w.toLowerCase();
    if (!NOT_LOWER_INITIALS.has(lower) && lower !== w) forms.push(lower);
    for (const f of forms) {
      for (let k = text.indexOf(f); k >= 0; k = text.indexOf(f, k + 1)) {
        if ((k > 0 && isWordLetter(text.charCodeAt(k - 1))) || isWordLetter(cc(text, k + f.length))) continue;
        spans.push({ start: k, end: k + f.length, label: 'NAME', score: 0.6, rule: 'name-initials-legend' });
      }
    }
  }
}
/**
 * The document's last line when it is initials alone after a blank line, a signature: "JYP", "F. M." (not an abbreviation of the
 * lists: "RAS", "FIN").
 */
function lastLineInitials(text: string, spans: Span[], lex: Lexicon): void {
  let e = text.length;
  while (e > 0 && (text.charCodeAt(e - 1) === 10 || text.charCodeAt(e - 1) === 13 || text.charCodeAt(e - 1) === 32)) e--;
  // (short, in capitals: the cheap tests first)
  if (e < 4 || !isUpperAscii(text.charCodeAt(e - 1) === 46 ? text.charCodeAt(e - 2) : text.charCodeAt(e - 1))) return;
  const a = text.lastIndexOf('\n', e - 1) + 1;
  // (set apart by a blank line before it, as a signature is)
  if (e - a < 2 || e - a > 8 || a < 2 || !/\n\s*\n$/.test(text.slice(Math.max(0, a - 6), a))) return;
  const w = text.slice(a, e);
  if (/^[A-Z]{2,3}$/.test(w) ? NOT_INITIALS.has(w) || ((lex.get(w) ?? 0) & (LEX_STOP | LEX_ACRO | LEX_CRED)) !== 0 : !/^(?:[A-Z]\. ?){2,3}$/.test(w)) return;
  spans.push({ start: a, end: e, label: 'NAME', score: 0.6, rule: 'name-line-signature' });
}
/** A log line's time stamp, then a speaker's initials and a colon: "[11/03 10:05] JR : rappelé M. …", "14:05 MR: …" (tried at a line's start). */
const LOG_SPEAKER = /[ \t]*(?:\[[^\]\n]{3,25}\]|(?:\d{1,2}\/\d{1,2}(?:\/\d{2,4})? )?\d{1,2}[:h]\d{2})[ \t]+([A-Z]{2,3}|[A-Z]\.)[ \t]?:(?![\d\/])/y;
/** A log's time (a date before it or not), then a code in brackets: the operator's initials or login, "21:14:07 [DJH] ". */
const LOG_BRACKET_SPEAKER = /[ \t]*(?:\d{1,2}\/\d{1,2}(?:\/\d{2,4})? )?\d{1,2}[:h]\d{2}(?::\d{2})?[ \t]+\[([A-Z]{2,3}|[A-Z]{4,15}|[a-z]{4,15}\d{0,3})\][ \t]/y;
/** Codes of services and of software in a log's brackets: no operators. */
const LOG_UNITS = new Set(['EMS', 'FD', 'PD', 'SO', 'ALS', 'BLS', 'CAD', 'SYS', 'SYSTEM', 'LOG', 'ERR', 'INF', 'WRN', 'DBG', 'OPS', 'ADM', 'MED', 'FIRE', 'AUTO', 'SAMU', 'SMUR', 'SDIS', 'CTA', 'CRRA']);
/** Measures a log's line may start with ("08:00 TA : 12/8", "14:00 FC: 92"): no speakers. */
const LOG_MEASURES = new Set(['TA', 'PA', 'FC', 'FR', 'SAT', 'EVA', 'BP', 'HR', 'RR', 'GCS', 'T', 'P', 'R', 'SPO', 'DEX', 'HGT', 'GLY', 'INR', 'ECG', 'IV', 'PO', 'SC']);
/** ':', 'h' or '/' after a time stamp's or a date's first digits. */
function stampSeparator(c: number): boolean { return c === 58 || c === 104 || c === 47; }
/** The speakers of a log given by their initials at two lines or more ("[11/03 10:05] JR : …" twice), or by one initial in a log of three such lines ("N. :"): NAME. */
function logSpeakers(text: string, spans: Span[], lex: Lexicon): void {
  let found: { s: number; e: number; w: string }[] | null = null;
  const lines = lineEnds(text);
  for (let q = 0, from = 0; q < lines.length; from = lines[q]! + 1, q++) {
    // (a line that starts with '[' or a digit, spaces before it)
    let a = from;
    while (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9) a++;
    const c = text.charCodeAt(a), c1 = cc(text, a + 1);
    // (a bracket, or a time's or a date's separator after one or two digits: "10:05", "9h30", "11/03")
    if (c !== 91 && !(isDigitCode(c) && (stampSeparator(c1) || (isDigitCode(c1) && stampSeparator(cc(text, a + 2)))))) continue;
    LOG_SPEAKER.lastIndex = a;
    let m = LOG_SPEAKER.exec(text);
    if (m === null) {
      // (a dispatch log's or a chat's operator in brackets after the time: "21:14:07 [DJH] CALLER STATES…", "[MFARROW]")
      LOG_BRACKET_SPEAKER.lastIndex = a;
      m = LOG_BRACKET_SPEAKER.exec(text);
      if (m === null || LOG_UNITS.has(m[1]!)) continue;
      // (a code of four letters or more: a login, or a word of the name lists and of no vocabulary)
      const code = m[1]!, folded = fold(code);
      if (code.length > 3 && !initialAndSurname(code.toLowerCase(), lex) && (isVocabularyWord(folded) || ((lex.get(folded) ?? 0) & (LEX_FIRST | LEX_SUR)) === 0)) continue;
    }
    const w = m[1]!, s = m.index + m[0].lastIndexOf(w, m[0].length - 1);
    const key = w.replace('.', '');
    if (LOG_MEASURES.has(key) || ((lex.get(key) ?? 0) & NON_NAME) !== 0) continue;
    (found ??= []).push({ s, e: s + w.length, w: key });
  }
  if (found === null) return;
  const count = new Map<string, number>();
  for (const f of found) count.set(f.w, (count.get(f.w) ?? 0) + 1);
  for (const f of found) if (count.get(f.w)! >= 2 || (f.w.length === 1 && found.length >= 3)) spans.push({ start: f.s, end: f.e, label: 'NAME', score: 0.6, rule: 'name-log-speaker' });
}
/** What may come before a handoff's name on its line: a room or bed ("rm 414a", "lit 12"), a field's colon ("s:"), a bullet, a visit's date ("cs 14/02/24 - "). */
const BEFORE_AGE_SEX_NAME = /(?:^|\n)[ \t]*(?:(?:rm|room|bed|lit|chambre|ch|box)\.? ?[\dA-Za-z]{1,5}[ \t]+|[A-Za-z]{1,3} ?:[ \t]*|[-*•][ \t]*|(?:cs|consult|consultation|visite|vad|tc|teleconsult)?[ \t]*\d{1,2}\/\d{1,2}(?:\/\d{2,4})?[ \t]+[-–:][ \t]*|(?:[01]\d|2[0-3])[:h]?[0-5]\d[ \t]+(?:[-–|][ \t]*)?)?$/i;
/**
 * A patient's name before an age and a sex at the start of a handoff's line: "rm 414a  okonjo 81m",
 * "s: dawn whitfield-aziz 67f pod1", "- Marchetti 92F", after a log's time ("0210 Mbuyi Kabongo 41F"), or before a French age after a visit's date:
 * "cs 14/02/24 - gauthier mireille, 52a": one to three words, no cue, title or stop word.
 */
function ageSexNames(text: string, spans: Span[], lex: Lexicon): void {
  eachDigitRun(text, (s, z) => {
    // (one test first: a sex's or an age's letter after the digits, or after one space)
    const c = text.charCodeAt(z) | 32, d = cc(text, z + 1);
    if (z - s <= 3 && (c === 109 || c === 102 || c === 97 || (c === 32 && (d === 77 || d === 70 || d === 97)))) ageSexNameAt(text, s, z, spans, lex);
  });
}
/** An age and a sex after the digits [s, z), as handoffs and census lists write them after a patient's name: "67f", "81 M" (not "5 m", a length). */
function ageSexNameAt(text: string, s: number, z: number, spans: Span[], lex: Lexicon): void {
  const x = text.charCodeAt(z) | 32, spaced = text.charCodeAt(z) === 32;
  const sex = spaced ? text.charCodeAt(z + 1) : text.charCodeAt(z);
  // (or a French age after the name's comma: "gauthier mireille, 52a", ", 52 ans"; or after its colon, a board's remark on a
  // patient, "ETCHEVERRY : 93 ans, transport VSL", with names of the lists that are no words only, below)
  const colon = text.charCodeAt(s - 2) === 58 && isWordLetter(cc(text, text.charCodeAt(s - 3) === 32 ? s - 4 : s - 3));
  const age = (text.charCodeAt(s - 2) === 44 || colon) && /^ ?a(?:ns)?(?![\p{L}\d])/u.test(text.slice(z, z + 5));
  if (!age && !(sex === 77 || sex === 70 || (!spaced && (x === 109 || x === 102)))) return;
  const after = cc(text, spaced ? z + 2 : z + 1);
  if ((!age && (isWordLetter(after) || isDigitCode(after))) || +text.slice(s, z) > 115) return;
  const b = cc(text, s - 1);
  if (b !== 32 && b !== 9) return;
  let e = age ? (colon && text.charCodeAt(s - 3) === 32 ? s - 3 : s - 2) : s;
  while (!age && e > 0 && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9) && s - e < 3) e--;
  let a = e, words = 0, listed = false, plain = true;
  for (;;) {
    let w = a;
    while (w > 0 && (isWordLetter(text.charCodeAt(w - 1)) || ((text.charCodeAt(w - 1) === 45 || text.charCodeAt(w - 1) === 39) && w < a))) w--;
    const bits = w === a ? 0 : foldedBits(text, w, a, lex);
    if (w === a || a - w < 2 || (bits & NON_NAME) !== 0) break;
    if ((bits & (LEX_FIRST | LEX_SUR)) !== 0) listed = true;
    if ((bits & (LEX_AMBIG | LEX_WORDNAME | LEX_CITY)) !== 0 || ((bits & (LEX_FIRST | LEX_SUR)) === 0 && isVocabularyWord(fold(text.slice(w, a))))) plain = false;
    a = w; words++;
    if (words === 3 || text.charCodeAt(a - 1) !== 32 || !isWordLetter(cc(text, a - 2))) break;
    a--;
  }
  // (with a space before the sex, or before an age, a name of the dictionaries: not "Walked 20 M")
  if (words === 0 || ((spaced || age) && !listed) || (colon && age && !plain)) return;
  // (a temperature in Fahrenheit after its word is no age and sex: "Tmax 101F", "temp 99F overnight")
  if ((sex === 70 || x === 102) && TEMPERATURE_WORD.test(text.slice(a, e))) return;
  if (text.charCodeAt(a) === 32) a++;
  if (!BEFORE_AGE_SEX_NAME.test(text.slice(Math.max(0, a - 24), a))) return;
  spans.push({ start: a, end: e, label: 'NAME', score: 0.6, rule: 'name-age-sex' });
}
const TEMPERATURE_WORD = /(?:^|[^A-Za-z])(?:t|tmax|tm|temp|temps|temperature|fever|febrile|afebrile|tc|spiked?)$/i;
/** A message's closing lines, in lower case, their final ',', '.' or '!' off: the line after one is its signature. */
const CLOSINGS = new Set(['thanks', 'thank you', 'many thanks', 'thanks so much', 'thanks again', 'best', 'all the best', 'best regards', 'regards',
  'kind regards', 'warm regards', 'sincerely', 'cheers', 'take care', 'respectfully', 'merci', 'merci beaucoup', "merci d'avance", 'cordialement',
  'bien cordialement', 'très cordialement', 'tres cordialement', 'bien à vous', 'bien a vous', 'amicalement', 'bonne journée', 'bonne journee',
  'bonne soirée', 'bonne soiree', 'à bientôt', 'a bientot', 'confraternellement', 'bien confraternellement']);
/** A closing's length, first and last letters (lower case): a test before the line's slice. */
function closingKey(len: number, c0: number, c1: number): number { return len * 65536 + (c0 | 32) * 256 + ((c1 | 32) & 255); }
const CLOSING_KEYS = new Set([...CLOSINGS].map((c) => closingKey(c.length, c.charCodeAt(0), c.charCodeAt(c.length - 1))));
/** One to three capitalized words (or initials with their dot) from the start: the words of a name on a line of its own. */
const NAME_LINE = /^(?:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+|[A-ZÀ-ÖØ-Þ]\.)(?: (?:[A-ZÀ-ÖØ-Þ][A-Za-zß-öø-ÿ'’-]+|[A-ZÀ-ÖØ-Þ]\.)){0,2}/;
/**
 * A message's names on lines of their own: the signature on the line after a closing ("Thanks!" then
 * "Dawn", "Cordialement," then "Colombe Fabre"), and the salutation alone on the body's first line
 * ("Mark," after a blank line). The first word is a first name of the dictionaries, an ordinary word
 * too or not (Dawn, Hope, Rose: the line's place tells), and no word is a cue, title or acronym.
 */
function messageNameLines(text: string, spans: Span[], lex: Lexicon): void {
  const lines = lineEnds(text);
  let from = 0, closing = false;
  for (let q = 0; q < lines.length; from = lines[q]! + 1, q++) {
    let e = lines[q]!;
    if (cc(text, e - 1) === 13) e--;
    const len = e - from;
    if (len === 0) continue;
    if (closing) {
      closing = false;
      const m = NAME_LINE.exec(text.slice(from, e));
      if (m !== null && namesOnLine(m[0], lex) && lineRestOk(text, from + m[0].length, e)) spans.push({ start: from, end: from + m[0].length, label: 'NAME', score: 0.6, rule: 'name-message-line' });
      continue;
    }
    if (len > 24 || !isWordLetter(text.charCodeAt(from))) continue;
    let z = e;
    while (z > from && (text.charCodeAt(z - 1) === 32 || text.charCodeAt(z - 1) === 44 || text.charCodeAt(z - 1) === 46 || text.charCodeAt(z - 1) === 33)) z--;
    if (z > from && CLOSING_KEYS.has(closingKey(z - from, text.charCodeAt(from), text.charCodeAt(z - 1))) && CLOSINGS.has(text.slice(from, z).toLowerCase())) { closing = true; continue; }
    // a salutation: "Mark," alone, after a blank line (or the text's start), before the body
    if (z + 1 === e && text.charCodeAt(z) === 44 && (from === 0 || (from >= 2 && text.charCodeAt(from - 2) === 10) || (from >= 3 && text.charCodeAt(from - 2) === 13 && text.charCodeAt(from - 3) === 10))
      && q + 1 < lines.length && lines[q + 1]! > e + 2) {
      const line = text.slice(from, z);
      const m = NAME_LINE.exec(line);
      if (m !== null && m[0].length === line.length && namesOnLine(line, lex)) spans.push({ start: from, end: z, label: 'NAME', score: 0.6, rule: 'name-message-line' });
    }
  }
}
/** The words of a name line: a first name of the dictionaries, then words that are no cue, title, acronym or stop word. */
function namesOnLine(words: string, lex: Lexicon): boolean {
  let first = true;
  for (const w of words.split(' ')) {
    if (w.endsWith('.')) { first = false; continue; }
    const bits = lex.get(fold(w)) ?? 0;
    // (the first word a first name of the dictionaries, or a word of no vocabulary: "Kind regards,⏎Ngozi Chukwuemeka"; not
    // "The Cardiology Team")
    if ((bits & NON_NAME) !== 0 || (first && (bits & LEX_FIRST) === 0 && isVocabularyWord(fold(w)))) return false;
    first = false;
  }
  return true;
}
/** After a signature's name: the line's end, or a comma or dash and a credential or role ("Dawn, RN", "Kim - front desk"). */
function lineRestOk(text: string, a: number, e: number): boolean {
  if (a === e) return true;
  const c = text.charCodeAt(a);
  return c === 44 || (c === 32 && (isDash(cc(text, a + 1)) || cc(text, a + 1) === 40));
}
/** A first name of the lists that is no word nor city (a signature's). */
function isSignatureFirstName(w: string, lex: Lexicon): boolean {
  const bits = lex.get(fold(w)) ?? 0;
  return (bits & LEX_FIRST) !== 0 && (bits & (LEX_AMBIG | LEX_WORDNAME | LEX_CITY | NON_NAME)) === 0;
}
/** First names' short forms that sign notes against a dash ("… (cf lundi) -nath", "-seb"): no dictionary holds most of them. */
const DIMINUTIVES = new Set(['nath', 'steph', 'seb', 'flo', 'cath', 'vero', 'véro', 'caro', 'phil', 'juju', 'fred', 'chris', 'isa', 'manu', 'nico', 'alex', 'clem',
  'gaby', 'greg', 'vince', 'mika', 'lolo', 'domi', 'fanfan', 'babeth', 'sylvie', 'kathy', 'cathy', 'liz', 'beth', 'jen', 'jenn', 'kate', 'katie', 'meg', 'becky', 'mandy', 'andy', 'rob', 'bob', 'bobby', 'mike', 'matt', 'dave', 'steve', 'tom', 'jim', 'jimmy', 'joe', 'nick', 'tony']);
/** '-', '–' or '—'. */
function isDash(c: number): boolean { return c === 45 || c === 8211 || c === 8212; }
/**
 * A signature's dashes right before a, after a sentence's end ('.', '!', '?', ')' and a space): ". -- TB",
 * ". -jb", ". – FH", ". —JM" (not a list's "— OTC", "– IRM").
 */
function dashesBefore(text: string, a: number): boolean {
  let k = a - 1;
  if (cc(text, k) === 32) k--;
  const c = cc(text, k);
  if (c === 45 && cc(text, k - 1) === 45) k--;
  else if (c !== 45 && c !== 8212 && c !== 8211) return false;
  // (a dash at the line's start, against the initials: "-dkw pa-c"; not a bullet's "- dkw", nor a list's item, "labs:\n-cbc\n-bmp")
  // (or two dashes against them, a mail's signature: "--jwl (surg pa-c)")
  if (k >= a - 2 && cc(text, a - 1) !== 32 && (k === 0 || cc(text, k - 1) === 10)) return !dashListAround(text, k, k === a - 2);
  // (a mail's signature delimiter, two dashes and a space at the line's start: "-- JS"; one dash and a space is a bullet's)
  if (k === a - 3 && cc(text, k + 1) === 45 && (k === 0 || cc(text, k - 1) === 10)) return !dashListAround(text, k, true);
  const p = cc(text, k - 2);
  // (after a sentence's end, or a time: "addendum 0236 -jk", "14:05 - MR"; not a value: "Glucose 182 - SSI")
  return cc(text, k - 1) === 32 && (p === 46 || p === 33 || p === 63 || p === 41 || (isDigitCode(p) && timeEndsAt(text, k - 1)));
}
/**
 * Whether the line starting at k (with a dash) may be a list's item: the line before starts with a dash or ends
 * with neither a sentence's end nor a digit (a heading: "labs:", "plan"), or the next line starts with a dash.
 */
function dashListAround(text: string, k: number, twoDashes: boolean): boolean {
  // (the line before: the last one with some text, over blank lines: "…not ours. disregard.⏎⏎-rg")
  let p = k - 2, blank = false;
  for (; p >= 0; p--) { const c = text.charCodeAt(p); if (c === 10) blank = true; else if (c !== 32 && c !== 13) break; }
  const prevStart = text.lastIndexOf('\n', p) + 1;
  const next = text.indexOf('\n', k);
  const c = text.charCodeAt(p);
  // (a blank line before sets two dashes' signature apart: "…attending)⏎⏎--jwl")
  return (p >= 0 && !(blank && twoDashes) && (text.charCodeAt(prevStart) === 45 || !(c === 46 || c === 33 || c === 63 || c === 41 || isDigitCode(c)))) || (next >= 0 && text.charCodeAt(next + 1) === 45);
}
/** Whether a time of day ends at e: four digits ("0236") or "hh:mm" ("14:05"), with no digit before. */
function timeEndsAt(text: string, e: number): boolean {
  let a = e;
  while (a > 0 && isDigitCode(text.charCodeAt(a - 1))) a--;
  if (e - a === 4) return !isDigitCode(cc(text, a - 1)) && cc(text, a - 1) !== 58;
  return e - a === 2 && cc(text, a - 1) === 58 && isDigitCode(cc(text, a - 2)) && !isDigitCode(cc(text, a - 4)) && cc(text, a - 4) !== 58;
}
/** The last token of lastToken (module state: no array per line). */
let tokS = 0, tokE = 0;
/** The last space-separated token ending at or before e (letters, dots, hyphens), in tokS/tokE; false when none. */
function lastToken(text: string, e: number): boolean {
  if (e < 0) return false;
  while (e > 0 && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
  let a = e;
  while (a > 0 && e - a <= 21) { const c = text.charCodeAt(a - 1); if (isWordLetter(c) || c === 46 || c === 45) a--; else break; }
  // (a sentence's dot after the token is not the token's: "… bien tolérée. sophie." → "sophie"; "m.k." keeps its dots)
  let b = e;
  if (b > a + 1 && text.charCodeAt(b - 1) === 46 && !(b - a === 4 && text.charCodeAt(a + 1) === 46)) b--;
  tokS = a; tokE = b;
  return b > a;
}
/** Words of dictation or typing that initials may follow directly ("Dict SMP", "typed cj"; not "reviewed", "relu": "Reviewed CT"). */
const DIRECT_DICTATION = new Set(['dicté', 'dictée', 'dicte', 'dictee', 'frappé', 'frappée', 'tapé', 'tapée', 'dictated', 'transcribed', 'typed', 'Dicté', 'Dictée',
  'Frappé', 'Frappée', 'Tapé', 'Dictated', 'Transcribed', 'Typed', 'Dict', 'dict', 'DICT']);
/** Words after "par"/"by" that are no initials. */
const NOT_BY = new Set(['the', 'les', 'des', 'une', 'son', 'our', 'his', 'her', 'its', 'mon', 'ton', 'ses', 'nos', 'vos', 'all', 'two', 'one', 'mme', 'moi', 'lui', 'eux', 'him', 'you', 'me', 'dr',
  // (prepositions after a dictation's word: "dictated for patient…", "dicté pour le Dr…")
  'for', 'and', 'on', 'at', 'in', 'to', 'via', 'pour', 'sur', 'au', 'aux', 'du', 'le', 'la', 'en', 'ce']);
/** Initials after a dictation's or a signature's word and "par"/"by": "Dicté par EC, frappé par sl", "Transcribed by: jm". */
function dictatedBy(text: string, spans: Span[]): void {
  // (the dictations' words: the character pass's cue words, else a search of " par " and " by")
  const cues = cueWordStarts(text);
  const at: number[] = [];
  if (cues !== null) {
    // (a whole word: not a cue inside a run after a non-ASCII letter, "éDicté")
    for (const p of cues) { let e = p; while (e < text.length && isWordLetter(text.charCodeAt(e))) e++; if (DICTATION_WORDS.has(text.slice(p, e)) && !isWordLetter(cc(text, p - 1))) at.push(e); }
  } else {
    for (const by of [' par ', ' by ', ' by:']) for (let k = text.indexOf(by); k >= 0; k = text.indexOf(by, k + 1)) {
      let a = k;
      while (a > 0 && isWordLetter(text.charCodeAt(a - 1))) a--;
      if (DICTATION_WORDS.has(text.slice(a, k)) && !isWordLetter(cc(text, a - 1))) at.push(k);
    }
    // (and the words that initials follow directly, "Dict SMP")
    const seen = new Set(at);
    for (const w of DIRECT_DICTATION) for (let k = text.indexOf(w); k >= 0; k = text.indexOf(w, k + 1)) {
      const e = k + w.length;
      if (!isWordLetter(cc(text, k - 1)) && !isWordLetter(cc(text, e)) && !seen.has(e)) { at.push(e); seen.add(e); }
    }
  }
  for (let k of at) {
    // (a date may come between: "dactylographié le 24/02/2025 par cd", "typed on 3/4/24 by jm")
    if (text.startsWith(' le ', k) || text.startsWith(' on ', k)) {
      let j = k + 4;
      while (j < text.length && j - k < 16 && (isDigitCode(text.charCodeAt(j)) || text.charCodeAt(j) === 47 || text.charCodeAt(j) === 46 || text.charCodeAt(j) === 45)) j++;
      if (j > k + 5 && isDigitCode(text.charCodeAt(j - 1))) k = j;
    }
    let by = text.startsWith(' par ', k) ? 5 : text.startsWith(' by ', k) || text.startsWith(' by:', k) ? 4 : 0;
    // (the initials right after a word of dictation or typing, without "par"/"by": "Dict SMP / typed cj", "dictated: jm")
    if (by === 0 && (cc(text, k) === 32 || cc(text, k) === 58)) {
      let w0 = k;
      while (w0 > 0 && isWordLetter(text.charCodeAt(w0 - 1))) w0--;
      if (DIRECT_DICTATION.has(text.slice(w0, k))) by = 1;
    }
    if (by === 0) continue;
    let s = k + by;
    if (cc(text, s) === 58) s++;
    while (cc(text, s) === 32) s++;
    let e = s;
    while (e < text.length && e - s < 4 && (isWordLetter(text.charCodeAt(e)) || (text.charCodeAt(e) === 46 && e > s))) e++;
    // (a sentence's dot after the initials is not theirs: "Transcribed by: jm.")
    if (cc(text, e - 1) === 46 && !/^[A-Z]\.[A-Z]\.$/.test(text.slice(s, e))) e--;
    const w = text.slice(s, e);
    if (!/^(?:[A-Za-z]{2,3}|[A-Z]\.[A-Z]\.)$/.test(w) || isWordLetter(cc(text, e)) || SHORT_WORDS.has(w.toLowerCase()) || NOT_BY.has(w.toLowerCase())) continue;
    spans.push({ start: s, end: e, label: 'NAME', score: 0.6, rule: 'name-dictation' });
  }
}
/** " / jt" at a line's end after a credential ("M. Austin MD / jt"): the typist's initials. */
function typistAfterCredential(text: string, k: number, spans: Span[]): void {
  let e = k + 2;
  const upper = isUpperAscii(cc(text, e));
  while (e < text.length && (upper ? isUpperAscii(text.charCodeAt(e)) : text.charCodeAt(e) >= 97 && text.charCodeAt(e) <= 122)) e++;
  if (e - k - 2 < 2 || e - k - 2 > 3 || isWordLetter(cc(text, e)) || !lineEndAt(text, e)) return;
  // (two sets of initials in capitals ending a line, set apart by spaces: "… significatif.     AG / SZ")
  if (upper) {
    let b = k - 1;
    while (b > 0 && isUpperAscii(text.charCodeAt(b - 1))) b--;
    const w1 = text.slice(b, k - 1), w2 = text.slice(k + 2, e);
    if (k - 1 - b >= 2 && k - 1 - b <= 3 && (b === 0 || text.charCodeAt(b - 1) === 10 || (text.charCodeAt(b - 1) === 32 && text.charCodeAt(b - 2) === 32))
      && !NOT_INITIALS.has(w1) && !NOT_INITIALS.has(w2) && !UNIT_UPPER.has(w1) && !UNIT_UPPER.has(w2)) {
      spans.push({ start: b, end: k - 1, label: 'NAME', score: 0.6, rule: 'name-dictation' }, { start: k + 2, end: e, label: 'NAME', score: 0.6, rule: 'name-dictation' });
      return;
    }
    if (NOT_INITIALS.has(w2) || UNIT_UPPER.has(w2)) return;
  }
  // (the typist's initials after a name: "Dr P. Sénéchal / TN", "… / tn")
  if (spans.some((sp) => sp.label === 'NAME' && sp.end === k - 1)) { spans.push({ start: k + 2, end: e, label: 'NAME', score: 0.6, rule: 'name-dictation' }); return; }
  if (upper) return;
  let a = k - 1;
  while (a > 0 && (isUpperAscii(text.charCodeAt(a - 1)) || text.charCodeAt(a - 1) === 46)) a--;
  if (a === k - 1 || ((tokenLexicon().get(text.slice(a, k - 1).replace(/\./g, '')) ?? 0) & LEX_CRED) === 0) return;
  spans.push({ start: k + 2, end: e, label: 'NAME', score: 0.6, rule: 'name-dictation' });
}
/**
 * The lower-case form of a found name's word w (text[a, e)) to look for again, when w is a dictionary name and no ordinary word and
 * the text may hold it (the character pass saw a letter run of its first segment's characters); else null.
 */
function lowerForm(text: string, w: string, a: number, e: number, lex: Lexicon): string | null {
  const low = w.toLowerCase();
  let k = 0;
  while (k < low.length && low.charCodeAt(k) !== 45 && low.charCodeAt(k) !== 39) k++;
  if (!mayBeLetterRun(text, low, k)) return null;
  const bits = foldedBits(text, a, e, lex);
  return (bits & (LEX_FIRST | LEX_SUR)) === 0 || (bits & (LEX_AMBIG | LEX_WORDNAME | LEX_CITY | NON_NAME)) !== 0 ? null : low;
}
/**
 * Whether lowerForm of the word text[a, e) is surely null because its lower-case first segment (before any '-' or "'")
 * is no letter run of the text (mayBeLetterRun), hashed from the text's codes without a string; false when unsure (a
 * code beyond Latin-1, whose lower case this does not compute).
 */
function lowerRunAbsent(text: string, a: number, e: number): boolean {
  let h = HASH_START;
  let i = a;
  for (; i < e; i++) {
    let c = text.charCodeAt(i);
    if (c === 45 || c === 39) break;
    if (c >= 0x100) return false;
    // (toLowerCase in Latin-1: A-Z and À-Þ but '×' move by 32; the other codes stay)
    if ((c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7)) c += 32;
    h = hashStep(h, c);
  }
  return !mayBeHashedRun(text, h, i - a);
}
/**
 * The found names' words (lows, each first found at origins[i]) again typed in lower case, as whole words: spans in the
 * order of the words, each word's in text order. A few words are searched for (indexOf); more (a long text: a file cut
 * in parts of a megabyte holds thousands) in one walk over the text's runs of letters and digits, where a whole-word
 * occurrence starts a run equal to the word's first segment (its letters before any '-' or "'").
 */
function lowerAgain(text: string, spans: Span[], lows: string[], origins: number[]): void {
  const hits: number[][] = lows.map(() => []);
  const bySegment = lows.length > 8 ? segmentIndex(lows) : null;
  if (bySegment === null) {
    for (let i = 0; i < lows.length; i++) {
      const low = lows[i]!;
      for (let p = text.indexOf(low); p >= 0; p = text.indexOf(low, p + 1)) if (p !== origins[i] && wholeWordAt(text, p, p + low.length)) hits[i]!.push(p);
    }
  } else {
    const n = text.length;
    for (let p = 0; p < n;) {
      if (!isAlnum(text.charCodeAt(p))) { p++; continue; }
      let r = p + 1;
      while (r < n && isAlnum(text.charCodeAt(r))) r++;
      if (r - p >= bySegment.minLen && r - p <= bySegment.maxLen) {
        const list = bySegment.map.get(text.slice(p, r));
        if (list !== undefined) for (const i of list) if (p !== origins[i] && text.startsWith(lows[i]!, p) && wholeWordAt(text, p, p + lows[i]!.length)) hits[i]!.push(p);
      }
      p = r;
    }
  }
  for (let i = 0; i < lows.length; i++) for (const p of hits[i]!) spans.push({ start: p, end: p + lows[i]!.length, label: 'NAME', score: 0.6, rule: 'name-again-lower' });
}
/** The words by their first segment (letters and digits before the first other character); null when a word starts with none. */
function segmentIndex(lows: string[]): { map: Map<string, number[]>; minLen: number; maxLen: number } | null {
  const map = new Map<string, number[]>();
  let minLen = Infinity, maxLen = 0;
  for (let i = 0; i < lows.length; i++) {
    const low = lows[i]!;
    let k = 0;
    while (k < low.length && isAlnum(low.charCodeAt(k))) k++;
    if (k === 0) return null;
    const seg = low.slice(0, k);
    const list = map.get(seg);
    if (list === undefined) map.set(seg, [i]); else list.push(i);
    if (k < minLen) minLen = k;
    if (k > maxLen) maxLen = k;
  }
  return { map, minLen, maxLen };
}

/**
 * A chat's line: a time stamp in brackets ("[03/02/2025 08:12]", "[sam. 03/08/2024 05:48]") or a phone export's date
 * and time then a dash ("03/02/2025, 08:12 - "), then the speaker (1-3 capitalized words), a role in brackets or not
 * ("Hinano (SF)") and a colon, with a space before it or not.
 */
const CHAT_LINE = /(?:\[(?:[a-zé]{3,4}\.? )?\d[^\]\n]{3,30}\]|\d{1,2}[/.]\d{1,2}[/.]\d{2,4},? \d{1,2}[:h]\d{2}(?::\d{2})?(?: ?[AaPp]\.?[Mm]\.?)? [-–]) ((?:[A-ZÀ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’.-]*)(?: [A-ZÀ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’.-]*){0,2})((?: \([^()\n]{1,12}\))? ?):/y;
/**
 * A log's line: a time (a date before it or not), then a name of the dictionaries (a word too, "Ted", "Hope") and a verb
 * a person is the subject of: "03/12/24 07:45  Ted returned call", "14:05 - Grace visited".
 */
const LOG_LINE = /(?:\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?,? {1,2})?\d{1,2}[:h]\d{2}(?: ?[AaPp]\.?[Mm]\.?)?(?: {1,3}[-–] | {1,3}|\t)([A-ZÀ-Þ][a-zà-ÿ'’-]+) ([a-zé]+)(?![A-Za-zÀ-ÿ])/y;
function logLineSubject(text: string, ls: number, spans: Span[], lex: Lexicon): void {
  LOG_LINE.lastIndex = ls;
  const m = LOG_LINE.exec(text);
  if (m === null || !PERSON_VERBS.has(m[2]!)) return;
  const w = m[1]!, bits = lex.get(fold(w)) ?? 0;
  if ((bits & LEX_FIRST) === 0 || (bits & (NON_NAME | LEX_CITY)) !== 0) return;
  const at = ls + m[0].length - m[2]!.length - 1 - w.length;
  spans.push({ start: at, end: at + w.length, label: 'NAME', score: 0.6, rule: 'name-log-subject' });
}
/** Speakers that are nobody: the device's owner, a bot, the system. */
const NOT_SPEAKERS = new Set(['MOI', 'ME', 'VOUS', 'YOU', 'SYSTEM', 'SYSTEME', 'BOT', 'INFO', 'NOTE', 'ADMIN', 'AUTO']);
/**
 * Names told by a line's start, in one pass over the lines: the speakers of a chat export ("[03/02/2025
 * 08:12] Seb: Salut Mat !": a name that speaks on two lines or more is a person's; the speaker's
 * title is left out, "Dr Martin", and each of its words is found again elsewhere in the text, "Salut
 * Seb !"), a census line's patient after the room (roomLine), a lower-case patient line (patientLine) and
 * a list's line of a first name, an initial and a role (roleLine).
 */
function lineStartNames(text: string, spans: Span[], lex: Lexicon): void {
  let speakers: Map<string, number[]> | null = null;
  const lines = lineEnds(text);
  for (let ls = 0, q = 0; ls < text.length;) {
    const c0 = text.charCodeAt(ls), c1 = cc(text, ls + 1);
    if ((c0 === 91 && (isDigitCode(c1) || isLowerAscii(c1))) || (isDigitCode(c0) && (isDigitCode(c1) || c1 === 47 || c1 === 46))) {
      CHAT_LINE.lastIndex = ls;
      const m = CHAT_LINE.exec(text);
      if (m !== null) {
        const w = m[1]!, at = ls + m[0].length - 1 - m[2]!.length - w.length;
        let list = (speakers ??= new Map()).get(w);
        if (list === undefined) speakers.set(w, (list = []));
        list.push(at);
      } else logLineSubject(text, ls, spans, lex);
    } else if (!(ROOM_FIRST.has(c0) && roomLine(text, ls, spans, lex))) {
      if (c0 >= 97 && c0 <= 122) patientLine(text, ls, spans);
      else if (isUpperCode(c0) || c0 === 32 || c0 === 45 || c0 === 8226) roleLine(text, ls, spans, lex);
    }
    if (++q >= lines.length) break;
    ls = lines[q - 1]! + 1;
  }
  if (speakers === null) return;
  for (const [w, starts] of speakers) {
    if (starts.length < 2) continue;
    const words = w.split(' ');
    // (the title left out: "Dr Martin", "Mme Leroy")
    let skip = 0;
    while (skip < words.length - 1 && ((lex.get(fold(words[skip]!.replace(/\.$/, ''))) ?? 0) & (LEX_TITLE | LEX_TITLE_DOT)) !== 0) skip++;
    const name = words.slice(skip);
    if (name.length === 1 && NOT_SPEAKERS.has(fold(name[0]!))) continue;
    if (name.every((x) => ((lex.get(fold(x)) ?? 0) & NON_NAME) !== 0)) continue;
    const off = w.length - name.join(' ').length;
    for (const s of starts) spans.push({ start: s + off, end: s + w.length, label: 'NAME', score: 0.7, rule: 'name-chat' });
    for (const x of name) if (x.length >= 3 && ((lex.get(fold(x)) ?? 0) & NON_NAME) === 0) wordAgain(text, spans, x);
  }
}
/**
 * Whether the capital letter at p, a dot and a space after it, is a list's letter: it starts a line or follows ": " or
 * ". ", and two of its neighbours in the alphabet (the one before and the one after, or the two after, or the two
 * before) stand so too in the text ("SPECIMEN: A. Right breast⏎B. Node 12 mm. C. Node 8 mm").
 */
function listLetterAt(text: string, p: number, marks: Int32Array): boolean {
  if (!listMarker(text, p)) return false;
  // (another place of the letter: its first two places, p at most one of them)
  const has = (code: number): boolean => code >= 65 && code <= 90 && (marks[(code - 65) * 2 + 1]! >= 0 || (marks[(code - 65) * 2]! >= 0 && marks[(code - 65) * 2] !== p));
  const c = text.charCodeAt(p);
  return (has(c - 1) && has(c + 1)) || (has(c + 1) && has(c + 2)) || (has(c - 1) && has(c - 2));
}
/** Whether q starts a list's item: the text's or a line's start, or after ": " or ". ". */
function listMarker(text: string, q: number): boolean {
  if (q === 0) return true;
  const b = text.charCodeAt(q - 1);
  return b === 10 || (b === 32 && (cc(text, q - 2) === 58 || cc(text, q - 2) === 46));
}
/**
 * The first two places of each capital letter A-Z that a dot and a space follow at a list item's start (-1: none), in
 * one walk over the text's ". " (a file's part of a megabyte holds thousands of initials to ask about).
 */
function listLetterMarks(text: string): Int32Array {
  const marks = new Int32Array(52).fill(-1);
  for (let k = text.indexOf('. ', 1); k >= 0; k = text.indexOf('. ', k + 1)) {
    const q = k - 1, c = text.charCodeAt(q);
    if (c < 65 || c > 90 || !listMarker(text, q)) continue;
    const i = (c - 65) * 2;
    if (marks[i]! < 0) marks[i] = q;
    else if (marks[i + 1]! < 0) marks[i + 1] = q;
  }
  return marks;
}
/**
 * A list's letter read as an initial and the word after it as a name ("A. Right breast", "B. Node 12 mm" in a pathology
 * report's specimens): the span is dropped unless that word is a name of the dictionaries that is no word.
 */
function listLetterNames(text: string, spans: Span[], lex: Lexicon): void {
  let w = 0, marks: Int32Array | null = null;
  for (let r = 0; r < spans.length; r++) {
    const s = spans[r]!;
    if (s.label === 'NAME' && isUpperAscii(text.charCodeAt(s.start)) && text.charCodeAt(s.start + 1) === 46 && text.charCodeAt(s.start + 2) === 32
      && listLetterAt(text, s.start, (marks ??= listLetterMarks(text)))) {
      let e = s.start + 3;
      while (e < s.end && isWordLetter(text.charCodeAt(e))) e++;
      const bits = foldedBits(text, s.start + 3, e, lex);
      if ((bits & (LEX_FIRST | LEX_SUR)) === 0 || (bits & (LEX_AMBIG | NON_NAME)) !== 0) continue;
    }
    spans[w++] = s;
  }
  spans.length = w;
}
/** The first letters of ROOM_LINE's words (r, R, b, B, c, C, l, L). */
const ROOM_FIRST = new Set([114, 82, 98, 66, 99, 67, 108, 76]);
/**
 * A census line's room, bed or box and its dash or colon: "rm 415 - ", "Bed 12: ", "Ch. 307 – ", "chambre 12 | ",
 * "box 3 : " (group 1: the dash or colon; a line without one needs an age after the name: "rm 405 mrs may 88f").
 */
const ROOM_LINE = /(?:[Rr]m|RM|[Rr]oom|ROOM|[Bb]ed|BED|[Bb]ox|BOX|[Cc]h\.?|CH\.?|[Cc]hambre|CHAMBRE|[Ll]it|LIT)[ .#]*\d{1,4}[A-Za-z]?[ \t]*(?:([-:–|)])[ \t]*)?/y;
/** A word of a name after ROOM_LINE: letters with inner hyphens and apostrophes. */
const ROOM_WORD = /[A-Za-zÀ-ÖØ-öø-ÿ\u0100-\u024f][A-Za-zÀ-ÖØ-öø-ÿ\u0100-\u024f'’-]*/y;
/** An age and a sex (or "ans", "yo") right after a census line's name: ", 88f", " 77a", " 73 F", " 91yo". */
const AGE_SEX_AFTER = /,? ?\d{1,3} ?(?:[mfhaMFHA]|ans|yo|y\/o|yom|yof)(?![A-Za-zÀ-ÿ])/y;
/**
 * A census line's patient after the room or bed (sign-out lists, hand-overs): "rm 418 - Abdullahi Warsame", "rm 415 - nguyen,
 * bao", "bed 12 - mason rivers, 91yo". Capitalized words (1-3, no word of the lists' non-names, no acronym of three
 * letters or fewer) need nothing more; words in lower case (2, or 3 when the third is a name) need a name of the
 * dictionaries among them — or an age and a sex right after them, which tells a patient whatever the words
 * ("box 1 : rose blanc 77a", "rm 410 ng, phuong 73f"); so does a title in lower case before them ("rm 405 mrs may 88f": the
 * words after it). A line without the dash or colon needs that age. A title with its dot is left to the title rules
 * ("Ch. 18 - M. CÉLESTINE"). Whether the line was one.
 */
function roomLine(text: string, ls: number, spans: Span[], lex: Lexicon): boolean {
  ROOM_LINE.lastIndex = ls;
  const room = ROOM_LINE.exec(text);
  if (room === null) return false;
  let a = ROOM_LINE.lastIndex;
  const words: [number, number][] = [];
  let p = a, comma = false, titled = false;
  while (words.length < 3) {
    ROOM_WORD.lastIndex = p;
    if (!ROOM_WORD.test(text)) break;
    let e = ROOM_WORD.lastIndex;
    while (e > p && !isWordLetter(text.charCodeAt(e - 1))) e--;
    // (a word glued to a digit, a dot or a slash is no name's: "g1p0", "s/p", "M.")
    const after = cc(text, e);
    if (isDigitCode(after) || after === 46 || after === 47) break;
    // (a title in lower case first, "mrs", "mme": the name is the words after it)
    if (words.length === 0 && !titled && after === 32 && isLowerAscii(text.charCodeAt(p)) && (foldedBits(text, p, e, lex) & LEX_TITLE) !== 0) { titled = true; a = p = e + 1; continue; }
    words.push([p, e]);
    if (after === 44 && cc(text, e + 1) === 32 && !comma) { comma = true; p = e + 2; continue; }
    if (after !== 32) break;
    p = e + 1;
  }
  if (words.length === 0) return room[1] !== undefined;
  const upper = isUpperCode(text.charCodeAt(words[0]![0]));
  // (the age and sex right after the name's last word, or after its first two)
  const aged = (e: number): boolean => { AGE_SEX_AFTER.lastIndex = e; return AGE_SEX_AFTER.test(text); };
  let end = -1, named = false, agedEnd = -1;
  for (let k = 0; k < words.length; k++) {
    const [s, e] = words[k]!;
    if (isUpperCode(text.charCodeAt(s)) !== upper) break;
    const bits = foldedBits(text, s, e, lex);
    // (a name that is also a stop word, "may", after a title or before the age: "rm 405 mrs may 88f")
    const nameStop = (bits & NON_NAME) === LEX_STOP && (bits & (LEX_FIRST | LEX_SUR)) !== 0 && (titled || aged(e));
    if (((bits & NON_NAME) !== 0 && !nameStop) || (upper && e - s <= 3 && isUpperCode(text.charCodeAt(e - 1)))) break;
    if (!upper && (k === 2 ? (bits & (LEX_FIRST | LEX_SUR)) === 0 || (bits & LEX_AMBIG) !== 0 : e - s < 2)) { if (aged(e)) agedEnd = e; break; }
    if ((bits & (LEX_FIRST | LEX_SUR)) !== 0) named = true;
    end = e;
    if (aged(e)) { agedEnd = e; break; }
  }
  if (agedEnd >= 0) end = agedEnd;
  else if (room[1] === undefined || end < 0 || (!upper && !titled && (!named || end === words[0]![1]))) return room[1] !== undefined;
  spans.push({ start: a, end, label: 'NAME', score: 0.6, rule: 'name-room-line' });
  return true;
}
/** A terse note's patient line in lower case: "okonkwo, chidi 67m mrn 40918827", "garcia, ana m 8 yo". */
const PATIENT_LINE = /([a-z][a-z'’-]+(?: [a-z][a-z'’-]+)?, [a-z][a-z'’-]+(?: [a-z]\.?)?),? \d{1,3} ?(?:m|f|yo|y\/o|yom|yof|ans|a)(?![a-z])/y;
function patientLine(text: string, ls: number, spans: Span[]): void {
  PATIENT_LINE.lastIndex = ls;
  const m = PATIENT_LINE.exec(text);
  if (m !== null) spans.push({ start: ls, end: ls + m[1]!.length, label: 'NAME', score: 0.6, rule: 'name-patient-line' });
}
/** A list's line: a first name and an initial, then a dash or a comma and a role ("Hoa T. – ergothérapeute", "Marcus T., RN"). */
const ROLE_LINE = /[ \t]*(?:[-•*][ \t]*)?([A-ZÀ-Þ][a-zà-öø-ÿ'’]+(?:-[A-ZÀ-Þ][a-zà-öø-ÿ'’]+)? [A-ZÀ-Þ]\.) ?(?:[-–—,:]) ?([A-Za-zÀ-ÖØ-öø-ÿ-]+)/y;
/** A physician's or therapist's specialty by its ending (gériatre, cardiologue, ergothérapeute). */
const SPECIALIST = /(?:iatre|logue|th[ée]rapeute)s?$/i;
function roleLine(text: string, ls: number, spans: Span[], lex: Lexicon): void {
  // (a test first, without the regex: after the blanks and a bullet, letters and hyphens, a space, a letter and a dot)
  let k = ls;
  while (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9) k++;
  const b = text.charCodeAt(k);
  if (b === 45 || b === 8226 || b === 42) { k++; while (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9) k++; }
  for (let c = text.charCodeAt(k); isWordLetter(c) || c === 45 || c === 39 || c === 8217 || c === 215; c = text.charCodeAt(++k));
  if (text.charCodeAt(k) !== 32 || text.charCodeAt(k + 2) !== 46) return;
  ROLE_LINE.lastIndex = ls;
  const m = ROLE_LINE.exec(text);
  if (m === null || (((lex.get(fold(m[2]!)) ?? 0) & (LEX_PROF | LEX_CRED)) === 0 && !SPECIALIST.test(m[2]!))) return;
  const a = ls + m[0].indexOf(m[1]!), first = m[1]!.slice(0, m[1]!.indexOf(' '));
  if (((lex.get(fold(first)) ?? 0) & NON_NAME) !== 0) return;
  spans.push({ start: a, end: a + m[1]!.length, label: 'NAME', score: 0.7, rule: 'name-role-line' });
  if (first.length >= 3) wordAgain(text, spans, first);
}
/** The capitalized word w again, whole, anywhere in the text (a chat's speaker named in a message). */
function wordAgain(text: string, spans: Span[], w: string): void {
  for (let p = text.indexOf(w); p >= 0; p = text.indexOf(w, p + 1)) if (wholeWordAt(text, p, p + w.length)) spans.push({ start: p, end: p + w.length, label: 'NAME', score: 0.6, rule: 'name-again' });
}
/** [p, e) is a whole word, not inside an e-mail address or a web address. */
function wholeWordAt(text: string, p: number, e: number): boolean {
  const b = cc(text, p - 1), a = cc(text, e);
  return !(isAlnum(b) || isAlnum(a) || b === 46 || b === 64 || a === 64 || (a === 46 && isAlnum(cc(text, e + 1))) || b === 95 || a === 95);
}

interface Cell { s: number; e: number }
/**
 * A line of a table: its bounds, its count of separators, and for a line that holds a '"' the offsets of its separators
 * outside quoted fields (a quoted field may hold separators), else null.
 */
interface Line { s: number; e: number; seps: number; outside: number[] | null }
/**
 * Names in the columns of delimited tables: runs of two lines or more, each with the same number
 * (two or more) of '|', ';' or tabs. The lines are found from the separators themselves (indexOf),
 * so a text without such lines costs a few searches.
 */
function tableColumns(text: string, spans: Span[], lex: Lexicon): void {
  let covered: Uint8Array | null = null;
  for (const sep of ['|', ';', '\t', ',']) {
    let k = text.indexOf(sep);
    if (k < 0) continue;
    // the lines holding two separators or more, with their count
    const lines: Line[] = [];
    // (the next '"' at or after the line's start: found once per stretch, not searched for from every line)
    let quote = -2;
    while (k >= 0) {
      let le = text.indexOf('\n', k);
      if (le < 0) le = text.length;
      let seps = 0, spaced = false;
      const ls = text.lastIndexOf('\n', k) + 1;
      if (quote !== -1 && quote < ls) quote = text.indexOf('"', ls);
      // (a quoted field holds its separators: "T1","MARSH, DEVONTE","27")
      const outside = quote >= 0 && quote < le ? separatorsOutsideQuotes(text, ls, le, sep.charCodeAt(0)) : null;
      if (outside !== null) {
        for (const p of outside) { seps++; if (text.charCodeAt(p + 1) === 32) spaced = true; }
      } else for (let p = k; p >= 0 && p < le; p = text.indexOf(sep, p + 1)) { seps++; if (text.charCodeAt(p + 1) === 32) spaced = true; }
      // (a comma followed by a space is prose's, not an export's)
      if (seps >= 2 && !(spaced && sep === ',')) lines.push({ s: ls, e: le > ls && text.charCodeAt(le - 1) === 13 ? le - 1 : le, seps, outside });
      k = text.indexOf(sep, le);
    }
    // (the last block read with a header: its rows' count of separators, its last row's end, its header's cells)
    let headed: { seps: number; end: number; head: Cell[] } | null = null;
    for (let i = 0; i < lines.length;) {
      let j = i + 1;
      while (j < lines.length && lines[j]!.seps === lines[i]!.seps && text.lastIndexOf('\n', lines[j]!.s - 2) + 1 === (lines[j - 1]!.s)
        // (a line of prose with as many commas is no row: a sentence's end, or a long piece)
        && !(sep === ',' && /[.!?]\s*$|[^,]{50}/.test(text.slice(lines[j]!.s, lines[j]!.e)))) j++;
      // (a row with another count of separators, an empty or a blocked bed's "4B-03|||||||CLEAN|||", does not end the
      // table: the rows after it, up to two lines on, with the count of a header's rows, are read under that header)
      const under = headed !== null && headed.seps === lines[i]!.seps && lineGap(text, headed.end, lines[i]!.s) <= 2 ? headed : null;
      if (j - i >= 2 || under !== null) {
        // (commas separate words in prose: a comma-separated block needs a header line with two known column names)
        if (under === null && sep === ',' && knownHeaders(text, cellsOf(text, lines[i]!, 44)) < 2) { i = j; continue; }
        const block = lines.slice(i, j).map((l) => cellsOf(text, l, sep.charCodeAt(0)));
        if (under !== null) block.unshift(under.head);
        covered ??= nameCover(text, spans);
        const first = block[0]!;
        // (a header line of upper-case labels, none of them a name: "DATE | TIME | PATIENT | RX # | PRESCRIBER")
        const caps = first.every((c) => c.e === c.s || /^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ0-9 #/_.()'-]*$/.test(text.slice(c.s, c.e))) && first.every((c) => covered![c.s] !== 1);
        // (the first line is a header when it is a line of labels: short cells without digits, in capitals or two of them known;
        // not the first pair of a key-value table, "| Médecin traitant | Dr Vincent Mercier, Eybens – RPPS 10004567812 |")
        // (an export's column name may hold a digit: "reconsent_v3.2", "dose2_date")
        const labels = first.every((c) => (c.e - c.s <= 30 && !/\d/.test(text.slice(c.s, c.e))) || /^[A-Za-z][A-Za-z_]*\d[A-Za-z0-9_.]*$/.test(text.slice(c.s, c.e)))
          && knownHeaders(text, first) >= 2;
        // (a markdown table's first line is its header: the next line is a rule of dashes, "|------|:---:|")
        const ruled = under === null && sep === '|' && /^[\s|:]*-{3,}[\s|:-]*$/.test(text.slice(lines[i + 1]!.s, lines[i + 1]!.e));
        const header = under !== null || caps || labels || ruled;
        if (header) headed = { seps: lines[i]!.seps, end: lines[j - 1]!.e, head: first };
        for (let col = 0; col < first.length; col++) {
          const label = header ? HEADER_LABELS.get(headerKey(text, first[col]!)) : undefined;
          if (label !== undefined) typedColumn(text, block, col, label, spans);
          else if (!(header && slashedColumns(text, block, col, covered, spans, lex))) nameColumn(text, block, col, covered, spans, lex, header);
        }
        if (sep === '|') keyValueRows(text, block, spans, lex);
      }
      i = j;
    }
  }
  alignedTables(text, spans, lex, covered);
}
/**
 * The rows of a key-value table ("| Patient | Okonkwo-Reyes, Adanna |", "| Attending | Gregory Haddad |"): a row of two
 * filled cells whose first is a column name of people (NAME_HEADERS), and whose second is a person's name by its shape
 * (personCell). The table's columns are read too (tableColumns); this reads its lines.
 */
function keyValueRows(text: string, block: Cell[][], spans: Span[], lex: Lexicon): void {
  for (const row of block) {
    let key: Cell | null = null, value: Cell | null = null, filled = 0;
    for (const c of row) {
      if (c.e <= c.s) continue;
      if (++filled === 1) key = c; else if (filled === 2) value = c;
    }
    if (filled !== 2 || key!.e - key!.s > 30 || !isNameHeader(headerKey(text, key!))) continue;
    if (personCell(text, value!, lex)) spans.push({ start: value!.s, end: value!.e, label: 'NAME', score: 0.6, rule: 'name-table-column' });
  }
}
/**
 * Whether text[c.s, c.e) is a person's name by its shape: two to four capitalized words (hyphenated parts, initials with
 * their dot), a comma after the first one at most ("Okonkwo-Reyes, Adanna", "Adanna Okonkwo-Reyes", "REYES, ADANNA J."),
 * a known name of no ordinary word among their parts, no part a word of the recognizers' lists (titles, cues, credentials,
 * acronyms), nor a word of the vocabularies that the name lists lack ("Known Allergies", "Stable, Afebrile").
 */
function personCell(text: string, c: Cell, lex: Lexicon): boolean {
  if (c.e - c.s < 5 || c.e - c.s > 60) return false;
  const v = text.slice(c.s, c.e);
  if (!/^\p{Lu}[\p{L}'’-]*\.?(?:,? \p{Lu}[\p{L}'’-]*\.?){1,3}$/u.test(v)) return false;
  let known = false;
  for (const part of v.split(/[ ,.'’-]+/)) {
    if (part.length === 0) continue;
    const key = fold(part);
    const bits = lex.get(key) ?? 0;
    if ((bits & NON_NAME) !== 0) return false;
    if ((bits & (LEX_FIRST | LEX_SUR)) !== 0) { if ((bits & (LEX_AMBIG | LEX_WORDNAME | LEX_CITY)) === 0) known = true; }
    else if (part.length > 1 && isVocabularyWord(key)) return false;
  }
  return known;
}
/** The count of lines strictly between the line that ends at a and the line that starts at b (a < b). */
function lineGap(text: string, a: number, b: number): number {
  let n = 0;
  for (let k = text.indexOf('\n', a); k >= 0 && k < b - 1; k = text.indexOf('\n', k + 1)) n++;
  return n;
}
/**
 * Aligned tables (columns separated by runs of spaces, as printed run sheets and lists are): a header
 * line of three labels or more, two of them known column names, and the lines right after it, each
 * cell read under the header's column where it starts. Their columns are read as those of delimited
 * tables (typed by their header, or of people).
 */
function alignedTables(text: string, spans: Span[], lex: Lexicon, covered: Uint8Array | null): void {
  if (!hasSpacedColumns(text)) return;
  for (let k = text.indexOf('  '); k >= 0;) {
    const ls = text.lastIndexOf('\n', k) + 1;
    let le = text.indexOf('\n', k);
    if (le < 0) le = text.length;
    const head = spacedCells(text, ls, le);
    if (head.length >= 3 && head.every((c) => c.e - c.s <= 30 && isUpperCode(text.charCodeAt(c.s)) && !/\d/.test(text.slice(c.s, c.e)))
      && knownHeaders(text, head) >= 2) {
      const block: Cell[][] = [head];
      let rs = le + 1;
      while (rs < text.length && block.length <= 500) {
        let re = text.indexOf('\n', rs);
        if (re < 0) re = text.length;
        // (a rule of dashes or equals signs under the header or between rows: skipped)
        if (block.length <= 2 && ruleLine(text, rs, re)) { rs = re + 1; continue; }
        const cells = spacedCells(text, rs, re);
        if (cells.length < 2) break;
        const row: Cell[] = head.map(() => ({ s: 0, e: 0 }));
        for (const c of cells) {
          // (the column whose header starts at or before the cell, a character or two of slack)
          let col = 0;
          while (col + 1 < head.length && head[col + 1]!.s - ls <= c.s - rs + 2) col++;
          if (row[col]!.e === 0) row[col] = c;
        }
        block.push(row);
        rs = re + 1;
      }
      if (block.length >= 2) {
        covered ??= nameCover(text, spans);
        for (let col = 0; col < head.length; col++) {
          const label = HEADER_LABELS.get(headerKey(text, head[col]!));
          if (label !== undefined) typedColumn(text, block, col, label, spans);
          else if (isNameHeader(headerKey(text, head[col]!))) nameColumn(text, block, col, covered, spans, lex, true);
          else slashedColumns(text, block, col, covered, spans, lex);
        }
        k = text.indexOf('  ', rs);
        continue;
      }
    }
    k = text.indexOf('  ', le);
  }
}
/** Whether [a, e) is a table's rule: three or more of '-', '=', '_', '─', '━' (spaces, '+' and '|' between them), nothing else. */
function ruleLine(text: string, a: number, e: number): boolean {
  let marks = 0;
  for (let k = a; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c === 45 || c === 61 || c === 95 || c === 0x2500 || c === 0x2501) marks++;
    else if (c !== 32 && c !== 43 && c !== 124 && c !== 9 && c !== 13) return false;
  }
  return marks >= 3;
}
/** The cells of [a, e) separated by two spaces or more or by tabs (a single space stays inside a cell). */
function spacedCells(text: string, a: number, e: number): Cell[] {
  const cells: Cell[] = [];
  let s = -1, end = -1;
  for (let k = a; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 13) { if (s < 0) s = k; end = k + 1; continue; }
    // (a single space between two characters of a cell)
    if (c === 32 && s >= 0 && end === k && k + 1 < e && text.charCodeAt(k + 1) !== 32 && text.charCodeAt(k + 1) !== 9 && text.charCodeAt(k + 1) !== 13) continue;
    if (s >= 0) { cells.push({ s, e: end }); s = -1; }
  }
  if (s >= 0) cells.push({ s, e: end });
  return cells;
}
/** The cells of a line (trimmed of spaces, tabs and quotes), split at its separators (`sep`, the table's; outside quotes when the line has some). */
function cellsOf(text: string, l: Line, sep: number): Cell[] {
  const cells: Cell[] = [];
  let a = l.s, q = 0;
  for (let k = l.s; k <= l.e; k++) {
    if (k === l.e || (text.charCodeAt(k) === sep && (l.outside === null || l.outside[q] === k))) {
      if (l.outside !== null && k < l.e) q++;
      let s = a, e = k;
      while (s < e && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9 || text.charCodeAt(s) === 34)) s++;
      while (e > s && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9 || text.charCodeAt(e - 1) === 34)) e--;
      cells.push({ s, e });
      a = k + 1;
    }
  }
  return cells;
}

/**
 * The offsets of the separators of text[s, e) that stand outside a quoted field: a field is quoted when a '"' opens it
 * (after the separator or the line's start, spaces aside) and a '"' closes it (before a separator or the line's end);
 * '""' inside is a quote.
 */
function separatorsOutsideQuotes(text: string, s: number, e: number, sep: number): number[] {
  const out: number[] = [];
  let fieldStart = true, quoted = false;
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    if (quoted) {
      if (c !== 34) continue;
      if (text.charCodeAt(k + 1) === 34) { k++; continue; }
      let j = k + 1;
      while (j < e && text.charCodeAt(j) === 32) j++;
      if (j === e || text.charCodeAt(j) === sep) quoted = false;
      continue;
    }
    if (c === sep) { out.push(k); fieldStart = true; continue; }
    if (c === 34 && fieldStart) { quoted = true; fieldStart = false; continue; }
    if (c !== 32 && c !== 9) fieldStart = false;
  }
  return out;
}

/**
 * The cells under a header of an identifying kind, when they have its shape ("IPP;NDA;…;CP;VILLE"). Under a
 * header of numbers (ID), a number a pattern read as a phone's is the header's kind: "NHS_No" … "485 777 3456".
 */
function typedColumn(text: string, block: Cell[][], col: number, label: TextLabel, spans: Span[]): void {
  const shape = CELL_SHAPE[label];
  // (the phones' spans by their start and length, read once: a table of thousands of rows stays linear)
  let phones: Map<number, Span> | null = null;
  if (label === 'ID') for (const sp of spans) if (sp.label === 'PHONE' && sp.end - sp.start <= 80) (phones ??= new Map()).set(sp.start * 128 + sp.end - sp.start, sp);
  for (let r = 1; r < block.length; r++) {
    const c = block[r]![col]!;
    if (c.e <= c.s || c.e - c.s > 80) continue;
    if (shape !== undefined && !shape.test(text.slice(c.s, c.e))) continue;
    spans.push({ start: c.s, end: c.e, label, score: 0.6, rule: 'table-column' });
    const phone = phones?.get(c.s * 128 + c.e - c.s);
    if (phone !== undefined) phone.label = 'ID';
  }
}
/**
 * A column of signatures without a header ("… | SK", "… | yann"): three cells or more, each one word,
 * initials in capitals or a first name of the dictionaries that is no ordinary word, one of them at
 * least a first name (initials alone may be codes: "PO", "IV").
 */
function signatureColumn(text: string, block: Cell[][], col: number, spans: Span[], lex: Lexicon): void {
  let first = false;
  for (const row of block) {
    const c = row[col]!;
    if (c.e <= c.s) continue;
    const v = text.slice(c.s, c.e);
    const bits = lex.get(fold(v)) ?? 0;
    if ((bits & NON_NAME) !== 0) return;
    if (/^[A-Z]{2,3}$/.test(v)) continue;
    if (!/^[A-Za-zÀ-ÖØ-öø-ÿ-]{3,}$/.test(v) || !isSignatureFirstName(v, lex)) return;
    first = true;
  }
  if (!first) return;
  for (const row of block) { const c = row[col]!; if (c.e > c.s) spans.push({ start: c.s, end: c.e, label: 'NAME', score: 0.6, rule: 'name-table-column' }); }
}
/** French care roles written after a name in a team's column ("Jocelyn AS"): aides-soignants, agents, accompagnants. */
const CARE_ROLES = new Set(['AS', 'ASH', 'AES', 'AMP', 'AP', 'AVS', 'ASD', 'ASG']);
/** The cells of people of a column: by its header's word (when the first line is a header), or by its other cells. */
function nameColumn(text: string, block: Cell[][], col: number, covered: Uint8Array, spans: Span[], lex: Lexicon, header: boolean): void {
  const key = header ? headerKey(text, block[0]![col]!) : '';
  const named = header && isNameHeader(key);
  const participle = named && !NAME_HEADERS.has(key);
  let hits = 0, filled = 0;
  for (let r = header ? 1 : 0; r < block.length; r++) {
    const c = block[r]![col]!;
    if (c.e <= c.s) continue;
    filled++;
    let k = 0;
    for (let p = c.s; p < c.e; p++) k += covered[p]!;
    if (k * 2 >= c.e - c.s) hits++;
  }
  // (a column is of people by its header's word, or by two names or more among its cells, half of them at least)
  if (!named && !(hits >= 2 && hits * 2 >= filled)) {
    if (filled >= 3) signatureColumn(text, block, col, spans, lex);
    return;
  }
  // (a column that writes its surnames in capitals, "Claire DUPONT": a last word in capitals is a surname there, even a
  // role's word, "Jessica ASH")
  let capsLast = 0, cells = 0;
  for (let r = header ? 1 : 0; r < block.length; r++) {
    const c = block[r]![col]!;
    if (c.e <= c.s) continue;
    cells++;
    // (a name's cell is short: a long one, read by a regex unanchored on its left, would cost its length squared)
    if (c.e - c.s > 60) continue;
    const m = /[a-zà-ÿ][\p{L}'’-]* ([A-ZÀ-Þ][A-ZÀ-Þ'’-]{2,})$/u.exec(text.slice(c.s, c.e));
    if (m !== null && !CARE_ROLES.has(m[1]!) && ((lex.get(m[1]!) ?? 0) & (LEX_CRED | LEX_PROF)) === 0) capsLast++;
  }
  const surnamesInCaps = capsLast >= 2 && capsLast * 2 >= cells;
  const logins = named && LOGIN_HEADERS.has(key);
  for (let r = header ? 1 : 0; r < block.length; r++) {
    const c = block[r]![col]!;
    if (c.e <= c.s || c.e - c.s > 60) continue;
    const v = text.slice(c.s, c.e);
    // (under a column of software users, a login: lower-case ASCII letters, maybe a '.', '_' or '-' inside, maybe digits
    // after, "kmorales2", "c.larrieu"; not a service's account, "system", nor a word, a role's: "nurse", "pharmacy")
    if (logins && /^[a-z][a-z._-]{0,22}[a-z][0-9]{0,4}$/.test(v) && !NOBODY_LOGINS.has(v.replace(/[0-9]+$/, ''))
      && !(/^[a-z]+$/.test(v) && (isVocabularyWord(fold(v)) || (foldedBits(text, c.s, c.e, lex) & NON_NAME) !== 0))) {
      spans.push({ start: c.s, end: c.e, label: 'NAME', score: 0.6, rule: 'name-table-column' });
      continue;
    }
    if (!/^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’. ,-]*$/.test(v)) continue;
    const ws = v.split(/[ ,.-]+/).filter((w) => w.length > 0);
    if (ws.length > 5 || isNameHeader(headerKey(text, c))) continue;
    // (a name: capitalized, and not every word a stop word, a title or a cue; under a header of people, a month or a
    // word may be a first name, "Avril")
    // (under a header of people, in lower case too: "wojcik, stan")
    const c0 = v.charCodeAt(0);
    // (one lower-case word there, a name of the dictionaries: "will;sandrine", not "doctolib")
    // (under a participle's header, "Received by", a word too is a role: "courier")
    const bits = lex.get(fold(v)) ?? 0;
    if (!(isUpperAscii(c0) || (c0 >= 192 && c0 <= 222) || /^(?:de|du|des|di|da|van|von|le|la|el|al|ben|dos|das) [A-ZÀ-Þ]/.test(v)
      || (named && isLowerAscii(c0) && (ws.length >= 2 || /^[a-z]{2,3}$/.test(v)
        || ((bits & (LEX_FIRST | LEX_SUR)) !== 0 && !(participle && (bits & (LEX_AMBIG | LEX_WORDNAME)) !== 0))
        || (/^[a-z]+$/.test(v) && initialAndSurname(v, lex)))))) continue;
    if (ws.every((w) => ((lex.get(fold(w)) ?? 0) & (named ? LEX_TITLE | LEX_TITLE_DOT | LEX_CUE | LEX_PROF : NON_NAME)) !== 0)) continue;
    // (under "Sig", a prescription's directions as much as a signature — "Sig (as taken)" in a medication table —, words of
    // the language that no name list holds, or only as a word too, are a note: "NOT TAKING", "HELD")
    if (key === 'SIG' && ws.every((w) => { const b = lex.get(fold(w)) ?? 0; return isVocabularyWord(fold(w)) && ((b & (LEX_FIRST | LEX_SUR)) === 0 || (b & LEX_AMBIG) !== 0); })) continue;
    // (a title before the name stays: "Dr. S. Mehta")
    let a = c.s;
    const t = /^([A-Za-z]+)\.? +/.exec(v);
    if (t !== null && ((lex.get(fold(t[1]!)) ?? 0) & (LEX_TITLE | LEX_TITLE_DOT)) !== 0) a += t[0].length;
    // (and a role after it is left out: "F. Bélair IDE", "J. Reed, CNM", "Jocelyn AS")
    let z = c.e;
    // (a role in capitals after a name not in capitals: a surname that is a role's word too stays, "Jessica Ash", "Maria Pastor")
    const role = ws.length >= 2 && !surnamesInCaps ? /,? +([A-Z]{2,6})\.?$/.exec(v) : null;
    if (role !== null && /[a-zà-ÿ]/.test(v.slice(0, role.index)) && (CARE_ROLES.has(role[1]!) || ((lex.get(role[1]!) ?? 0) & (LEX_CRED | LEX_PROF)) !== 0)) z = c.s + role.index;
    if (a < z) spans.push({ start: a, end: z, label: 'NAME', score: 0.6, rule: 'name-table-column' });
  }
}
