/**
 * Recognizers for clinical free text (French and English). Each runs ONE precompiled regular
 * expression (or an indexOf loop) over the whole text and pushes spans; names come from a single
 * token pass with Set look-ups. No per-token regex: token flags are computed with char codes.
 *
 * Checksums (NIR key, Luhn, IBAN mod 97) raise the score but never gate a match: real notes
 * contain mistyped keys (../shared/reference/identifiers.md).
 */
import { checkNir, isValidIban, isIpv4, isIpv6, luhnValid, isSsn } from '../health/identifiers/validators.ts';
import { dictionaries, fold } from './data.ts';
import type { Lang, Span, TextLabel } from './types.ts';

const MONTHS_FR = 'janvier|janv|f[ée]vrier|f[ée]vr?|mars|avril|avr|mai|juin|juillet|juil|ao[uû]t|aout|septembre|sept|sep|octobre|oct|novembre|nov|d[ée]cembre|d[ée]c';
const MONTHS_EN = 'january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sept|sep|october|oct|november|nov|december|dec';
const MONTHS = `${MONTHS_FR}|${MONTHS_EN}`;
const NUMW = 'un|une|premier|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|septante|huitante|octante|nonante|cents?|mille|et';

interface RegexRule { re: RegExp; label: TextLabel; score: number; rule: string; group?: number; check?: (m: RegExpExecArray, text: string) => number | null }

const B = '(?<![\\p{L}\\p{N}])'; // left boundary (letters/digits)
const E = '(?![\\p{L}\\p{N}])';  // right boundary

const dayMonthOk = (d: number, m: number): boolean => d >= 1 && d <= 31 && m >= 1 && m <= 12;

const RULES: RegexRule[] = [
  // ---- dates
  { rule: 'date-dmy', label: 'DATE', score: 0.9,
    re: new RegExp(`${B}(\\d{1,2}) ?[\\/.\\-|] ?(\\d{1,2}) ?[\\/.\\-|] ?(\\d{4}|\\d{2})${E}`, 'gu'),
    check: (m) => dayMonthOk(+m[1]!, +m[2]!) || dayMonthOk(+m[2]!, +m[1]!) ? 0.9 : null },
  { rule: 'date-iso', label: 'DATE', score: 0.95,
    re: new RegExp(`${B}(?:19|20)\\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?${E}`, 'gu') },
  { rule: 'date-dm', label: 'DATE', score: 0.6,
    re: new RegExp(`${B}(\\d{1,2}) ?\\/ ?(\\d{1,2})${E}(?! ?(?:[\\/.,]\\d|mg|g|ml|l|mmol|µ|%|h|mois|semaines?|jours?|ans?|\\p{L}))`, 'gu'),
    check: (m) => dayMonthOk(+m[1]!, +m[2]!) ? 0.6 : null },
  { rule: 'date-dm-dot', label: 'DATE', score: 0.5,
    re: new RegExp(`${B}(\\d{2})\\.(\\d{2})${E}(?![.,]\\d| ?(?:mg|g|ml|l|mmol|µ|%|°))`, 'gu'),
    check: (m) => dayMonthOk(+m[1]!, +m[2]!) && !/\d[.,]$/.test('') ? 0.5 : null },
  { rule: 'date-text', label: 'DATE', score: 0.9,
    re: new RegExp(`${B}(?:(?:1er|\\d{1,2})(?:er)? ?(?:${MONTHS})\\.?(?: ?(?:\\d{4}|\\d{2}))?|(?:${MONTHS})\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}|(?:${MONTHS})\\.? ?(?:19|20)\\d{2})${E}`, 'giu') },
  { rule: 'date-words', label: 'DATE', score: 0.85,
    re: new RegExp(`${B}(?:${NUMW})(?:[ -](?:${NUMW}))* (?:${MONTHS_FR}|0?[1-9]|1[0-2]) (?:(?:${NUMW})(?:[ -](?:${NUMW}))*|\\d{4}|\\d{2})${E}`, 'giu') },
  { rule: 'date-compact', label: 'DATE', score: 0.7,
    re: new RegExp(`${B}(?:0[1-9]|[12]\\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)\\d{2}${E}`, 'gu') },
  { rule: 'date-year-cue', label: 'DATE', score: 0.6, group: 1,
    re: new RegExp(`${B}(?:en|depuis|datant de|fin|d[ée]but|mi|ann[ée]e|in|since|year)[ -]((?:19|20)\\d{2})${E}`, 'giu') },
  // ---- phones
  { rule: 'phone-fr', label: 'PHONE', score: 0.9,
    re: new RegExp(`${B}(?:\\(\\d{2,3}\\) ?)?[0O][1-9](?:[ .\\-]?[0-9O]{2}){4}${E}`, 'gu') },
  { rule: 'phone-fr-4x4', label: 'PHONE', score: 0.8,
    re: new RegExp(`${B}0[1-9][ .]\\d{4}[ .]\\d{4}${E}`, 'gu') },
  { rule: 'phone-intl', label: 'PHONE', score: 0.85,
    re: new RegExp(`(?<![\\p{L}\\p{N}+])(?:\\+|00)[1-9]\\d{0,2}[ .\\-]?(?:\\(0\\)[ .]?)?\\d(?:[ .\\-]?\\d){6,12}${E}`, 'gu') },
  { rule: 'phone-us', label: 'PHONE', score: 0.8,
    re: new RegExp(`${B}(?:\\+?1[ .\\-])?(?:\\([2-9]\\d{2}\\) ?|[2-9]\\d{2}[ .\\-])\\d{3}[ .\\-]\\d{4}${E}`, 'gu') },
  { rule: 'phone-cue-ext', label: 'PHONE', score: 0.7, group: 1,
    re: /(?:t[ée]l[ée]phone|t[ée]l\.?|poste|joignables? au|faxer? au|fax|appeler le|phone|ext\.?)\s*[:.]?\s*(\d{4,5})(?![\p{N}])/giu },
  // ---- identifiers with a checksum or a fixed shape
  { rule: 'nir', label: 'NIR', score: 0.7,
    re: new RegExp(`${B}[1-478] ?\\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\\d) ?(?:\\d{2}|2[ABab]) ?\\d{3} ?\\d{3}(?: ?\\d{2})?${E}`, 'gu'),
    check: (m) => { const c = checkNir(m[0]); return c.keyValid ? 1 : c.hasKey ? 0.8 : 0.6; } },
  { rule: 'nir-spaced', label: 'NIR', score: 0.6,
    re: new RegExp(`${B}[1-478](?: [0-9AB]){12,14}${E}`, 'gu'),
    check: (m) => (checkNir(m[0]).keyValid ? 1 : 0.6) },
  { rule: 'date-spaced', label: 'DATE', score: 0.5,
    re: new RegExp(`${B}\\d(?: \\d){5,7}${E}`, 'gu'),
    check: (m) => { const d = m[0].replace(/ /g, ''); return dayMonthOk(+d.slice(0, 2), +d.slice(2, 4)) ? 0.5 : null; } },
  { rule: 'iban', label: 'IBAN', score: 1,
    re: new RegExp(`${B}[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?${E}`, 'gu'),
    check: (m) => (isValidIban(m[0]) ? 1 : null) },
  { rule: 'ssn', label: 'SSN', score: 0.7,
    re: new RegExp(`${B}\\d{3}-\\d{2}-\\d{4}${E}`, 'gu'), check: (m) => (isSsn(m[0], true) ? 0.9 : 0.6) },
  { rule: 'ipv4', label: 'IP', score: 0.9,
    re: new RegExp(`${B}\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}${E}`, 'gu'), check: (m) => (isIpv4(m[0]) ? 0.9 : null) },
  { rule: 'ipv6', label: 'IP', score: 0.9,
    re: /(?<![\w:])(?:[0-9a-f]{1,4}:){2,7}(?::|[0-9a-f]{1,4})(?:[0-9a-f:]*)(?![\w:])/giu, check: (m) => (isIpv6(m[0]) ? 0.9 : null) },
  { rule: 'url', label: 'URL', score: 0.95,
    re: /(?:\b(?:https?|ftp):\/\/|\bwww\.)[^\s<>"')\]]+[^\s<>"')\].,;:!?]/giu },
  // ---- hospital identifiers after a cue
  { rule: 'id-cue', label: 'ID', score: 0.9, group: 2,
    re: /\b(IPP|NDA|N° ?(?:de )?dossier|n° ?(?:de )?s[ée]jour|num[ée]ro (?:de dossier|de s[ée]jour|d'identification)|RPPS|ADELI|FINESS|MRN|medical record(?: number| no\.?)?|patient id|record)\b[^\p{L}\p{N}\n]{0,12}(?:\([A-Z]+\)\s*:?\s*)?([A-Z]?\d[\d ]{3,14}\d|[A-Z]?\d{4,})(?![\p{N}])/giu },
  { rule: 'rpps', label: 'RPPS', score: 0.6,
    re: new RegExp(`${B}(?:10|8)\\d{9}${E}`, 'gu'), check: (m) => (m[0].length === 11 && luhnValid(m[0]) ? 0.7 : null) },
  { rule: 'long-number', label: 'ID', score: 0.5,
    re: new RegExp(`${B}\\d{8,12}${E}`, 'gu') },
  // ---- ages over 89
  { rule: 'age-90', label: 'AGE', score: 0.9,
    re: /(?<![\p{L}\p{N}])(?:9\d|1[01]\d) ?(?:ans|years?[- ]old|yo|y\/o|years? of age)(?![\p{L}])/giu },
  // ---- addresses
  { rule: 'address-fr', label: 'ADDRESS', score: 0.85,
    re: new RegExp(`${B}(?:\\d{1,4}(?:-\\d{1,4})?(?: ?(?:bis|ter|[a-c]))?,? |(?:${NUMW}) )(?:rue|avenue|av\\.?|bd|boulevard|place|pl\\.|all[ée]e|chemin|impasse|route|rte|quai|cours|square|r[ée]sidence|voie|passage|faubourg|fbg|villa|cit[ée]|lotissement|lieu-dit|hameau|chauss[ée]e|promenade|esplanade|parvis|sentier|domaine|mont[ée]e)\\b[^\\n,;()]{1,60}?(?=\\s*(?:[,;()]|\\d{5}|\\.(?:\\s|$)|$|\\n| - | – | tel| t[ée]l))`, 'giu') },
  { rule: 'address-en', label: 'ADDRESS', score: 0.85,
    re: /\b\d{1,5} (?:[A-Z][a-z]+ ){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Court|Ct|Way|Boulevard|Blvd|Landing|Terrace|Parkway|Pkwy|Circle|Cir|Trail|Place|Pl|Highway|Hwy|Square|Sq|Loop|Row|Crossing|Gardens|Path|Run|Walk|Heights|Point|Park|Ridge|Junction|Village|Station|Mission|Center|Harbor|Manor|Mall|Meadows|Port|Plaza|Spur|Track|Vista|View|Estates|Grove|Green|Fork|Falls|Extension|Common|Bypass)\.?(?: (?:Apt|Suite|Unit|#) ?[\w-]+)?\b/gu },
];

/** ZIP + city: "75013 Paris", "94010 Créteil Cedex", "33000, Bordeaux CEDEX", "28722 LA\nBACONNETTE". */
const ZIP_CITY = /(?<![\p{L}\p{N}])((?:0[1-9]|[1-8]\d|9[0-8])\d{3})(,? ?\s?)((?:(?:\p{Lu}[\p{L}'’]*|d[eu]s?|la|le|les|l'|sur|sous|en|et|aux?)(?:[ \-\n]|(?=\s?(?:CEDEX|Cedex)))){0,4}\p{Lu}[\p{L}'’]*(?: (?:CEDEX|Cedex)(?: \d{1,2})?)?)/gu;

const TITLES = new Set(['DR', 'DR.', 'DOCTEUR', 'PR', 'PR.', 'PROFESSEUR', 'PROF', 'PROF.', 'M.', 'MM.', 'MR', 'MR.', 'MRS', 'MRS.', 'MS', 'MS.', 'MME', 'MME.', 'MLLE', 'MLLE.', 'MADAME', 'MONSIEUR', 'MADEMOISELLE', 'MISS', 'MISTER', 'SIR', 'DOCTOR', 'PROFESSOR', 'NURSE', 'INFIRMIER', 'INFIRMIERE', 'INTERNE', 'EXTERNE']);
/** Words after which a capitalized word is a person: kinship, patient, "né(e) de". */
const CUES = new Set(['PATIENT', 'PATIENTE', 'PERE', 'MERE', 'FILS', 'FILLE', 'EPOUX', 'EPOUSE', 'FRERE', 'SOEUR', 'MARI', 'FEMME', 'CONJOINT', 'CONJOINTE', 'COMPAGNON', 'COMPAGNE', 'TUTEUR', 'TUTRICE', 'FATHER', 'MOTHER', 'SON', 'DAUGHTER', 'HUSBAND', 'WIFE', 'BROTHER', 'SISTER', 'PARTNER', 'GUARDIAN', 'NOM', 'PRENOM', 'NAME', 'SIGNE', 'SIGNEE', 'PAR', 'SIGNED']);
/** Capitalized words that are never names by themselves. */
const STOP = new Set([
  'LE', 'LA', 'LES', 'L', 'UN', 'UNE', 'DES', 'DU', 'DE', 'D', 'ET', 'EN', 'AU', 'AUX', 'A', 'POUR', 'PAR', 'AVEC', 'SANS', 'SUR', 'SOUS', 'DANS', 'CHEZ', 'CE', 'CET', 'CETTE', 'CES', 'IL', 'ELLE', 'ILS', 'ELLES', 'ON', 'NOUS', 'VOUS', 'JE', 'TU', 'SON', 'SA', 'SES', 'LEUR', 'MON', 'MA', 'MES', 'NE', 'PAS', 'PLUS', 'OU', 'OUI', 'NON', 'SI', 'MAIS', 'DONC', 'CAR', 'PUIS', 'APRES', 'AVANT', 'DEPUIS', 'VERS', 'ENTRE', 'LORS', 'SELON',
  'THE', 'AND', 'OF', 'IN', 'AT', 'FOR', 'WITH', 'TO', 'AN', 'IS', 'WAS', 'HE', 'SHE', 'HIS', 'HER', 'THEY', 'THIS', 'THAT', 'NO', 'NOT', 'ON', 'BY', 'FROM', 'AS', 'OR', 'IF', 'BE', 'HAS', 'HAD', 'HAVE', 'ARE', 'WERE',
  'PATIENT', 'PATIENTE', 'PATIENTS', 'PATIENTES', 'HOPITAL', 'HOSPITAL', 'CHU', 'CH', 'CHR', 'APHP', 'AP-HP', 'SERVICE', 'UNITE', 'CLINIQUE', 'CENTRE', 'DATE', 'NE', 'NEE', 'NEES', 'NES', 'AGE', 'AGEE', 'ANS', 'DOSSIER', 'MEDICAL', 'MEDICALE', 'COMPTE', 'RENDU', 'CONSULTATION', 'HOSPITALISATION', 'URGENCES', 'URGENCE', 'RDV', 'TEL', 'TEL.', 'FAX', 'IPP', 'NDA', 'NIR', 'RPPS', 'ADELI', 'FINESS', 'SAMU', 'SMUR', 'ECG', 'IRM', 'TDM', 'RAS', 'NFS', 'CRP', 'HTA', 'AVC', 'BPCO', 'VIH', 'VHC', 'VHB', 'SC', 'IV', 'IM', 'PO', 'INJ', 'SOL', 'SER', 'CP', 'MG', 'ML', 'CHEF', 'CHEFS', 'ASSISTANT', 'ASSISTANTS', 'SECRETARIAT', 'ADRESSE', 'RESIDENCE', 'VILLE', 'PAYS', 'FRANCE', 'RUE', 'AVENUE', 'BOULEVARD', 'PLACE', 'CEDEX', 'MOTIF', 'CONCLUSION', 'ANTECEDENTS', 'TRAITEMENT', 'EXAMEN', 'EXAMENS', 'BILAN', 'HISTOIRE', 'MALADIE', 'EVOLUTION', 'RESULTAT', 'RESULTATS', 'CONTACT', 'VISITE', 'ENTREE', 'SORTIE', 'LETTRE', 'COURRIER', 'OBJET', 'CHER', 'CHERE', 'CONFRERE', 'CONSOEUR', 'BONJOUR', 'MERCI', 'CORDIALEMENT', 'DOCTEUR', 'PROFESSEUR', 'MADAME', 'MONSIEUR',
  'LUNDI', 'MARDI', 'MERCREDI', 'JEUDI', 'VENDREDI', 'SAMEDI', 'DIMANCHE', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY',
  'JANVIER', 'FEVRIER', 'MARS', 'AVRIL', 'MAI', 'JUIN', 'JUILLET', 'AOUT', 'SEPTEMBRE', 'OCTOBRE', 'NOVEMBRE', 'DECEMBRE', 'JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER',
  'CHIEF', 'COMPLAINT', 'HISTORY', 'PRESENT', 'ILLNESS', 'SOCIAL', 'ALLERGIES', 'MEDICATIONS', 'ASSESSMENT', 'PLAN', 'KNOWN', 'ACTIVE', 'DIAGNOSIS', 'PROCEDURE', 'PROCEDURES', 'ENCOUNTER', 'NOTE', 'NOTES',
]);

const F_CAP = 1, F_UPPER = 2, F_INITIAL = 4, F_TITLE = 8, F_FIRST = 16, F_SUR = 32, F_AMBIG = 64, F_STOP = 128, F_CUE = 256, F_SENT = 512, F_SYNTHEA = 1024, F_NAME = 2048;

const WORD = /[\p{L}][\p{L}\p{M}]*(?:[-'’][\p{L}][\p{L}\p{M}]*)*\.?/gu;

function isUpperCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 192 && c <= 222 && c !== 215);
}
function isLowerCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 223 && c <= 255 && c !== 247);
}

/** Name spans from one token pass. */
export function recognizeNames(text: string, spans: Span[], lang: Lang): void {
  const d = dictionaries();
  const starts: number[] = [];
  const ends: number[] = [];
  const flags: number[] = [];
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text)) !== null) {
    let s = m.index;
    let w = m[0];
    // elided articles: l'Hôpital, d'Alembert → the word after the apostrophe
    if (w.length > 2 && (w[1] === "'" || w[1] === '’') && 'lLdDjJmMnNsStTcCqQ'.includes(w[0]!)) {
      s += 2; w = w.slice(2);
    }
    const c0 = w.charCodeAt(0);
    let f = 0;
    const hasDot = w.endsWith('.');
    const core = hasDot ? w.slice(0, -1) : w;
    const cap = isUpperCode(c0) || (c0 > 255 && w[0] !== w[0]!.toLowerCase());
    if (cap) f |= F_CAP;
    let e = s + w.length;
    if (hasDot) {
      // initials (C., P-A.) keep the dot; other words give it back to the sentence
      if (cap && (core.length === 1 || /^\p{Lu}(?:[-.]\p{Lu})+$/u.test(core))) f |= F_INITIAL;
      else e -= 1;
    }
    const key = fold(core);
    if (cap) {
      if (core.length >= 2) {
        let allUp = true;
        for (let i = 1; i < core.length; i++) { const c = core.charCodeAt(i); if (isLowerCode(c) || (c > 255 && core[i] !== core[i]!.toUpperCase())) { allUp = false; break; } }
        if (allUp) f |= F_UPPER;
      }
      if (STOP.has(key)) f |= F_STOP;
      if (d.firstNames.has(key)) f |= F_FIRST;
      if (d.surnames.has(key)) f |= F_SUR;
      if (d.ambiguous.has(key)) f |= F_AMBIG;
      const nc = text.charCodeAt(e);
      if (nc >= 48 && nc <= 57 && !(f & F_UPPER)) { f |= F_SYNTHEA; while (e < text.length && text.charCodeAt(e) >= 48 && text.charCodeAt(e) <= 57) e++; }
    }
    if (TITLES.has(key) || TITLES.has(key + (hasDot ? '.' : ''))) {
      // "M" alone is not a title (M. is); neither is "Ms" without context — keep simple
      if (!(key === 'M' && !hasDot)) f |= F_TITLE;
    }
    if (CUES.has(key)) f |= F_CUE;
    // sentence start: previous non-space char is . ! ? or line start
    let p = s - 1;
    while (p >= 0 && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p--;
    if (p < 0) f |= F_SENT;
    else { const pc = text.charCodeAt(p); if (pc === 46 || pc === 33 || pc === 63 || pc === 10 || pc === 13 || pc === 35) f |= F_SENT; }
    starts.push(s); ends.push(e); flags.push(f);
  }
  const n = starts.length;
  /** Gap between token i and i+1 is plain spacing (no punctuation, no line break). */
  const gapOk = (i: number, allowComma = false): boolean => {
    if (i < 0 || i + 1 >= n) return false;
    const a = ends[i]!, b = starts[i + 1]!;
    if (b - a > 3) return false;
    for (let k = a; k < b; k++) {
      const c = text.charCodeAt(k);
      if (c === 32 || c === 160) continue;
      if (allowComma && c === 44) continue;
      return false;
    }
    return true;
  };
  const nameLike = (i: number): boolean => {
    const f = flags[i]!;
    return (f & (F_CAP | F_INITIAL)) !== 0 && (f & (F_STOP | F_TITLE)) === 0;
  };
  const strong = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const f = flags[i]!;
    if (!(f & F_CAP) || (f & (F_STOP | F_TITLE))) continue;
    if (f & F_SYNTHEA) { strong[i] = 1; continue; }
    const prevTitle = i > 0 && (flags[i - 1]! & (F_TITLE | F_CUE)) && gapOkTitle(text, ends[i - 1]!, starts[i]!);
    if (prevTitle) { strong[i] = 1; continue; }
    if (f & F_INITIAL) {
      if (gapOkLoose(text, ends[i]!, i + 1 < n ? starts[i + 1]! : -1) && i + 1 < n && (flags[i + 1]! & F_CAP) && !(flags[i + 1]! & (F_STOP | F_TITLE))) strong[i] = 1;
      continue;
    }
    if (f & F_FIRST) {
      const core = ends[i]! - starts[i]!;
      if (core < 2) continue;
      if (!(f & F_AMBIG)) { if (!(f & F_SENT) || (gapOk(i) && nameLike(i + 1))) strong[i] = 1; continue; }
      // ambiguous first name: needs a capitalized, non-stop neighbour that is itself name-like
      const left = gapOk(i - 1) && nameLike(i - 1) && (flags[i - 1]! & (F_UPPER | F_SUR | F_FIRST)) !== 0 && !(flags[i - 1]! & F_AMBIG);
      const right = gapOk(i) && nameLike(i + 1) && (flags[i + 1]! & (F_UPPER | F_SUR | F_FIRST)) !== 0 && !(flags[i + 1]! & F_AMBIG);
      if (left || right || ((f & F_UPPER) && ((gapOk(i - 1) && (flags[i - 1]! & F_UPPER) && nameLike(i - 1)) || (gapOk(i) && (flags[i + 1]! & F_UPPER) && nameLike(i + 1))))) strong[i] = 1;
      continue;
    }
    if ((f & F_SUR) && !(f & (F_AMBIG | F_SENT)) && !(f & F_UPPER) && ends[i]! - starts[i]! >= 4) {
      // a known surname in Title case mid-sentence, next to another capitalized word
      if ((gapOk(i - 1) && nameLike(i - 1)) || (gapOk(i) && nameLike(i + 1))) strong[i] = 1;
    }
  }
  // extend strong tokens through adjacent name-like tokens (at most 4 tokens per name)
  const isName = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (!strong[i]) continue;
    isName[i] = 1;
    let k = i, count = 1;
    while (count < 4 && k + 1 < n && (gapOk(k) || (flags[k]! & F_INITIAL && gapOkLoose(text, ends[k]!, starts[k + 1]!))) && nameLike(k + 1) && extendOk(flags[k + 1]!, flags[i]!)) { k++; count++; isName[k] = 1; }
    k = i;
    while (count < 4 && k - 1 >= 0 && gapOk(k - 1) && nameLike(k - 1) && extendOk(flags[k - 1]!, flags[i]!) && !(flags[k - 1]! & F_SENT && !(flags[k - 1]! & (F_UPPER | F_FIRST | F_SUR)))) { k--; count++; isName[k] = 1; }
    // "AID MERGHAD, ZINEDINE": an upper-case surname block before ", Firstname"
    if ((flags[i]! & F_FIRST) && i > 0 && !isName[i - 1] && gapOk(i - 1, true) && (flags[i - 1]! & F_UPPER) && nameLike(i - 1)) {
      k = i - 1; isName[k] = 1;
      while (k - 1 >= 0 && gapOk(k - 1) && (flags[k - 1]! & F_UPPER) && nameLike(k - 1) && i - k < 3) { k--; isName[k] = 1; }
    }
  }
  for (let i = 0; i < n; i++) {
    if (!isName[i]) continue;
    spans.push({ start: starts[i]!, end: ends[i]!, label: 'NAME', score: strong[i] ? 0.8 : 0.6, rule: strong[i] ? 'name-anchor' : 'name-extend' });
  }
  // cities from the dictionary (one or two tokens), capitalized, not ambiguous unless after "à"/"in"
  for (let i = 0; i < n; i++) {
    const f = flags[i]!;
    if (!(f & F_CAP) || (f & (F_STOP | F_TITLE)) || isName[i]) continue;
    let len = 0;
    if (i + 1 < n && gapOk(i) && d.cities.has(fold(text.slice(starts[i]!, ends[i + 1]!)))) len = 2;
    else if (d.cities.has(fold(text.slice(starts[i]!, ends[i]!)))) len = 1;
    if (!len) continue;
    const prev = text.slice(Math.max(0, starts[i]! - 3), starts[i]!).toLowerCase();
    const cue = /(?:^|\s)(?:à|a|in|at) $/.test(prev) || / de $/.test(prev);
    if ((f & F_AMBIG) && !cue) continue;
    if ((f & F_FIRST) && !cue) continue;
    spans.push({ start: starts[i]!, end: ends[i + len - 1]!, label: 'CITY', score: cue ? 0.8 : 0.6, rule: 'city-dict' });
    i += len - 1;
  }
  void lang;
}

function extendOk(neighbour: number, anchor: number): boolean {
  // extend to upper-case words, known names, initials, and Title-case words not at a sentence start
  if (neighbour & (F_UPPER | F_FIRST | F_SUR | F_INITIAL | F_SYNTHEA)) return true;
  if (anchor & F_SYNTHEA) return false;
  return !(neighbour & F_SENT) && !(neighbour & F_AMBIG);
}

/** After a title: spaces, a dot, or a colon ("Dr.Sugor", "Dr : X"). */
function gapOkTitle(text: string, a: number, b: number): boolean {
  if (b - a > 4) return false;
  for (let k = a; k < b; k++) { const c = text.charCodeAt(k); if (c !== 32 && c !== 46 && c !== 58 && c !== 160) return false; }
  return true;
}
/** After an initial: nothing or spaces. */
function gapOkLoose(text: string, a: number, b: number): boolean {
  if (b < 0 || b - a > 2) return false;
  for (let k = a; k < b; k++) if (text.charCodeAt(k) !== 32) return false;
  return true;
}

const EMAIL_LOCAL = /[A-Za-z0-9._%+\-]/;
const EMAIL_DOMAIN = /[A-Za-z0-9.\-]/;

/** E-mail addresses: an indexOf('@') loop, expanded left and right (no regex scan of the text). */
export function recognizeEmails(text: string, spans: Span[]): void {
  let at = text.indexOf('@');
  while (at !== -1) {
    let s = at;
    while (s > 0 && EMAIL_LOCAL.test(text[s - 1]!)) s--;
    let e = at + 1;
    while (e < text.length && EMAIL_DOMAIN.test(text[e]!)) e++;
    while (e > at + 1 && (text[e - 1] === '.' || text[e - 1] === '-')) e--;
    const dom = text.slice(at + 1, e);
    if (s < at && /\.[A-Za-z]{2,}$/.test(dom)) spans.push({ start: s, end: e, label: 'EMAIL', score: 1, rule: 'email' });
    at = text.indexOf('@', e);
  }
}

/** Every pattern recognizer over the text. */
export function recognizePatterns(text: string, spans: Span[]): void {
  for (const r of RULES) {
    r.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = r.re.exec(text)) !== null) {
      if (m[0].length === 0) { r.re.lastIndex++; continue; }
      let score = r.score;
      if (r.check) { const s = r.check(m, text); if (s === null) continue; score = s; }
      let start = m.index, end = m.index + m[0].length;
      if (r.group !== undefined) {
        const g = m[r.group];
        if (!g) continue;
        start = m.index + m[0].lastIndexOf(g);
        end = start + g.length;
      }
      // trim trailing spaces inside spans
      while (end > start && text.charCodeAt(end - 1) === 32) end--;
      spans.push({ start, end, label: r.label, score, rule: r.rule });
    }
  }
  ZIP_CITY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ZIP_CITY.exec(text)) !== null) {
    const zs = m.index;
    const city = m[3]!;
    const cityStart = zs + m[1]!.length + m[2]!.length;
    const key = fold(city.split(/[ \-\n]/)[0]!);
    if (STOP.has(key) && key !== 'LA' && key !== 'LE' && key !== 'LES') continue;
    spans.push({ start: zs, end: zs + 5, label: 'ZIP', score: 0.85, rule: 'zip-city' });
    spans.push({ start: cityStart, end: cityStart + city.length, label: 'CITY', score: 0.85, rule: 'zip-city' });
  }
}

/** Hospital names after "Hôpital", "CHU", "Clinique", "Hospital". */
const HOSPITAL = /(?:\bH[ôo]pital|\bCHU|\bCHR|\bCH|\bClinique|\bHospital|\bGroupe hospitalier|\bGH)(?: (?:de la|de l'|du|des|de|d'|la|le|les))? ((?:\p{Lu}[\p{L}'’\-]*)(?:[ \-](?:\p{Lu}[\p{L}'’\-]*))*)/gu;
export function recognizeHospitals(text: string, spans: Span[]): void {
  HOSPITAL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HOSPITAL.exec(text)) !== null) {
    const g = m[1]!;
    if (STOP.has(fold(g.split(/[ \-]/)[0]!)) && !/^(?:Le|La)$/.test(g)) continue;
    const start = m.index + m[0].length - g.length;
    spans.push({ start, end: start + g.length, label: 'HOSPITAL', score: 0.7, rule: 'hospital-cue' });
  }
}

/** Re-labels dates preceded by a birth cue (né(e) le, DDN, date de naissance, born, DOB) as BIRTHDATE. */
const BIRTH_CUE = /(?:n[ée]e?s? le|n[ée]e?s? en|ddn|date de naissance|date de nais\.?|naissance|born(?: on)?|dob|date of birth|birth ?date)\s*[:.]?\s*(?:le\s+)?$/i;
export function markBirthDates(text: string, spans: Span[]): void {
  for (const s of spans) {
    if (s.label !== 'DATE') continue;
    const before = text.slice(Math.max(0, s.start - 28), s.start);
    if (BIRTH_CUE.test(before)) s.label = 'BIRTHDATE';
  }
}

/** Identifier spans after a cue get the cue's label (IPP, NDA, RPPS, MRN). */
export function labelIdentifiers(text: string, spans: Span[]): void {
  for (const s of spans) {
    if (s.label !== 'ID' || s.rule !== 'id-cue') continue;
    const before = text.slice(Math.max(0, s.start - 40), s.start).toUpperCase();
    const idx = (w: string): number => before.lastIndexOf(w);
    const best = [['IPP', idx('IPP')], ['NDA', Math.max(idx('NDA'), idx('SÉJOUR'), idx('SEJOUR'))], ['RPPS', idx('RPPS')], ['MRN', Math.max(idx('MRN'), idx('MEDICAL RECORD'), idx('RECORD'))]] as [TextLabel, number][];
    best.sort((a, b) => b[1] - a[1]);
    if (best[0]![1] >= 0) s.label = best[0]![0];
  }
}
