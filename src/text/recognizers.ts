/**
 * Recognizers for clinical free text (French and English). Each runs ONE precompiled regular
 * expression (or an indexOf loop) over the whole text and pushes spans; names come from a single
 * token pass with Set look-ups. No per-token regex: token flags are computed with char codes.
 *
 * Checksums (NIR key, Luhn, IBAN mod 97) raise the score but never gate a match: real notes
 * contain mistyped keys (../shared/reference/identifiers.md).
 */
import { checkNir, isValidIban, isIpv4, isIpv6, luhnValid, isSsn } from '../health/identifiers/validators.ts';
import { fold, isVocabularyRun, isVocabularyWord, lexiconMap, LEX_AMBIG, LEX_CITY, LEX_CITY_PREFIX, LEX_CITY_WORD1, LEX_FIRST, LEX_SUR, LEX_TOWN, LEX_WORDNAME } from './data.ts';
import type { Lexicon } from './data.ts';
import type { Lang, Span, TextLabel } from './types.ts';
import { spacesOnly } from './resolve.ts';

const MONTHS_FR = 'janvier|janv|f[ée]vrier|f[ée]vr?|mars|avril|avr|mai|juin|juillet|juil|ao[uû]t|aout|septembre|sept|sep|octobre|oct|novembre|nov|d[ée]cembre|d[ée]c';
const MONTHS_EN = 'january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sept|sep|october|oct|november|nov|december|dec';
const MONTHS = `${MONTHS_FR}|${MONTHS_EN}`;
const MONTHS_FULL = 'janvier|f[ée]vrier|mars|avril|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|january|february|march|april|june|july|august|september|october|november|december';
const NUMW_DAY = 'premier|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente';
const NUMW = 'un|une|premier|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|septante|huitante|octante|nonante|cents?|mille|et';

const NIR_CUE = /(?:assurance maladie|carte vitale|s[ée]cu|s[ée]curit[ée] sociale|\bNIR\b|\bNSS\b|\bINS\b|insee|immatriculation|\bSS\b|social security)/i;

/** One scan per document tells whether any month name occurs; month-led rules are skipped otherwise. */
/**
 * Month names: the same test as /(?<![a-zà-ÿ])(?:MONTHS)(?![a-zà-ÿ])/i, done inside the one
 * character pass (charClasses): a maximal run of letters (the class [a-zà-ÿ] under the i flag:
 * A-Z, a-z, À-Ö, Ø-Þ, à-ÿ, Ÿ) whose lower-case form is one of the month forms.
 */
/** The words an alternation of month names matches (its classes [ée] [uû] and optional 'r?' expanded). */
function monthForms(alternation: string): Set<string> {
  const out = new Set<string>();
  for (const alt of alternation.split('|')) {
    let forms = [''];
    for (let i = 0; i < alt.length; i++) {
      if (alt[i] === '[') { const j = alt.indexOf(']', i); const chars = alt.slice(i + 1, j).split(''); forms = forms.flatMap((f) => chars.map((c) => f + c)); i = j; }
      else if (alt[i + 1] === '?') { forms = forms.flatMap((f) => [f, f + alt[i]]); i++; }
      else forms = forms.map((f) => f + alt[i]);
    }
    for (const f of forms) out.add(f);
  }
  return out;
}
const MONTH_FORMS = monthForms(MONTHS);
/** Unabbreviated month names (lower case): a dot after one ends the sentence, it is not part of the date. */
const FULL_MONTHS = monthForms(`${MONTHS_FULL}|mai|may|aout`);
/** Whether the letters right before the dot at `dot` are a whole unabbreviated month name. */
function fullMonthBefore(t: string, dot: number): boolean {
  let k = dot;
  while (k > 0 && isMonthLetter(t.charCodeAt(k - 1))) k--;
  return dot - k >= 3 && FULL_MONTHS.has(t.slice(k, dot).toLowerCase());
}
function isMonthLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 192 && c <= 255 && c !== 215 && c !== 223) || c === 376;
}
/** First two letters of a month form (lower case, é → e): cheap filter before the Set look-up. */
function monthStart(c0: number, c1: number): boolean {
  const a = c0 | 32;
  const b = c1 === 233 || c1 === 201 ? 101 : c1 < 128 ? c1 | 32 : c1;
  switch (a) {
    case 106: return b === 97 || b === 117;            // ja ju
    case 102: case 100: case 115: return b === 101;     // fe fé de dé se
    case 109: return b === 97;                          // ma
    case 97: return b === 118 || b === 112 || b === 111 || b === 117; // av ap ao au
    case 111: return b === 99;                          // oc
    case 110: return b === 111;                         // no
    default: return false;
  }
}
const DIGIT2_SPACE = / (?:0?[1-9]|1[0-2]) (?:deux|mille|\d{4})/;
/** The value of the ASCII digits t[a, b). */
function digitsValue(t: string, a: number, b: number): number { let v = 0; for (let k = a; k < b; k++) v = v * 10 + t.charCodeAt(k) - 48; return v; }
/** Whether 14 digits are a date and time, YYYYMMDDHHMMSS (years 1900-2099). */
function compactDateTime(v: string): boolean {
  const y = digitsValue(v, 0, 2), mo = digitsValue(v, 4, 6), d = digitsValue(v, 6, 8);
  return (y === 19 || y === 20) && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && digitsValue(v, 8, 10) <= 23 && digitsValue(v, 10, 12) <= 59 && digitsValue(v, 12, 14) <= 59;
}
/** Character classes present in a text (one pass): rules that need an absent class are skipped. */
const C_DIGIT = 1, C_SLASH = 2, C_DOT = 4, C_DASH = 8, C_PAREN = 16, C_COLON = 32, C_UPPER = 64;
/**
 * Shape features found in the same pass (each a NECESSARY condition of one rule, so a rule whose
 * feature is absent cannot match and its scan is skipped; the output is unchanged). The digit-led
 * rules with a start shape (S_* below) need no such gate: they only run at runs of their shape.
 */
const G_DSY = 1 << 10;     // digit ' ' then a run of >= 4 digits starting 1 or 2  (date-dmy-space)
const G_UUD = 1 << 13;     // two upper-case ASCII letters then a digit            (iban)
const G_CUEEXT = 1 << 16;  // a 4-5 digit run after a letter (only spaces, ':', '.', '#' between) (phone-cue-ext)
const G_D2S = 1 << 18;     // DIGIT2_SPACE's shape (date-words' second gate)
const G_DEG = 1 << 19;     // '°' (n° dossier / n° séjour)
const G_MONTH = 1 << 20;   // a month name (MONTH_FORMS)                          (date-text, date-month-cue, date-words)
const G_HEXC = 1 << 21;    // HEXCOLON's shape: hex ':' 1-4 hex ':' hex             (ipv6)
const G_DCOLON = 1 << 25;  // '::'                                                 (ipv6)
const G_BAREURL = 1 << 28; // '.' + a top-level domain (fr, com, org…, any case) + '/'   (url-bare)
const G_TYPO = 1 << 27;   // a typographic space or hyphen (U+00A0, U+2000-U+200A, U+202F, U+2010, U+2011)
const G_URL = 1 << 26;     // '://', or a letter run ending with www (any case) before '.'  (url)
const G_HOLIDAY = 1 << 7;  // a letter run that is a holiday's name (HOLIDAYS)          (date-holiday)
const G_SSNW = 1 << 8;     // a letter run SSN, ssn, Ssn, SS, Social or social        (ssn-cue)
const G_BOX = 1 << 9;      // a letter run Box or BOX                                 (po-box)
const G_COUNTY = 1 << 11;  // a letter run County, Parish or Borough                  (counties)
const G_LOGIN = 1 << 14;   // a letter run that is a login's cue word (LOGIN_CUES)     (name-login)
const G_ORD = 1 << 15;     // a run of 1-2 digits then st, nd, rd or th (any case)   (date-ordinal)
const G_INIT = 1 << 17;    // a letter run Initials, Initiales, Initial… (any of their cases)   (name-initials-field)
const G_LAST4 = 1 << 22;   // a letter run ending, last or xxx (any of their cases)   (last-digits)
const G_HASHNUM = 1 << 12; // '#' then a digit, or a white space and a digit ("#09127", "# 1234"; not a heading's "# Plan") (store)
/**
 * A chain of >= 8 elements (digits and 'O') joined by nothing or by 1-2 of ' .-()/': every match
 * of the phone rules phone-fr, phone-fr-4x4, phone-intl ('+' and 7 more digits at least) and
 * phone-us is one.
 */
const G_PHONE = 1 << 24;
/** Characters that may join two elements of a phone chain (' ', '.', '-', '(', ')', '/', and a line break: wrapped text). */
function isPhoneJoin(c: number): boolean { return c === 32 || c === 46 || c === 45 || c === 40 || c === 41 || c === 47 || c === 10 || c === 13; }
/**
 * Whether a phone-shaped match with two spaces between its pairs is a row of figures instead: a table's columns ("J  01  02
 * 03  04  05  06  07", another pair right before or after it) or a counted series ("Semaines  08  10  12  14  16", pairs
 * a constant step apart).
 */
function spacedRow(t: string, a: number, m: string): boolean {
  if (!m.includes('  ')) return false;
  const b = a + m.length;
  if (/\d\d {1,2}$/.test(t.slice(Math.max(0, a - 4), a)) || /^ {1,2}\d\d/.test(t.slice(b, b + 4))) return true;
  const p = m.trim().split(/ +/).map(Number);
  return p.length >= 4 && p.every((x, i) => i < 2 || x - p[i - 1]! === p[1]! - p[0]!);
}
/** Whether [a, b) stands in a row of numbers (a number and a space before it or after it: a table's figures). */
function inNumberRow(t: string, a: number, b: number): boolean {
  return (cc(t, a - 1) === 32 && isDigitCode(cc(t, a - 2))) || (cc(t, b) === 32 && isDigitCode(cc(t, b + 1)));
}
/** A national number of 10 or 11 digits with its trunk 0, or of 9 with a one-digit area code ("07 824 5518"). */
function trunkDigits(v: string): boolean {
  let n = 0;
  for (let k = 0; k < v.length; k++) if (isDigitCode(v.charCodeAt(k))) n++;
  return n === 10 || n === 11 || (n === 9 && isDigitCode(v.charCodeAt(1)) && !isDigitCode(v.charCodeAt(2)));
}
/**
 * Chain state of charClasses (end offset of the last element, element count). NIR chains: runs
 * of digits ('A'/'B' right after a digit counting as one) with at most one space or line break
 * between consecutive elements; every NIR match lies in one chain, with >= 13 elements (1 + 4 + 2 + 6
 * digits, "2A"/"2B" counting 2) from the run where it starts.
 */
let nirEnd = -2, nirLen = 0, phEnd = -3, phLen = 0;
/** Extends the phone chain by `len` elements at [s, s + len) of t. */
function phoneChain(t: string, s: number, len: number): number {
  const gap = s - phEnd;
  if (gap === 0 || (gap === 1 && isPhoneJoin(t.charCodeAt(s - 1))) || (gap === 2 && isPhoneJoin(t.charCodeAt(s - 1)) && isPhoneJoin(t.charCodeAt(s - 2)))) phLen += len;
  else phLen = len;
  phEnd = s + len;
  return phLen >= 8 ? G_PHONE : 0;
}
/**
 * t.charCodeAt(i), or -1 outside the text: a read past either end (at a text's edge) would return
 * NaN and make V8 throw away the optimized code of the function that did it ("out of bounds"
 * deoptimization), after which it may stay slower; the edge reads of the hot loops go through here.
 */
export function cc(t: string, i: number): number { return i >= 0 && i < t.length ? t.charCodeAt(i) : -1; }
function isHexCode(c: number): boolean { return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102); }
/** JS \s (and other control characters, which only widens the test). */
function isSpaceLike(c: number): boolean {
  return c <= 32 || c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
export function isAsciiLetter(c: number): boolean { return (c >= 65 && c <= 90) || (c >= 97 && c <= 122); }
export function isUpperAscii(c: number): boolean { return c >= 65 && c <= 90; }
export function isLowerAscii(c: number): boolean { return c >= 97 && c <= 122; }
export function isDigitCode(c: number): boolean { return c >= 48 && c <= 57; }
/**
 * Per UTF-16 code (one table, no branch on the code's range): 1 month-name letter, 2 digit, 4 a character with a C_* flag (CHAR_FLAG) or '#',
 * K_CAP an upper-case letter that starts a name token, K_ODD a character on which the letter
 * class of the month names and the one of the name tokens disagree ('ß', '÷', 'Ÿ', and the letters of EXT_BLOCKS, 'œ'
 * among them): the name tokens of such a text come from the WORD regex, and its RUN_SEEN from nameLetterRuns.
 */
const K_ODD = 8, K_CAP = 16, K_HI = 32, K_TYPO = 64;
/** 'Ÿ': a letter of the runs and no letter of the rules' [A-Za-zÀ-ÿ] (runRegular). */
const K_RUN_ODD = 128;
/**
 * The letters of names beyond Latin-1 (Latin Extended-A and -B, Latin Extended Additional: "Wiśniewski", "Ayşe",
 * "SZYMAŃSKA", "Hương"): 1 upper case, 2 lower case, 0 no letter of these blocks.
 */
const EXT_CASE = new Uint8Array(65536);
const EXT_BLOCKS = [[0x100, 0x24f], [0x1e00, 0x1eff]] as const;
for (const [a, b] of EXT_BLOCKS) {
  for (let c = a; c <= b; c++) {
    const ch = String.fromCharCode(c);
    const lo = ch.toLowerCase(), up = ch.toUpperCase();
    EXT_CASE[c] = lo !== ch && up === ch ? 1 : up !== ch && lo === ch ? 2 : /\p{L}/u.test(ch) ? 2 : 0;
  }
}
const CHAR_KIND = new Uint8Array(65536);
const CHAR_FLAG = new Int32Array(256);
for (let c = 0; c < 256; c++) {
  if (isMonthLetter(c)) CHAR_KIND[c]! |= 1;
  if (c >= 48 && c <= 57) CHAR_KIND[c]! |= 2;
  const f = c >= 65 && c <= 90 ? C_UPPER : c === 47 ? C_SLASH : c === 46 ? C_DOT : c === 45 ? C_DASH : c === 40 ? C_PAREN : c === 58 ? C_COLON : c === 176 ? G_DEG : 0;
  if (f) { CHAR_KIND[c]! |= 4; CHAR_FLAG[c] = f; }
  if (c === 35) CHAR_KIND[c]! |= 4; // '#' (G_HASHNUM, read after it)
  if (c === 223 || c === 247) CHAR_KIND[c]! |= K_ODD;
  // ('÷' in a letter run is no letter of the regexes' words: "Walgreens÷" holds the word Walgreens, which the candidate
  // words of the run would miss)
  if (c === 247) CHAR_KIND[c]! |= K_RUN_ODD;
  if ((c >= 65 && c <= 90) || (c >= 192 && c <= 222 && c !== 215)) CHAR_KIND[c]! |= K_CAP;
  if (c >= 192 && isMonthLetter(c)) CHAR_KIND[c]! |= K_HI;
}
// above Latin-1: 'Ÿ' is a month-name letter (and odd)
CHAR_KIND[376] = 1 | K_ODD | K_HI | K_RUN_ODD;
// the other letters of names beyond Latin-1 are no month-name letters: odd (a text that holds one takes its name
// tokens from the WORD regex, whose letters they are)
for (const [a, b] of EXT_BLOCKS) for (let c = a; c <= b; c++) if (EXT_CASE[c] !== 0) CHAR_KIND[c]! |= K_ODD;
/**
 * Typographic spaces and hyphens (no-break space U+00A0, narrow no-break space U+202F, figure and
 * thin spaces U+2000-U+200A; hyphen U+2010, no-break hyphen U+2011), which word processors put in
 * phone numbers, NIRs and dates: the character pass flags them (K_TYPO → G_TYPO) and recognize
 * reads the text again with plain ones (plainSpaces: one code unit for one, the same offsets).
 */
const TYPO_G = /[\u00a0\u2000-\u200a\u202f\u2010\u2011]/g;
for (const c of [0xa0, 0x202f, 0x2010, 0x2011]) CHAR_KIND[c]! |= K_TYPO;
for (let c = 0x2000; c <= 0x200a; c++) CHAR_KIND[c]! |= K_TYPO;
export function plainSpaces(text: string): string {
  return text.replace(TYPO_G, (c) => (c === '\u2010' || c === '\u2011' ? '-' : ' '));
}
/**
 * After a 1-3 digit run ending at the '.' at i: two more runs of 1-3 digits each followed by '.',
 * then a digit — what the rest of an IPv4 address needs (\d{1,3} cannot stop inside a longer run).
 */
function ipv4Tail(t: string, i: number): boolean {
  const n = t.length;
  let k = i + 1;
  for (let part = 0; part < 2; part++) {
    const a = k;
    while (k < n && isDigitCode(t.charCodeAt(k))) k++;
    if (k - a < 1 || k - a > 3 || cc(t, k) !== 46) return false;
    k++;
  }
  return k < n && isDigitCode(t.charCodeAt(k));
}
/** Features of the digit run [s, i) of t (c: the character after it, 0 at the end). */
function digitRunFeatures(t: string, s: number, i: number, c: number): number {
  const n = t.length;
  let m = C_DIGIT;
  const len = i - s;
  const d0 = t.charCodeAt(s);
  const pc = s > 0 ? t.charCodeAt(s - 1) : -1;
  // the run's start shapes (what the sticky rules may match from here)
  let sh = 0;
  const c1 = i + 1 < n ? t.charCodeAt(i + 1) : -1; // the character after c
  const c1Digit = isDigitCode(c1);
  // (most shapes hold for one length only: the tests are grouped by length, so that a run meets only those of its own)
  if (len <= 3) {
    if (len <= 2) {
      const c2 = c === 32 ? c1 : -1;
      sh |= S_LE2;
      if (c === 47 || c === 46 || c === 45 || c === 124 || c2 === 47 || c2 === 46 || c2 === 45 || c2 === 124) sh |= S_DMY;
      if (c === 47 || c2 === 47) sh |= S_DM;
      if (len === 2) {
        if (c === 46 && c1Digit) sh |= S_DOT2;
        if (c === 32) sh |= S_SP2;
        if ((d0 === 48 || d0 === 49) && (c === 32 || c === 47)) sh |= S_MY;
        if (pc === 39 || pc === 8217) sh |= S_APOS;
        if (d0 === 57) sh |= ageShapes(t, s, c, c1);
      } else {
        if (d0 !== 48 && c === 47) sh |= S_MY;
        if (d0 === 49 && (c === 32 || c === 46 || c === 45)) sh |= S_US;
        if (c === 32) sh |= S_SPACED;
        // nir-sep: the sex digit, then '.' or '-' and two digits
        if ((c === 46 || c === 45) && ((d0 >= 49 && d0 <= 52) || d0 === 55 || d0 === 56) && c1Digit && isDigitCode(cc(t, i + 2))) sh |= S_NIRSEP;
      }
      const lc = c | 32;
      if ((lc === 115 || lc === 110 || lc === 114 || lc === 116) && ((c1 | 32) === 116 || (c1 | 32) === 100 || (c1 | 32) === 104)) m |= G_ORD;
    } else {
      // ssn-cue: 3 digits then a space, a dot or a dash and a digit (or 9 digits, below)
      if ((c === 32 || c === 46 || c === 45) && c1Digit) { sh |= S_SSNC; if (d0 >= 50) sh |= S_US; if (c === 45) sh |= S_SSN; }
      else if (d0 >= 50 && (c === 32 || c === 46 || c === 45)) sh |= S_US;
      if (extBefore(t, s)) sh |= S_EXT3;
      if (d0 === 49 && (t.charCodeAt(s + 1) === 48 || t.charCodeAt(s + 1) === 49)) sh |= ageShapes(t, s, c, c1);
      // (a plate's '-ddd-')
      if (c === 45 && pc === 45) sh |= S_VEH;
    }
    if (c === 46 && c1Digit && ipv4Tail(t, i)) sh |= S_IP;
  } else {
    if (len === 4) { if (d0 === 49 || d0 === 50) { sh |= S_Y4; if (c === 45) sh |= S_ISO; } }
    else if (len === 5) sh |= S_ZIP;
    else if (len === 6) sh |= S_6;
    // (8 digits: a compact date; 12 or 14: a compact date and time)
    else if (len === 8 || len === 12 || len === 14) sh |= S_8;
    if (len >= 8 && len <= 12) { sh |= S_LONG; if (len === 9) sh |= S_SSNC; }
  }
  if (d0 === 48) { sh |= S_F0; if (len >= 3 && len <= 5 && c === 32) sh |= S_F0G; }
  if ((d0 >= 49 && d0 <= 52) || d0 === 55 || d0 === 56) sh |= S_NIR;
  if (len <= 4) {
    // address-fr (case-insensitive): digits then '-', ',', "bis"/"ter"/[a-c], or ' ' and such a word or a street word
    const lc = c | 32;
    if (c === 45 || c === 44 || (lc >= 97 && lc <= 99) || lc === 116 || (c === 32 && c1 > 0 && c1 < 128 && ADDR_FIRST[c1 | 32] === 1)) sh |= S_ADDR;
    if (c === 45 && c1Digit) sh |= S_DASH;
  }
  // recognizeVehicles: a digit run touching an upper-case ASCII letter (inside a VIN)
  if ((pc >= 65 && pc <= 90) || (c >= 65 && c <= 90)) sh |= S_VEH;
  // id-lettered: a run of 2 digits or more after a '-' that follows letters or digits ("ORD-231017-052", "IRM-2024-07731")
  if (len >= 2 && pc === 45 && s >= 3 && (isUpperAscii(t.charCodeAt(s - 2)) || isDigitCode(t.charCodeAt(s - 2)))) sh |= S_LDASH;
  if (c === 32 && len <= 5 && i + 1 < n) {
    // address-en: ' ' + [A-Z][a-z]+ or [A-Z]{2,} ' ' + another word
    // (or a direction first: "2210 W. Jefferson Blvd")
    // (a direction without its dot, "2210 W Broad St"; a numbered street, "2602 6th Ave")
    if (c1 >= 65 && c1 <= 90) {
      let k = i + 2; while (k < n && isAsciiLetter(t.charCodeAt(k))) k++;
      if ((k > i + 2 && cc(t, k) === 32) || (cc(t, k) === 46 && cc(t, k + 1) === 32) || (k === i + 2 && cc(t, k) === 32 && (c1 === 78 || c1 === 83 || c1 === 69 || c1 === 87))) sh |= S_ADDREN;
    } else if (isDigitCode(c1)) {
      let k = i + 2; while (k < n && k - i <= 4 && isDigitCode(t.charCodeAt(k))) k++;
      if (isLowerAscii(cc(t, k)) && isLowerAscii(cc(t, k + 1)) && cc(t, k + 2) === 32) sh |= S_ADDREN;
    }
    // DIGIT2_SPACE: ' ' + (1-9 | 0[1-9] | 1[0-2]) + ' ' + (deux | mille | 4 digits)
    if (len <= 2 && pc === 32) {
      const d1 = len === 2 ? t.charCodeAt(s + 1) : 0;
      const monthLike = len === 1 ? d0 !== 48 : (d0 === 48 && d1 !== 48) || (d0 === 49 && d1 <= 50);
      if (monthLike && (t.startsWith('deux', i + 1) || t.startsWith('mille', i + 1)
        || (isDigitCode(c1) && isDigitCode(cc(t, i + 2)) && isDigitCode(cc(t, i + 3)) && isDigitCode(cc(t, i + 4))))) m |= G_D2S;
    }
  }
  if (len >= 4 && (d0 === 49 || d0 === 50) && pc === 32 && s >= 2 && isDigitCode(t.charCodeAt(s - 2))) m |= G_DSY;
  // the NIR and phone chains
  if (s === nirEnd || (s === nirEnd + 1 && (pc === 32 || pc === 10)) || (s === nirEnd + 2 && pc === 10 && t.charCodeAt(s - 2) === 13)) nirLen += len; else nirLen = len;
  nirEnd = i;
  m |= phoneChain(t, s, len);
  if (len === 4 || len === 5 || (len === 2 && c === 32 && isDigitCode(c1) && isDigitCode(cc(t, i + 2)) && isDigitCode(cc(t, i + 3)) && !isDigitCode(cc(t, i + 4)))) {
    let k = s - 1;
    while (k >= 0) { const b = t.charCodeAt(k); if (!(isSpaceLike(b) || b === 58 || b === 46 || b === 35)) break; k--; }
    if (k >= 0 && isAsciiLetter(t.charCodeAt(k))) {
      m |= G_CUEEXT;
      // every phone-cue-ext cue ends with one of these letters (téléphone, tél, au, fax, faxer, ext, le, pager, bip…)
      const l = t.charCodeAt(k) | 32;
      if (l === 101 || l === 108 || l === 117 || l === 120 || l === 114 || l === 116 || l === 112) sh |= S_CUE45;
    }
  }
  if (s >= 2) { const a = t.charCodeAt(s - 2); if (pc >= 65 && pc <= 90 && a >= 65 && a <= 90) m |= G_UUD; }
  if (nRuns === runS.length) {
    runS = doubled(runS); runE = doubled(runE); runM = doubled(runM); runBefore = doubled(runBefore); runFirst = doubled(runFirst); runTop = doubled(runTop);
  }
  // the run, its shapes and its place in its NIR chain
  const q = nRuns++;
  runS[q] = s; runE[q] = i; runM[q] = sh; runAny |= sh;
  if (nirLen === len) nirFirst = q;
  runBefore[q] = nirLen - len; runFirst[q] = nirFirst; runTop[nirFirst] = nirLen;
  return m;
}
/**
 * age-90's shapes of a run 9x, 10x or 11x at s (c, c1: the two characters after it): ' '? then ans / year / yo / y/o (any
 * case) after it (S_AGE), an age cue before it (S_9X).
 */
function ageShapes(t: string, s: number, c: number, c1: number): number {
  let sh = 0;
  const a = c === 32 || c === 45 ? c1 | 32 : c | 32;
  if (a === 97 || a === 121) sh |= S_AGE;
  if (ageCueBefore(t, s)) sh |= S_9X;
  return sh;
}
/**
 * Whether an extension's cue ends right before the digits at s (S_EXT3): "ext", "ext.", "extn", "extension",
 * "poste", "bleep", "bip" (any case), then spaces, '.', ':' or '#'; or a lone "x" right before them.
 */
function extBefore(t: string, s: number): boolean {
  // (an extension's "x" glued to it, alone: "555-0100 x231", "RN x412"; phone-x-ext)
  if (s >= 1 && t.charCodeAt(s - 1) === 120 && !isAlnumLatin(cc(t, s - 2))) return true;
  let k = s - 1;
  while (k >= 0 && (t.charCodeAt(k) === 32 || t.charCodeAt(k) === 46 || t.charCodeAt(k) === 58 || t.charCodeAt(k) === 35)) k--;
  return EXT_CUES.has(cueWordEndingAt(t, k));
}
/** The word of 3-9 ASCII letters that ends at k (inclusive), in lower case; '' when there is none or another letter glues to it. */
function cueWordEndingAt(t: string, k: number): string {
  const e = k + 1;
  while (k >= 0 && isAsciiLetter(t.charCodeAt(k))) k--;
  const len = e - k - 1;
  if (len < 3 || len > 9 || (k >= 0 && isWordLetter(t.charCodeAt(k)))) return '';
  return t.slice(k + 1, e).toLowerCase();
}
const EXT_CUES = new Set(['ext', 'extn', 'extension', 'poste', 'bleep', 'bip']);
/**
 * Whether the last letter of an age cue comes right before the number at s (S_9X): age-90-now's
 * "now", "turned", "turns", "turning" and one space; age-90-cue's "age(d)", "âgé(e)(s)( de)",
 * "agee(s)( de)" (any case), then a white space, a colon and a white space, each optional. (isSpaceLike
 * holds every white space of the rules' \s, and more control characters: a pre-test, never narrower.)
 */
function ageCueBefore(t: string, s: number): boolean {
  let p = s - 1;
  if (cc(t, p) === 32) { const l = cc(t, p - 1); if (l === 119 || l === 100 || l === 115 || l === 103) return true; }
  if (isSpaceLike(cc(t, p))) p--;
  if (cc(t, p) === 58) p--;
  if (isSpaceLike(cc(t, p))) p--;
  const l = cc(t, p) | 32;
  return l === 101 || l === 100 || l === 115 || l === 233;
}
/**
 * Candidate match starts recorded by charClasses for the digit-led rules: every digit run (start,
 * length), and every '(', '+' or lone 'O' followed by a digit (where a phone number may start).
 * Every match of a rule with a start test (`at`) begins at one of these, so the rule runs its
 * sticky regex there instead of scanning the whole text: the same matches, found in the same order.
 */
let runS = new Int32Array(256), runE = new Int32Array(256), runM = new Int32Array(256), nRuns = 0;
/** The shapes of all the runs (OR): a rule none of whose shapes any run has is not walked over the runs. */
let runAny = 0;
/**
 * NIR chains per run: elements of its chain before it, and the index of the chain's first run;
 * runTop[first] is the chain's length. A NIR match needs >= 13 elements from its first run on.
 */
let runBefore = new Int32Array(256), runFirst = new Int32Array(256), runTop = new Int32Array(256), nirFirst = 0;
let xS = new Int32Array(64), nX = 0;
/**
 * Start shapes of a digit run (length, first digit, the character after it). Each scanned rule
 * names the shapes its matches can start with (`at`, read off its regex): a run with none of them
 * cannot start a match of the rule.
 */
/** A copy of a full candidate buffer with twice the room (the buffers only grow). */
function doubled(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> { const b = new Int32Array(a.length * 2); b.set(a); return b; }
const S_LE2 = 1, S_ISO = 2, S_EXT3 = 4, S_DMY = 8, S_DM = 16, S_DOT2 = 1 << 5, S_SP2 = 1 << 6, S_MY = 1 << 7, S_Y4 = 1 << 8,
  S_8 = 1 << 9, S_F0 = 1 << 10, S_US = 1 << 11, S_NIR = 1 << 12, S_SSN = 1 << 13, S_IP = 1 << 14, S_LONG = 1 << 15,
  S_AGE = 1 << 16, S_ADDR = 1 << 17, S_ADDREN = 1 << 18, S_SPACED = 1 << 19, S_ZIP = 1 << 20, S_CUE45 = 1 << 21, S_9X = 1 << 22,
  S_VEH = 1 << 23, S_DASH = 1 << 24, S_NIRSEP = 1 << 25, S_6 = 1 << 26, S_LDASH = 1 << 27, S_APOS = 1 << 28, S_SSNC = 1 << 29, S_F0G = 1 << 30;
/** First letters (lower case) of "bis", "ter", [a-c] and the street words of address-fr. */
const ADDR_FIRST = new Uint8Array(128);
for (const ch of 'abcdefhilmpqrstv') ADDR_FIRST[ch.charCodeAt(0)] = 1;
function pushX(s: number): void {
  if (nX === xS.length) xS = doubled(xS);
  xS[nX++] = s;
}
/**
 * The name tokens of the text (the matches of WORD, in order), found in the character pass: a
 * capitalized token starts at the first upper-case letter of a letter run, takes the rest of the
 * run, the runs joined to it by '-', "'" or '’', and a trailing '.'; a cue word is a whole
 * lower-case run equal to one of WORD's cue words. Valid for tokText when tokRegular (no K_ODD
 * character); recognizeNames falls back to the WORD regex otherwise.
 */
let tokText = '', tokRegular = false, nTok = 0, tokCapEnd = 0, tokSpaced = false;
/**
 * Whether the pass's candidate words (hospS, loginS…: whole letter runs, or run suffixes after a non-ASCII letter) are
 * those the rules' regexes would find: a letter of EXT_BLOCKS ('œ', 'ł') ends a letter run as it ends the regexes'
 * [A-Za-zÀ-ÿ] words, and '÷' is a letter of both; only 'Ÿ', a run letter that the regexes' words do not hold, makes a
 * text's runs irregular. ('×' and 'ß' are letters of the regexes that end a run: a cue word glued right after one is a
 * candidate the regexes would refuse, as for the id cues' and months' candidates, which never asked for this flag.)
 */
let runRegular = false;
let tokA = new Int32Array(256), tokB = new Int32Array(256);
/** The lower-case cue words (the WORD regex's second alternative is built from this list, with 'sœur'). */
const CUE_WORDS = new Set(['docteur', 'professeur', 'madame', 'monsieur', 'mademoiselle', 'patient', 'patiente', 'père', 'pere',
  'mère', 'mere', 'fils', 'fille', 'époux', 'epoux', 'épouse', 'epouse', 'veuve', 'frère', 'frere', 'soeur', 'mari', 'femme', 'conjoint',
  'conjointe', 'tuteur', 'tutrice', 'compagnon', 'compagne', 'neveu', 'nièce', 'niece', 'oncle', 'tante', 'cousin', 'cousine', 'gendre', 'ami', 'amie',
  'voisin', 'voisine', 'nephew', 'aunt', 'uncle', 'grandson', 'granddaughter', 'grandmother', 'grandfather', 'friend', 'neighbor', 'neighbour',
  'boyfriend', 'girlfriend', 'baby', 'boy', 'girl', 'bébé', 'garçon', 'nourrisson', 'fiancé', 'fiancée', 'fiance', 'fiancee', 'named', 'pt', 'pat', 'prénommé', 'prénommée', 'prenomme', 'prenommee', 'nommé', 'nommée', 'dit', 'dite', 'alias', 'surnommé', 'surnommée', 'aka', 'nicknamed', 'student', 'resident', 'attending', 'manager', 'coordinator', 'worker', 'chaplain', 'dietitian', 'interpreter', 'father', 'mother', 'son', 'daughter', 'husband', 'wife', 'brother', 'sister', 'guardian', 'mom', 'dad', 'partner', 'spouse',
  // plural kin: a list of names may follow ("children Deja (9) and Malik (5)", "ses enfants nadia et karim")
  'children', 'kids', 'sons', 'daughters', 'grandchildren', 'grandkids', 'siblings', 'enfants', 'filles', 'twins',
  // kin as hurried notes and families write it ("lives w/ dtr June", "sa maman Sandrine")
  'dtr', 'dau', 'sis', 'bro', 'hubby', 'mum', 'grandma', 'grandpa', 'granny', 'stepson', 'stepdaughter', 'stepmother', 'stepfather',
  'maman', 'papa', 'mamie', 'papi',
  // ("In attendance:", a list of people)
  'attendance',
  'signé', 'signe', 'signée', 'signee', 'signed', 'nom', 'prénom', 'prenom', 'name', 'interne', 'née', 'nee', 'mme', 'mlle', 'mr', 'dr', 'pr', 'doctor',
  // health professions in lower case (weak cues, as their capitalized forms: PROFESSIONS)
  'ide', 'idel', 'opérateur', 'opératrice', 'operateur', 'operatrice', 'technicien', 'technicienne', 'manipulateur', 'manipulatrice', 'infirmier', 'infirmière', 'infirmiere', 'secrétaire', 'secretaire', 'psychologue', 'pharmacien', 'pharmacienne', 'kiné', 'kine', 'orthophoniste',
  'caseworker', 'clinician', 'counselor', 'counsellor', 'landlord', 'supervisor', 'caregiver', 'advocate', 'navigator', 'conseiller',
  'aide', 'teacher', 'director', 'coach', 'sponsor', 'therapist', 'nurse', 'pharmacist', 'assistant', 'volunteer',
  // a form's people in lower case ("Emergency contact: Kunle Mitchell", "scribe: april m"; "witness Gao Yanping", "imam Sheikh Nur";
  // not an interpreter, whose language follows: "interprète Tamoul")
  // (and a next of kin: "next of kin: Funmi Adeyemi", "NOK: Funmi Adeyemi")
  'contact', 'kin', 'nok', 'scribe', 'recorder', 'proxy', 'witness', 'author', 'auteur', 'autrice', 'chaplain', 'imam', 'rabbi', 'pastor',
  // ranks in lower case ("adjudant Pasquier", "officer Ramirez")
  'adjudant', 'brigadier', 'officer', 'deputy', 'trooper', 'sergeant',
  // greetings and closings of messages ("Hi Seun -", "Thanks, Seun")
  'hi', 'hello', 'dear', 'salut', 'coucou', 'thanks', 'merci', 'cordialement', 'regards', 'sincerely', 'cheers', 'conseillère', 'curateur', 'curatrice',
  // credentials typed in lower case in terse notes ("tiffany nguyen rn")
  'rn', 'lpn', 'cna', 'pct', 'cnm', 'lvn']);
/** Carers' roles among the lower-case cue words: a first name typed in lower case may follow them ("l'infirmière soizic"). */
const LOWER_ROLES = new Set(['ide', 'idel', 'ioa', 'infirmier', 'infirmière', 'infirmiere', 'secrétaire', 'secretaire', 'kiné', 'kine', 'psychologue', 'orthophoniste',
  'pharmacien', 'pharmacienne', 'aide', 'nurse', 'therapist', 'caseworker', 'counselor', 'counsellor', 'coordinator', 'navigator', 'interpreter', 'chaplain', 'dietitian',
  // (and the patient: "s: pt marisol says", "patiente yasmina vue ce jour")
  'pt', 'patient', 'patiente', 'pte']);
/** Care roles' abbreviations that are words or stop words too ("MA", "PT"): a lower-case first name after one is a name (recognizeNames). */
const ROLE_ABBRS = new Set(['MA', 'PT', 'OT', 'RT', 'SW', 'CM', 'SLP', 'Asst', 'ASST']);
/** The credentials among the lower-case cue words: a name typed in lower case may come before them. */
const LOWER_CREDENTIALS = new Set(['rn', 'lpn', 'cna', 'pct', 'cnm', 'lvn']);
/** A letter of WORD's class (Latin-1's letters and those of EXT_BLOCKS). */
export function isWordLetter(c: number): boolean { return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 192 && (c <= 255 ? c !== 215 && c !== 247 : EXT_CASE[c] !== 0)); }
function pushTok(a: number, b: number): void {
  if (nTok === tokA.length) { tokA = doubled(tokA); tokB = doubled(tokB); }
  tokA[nTok] = a; tokB[nTok++] = b;
}
/** The token(s) of the letter run [ws, i) of t (not inside the previous capitalized token; rw: the run's RUN_WORDS bits). */
function nameToken(t: string, ws: number, i: number, hasCap: boolean, rw: number): void {
  if (hasCap) {
    let p = ws;
    while ((CHAR_KIND[t.charCodeAt(p)]! & K_CAP) === 0) p++;
    const n = t.length;
    let e = i;
    for (;;) {
      const j = cc(t, e);
      if ((j === 45 || j === 39 || j === 8217) && e + 1 < n && isWordLetter(t.charCodeAt(e + 1))) {
        e += 2;
        while (e < n && isWordLetter(t.charCodeAt(e))) e++;
      } else break;
    }
    if (e < n && t.charCodeAt(e) === 46) {
      e++;
      // compound initials: "J.-M.", "J.-P.-A."
      if (e === p + 2) while (e + 2 < n && t.charCodeAt(e) === 45 && (CHAR_KIND[t.charCodeAt(e + 1)]! & K_CAP) !== 0 && t.charCodeAt(e + 2) === 46) e += 3;
    }
    pushTok(p, e);
    tokCapEnd = e;
    return;
  }
  // ("sœur": 'œ' is a letter of EXT_BLOCKS, K_ODD: the tokens of a text that holds it come from the WORD regex)
  if ((rw & R_CUE) !== 0 && CUE_WORDS.has(t.slice(ws, i))) pushTok(ws, i);
}
/**
 * One filter for the word checks of a letter run: per (length <= 15, first and last character's
 * low 5 bits — what "| 32, low 6 bits" keeps, in a 4× smaller table: 32 KB, which stays in the cache), W_* bits of the word lists with such a word. A run whose key has no
 * bit cannot be that kind of word, so most runs cost one table read instead of four tests (a hash
 * loop among them); a set bit only sends the run to the exact test. Filled below HOSP_CUES and PLACE_CUES.
 * (A word longer than 15 letters has a key past the table's end: its write is dropped.)
 */
const WORD_FILTER = new Uint16Array(1 << 14);
const W_MONTH = 1, W_DAY = 2, W_CUE = 4, W_HOSP = 8, W_PLACE = 16, W_IDC = 32, W_AGE = 64, W_STREET = 128, W_IDU = 256, W_GATE = 512, W_LOGIN = 1024, W_LCUE = 2048, W_HOLI = 4096, W_NUMC = 8192;
function wordKey(len: number, c0: number, cl: number): number { return (len << 10) | ((c0 & 31) << 5) | (cl & 31); }
function addWords(words: Iterable<string>, bit: number): void {
  for (const w of words) WORD_FILTER[wordKey(w.length, w.charCodeAt(0), w.charCodeAt(w.length - 1))]! |= bit;
}
/** Starts of the month names of the text (whole letter runs, or run suffixes after a non-ASCII letter). */
let monS = new Int32Array(16), nMon = 0;
function pushMon(p: number): void {
  if (nMon === monS.length) monS = doubled(monS);
  monS[nMon++] = p;
}
/** Per length 3-9: bit (c - 97) set when a month form of that length ends with the letter c. */
const MONTH_LAST = new Int32Array(16);
for (const f of MONTH_FORMS) { const c = f.charCodeAt(f.length - 1); if (c >= 97 && c <= 122) MONTH_LAST[f.length]! |= 1 << (c - 97); }
/** A hash of t[p, i) with every code OR 32 (lower case for the letters of the month forms). */
function foldHash(t: string, p: number, i: number): number {
  let h = i - p;
  for (let k = p; k < i; k++) h = Math.imul(h, 31) + (t.charCodeAt(k) | 32) | 0;
  return h & 4095;
}
/** foldHash of each month form: a table look-up before the exact test. */
const MONTH_HASH = new Uint8Array(4096);
for (const f of MONTH_FORMS) MONTH_HASH[foldHash(f, 0, f.length)] = 1;
/** Whether t[p, i) is a month name (any case): length, first and last letters, a hash, then the Set. */
function isMonthAt(t: string, p: number, i: number): boolean {
  const len = i - p;
  if (len < 3 || len > 9) return false;
  const lc = t.charCodeAt(i - 1) | 32;
  return lc >= 97 && lc <= 122 && ((MONTH_LAST[len]! >> (lc - 97)) & 1) === 1 && monthStart(t.charCodeAt(p), t.charCodeAt(p + 1))
    && MONTH_HASH[foldHash(t, p, i)] === 1 && MONTH_FORMS.has(t.slice(p, i).toLowerCase());
}
/**
 * Starts of the spelled-out day numbers (NUMW_DAY, any case) that are whole letter runs: date-words
 * starts there (its (?<![A-Za-z0-9À-ɏ]) and the [ -] after the word make it a whole run).
 */
let dayS = new Int32Array(16), nDay = 0;
/** Week days (French, English): a day number after one is a date ("vendredi 22", "Tuesday 14th"); candidates as the spelled numbers. */
const WEEKDAYS = 'lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday';
/** Week days' abbreviations before a day number ("lun. 13", "dim. 19", "Thu 14th"): with their dot, or capitalized. */
const WEEKDAY_ABBRS = ['lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun'];
const DAY_WORDS = new Set([...NUMW_DAY.split('|'), ...WEEKDAYS.split('|'), ...WEEKDAY_ABBRS]);
const DAY_HASH = new Uint8Array(4096);
for (const w of DAY_WORDS) DAY_HASH[foldHash(w, 0, w.length)] = 1;
function dayRun(t: string, ws: number, i: number): void {
  if (!DAY_WORDS.has(t.slice(ws, i).toLowerCase())) return;
  if (nDay === dayS.length) dayS = doubled(dayS);
  dayS[nDay++] = ws;
}
/** Month names, hospital, place and id cue words starting inside the run [ws, i), right after a non-ASCII letter. */
function suffixCandidates(t: string, ws: number, i: number): void {
  const cl = t.charCodeAt(i - 1);
  for (let p = Math.max(ws + 1, i - 15); p < i; p++) {
    if (t.charCodeAt(p - 1) < 128) continue;
    // the word filter first (every such word is at most 15 letters long)
    const wf = WORD_FILTER[wordKey(i - p, t.charCodeAt(p), cl)]!;
    if (wf === 0) continue;
    if ((wf & W_MONTH) !== 0 && isMonthAt(t, p, i)) pushMon(p);
    if ((wf & W_HOSP) !== 0 && isHospCue(t, p, i)) pushHosp(p);
    if ((wf & W_PLACE) !== 0 && PLACE_CUES.has(t.slice(p, i))) pushPlace(p);
    if ((wf & W_IDC) !== 0) idcWord(t, p, i);
    if ((wf & W_IDU) !== 0) iduWord(t, p, i);
    if ((wf & W_GATE) !== 0) gateFound |= gateWord(t, p, i);
  }
}
/**
 * The first words of the second id-cue rule's cues (lower case; "n" before '°', "s" before '/'). Its regex starts
 * with an ASCII \b and each cue ends a word, so a match starts at such a word that is a whole
 * letter run or a run suffix after a non-ASCII letter: the candidates idcS.
 */
const IDC_WORDS = new Set(['n', 's', 'dossier', 'séjour', 'sejour', 'numéro', 'numero', 'medical', 'patient', 'record', 'serial', 'passage', 'venue', 'visite',
  'unit', 'acct', 'account', 'job', 'accession', 'encounter', 'member', 'policy', 'license', 'licence', 'insurance', 'subscriber', 'beneficiary', 'group',
  'driver', 'drivers', 'vehicle', 'plate', 'surgical', 'path', 'pathology', 'specimen', 'case', 'lab', 'identifiant',
  'study', 'subject', 'participant', 'employee', 'badge', 'sample', 'passport', 'passeport', 'carte', 'titre', 'username', 'user', 'login',
  'chart', 'visit', 'referral', 'order', 'incident', 'pcr', 'reference', 'denial', 'confirmation', 'claim', 'tracking', 'auth', 'authorization',
  'requisition', 'agency', 'hospice', 'interpreter', 'provider', 'facility', 'donor', 'transplant', 'lic', 'kit', 'matricule', 'run', 'trip',
  'dictation', 'transcription', 'rx', 'report', 'datix', 'examen', 'bloc', 'lame', 'lames',
  // an ID alone before its number ("interpreter used (ID 40371)", "ProviderOne ID 108845221WA"; not an Idaho ZIP code after a
  // town, "Boise, ID 83702", "Boise ID 83702": zipsAndCities reads those; not a dose given intradermally, "ID 1000 units")
  'id',
  // British, Canadian and Australian health numbers
  'nhs', 'medicare', 'health', 'ohip', 'phn', 'ihi', 'chi',
  // "Med Rec #", "Med. Rec. No."
  'med']);
addWords(IDC_WORDS, W_IDC);
/**
 * Frequent words that start an id cue only before a space and one of these characters (a letter
 * in either case): "group no" / "group #" (not "group therapy"), "case #", "lab no.", "surgical
 * path…", "study ID", "subject 1043-0021" (a subject or a participant before its number), "Case: S24-04418" (a pathology
 * case's number), "EMS run # 24-00319",
 * "carte d'identité", "titre de séjour".
 */
const NO_OR_HASH = 'n#', NO_ID_OR_HASH = 'ni#', NO_ID_HASH_OR_DIGIT = 'ni#0123456789';
const IDC_NEXT = new Map<string, string>([
  ['group', 'n#:'], ['case', 'n#:'], ['run', NO_OR_HASH], ['trip', NO_OR_HASH], ['lab', NO_OR_HASH], ['path', NO_OR_HASH], ['pathology', NO_OR_HASH], ['specimen', 'ni#:0123456789'], ['dictation', NO_ID_OR_HASH], ['transcription', NO_ID_OR_HASH], ['rx', NO_OR_HASH], ['report', NO_OR_HASH], ['datix', NO_OR_HASH],
  ['surgical', 'p'], ['study', NO_ID_OR_HASH], ['employee', NO_ID_OR_HASH], ['badge', NO_ID_OR_HASH], ['sample', NO_ID_OR_HASH],
  ['subject', NO_ID_HASH_OR_DIGIT], ['participant', NO_ID_HASH_OR_DIGIT], ['carte', 'dn'], ['titre', 'd'],
  ['chart', NO_OR_HASH], ['visit', NO_ID_OR_HASH], ['referral', NO_OR_HASH], ['order', NO_OR_HASH], ['incident', NO_OR_HASH], ['pcr', NO_OR_HASH], ['kit', NO_OR_HASH],
  ['reference', NO_OR_HASH], ['denial', NO_OR_HASH], ['confirmation', NO_OR_HASH], ['claim', NO_OR_HASH], ['tracking', NO_OR_HASH],
  ['auth', NO_OR_HASH], ['authorization', NO_OR_HASH], ['agency', NO_ID_OR_HASH], ['hospice', NO_ID_OR_HASH], ['interpreter', NO_ID_OR_HASH],
  ['provider', NO_ID_OR_HASH], ['facility', NO_ID_OR_HASH], ['donor', NO_ID_OR_HASH], ['transplant', NO_ID_OR_HASH], ['health', 'c'], ['med', 'r'],
]);
/** A space at i, then one of `allowed` (an ASCII letter compared in lower case). */
function nextAfterSpace(t: string, i: number, allowed: string): boolean {
  // (a colon right after the word when allowed: "Group: 711546")
  if (cc(t, i) === 58) return allowed.includes(':');
  if (cc(t, i) !== 32) return false;
  const c = cc(t, i + 1);
  return c >= 0 && allowed.includes(String.fromCharCode(isAsciiLetter(c) ? c | 32 : c));
}
let idcS = new Int32Array(16), nIdc = 0;
/** foldHash of each id-cue word. */
const IDC_HASH = new Uint8Array(4096);
for (const w of IDC_WORDS) IDC_HASH[foldHash(w, 0, w.length)] = 1;
const IDC_BEFORE_NO = new Set(['visite', 'passage', 'venue', 'séjour', 'sejour', 'dossier']);
function idcWord(t: string, p: number, i: number): void {
  const len = i - p;
  // "n°", "s/n"
  if (len === 1) { const c1 = cc(t, i); if ((cc(t, p) | 32) === 110 ? c1 !== 176 && c1 !== 186 : c1 !== 47) return; }
  // "patient" and "medical" start a cue only before " id" and " record" (most of them do not: no substring)
  else if (len === 7 && (((t.charCodeAt(p) | 32) === 112 && (t.charCodeAt(p + 2) | 32) === 116) || (t.charCodeAt(p) | 32) === 109)
    && !((cc(t, i) === 32 && ((cc(t, i + 1) | 32) === 105 || (cc(t, i + 1) | 32) === 114)))) return;
  else {
    // (a hash of the folded letters first: "consultation", "traitement", "réanimation", "par" share a word-filter key with cue words)
    if (IDC_HASH[foldHash(t, p, i)] === 0) return;
    const w = t.slice(p, i).toLowerCase();
    if (!IDC_WORDS.has(w)) return;
    // words that start a cue only before a space and one of a few characters (IDC_NEXT)
    const next = IDC_NEXT.get(w);
    if (next !== undefined && !nextAfterSpace(t, i, next)) return;
    // "user" only before "name" ("username", "user name")
    if (w === 'user' && !((cc(t, i) | 32) === 110 || (cc(t, i) === 32 && (cc(t, i + 1) | 32) === 110))) return;
    // frequent words that start a cue only before " n°" ("visite n°", "séjour n°"), or digits for "dossier 556677"
    if (IDC_BEFORE_NO.has(w) && !(cc(t, i) === 32 && (cc(t, i + 1) | 32) === 110 && (cc(t, i + 2) === 176 || cc(t, i + 2) === 186))) {
      if (w !== 'dossier') return;
      let k = i;
      if (cc(t, k) === 32) k++;
      if (cc(t, k) === 58) k++;
      if (cc(t, k) === 32) k++;
      if (!isDigitCode(cc(t, k)) && !isUpperAscii(cc(t, k))) return;
    }
  }
  if (nIdc === idcS.length) idcS = doubled(idcS);
  idcS[nIdc++] = p;
}
/**
 * The cues of the first id-cue rule (upper case, compared as written). Its regex starts with an
 * ASCII \b and each cue ends a word, so a match starts at such a word that is a whole letter run or
 * a run suffix after a non-ASCII letter: the candidates iduS.
 */
const IDU_WORDS = new Set(['IPP', 'NDA', 'RPPS', 'ADELI', 'FINESS', 'MRN', 'Mrn', 'mrn', 'MR', 'NIP', 'IEP', 'FIN', 'NPI', 'CLIA', 'CIN', 'SN', 'UNOS', 'GMC', 'NMC', 'UR', 'URN', 'DEA', 'AM']);
addWords(IDU_WORDS, W_IDU);
let iduS = new Int32Array(16), nIdu = 0;
/** The gate flags of the run suffixes (suffixCandidates), added to the character pass's classes. */
let gateFound = 0;
/**
 * What the character pass saw for the word-date and numbered-id passes: a holiday's word (holidaySeen), and the starts of
 * the numbering cues, "n°" / "N°" / "nº" / "No." / "NO." and the words of NUMBERED_CUES (numS).
 */
let holidaySeen = false, numS = new Int32Array(8), nNum = 0;
/** Every holiday holds one of these runs ("veille de noël" its "noël", "New Year's Day" its "Year"). */
const HOLIDAY_WORDS = new Set(['noël', 'noel', 'Pâques', 'Paques', 'pâques', 'paques', 'Nouvel', 'nouvel', 'Épiphanie', 'épiphanie', 'Epiphanie', 'epiphanie',
  'Pentecôte', 'pentecôte', 'Pentecote', 'pentecote', 'Christmas', 'Easter', 'Thanksgiving', 'Halloween', 'Year']);
/** The numbering cue words other than "n°" and "No.", as runs (NUMBERED_ID's alternatives). */
const NUMBERED_CUES = new Set(['numéro', 'Numéro', 'numero', 'Numero', 'NUMERO', 'NUMÉRO', 'réf', 'Réf', 'ref', 'Ref', 'RÉF', 'REF',
  'référence', 'Référence', 'références', 'Références', 'reference', 'Reference', 'references', 'References', 'affaire', 'Affaire', 'adhérent', 'Adhérent',
  'adherent', 'Adherent', 'accès', 'acces', 'SIRET', 'SIREN']);
addWords(HOLIDAY_WORDS, W_HOLI); addWords(NUMBERED_CUES, W_NUMC);
function pushNum(p: number): void {
  if (nNum === numS.length) numS = doubled(numS);
  numS[nNum++] = p;
}
function iduWord(t: string, p: number, i: number): void {
  if (!(isUpperAscii(t.charCodeAt(p)) || t.charCodeAt(p) === 109) || !IDU_WORDS.has(t.slice(p, i))) return;
  if (nIdu === iduS.length) iduS = doubled(iduS);
  iduS[nIdu++] = p;
}
/** The words before a software user's login ("utilisateur : mlacroix", "export par sdelattre", "Édité le … par lgautier", "entered by jsmith2"): name-login's gate. */
const LOGIN_CUES = ['utilisateur', 'Utilisateur', 'UTILISATEUR', 'user', 'User', 'USER', 'username', 'Username', 'login', 'Login', 'LOGIN', 'identifiant', 'Identifiant',
  'opérateur', 'Opérateur', 'operateur', 'operator', 'Operator', 'export', 'Export', 'EXPORT', 'exporté', 'Exporté', 'exported', 'Exported', 'EXPORTED', 'saisi', 'Saisi', 'saisie', 'Saisie',
  'modifié', 'Modifié', 'modifiée', 'Modifiée', 'édité', 'Édité', 'généré', 'Généré', 'imprimé', 'Imprimé', 'entered', 'Entered', 'modified', 'Modified',
  'created', 'Created', 'logged', 'Logged', 'generated', 'Generated', 'printed', 'Printed', 'transmis', 'Transmis', 'rédigé', 'Rédigé', 'validé', 'Validé'];
/**
 * Every word a match of name-login can start with (the first words of its regex, each spelling of their character classes,
 * and "User" glued to "Name"): such a word is followed by a space or a colon, so a match starts at a whole letter run that
 * is one of these (loginS, recorded by charClasses) when the text's runs are regular (runRegular: the run letters and the
 * regex's [A-Za-zÀ-ÿ] then differ only by letters that end a run, '×' and 'ß', which the look-behind refuses).
 */
const LOGIN_STARTS = new Set(['[Uu]tilisateur', 'UTILISATEUR', '[Uu]ser', '[Uu]ser[Nn]ame', 'USER', '[Ll]ogin', 'LOGIN', '[Ii]dentifiant',
  '[Oo]p[ée]rateur', '[Oo]perator', '[Ee]xport', '[Ee]xporté', '[Ee]xported', 'EXPORT', 'EXPORTÉ', 'EXPORTED', '[Ss]aisi', '[Ss]aisie',
  '[Mm]odifi[ée]', '[Mm]odifi[ée]e', '[ÉéEe]dit[ée]', '[Gg][ée]n[ée]r[ée]', '[Ii]mprim[ée]', '[Ee]ntered', '[Mm]odified', '[Cc]reated', '[Ll]ogged',
  '[Gg]enerated', '[Pp]rinted', '[Tt]ransmis', '[Rr][ée]dig[ée]', '[Vv]alid[ée]'].flatMap(spellings));
/** The strings a pattern of letters and [..] classes spells ("[Ee]xport" → "Export", "export"). */
function spellings(p: string): string[] {
  let out = [''];
  for (let k = 0; k < p.length; k++) {
    let alts = [p[k]!];
    if (p[k] === '[') { const e = p.indexOf(']', k); alts = [...p.slice(k + 1, e)]; k = e; }
    out = out.flatMap((o) => alts.map((a) => o + a));
  }
  return out;
}
addWords(LOGIN_STARTS, W_LOGIN);
let loginS = new Int32Array(8), nLogin = 0;
function pushLogin(p: number): void {
  if (nLogin === loginS.length) loginS = doubled(loginS);
  loginS[nLogin++] = p;
}
/** The lower-case words after which a user's login may stand in prose: "by mvargas", "par rzielinska", "saisie ksaidi". */
export const LOGIN_BEFORE = new Set(['by', 'to', 'cc', 'par', 'via', 'from', 'user', 'login', 'agent', 'saisie', 'scribe', 'operator', 'validation', 'utilisateur']);
addWords(LOGIN_BEFORE, W_LCUE);
/**
 * The lower-case ASCII letter runs of 6-24 letters where a login may stand (document-names.ts, loginShapes): not after a
 * digit, a hyphen or an apostrophe, nor after a postal code, nor in prose (after a lower-case word or its comma, or before
 * one) unless right after a word of LOGIN_BEFORE.
 */
let lowS = new Int32Array(16), lowE = new Int32Array(16), nLow = 0, loginCueEnd = -2;
function lowerRun(t: string, ws: number, e: number): void {
  const b1 = ws > 0 ? t.charCodeAt(ws - 1) : 10;
  if (isDigitCode(b1) || b1 === 45 || b1 === 39 || b1 === 8217) return;
  // (in prose — after a lower-case word or its comma, or before a lower-case word — only right after a cue, spaces between)
  const prose = (b1 === 32 && ws > 1 && (isLowerAscii(t.charCodeAt(ws - 2)) || (t.charCodeAt(ws - 2) === 44 && ws > 2 && isLowerAscii(t.charCodeAt(ws - 3)))))
    || (e + 1 < t.length && t.charCodeAt(e) === 32 && isLowerAscii(t.charCodeAt(e + 1)));
  if (b1 === 32 && ws > 1 && isDigitCode(t.charCodeAt(ws - 2))) return;
  if (prose) {
    if (loginCueEnd < 0) return;
    for (let k = loginCueEnd; k < ws; k++) if (t.charCodeAt(k) !== 32) return;
  }
  if (nLow === lowS.length) { lowS = doubled(lowS); lowE = doubled(lowE); }
  lowS[nLow] = ws; lowE[nLow++] = e;
}
/** The character pass's login places of `text` (starts and ends), or null when it read another text or read it irregularly. */
export function lowerRunsForLogins(text: string): [Int32Array, Int32Array] | null {
  return tokText === text && runRegular && !referenceScan ? [lowS.subarray(0, nLow), lowE.subarray(0, nLow)] : null;
}
/** Whether the digit run text[s, e) is a chat message's hour: a line's start (or a '[' there) before it, ':' after it. */
function chatTimeAt(t: string, s: number, e: number): boolean {
  if (t.charCodeAt(e) !== 58) return false;
  const b = s > 0 ? t.charCodeAt(s - 1) : 10;
  return b === 10 || (b === 91 && (s === 1 || t.charCodeAt(s - 2) === 10));
}
/** Logins that name nobody. */
const LOGIN_NOT = new Set(['admin', 'administrateur', 'administrator', 'root', 'system', 'systeme', 'guest', 'invite', 'anonyme', 'anonymous', 'inconnu', 'unknown', 'test', 'auto', 'automatique', 'batch', 'interface', 'serveur', 'server', 'service', 'secretariat', 'accueil', 'name', 'nom', 'id', 'pwd', 'password']);
/**
 * A login (lower-case letters and digits, one '.', '_' or '-' inside) after a user's cue: a person's
 * name when written after user/login/utilisateur/identifiant/opérateur; after "saisi par", "export
 * par", "entered by"… only with a login's shape, an initial and a surname of the dictionaries
 * ("mlacroix") or a digit or separator inside ("jdupont2", "marie.roux"): not "saisi par erreur".
 */
function loginCheck(m: RegExpExecArray): number | null {
  const w = m[2]!, key = fold(w);
  if (w.length < 3 || STOP.has(key) || LOGIN_NOT.has(w.replace(/[0-9]+$/, ''))) return null;
  if (m[1] === undefined) return 0.7;
  if (/[0-9._-]/.test(w)) return 0.6;
  return initialAndSurname(w, lexiconMap('fr')) ? 0.6 : null;
}
/** Initials after a form's initials field: not an acronym, a credential, a title or a "not applicable" of the lexicon. */
function initialsFieldCheck(m: RegExpExecArray): number | null {
  const w = m[1]!.replace(/[.-]/g, '');
  // ("initial"/"initiale" after a lower-case word is an adjective: "Bilan initial : DRS", "examen initial : RAS")
  const c3 = m[0].charCodeAt(7) | 32;
  if (c3 !== 115 && !(c3 === 101 && (m[0].charCodeAt(8) | 32) === 115) && m.index >= 2 && m.input.charCodeAt(m.index - 1) === 32 && isLowerCode(m.input.charCodeAt(m.index - 2))) return null;
  if (w === 'NA' || w === 'ND' || w === 'NR' || w === 'NC' || w === 'NSP' || w === 'UNK') return null;
  return ((lexiconMap('fr').get(w) ?? 0) & (LEX_STOP | LEX_ACRO | LEX_CRED | LEX_TITLE | LEX_PROF)) !== 0 ? null : 0.7;
}
/** A login of an initial and a surname of the dictionaries: "mlacroix", "nbouzid". */
export function initialAndSurname(w: string, lex: Lexicon): boolean {
  return w.length >= 5 && ((lex.get(fold(w.slice(1))) ?? 0) & LEX_SUR) !== 0;
}
/**
 * Words whose presence lets a rule run (its gate): a letter run, or a run suffix after a non-ASCII
 * letter, equal to one of them (each rule's regex needs its word whole).
 */
const GATE_WORDS = new Map<string, number>([
  ...['Noël', 'Pâques', 'Toussaint', 'Christmas', 'Thanksgiving', 'Easter', 'Halloween', 'Nicolas', 'Épiphanie', 'Epiphanie', 'Pentecôte', 'Pentecote', 'gras', 'Gras',
    'Valentine', 'Mother', 'Father', 'Patrick', 'Memorial', 'Labor', 'Labour', 'Boxing', 'Independence', 'Year', 'Valentin']
    .map((w) => [w, G_HOLIDAY] as [string, number]),
  ['SSN', G_SSNW], ['ssn', G_SSNW], ['Ssn', G_SSNW], ['SS', G_SSNW], ['Social', G_SSNW], ['social', G_SSNW], ['Box', G_BOX], ['BOX', G_BOX],
  ['County', G_COUNTY], ['Parish', G_COUNTY], ['Borough', G_COUNTY],
  ...['ending', 'Ending', 'ENDING', 'last', 'Last', 'LAST', 'xxx', 'XXX'].map((w) => [w, G_LAST4] as [string, number]),
  ...LOGIN_CUES.map((w) => [w, G_LOGIN] as [string, number]),
  ...['initials', 'Initials', 'INITIALS', 'initiales', 'Initiales', 'INITIALES', 'initial', 'Initial', 'INITIAL', 'initiale', 'Initiale', 'INITIALE'].map((w) => [w, G_INIT] as [string, number]),
]);
addWords(GATE_WORDS.keys(), W_GATE);
function gateWord(t: string, p: number, i: number): number { return GATE_WORDS.get(t.slice(p, i)) ?? 0; }
/**
 * Words that tell an age over 89 (HIPAA's ages over 89; they name the decade or more): a whole
 * letter run of the character pass (AGE_WORD_G is the same test for texts it did not read).
 */
const AGE_WORDS = new Set(['nonagénaire', 'nonagenaire', 'centenaire', 'nonagenarian', 'centenarian'].flatMap((w) => [w, `${w}s`])); // (<= 15 letters: WORD_FILTER)
addWords(AGE_WORDS, W_AGE);
const AGE_WORD_G = new RegExp(`(?<![A-Za-zÀ-ÖØ-Þà-ÿŸ])(?:${[...AGE_WORDS].join('|')})(?![A-Za-zÀ-ÖØ-Þà-ÿŸ])`, 'gi');
let ageS = new Int32Array(8), ageE = new Int32Array(8), nAge = 0;
function pushAge(a: number, b: number): void {
  if (nAge === ageS.length) { ageS = doubled(ageS); ageE = doubled(ageE); }
  ageS[nAge] = a; ageE[nAge++] = b;
}
/**
 * Each word [a, b) of a kind the character pass records (`starts`, `ends`, `count`) when it read
 * this text, else each match of `whole`, the same words found by a scan.
 */
function eachWord(text: string, starts: Int32Array, ends: Int32Array, count: number, whole: RegExp, f: (a: number, b: number) => void): void {
  if (tokText === text && !referenceScan) { for (let q = 0; q < count; q++) f(starts[q]!, ends[q]!); return; }
  whole.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = whole.exec(text)) !== null) f(m.index, m.index + m[0].length);
}
const DIGIT_RUN_G = /\d+/g;
/** Each run of digits [a, b) of the text: the character pass's runs when it read this text, else a scan. */
export function eachDigitRun(text: string, f: (a: number, b: number) => void): void {
  eachWord(text, runS, runE, nRuns, DIGIT_RUN_G, f);
}
/**
 * Ages over 89 written in words, with their unit: "quatre-vingt-douze ans", "ninety-three-year-old", "one hundred and two
 * years old" (French 90-119 and English 90-109; looked for only in texts that hold one of its words, "vingt", "cent",
 * "ninety" or "hundred", in lower case, capitalized, in capitals or capitalized with the caps lock on, "nINETY").
 */
const FR_UNITS = '(?:dix|onze|douze|treize|quatorze|quinze|seize|dix[- ]sept|dix[- ]huit|dix[- ]neuf)';
const EN_UNITS = '(?:one|two|three|four|five|six|seven|eight|nine)';
const SPELLED_AGE = new RegExp(`(?<![\\p{L}-])(?:quatre[- ]vingts?[- ](?:et[- ])?${FR_UNITS}|cent(?:[- ](?:et[- ])?(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf|${FR_UNITS}))?)(?= ans(?![\\p{L}]))`
  + `|(?<![\\p{L}-])(?:ninety(?:[- ]${EN_UNITS})?|(?:one |a )?hundred(?:(?: and)?[- ](?:${EN_UNITS}|ten))?)(?=[- ](?:years?[- ]old|year-old|y\\.?o\\b))`, 'giu');
/**
 * SPELLED_AGE's words, whole letter runs in each of its matches, in lower case, capitalized, in capitals and capitalized
 * with the caps lock on ("nINETY-THREE YEAR OLD"): its gate.
 */
const SPELLED_AGE_WORDS = ['vingt', 'vingts', 'cent', 'ninety', 'hundred'].flatMap((w) => [w, w[0]!.toUpperCase() + w.slice(1), w.toUpperCase(), w[0]! + w.slice(1).toUpperCase()]);
/** AGE spans for the age words of the text. */
export function recognizeAgeWords(text: string, spans: Span[]): void {
  eachWord(text, ageS, ageE, nAge, AGE_WORD_G, (a, b) => { spans.push({ start: a, end: b, label: 'AGE', score: 0.8, rule: 'age-word' }); });
  if (tokText === text && !referenceScan) { for (let q = 0; q < nRuns; q++) ageByPlace(text, runS[q]!, runE[q]!, spans); }
  else { DIGITS_G.lastIndex = 0; for (let m; (m = DIGITS_G.exec(text)) !== null;) ageByPlace(text, m.index, m.index + m[0].length, spans); }
  if (mayHoldAnyRun(text, SPELLED_AGE_WORDS)) {
    SPELLED_AGE.lastIndex = 0;
    for (let m; (m = SPELLED_AGE.exec(text)) !== null;) spans.push({ start: m.index, end: m.index + m[0].length, label: 'AGE', score: 0.8, rule: 'age-spelled' });
  }
}
/**
 * A door's, a gate's or a key box's code after its cue ("code porte 4B27", "digicode : A1947", "gate code #2291", "lockbox
 * code is 4471"): it opens a home, and goes with its address (ID). The code holds a digit, 3 to 10 characters.
 */
// (no look-behind first: V8 would try it at every character; the word's start is checked in code)
const ACCESS_CODE = /(?:digicodes?|codes? (?:(?:du |de (?:la |l['’])?|d['’])?(?:porte(?: d['’]entr[ée]e)?|portail|entr[ée]e|acc[èe]s|immeuble|interphone|bo[iî]te (?:à|a|aux) cl[ée]s?))|(?:gate|door|entry|entrance|keypad|lockbox|key ?box|key safe|key|building|access|alarm) codes?)[ \t]*(?:[:=][ \t]*|n[°º][ \t]*)?(?:(?:est|is)[ \t]+)?([#*]?(?=[A-Za-z*#]*\d)[A-Za-z0-9][A-Za-z0-9*#]{2,9})(?![\p{L}\d])/giu;
/** ID spans for the access codes of a text (only a text that holds "code" is read). */
export function recognizeAccessCodes(text: string, spans: Span[]): void {
  if (!(text.includes('code') || text.includes('Code') || text.includes('CODE'))) return;
  ACCESS_CODE.lastIndex = 0;
  for (let m; (m = ACCESS_CODE.exec(text)) !== null;) {
    if (m.index > 0 && (isWordLetter(text.charCodeAt(m.index - 1)) || isDigitCode(text.charCodeAt(m.index - 1)))) { ACCESS_CODE.lastIndex = m.index + 1; continue; }
    const end = m.index + m[0].length;
    spans.push({ start: end - m[1]!.length, end, label: 'ID', score: 0.7, rule: 'access-code' });
  }
}
/**
 * A firm named by its owner's surname after its kind, in French: "(cabinet Pichon)", "IDE (cabinet Bouchard)", "entreprise
 * Dubreucq à Roubaix", "Ets Lemoine", "société Vasseur" (NAME: the surname is a person's). The word is a surname of the
 * lists or a word of no language ("cabinet Médical", "société Générale" stay), capitalized (in capitals, 5 letters at least:
 * not "cabinet IDEL"), and the firm's only word: a bracket, a stop or a place follow it ("SARL Métallerie Chantreau", "Société
 * Alzheimer de Montréal" are no person's); or a partner's name after '&' ("cabinet Lemarchand & Fayolle"), or its trade, a
 * word of the language of no name list, before a stop or a lower-case word ("entreprise Sabatier Transports,", "SARL
 * Mauriac Plâtrerie en 2023", "Cabinet Delmas Expertises réf."). After a practice's field only partners' names: "Cabinet de
 * kinésithérapie Lemarchand & Fayolle" (not "cabinet de radiologie Pasteur").
 */
const FIRM = /(?<![\p{L}])(?:[Cc]abinet|[Ee]ntreprise|[Ss]oci[ée]t[ée]|[Ee]ts\.?|[ÉéEe]tablissements|SARL|EURL)(?: (?:de |d'|d’)(\p{Ll}{4,}))?(?: (?:de |du |des )?(?:M(?:me|\.)|Mr|Dr) ?)? (\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?|\p{Lu}{5,}(?:-\p{Lu}{2,})?)(?=[ \t]*(?:[),.;:\n]|$)|[ \t]+(?:à|au|en|sur|in|at|of) |[ \t]+& \p{Lu}\p{Ll}|[ \t]+(\p{Lu}\p{Ll}{3,})(?:[ \t]*[),.;:\n]|[ \t]+\p{Ll}|$))/gu;
/** A firm's partner after its first surname: "& Fayolle". */
const FIRM_PARTNER = /^[ \t]+& (\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?)(?![\p{L}])/u;
/** FIRM's kinds' words, each spelling: a text holds one as a whole letter run before FIRM is tried. */
const FIRM_WORDS = ['Cabinet', 'cabinet', 'Entreprise', 'entreprise', 'Ets', 'ets', 'SARL', 'EURL',
  ...['S', 's'].flatMap((a) => ['é', 'e'].flatMap((b) => ['é', 'e'].map((c) => `${a}oci${b}t${c}`))),
  ...['É', 'é', 'E', 'e'].map((a) => `${a}tablissements`)];
/** NAME spans for the firms named by a surname (only a text that holds one of their kinds' words is read). */
export function recognizeFirmNames(text: string, spans: Span[]): void {
  // (the character pass's letter runs first: a text without one of the kinds' words is not scanned)
  if (!mayHoldAnyRun(text, FIRM_WORDS)) return;
  const lex = tokenLexicon();
  FIRM.lastIndex = 0;
  for (let m; (m = FIRM.exec(text)) !== null;) {
    const w = m[2]!, k = fold(w), lx = lex.get(k) ?? 0;
    // (a word of the language is a surname here only when the lists say so and do not call it ambiguous: "cabinet Martin",
    // not "société Générale", "cabinet Médical")
    if (isVocabularyWord(k) && ((lx & LEX_SUR) === 0 || (lx & LEX_AMBIG) !== 0)) continue;
    if ((lx & (LEX_STOP | LEX_TITLE | LEX_PROF | LEX_CITY)) !== 0 && (lx & LEX_SUR) === 0) continue;
    // (a trade's word after it: an ordinary word of no name list)
    if (m[3] !== undefined) { const t = fold(m[3]); if (!isVocabularyWord(t) || ((lex.get(t) ?? 0) & (LEX_FIRST | LEX_SUR | LEX_CITY)) !== 0) continue; }
    const end = m.index + m[0].length;
    const p = FIRM_PARTNER.exec(text.slice(end, end + 40));
    // (after a practice's field, "cabinet de kinésithérapie", only partners' names: "cabinet de radiologie Pasteur" is a place's)
    if (m[1] !== undefined && p === null) continue;
    spans.push({ start: end - w.length, end, label: 'NAME', score: 0.6, rule: 'firm-surname' });
    // (and the partner's surname, of the lists and no ordinary word: "cabinet Lemarchand & Fayolle")
    if (p !== null) { const pk = fold(p[1]!); if (((lex.get(pk) ?? 0) & (LEX_SUR | LEX_AMBIG | LEX_CITY)) === LEX_SUR && !isVocabularyWord(pk)) spans.push({ start: end + p[0].length - p[1]!.length, end: end + p[0].length, label: 'NAME', score: 0.6, rule: 'firm-surname' }); }
  }
}
/**
 * A person introduced by their age, as notes open: "Zephyrine Kowalczyk is a 54 year old woman", "Marquis Dupree was a
 * 29-year-old man" (NAME: two or three capitalized words, none a stop word or a title, right before "is a" / "was a" and an
 * age in years) — names of no list included.
 */
// (the age first, the name read backwards from it: a pattern led by the name's capitals, or by a look-behind, is tried at
// every character)
const INTRO_AGE = / (?:is|was) an? (?:\d{1,3}|\d{1,2}[.,]\d)[- ]?(?:years?[- ]old|year-old|yr[- ]old|y\/o|y\.o\.|yo(?![\p{L}]))/uy;
const P_LETTER = /\p{L}/u, P_UPPER = /\p{Lu}/u;
/**
 * The width in UTF-16 units (0, 1 or 2) of the character of an introduced name's word that ends at i: a letter (one beyond
 * the Basic Multilingual Plane too, a surrogate pair), an apostrophe or a hyphen.
 */
function introWordCharBefore(text: string, i: number): number {
  if (i <= 0) return 0;
  const c = text.charCodeAt(i - 1);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 || c === 8217 || c === 45) return 1;
  if (c < 128) return 0;
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = text.charCodeAt(i - 2);
    return h >= 0xd800 && h <= 0xdbff && P_LETTER.test(text.slice(i - 2, i)) ? 2 : 0;
  }
  return P_LETTER.test(String.fromCharCode(c)) ? 1 : 0;
}
/**
 * Where the name that ends at `end` starts: two or three words of introWordCharBefore's characters, each capitalized and of
 * two characters at least, one space apart, the first not after a digit (the longest such name); -1 when there is none.
 */
function introNameStart(text: string, end: number): number {
  const starts: number[] = [];
  for (let p = end; starts.length < 3;) {
    let ws = p;
    for (let w; (w = introWordCharBefore(text, ws)) > 0;) ws -= w;
    if (ws === p || [...text.slice(ws, p)].length < 2 || !P_UPPER.test(String.fromCodePoint(text.codePointAt(ws)!))) break;
    starts.push(ws);
    if (ws < 2 || text.charCodeAt(ws - 1) !== 32 || introWordCharBefore(text, ws - 1) === 0) break;
    p = ws - 1;
  }
  let k = starts.length;
  if (k >= 2 && isDigitCode(cc(text, starts[k - 1]! - 1))) k--;
  return k >= 2 ? starts[k - 1]! : -1;
}
/** NAME spans for the persons a sentence introduces by their age (only a text with " is a" or " was a" is read). */
export function recognizeIntroNames(text: string, spans: Span[]): void {
  const lex = tokenLexicon();
  // (tried at each " is a" / " was a" found by a plain search: a pattern led by a space is tried at every space)
  for (const cue of [' is a', ' was a']) for (let at = text.indexOf(cue); at >= 0; at = text.indexOf(cue, at + 1)) {
    INTRO_AGE.lastIndex = at;
    const m = INTRO_AGE.exec(text);
    if (m === null) continue;
    const start = introNameStart(text, m.index);
    if (start < 0) continue;
    const words = text.slice(start, m.index).split(' ');
    if (words.some((w) => ((lex.get(fold(w)) ?? 0) & (LEX_STOP | LEX_TITLE | LEX_CITY)) !== 0 || TITLES.has(fold(w)))) continue;
    spans.push({ start, end: m.index, label: 'NAME', score: 0.7, rule: 'name-intro' });
  }
}
/** Where a patient's age and sex open a note's line or sentence: "91M with GI bleed", "Pt is a 94 F,", "- 92yo F s/p fall". */
const AGE_SEX_BEFORE = /(?:^|\n|[-•*]\s|(?<![A-Za-z])(?:a|an|is|pt|Pt|PT|patient|Patient|HPI:|CC:))\s?$/;
const AGE_SEX_AFTER = /^ ?(?:yo ?)?[MF](?: (?:with|w\/|who|presenting|presents|here|admitted|s\/p|pmh|PMH|h\/o|hx|c\/o|brought|seen|from|in|on|transferred|returns)(?![A-Za-z])|[,;:])/;
/** Words that tell an age without its unit: a death's ("Age at death: 92", "died at 101"), a relative's in a family history ("Grandfather: 94, living"). */
const AGE_PLACE_BEFORE = /(?<![A-Za-z])(?:age at death|(?:died|death|passed(?: away)?|deceased) at(?: (?:the )?age(?: of)?)?|(?:great-)?grand(?:mother|father|ma|pa)|mother|father|aunt|uncle|sister|brother|spouse|husband|wife|MGM|MGF|PGM|PGF)\s?[:,(]?\s?$/i;
const VITALS_AFTER = /^ ?F,? (?:HR|BP|RR|P|SpO2|O2|pulse|sat)(?![A-Za-z])/i;
const AGE_IS_BEFORE = /(?<![A-Za-z])(?:patient|pt|she|he) is $/i;
const AGE_IS_AFTER = /^(?:[,;:)\r\n]|\.(?!\d)|$| ?[-–(]| (?:and|years?|yrs?|yo|y\/o|y\.o\.|year-old|years-old|but|who|now|today|with)(?![A-Za-z]))/;
/** Not a measure, a decimal or a longer number after it. */
const AGE_PLAIN_AFTER = /^(?![0-9]|[.,]\d| ?(?:%|kg|lbs?|mg|mm|cm|mL|ml|bpm|\/|°|F(?![A-Za-z])|C(?![A-Za-z])|(?:min|mins|minutes?|miles?|km|hours?|hrs?|pack|pk|days?|weeks?|months?|times)(?![A-Za-z])))/;
/** An age over 89 (90-119) at a digit run [s, e) told by its place: after a death's or a relative's word, or with a sex letter opening the line. */
function ageByPlace(text: string, s: number, e: number, spans: Span[]): void {
  const len = e - s, d0 = cc(text, s);
  if (!((len === 2 && d0 === 57) || (len === 3 && d0 === 49 && (cc(text, s + 1) === 48 || cc(text, s + 1) === 49)))) return;
  const p = cc(text, s - 1);
  if (isWordLetter(p) || ((p === 46 || p === 44 || p === 47 || p === 45) && isDigitCode(cc(text, s - 2)))) return;
  // (the cheap tests first: a sex's letter or "yo" after the digits, or a letter before them past a colon, comma or bracket)
  const a0 = cc(text, e), a1 = a0 === 32 ? cc(text, e + 1) : a0;
  const sexNext = a1 === 77 || a1 === 70 || a1 === 121;
  let q = s - 1;
  while (q > 0 && (cc(text, q) === 32 || cc(text, q) === 58 || cc(text, q) === 44 || cc(text, q) === 40)) q--;
  const letterBefore = q < s - 1 && isAsciiLetter(cc(text, q));
  if (!sexNext && !letterBefore) return;
  const after = text.slice(e, e + 16);
  // (a temperature in Fahrenheit is no age and sex: "Temp is 99 F, HR 80", "- 99 F, HR 80")
  if ((sexNext && AGE_SEX_AFTER.test(after) && AGE_SEX_BEFORE.test(text.slice(Math.max(0, s - 12), s))
    && !(a1 === 70 && ((VITALS_AFTER.test(after) && !/(?:^|[^A-Za-z])(?:a|an)\s$/.test(text.slice(Math.max(0, s - 4), s)))
      || /(?:temp|tmax|fever|febrile|\bt)[^\S\n]{0,2}[:=]?[^\S\n]{0,2}(?:is|was|of)?[^\S\n]{0,2}$/i.test(text.slice(Math.max(0, s - 16), s)))))
    || (letterBefore && AGE_PLACE_BEFORE.test(text.slice(Math.max(0, s - 32), s)) && AGE_PLAIN_AFTER.test(after))
    // ("Patient is 93 and lives…": after "is", only what ends the clause or reads as an age; not "is 92 on room air", "is 95 pounds")
    || (letterBefore && AGE_IS_BEFORE.test(text.slice(Math.max(0, s - 16), s)) && AGE_IS_AFTER.test(after))) {
    spans.push({ start: s, end: e, label: 'AGE', score: 0.75, rule: 'age-90-place' });
  }
}
/**
 * English streets named without a number, after on/off/at/near/of/to/along/from/and: "lives on Blue
 * Hill Ave", "works on Washington St", "the corner of Elm Street". The street word (capitalized, a
 * whole letter run) is the candidate; one to three capitalized words before it make the name.
 * "St" is no street before a capitalized word (Saint: "St Mary's"); "Dr" is left out (Doctor).
 */
const EN_STREET_WORDS = new Set(['Street', 'St', 'Avenue', 'Ave', 'Road', 'Rd', 'Boulevard', 'Blvd', 'Lane', 'Ln', 'Drive', 'Parkway', 'Pkwy',
  'Highway', 'Hwy', 'Terrace', 'Court', 'Circle', 'Turnpike', 'Pike', 'STREET', 'AVENUE', 'ROAD']);
addWords(EN_STREET_WORDS, W_STREET);
const EN_STREET_WORD_G = new RegExp(`(?<![A-Za-zÀ-ÖØ-Þà-ÿŸ])(?:${[...EN_STREET_WORDS].join('|')})(?![A-Za-zÀ-ÖØ-Þà-ÿŸ])`, 'g');
const STREET_LEAD = new Set(['on', 'off', 'at', 'near', 'of', 'to', 'along', 'from', 'and']);
let streetS = new Int32Array(8), streetE = new Int32Array(8), nStreet = 0;
function pushStreet(a: number, b: number): void {
  if (nStreet === streetS.length) { streetS = doubled(streetS); streetE = doubled(streetE); }
  streetS[nStreet] = a; streetE[nStreet++] = b;
}
/** The street named before the street word at [p, e): an ADDRESS span, or nothing. */
function streetBefore(text: string, p: number, e: number, spans: Span[]): void {
  const next = text.charCodeAt(e);
  if (text.charCodeAt(p + 1) === 116 && e === p + 2) {
    // "St" / "St.": not before a capitalized word ("St Mary's", "St. Vincent")
    let k = e;
    if (next === 46) k++;
    while (text.charCodeAt(k) === 32) k++;
    if (isUpperCode(text.charCodeAt(k))) return;
  }
  let start = p, words = 0;
  while (words < 3 && start >= 2 && text.charCodeAt(start - 1) === 32) {
    let a = start - 1;
    while (a > 0 && isAsciiLetter(text.charCodeAt(a - 1))) a--;
    if (a === start - 1) break;
    if (!isUpperAscii(text.charCodeAt(a))) {
      // the lead word: the street begins after it
      if (words > 0 && STREET_LEAD.has(text.slice(a, start - 1)) && (a === 0 || !isAlnumLatin(text.charCodeAt(a - 1)))) {
        spans.push({ start, end: e, label: 'ADDRESS', score: 0.7, rule: 'street-en' });
      }
      return;
    }
    const word = fold(text.slice(a, start - 1));
    if (STOP.has(word) && !HOSP_GENERIC.has(word)) return;
    start = a; words++;
  }
}
/** ADDRESS spans for the English streets named without a number. */
/**
 * A French address field's value up to its postal code, whatever its words: "Adresse : Le Bourg, 29410 Pleyber-Christ",
 * "Domicile : La Grange aux Moines, 37600 Perrusson", "Adresse : Route de Kerhuon, 29470 …" — a hamlet, a farm, a
 * road without a number, which no street rule reads. The postal code says it is an address; the field says where it starts.
 */
const ADDRESS_FIELD = /(?<![A-Za-zÀ-ÿ])(?:[Aa]dresse|ADRESSE|[Dd]omicile|DOMICILE)(?: (?:postale|personnelle|actuelle|du patient|de la patiente|patient))? ?: ?([A-ZÀ-Þ0-9](?:(?!\. )[^\n,;:()|.!?]|\.(?! )){2,58}?)(?=,? ?(?:(?:0[1-9]|[1-8]\d|9[0-8])\d{3} [A-ZÀ-Þ]|(?:BP|CS) ?\d))/g;
export function recognizeAddressFields(text: string, spans: Span[]): void {
  if (!(text.includes('dresse') || text.includes('omicile') || text.includes('DRESSE') || text.includes('OMICILE'))) return;
  ADDRESS_FIELD.lastIndex = 0;
  for (let m; (m = ADDRESS_FIELD.exec(text)) !== null;) {
    const e = m.index + m[0].length, a = e - m[1]!.length;
    spans.push({ start: a, end: e, label: 'ADDRESS', score: 0.75, rule: 'address-field' });
  }
}
export function recognizeStreetsEn(text: string, spans: Span[]): void {
  eachWord(text, streetS, streetE, nStreet, EN_STREET_WORD_G, (a, b) => { streetBefore(text, a, b, spans); });
}
const TLDS = new Set(['fr', 'com', 'org', 'net', 'eu', 'io', 'be', 'ch', 'ca', 'info', 'de', 'uk']);
/** Whether '.' + a top-level domain of url-bare ends right before the '/' at i (any case). */
function tldBefore(t: string, i: number): boolean {
  let a = i - 1;
  while (a > 0 && i - a <= 4 && isAsciiLetter(t.charCodeAt(a - 1))) a--;
  return cc(t, a - 1) === 46 && TLDS.has(t.slice(a, i).toLowerCase());
}
/** Whether c is a letter that OCR and hurried typing put for a digit: O, o (0), l, I (1). */
function isOcrLetter(c: number): boolean { return c === 79 || c === 111 || c === 108 || c === 73; }
/** Whether t[a, b) is only such letters (isOcrLetter). */
function ocrLetters(t: string, a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (!isOcrLetter(t.charCodeAt(k))) return false;
  return true;
}
/** The letter runs of ocrLetters beside a digit that the character pass met (start, end). */
let ocrS = new Int32Array(8), ocrE = new Int32Array(8), nOcr = 0;
function pushOcr(a: number, b: number): void {
  if (nOcr === ocrS.length) { ocrS = doubled(ocrS); ocrE = doubled(ocrE); }
  ocrS[nOcr] = a; ocrE[nOcr++] = b;
}
function allO(t: string, a: number, b: number): boolean { for (let k = a; k < b; k++) if (t.charCodeAt(k) !== 79) return false; return true; }
/**
 * The letter runs of the character pass's text, by a 16-bit hash of their characters (runs of up
 * to RUN_MAX letters, case kept): RUN_SEEN[runSlot(hash)] is runStamp when some run has that hash. A
 * pre-test of "is w a whole letter run of the text" for the document passes' searches of a word
 * (mayBeLetterRun).
 */
const RUN_SEEN = new Int32Array(1 << 16);
/** The longest letter run recorded in RUN_SEEN (a login of a first name and a surname: "benoittoudoire"). */
const RUN_MAX = 31;
let runStamp = 0;
/** The 16 bits of RUN_SEEN from a run's FNV-1a hash (accumulated as hashStep over its code units). */
function runSlot(h: number): number { return (h ^ (h >>> 16)) & 0xffff; }
export const HASH_START = 0x811c9dc5 | 0;
export function hashStep(h: number, c: number): number { return Math.imul(h ^ c, 0x01000193); }
/** hashStep from HASH_START over the code units of s[a, b). */
function hashRange(s: string, a: number, b: number): number {
  let h = HASH_START;
  for (let k = a; k < b; k++) h = hashStep(h, s.charCodeAt(k));
  return h;
}
/**
 * The case-sensitive word lists the character pass compares whole letter runs with (cue words, place cues, street words,
 * gate words, id cues in capitals, hospital cues): per runSlot of a word's hash (hashStep over its code units, case kept,
 * as the pass hashes each run), the R_* bits of the lists that hold a word with that slot. A run whose slot has no bit of
 * a list is not in it (exact: the run's hash is the word's), so most runs that pass the word filter's key (length, end
 * letters) skip the substring and the Set look-up.
 */
const RUN_WORDS = new Uint8Array(1 << 16);
const R_CUE = 1, R_PLACE = 2, R_STREET = 4, R_GATE = 8, R_IDU = 16, R_HOSP = 32, R_LOGIN = 64, R_LCUE = 128;
function addRunWords(words: Iterable<string>, bit: number): void {
  for (const w of words) RUN_WORDS[runSlot(hashRange(w, 0, w.length))]! |= bit;
}
addRunWords(CUE_WORDS, R_CUE); addRunWords(EN_STREET_WORDS, R_STREET); addRunWords(GATE_WORDS.keys(), R_GATE); addRunWords(IDU_WORDS, R_IDU);
addRunWords(LOGIN_STARTS, R_LOGIN); addRunWords(LOGIN_BEFORE, R_LCUE);
/**
 * Whether the text may hold a whole letter run of k letters whose hash (hashStep from HASH_START over its code units)
 * is h: mayBeLetterRun for a run the caller hashes itself.
 */
export function mayBeHashedRun(text: string, h: number, k: number): boolean {
  return text !== tokText || k > RUN_MAX || k === 0 || RUN_SEEN[runSlot(h)] === runStamp;
}
/**
 * RUN_SEEN from the runs of name letters (isWordLetter: Latin-1's letters and those of EXT_BLOCKS), under a new stamp:
 * for a text whose letter runs differ from them (K_ODD), read by mayBeLetterRun.
 */
function nameLetterRuns(t: string): void {
  if (++runStamp === 0x7fffffff) { RUN_SEEN.fill(0); runStamp = 1; }
  const n = t.length;
  for (let i = 0; i < n;) {
    if (!isWordLetter(t.charCodeAt(i))) { i++; continue; }
    const ws = i;
    let h = HASH_START;
    do { h = hashStep(h, t.charCodeAt(i)); i++; } while (i < n && isWordLetter(t.charCodeAt(i)));
    if (i - ws <= RUN_MAX) RUN_SEEN[runSlot(h)] = runStamp;
  }
}
/**
 * Whether the text may hold w[0, k) as a whole letter run — false only when the character pass read
 * this text (regular tokens: its letter runs are the runs of name letters) and no run has its hash.
 * w[0, k) must be letters (no '-', "'", digit).
 */
export function mayBeLetterRun(text: string, w: string, k: number): boolean {
  if (text !== tokText || k > RUN_MAX || k === 0) return true;
  // (RUN_SEEN holds the runs of name letters for an irregular text: w[0, k) with another code, a lower case's combining dot, is unsure)
  if (!tokRegular) for (let q = 0; q < k; q++) if (!isWordLetter(w.charCodeAt(q))) return true;
  return RUN_SEEN[runSlot(hashRange(w, 0, k))] === runStamp;
}
/** Whether the text may hold one of the words (letters only) as a whole letter run (mayBeLetterRun): a rule's gate. */
function mayHoldAnyRun(text: string, words: readonly string[]): boolean {
  for (const w of words) if (mayBeLetterRun(text, w, w.length)) return true;
  return false;
}
export function charClasses(t: string): number {
  let m = 0;
  if (++runStamp === 0x7fffffff) { RUN_SEEN.fill(0); runStamp = 1; }
  nirEnd = -2; nirLen = 0; phEnd = -3; phLen = 0; nRuns = 0; runAny = 0; nX = 0; nMon = 0; nDay = 0; nHosp = 0; nPlace = 0; nIdc = 0; nIdu = 0; gateFound = 0; nObf = 0; nOcr = 0; nAge = 0; nStreet = 0; nLogin = 0; nLow = 0; loginCueEnd = -2; holidaySeen = false; nNum = 0;
  tokText = t; tokRegular = true; runRegular = true; nTok = 0; tokCapEnd = 0; tokSpaced = false;
  const n = t.length;
  let i = 0;
  while (i < n) {
    let c = t.charCodeAt(i);
    let k = CHAR_KIND[c]!;
    if (k & 1) {
      // a run of letters: only its bounds matter (month names; A-Z sets C_UPPER)
      const ws = i;
      let seen = 0, h = HASH_START;
      do {
        seen |= k;
        h = hashStep(h, c);
        if (++i >= n) break;
        c = t.charCodeAt(i);
        k = CHAR_KIND[c]!;
      } while (k & 1);
      if (seen & 4) m |= C_UPPER;
      const len = i - ws;
      if (c === 46 && len >= 3 && (t.charCodeAt(i - 1) | 32) === 119 && (t.charCodeAt(i - 2) | 32) === 119 && (t.charCodeAt(i - 3) | 32) === 119) m |= G_URL;
      const c0 = t.charCodeAt(ws);
      let wf = 0;
      if (len <= 15) wf = WORD_FILTER[wordKey(len, c0, t.charCodeAt(i - 1))]!;
      const slot = runSlot(h);
      if (len <= RUN_MAX) RUN_SEEN[slot] = runStamp;
      // (the exact lists' bits, read only for a run that one of the word filter's lists may hold)
      const rw = wf !== 0 ? RUN_WORDS[slot]! : 0;
      if ((seen & (K_CAP | K_HI | K_ODD)) === 0) {
        // (a lower-case ASCII run: a login's place, or a word a login may follow)
        if (len >= 6 && len <= 24) lowerRun(t, ws, i);
        if ((wf & W_LCUE) !== 0 && (rw & R_LCUE) !== 0 && LOGIN_BEFORE.has(t.slice(ws, i))) loginCueEnd = i;
      }
      if (seen & K_ODD) { tokRegular = false; if (seen & K_RUN_ODD) runRegular = false; }
      else if (ws >= tokCapEnd) nameToken(t, ws, i, (seen & K_CAP) !== 0, rw);
      // "2A"/"2B" in a NIR chain; 'O' typed for 0 in a phone chain
      if (len === 1 && ws === nirEnd && (c0 === 65 || c0 === 66 || c0 === 97 || c0 === 98)) { nirLen++; nirEnd = i; runTop[nirFirst] = nirLen; }
      // "at" between brackets: an obfuscated e-mail address ("jean.dupont [at] gmail.com")
      if (len === 2 && (c0 | 32) === 97 && (t.charCodeAt(ws + 1) | 32) === 116 && bracketAround(t, ws, i) >= 0) pushObf(ws);
      // letters typed or scanned for digits, beside a digit ("2O24", "7l", "1l3": O, o for 0, l, I for 1; recognizeOcrDigits)
      if (len <= 3 && (isDigitCode(c) || isDigitCode(cc(t, ws - 1))) && ocrLetters(t, ws, i)) pushOcr(ws, i);
      if (c0 === 79 && (len === 1 || allO(t, ws, i))) {
        m |= phoneChain(t, ws, len);
        if (len === 1 && i < n && isDigitCode(t.charCodeAt(i))) pushX(ws);
      }
      if (wf !== 0) {
        if ((wf & W_MONTH) !== 0 && monthStart(c0, t.charCodeAt(ws + 1)) && isMonthAt(t, ws, i)) { m |= G_MONTH; pushMon(ws); }
        if ((wf & W_DAY) !== 0 && DAY_HASH[foldHash(t, ws, i)] === 1) dayRun(t, ws, i);
        if ((rw & R_HOSP) !== 0 && (wf & W_HOSP) !== 0 && isHospCue(t, ws, i)) pushHosp(ws);
        if ((rw & R_PLACE) !== 0 && (wf & W_PLACE) !== 0 && PLACE_CUES.has(t.slice(ws, i))) pushPlace(ws);
        if ((wf & W_IDC) !== 0) idcWord(t, ws, i);
        if ((wf & W_AGE) !== 0 && AGE_WORDS.has(t.slice(ws, i).toLowerCase())) pushAge(ws, i);
        if ((rw & R_STREET) !== 0 && (wf & W_STREET) !== 0 && EN_STREET_WORDS.has(t.slice(ws, i))) pushStreet(ws, i);
        if ((rw & R_IDU) !== 0 && (wf & W_IDU) !== 0) iduWord(t, ws, i);
        if ((rw & R_GATE) !== 0 && (wf & W_GATE) !== 0) m |= gateWord(t, ws, i);
        if ((rw & R_LOGIN) !== 0 && (wf & W_LOGIN) !== 0 && LOGIN_STARTS.has(t.slice(ws, i))) pushLogin(ws);
        if ((wf & W_HOLI) !== 0 && !holidaySeen && HOLIDAY_WORDS.has(t.slice(ws, i))) holidaySeen = true;
        if ((wf & W_NUMC) !== 0 && NUMBERED_CUES.has(t.slice(ws, i)) && (ws === 0 || !isDigitCode(t.charCodeAt(ws - 1)))) pushNum(ws);
      }
      // "n°", "N°", "nº", "No.", "NO." (markNumberedIds)
      if (((len === 1 && (c0 | 32) === 110 && (c === 176 || c === 186)) || (len === 2 && c0 === 78 && (t.charCodeAt(ws + 1) | 32) === 111 && c === 46))
        && (ws === 0 || !isDigitCode(t.charCodeAt(ws - 1)))) pushNum(ws);
      // a month name may also start inside a run, after a non-ASCII letter ("\b" is ASCII): only a candidate
      if (seen & K_HI) suffixCandidates(t, ws, i);
      continue;
    }
    if (k & 2) {
      const rs = i;
      do { i++; } while (i < n && isDigitCode(t.charCodeAt(i)));
      m |= digitRunFeatures(t, rs, i, i < n ? t.charCodeAt(i) : 0);
      continue;
    }
    if (k & (K_ODD | K_TYPO)) { if (k & K_ODD) tokRegular = false; else m |= G_TYPO; }
    // (two spaces in a row, or a tab: the text may hold an aligned table, document-names.ts)
    if ((c === 32 && t.charCodeAt(i + 1) === 32) || c === 9) tokSpaced = true;
    if (c === 43 && i + 1 < n && isDigitCode(t.charCodeAt(i + 1))) pushX(i); // '+'
    if (k & 4) {
      m |= CHAR_FLAG[c]!;
      if (c === 40 && i + 1 < n && isDigitCode(t.charCodeAt(i + 1))) pushX(i); // '('
      if (c === 35) { const c1 = cc(t, i + 1); if (isDigitCode(c1) || (isDigitCode(cc(t, i + 2)) && isSpaceLike(c1))) m |= G_HASHNUM; }
      if (c === 47 && i >= 3 && isAsciiLetter(t.charCodeAt(i - 1)) && tldBefore(t, i)) m |= G_BAREURL;
      if (c === 58) {
        const c1 = cc(t, i + 1);
        if (c1 === 58) m |= G_DCOLON;
        else if (c1 === 47 && t.charCodeAt(i + 2) === 47) m |= G_URL;
        else if (i > 0 && isHexCode(t.charCodeAt(i - 1)) && isHexCode(c1)) {
          let j = i + 1;
          while (j < n && j - i - 1 < 4 && isHexCode(t.charCodeAt(j))) j++;
          if (cc(t, j) === 58 && isHexCode(cc(t, j + 1))) m |= G_HEXC;
        }
      }
    }
    i++;
  }
  // a run starts a NIR only with >= 13 chain elements from it on, and not inside a long run of
  // spaced single digits ("2 9 1 4 8 …"): there every NIR match is all single digits with a spaced
  // digit right after it (>= 16 singles from the run) or right before it (>= 15 and a digit before),
  // which the nir check rejects (those runs belong to the spaced-digit segmenter)
  let singles = 0;
  // (a text with a K_ODD character — 'œ' of "cœur", 'ś' of "Wiśniewski", 'ß' — has letter runs other than the name
  // letters' runs: RUN_SEEN is recorded again from the runs of name letters, so that its pre-test holds there too)
  if (!tokRegular) nameLetterRuns(t);
  for (let q = nRuns - 1; q >= 0; q--) {
    const s0 = runS[q]!;
    singles = runE[q]! - s0 !== 1 ? 0 : q + 1 < nRuns && runS[q + 1] === s0 + 2 && t.charCodeAt(s0 + 1) === 32 && singles > 0 ? singles + 1 : 1;
    if (!(runM[q]! & S_NIR)) continue;
    if (runTop[runFirst[q]!]! - runBefore[q]! < 13 || singles >= 16
      || (singles >= 15 && s0 >= 2 && t.charCodeAt(s0 - 1) === 32 && isDigitCode(t.charCodeAt(s0 - 2)))) runM[q] = runM[q]! & ~S_NIR;
  }
  return m | gateFound;
}
/** After a place name: a letter's heading (", le 14…") or a postal code ("Paris 75015", "Paris (75013)"). */
const CITY_AFTER = /^(?:, le \d|,? \(?(?:0[1-9]|[1-8]\d|9[0-8])\d{3}\)?(?![0-9]))/;
/** Words before a place name: "à Lille", "de Cannes", "dans Bordeaux", "near Boston". */
const CITY_CUE = /(?<=(?:^|[\s'’])(?:(?:à|a|au|de|d'|d’|dans|près de|vers|sur|in|at|near|from|to),? |d['’]))/y;
/**
 * Whether the string ends with a match of `re`, written as a sticky look-behind `/(?<=X)/y`: one
 * backward attempt at the end instead of /X$/ tried from every position.
 */
function endsWithMatch(re: RegExp, s: string): boolean { re.lastIndex = s.length; return re.test(s); }

interface RegexRule {
  needs?: number; gate?: (text: string, cls: number) => boolean; re: RegExp; label: TextLabel; score: number; rule: string;
  group?: number; check?: (m: RegExpExecArray, text: string) => number | null; relabel?: (m: RegExpExecArray) => TextLabel | null;
  /**
   * Start shapes (S_*): every match begins at a digit run with one of these shapes (a necessary
   * condition read off the regex), or, with `x`, at a '(', '+' or lone 'O' before a digit. The
   * rule then runs a sticky copy of `re` at those positions only (same matches, same order).
   */
  at?: number; x?: boolean;
  /**
   * With `at`: a test of the characters around a candidate digit run [s, e) that every match starting at s passes (read off
   * the regex, as `at`): a run that fails it is skipped without running the regex there. For the shapes that are frequent
   * and seldom match (every day of the month is date-le-day's and date-roman's candidate), where the attempts cost more
   * than the matches. (A rule with one is never merged with others.)
   */
  pre?: (t: string, s: number, e: number) => boolean;
  /** Every match starts at a month name of the text (monS, recorded by charClasses). */
  mon?: boolean;
  /** Every match starts at a spelled-out day number (dayS: a whole letter run, NUMW_DAY). */
  day?: boolean;
  /** A match may end with a month name and '.': the dot is left out after an unabbreviated name ("le 3 janvier."). */
  monthDot?: boolean;
  /** Every match starts at a cue word of the second id-cue rule (idcS, recorded by charClasses). */
  idc?: boolean;
  /** Every match starts at a cue word of the first id-cue rule (iduS, recorded by charClasses). */
  idu?: boolean;
  /** Every match starts at a first word of name-login (loginS, recorded by charClasses) when the text's runs are regular (runRegular). */
  login?: boolean;
  /**
   * With `at`: every match has a month name (monS) right after its digit run or one character
   * later, or "er" right after the run ("1er"): runs without are skipped.
   */
  monAfter?: boolean;
}

// Boundaries over Latin letters and digits, without the 'u' flag (unicode-mode regexes are slower).
const L = 'A-Za-z0-9\\u00c0-\\u024f';
const B = `(?<![${L}])`; // left boundary (letters/digits)
const E = `(?![${L}])`;  // right boundary

const NIR_LAYOUT = [1, 2, 2, 2, 3, 3, 2];
/**
 * A phone number's pair of digits after a separator, or after a line break (at most one per number:
 * not a column of values); the four pairs are written as a trie (PPPP, PPPN, PPNP, PNPP, NPPP) so
 * that a failed attempt fails once.
 */
// (two spaces too, as OCR and justified text leave them: "05  46  45  50  50")
/** Words a French phone number may be glued to ("le06…", "Tel06…", "au06…"): a look-behind, the word a whole one. */
const GLUED_PHONE_WORDS = 'le|au|Le|Au|AU|tel|Tel|TEL|tél|Tél|TÉL|t[ée]l\\.|T[ée]l\\.|port|Port|PORT|fax|Fax|FAX|mob|Mob|GSM|mobile|Mobile|portable|Portable|domicile|Domicile';
const GLUED_PHONE_CUE = `(?<=(?<![A-Za-z0-9\\u00c0-\\u024f])(?:${GLUED_PHONE_WORDS}))`;
const PH = '(?:(?: {1,2}|[.\\-])?[0-9O]{2})', PN = '(?:\\r?\\n[0-9O]{2})';
/** A street word and the rest of the street name, up to a separator (address-fr, after the number). */
const STREET = `(?:rue|avenue|av\\.?|bd|boulevard|place|pl\\.(?! de sang| d['’]h[ée]maties| de plaquettes)|all[ée]es?|chemin|impasse|route|rte|quai|cours|square|r[ée]sidence|voie|passage|faubourg|fbg|villa|cit[ée]|lotissement|lieu-dit|hameau|chauss[ée]e|promenade|esplanade|parvis|sentier|domaine|mont[ée]e|venelle|ruelle|sente|traverse|lev[ée]e|rond-point|carrefour|clos(?= (?:(?:du|des|de|saint|sainte|st|les?|la|aux?)[ \-]|d['’])))(?![A-Za-z0-9_À-ÿ])[^\\n,;()|"]{1,60}?(?=\\s*(?:[,;()|"]|\\d{5}|\\.(?:\\s|$)|$|\\n| - | – | tel| t[ée]l| à [A-ZÀ-Þ]| dans | au nord| au sud| près))`;
/** Phone cues right before a number (phone-cue-short): the number's text must follow them. */
/** ITU-T E.164 country calling codes (assigned, 2024): the code after a spaced "00" ("00 33 6 41 27 93 08"). */
const COUNTRY_CODES = new Set([
  '1', '7', '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49', '51', '52', '53', '54', '55',
  '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81', '82', '84', '86', '90', '91', '92', '93', '94', '95', '98',
  '211', '212', '213', '216', '218', '220', '221', '222', '223', '224', '225', '226', '227', '228', '229', '230', '231', '232', '233', '234',
  '235', '236', '237', '238', '239', '240', '241', '242', '243', '244', '245', '246', '248', '249', '250', '251', '252', '253', '254', '255',
  '256', '257', '258', '260', '261', '262', '263', '264', '265', '266', '267', '268', '269', '290', '291', '297', '298', '299',
  '350', '351', '352', '353', '354', '355', '356', '357', '358', '359', '370', '371', '372', '373', '374', '375', '376', '377', '378', '380',
  '381', '382', '383', '385', '386', '387', '389', '420', '421', '423', '500', '501', '502', '503', '504', '505', '506', '507', '508', '509',
  '590', '591', '592', '593', '594', '595', '596', '597', '598', '599', '670', '672', '673', '674', '675', '676', '677', '678', '679', '680',
  '681', '682', '683', '685', '686', '687', '688', '689', '690', '691', '692', '850', '852', '853', '855', '856', '880', '886',
  '960', '961', '962', '963', '964', '965', '966', '967', '968', '970', '971', '972', '973', '974', '975', '976', '977', '992', '993', '994',
  '995', '996', '998']);
const PHONE_CUE_BEFORE = /(?<=(?:t[ée]l[ée]phon(?:e|ique)(?: (?:mobile|portable|fixe|professionnel))?|t[ée]l\.?|portable|mobile|fax|joignables? au|appeler (?:le|au)|phone|cell)\s*(?:est le|au|:|\.|n°)?\s*)/iy;
/** A phone's word before a number with letters (phone-vanity). */
const PHONE_WORD_BEFORE = /(?:^|[^A-Za-z])(?:line|hotline|helpline|call|phone|tel|dial|number|no\.|contact|reach|text|fax)[ \t]*(?:is|at|:|#)?[ \t]*:?[ \t]*$/i;
/** A phone's word right before a seven-digit local number (phone-local7): "his # is", "cell:", "phone 555 0142", "call her at". */
const LOCAL_PHONE_BEFORE = /(?:^|[^A-Za-z])(?:phone|tel|cell|mobile|number|#|fax|call(?: (?:him|her|them|me|back))?(?: at)?)[ \t]*(?:is|was|at|:)?[ \t]*:?[ \t]*$/i;
/** Whether the letters of a number with letters are whole (4 or 7) and a bracketed group after them, if any, is their keypad digits. */
function vanityDigits(v: string): boolean {
  const open = v.indexOf('(');
  if (open < 0) return true;
  const letters = v.slice(0, open).replace(/[^A-Z]/g, ''), digits = v.slice(open + 1, v.length - 1);
  if (letters.length !== digits.length) return false;
  for (let k = 0; k < letters.length; k++) if (KEYPAD[letters.charCodeAt(k) - 65] !== digits.charCodeAt(k) - 48) return false;
  return true;
}
/** The digit of each letter A-Z on a telephone keypad. */
const KEYPAD = [2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9];
/** A call's word before an emergency number ("appel du 15", "composez le 15", "SAMU (15)"): no day of the month. */
const CALL_BEFORE = /(?:appel|compos|contact|joindre|joint|num[ée]ro|t[ée]l|samu|pompiers|police|gendarmerie|urgences?|\bou)[^\n]*$/i;
/** Words before a measure or a count written like a day/month ("TA 14/8", "cure 4/12", "EVA 3/10"). */
const MEASURE_BEFORE = new RegExp(`(?<=(?:\\bTA|\\bta|\\bPA|\\bT\\.A\\.|[Tt]ension|[Pp]ression|[Cc]ures?|[Cc]ycles?|[Dd]oses?|EVA|ENS|[Ss]cores?(?: (?:de |d'|of )?[A-Z][a-z]+)?|[Cc]rit[èe]res?(?: (?:de |d'|of )?[A-Z][a-z]+)?|Algoplus|Doloplus|ECPA|Braden|GCS|NIHSS|MMS|(?:[Oo]eil|[Œœ]il|[Ee]ye) (?:gauche|droit|left|right)|[Ll]eft eye|[Rr]ight eye|[Pp]ain|[Dd]ouleurs?|Apgars?|[Ss]cale|[ÉéEe]chelle|[Nn]ote|[Gg]rade|[Ss]tade|[Ss][ée]ances?|[Ff]raction|[Rr]apport|[Rr]atio|[Ll]ignes?|[Cc]ourse|[Aa]cuit[ée]|AV|[Vv]isuel(?:le)?|[Ss]chober|\\b[Aa][Vv] (?:od|og|OD|OG)|\\bod|\\bog|[Ff]orce|[Tt]estings?|BP|(?<![A-Za-z])(?:[Dd]ays?|DAYS?)|[Jj]ours?|JOURS?|\\bOD|\\bOG|\\bODG|IADL|ADL|MMSE|MoCA|MNA|BIMS|SLUMS|PHQ-?9|GAD-?7|[Ss]ouffle(?: (?:systolique|diastolique|holosystolique|m[ée]sosystolique|protosystolique|[ée]jectionnel|continu))?|[Mm]urmur|SEM)(?: de)? ?:? ?)`, 'y');
/** What a culture's count of bottles is followed by: a result or an organism ("BCx 4/4 MSSA", "hémocultures 2/2 positives"). */
const CULTURE_RESULT_AFTER = /^ ?(?:positi|négati|negati|pos\b|neg\b|bottles?|flacons?|GPC|GNR|GPR|GNC|MSSA|MRSA|VRE|ESBL|[A-Z]\. ?[a-z]|E\.? ?coli|staph|strep|S\. aureus|Candida|Klebsiella|Pseudomonas|Enterococcus)/i;
const COUNTED_AFTER = /^ ?(?:bands?|cores?|carottes?|LNs?|lymph nodes?|ganglions?|gg|N\+|nodes? (?:positive|involved|examined|removed|harvested|retrieved|negative|pos|neg)|(?:positive|involved|metastatic) (?:lymph )?nodes?)(?![A-Za-zÀ-ÿ+])/;
/** Lymph nodes counted right before the numbers: "pN1a (2/11)", "ypN0 (0/14)", "N+ 3/14", "LN: 3/14", "ganglions envahis : 3/14". */
const NODES_BEFORE = /(?:(?<![A-Za-z])(?:y?p|c)?N[0-3][a-c]?(?:\((?:sn|i[+-]|mi)\))?|(?<![A-Za-z])N\+|(?<![A-Za-z])LNs?|[Ll]ymph nodes?|[Nn]odes?(?: positive| involved)?|[Gg]anglions?(?: envahis| positifs| atteints)?) ?[:(]? ?$/;
const CULTURES_BEFORE = /(?<=(?<![A-Za-z])(?:BCx|[Bb]lood cultures?|[Hh][ée]mocultures?|[Bb]ottles?|[Ff]lacons?) ?:? ?)/y;
/** A blood pressure in cmHg and a word of sequence right before a second one: "TA 12/8 puis 9/5", "PA 14/9 -> 11/7" (in mmHg, "BP 150/90", the second is no day/month). */
const PRESSURE_THEN = /(?<=(?<![A-Za-z])(?:TA|PA|T\.A\.|[Tt]ension) ?:? ?\d{1,2} ?\/ ?\d{1,2} ?(?:puis|->|→|(?:re)?contr[ôo]l[ée]e? (?:[àa]|au repos [àa])|[àa]) ?)/y;
/** English words right before a month/day that make it a date ("on 2/5", "since 2/10", "last dose 2/3", "DOS: 2/5"). */
const EN_DATE_CUE = /(?<=(?<![A-Za-z])(?:on|since|from|until|till|to|by|dated?|last|next|due|seen|through|thru|before|after|around|starting|started|effective|of|DOS|DOB|admitted|discharged|delivered|placed|given|done|drawn|received|sent|scheduled|called|ends?|ended|expires?|stopped|changed|obtained|performed|completed|collected|filled|refilled|signed|faxed|mailed|consented|enrolled|randomi[sz]ed|screened)\s?:?\s?)/iy;
/** Words of a time's start or end right before a month and a two-digit year ("since 9/86", "stopped 10/99"; not "from 6/60 to 6/36", an acuity). */
const SINCE_CUE = /(?<=(?<![A-Za-z])(?:on|since|from|until|till|by|dated?|last|next|due|seen|through|thru|before|after|around|starting|started|effective|DOS|admitted|discharged|stopped|changed|completed|began|ended|quit|discontinued|diagnosed|dx'?d)(?: seen)? ?:? ?)/iy;
/** Before a titre or a dilution ("titre of 1/80", "diluted to 1/40"): no month and year. */
const TITRE_BEFORE = /(?:titre|titer|dilution|dilu[ée]e?|diluted|ratio)\D{0,12}$/i;
/** French words right before a day/month that make it a date ("le 1/2", "depuis le 3/4", "jusqu'au 2/3"). */
const FR_DATE_CUE = /(?<=(?<![A-Za-zÀ-ÿ])(?:le|du|au|depuis|dès|des|avant|après|apres|vers|jusqu'au|jusqu’au|prévu|prevu|revu|vu|rdv|RDV|date|entre|et|à|a)\s?:?\s?)/iy;
// (and a visual acuity in tenths: "AV binoculaire corrigée 7/10", "acuité visuelle 8/10", "VA 6/10")
const RATING_NEAR = /pain|douleur|\bEVA\b|\bEN\b|score|scale|[ée]chelle|rated|cot[ée]e?|\bAV\b|\bVA\b|acuit[ée]|acuity/i;
/**
 * Named scores and tests of totals that a day and a month could be, in the clause before points out of a total ("Apgar 9/10",
 * "Apgars 4 / 7 / 8", "préparation : Boston 3-3-2 = 8/9", "horloge 3/7", "5 mots de Dubois : rappel total 6/10", "GCS 14/15 ->
 * 11/15", "IADL 2/4"): not a surname or a town ("Dr Dubois 3/7 à 14h", "Dr Norton 3/7", "Transferred to Glasgow 3/7"), nor a
 * score of a total no date has ("MMSE 28/30, contrôle 3/7"), nor past a sentence's stop ("Échelle de Braden faite. Sortie 4/9").
 */
const SCORE_IN_CLAUSE = /(?:apgars?|horloge|\d mots|clock (?:drawing|test)|(?:pr[ée]paration|qualit[ée]|score|[ée]chelle|BBPS)\W+(?:de )?boston|mots de dubois|\bGCS|glasgow coma|NIHSS|\bI?ADLs?|\bscore|[ée]chelle|\bscale|souffrances? endur[ée]es|pr[ée]judice esth[ée]tique|dommage esth[ée]tique|pretium doloris)(?![A-Za-zÀ-ÿ])/i;
const dayMonthOk = (d: number, m: number): boolean => d >= 1 && d <= 31 && m >= 1 && m <= 12;
/** After a comma, up to the points: only numbers, fractions and commas, each maybe after its minute (a list of scores: "Apgar à 1 min 7/10, 5 min 9/10"). */
const SCORE_LIST_TAIL = /^(?:(?: ?\d{1,3}(?: ?\/ ?\d{1,3})?,)* ?(?:(?:\d{1,3}(?: ?\/ ?\d{1,3})? )?(?:then|puis|et|and) )?|(?: ?(?:à |at )?\d{1,2} ?(?:min|mn|minutes?) \d{1,3}(?: ?\/ ?\d{1,3})?,)* ?(?:à |at )?\d{1,2} ?(?:min|mn|minutes?) ?)$/;
/** A named score or test earlier in the clause (up to 60 characters back, not past a comma, a sentence's stop or a line's end: "GCS 15, CT head 4/9" is a date). */
function scoreClauseBefore(text: string, at: number, words: RegExp = SCORE_IN_CLAUSE): boolean {
  let a = at;
  while (a > 0 && at - a < 60) {
    const c = text.charCodeAt(a - 1);
    // (a comma goes on in a list of scores — "Apgar 9/10, 10/10", "Boston : 3/3, 3/3, 2/3": numbers only after it — and
    // ends the clause otherwise: "GCS 15, CT head 4/9")
    if (c === 44 && !(isDigitCode(cc(text, a - 2)) && SCORE_LIST_TAIL.test(text.slice(a, at)))) break;
    if (c === 10 || c === 59 || (c === 46 && !isDigitCode(cc(text, a - 2)))) break;
    a--;
  }
  return words.test(text.slice(a, at));
}
/** Points out of a total, then "and", "et", "then" or "puis" ("Apgar 7/10 et ", "8/9, then "). */
const SCORE_THEN_BEFORE = /\d ?\/ ?\d{1,3},? (?:then|puis|et|and) $/;
/** A murmur in the clause, graded out of 6 ("Levine 2/6 (prev 3/6)", "souffle systolique 3/6"). */
const MURMUR_IN_CLAUSE = /(?:\blevine|\bmurmur|\bsouffle|\bSEM|systolic ejection)(?![A-Za-zÀ-ÿ])/i;

/** English street words after a street's name (address-en). */
const EN_STREET = 'Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Court|Ct|Way|Boulevard|Blvd|Landing|Terrace|Parkway|Pkwy|Circle|Cir|Trail|Place|Pl|Highway|Hwy|Square|Sq|Loop|Row|Crossing|Gardens|Path|Run|Walk|Heights|Point|Park|Ridge|Junction|Village|Station|Mission|Center|Harbor|Manor|Mall|Meadows|Port|Plaza|Spur|Track|Vista|View|Estates|Grove|Green|Fork|Falls|Extension|Common|Bypass|Concourse|Alley|Pike|Turnpike|Tpke|Expressway|Expy|Causeway|Crescent|Cres|Close|Mews|Hill|Hills|Glen|Bend|Cove|Creek|Knoll|Pass|Shores?|Springs|Summit|Valley|Wharf|Pier';
/** IBAN lengths of the countries around France (a string of that shape with a wrong key is still read as an IBAN). */
const IBAN_LENGTH = new Map([['FR', 27], ['MC', 27], ['BE', 16], ['LU', 20], ['DE', 22], ['CH', 21], ['IT', 27], ['ES', 24], ['PT', 25], ['GB', 22], ['NL', 18], ['IE', 22]]);
/**
 * A day, a month and a year of four digits with the same separator (a phone number's pairs never hold four digits): a date.
 * Whether v starts so: /^\d{2}([.\/-])\d{2}\1(?:19|20)\d{2}(?!\d)/, read by character codes (phone-fr's check, on each match).
 */
function dateThenHour(v: string): boolean {
  const sep = cc(v, 2), y0 = cc(v, 6), y1 = cc(v, 7);
  return (sep === 46 || sep === 47 || sep === 45) && cc(v, 5) === sep && isDigitCode(cc(v, 0)) && isDigitCode(cc(v, 1)) && isDigitCode(cc(v, 3)) && isDigitCode(cc(v, 4))
    && ((y0 === 49 && y1 === 57) || (y0 === 50 && y1 === 48)) && isDigitCode(cc(v, 8)) && isDigitCode(cc(v, 9)) && !isDigitCode(cc(v, 10));
}
const RATING_RANGE = /^\d{1,2} ?- ?\d{1,2} ?\/ ?\d{2}$/;
const VERSION_BEFORE = /(?:^|[^A-Za-zÀ-ÿ])(?:version|v\.?|firmware|logiciel|software|release|build|update|mise à jour|app)\s?:?\s?$/i;
/** date-dmy's check: its separators read in one walk over the match, the regular expressions only where they may apply. */
/**
 * Whether a phone-like match at `at` starts inside a date: after a day and its separator with a month, a separator and a
 * year ("12.|03.2020 06 12"), or after a year and its separator with a month and a day ("2020.|03.12 06 12").
 */
function insideDate(text: string, at: number, v: string): boolean {
  const before = text.slice(Math.max(0, at - 5), at);
  return (/(?:^|[^0-9])\d{1,2}[./\- ]$/.test(before) && /^(?:0[1-9]|1[0-2])[./\- ](?:19|20)\d{2}(?!\d)/.test(v))
    || (/(?:^|[^0-9])(?:19|20)\d{2}[./\-]$/.test(before) && /^(?:0[1-9]|1[0-2])[./\-](?:0[1-9]|[12]\d|3[01])(?!\d)/.test(v));
}
const IBAN_WORD = /iban/i;
/** Guidelines and classifications named with their year by an acronym ("UICC 2017", "ACR/EULAR 2010", "OMS 2021", "KDIGO 2012"). */
const GUIDELINE_BEFORE = /(?<=(?<![A-Za-zÀ-ÿ])(?:UICC|AJCC|EULAR|ACR\/EULAR|ACR|OMS|WHO|ESC|ESH|ESMO|KDIGO|FIGO|ISUP|NCCN|NICE|SFAR|SPILF|ERS\/ATS|IDSA|ELN|CTCAE|RECIST|DSM)(?:-?\d{1,2})? ?(?:version |v)?:? ?)/y;
/** …or by a name that may also be a person's or a town's, only after a guideline's word ("critères de McDonald 2017", "classification de Tokyo 2018", "revised Atlanta 2012"). */
const NAMED_GUIDELINE_BEFORE = /(?<=(?<![A-Za-zÀ-ÿ])(?:crit[èe]res?|criteria|classification|selon|per|according to|guidelines?|recommandations?|consensus|r[ée]vis[ée]e?s?|revised|d[ée]finition)(?: (?:de|d'|du|des|of|the|la|le))? (?:McDonald|Tokyo|Sydney|Atlanta|Baveno|Lugano|Bethesda|Fleischner|Chapel Hill|Banff|GOLD|Rome|Montr[ée]al|Berlin) ?(?:I{1,3}V?|IV|V?I{0,3})? ?:? ?)/iy;
const APGAR_RIGHT_BEFORE = /(?<=(?<![A-Za-z])[Aa][Pp][Gg][Aa][Rr][Ss]? ?(?:score)? ?:? ?)/y;
/** A time right after a day and a month ("03/10 04:05", "12/03  08:30"): a line's time stamp. */
const TIME_AFTER = /^ {1,2}(?:[01]?\d|2[0-3])[:h][0-5]\d(?![0-9])/;
/** A week day right before a day and a month, maybe with a bracket ("last Tuesday (3/5)", "Thu 3/4", "jeudi 3/4"; the abbreviations capitalized: "mon 1/2", "sat 3/4" are no week days). */
const WEEKDAY_BEFORE = new RegExp(`(?<=(?<![A-Za-zÀ-ÿ])(?:${WEEKDAYS.split('|').flatMap((w) => [w, w[0]!.toUpperCase() + w.slice(1), w.toUpperCase()]).join('|')}|${WEEKDAY_ABBRS.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('|')}\\.?),? ?\\(?)`, 'y');
/** English: a dose named by its place in time right before a month and a day ("missed dose 1/27", "last dose 8/16"). */
const DOSE_DATE_BEFORE = /(?<=(?<![A-Za-z])(?:last|missed|next|final|held|skipped|first) doses? ?:? ?)/iy;
/** English: "Note" before a month and a day is a note's date ("Note 3/18: INR 1.8"), not a grade (the French "note 15/20"). */
const NOTE_BEFORE = /(?<=(?<![A-Za-z])(?:Note|NOTE|note) ?:? ?)/y;
/**
 * Whether a day/month after one of MEASURE_BEFORE's words is a date all the same: in English, after a dose named by its place in
 * time ("missed dose 1/27") or a note's word ("Note 3/18:"), a month and a day that no small fraction is (the second number 5 or
 * more, or two digits: not "last dose 1/2 tab").
 */
function measureNotDateWord(text: string, m: RegExpExecArray): boolean {
  if (patternLang !== 'en' || !(+m[1]! <= 12 && dayMonthOk(+m[2]!, +m[1]!)) || (+m[2]! < 5 && m[2]!.length === 1)) return false;
  const before = text.slice(Math.max(0, m.index - 20), m.index);
  return endsWithMatch(DOSE_DATE_BEFORE, before) || endsWithMatch(NOTE_BEFORE, before);
}
function dmyCheck(m: RegExpExecArray, text: string): number | null {
  const v = m[0];
  let dot = false, dash = false, slash = false, bar = false;
  for (let k = 0; k < v.length; k++) {
    const c = v.charCodeAt(k);
    if (c === 46) dot = true; else if (c === 45) dash = true; else if (c === 47) slash = true; else if (c === 124) bar = true;
  }
  // mixed separators ("12.03-2020"), a dash then a slash before two digits (RATING_RANGE needs both), a cell's bar beside a separator
  if ((dot && dash) || (dash && slash && RATING_RANGE.test(v)) || (bar && (slash || dot || dash))) return null;
  if (dot && VERSION_BEFORE.test(text.slice(Math.max(0, m.index - 14), m.index))) return null;
  // Apgar's three scores, slashed ("Apgar 7/9/10", "Apgars : 8/9/9"): each 10 at most, right after the word (not "Apgar 9/10
  // né le 7/9/10", a birth date)
  if (slash && !dot && !dash && v.length <= 8 && endsWithMatch(APGAR_RIGHT_BEFORE, text.slice(Math.max(0, m.index - 16), m.index)) && v.split('/').every((x) => +x <= 10)) return null;
  return dayMonthOk(+m[1]!, +m[2]!) || dayMonthOk(+m[2]!, +m[1]!) ? 0.9 : null;
}
/**
 * date-le-day's `pre`: its look-behind's words end with 'e', 'E', 'u' or 'U' ("le", "LE", "au", "du", "jusqu'au"), then one
 * space, right before the day.
 */
function leDayBefore(t: string, s: number): boolean {
  if (cc(t, s - 1) !== 32) return false;
  const l = cc(t, s - 2);
  return l === 101 || l === 69 || l === 117 || l === 85;
}
/**
 * date-roman's `pre`: the day (its whole digit run: a separator follows it) then '.', '/', '-' or ' ' and the first letter
 * of a month in roman numerals (I, V, X).
 */
function romanMonthAfter(t: string, _s: number, e: number): boolean {
  const c = cc(t, e), r = cc(t, e + 1);
  return (c === 46 || c === 47 || c === 45 || c === 32) && (r === 73 || r === 86 || r === 88);
}
/**
 * phone-vanity's `pre`: after the area code (at the run, or after "1" and a separator) and its separator, a capital letter,
 * or three digits, a separator and a capital letter.
 */
function vanityLetters(t: string, s: number, e: number): boolean {
  const p = e - s === 1 ? s + 2 : s, c = cc(t, p + 4);
  return isUpperAscii(c) || (isDigitCode(c) && isUpperAscii(cc(t, p + 8)));
}
export const RULES: RegexRule[] = [
  // ---- dates
  { rule: 'date-dmy', at: S_DMY, label: 'DATE', score: 0.9, needs: C_DIGIT,
    // (not inside a date of four digits first: "2024-01-09 | 58,2" is no "01-09 | 58")
    re: new RegExp(`${B}(?<!(?:19|20)\\d{2}[\\/.\\-])(\\d{1,2}) ?[\\/.\\-|] ?(\\d{1,2}) ?[\\/.\\-|] ?(?:\\d{4}(?!\\d)|\\d{2}${E})`, 'g'),
    // mixed separators ("12.03-2020") are not a date, nor a dash then a slash before two digits (a range of ratings, "pain 1-2/10")
    // nor a software's version with dots ("version 2.3.14", "Firmware 10.2.19", "v 3.1.12")
    // nor a table's cell bar beside another separator: "…|29|11/03/2024|" is an age, then a date
    check: dmyCheck },
  { rule: 'date-iso', at: S_ISO, label: 'DATE', score: 0.95, needs: C_DIGIT | C_DASH,
    re: new RegExp(`${B}(?:19|20)\\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?${E}`, 'g') },
  { rule: 'date-ymd', at: S_Y4, label: 'DATE', score: 0.85, needs: C_DIGIT,
    re: new RegExp(`${B}(?:19|20)\\d{2}[\\/.](?:0[1-9]|1[0-2])[\\/.](?:0[1-9]|[12]\\d|3[01])${E}`, 'g') },
  // not a measure or a count: "TA 14/8", "cure 4/12", "dose de 12/12", "EVA 3/10", "Pain 7/10", "Apgar 8/9"
  { rule: 'date-dm', at: S_DM, label: 'DATE', score: 0.6, needs: C_DIGIT | C_SLASH,
    re: new RegExp(`${B}(\\d{1,2}) ?\\/ ?(\\d{1,2})${E}(?! ?(?:[\\/.,]\\d|(?:mg|g|ml|l|mmol|µg|%|h|mois|semaines?|jours?|ans?|j|sem|SEM|systolic|diastolic|holosystolic|murmur|systolique|diastolique|holosystolique|days?|weeks?|wks?|nights?|OD|OG|ODG|od|og|ago)(?![A-Za-zÀ-ÿ])))`, 'g'),
    // "x/10" soon after a pain or score word is a rating ("pain 7/10, improved to 3/10")
    // (English notes write month/day: "on 4/15"); the measure words are read before a match only
    check: (m, text) => (!(dayMonthOk(+m[1]!, +m[2]!) || (patternLang === 'en' && dayMonthOk(+m[2]!, +m[1]!)))
      // (a month and a two-digit year after a date's word: "since 9/86", "stopped 10/99")
      // (not weeks or months as British notes count them: "until 6/52", "in 3/12")
      // (nor an acuity, 6/60, 6/36, nor a pregnancy's weeks, 11/40, nor a titre)
      ? (patternLang === 'en' && +m[1]! >= 1 && +m[1]! <= 12 && m[2]!.length === 2 && m[2] !== '52' && m[2] !== '12' && m[2] !== '40' && !(m[1] === '6' && +m[2]! % 6 === 0)
        && endsWithMatch(SINCE_CUE, text.slice(Math.max(0, m.index - 16), m.index)) && !TITRE_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index)) ? 0.6 : null)
      : endsWithMatch(MEASURE_BEFORE, text.slice(Math.max(0, m.index - 24), m.index)) && !measureNotDateWord(text, m) ? null
      // a day and a month with the time after it, as logs and chats stamp a line ("[03/10 04:05]", "deliv 12/03 08:30"): a date, no
      // rating or fraction
      : TIME_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 8)) ? 0.6
      // counts of bands, biopsy cores and lymph nodes ("IgM 3/3 bands", "5/12 cores", "3/14 LN", "pN1a (2/11)"), unless a date's
      // word comes first ("ligation on 3/14 bands")
      : +m[1]! <= +m[2]! && (COUNTED_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 24)) || NODES_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index)))
        && !endsWithMatch(patternLang === 'en' ? EN_DATE_CUE : FR_DATE_CUE, text.slice(Math.max(0, m.index - 16), m.index)) ? null
      // bottles of blood cultures grown ("BCx 4/4 MSSA", "hémocultures 2/2"; not "BCx 1/31", a date)
      : +m[1]! <= +m[2]! && +m[2]! <= 8 && endsWithMatch(CULTURES_BEFORE, text.slice(Math.max(0, m.index - 24), m.index)) && CULTURE_RESULT_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 14)) ? null
      // the tail of a longer slashed number ("Trimbow 87/5/9", "120/80/72") or a second pressure ("TA 12/8 puis 9/5")
      : (cc(text, m.index - 1) === 47 && isDigitCode(cc(text, m.index - 2)) && !(isDigitCode(cc(text, m.index - 3)) && isDigitCode(cc(text, m.index - 4)) && isDigitCode(cc(text, m.index - 5))))
        || (patternLang === 'fr' && +m[1]! > +m[2]! && +m[1]! >= 6 && text.lastIndexOf('/', m.index - 1) > m.index - 24 && endsWithMatch(PRESSURE_THEN, text.slice(Math.max(0, m.index - 32), m.index)))
        // (a murmur's grade out of 6 in its clause)
        || (m[2] === '6' && +m[1]! <= 6 && scoreClauseBefore(text, m.index, MURMUR_IN_CLAUSE)
          && !endsWithMatch(patternLang === 'en' ? EN_DATE_CUE : FR_DATE_CUE, text.slice(Math.max(0, m.index - 16), m.index))) ? null
      : m[2] === '10' && +m[1]! <= 10 && RATING_NEAR.test(text.slice(Math.max(0, m.index - 40), m.index)) ? null
      // points out of a total right after a named score or test, unless a date's word comes first ("Boston 8/9"; not "MMSE fait le 3/7")
      // (a score's "and" or "et" after its first points is no date's word: "Apgar 7/10 et 9/10")
      : +m[1]! <= +m[2]! && scoreClauseBefore(text, m.index)
        && (!endsWithMatch(patternLang === 'en' ? EN_DATE_CUE : FR_DATE_CUE, text.slice(Math.max(0, m.index - 16), m.index))
          || SCORE_THEN_BEFORE.test(text.slice(Math.max(0, m.index - 16), m.index))) ? null
      // English notes: a strength graded over 5 or a rating over 10 ("5/5 throughout", "2/5 arm", "Cravings 2/10") and
      // "2/2" (secondary to) and a small fraction ("1/2 tab", "3/4") are no dates, unless a date's word comes first ("on 2/5", "since 2/10")
      // (a small fraction is written with one digit each: "01/04" is a date)
      : patternLang === 'en' && ((+m[1]! <= +m[2]! && (m[2] === '5' || m[2] === '10')) || (m[1] === '2' && m[2] === '2') || (m[1]!.length === 1 && m[2]!.length === 1 && +m[1]! < +m[2]! && +m[2]! <= 4))
        && !endsWithMatch(EN_DATE_CUE, text.slice(Math.max(0, m.index - 16), m.index)) && !endsWithMatch(WEEKDAY_BEFORE, text.slice(Math.max(0, m.index - 14), m.index)) ? null
      // French notes: a small fraction ("mange 1/2 plateau", "3/4 du repas") unless a date's word comes first ("le 1/2")
      : patternLang === 'fr' && m[1]!.length === 1 && m[2]!.length === 1 && +m[1]! < +m[2]! && +m[2]! <= 4 && !endsWithMatch(FR_DATE_CUE, text.slice(Math.max(0, m.index - 16), m.index))
        && !endsWithMatch(WEEKDAY_BEFORE, text.slice(Math.max(0, m.index - 14), m.index)) ? null : 0.6) },
  { rule: 'date-dm-dot', at: S_DOT2, label: 'DATE', score: 0.5, needs: C_DIGIT | C_DOT,
    re: new RegExp(`${B}(\\d{2})\\.(\\d{2})${E}(?![.,]\\d| ?(?:mg|g|ml|l|mmol|µ|%|°))`, 'g'),
    check: (m) => (dayMonthOk(+m[1]!, +m[2]!) ? 0.5 : null) },
  // a day of the month alone after "le" in French ("sortira le 11.", "depuis le 14 au soir", "prévu le 25 à 14h", "(le 11)"), before
  // a sentence's stop or a word of time or place; not an emergency number after a call's word ("appeler le 15", "composez le 15")
  { rule: 'date-le-day', at: S_LE2, label: 'DATE', score: 0.55, needs: C_DIGIT, gate: () => patternLang === 'fr', pre: leDayBefore,
    // (or after a move of a date, "séance décalée au 22.", "reporté au 14", "à partir du 12,"; before a bracket's note, "Rdv SPIP le 20
    // (CPIP …)", or "de ce mois", "une le 3 de ce mois")
    re: /(?<=(?<![A-Za-zÀ-ÿ'’])(?:[Ll]e|LE|jusqu['’]au|JUSQU['’]AU|(?:[Dd][ée]cal|[Rr]eport|[Rr]epouss|[Aa]vanc|[Dd][ée]plac|[Pp]rogramm|[Ff]ix)[ée]e?s? au|[àaÀA] partir du) )(?:[1-9]|[12]\d|3[01])(?=[.,;:!?)]?(?:$|[\r\n])|[.,;:!?)](?![0-9A-Za-z])| :(?![0-9])| (?:à|vers|au|aux|après|avant|avec|chez|pour|et|ou|dans|en|matin|soir|midi|\(|-|–|→|->|de ce mois)(?![A-Za-zÀ-ÿ])| \((?![0-9])| [;!?](?![0-9]))/gm,
    check: (m, text) => patternLang !== 'fr' ? null
      : (m[0] === '15' || m[0] === '17' || m[0] === '18') && CALL_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index)) ? null : 0.55 },
  { rule: 'date-text', at: S_LE2, monAfter: true, monthDot: true, label: 'DATE', score: 0.9, needs: C_DIGIT, gate: (_t, cls) => (cls & G_MONTH) !== 0,
    // (dashes or slashes around the month too, as laboratory systems write: "3-Jan-2020", "01/JAN/2020")
    // (a year in words too: "23 novembre deux mille vingt-six")
    re: new RegExp(`\\b(?:1er|\\d{1,2})(?:er|\u1d49\u02b3)?(?: ?|[-/])(?:${MONTHS})\\.?(?:(?: ?|[-/])(?:\\d{4}|\\d{2})| (?:deux mille|mil(?:le)? neuf cents?)(?:[ -](?:${NUMW}))*)?(?![A-Za-zÀ-ÿ0-9])`, 'gi') },
  // (and an English month's abbreviation before a year's apostrophe: "Jan '24", "Mar ’23"; a month "of" its year, "June of
  // 2089", "mars de 2020")
  { rule: 'date-text', mon: true, label: 'DATE', score: 0.9, needs: C_DIGIT, gate: (_t, cls) => (cls & G_MONTH) !== 0,
    re: new RegExp(`\\b(?:(?:${MONTHS})\\.? \\d{1,2}(?:st|nd|rd|th)?,? ?\\d{4}|(?:${MONTHS})\\.? ?(?:19|20)\\d{2}|(?:${MONTHS_FULL}) (?:of|de) \\d{4}|(?:${MONTHS_FULL}) '?\\d{2}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.? ['’]\\d{2}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)-(?:0?[1-9]|[12]\\d|3[01])-(?:19|20)\\d{2})(?![A-Za-zÀ-ÿ0-9])`, 'gi') },
  // (a fax's or a system's stamp with the month first and dashes: "Mar-07-2024")
  // an abbreviated month and a two-digit year after a cue of time ("un zona en déc. 23", "depuis sept 21", "since Oct '22"): not a
  // count after it ("en mai 20 patients", "depuis juin 20 jours")
  { rule: 'date-month-yy', mon: true, label: 'DATE', score: 0.6, needs: C_DIGIT, gate: (_t, cls) => (cls & G_MONTH) !== 0,
    re: new RegExp(`(?<=(?<![${L}])(?:en|depuis|fin|d[ée]but|mi|courant|in|since)[ -])(?:janv|f[ée]vr?|avr|juil|sept?|oct|nov|d[ée]c|jan|feb|apr|jun|jul|aug)\\.? ['’]?\\d{2}(?![0-9A-Za-zÀ-ÿ]|[.,:/h]\\d| ?[a-zà-ÿ0-9%])`, 'gi') },
  // a day, a month in roman numerals and a year ("Villefranche, le 12.III.2024", "12/XI/2023", "3 IV 2024")
  { rule: 'date-roman', at: S_LE2, label: 'DATE', score: 0.8, needs: C_DIGIT | C_UPPER, pre: romanMonthAfter,
    re: new RegExp(`${B}(?:0?[1-9]|[12]\\d|3[01])([.\\/\\- ])(?:I{1,3}|IV|VI{0,3}|IX|XI{0,2})\\1(?:19|20)\\d{2}${E}`, 'g') },
  // English month and day without a year ("from March 2 to March 9"): capitalized month names
  // only, and "May" only before an ordinal or a comma ("May 2 doses" is no date) or after a date's cue word ("seen on May 16",
  // "F/u May 16"); a range's second day and its year with it
  // ("March 3–4", "March 3-4, 2024")
  { rule: 'date-md', mon: true, label: 'DATE', score: 0.7, needs: C_DIGIT, gate: (_t, cls) => (cls & G_MONTH) !== 0,
    re: new RegExp(`(?<![A-Za-z0-9À-ÿ])(?:(?:January|February|March|April|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.? |May (?=(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th|,))|May (?<=(?<![A-Za-z])(?:[Oo]n|[Bb]y|[Uu]ntil|[Ss]ince|[Ff]rom|[Dd]ue|[Bb]efore|[Aa]fter|[Ff]\\/[Uu]|RTC|[Tt]hrough|[Tt]o) May )(?=(?:[12]\\d|3[01]|0?[1-9])(?![0-9])))(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:[-–](?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9]|[.:/]\\d)(?:,? (?:19|20)\\d{2})?)?(?![0-9]|[.,:/]\\d| ?(?:mg|g|ml|%|am|pm|h|years?|months?|weeks?|days?|patients?)(?![A-Za-z]))`, 'g') },
  { rule: 'date-month-cue', mon: true, label: 'DATE', score: 0.6, gate: (_t, cls) => (cls & G_MONTH) !== 0,
    // ("next February", "last September", "end of Feb", "until March", "flu shot due Oct"; not "by": "seen by June")
    re: new RegExp(`(?<=(?<![${L}])(?:en|fin|d[ée]but|mi|depuis|courant|d[ée]but|avant|apr[èe]s|in|since|early|late|mid|next|last|this|until|till|due|before|after|through|(?:end|beginning|start|middle) of)[ -])(?:${MONTHS_FULL}|mai|jan|feb|apr|jun|jul|aug|sept|oct|nov)(?![${L}])`, 'gi') },
  { rule: 'date-words', day: true, label: 'DATE', score: 0.85, gate: (t, cls) => (cls & G_MONTH) !== 0 || ((cls & G_D2S) !== 0 && DIGIT2_SPACE.test(t)),
    re: new RegExp(`${B}(?:${NUMW_DAY})(?:[ -](?:${NUMW}))* (?:${MONTHS_FR}|0?[1-9]|1[0-2]) (?:(?:${NUMW})(?:[ -](?:${NUMW}))*|\\d{4}|\\d{2})${E}`, 'gi') },
  // a day number after a week day ("déplacé vendredi 22", "seen Tuesday 14th"); not before a month or a date's separator
  // (the date rules read "lundi 3 mars 2024" from its day on), nor a time or a dose ("lundi 8h", "Monday 2 tabs")
  { rule: 'date-weekday', day: true, label: 'DATE', score: 0.7, needs: C_DIGIT,
    re: new RegExp(`(?<![${L}])(?:${WEEKDAYS}),? (?:le )?(?:1er|[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9]|[.,:/h-]\\d| ?(?:${MONTHS})(?![A-Za-zÀ-ÿ])| ?(?:h|heures?|mg|g|ml|%|am|pm|ans|years?|jours?|days?|fois|x|tabs?|cp|comprimés?|semaines?|weeks?|mois|months?)(?![A-Za-zÀ-ÿ]))`, 'gi') },
  // (an abbreviation with its dot, or capitalized: "lun. 13", "Thu 14th"; not "mon 2 enfants")
  { rule: 'date-weekday-abbr', day: true, label: 'DATE', score: 0.65, needs: C_DIGIT,
    check: (m) => (m[0].includes('.') || isUpperCode(m[0].charCodeAt(0)) ? 0.65 : null),
    re: new RegExp(`(?<![${L}])(?:${WEEKDAY_ABBRS.join('|')})\\.? (?:1er|[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9A-Za-zÀ-ÿ]|[.,:/h-]\\d| ?(?:${MONTHS})(?![A-Za-zÀ-ÿ])| ?(?:h|heures?|min|mins|minutes?|mg|g|ml|%|am|pm|ans|years?|jours?|days?|fois|x|tabs?|cp|comprimés?|semaines?|weeks?|mois|months?|km|kg|mi|miles|lbs?|cm|mm)(?![A-Za-zÀ-ÿ]))`, 'gi') },
  // a holiday after a date's word ("deux chutes depuis Noël", "since Thanksgiving"): a date (and no first name, Noël)
  { rule: 'date-holiday', label: 'DATE', score: 0.6,
    gate: (_t, cls) => (cls & G_HOLIDAY) !== 0,
    // (or in brackets after a date, "12/24/2024 (Christmas Eve)"; the eve and the day with it)
    re: /(?<=(?<![A-Za-zÀ-ÿ])(?:depuis|avant|après|apres|à|a|pour|vers|jusqu'à|dès|de|since|before|after|at|over|around|until|by|for|on|last|next|this)(?: la| le)? |\d\)? \()(?:Noël|Pâques|Toussaint|Christmas(?: Eve| Day)?|Thanksgiving(?: Day)?|Easter(?: Sunday| Monday)?|Halloween|Saint-Nicolas|[ÉE]piphanie|Pentec[ôo]te|[Mm]ardi [Gg]ras|(?:Valentine|Mother|Father|Patrick)['’]s Day|Memorial Day|Labou?r Day|Boxing Day|Independence Day|New Year['’]s(?: Day| Eve)?|Saint-Valentin)(?![A-Za-zÀ-ÿ])/g },
  // an ordinal day after a date's word and "the", a month after it or not ("Bring your log on the 16th", "until the 3rd",
  // "on the 3rd of May"; not "on the 2nd floor", "by the 3rd dose"): English notes
  { rule: 'date-ordinal', label: 'DATE', score: 0.6, needs: C_DIGIT, monthDot: true, gate: (_t, cls) => (cls & G_ORD) !== 0 && patternLang === 'en',
    // (and a week day, "due" or "for" before "the": "Tues the 26th", "due the 19th at 2pm"; an ordinal day before a month, British
    // style: "1st February 2024", "21st of March")
    re: /(?<=\b(?:on|by|until|till|through|since|before|after|from|due|for|On|By|Until|Since|Before|After|From|Due|For|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)(?:day)?|Wednesday|Saturday) the )(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)(?: of (?:January|February|March|April|May|June|July|August|September|October|November|December))?(?![A-Za-z0-9]| (?:floor|day|dose|time|week|month|year|trimester|cycle|line|attempt|round|visit|session|toe|finger|rib|degree|grade|stage|percentile|place|shot|injection|try|post-?op|postoperative|hospital|century|birthday|anniversary|generation|of (?:the|each|every|a))s?\b)|\b(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th) (?:of )?(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?: \d{4})?(?![A-Za-z0-9])/g },
  // a year written with an apostrophe for its century ("s/p TAH in '85", "CABG '07"; not "the '80s", "'12'")
  { rule: 'date-yy', at: S_APOS, label: 'DATE', score: 0.6, needs: C_DIGIT,
    re: /(?<=(?:^|[\s(,;:\/])['’])\d{2}(?![0-9A-Za-z'’%])/g },
  // "in May", "since May", "by May": the month that is also a modal verb, capitalized, after a cue
  { rule: 'date-may', mon: true, label: 'DATE', score: 0.6, gate: (_t, cls) => (cls & G_MONTH) !== 0,
    re: /(?<=(?<![A-Za-z])(?:in|since|early|late|mid|until|through|of|In|Since|Until) )May(?![A-Za-z0-9À-ÿ]| \d)/g },
  { rule: 'date-dmy-space', at: S_SP2, label: 'DATE', score: 0.7, needs: C_DIGIT | G_DSY,
    re: new RegExp(`${B}(\\d{2}) (\\d{2}) ((?:19|20)\\d{2})${E}`, 'g'),
    check: (m) => (dayMonthOk(+m[1]!, +m[2]!) ? 0.7 : null) },
  { rule: 'date-my', at: S_MY, label: 'DATE', score: 0.5, needs: C_DIGIT,
    // (a month of one digit before a slash too: "seen in urgent care 2/2024")
    re: new RegExp(`${B}(?:(?:0[1-9]|1[0-2]) ?[\\/ ] ?|[1-9]\\/)(?:19|20)\\d{2}${E}`, 'g') },
  { rule: 'year', at: S_Y4, label: 'DATE', score: 0.4, needs: C_DIGIT,
    // (not a guideline's or a classification's year: "critères de McDonald 2017", "UICC 2017", "Tokyo 2018", "EULAR 2019")
    check: (m, text) => (endsWithMatch(GUIDELINE_BEFORE, text.slice(Math.max(0, m.index - 24), m.index)) || endsWithMatch(NAMED_GUIDELINE_BEFORE, text.slice(Math.max(0, m.index - 48), m.index)) ? null : 0.4),
    // (not a time after a date, "11/02/2024  1900")
    re: new RegExp(`(?<![${L}°/.,:-])(?<!(?<![A-Za-z])(?:at|@) ?)(?<!\\d[\\/.-]\\d{2,4} {1,3})(?:19|20)[0-9]{2}(?:-(?:19|20)[0-9]{2})?(?! (?:[A-Z][a-z]+ ){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl|Circle|Parkway|Pkwy|Highway|Hwy|Terrace|Trail)\\b)(?![${L}/]|[.,]\\d|[:-]\\d|-[A-Z0-9]| ?(?:mg|g|ml|mL|dL|l|L|cc|kcal|cal|UI|IU|U|u|units?|mcg|µg|ng|€|euros?|\\$|%|kg|m|km|cm|mm|steps|patients?|cas|personnes)(?![A-Za-zÀ-ÿ]))`, 'g') },
  { rule: 'date-compact', at: S_8, label: 'DATE', score: 0.7, needs: C_DIGIT,
    re: new RegExp(`${B}(?:0[1-9]|[12]\\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)\\d{2}${E}`, 'g') },
  // year first, with the time or not: "19830514", "202403120745", "20240312153005" (HL7, HPRIM, exports; before long-number's ID;
  // not inside a dashed record number: "FIN-20870314-552")
  { rule: 'date-compact-ymd', at: S_8, label: 'DATE', score: 0.7, needs: C_DIGIT,
    re: new RegExp(`(?<![${L}-])(?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])(?:(?:[01]\\d|2[0-3])[0-5]\\d(?:[0-5]\\d)?)?(?![${L}]|-[${L}])`, 'g') },
  // DDMMYY after a date's cue word ("vit en EHPAD depuis le 211017")
  { rule: 'date-compact6', at: S_6, label: 'DATE', score: 0.6, needs: C_DIGIT,
    re: /(?<=(?<![A-Za-zÀ-ÿ])(?:le|du|au|depuis|since|on) )(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}(?![0-9A-Za-z])/g },
  { rule: 'date-year-cue', at: S_Y4, label: 'DATE', score: 0.6, needs: C_DIGIT,
    // the year first, then a look-behind for the cue: the look-behind only runs where "19"/"20" matched
    re: new RegExp(`(?:19|20)(?<=(?<![${L}])(?:en|depuis|datant de|fin|d[ée]but|mi|ann[ée]e|courant|jusqu'en|jusqu’en|in|since|year|until|En|Depuis|Fin|D[ée]but|Courant|In|Since|Until)[ -](?:19|20))\\d{2}${E}`, 'g') },
  // ---- phones
  { rule: 'phone-fr', at: S_F0, x: true, label: 'PHONE', score: 0.9, needs: C_DIGIT | G_PHONE,
    // (not a date and the hour after it: "01.04.2024 08:12" is no "01 04 20 24 08"; nor the month and year of a date
    // and the first pairs of the phone number after it: "12.03.2020 06 12 34 56 78" read "03 20 20 06 12" and left
    // "34 56 78" in clear — a date's day and separator right before, its month, a separator and a year at the start)
    check: (m, text) => (dateThenHour(m[0]) || insideDate(text, m.index, m[0]) || spacedRow(text, m.index, m[0]) ? null : 0.9),
    // (a line break may cut the number where the text was wrapped: "06 12 34\n56 78")
    // (or glued to the word before it, as hurried typing leaves it: "est le06.98.43.40.20", "Tel06 98 43 40 20", "au0698434020")
    re: new RegExp(`(?:${B}|${GLUED_PHONE_CUE})(?:\\(\\d{2,3}\\) ?)?[0O][1-9](?:${PH}(?:${PH}(?:${PH}(?:${PH}|${PN})|${PN}${PH})|${PN}${PH}{2})|${PN}${PH}{3})(?!\\d)|${B}0[1-9](?:\\/\\d{2}){4}(?![\\d/])|${B}0 [1-9]\\d{2}(?: \\d{2}){3}(?!\\d)`, 'g') },
  { rule: 'phone-paren', at: 0, x: true, label: 'PHONE', score: 0.85, needs: C_DIGIT | C_PAREN,
    re: new RegExp(`${B}\\(\\d{2,3}\\) ?[1-9](?:[ .\\-]?\\d{2}){4}(?!\\d)`, 'g') },
  { rule: 'phone-fr-4x4', at: S_F0, label: 'PHONE', score: 0.8, needs: C_DIGIT | G_PHONE,
    re: new RegExp(`${B}0[1-9][ .]\\d{4}[ .]\\d{4}${E}`, 'g') },
  // national numbers of the UK, Ireland, Australia, New Zealand, Belgium: a trunk 0, an area code, groups of 3-4 digits
  // ("07 824 5518", "01 283 5521", "020 7946 0958", "0161 496 0000"), an area code of five and six digits ("01632 960123"),
  // or Belgium's groups of two at the end ("02 345 67 89", "0471 23 45 67")
  { rule: 'phone-trunk', at: S_F0, label: 'PHONE', score: 0.75, needs: C_DIGIT | G_PHONE, check: (m, t) => (trunkDigits(m[0]) && !inNumberRow(t, m.index, m.index + m[0].length) ? 0.75 : null),
    re: new RegExp(`${B}0[1-9]\\d{0,3}[ \\-]\\d{3,4}[ \\-]\\d{3,4}${E}|${B}0[1-9]\\d{3} \\d{6}${E}|${B}0[1-9]\\d{0,2}[ .]\\d{2,3}[ .]\\d{2}[ .]\\d{2}${E}`, 'g') },
  { rule: 'phone-intl', at: S_F0, x: true, label: 'PHONE', score: 0.85, needs: C_DIGIT | G_PHONE,
    // (00 and the country code apart too, "00 33 6 41 27 93 08", when the code is a country's: not a row of numbers,
    // "00 12 15 18 22 33"; a plain rule, merged with the other phones' into one regex)
    re: new RegExp(`(?<![${L}+])(?:(?:\\+|00)[1-9]\\d{0,2}[ .\\-]?|00[ .](?:${[...COUNTRY_CODES].sort((a, b) => b.length - a.length).join('|')})(?:[ .\\-]|(?=\\d{8,12}(?!\\d))))(?:\\(0\\)[ .]?)?\\d(?:[ .\\-]?\\d){6,12}${E}`, 'g') },
  { rule: 'phone-us', at: S_US, x: true, label: 'PHONE', score: 0.8, needs: C_DIGIT | G_PHONE,
    re: new RegExp(`${B}(?:\\+?1[ .\\-])?(?:\\([2-9]\\d{2}\\)[ \\-]?|[2-9]\\d{2}[ .\\-])\\d{3}[ .\\-]\\d{4}${E}`, 'g') },
  // British and Australian numbers: a leading 0, 10-11 digits in groups of 3-5 ("029 2055 1847", "07700 914 362", "0433 905 612",
  // "(03) 9592 4418"); French numbers (pairs) are phone-fr's
  { rule: 'phone-uk-au', at: S_F0G, x: true, label: 'PHONE', score: 0.7, needs: C_DIGIT,
    re: new RegExp(`${B}(?:\\(0\\d{1,4}\\) ?\\d{3,4}[ -]?\\d{3,4}|0\\d{2,4} \\d{3,4} ?\\d{3,4})(?![0-9]| \\d)`, 'g'),
    check: (m) => { let d = 0; for (let k = 0; k < m[0].length; k++) if (isDigitCode(m[0].charCodeAt(k))) d++; return d === 10 || d === 11 ? 0.7 : null; } },
  // the extension digits after a cue (the cue as a look-behind: the match is the digits, tried at 4-5 digit runs)
  { rule: 'phone-cue-ext', at: S_CUE45, label: 'PHONE', score: 0.7, needs: C_DIGIT | G_CUEEXT,
    // (on the same line: "rue de la Poste⏎68000 Colmar" is a postal code)
    // (and an extension glued to its "x" after a number: "(405-555-0155 x2240)")
    // (a bleep's number; an extension's "x" after "paged" or after an e-mail address: "paged x4409", "….org  x7730")
    // (a hospital's DECT: "DECT 5318", "DECT 46 218"; its numbers in pairs, "poste 40 27", are markPairPhones')
    re: /(?<=(?:t[ée]l[ée]phone|t[ée]l\.?|poste|joignables? au|faxer? au|fax|appeler le|phone|ext\.?|pager|beeper|pgr|bip|bipeur|bleep|dect)[ \t]*[:.]?[ \t]*#?[ \t]*|\d[ )]{1,2}x|\d, x|(?<![A-Za-z])paged? x|\.(?:org|com|net|edu|gov|fr|uk|au|nz|ca|ie)[ \t]{1,3}x)(?:\d{4,5}|\d{2} \d{3})(?![0-9]| \d)/gi },
  // an extension of three digits after its cue ("07 838 4412 ext 205", "Tel 916-555-0121 ext. 304", "poste 212")
  { rule: 'phone-ext3', at: S_EXT3, label: 'PHONE', score: 0.7, needs: C_DIGIT,
    // (the cues of extBefore, which sets S_EXT3)
    re: new RegExp(`(?<=(?<![A-Za-zÀ-ÖØ-öø-ÿ\\u0100-\\u024f\\u1e00-\\u1eff])(?:${[...EXT_CUES].join('|')})[ .:#]*)\\d{3}(?![0-9]|[.,]\\d| ?(?:mg|ml|kg|g|%))`, 'gi') },
  // an internal extension after its "x" with the exchange's digit ("Joy Bishop, MD, x4-5521"), or after a pager's cue ("pager 4-2271")
  { rule: 'phone-x', at: S_DASH, label: 'PHONE', score: 0.7, needs: C_DIGIT | C_DASH,
    // (after a pager's cue, a local number of seven digits too: "pager 443-1187")
    re: /(?<=(?<![A-Za-z0-9])[xX])\d-\d{4}(?![0-9])|(?<=(?<![A-Za-z])(?:pager|beeper|pgr|bleep|bip|ext\.?|poste)[ \t]*[:#]?[ \t]*)\d{1,3}-\d{4}(?![0-9])/gi },
  // an extension of 3-5 digits after a lone lower-case "x" ("Brenda Hollis RN x4471", "555-0100 x231", "Lab x4905"), not a
  // magnification ("at x400") nor a count before its unit
  { rule: 'phone-x-ext', at: S_EXT3 | S_CUE45, label: 'PHONE', score: 0.7, needs: C_DIGIT,
    re: /(?<=(?<![A-Za-z0-9\u00c0-\u024f×*])(?<!(?<![A-Za-z])(?:at|of|power|magnification|mag\.?|objective|zoom) )x)\d{3,5}(?![0-9A-Za-z\u00c0-\u024f]|[.,]\d| ?(?:mg|ml|mL|kg|g|%|mm|cm|µm|um|fields?|hpf|HPF|magnification)(?![A-Za-z]))/g },
  // a French number missing a pair or a digit (8 or 9 digits from 0[1-9]) right after a phone cue:
  // "par téléphone au 04 09 56 98", "ligne téléphonique 031478923" (incomplete, still identifying)
  { rule: 'phone-cue-short', at: S_F0, label: 'PHONE', score: 0.6, needs: C_DIGIT,
    // (not the start of a whole number: no digit right after, or after one separator)
    re: new RegExp(`${B}0[1-9](?:[ .]?\\d{2}){3}\\d?(?![ .]?[0-9])`, 'g'),
    check: (m, text) => (endsWithMatch(PHONE_CUE_BEFORE, text.slice(Math.max(0, m.index - 40), m.index)) ? 0.6 : null) },
  // a North American number with letters for its last digits after a phone's word ("intake line 216-696-KIDS (5437)", "call
  // 1-800-555-HELP"): the letters in capitals, and the digits they stand for when they follow in brackets
  { rule: 'phone-vanity', at: S_US, label: 'PHONE', score: 0.7, needs: C_DIGIT | C_UPPER, pre: vanityLetters,
    re: /(?<![A-Za-z0-9])(?:1[ .\-])?[2-9]\d{2}[ .\-](?:\d{3}[ .\-][A-Z]{4}|[A-Z]{3}[ .\-][A-Z]{4}|[A-Z]{7})(?![A-Za-z0-9])(?: \(\d{4}\))?/g,
    check: (m, text) => (PHONE_WORD_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index)) && vanityDigits(m[0]) ? 0.7 : null) },
  // a local number of seven digits right after a phone's word ("his # is 555 0142", "cell: 555-0199"; the area code left out)
  { rule: 'phone-local7', at: S_US, label: 'PHONE', score: 0.6, needs: C_DIGIT, gate: () => patternLang === 'en', pre: (_t, s, e) => e - s === 3,
    re: /(?<![A-Za-z0-9.\-\/])[2-9]\d{2}[ .\-]\d{4}(?![0-9]|[ .\-\/]\d|[.,]\d)/g,
    check: (m, text) => (patternLang === 'en' && LOCAL_PHONE_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index)) ? 0.6 : null) },
  // a US post office box: "PO Box 4471", "P.O. Box 12" (looked for only in texts that write "Box")
  // a chain's store by its number ("Walgreens #09127", "CVS #1234", "Walmart Pharmacy #10-2841"): a place
  // (only in texts with a '#' before a number: markdown headings, "# Plan", do not run it)
  { rule: 'store', label: 'HOSPITAL', score: 0.8, needs: C_DIGIT | C_UPPER | G_HASHNUM,
    re: /(?<![A-Za-z])(?:Walgreens|CVS|Rite Aid|Walmart|Kroger|Costco|Safeway|Publix|Target|Meijer|Wegmans|Hy-Vee|H-E-B|Albertsons|Duane Reade|Sam's Club)(?: Pharmacy)? ?#\s?\d{2,6}(?:-\d{1,6})?(?![0-9])/g },
  { rule: 'po-box', label: 'ADDRESS', score: 0.85, needs: C_DIGIT | C_UPPER, gate: (_t, cls) => (cls & G_BOX) !== 0,
    re: /(?<![A-Za-z0-9])(?:P\.? ?O\.?|Post Office) Box #? ?\d{1,6}(?![0-9])/gi },
  // ---- identifiers with a checksum or a fixed shape
  { rule: 'nir', at: S_NIR, label: 'NIR', score: 0.7, needs: C_DIGIT,
    // (groups separated by a space, or by a line break where the text was wrapped)
    re: new RegExp(`${B}[1-478](?:(?: |\\r?\\n)?[0-9]){4}(?:(?: |\\r?\\n)?(?:[0-9]{2}|2[ABab]|[0-9] [0-9]))(?:(?: |\\r?\\n)?[0-9]){6}(?:(?: |\\r?\\n)?[0-9]){0,2}${E}`, 'g'),
    check: (m, text) => {
      const v = m[0];
      // group lengths in one pass (groups separated by single spaces or line breaks)
      let nParts = 1, ones = true, run = 0;
      for (let k = 0; k < v.length; k++) {
        const ch = v.charCodeAt(k);
        if (ch === 32 || ch === 10) { nParts++; if (run !== 1) ones = false; run = 0; } else if (ch !== 13) run++;
      }
      if (run !== 1) ones = false;
      const allOnes = nParts >= 2 && ones; // groups "1,1,…,1"
      if (v.includes('\n')) {
        // single digits across a line break: a table of spaced digits, for the run segmenter
        if (allOnes) return null;
        // (cells of a delimited table on two lines, "…|47300⏎700124315|…": no NIR)
        const pb = m.index > 0 ? text.charCodeAt(m.index - 1) : 10, na = text.charCodeAt(m.index + v.length);
        if (pb === 124 || pb === 59 || pb === 9 || na === 124 || na === 59 || na === 9) return null;
        // a wrapped NIR breaks between two of its printed groups (after 1, 3, 5, 7, 10 or 13 digits):
        // not "RPPS 10003456789⏎34, avenue…" (an 11-digit number and the next line's street number)
        for (let k = 0, d = 0; k < v.length; k++) {
          const ch = v.charCodeAt(k);
          if (ch === 10 && !(d === 1 || d === 3 || d === 5 || d === 7 || d === 10 || d === 13)) return null;
          if ((ch >= 48 && ch <= 57) || (ch | 32) === 97 || (ch | 32) === 98) d++; // (2A, 2B: Corsica)
        }
      }
      const end = m.index + v.length;
      // a compact date and time of 14 digits, one run: "20240312153005" (HL7 / HPRIM time stamps; a 14-digit NIR is mistyped anyway)
      if (nParts === 1 && v.length === 14 && compactDateTime(v)) return null;
      // single digits inside a longer spaced run are left to the run segmenter
      if (allOnes && ((m.index >= 2 && isDigitCode(text.charCodeAt(m.index - 2)) && text.charCodeAt(m.index - 1) === 32)
        || (end + 1 < text.length && text.charCodeAt(end) === 32 && isDigitCode(text.charCodeAt(end + 1))))) return null;
      const c = checkNir(v);
      // (two groups: the body and its key, "1850575123456 78"; another cut — "2020 0612345678", a date's year and a phone
      // number — is an unusual grouping, judged below)
      const twoGroups = nParts === 2 && !v.includes('\n') ? v.indexOf(' ') : -1;
      if (nParts === 1 || allOnes || (nParts === 2 && (twoGroups === -1 || twoGroups === 13))) return c.keyValid ? 1 : c.hasKey ? 0.8 : 0.6;
      // group lengths "1,2,2,2,3,3" (optionally ",2"): the printed layout
      let layout = nParts === 6 || nParts === 7, single = false;
      for (let k = 0, g = 0, len = 0; k <= v.length; k++) {
        const ch = k < v.length ? v.charCodeAt(k) : 32;
        if (ch === 13) continue;
        if (ch !== 32 && ch !== 10) { len++; continue; }
        if (g > 0 && len === 1) single = true;
        if (layout && len !== NIR_LAYOUT[g]) layout = false;
        g++; len = 0;
      }
      if (layout) return c.keyValid ? 1 : c.hasKey ? 0.8 : 0.6;
      // unusual grouping (tables of numbers): never with single-digit groups after the sex digit
      // (a valid key alone is 1 chance in 97), else only after a cue
      if (single) return null;
      if (c.keyValid || NIR_CUE.test(text.slice(Math.max(0, m.index - 60), m.index))) return 0.5;
      // 15 digits starting "1"/"2" in 2-3 digit groups, not inside a table of numbers
      const digitsAround = text.slice(Math.max(0, m.index - 12), m.index) + text.slice(end, end + 12);
      return m[0].replace(/\s/g, '').length === 15 && /^[12]\d/.test(m[0]) && !/\d/.test(digitsAround) ? 0.4 : null;
    } },
  // the printed layout with dots or hyphens between the groups ("1.52.03.84.007.123.45", "2-85-05-2A-006-084-36"):
  // one separator throughout, the key optional
  { rule: 'nir-sep', at: S_NIRSEP, label: 'NIR', score: 0.7, needs: C_DIGIT,
    re: new RegExp(`${B}[1-478]([.\\-])[0-9]{2}\\1[0-9]{2}\\1(?:[0-9]{2}|2[AB])\\1[0-9]{3}\\1[0-9]{3}(?:\\1[0-9]{2})?${E}`, 'g'),
    check: (m) => { const c = checkNir(m[0]); return c.keyValid ? 1 : c.hasKey ? 0.8 : c.wellFormed ? 0.7 : null; } },
  { rule: 'iban', label: 'IBAN', score: 1, needs: C_DIGIT | C_UPPER | G_UUD,
    re: new RegExp(`${B}[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?${E}`, 'g'),
    // (a wrong key after the word IBAN too: a mistyped account number still identifies)
    // (or a wrong key with its country's length: a mistyped account number still identifies, "FR76 3000 3021 4500 0504 3821 176")
    check: (m, text) => (isValidIban(m[0]) ? 1 : /IBAN\W{0,6}$/i.test(text.slice(Math.max(0, m.index - 10), m.index))
      || IBAN_LENGTH.get(m[0].slice(0, 2)) === m[0].replace(/ /g, '').length ? 0.7 : null) },
  // an IBAN typed in lower case after its word ("iban fr76 3000 6000 0112 3456 7890 189"): looked for only in texts that
  // write "iban" in some case
  { rule: 'iban-lower', label: 'IBAN', score: 0.9, needs: C_DIGIT, gate: (text) => IBAN_WORD.test(text),
    re: /(?<=(?<![A-Za-z])iban\W{0,6})[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,3})?(?![A-Za-z0-9])/gi,
    // (a wrong key too, as after the word in capitals: a mistyped account number still identifies)
    check: (m) => (isValidIban(m[0].toUpperCase()) ? 0.9 : 0.7) },
  { rule: 'ssn', at: S_SSN, label: 'SSN', score: 0.7, needs: C_DIGIT | C_DASH,
    re: new RegExp(`${B}\\d{3}-\\d{2}-\\d{4}${E}`, 'g'), check: (m) => (isSsn(m[0], true) ? 0.9 : 0.6) },
  // an SSN written with spaces, dots or no separator after its cue ("SSN: 318 74 2096", "Social Security # 318742096")
  { rule: 'ssn-cue', at: S_SSNC, label: 'SSN', score: 0.8, needs: C_DIGIT, gate: (_t, cls) => (cls & G_SSNW) !== 0,
    // (the cue, then punctuation or "is"/"was"/"of": "SSN is 123 45 6789", "social security number of 123-45-6789")
    re: /(?<=(?<![A-Za-z])(?:SSN|[Ss]sn|SS#|SS no\.?|[Ss]ocial [Ss]ecurity(?: [Nn]o\.?| [Nn]umber| #)?)(?:\W{0,4}|\W{1,3}(?:is|was|of|:)\W{1,3}))\d{3}[ .-]?\d{2}[ .-]?\d{4}(?![0-9])/g },
  // the last digits of a card's, an account's, a phone's or an SSN's number, as forms and calls give them ("Visa ending 7740",
  // "card # ending in 4417", "SSN (last 4): xxx-xx-6718", "account last four 2291"): they single a person out with the rest
  // of a record (not "year ending 2021": a card, an account, a number's word before)
  { rule: 'last-digits', label: 'ID', score: 0.8, needs: C_DIGIT, gate: (_t, cls) => (cls & G_LAST4) !== 0, group: 1,
    // (the cue word first, no lookbehind: a pattern that starts with one is tried at every character of the text)
    re: /(?:\b(?:card|visa|mastercard|amex|discover|account|acct|ssn|phone|cell|debit|credit|number|no\.?)(?: ?#)?|#) ?(?:ending(?: in| with)?|\(?last (?:4|four)(?: digits)?)\)? ?:? ?(?:[x*•]{1,12}(?:[- ][x*•]{1,12}){0,3}[- ]?)?(\d{4})(?!\d)/gi },
  { rule: 'last-digits', label: 'ID', score: 0.8, needs: C_DIGIT | C_DASH, gate: (_t, cls) => (cls & G_LAST4) !== 0, group: 1,
    re: /\bxxx-xx-(\d{4})(?!\d)/gi },
  // a Medicare Beneficiary Identifier (HIPAA's identifier 9): 11 characters of a fixed pattern, no S, L, O, I, B, Z
  { rule: 'mbi', at: S_VEH, label: 'ID', score: 0.8, needs: C_DIGIT | C_UPPER,
    re: /(?<![A-Za-z0-9])[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d{2}(?![A-Za-z0-9])/g },
  // a chat transcript's speaker, a login after the message's time at a line's start: "21:16 aaliyah.b: hi so my son…",
  // "[09:02:11] j_martin: ok" (a '.' or '_' inside; not a bot's or a system's name, LOGIN_NOT; not a measure's key before its
  // value, as a chart of vital signs writes it: "14:00 sat_o2: 96%", "08:00 t.a: 13/8")
  { rule: 'name-chat-handle', at: S_LE2, label: 'NAME', score: 0.7, needs: C_DIGIT | C_COLON, pre: chatTimeAt, group: 1,
    check: (m) => LOGIN_NOT.has(m[1]!.replace(/[._].*$/, '')) ? null : 0.7,
    // (a message may begin with a number and words, "21:16 aaliyah.b: 2 questions about my son"; a measure's value is a
    // number and its unit at most — "96 % AA", "38,2 °C", "15 (E4V5M6)", "18 c/min", "1200 cc", "3 sur 10", "88 beats per
    // minute" —, so a number needs a word of three letters or more after it that no '/' follows, and two words more)
    re: /(?<=(?:^|\n)\[?)\d{1,2}:\d{2}(?::\d{2})?\]? ([a-z][a-z0-9]*(?:[._][a-z0-9]+)+): (?:(?![0-9])|(?=\d+ (?!(?:out|over|per|sur|par|beats?|breaths?|bat|fois|times|litres?|liters?)(?![A-Za-zÀ-ÿ]))[a-zà-ÿ]{3,}(?![A-Za-zÀ-ÿ/])(?: +[^\s\d]\S*){2}))/g },
  // a software user's login: "utilisateur : mlacroix", "export par sdelattre" (loginCheck)
  { rule: 'name-login', label: 'NAME', score: 0.7, gate: (_t, cls) => (cls & G_LOGIN) !== 0, group: 2, check: loginCheck, login: true,
    // (a date and a time may come between the verb and "par": "Édité le 14/03/2025 07:02 par lgautier", "Export: 12-MAR-2024 16:20 by hkowalczyk")
    re: /(?<![A-Za-zÀ-ÿ])(?:(?:[Uu]tilisateur|UTILISATEUR|[Uu]ser(?: ?[Nn]ame)?|USER|[Ll]ogin|LOGIN|[Ii]dentifiant|[Oo]p[ée]rateur|[Oo]perator)(?: ?: ?| )|(?:[Ee]xport(?:é|ed)?|EXPORT(?:É|ED)?|[Ss]aisie?|[Mm]odifi[ée]e?|[ÉéEe]dit[ée]|[Gg][ée]n[ée]r[ée]|[Ii]mprim[ée]|[Ee]ntered|[Mm]odified|[Cc]reated|[Ll]ogged(?: in)?|[Gg]enerated|[Pp]rinted|[Tt]ransmis|[Rr][ée]dig[ée]|[Vv]alid[ée])(?:(?: (?:le|on)|:) \d[\d\/.\-]{4,9}(?: (?:à |at )?\d{1,2}[:h]\d{2})?|: \d{1,2}-[A-Za-z]{3}-\d{4} \d{1,2}:\d{2})? (par|by|as|PAR|BY)(?: ?:)? )([a-zà-ÿ][a-zà-ÿ0-9]{0,19}(?:[._-][a-zà-ÿ0-9]+)?)(?![A-Za-z0-9@À-ÿ._-])/g },
  // a form's initials field: "Initiales : D-T-K", "Seal initials: JMRC", "Initials of patient: J.M." (no acronym, credential or "NA");
  // without a colon, dotted initials only: "Patient : initiales R.W., sexe F"
  // (not the French adjective after its noun: "Bilan initial : DRS typique", initialsFieldCheck)
  { rule: 'name-initials-field', label: 'NAME', score: 0.7, needs: C_UPPER | C_COLON, gate: (_t, cls) => (cls & G_INIT) !== 0, group: 1, check: initialsFieldCheck,
    re: /(?<![A-Za-zÀ-ÿ])(?:[Ii]nitiale?s?|INITIALE?S?)(?: (?:du |de la |of (?:the )?)?(?:patient|patiente|sujet|subject|participant|donneur|donor|préleveur|preleveur))?(?: ?: ?|(?= [A-Z]\.-?[A-Z]\.) )((?:[A-Z]\.-?){1,4}[A-Z]\.?|(?:[A-Z]-?){1,4}[A-Z])(?![A-Za-z0-9À-ÿ])/g },
  { rule: 'ipv4', at: S_IP, label: 'IP', score: 0.9, needs: C_DIGIT | C_DOT,
    re: /(?<![A-Za-z0-9.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![A-Za-z0-9]|\.\d)/g, check: (m) => (isIpv4(m[0]) ? 0.9 : null) },
  { rule: 'ipv6', label: 'IP', score: 0.9, needs: C_COLON, gate: (_t, cls) => (cls & (G_DCOLON | G_HEXC)) !== 0,
    re: /(?<![\w:])(?:[0-9a-f]{1,4}:){2,7}(?::|[0-9a-f]{1,4})(?:[0-9a-f:]*)(?![\w:])/gi, check: (m) => (isIpv6(m[0]) ? 0.9 : null) },
  { rule: 'url', label: 'URL', score: 0.95, needs: C_DOT, gate: (_t, cls) => (cls & G_URL) !== 0,
    re: /(?:\b(?:https?|ftp):\/\/|\bwww\.)[^\s<>"')\]]+[^\s<>"')\].,;:!?]/gi },
  // a web address without scheme nor www but with a path, which may name a person ("doctolib.fr/medecin/nantes/jean-martin")
  { rule: 'url-bare', label: 'URL', score: 0.8, needs: C_DOT | C_SLASH, gate: (_t, cls) => (cls & G_BAREURL) !== 0,
    re: /(?<![\w@.\-\/])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:fr|com|org|net|eu|io|be|ch|ca|info|de|uk)\/[^\s<>"')\]]*[^\s<>"')\].,;:!?]/gi },
  // ---- hospital identifiers after a cue
  { rule: 'id-cue', label: 'ID', score: 0.9, needs: C_DIGIT, group: 2, idu: true,
    // (US forms' numbers too: FIN, NPI, CLIA, SN, UNOS ID, DEA; British registrations, GMC and NMC; an Australian unit record, UR or
    // URN; a French prescriber's Assurance Maladie number, "N° AM : 35 1 08472 3" (its 9 digits only: "10 AM" is an hour); a Maghreb identity card's CIN; a qualifier in brackets, "MRN (sending):";
    // a value may start with letters, "MRN: SA-2287741", "MRN HRMC0091834": 4 digits or more among letters, dots and hyphens)
    // (a record number typed in lower case, "mrn 5530917"; after its facility's code, "MRN BMH 2290143"; a UUID)
    re: /\b(IPP|NDA|RPPS|ADELI|FINESS|MRN|[Mm]rn|MR(?= ?#)|NIP|IEP|FIN|NPI|CLIA|CIN|SN|UNOS(?: ID)?|GMC(?: [Nn]o\.?| [Nn]umber)?|NMC(?: PIN| [Nn]o\.?| [Nn]umber)?|URN?|DEA|AM(?= ?:? ?\d{2} ?\d ?\d{5} ?\d(?![\d.,:\/-])))\b[^A-Za-z0-9À-ÿ\n]{0,12}(?:\([A-Za-z ]+\)\s*:?\s*)?(?:(?:est|is|=) ?:? ?)?(?:[A-Z]{2,5} (?=\d{5}))?(\d{2}[A-Z]\d{4}[A-Z](?![A-Za-z0-9])|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9])|\d{1,4}[A-Za-z]{1,4}\d{3,}(?![A-Za-z0-9])|[A-Z]?\d[\d .\-]{3,14}\d|[A-Z]?\d{4,}|(?=(?:[A-Za-z.-]*\d){4})[A-Za-z][A-Za-z0-9.-]{3,19}(?<![.-])(?![A-Za-z0-9-]))(?!\d)/g },
  // British, Canadian and Australian health numbers ("NHS number 943 476 5919", "Health card 4127-836-512-AB", "Medicare 4127 83651 2",
  // "PHN 9123456789"): a rule of its own, tried at its cue words (a longer alternation would slow the scan of every text)
  { rule: 'id-cue', label: 'ID', score: 0.9, needs: C_DIGIT | C_UPPER, group: 2, idc: true,
    re: /\b(NHS(?: [Nn]o\.?| [Nn]umber)?|Medicare(?: [Nn]o\.?| [Nn]umber| #)?|[Hh]ealth [Cc]ard(?: [Nn]o\.?| [Nn]umber| #)?|OHIP|PHN|IHI|CHI)\b[^A-Za-z0-9À-ÿ\n]{0,12}(?:\([A-Za-z ]+\)\s*:?\s*)?(?:(?:est|is|=) ?:? ?)?(\d{1,4}[A-Za-z]{1,4}\d{3,}(?![A-Za-z0-9])|[A-Z]?\d[\d .\-]{3,14}\d|[A-Z]?\d{4,}|(?=(?:[A-Za-z.-]*\d){4})[A-Za-z][A-Za-z0-9.-]{3,19}(?<![.-])(?![A-Za-z0-9-]))(?!\d)/g },
  // (the number may be written in parts: "Dossier n° 2024-000123"); the cue ends a word
  { rule: 'id-cue', label: 'ID', score: 0.9, needs: C_DIGIT, group: 2, idc: true,
    // (device serial numbers too, HIPAA's identifier 13: "n° de série", "numéro de série", "serial number", "S/N";
    // licence and plate numbers, HIPAA's 11 and 12: "Driver's license MA S1234567", "license plate 7XKT392"; the
    // last form of value: any letters-digits-hyphens token of 5-20 characters with at least 4 digits, "PZX601234H")
    re: /\b(n[°º] ?(?:de )?dossier|n[°º] ?(?:de )?s[ée]jour|n[°º] ?(?:de )?s[ée]rie|n[°º] ?(?:de (?:la )?)?(?:passage|venue|visite)|n[°º] ?d['’]hospitalisation|n[°º] ?(?:d['’]|de l['’]|de (?:la )?)?(?:demande|facture|commande|contrat|ordonnance|examen|patient|prélèvement|prelevement|échantillon|echantillon|inscription|CRISTAL)|(?:dossier|s[ée]jour|passage|venue|visite) n[°º]|dossier(?= ?:? ?(?:\d{5}|\d{2,4}-[A-Z0-9]|[A-Z]{1,3}-?\d{4,}))|matricule (?:salari[ée]e?|patient|agent|employ[ée]e?|interne)|num[ée]ro (?:de dossier|de s[ée]jour|d'identification|de s[ée]rie|de s[ée]curit[ée] sociale)|n[°º] ?(?:de )?s[ée]curit[ée] sociale|medical record(?: number| no\.?)?|med\.? rec(?:ord)?(?: no\.?| number| #)?|patient id|record|serial(?: number| no\.?)?|s\/n|unit (?:no\.?|number|#)|acct\.?(?: no\.?| number| #)?|account (?:no\.?|number|#)|job (?:no\.?|number|#)|accession(?: no\.?| number| #)?|encounter (?:no\.?|number|#|id)|member (?:id|no\.?|number)|(?:insurance|subscriber|beneficiary)(?: (?:id|no\.?|number|#))?(?: ?: ?[A-Z]{2,10})?|group (?:no\.?|number|#)|(?:surgical )?(?:path|pathology|specimen|case|lab|rx|report|datix) (?:no\.?|number|#)|identifiant(?: (?:du )?patient)?|(?:study|employee|badge|sample|specimen|dictation|transcription) (?:id|no\.?|number|#)|(?:subject|participant)(?: (?:id|no\.?|number|#))?(?= ?:? ?#?\d)|user ?name|login|identifiant de connexion|pass(?:port|eport)(?: (?:no\.?|number|#|n[°º]))?|(?:n[°º]|num[ée]ro) de passeport|carte (?:nationale )?d['’]identit[ée](?: n[°º])?|titre de s[ée]jour(?: n[°º])?|policy (?:no\.?|number|#)|(?:licen[cs]e|vehicle) plate(?: (?:no\.?|number|#))?|plate (?:no\.?|number|#)|driver'?s? licen[cs]e(?: (?:no\.?|number|#))?(?: [A-Z]{2}(?= ?:? ?[A-Z]?\d))?|licen[cs]e (?:no\.?|number|#)|licen[cs]e(?= ?:? ?#?(?:[A-Z]{1,3}-?)?\d{4})|kit (?:no\.?|number|#)|group(?=: ?\d{4})|chart (?:no\.?|number|#)|visit (?:no\.?|number|#|id)|(?:referral|order|incident|pcr|reference|denial|confirmation|claim|tracking|auth(?:orization)?|run|trip) (?:no\.?|number|#)|case(?=: ?[A-Z]{1,3}\d{2}-\d{3,})|specimen(?=: ?[A-Z]{0,4}\d{4,}| \d{2}-\d{5,}(?![\d-]))|id(?= ?[:#]? ?#?(?:[A-Z]{1,4}-?)?\d{4,})(?!(?<=(?:,|[a-z]) id) 83[2-8]\d\d(?:-\d{4})?(?![\dA-Za-z])| ?\d+ ?(?:units?|U|UI|IU|mg|ml|mcg|µg)(?![A-Za-z]))|(?:examen|bloc|lames?)(?= ?:? ?(?:[A-Z]{1,3}\d{2}[A-Z]?-\d{3,}|\d{2}[A-Z]-\d{4,}|[A-Z]-\d{4}-\d{3,}))|requisition(?: (?:no\.?|number|#))?|(?:agency|hospice|interpreter|provider|facility|donor|transplant) (?:id|#|no\.?|number)|lic\.(?: ?(?:no\.?|#))?|lic ?#(?= ?[A-Z]?-?\d)|n[°º] ?(?:d['’])?adh[ée]rent|num[ée]ro d['’]adh[ée]rent|n[°º] ?(?:d['’])?allocataire(?: (?:CAF|MSA))?|num[ée]ro d['’]allocataire(?: (?:CAF|MSA))?|(?<!(?:[Dd][ée]cret|DÉCRET|[Ll]oi|LOI|[Aa]rr[êe]t[ée]|[Cc]irculaire|[Aa]rticle|[Dd][ée]lib[ée]ration|[Dd][ée]cision|[Cc]erfa|CERFA|[Dd]irective|[Rr][èe]glement) ?)n[°º](?= ?:? ?(?:[A-Z]{1,4}-?)?\d{4,}(?![\d*])))(?:(?<=#)|(?![A-Za-zŸ]))[^A-Za-z0-9À-ÿ\n]{0,12}(?:\([A-Z]+\)\s*:?\s*)?(?:(?:est|is|=) ?:? ?)?(\d{2,6}(?:\/\d{2,8}){1,3}(?![\d\/])|\d{2,4}[A-Za-z]{1,4}\d{3,}(?![A-Za-z0-9])|[A-Za-z]{2,4}\d{5,}(?![A-Za-z0-9]|-[A-Za-z0-9])|[A-Z]?\d[\d -]{3,14}\d(?![A-Za-z]|-[A-Za-z0-9])|[A-Z]?\d{4,}(?![A-Za-z]|-[A-Za-z0-9])|(?=(?:[A-Za-z-]*\d){4})[A-Za-z0-9][A-Za-z0-9-]{4,19}(?![A-Za-z0-9-]))(?!\d)/gi },
  // record numbers written in dashed groups ("123-45-67-8", "04-55-21-3"): three to six groups, seven digits or more
  // (a date, a phone number or an SSN of the same extent wins the overlap)
  { rule: 'id-dashed', at: S_DASH, label: 'ID', score: 0.5, needs: C_DIGIT | C_DASH,
    re: /(?<![A-Za-z0-9\-\/.])\d{1,4}(?:-\d{1,4}){2,5}(?![A-Za-z0-9\-\/]|\.\d)/g,
    check: (m) => {
      const t = m[0], d1 = t.indexOf('-'), d2 = t.indexOf('-', d1 + 1);
      let dashes = 2;
      for (let k = t.indexOf('-', d2 + 1); k >= 0; k = t.indexOf('-', k + 1)) dashes++;
      // a valid date in dashes ("2008-08-19", "30-03-2024") is the date rules' (no second span for it)
      if (dashes === 2) {
        const l0 = d1, l1 = d2 - d1 - 1, l2 = t.length - d2 - 1;
        const g0 = digitsValue(t, 0, d1), g1 = digitsValue(t, d1 + 1, d2), g2 = digitsValue(t, d2 + 1, t.length);
        if ((l0 === 4 && l1 === 2 && l2 === 2 && dayMonthOk(g2, g1)) || (l2 === 4 && l0 <= 2 && l1 <= 2 && (dayMonthOk(g0, g1) || dayMonthOk(g1, g0)))) return null;
      }
      // (seven digits or more)
      return t.length - dashes >= 7 ? 0.5 : null;
    } },
  // a record or prescription number with its letters: "ORD-231017-052", "IRM-2024-07731", "CT24-0118827" (the digits after the
  // letters' dash, 5 or more in all; not "COVID-19", "ISO-9001")
  { rule: 'id-lettered', at: S_LDASH, label: 'ID', score: 0.5, needs: C_DIGIT | C_DASH | C_UPPER,
    re: /(?<=(?<![A-Za-z0-9-])[A-Z]{2,5}\d{0,2}-)\d{2,}(?:-\d{2,})*(?![A-Za-z0-9-]|\.\d)/g,
    check: (m) => (m[0].replace(/-/g, '').length >= 5 ? 0.5 : null) },
  { rule: 'long-number', at: S_LONG, label: 'ID', score: 0.5, needs: C_DIGIT,
    re: new RegExp(`${B}\\d{8,12}${E}`, 'g'),
    relabel: (m) => (m[0].length === 11 && (m[0].startsWith('10') || m[0].startsWith('8')) && luhnValid(m[0]) ? 'RPPS' : null) },
  // ---- ages over 89
  { rule: 'age-90', at: S_AGE, label: 'AGE', score: 0.9, needs: C_DIGIT,
    // ("97-yr-old", "97 yrs old"; French notes' "97a" glued to its number)
    // ("97a" after a comma, a bracket or at a line's start only: "Mr X, 97a", not "chambre 92a"; "94 a" so, before a comma, a
    // bracket's end or the line's: "M. Schmitt Alphonse, 94 a, pansement")
    re: /(?<![A-Za-z0-9À-ÿ])(?:(?:9\d|1[01]\d)[ -]?(?:ans|years?[- ]old|yrs?[- ]old|yo|y\/o|y\.o\.?|years? of age)|(?<=(?:^|[,(\n]) ?)(?:9\d|1[01]\d)a|(?<=(?:^|[,(\n]) ?)(?:9\d|1[01]\d) a(?= ?(?:[,;)\r\n]|$)))(?![A-Za-zÀ-ÿ0-9])/gi },
  // the age after a cue ("aged 91", "age: 93", "âgée de 95"), without a unit
  { rule: 'age-90-cue', at: S_9X, label: 'AGE', score: 0.8, needs: C_DIGIT,
    re: /(?<=(?<![A-Za-z0-9À-ÿ])(?:aged?|âg[ée]e?s?(?: de)?|agee?s?(?: de)?)\s?:?\s?)(?:9\d|1[01]\d)(?![0-9]|[.,]\d| ?%)/gi },
  // "now 91," "turned 90 and": a person's age told by the clause around it
  { rule: 'age-90-now', at: S_9X, label: 'AGE', score: 0.7, needs: C_DIGIT,
    re: /(?<=(?<![A-Za-z])(?:now|turned|turns|turning) )(?:9\d|1[01]\d)(?=[,;).]| (?:and|years|y\.?o\.?|yo|ans|in|next|this|last)(?![A-Za-z])| on (?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,7}(?![A-Za-z])|\d))/g },
  // ---- addresses
  { rule: 'address-fr', at: S_ADDR, label: 'ADDRESS', score: 0.85, needs: C_DIGIT,
    re: new RegExp(`\\b\\d{1,4}(?:-\\d{1,4})?(?: ?(?:bis|ter|[a-c]))?,? ${STREET}`, 'gi') },
  // the number spelled out ("sept allée des Roses", "deux bd Étienne"): starts at a spelled day number
  { rule: 'address-fr', day: true, label: 'ADDRESS', score: 0.75,
    re: new RegExp(`(?<![${L}])(?:${NUMW_DAY})(?:-(?:${NUMW}))*(?: (?:bis|ter))?,? ${STREET}`, 'gi') },
  { rule: 'address-en', at: S_ADDREN, label: 'ADDRESS', score: 0.85, needs: C_DIGIT | C_UPPER,
    // (the street's words capitalized or in upper case, as EHR headers print them: "456 OAK ST, SPRINGFIELD, MO")
    // (numbered streets too: "9050 E 96th St", "2602 6th Ave")
    re: new RegExp(`\\b\\d{1,5} (?:(?:[NSEW]|[NS][EW])\\.? )?(?:[A-Z][a-z]+ |[A-Z]{2,} |\\d{1,3}(?:st|nd|rd|th) ){1,4}(?:${EN_STREET}|${EN_STREET.toUpperCase()})\\.?(?: (?:NE|NW|SE|SW|N|S|E|W)(?![A-Za-z]))?(?:,? (?:Apt\\.?|Apartment|Suite|Ste\\.?|Unit|Bldg\\.?|Floor|Fl\\.?|APT\\.?|SUITE|STE\\.?|UNIT|#) ?[\\w-]+)?\\b`, 'gu') },
];

/**
 * Rules of the same label without a check, group or gate are scanned together: one alternation
 * instead of one pass each (alternatives keep their order; same-label overlaps are merged later
 * anyway). This cuts the number of passes over the text.
 */
function mergeRules(rules: RegexRule[]): RegexRule[] {
  const out: RegexRule[] = [];
  const groups = new Map<string, RegexRule[]>();
  for (const r of rules) {
    // (a rule with a `pre` stays alone: its test holds for its own regex only)
    const simple = !r.check && r.group === undefined && !r.gate && !r.relabel && !r.pre && r.re.flags === 'g';
    if (!simple) { out.push(r); continue; }
    const k = `${r.label}\0${r.needs ?? 0}`;
    let g = groups.get(k);
    if (!g) { groups.set(k, (g = [])); out.push({ ...r, rule: '' }); }
    g.push(r);
  }
  return out.map((r) => {
    if (r.rule !== '') return r;
    const g = groups.get(`${r.label}\0${r.needs ?? 0}`)!;
    if (g.length === 1) return g[0]!;
    // a merged rule has start shapes when every member has: a match may begin where any may
    const at = g.every((x) => x.at !== undefined) ? g.reduce((a, x) => a | x.at!, 0) : undefined;
    return { ...r, rule: g.map((x) => x.rule).join('|'), score: Math.max(...g.map((x) => x.score)),
      re: new RegExp(g.map((x) => `(?:${x.re.source})`).join('|'), 'g'), at, x: at !== undefined && g.some((x) => x.x) };
  });
}
/**
 * The scanned rules, every object with the same fields in the same order (one hidden class: the
 * scan loop's property reads stay monomorphic).
 */
export const SCAN_RULES: ScanRule[] = mergeRules(RULES).map((r) => ({
  needs: r.needs, gate: r.gate, re: r.re, label: r.label, score: r.score, rule: r.rule,
  group: r.group, check: r.check, relabel: r.relabel, at: r.at, x: r.x === true, pre: r.pre,
  plain: !r.check && r.group === undefined && !r.relabel, mon: r.mon === true, day: r.day === true, monthDot: r.monthDot === true, idc: r.idc === true, idu: r.idu === true,
  monAfter: r.monAfter === true, login: r.login === true,
  sticky: r.at !== undefined || r.mon || r.day || r.idc || r.idu || r.login ? new RegExp(r.re.source, `${r.re.flags.replace('g', '')}y`) : null,
}));
interface ScanRule extends RegexRule { x: boolean; plain: boolean; mon: boolean; day: boolean; monthDot: boolean; idc: boolean; idu: boolean; monAfter: boolean; login: boolean; sticky: RegExp | null }

/**
 * ZIP + city: "75013 Paris", "94010 Créteil Cedex", "33000, Bordeaux CEDEX"; a wrapped city goes on
 * over the line break after an article or "Saint", a hyphen, or before a particle ("28722 LA⏎BACONNETTE",
 * "92100 BOULOGNE-⏎BILLANCOURT", "77500 Ivry⏎sur Loire").
 */
const ZIP_CITY_AT = /(?<![A-Za-z0-9À-ÿ])((?:0[1-9]|[1-8]\d|9[0-8])\d{3})(,? ?\s?)((?:(?:LA|LE|LES|La|Le|Les|SUR|Sur|SOUS|ST|STE|SAINT|SAINTE|St|Ste|Saint|Sainte)\r?\n|(?:(?:[dl]['’])?[A-ZÀ-Þ][A-Za-zÀ-ÿ'’]*|d[eu]s?|la|le|les|lès|lez|l'|sur|sous|en|et|aux?)(?:[ \-]|-\r?\n|\r?\n(?=(?:sur|sous|en|lès|les|la|le|de|du|des|aux?) )|(?=\s?(?:CEDEX|Cedex)))){0,4}(?:[dl]['’](?=[A-ZÀ-Þ]))?[A-ZÀ-Þ][A-Za-zÀ-ÿ'’]*(?: (?:CEDEX|Cedex)(?: \d{1,2})?)?)/y;
const ZIP_CITY_G = new RegExp(ZIP_CITY_AT.source, 'g');
/** A code system's name right before a number: CPT, HCPCS, CCAM, NABM, LOINC, SNOMED, NDC, ICD/CIM and their "code" (zip-city). */
const CODE_SYSTEM_BEFORE = /(?<![A-Za-z])(?:CPT|HCPCS|CCAM|NABM|LOINC|SNOMED(?: CT)?|NDC|ICD(?:-?1[01])?|CIM(?:-?1[01])?|UCD|CIP)(?: code)? ?[:#]? ?$/i;
/** Before a postal code at lastIndex: a French postal box (BP, CS, TSA and its number) and the separator after it. */
const POSTAL_BOX = /(?<=(?<![A-Za-z0-9À-ÿ])((?:BP|B\.P\.|CS|TSA) ?\d{2,6}(\s?[,\-–]?\s?)))/y;

const TITLES = new Set(['DR', 'DR.', 'DRE', 'DRE.', 'DRS', 'DRS.', 'DRES', 'DRES.', 'DOCTEURS', 'MMES', 'MMES.', 'DOCTEUR', 'PR', 'PR.', 'PROFESSEUR', 'PROF', 'PROF.', 'M.', 'MM.', 'MR', 'MR.', 'MRS', 'MRS.', 'MS', 'MS.', 'MME', 'MME.', 'MLLE', 'MLLE.', 'MADAME', 'MONSIEUR', 'MADEMOISELLE', 'MISS', 'MISTER', 'SIR', 'DOCTOR', 'PROFESSOR', 'INTERNE', 'EXTERNE', 'FR.',
  // a clergyman's and the gender-neutral title ("Rev. Ellery", "Dawn Ellery (Rev.)", "Mx. Okafor"; not Pastor, Rabbi, Imam: names too)
  'REV', 'REV.', 'REVEREND', 'MX', 'MX.',
  // ranks of police, gendarmes and guards before a name ("Officer Ramirez", "adjudant Pasquier", "Sgt. Boyle")
  // (not Gendarme, Sergent: surnames too)
  'OFFICER', 'OFC', 'OFC.', 'DEPUTY', 'TROOPER', 'SGT', 'SGT.', 'SERGEANT', 'CAPT.', 'ADJUDANT', 'BRIGADIER']);
/** Greetings before a name, and closings before a signature (cues only in those places: greetingOrClosingOk). */
const GREETINGS = ['HI', 'HELLO', 'DEAR', 'HEY', 'BONJOUR', 'BONSOIR', 'SALUT', 'COUCOU'];
const CLOSINGS = ['THANKS', 'MERCI', 'CORDIALEMENT', 'REGARDS', 'SINCERELY', 'CHEERS', 'AMICALEMENT'];
const GREETING_SET = new Set(GREETINGS), CLOSING_SET = new Set(CLOSINGS);
/** Words after which a capitalized word is a person: kinship, patient, "né(e) de". */
const CUES = new Set(['PATIENT', 'PATIENTE', 'PERE', 'MERE', 'FILS', 'FILLE', 'EPOUX', 'EPOUSE', 'VEUVE', 'FRERE', 'SOEUR', 'MARI', 'FEMME', 'CONJOINT', 'CONJOINTE', 'COMPAGNON', 'COMPAGNE', 'TUTEUR', 'TUTRICE', 'FATHER', 'MOTHER', 'SON', 'DAUGHTER', 'HUSBAND', 'WIFE', 'BROTHER', 'SISTER', 'PARTNER', 'GUARDIAN', 'NOM', 'PRENOM', 'NAME', 'SIGNE', 'SIGNEE', 'SIGNED',
  'NEVEU', 'NIECE', 'ONCLE', 'TANTE', 'COUSIN', 'COUSINE', 'GENDRE', 'AMI', 'AMIE', 'VOISIN', 'VOISINE', 'PETIT-FILS', 'PETITE-FILLE',
  'BEAU-FRERE', 'BELLE-SOEUR', 'BELLE-FILLE', 'BEAU-FILS', 'BELLE-MERE', 'BEAU-PERE', 'GRAND-MERE', 'GRAND-PERE',
  'NEPHEW', 'AUNT', 'UNCLE', 'GRANDSON', 'GRANDDAUGHTER', 'GRANDMOTHER', 'GRANDFATHER', 'FRIEND', 'NEIGHBOR', 'NEIGHBOUR', 'BOYFRIEND', 'GIRLFRIEND',
  'BABY', 'BOY', 'GIRL', 'BEBE', 'GARCON', 'NOURRISSON',
  'FIANCE', 'FIANCEE', 'NAMED', 'CONTACT', 'PARENTS', 'PARENT', 'MOM', 'DAD', 'PRENOMME', 'PRENOMMEE', 'BROTHER-IN-LAW', 'SISTER-IN-LAW', 'SON-IN-LAW', 'DAUGHTER-IN-LAW', 'MOTHER-IN-LAW', 'FATHER-IN-LAW',
  'CHILDREN', 'KIDS', 'SONS', 'DAUGHTERS', 'GRANDCHILDREN', 'GRANDKIDS', 'SIBLINGS', 'ENFANTS', 'FILLES', 'TWINS', 'ATTENDEES', 'PARTICIPANT',
  'ENFANT', 'ELEVE', 'CHILD', 'INFANT', 'NOUVEAU-NE', 'NEWBORN',
  // the people of forensic, custody and legal forms ("Detainee: ABDIRAHMAN, Liban", "Petitioner: …")
  'DETAINEE', 'INMATE', 'PRISONER', 'DECEDENT', 'COMPLAINANT', 'PETITIONER', 'INFORMANT', 'DETENU', 'DETENUE', 'PLAIGNANT', 'PLAIGNANTE',
  ...GREETINGS, ...CLOSINGS]);
/** Kinship and friendship words (folded): a first name typed in lower case right after one is a name ("sa fille nadia"). */
const KIN = new Set(['FILLE', 'FILS', 'MARI', 'FEMME', 'EPOUSE', 'EPOUX', 'FRERE', 'SOEUR', 'MERE', 'PERE', 'COMPAGNON', 'COMPAGNE', 'CONJOINT', 'CONJOINTE',
  'NEVEU', 'NIECE', 'ONCLE', 'TANTE', 'COUSIN', 'COUSINE', 'GENDRE', 'AMI', 'AMIE', 'VOISIN', 'VOISINE', 'DAUGHTER', 'SON', 'WIFE', 'HUSBAND', 'BROTHER',
  'SISTER', 'MOTHER', 'FATHER', 'FRIEND', 'NEIGHBOR', 'NEIGHBOUR', 'BOYFRIEND', 'GIRLFRIEND', 'MOM', 'DAD', 'AUNT', 'UNCLE', 'NEPHEW', 'GRANDSON',
  'GRANDDAUGHTER', 'GRANDMOTHER', 'GRANDFATHER', 'PARTNER', 'SPOUSE', 'GUARDIAN', 'FIANCE', 'FIANCEE',
  'CHILDREN', 'KIDS', 'SONS', 'DAUGHTERS', 'GRANDCHILDREN', 'GRANDKIDS', 'SIBLINGS', 'ENFANTS', 'FILLES', 'TWINS',
  'DTR', 'DAU', 'SIS', 'BRO', 'HUBBY', 'MUM', 'GRANDMA', 'GRANDPA', 'GRANNY', 'STEPSON', 'STEPDAUGHTER', 'STEPMOTHER', 'STEPFATHER', 'MAMAN', 'PAPA', 'MAMIE', 'PAPI']);
/**
 * Health professions heading a signature or a care-team line ("Psychologue : Zulmira Mauran"): a
 * weaker cue than a title — the next word is a name when it is a known name, upper case or an
 * initial, or when another name-like word follows it ("Infirmière : Pansement refait" stays).
 */
const PROFESSIONS = new Set([
  'PSYCHOLOGUE', 'KINESITHERAPEUTE', 'KINE', 'INFIRMIER', 'INFIRMIERE', 'IDE', 'IBODE', 'IADE', 'IPA', 'ASH', 'AES', 'AMP', 'AVS', 'PHARMACIEN', 'PHARMACIENNE', 'SAGE-FEMME',
  'ORTHOPHONISTE', 'DIETETICIEN', 'DIETETICIENNE', 'ERGOTHERAPEUTE', 'PSYCHOMOTRICIEN', 'PSYCHOMOTRICIENNE', 'ORTHOPTISTE',
  'PODOLOGUE', 'IDEC', 'SECRETAIRE', 'MANIPULATEUR', 'MANIPULATRICE', 'OPERATEUR', 'OPERATRICE', 'TECHNICIEN', 'TECHNICIENNE', 'PSYCHIATRE', 'ANESTHESISTE', 'CHIRURGIEN', 'CHIRURGIENNE',
  'ATTENDING', 'RESIDENT', 'INTERN', 'FELLOW', 'STUDENT', 'PCP', 'GP', 'CHARGE', 'TRIAGE', 'BEDSIDE', 'CIRCULATING', 'SCRUB', 'EVALUATOR', 'EXAMINER', 'ASSESSOR', 'REVIEWER', 'RECORDER', 'OBSERVER', 'FACILITATOR', 'OFC', 'OFC.', 'SGT', 'SGT.', 'DET', 'DET.', 'CPL', 'CPL.', 'PROVIDER', 'PHYSICIAN', 'CONSULTANT', 'REFERRING', 'CARDIOLOGIST', 'ONCOLOGIST', 'NEUROLOGIST',
  'MANAGER', 'COORDINATOR', 'WORKER', 'CHAPLAIN', 'DIETITIAN', 'AIDE', 'INTERPRETER', 'TRANSLATOR', 'CNA', 'EMT', 'PARAMEDIC', 'TECHNICIAN', 'SCRIBE', 'DOULA',
  'NURSE', 'PHYSIOTHERAPIST', 'PSYCHOLOGIST', 'PHARMACIST', 'MIDWIFE', 'SURGEON', 'THERAPIST',
  // people around the patient named by their role ("Coach Garza", "Officer Kaminski", "éducatrice Mme Roux", not Rabbi, a surname too: "F. Rabbi"; not "Fr", a catheter's gauge: "14 Fr Foley")
  'COACH', 'TEACHER', 'OFFICER', 'DEPUTY', 'PASTOR', 'REVEREND', 'EDUCATEUR', 'EDUCATRICE', 'ASSISTANTE', 'AUXILIAIRE', 'AIDE-SOIGNANTE', 'AIDE-SOIGNANT',
  // social and administrative roles ("caseworker Joy Adeyemi", "Employee: Oluwaseun Adebayo", "Landlord Bill Kowalczyk", "curatrice Mme Roux")
  'CASEWORKER', 'CLINICIAN', 'COUNSELOR', 'COUNSELLOR', 'LANDLORD', 'LANDLADY', 'SUPERVISOR', 'EMPLOYEE', 'CAREGIVER', 'ADVOCATE', 'NAVIGATOR', 'LIAISON', 'SPONSOR',
  'CLIENT', 'MEMBER', 'SUBSCRIBER', 'INSURED', 'DECEDENT', 'APPLICANT', 'RECIPIENT', 'CONSUMER',
  // (a shift's hand-over: "Off-going RN: …   Oncoming: Drew"; a consultant by field: "Specialist: Ravi Chandrasekaran"; "Visitor Phillips")
  'ONCOMING', 'OFF-GOING', 'OFFGOING', 'OUTGOING', 'INCOMING', 'SPECIALIST', 'VISITOR',
  'DIRECTOR', 'ASSISTANT', 'VOLUNTEER', 'PRACTITIONER', 'MENTOR', 'REGISTRAR', 'DISPATCHER', 'RECEPTIONIST', 'SCHEDULER', 'TECH', 'OPER', 'OPERATOR', 'ADJUSTER', 'REPRESENTATIVE', 'INSPECTOR', 'WITNESS', 'INVESTIGATOR', 'CONSEILLER', 'CONSEILLERE', 'CURATEUR', 'CURATRICE', 'MANDATAIRE', 'MEDIATEUR', 'MEDIATRICE',
  // (a police officer, a triage nurse, technologists, a caller's field: "OPJ Boulanger", "IOA celine", "Technologist: Major Thompson", "Caller: Mari (daughter)")
  'OPJ', 'IOA', 'TECHNOLOGIST', 'SONOGRAPHER', 'PHLEBOTOMIST', 'RADIOGRAPHER', 'HYGIENIST', 'CALLER',
  // (a next of kin's field: "NOK: Funmi Adeyemi")
  'NOK',
  // (a document's author, an imam: "Author: Rukhsana Begum", "Auteur : Dr Paul Martin", "Imam Abdullahi Nur"; not Rabbi nor
  // Priest, surnames too: "F. Rabbi"; in lower case they are cues)
  'AUTHOR', 'AUTEUR', 'AUTRICE', 'IMAM',
  // (an insurance form's holder, an assessment's examiners, a fire crew's ranks: "Assuré : LACOSTE Bernat",
  // "Examinateurs : Avril KOWALCZYK", "Sgt-chef MULLER")
  'ASSURE', 'ASSUREE', 'EXAMINATEUR', 'EXAMINATRICE', 'EXAMINATEURS', 'EXAMINATRICES', 'SGT-CHEF', 'SERGENT-CHEF', 'ADJUDANT-CHEF', 'CAPORAL-CHEF',
  // (a lieutenant, a captain, a public health nurse: "PHN: Bríd Kavanagh"; not "Lt.", the left side as often: "Lt. Knee")
  'LIEUTENANT', 'CAPTAIN', 'PHN']);
/** A document's kind after a heading's words ("PATIENT CARE REPORT", "Contact Tracing List"): the word before it is no name after a cue. */
const HEADING_KINDS = new Set(['REPORT', 'RECORD', 'FORM', 'LIST', 'LOG', 'PLAN', 'SUMMARY', 'SHEET', 'REGISTER', 'FILE']);
/** Denominations: stop words for the name pass, names inside a hospital's ("Saint Luke's Methodist Hospital", "Lutheran Medical Center"). */
const DENOMINATIONS = new Set(['CATHOLIC', 'METHODIST', 'LUTHERAN', 'MUSLIM', 'JEWISH', 'HINDU', 'BUDDHIST', 'MORMON', 'ADVENTIST', 'ORTHODOX', 'PROTESTANT', 'PENTECOSTAL', 'EPISCOPAL', 'PRESBYTERIAN']);
/** Specialties (folded): a practice's kind ("Kessler & Amari Dermatology"), stop words for the name pass and generic words inside hospitals' names. */
const SPECIALTY_WORDS = ['DERMATOLOGY', 'CARDIOLOGY', 'PEDIATRICS', 'ORTHOPEDICS', 'IMAGING', 'UROLOGY', 'RADIOLOGY', 'ONCOLOGY', 'NEUROLOGY', 'OPHTHALMOLOGY', 'OPTOMETRY', 'PODIATRY',
  'CHIROPRACTIC', 'AUDIOLOGY', 'PSYCHIATRY', 'COUNSELING', 'WELLNESS', 'OBSTETRICS', 'GYNECOLOGY', 'RHEUMATOLOGY', 'ENDOCRINOLOGY', 'NEPHROLOGY', 'PULMONOLOGY', 'ALLERGY', 'DENTISTRY'];
/** Capitalized words that are never names by themselves. */
const STOP = new Set([
  // (a transcript's speech after its speaker's cue: "Patient: Yes doctor.", "Doctor: What is troubling you?")
  'WHAT', 'YES', 'HOW', 'WHEN', 'WHERE', 'WHY', 'WHO', 'THANK', 'OKAY', 'WELL', 'WE', 'COULD', 'PLEASE', 'NOTHING', 'SORRY', 'OH', 'UM', 'UH',
  'YEAH', 'YEP', 'NOPE', 'POURQUOI',
  // (forms and records after "signed", a role or a field: "signed ICF v3.0", "(son, SDM)", "…|EHR|")
  'ICF', 'SDM', 'EHR', 'EMR',
  // (a document's kind ends a heading in capitals: "PATIENT CARE REPORT", "CODE BLUE RECORD")
  'REPORT', 'RECORD', 'FORM',
  // (a nursing note's target in its DAR transmissions: "07:10 – Cible : DOULEUR")
  'CIBLE', 'CIBLES',
  // (Senior or Sister, before a name or a role: "witness Sr. Annamma Kurian", "Sr. Nurse"; after a name, its suffix)
  'SR',
  // (clinical acronyms that are names of the world lists too: "ORIF" is an open reduction and internal fixation; "PIO 16/18
  // mmHg" the pressure in an eye; "interne FFI", one who stands in for an intern)
  'ORIF', 'PIO', 'FFI',
  'IBAN', 'BIC', 'RIB', 'SSN', 'MRN', 'DOB', 'DDN', 'VIN', 'EMAIL', 'MAIL', 'COURRIEL', 'PORTABLE', 'MOBILE', 'PHONE',
  'LE', 'LA', 'LES', 'L', 'UN', 'UNE', 'DES', 'DU', 'DE', 'D', 'ET', 'EN', 'AU', 'AUX', 'A', 'POUR', 'PAR', 'AVEC', 'SANS', 'SUR', 'SOUS', 'DANS', 'CHEZ', 'CE', 'CET', 'CETTE', 'CES', 'IL', 'ELLE', 'ILS', 'ELLES', 'ON', 'NOUS', 'VOUS', 'JE', 'TU', 'SON', 'SA', 'SES', 'LEUR', 'MON', 'MA', 'MES', 'NE', 'PAS', 'PLUS', 'OU', 'OUI', 'NON', 'SI', 'MAIS', 'DONC', 'CAR', 'PUIS', 'APRES', 'AVANT', 'DEPUIS', 'VERS', 'ENTRE', 'LORS', 'SELON',
  'THE', 'AND', 'OF', 'IN', 'AT', 'FOR', 'WITH', 'TO', 'AN', 'IS', 'WAS', 'HE', 'SHE', 'HIS', 'HER', 'THEY', 'THIS', 'THAT', 'NO', 'NOT', 'ON', 'BY', 'FROM', 'AS', 'OR', 'IF', 'BE', 'HAS', 'HAD', 'HAVE', 'ARE', 'WERE',
  'PATIENT', 'PATIENTE', 'PATIENTS', 'PATIENTES', 'HOPITAL', 'HOSPITAL', 'CHU', 'CH', 'CHR', 'APHP', 'AP-HP', 'SERVICE', 'UNITE', 'CLINIQUE', 'CENTRE', 'DATE', 'NE', 'NEE', 'NEES', 'NES', 'AGE', 'AGEE', 'ANS', 'DOSSIER', 'MEDICAL', 'MEDICALE', 'COMPTE', 'RENDU', 'CONSULTATION', 'HOSPITALISATION', 'URGENCES', 'URGENCE', 'RDV', 'TEL', 'TEL.', 'FAX', 'IPP', 'NDA', 'NIR', 'RPPS', 'ADELI', 'FINESS', 'SAMU', 'SMUR', 'ECG', 'IRM', 'TDM', 'RAS', 'NFS', 'CRP', 'HTA', 'AVC', 'BPCO', 'VIH', 'VHC', 'VHB', 'SC', 'IV', 'IM', 'PO', 'NSS', 'INS', 'SS', 'CMU', 'AME', 'ALD', 'GHU', 'HEGP', 'USIC', 'SAU', 'UHCD', 'REA', 'HDJ', 'SSR', 'EHPAD', 'CHEF', 'PH', 'PU', 'CCA', 'DES', 'DU', 'DIU', 'INJ', 'SOL', 'SER', 'CP', 'MG', 'ML', 'CHEF', 'CHEFS', 'ASSISTANT', 'ASSISTANTS', 'SECRETARIAT', 'ADRESSE', 'RESIDENCE', 'VILLE', 'PAYS', 'FRANCE', 'RUE', 'AVENUE', 'BOULEVARD', 'PLACE', 'CEDEX', 'MOTIF', 'CONCLUSION', 'ANTECEDENTS', 'TRAITEMENT', 'EXAMEN', 'EXAMENS', 'BILAN', 'HISTOIRE', 'MALADIE', 'EVOLUTION', 'RESULTAT', 'RESULTATS', 'CONTACT', 'VISITE', 'ENTREE', 'SORTIE', 'LETTRE', 'COURRIER', 'OBJET', 'CHER', 'CHERE', 'CONFRERE', 'CONSOEUR', 'BONJOUR', 'MERCI', 'CORDIALEMENT', 'DOCTEUR', 'PROFESSEUR', 'MADAME', 'MONSIEUR',
  'ADJOINT', 'ADJOINTE', 'REFERENT', 'REFERENTE', 'COORDINATEUR', 'COORDINATRICE', 'PRINCIPAL', 'PRINCIPALE', 'DIPLOME', 'DIPLOMEE',
  'LOI', 'DECRET', 'ARTICLE', 'ARRETE', 'CODE', 'NORME', 'SYNDROME', 'MALADIE', 'SIGNE', 'TEST', 'SCORE', 'CLASSIFICATION', 'STADE', 'TYPE', 'GROUPE', 'EQUIPE', 'INTERNES', 'INTERNE', 'EXTERNE', 'PERE', 'MERE',
  'LUNDI', 'MARDI', 'MERCREDI', 'JEUDI', 'VENDREDI', 'SAMEDI', 'DIMANCHE', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY',
  'JANVIER', 'FEVRIER', 'MARS', 'AVRIL', 'MAI', 'JUIN', 'JUILLET', 'AOUT', 'SEPTEMBRE', 'OCTOBRE', 'NOVEMBRE', 'DECEMBRE', 'JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER',
  'CLINIQUES', 'JUNIOR', 'JUNIORS', 'SENIOR', 'SENIORS', 'PRATICIEN', 'PRATICIENS', 'HOSPITALIER', 'HOSPITALIERS', 'ATTACHE', 'ATTACHES', 'ASSOCIE', 'ASSOCIES',
  'PER', 'IDM', 'MI', 'DT2', 'DNID', 'DID', 'DM', 'DM2', 'T2DM', 'DMT2', 'IDDM', 'NIDDM',
  // (business and industrial zones in addresses: "ZA de la Grande Pièce", "ZI Les Gaulnes")
  'ZA', 'ZI', 'CAD', 'CHF', 'COPD', 'HTN', 'CVA', 'TIA', 'DVT', 'CKD', 'ESRD', 'AFIB', 'CABG', 'PCI', 'GERD', 'OSA', 'UTI', 'PNA', 'SOB', 'CP', 'ACS', 'STEMI', 'NSTEMI',
  // (short US-census names that are clinical acronyms far more often in notes: loss of consciousness, headache, vaginal bleeding, aspirin, otite moyenne aiguë)
  'LOC', 'HA', 'VB', 'ASA', 'OMA', 'OK', 'BRAIN',
  // (a home-visit acronym, a pharmacy, a funeral home: "14:00;VAD;", "Pharmacie habituelle", "Funeral home on file")
  'VAD', 'PHARMACIE', 'FUNERAL',
  // (clinical acronyms and heading words of notes: "Contact RH", "DPOA on file", "HCP:", "Apgar 9", "Med Onc",
  // "Wound RN", "Cardiac rehab")
  'RH', 'DPOA', 'HCPOA', 'HCP', 'APGAR', 'MED', 'WOUND', 'CARDIAC', 'HEALTH', 'DETENTION', 'ADULT', 'COUNTY', 'NPO', 'NKA', 'NKDA', 'DNR', 'DNI',
  'MT', 'ATCD', 'ATCDS', 'PEC', 'TTT', 'AEG', 'OMI', 'ECBU', 'AINS', 'HDM', 'CMP', 'CMPP', 'SDT', 'SDRE', 'SPDT', 'MDPH', 'APA', 'HAD', 'SSIAD', 'ADMR', 'PMI', 'CPAM', 'MSA', 'IDEL',
  'NAME', 'SURNAME', 'ID', 'IDS', 'UNIT', 'ROOM', 'ATTENDING', 'PCP', 'ADMISSION', 'DISCHARGE', 'ADMIT',
  // acronyms, headings, team roles and units of notes that dictionaries know as names ("OG : 6/10", "TIMI 3", "Lyme ELISA", "DEA",
  // "RN Case Manager", "CENTER"; English exam headings and verbs: "Abd soft", "Denies tob", "Accepting MD:", "MICU Blue")
  'OD', 'OG', 'ODG', 'TIMI', 'CRISTAL', 'ELISA', 'DEA', 'NA', 'PA', 'SN', 'PNP', 'PRESCRIPTION', 'REGISTRY', 'NPI', 'UPIN', 'CASE', 'CENTER', 'DEVICE', 'CLINIC', 'INSTITUTE', 'REGISTRATION', 'DEMOGRAPHICS', 'INFORMATION', 'INSTRUCTIONS', 'SUMMARY', 'ABD', 'EXT', 'EXTR', 'NEURO', 'PSYCH', 'RESP', 'HEENT', 'MSK', 'LOA', 'LOP', 'ROA', 'ROP', 'DENIES', 'REPORTS', 'ACCEPTING', 'SENDING', 'REFERRING',
  'REQUESTING', 'ORDERING', 'CONSULTING', 'SUPERVISING', 'RECEIVING', 'COVERING', 'PORTAL', 'MESSAGE', 'MICU', 'SICU', 'CCU', 'NICU', 'PICU', 'HCV', 'HBV', 'HIV',
  'PT', 'OT', 'SEM', 'FAMILY', 'PRACTICE', 'PAGER', 'BEEPER', 'CELL', 'EXT', 'OFFICE', 'ED', 'ER', 'ASSOCIATES', 'PHARMACY', 'HOSPICE', 'INFIRMARY', 'ELEMENTARY', 'ACADEMY', 'COLLEGE', 'SHELTER', 'INSURANCE', 'LABORATORY',
  // languages (an interpreter's, a patient's): no names ("Tamil", "Hindi", "German" are names too: LANGUAGE_BEFORE below)
  'SPANISH', 'ARABIC', 'MANDARIN', 'CANTONESE', 'VIETNAMESE', 'HAITIAN', 'CREOLE', 'PORTUGUESE', 'RUSSIAN', 'SOMALI', 'KOREAN', 'POLISH', 'PUNJABI', 'URDU',
  'BENGALI', 'PASHTO', 'SWAHILI', 'AMHARIC', 'TIGRINYA', 'NEPALI', 'BURMESE', 'KHMER', 'HMONG', 'TAGALOG', 'ASL', 'GUJARATI', 'TELUGU', 'YORUBA', 'IGBO', 'HAUSA',
  'TURKISH', 'GREEK', 'ITALIAN', 'JAPANESE', 'UKRAINIAN', 'ROMANIAN', 'ALBANIAN', 'SERBIAN', 'CROATIAN', 'BOSNIAN', 'MALAYALAM', 'KANNADA', 'MARATHI', 'SINHALA', 'OROMO', 'KURDISH',
  // specialties (a practice's kind: "Kessler & Amari Dermatology"), "Lic" (a licence: "MN Lic PT-6612")
  ...SPECIALTY_WORDS, 'LIC',
  // religions and denominations ("widow, Baptist, member of…"), "Next" ("Next RN visit")
  ...DENOMINATIONS, 'NEXT', 'LICENSE', 'LICENCE', 'ONC', 'CANCER',
  'LABORATORIES', 'COMPANY', 'CORPORATION', 'INC', 'LLC', 'THERAPY', 'THERAPEUTICS', 'PHARMACEUTICALS', 'BIOSCIENCES', 'PHARMA', 'COLLECTIVE', 'DISTRIBUTION', 'SURGERY', 'NURSING', 'REHABILITATION', 'MEMORIAL', 'SCHOOL', 'LIBRARY', 'REHAB', 'SERVICES', 'AGENCY', 'ASSOCIATION', 'FOUNDATION', 'DAYCARE', 'PRESCHOOL', 'MANAGEMENT', 'PARTNERS', 'PE', "CHILDREN'S", 'SARL', 'SAS', 'SASU', 'EURL', 'SELARL', 'SNC', 'SCP', 'LIBERAL', 'LIBERALE', 'LIBERAUX', 'LIBERALES',
  // (institutions' and forms' words that no dictionary holds: "CENTRE HOSPITALIER UNIVERSITAIRE SAINT-ARMEL", "DOSSIER DE LIAISON
  // D'URGENCE", "Triage ESI 2", "Rd E. Work note")
  'UNIVERSITAIRE', 'UNIVERSITAIRES', 'UNIVERSITY', 'REGIONAL', 'REGIONALE', 'DEPARTEMENTAL', 'DEPARTEMENTALE', 'INTERCOMMUNAL', 'LIAISON', 'URGENCE', 'URGENCES',
  'TRIAGE', 'ESI', 'WORK', 'OBSERVATION', 'SCREEN', 'PRECAUTION', 'PRECAUTIONS', 'CALLED', 'QUARTERLY',
  'CHIEF', 'COMPLAINT', 'HISTORY', 'PRESENT', 'ILLNESS', 'SOCIAL', 'ALLERGIES', 'MEDICATIONS', 'ASSESSMENT', 'PLAN', 'KNOWN', 'ACTIVE', 'DIAGNOSIS', 'PROCEDURE', 'PROCEDURES', 'ENCOUNTER', 'NOTE', 'NOTES',
]);

const F_CITY = 4096, F_CITYP = 8192, F_CITYW = 1 << 19;
/** The end of the run of letters (apostrophes and hyphens between them too) that starts at a. */
export function letterRunEnd(text: string, a: number): number {
  let e = a;
  while (isWordLetter(cc(text, e)) || ((cc(text, e) === 45 || cc(text, e) === 39) && isWordLetter(cc(text, e + 1)))) e++;
  return e;
}
/** A senior's rank or department abbreviated after "Sr." ("Sr. VP of Clinical Affairs", "Sr. Mgr"): no name. */
const SENIOR_RANKS = new Set(['VP', 'SVP', 'EVP', 'AVP', 'MGR', 'DIR', 'ASSOC', 'ENG', 'ENGR', 'ADMIN', 'EXEC', 'COORD', 'SPEC', 'ACCT', 'PROG', 'MGMT']);
/**
 * "Sr" / "Sr." (Sister, Sœur, Señor) is a title before the word at a when that word can be a name: an initial, a first
 * name, a surname or a word of no list ("Sr. Annamma Kurian", "Sr Marie-Thérèse", "Sr. J. Okafor") — not a role, even
 * hyphenated ("Sr. Nurse", "Sr. Nurse-Midwife"), a senior's rank ("Sr. VP", "Sr. Mgr"), a cue, a title or a credential
 * ("Sr. Sister Anne", "Sr. RN"), an acronym, a word of the vocabularies of no first-name list ("Sr. Analyst Kim",
 * "Sr. Staff Nurse", "Sr. Clinical Pharmacist"), nor a surname that is a word too before another capitalized word
 * ("Sr. Care Coordinator", "Sr. Lab Tech", "Sr. House Officer"; "Sr. Jones said" is a name).
 */
function sisterTitleBefore(text: string, a: number, upperSr: boolean, lex: Lexicon): boolean {
  const e = letterRunEnd(text, a);
  if (e - a === 1) return cc(text, e) === 46;
  for (let k = a; k < e;) {
    let h = k;
    while (h < e && text.charCodeAt(h) !== 45) h++;
    if (PROFESSIONS.has(fold(text.slice(k, h)))) return false;
    k = h + 1;
  }
  const key = fold(text.slice(a, e));
  if (SENIOR_RANKS.has(key) || PROFESSIONS.has(key)) return false;
  const bits = lexBits(text, a, e, lex);
  if ((bits & (LEX_STOP | LEX_PROF | LEX_CUE | LEX_CRED | LEX_TITLE | LEX_TITLE_DOT)) !== 0) return false;
  // (an acronym in capitals after a "Sr." that is not: "Sr. HR Partner")
  if (!upperSr && e - a <= 4 && (bits & (LEX_FIRST | LEX_SUR)) === 0) {
    let up = true;
    for (let k = a; k < e; k++) if (!isUpperCode(text.charCodeAt(k))) { up = false; break; }
    if (up) return false;
  }
  if ((bits & LEX_FIRST) !== 0) return true;
  if (!isVocabularyWord(key)) return true;
  return (bits & LEX_SUR) !== 0 && !(cc(text, e) === 32 && isUpperCode(cc(text, e + 1)));
}
/** A law named after its authors comes after "loi" (a compound first name's exception). */
const LAW_NAME_BEFORE = /(?:^|[^A-Za-zÀ-ÿ])[Ll](?:oi|OI) $/;
/** A town of communes.txt.gz (LEX_TOWN): a CITY after a strong cue only. */
const F_TOWN = 1 << 15;
export const LEX_STOP = 1 << 10, LEX_TITLE = 1 << 11, LEX_CUE = 1 << 12, LEX_TITLE_DOT = 1 << 13, LEX_PROF = 1 << 14, LEX_PART = 1 << 15, LEX_CRED = 1 << 16, LEX_ACRO = 1 << 17;
/**
 * The last four letters of English past participles in capitals ("RETURNED", "ADVISED", "BLOCKED", "NOTIFIED"): none
 * that names end with ("WALEED", "ZAHED", "KHALED", "ZAYED", "RASHED", "HAMED", "JAVED").
 */
const PARTICIPLE_ENDS = new Set([
  'RNED', 'ISED', 'IZED', 'CKED', 'LLED', 'TTED', 'PPED', 'SSED', 'RRED', 'ATED', 'UTED', 'ITED', 'OTED', 'IRED', 'URED', 'ORED', 'AGED',
  'OKED', 'AKED', 'IVED', 'OVED', 'ILED', 'OLED', 'ULED', 'EWED', 'OWED', 'CHED', 'RMED', 'NTED', 'NDED', 'LTED', 'STED', 'PTED', 'CTED',
  'RKED', 'LKED', 'NKED', 'FIED', 'GGED', 'MMED', 'NNED', 'DDED', 'BBED', 'RSED', 'NSED', 'PSED', 'LSED', 'ACED', 'ICED', 'UCED', 'NCED',
  'RCED', 'ETED', 'ERED', 'ENED', 'ELED', 'ESED', 'EPED', 'APED', 'IPED', 'OPED', 'UPED', 'ASED', 'OSED', 'USED', 'ARED', 'RIED', 'LIED',
  'PIED', 'CIED', 'RGED', 'NGED', 'LGED', 'RVED', 'LVED']);
/**
 * Names that are acronyms of notes when written in capitals only, except right after a title ("stent IVA": the anterior
 * interventricular artery, "ABI 0.94": the ankle-brachial index, "SAAD ADMR": a home-help service; "Iva CASTEL", "MME IVA CASTEL",
 * "Abi Turner", "Saad Benali"); a list's heading ("VISITOR LIST", not "Mary List").
 */
const LEX_CAPS_STOP = 1 << 18;
const CAPS_STOPS = ['IVA', 'ABI', 'SAAD', 'LIST'];
/** Determiners in capitals: a name that is also a word is that word after one ("NO MAJOR VASCULAR ABNORMALITY", "ANY GRACE PERIOD"). */
const CAPS_DETERMINERS = new Set(['NO', 'ANY', 'A', 'AN', 'THE', 'SOME', 'WITHOUT', 'AUCUN', 'AUCUNE', 'UN', 'UNE', 'LE', 'LA', 'LES', 'DES', 'SANS']);
/** Words of forms and numbers that are names too (3 or 4 letters): no name before '#', a colon or a number (the token pass). */
const FIELD_NAME_WORDS = new Set(['Job', 'JOB', 'Sent', 'SENT']);
/**
 * Stop words that are acronyms (CHU, RAS, SAU, TIA…) and, written in mixed case, surnames or first
 * names ("Dr Linda Chu", "Maria Sol"): right after a first name or an initial on the same line,
 * the mixed-case form is a name, not the acronym.
 */
const ACRONYM_STOPS = ['CHU', 'CHR', 'GHU', 'RAS', 'SAU', 'REA', 'SOL', 'SER', 'AME', 'DIU', 'MSA', 'ACS', 'TIA', 'IDEL', 'PER', 'MI', 'MT', 'APA', 'HAD', 'PEC', 'OSA', 'CAD', 'AINS'];
const ACRONYM_STOP_SET = new Set(ACRONYM_STOPS);
/** Credentials written after a clinician's name ("Karen P. Lopez, RN", "John Doe MD"): never a name themselves. */
const CREDENTIALS = ['MD', 'RN', 'NP', 'PHD', 'DDS', 'DMD', 'FNP', 'CNP', 'LPN', 'PHARMD', 'MBBS', 'DFMS', 'FACP', 'DNP', 'CRNA', 'LCSW', 'APRN', 'MSN', 'BSN', 'CNM', 'PA-C',
  // therapists, counsellors, pharmacy and nursing staff ("Dallas Brooks, LMHC", "T. Ngata, CPhT")
  'LMHC', 'LPC', 'LCPC', 'LMFT', 'LICSW', 'PSYD', 'CPHT', 'RPH', 'DPT', 'OTR', 'SLP', 'CCC-SLP', 'RDN', 'CDE', 'CDCES', 'CRNP', 'DPM', 'MSW', 'LVN', 'NRP', 'CMA',
  'BCBA', 'CCRN', 'ARNP', 'AGNP', 'ANP', 'PMHNP', 'FNP-BC', 'MPH', 'IBCLC',
  // board certifications after the credential, audiology, laboratory technicians ("Anselm Okafor, PMHNP-BC", "by ns (MLT)")
  'PMHNP-BC', 'ANP-BC', 'AGNP-BC', 'AGACNP', 'AGACNP-BC', 'CCC-A', 'MLT',
  // social work, case management, therapy assistants, respiratory care, sonography, laboratory, EMS ("Kwame Asante, LBSW", "DMB, RDMS")
  'LBSW', 'LMSW', 'LSW', 'BSW', 'CCM', 'PTA', 'COTA', 'RRT', 'RDMS', 'RDCS', 'RVT', 'MLS', 'CPNP', 'PNP', 'CHW', 'CADC', 'LCADC', 'LADC', 'EMT', 'CNA'];
/**
 * Surname particles written capitalized ("Françoise LE GOFF", "Hervé Le Bihan", "Ahmed Ben Salah"):
 * a particle token between a name and a capitalized word joins them. Written in lower case
 * ("Charles de Gaulle"), the particle is not a token: PARTICLE_GAP below.
 */
const PARTICLES = ['LE', 'LA', 'DE', 'DU', 'DES', 'DI', 'DA', 'DEL', 'DELLA', 'VAN', 'VON', 'DER', 'DEN', 'BEN', 'EL', 'AL', 'DOS', 'DAS'];
/** A lower-case particle between two name tokens: " de ", " van der ", " d'"… (the whole gap). */
/**
 * Identity fields of a form: "Nom de naissance : LEBRUN", "Nom d'usage : MARCHAND", "Prénom
 * usuel : Odile" — the words between the field's first word (nom, prénom) and the colon.
 */
const FIELD_WORDS = new Set(['NOM', 'NOMS', 'PRENOM', 'PRENOMS']);
const FIELD_GAP = /^[ \t]*(?:(?:de naissance|d['’]usage|naissance|usage|marital|patronymique|de jeune fille|d['’][ée]pouse|de famille|usuel|et pr[ée]noms?|\(s\))[ \t]*)?(?:(?:\.{2,}[ \t]*)?(?::\s?|\| |\t)[ \t]*|\.{3,}[ \t]*)$|^ (?:de naissance|d['’]usage|patronymique|de jeune fille|d['’][ée]pouse) $/i;
/** Whether token i is a form field's first word and its label runs to a colon right before `b`. */
function fieldBefore(text: string, i: number, b: number): boolean {
  const a = nEnds[i]!;
  // (a form's dot leaders may fill the gap: "Nom de naissance .......: OKONKWO")
  if (b - a > 48 || !FIELD_WORDS.has(fold(text.slice(nStarts[i]!, a)))) return false;
  const gap = text.slice(a, b);
  // (a table's cell after its field's cell, "| Nom d'usage | GIRAUD |", "Nom⇥FONTAINE⇥Prénom⇥Marie"; not a header's next column,
  // "| NOM | PRENOM |", "Nom⇥Prénom⇥Ville")
  return FIELD_GAP.test(gap) && !((gap.includes('|') || gap.includes('\t')) && i + 1 < nCount && FIELD_WORDS.has(fold(text.slice(nStarts[i + 1]!, nEnds[i + 1]!))));
}
/**
 * A lower-case word at [a, e) that can only be a person's name: a first name or a surname of the
 * dictionaries that is no ordinary word (not ambiguous, not a frequent word-name, not a city).
 */
function lowerNameWord(text: string, a: number, e: number, lex: Lexicon, surnameOnly: boolean): boolean {
  if (e - a < 2) return false;
  // (not through lexBits' table: lower-case words are many and would crowd out the tokens)
  const key = fold(text.slice(a, e));
  const lx = lex.get(key) ?? 0;
  return (lx & (surnameOnly ? LEX_SUR : LEX_SUR | LEX_FIRST)) !== 0 && (lx & (LEX_AMBIG | LEX_WORDNAME | LEX_CITY)) === 0 && !STOP.has(key);
}
/** A lower-case word at [a, e) that is a first name of the dictionaries, no city, and (unless ambiguousToo) no ordinary word. */
function lowerFirstName(text: string, a: number, e: number, lex: Lexicon, ambiguousToo: boolean): boolean {
  if (e - a < 3) return false;
  const key = fold(text.slice(a, e));
  const lx = lex.get(key) ?? 0;
  return (lx & LEX_FIRST) !== 0 && (lx & (ambiguousToo ? LEX_CITY : LEX_AMBIG | LEX_WORDNAME | LEX_CITY)) === 0 && !STOP.has(key);
}
/** End of the lower-case letter run (with inner '-' and apostrophes) starting at a; a when none. */
function lowerWordEnd(text: string, a: number): number {
  let e = a;
  for (;;) {
    const c = cc(text, e);
    if (isLowerCode(c)) { e++; continue; }
    if ((c === 45 || c === 39 || c === 8217) && e > a && isLowerCode(text.charCodeAt(e + 1))) { e++; continue; }
    break;
  }
  // a whole word: no letter of any case right after it
  return e > a && !isWordLetter(cc(text, e)) ? e : a;
}
const PARTICLE_GAP = /^ (?:(?:de|du|des|di|da|do|del|della|van|von|der|den|ben|bin|ibn|el|al|dos|das|de la|van der|van den|von der) |d['’]|de l['’])$/;
const lexReady = new Set<Lexicon>();
/** The language of the text being read (set by recognizePatterns and recognizeNames): English text also reads English names. */
let lexLang: Lang = 'fr';
/**
 * The name dictionaries of the text's language with the recognizers' word lists as bits (LEX_STOP,
 * LEX_CUE, LEX_CRED…): one look-up per token.
 */
export function tokenLexicon(): Lexicon {
  const lex = lexiconMap(lexLang);
  if (!lexReady.has(lex)) {
    const add = (k: string, bit: number): void => { lex.add(k, bit); };
    for (const k of STOP) add(k, LEX_STOP);
    for (const k of ACRONYM_STOPS) add(k, LEX_ACRO);
    for (const k of CAPS_STOPS) add(k, LEX_CAPS_STOP);
    for (const k of CUES) add(k, LEX_CUE);
    for (const k of PROFESSIONS) add(k, LEX_PROF);
    for (const k of PARTICLES) add(k, LEX_PART);
    for (const k of TITLES) { if (k.endsWith('.')) add(k.slice(0, -1), LEX_TITLE_DOT); else add(k, LEX_TITLE); }
    for (const k of CREDENTIALS) add(k, LEX_CRED);
    lexReady.add(lex);
  }
  return lex;
}
const F_CAP = 1, F_UPPER = 2, F_INITIAL = 4, F_TITLE = 8, F_FIRST = 16, F_SUR = 32, F_AMBIG = 64, F_STOP = 128, F_CUE = 256, F_SENT = 512, F_SYNTHEA = 1024, F_NAME = 2048, F_PROF = 1 << 14, F_PART = 1 << 16, F_WORDNAME = 1 << 17, F_CRED = 1 << 18;
/** A cue word that is a kinship word (KIN): set with F_CUE in the token pass, read by the kinship rules. */
const F_KIN = 1 << 20;
/** A word in capitals of no name list that is a word of the vocabularies ("CALLER", "STATES"): it supports no name. */
const F_VOCAB = 1 << 21;
/** A compound first name of no list guessed by its first part ("Kim-Lien"): ambiguous, and never a name standing alone in English. */
const F_GUESSED = 1 << 22;

/**
 * One token pass: capitalized words (Latin letters, hyphens, apostrophes, a trailing dot for
 * initials and titles) and the lower-case cue words; other lower-case words are skipped by the
 * regex engine itself (no token object for them).
 */
// (letters beyond Latin-1 in names too: "Wiśniewski", "ŚLIWA", "Ayşe"; a capital of those blocks starts a token)
const WL = 'A-Za-zÀ-ÖØ-öø-ÿ\\u0100-\\u024f\\u1e00-\\u1eff', WCAP = '(?:[A-ZÀ-ÖØ-Þ]|(?=[\\u0100-\\u024f\\u1e00-\\u1eff])\\p{Lu})';
const WORD = new RegExp(`${WCAP}\\.(?:-${WCAP}\\.)+|${WCAP}[${WL}]*(?:[-'’][${WL}]+)*\\.?|(?<![${WL}])(?:${[...CUE_WORDS, 'sœur'].join('|')})(?![${WL}])`, 'gu');
const PLURAL_TITLE = /^(?:Drs|DRS|Dres|DRES|Docteurs|DOCTEURS|Mmes|MMES|MM)\.?$/;
const LIST_GAP = /^(?:, | and | et | & |, and |, et | \/ |\/)$/;
/** Kinship words of several people, before a list of their first names. */
const PLURAL_KIN = new Set(['SONS', 'DAUGHTERS', 'CHILDREN', 'KIDS', 'GRANDCHILDREN', 'GRANDKIDS', 'SIBLINGS', 'BROTHERS', 'SISTERS', 'TWINS', 'ENFANTS', 'FILS', 'FILLES', 'FRERES', 'SOEURS', 'PETITS-ENFANTS']);
/** Between a kinship word and a name: the sibling's or child's rank ("Frère aîné Murat", "sa fille cadette Rose"). */
const KIN_ORDER_GAP = /^ (?:a[îi]n[ée]e?|cadet(?:te)?|benjamine?|jumea?u|jumelle|older|younger|elder|eldest|oldest|youngest|twin) $/;
/** Between a birth name and a married name: " épouse ", " ép. ", " veuve ", " née " (any case). */
const MARRIED_GAP = /^ (?:[ée]pouse|[ÉE]POUSE|[ée]p\.|veuve|VEUVE|n[ée]e) $/;
const MARRIED_AFTER = /^,? (?:[ée]pouse|[ÉE]POUSE|[ée]p\.|[ÉE]P\.|veuve|VEUVE|n[ée]e|N[ÉE]E) $/;
const INITIALS = /^(?:[A-ZÀ-Þ](?:(?:\.?-|\.)[A-ZÀ-Þ])+|Ph|Ch|Th|Chr)$/; // ("Ph." Philippe, "Ch." Christophe, "Th." Thierry)
/** Credentials written with dots, after a comma ("…, M.D.", "…, Ph.D.", "…, R.N."): at a token's start. */
const DOTTED_CRED = /(?<=, ?)(?:M\.D|D\.O|R\.N|N\.P|P\.A|Ph\.D|D\.D\.S|D\.M\.D|L\.P\.N|M\.B\.B\.S|M\.S|M\.A|M\.S\.W|M\.P\.H|M\.S\.N|B\.S\.N|D\.N\.P|Psy\.D|Pharm\.D|Ed\.D|M\.Ed)\.?(?![A-Za-zÀ-ÿ])/y;
const SYNTHEA_CORE = /^[A-Z][a-z]{2,}$/;

export function isUpperCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 192 && (c <= 222 ? c !== 215 : c > 255 && EXT_CASE[c] === 1));
}
export function isLowerCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 223 && (c <= 255 ? c !== 247 : EXT_CASE[c] === 2));
}

const CUE_FLAG = new Map<string, number>();
/** F_KIN for a capitalized cue word that is a kinship word ("Wife", "FILLE"), else 0: cached per word as written. */
const KIN_FLAG = new Map<string, number>();
function kinFlag(w: string): number {
  let k = KIN_FLAG.get(w);
  if (k === undefined) { k = KIN.has(fold(w)) ? F_KIN : 0; if (KIN_FLAG.size < 4096) KIN_FLAG.set(w, k); }
  return k;
}
/**
 * LEX_FIRST (with LEX_AMBIG when a part is ambiguous) when [s, e) is two or three hyphen-joined
 * parts that are each a first name ("Mary-Kate"); else 0.
 */
function compoundFirst(text: string, s: number, e: number, lex: Lexicon): number {
  let h = s + 1;
  while (h < e && text.charCodeAt(h) !== 45) h++;
  if (h >= e) return 0;
  let bits = LEX_FIRST, a = s;
  for (let parts = 0; a < e; parts++) {
    if (parts === 3) return 0;
    let b = a;
    while (b < e && text.charCodeAt(b) !== 45) b++;
    if (b - a < 2) return 0;
    const v = lex.get(fold(text.slice(a, b))) ?? 0;
    if (!(v & LEX_FIRST) || (v & LEX_STOP)) return 0;
    if (v & LEX_AMBIG) bits |= LEX_AMBIG;
    a = b + 1;
  }
  return bits;
}
/** "Mc" or "Mac" or "O'" then an upper-case letter at s. */
function gaelicSurname(text: string, s: number): boolean {
  const c1 = text.charCodeAt(s + 1), c2 = text.charCodeAt(s + 2);
  if (text.charCodeAt(s) === 77 && c1 === 99) return isUpperAscii(c2) || (c2 === 97 && isUpperAscii(text.charCodeAt(s + 3)));
  return text.charCodeAt(s) === 79 && (c1 === 39 || c1 === 8217) && isUpperAscii(c2);
}
/** Months that are also first names or surnames (April, June, July, August, March, Avril, Mai, May). */
const MONTH_NAMES = new Set(['APRIL', 'JUNE', 'JULY', 'AUGUST', 'MARCH', 'AVRIL', 'MAI', 'MAY']);
/** A digit at e, or after one space: a day or a year follows. */
function digitAfter(text: string, e: number): boolean {
  let k = e;
  if (text.charCodeAt(k) === 32) k++;
  const c = text.charCodeAt(k);
  return c >= 48 && c <= 57;
}
/** English words that are first names and modal verbs ("Plan: Will follow up"). */
const EN_MODALS = new Set(['WILL', 'CAN', 'MAY', 'MUST', 'SHALL', 'MIGHT', 'WOULD', 'COULD', 'SHOULD']);
/** Words after a kinship word that are verbs, not first names ("wife will bring", "son may call", "fille va mieux"): the modals and these. */
const KIN_NOT_NAME = new Set([...EN_MODALS, 'MARK', 'BILL', 'SAID', 'STATES', 'SAYS', 'REPORTS', 'AGREES', 'WANTS',
  'VA', 'EST', 'SERA', 'VIENT', 'PASSE', 'PASSERA', 'DIT', 'SOUHAITE', 'APPELLE', 'PREVIENT', 'PRESENTE', 'REFUSE', 'ACCEPTE', 'SIGNALE', 'RAPPORTE', 'AIDE', 'PRINCE', 'JOB']);
/** A lower-case letter or a comma (spaces between) right before s: s is inside a sentence. */
function midSentence(text: string, s: number): boolean {
  let p = s - 1;
  while (p >= 0 && text.charCodeAt(p) === 32) p--;
  if (p < 0 || p === s - 1) return false;
  const c = text.charCodeAt(p);
  // (after a comma, or "w/" for "with": "spoke w/ Tammy")
  if (c === 44 || (c === 47 && (cc(text, p - 1) | 32) === 119 && !isWordLetter(cc(text, p - 2)))) return true;
  if (!((c >= 97 && c <= 122) || (c >= 223 && c <= 255 && c !== 247))) return false;
  // not after a place word: "lives in Hope, Arkansas" is a town
  return !/(?:^|[^A-Za-z])(?:in|at|near)$/.test(text.slice(Math.max(0, p - 4), p + 1));
}
/**
 * Whether the previous token, one space before s, is a first name or an initial, or a capitalized
 * word right after a title ("Dr Wei Chu"); not a stop word.
 */
function afterFirstName(text: string, s: number, starts: number[], ends: number[], flags: number[]): boolean {
  const q = flags.length - 1;
  if (q < 0 || ends[q] !== s - 1 || text.charCodeAt(s - 1) !== 32 || (flags[q]! & (F_STOP | F_TITLE | F_CUE)) !== 0) return false;
  return (flags[q]! & (F_FIRST | F_INITIAL)) !== 0 || (q >= 1 && (flags[q - 1]! & F_TITLE) !== 0 && starts[q]! - ends[q - 1]! <= 2);
}
/** Reused per-token marks of recognizeNames (strong anchors, then name tokens). */
let nameBuf = new Uint8Array(1024);
let tokS = 0, tokE = 0;
/** The next WORD match at or after `from`: sets tokS/tokE (the regex engine skips lower-case text fast). */
function nextWord(text: string, from: number): boolean {
  WORD.lastIndex = from;
  const m = WORD.exec(text);
  if (m === null) return false;
  tokS = m.index; tokE = m.index + m[0].length;
  return true;
}
/**
 * A number per word of a text, remembered by the word's code units (FNV-1a, as hashStep, and linear probing) in front
 * of a costlier look-up: a slice, a fold and a look-up in the large lexicon cost a new string, its hash and cache
 * misses, and a text asks about the same words again and again. Emptied when half full, and when the values' source
 * (a lexicon: a text of the other language) changes. Values are >= 0: find answers -1 for a word it does not hold.
 */
export class WordMemo {
  /**
   * Four numbers per slot, side by side (one cache line per probe): the word's length + 1 (0: an empty slot), its hash,
   * its value and the offset of its code units in `units` — no string kept per word, whose header and letters would be
   * two more cache misses per look-up.
   */
  private readonly slots: Int32Array;
  private units = new Uint16Array(1024);
  private used = 0;
  private readonly mask: number;
  private count = 0;
  private source: unknown = null;
  /** The hash and free slot of the last word find did not hold (remember's place). */
  private lastHash = 0;
  private lastSlot = 0;
  constructor(bits: number) {
    const size = 1 << bits;
    this.slots = new Int32Array(4 * size);
    this.mask = size - 1;
  }
  private clear(): void { this.slots.fill(0); this.count = 0; this.used = 0; }
  /** The value remembered for text[s, e) from `source`, or -1. */
  find(source: unknown, text: string, s: number, e: number): number {
    if (source !== this.source) { this.clear(); this.source = source; }
    const h = hashRange(text, s, e);
    const len = e - s;
    const t = this.slots, u = this.units;
    let slot = h & this.mask;
    for (;;) {
      const q = 4 * slot, n = t[q]!;
      if (n === 0) break;
      if (t[q + 1] === h && n === len + 1) {
        const a = t[q + 3]!;
        let same = true;
        for (let k = 0; k < len; k++) if (u[a + k] !== text.charCodeAt(s + k)) { same = false; break; }
        if (same) return t[q + 2]!;
      }
      slot = (slot + 1) & this.mask;
    }
    this.lastHash = h; this.lastSlot = slot;
    return -1;
  }
  /** Remembers v for `word`, the text[s, e) of the last find that answered -1; returns v. */
  remember(word: string, v: number): number {
    let slot = this.lastSlot;
    if (this.count >= (this.mask + 1) >> 1) { this.clear(); slot = this.lastHash & this.mask; }
    const len = word.length;
    if (this.used + len > this.units.length) {
      const grown = new Uint16Array(Math.max(2 * this.units.length, this.used + len));
      grown.set(this.units.subarray(0, this.used));
      this.units = grown;
    }
    for (let k = 0; k < len; k++) this.units[this.used + k] = word.charCodeAt(k);
    const q = 4 * slot;
    this.slots[q] = len + 1; this.slots[q + 1] = this.lastHash; this.slots[q + 2] = v; this.slots[q + 3] = this.used;
    this.used += len; this.count++;
    return v;
  }
}
/**
 * Raw token → lexicon bits, through a WordMemo in front of the lexicon. Values: lex.get(fold(token)) ?? 0, plus
 * LEX_FIRST for a compound of first names and LEX_SUR for a Gaelic surname's shape.
 */
const LEX_MEMO = new WordMemo(15);
/** A lower-case letter then an upper-case one in t[s, e) ("PaO", "SpO", "HbA"). */
function mixedCase(t: string, s: number, e: number): boolean {
  for (let k = s + 1; k + 1 < e; k++) if (isLowerCode(t.charCodeAt(k)) && isUpperCode(t.charCodeAt(k + 1))) return true;
  return false;
}
/** After a token ending at e: an optional '.', spaces, then a word of two upper-case letters or more. */
function upperWordAfter(text: string, e: number): boolean {
  let k = e;
  if (cc(text, k) === 46) k++;
  if (cc(text, k) !== 32) return false;
  while (cc(text, k) === 32) k++;
  return isUpperCode(cc(text, k)) && isUpperCode(cc(text, k + 1));
}
function lexBits(text: string, s: number, e: number, lex: Lexicon): number {
  const known = LEX_MEMO.find(lex, text, s, e);
  if (known >= 0) return known;
  const core = text.slice(s, e);
  let v = lex.get(fold(core)) ?? 0;
  const len = e - s;
  // (computed once per distinct token, kept in the memo:) a compound first name not in the
  // dictionaries, each part a first name ("Mary-Kate"; not a known place: "Saint-Malo"), and the
  // shape of a Gaelic surname ("McKenzie", "MacLeod", "O'Hara")
  if ((v & (LEX_FIRST | LEX_SUR | LEX_CITY | LEX_CITY_PREFIX | LEX_STOP)) === 0 && len >= 5) v |= compoundFirst(text, s, e, lex);
  if ((v & LEX_SUR) === 0 && len >= 4 && gaelicSurname(text, s)) v |= LEX_SUR;
  return LEX_MEMO.remember(core, v);
}

const NO_TOKENS: number[] = [];
/** recognizeNames' current tokens (module state: no closure created per call). */
let nText = '', nStarts: number[] = [], nEnds: number[] = [], nFlags: number[] = [], nCount = 0;
/** Gap between token i and i+1 is plain spacing (no punctuation, no line break). */
function gapOk(i: number, allowComma = false): boolean {
  if (i < 0 || i + 1 >= nCount) return false;
  const a = nEnds[i]!, b = nStarts[i + 1]!;
  if (b - a > 2) return false;
  for (let k = a; k < b; k++) {
    const c = nText.charCodeAt(k);
    if (c === 32 || c === 160) continue;
    if (allowComma && c === 44) continue;
    return false;
  }
  // (two spaces separate an aligned table's columns: "Dr MK  Reviewed JB note")
  return b - a < 2 || nText.charCodeAt(a) === 44 || nText.charCodeAt(a + 1) === 44;
}
function nameLike(i: number): boolean {
  const f = nFlags[i]!;
  return (f & (F_CAP | F_INITIAL)) !== 0 && (f & (F_STOP | F_TITLE)) === 0;
}
/**
 * A known surname in capitals of 3 letters or more that is no ordinary word, place, title, cue, profession or credential:
 * the surname of "ZHANG, WEI" and "TEIXEIRA L." (F_VOCAB is never set with F_SUR: it marks words of no name list).
 */
function capsSurname(i: number): boolean {
  const g = nFlags[i]!;
  return (g & (F_UPPER | F_SUR)) === (F_UPPER | F_SUR) && nEnds[i]! - nStarts[i]! >= 3
    && (g & (F_STOP | F_AMBIG | F_CITY | F_CITYP | F_CUE | F_TITLE | F_PROF | F_CRED | F_WORDNAME)) === 0;
}
/** An ambiguous first name's neighbour: upper case, an initial, or an unambiguous known name. */
// (for a name in capitals, not a word of the vocabularies in capitals: "CALLED PACT LINE" is no name; "FOB Tyler" is one)
function support(j: number, upper = false): boolean { const g = nFlags[j]!; return ((g & (F_UPPER | F_INITIAL)) !== 0 && !(upper && (g & F_VOCAB) !== 0)) || ((g & (F_FIRST | F_SUR)) !== 0 && !(g & F_AMBIG)); }
/** A known surname's neighbour. */
function surnameNeighbour(j: number): boolean { return nameLike(j) && (nFlags[j]! & (F_FIRST | F_INITIAL | F_UPPER)) !== 0 && !(nFlags[j]! & (F_AMBIG | F_VOCAB)); }
/**
 * Whether token j, right after an eponym's surname, is the acronym of its scale, test or device, or a roman numeral: "Katz
 * ADL", "Lawton IADL", "Jamar II" (capitals of no name list, three to five letters, or I-X in roman numerals; not the
 * initials of a name written surname first, "Dupont JP", nor a longer word, a surname the lists lack, "Okafor NWACHUKWU").
 */
function capsAcronym(j: number): boolean {
  const g = nFlags[j]!, len = nEnds[j]! - nStarts[j]!;
  if ((g & (F_UPPER | F_FIRST | F_SUR | F_INITIAL)) !== F_UPPER) return false;
  if (len >= 3) return len <= 5;
  for (let k = nStarts[j]!; k < nEnds[j]!; k++) { const c = nText.charCodeAt(k); if (c !== 73 && c !== 86 && c !== 88) return false; }
  return true;
}
/**
 * A Title-case word of no list (no name, place, title, cue or profession) mid-sentence, of two letters or more and no
 * dot, that is no word of the vocabularies (each part of a hyphenated one: "Relais-Santé"): a given name the lists lack,
 * before a known surname ("Hetal", "Bronwen"; not "Transports", "Maintenance").
 */
function unlistedGivenName(j: number): boolean {
  const g = nFlags[j]!;
  if ((g & (F_CAP | F_UPPER | F_INITIAL | F_FIRST | F_SUR | F_AMBIG | F_STOP | F_TITLE | F_CUE | F_SENT | F_PROF | F_CRED | F_WORDNAME | F_CITY | F_CITYP | F_CITYW | F_PART)) !== F_CAP
    || nEnds[j]! - nStarts[j]! < 2 || nText.charCodeAt(nEnds[j]! - 1) === 46) return false;
  return !fold(nText.slice(nStarts[j]!, nEnds[j]!)).split(/[-'’]/).some((w) => w.length >= 2 && isVocabularyWord(w));
}
/** Exactly ", " between a and b. */
function commaSpace(text: string, a: number, b: number): boolean { return b - a === 2 && text.charCodeAt(a) === 44 && text.charCodeAt(a + 1) === 32; }
/** Whether text[s, e) is all ASCII capitals (its folded form is itself). */
function asciiUpperRun(text: string, s: number, e: number): boolean {
  for (let k = s; k < e; k++) if (!isUpperAscii(text.charCodeAt(k))) return false;
  return true;
}
/** Two or three capitals that are no firm's legal form: a role's acronym before a name ("CNS Grainne Tobin", "SW Chipo Ndlovu"). */
function roleAcronym(text: string, a: number, e: number): boolean {
  return e - a >= 2 && e - a <= 3 && asciiUpperRun(text, a, e) && !FIRM_FORMS.has(text.slice(a, e));
}
const FIRM_FORMS = new Set(['SA', 'SAS', 'SCI', 'SCM', 'SCP', 'SEL', 'GIE', 'LLC', 'INC', 'LTD', 'PLC', 'LLP']);
/** French regions and provinces that are surnames too ("Oxyvie Bretagne", "Cypath Languedoc"): no given name before them. */
const REGIONS = new Set(['ALSACE', 'AQUITAINE', 'ARDENNES', 'ARTOIS', 'AUVERGNE', 'BEARN', 'BERRY', 'BOURGOGNE', 'BRETAGNE', 'CHAMPAGNE', 'CORSE',
  'DAUPHINE', 'FLANDRE', 'FLANDRES', 'FOREZ', 'GASCOGNE', 'GATINAIS', 'GUYENNE', 'ISERE', 'LANGUEDOC', 'LIMOUSIN', 'LORRAINE', 'MEDOC', 'MORVAN', 'NIVERNAIS',
  'NORMANDIE', 'OCCITANIE', 'PERIGORD', 'PICARDIE', 'POITOU', 'PROVENCE', 'QUERCY', 'ROUERGUE', 'SAVOIE', 'SOLOGNE', 'TOURAINE', 'VENDEE', 'VELAY', 'VEXIN']);

/**
 * The starts of the cue words the character pass recorded for `text` (places of care, employers,
 * laboratories, dictations' words), or null when it read another text or read it irregularly.
 */
/** Whether the text has two spaces in a row or a tab (read by the character pass when it read this text). */
export function hasSpacedColumns(text: string): boolean {
  return tokText === text && !referenceScan ? tokSpaced : text.includes('  ') || text.includes('\t');
}
export function cueWordStarts(text: string): Int32Array | null {
  return tokText === text && runRegular && !referenceScan ? hospS.subarray(0, nHosp) : null;
}
let shortCapsText = '', shortCapsS = new Int32Array(16), nShortCaps = 0;
/**
 * The starts of the short upper-case words of the last recognizeNames call on `text` (2-3 letters,
 * not a word of the lists: possible initials), or null when that call read another text.
 */
export function shortUpperWords(text: string): Int32Array | null {
  return shortCapsText === text && !referenceScan ? shortCapsS.subarray(0, nShortCaps) : null;
}
/** An e-mail's header fields whose value is people. */
const MAIL_FIELDS = new Set(['From', 'To', 'Cc', 'Bcc', 'FROM', 'TO', 'De', 'À']); // (not "CC:", the chief complaint, nor "A:", an assessment)
/** The name pass's tokens and their flags (F_*), in order: the first loop of recognizeNames, a function of its own. */
function nameTokens(text: string, lang: Lang, lex: ReturnType<typeof tokenLexicon>, starts: number[], ends: number[], flags: number[]): void {
  let next = 0, credEnd = -1;
  // the tokens of the character pass when it ran on this text, else the WORD regex
  const pre = tokText === text && tokRegular && !referenceScan;
  for (let q = 0; ; q++) {
    if (pre) { if (q >= nTok) break; tokS = tokA[q]!; tokE = tokB[q]!; } else if (!nextWord(text, next)) break;
    const s = tokS;
    next = tokE;
    const c0 = text.charCodeAt(tokS);
    let f = 0;
    // a possessive is no part of the name: "John Mayfield's cell", "Mary's husband" (the name's own apostrophe stays: O'Hara)
    if (tokE - s >= 4 && (text.charCodeAt(tokE - 1) | 32) === 115 && (text.charCodeAt(tokE - 2) === 39 || text.charCodeAt(tokE - 2) === 8217) && isUpperCode(c0)) tokE -= 2;
    if (!isUpperCode(c0)) {
      // (the inclusive ending glued to a word, "Assuré(e) :", "Patient(e) :", is no token: the cue and the name stay neighbours)
      if (inclusiveEnding(text, s - 1) === tokE + 1) continue;
      // a lower-case cue word (docteur, patient, père…)
      const w = text.slice(tokS, tokE);
      let cf = CUE_FLAG.get(w);
      if (cf === undefined) { const k = fold(w); cf = TITLES.has(k) ? F_TITLE : PROFESSIONS.has(k) ? F_PROF : LOWER_CREDENTIALS.has(w) ? F_CRED | F_STOP : KIN.has(k) ? F_CUE | F_KIN : F_CUE; CUE_FLAG.set(w, cf); }
      // ("pt", "pat" are a patient's field only before a colon: "pt: GARCIA-LOPEZ, ramon", not "pt tolerated")
      if (tokE - tokS <= 3 && (w === 'pt' || w === 'pat') && !(cc(text, tokE) === 58 || (cc(text, tokE) === 32 && cc(text, tokE + 1) === 58))) cf = F_STOP;
      // (French "son" is a possessive, no son: "avec Karim (son IDE)", "son médecin")
      else if (lang === 'fr' && w === 'son') cf = F_STOP;
      // ("contact" names a person only as a field before its colon, not after "for": "Emergency contact: …", not
      // "non-contact R knee", "to contact St. Stanislaus", "Reason for contact: Quarterly")
      else if (w === 'contact' && (!(cc(text, tokE) === 58 || (cc(text, tokE) === 32 && cc(text, tokE + 1) === 58)) || /(?:^|[^A-Za-z])for $/.test(text.slice(Math.max(0, tokS - 5), tokS)) || cc(text, tokS - 1) === 45)) cf = F_STOP;
      f |= cf;
      starts.push(s); ends.push(tokE); flags.push(f);
      continue;
    }
    // ("Née" at a sentence's start is the cue of a maiden name, as "née" is: "Née Charron le 05/05/1930")
    if (tokE - s === 3 && c0 === 78 && (text.charCodeAt(s + 1) === 233 || text.charCodeAt(s + 1) === 201) && (text.charCodeAt(s + 2) | 32) === 101) {
      starts.push(s); ends.push(tokE); flags.push(CUE_FLAG.get('née') ?? F_CUE);
      continue;
    }
    // the token's core: without a trailing dot (offsets into the text, no substring)
    const hasDot = text.charCodeAt(tokE - 1) === 46;
    const coreEnd = hasDot ? tokE - 1 : tokE;
    const coreLen = coreEnd - s;
    f |= F_CAP;
    // "N°" (numéro): a letter right before '°' is never a name
    if (coreLen === 1 && cc(text, tokE) === 176) f |= F_STOP;
    // a credential written with dots after a name ("Xavier K. Ingram, M.D."): "M." is no title, "D." no initial
    if (hasDot && coreLen <= 2 && s >= 2 && (text.charCodeAt(s - 1) === 44 || (text.charCodeAt(s - 1) === 32 && text.charCodeAt(s - 2) === 44))) {
      DOTTED_CRED.lastIndex = s;
      if (DOTTED_CRED.test(text)) credEnd = DOTTED_CRED.lastIndex;
    }
    if (s < credEnd) { starts.push(s); ends.push(tokE); flags.push(F_CAP | F_CRED | F_STOP); continue; }
    // "MS" and "MA" in capitals after a name's comma are degrees (Master of Science / Arts, medical assistant), no title:
    // "Ruth-Ann Obiora, MS, CCC-SLP" (a state after a city is read by the place rules)
    if (coreLen === 2 && !hasDot && text.charCodeAt(s) === 77 && (text.charCodeAt(s + 1) === 83 || text.charCodeAt(s + 1) === 65) && s >= 2
      && text.charCodeAt(s - 1) === 32 && text.charCodeAt(s - 2) === 44 && (cc(text, tokE) === 44 || cc(text, tokE) === 10 || cc(text, tokE) === 13 || tokE === text.length)) {
      starts.push(s); ends.push(tokE); flags.push(F_CAP | F_UPPER | F_CRED | F_STOP); continue;
    }
    // a catheter's French gauge after its size ("6 Fr. Sedation:", "18 Fr Foley"): no Father's title
    if (coreLen === 2 && text.charCodeAt(s) === 70 && text.charCodeAt(s + 1) === 114 && s >= 2 && text.charCodeAt(s - 1) === 32 && isDigitCode(text.charCodeAt(s - 2))) { starts.push(s); ends.push(tokE); flags.push(F_CAP | F_STOP); continue; }
    // a pain scale before its value ("EVA 3/10", "EVA : 7", "EVA à 7/10"), not the first name Eva ("Mme EVA à l'accueil")
    // (or a comparison, "si EVA > 4"; or in a row of measures' headings, "FR T° EVA Aldrete")
    if (coreLen === 3 && text.startsWith('EVA', s) && (/^ ?:? ?(?:\d|\p{Ll}|[<>=≤≥])/u.test(text.slice(tokE, tokE + 4)) || measureBefore(text, s))
      && !(flags.length > 0 && (flags[flags.length - 1]! & F_TITLE) !== 0 && ends[ends.length - 1]! >= s - 2)) f |= F_STOP;
    // "Pt:" (patient) and a letter's "Re:" before a name, as EHR headers and letters write them
    if (coreLen === 2 && ((c0 === 80 && text.charCodeAt(s + 1) === 116) || (c0 === 82 && text.charCodeAt(s + 1) === 101)) && (cc(text, tokE) === 58 || (cc(text, tokE) === 32 && cc(text, tokE + 1) === 58))) f |= F_CUE;
    // an e-mail's header fields at a line's start, weak cues as a profession ("From: Jae-won Park", "À : Dr Paul FONTAINE"; not "To: Nurse Line")
    if (coreLen <= 4 && (cc(text, tokE) === 58 || (cc(text, tokE) === 32 && cc(text, tokE + 1) === 58)) && MAIL_FIELDS.has(text.slice(s, coreEnd)) && lineStartAt(text, s)) f |= F_PROF;
    // a US state's code before a ZIP code is no name ("Phoenix AZ 85015")
    if (coreLen === 2 && !hasDot && isUpperAscii(text.charCodeAt(s + 1)) && cc(text, tokE) === 32 && isDigitCode(cc(text, tokE + 1)) && US_STATE_SET.has(text.slice(s, tokE))
      && /^ \d{5}(?![0-9])/.test(text.slice(tokE, tokE + 7))) f |= F_STOP;
    // a Canadian province's or an Australian state's code before its postal code ("Vancouver BC V6Z 2K5", "Brighton VIC 3186")
    // (a capital or a digit after the space first: most short words in capitals are no state's code)
    if ((coreLen === 2 || coreLen === 3) && !hasDot && cc(text, tokE) === 32 && isUpperAscii(text.charCodeAt(s + 1)) && (isUpperAscii(cc(text, tokE + 1)) || isDigitCode(cc(text, tokE + 1)))
      && ((CA_PROVINCES.has(text.slice(s, tokE)) && /^ [A-Z]\d[A-Z] ?\d[A-Z]\d(?![A-Za-z0-9])/.test(text.slice(tokE, tokE + 9)))
        || (AU_STATES.has(text.slice(s, tokE)) && /^ \d{4}(?![0-9])/.test(text.slice(tokE, tokE + 6))))) f |= F_STOP;
    // (nor after a town and its comma, before a punctuation: "located in Brooklyn, NY;")
    if (coreLen === 2 && !hasDot && isUpperAscii(text.charCodeAt(s + 1)) && cc(text, s - 1) === 32 && cc(text, s - 2) === 44 && isLowerCode(cc(text, s - 3))
      && !isWordLetter(cc(text, tokE)) && cc(text, tokE) !== 32 && US_STATE_SET.has(text.slice(s, tokE))) f |= F_STOP;
    // no name: a capital inside a word, after a unit's slash or a number ("ng/mL. OMS", "ng/L. ETT", "2.8 L. Heparin": no initial "L."), a word after
    // the article l' ("l'ELSA", an acronym), a mixed-case word or a letter glued to a digit ("PaO2", "SpO2", "HbA1c", "P0098123")
    const pb = cc(text, s - 1);
    if (isWordLetter(pb) || pb === 47 || (coreLen === 1 && pb === 32 && isDigitCode(cc(text, s - 2))) || ((pb === 39 || pb === 8217) && (cc(text, s - 2) | 32) === 108 && !isWordLetter(cc(text, s - 3)))
      || (isDigitCode(cc(text, coreEnd)) && (coreLen === 1 || mixedCase(text, s, coreEnd)))
      // (a record number's letters: "ORD-231017-052", "COR-018823")
      || (cc(text, coreEnd) === 45 && isDigitCode(cc(text, coreEnd + 1)))) f |= F_STOP;
    const cap = true;
    let e = tokE;
    if (hasDot) {
      // initials (C., P-A.) keep the dot; other words give it back to the sentence
      if (coreLen === 1 || INITIALS.test(text.slice(s, coreEnd))) f |= F_INITIAL;
      else e -= 1;
    }
    if (cap) {
      if (coreLen >= 2) {
        let allUp = true;
        for (let i = s + 1; i < coreEnd; i++) { const c = text.charCodeAt(i); if (isLowerCode(c) || (c > 255 && text[i] !== text[i]!.toUpperCase())) { allUp = false; break; } }
        if (allUp) f |= F_UPPER;
      }
      // lexicon bits through a small hash table keyed by the raw characters (no substring, no
      // case folding on a hit; a miss folds once)
      let lx = lexBits(text, s, coreEnd, lex);
      // (a compound first name of no list, its first part a known one, both in Title case: "Bui, Kim-Lien", "Nguyen, Thi-Mai",
      // "Marie-Sidonie"; not in capitals, where a heading's words join so: "CHRISTEL-MAIL")
      if (lx === 0) {
        // (the hyphen looked for inside the token only: an indexOf over the rest of the text at each unknown word made a long
        // text of few hyphens quadratic)
        let h = s + 2;
        while (h < coreEnd - 2 && text.charCodeAt(h) !== 45) h++;
        if (h < coreEnd - 2 && isLowerCode(text.charCodeAt(s + 1)) && isUpperCode(text.charCodeAt(h + 1)) && isLowerCode(text.charCodeAt(h + 2))) {
          // (not a law's name, after "loi": "Loi Brieux-Simonet")
          const l1 = lexBits(text, s, h, lex);
          // (a guess, ambiguous: it needs a name beside it or a cue, as most such words are eponyms of two surnames, "syndrome de
          // Claude Bernard-Horner", "Known Arnold-Chiari", "ATCD : Adams-Stokes"; nor is it an English word standing alone)
          if ((l1 & LEX_FIRST) !== 0 && (l1 & (LEX_AMBIG | LEX_WORDNAME | LEX_CITY | LEX_TOWN | LEX_STOP)) === 0 && !LAW_NAME_BEFORE.test(text.slice(Math.max(0, s - 5), s))) { lx = LEX_FIRST | LEX_AMBIG; f |= F_GUESSED; }
        }
      }
      if (lx) {
        if ((lx & LEX_STOP) && !(f & F_INITIAL) && !((lx & LEX_ACRO) && !(f & F_UPPER) && afterFirstName(text, s, starts, ends, flags))) f |= F_STOP;
        if ((lx & LEX_CAPS_STOP) && (f & F_UPPER) && !(flags.length > 0 && (flags[flags.length - 1]! & F_TITLE) && ends[flags.length - 1]! >= s - 2)) f |= F_STOP;
        if (lx & LEX_CUE) f |= F_CUE;
        if (lx & LEX_PROF) f |= F_PROF;
        // ("Baltimore, MD 21201": the state before a ZIP code)
        if ((lx & LEX_CRED) && !/^,? ?\d{5}/.test(text.slice(tokE, tokE + 7))) f |= F_CRED | F_STOP;
        if ((lx & LEX_PART) && !hasDot) f |= F_PART;
        // ("MS" in upper case is a title only before a name in upper case, "MS. JANE DOE": else multiple sclerosis, Mississippi, a master's)
        // ("MR" after a grade is a mitral regurgitation: "mild MR. Holter", "2+ MR")
        if ((lx & LEX_TITLE) && !(coreLen === 1 && c0 === 77 && !hasDot) && !(coreLen === 2 && c0 === 77 && text.charCodeAt(s + 1) === 83 && !upperWordAfter(text, tokE))
          && !(coreLen === 2 && c0 === 77 && text.charCodeAt(s + 1) === 82 && regurgitationGradeBefore(text, s))) f |= F_TITLE;
        if (hasDot && (lx & LEX_TITLE_DOT) && !(coreLen === 2 && c0 === 77 && text.charCodeAt(s + 1) === 82 && regurgitationGradeBefore(text, s))) f |= F_TITLE;
        if (lx & LEX_FIRST) f |= F_FIRST;
        if (lx & LEX_SUR) f |= F_SUR;
        if (lx & LEX_AMBIG) f |= F_AMBIG;
        if (lx & LEX_WORDNAME) f |= F_WORDNAME;
        if (lx & LEX_CITY) f |= F_CITY;
        if (lx & LEX_CITY_PREFIX) f |= F_CITYP;
        if (lx & LEX_CITY_WORD1) f |= F_CITYW;
        if (lx & LEX_TOWN) f |= F_TOWN;
      } else if ((f & F_UPPER) && coreLen >= 6 && text.charCodeAt(coreEnd - 2) === 69 && text.charCodeAt(coreEnd - 1) === 68 && PARTICIPLE_ENDS.has(text.slice(coreEnd - 4, coreEnd))) {
        // (a past participle in capitals, of no name list: "DR RETURNED CALL", "ADVISED ER EVAL", "09:30,BLOCKED,,"; by its
        // ending, not any "-ED": "DR. WALEED HAMEED", "JAVED", "ZAHED" are names)
        f |= F_STOP;
      } else if ((f & F_UPPER) && coreLen >= 3 && !hasDot && (asciiUpperRun(text, s, coreEnd) ? isVocabularyRun(text, s, coreEnd) : isVocabularyWord(fold(text.slice(s, coreEnd))))) {
        // (a word of the vocabularies in capitals, of no name list: no support for a name, "CALLER FOUND", "STATES
        // NEIGHBOR FOUND"; a name still takes it from a first name or an initial, "Docteur ROMAIN SPRITZ", extendOk)
        f |= F_VOCAB;
      }
      // short words that are no names by what follows them (one test first: a short token, then a space or a hyphen)
      const nx = cc(text, tokE);
      // ("Sr." before a name is a title — a nurse's or a nun's, Sister, or Spanish Señor: "witness Sr. Annamma Kurian",
      // "Midwife: Sr. Akinyi Otieno", "Sr. García"; after a name, touching it, the father's suffix: "Peter Walsh Sr.", "Jones, Sr.")
      // (in capitals with its dot only, "SR. ANNAMMA KURIAN"; in French without it, as Sœur is written: "Sr Marie-Thérèse";
      // the suffix only touching a name on its line, "Dr Patel, Sr. Annamma Kurian" and a line's start being lists of people)
      if (coreLen === 2 && c0 === 83 && (text.charCodeAt(s + 1) === 114 || (hasDot && text.charCodeAt(s + 1) === 82)) && nx === 32 && isUpperCode(cc(text, tokE + 1))
        && !(flags.length > 0 && (flags[flags.length - 1]! & (F_CAP | F_PROF | F_CUE | F_TITLE | F_STOP)) === F_CAP
          && ends[flags.length - 1]! === s - 1 && cc(text, s - 1) === 32)
        // (nor a senior's rank before a role or a department: "Sr. Nurse on duty", "Sr. Care Coordinator", "Sr. VP")
        && sisterTitleBefore(text, tokE + 1, text.charCodeAt(s + 1) === 82, lex)) f = (f & ~F_STOP) | F_TITLE;
      // (a form's field or a number's word that is a name too, before '#', a colon or a number: "Job #: 884201", "Job# 5521873",
      // "Sent: 02/26/2025"; "Job Okafor" stays)
      if ((coreLen === 3 || coreLen === 4) && (nx === 35 || nx === 58 || (nx === 32 && (cc(text, tokE + 1) === 35 || isDigitCode(cc(text, tokE + 1)))))
        && FIELD_NAME_WORDS.has(text.slice(s, coreEnd))) f |= F_STOP;
      if (coreLen <= 6 && (nx === 32 || nx === 45)) {
        const n1 = cc(text, tokE + 1);
        // (a week day's abbreviation before a date, or before a lower-case word: "Thu 8 Feb", "Sent: Thu 06/05", "Pill box Thu slot"; "Nguyen Thi Thu" stays)
        if ((coreLen === 3 || coreLen === 4) && nx === 32 && (isDigitCode(n1) || (isLowerCode(n1) && cc(text, s - 1) === 32 && isLowerCode(cc(text, s - 2))))
          && WEEKDAY_ABBR.has(text.slice(s, coreEnd))) f |= F_STOP;
        // (a language before an interpreter, a translator or "-speaking": "Tamil interpreter", "Hindi-speaking")
        if (LANGUAGE_FIRST[n1 | 32] === 1 && c0 < 128 && LANGUAGE_INITIAL[c0] === 1 && NAMED_LANGUAGES.has(text.slice(s, coreEnd)) && LANGUAGE_BEFORE.test(text.slice(tokE + 1, tokE + 13))) f |= F_STOP;
        // (an Australian state before its postcode: "Brighton VIC 3186")
        if ((f & F_UPPER) && coreLen <= 3 && nx === 32 && isDigitCode(n1) && AU_STATES.has(text.slice(s, coreEnd))) f |= F_STOP;
      }
      const nc = cc(text, e);
      // (not a protein change, "p.Glu23ValfsTer17": letters right after the digits, or "p." before)
      if (nc >= 48 && nc <= 57 && !(f & F_UPPER) && coreLen >= 3 && SYNTHEA_CORE.test(text.slice(s, coreEnd))) {
        let d = e;
        while (d < text.length && text.charCodeAt(d) >= 48 && text.charCodeAt(d) <= 57) d++;
        if (!isWordLetter(cc(text, d)) && cc(text, s - 1) !== 46) { f |= F_SYNTHEA; e = d; }
      }
    }
    // sentence start: previous non-space char is . ! ? or line start
    let p = s - 1;
    while (p >= 0 && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p--;
    if (p < 0) f |= F_SENT;
    else {
      const pc = text.charCodeAt(p);
      if (pc === 46) {
        const prevTok = flags.length ? flags[flags.length - 1]! : 0;
        const adjacent = starts.length > 0 && ends[ends.length - 1]! >= p;
        if (!(adjacent && (prevTok & (F_INITIAL | F_TITLE)))) f |= F_SENT;
      } else if (pc === 33 || pc === 63 || pc === 10 || pc === 13 || pc === 35) f |= F_SENT;
    }
    if ((f & F_CUE) !== 0) f |= kinFlag(text.slice(s, e));
    starts.push(s); ends.push(e); flags.push(f);
  }
}

/** Vital signs' and measures' headings, in a row of them before a pain scale ("PA FC SpO2 FR T° EVA"). */
const MEASURE_HEADINGS = new Set(['PA', 'TA', 'FC', 'FR', 'SpO2', 'SPO2', 'SaO2', 'SAT', 'Sat', 'T°', 'T', 'Temp', 'GCS', 'HGT', 'Dextro', 'Glasgow', 'BP', 'HR', 'RR']);
/** Whether a measure's heading (MEASURE_HEADINGS) is the word before s, one space or tab between. */
function measureBefore(text: string, s: number): boolean {
  const g = cc(text, s - 1);
  if (g !== 32 && g !== 9) return false;
  let w = s - 1;
  while (w > 0 && w > s - 9 && text.charCodeAt(w - 1) > 32) w--;
  return s - 1 - w >= 1 && (w === 0 || text.charCodeAt(w - 1) <= 32) && MEASURE_HEADINGS.has(text.slice(w, s - 1));
}
/** Whether a colon follows e, spaces before it. */
function colonAfter(text: string, e: number): boolean {
  while (cc(text, e) === 32) e++;
  return cc(text, e) === 58;
}
/** Words before Mary's name in prayers and devotions ("Hail Mary", "Virgin Mary", "Ave Maria", "Sainte Marie"). */
const DEVOTION_WORDS = ['Hail ', 'Holy ', 'Virgin ', 'Blessed ', 'Ave ', 'Sainte ', 'Vierge ', 'Santa '];
const DEVOTION_NAMES = ['Mary', 'Maria', 'Marie'];
/** Words before a place's name that make the place a title of Mary ("Our Lady of Guadalupe", "Notre-Dame de Lourdes"). */
const LADY_OF = ['Lady of', 'Notre-Dame de', 'Notre Dame de'];
/** Whether the name text[start, end) is one of a prayer or a devotion, not a person's. */
function devotionAround(text: string, start: number, end: number): boolean {
  // (the cheap tests first: "of" or "de" and a space before the name; Mary's name at its start or after its first word)
  const g = cc(text, start - 1), f = cc(text, start - 2);
  if ((g === 32 || g === 10 || g === 45) && (f === 102 || f === 101)) for (const l of LADY_OF) if (start > l.length && text.startsWith(l, start - 1 - l.length)) return true;
  let at = -1;
  if (text.startsWith('Mar', start)) at = start;
  else if (end - start <= 16) { const sp = text.indexOf(' ', start); if (sp > start && sp < end - 3 && text.startsWith('Mar', sp + 1)) at = sp + 1; }
  if (at < 0) return false;
  let m = -1;
  for (let q = 0; q < DEVOTION_NAMES.length; q++) if (text.startsWith(DEVOTION_NAMES[q]!, at) && !isWordLetter(cc(text, at + DEVOTION_NAMES[q]!.length))) { m = q; break; }
  if (m < 0 || at + DEVOTION_NAMES[m]!.length < end - 1) return false;
  for (const d of DEVOTION_WORDS) if (at >= d.length && text.startsWith(d, at - d.length) && (at - d.length === start || at === start)) return true;
  return false;
}
/** The grades written before a valve's regurgitation ("mild MR", "moderate-to-severe MR"). */
const REGURGITATION_GRADES = new Set(['mild', 'moderate', 'severe', 'trace', 'trivial', 'minimal', 'significant', 'physiologic', 'physiological', 'functional', 'residual', 'no']);
/** Whether a grade of REGURGITATION_GRADES, or a plus grade ("2+"), ends right before the space before s. */
function regurgitationGradeBefore(text: string, s: number): boolean {
  if (cc(text, s - 1) !== 32) return false;
  if (cc(text, s - 2) === 43) return true;
  let w = s - 1;
  while (w > 0 && isLowerAscii(text.charCodeAt(w - 1))) w--;
  return s - 1 - w >= 2 && s - 1 - w <= 13 && REGURGITATION_GRADES.has(text.slice(w, s - 1));
}
/** Name spans from one token pass. */
export function recognizeNames(text: string, spans: Span[], lang: Lang): void {
  lexLang = lang;
  const starts: number[] = [];
  const ends: number[] = [];
  const flags: number[] = [];
  const lex = tokenLexicon();
  nameTokens(text, lang, lex, starts, ends, flags);
  const n = starts.length;
  nText = text; nStarts = starts; nEnds = ends; nFlags = flags; nCount = n;
  // the short upper-case words (2-3 letters, no dot, no word of the lists): initials a found name may have (document-names.ts)
  shortCapsText = text; nShortCaps = 0;
  for (let i = 0; i < n; i++) {
    const len = ends[i]! - starts[i]!;
    if ((len === 2 || len === 3) && (flags[i]! & (F_UPPER | F_STOP | F_TITLE | F_CRED | F_CUE)) === F_UPPER && text.charCodeAt(ends[i]! - 1) !== 46) {
      if (nShortCaps === shortCapsS.length) shortCapsS = doubled(shortCapsS);
      shortCapsS[nShortCaps++] = starts[i]!;
    }
  }
  // a list of credentials after a name: a short word in capitals of no name list after a credential and its comma, before
  // a comma or the line's end, is one too ("Callie Brandt, MS, RD, LD, CDCES": not a name "RD, LD")
  for (let i = 1; i < n; i++) {
    const f = flags[i]!, len = ends[i]! - starts[i]!;
    if ((f & (F_UPPER | F_FIRST | F_SUR | F_TITLE | F_CUE | F_INITIAL | F_CRED)) !== F_UPPER || len < 2 || len > 5 || (flags[i - 1]! & F_CRED) === 0
      || !commaSpace(text, ends[i - 1]!, starts[i]!)) continue;
    const z = cc(text, ends[i]!);
    if (z === 44 || z === 59 || z === 10 || z === 13 || z === -1 || (z === 32 && !isWordLetter(cc(text, ends[i]! + 1)))) flags[i] = f | F_CRED | F_STOP;
  }
  if (nameBuf.length < 2 * n) nameBuf = new Uint8Array(Math.max(2 * n, 2 * nameBuf.length));
  const strong = nameBuf.subarray(0, n);
  strong.fill(0);
  strongAnchors(text, spans, lang, n, starts, ends, flags, strong);
  const isName = nameBuf.subarray(n, 2 * n);
  isName.fill(0);
  extendNames(text, n, starts, ends, flags, strong, isName);
  listedNames(text, n, starts, ends, flags, isName);
  nameSpans(text, spans, lex, n, starts, ends, flags, strong, isName);
  lowerCaseNames(text, spans, lex, isName);
  namesAgain(text, spans, n, starts, ends, flags, isName);
  dictCities(text, spans, lex, n, starts, ends, flags, isName);
  placesAfterWords(text, spans, isName);
  initialsSignatures(text, spans);
  nText = ''; nStarts = nEnds = nFlags = NO_TOKENS; nCount = 0;
}
/**
 * The strong anchors of recognizeNames' tokens (a title, a cue, a known first name…), and its towns after "in": each pass
 * of recognizeNames is a function of its own, so that the optimizing compiler reaches each sooner and at a lower cost
 * (one function of them all, some 27 KB of bytecode, took it about 0.3 s of CPU at each compilation).
 */
function strongAnchors(text: string, spans: Span[], lang: Lang, n: number, starts: number[], ends: number[], flags: number[], strong: Uint8Array): void {
  for (let i = 0; i < n; i++) {
    const f = flags[i]!;
    // after a title, a single letter (with or without a dot) is an initial even if it reads as
    // "M." or "D": "Dr M. LEROY", "Dr D SAMCHA"
    if ((f & F_CAP) && ends[i]! - starts[i]! <= 2 && i > 0 && (flags[i - 1]! & F_TITLE) && gapOkTitle(text, ends[i - 1]!, starts[i]!)
      && i + 1 < n && (flags[i + 1]! & F_CAP) && !(flags[i + 1]! & (F_STOP | F_TITLE)) && gapOkLoose(text, ends[i]!, starts[i + 1]!)) {
      strong[i] = 1; flags[i] = (f | F_INITIAL) & ~(F_STOP | F_TITLE); continue;
    }
    // "Mme LE GOFF", "Dr De La Fontaine": a particle after a title or cue, then the surname
    // (a form field too: "Nom : LE GALL")
    const fieldPart = (f & F_PART) !== 0 && i > 0 && (flags[i - 1]! & F_CUE) !== 0 && fieldBefore(text, i - 1, starts[i]!);
    if ((f & F_PART) && i > 0 && (flags[i - 1]! & (F_TITLE | F_CUE)) && (gapOkTitle(text, ends[i - 1]!, starts[i]!) || fieldPart)) {
      // (the first gap, after the title or the cue, is vetted here: "Patient : LE GOFF")
      const j = afterParticles(i - 1, true);
      if (j > 0) { for (let q = i; q <= j; q++) strong[q] = 1; i = j; continue; }
    }
    // a family by its name, the particle's: "la famille Le Gall vient" (not a field, "famille : PF Le Bihan")
    if ((f & F_PART) && (f & F_UPPER) === 0 && starts[i]! >= 8 && text.startsWith('famille ', starts[i]! - 8) && !isWordLetter(cc(text, starts[i]! - 9))) {
      const j = afterParticles(i - 1, true);
      if (j > 0 && (flags[j]! & F_UPPER) === 0) { for (let q = i; q <= j; q++) strong[q] = 1; i = j; continue; }
    }
    // the Vietnamese surname Le (Lê) after a title, no name after it: "Dr Le, cardiologue", "Mme Lê est sortie"
    if (i > 0 && (flags[i - 1]! & F_TITLE) !== 0 && ends[i]! - starts[i]! === 2 && text.charCodeAt(starts[i]!) === 76
      && ((text.charCodeAt(starts[i]! + 1) | 32) === 101 || text.charCodeAt(starts[i]! + 1) === 234) && gapOkTitle(text, ends[i - 1]!, starts[i]!)
      && !(cc(text, ends[i]!) === 32 && isUpperCode(cc(text, ends[i]! + 1)))) { strong[i] = 1; flags[i] = f & ~(F_STOP | F_PART); continue; }
    // a month that is a first name, at a line's start or after a field's colon, right before a known surname in capitals:
    // "Avril MÉNARD, infirmière scolaire", "Examinateurs : Avril KOWALCZYK" (not "Mai 2024", "Juin PARIS")
    if ((f & (F_STOP | F_FIRST | F_UPPER)) === (F_STOP | F_FIRST) && i + 1 < n && gapOk(i) && (lineStartAt(text, starts[i]!) || colonRightBefore(text, starts[i]!))
      && (flags[i + 1]! & (F_UPPER | F_SUR)) === (F_UPPER | F_SUR) && !(flags[i + 1]! & (F_CITY | F_CITYP | F_VOCAB | F_STOP | F_TITLE | F_CUE | F_PROF | F_CRED))
      && ends[i + 1]! - starts[i + 1]! >= 4 && MONTH_NAMES.has(fold(text.slice(starts[i]!, ends[i]!)))) {
      strong[i] = 1; strong[i + 1] = 1; flags[i] = f & ~F_STOP; i++; continue;
    }
    // a month that is a first name right after a kinship or field word: "his sister, April, agrees",
    // "wife June" (not before a day: "daughter, June 3")
    // (and after a field's colon, "mère : Avril MARIN"; right after a person's title too, "Mme AVRIL Martine", "Mme Avril est demandeuse")
    // (a month that is a surname too: "Ms. March is…"; after a role's field: "Student: April Nguyen-Baptiste")
    // (any month in capitals before a first name: "M. JUILLET Thomas", "Nouveau-né : JUILLET Rose")
    if ((f & F_STOP) && (f & (F_FIRST | F_SUR)) && i > 0 && (flags[i - 1]! & (F_CUE | F_TITLE | F_PROF))
      && (MONTH_NAMES.has(fold(text.slice(starts[i]!, ends[i]!))) || ((f & F_UPPER) && i + 1 < n && gapOk(i) && (flags[i + 1]! & (F_FIRST | F_UPPER)) === F_FIRST)
        // (any month that is a surname after a title: "le Dr Février")
        || ((flags[i - 1]! & F_TITLE) !== 0 && (f & F_SUR) !== 0 && FULL_MONTH_NAMES.has(fold(text.slice(starts[i]!, ends[i]!)))))
      && !digitAfter(text, ends[i]!)
      && ((flags[i - 1]! & F_TITLE) ? gapOkTitle(text, ends[i - 1]!, starts[i]!) && TITLES_BEFORE_MONTH.has(fold(text.slice(starts[i - 1]!, ends[i - 1]!)).replace('.', ''))
        : (flags[i - 1]! & F_CUE) ? gapOk(i - 1, true) || gapOkTitle(text, ends[i - 1]!, starts[i]!, false) || fieldBefore(text, i - 1, starts[i]!)
          // (a role's field; or a role typed in lower case, then the month and a surname: "caregiver June Abernathy-Cole")
          : colonBetween(text, ends[i - 1]!, starts[i]!) || (isLowerCode(text.charCodeAt(starts[i - 1]!)) && ends[i - 1]! + 1 === starts[i]! && gapOk(i)
            && (flags[i + 1]! & F_CAP) !== 0 && !(flags[i + 1]! & (F_STOP | F_TITLE | F_CUE))))) {
      strong[i] = 1; flags[i] = f & ~F_STOP; continue;
    }
    if (!(f & F_CAP) || (f & (F_STOP | F_TITLE))) continue;
    if (f & F_SYNTHEA) { strong[i] = 1; continue; }
    // English: a name of the lists right after "in", alone, is a town ("at work in Austin", "the ED in Albert Lea"; not "in Grace's room")
    if (lang === 'en' && (f & (F_FIRST | F_SUR)) && !(f & (F_UPPER | F_SENT)) && cc(text, starts[i]! - 1) === 32 && cc(text, starts[i]! - 2) === 110 && cc(text, starts[i]! - 3) === 105
      && !isWordLetter(cc(text, starts[i]! - 4)) && !possessiveAt(text, ends[i]!) && !(i > 0 && (flags[i - 1]! & F_TITLE) && ends[i - 1]! >= starts[i]! - 4)
      // (not a month, a language, a state or a hospital's generic word: "in Jan", "in English", "in Vermont", "in General Surgery")
      && !NOT_TOWN_AFTER_IN.has(fold(text.slice(starts[i]!, text.charCodeAt(ends[i]! - 1) === 46 ? ends[i]! - 1 : ends[i]!)))
      && !HOSP_GENERIC.has(fold(text.slice(starts[i]!, ends[i]!))) && !STATE_FIRST_WORDS.has(text.slice(starts[i]!, ends[i]!))) {
      let k = i;
      while (k + 1 < n && k - i < 2 && gapOk(k) && (flags[k + 1]! & F_CAP) && !(flags[k + 1]! & (F_STOP | F_TITLE | F_UPPER)) && !EN_HOSP_WORDS.has(text.slice(starts[k + 1]!, ends[k + 1]!))) k++;
      spans.push({ start: starts[i]!, end: ends[k]!, label: 'CITY', score: 0.6, rule: 'city-in' });
      i = k;
      continue;
    }
    // (a dot between them only after a title: "Dr. Martin", but "elle est née. Revue le…")
    // (a cue word after a cue is none: "Baby Boy Smith")
    const prevTitle = i > 0 && (flags[i - 1]! & (F_TITLE | F_CUE)) && !((f & F_CUE) && !(flags[i - 1]! & F_TITLE)) && (gapOkTitle(text, ends[i - 1]!, starts[i]!, (flags[i - 1]! & F_TITLE) !== 0)
      // a title, a particle, a name: "Dr de Gaulle" (not after a cue: "signe de Babinski")
      // (a town's name too after a title and a particle: "Mme de la Fontaine", "M. de Lyon" is a person)
      || ((flags[i - 1]! & F_TITLE) !== 0 && particleGap(i - 1))
      // a kinship word, an elder's or a younger's word, a name: "Frère aîné Murat", "her older brother Grant"
      || ((flags[i - 1]! & F_KIN) !== 0 && !(f & F_CUE) && KIN_ORDER_GAP.test(text.slice(ends[i - 1]!, starts[i]!)))
      // a kinship word, a comma, a name: "his wife, Mary", "le fils, Kevin"
      || ((flags[i - 1]! & F_CUE) !== 0 && !(f & F_CUE) && ends[i - 1]! + 2 === starts[i]! && text.charCodeAt(ends[i - 1]!) === 44 && text.charCodeAt(ends[i - 1]! + 1) === 32)
      // a kinship word, a bracket, a name and a comma or the bracket's end: "grandson (Hunter, 6)", "sa fille (Nadia)"
      || ((flags[i - 1]! & F_CUE) !== 0 && !(f & F_CUE) && ends[i - 1]! + 2 === starts[i]! && text.charCodeAt(ends[i - 1]!) === 32 && text.charCodeAt(ends[i - 1]! + 1) === 40
        && (cc(text, ends[i]!) === 44 || cc(text, ends[i]!) === 41 || (gapOk(i) && (flags[i + 1]! & F_CAP) !== 0 && (cc(text, ends[i + 1]!) === 44 || cc(text, ends[i + 1]!) === 41)))
        && (flags[i - 1]! & F_KIN) !== 0));
    // (not a week day's abbreviation after a cue: "walk w/ daughters Sat AM")
    // (a field's word only before its colon: "Enfant : Marin", not "WELL CHILD VISIT")
    // (a greeting only before a name and a comma, a dash, '!' or the line's end: "Hi Seun -", not "Hi Flow"; a closing only
    // before a comma and a name ending its line: "Thanks, Seun")
    if ((prevTitle || (i > 0 && (flags[i - 1]! & F_CUE) !== 0 && fieldBefore(text, i - 1, starts[i]!))) && !((flags[i - 1]! & F_TITLE) === 0 && WEEKDAY_ABBR.has(text.slice(starts[i]!, ends[i]!)))
      && ((flags[i - 1]! & F_TITLE) !== 0 || greetingOrClosingOk(text, i - 1, i))
      && !((flags[i - 1]! & F_TITLE) === 0 && !colonBetween(text, ends[i - 1]!, starts[i]!) && FIELD_ONLY_CUES.has(fold(text.slice(starts[i - 1]!, ends[i - 1]!))))
      // (nor a measure's abbreviation before its value after a cue: "MÈRE : TA 12/7")
      && !((flags[i - 1]! & F_TITLE) === 0 && (f & F_UPPER) && ends[i]! - starts[i]! <= 3 && cc(text, ends[i]!) === 32 && isDigitCode(cc(text, ends[i]! + 1)))
      // (nor, in a heading in capitals, a word of no name list after PATIENT or RESIDENT: "PATIENT CARE REPORT", "RESIDENT FALL")
      && !((flags[i - 1]! & f & F_UPPER) !== 0 && !(f & (F_FIRST | F_SUR)) && !colonBetween(text, ends[i - 1]!, starts[i]!) && HEADING_CUES.has(text.slice(starts[i - 1]!, ends[i - 1]!)) && upperLine(text, starts[i]!))
      // (nor, after a cue that is no title, a word of the vocabularies in capitals: "NEIGHBOR FOUND", "CALLER STATES")
      && !((flags[i - 1]! & F_TITLE) === 0 && (f & F_VOCAB) !== 0)
      // (nor a profession that is no name of the lists, or its acronym: "Contact IDE : 06…", "Contact : IDE"; "Patient: PASTOR Juan"
      // is one)
      && !((flags[i - 1]! & F_TITLE) === 0 && (f & F_PROF) !== 0 && ((f & (F_SUR | F_FIRST)) === 0 || ((f & F_UPPER) !== 0 && ends[i]! - starts[i]! <= 4)))
      // (nor a field's heading, an ordinary word and "of": "Patient State of Residence", "Patient Address of Record"; nor a
      // department's acronym: "To: GI Scheduling")
      && !((flags[i - 1]! & F_TITLE) === 0 && ((cc(text, ends[i]!) === 32 && text.startsWith('of ', ends[i]! + 1) && isVocabularyWord(fold(text.slice(starts[i]!, ends[i]!))))
        || ((f & F_UPPER) !== 0 && ends[i]! - starts[i]! <= 3 && HOSP_GENERIC.has(text.slice(starts[i]!, ends[i]!)))))
      // (nor a word in capitals before one of the vocabularies: "MOM WILL CALL BACK", "PT WILL FOLLOW UP")
      && !((flags[i - 1]! & F_TITLE) === 0 && (f & (F_UPPER | F_AMBIG)) === (F_UPPER | F_AMBIG) && i + 1 < n && gapOk(i) && (flags[i + 1]! & F_VOCAB) !== 0)) { strong[i] = 1; continue; }
    // a first name with a possessive before a kinship word: "Mary's husband called", "per Tom's wife"; mid-sentence, any
    // word of no list ("Spoke with Hemi's wife")
    if (i + 1 < n && (flags[i + 1]! & F_KIN) !== 0 && ((f & (F_FIRST | F_CUE | F_STOP | F_TITLE | F_CITY)) === F_FIRST
      || (f & (F_FIRST | F_SUR | F_CUE | F_STOP | F_TITLE | F_CITY | F_UPPER | F_PROF | F_CRED | F_SENT | F_INITIAL)) === 0)
      && starts[i + 1]! === ends[i]! + 3 && possessiveAt(text, ends[i]!) && text.charCodeAt(ends[i]! + 2) === 32) { strong[i] = 1; continue; }
    // a name before a kinship word alone in brackets: "IN;Hope (daughter) 605-…", "spoke with Will (son)", "Rose (fille)"
    // (a name of the dictionaries, not a family history's disease: "FHx CRC (father, age 58)", "FHx: Breast (mother)"; at a sentence's
    // start, a first name only: "Colon cancer (mother)")
    if (i + 1 < n && (flags[i + 1]! & F_KIN) !== 0 && !(f & (F_CUE | F_STOP | F_TITLE | F_PROF | F_CRED | F_UPPER)) && ((f & F_FIRST) !== 0 || (f & (F_SUR | F_SENT)) === F_SUR)
      && ends[i]! + 2 === starts[i + 1]! && text.charCodeAt(ends[i]!) === 32 && text.charCodeAt(ends[i]! + 1) === 40 && cc(text, ends[i + 1]!) === 41) { strong[i] = 1; continue; }
    // a name before a credential: "Karen P. Lopez, RN", "John Doe MD", "Céleste (IDE)"
    // (not a role: "Charge RN: Tess Obi"; a role's acronym after a comma too: "Tamika Greene, CNA")
    // (the acronym only after a name of the lists or of two words: not "le CCAS de Panazol, IDE libérales")
    // (nor a cue word that is no first name: "Baby RN ....... Chue Vang, RN")
    if (i + 1 < n && !((f & F_CUE) !== 0 && (f & F_FIRST) === 0) && ((flags[i + 1]! & F_CRED) !== 0 || ((flags[i + 1]! & (F_PROF | F_UPPER)) === (F_PROF | F_UPPER) && (cc(text, ends[i]!) === 44 || (cc(text, ends[i]! + 1) === 40 && cc(text, ends[i + 1]!) === 41))
      && !(f & (F_CITY | F_CITYP)) && ((f & (F_FIRST | F_SUR)) !== 0 || (i > 0 && gapOk(i - 1) && (flags[i - 1]! & F_CAP) !== 0 && !(flags[i - 1]! & (F_STOP | F_TITLE)))))) && !(f & F_PROF) && !((f & F_VOCAB) && !(i > 0 && gapOk(i - 1) && (flags[i - 1]! & F_FIRST))) && !(f & F_SENT && !(f & (F_FIRST | F_SUR | F_UPPER))) && credentialGap(text, ends[i]!, starts[i + 1]!)
      // (a unit's or a shift's word before a nurse's credential: "CVICU RN Tomasz…", "PACU RN", "Delivery RN")
      && !UNIT_WORDS.has(fold(text.slice(starts[i]!, ends[i]!)))) { strong[i] = 1; continue; }
    // (a credential before the name reads as a role: "NP McKenzie", "RN Tiffany")
    // (not after a credential that ends a sentence: "Yesenia Morales, LICSW. ROI signed")
    // (two spaces part a form's columns: "PCP: Summer Bishop, MD   Medicare MBI: …")
    if (i > 0 && (flags[i - 1]! & (F_PROF | F_CRED)) && !(f & (F_PROF | F_CUE)) && gapOkTitle(text, ends[i - 1]!, starts[i]!)
      && !(text.charCodeAt(ends[i - 1]!) === 32 && text.charCodeAt(ends[i - 1]! + 1) === 32 && !colonBetween(text, ends[i - 1]!, starts[i]!))
      && !(((flags[i - 1]! & F_CRED) || (flags[i - 1]! & (F_PROF | F_UPPER)) === (F_PROF | F_UPPER)) && (text.charCodeAt(ends[i - 1]! - 1) === 46 || text.charCodeAt(ends[i - 1]!) === 46)
        && ((flags[i - 1]! & F_CRED) || (f & F_SENT)))
      // (nor a heading in capitals: "INCIDENT REPORT - RESIDENT FALL")
      && !((flags[i - 1]! & f & F_UPPER) !== 0 && !(f & (F_FIRST | F_SUR)) && upperLine(text, starts[i]!))
      // (nor after a credential that follows a name, "I. Haddad, IDE USMP"; "T. Morrison MBBS FACEM")
      && !((flags[i - 1]! & (F_CRED | F_PROF)) && cc(text, starts[i - 1]! - 1) === 32 && cc(text, starts[i - 1]! - 2) === 44 && (f & F_UPPER) && !(f & (F_FIRST | F_SUR)))
      && !((flags[i - 1]! & F_CRED) && (f & (F_UPPER | F_FIRST | F_SUR)) === F_UPPER && i >= 2 && (flags[i - 2]! & (F_FIRST | F_SUR | F_INITIAL)) && !(flags[i - 2]! & (F_STOP | F_TITLE | F_CUE | F_PROF | F_CRED))
        && ends[i - 2]! + 1 === starts[i - 1]! && cc(text, ends[i - 2]!) === 32 && ends[i - 1]! + 1 === starts[i]! && cc(text, ends[i - 1]!) === 32)
      // (nor a unit's or a service's acronym that qualifies the role before its field's colon: "IDE SSPI : Agathe Lefebvre")
      && !((f & (F_UPPER | F_FIRST | F_SUR)) === F_UPPER && colonAfter(text, ends[i]!))
      // (nor, a word too, before a role's word, "RN CARE MANAGER"; or in a line in capitals after a role's word that is a stop
      // word of five letters or more, "FICHE DE LIAISON REMIS")
      && !((f & F_AMBIG) && ((gapOk(i) && (flags[i + 1]! & (F_PROF | F_VOCAB)))
        || ((f & F_UPPER) && (flags[i - 1]! & (F_STOP | F_CRED)) === F_STOP && ends[i - 1]! - starts[i - 1]! >= 5 && upperLine(text, starts[i]!))))
      && ((f & (F_FIRST | F_SUR | F_INITIAL)) !== 0 || (f & (F_UPPER | F_VOCAB)) === F_UPPER || (gapOk(i) && nameLike(i + 1) && !(f & F_VOCAB))
        // (or, in English, any capitalized word after a role typed in lower case mid-sentence: "Tamil interpreter Suresh", "social worker Ingrid")
        || (lang === 'en' && (flags[i - 1]! & F_PROF) !== 0 && isLowerCode(text.charCodeAt(starts[i - 1]!)) && !(f & (F_SENT | F_CITY | F_CITYP)) && ends[i - 1]! + 1 === starts[i]!))) { strong[i] = 1; continue; }
    if (f & F_INITIAL) {
      // (a letter glued after a symbol, a hyphen or a digit is no initial: "R>L. RRR", "pan-S. BCx", "3T. Sagittal", "38,8 °C. Bon état")
      const gl = starts[i]! > 0 ? text.charCodeAt(starts[i]! - 1) : 32;
      if (gl === 62 || gl === 60 || gl === 45 || gl === 61 || gl === 176 || isDigitCode(gl)) continue;
      // (French: right or left after a body part's word, "la hanche G. Rougeur sacrée", unless a known name follows)
      if (lang === 'fr' && ends[i]! - starts[i]! === 2 && (text.charCodeAt(starts[i]!) === 68 || text.charCodeAt(starts[i]!) === 71) && gl === 32 && isLowerCode(cc(text, starts[i]! - 2))
        && !(i + 1 < n && (flags[i + 1]! & (F_FIRST | F_SUR | F_UPPER)))) continue;
      // (a list's letter A-H at a line's start before a word of no name list and the rest of a sentence and the rest of a sentence: "A. Terminal ileum, biopsy",
      // "B. Received in formalin"; not a signature, "J. Whitehorse⏎")
      if (i + 1 < n && ends[i]! - starts[i]! === 2 && text.charCodeAt(starts[i]!) <= 72 && lineStartAt(text, starts[i]!) && !(flags[i + 1]! & (F_FIRST | F_SUR | F_UPPER)) && cc(text, ends[i + 1]!) === 32 && isLowerCode(cc(text, ends[i + 1]! + 1))) continue;
      // (a letter glued to an acronym is a credential's, "MD, D.ABSM"; a shape's letter that ends a sentence, before a word of the
      // vocabularies and its lower-case words, no initial: "Capsulotomie en T. Ostéotomie cervicale")
      if (i + 1 < n && ends[i] === starts[i + 1] && capsAcronym(i + 1)) continue;
      if (i + 1 < n && ends[i]! - starts[i]! === 2 && gl === 32 && isLowerCode(cc(text, starts[i]! - 2)) && (flags[i + 1]! & (F_FIRST | F_SUR | F_UPPER | F_CITY)) === 0
        && cc(text, ends[i + 1]!) === 32 && isLowerCode(cc(text, ends[i + 1]! + 1)) && isVocabularyWord(fold(text.slice(starts[i + 1]!, ends[i + 1]!)))) continue;
      // (glued initials, "P.S. 22", "U.S.": a name after them, not a number)
      if (gapOkLoose(text, ends[i]!, i + 1 < n ? starts[i + 1]! : -1) && i + 1 < n && (flags[i + 1]! & F_CAP) && !(flags[i + 1]! & (F_STOP | F_TITLE))
        && !(ends[i] === starts[i + 1] && (flags[i + 1]! & F_INITIAL) && !(i + 2 < n && gapOkLoose(text, ends[i + 1]!, starts[i + 2]!) && nameLike(i + 2) && !(flags[i + 2]! & F_INITIAL)))) strong[i] = 1;
      continue;
    }
    if (f & F_FIRST) {
      const core = ends[i]! - starts[i]!;
      if (core < 2) continue;
      const cityToo = (f & F_CITY) !== 0;
      // an unambiguous first name is a name, at a sentence start too ("Barnabé passe beaucoup de
      // temps…"), except a frequent one that is also a word ("Claire amélioration"): there it
      // needs a name-like word after it
      if (!(f & F_AMBIG) && !cityToo) {
        if (!(f & F_WORDNAME) || !(f & F_SENT) || (gapOk(i) && nameLike(i + 1)) || afterParticles(i) > 0
          || (particleGap(i) && nameLike(i + 1) && !(flags[i + 1]! & (F_CITY | F_CITYP)))) strong[i] = 1;
        continue;
      }
      // ambiguous first name: needs a capitalized, non-stop neighbour that is itself name-like
      // the neighbour must be upper case, an initial, or an unambiguous known name
      const left = gapOk(i - 1, true) && nameLike(i - 1) && support(i - 1, (f & F_UPPER) !== 0);
      const right = (gapOk(i) || (particleGap(i) && !(flags[i + 1]! & (F_CITY | F_CITYP)))) && nameLike(i + 1) && support(i + 1, (f & F_UPPER) !== 0);
      // or, mid-sentence, a known surname right after it, ambiguous too ("with John Smith", "Mary
      // Jones"), the two standing alone: no capitalized word right before or after them (a longer
      // Title-case run is a name of an organization: "Blue Cross Blue Shield")
      const surname = !(f & F_SENT) && !cityToo && gapOk(i) && nameLike(i + 1) && (flags[i + 1]! & F_SUR) !== 0 && !(flags[i + 1]! & (F_CITY | F_UPPER))
        && !(gapOk(i - 1) && nameLike(i - 1) && !(flags[i - 1]! & F_SENT)) && !(gapOk(i + 1) && (flags[i + 2]! & F_CAP));
      // or, alone on the start of a line (a signature, a list of people), a known surname after it, both
      // possibly ordinary words: "Rosette Moreau⏎", "Amadou Roller 12 12"
      const linePair = !cityToo && (f & F_SENT) !== 0 && lineStartAt(text, starts[i]!) && gapOk(i) && nameLike(i + 1) && (flags[i + 1]! & F_SUR) !== 0
        && !(flags[i + 1]! & (F_CITY | F_CITYP | F_UPPER | F_CUE)) && !(gapOk(i + 1) && (flags[i + 2]! & F_CAP));
      // or, in English, capitalized mid-sentence and standing alone (English capitalizes a word
      // inside a sentence only as a proper noun): "Spoke with Grace about discharge", "Called Bill
      // to confirm" — a lower-case letter or a comma right before it, no capitalized word touching it
      const aloneEn = lang === 'en' && !(f & (F_SENT | F_UPPER | F_GUESSED)) && !cityToo && midSentence(text, starts[i]!)
        && !(gapOk(i - 1, true) && (flags[i - 1]! & F_CAP) && !(flags[i - 1]! & F_SENT)) && !(gapOk(i) && (flags[i + 1]! & F_CAP)) && !EN_MODALS.has(fold(text.slice(starts[i]!, ends[i]!)));
      if (left || right || surname || linePair || aloneEn || ((f & F_UPPER) && ((gapOk(i - 1) && (flags[i - 1]! & (F_UPPER | F_VOCAB)) === F_UPPER && nameLike(i - 1))
        || (gapOk(i) && (flags[i + 1]! & (F_UPPER | F_VOCAB)) === F_UPPER && nameLike(i + 1))))) strong[i] = 1;
      continue;
    }
    if ((f & F_SUR) && !(f & (F_AMBIG | F_SENT)) && !(f & F_UPPER) && ends[i]! - starts[i]! >= 4) {
      // a known surname in Title case mid-sentence, next to another capitalized word
      if ((gapOk(i - 1) && surnameNeighbour(i - 1)) || (gapOk(i) && surnameNeighbour(i + 1) && !capsAcronym(i + 1))) strong[i] = 1;
      // or after a capitalized word of no list, mid-sentence too: a given name the lists lack ("I saw Hetal Patel",
      // "midwife Bronwen Pryce")
      // (not a firm's or a laboratory's name: no capitalized word of its own before them or after them, "Laboratoire
      // Bio-Saône Chalon", "SARL Métallerie Chantreau"; nor a city or a region, "Oxyvie Bretagne")
      else if (gapOk(i - 1) && unlistedGivenName(i - 1) && !(f & (F_CITY | F_CITYP | F_CITYW)) && !REGIONS.has(fold(text.slice(starts[i]!, ends[i]!)))
        && !(i >= 2 && gapOk(i - 2) && (flags[i - 2]! & (F_CAP | F_TITLE | F_CUE | F_PROF | F_CRED)) === F_CAP && !roleAcronym(text, starts[i - 2]!, ends[i - 2]!))
        && !(gapOk(i) && (flags[i + 1]! & F_CAP) && !(flags[i + 1]! & F_CRED))) strong[i] = 1;
    }
  }
}
function extendNames(text: string, n: number, starts: number[], ends: number[], flags: number[], strong: Uint8Array, isName: Uint8Array): void {
  // extend strong tokens through adjacent name-like tokens (at most 4 tokens per name)
  for (let i = 0; i < n; i++) {
    if (!strong[i]) continue;
    isName[i] = 1;
    let k = i, count = 1;
    for (;;) {
      // (a possessive ends the name: "Dr. Batista's ACL protocol")
      if (count >= 4 || k + 1 >= n || possessiveAt(text, ends[k]!)) break;
      if ((gapOk(k) || (flags[k]! & F_INITIAL && gapOkLoose(text, ends[k]!, starts[k + 1]!))) && nameLike(k + 1) && extendOk(flags[k + 1]!, flags[i]!)) { k++; count++; isName[k] = 1; continue; }
      // a month that is a first name ends a name ("Mme Tran Thi Mai, 67 ans"; not before a day or a year)
      if (gapOk(k) && (flags[k + 1]! & F_STOP) && (flags[k + 1]! & (F_FIRST | F_SUR)) && MONTH_NAMES.has(fold(text.slice(starts[k + 1]!, ends[k + 1]!)))
        && !digitAfter(text, ends[k + 1]!)) { k++; count++; isName[k] = 1; break; }
      // across a line break where the text was wrapped ("Mme Marie\nDUPONT"): from a first name or
      // an initial to a known surname only (a heading on the next line is no surname)
      if ((flags[k]! & (F_FIRST | F_INITIAL)) && (flags[k + 1]! & F_SUR) && !(flags[k + 1]! & (F_AMBIG | F_STOP | F_CITY | F_CITYP | F_TITLE | F_CUE | F_PROF))
        && wrapGap(text, ends[k]!, starts[k + 1]!)) { k++; count++; isName[k] = 1; continue; }
      // a quoted nickname between first name and surname: 'Robert "Bobby" McAllister'
      if (count + 2 <= 4 && k + 2 < n && nameLike(k + 1) && nameLike(k + 2) && extendOk(flags[k + 2]!, flags[i]!) && nicknameGap(text, ends[k]!, starts[k + 1]!, ends[k + 1]!, starts[k + 2]!)) {
        isName[k + 1] = 1; isName[k + 2] = 1; k += 2; count += 2; continue;
      }
      // through surname particles: "Françoise LE GOFF", "Hervé Le Bihan", "Charles de Gaulle"
      const j = afterParticles(k);
      if (j > 0) { for (let q = k + 1; q <= j; q++) isName[q] = 1; count++; k = j; continue; }
      // (not to a place: "Marie Dupont de Paris")
      // (a two-word particle or a foreign one leads to a surname, a town's name too: "Jean de la Fontaine", "Piet van Breda")
      if (particleGap(k) && nameLike(k + 1) && !(flags[k + 1]! & F_SENT) && (!(flags[k + 1]! & (F_CITY | F_CITYP)) || surnameParticleGap(k))) { k++; count++; isName[k] = 1; continue; }
      // a lower-case particle, then a capitalized one: "François Xavier de La Rochefoucauld"
      if (particleGap(k) && (flags[k + 1]! & F_PART) && k + 2 < n && gapOk(k + 1) && nameLike(k + 2) && !(flags[k + 2]! & (F_SENT | F_CITY | F_CITYP | F_PART))) {
        isName[k + 1] = 1; isName[k + 2] = 1; k += 2; count++; continue;
      }
      break;
    }
    // a trailing initial that looks like a title ("SAMCHA M.") when no name follows it; after a
    // comma too, in "Surname, I." lists ("Attending: SMITH, J.; Resident: Jones, K.")
    if (k + 1 < n && (gapOk(k) || (text.charCodeAt(ends[k]!) === 44 && gapOk(k, true))) && (flags[k + 1]! & F_INITIAL) && !(k + 2 < n && gapOk(k + 1) && nameLike(k + 2))) isName[k + 1] = 1;
    // (before a credential, a sentence's first word that is no ordinary word is the name's too: "Ezinne Ugochukwu, MD")
    const credAfter = k + 1 < n && (flags[k + 1]! & F_CRED) !== 0 && credentialGap(text, ends[k]!, starts[k + 1]!);
    k = i;
    while (count < 4 && k - 1 >= 0 && gapOk(k - 1) && nameLike(k - 1)
      && ((extendOk(flags[k - 1]!, flags[i]!) && !(flags[k - 1]! & F_SENT && !(flags[k - 1]! & (F_UPPER | F_FIRST | F_SUR))))
        || (credAfter && (flags[k - 1]! & (F_SENT | F_AMBIG | F_VOCAB | F_CUE | F_PROF | F_CITY | F_CITYP)) === F_SENT && ends[k - 1]! - starts[k - 1]! >= 4
          && !/-\p{Ll}/u.test(text.slice(starts[k - 1]!, ends[k - 1]!)) && !isVocabularyWord(fold(text.slice(starts[k - 1]!, ends[k - 1]!)))))) { k--; count++; isName[k] = 1; }
    // a month that is a first name right before the name, at a line's start or after a field's colon: "April Thibodeaux, RN, MDS Coordinator",
    // "Attending: June Okafor" (not "seen in April Smith…": a month elsewhere stays a date's word)
    if (k - 1 >= 0 && !isName[k - 1] && (flags[k - 1]! & (F_STOP | F_FIRST | F_UPPER | F_TITLE | F_CUE)) === (F_STOP | F_FIRST) && starts[k]! - ends[k - 1]! === 1
      && text.charCodeAt(ends[k - 1]!) === 32 && !(flags[k]! & (F_CITY | F_SENT)) && (lineStartAt(text, starts[k - 1]!) || colonRightBefore(text, starts[k - 1]!))
      && MONTH_NAMES.has(fold(text.slice(starts[k - 1]!, ends[k - 1]!)))) { k--; isName[k] = 1; }
    // a leading bare initial ("D Joffron", "L Rostain"): one capital letter right before the name
    if (k - 1 >= 0 && !isName[k - 1] && ends[k - 1]! - starts[k - 1]! === 1 && starts[k]! - ends[k - 1]! === 1 && text.charCodeAt(ends[k - 1]!) === 32
      && !(flags[k]! & F_CITY) && (k - 2 < 0 || !(flags[k - 2]! & F_CAP) || ends[k - 2]! < starts[k - 1]! - 2)) isName[k - 1] = 1;
  }
}
/** The names of recognizeNames found by their neighbours: data fields, surnames before a comma, birth names, lists of names. */
function listedNames(text: string, n: number, starts: number[], ends: number[], flags: number[], isName: Uint8Array): void {
  // data fields: "DUPONT;Marie", "Marie | DUPONT" — a known surname in upper case across one field
  // separator (';', '|', tab) from a name
  for (let i = 0; i + 1 < n; i++) {
    if (isName[i] === isName[i + 1] || !fieldSeparator(text, ends[i]!, starts[i + 1]!)) continue;
    const j = isName[i] ? i + 1 : i;
    if ((flags[j]! & (F_UPPER | F_SUR)) === (F_UPPER | F_SUR) && !(flags[j]! & (F_STOP | F_AMBIG | F_CITY | F_TITLE | F_CUE))) isName[j] = 1;
  }
  // "Jones, Sarah MD", "Provider: Martin, Jean": a known surname (no city; an ordinary word only
  // mid-sentence) before ", " and a first name
  for (let i = 1; i < n; i++) {
    const g = flags[i - 1]!;
    // (not a kinship word, a title or a profession: "Sister, Naomi", "Nurse, Ann")
    if (!isName[i] || isName[i - 1] || (flags[i]! & (F_FIRST | F_CITY | F_CITYP)) !== F_FIRST || (g & (F_CITY | F_CITYP | F_UPPER | F_CUE | F_TITLE | F_PROF)) || ((g & F_AMBIG) && (g & F_SENT)) || !(g & F_SUR) || !nameLike(i - 1)) continue;
    if (commaSpace(text, ends[i - 1]!, starts[i]!)) isName[i - 1] = 1;
  }
  // a birth name in upper case before the married one: "KERGOAT épouse LE ROUX Marie", "DURAND veuve MARTIN"
  // (the word between is a token when it is a cue word, "épouse", "née"; else in the gap: "veuve", "ép.")
  for (let i = 1; i < n; i++) {
    if (!isName[i]) continue;
    for (let j = i - 1; j >= i - 2 && j >= 0; j--) {
      // (a surname that is a word too: "Receveur : MOREAU née VIDAL Annick"; not a cue's or a role's word, "ENFANT née DUPONT")
      if (!(flags[j]! & F_UPPER) || isName[j] || !nameLike(j) || (flags[j]! & (F_CITY | F_CUE | F_PROF))) continue;
      const a = ends[j]!, b = starts[i]!;
      if (b - a <= 9 && MARRIED_GAP.test(text.slice(a, b))) { isName[j] = 1; break; }
    }
  }
  // and the birth name after a found one, even a word's or a month's: "ROSALIE, NÉE CHARVET", "Maëlle ép. JUILLET"
  for (let i = 0; i + 1 < n; i++) {
    if (!isName[i]) continue;
    for (let j = i + 1; j <= i + 2 && j < n; j++) {
      if (isName[j] || !(flags[j]! & F_CAP) || (flags[j]! & (F_TITLE | F_CUE | F_PROF | F_CRED))) continue;
      const a = ends[i]!, b = starts[j]!;
      if (b - a <= 10 && MARRIED_AFTER.test(text.slice(a, b))) { isName[j] = 1; break; }
    }
  }
  // after a plural kinship word, the first names of the list: "sons Mark and Will", "her daughters Rose, Lily and June" (a
  // first name of the lists that is a word too, after the list's "and")
  for (let i = 0; i + 1 < n; i++) {
    if (!(flags[i]! & F_KIN) || !isName[i + 1] || !PLURAL_KIN.has(fold(text.slice(starts[i]!, ends[i]!)))) continue;
    let k = i + 1;
    while (k + 1 < n && isName[k + 1] && spacesOnly(text, ends[k]!, starts[k + 1]!)) k++;
    for (let listed = 0; listed < 4 && k + 1 < n && LIST_GAP.test(text.slice(ends[k]!, starts[k + 1]!)) && (flags[k + 1]! & (F_CAP | F_FIRST)) === (F_CAP | F_FIRST)
      && !(flags[k + 1]! & (F_TITLE | F_CITY | F_SENT | F_UPPER)); listed++) {
      k++; isName[k] = 1;
    }
  }
  // after a plural title, every name of the list: "Drs. Smith and Jones", "Drs Martin, Petit et Durand"
  for (let i = 0; i + 1 < n; i++) {
    if (!(flags[i]! & F_TITLE) || !isName[i + 1] || !PLURAL_TITLE.test(text.slice(starts[i]!, ends[i]!))) continue;
    let k = i + 1;
    while (k + 1 < n && isName[k + 1] && spacesOnly(text, ends[k]!, starts[k + 1]!)) k++;
    for (let listed = 0; listed < 3 && k + 1 < n && LIST_GAP.test(text.slice(ends[k]!, starts[k + 1]!)) && nameLike(k + 1) && !(flags[k + 1]! & (F_CITY | F_SENT)); listed++) {
      k++; isName[k] = 1;
      while (k + 1 < n && spacesOnly(text, ends[k]!, starts[k + 1]!) && nameLike(k + 1) && (flags[k + 1]! & (F_UPPER | F_SUR | F_FIRST))) { k++; isName[k] = 1; }
    }
  }
  // in a list of people written by first name and initial ("Marcus T., Chue L., Ayaan K."), an item of that shape next to a
  // found one is a person too (two passes: the list is read both ways), its first name looked for again
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i + 1 < n; i++) {
      // (a stop word is no first name, unless a credential's letters: "Pa V.")
      // (the next token's initial first: firstInitialAt's test, without its reads of the module's token arrays for most tokens)
      if (isName[i] || (flags[i + 1]! & F_INITIAL) === 0 || !firstInitialAt(i) || (flags[i]! & (F_TITLE | F_CUE | F_UPPER | F_CITY)) || (flags[i]! & (F_STOP | F_CRED)) === F_STOP) continue;
      const prev = i >= 2 && isName[i - 2] === 1 && firstInitialAt(i - 2) && LIST_SEP.test(text.slice(ends[i - 1]!, starts[i]!));
      const next = i + 3 < n && isName[i + 2] === 1 && firstInitialAt(i + 2) && LIST_SEP.test(text.slice(ends[i + 1]!, starts[i + 2]!));
      // (not the authors of a citation: "Mouchet A., Hilka M. et al.")
      if ((!prev && !next) || text.startsWith(' et al', ends[i + 1]!)) continue;
      isName[i] = 1; isName[i + 1] = 1;
      rememberName(text, starts[i]!, ends[i]!, flags[i]!);
    }
  }
  // a nickname in brackets and quotes after a name: 'Margaret Anne Kowalczyk ("Peggy")'
  for (let i = 0; i + 1 < n; i++) {
    if (!isName[i] || isName[i + 1] || !(flags[i + 1]! & F_CAP) || (flags[i + 1]! & (F_STOP | F_TITLE))) continue;
    // (a nickname is used alone later: remembered)
    if (bracketNickname(text, ends[i]!, starts[i + 1]!, ends[i + 1]!)) { isName[i + 1] = 1; rememberName(text, starts[i + 1]!, ends[i + 1]!, flags[i + 1]!); }
  }
  // a quoted nickname after the words that introduce one: '(goes by "Will")', 'prefers to be called "Dottie"'
  for (let i = 0; i < n; i++) {
    // (a quote right before the token, or a space and a quote: the cheap test first)
    const q0 = cc(text, starts[i]! - 1), q1 = q0 === 32 || q0 === 160 ? cc(text, starts[i]! - 2) : q0;
    if (q1 !== 34 && q1 !== 8220 && q1 !== 171 && q1 !== 39) continue;
    // (or before the person's name in brackets: 'coworkers "Sully" (Mike Sullivan)')
    if (isName[i] || !(flags[i]! & F_CAP) || (flags[i]! & (F_TITLE | F_CUE))
      || !(quotedNickname(text, starts[i]!, ends[i]!) || (i + 1 < n && isName[i + 1] === 1 && quotedBeforeBracket(text, starts[i]!, ends[i]!, starts[i + 1]!)))) continue;
    isName[i] = 1;
    rememberName(text, starts[i]!, ends[i]!, flags[i]!);
  }
  // "Pt: Okafor, Chinedu A": after a field's cue and colon, a surname, a comma and the given names (in no dictionary too)
  for (let i = 1; i + 1 < n; i++) {
    if (!isName[i] || isName[i + 1] || !(flags[i - 1]! & F_CUE) || text.charCodeAt(ends[i]!) !== 44 || starts[i + 1] !== ends[i]! + 2) continue;
    if (!colonBetween(text, ends[i - 1]!, starts[i]!)) continue;
    let k = i + 1;
    if (!(flags[k]! & F_CAP) || (flags[k]! & (F_STOP | F_TITLE | F_CUE | F_CITY))) continue;
    isName[k] = 1;
    while (k + 1 < n && gapOk(k) && (flags[k + 1]! & (F_CAP | F_INITIAL)) && !(flags[k + 1]! & (F_STOP | F_TITLE | F_CUE | F_CRED))) isName[++k] = 1;
  }
  // "ZHANG, WEI", "MACLEOD, Morag", "OSTROWSKI, K": a known surname in capitals, ", " and a given name, as exports, lists and
  // wristbands write a person. The surname no ordinary word, place, title or cue, and no name's last word ("M. Pierre-Yves
  // COLLIN, Saint-Fargeau", "Mme Brigitte LEFÈVRE, UDAF de la Gironde": a place or a body follows); the given name a known
  // name of no ordinary word, an initial, or a word of neither vocabulary, of 4 letters or more in capitals ("OKONKWO,
  // TOBENNA"; "HOLBROOK, AZ" stays); the pair no part of a longer list of capitals ("ALAT, ASAT, GGT"). "PARIS, FRANCE",
  // "NAUSEA, VOMITING", "DUPONT, Plan" stay. (After the field's rule below it, which reads the given names of "Pt: Okafor, Chinedu A".)
  for (let i = 1; i < n; i++) {
    const f = flags[i]!;
    if ((isName[i - 1] && isName[i]) || !capsSurname(i - 1) || (f & F_CAP) === 0
      || (f & (F_STOP | F_AMBIG | F_CITY | F_CITYP | F_CUE | F_TITLE | F_PROF | F_CRED | F_WORDNAME | F_VOCAB))
      || !commaSpace(text, ends[i - 1]!, starts[i]!)) continue;
    if (i >= 2 && nameLike(i - 2) && !(flags[i - 2]! & F_VOCAB) && starts[i - 1]! - ends[i - 2]! === 1 && cc(text, ends[i - 2]!) === 32) continue;
    if ((i >= 2 && (flags[i - 2]! & F_UPPER) && commaSpace(text, ends[i - 2]!, starts[i - 1]!))
      || (i + 1 < n && (flags[i + 1]! & F_UPPER) && commaSpace(text, ends[i]!, starts[i + 1]!))) continue;
    const len = ends[i]! - starts[i]!;
    const given = (f & (F_FIRST | F_SUR)) !== 0 || (f & F_INITIAL) !== 0 || len === 1
      || (len >= ((f & F_UPPER) !== 0 ? 4 : 3) && !isVocabularyWord(fold(text.slice(starts[i]!, ends[i]!))));
    // (a firm's partners, "WHITLOCK, BEGAY & RAMANATHAN, P.L.L.C.": no person)
    if (!given || (cc(text, ends[i]!) === 32 && cc(text, ends[i]! + 1) === 38)) continue;
    isName[i - 1] = 1; isName[i] = 1;
    // (and the middle initials after: "SZYMANSKI, BARTHOLOMEW J")
    for (let k = i; k + 1 < n && k < i + 2 && gapOk(k) && ((flags[k + 1]! & F_INITIAL) !== 0 || ends[k + 1]! - starts[k + 1]! === 1) && (flags[k + 1]! & F_CAP) !== 0
      && (flags[k + 1]! & (F_STOP | F_TITLE | F_CUE | F_CRED)) === 0; k++) isName[k + 1] = 1;
  }
  // "TEIXEIRA L.", "DUBOIS T.": a known surname in capitals (no ordinary word, place, title or cue) and its given
  // name's initial with a dot, as crews, rosters and sign-offs write a person (not before a capitalized word: "GARCIA J. Robert")
  for (let i = 0; i + 1 < n; i++) {
    if ((isName[i] && isName[i + 1]) || !capsSurname(i) || (flags[i + 1]! & F_INITIAL) === 0 || ends[i + 1]! - starts[i + 1]! !== 2
      || starts[i + 1]! - ends[i]! !== 1 || text.charCodeAt(ends[i]!) !== 32) continue;
    if (i + 2 < n && (flags[i + 2]! & F_CAP) && spacesOnly(text, ends[i + 1]!, starts[i + 2]!)) continue;
    isName[i] = 1; isName[i + 1] = 1;
  }
  // "AID MERGHAD, ZINEDINE", "TAILLARD, TAILLARD PIERRE": an upper-case block before ", <name>"
  for (let i = 1; i < n; i++) {
    if (!isName[i] || isName[i - 1] || !(flags[i]! & F_UPPER)) continue;
    if (!gapOk(i - 1, true) || !(flags[i - 1]! & F_UPPER) || !nameLike(i - 1)) continue;
    let k = i - 1; isName[k] = 1;
    while (k - 1 >= 0 && gapOk(k - 1) && (flags[k - 1]! & F_UPPER) && nameLike(k - 1) && i - k < 3) { k--; isName[k] = 1; }
  }
}
function nameSpans(text: string, spans: Span[], lex: Lexicon, n: number, starts: number[], ends: number[], flags: number[], strong: Uint8Array, isName: Uint8Array): void {
  // one span per name: consecutive name tokens 1-2 spaces apart are merged here as overlap
  // resolution would merge them (the span of the first token with the best score gives the rule)
  for (let i = 0; i < n; i++) {
    if (!isName[i]) continue;
    let best = strong[i]!, k = i;
    // (and across a particle: "Marie de la Fontaine")
    while (k + 1 < n && isName[k + 1] && (spacesOnly(text, ends[k]!, starts[k + 1]!) || particleGap(k))) { k++; if (strong[k]! > best) best = strong[k]!; }
    // a surname typed in lower case after a first name ("Dr. Caroline pidoux")
    const end = (flags[k]! & (F_FIRST | F_UPPER)) === F_FIRST && cc(text, ends[k]!) === 32 ? lowerSurnameAfter(text, ends[k]!, lex) : ends[k]!;
    // an eponym, not a person: "Murphy sign", "Allen test", "Leopold maneuvers", "signe de Babinski" (not after a title: "Dr Allen test…")
    // (nor a prayer's or a devotion's name: "Hail Mary", "Our Lady of Guadalupe")
    if (!(i > 0 && (flags[i - 1]! & F_TITLE) && gapOkTitle(text, ends[i - 1]!, starts[i]!, true)) && (eponymAround(text, starts[i]!, end) || devotionAround(text, starts[i]!, end))) { i = k; continue; }
    // a heading's word between a cue and a document's kind, not a person: "PATIENT CARE REPORT", "Contact Tracing List"
    if (k === i && i > 0 && k + 1 < n && (flags[i - 1]! & (F_CUE | F_TITLE)) === F_CUE && spacesOnly(text, ends[i - 1]!, starts[i]!) && spacesOnly(text, ends[k]!, starts[k + 1]!)
      && HEADING_KINDS.has(text.slice(starts[k + 1]!, ends[k + 1]!).toUpperCase())) { i = k; continue; }
    // (the surname's particle with it: after a title, "Mme de Gaulle", "M. van der Berg"; in capitals before a name in capitals,
    // "LE BIHAN Yvonne", "DE LA FONTAINE")
    let start = starts[i]!;
    if (i > 0 && (flags[i - 1]! & F_TITLE) !== 0 && particleGap(i - 1)) start = ends[i - 1]! + 1;
    else for (let q = i - 1, parts = 0; parts < 2 && q >= 0 && (flags[q]! & (F_PART | F_UPPER)) === (F_PART | F_UPPER) && (flags[i]! & F_UPPER) !== 0 && !isName[q]
      && ends[q]! + 1 === (parts === 0 ? starts[i]! : starts[q + 1]!) && text.charCodeAt(ends[q]!) === 32
      // (not inside a heading in capitals: "CENTRE HOSPITALIER DE CAYENNE", "CLINIQUE DU PARC")
      && !(q > 0 && ends[q - 1]! + 1 === starts[q]! && (flags[q - 1]! & (F_CAP | F_TITLE | F_CUE | F_PART)) === F_CAP); q--, parts++) start = starts[q]!;
    spans.push({ start, end, label: 'NAME', score: best ? 0.8 : 0.6, rule: best ? 'name-anchor' : 'name-extend' });
    // (the surest names are looked for again: after a title or a cue, or of two words or more with a known first name or after a role)
    let firstIn = false;
    for (let q = i; q <= k; q++) if ((flags[q]! & (F_FIRST | F_AMBIG)) === F_FIRST) firstIn = true;
    if ((i > 0 && (flags[i - 1]! & (F_TITLE | F_CUE)) !== 0) || (k > i && (firstIn || (i > 0 && (flags[i - 1]! & F_PROF) !== 0)))) for (let q = i; q <= k; q++) rememberName(text, starts[q]!, ends[q]!, flags[q]!);
    // (or of two words or more before a credential, one of them in the name lists, their words that are no city: "Yesenia Morales,
    // LICSW"; not "Dallas Whitfield, MD" … "drive to Dallas")
    else if (k > i && k + 1 < n && (flags[k + 1]! & F_CRED) !== 0 && credentialGap(text, ends[k]!, starts[k + 1]!) && someListedName(flags, i, k)) {
      for (let q = i; q <= k; q++) if (!(flags[q]! & F_CITY)) rememberName(text, starts[q]!, ends[q]!, flags[q]!);
    }
    i = k;
  }
}
function namesAgain(text: string, spans: Span[], n: number, starts: number[], ends: number[], flags: number[], isName: Uint8Array): void {
  // the same name again elsewhere in the document, alone ("PCP: Dr. Benjamin Ashworth-Cole" … "atorvastatin — Ashworth-Cole")
  if (nSeen > 0) {
    for (let i = 0; i < n; i++) {
      const f = flags[i]!;
      if ((f & (F_AMBIG | F_WORDNAME)) && (f & F_SENT) && SEEN_KEYS[seenKey(text, starts[i]!, ends[i]!)] === 0) continue;
      // (a name that is also a word at a sentence's start only before a person's verb, and no modal: "Marin est un garçon souriant", "Dot participated";
      // not "Rose bushes", "Will call")
      // (a month that was found as a name, again before a person's verb: "caregiver June Abernathy-Cole" … "June reports")
      const month = (f & F_STOP) !== 0 && cc(text, ends[i]!) === 32 && SEEN_KEYS[seenKey(text, starts[i]!, ends[i]!)] === 1 && verbAfter(text, ends[i]! + 1)
        && MONTH_NAMES.has(fold(text.slice(starts[i]!, ends[i]!)));
      if (isName[i] || !(f & F_CAP) || (f & (F_TITLE | F_CUE | F_PROF | F_INITIAL | F_CRED)) || ((f & F_STOP) && !month)
        || (!month && (f & (F_AMBIG | F_WORDNAME)) && (f & F_SENT) && !(cc(text, ends[i]!) === 32 && verbAfter(text, ends[i]! + 1) && !EN_MODALS.has(fold(text.slice(starts[i]!, ends[i]!)))))) continue;
      // (nor a name that is also a word after a determiner in capitals: "DR. MAJOR" … "NO MAJOR VASCULAR ABNORMALITY")
      if ((f & (F_AMBIG | F_WORDNAME)) && (f & F_UPPER) && i > 0 && ends[i - 1]! + 1 === starts[i] && (flags[i - 1]! & F_UPPER)
        && CAPS_DETERMINERS.has(text.slice(starts[i - 1]!, ends[i - 1]!))) continue;
      // (without a possessive's 's: "Sully's the one")
      const a = starts[i]!, e = text.charCodeAt(ends[i]! - 1) === 46 ? ends[i]! - 1 : ends[i]!;
      // (a name that is also a word or a place, after a place's preposition, is the place: "Dallas Whitfield, MD" … "a drive to Dallas")
      // (with the initial after it, as the list wrote it: "Chue L. was quiet")
      if (seenName(text, a, e) && !eponymAround(text, a, e) && !((f & F_AMBIG) && placePrepBefore(text, a))) {
        spans.push({ start: a, end: e === ends[i]! && firstInitialAt(i) ? ends[i + 1]! : e, label: 'NAME', score: 0.6, rule: 'name-again' });
      }
    }
    forgetNames();
  }
}
/** An English cue of a town (world-villes.txt.gz, communes.txt.gz): "in Tulsa", "near Dilkon" (the 6 characters before it). */
const TOWN_CUE_EN = /(?:^|[^A-Za-z])(?:in|near|IN|NEAR|In|Near) $/;
function dictCities(text: string, spans: Span[], lex: Lexicon, n: number, starts: number[], ends: number[], flags: number[], isName: Uint8Array): void {
  // cities from the dictionary (one or two tokens), capitalized, not ambiguous unless after "à"/"in"
  for (let i = 0; i < n; i++) {
    const f = flags[i]!;
    if (!(f & F_CAP) || (f & (F_STOP | F_TITLE)) || isName[i]) continue;
    if (!(f & (F_CITY | F_CITYP | F_CITYW | F_TOWN))) continue;
    let len = 0;
    if ((f & F_CITYP) && i + 1 < n && gapOk(i) && ((lex.get(fold(text.slice(starts[i]!, ends[i + 1]!))) ?? 0) & LEX_CITY)) len = 2;
    else if ((f & F_CITYW) && (cc(text, ends[i]!) === 32 || cc(text, ends[i]!) === 45) && isWordLetter(cc(text, ends[i]! + 1))) {
      // a city of several words written with spaces for its hyphens ("Nogent sur Marne", "Aix en Provence")
      const e = cityWordsEnd(text, starts[i]!, lex);
      if (e > 0) { len = 1; while (i + len < n && starts[i + len]! < e) len++; }
    }
    // (a small town, a merged commune, a city without its article: after a strong cue only, below)
    let town = false;
    if (!len && (f & F_CITY)) len = 1;
    if (!len && (f & F_TOWN)) { len = 1; town = true; }
    if (!len) continue;
    // a letter's heading "Paris, le 14 mars 2024", a postal code after it "Paris 75015"; a person's town after their name, as
    // signatures and copies write it: "Dr Frédéric Aubanel, Rennes", "Dr Marc Fillon (Marseille)"
    const strong = CITY_AFTER.test(text.slice(ends[i + len - 1]!, ends[i + len - 1]! + 9))
      || (i > 0 && isName[i - 1] === 1 && (starts[i]! - ends[i - 1]! === 2 && ((cc(text, ends[i - 1]!) === 44 && cc(text, ends[i - 1]! + 1) === 32)
        || (cc(text, ends[i - 1]!) === 32 && cc(text, ends[i - 1]! + 1) === 40 && cc(text, ends[i + len - 1]!) === 41))));
    if (town) {
      // (a town of the long lists after "à" — "à Gauchy depuis 2009", "né à Plouha", "Fait à Casablanca le 19 mars" —, in
      // English text after "in" or "near" — "son in Tulsa" —, not after "de", "to" or "from", which a surname or a word
      // may follow too: "Mme de Vauban", "to Ballard")
      const s0 = starts[i]!, b = cc(text, s0 - 2);
      // (not a name with a possessive after "in": an eponym's disease, "in Hashimoto's thyroiditis", "in Huntington's disease",
      // as city-in leaves "in Grace's room"; "near Tulsa's airport" is the town's)
      if (!strong && !(cc(text, s0 - 1) === 32 && (((b === 0xe0 || b === 0xc0) && !isWordLetter(cc(text, s0 - 3)))
        || (lexLang === 'en' && TOWN_CUE_EN.test(text.slice(Math.max(0, s0 - 6), s0))
          && !((cc(text, s0 - 2) | 32) === 110 && (cc(text, s0 - 3) | 32) === 105 && possessiveAt(text, ends[i]!)))))) continue;
      spans.push({ start: s0, end: ends[i]!, label: 'CITY', score: 0.8, rule: 'city-town' });
      continue;
    }
    const prev = text.slice(Math.max(0, starts[i]! - 9), starts[i]!).toLowerCase();
    // "à Lille", "in Boston"
    const cue = strong || endsWithMatch(CITY_CUE, prev);
    if ((f & F_AMBIG) && !cue) continue;
    if ((f & F_FIRST) && !cue) continue;
    spans.push({ start: starts[i]!, end: ends[i + len - 1]!, label: 'CITY', score: cue ? 0.8 : 0.6, rule: 'city-dict' });
    i += len - 1;
  }
}
/**
 * The ends of the text's lines: the offset of every '\n', then the text's length. One walk serves the
 * passes that read a document line by line (kept for the last text asked).
 */
let leText = '', leBuf = new Int32Array(64), leLines = leBuf.subarray(0, 0);
export function lineEnds(text: string): Int32Array {
  if (leText === text) return leLines;
  let n = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
    if (n + 1 >= leBuf.length) leBuf = doubled(leBuf);
    leBuf[n++] = nl;
  }
  if (n + 1 >= leBuf.length) leBuf = doubled(leBuf);
  leBuf[n++] = text.length;
  leText = text; leLines = leBuf.subarray(0, n);
  return leLines;
}
/**
 * A signature of initials after a dash, at a line's end and after a sentence's end or at a line's
 * start: "recheck needed after. —LF", "- JT" (not "- RAS", "- OK", "Bilan - ECG", a state's code).
 * Read backwards from each line's end: no scan of the whole text.
 */
function initialsSignatures(text: string, spans: Span[]): void {
  const lines = lineEnds(text);
  for (let q = 0; q < lines.length; q++) {
    let e = lines[q]!;
    if (cc(text, e - 1) === 13) e--;
    while (e > 0 && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
    let a = e;
    while (a > 0 && e - a < 4 && isUpperAscii(text.charCodeAt(a - 1))) a--;
    const len = e - a;
    if (len < 2 || len > 3) continue;
    let d = a - 1;
    if (cc(text, d) === 32) d--;
    const dash = cc(text, d);
    if (dash !== 8212 && dash !== 8211 && dash !== 45) continue;
    // (a sentence's end before the dash, or the line's start)
    let b = d - 1;
    if (b >= 0 && text.charCodeAt(b) !== 10) {
      if (text.charCodeAt(b) !== 32 && text.charCodeAt(b) !== 9) continue;
      while (b >= 0 && (text.charCodeAt(b) === 32 || text.charCodeAt(b) === 9)) b--;
      const p = cc(text, b);
      if (!(p === -1 || p === 10 || p === 46 || p === 33 || p === 63 || p === 41)) continue;
    }
    const w = text.slice(a, e);
    if (STOP.has(w) || TITLES.has(w) || CUES.has(w) || ACRONYM_STOP_SET.has(w) || US_STATE_SET.has(w) || w === 'OK' || w === 'NA') continue;
    spans.push({ start: a, end: e, label: 'NAME', score: 0.6, rule: 'name-initials' });
  }
}
/**
 * Eponyms: a name followed by the thing named after a person ("Murphy sign", "Allen test", "Leopold
 * maneuvers", "Hodgkin lymphoma", "Parkinson's disease") or, in French, after it and "de"/"d'"
 * ("signe de Babinski", "manœuvre de Valsalva", "maladie d'Alzheimer"): no person of the record.
 */
/** A lesion's word after an eponym (LESION_EPONYMS). */
const EPONYM_LESION = /^(?:'s|’s)? (?:paresis|paralysis|murmur)(?![A-Za-z])/;
/** The eponyms of a paresis, a paralysis or a murmur, folded. */
const LESION_EPONYMS = new Set(['TODD', 'AUSTIN FLINT', 'GRAHAM STEELL', 'CAREY COOMBS', 'ERB', 'KLUMPKE', 'DEJERINE', 'LANDRY', 'POTT', 'BROWN-SEQUARD']);
const EPONYM_AFTER = /(?:'s|’s)? (?:(?:croup|disability|coma|outcome|dementia|severity|stroke|bleeding|frailty|comorbidity|sedation|agitation|delirium|neuropathy) (?:score|scale|criteria|classification)|signs?|tests?|maneuvers?|manoeuvres?|syndrome|disease|score|scale|reflex|criteria|classification|procedure|catheter|position|triad|fracture|operation|technique|equation|formula|lymphoma|palsy|tube|stockings|phenomenon|law|nodes?|ulcer|hernia|incision|approach|repair|questionnaire|inventory|method|protocol|point|cells?|bodies|forceps|retractor|clamp|period|drains?|cysts?|contracture|neuroma|esophagus|tumou?r|sarcoma|anomaly|glands?|ganglion|ligament|pouch|stages?|splints?|grades?)(?![A-Za-z])/iy;
const EPONYM_BEFORE = /(?<=(?:^|[^A-Za-zÀ-ÿ])(?:(?:circle|duct|canal|triangle|space|ligament|loop|ampulla|pouch|islets?|crypts?|line|node) of |(?:signes?|maladie|test|tests|manœuvres?|manoeuvres?|syndrome|score|échelle|echelle|classification|critères|criteres|réflexe|reflexe|sonde|triade|opération|operation|technique|fracture|lymphome|paralysie|ulcère|ulcere|hernie|loi|stade|questionnaire|méthode|methode|kyste|tumeur|pince|cellules?|point|tache|taches|bruit|procédé|procede|intervention|protocole|règle|regle|formule|équation|equation|drains?|lame|cul-de-sac|canal|sphincter|ampoule|diverticule|polygone|scissure|aqueduc|trompes?|faisceau|valvule|glandes?|sérodiagnostic|serodiagnostic) (?:de |d['’])))/iy;
/**
 * Anatomy named after a person and written as a noun after an article ("le Douglas", "dans le Douglas", "du Wirsung"):
 * French reports name these parts so, and no person of the record.
 */
const ANATOMY_NOUNS = new Set(['DOUGLAS', 'WIRSUNG', 'SANTORINI', 'GLISSON', 'ODDI', 'TREITZ', 'SCARPA', 'RETZIUS', 'MORGAGNI', 'BARTHOLIN', 'SYLVIUS']);
const ANATOMY_FIRST = 'DWSGOTRMB';
const ARTICLE_BEFORE = /(?<=(?:^|[^A-Za-zÀ-ÿ])(?:[Ll]e|[Dd]u|[Aa]u) )/y;
/** Eponyms of two, written "X et Y" ("réaction de Widal et Félix"): the second name by the first. */
const EPONYM_PAIRS = new Map([['WIDAL', 'FELIX'], ['GOUGEROT', 'SJOGREN'], ['GUILLAIN', 'BARRE'], ['ADAMS', 'STOKES'], ['EHLERS', 'DANLOS'],
  ['CREUTZFELDT', 'JAKOB'], ['ZOLLINGER', 'ELLISON'], ['WERNICKE', 'KORSAKOFF'], ['WOLFF', 'PARKINSON'], ['MARIE', 'TOOTH'], ['BARRE', 'STROHL']]);
/** Whether a number begins at k after spaces, a colon or '#': "cell (210) 555-0181", "cell: 06 12…". */
function phoneAfter(text: string, k: number): boolean {
  let n = 0;
  while (n < 3 && (cc(text, k) === 32 || cc(text, k) === 58 || cc(text, k) === 35)) { k++; n++; }
  const c = cc(text, k);
  return n > 0 && (isDigitCode(c) || (c === 40 && isDigitCode(cc(text, k + 1))) || c === 43);
}
function eponymAround(text: string, start: number, end: number): boolean {
  // (sticky tests on the text itself, tried only where a space or "'s" follows, or "de "/"d'" precedes)
  const a = cc(text, end);
  if (end - start >= 4 && end - start <= 9 && ANATOMY_FIRST.includes(text[start]!.toUpperCase()) && ANATOMY_NOUNS.has(fold(text.slice(start, end)))) {
    ARTICLE_BEFORE.lastIndex = start;
    // ("Douglas libre", "Douglas comblé" at a sentence's start: the part, as after an article)
    if (ARTICLE_BEFORE.test(text) || /^ (?:libre|comblé|comble)(?![A-Za-zÀ-ÿ])/.test(text.slice(end, end + 8))) return true;
  }
  // the second name of an eponym of two after "et": "réaction de Widal et Félix", "syndrome de Gougerot et Sjögren" (those
  // names only: "maladie de Crohn et Sophie Martin" is a person)
  if (cc(text, start - 1) === 32 && (cc(text, start - 2) | 32) === 116 && (cc(text, start - 3) | 32) === 101 && cc(text, start - 4) === 32) {
    let ps = start - 4;
    while (ps > 0 && isWordLetter(cc(text, ps - 1))) ps--;
    if (ps < start - 4 && EPONYM_PAIRS.get(fold(text.slice(ps, start - 4))) === fold(text.slice(start, end))) return true;
  }
  if (a === 32 || a === 39 || a === 8217) {
    EPONYM_AFTER.lastIndex = end;
    // (a cell phone's number after "cell" is no eponym's: "Family contact: Lucía cell (210) 555-0181"; nor a person's cell:
    // "Will Mayfield's cell")
    // (a paresis, a paralysis or a murmur after the eponyms that name one only: "Todd paresis", "Austin Flint murmur"; not
    // "John Smith paralysis of the left arm")
    if (EPONYM_LESION.test(text.slice(end, end + 12)) && LESION_EPONYMS.has(fold(text.slice(start, end)))) return true;
    if (EPONYM_AFTER.test(text) && !(EPONYM_AFTER.lastIndex === end + 5 && (cc(text, end + 1) | 32) === 99 && phoneAfter(text, end + 5))
      && !(a !== 32 && /^['’]s cell\b/.test(text.slice(end, end + 8)))) return true;
  }
  const b = cc(text, start - 1);
  if ((b === 32 && (((cc(text, start - 2) | 32) === 101 && (cc(text, start - 3) | 32) === 100) || ((cc(text, start - 2) | 32) === 102 && (cc(text, start - 3) | 32) === 111)))
    || ((b === 39 || b === 8217) && (cc(text, start - 2) | 32) === 100)) {
    EPONYM_BEFORE.lastIndex = start;
    return EPONYM_BEFORE.test(text);
  }
  return false;
}
/**
 * Hospitals that notes name alone (AP-HP's and a few other large French hospitals; upper case,
 * no accents). Eponyms that are also anatomy or signs (Broca, Tenon) are left out, and the name
 * needs a place word before it: "à", "au", "vers", "at", "to" (not "de": "boule de Bichat").
 */
const HOSPITAL_NAMES = new Set(['BICHAT', 'BEAUJON', 'MONDOR', 'HENRI-MONDOR', 'HENRI MONDOR', 'AVICENNE', 'COCHIN', 'NECKER', 'PITIE-SALPETRIERE',
  'PITIE', 'SALPETRIERE', 'LARIBOISIERE', 'SAINT-ANTOINE', 'BICETRE', 'ROBERT-DEBRE', 'ROBERT DEBRE', 'TROUSSEAU', 'HOTEL-DIEU', 'HEGP',
  'GEORGES-POMPIDOU', 'GEORGES POMPIDOU', 'POMPIDOU', 'AMBROISE-PARE', 'AMBROISE PARE', 'RAYMOND-POINCARE', 'RAYMOND POINCARE', 'PAUL-BROUSSE',
  'PAUL BROUSSE', 'LOUIS-MOURIER', 'LOUIS MOURIER', 'JEAN-VERDIER', 'JEAN VERDIER', 'CHARLES-FOIX', 'CORENTIN-CELTON', 'BRETONNEAU',
  'ROTHSCHILD', 'ALBERT-CHENEVIER', 'SAINTE-PERINE', 'BECLERE', 'ANTOINE-BECLERE', 'VAL-DE-GRACE', 'FOCH', 'MONTSOURIS', 'GUSTAVE-ROUSSY',
  'GUSTAVE ROUSSY', 'SAINTE-ANNE', 'QUINZE-VINGTS', 'PELLEGRIN', 'TIMONE', 'PURPAN', 'RANGUEIL', 'EDOUARD-HERRIOT', 'EDOUARD HERRIOT',
  // (Québec's university hospitals by their acronyms, each one hospital of one town: "transféré au CHUM", "vu au CHUS")
  'CHUM', 'CHUS', 'CHUQ', 'CHUL', 'CUSM', 'MUHC']);

/**
 * Names typed in lower case after a title or as a form field's value (recognizeNames' tokens,
 * its isName marks): its own function, so that recognizeNames' hot helpers stay inlined.
 */
function lowerCaseNames(text: string, spans: Span[], lex: Lexicon, isName: Uint8Array): void {
  const n = nCount;
  let nextColon = -1, nextBreak = -1;
  // a name typed in lower case after a title ("vu par mme dupont") or as a form field's value
  // ("Prénom : aziz", "Nom : pidoux"): up to three dictionary names that are no ordinary words
  for (let i = 0; i < n; i++) {
    if (nFlags[i]! & F_TITLE) {
      let a = nEnds[i]!;
      if (cc(text, a) === 46) a++;
      if (cc(text, a) !== 32 || isName[i + 1] && nStarts[i + 1] === a + 1) continue;
      let e = lowerWordEnd(text, a + 1);
      if (e <= a + 1) continue;
      // (an initial first: "dr a. kowalski")
      let s0 = a + 1;
      if (e === a + 2 && text.charCodeAt(e) === 46 && text.charCodeAt(e + 1) === 32) { const e2 = lowerWordEnd(text, e + 2); if (e2 > e + 2) { a = e + 1; e = e2; } }
      // (a surname with its particles, whole in the dictionaries: "mr da costa", "m. le duff yannick", "mme de la tour")
      const pe = e - a - 1 <= 4 && cc(text, e) === 32 ? particleSurnameEnd(text, a + 1, e, lex) : -1;
      if (pe > 0) {
        let end = pe;
        if (cc(text, pe) === 32) { const e2 = lowerWordEnd(text, pe + 1); if (e2 > pe + 1 && lowerFirstName(text, pe + 1, e2, lex, true)) end = e2; }
        spans.push({ start: s0, end, label: 'NAME', score: 0.8, rule: 'name-title' });
        continue;
      }
      // ("doctor" written whole in lower case is prose's word too: no ordinary word after it but a first name, "tell doctor about travel")
      if (e - nStarts[i]! > 0 && nEnds[i]! - nStarts[i]! === 6 && isLowerCode(text.charCodeAt(nStarts[i]!)) && text.startsWith('doctor', nStarts[i]!)
        && isVocabularyWord(fold(text.slice(a + 1, e))) && ((lex.get(fold(text.slice(a + 1, e))) ?? 0) & LEX_FIRST) === 0) continue;
      if (lowerNameWord(text, a + 1, e, lex, false) || lowerAfterTitle(text, nStarts[i]!, nEnds[i]!, a + 1, e, lex)) {
        // (and a first name after the surname: "mme boucher germaine"; or, after a first name, its surname: "doctor amanda lee")
        if (cc(text, e) === 32) {
          const e2 = lowerWordEnd(text, e + 1);
          if (e2 > e + 1 && lowerFirstName(text, e + 1, e2, lex, true)) e = e2;
          else if (((lex.get(fold(text.slice(a + 1, e))) ?? 0) & (LEX_FIRST | LEX_AMBIG)) === LEX_FIRST) e = surnameWordAfter(text, e, lex);
        }
        spans.push({ start: s0, end: e, label: 'NAME', score: 0.8, rule: 'name-title' });
      }
      continue;
    }
    // (cc: -1 at the text's end, where charCodeAt's NaN, read out of bounds, sent the compiled function back to the interpreter)
    const f = nFlags[i]!, te = nEnds[i]!, after = cc(text, te);
    // (a colon first: most tokens are no field)
    // ("In attendance:" in lower case too)
    if ((f & (F_CAP | F_CUE)) && (after === 58 || (after === 32 && cc(text, te + 1) === 58))
      && te - nStarts[i]! >= 5 && LIST_FIELDS.has(fold(text.slice(nStarts[i]!, te)))) { peopleList(text, te, spans, lex); continue; }
    // a surname in upper case at a line's start or after a field's cue, then a first name typed in lower case: "RHIFDA aziz",
    // "pat : LE ROUX jean-yves", "pt: GARCIA-LOPEZ, ramon"
    const lowerAt = after === 32 ? te + 1 : after === 44 && cc(text, te + 1) === 32 ? te + 2 : -1;
    if ((f & (F_UPPER | F_STOP | F_TITLE | F_CUE | F_CITY | F_PROF | F_CRED)) === F_UPPER && lowerAt > 0
      && isLowerCode(text.charCodeAt(lowerAt)) && te - nStarts[i]! >= 2 && (lineStartAt(text, nStarts[i]!) || afterFieldCue(i))) {
      const e = lowerWordEnd(text, lowerAt);
      // (an ambiguous first name too after a known surname that is no word: "DUPONT marie")
      const knownSurname = (f & (F_SUR | F_AMBIG | F_WORDNAME)) === F_SUR;
      // (with the surname's particles: "LE ROUX jean-yves")
      let first = i;
      while (first > 0 && (nFlags[first - 1]! & F_PART) && nEnds[first - 1]! + 1 === nStarts[first]) first--;
      if (e > lowerAt && lowerFirstName(text, lowerAt, e, lex, knownSurname)) spans.push({ start: nStarts[first]!, end: e, label: 'NAME', score: 0.7, rule: 'name-upper-lower' });
      continue;
    }
    // a first name typed in lower case (and an initial) before a credential: "handoff to lucia m. RN", "SN: carla r, RN"
    if ((f & F_CRED) || (f & (F_PROF | F_UPPER)) === (F_PROF | F_UPPER)) lowerNameBeforeCredential(text, nStarts[i]!, spans, lex);
    // a lower-case first name after a role (its colon), and a surname in capitals after it: "IDE fanny", "MK : yohann FERRAND"
    // (after a role's colon in any case, a surname of the dictionaries that is no word too: "MA: lupe", "Recorder: kenji t.")
    const roleColon = after === 58 || (after === 32 && cc(text, te + 1) === 58);
    if ((f & (F_PROF | F_CRED)) && ((f & F_UPPER) || roleColon) && (after === 32 || after === 58)) {
      let a = te;
      while (cc(text, a) === 32 || cc(text, a) === 58) a++;
      const e = a - te <= 3 ? lowerWordEnd(text, a) : a;
      // (a month's name is a first name there with an initial after it: "scribe: april m")
      if (e > a && (lowerFirstName(text, a, e, lex, true) || (roleColon && (lowerNameWord(text, a, e, lex, false)
        || (MONTH_NAMES.has(fold(text.slice(a, e))) && cc(text, e) === 32 && isLowerCode(cc(text, e + 1)) && !isWordLetter(cc(text, e + 2)))))) && !KIN_NOT_NAME.has(fold(text.slice(a, e)))) {
        let end = e;
        if (text.charCodeAt(e) === 32 && isUpperCode(cc(text, e + 1))) {
          let u = e + 1;
          while (u < text.length && (isUpperCode(text.charCodeAt(u)) || text.charCodeAt(u) === 45)) u++;
          if (u - e - 1 >= 2 && !isWordLetter(cc(text, u))) end = u;
        } else if (roleColon && text.charCodeAt(e) === 32 && isLowerCode(cc(text, e + 1))) {
          // (after a field's colon, a lower-case surname of the dictionaries or an initial: "Recorder: kenji tanaka", "kenji t.")
          const e2 = lowerWordEnd(text, e + 1);
          if (e2 === e + 2 && cc(text, e2) === 46) end = e2 + 1;
          // (an initial without its dot before a bracket or the line's end: "scribe: april m (pre-med volunteer)")
          else if (e2 === e + 2 && (cc(text, e2) === 10 || cc(text, e2) === -1 || (cc(text, e2) === 32 && cc(text, e2 + 1) === 40))) end = e2;
          else if (e2 > e + 1 && lowerNameWord(text, e + 1, e2, lex, true)) end = e2;
        }
        spans.push({ start: a, end, label: 'NAME', score: 0.6, rule: 'name-lower-role' });
      }
    }
    // a care role's abbreviation that is a word too (a stop word: "MA", "PT"), then a lower-case first name of the lists that is no
    // word: "PT marisol wants to eval", "MA: kayla", "Asst: kayla (RDA)"; after its colon, a surname of the lists too ("MA: lupe")
    // (the lower-case letter after it first: most short capitalized words are no role)
    if ((f & F_CAP) && te - nStarts[i]! <= 4 && (after === 32 || after === 58)) {
      let a = te;
      while (cc(text, a) === 32 || cc(text, a) === 58) a++;
      const e = a - te <= 3 && isLowerCode(cc(text, a)) && ROLE_ABBRS.has(text.slice(nStarts[i]!, te)) ? lowerWordEnd(text, a) : a;
      if (e > a && (lowerFirstName(text, a, e, lex, false) || (roleColon && lowerNameWord(text, a, e, lex, false)))) spans.push({ start: a, end: e, label: 'NAME', score: 0.6, rule: 'name-lower-role' });
    }
    // a lower-case credential, then a dictionary first name that is no word, in lower case: "cna darnell reports", "rn keisha aware"
    if (!(f & F_CAP) && (f & (F_CRED | F_PROF)) && after === 32 && te - nStarts[i]! <= 3 && LOWER_CREDENTIALS.has(text.slice(nStarts[i]!, te))) {
      const e = lowerWordEnd(text, te + 1);
      if (e > te + 1 && lowerFirstName(text, te + 1, e, lex, false)) spans.push({ start: te + 1, end: e, label: 'NAME', score: 0.6, rule: 'name-lower-role' });
    }
    // lower-case initials as a role's field value: "IDE : jb / AS : Nadège"; or initials in capitals, no acronym: "OPER: LQ"
    if ((f & (F_PROF | F_CRED)) && (after === 58 || (after === 32 && text.charCodeAt(te + 1) === 58))) {
      let a = after === 58 ? te + 1 : te + 2;
      while (text.charCodeAt(a) === 32) a++;
      const e = lowerWordEnd(text, a);
      if (e - a >= 2 && e - a <= 3 && lowerInitials(text.slice(a, e)) && !isWordLetter(cc(text, e)) && cc(text, e) !== 46) spans.push({ start: a, end: e, label: 'NAME', score: 0.6, rule: 'name-lower-initials' });
      else if (e === a) {
        let u = a;
        while (u - a < 4 && isUpperAscii(cc(text, u))) u++;
        const z = cc(text, u);
        if (u - a >= 2 && u - a <= 3 && (u === text.length || z === 10 || z === 13 || z === 44 || z === 59 || z === 124 || z === 41 || z === 47)
          && ((lex.get(text.slice(a, u)) ?? 0) & (LEX_STOP | LEX_ACRO | LEX_CRED | LEX_CUE | LEX_TITLE | LEX_PROF)) === 0) spans.push({ start: a, end: u, label: 'NAME', score: 0.6, rule: 'name-lower-initials' });
      }
    }
    // a first name typed in lower case after a carer's role in lower case ("l'infirmière soizic", "la secrétaire martine", "ide yann :"):
    // a dictionary first name that is no ordinary word
    if (after === 32 && !(f & F_CAP) && isLowerCode(cc(text, te + 1)) && LOWER_ROLES.has(text.slice(nStarts[i]!, te))) {
      const e = lowerWordEnd(text, te + 1);
      if (e > te + 1 && lowerFirstName(text, te + 1, e, lex, false)) {
        // (the patient's surname after the first name, a surname of the lists, a word too: "for patient jonathan rivers")
        const z = PATIENT_ROLES.has(text.slice(nStarts[i]!, te)) ? surnameWordAfter(text, e, lex) : e;
        spans.push({ start: te + 1, end: z, label: 'NAME', score: 0.7, rule: 'name-lower-role' }); continue;
      }
    }
    if (!(nFlags[i]! & F_CUE)) continue;
    // a first name typed in lower case after a kinship word ("vu avec sa fille nadia", "per daughter kim", "his wife, mary"):
    // a dictionary first name that is no ordinary word
    if ((after === 32 || (after === 44 && text.charCodeAt(te + 1) === 32)) && (f & F_KIN) !== 0) {
      // (in brackets too: "appel de la fille (rose)")
      const a = after === 32 ? (text.charCodeAt(te + 1) === 40 ? te + 2 : te + 1) : te + 2;
      if (a === te + 2 && after === 32) {
        const e = lowerWordEnd(text, a);
        if (e > a && text.charCodeAt(e) === 41 && lowerFirstName(text, a, e, lex, true)) { spans.push({ start: a, end: e, label: 'NAME', score: 0.7, rule: 'name-kin-lower' }); continue; }
      }
      let e = lowerWordEnd(text, a);
      // (a possessive: "friend nico's phone")
      if (e - a > 2 && possessiveAt(text, e)) e -= 2;
      // (a first name that is also a word too, unless a modal or a verb: "wife joy at bedside", "son hunter flying in"; not "wife will bring")
      // (not another kinship word: French "son mari", "sa fille")
      // (or a surname of the lists that is no word either: "wife ngozi stayed", a first name the lists hold as a surname)
      // (not "grâce à", French's "thanks to": "son frère grâce à qui…"; "dtr grace staying" is a name)
      if (e > a && !KIN.has(fold(text.slice(a, e))) && (lowerFirstName(text, a, e, lex, false) || (after === 32 && lowerNameWord(text, a, e, lex, false))
        || (after === 32 && lowerFirstName(text, a, e, lex, true) && !KIN_NOT_NAME.has(fold(text.slice(a, e))) && !(e - a === 5 && /^ (?:à|a|au|aux) /.test(text.slice(e, e + 5)) && fold(text.slice(a, e)) === 'GRACE')))) {
        spans.push({ start: a, end: e, label: 'NAME', score: 0.7, rule: 'name-kin-lower' });
        lowerListAfter(text, e, spans, lex);
        continue;
      }
    }
    // (a colon within 26 characters on the token's line: the next colon and line break after it, kept as the tokens go forward)
    let a = nEnds[i]!;
    if (nextColon < a) nextColon = indexOrEnd(text, ':', a);
    if (nextBreak < a) nextBreak = indexOrEnd(text, '\n', a);
    const colon = nextColon;
    if (colon >= a + 26 || colon >= nextBreak) continue;
    a = colon + 1;
    while (text.charCodeAt(a) === 32) a++;
    if (!fieldBefore(text, i, a) && !(colon - nEnds[i]! <= 1 && PATIENT_FIELDS.has(fold(text.slice(nStarts[i]!, nEnds[i]!))))) continue;
    let e = a, words = 0;
    for (;;) {
      const w = lowerWordEnd(text, e);
      if (w === e || !lowerNameWord(text, e, w, lex, false)) break;
      e = w; words++;
      if (words === 3 || text.charCodeAt(e) !== 32) break;
      const next = lowerWordEnd(text, e + 1);
      if (next === e + 1 || !lowerNameWord(text, e + 1, next, lex, false)) {
        // (after a first name, a surname of the lists that is a word too: "pt: hailey brooks", not "pt: hailey has fever")
        if (words === 1) e = surnameWordAfter(text, e, lex);
        break;
      }
      e++;
    }
    // (a first name and a surname that are also words: "pt: rich young")
    if (words === 0) {
      const w1 = lowerWordEnd(text, a);
      if (w1 > a && text.charCodeAt(w1) === 32 && (lowerFirstName(text, a, w1, lex, true) || ((lex.get(fold(text.slice(a, w1))) ?? 0) & LEX_SUR) !== 0) && !STOP.has(fold(text.slice(a, w1)))) {
        const w2 = lowerWordEnd(text, w1 + 1);
        if (w2 > w1 + 1 && ((lex.get(fold(text.slice(w1 + 1, w2))) ?? 0) & LEX_SUR) !== 0 && !STOP.has(fold(text.slice(w1 + 1, w2)))) { e = w2; words = 2; }
      }
    }
    // (a surname, known or not, then a comma and a dictionary first name that is no word: "pt: garcia, mateo", "pt: delacroix-ybarra, mateo")
    const se = words > 0 ? e : lowerWordEnd(text, a);
    if (se > a && (words > 0 || se - a >= 2) && text.charCodeAt(se) === 44 && text.charCodeAt(se + 1) === 32) {
      const fe = lowerWordEnd(text, se + 2);
      if (fe > se + 2 && lowerFirstName(text, se + 2, fe, lex, false)) { e = fe; words++; }
    }
    if (words > 0) spans.push({ start: a, end: e, label: 'NAME', score: 0.8, rule: 'name-field' });
  }
}
/** The lower-case roles that name the patient (LOWER_ROLES): a surname may follow the first name there. */
const PATIENT_ROLES = new Set(['pt', 'patient', 'patiente', 'pte']);
/**
 * After a lower-case first name ending at e: the end of a lower-case surname of the lists after its space — in English a
 * word too ("brooks", "rivers") — no stop word, three letters or more, not before a possessive or a verb's apostrophe; else e.
 */
/** A French verb right after a person's name: "mme josette poirier est venue", "… a appelé", "… va mieux". */
const AFTER_NAME_FR = /^(?:est|a|va|vient|revient|sera|était|etait|appelle|rappelle|souhaite|demande|présente|presente|se|s'|dit|signale)(?![A-Za-zÀ-ÿ])/;
function surnameWordAfter(text: string, e: number, lex: Lexicon): number {
  if (text.charCodeAt(e) !== 32 || !isLowerCode(cc(text, e + 1))) return e;
  const z = lowerWordEnd(text, e + 1);
  if (z - e - 1 < 3 || cc(text, z) === 39 || cc(text, z) === 8217) return e;
  const w = fold(text.slice(e + 1, z));
  const bits = lex.get(w) ?? 0;
  // (in French, a word of the lists only where the clause ends after it or a verb follows — "appel de mme josette vallée.",
  // "mme josette poirier est venue" —: a participle follows the patient's first name there, "patiente yasmina vue ce jour")
  if ((bits & LEX_SUR) === 0 || STOP.has(w) || KIN.has(w)) return e;
  if (lexLang === 'fr' && (bits & LEX_AMBIG) !== 0) {
    const c = cc(text, z);
    const ends = c === -1 || c === 44 || c === 59 || c === 58 || c === 46 || c === 40 || c === 41 || c === 10 || c === 13 || Number.isNaN(c);
    return ends || (c === 32 && AFTER_NAME_FR.test(text.slice(z + 1, z + 12))) ? z : e;
  }
  // (a word of the lists ends the name where a field or the clause ends after it — "hailey brooks, dob", "jonathan rivers date
  // of birth" — not before the clause a verb starts: "pt marisol says she…")
  if ((bits & LEX_AMBIG) === 0) return z;
  const c = cc(text, z);
  if (c === -1 || c === 44 || c === 59 || c === 58 || c === 46 || c === 40 || c === 41 || c === 10 || c === 13) return z;
  return c === 32 && AFTER_PATIENT_NAME.test(text.slice(z + 1, z + 8)) ? z : e;
}
/** What follows a patient's name in a note's header: a birth date's or a record's word, or a number. */
const AFTER_PATIENT_NAME = /^(?:date|dob|d\.o\.b|ddn|born|n[ée]e?\b|mrn|age|aged|\d)/i;
/** The first index of `s` in `text` at or after `from`, or the text's length. */
function indexOrEnd(text: string, s: string, from: number): number { const k = text.indexOf(s, from); return k < 0 ? text.length : k; }
/**
 * A lower-case word after a title that the dictionaries alone would not take: after a doctor's title
 * ("dr", "docteur", "pr"), any word that is no ordinary word after one ("d/w dr okafor", "dr castres";
 * not "dr visit", "dr aware"); after mme, mr, m., madame…, a dictionary name that is also a word
 * ("mme boucher", "mme rose"; not "mme va mieux").
 */
const AFTER_DR_NOT = new Set(['VISIT', 'VISITS', 'OFFICE', 'APPT', 'APPOINTMENT', 'NOTE', 'NOTES', 'ORDER', 'ORDERS', 'AWARE', 'NOTIFIED', 'CALLED', 'SAID', 'SAYS', 'STATES',
  'RECOMMENDS', 'RECOMMENDED', 'WILL', 'WOULD', 'ORDERED', 'PAGED', 'UPDATED', 'INFORMED', 'PREVENU', 'PREVENUE', 'APPELE', 'AVISE', 'PASSE', 'PASSERA', 'VIENT', 'VU',
  'DEMAIN', 'HIER', 'AUJOURD', 'MATIN', 'SOIR', 'MIDI', 'NUIT', 'ICI', 'ALORS', 'DONC', 'AUSSI', 'BIEN', 'ENCORE', 'TOUJOURS', 'JAMAIS', 'DEJA', 'ENSUITE', 'PUIS',
  'DE', 'DU', 'DES', 'GARDE', 'TRAITANT', 'REFERENT', 'SPECIALISTE', 'ASTREINTE', 'URGENTISTE', 'INTERNE', 'RESPONSABLE', 'ON', 'CALL', 'TEAM', 'SERVICE', 'CONSULT',
  'FOLLOW', 'FOLLOWUP', 'REFERRAL', 'LETTER', 'REPORT', 'RECS', 'PLAN', 'AGREES', 'AGREED', 'CONCURS', 'STATED']);
const VERB_AFTER_TITLE = new Set(['VA', 'EST', 'A', 'SE', 'DIT', 'SERA', 'ETAIT', 'AVAIT', 'PEUT', 'DOIT', 'VEUT', 'FAIT', 'REFUSE', 'ACCEPTE', 'SOUHAITE', 'PRESENTE', 'IS', 'WAS', 'HAS', 'SAYS',
  'PARLE', 'DEMANDE', 'VIENT', 'EXPLIQUE', 'SIGNALE', 'RAPPORTE', 'DECLARE', 'PLEURE', 'MANGE', 'DORT', 'SEMBLE', 'RESTE', 'REVIENT', 'APPELLE', 'TELEPHONE', 'PASSE',
  'ARRIVE', 'PART', 'SORT', 'REPREND', 'PREND', 'VOIT', 'SAIT', 'RACONTE', 'EXPRIME', 'EVOQUE', 'DECRIT', 'INDIQUE', 'PRECISE', 'RECONNAIT', 'NIE', 'ATTEND', 'VIT', 'HABITE',
  'TRAVAILLE', 'MARCHE', 'TOUSSE', 'SAIGNE', 'ASKS', 'STATES', 'REPORTS', 'DENIES', 'WANTS', 'CALLED', 'ASKED']);
const PERSON_TITLES = new Set(['MME', 'MR', 'MRS', 'MS', 'M', 'MADAME', 'MONSIEUR', 'MLLE', 'MADEMOISELLE']);
function lowerAfterTitle(text: string, ts: number, te: number, a: number, e: number, lex: Lexicon): boolean {
  if (e - a < 3) return false;
  const title = fold(text.slice(ts, te)).replace('.', '');
  const key = fold(text.slice(a, e));
  // (a month after a person's title is a surname: "mr janvier", as "M. Janvier")
  if (PERSON_TITLES.has(title) && FULL_MONTH_NAMES.has(key) && ((lex.get(key) ?? 0) & LEX_SUR) !== 0) return true;
  if (STOP.has(key) || VERB_AFTER_TITLE.has(key) || AFTER_DR_NOT.has(key)) return false;
  const lx = lex.get(key) ?? 0;
  // (a doctor's title: any word of no list, or a name of the lists; not "pr", French notes' "pour", nor "interne", a role)
  // (a word of no list only after a title typed in lower case too, "d/w dr okafor": "Dr absent" stays)
  // ("doctor" written whole in lower case is English prose's word too: "tell doctor about travel" — a name of the lists only)
  if (title === 'DOCTOR' && isLowerCode(text.charCodeAt(ts))) return (lx & (LEX_SUR | LEX_FIRST)) !== 0;
  if (title === 'DR' || title === 'DOCTEUR' || title === 'DOCTOR') return (lx === 0 && isLowerCode(text.charCodeAt(ts))) || (lx & (LEX_SUR | LEX_FIRST)) !== 0;
  return PERSON_TITLES.has(title) && (lx & (LEX_SUR | LEX_FIRST)) !== 0;
}
/** Token i follows a cue and a colon, itself or after particles: "pat : LE ROUX" (the surname's first upper-case token or its particle). */
function afterFieldCue(i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (nFlags[j]! & F_PART) && nEnds[j]! + 1 === nStarts[j + 1]) j--;
  return j >= 0 && (nFlags[j]! & F_CUE) !== 0 && colonBetween(nText, nEnds[j]!, nStarts[j + 1]!);
}
/** Before a credential at c: [", "] [a lower-case initial, with or without its dot] and a lower-case dictionary first name. */
function lowerNameBeforeCredential(text: string, c: number, spans: Span[], lex: Lexicon): void {
  let e = c - 1;
  // (the credential in brackets: "ambulated w/ jorge (pct)")
  if (text.charCodeAt(e) === 40 && text.charCodeAt(e - 1) === 32) e--;
  if (text.charCodeAt(e) !== 32) return;
  if (text.charCodeAt(e - 1) === 44) e--;
  // (an initial: "m.", "r")
  let k = e;
  if (text.charCodeAt(k - 1) === 46) k--;
  if (isLowerCode(text.charCodeAt(k - 1)) && text.charCodeAt(k - 2) === 32) k -= 2; else k = e;
  const end = k;
  let a = end;
  while (a > 0 && isLowerCode(text.charCodeAt(a - 1))) a--;
  if (a === end || (a > 0 && isWordLetter(text.charCodeAt(a - 1)))) return;
  // (a hyphenated surname after an initial, a part of it a surname of the dictionaries: "co-signed h. abernathy-cole md")
  if (a >= 5 && text.charCodeAt(a - 1) === 45 && isLowerCode(text.charCodeAt(a - 2))) {
    let h = a - 1;
    while (h > 0 && isLowerCode(text.charCodeAt(h - 1))) h--;
    if (h >= 4 && text.charCodeAt(h - 1) === 32 && text.charCodeAt(h - 2) === 46 && isLowerCode(text.charCodeAt(h - 3)) && !isWordLetter(cc(text, h - 4))
      && (((lex.get(fold(text.slice(h, a - 1))) ?? 0) | (lex.get(fold(text.slice(a, end))) ?? 0)) & LEX_SUR) !== 0) {
      spans.push({ start: h - 3, end: e, label: 'NAME', score: 0.7, rule: 'name-lower-credential' });
    }
    return;
  }
  // (a login: "PACU NOTE 10:40 (lmcandrews, RN)")
  if (end === e && text.charCodeAt(a - 1) === 40 && initialAndSurname(text.slice(a, end), lex)) { spans.push({ start: a, end, label: 'NAME', score: 0.6, rule: 'name-lower-credential' }); return; }
  if (lowerFirstName(text, a, end, lex, false)) {
    // (with a first name before it: "tiffany nguyen rn")
    let f = a - 1;
    while (f > 0 && isLowerCode(text.charCodeAt(f - 1))) f--;
    const start = end === e && text.charCodeAt(a - 1) === 32 && f < a - 1 && !(f > 0 && isWordLetter(text.charCodeAt(f - 1))) && lowerFirstName(text, f, a - 1, lex, true) ? f : a;
    spans.push({ start, end: e, label: 'NAME', score: 0.7, rule: 'name-lower-credential' });
    return;
  }
  // lower-case initials before a credential typed in lower case: "report given by kc rn to mjb rn" (not "the new rn", "4 cm, DDS")
  // (or in capitals after a line's start or a colon: "Contre-vérif bloc : mc IBODE")
  if (end === e && end - a >= 2 && end - a <= 3 && (isLowerCode(text.charCodeAt(c)) || /(?:^|\n|: ?)$/.test(text.slice(Math.max(0, a - 2), a))) && lowerInitials(text.slice(a, end))) { spans.push({ start: a, end, label: 'NAME', score: 0.6, rule: 'name-lower-credential' }); return; }
  // a surname after a first name or an initial: "tiffany nguyen rn", "k. brooks rn"
  if (end !== e || a < 2 || text.charCodeAt(a - 1) !== 32) return;
  let f = a - 1;
  if (text.charCodeAt(f - 1) === 46 && isLowerCode(text.charCodeAt(f - 2)) && !isWordLetter(cc(text, f - 3))) {
    // (a first name before the initial vouches for any surname: "jenna w. lindqvist, pa-c")
    let h = f - 3;
    while (h > 0 && isLowerCode(text.charCodeAt(h - 1))) h--;
    const first = h < f - 3 && text.charCodeAt(f - 3) === 32 && !(h > 0 && isWordLetter(text.charCodeAt(h - 1))) && lowerFirstName(text, h, f - 3, lex, false);
    if (first || ((lex.get(fold(text.slice(a, end))) ?? 0) & LEX_SUR) !== 0) spans.push({ start: first ? h : f - 2, end: e, label: 'NAME', score: 0.7, rule: 'name-lower-credential' });
    return;
  }
  while (f > 0 && isLowerCode(text.charCodeAt(f - 1))) f--;
  if (f === a - 1 || (f > 0 && isWordLetter(text.charCodeAt(f - 1)))) return;
  // (a first name that is also a word when the surname is a dictionary surname that is none: "jess kaminski rn")
  if (lowerFirstName(text, f, a - 1, lex, lowerNameWord(text, a, end, lex, true))) spans.push({ start: f, end: e, label: 'NAME', score: 0.7, rule: 'name-lower-credential' });
}
/** Roles after a title and an article, no surnames: "M. le maire", "Mme la présidente". */
const TITLE_ROLES = new Set(['MAIRE', 'PRESIDENT', 'PRESIDENTE', 'DIRECTEUR', 'DIRECTRICE', 'DOCTEUR', 'PROFESSEUR', 'JUGE', 'PROCUREUR', 'PREFET', 'CURE',
  'PASTEUR', 'MINISTRE', 'DEPUTE', 'SENATEUR', 'NOTAIRE', 'COMMISSAIRE', 'COLONEL', 'GENERAL', 'CAPITAINE', 'LIEUTENANT', 'COMMANDANT', 'CHEF', 'CADRE',
  'GERANT', 'GERANTE', 'RESPONSABLE', 'CONSEILLER', 'CONSEILLERE', 'MEDECIN', 'SECRETAIRE', 'TUTEUR', 'TUTRICE', 'CURATEUR', 'CURATRICE', 'MANDATAIRE']);
/** Lower-case particles of surnames ("da costa", "le goff", "van der berg", "de la tour"). */
const LOWER_PARTICLES = new Set(['de', 'du', 'des', 'da', 'do', 'dos', 'das', 'di', 'del', 'della', 'le', 'la', 'van', 'von', 'der', 'den', 'ben', 'bin', 'ibn', 'el', 'al', 'mc', 'st']);
/**
 * The end of a surname that starts with a particle at [a, e) in lower case, the whole (particles and word) a surname of the
 * dictionaries: "da costa", "le goff", "de la tour" (-1 when none).
 */
function particleSurnameEnd(text: string, a: number, e: number, lex: Lexicon): number {
  if (!LOWER_PARTICLES.has(text.slice(a, e))) return -1;
  let k = e;
  for (let words = 0; words < 2; words++) {
    const b = lowerWordEnd(text, k + 1);
    if (b - k - 1 < 2) return -1;
    const bits = lex.get(fold(text.slice(a, b))) ?? 0;
    if ((bits & LEX_SUR) !== 0 && (bits & LEX_CITY) === 0 && !TITLE_ROLES.has(fold(text.slice(k + 1, b)))) return b;
    if (!LOWER_PARTICLES.has(text.slice(k + 1, b)) || cc(text, b) !== 32) return -1;
    k = b;
  }
  return -1;
}
/** The list's next words after a lower-case name at e: ", " / " et " / " and " and a dictionary first name that is no word ("ses enfants nadia et karim"), up to three. */
function lowerListAfter(text: string, e: number, spans: Span[], lex: Lexicon): void {
  for (let listed = 0; listed < 3; listed++) {
    // (an age after each: "kids (luz 9, gabi 6)")
    if (text.charCodeAt(e) === 32 && isDigitCode(cc(text, e + 1))) { const d = isDigitCode(cc(text, e + 2)) ? e + 3 : e + 2; if (cc(text, d) === 44) e = d; }
    const c = text.charCodeAt(e);
    let a: number;
    if (c === 44 && text.charCodeAt(e + 1) === 32) a = e + 2;
    else if (c === 32 && text.charCodeAt(e + 1) === 101 && text.charCodeAt(e + 2) === 116 && text.charCodeAt(e + 3) === 32) a = e + 4;
    else if (c === 32 && text.charCodeAt(e + 1) === 97 && text.charCodeAt(e + 2) === 110 && text.charCodeAt(e + 3) === 100 && text.charCodeAt(e + 4) === 32) a = e + 5;
    else return;
    const b = lowerWordEnd(text, a);
    if (b === a || !lowerFirstName(text, a, b, lex, false)) return;
    spans.push({ start: a, end: b, label: 'NAME', score: 0.6, rule: 'name-kin-lower' });
    e = b;
  }
}
/** A patient's fields whose value is a name ("pt: rich young", "Patient : marie durand"). */
const PATIENT_FIELDS = new Set(['PT', 'PAT', 'PATIENT', 'PATIENTE', 'NAME', 'CLIENT', 'RESIDENT', 'RES']);
/** Words of 2-3 letters that are no initials (before "rn": "the new rn", "day rn", "our rn"; a legend's initials in lower case, document-names.ts). */
export const NOT_LOWER_INITIALS = new Set([
  'the', 'new', 'day', 'our', 'his', 'her', 'any', 'one', 'two', 'see', 'per', 'via', 'for', 'and', 'was', 'has', 'had', 'by', 'to', 'an', 'as',
  'at', 'of', 'on', 'or', 'my', 'no', 'pm', 'am', 'ed', 'er', 'icu', 'ccu', 'ob', 'pacu', 'le', 'la', 'de', 'du', 'un', 'et', 'au', 'son', 'sa',
  'ta', 'ma', 'nos', 'cm', 'mm', 'kg', 'mg', 'ml', 'dl', 'cc', 'lb', 'lbs', 'hr', 'hrs', 'min', 'sec', 'bpm', 'ras', 'abs', 'nr', 'nd', 'na', 'ok',
  'ttt', 'rdv', 'cf', 'vu', 'prn', 'nfs', 'sp', 'pt', 'pts', 'dr', 'tx', 'rx', 'hx', 'dx', 'sx', 'in', 'if', 'is', 'it', 'be', 'do', 'go', 'he',
  'me', 'so', 'up', 'us', 'we', 'but', 'not', 'are', 'she', 'him', 'can', 'did', 'may', 'en', 'il', 'ne', 'se', 'ce', 'ou', 'les', 'des', 'une',
  'est', 'par', 'pas', 'ses', 'yo']);
/** Lower-case initials: 2 letters, or 3 with one vowel at most, no word of the list. */
export function lowerInitials(w: string): boolean {
  if (NOT_LOWER_INITIALS.has(w) || !/^[a-z]{2,3}$/.test(w)) return false;
  return w.length === 2 || w.replace(/[^aeiouy]/g, '').length <= 1;
}
/** Plural care-team fields whose value is a list of people ("Infirmiers : theodore roux, marie cécile lefevre"). */
const LIST_FIELDS = new Set(['INFIRMIERS', 'INFIRMIERES', 'INTERNES', 'EXTERNES', 'PRESENTS', 'PARTICIPANTS', 'INTERVENANTS', 'MEDECINS',
  'SIGNATAIRES', 'NURSES', 'ATTENDINGS', 'RESIDENTS', 'PRESENT', 'ATTENDEES', 'PARTICIPANTES', 'PRESENTES', 'ATTENDANCE', 'STAFF',
  // (a meeting's absent members: "Excusés : Dr Léa Morel, Yann Kervella", "Apologies: …")
  'EXCUSES', 'EXCUSEE', 'EXCUSEES', 'ABSENTS', 'ABSENTES', 'APOLOGIES']);
const LIST_ITEM_WORD = /^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’-]*\.?$/;
/**
 * The list after a plural care-team field's colon, to the line's end: each item (between ',', ';',
 * " et ", " and ") of one to four words, in any case, with a dictionary first name or surname that is
 * no ordinary word among them and no stop word, is a NAME; the first other item ends the list.
 */
function peopleList(text: string, from: number, spans: Span[], lex: Lexicon): void {
  let a = from;
  while (text.charCodeAt(a) === 32) a++;
  if (text.charCodeAt(a) !== 58) return;
  let end = text.indexOf('\n', a);
  if (end < 0) end = text.length;
  const line = text.slice(a + 1, end);
  const item = /[^,;(]+?(?= et | and | ?\(|[,;]|$)/gy;
  let pos = 0;
  for (;;) {
    while (pos < line.length && (line[pos] === ' ' || line[pos] === ',' || line[pos] === ';')) pos++;
    // (a bracket after an item is its detail: "doula Wren Marsh (North London Doula Collective, 07723 550 118)")
    if (line[pos] === '(') { const close = line.indexOf(')', pos); if (close < 0) return; pos = close + 1; continue; }
    if (line.startsWith('et ', pos) || line.startsWith('and ', pos)) pos += line[pos] === 'e' ? 3 : 4;
    if (pos >= line.length) return;
    item.lastIndex = pos;
    const m = item.exec(line);
    if (m === null) return;
    pos = m.index + m[0].length;
    // the item's words, a title before them left out ("Dr Le Deley"), a sentence's dot after them too
    let s0 = a + 1 + m.index + (m[0].length - m[0].trimStart().length);
    let e0 = a + 1 + m.index + m[0].trimEnd().length;
    let words = text.slice(s0, e0).split(/ +/);
    // (and a role or a kinship word in lower case: "partner Abdirahman Hassan Farah", "doula Wren Marsh")
    let roled = false;
    while (words.length > 1 && (TITLES.has(fold(words[0]!)) || (isLowerCode(words[0]!.charCodeAt(0)) && (KIN.has(fold(words[0]!)) || PROFESSIONS.has(fold(words[0]!)))))) { s0 += words[0]!.length + 1; words = words.slice(1); roled = true; }
    const last = words[words.length - 1]!;
    if (last.length > 2 && last.endsWith('.')) e0--;
    // (an item that is no name is passed over: "Kenji Takahashi (House Manager); …, RN; …"; a quoted nickname is a word: 'Rosalind "Roz" Mbeki-Carter')
    if (words.length > 5 || !words.every((w) => LIST_ITEM_WORD.test(w.replace(/^["“]([^"”]+)["”]$/, '$1')))) continue;
    let known = false, stop = false;
    for (const w of words) {
      const k = fold(w.replace(/\.$/, '').replace(/["“”]/g, ''));
      if (STOP.has(k) && !PARTICLES.includes(k)) { stop = true; break; }
      const v = lex.get(k) ?? 0;
      if ((v & (LEX_FIRST | LEX_SUR)) !== 0 && (v & (LEX_AMBIG | LEX_WORDNAME | LEX_CITY)) === 0) known = true;
    }
    // (a known name among the words; or a title or a role before them, or two words or three, the words capitalized: "Tameka Freeman")
    if (stop || (!known && !((roled || words.length >= 2) && words.every((w) => isUpperCode(w.replace(/^["“]/, '').charCodeAt(0)))))) continue;
    spans.push({ start: s0, end: e0, label: 'NAME', score: 0.7, rule: 'name-list' });
    // (its words are looked for again alone: "doula Wren Marsh" … "Wren asked about the pool")
    for (let a = s0; a < e0;) {
      let b = a;
      while (b < e0 && isWordLetter(text.charCodeAt(b))) b++;
      // (not an abbreviation in mixed case, "DSPs")
      if (b > a && !(b - a <= 5 && isUpperCode(text.charCodeAt(a + 1)))) rememberName(text, a, b, 0);
      a = b + 1;
    }
  }
}
/** One field separator (';', '|' or a tab) with spaces around it at most. */
/**
 * The end of the longest city of the dictionary made of two to six words from s, separated by single
 * spaces or hyphens (looked up with hyphens: "Nogent sur Marne" → NOGENT-SUR-MARNE); -1 when none.
 */
function cityWordsEnd(text: string, s: number, lex: Lexicon): number {
  let e = s, best = -1;
  for (let w = 0; w < 6; w++) {
    while (e < text.length && (isWordLetter(text.charCodeAt(e)) || text.charCodeAt(e) === 39 || text.charCodeAt(e) === 8217)) e++;
    if (w > 0 && ((lex.get(fold(text.slice(s, e)).replace(/ /g, '-').replace(/’/g, "'")) ?? 0) & LEX_CITY) !== 0) best = e;
    const c = cc(text, e);
    if ((c === 32 || c === 45) && isWordLetter(cc(text, e + 1))) e++; else break;
  }
  return best;
}
/** A colon right before s, then spaces: "Attending: June Okafor". */
function colonRightBefore(text: string, s: number): boolean {
  let p = s - 1;
  while (p >= 0 && text.charCodeAt(p) === 32) p--;
  return p < s - 1 && p >= 0 && text.charCodeAt(p) === 58;
}
/** Whether only spaces or tabs stand between the start of a line (or of the text) and s. */
export function lineStartAt(text: string, s: number): boolean {
  let p = s - 1;
  while (p >= 0 && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p--;
  return p < 0 || text.charCodeAt(p) === 10 || text.charCodeAt(p) === 13;
}
/** ' ("' or ' (“' between a and b, then '")' or '”)' right after d. */
function bracketNickname(text: string, a: number, b: number, d: number): boolean {
  if (b - a !== 3 || text.charCodeAt(a) !== 32 || text.charCodeAt(a + 1) !== 40) return false;
  const o = text.charCodeAt(a + 2), q = cc(text, d), r = cc(text, d + 1);
  return r === 41 && quotePair(o, q, false);
}
/** A place's preposition and one space before a: " to ", " in ", " from ", " near ", " à ", " au ". */
const PLACE_PREP_BEFORE = /(?<![A-Za-zÀ-ÿ])(?:to|in|from|near|à|au) $/;
function placePrepBefore(text: string, a: number): boolean { return text.charCodeAt(a - 1) === 32 && PLACE_PREP_BEFORE.test(text.slice(Math.max(0, a - 6), a)); }
/** Between two items of a list: ", ", "; ", " and ", " et ". */
const LIST_SEP = /^(?:[,;] ?| and | et )$/;
/** Tokens i and i + 1: a capitalized word of 2 letters or more, one space, an initial with its dot ("Chue L."). */
function firstInitialAt(i: number): boolean {
  if (i + 1 >= nCount || !(nFlags[i]! & F_CAP) || nEnds[i]! - nStarts[i]! < 2 || nText.charCodeAt(nEnds[i]! - 1) === 46) return false;
  return (nFlags[i + 1]! & F_INITIAL) !== 0 && nEnds[i + 1]! - nStarts[i + 1]! === 2 && nStarts[i + 1] === nEnds[i]! + 1 && nText.charCodeAt(nEnds[i]!) === 32;
}
/** A token of i..k in the name lists (a first name or a surname). */
function someListedName(flags: number[], i: number, k: number): boolean {
  for (let q = i; q <= k; q++) if ((flags[q]! & (F_FIRST | F_SUR)) !== 0) return true;
  return false;
}
/** After a language's name and a space or a hyphen: an interpreter, a translator, speaking. */
const LANGUAGE_BEFORE = /^(?:interpreters?|interp|translator|speaking|speaker|interprète|interprete)(?![A-Za-zÀ-ÿ])/i;
/** First letters of LANGUAGE_BEFORE's words (i, t, s). */
const LANGUAGE_FIRST = new Uint8Array(256);
for (const ch of 'its') LANGUAGE_FIRST[ch.charCodeAt(0)] = 1;
/** Languages that are also names of the lists (the others are stop words). */
const NAMED_LANGUAGES = new Set(['Tamil', 'Hindi', 'German', 'Dari', 'Farsi', 'Thai', 'Lao', 'Tamoul', 'TAMIL', 'HINDI', 'GERMAN', 'DARI', 'FARSI', 'THAI', 'LAO']);
/** The first letters of NAMED_LANGUAGES (ASCII capitals): a word of another letter is looked up in no Set. */
const LANGUAGE_INITIAL = new Uint8Array(128);
for (const w of NAMED_LANGUAGES) LANGUAGE_INITIAL[w.charCodeAt(0)] = 1;
/** No lower-case letter around position p up to the line's end and back to its start or a separator (a heading in capitals: "… EMS - NEW PATIENT INTAKE"). */
function upperLine(text: string, p: number): boolean {
  for (let k = p; k < text.length && text.charCodeAt(k) !== 10; k++) if (isLowerCode(text.charCodeAt(k))) return false;
  for (let k = p - 1; k >= 0; k--) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 45 || c === 8212 || c === 8211 || c === 58 || c === 124) return true;
    if (isLowerCode(c)) return false;
  }
  return true;
}
/** Verbs a person is the subject of, in both languages (after a name found again at a sentence's start). */
export const PERSON_VERBS = new Set(['est', 'a', 'était', 'etait', 'sera', 'va', 'vient', 'dit', 'reste', 'présente', 'presente', 'se', "s'", 'ne', "n'", 'semble', 'parle', 'mange',
  'dort', 'joue', 'pleure', 'souhaite', 'refuse', 'accepte', 'déclare', 'declare', 'rapporte', 'signale', 'explique', 'demande', 'vit', 'habite', 'travaille', 'revient', 'sort',
  'is', 'was', 'has', 'had', 'says', 'said', 'reports', 'reported', 'states', 'stated', 'denies', 'denied', 'wants', 'wanted', 'went', 'came', 'called', 'asked', 'agreed',
  'agrees', 'participated', 'tolerated', 'returned', 'refused', 'declined', 'feels', 'felt', 'lives', 'lived', 'works', 'worked', 'attends', 'attended', 'arrived', 'left',
  'smiled', 'enjoys', 'prefers', 'understands', 'verbalized', 'expressed', 'appears', 'appeared', 'remains', 'remained', 'continues', 'got', 'took', 'takes', 'walked', 'ate',
  'asks', 'requests', 'requested', 'needs', 'needed', 'visited', 'visits', 'brought', 'brings', 'helps', 'helped', 'plans', 'planned', 'confirmed', 'confirms',
  'voiced', 'voices', 'declines', 'refuses', 'accepts', 'accepted', 'expresses', 'endorses', 'endorsed', 'cried', 'slept', 'smokes', 'drinks', 'fell',
  'pense', 'veut', 'peut', 'doit', 'sait', 'aime', 'prend', 'passe', 'appelle', 'rappelle', 'confirme', 'indique', 'précise', 'precise', 'raconte', 'souffre', 'boit', 'fume']);
function verbAfter(text: string, a: number): boolean {
  let e = a;
  while (e < text.length && (isLowerCode(text.charCodeAt(e)) || text.charCodeAt(e) === 39 || text.charCodeAt(e) === 8217)) e++;
  return e > a && PERSON_VERBS.has(text.slice(a, e).replace('’', "'"));
}
/** Month names in full, folded (French and English). */
const FULL_MONTH_NAMES = new Set([...MONTHS_FULL.replace(/\[([^\]])[^\]]*\]/g, '$1').split('|').map(fold), 'MAI', 'MAY']);
/** Titles after which a month is a surname ("Mme Avril", "Dr Février"). */
const TITLES_BEFORE_MONTH = new Set(['MME', 'MR', 'MRS', 'MS', 'M', 'MADAME', 'MONSIEUR', 'MLLE', 'MADEMOISELLE', 'DR', 'DOCTEUR', 'PR', 'PROFESSEUR', 'DOCTOR']);
/** A greeting (token g) or a closing before token i in their places; true for every other cue. */
function greetingOrClosingOk(text: string, g: number, i: number): boolean {
  const w = fold(text.slice(nStarts[g]!, nEnds[g]!));
  const greeting = GREETING_SET.has(w), closing = CLOSING_SET.has(w);
  if (!greeting && !closing) return true;
  // (a greeting to no one named: "Dear Colleague,", "Cher Confrère,", "Dear Sir or Madam,")
  if (greeting && SALUTATION_NOUNS.has(fold(text.slice(nStarts[i]!, nEnds[i]!)))) return false;
  let e = nEnds[i]!;
  // (a greeting's name of two or three words: "Dear Ngozi Chukwuemeka,")
  if (greeting) {
    for (let k = i + 1; k < nCount && k <= i + 2 && nStarts[k] === e + 1 && cc(text, e) === 32 && (nFlags[k]! & F_CAP) !== 0 && (nFlags[k]! & (F_STOP | F_TITLE | F_CUE)) === 0; k++) {
      // (a group's name is no person's: "Dear Diabetes Team,", "Dear Hiring Committee,")
      const w = fold(text.slice(nStarts[k]!, nEnds[k]!));
      if (SALUTATION_NOUNS.has(w) || GROUP_WORDS.has(w)) return false;
      e = nEnds[k]!;
    }
  }
  const c = cc(text, e);
  if (greeting) return nStarts[i]! === nEnds[g]! + 1 && (c === 44 || c === 33 || c === 10 || c === 13 || Number.isNaN(c) || (c === 32 && (cc(text, e + 1) === 45 || cc(text, e + 1) === 8211)));
  // (a closing, a comma, a space or a line break, the name, the line's end)
  const gap = text.slice(nEnds[g]!, nStarts[i]!);
  return (gap === ', ' || gap === ',\n' || gap === ',\r\n') && (c === 10 || c === 13 || Number.isNaN(c) || (c === 32 && cc(text, e + 1) === 10));
}
const SALUTATION_NOUNS = new Set(['COLLEAGUE', 'COLLEAGUES', 'SIR', 'SIRS', 'MADAM', 'MADAME', 'CONFRERE', 'CONFRERES', 'CONSOEUR', 'CONSOEURS', 'CONSŒUR',
  'DOCTOR', 'DOCTORS', 'DOCTEUR', 'TEAM', 'ALL', 'FRIEND', 'FRIENDS', 'FAMILY', 'PARENTS', 'PARENT', 'PATIENT', 'MEMBER', 'MEMBERS', 'COLLEGUE',
  'COLLEGUES', 'AMI', 'AMIS', 'EVERYONE', 'PROVIDER', 'PROVIDERS', 'CAREGIVER', 'CAREGIVERS', 'COORDINATOR', 'COMMITTEE', 'RECIPIENT']);
const GROUP_WORDS = new Set(['TEAM', 'COMMITTEE', 'DEPARTMENT', 'DEPT', 'OFFICE', 'CLINIC', 'SERVICE', 'SERVICES', 'STAFF', 'UNIT', 'PROGRAM', 'PROGRAMME',
  'BOARD', 'GROUP', 'CENTER', 'CENTRE', 'HOSPITAL', 'NURSES', 'PHYSICIANS', 'COLLEAGUES', 'PANEL', 'SCHEDULING', 'REGISTRATION', 'ADMISSIONS', 'RECORDS',
  'MANAGER', 'MANAGEMENT', 'COORDINATOR', 'DIRECTOR', 'EQUIPE', 'ÉQUIPE', 'SECRETARIAT', 'SECRÉTARIAT']);
/** Cues that head a document's title in capitals ("NEW PATIENT INTAKE", "INCIDENT REPORT - RESIDENT FALL"). */
const HEADING_CUES = new Set(['PATIENT', 'PATIENTE', 'RESIDENT', 'CLIENT', 'MEMBER', 'STUDENT', 'EMPLOYEE']);
/** Cue words that announce a name only as a form's field, before a colon ("Enfant : Marin", "Participant: Nia"). */
const FIELD_ONLY_CUES = new Set(['ENFANT', 'ELEVE', 'CHILD', 'INFANT', 'NOUVEAU-NE', 'NEWBORN', 'PARTICIPANT', 'ATTENDEES']);
/** Capitalized words after "in" that are no towns: months and their abbreviations, languages. */
const NOT_TOWN_AFTER_IN = new Set(['JAN', 'FEB', 'MAR', 'APR', 'JUN', 'JUL', 'AUG', 'SEP', 'SEPT', 'OCT', 'NOV', 'DEC', ...FULL_MONTH_NAMES, 'ENGLISH', 'FRENCH',
  ...[...NAMED_LANGUAGES].map(fold)]);
/** Week days' abbreviations: no name after a kinship word ("daughters Sat AM"). */
const WEEKDAY_ABBR = new Set(['Mon', 'Tue', 'Tues', 'Wed', 'Thu', 'Thur', 'Thurs', 'Fri', 'Sat', 'Sun', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN', 'Lun', 'Mar', 'Mer', 'Jeu', 'Ven', 'Sam', 'Dim']);
/** Words that introduce a nickname, before its opening quote (a space after each; "prefers" in brackets only: 'prefers "Tylenol"'). */
const NICKNAME_LEAD = /(?:(?<![A-Za-zÀ-ÿ])(?:goes by|go by|be called|known as|nicknamed|a\/k\/a|a\.k\.a\.|aka|surnomm[ée]e?|se fait appeler|l['’]appell?(?:e|ent|ait|aient)|calls? (?:him|her))|\(prefers) $/i;
/** Token [s, e) between quotes, after a word that introduces a nickname: '(goes by "Will")', 'surnommée « Mimi »'. */
function quotedNickname(text: string, s: number, e: number): boolean {
  let o = s - 1, q = e;
  if (text.charCodeAt(o) === 160 || text.charCodeAt(o) === 32) o--;
  if (text.charCodeAt(q) === 160 || text.charCodeAt(q) === 32) q++;
  const a = cc(text, o), b = cc(text, q);
  if (!quotePair(a, b, true)) return false;
  return NICKNAME_LEAD.test(text.slice(Math.max(0, o - 24), o));
}
/** Token [s, e) between straight or curly quotes, then ' (' right before b: '"Sully" (Mike Sullivan)'. */
function quotedBeforeBracket(text: string, s: number, e: number, b: number): boolean {
  const a = cc(text, s - 1), q = cc(text, e);
  return ((a === 34 && q === 34) || (a === 8220 && q === 8221)) && b === e + 3 && text.charCodeAt(e + 1) === 32 && text.charCodeAt(e + 2) === 40;
}
/** An opening and a closing quote of one kind: "…", “…”, «…» (and '…' with `apostrophe`). */
export function quotePair(o: number, q: number, apostrophe: boolean): boolean {
  return (o === 34 && q === 34) || (o === 8220 && q === 8221) || (o === 171 && q === 187) || (apostrophe && o === 39 && q === 39);
}
/** A colon (and spaces only) between a and b: "Pt: Okafor". */
function colonBetween(text: string, a: number, b: number): boolean {
  a = inclusiveEnding(text, a);
  if (b - a > 4) return false;
  let colon = false;
  for (let k = a; k < b; k++) { const c = text.charCodeAt(k); if (c === 58) colon = true; else if (c !== 32) return false; }
  return colon;
}
/**
 * After the French inclusive ending glued to a word at a ("Assuré(e)", "Patient(e)s", "Né(e)"): its end; else a. The
 * ending is "(e)", "(es)" or "(s)", in either case, right after a letter.
 */
export function inclusiveEnding(text: string, a: number): number {
  if (text.charCodeAt(a) !== 40 || !isWordLetter(cc(text, a - 1))) return a;
  let k = a + 1;
  if ((text.charCodeAt(k) | 32) === 101) k++;
  if ((text.charCodeAt(k) | 32) === 115) k++;
  return k > a + 1 && text.charCodeAt(k) === 41 ? k + 1 : a;
}
/** ' "' + nickname + '" ' (or “…”, «…»): the gaps before and after a quoted nickname. */
function nicknameGap(text: string, a: number, b: number, c: number, d: number): boolean {
  if (b - a !== 2 || d - c !== 2 || text.charCodeAt(a) !== 32 || text.charCodeAt(d - 1) !== 32) return false;
  const o = text.charCodeAt(a + 1), q = text.charCodeAt(c);
  return quotePair(o, q, true);
}
function fieldSeparator(text: string, a: number, b: number): boolean {
  if (b - a > 3) return false;
  let seps = 0;
  for (let k = a; k < b; k++) {
    const c = text.charCodeAt(k);
    if (c === 59 || c === 124 || c === 9) seps++;
    else if (c !== 32) return false;
  }
  return seps === 1;
}
/** Spaces, one line break (\n or \r\n), spaces: where a wrapped line was cut. */
function wrapGap(text: string, a: number, b: number): boolean {
  if (b - a > 8) return false;
  let breaks = 0;
  for (let k = a; k < b; k++) {
    const c = text.charCodeAt(k);
    if (c === 10) breaks++;
    else if (c !== 32 && c !== 13) return false;
  }
  return breaks === 1;
}
/** ", " or " " between a name and its credential. */
function credentialGap(text: string, a: number, b: number): boolean {
  if (b - a === 1) return text.charCodeAt(a) === 32;
  if (b - a !== 2) return false;
  if (text.charCodeAt(a) === 44) return text.charCodeAt(a + 1) === 32;
  // (or the credential alone in brackets: "IOA : Céleste (IDE)", not "PACT (RN care mgr …)")
  if (text.charCodeAt(a) !== 32 || text.charCodeAt(a + 1) !== 40) return false;
  let e = b;
  while (isWordLetter(cc(text, e)) || cc(text, e) === 45) e++;
  return cc(text, e) === 41;
}
/** The end of a lower-case surname after the space at `end` ("Caroline pidoux"), else `end`. */
function lowerSurnameAfter(text: string, end: number, lex: Lexicon): number {
  const e = lowerWordEnd(text, end + 1);
  return e > end + 1 && lowerNameWord(text, end + 1, e, lex, true) ? e : end;
}
/**
 * Where a person lives or goes, after a residence cue, even when the place is in no dictionary:
 * "lives in Bristol", "lives with her daughter in Clarksburg" (up to four lower-case words between),
 * "originally from Ohio", "discharged to Brookline", "woman from Brockton", "native of Lowell", "drove him in from
 * Cranston", "MVC on I-95 near Warwick", "habite à Plouguerneau", "vit seule à
 * Saint-Junien", "originaire d'Alger": one to three capitalized tokens (CITY; a country, a state or
 * a facility is over-redacted, never missed). Not after a transfer: "transférée en Réanimation" is
 * a ward.
 */
const RESIDENCE_CUE = /(?<=(?<![A-Za-zÀ-ÿ])(?:lives?|living|resides?|residing|moved|relocated|grew up|originally|discharged|habite|habitant|habitante|vit|vivant|vivante|domicili[ée]e?s?|r[ée]side|r[ée]sidant|r[ée]sidente?|originaire|natif|native|n[ée]e? et (?:a )?grandie?|n[ée]e?s?|born|d[ée]m[ée]nag[ée]e?s?)(?: [A-Za-zà-ÿ'’]+){0,4} (?:(?:in|to|at|from|near|à|au|aux|en|de|du|dans|près de) |d['’])|(?<![A-Za-zÀ-ÿ])habite |(?<![A-Za-zÀ-ÿ])(?:visiting|flying|flew|drove|driving|traveled|travelled|traveling|travelling|arriving|arrived|returning|returned)(?: (?:him|her|them|me|us))?(?: (?:in|back|out|up|down|over|home))? (?:from|to|in) )/iy;
/**
 * Where a person comes from or where an accident happened: "woman from Brockton", "native of Lowell", "MVC on I-95 near
 * Warwick". A word of the language there is no town ("woman from Maintenance", "from Medicaid", "from Group Home").
 */
const ORIGIN_CUE = /(?<=(?<![A-Za-zÀ-ÿ])(?:man|woman|male|female|gentleman|lady|boy|girl|homme|femme) from |(?<![A-Za-zÀ-ÿ])(?:resident|native|citizen) of |(?<![A-Za-zÀ-ÿ])(?:accident|MVC|MVA|crash|collision|wreck|hiking|camping|fishing|hunting)(?: [A-Za-z0-9-]+){0,4} near )/iy;
const W_HOSP_BEFORE = 1, W_RES_BEFORE = 2, W_FIELD_BEFORE = 4;
/** A French département's number in brackets: " (74)", " (2A)", " (974)". */
const DEPT_AFTER = /^ \((?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])\)/;
/** A form field naming a place, before its value: "Ville : PARIS", "Lieu de naissance: Oran", "Commune de décès : Vannes", "City: Springfield". */
const CITY_FIELD = /(?<=(?<![A-Za-zÀ-ÿ])(?:(?:ville|commune)(?: de (?:naissance|d[ée]c[èe]s|r[ée]sidence))?|lieu de (?:naissance|d[ée]c[èe]s|r[ée]sidence)|localit[ée]|city|town|place of (?:birth|death|residence)|birthplace|domicile)\s?:\s{0,2})/iy;
/**
 * The short word right before the token at s, as bits: W_HOSP_BEFORE for à, au, vers, la, at, to
 * (before a hospital's name), W_RES_BEFORE for the last words of RESIDENCE_CUE (à, au, aux, en, de,
 * du, dans, in, to, at, from, near, d'). Read on the characters (no substring), any case.
 */
function wordBeforeKind(text: string, s: number): number {
  const b = cc(text, s - 1);
  if (b === 58 || (b === 32 && cc(text, s - 2) === 58) || (b === 32 && cc(text, s - 2) === 32 && cc(text, s - 3) === 58)) return W_FIELD_BEFORE;
  if (b === 39 || b === 8217) return s >= 2 && (text.charCodeAt(s - 2) | 32) === 100 ? W_RES_BEFORE : 0;
  if (b !== 32 || s < 2) return 0;
  let a = s - 1;
  while (a > 0 && s - 1 - a < 7 && isWordLetter(text.charCodeAt(a - 1))) a--;
  const len = s - 1 - a;
  if (len < 1 || len > 6) return 0;
  if (a > 0) { const p = text.charCodeAt(a - 1); if (!isSpaceLike(p) && p !== 39 && p !== 8217) return 0; }
  const c0 = text.charCodeAt(a) | 32, c1 = text.charCodeAt(a + 1) | 32, c2 = text.charCodeAt(a + 2) | 32, c3 = text.charCodeAt(a + 3) | 32;
  switch (len) {
    case 1: return c0 === 224 ? W_HOSP_BEFORE | W_RES_BEFORE : 0; // à
    case 2:
      if ((c0 === 97 && (c1 === 117 || c1 === 116)) || (c0 === 116 && c1 === 111)) return W_HOSP_BEFORE | W_RES_BEFORE; // au at to
      if (c0 === 108 && c1 === 97) return W_HOSP_BEFORE; // la
      return (c0 === 105 || c0 === 101) && c1 === 110 ? W_RES_BEFORE : c0 === 100 && (c1 === 101 || c1 === 117) ? W_RES_BEFORE : c0 === 111 && c1 === 102 ? W_RES_BEFORE : 0; // in en de du of
    case 3: return c0 === 97 && c1 === 117 && c2 === 120 ? W_RES_BEFORE : 0; // aux
    case 5: return 0;
    case 6: return c0 === 104 && c1 === 97 && c2 === 98 && c3 === 105 && (text.charCodeAt(a + 4) | 32) === 116 && (text.charCodeAt(a + 5) | 32) === 101 ? W_RES_BEFORE : 0; // habite
    default:
      if (c0 === 118 && c1 === 101 && c2 === 114 && c3 === 115) return W_HOSP_BEFORE; // vers
      return (c0 === 102 && c1 === 114 && c2 === 111 && c3 === 109) || (c0 === 110 && c1 === 101 && c2 === 97 && c3 === 114)
        || (c0 === 100 && c1 === 97 && c2 === 110 && c3 === 115) ? W_RES_BEFORE : 0; // from near dans
  }
}
/**
 * Places named after a short word (recognizeNames' tokens and isName marks), one pass: hospitals
 * said by their name alone ("revu à Bichat", "vers la Pitié-Salpêtrière": one or two tokens of
 * HOSPITAL_NAMES), and places after a residence cue (RESIDENCE_CUE: one to three capitalized tokens).
 */
function placesAfterWords(text: string, spans: Span[], isName: Uint8Array): void {
  const n = nCount;
  for (let i = 0; i < n; i++) {
    const f = nFlags[i]!;
    if (!(f & F_CAP) || (f & (F_STOP | F_TITLE))) continue;
    // (a lone first name that is also a town, after a residence cue, is the town: "lives with his wife Margaret in Quincy")
    const lone = isName[i] === 1 && (f & F_FIRST) !== 0 && !(i > 0 && isName[i - 1] && nEnds[i - 1]! + 2 >= nStarts[i]!) && !(i + 1 < n && isName[i + 1] && gapOk(i));
    if (isName[i] && !lone) continue;
    const s = nStarts[i]!;
    const w = wordBeforeKind(text, s);
    if (lone && !(w & W_RES_BEFORE)) continue;
    if (w === 0) continue;
    if (w & W_HOSP_BEFORE) {
      let len = 0;
      const one = fold(text.slice(s, nEnds[i]!));
      if (i + 1 < n && gapOk(i) && HOSPITAL_NAMES.has(`${one} ${fold(text.slice(nStarts[i + 1]!, nEnds[i + 1]!))}`)) len = 2;
      else if (HOSPITAL_NAMES.has(one)) len = 1;
      if (len) { spans.push({ start: s, end: nEnds[i + len - 1]!, label: 'HOSPITAL', score: 0.7, rule: 'hospital-name' }); i += len - 1; continue; }
    }
    if (w & W_FIELD_BEFORE) {
      // (a person's role first is a person: "Prélèvement à domicile : IDE Cindy Bélair")
      if (f & (F_PROF | F_CRED)) continue;
      CITY_FIELD.lastIndex = s;
      if (!CITY_FIELD.test(text)) continue;
      let k = i;
      while (k + 1 < n && k - i < 3 && (gapOk(k) || (nText.charCodeAt(nEnds[k]!) === 45 && nStarts[k + 1] === nEnds[k]! + 1)) && (nFlags[k + 1]! & F_CAP) && !(nFlags[k + 1]! & F_TITLE)) k++;
      spans.push({ start: s, end: nEnds[k]!, label: 'CITY', score: 0.8, rule: 'city-field' });
      i = k;
      continue;
    }
    // (a city of the dictionary is the city pass's, unless that pass needs a cue it does not know:
    // an ambiguous one, "originaire d'Angers")
    if (!(w & W_RES_BEFORE) || ((f & (F_CITY | F_CITYP)) && !(f & (F_AMBIG | F_FIRST))) || (f & F_CUE) || s < 4) continue;
    // a town and its département in brackets, after "à": "Domicile à Thônes (74)", "née à Saint-Servan (35)" (not "Score de Glasgow (15)")
    if (text.charCodeAt(s - 2) === 224 && !isWordLetter(cc(text, s - 3)) && DEPT_AFTER.test(text.slice(nEnds[i]!, nEnds[i]! + 7))) { spans.push({ start: s, end: nEnds[i]!, label: 'CITY', score: 0.7, rule: 'city-dept' }); continue; }
    // (not a person's possessive: "returned to Sarah's care")
    if (possessiveAt(text, nEnds[i]!)) continue;
    RESIDENCE_CUE.lastIndex = s;
    if (!RESIDENCE_CUE.test(text)) {
      ORIGIN_CUE.lastIndex = s;
      if (!ORIGIN_CUE.test(text) || isVocabularyWord(fold(text.slice(s, nEnds[i]!)))) continue;
    }
    let k = i;
    // (not into a facility's cue word: "discharged to Hebrew Rehabilitation Center")
    while (k + 1 < n && k - i < 2 && gapOk(k) && (nFlags[k + 1]! & F_CAP) && !(nFlags[k + 1]! & (F_STOP | F_TITLE)) && !isName[k + 1]
      && !EN_HOSP_WORDS.has(text.slice(nStarts[k + 1]!, nEnds[k + 1]!))) k++;
    spans.push({ start: s, end: nEnds[k]!, label: 'CITY', score: 0.7, rule: 'city-residence' });
    i = k;
  }
}
/**
 * The name words found in the document (recognizeNames), to find them again alone: up to 64, each
 * of 3 letters or more (no initial, no word of the lists), kept as offsets into the text (compared
 * letter by letter, ASCII case folded); a bit per length and per first letter rules out most words.
 */
const SEEN_MAX = 64;
const seenS = new Int32Array(SEEN_MAX), seenE = new Int32Array(SEEN_MAX), seenK = new Int32Array(SEEN_MAX);
/** Per (length, first and last letters folded, 12 bits): whether a remembered name has them. */
const SEEN_KEYS = new Uint8Array(1 << 12);
let nSeen = 0;
function seenKey(text: string, s: number, e: number): number { return (((e - s) & 15) << 8) | (((text.charCodeAt(s) | 32) & 15) << 4) | ((text.charCodeAt(e - 1) | 32) & 15); }
function rememberName(text: string, s: number, e: number, f: number): void {
  if (text.charCodeAt(e - 1) === 46) e--;
  const len = e - s;
  // (not an acronym: a word of four upper-case letters or fewer, "ACL")
  if (len < 3 || len > 30 || nSeen >= SEEN_MAX || (f & (F_STOP | F_TITLE | F_CUE | F_PROF | F_INITIAL | F_CRED)) || (len <= 4 && (f & F_UPPER))) return;
  const key = seenKey(text, s, e);
  seenS[nSeen] = s; seenE[nSeen] = e; seenK[nSeen++] = key;
  SEEN_KEYS[key] = 1;
}
/** Forgets the remembered names (their keys cleared one by one). */
function forgetNames(): void {
  for (let q = 0; q < nSeen; q++) SEEN_KEYS[seenK[q]!] = 0;
  nSeen = 0;
}
/** The same letters (ASCII letters in any case, other characters exactly) at a and b over len characters. */
function sameFolded(text: string, a: number, b: number, len: number): boolean {
  for (let k = 0; k < len; k++) {
    const x = text.charCodeAt(a + k), y = text.charCodeAt(b + k);
    if (x !== y && !(isWordLetter(x) && (x | 32) === (y | 32))) return false;
  }
  return true;
}
function possessiveAt(text: string, e: number): boolean {
  const c = text.charCodeAt(e - 2);
  if ((c === 39 || c === 8217) && (text.charCodeAt(e - 1) | 32) === 115) return true;
  // (or right after e: the name pass's tokens end before their possessive)
  const d = cc(text, e);
  return (d === 39 || d === 8217) && (cc(text, e + 1) | 32) === 115 && !isWordLetter(cc(text, e + 2));
}
function seenName(text: string, s: number, e: number): boolean {
  const len = e - s;
  if (len < 3 || len > 30 || SEEN_KEYS[seenKey(text, s, e)] === 0) return false;
  for (let q = 0; q < nSeen; q++) if (seenE[q]! - seenS[q]! === len && seenS[q] !== s && sameFolded(text, seenS[q]!, s, len)) return true;
  return false;
}

/**
 * After name token k: one or two capitalized particle tokens ("LE", "De La", "VAN DER") then a
 * capitalized name-like token, each one space apart, in the particle's case (an upper-case
 * particle before an upper-case word; a Title-case one before a capitalized word): the index of
 * that last token, else -1.
 */
function afterParticles(k: number, field = false): number {
  let j = k + 1;
  // (after a form field's colon, "Nom : LE GALL", the first gap is the field's)
  for (let parts = 0; parts < 2 && j < nCount && (nFlags[j]! & F_PART) && ((field && j === k + 1) || gapOk(j - 1)); parts++, j++) {
    const up = (nFlags[j]! & F_UPPER) !== 0;
    if (j + 1 < nCount && gapOk(j) && nameLike(j + 1) && !(nFlags[j + 1]! & F_PART) && !(nFlags[j + 1]! & F_SENT)
      && (!up || (nFlags[j + 1]! & F_UPPER) !== 0)) return j + 1;
  }
  return -1;
}
/** The gap between tokens k and k + 1 is a particle that leads to a surname, not to a place (" de la ", " van ", " von der "; not " de ", " du ", " d'"). */
function surnameParticleGap(k: number): boolean {
  const g = nText.slice(nEnds[k]!, nStarts[k + 1]!);
  return g !== ' de ' && g !== ' du ' && g !== ' des ' && g !== " d'" && g !== ' d’' && g !== " de l'" && g !== ' de l’';
}
/** The gap between tokens k and k + 1 is a lower-case particle (" de ", " van der ", " d'"). */
function particleGap(k: number): boolean {
  if (k < 0 || k + 1 >= nCount) return false;
  const a = nEnds[k]!, b = nStarts[k + 1]!;
  if (b - a < 3 || b - a > 9 || nText.charCodeAt(a) !== 32) return false;
  // every particle starts with d, l, v, b, e or a
  const c = nText.charCodeAt(a + 1);
  return (c === 100 || c === 108 || c === 118 || c === 98 || c === 101 || c === 97) && PARTICLE_GAP.test(nText.slice(a, b));
}

function extendOk(neighbour: number, anchor: number): boolean {
  // never to a field or kinship word ("Nom : DUPONT   Prénom : Marie", "DUPONT Fils")
  if (neighbour & F_CUE) return false;
  // nor to a profession before the name ("CNA Tiffany Brooks", "Psychologue Marie Durand")
  if (neighbour & F_PROF) return false;
  // (a word of the vocabularies in capitals only from a first name or an initial: "Docteur ROMAIN SPRITZ", "A.K. FIELDING")
  if ((neighbour & F_VOCAB) && (!(anchor & (F_FIRST | F_INITIAL | F_TITLE)) || (anchor & F_AMBIG))) return false;
  // extend to upper-case words, known names, initials, and Title-case words not at a sentence start
  if (neighbour & (F_UPPER | F_FIRST | F_SUR | F_INITIAL | F_SYNTHEA)) return true;
  if (anchor & F_SYNTHEA) return false;
  return !(neighbour & F_SENT) && !(neighbour & F_AMBIG);
}

/** After a title: spaces, a dot, or a colon ("Dr.Sugor", "Dr : X"); without `dot`, no dot. */
function gapOkTitle(text: string, a: number, b: number, dot = true): boolean {
  a = inclusiveEnding(text, a);
  if (b - a > 6) return false;
  // (a dot ends an abbreviated title, "Dr.", "Prof."; after a title written whole it ends a sentence: "Yes doctor. My husband…")
  if (dot) { let w = a; while (w > 0 && isWordLetter(text.charCodeAt(w - 1))) w--; if (a - w >= 5) dot = false; }
  // (quotes too: a field of exported data, "nom": "DUPONT", Nom : « DUPONT »)
  for (let k = a; k < b; k++) { const c = text.charCodeAt(k); if (c !== 32 && (c !== 46 || !dot) && c !== 58 && c !== 160 && c !== 34 && c !== 171 && c !== 8220) return false; }
  return true;
}
/** After an initial: nothing or spaces. */
function gapOkLoose(text: string, a: number, b: number): boolean {
  // (two spaces only after an initial's dot, as typists write "J.  Smith": else two spaces part an aligned table's columns)
  if (b < 0 || b - a > 2 || (b - a === 2 && text.charCodeAt(a - 1) !== 46)) return false;
  for (let k = a; k < b; k++) if (text.charCodeAt(k) !== 32) return false;
  return true;
}

/** [A-Za-z0-9.-] (e-mail domain characters). */
function isEmailDomainCode(c: number): boolean { return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45; }
/** [A-Za-z0-9._%+-] (e-mail local-part characters). */
export function isEmailLocalCode(c: number): boolean { return isEmailDomainCode(c) || c === 95 || c === 37 || c === 43; }
/** Beyond isEmailLocalCode, what a local part typed by a person may hold: an apostrophe, a Latin letter with its accent. */
function emailLocalWide(c: number): boolean { return c === 39 || c === 8217 || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7); }

/** E-mail addresses: an indexOf('@') loop, expanded left and right (no regex scan of the text). */
/**
 * An address spelled out: its '@' written "at" or "arobase" (bare, or in brackets) and a known top-level domain after
 * "dot"/"point" or a '.' ("jsmith AT gmail DOT com", "jean.dupont arobase gmail.com", "lucie.morel (arobase) orange
 * (point) fr"); the local part one token of an address's characters. Looked for only in texts that write "arobase" or
 * an "at" and a "dot"/"point" word.
 */
const SPELLED_EMAIL = /(?<![\w.%+-])[a-z0-9][\w.%+-]*(?: (?:dot|point) [a-z0-9]+)* ?[([]?(?:\b(?:at|arobase)\b)[)\]]? ?[a-z0-9-]+(?:(?: ?[([]?\b(?:dot|point)\b[)\]]? ?|\.)[a-z0-9-]+)*(?: ?[([]?\b(?:dot|point)\b[)\]]? ?|\.)(?:fr|com|org|net|eu|io|be|ch|ca|info|de|uk|us|edu|gov)(?![\w])/gi;
/** Where a spelled-out address may stand: an "at" between spaces or "arobase" (the address is then read from its start). */
const SPELLED_AT = / at |arobase/gi;
const SPELLED_EMAIL_Y = new RegExp(SPELLED_EMAIL.source, 'iy');
export function recognizeEmails(text: string, spans: Span[]): void {
  // (from each "at"/"arobase", back to the start of the local part — its characters, and "dot"/"point" words between its
  // pieces — where one sticky attempt reads the address: the regex never scans the text)
  SPELLED_AT.lastIndex = 0;
  for (let a; (a = SPELLED_AT.exec(text)) !== null;) {
    let s0 = a.index;
    while (s0 > 0 && (text.charCodeAt(s0 - 1) === 32 || text.charCodeAt(s0 - 1) === 40 || text.charCodeAt(s0 - 1) === 91)) s0--;
    for (;;) {
      while (s0 > 0 && isEmailLocalCode(text.charCodeAt(s0 - 1))) s0--;
      const joined = / (?:dot|point) $/i.exec(text.slice(Math.max(0, s0 - 7), s0));
      if (joined === null || s0 - joined[0].length === 0) break;
      s0 -= joined[0].length;
    }
    if (s0 >= a.index) continue;
    SPELLED_EMAIL_Y.lastIndex = s0;
    const m = SPELLED_EMAIL_Y.exec(text);
    if (m === null) continue;
    const local = m[0].split(/\s|[([]/)[0]!;
    if (!/[a-z]/i.test(local)) continue;
    // (a bare "at" and no "dot"/"point" word: "jean.dupont at gmail.com" — the local part must look like an address's,
    // with a '.', a '_' or a digit: not "seen at example.org")
    if (/ at /i.test(m[0]) && !/\b(?:dot|point)\b/i.test(m[0]) && !/[._\d]/.test(local)) continue;
    spans.push({ start: m.index, end: m.index + m[0].length, label: 'EMAIL', score: 0.8, rule: 'email-spelled' });
    SPELLED_AT.lastIndex = Math.max(SPELLED_AT.lastIndex, m.index + m[0].length);
  }
  // obfuscated: "[at]", "(at)", "[@]" ("jean.dupont [at] gmail [dot] com")
  if (tokText === text && !referenceScan) { for (let q = 0; q < nObf; q++) obfuscatedEmail(text, obfS[q]!, 2, spans); }
  else { OBF_AT.lastIndex = 0; let m: RegExpExecArray | null; while ((m = OBF_AT.exec(text)) !== null) obfuscatedEmail(text, m.index, 2, spans); }
  let at = text.indexOf('@');
  while (at !== -1) {
    if (bracketAround(text, at, at + 1) >= 0) { obfuscatedEmail(text, at, 1, spans); at = text.indexOf('@', at + 1); continue; }
    // spaced out: "tlabelle @ medimail . com"
    if (at > 0 && text.charCodeAt(at - 1) === 32 && text.charCodeAt(at + 1) === 32) {
      SPACED_EMAIL.lastIndex = 0;
      const m = SPACED_EMAIL.exec(text.slice(Math.max(0, at - 64), at + 80));
      if (m !== null) { const st = Math.max(0, at - 64) + m.index; spans.push({ start: st, end: st + m[0].length, label: 'EMAIL', score: 0.9, rule: 'email-spaced' }); }
      at = text.indexOf('@', at + 1);
      continue;
    }
    let s = at;
    // (a local part may hold accented letters and an apostrophe, as people type them: "zoé.martin@", "sean.o'brien@",
    // "d'artagnan.jean@"; not starting with the apostrophe or a dot)
    while (s > 0 && (isEmailLocalCode(text.charCodeAt(s - 1)) || emailLocalWide(text.charCodeAt(s - 1)))) s--;
    while (s < at && (text.charCodeAt(s) === 39 || text.charCodeAt(s) === 8217 || text.charCodeAt(s) === 46)) s++;
    let e = at + 1;
    while (e < text.length && isEmailDomainCode(text.charCodeAt(e))) e++;
    while (e > at + 1 && (text[e - 1] === '.' || text[e - 1] === '-')) e--;
    const dom = text.slice(at + 1, e);
    if (s < at && /\.[A-Za-z]{2,}$/.test(dom)) spans.push({ start: s, end: e, label: 'EMAIL', score: 1, rule: 'email' });
    at = text.indexOf('@', e);
  }
}

/** An address with spaces around '@' and its dots, ending with a known top-level domain. */
const SPACED_EMAIL = /(?<![\w.%+-])(?=[\w.%+-]*[A-Za-z][\w.%+-]* @)[\w.%+-]+ @ [a-z0-9-]+(?: ?\. ?[a-z0-9-]+)*? ?\. ?(?:fr|com|org|net|eu|io|be|ch|ca|info|de|uk|us|edu|gov)(?![\w])/i;
let obfS = new Int32Array(16), nObf = 0;
function pushObf(p: number): void {
  if (nObf === obfS.length) obfS = doubled(obfS);
  obfS[nObf++] = p;
}
/** "at" as a whole word (the reference scan of the obfuscated e-mails' candidates). */
const OBF_AT = /(?<![A-Za-zÀ-ÿŸ])at(?![A-Za-zÀ-ÿŸ])/gi;
/**
 * When t[a, b) sits between brackets ("[at]", "( at )", "[@]": '[' or '(' before, ']' or ')' after,
 * a space allowed inside each): the offset of the closing bracket, else -1.
 */
function bracketAround(t: string, a: number, b: number): number {
  let p = a - 1, q = b;
  if (cc(t, p) === 32) p--;
  if (t.charCodeAt(q) === 32) q++;
  const o = cc(t, p), c = cc(t, q);
  return (o === 91 && c === 93) || (o === 40 && c === 41) ? q : -1;
}
/** The domain label at i ([A-Za-z0-9-]+): its end, i when none. */
function labelEnd(t: string, i: number): number {
  let e = i;
  for (;;) { const c = t.charCodeAt(e); if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45) e++; else break; }
  return e;
}
const OBF_DOT = /^ ?[[(] ?(?:dot|point|\.) ?[\])] ?/i;
/**
 * The e-mail address around the obfuscated '@' at [p, p + len) ("at" or "@" between brackets):
 * the local part before the opening bracket, the domain after the closing one, its labels joined
 * by '.' or "[dot]"/"(dot)"/"(point)". An EMAIL span when the domain has two labels or more.
 */
function obfuscatedEmail(text: string, p: number, len: number, spans: Span[]): void {
  const close = bracketAround(text, p, p + len);
  if (close < 0) return;
  let open = p - 1;
  if (text.charCodeAt(open) === 32) open--;
  let s = open;
  if (text.charCodeAt(s - 1) === 32) s--;
  const localEnd = s;
  while (s > 0 && isEmailLocalCode(text.charCodeAt(s - 1))) s--;
  if (s === localEnd) return;
  let e = close + 1;
  if (text.charCodeAt(e) === 32) e++;
  let labels = 0, end = e, lastAlpha = false;
  for (;;) {
    const le = labelEnd(text, e);
    if (le === e) break;
    labels++; end = le; lastAlpha = /^[A-Za-z]{2,}$/.test(text.slice(e, le));
    if (text.charCodeAt(le) === 46 && labelEnd(text, le + 1) > le + 1) { e = le + 1; continue; }
    const d = OBF_DOT.exec(text.slice(le, le + 12));
    if (d && labelEnd(text, le + d[0].length) > le + d[0].length) { e = le + d[0].length; continue; }
    break;
  }
  if (labels >= 2 && lastAlpha) spans.push({ start: s, end, label: 'EMAIL', score: 0.9, rule: 'email-obfuscated' });
}

/**
 * Reference mode (tests only): every rule scans the whole text with its global regex and the name
 * tokens come from the WORD regex — the semantics the candidate scans must reproduce exactly.
 */
let referenceScan = false;
export function setReferenceScan(on: boolean): void { referenceScan = on; }
/** The next match of the global regex re at or after `from`. */
function globalFrom(re: RegExp, text: string, from: number): RegExpExecArray | null { re.lastIndex = from; return re.exec(text); }
/** Run cursor of execAt (reset to 0 before each scan). */
let cur = 0;
/**
 * The next match of the sticky regex `re` at a digit run of shape `mask` starting at or after
 * `from` (the runs of the last charClasses call, walked with the cursor): what a global scan from
 * `from` finds when every match starts at such a run.
 */
function execAt(re: RegExp, text: string, mask: number, from: number): RegExpExecArray | null {
  while (cur < nRuns) {
    const s = runS[cur]!;
    const ok = s >= from && (runM[cur]! & mask) !== 0;
    cur++;
    if (!ok) continue;
    re.lastIndex = s;
    const m = re.exec(text);
    if (m !== null) return m;
  }
  return null;
}

/** Whether a digit run of the last charClasses call has one of the shapes of `mask`. */
function anyRun(mask: number): boolean {
  for (let q = 0; q < nRuns; q++) if ((runM[q]! & mask) !== 0) return true;
  return false;
}

/** execAt over a list of candidate starts (in increasing order) instead of the digit runs. */
function execAtList(re: RegExp, text: string, starts: Int32Array, count: number, from: number): RegExpExecArray | null {
  while (cur < count) {
    const s = starts[cur++]!;
    if (s < from) continue;
    re.lastIndex = s;
    const m = re.exec(text);
    if (m !== null) return m;
  }
  return null;
}

/** Pushes the span of match m (false when the rule's check rejects it). */
function pushMatch(text: string, r: ScanRule, m: RegExpExecArray, spans: Span[]): boolean {
  let score = r.score;
  if (r.check) { const s = r.check(m, text); if (s === null) return false; score = s; }
  let start = m.index, end = m.index + m[0].length;
  if (r.group !== undefined) {
    const g = m[r.group];
    if (!g) return true;
    start = m.index + m[0].lastIndexOf(g);
    end = start + g.length;
  }
  // trim trailing spaces inside spans, and a sentence's dot after a month name
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  if (r.monthDot && text.charCodeAt(end - 1) === 46 && fullMonthBefore(text, end - 1)) end--;
  spans.push({ start, end, label: (r.relabel && r.relabel(m)) || r.label, score, rule: r.rule });
  return true;
}
/**
 * The global scan of r.re, run only where a match can begin (the candidates charClasses recorded,
 * in increasing order): after a match the next attempt starts at its end, after a rejected one at
 * the next character — what exec with the 'g' flag does.
 */
function scanAtCandidates(text: string, r: ScanRule, re: RegExp, spans: Span[]): void {
  const at = r.at!, pre = r.pre;
  if ((runAny & at) === 0 && (!r.x || nX === 0)) return;
  // (the character pass's buffers in locals: the scan reads them for every run and every rule, and nothing it calls
  // replaces them)
  const rm = runM, rs = runS, re_ = runE, nr = nRuns;
  let from = 0;
  if (r.monAfter) {
    // digit runs followed by a month name (the month starts, in order, walked with a pointer)
    for (let q = 0, mq = 0; q < nr; q++) {
      if ((rm[q]! & at) === 0) continue;
      const s = rs[q]!, e = re_[q]!;
      while (mq < nMon && monS[mq]! < e) mq++;
      // ("1er", "1ᵉʳ": the month after the ordinal's letters)
      if (!((mq < nMon && monS[mq]! <= e + 1) || ((cc(text, e) | 32) === 101 && (cc(text, e + 1) | 32) === 114) || (cc(text, e) === 0x1d49 && cc(text, e + 1) === 0x2b3))) continue;
      if (s >= from && (pre === undefined || pre(text, s, e))) from = tryAt(text, r, re, s, from, spans);
    }
    return;
  }
  if (!r.x || nX === 0) {
    // digit runs only: skip the runs without the rule's shapes in a tight loop
    for (let q = 0; q < nr; q++) {
      if ((rm[q]! & at) === 0) continue;
      const s = rs[q]!;
      if (s >= from && (pre === undefined || pre(text, s, re_[q]!))) from = tryAt(text, r, re, s, from, spans);
    }
    return;
  }
  const xs = xS, nx = nX;
  let q = 0, xq = 0;
  while (q < nr || xq < nx) {
    let s: number;
    if (xq >= nx || (q < nr && rs[q]! < xs[xq]!)) {
      s = rs[q]!;
      const ok = s >= from && (rm[q]! & at) !== 0 && (pre === undefined || pre(text, s, re_[q]!));
      q++;
      if (!ok) continue;
    } else {
      s = xs[xq++]!;
      if (s < from) continue;
    }
    from = tryAt(text, r, re, s, from, spans);
  }
}
/** The rule at each of `count` candidate starts, in order (the global-scan walk of scanAtCandidates). */
function tryAtList(text: string, r: ScanRule, re: RegExp, starts: Int32Array, count: number, spans: Span[]): void {
  for (let q = 0, from = 0; q < count; q++) if (starts[q]! >= from) from = tryAt(text, r, re, starts[q]!, from, spans);
}
/** One attempt of the sticky regex at s: pushes the span, returns where the next attempt may start. */
function tryAt(text: string, r: ScanRule, re: RegExp, s: number, from: number, spans: Span[]): number {
  re.lastIndex = s;
  if (r.plain) {
    // no check, group or relabel: test() (no match object), the match ends at lastIndex
    if (!re.test(text)) return from;
    const e = re.lastIndex;
    let end = e;
    while (end > s && text.charCodeAt(end - 1) === 32) end--;
    if (r.monthDot && text.charCodeAt(end - 1) === 46 && fullMonthBefore(text, end - 1)) end--;
    spans.push({ start: s, end, label: r.label, score: r.score, rule: r.rule });
    return e;
  }
  const m = re.exec(text);
  if (m === null) return from;
  return pushMatch(text, r, m, spans) ? s + m[0].length : s + 1;
}

/**
 * Vehicle identifiers (HIPAA's twelfth): French registration plates of the SIV format ("AB-123-CD",
 * letters without I, O, U) and 17-character VINs whose check digit is right (North American) or
 * that follow a cue ("VIN", "châssis"). Both hold a digit run: found from the character pass's runs.
 */
const PLATE_G = /(?<![A-Za-z0-9À-ÿ])[A-HJ-NP-TV-Z]{2}-\d{3}-[A-HJ-NP-TV-Z]{2}(?![A-Za-z0-9À-ÿ])/g;
const VIN_G = /(?<![A-Za-z0-9À-ÿ])[A-HJ-NPR-Z0-9]{17}(?![A-Za-z0-9À-ÿ])/g;
const VIN_CUE = /(?:\bVIN|ch[âa]ssis|vehicle identification(?: number)?)\W{0,12}$/i;
function isPlateLetter(c: number): boolean { return c >= 65 && c <= 90 && c !== 73 && c !== 79 && c !== 85; }
function isVinChar(c: number): boolean { return (c >= 48 && c <= 57) || (c >= 65 && c <= 90 && c !== 73 && c !== 79 && c !== 81); }
function isUpperAlnum(c: number): boolean { return (c >= 48 && c <= 57) || (c >= 65 && c <= 90); }
/** A character of the boundary class [A-Za-z0-9À-ÿ]. */
function isAlnumLatin(c: number): boolean { return (c >= 48 && c <= 57) || isAsciiLetter(c) || (c >= 192 && c <= 255); }
const VIN_VALUE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 4, 5, 0, 7, 0, 9, 2, 3, 4, 5, 6, 7, 8, 9];
const VIN_WEIGHT = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
/** A VIN at [s, s + 17) (its characters already checked): pushed when its check digit is right or a cue precedes it. */
function vinAt(text: string, s: number, spans: Span[]): void {
  let sum = 0, digits = 0, letters = 0;
  for (let k = 0; k < 17; k++) {
    const c = text.charCodeAt(s + k);
    const v = c <= 57 ? c - 48 : VIN_VALUE[c - 64]!;
    if (c <= 57) digits++; else letters++;
    sum += v * VIN_WEIGHT[k]!;
  }
  if (!digits || !letters) return;
  const check = sum % 11, c9 = text.charCodeAt(s + 8);
  const valid = check === 10 ? c9 === 88 : c9 === 48 + check;
  if (valid || VIN_CUE.test(text.slice(Math.max(0, s - 40), s))) spans.push({ start: s, end: s + 17, label: 'ID', score: valid ? 0.9 : 0.7, rule: 'vin' });
}
/** The letters-digits id at digits [s, e) (letters right before): pushed when 1-3 letters start a whole token. */
const LOT_BEFORE = /(?:\blot|\bLOT|\bLot|\bbatch|\bBatch)\s?(?:n[°º]|#|no\.?)?\s?:?\s?$/;
const ID_ALNUM_G = /(?<![A-Za-z0-9À-ÿ-])([A-Z]{1,3})\d{6,12}(?![A-Za-z0-9À-ÿ]|[.,]\d)/g;
function idAlnumAt(text: string, s: number, e: number, spans: Span[]): void {
  let a = s;
  while (a > 0 && s - a < 4 && isUpperAscii(text.charCodeAt(a - 1))) a--;
  if (s - a > 3 || (a > 0 && (isAlnumLatin(text.charCodeAt(a - 1)) || text.charCodeAt(a - 1) === 45)) || isAlnumLatin(cc(text, e))
    || ((cc(text, e) === 46 || cc(text, e) === 44) && isDigitCode(cc(text, e + 1)))) return;
  // (a vaccine's or a drug's lot number identifies a batch, not a person: "lot X018412")
  if (LOT_BEFORE.test(text.slice(Math.max(0, a - 8), a))) return;
  // (nor a trial's registry number a study: "Essai NCT04512345", ClinicalTrials.gov)
  if (e - a === 11 && text.startsWith('NCT', a)) return;
  spans.push({ start: a, end: e, label: 'ID', score: 0.5, rule: 'id-alnum' });
}
function recognizeVehicles(text: string, spans: Span[]): void {
  if (tokText === text && !referenceScan) {
    let lastVin = -1;
    for (let q = 0; q < nRuns; q++) {
      if ((runM[q]! & S_VEH) === 0) continue;
      const s = runS[q]!, e = runE[q]!;
      if (e - s === 3 && cc(text, s - 1) === 45 && cc(text, e) === 45 && isPlateLetter(cc(text, s - 2)) && isPlateLetter(cc(text, s - 3))
        && isPlateLetter(text.charCodeAt(e + 1)) && isPlateLetter(text.charCodeAt(e + 2)) && !(s >= 4 && isAlnumLatin(text.charCodeAt(s - 4))) && !isAlnumLatin(text.charCodeAt(e + 3))) {
        spans.push({ start: s - 3, end: e + 3, label: 'ID', score: 0.8, rule: 'plate' });
      }
      // one to three upper-case letters glued to 6-12 digits, alone: a record, claim or prescription number ("RX7720193", "P0098123")
      if (e - s >= 6 && e - s <= 12 && isUpperAscii(cc(text, s - 1))) idAlnumAt(text, s, e, spans);
      if (e - s === 4 && cc(text, e) === 32) bloodUnitAt(text, s - 1, spans);
      // (S_VEH: a VIN's digit runs touch its upper-case letters; a plate's '-ddd-' block is 3 long)
      if (s < lastVin) continue;
      let a = s, b = e;
      while (a > 0 && isUpperAlnum(text.charCodeAt(a - 1))) a--;
      while (b < text.length && isUpperAlnum(text.charCodeAt(b))) b++;
      lastVin = b;
      if (b - a !== 17 || (a > 0 && isAlnumLatin(text.charCodeAt(a - 1))) || isAlnumLatin(text.charCodeAt(b))) continue;
      let ok = true;
      for (let k = a; k < b; k++) if (!isVinChar(text.charCodeAt(k))) { ok = false; break; }
      if (ok) vinAt(text, a, spans);
    }
    return;
  }
  let m: RegExpExecArray | null;
  ID_ALNUM_G.lastIndex = 0;
  while ((m = ID_ALNUM_G.exec(text)) !== null) { const d = m.index + m[1]!.length; idAlnumAt(text, d, m.index + m[0].length, spans); }
  PLATE_G.lastIndex = 0;
  while ((m = PLATE_G.exec(text)) !== null) spans.push({ start: m.index, end: m.index + 9, label: 'ID', score: 0.8, rule: 'plate' });
  VIN_G.lastIndex = 0;
  while ((m = VIN_G.exec(text)) !== null) vinAt(text, m.index, spans);
  BLOOD_UNIT_G.lastIndex = 0;
  while ((m = BLOOD_UNIT_G.exec(text)) !== null) bloodUnitAt(text, m.index, spans);
}
/**
 * A blood unit's donation number as ISBT 128 prints it, the facility's letter and four digits, the year's two, the unit's six and
 * its check character ("W0360 24 018871 Q"): a traceability sheet's identifier (ID).
 */
const BLOOD_UNIT_AT = /[A-Z]\d{4} \d{2} \d{6}(?: [A-Z0-9](?![A-Za-z0-9]))?(?![A-Za-z0-9])/y;
const BLOOD_UNIT_G = /(?<![A-Za-z0-9])[A-Z]\d{4} \d{2} \d{6}(?![A-Za-z0-9])/g;
function bloodUnitAt(text: string, a: number, spans: Span[]): void {
  if (a < 0 || isAlnumLatin(cc(text, a - 1))) return;
  BLOOD_UNIT_AT.lastIndex = a;
  const m = BLOOD_UNIT_AT.exec(text);
  if (m !== null) spans.push({ start: a, end: a + m[0].length, label: 'ID', score: 0.7, rule: 'blood-unit' });
}

/**
 * An address cut by a wrapped line ("12 rue des⏎Lilas, 75013 Paris"): a street span that ends
 * with a particle or a title word right before a line break goes on over the next line's
 * capitalized words (up to a comma, a semicolon, a parenthesis, a digit or the line's end).
 */
const ADDRESS_TAIL = /(?:^|\s)(?:de|des|du|de la|d['’]|la|le|les|l['’]|saint|sainte|st|ste|général|general|maréchal|marechal|docteur|président|president|colonel|capitaine|abbé|abbe|professeur|rue|avenue|boulevard|allée|allee|place|chemin|impasse|route|quai|cours)$/i;
function extendWrappedAddresses(text: string, spans: Span[]): void {
  const n = spans.length;
  for (let q = 0; q < n; q++) {
    const sp = spans[q]!;
    if (sp.label !== 'ADDRESS') continue;
    let e = sp.end;
    if (cc(text, e) === 13) e++;
    if (cc(text, e) !== 10 || !ADDRESS_TAIL.test(text.slice(Math.max(sp.start, sp.end - 12), sp.end))) continue;
    let k = e + 1;
    const c0 = cc(text, k);
    if (!((c0 >= 65 && c0 <= 90) || (c0 >= 192 && c0 <= 222 && c0 !== 215))) continue;
    const stop = Math.min(text.length, k + 40);
    while (k < stop) { const c = text.charCodeAt(k); if (c === 44 || c === 59 || c === 40 || c === 41 || c === 10 || c === 13 || (c >= 48 && c <= 57)) break; k++; }
    while (k > e + 1 && text.charCodeAt(k - 1) === 32) k--;
    spans.push({ start: sp.start, end: k, label: 'ADDRESS', score: sp.score, rule: sp.rule });
  }
}

/** Every pattern recognizer over the text. */
/** The language of the text recognizePatterns is scanning (a rule's check may read it). */
let patternLang: Lang = 'fr';
/**
 * recognizePatterns' answer when the text holds a typographic space or hyphen and `stopOnTypo`:
 * nothing was recognized, the caller runs again on the text with plain ones (same offsets).
 */
export const TYPO_FOUND = 1;
export function recognizePatterns(text: string, spans: Span[], lang: Lang = 'fr', stopOnTypo = false): number {
  patternLang = lang;
  lexLang = lang;
  const cls = charClasses(text);
  if (stopOnTypo && (cls & G_TYPO) !== 0) return TYPO_FOUND;
  for (const r of SCAN_RULES) {
    if (r.needs !== undefined && (cls & r.needs) !== r.needs) continue;
    if (r.gate && !r.gate(text, cls)) continue;
    // (name-login's candidates hold for a regular text only: else its global scan)
    if (r.sticky !== null && !referenceScan && (!r.login || runRegular)) {
      if (r.mon) tryAtList(text, r, r.sticky, monS, nMon, spans);
      else if (r.day) tryAtList(text, r, r.sticky, dayS, nDay, spans);
      else if (r.idc) tryAtList(text, r, r.sticky, idcS, nIdc, spans);
      else if (r.idu) tryAtList(text, r, r.sticky, iduS, nIdu, spans);
      else if (r.login) tryAtList(text, r, r.sticky, loginS, nLogin, spans);
      else scanAtCandidates(text, r, r.sticky, spans);
      continue;
    }
    r.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = r.re.exec(text)) !== null) {
      if (m[0].length === 0) { r.re.lastIndex++; continue; }
      // a rejected match may hide a valid one starting inside it: retry from the next character
      if (!pushMatch(text, r, m, spans)) r.re.lastIndex = m.index + 1;
    }
  }
  // English places without a digit in sight: "El Paso, TX", "Middlesex County"
  if (lang === 'en' && (cls & C_UPPER) !== 0) { cityState(text, spans); counties(text, spans, cls); }
  if (!(cls & C_DIGIT)) return 0;
  if (lang === 'en' && (cls & C_UPPER) !== 0) postcodesEn(text, spans);
  recognizeSpacedDigits(text, spans);
  recognizeVehicles(text, spans);
  extendWrappedAddresses(text, spans);
  let m: RegExpExecArray | null;
  cur = 0;
  let from = 0;
  while ((m = referenceScan ? globalFrom(ZIP_CITY_G, text, from) : execAt(ZIP_CITY_AT, text, S_ZIP, from)) !== null) {
    from = m.index + m[0].length;
    const zs = m.index;
    const city = m[3]!;
    // (the tail of a record number, "MRN: LIMA-55021⏎Visit date", "SP24-06613": no postal code; "F-75013 Paris" is one)
    // (one letter before the dash is a country's prefix when the city follows on the line, "F-75013 Paris"; not "dossier D-18834⏎Allergie")
    if (cc(text, zs - 1) === 45 && (isDigitCode(cc(text, zs - 2)) || (isWordLetter(cc(text, zs - 2)) && (isWordLetter(cc(text, zs - 3)) || m[2]!.includes('\n'))))) continue;
    // (a US ZIP code after its state, "Columbus, OH 43204⏎Pt:": the next line is no city; nor in English text across a line break)
    if ((cc(text, zs - 1) === 32 && isUpperAscii(cc(text, zs - 2)) && isUpperAscii(cc(text, zs - 3)) && !isWordLetter(cc(text, zs - 4)) && US_STATE_SET.has(text.slice(zs - 3, zs - 1)))
      || (patternLang === 'en' && m[2]!.includes('\n'))) continue;
    const cityStart = zs + m[1]!.length + m[2]!.length;
    // (a form's next field is no city: "Code postal : 35400⏎Nom : MORVAN")
    if (m[2]!.includes('\n') && /^ ?:/.test(text.slice(cityStart + city.length, cityStart + city.length + 2))) continue;
    const key = fold(city.split(/[ \-\n]/)[0]!);
    if (STOP.has(key) && key !== 'LA' && key !== 'LE' && key !== 'LES') continue;
    // (a dose's unit after its figure is no city: "Héparine 25000 UI/j", "50000 UI ce jour")
    if (DOSE_UNITS.has(key) && !/^[\p{L}]/u.test(text.slice(cityStart + key.length, cityStart + key.length + 1))) continue;
    // (an export's next cell, a bare comma and a code of capitals, is no city: "88412,RS,ODB" — a licence, a pharmacist's initials)
    if (m[2] === ',' && city.length <= 3 && asciiUpperRun(city, 0, city.length)) continue;
    // (a billing or terminology code after its system's name is no postal code: "CPT 93294, ICD-10 Z95.0", "CCAM 45123")
    if (CODE_SYSTEM_BEFORE.test(text.slice(Math.max(0, zs - 12), zs))) continue;
    spans.push({ start: zs, end: zs + 5, label: 'ZIP', score: 0.85, rule: 'zip-city' });
    // a postal box right before the postal code: "BP 40012, 69002 Lyon", "CS 90001 - 75015 Paris"
    if (zs >= 5) { POSTAL_BOX.lastIndex = zs; const b = POSTAL_BOX.exec(text); if (b) spans.push({ start: zs - b[1]!.length, end: zs - b[2]!.length, label: 'ADDRESS', score: 0.8, rule: 'postal-box' }); }
    spans.push({ start: cityStart, end: cityStart + city.length, label: 'CITY', score: 0.85, rule: 'zip-city' });
  }
  // US: "Springfield, IL 62704", "New York, NY 10001-1234": the ZIP code and the city before the state
  cur = 0;
  from = 0;
  if (!(cls & C_UPPER)) return 0;
  while ((m = referenceScan ? globalFrom(ZIP_US_G, text, from) : execAt(ZIP_US_AT, text, S_ZIP, from)) !== null) {
    from = m.index + m[0].length;
    const city = m[1]!;
    const cityStart = text.lastIndexOf(city, m.index);
    // "Employee ID 88231", "Language Line ID 38815", "Luis Arriaga, ID 40772": an id's cue, not Idaho, unless the number is an
    // Idaho ZIP code (832xx-838xx: "Boise ID 83702"), after a comma or a word that owns no id
    if (text.charCodeAt(m.index - 3) === 73 && text.charCodeAt(m.index - 2) === 68
      && (!(text.startsWith('83', m.index) && text.charCodeAt(m.index + 2) >= 50 && text.charCodeAt(m.index + 2) <= 56)
        || (text.charCodeAt(cityStart + city.length) !== 44 && ID_OWNERS.has(fold(city.slice(city.lastIndexOf(' ') + 1)))))) {
      // (the number is an id's: "Language Line ID 38815")
      spans.push({ start: m.index, end: from, label: 'ID', score: 0.6, rule: 'id-after-id' });
      continue;
    }
    spans.push({ start: m.index, end: from, label: 'ZIP', score: 0.85, rule: 'zip-us' });
    spans.push({ start: cityStart, end: cityStart + city.length, label: 'CITY', score: 0.85, rule: 'zip-us' });
  }
  return 0;
}
/** The labels a letter-for-digit reading may give: numbers of a shape of their own. */
const OCR_LABELS = new Set<TextLabel>(['DATE', 'BIRTHDATE', 'PHONE', 'NIR', 'ZIP', 'SSN', 'ID', 'IPP', 'NDA', 'MRN', 'RPPS']);
/** Whether a separator of a number's parts at sep joins a digit (or an OCR letter) at d: "26/O2/2O24", "O2.12". */
function ocrJoined(text: string, sep: number, d: number): boolean {
  const c = cc(text, sep), e = cc(text, d);
  return (c === 47 || c === 46 || c === 45 || c === 32) && (isDigitCode(e) || isOcrLetter(e));
}
/**
 * Numbers with letters scanned or typed for digits — O or o for 0, l or I for 1 — as OCR'd faxes and hurried typing leave them:
 * "DOB : O8/22/1956", "du 26/O2/2O24", "(91O) 555-O143", "04 7l 28 55 9O", "N° SS : 2 38 O9 63 1l3 O27 48", "NC 283O3". A token
 * of digits and such letters (no other letter glued to it, at least half of it digits) is read with digits in their place, and
 * the number rules run over that reading (the character pass's OCR runs are its candidates: a text with none costs nothing); a
 * match is kept when it holds a replaced letter, is a date, phone number, NIR, postal code or identifier, and has three digits or
 * more and at least as many digits as letters. Words stay words: "Ol", "lO", "IO", "OOl" hold no digit, "BIO2" another letter; "O2"
 * (oxygen) alone matches no number.
 * Call right after recognizePatterns over the same text: it reads that pass's OCR runs, and leaves its data as it found them.
 */
export function recognizeOcrDigits(text: string, spans: Span[], lang: Lang): void {
  if (nOcr === 0 || tokText !== text) return;
  const n = text.length;
  const subs: number[] = [];
  for (let q = 0, lastEnd = -1; q < nOcr; q++) {
    if (ocrS[q]! < lastEnd) continue;
    let a = ocrS[q]!, b = ocrE[q]!;
    while (a > 0 && (isDigitCode(text.charCodeAt(a - 1)) || isOcrLetter(text.charCodeAt(a - 1)))) a--;
    while (b < n && (isDigitCode(text.charCodeAt(b)) || isOcrLetter(text.charCodeAt(b)))) b++;
    lastEnd = b;
    if (isWordLetter(cc(text, a - 1)) || isWordLetter(cc(text, b))) continue;
    // (oxygen, "O2 3 L", "sous O2": the commonest such token, no number's part — and a text that holds only it is not read again;
    // joined to a number's other part by '/', '.', '-', or by spaces on both sides, as a phone's pairs: "26/O2/2O24", "06 O2 34")
    if (b - a === 2 && text.charCodeAt(a) === 79 && text.charCodeAt(a + 1) === 50) {
      const left = ocrJoined(text, a - 1, a - 2), right = ocrJoined(text, b, b + 1);
      if (!((left && cc(text, a - 1) !== 32) || (right && cc(text, b) !== 32) || (left && right))) continue;
    }
    // (an ICD-10 code of chapter I or O with its subcategory is no number: "I50.32", "O24.4")
    if (b - a === 3 && (text.charCodeAt(a) === 73 || text.charCodeAt(a) === 79) && cc(text, b) === 46 && isDigitCode(cc(text, b + 1))) continue;
    let d = 0;
    for (let k = a; k < b; k++) if (isDigitCode(text.charCodeAt(k))) d++;
    if (2 * d >= b - a) subs.push(a, b);
  }
  if (subs.length === 0) return;
  let norm = '', from = 0;
  for (let k = 0; k < subs.length; k += 2) {
    norm += text.slice(from, subs[k]!);
    for (let j = subs[k]!; j < subs[k + 1]!; j++) {
      const c = text.charCodeAt(j);
      norm += isDigitCode(c) ? text[j] : c === 79 || c === 111 ? '0' : '1';
    }
    from = subs[k + 1]!;
  }
  norm += text.slice(from);
  const found: Span[] = [];
  recognizePatterns(norm, found, lang);
  // (the passes that follow read the character pass's data of the text itself)
  charClasses(text);
  for (const sp of found) {
    if (!OCR_LABELS.has(sp.label)) continue;
    let d = 0, l = 0;
    for (let k = sp.start; k < sp.end; k++) {
      const c = text.charCodeAt(k);
      if (isDigitCode(c)) d++; else if (c !== norm.charCodeAt(k)) l++;
    }
    if (l === 0 || d < 3 || d < l) continue;
    spans.push({ ...sp, rule: sp.rule === 'id-cue' ? sp.rule : `${sp.rule}-ocr` });
  }
}
/**
 * English postal codes outside the US, with the town before them: British ("Cardiff CF14 4XW", "London
 * N19 4JB"), Canadian ("Toronto, ON M5V 2T6") and Australian ("Brighton VIC 3186"). Each is tried at a
 * digit run of the character pass (its inward code's digit, its second digit, or its four digits).
 */
function postcodesEn(text: string, spans: Span[]): void {
  if (tokText === text && !referenceScan) { for (let q = 0; q < nRuns; q++) postcodeAt(text, runS[q]!, runE[q]!, spans); return; }
  DIGITS_G.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DIGITS_G.exec(text)) !== null) postcodeAt(text, m.index, m.index + m[0].length, spans);
}
const DIGITS_G = /\d+/g;
/** A British inward code's letters after its digit (no C, I, K, M, O, V), then no letter or digit. */
const UK_INWARD = /[ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])/y;
const UK_OUTWARD = /(?<![A-Za-z0-9])[A-Z]{1,2}\d[A-Z\d]?$/;
const CA_POSTAL = /(?<![A-Za-z0-9])[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d(?![A-Za-z0-9])/y;
const CA_PROVINCES = new Set(['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT']);
const AU_STATES = new Set(['VIC', 'NSW', 'QLD', 'TAS', 'ACT', 'SA', 'WA', 'NT']);
function postcodeAt(text: string, s: number, e: number, spans: Span[]): void {
  const len = e - s;
  if (len === 1 && cc(text, s - 1) === 32) {
    // British: the outward code, a space, the inward code ("CF14 4XW"); the town right before it
    UK_INWARD.lastIndex = e;
    if (!UK_INWARD.test(text)) return;
    const o = UK_OUTWARD.exec(text.slice(Math.max(0, s - 6), s - 1));
    if (o === null) return;
    const zs = s - 1 - o[0].length;
    spans.push({ start: zs, end: e + 2, label: 'ZIP', score: 0.8, rule: 'postcode-uk' });
    if (cc(text, zs - 1) === 32) placeBefore(text, zs - 1, spans, 'postcode-uk');
    return;
  }
  if (len === 1 && isUpperAscii(cc(text, s - 1)) && isUpperAscii(cc(text, e))) {
    // Canadian: letter, digit, letter, a space or none, digit, letter, digit ("M5V 2T6"); the province and town before it
    CA_POSTAL.lastIndex = s - 1;
    if (!CA_POSTAL.test(text)) return;
    const zs = s - 1;
    const province = cc(text, zs - 1) === 32 && CA_PROVINCES.has(text.slice(zs - 3, zs - 1)) && !isAlnumLatin(cc(text, zs - 4));
    // (without its space only after a province: "E3V4M6" is a Glasgow coma score)
    if (!province && cc(text, s + 2) !== 32) return;
    spans.push({ start: zs, end: CA_POSTAL.lastIndex, label: 'ZIP', score: 0.8, rule: 'postcode-ca' });
    if (province) {
      const k = cc(text, zs - 4) === 32 && cc(text, zs - 5) === 44 ? zs - 5 : zs - 4;
      placeBefore(text, k, spans, 'postcode-ca');
    }
    return;
  }
  if (len === 4 && cc(text, s - 1) === 32 && !isAlnumLatin(cc(text, e))) {
    // Australian: a state, then four digits ("Brighton VIC 3186"); the suburb before the state
    let a = s - 1;
    while (a > 0 && isUpperAscii(text.charCodeAt(a - 1))) a--;
    if (!AU_STATES.has(text.slice(a, s - 1)) || cc(text, a - 1) !== 32) return;
    spans.push({ start: s, end: e, label: 'ZIP', score: 0.75, rule: 'postcode-au' });
    placeBefore(text, cc(text, a - 2) === 44 ? a - 2 : a - 1, spans, 'postcode-au');
  }
}
/** A town of one to three capitalized words ending at `at` (a space or a comma there): a CITY span. */
function placeBefore(text: string, at: number, spans: Span[], rule: string): void {
  const start = cityWordsBefore(text, at);
  if (start < 0 || STOP.has(fold(text.slice(start, at)))) return;
  spans.push({ start, end: at, label: 'CITY', score: 0.7, rule });
}
/** Words before "ID" that make it an identifier's name, whatever the number ("Employee ID 83231"). */
const ID_OWNERS = new Set(['PATIENT', 'EMPLOYEE', 'MEMBER', 'STUDY', 'SUBJECT', 'PARTICIPANT', 'BADGE', 'SAMPLE', 'USER', 'ENCOUNTER', 'VISIT', 'ORDER', 'ACCOUNT', 'CLIENT', 'CASE', 'SPECIMEN', 'RECORD', 'STUDENT', 'STAFF', 'PERSON']);
const US_STATES = 'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR';
/**
 * English text: "El Paso, TX", "Lake Tapps, WA" without a ZIP code — the city before a state's
 * code (not the codes that are also credentials or words: MD, PA, DO, IN, OR, ME, OK, HI, DE, AL, ID, CO).
 */
/** English: a county or a parish by its name ("Middlesex County", "Orleans Parish"): a subdivision smaller than a state (HIPAA's identifier 2). */
const COUNTY = /(?<![A-Za-z0-9À-ÿ])((?:[A-Z][a-z]+[ -]){0,2}[A-Z][a-z]+) (?:County|Parish|Borough)(?![A-Za-z0-9À-ÿ])/g;
function counties(text: string, spans: Span[], cls: number): void {
  if ((cls & G_COUNTY) === 0) return;
  COUNTY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = COUNTY.exec(text)) !== null) {
    const w0 = fold(m[1]!.split(/[ -]/)[0]!);
    if (STOP.has(w0) || HOSP_GENERIC.has(w0)) continue;
    spans.push({ start: m.index, end: m.index + m[0].length, label: 'CITY', score: 0.7, rule: 'county' });
  }
}
export const US_STATE_SET = new Set(US_STATES.split('|'));
/** The US states' codes that may follow a town without being a word or a title after a name ("MD", "PA", "IN", "OR"… left out). */
export const CITY_STATES = new Set(US_STATES.split('|').filter((s) => !['MD', 'PA', 'IN', 'OR', 'ME', 'OK', 'HI', 'DE', 'AL', 'ID', 'CO'].includes(s)));
/**
 * At each ", " + state code (not before a ZIP code, which zip-us takes): the one to three words
 * [A-Z][a-z]+ before the comma, joined by single spaces or hyphens, the first after no letter or
 * digit — what the regex /(?<![A-Za-z0-9À-ÿ])((?:[A-Z][a-z]+[ -]){0,2}[A-Z][a-z]+), (?:ST)(?![A-Za-z0-9À-ÿ]| \d{5})/g
 * finds, read from the comma backwards (a scan of the whole text by that regex cost 15 % on English notes).
 */
const CREDENTIAL_AFTER = /^(?!USA?\b)[A-Z]{2,5}(?![A-Za-z])/;
/** The start of one to three capitalized words ([A-Z][a-z]+, one ' ' or '-' between them) ending at a comma at `at`, or -1. */
function cityWordsBefore(text: string, at: number): number {
  let start = -1, e = at;
  for (let w = 0; w < 3; w++) {
    let a = e;
    while (a > 0 && isLowerAscii(text.charCodeAt(a - 1))) a--;
    if (a === e || a === 0 || !isUpperAscii(text.charCodeAt(a - 1))) break;
    a--;
    const before = cc(text, a - 1);
    if (!isAlnumLatin(before)) start = a;
    if (before !== 32 && before !== 45) break;
    e = a - 1;
  }
  return start;
}
/** A preposition of place right before a town: "from", "in", "near". */
const PLACE_PREP_EN = /(?:^|[^A-Za-z])(?:from|in|near)\s$/;
function cityState(text: string, spans: Span[]): void {
  for (let at = text.indexOf(', ', 1); at !== -1; at = text.indexOf(', ', at + 2)) {
    const c1 = cc(text, at + 2), c2 = cc(text, at + 3), c3 = cc(text, at + 4);
    // (a credential and its board in brackets is no state: "Jan Ostergaard, MT(ASCP)")
    if (!isUpperAscii(c1) || !isUpperAscii(c2) || isAlnumLatin(c3) || c3 === 40) continue;
    if (c3 === 32 && isDigitCode(cc(text, at + 5)) && isDigitCode(cc(text, at + 6)) && isDigitCode(cc(text, at + 7)) && isDigitCode(cc(text, at + 8)) && isDigitCode(cc(text, at + 9))) continue;
    // (a state whose code is a credential or a word too, PA, AL, MD, IN…: only after a place's preposition, "from Reading, PA")
    const ambiguousState = !CITY_STATES.has(text.slice(at + 2, at + 4));
    if (ambiguousState && !US_STATE_SET.has(text.slice(at + 2, at + 4))) continue;
    // (a list of credentials after a name, "Chelsea Nwachukwu, MS, CGC": not Mississippi)
    if (c3 === 44 && cc(text, at + 5) === 32 && CREDENTIAL_AFTER.test(text.slice(at + 6, at + 13))) continue;
    let start = cityWordsBefore(text, at);
    if (start < 0) continue;
    if (ambiguousState && !PLACE_PREP_EN.test(text.slice(Math.max(0, start - 6), start))) continue;
    // (a person after "by": "Reviewed by: Jan Ostergaard, MT")
    if (/(?:^|[^A-Za-z])[Bb][Yy]:? $/.test(text.slice(Math.max(0, start - 5), start))) continue;
    let w0 = start;
    while (w0 < at && text.charCodeAt(w0) !== 32 && text.charCodeAt(w0) !== 45) w0++;
    // (a stop word first, "From El Paso, TX": the city starts after it)
    if (STOP.has(fold(text.slice(start, w0)))) {
      if (w0 >= at || text.charCodeAt(w0) !== 32) continue;
      start = w0 + 1; w0 = start;
      while (w0 < at && text.charCodeAt(w0) !== 32 && text.charCodeAt(w0) !== 45) w0++;
      if (STOP.has(fold(text.slice(start, w0)))) continue;
    }
    // a person and a credential (MA: medical assistant, MS), not a city: after an initial ("D. Boateng, MA"), or, before MA
    // or MS, a first name then another word that is no known city ("Kim Ngo, MA")
    if (start >= 3 && text.charCodeAt(start - 1) === 32 && text.charCodeAt(start - 2) === 46 && isUpperAscii(text.charCodeAt(start - 3)) && !isWordLetter(cc(text, start - 4))) continue;
    if (text.charCodeAt(at + 2) === 77 && (text.charCodeAt(at + 3) === 65 || text.charCodeAt(at + 3) === 83)) {
      // (the first word whole, a compound first name too: "Ruth-Ann Obiora, MS")
      let f0 = start;
      while (f0 < at && text.charCodeAt(f0) !== 32) f0++;
      const lex = tokenLexicon();
      const first = f0 < at ? fold(text.slice(start, f0)) : '';
      const firstBits = first.includes('-') && first.split('-').every((p) => ((lex.get(p) ?? 0) & (LEX_FIRST | LEX_CITY)) === LEX_FIRST) ? LEX_FIRST : lex.get(first) ?? 0;
      if (f0 < at && (firstBits & (LEX_FIRST | LEX_CITY | LEX_CITY_PREFIX)) === LEX_FIRST && !(((lex.get(fold(text.slice(start, at))) ?? 0) & LEX_CITY))) continue;
    }
    spans.push({ start, end: at, label: 'CITY', score: 0.7, rule: 'city-state' });
  }
  // the city before a state's full name: "visiting her son in Austin, Texas" (one to three capitalized words)
  for (let at = text.indexOf(', ', 1); at !== -1; at = text.indexOf(', ', at + 2)) {
    if (!isUpperAscii(cc(text, at + 2))) continue;
    // (the word after the comma is a state's first word before the look-up: no substring for most commas)
    let we = at + 3;
    while (we < text.length && isLowerAscii(text.charCodeAt(we))) we++;
    if (!STATE_FIRST_WORDS.has(text.slice(at + 2, we)) || !STATE_NAME_AT.test(text.slice(at + 2, at + 22))) continue;
    let start = cityWordsBefore(text, at);
    // (a stop word first is not the city's, "From Austin, Texas"; not a person after a title: "Dr. Smith, Texas")
    while (start >= 0 && start < at) {
      let w0 = start;
      while (w0 < at && text.charCodeAt(w0) !== 32 && text.charCodeAt(w0) !== 45) w0++;
      if (!STOP.has(fold(text.slice(start, w0)))) break;
      start = w0 < at ? w0 + 1 : -1;
    }
    if (start < 0 || /(?:^|\s)(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.? $/.test(text.slice(Math.max(0, start - 6), start))) continue;
    spans.push({ start, end: at, label: 'CITY', score: 0.7, rule: 'city-state' });
  }
}
const STATE_NAMES = ['Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida', 'Georgia', 'Hawaii', 'Idaho', 'Illinois',
  'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland', 'Massachusetts', 'Michigan', 'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska',
  'Nevada', 'New Hampshire', 'New Jersey', 'New Mexico', 'New York', 'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma', 'Oregon', 'Pennsylvania', 'Rhode Island',
  'South Carolina', 'South Dakota', 'Tennessee', 'Texas', 'Utah', 'Vermont', 'Virginia', 'Washington', 'West Virginia', 'Wisconsin', 'Wyoming'];
const STATE_FIRST_WORDS = new Set(STATE_NAMES.map((n) => n.split(' ')[0]!));
const STATE_NAME_AT = new RegExp(`^(?:${STATE_NAMES.join('|')})(?![A-Za-z]| [A-Z])`);
/** A 5-digit ZIP (+4) after "City, ST " (the city captured inside the look-behind: up to four capitalized words). */
const ZIP_US_AT = new RegExp(`(?<=(?<![A-Za-z0-9À-ÿ])((?:(?:[A-Z][a-z]+|[A-Z]{2,})[ -]){0,3}(?:[A-Z][a-z]+|[A-Z]{2,})),? (?:${US_STATES}) )\\d{5}(?:-\\d{4})?(?![0-9A-Za-z])`, 'y');
const ZIP_US_G = new RegExp(ZIP_US_AT.source, 'g');

/** Hospital names after "Hôpital", "CHU", "Clinique", "Hospital". */
const HOSPITAL = /(?:\bH[ôo]pitaux|\bH[ÔO]PITAUX|\bH[ôo]pital|\bH[ÔO]PITAL|\bHOP|\bCHU[SMQL]?|\bCHRU|\bCHR|\bCHIC|\bCHI|\bCHS|\bHIA|\bCH|\bClinique|\bCLINIQUE|(?<=\b(?:la|une|cette|en|à) )clinique|(?<=(?:^|[(,;] ?))clinique(?= (?:Saint|Sainte|St|Ste|du|des|de la|de l['’])[ \-]?\p{Lu})|\bHospital|\b[Gg]roupe [Hh]ospitalier|\bGH|\b[Cc]entre [Hh]ospitalier(?: [Uu]niversitaire)?|\bCENTRE HOSPITALIER(?: UNIVERSITAIRE)?|\b[Cc]entre de [Ss]ant[ée]|\b[Cc]abinet (?:[Mm][ée]dical|[Dd]entaire|param[ée]dical|pluridisciplinaire|de [Rr]adiologie|d['’][Ii]magerie)|\bCABINET (?:M[ÉE]DICAL|DENTAIRE)|\b[Cc]abinet (?:infirmier|de [a-zé]+|d['’][a-zé]+|de [A-Z][a-zé]+)(?= (?:du|des|de la|de l['’]) ?\p{Lu})|\b(?:SSR|EPSM|USLD)(?= (?:d[eu]s? |de la |d['’])?(?!Clinique|CLINIQUE|Centre|CENTRE|H[ôo]pital|H[ÔO]PITAL|Maison|MAISON|R[ée]sidence|EHPAD|Ehpad)\p{Lu})|\b(?:CMPP?|CATTP|HAD|MSP|SSIAD|CPAM|MDPH|CARSAT|CSAPA|PMI|CMPEA|SAMSAH|SAVS|ESAT|IME|ITEP|ADMR|LHSS|SPST|[Mm]utuelle|MUTUELLE|[Pp]ompes [Ff]un[èe]bres|POMPES FUN[ÈE]BRES)(?= (?:d[eu]s? |de la |d['’])?\p{Lu})|\bCabinet(?= (?:des|du|de la|de l['’]) ?\p{Lu})|(?<![\p{L}])[ÉEée]cole(?: [Mm]aternelle| [Pp]rimaire| [ÉéEe]l[ée]mentaire)?|(?<![\p{L}])[ÉE]COLE|\bColl[èe]ge|\bCOLL[ÈE]GE|\bLyc[ée]e|\bLYC[ÉE]E|\bAssociation|\bASSOCIATION|\bImagerie(?= (?:du|des|de la|de l['’]) )|\bP[ôo]le [Ss]ant[ée]|\bMaison de [Ss]ant[ée]|\b[Cc]entre (?:[Dd]entaire|de SSR|de PMI|m[ée]dico-psychologique|de [Pp]lanification(?: [Ff]amiliale)?|[Mm][ée]dical|[Oo]phtalmologique|de [Rr][ée][ée]ducation(?: [Ff]onctionnelle)?|de [Rr][ée]adaptation(?: [Ff]onctionnelle)?|d['’][Ii]magerie(?: [Mm][ée]dicale)?|d['’][Hh][ée]modialyse|de [Dd]ialyse|de [Rr]adiologie|de [Ss]oins de [Ss]uite|de [Cc]anc[ée]rologie|de [Ll]utte [Cc]ontre le [Cc]ancer|[Mm][ée]dico-[Pp]sychologique|de [Gg][ée]riatrie)|\bCentre(?= (?:de |d['’])?\p{Lu})|\bh[ôo]pital|\bInstitut|\bINSTITUT|\b[Pp]olyclinique|\bPOLYCLINIQUE|\bPharmacie|\bPHARMACIE|(?<=\b(?:la|une|cette|en|à) )pharmacie|\bLaboratoire(?: d['’]analyses(?: [Mm][ée]dicales)?| de [Bb]iologie(?: [Mm][ée]dicale)?)?|\bLABORATOIRE|(?<=(?:\b(?:le|au|un|du)|[,;:(]) )laboratoire(?: d['’]analyses(?: m[ée]dicales)?| de biologie(?: m[ée]dicale)?)?|\bFondation|\bFONDATION|\bMaternit[ée]|\bMATERNIT[ÉE])(?: (?:européen|universitaire|universitaires|Universitaires|militaire|[Gg][ée]riatrique|[Pp][ée]diatrique|[Pp]riv[ée]e?|PRIV[ÉE]E?|[Mm]unicipale?|[Mm]utualiste|[Pp]sychiatrique|d'instruction des armées|[Ss]p[ée]cialis[ée]|[Ii]ntercommunal|[Rr][ée]gional|[Dd][ée]partemental|[Gg][ée]n[ée]ral|pluriprofessionnelle|pluridisciplinaire|INTERCOMMUNAL|R[ÉE]GIONAL|D[ÉE]PARTEMENTAL|G[ÉE]N[ÉE]RAL))?(?:(?: (?:de la|du|des|de|la|le|les|DE LA|DU|DES|DE))? | (?:de l|d|DE L|D)['’])((?:\p{Lu}[\p{L}'’\-]*)(?:[ \-.](?:\p{Lu}[\p{L}'’\-]*)| d['’]\p{Lu}[\p{L}'’\-]*)*)/gu;
const HOSPITAL_AT = new RegExp(HOSPITAL.source, 'uy');
/** A Québec university hospital's acronym at a HOSPITAL match's start, before its site ("CHUS Fleurimont"). */
const QUEBEC_CHU = /^CHU[SMQL] /;
/** An employer's cue words ("works at", "retired from", "Employeur :"). */
const EMPLOYER_WORDS = new Set(['works', 'worked', 'working', 'Works', 'Worked', 'Working', 'employed', 'Employed', 'retired', 'Retired', 'Employer', 'employer',
  'EMPLOYER', 'Employeur', 'employeur', 'EMPLOYEUR', 'travaille', 'travaillait', 'Travaille', 'employé', 'employée', 'Employé', 'Employée']);
/** Medical laboratory networks named alone or with their town ("labo Cerballiance Lyon 8", "Biogroup Saint-Brieuc", "Quest Diagnostics"). */
const LAB_CHAINS = ['Cerballiance', 'Biogroup', 'Bioaccess', 'Eurofins', 'Synlab', 'Inovie', 'Unilabs', 'Biomnis', 'Cerba', 'Laborizon', 'Biofusion', 'Oriade',
  'Novabio', 'Dyomedea', 'Bioliance', 'Biopath', 'Labazur', 'LabCorp', 'Labcorp', 'Quest',
  // pharmacy and retail chains named alone ("refilled to Walgreens")
  'Walgreens', 'Walmart', 'Kroger', 'Publix', 'Safeway', 'Costco', 'Meijer', 'Wegmans', 'Albertsons'];
// (in capitals too, as laboratory reports' headers and legacy systems print them: "QUEST DIAGNOSTICS", "CERBALLIANCE", "WALGREENS")
LAB_CHAINS.push(...LAB_CHAINS.filter((w) => w !== 'Labcorp').map((w) => w.toUpperCase()));
/** A dictation's words before "par"/"by" and the initials ("Dicté par EC", "Transcribed by: jm"; document-names.ts). */
export const DICTATION_WORDS = new Set(['dicté', 'dictée', 'dicte', 'dictee', 'dictés', 'frappé', 'frappée', 'frappe', 'tapé', 'tapée', 'relu', 'dictated', 'transcribed', 'typed',
  'reviewed', 'Dicté', 'Dictée', 'Dicte', 'Frappé', 'Frappée', 'Tapé', 'Relu', 'Dictated', 'Transcribed', 'Typed', 'Reviewed', 'Dict', 'dict', 'DICT',
  // (written or entered by: "Rédigé par JBL", "Saisi par sl", "Prepared by: KT")
  'rédigé', 'rédigée', 'Rédigé', 'Rédigée', 'saisi', 'saisie', 'Saisi', 'Saisie', 'written', 'Written', 'prepared', 'Prepared', 'entered', 'Entered',
  'dactylographié', 'dactylographiée', 'dactylographie', 'Dactylographié', 'Dactylographiée']);
/**
 * Organizations named before their kind ("Highland Ridge Elementary", "Sonoran Reference Laboratories", "Show-Me Mutual Insurance",
 * "Tremont Shoe Company"): HOSPITAL too — a school, an insurer, a laboratory or an employer narrows down who the patient is
 * (not "Inc", "LLC": notes name device makers that way, "Biotisto Inc").
 */
const EN_ORG_WORDS = ['School', 'SCHOOL', 'Elementary', 'Academy', 'College', 'COLLEGE', 'Shelter', 'Church', 'Bank', 'Insurance', 'Laboratory', 'Laboratories',
  'LABORATORY', 'Library', 'Rehab', 'Services', 'Agency', 'Association', 'Foundation', 'Daycare', 'Preschool', 'Management', 'Partners', 'Company', 'Group', 'GROUP', 'Therapy', 'Plan', 'Union', 'Memorial',
  'Therapeutics', 'Pharmaceuticals', 'Biosciences', 'Pharma', 'Collective', 'Distribution', 'SARL', 'SAS', 'SASU', 'EURL', 'SELARL', 'SNC', 'SCP',
  'Network', 'Transport', 'Transportation', 'Logistics', 'Montessori', 'Ministries', 'Corporation',
  // (a polyclinic, a veterans' medical center or outpatient clinic: "Toa Payoh Polyclinic", "Fort Meade VAMC", "Rapid City CBOC"; and kinds that
  // need their own word before them, PRACTICE_BEFORE: "Cedar Bluff Correctional Facility", "Ashbourne Lodge Care Home", "Queen City Medical Supply")
  'Polyclinic', 'POLYCLINIC', 'VAMC', 'CBOC', 'Facility', 'FACILITY', 'Home', 'HOME', 'Supply', 'SUPPLY',
  // (in capitals too, as letterheads and legacy systems print them: "HIGHLAND RIDGE ELEMENTARY", "SONORAN REFERENCE LABORATORIES"; not the
  // words of an all-capitals note's prose or headings, "PLAN", "SERVICES", "GROUP OF", "UNION")
  'ELEMENTARY', 'ACADEMY', 'SHELTER', 'LABORATORIES', 'DAYCARE', 'PRESCHOOL', 'MONTESSORI', 'MINISTRIES', 'FOUNDATION', 'MEMORIAL'];
/**
 * The first words of HOSPITAL's cues. A match starts at one (after an ASCII word boundary) and the
 * word is followed by ' ': a whole letter run, or a run suffix after a non-ASCII letter.
 */
const HOSP_CUES = new Set(['Hôpital', 'Hopital', 'HÔPITAL', 'HOPITAL', 'HOP', 'CHU', 'CHUS', 'CHUM', 'CHUQ', 'CHUL', 'CHR', 'CH', 'CHRU', 'CHI', 'CHIC', 'CHS', 'HIA', 'Clinique', 'CLINIQUE', 'clinique', 'Hospital', 'Groupe', 'groupe', 'GH', 'Centre', 'centre', 'hôpital', 'hopital',
  'Clinic', 'Center', 'Infirmary', 'HOSPITAL', 'CLINIC', 'CENTER', 'CENTRE', 'INFIRMARY', 'Institute', 'INSTITUTE', 'Hospice', 'HOSPICE', 'Medicine', 'MEDICINE',
  'Practice', 'PRACTICE', 'Associates', 'ASSOCIATES', 'Care', 'CARE', 'Health', 'HEALTH', 'Pharmacy', 'PHARMACY', 'Apothecary', 'APOTHECARY',
  'Surgery', 'SURGERY', 'Nursing', 'NURSING', 'Rehabilitation', 'REHABILITATION', 'Pediatrics', 'Dentistry', 'Orthopedics', 'Imaging', 'Dermatology', 'Cardiology', 'Urology', 'Radiology', 'Oncology', 'Neurology', 'Ophthalmology', 'Optometry', 'Podiatry', 'Chiropractic', 'Audiology', 'Psychiatry', 'Counseling', 'Wellness', 'Obstetrics', 'Gynecology', 'Rheumatology', 'Endocrinology', 'Nephrology', 'Pulmonology', 'Allergy', 'PEDIATRICS', 'DENTISTRY', 'ORTHOPEDICS', 'IMAGING', 'DERMATOLOGY', 'CARDIOLOGY', 'UROLOGY', 'RADIOLOGY', 'ONCOLOGY', 'NEUROLOGY', 'OPHTHALMOLOGY', 'OPTOMETRY', 'PODIATRY', 'CHIROPRACTIC', 'AUDIOLOGY', 'PSYCHIATRY', 'COUNSELING', 'WELLNESS', 'OBSTETRICS', 'GYNECOLOGY', 'RHEUMATOLOGY', 'ENDOCRINOLOGY', 'NEPHROLOGY', 'PULMONOLOGY', 'ALLERGY',
  ...EN_ORG_WORDS,
  // employers' cues, laboratory networks and dictations' words (recognizeHospitals and document-names.ts read them from these candidates)
  ...EMPLOYER_WORDS, ...LAB_CHAINS, ...DICTATION_WORDS,
  'CMP', 'CMPP', 'CATTP', 'HAD', 'MSP', 'SSIAD', 'CPAM', 'MDPH', 'CARSAT', 'CSAPA', 'PMI', 'CMPEA', 'SAMSAH', 'SAVS', 'ESAT', 'IME', 'ITEP', 'ADMR', 'SSR', 'EPSM', 'USLD',
  'LHSS', 'SPST',
  'Mutuelle', 'mutuelle', 'MUTUELLE', 'Pompes', 'pompes', 'POMPES',
  'École', 'Ecole', 'ÉCOLE', 'ECOLE', 'école', 'ecole', 'Collège', 'College', 'COLLÈGE', 'COLLEGE', 'Lycée', 'Lycee', 'LYCÉE', 'LYCEE', 'Association', 'ASSOCIATION', 'Imagerie', 'Pôle', 'Pole', 'Maison',
  'Pharmacie', 'PHARMACIE', 'pharmacie', 'Laboratoire', 'LABORATOIRE', 'laboratoire', 'Cabinet', 'cabinet', 'CABINET', 'Hôpitaux', 'Hopitaux', 'hôpitaux', 'HÔPITAUX', 'HOPITAUX',
  'Institut', 'INSTITUT', 'Polyclinique', 'polyclinique', 'POLYCLINIQUE', 'Fondation', 'FONDATION', 'Maternité', 'Maternite', 'MATERNITÉ', 'MATERNITE']);
addWords(MONTH_FORMS, W_MONTH); addWords(DAY_WORDS, W_DAY); addWords(CUE_WORDS, W_CUE); addWords(HOSP_CUES, W_HOSP);
addRunWords(HOSP_CUES, R_HOSP);
/** foldHash of each hospital cue word (a test before the substring). */
const HOSP_HASH = new Uint8Array(4096);
for (const w of HOSP_CUES) HOSP_HASH[foldHash(w, 0, w.length)] = 1;
function isHospCue(t: string, p: number, i: number): boolean {
  const c = t.charCodeAt(p), len = i - p;
  // (the lower-case cues: hôpital/hopital, clinique, centre, groupe, polyclinique, pharmacie, pompes, mutuelle — "première",
  // "cure" are tested no further)
  return len <= 15 && (c === 72 || c === 67 || c === 71 || c === 73 || c === 80 || c === 70 || c === 77 || c === 65 || c === 68 || c === 79 || c === 82 || c === 85 || c === 78 || c === 87 || c === 69
    || c === 83 || c === 66 || c === 84 || c === 81 || c === 75 || c === 86 || c === 119 || c === 101 || c === 114 || c === 116 || c === 201 || c === 100 || c === 102
    || (c === 233 && len === 5) || (c === 104 && (len === 7 || len === 8)) || (c === 99 && (len === 8 || len === 7 || len === 6)) || (c === 103 && len === 6) || (c === 112 && (len === 12 || len === 9 || len === 6)) || (c === 109 && len === 8) || c === 76 || (c === 108 && len === 11))
    && HOSP_HASH[foldHash(t, p, i)] === 1 && HOSP_CUES.has(t.slice(p, i));
}
let hospS = new Int32Array(16), nHosp = 0;
function pushHosp(p: number): void {
  if (nHosp === hospS.length) hospS = doubled(hospS);
  hospS[nHosp++] = p;
}
/**
 * Each match of a rule led by cue words: tried at the cue words the character pass recorded when
 * it ran on this text (`starts`, `count`), else found by a scan of the whole text.
 */
function eachCueMatch(text: string, sticky: RegExp, global: RegExp, starts: Int32Array, count: number, f: (m: RegExpExecArray) => void): void {
  const at = tokText === text && !referenceScan;
  if (at && count === 0) return;
  let m: RegExpExecArray | null;
  let from = 0;
  cur = 0;
  while ((m = at ? execAtList(sticky, text, starts, count, from) : globalFrom(global, text, from)) !== null) {
    from = m.index + m[0].length;
    f(m);
  }
}
/**
 * English: a saint's name with "'s" after at/to/from/in names a hospital ("hospitalized at St. Mary's"), and so
 * does one at a line's start or before a ward's word ("St Brigid's, bed 11", "St Brigid's Ward"): no person.
 */
const SAINTS_HOSPITAL = /(?:(?<=(?<![A-Za-z])(?:at|to|from|in) )|^)(?:St\.?|Saint) [A-Z][a-z]+(?:'s|’s)(?![A-Za-z])|(?<![A-Za-z])(?:St\.?|Saint) [A-Z][a-z]+(?:'s|’s)(?= (?:Ward|Unit|Wing|Campus|Hospital|Hospice|Clinic)\b)/gm;
/**
 * An employer after its cue ("Works as a machinist at General Dynamics", "retired from Tremont Shoe Company", "Employer: Pacific Rim
 * Logistics", "travaille chez Renault", "Employeur : Logistique Rhône-Alpes SAS"): one to five capitalized words (HOSPITAL, the label of
 * organizations). Not a title, a stop word, a month or a city of the dictionaries ("works for Dr. Lee", "retired in May").
 */
const EMPLOYER_AT = /(?<![\p{L}])(?:[Ww]orks?|[Ww]orked|[Ww]orking|[Ee]mployed|[Rr]etired|[Ee]mployer|[Ee]mployeur|[Tt]ravaille|[Tt]ravaillait|[Ee]mployée?)(?: (?:as|comme) (?:an? |un |une )?[\p{Ll}-]+(?: [\p{Ll}-]+)?| after \d+ years| [\p{Ll}-]+(?: [\p{Ll}-]+)?,)?(?: (?:at|for|by|from|chez|pour)|\s?:|(?<=,)) ?(\p{Lu}[\p{L}\d'’&\-]*\.?(?:(?: (?:&|and|of|de|du|des|la))? \p{Lu}[\p{L}\d'’&\-]*\.?){0,4})/uy;
const NO_EMPLOYER = new Set(['SELF', 'NONE', 'N/A', 'NA', 'RETIRED', 'UNEMPLOYED', 'DISABLED', 'HOME', 'HOMEMAKER', 'STUDENT', 'UNKNOWN', 'AUCUN', 'AUCUNE', 'SANS', 'NEANT', 'RETRAITE', 'RETRAITEE', 'INVALIDITE']);
/** The cue words' stems (both cases of the first letter): the sticky regex runs where one starts a word. */
const EMPLOYER_STEMS = ['work', 'Work', 'employ', 'Employ', 'retired', 'Retired', 'travaill', 'Travaill'];
/** The employer at the cue word starting at p, if any; returns where the next cue may start. */
function employerAt(text: string, p: number, spans: Span[]): number {
  EMPLOYER_AT.lastIndex = p;
  const m = EMPLOYER_AT.exec(text);
  if (m === null) return p + 1;
  let g = m[1]!;
  const w0 = fold(g.split(/[ .]/)[0]!);
  if (/\d/.test(w0) || STOP.has(w0) || TITLES.has(w0) || TITLES.has(`${w0}.`) || CUES.has(w0) || NO_EMPLOYER.has(w0) || MONTH_FORMS.has(w0.toLowerCase())
    || ((tokenLexicon().get(w0) ?? 0) & LEX_CITY) !== 0) return p + 1;
  // (a sentence's dot ends the name, "Co." and "Inc." keep theirs: "at General Dynamics. Retired…")
  const dot = g.search(/\.(?: |$)/);
  if (dot >= 0) g = /(?:^|\s)(?:Co|Inc|Ltd|Corp|Cie|St)$/.test(g.slice(0, dot)) ? g.slice(0, dot + 1) : g.slice(0, dot);
  const start = m.index + m[0].length - m[1]!.length;
  spans.push({ start, end: start + g.length, label: 'HOSPITAL', score: 0.6, rule: 'employer' });
  return start + g.length;
}
/** Employers and laboratory networks: from the character pass's candidate words, else from a search of the cue words. */
function employersAndLabs(text: string, spans: Span[]): void {
  // (a text whose letter runs the regexes read differently, with a 'Ÿ': searched instead)
  if (tokText === text && runRegular && !referenceScan) {
    for (let q = 0, from = 0; q < nHosp; q++) {
      const p = hospS[q]!;
      let e = p;
      while (e < text.length && isWordLetter(text.charCodeAt(e))) e++;
      const w = text.slice(p, e);
      if (EMPLOYER_WORDS.has(w)) { if (p >= from) from = employerAt(text, p, spans); } else if (LAB_CHAIN_SET.has(w)) labChainAt(text, p, spans);
    }
    return;
  }
  // (the cue words in the text's order, as the candidates come)
  const cues: number[] = [];
  for (const stem of EMPLOYER_STEMS) for (let p = text.indexOf(stem); p >= 0; p = text.indexOf(stem, p + 1)) if (!isWordLetter(cc(text, p - 1))) cues.push(p);
  cues.sort((a, b) => a - b);
  for (let q = 0, from = 0; q < cues.length; q++) if (cues[q]! >= from) from = employerAt(text, cues[q]!, spans);
  for (const name of LAB_CHAINS) for (let p = text.indexOf(name); p >= 0; p = text.indexOf(name, p + 1)) labChainAt(text, p, spans);
}
const LAB_CHAIN_AT = new RegExp(`(?<![\\p{L}\\d])(?:${LAB_CHAINS.join('|')})(?![\\p{L}\\d])(?:[ -](?:Diagnostics|\\p{Lu}[\\p{L}'’\\-]*|\\d{1,2}(?![\\d]|[,.:/h]\\d)))*`, 'uy');
const LAB_CHAIN_SET = new Set(LAB_CHAINS);
function labChainAt(text: string, p: number, spans: Span[]): void {
  LAB_CHAIN_AT.lastIndex = p;
  const m = LAB_CHAIN_AT.exec(text);
  // ("Quest" is a word: only as "Quest Diagnostics" or before "lab")
  if (m === null || (m[0] === 'Quest' && !/^ (?:lab|Lab|LAB)/.test(text.slice(m.index + 5, m.index + 9)))) return;
  let e = m.index + m[0].length;
  const c1 = cc(text, p + 1);
  if (c1 >= 65 && c1 <= 90) {
    // (a chain's name in capitals takes only its kind after it, as every word of a text in capitals is: "QUEST DIAGNOSTICS", "WALGREENS",
    // not "WALGREENS ON MAIN", "QUEST FOR ANSWERS")
    let w = p;
    while (w < e && isUpperAscii(cc(text, w))) w++;
    const kind = /^ (?:DIAGNOSTICS|LABORATORIES|LABORATORY|LABS?|PHARMACY)(?![A-Za-z])/.exec(text.slice(w, w + 14));
    if (kind === null && text.startsWith('QUEST', p)) return;
    e = w + (kind === null ? 0 : kind[0].length);
  }
  spans.push({ start: m.index, end: e, label: 'HOSPITAL', score: 0.7, rule: 'lab-chain' });
}
export function recognizeHospitals(text: string, spans: Span[]): void {
  employersAndLabs(text, spans);
  if (patternLang === 'en' && (text.includes("'s") || text.includes('’s'))) {
    SAINTS_HOSPITAL.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = SAINTS_HOSPITAL.exec(text)) !== null) spans.push({ start: m.index, end: m.index + m[0].length, label: 'HOSPITAL', score: 0.6, rule: 'hospital-saint' });
  }
  eachCueMatch(text, HOSPITAL_AT, HOSPITAL, hospS, nHosp, (m) => {
    const g = m[1]!;
    // (a capitalized article starts some names: "Hôpital Le Kremlin-Bicêtre", "La Timone")
    const w0 = fold(g.split(/[ \-]/)[0]!);
    if (STOP.has(w0) && !/^(?:Le|La|Les|LE|LA|LES)[ \-]\S/.test(g) && !/^(?:Pays|PAYS) (?:de |d['’]|du |DE |DU |D['’]|\p{Lu})/u.test(g)) return;
    // (a day or night hospital is a unit: "HÔPITAL DE JOUR GÉRIATRIQUE")
    if (w0 === 'JOUR' || w0 === 'NUIT' || w0 === 'SEMAINE') return;
    // "Institut National du Cancer", "Fondation Hospitalière": a generic word names no institute
    // (after Hôpital it may: "Hôpital Européen Georges-Pompidou")
    if (HOSP_GENERIC_FR.has(w0) && (m[0].charCodeAt(0) | 32) === 105) return;
    // "Centre de Kerpape", "Centre Léon Bérard" (a bare "Centre" before a name: not "Centre de Référence", "Centre Médical…")
    const c0 = m[0].charCodeAt(0) | 32, c1 = m[0].charCodeAt(1) | 32;
    if (((c0 === 99 && c1 === 101) || c0 === 108 || (c0 === 112 && c1 === 104)) && (CENTRE_GENERIC.has(w0) || HOSP_GENERIC_FR.has(w0))) return;
    // (a school's or an association's kind is no name: "ECOLE PRIMAIRE"; nor a title, "Psychologue HAD Mme Inès Caron")
    if (SCHOOL_GENERIC.has(w0) || TITLES.has(w0) || TITLES.has(`${w0}.`)) return;
    // English "Hospital" before a service or a word of the stay, not a name: "Hospital Medicine", "Hartford Hospital Audiology", "Hospital Course";
    // nor before a street word or a title: "1120 Hospital Dr NE"
    if ((m[0].startsWith('Hospital') || m[0].startsWith('HOSPITAL')) && (EN_AFTER_HOSPITAL.has(w0) || HOSP_GENERIC.has(w0) || TITLES.has(w0) || EN_STREET_WORDS.has(g.split(/[ .]/)[0]!))) return;
    // (a Québec university hospital's acronym names the hospital and its town itself: "CHUS Fleurimont" is one span)
    const start = QUEBEC_CHU.test(m[0]) ? m.index : m.index + m[0].length - g.length;
    // "CHU de Lille", "CH d'Arles": the hospital is named by its city, a place (CITY)
    const cityOf = /^(?:CH(?:RU|IC|[URIS])?|CMPP?|CATTP|HAD|MSP|SSIAD|PMI|CMPEA|CSAPA) (?:de |d['’])/.test(m[0]) && ((tokenLexicon().get(fold(g)) ?? 0) & LEX_CITY) !== 0;
    spans.push({ start, end: m.index + m[0].length, label: cityOf ? 'CITY' : 'HOSPITAL', score: 0.7, rule: 'hospital-cue' });
  });
  // English order, the name before the cue: "Massachusetts General Hospital", "Mayo Clinic",
  // "Cedars-Sinai Medical Center" (the cue words recorded by the character pass, or a scan)
  if (tokText === text && !referenceScan) {
    for (let q = 0; q < nHosp; q++) {
      const p = hospS[q]!;
      const c = text.charCodeAt(p);
      if (c === 72 || c === 67 || c === 73 || c === 77 || c === 80 || c === 65 || c === 68 || c === 79 || c === 82 || c === 85 || c === 78 || c === 87 || c === 71 || c === 69
        || c === 66 || c === 83 || c === 84 || c === 76 || c === 70 || c === 86) hospitalNameBefore(text, p, spans);
    }
  } else {
    EN_HOSP_CUE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = EN_HOSP_CUE.exec(text)) !== null) hospitalNameBefore(text, m.index, spans);
  }
}
/** Words after an English "Hospital" that are no hospital's name. */
const EN_AFTER_HOSPITAL = new Set(['MEDICINE', 'COURSE', 'DAY', 'DAYS', 'STAY', 'DISCHARGE', 'ADMISSION', 'ACQUIRED', 'POLICY', 'UNIT', 'BED', 'FOLLOW', 'SUMMARY',
  'TEAM', 'SERVICE', 'SERVICES', 'PHARMACY', 'RECORDS', 'RECORD', 'NOTE', 'NOTES', 'AUDIOLOGY', 'HEPATOLOGY', 'PULMONOLOGY', 'PATHOLOGY', 'LABORATORY', 'LAB', 'IMAGING',
  'OBSTETRICS', 'GYNECOLOGY', 'SURGERY', 'ICU', 'ER', 'ED', 'WARD', 'FLOOR', 'ROOM', 'BILL', 'BILLING', 'SOCIAL', 'CASE', 'ANESTHESIA', 'INFECTIOUS', 'PSYCHIATRY',
  'PEDIATRICS', 'ORTHOPEDICS', 'ENDOCRINOLOGY', 'STAFF', 'EMPLOYEE', 'VISIT', 'VISITS', 'TRANSFER', 'ARRIVAL', 'OUTPATIENT', 'INPATIENT']);
/** Words after a bare "Centre" that name a kind of centre, not one centre. */
const CENTRE_GENERIC = new Set(['REFERENCE', 'RESSOURCES', 'COMPETENCE', 'CONSULTATION', 'CONSULTATIONS', 'SOINS', 'SANTE', 'READAPTATION', 'REEDUCATION', 'TRAITEMENT',
  'DEPISTAGE', 'VACCINATION', 'PLANIFICATION', 'PROTECTION', 'PREVENTION', 'LOISIRS', 'ACCUEIL', 'HEBERGEMENT', 'JOUR', 'NUIT', 'CRISE', 'ECOUTE', 'EXPERTISE',
  'DIAGNOSTIC', 'RECHERCHE', 'FORMATION', 'TRANSFUSION', 'REGULATION', 'APPEL', 'ALERTE', 'ANTIPOISON', 'ANTI-POISON', 'COORDINATION', 'LUTTE', 'ACTION', 'AIDE', 'ETUDE',
  'EVALUATION', 'ORIENTATION', 'DOCUMENTATION', 'GESTION', 'INFORMATION', 'HOSPITALIER', 'HOSPITALIERE', 'MEDICAL', 'MEDICO-PSYCHOLOGIQUE', 'OPHTALMOLOGIQUE', 'IMAGERIE',
  'HEMODIALYSE', 'DIALYSE', 'RADIOLOGIE', 'GERIATRIE', 'CANCEROLOGIE', 'NATIONAL', 'REGIONAL', 'DEPARTEMENTAL', 'COMMUNAL', 'INTERCOMMUNAL', 'SOCIAL', 'ANTI', 'VILLE',
  'BIOCHIMIE', 'HEMATOLOGIE', 'MICROBIOLOGIE', 'BACTERIOLOGIE', 'VIROLOGIE', 'PARASITOLOGIE', 'IMMUNOLOGIE', 'ANATOMIE', 'PATHOLOGIE', 'GENETIQUE', 'BIOLOGIE',
  'ANALYSES', 'CENTRAL', 'CENTRALE', 'POLYVALENT', 'HOSPITALIERE', 'GARDE', 'PERINATAL', 'MATERNEL', 'MENTALE', 'PUBLIQUE', 'SEXUELLE', 'INFANTILE', 'UNIVERSITAIRE', 'CMP', 'CMPP', 'CSAPA', 'CAARUD', 'PMI', 'CPAM', 'CAF', 'SSR', 'DE', 'DU', 'DES', 'ET', 'POUR']);
const SCHOOL_GENERIC = new Set(['HOSPITALIERE', 'HOSPITALIER', 'PRIMAIRE', 'MATERNELLE', 'ELEMENTAIRE', 'PRIVEE', 'PRIVE', 'PUBLIQUE', 'PUBLIC', 'NATIONALE', 'NATIONAL', 'SUPERIEURE', 'NORMALE', 'FRANCAISE', 'FRANCAIS', 'MEDICALE', 'MEDICAL', 'DEPARTEMENTALE', 'REGIONALE']);
const HOSP_GENERIC_FR = new Set(['NATIONAL', 'NATIONALE', 'REGIONAL', 'REGIONALE', 'UNIVERSITAIRE', 'EUROPEEN', 'EUROPEENNE', 'MUTUALISTE', 'MEDICAL',
  'MEDICALE', 'HOSPITALIER', 'HOSPITALIERE', 'PUBLIC', 'PUBLIQUE', 'SUPERIEUR', 'POUR', 'DES', 'DE', 'DU', 'PRIVE', 'PRIVEE', 'DEPARTEMENTAL', 'DEPARTEMENTALE', 'INTERCOMMUNAL', 'SPECIALISE', 'SPECIALISEE']);
/** The English cue words after a hospital's name. */
/** A specialty named after the practice's name ("Little Sprouts Pediatrics", "Smile Bright Pediatric Dentistry"): two words that are not generic before it. */
const SPECIALTY_CUES = new Set(['Surgery', 'SURGERY', 'Nursing', 'NURSING', 'Rehabilitation', 'REHABILITATION', 'Pediatrics', 'Dentistry', 'Orthopedics', 'Imaging', 'Dermatology', 'Cardiology', 'Urology', 'Radiology', 'Oncology', 'Neurology', 'Ophthalmology', 'Optometry', 'Podiatry', 'Chiropractic', 'Audiology', 'Psychiatry', 'Counseling', 'Wellness', 'Obstetrics', 'Gynecology', 'Rheumatology', 'Endocrinology', 'Nephrology', 'Pulmonology', 'Allergy', 'PEDIATRICS', 'DENTISTRY', 'ORTHOPEDICS', 'IMAGING', 'DERMATOLOGY', 'CARDIOLOGY', 'UROLOGY', 'RADIOLOGY', 'ONCOLOGY', 'NEUROLOGY', 'OPHTHALMOLOGY', 'OPTOMETRY', 'PODIATRY', 'CHIROPRACTIC', 'AUDIOLOGY', 'PSYCHIATRY', 'COUNSELING', 'WELLNESS', 'OBSTETRICS', 'GYNECOLOGY', 'RHEUMATOLOGY', 'ENDOCRINOLOGY', 'NEPHROLOGY', 'PULMONOLOGY', 'ALLERGY']);
const EN_HOSP_WORDS = new Set(['Hospital', 'Clinic', 'Infirmary', 'Center', 'Centre', 'Institute', 'Hospice', 'Medicine', 'HOSPITAL', 'CLINIC', 'INFIRMARY', 'CENTER', 'CENTRE', 'INSTITUTE', 'HOSPICE', 'MEDICINE',
  'Practice', 'PRACTICE', 'Associates', 'ASSOCIATES', 'Care', 'CARE', 'Health', 'HEALTH', 'Pharmacy', 'PHARMACY', 'Apothecary', 'APOTHECARY', ...SPECIALTY_CUES, ...EN_ORG_WORDS]);
const EN_HOSP_CUE = new RegExp(`(?<![A-Za-z0-9_À-ÿŸ])(?:${[...EN_HOSP_WORDS].join('|')})(?![A-Za-z0-9_À-ÿŸ])`, 'g');
/**
 * Cue words of a practice rather than a hospital, and the words one of which must come right before
 * them ("Eastgate Family Practice", "Granite State Cardiology Associates", "Merrimack Valley Primary
 * Care", "Heartland Home Health"; not "Good Clinical Practice", "Neurocritical Care", "Mental Health").
 */
const SPECIALTIES = ['MEDICAL', 'SURGICAL', 'CARDIOLOGY', 'DERMATOLOGY', 'UROLOGY', 'NEUROLOGY', 'ORTHOPEDIC', 'ORTHOPAEDIC', 'PEDIATRIC', 'RADIOLOGY', 'ONCOLOGY',
  'PULMONARY', 'EYE', "WOMEN'S", 'WOMENS', 'FAMILY', 'DENTAL', 'ANESTHESIA', 'IMAGING', 'PATHOLOGY', 'GASTROENTEROLOGY', 'ENDOSCOPY', 'ONCOLOGY', 'OPHTHALMOLOGY', 'SLEEP', 'PSYCHIATRIC', 'OBSTETRICS', 'GYNECOLOGY', 'RHEUMATOLOGY', 'ENT',
  'ALLERGY', 'KIDNEY', 'RENAL', 'VASCULAR', 'SURGERY', 'PHYSICIAN', 'PHYSICIANS', 'HEALTH', 'PODIATRY', 'ENDOCRINOLOGY', 'NEPHROLOGY', 'HEMATOLOGY', 'PSYCHOLOGY'];
const PRACTICE_BEFORE = new Map<string, Set<string>>([
  ['PRACTICE', new Set(['FAMILY', 'MEDICAL', 'DENTAL', 'GROUP', 'PEDIATRIC', 'INTERNAL', 'PRIMARY', 'GENERAL'])],
  ['ASSOCIATES', new Set(SPECIALTIES)],
  ['CARE', new Set(['PRIMARY', 'URGENT', 'HOME', 'SENIOR', 'EXPRESS', 'KIDNEY', 'RENAL', 'DIALYSIS', 'WOUND', 'EYE', 'FOOT', 'SKIN', 'HEART', 'CANCER', 'MEMORY', 'VEIN'])],
  ['HEALTH', new Set(['HOME', "WOMEN'S", 'WOMENS', 'BEHAVIORAL', 'FAMILY', 'COMMUNITY', "CHILDREN'S", "MEN'S", 'MENTAL', 'OCCUPATIONAL', 'PUBLIC', 'EMPLOYEE', 'STUDENT', 'RURAL',
    'CORRECTIONAL', 'ORAL', 'SENIOR', 'TRIBAL'])],
  // (an organization's kind that needs its own word before it: "Bright Summit Dental Group", "Desert Sky Health Plan", "ProMotion Physical Therapy")
  ['GROUP', new Set([...SPECIALTIES, 'CARE', 'PHYSICIANS', 'MEDICAL', 'DENTAL'])],
  ['PLAN', new Set(['HEALTH', 'DENTAL', 'MEDICAL', 'BENEFIT', 'BENEFITS', 'MEDICAID', 'MEDICARE', 'CARE', 'INSURANCE'])],
  ['PARTNERS', new Set(['HOUSING', 'HEALTH', 'HEALTHCARE', 'CARE', 'MEDICAL', 'COMMUNITY', ...SPECIALTIES])],
  ['UNION', new Set(['CREDIT'])],
  ['THERAPY', new Set(['PHYSICAL', 'OCCUPATIONAL', 'SPEECH', 'MASSAGE', 'INFUSION', 'RESPIRATORY', 'HAND', 'AQUATIC', 'OUTPATIENT', 'PEDIATRIC', 'SPORTS'])],
  ['MANAGEMENT', new Set(['PROPERTY', 'REALTY', 'APARTMENT', 'APARTMENTS', 'HOUSING'])],
  ['FACILITY', new Set(['CORRECTIONAL', 'NURSING', 'CARE', 'DETENTION', 'TREATMENT', 'LIVING', 'PSYCHIATRIC', 'REHABILITATION', 'REHAB', 'MEDICAL', 'SURGICAL', 'DIALYSIS'])],
  ['HOME', new Set(['CARE', 'NURSING', 'RETIREMENT', 'FUNERAL', 'GROUP', 'CONVALESCENT', 'RESIDENTIAL'])],
  ['SUPPLY', new Set(['MEDICAL', 'OXYGEN', 'RESPIRATORY', 'SURGICAL', 'DIABETIC'])],
]);
/** Words before "Center" that make it a place of care ("Cedars-Sinai Medical Center", "Joslin Diabetes Center"; not "Shopping Center"). */
const CARE_CENTER = new Set(['MEDICAL', 'HEALTH', 'CANCER', 'REHABILITATION', 'REHAB', 'NURSING', 'SURGICAL', 'SURGERY', 'TREATMENT', 'DIABETES', 'HEART', 'EYE', 'DIALYSIS', 'BIRTH', 'CARE', 'TRAUMA', 'BURN', 'TRANSPLANT', 'WELLNESS', 'HOSPICE',
  'ENDOCRINE', 'VESTIBULAR', 'SPINE', 'BREAST', 'WOUND', 'SLEEP', 'PAIN', 'ORTHOPEDIC', 'VASCULAR', 'KIDNEY', 'DIGESTIVE', 'LIVER', 'STROKE', 'NEUROSCIENCE', 'NEUROSCIENCES', 'IMAGING', 'INFUSION', 'FERTILITY', 'RECOVERY', 'DETOX', 'CRISIS', 'HEARING',
  // (a disease's or a care's centre, a poison centre, a jail, a day care, with a name word of their own (HOSP_GENERIC holds these
  // words): "Piedmont Sleep Disorders Center", "Prairie Arthritis Centre", "Northern New England Poison Center", "Metropolitan Detention
  // Center", "Little Sprouts Learning Center"; a "Health Sciences Centre": hospitalNameBefore)
  'DISORDERS', 'OSTEOPOROSIS', 'ARTHRITIS', 'ASTHMA', 'ALLERGY', 'AUTISM', 'EPILEPSY', 'MEMORY', 'ADDICTION', 'PSYCHIATRIC', 'BEHAVIORAL', 'DENTAL', 'PEDIATRIC',
  "CHILDREN'S", "WOMEN'S", 'MATERNITY', 'AMBULATORY', 'OUTPATIENT', 'POISON', 'DETENTION', 'CORRECTIONAL', 'LEARNING', 'DAYCARE', 'CHILDCARE']);
/** Whether a folded word names a kind of care or department, no place: "Cardiology", "Emergency" (HOSP_GENERIC). */
export function isCareKind(w: string): boolean { return HOSP_GENERIC.has(w) || CENTRE_GENERIC.has(w); }
/** Whether a word is an English place of care's kind after its name, left out of the HOSPITAL span: "Care", "Laboratory". */
export function isHospitalKindWord(w: string): boolean { return EN_HOSP_WORDS.has(w); }
/** A character of EN_HOSP_CUE's boundary class (the letter runs of the character pass, digits, '_'). */
function hospWordChar(c: number): boolean { return isAlnumLatin(c) || c === 95 || c === 376; }
/** Words of an English hospital's name that name none by themselves ("the General Hospital", "Urgent Care Clinic"). */
const HOSP_GENERIC = new Set([
  // (specialties inside a name: "Summit Imaging Associates", "Pinecrest Imaging Center"; stop words for the name pass)
  ...SPECIALTY_WORDS,
  'GENERAL', 'NATIONAL', 'MEMORIAL', 'REGIONAL', 'COMMUNITY', 'COUNTY', 'UNIVERSITY', 'STATE', 'CITY', 'DISTRICT', 'VETERANS',
  'CANCER', 'HEART', 'TEACHING', 'PRIVATE', 'PUBLIC', "CHILDREN'S", 'CHILDRENS', "WOMEN'S", 'PEDIATRIC', 'REHABILITATION', 'REHAB', 'SURGICAL',
  'SURGERY', 'FAMILY', 'PRIMARY', 'DENTAL', 'EYE', 'PSYCHIATRIC', 'MENTAL', 'HEALTH', 'MEDICAL', 'EMERGENCY', 'URGENT', 'CARE', 'TRAUMA',
  'AP-HP', 'APHP', 'NEW', 'NORTH', 'SOUTH', 'EAST', 'WEST', 'CENTRAL', 'ST', 'ST.', 'SAINT', 'OUR', 'HIS', 'HER', 'THEIR', 'YOUR', 'MY', 'LOCAL', 'NEAREST',
  'LIPID', 'LIPIDS', 'ASTHMA', 'ALLERGY', 'HYPERTENSION', 'MEMORY', 'HEADACHE', 'EPILEPSY', 'TRANSPLANT', 'FERTILITY', 'HIV', 'COUMADIN', 'WARFARIN', 'CARDIAC',
  'RENAL', 'KIDNEY', 'LIVER', 'BREAST', 'SPINE', 'ORTHOPEDIC', 'ORTHOPAEDIC', 'NEUROLOGY', 'DERMATOLOGY', 'UROLOGY', 'RHEUMATOLOGY', 'ENDOCRINE', 'GI', 'PULMONARY',
  'PSYCHIATRY', 'OBSTETRIC', 'PRENATAL', 'VASCULAR', 'VEIN', 'WEIGHT', 'OBESITY', 'SMOKING', 'TRAVEL', 'VACCINE', 'FLU', 'INFUSION', 'CHEMOTHERAPY', 'RADIATION',
  'SPORTS', 'PHYSICAL', 'OCCUPATIONAL', 'SPEECH', 'HEARING', 'VISION', 'FOOT', 'HAND', 'THYROID', 'GERIATRIC', 'GERIATRICS', 'ONCOLOGY', 'HEMATOLOGY', 'NEPHROLOGY',
  'INTERNAL', 'DEPARTMENT', 'OUTPATIENT', 'INPATIENT', 'WALK-IN', 'SPECIALTY', 'ONCOLOGY', 'CARDIOLOGY', 'PEDIATRICS', 'DIALYSIS', 'SLEEP', 'PAIN', 'WOUND', 'DIABETES', 'ANTICOAGULATION',
  'MAIL', 'ORDER', 'SPECIALTY', 'RETAIL', 'COMPOUNDING', 'OUTPATIENT', 'HF', 'CHF', 'COPD', 'OB', 'GYN', 'OB/GYN', 'ENT', 'ORTHO', 'PT', 'OT', 'IBD', 'ALS', 'DEVICE', 'HOME', 'BEHAVIORAL', 'SENIOR', 'EXPRESS', 'WOMENS', "MEN'S", 'GROUP', 'ANESTHESIA', 'PODIATRY', 'ENDOCRINOLOGY', 'PSYCHOLOGY', 'RADIOLOGY',
  'CORRECTIONAL', 'ORAL', 'TRIBAL', 'SKIN',
  // (a department's kind before its specialty: "referred to Plastic Surgery", "Interventional Radiology", "Acute Rehab")
  'PLASTIC', 'COLORECTAL', 'THORACIC', 'CARDIOTHORACIC', 'INTERVENTIONAL', 'ACUTE', 'SUBACUTE', 'BARIATRIC', 'HEPATOBILIARY', 'NEUROSURGICAL', 'MAXILLOFACIAL',
  'DETENTION', 'CRITICAL', 'INTENSIVE', 'PALLIATIVE',
  // (the kinds before a facility or a home: "a Skilled Nursing Facility", "Assisted Living Facility", "Long-Term Care Home")
  'SKILLED', 'ASSISTED', 'LIVING', 'LONG-TERM', 'EXTENDED', 'RESIDENTIAL', 'RETIREMENT', 'CONVALESCENT', 'FUNERAL', 'DURABLE', 'EQUIPMENT', 'OXYGEN', 'DIABETIC',
  // (the kinds of care centre that CARE_CENTER admits, and the disorders such a centre treats: a name word must come with them,
  // "Piedmont Sleep Disorders Center", not a department's "Movement Disorders Center", "Cardiac Arrhythmia Clinic", "the Autism Center")
  'DISORDERS', 'OSTEOPOROSIS', 'ARTHRITIS', 'AUTISM', 'ADDICTION', 'MATERNITY', 'AMBULATORY', 'POISON', 'LEARNING', 'DAYCARE', 'CHILDCARE',
  'MOVEMENT', 'SEIZURE', 'MOOD', 'ANXIETY', 'EATING', 'BALANCE', 'VOICE', 'SWALLOWING', 'FEEDING', 'BLEEDING', 'NEUROMUSCULAR', 'COGNITIVE', 'DEVELOPMENTAL', 'ARRHYTHMIA', 'NEURO', 'NUCLEAR', 'DIAGNOSTIC', 'TRANSITIONAL', 'MINIMALLY', 'INVASIVE', 'ROBOTIC', 'GASTROINTESTINAL', 'OTOLARYNGOLOGY',
  'CALLED', 'SEEN', 'VISITED', 'ADMITTED', 'TRANSFERRED', 'DISCHARGED', 'FROM', 'AT', 'TO', 'IN', 'THE', 'A', 'AN',
  'HIGH', 'MIDDLE', 'ELEMENTARY', 'NURSING', 'GRADUATE', 'CHARTER', 'SUNDAY', 'JUNIOR', 'TECHNICAL', 'LIFE', 'AUTO', 'HOMELESS', 'CLINICAL', 'REFERENCE', 'PATHOLOGY',
  'CLIENT', 'CUSTOMER', 'FINANCIAL', 'MEMBER', 'AREA', 'BILLING', 'LEGAL', 'HUMAN', 'PROTECTIVE', 'ADULT', 'CHILD', 'YOUTH', 'ENVIRONMENTAL', 'DIETARY', 'VOLUNTEER',
  'PASTORAL', 'SPIRITUAL', 'INTERPRETER', 'INTERPRETING', 'LANGUAGE', 'TRANSPORTATION', 'OUTREACH', 'INTAKE', 'RECORDS', 'INFORMATION', 'TECHNOLOGY',
  'INSURANCE', 'MEDICAID', 'MEDICARE', 'BLOOD', 'CORE', 'SUPPORT', 'SOCIAL', 'PEER', 'HOSPITAL', 'LABORATORY', 'LAB', 'BANK', 'FOOD', 'CREDIT', 'PHYSICIANS', 'MASSAGE', 'RESPIRATORY', 'AQUATIC', 'BENEFIT', 'BENEFITS']);
/**
 * The capitalized words right before the English cue word at p (up to four, single spaces): a
 * HOSPITAL span when one of them is not generic. A "Center"/"Centre" needs a word of care right
 * before it (CARE_CENTER: "Shopping Center" is no hospital), a "Medicine" needs "Family" or
 * "Internal" ("Brookline Family Medicine", not "Nuclear Medicine"). Also "Institute", "Hospice".
 */
/** The first character of the word that ends right before e (its letters, apostrophes, hyphens, dots). */
function lastWordStart(text: string, e: number): number {
  let a = e;
  while (a > 0) { const c = text.charCodeAt(a - 1); if (isWordLetter(c) || c === 39 || c === 8217 || c === 45 || c === 46) a--; else break; }
  return a < e ? text.charCodeAt(a) : 0;
}
function hospitalNameBefore(text: string, p: number, spans: Span[]): void {
  let e = p;
  while (e < text.length && isWordLetter(text.charCodeAt(e))) e++;
  const cue = text.slice(p, e);
  const before = cc(text, p - 1), after = cc(text, e);
  if (!EN_HOSP_WORDS.has(cue) || hospWordChar(before) || hospWordChar(after)) return;
  // (a section's heading, "Brief Hospital Course:", "Hospital Stay", names no hospital)
  if (/^ course(?![A-Za-z])/i.test(text.slice(e, e + 8)) && /(?:^|[^A-Za-z])brief $/i.test(text.slice(Math.max(0, p - 7), p))) return;
  let start = p, words = 0, named = false, medical = false, names = 0, joined = -1;
  while (words < 4 && start >= 2 && text.charCodeAt(start - 1) === 32) {
    // ("and" or "&" between two capitalized words of the name: "Brigham and Women's Hospital", "Smith & Jones Clinic")
    if (words > 0 && cc(text, start - 2) === 38 && cc(text, start - 3) === 32 && isUpperCode(lastWordStart(text, start - 3))) { joined = start; start -= 2; continue; }
    let a = start - 1;
    while (a > 0) { const c = text.charCodeAt(a - 1); if (isWordLetter(c) || c === 39 || c === 8217 || c === 45 || c === 46) a--; else break; }
    if (words > 0 && start - 1 - a === 3 && text.startsWith('and', a) && cc(text, a - 1) === 32 && isUpperCode(lastWordStart(text, a - 1))) { joined = start; start = a; continue; }
    if (a === start - 1 || !isUpperCode(text.charCodeAt(a))) break;
    // (a word that ends a sentence ends the name: "CARDIAC DEVICE CLINIC. Hudson River Cancer Center"; not "St.", "Mt.", an initial)
    if (text.charCodeAt(start - 2) === 46 && start - 1 - a > 3) break;
    const w = fold(text.slice(a, start - 1));
    if (words === 0) {
      const practice = PRACTICE_BEFORE.get(cue.toUpperCase());
      if (practice !== undefined ? practice.has(w) : cue === 'Medicine' || cue === 'MEDICINE' ? w === 'FAMILY' || w === 'INTERNAL' : CARE_CENTER.has(w)) medical = true;
    } else if (words === 1 && (w === 'HEALTH' || w === 'MEDICAL') && (cue === 'Center' || cue === 'Centre' || cue === 'CENTER' || cue === 'CENTRE')) {
      // ("Sunnybrook Health Sciences Centre", "Medical Sciences Center": not a museum's "Science Center")
      const w0 = fold(text.slice(start, p - 1));
      if (w0 === 'SCIENCES' || w0 === 'SCIENCE') medical = true;
    }
    // (not a person's title: "Dr. Church saw him")
    if ((STOP.has(w) && !HOSP_GENERIC.has(w) && !DENOMINATIONS.has(w)) || TITLES.has(w)) break;
    if (HOSP_GENERIC.has(w) && (w === 'THE' || w === 'A' || w === 'AN' || w === 'AT' || w === 'TO' || w === 'IN' || w === 'FROM' || w === 'OUR' || w === 'HIS' || w === 'HER' || w === 'MY' || w === 'YOUR' || w === 'THEIR')) break;
    if (!HOSP_GENERIC.has(w) && !(KIND_CUES.has(cue) && FACILITY_KINDS.has(w))) { named = true; names++; }
    start = a; words++; joined = -1;
  }
  // (a joining word with no name word before it is not the name's: "Mayo Clinic and Cedars-Sinai Medical Center")
  if (joined >= 0) start = joined;
  // (a specialty after one name word only after a preposition of place: "seen at Lakeshore Pediatrics", not "Northside Cardiology")
  // (after a comma, not a hospital's department: "Hartford Hospital Audiology" is Hartford Hospital's)
  if (SPECIALTY_CUES.has(cue) && names < 2 && !(names === 1 && (/(?:^|\s)(?:at|to|from|with|via|AT|TO|FROM|WITH|VIA)\s$/.test(text.slice(Math.max(0, start - 6), start))
    || (text.startsWith(', ', start - 2) && !/\b(?:Hospital|HOSPITAL|Clinic|Center|Centre)\b/.test(text.slice(start, p)))))) return;
  if (!named || ((cue === 'Center' || cue === 'Centre' || cue === 'CENTER' || cue === 'CENTRE' || cue === 'Medicine' || cue === 'MEDICINE' || PRACTICE_BEFORE.has(cue.toUpperCase())) && !medical)) return;
  // (an organization's kind that is also a surname stays inside: "Greater Mount Zion Baptist Church", not "[…] Church" left as a name)
  spans.push({ start, end: EN_ORG_SURNAMES.has(cue) ? e : p - 1, label: 'HOSPITAL', score: 0.7, rule: 'hospital-name-before' });
}
/** The cues of a place of care's kind (a facility, a home, a supply, a veterans' clinic) that FACILITY_KINDS may come before. */
const KIND_CUES = new Set(['Facility', 'FACILITY', 'Home', 'HOME', 'Supply', 'SUPPLY', 'VAMC', 'CBOC', 'Polyclinic', 'POLYCLINIC']);
/**
 * Words that, before a facility, a home or a veterans' clinic, tell its kind and name none (folded): "Long Term Care Facility",
 * "Intermediate Care Facility", "Personal Care Home", "Residential Treatment Facility", "Adult Day Care Facility", "VA CBOC" —
 * generic kinds that HOSP_GENERIC does not hold (held there, "Long", "Day", "Foster" would stop surnames elsewhere).
 */
const FACILITY_KINDS = new Set(['LONG', 'TERM', 'SHORT', 'SHORT-TERM', 'INTERMEDIATE', 'PERSONAL', 'FOSTER', 'DAY', 'BOARD', 'TREATMENT', 'JUVENILE',
  'FEDERAL', 'SECURE', 'SUB-ACUTE', 'FREESTANDING', 'VA']);
/** Organizations' kinds that are also surnames (a NAME span would be left on them). */
const EN_ORG_SURNAMES = new Set(['Church', 'Temple', 'Bank', 'Union', 'Academy', 'College', 'School', 'Foundation']);

/**
 * Named places of residence: "Lieu-dit Kerbihan", "Résidence Les Pins", "Hameau de la Motte",
 * "Lotissement Le Clos", and streets named without a number, "rue Rivoli" (ADDRESS); "EHPAD Les Glycines", "Maison de retraite Saint-Joseph"
 * (HOSPITAL): the cue, then one to four capitalized words (particles allowed between them).
 * Matches start at a cue word recorded by the character pass (a whole letter run).
 */
const PLACE = /(?<![\p{L}\p{N}])(?:(Lieu-dit|lieu-dit|LIEU-DIT|Résidence|résidence|Residence|residence|RÉSIDENCE|RESIDENCE|Hameau|hameau|HAMEAU|Lotissement|lotissement|LOTISSEMENT|rue|Rue|RUE|avenue|Avenue|AVENUE|boulevard|Boulevard|BOULEVARD|bd|Bd|BD|impasse|Impasse|IMPASSE|allée|Allée|allee|Allee|quai|Quai|QUAI|chemin|Chemin|CHEMIN|square|Square|faubourg|Faubourg)|(EHPAD|Ehpad|Maison de retraite|maison de retraite|MAISON DE RETRAITE))(?: ?:)? ((?:(?:de la|de l'|de l’|du|des|de|d'|d’|les|le|la|Les|Le|La|L'|L’) ?)?\p{Lu}[\p{L}'’\-]*(?: (?:(?:de la|de l'|du|des|de|d'|les|le|la) ?)?\p{Lu}[\p{L}'’\-]*){0,3})/gu;
const PLACE_AT = new RegExp(PLACE.source, 'uy');
const NAMED_PLACE = /^(?:lieu|r[ée]sidence|hameau|lotissement)/i;
const PLACE_CUES = new Set(['Lieu', 'lieu', 'LIEU', 'Résidence', 'résidence', 'Residence', 'residence', 'RÉSIDENCE', 'RESIDENCE', 'Hameau', 'hameau', 'HAMEAU',
  'Lotissement', 'lotissement', 'LOTISSEMENT', 'EHPAD', 'Ehpad', 'Maison', 'maison', 'MAISON',
  // streets named without a number ("habite rue Victor Hugo", "le laboratoire de la rue Rivoli")
  'rue', 'Rue', 'RUE', 'avenue', 'Avenue', 'AVENUE', 'boulevard', 'Boulevard', 'BOULEVARD', 'bd', 'Bd', 'BD', 'impasse', 'Impasse', 'IMPASSE',
  'allée', 'Allée', 'allee', 'Allee', 'quai', 'Quai', 'QUAI', 'chemin', 'Chemin', 'CHEMIN', 'square', 'Square', 'faubourg', 'Faubourg']);
addWords(PLACE_CUES, W_PLACE); addRunWords(PLACE_CUES, R_PLACE);
let placeS = new Int32Array(16), nPlace = 0;
function pushPlace(p: number): void {
  if (nPlace === placeS.length) placeS = doubled(placeS);
  placeS[nPlace++] = p;
}
/**
 * A letter's place and date: "Saint-Flour, le 28 août 2024" at a line's start, "Fait à Crest, le
 * 02/09/2024" (the town in no dictionary too): found from each ", le " followed by a day, backwards
 * over one to four capitalized words (particles between them); not a salutation or a title
 * ("Madame, le 3 mars vous avez…").
 */
const HEADING_PLACE = /(?:^[ \t]*|(?<![A-Za-zÀ-ÿ])[Ff]ait à )([A-ZÀ-Þ][A-Za-zÀ-ÿ'’]*(?:[ \-](?:(?:sur|sous|en|lès|les|le|la|de|du|des|d['’])[ \-]?)?[A-ZÀ-Þ][A-Za-zÀ-ÿ'’]*){0,3})$/;
function cityHeadings(text: string, spans: Span[]): void {
  for (let at = text.indexOf(', le '); at !== -1; at = text.indexOf(', le ', at + 5)) {
    const c = cc(text, at + 5);
    if (!(isDigitCode(c) || text.startsWith('1er', at + 5) || text.startsWith('premier', at + 5))) continue;
    // the line before the comma (at most 80 characters)
    const ls = text.lastIndexOf('\n', at - 1) + 1;
    if (at - ls > 80) continue;
    const m = HEADING_PLACE.exec(text.slice(ls, at));
    if (m === null) continue;
    const place = m[1]!, start = at - place.length;
    const words = place.split(/[ \-]/);
    const w = fold(words[0]!);
    // (not a salutation or a title, "Madame, le 3 mars vous avez…"; an article only before a name, "Le Bugue")
    if (TITLES.has(w) || CUES.has(w) || PROFESSIONS.has(w) || (STOP.has(w) && !(words.length > 1 && (w === 'LE' || w === 'LA' || w === 'LES')))) continue;
    spans.push({ start, end: at, label: 'CITY', score: 0.75, rule: 'city-heading' });
  }
}
export function recognizePlaces(text: string, spans: Span[]): void {
  cityHeadings(text, spans);
  districts(text, spans);
  eachCueMatch(text, PLACE_AT, PLACE, placeS, nPlace, (m) => {
    const end = m.index + m[0].length;
    // a street takes its street word ("rue Victor Hugo": a surrogate address replaces both); a named place only its name
    const street = m[1] !== undefined && !NAMED_PLACE.test(m[1]);
    spans.push({ start: street ? m.index : end - m[3]!.length, end, label: m[1] !== undefined ? 'ADDRESS' : 'HOSPITAL', score: 0.7, rule: 'place-cue' });
  });
}

/**
 * A town's district after "quartier" (CITY, as a town's: it narrows the place further): "quartier Cronenbourg", "quartier
 * de la Condamine", "appt 22, quartier Maârif, Casablanca" (capitalized words; not "quartier opératoire", "quartier Nord").
 */
function districts(text: string, spans: Span[]): void {
  if (text.indexOf('uartier') < 0 && text.indexOf('UARTIER') < 0) return;
  DISTRICT.lastIndex = 0;
  for (let m = DISTRICT.exec(text); m !== null; m = DISTRICT.exec(text)) {
    const name = m[2]!, key = fold(name);
    if (COMPASS.has(key) || WARD_QUARTERS.has(key.split(' ')[0]!)) continue;
    // (right after "quartier", words of the language are a ward's or a heading's, "Quartier Opératoire Central", "QUARTIER
    // OPÉRATOIRE" in capitals; a district's name is a word there only after an article or a saint, "quartier Les Halles",
    // "quartier Saint-Louis", or joined by a hyphen, "quartier Croix-Rousse")
    if (m[1] === ' ' && !/^(?:LA|LE|LES|SAINT|SAINTE|ST|STE)[ \-]/.test(key) && key.split(' ').every((w) => !w.includes('-') && isVocabularyWord(w))) continue;
    const a = m.index + m[0].length - name.length;
    spans.push({ start: a, end: a + name.length, label: 'CITY', score: 0.7, rule: 'city-district' });
  }
}
// (a space or a preposition between "quartier" and the name: not "QUARTIERS NORD", read as "S NORD")
const DISTRICT = /(?<![\p{L}])(?:quartier|Quartier|QUARTIER)( (?:de la|du|des|de|DE LA|DU|DES|DE) | (?:de l|d|DE L|D)['’] ?| )((?:[A-ZÀ-Þ][\p{L}'’\-]*)(?: [A-ZÀ-Þ][\p{L}'’\-]*)?)/gu;
/** A prison's or a hospital's quarters (folded first words): "quartier Arrivants", "quartier d'Isolement", "quartier des Mineurs". */
const WARD_QUARTERS = new Set(['OPERATOIRE', 'DISCIPLINAIRE', 'ISOLEMENT', 'ARRIVANTS', 'ARRIVANT', 'MINEURS', 'FEMMES', 'HOMMES', 'HAUTE',
  'SEMI-LIBERTE', 'DETENTION', 'CELLULAIRE', 'QHS', 'QD', 'QI', 'QSL']);
const COMPASS = new Set(['NORD', 'SUD', 'EST', 'OUEST', 'CENTRE', 'NORD-EST', 'NORD-OUEST', 'SUD-EST', 'SUD-OUEST', 'HAUT', 'BAS', 'LATIN']);

/**
 * Day numbers listed or ranged before a date that starts with its day: "du 2 au 9 mars 2023",
 * "les 2, 5 et 9 mars", "entre le 2 et le 9/03/2023", "between 2 and 9 March". Each such day is a
 * date element (HIPAA counts every element of a date but the year). The leftmost day needs a cue
 * before it (du, le, les, entre, from, between, on), so "de 2 à 3 comprimés le 9 mars" stays.
 */
// (tried backwards from a date's start: a sticky look-behind with the day's offsets, no substring)
const DAY_BEFORE = /(?<=(?<![A-Za-z0-9À-ÿ])(1er|0?[1-9]|[12]\d|3[01])(?:er)?? ?(?:,|et|au|à|-|–|to|and|&) ?(?:le )?)/iyd;
const DAY_CUE = /(?:^|[^A-Za-z0-9À-ÿ])(?:du|le|les|entre|entre le|from|between|on) $/i;
/** After a day and month, the list's next one: "seen 2/3 and 2/4", "on 8/23, 9/1, 9/6", "2/21–2/24". */
// (not a dose or a share after it: "01/04, 1/2 tab", "3/4 of the meal", "1/2 plateau")
const NEXT_DM = /(?:,? and |, | & |-|–| to | through | et | au )(\d{1,2})\/(\d{1,2})(?:\/(?:\d{4}|\d{2}))?(?![\d\/.,]\d|[A-Za-z]| ?(?:tabs?|tablets?|caps?|capsules?|pills?|cups?|doses?|bottles?|of|strength|mg|g|ml|plateaux?|repas|comprim[ée]s?|cp|du|de|d')(?![A-Za-zÀ-ÿ]))/y;
export function markDayLists(text: string, spans: Span[]): void {
  const n = spans.length;
  for (let q = 0; q < n; q++) {
    const s = spans[q]!;
    if (s.label !== 'DATE') continue;
    // (a day and month list after a date of that form: the next ones, whatever they would read alone — "2/4" is no fraction there)
    if (s.end - s.start <= 10 && isDigitCode(text.charCodeAt(s.end - 1)) && (text.charCodeAt(s.start + 1) === 47 || text.charCodeAt(s.start + 2) === 47)) {
      let e = s.end;
      for (let k = 0; k < 6; k++) {
        NEXT_DM.lastIndex = e;
        const m = NEXT_DM.exec(text);
        if (m === null || !(dayMonthOk(+m[1]!, +m[2]!) || dayMonthOk(+m[2]!, +m[1]!))) break;
        const a = m.index + m[0].search(/\d/);
        if (!spans.some((o) => o.start === a && o.label === 'DATE')) spans.push({ start: a, end: NEXT_DM.lastIndex, label: 'DATE', score: 0.6, rule: 'date-day-list' });
        e = NEXT_DM.lastIndex;
      }
    }
    const c0 = text.charCodeAt(s.start), c1 = text.charCodeAt(s.start + 1), c2 = text.charCodeAt(s.start + 2);
    // the date starts with a 1-2 digit day
    if (!isDigitCode(c0) || (isDigitCode(c1) && isDigitCode(c2))) continue;
    // a day number ends at most 12 characters before the date ("2 et le 9/03": 7)
    let digit = false;
    for (let k = s.start - 2; k >= 0 && k >= s.start - 12; k--) if (isDigitCode(text.charCodeAt(k))) { digit = true; break; }
    if (!digit) continue;
    const days: number[] = [];
    let at = s.start;
    for (let k = 0; k < 8; k++) {
      DAY_BEFORE.lastIndex = at;
      const m = DAY_BEFORE.exec(text);
      if (m === null) break;
      const [a, b] = m.indices![1]!;
      // (at most 20 characters back, as the day and its connector always are)
      if (at - a > 20) break;
      at = a;
      days.push(a, b);
    }
    if (days.length === 0 || !DAY_CUE.test(text.slice(Math.max(0, at - 12), at))) continue;
    for (let k = 0; k < days.length; k += 2) spans.push({ start: days[k]!, end: days[k + 1]!, label: 'DATE', score: 0.6, rule: 'date-day-list' });
  }
}

/**
 * A number of three or four pairs right after a phone cue, as French Polynesia (40…, 87…, 89…) and New Caledonia write
 * theirs, the country code in brackets or not: "Tél. 40 42 18 77", "Tél (+687) 26 48 15", "garde SF : 40 48 62 00". Read
 * from the character pass's digit runs (a run of two digits, a space and two more: few), the cue checked behind it.
 */
const PAIRS_AT = /[1-9]\d(?: \d{2}){2,3}(?![ .]?[0-9])/y;
/** A phone cue right before a number, its country code between them or not: "Tél. ", "Tél (+687) ", "GSM : +689 ". */
const PAIRS_CUE_BEFORE = /(?:^|[^A-Za-zÀ-ÿ])(?:t[ée]l[ée]phone|t[ée]l|tel|portable|mobile|fax|phone|gsm|standard|garde(?: [A-Z]{2,4})?)\.?\s?:?\s?(?:\(?\+?6[89]\d\)?\s?)?$/i;
export function markPairPhones(text: string, spans: Span[]): void {
  if (tokText === text && !referenceScan) {
    for (let q = 0; q + 1 < nRuns; q++) {
      const s0 = runS[q]!, len = runE[q]! - s0;
      if (len <= 2 && runS[q + 1] === s0 + len + 1 && runE[q + 1] === s0 + len + 3 && text.charCodeAt(s0 + len) === 32) pairsAt(text, s0, len, spans);
    }
    return;
  }
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) {
    if (i < 1 || !isDigitCode(text.charCodeAt(i - 1)) || !isDigitCode(cc(text, i + 1)) || !isDigitCode(cc(text, i + 2)) || isDigitCode(cc(text, i + 3))) continue;
    const s0 = i >= 2 && isDigitCode(text.charCodeAt(i - 2)) ? i - 2 : i - 1;
    if (s0 > 0 && isDigitCode(text.charCodeAt(s0 - 1))) continue;
    pairsAt(text, s0, i - s0, spans);
  }
}
/** markPairPhones at a run of 1-2 digits at a that a space and two digits follow. */
function pairsAt(text: string, a: number, len: number, spans: Span[]): void {
  // what stands before it, spaces, colons and dots aside: a cue's last letter, or a bracket after a country code
  let b = a - 1;
  while (b >= 0 && (text.charCodeAt(b) === 32 || text.charCodeAt(b) === 58 || text.charCodeAt(b) === 46)) b--;
  if (b === a - 1 || b < 0) return;
  const cb = text.charCodeAt(b);
  if (!(isWordLetter(cb) || cb === 41)) return;
  // three or four pairs after a phone cue
  if (len === 2 && text.charCodeAt(a + 5) === 32) {
    PAIRS_AT.lastIndex = a;
    if (PAIRS_AT.test(text) && PAIRS_CUE_BEFORE.test(text.slice(Math.max(0, a - 30), a))) {
      spans.push({ start: a, end: PAIRS_AT.lastIndex, label: 'PHONE', score: 0.6, rule: 'phone-cue-pairs' });
      return;
    }
  }
  // a hospital's internal number in groups after "poste", "DECT" or "bip": "poste 40 27", "bip 5 82 14", "urgences poste 2 71 48"
  if (isWordLetter(cb) && INTERNAL_CUES.has(cueWordEndingAt(text, b))) {
    INTERNAL_AT.lastIndex = a;
    if (INTERNAL_AT.test(text)) spans.push({ start: a, end: INTERNAL_AT.lastIndex, label: 'PHONE', score: 0.7, rule: 'phone-internal' });
  }
}
const INTERNAL_AT = /\d{1,2} \d{2}(?: \d{2})?(?![0-9]| \d)/y;
const INTERNAL_CUES = new Set(['poste', 'dect', 'bip']);

/**
 * A number after a numbering cue and a label of up to three words, as forms write them: "N° de dossier MDPH : 093-2019-004417",
 * "N° d'examen : B24.12873", "Affaire n° 2A240817-0193", "Nos références : ALD/2024/072/0018845", "adhérent 004418732-01",
 * "n° adhérent 0845 7721 93", "code d'accès 7KQ-22F9". The value: letters, digits and '.', '/', '-' with 4 digits or more,
 * or digit groups of 7 digits or more; not a date.
 */
const NUMBERED_ID = /(?<![A-Za-zÀ-ÿ0-9])(?:[Nn][°º]|N[Oo]\.|(?:[Nn]um[ée]ro|[Rr][ée]f(?:[ée]rences?)?|[Aa]ffaire|[Aa]dh[ée]rent|[Aa]cc[èe]s|SIRE[TN])(?![A-Za-zÀ-ÿ])\.?)(?:[ \t]+(?:(?:de|du|des|d['’]|l['’])[ \t]*)?[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’]{0,19}\.?){0,3}?[ \t]*:?[ \t]*((?=[A-Za-z0-9./-]*\d(?:[A-Za-z./-]*\d){3})[A-Za-z0-9]+(?:[./-][A-Za-z0-9]+)*|\d{2,}(?: \d{2,}){1,3})(?![A-Za-z0-9]|[./-][A-Za-z0-9])/g;
/** The same, tried at the cues' starts the character pass found (numS). */
const NUMBERED_AT = new RegExp(NUMBERED_ID.source, 'y');
const DECIMALS = /^\d+[.,]\d+(?:-\d+(?:[.,]\d+)?)?$|^\d+-\d+[.,]\d+$/;
const LOT_WORD = /(?<![A-Za-zÀ-ÿ])(?:lot|LOT|Lot|batch|Batch)(?![A-Za-zÀ-ÿ])/;
const LAW_BEFORE = /(?:^|[^A-Za-zÀ-ÿ])(?:[Cc]erfa|CERFA|[Ll]oi|LOI|[Dd][ée]cret|[Aa]rr[êe]t[ée]|[Aa]rticle|[Aa]rt\.|[Oo]rdonnance|[Cc]irculaire|[Dd]irective|[Rr][èe]glement|[Dd][ée]lib[ée]ration|[Rr]ecommandation)\s*$/;
/** A numbered id's value that is a phone glued to one of the phone rule's words ("le06.98.43.40.20"): the phone rule's, not an id. */
const GLUED_PHONE = new RegExp(`^(?:${GLUED_PHONE_WORDS})0[1-9](?:[.-]?\\d{2}){4}$`);
const DATE_SHAPE = /^(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{4}|\d{4})$/;
export function markNumberedIds(text: string, spans: Span[]): void {
  const take = (m: RegExpExecArray, end: number): void => {
    const v = m[1]!;
    // (not a date, nor a law's or a regulation's number: "Loi n° 2002-303", "décret n° 2018-1254")
    // (nor a form's number, "Cerfa n°11574*04", nor a decimal number or range, "reference range 3.5-5.0")
    if (DATE_SHAPE.test(v) || DECIMALS.test(v) || cc(text, end) === 42 || LAW_BEFORE.test(text.slice(Math.max(0, m.index - 16), m.index))) return;
    // (nor a batch's: "Numéro de lot : 2403150612", a drug's or a device's lot, no person's)
    if (LOT_WORD.test(m[0].slice(0, m[0].length - v.length))) return;
    // (nor a phone number glued to the word before it, the phone rule's: "numéro mobile est le06.98.43.40.20")
    if (GLUED_PHONE.test(v)) return;
    let digits = 0;
    for (let k = 0; k < v.length; k++) if (isDigitCode(v.charCodeAt(k))) digits++;
    if (digits < (v.includes(' ') ? 7 : 4)) return;
    spans.push({ start: end - v.length, end, label: 'ID', score: 0.55, rule: 'id-numbered' });
  };
  // the cues' starts from the character pass ("n°", "No.", and the cue words: numéro, réf., affaire…), else a scan
  if (tokText === text && !referenceScan && runRegular) {
    for (let q = 0; q < nNum; q++) {
      NUMBERED_AT.lastIndex = numS[q]!;
      const m = NUMBERED_AT.exec(text);
      if (m !== null) take(m, NUMBERED_AT.lastIndex);
    }
    return;
  }
  // (every cue tried, as from the candidates: a value may hold the next cue's start, "n° 87654321-n° 2026/84/000123")
  NUMBERED_ID.lastIndex = 0;
  for (let m = NUMBERED_ID.exec(text); m !== null; m = NUMBERED_ID.exec(text)) { take(m, m.index + m[0].length); NUMBERED_ID.lastIndex = m.index + 1; }
}

/**
 * A number after '#': "store #11874", "interpreter Luz Ortega #44821", "DOC # 884201", "Acc# US2025-118376", "tag #B-2207",
 * "Transfer # FMC-TC-260921-07" — a record's, an order's, a badge's or a store's number (HIPAA's identifier 18). The value:
 * letters, digits and inner '-', '/' or '.', with 4 digits or more; not a date, a decimal, a lot's or a code system's number
 * ("lot #2403150612", "CPT #99213"), nor a colour ("#FF0000"). '#' is rare in notes: found with indexOf.
 */
export function recognizeHashIds(text: string, spans: Span[]): void {
  const first = text.indexOf('#');
  if (first < 0) return;
  // (the places, by start, swept once as the '#'s come in order: a look over every span at each '#' made a long export of
  // numbered orders — a '#' and a place on each line — quadratic, 16,000 lines 6 times slower than without this rule)
  const places = spans.filter((sp) => sp.label === 'HOSPITAL').sort((x, y) => x.start - y.start);
  let next = 0, placeEnd = -1;
  for (let h = first; h >= 0; h = text.indexOf('#', h + 1)) {
    // (a heading's marks at a line's start, "## 2024 summary", "# 1234 Main St": no number's sign)
    if (cc(text, h + 1) === 32 || cc(text, h + 1) === 35) {
      let b = h;
      while (b > 0 && text.charCodeAt(b - 1) === 35) b--;
      if (b === 0 || text.charCodeAt(b - 1) === 10) continue;
    }
    let a = h + 1;
    while (a < text.length && a - h <= 3 && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 58)) a++;
    HASH_VALUE.lastIndex = a;
    const m = HASH_VALUE.exec(text);
    if (m === null) continue;
    const v = m[0];
    let digits = 0;
    for (let k = 0; k < v.length; k++) if (isDigitCode(v.charCodeAt(k))) digits++;
    // (four digits alone are a number too after '#', "tag #2207": no year is written so)
    if (digits < 4 || (DATE_SHAPE.test(v) && v.length !== 4) || DECIMALS.test(v) || (v.length === 6 && /^[0-9A-Fa-f]+$/.test(v) && /[A-Fa-f]/.test(v))) continue;
    // (a colour of digits only is a colour too: "color:#000000", "background: #336699")
    if (/^(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})$/.test(v) && COLOUR_BEFORE.test(text.slice(Math.max(0, h - 24), h))) continue;
    // (a lot's or a code system's number: the word right before the '#', "lot #2403150612", "CPT code: #99213"; not "Slept a
    // lot. Acc #5512345")
    const before = text.slice(Math.max(0, h - 20), h).replace(/[\s:]+$/, '');
    if (LOT_BEFORE_HASH.test(before) || CODE_SYSTEM_BEFORE.test(before)) continue;
    // (a store's number inside its place's span stays the place's: "Walgreens #09127")
    while (next < places.length && places[next]!.start <= h) placeEnd = Math.max(placeEnd, places[next++]!.end);
    if (placeEnd >= a + v.length) continue;
    spans.push({ start: a, end: a + v.length, label: 'ID', score: 0.55, rule: 'id-hash' });
  }
}
const LOT_BEFORE_HASH = /(?<![A-Za-zÀ-ÿ])(?:lot|LOT|Lot|batch|Batch|BATCH)(?: (?:n[°º]|no\.?|number))?$/;
const HASH_VALUE = /[A-Za-z0-9]+(?:[-\/.][A-Za-z0-9]+)*(?![A-Za-z0-9])/y;
/** A style's colour property right before a '#' (an HTML or RTF-to-HTML export): "color:", "background-color: '", "fill=\"". */
const COLOUR_BEFORE = /(?:colou?r|background|bgcolor|fill|stroke)\s*[:=]\s*["']?\s*$/i;

/** French month names written out in lower case, whole words (a month alone is an element of a date: HIPAA's, i2b2's). */
const LONE_MONTHS = new Set(['janvier', 'février', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'aout', 'septembre', 'octobre', 'novembre', 'décembre', 'decembre']);
/** Words before a month that make it a date: "en avril", "fin mai", "depuis juin". */
const MONTH_CUE_BEFORE = /(?:^|[^A-Za-zÀ-ÿ])(?:en|de|d['’]|du|fin|d[ée]but|mi|depuis|avant|apr[èe]s|courant|d[èe]s|jusqu['’]en|vers|entre|et|ou|à|au) $/;
/** Holidays name a day of the year: "depuis Pâques", "le repas de noël", "Christmas Eve", "since Thanksgiving". */
const HOLIDAY = /(?<![A-Za-zÀ-ÿ])(?:(?:veille|lendemain|r[ée]veillon) de no[ëe]l|no[ëe]l|P[âa]ques|p[âa]ques|[Nn]ouvel [Aa]n|[ÉéEe]piphanie|[Pp]entec[ôo]te|Christmas(?: Eve| Day)?|Easter(?: Sunday)?|Thanksgiving(?: Day)?|Halloween|New Year'?s(?: Eve| Day)?)(?![A-Za-zÀ-ÿ])/g;
/**
 * Dates that are a word: a French month alone in lower case ("(juillet)", "à partir de février", "janvier à juin 2024"),
 * read from the character pass's month starts; and holidays. Weak spans (0.5): a longer date holding them wins.
 */
export function markWordDates(text: string, spans: Span[], lang: Lang): void {
  let names: Span[] | null = null;
  const lone = (a: number, e: number): void => {
    if (e - a < 3 || !isLowerCode(text.charCodeAt(a)) || !LONE_MONTHS.has(text.slice(a, e))) return;
    // (a month inside a written date, "12 mars 2020", "1er mai", "mars 2020": the date rules' span holds it)
    if ((a >= 2 && text.charCodeAt(a - 1) === 32 && (isDigitCode(text.charCodeAt(a - 2)) || text.charCodeAt(a - 2) === 0x2b3
      || (a >= 4 && text.charCodeAt(a - 2) === 114 && text.charCodeAt(a - 3) === 101 && isDigitCode(text.charCodeAt(a - 4)))))
      || (cc(text, e) === 32 && isDigitCode(cc(text, e + 1)))) return;
    // (not a name's word: "mr janvier (jean-baptiste)", nor a first name before a surname typed in lower case, "avril boucher, ide")
    names ??= spans.filter((x) => x.label === 'NAME');
    if (names.some((x) => x.start <= a && x.end >= e)) return;
    if (cc(text, e) === 32 && isLowerCode(cc(text, e + 1)) && !MONTH_CUE_BEFORE.test(text.slice(Math.max(0, a - 10), a))) {
      const b = lowerWordEnd(text, e + 1), lex = tokenLexicon(), next = fold(text.slice(e + 1, b));
      if (b > e + 1 && ((lex.get(fold(text.slice(a, e))) ?? 0) & LEX_FIRST) !== 0 && ((lex.get(next) ?? 0) & LEX_SUR) !== 0 && !STOP.has(next)) return;
    }
    spans.push({ start: a, end: e, label: 'DATE', score: 0.5, rule: 'date-month' });
  };
  // (French month names only)
  // (whole letter runs as the character pass reads them: '÷' and '×' are run letters)
  const runLetter = (c: number): boolean => (CHAR_KIND[c]! & 1) !== 0;
  if (lang === 'fr' && tokText === text && !referenceScan) {
    // (the character pass's month starts)
    for (let q = 0; q < nMon; q++) {
      const a = monS[q]!;
      if (a > 0 && runLetter(text.charCodeAt(a - 1))) continue;
      let e = a;
      while (e < text.length && runLetter(text.charCodeAt(e))) e++;
      lone(a, e);
    }
  } else if (lang === 'fr') {
    for (let i = 0; i < text.length;) {
      if (!runLetter(text.charCodeAt(i))) { i++; continue; }
      const a = i;
      while (i < text.length && runLetter(text.charCodeAt(i))) i++;
      lone(a, i);
    }
  }
  monthRanges(text, spans);
  if (tokText === text && !referenceScan && runRegular && !holidaySeen) return;
  HOLIDAY.lastIndex = 0;
  for (let m = HOLIDAY.exec(text); m !== null; m = HOLIDAY.exec(text)) spans.push({ start: m.index, end: m.index + m[0].length, label: 'DATE', score: 0.5, rule: 'date-holiday' });
}

/** A month's name (or its abbreviation) and a range's word right before a date: "de jan à", "from January to", "May–". */
const MONTH_THEN_RANGE = /(?<![A-Za-zÀ-ÿ])([A-Za-zÀ-ÿ]{3,9})\.?[ \t]*(?:à|au|-|–|to|through|thru|until|till|et|and|ou|or)[ \t]*$/;
/**
 * The first month of a range whose second month has its year: "de jan à fév 2007", "from January to March 2020",
 * "May–June 2019" (DATE; the year's span holds the second only).
 */
function monthRanges(text: string, spans: Span[]): void {
  const n = spans.length;
  for (let q = 0; q < n; q++) {
    const s = spans[q]!;
    if (s.label !== 'DATE' || s.start < 4) continue;
    let e = s.start;
    while (e < s.end && isMonthLetter(text.charCodeAt(e))) e++;
    if (e === s.start || !MONTH_FORMS.has(text.slice(s.start, e).toLowerCase()) || !/\d{4}/.test(text.slice(e, s.end))) continue;
    const m = MONTH_THEN_RANGE.exec(text.slice(Math.max(0, s.start - 24), s.start));
    if (m === null || !MONTH_FORMS.has(m[1]!.toLowerCase())) continue;
    const a = s.start - m[0].length;
    if (spans.some((x) => x.label === 'DATE' && x.start <= a && x.end > a)) continue;
    spans.push({ start: a, end: a + m[1]!.length, label: 'DATE', score: 0.7, rule: 'date-month-range' });
  }
}

/**
 * Re-labels dates preceded by a birth cue (né(e) le, DDN, date de naissance, mise au monde le,
 * naît en, born, DOB, or the sex column of a "Name | F | date" line) as BIRTHDATE.
 */
// (a maiden name or a birthplace may come between: "née Kerdraon le", "né à Quimper le"); the cue
// starts a word ("une semaine le 3 mars", "de médecine le…" are no birth cues)
const BIRTH_CUE = /(?<=(?<![A-Za-zÀ-ÿ])(?:n[ée](?:e|\(e\))?s?(?: [A-Za-zÀ-ÿ'’-]+){0,3} le|n[ée](?:e|\(e\))?s? en|ddn|date de naissance|date de nais\.?|naissance|(?:date de )?mise? au monde(?: le)?|na[iî]t(?: le| en)|naquit(?: le| en)|born(?: on| in)?|dob|date of birth|birth ?date|\|\s*[MFH]\s*\|)\s*[:.]?\s*(?:le\s+)?)/iy;
export function markBirthDates(text: string, spans: Span[]): void {
  const n = spans.length;
  for (let q = 0; q < n; q++) {
    const s = spans[q]!;
    if (s.label !== 'DATE') continue;
    const before = text.slice(Math.max(0, s.start - 64), s.start);
    if (!endsWithMatch(BIRTH_CUE, before)) continue;
    s.label = 'BIRTHDATE';
    // the birthplace after the date: "née le 02/10/2001 à Tunis", "born 3/4/1950 in Oran"
    BIRTHPLACE.lastIndex = s.end;
    const m = BIRTHPLACE.exec(text);
    if (m !== null) spans.push({ start: m.index + m[0].length - m[1]!.length, end: m.index + m[0].length, label: 'CITY', score: 0.7, rule: 'birthplace' });
  }
}
/**
 * An age over 89 written right after a person's name, between commas or in brackets: "sister Opal Tindall, 97, lives at…",
 * "John Smith, 93, presents with", "M. Roux (91)", "Mme Petit, 94 ans" (the number alone: not a street's number, "Jean Dupont,
 * 93, rue de la Paix").
 */
export function markAgesAfterNames(text: string, spans: Span[]): void {
  const n = spans.length;
  for (let q = 0; q < n; q++) {
    const s = spans[q]!;
    if (s.label !== 'NAME') continue;
    const c = cc(text, s.end);
    if (c !== 44 && c !== 32) continue;
    AGE_AFTER_NAME.lastIndex = s.end;
    const m = AGE_AFTER_NAME.exec(text);
    if (m === null || STREET_AFTER_AGE.test(text.slice(m.index + m[0].length, m.index + m[0].length + 14))) continue;
    // (not in brackets after a doctor's name: French letters give the doctor's département there, "adressé par le Dr Paul
    // Martin (93)"; an age with its unit is age-90's. Between commas it is an age, a doctor's too: "Patient is Dr. John
    // Smith, 94, a retired surgeon")
    if (cc(text, m.index + 1) === 40 && DOCTOR_BEFORE.test(text.slice(Math.max(0, s.start - 12), s.start))) continue;
    const a = m.index + m[0].length - m[1]!.length;
    spans.push({ start: a, end: a + m[1]!.length, label: 'AGE', score: 0.75, rule: 'age-after-name' });
  }
}
/**
 * A NIR's key written apart after its 13 digits: "2 27 03 56 178 042 clé 73", "1 85 05 78 006 084 (clé 36)", "… key: 36" —
 * the two digits with the number (a key alone says little, but with the 13 digits it confirms them).
 */
export function markNirKeys(text: string, spans: Span[]): void {
  const n = spans.length;
  for (let q = 0; q < n; q++) {
    const s = spans[q]!;
    // (a NIR that has its key already: the key written again after it would make a 17-digit value, another token)
    if (s.label !== 'NIR' || nirSlots(text, s.start, s.end) !== 13) continue;
    NIR_KEY_AFTER.lastIndex = s.end;
    const m = NIR_KEY_AFTER.exec(text);
    if (m === null) continue;
    // (one span with the number, the words between and a bracket it opens: a surrogate NIR then gets its key from the surrogate
    // body, as nirSurrogate writes it — a key replaced alone was drawn from its own two digits and named another number)
    let e = m.index + m[0].length;
    if (m[0].includes('(') && cc(text, e) === 41) e++;
    spans.push({ start: s.start, end: e, label: 'NIR', score: s.score, rule: 'nir-key' });
  }
}
/** The number's characters of text[start, end): digits, and the A or B of Corsica's 2A/2B. */
function nirSlots(text: string, start: number, end: number): number {
  let n = 0;
  for (let k = start; k < end; k++) { const c = text.charCodeAt(k); if ((c >= 48 && c <= 57) || (c | 32) === 97 || (c | 32) === 98) n++; }
  return n;
}
/** A NIR's key written apart after its number, its two digits captured: ", clé 73", " (clé 36", " key: 36" (replace.ts's nirWhole reads it out again). */
export const NIR_KEY_APART = String.raw`,? ?\(?(?:cl[ée]|CL[ÉE]|Cl[ée]|key|Key|KEY) ?:? ?(\d{2})`;
const NIR_KEY_AFTER = new RegExp(`${NIR_KEY_APART}(?![0-9])`, 'y');
const AGE_AFTER_NAME = /(?:, ?| \()(9\d|1[01]\d)(?=[,)]|(?: ?(?:ans|yo|y\/o|y\.o\.|years?|yrs?)(?![A-Za-z])))/y;
const DOCTOR_BEFORE = /(?:^|[^A-Za-zÀ-ÿ])(?:Dr|DR|Docteur|DOCTEUR|Pr|PR|Professeur|PROFESSEUR)\.? $/;
const STREET_AFTER_AGE = /^[,)]? ?(?:bis|ter|rue|av|avenue|bd|boulevard|chemin|all[ée]e|place|impasse|route|quai|cours|street|st|ave|road|rd|lane|drive|dr)(?![A-Za-zÀ-ÿ])/i;
const BIRTHPLACE = /,? (?:à|a|in|at) ((?:[A-ZÀ-Þ][A-Za-zÀ-ÿ'’]*)(?:[ \-](?:(?:sur|sous|en|de|du|des|la|le|les|lès)[ \-])?[A-ZÀ-Þ][A-Za-zÀ-ÿ'’]*){0,3})/y;

/** Identifier spans after a cue get the cue's label (IPP, NDA, RPPS, MRN). */
/** The cues of labelIdentifiers, any case: the last one before an identifier gives its label. */
const ID_LABEL_CUES = /IPP|NDA|(?<!titre de )S[ÉE]JOUR|S[ÉE]CURIT[ÉE] SOCIALE|RPPS|MRN|MEDICAL RECORD|RECORD|ADELI|FINESS|S[ÉE]RIE|SERIAL|S\/N/gi;
/**
 * Cues that name no hospital number of their own: one of them written after the last cue of
 * ID_LABEL_CUES keeps the number 'ID' ("MRN …; FIN: 9100283374"). Read only when such a cue was found.
 */
const GENERIC_ID_CUE = /\b(?:ID|FIN|NPI|CLIA|CIN|SN|UNOS|CHART|VISIT|REFERRAL|ORDER|REQUISITION|INCIDENT|PCR|REFERENCE|DENIAL|CLAIM|TRACKING|AUTH|AUTHORIZATION|AGENCY|HOSPICE|INTERPRETER|PROVIDER|FACILITY|DONOR|TRANSPLANT|LIC|ACCT|ACCOUNT|MEMBER|POLICY|GROUP|LICENSE|LICENCE|EXAMEN|CRISTAL|PR[ÉE]L[ÈE]VEMENT|[ÉE]CHANTILLON|INSCRIPTION|GMC|NMC|URN?|DEA|RX|REPORT|DATIX|DICTATION|TRANSCRIPTION|SPECIMEN)\b/i;
/** A French prescriber's Assurance Maladie number's cue, in capitals only ("I am" is no cue). */
const AM_CUE = /\bAM\b/;
function idLabelOf(cue: string): TextLabel {
  switch (cue.charCodeAt(0) | 32) {
    case 105: return 'IPP';
    case 110: return 'NDA';
    case 114: return (cue.charCodeAt(1) | 32) === 112 ? 'RPPS' : 'MRN'; // RPPS, RECORD
    case 109: return 'MRN'; // MRN, MEDICAL RECORD
    case 115: { const c2 = cue.charCodeAt(2) | 32; return c2 === 106 ? 'NDA' : c2 === 99 ? 'NIR' : 'ID'; } // SÉJOUR/SEJOUR; SÉCURITÉ SOCIALE (a mistyped NIR); SÉRIE/SERIE/SERIAL, S/N
    default: return 'ID'; // ADELI, FINESS: identifiers of professionals and establishments
  }
}
/** An identifier's shape: its capitals A, its small letters a, its digits 9, the rest as written ("H24-004518-L1" → "A99-999999-A9"). */
function idShape(v: string): string { return v.replace(/[A-Z]/g, 'A').replace(/[a-z]/g, 'a').replace(/\d/g, '9'); }
/** A range's word after an identifier ("Lames H24-004518-L1 à H24-004518-L7", "slides S24-1 to S24-9"); the next identifier starts at its end. */
const ID_RANGE_AFTER = /^ ?(?:à|au|to|through|thru|-|–) ?/;
export function labelIdentifiers(text: string, spans: Span[]): void {
  // (the other end of a range of identifiers of the same shape, 4 digits or more: "H24-004518-L1 à H24-004518-L7")
  for (let q = 0, n = spans.length; q < n; q++) {
    const s = spans[q]!;
    if (s.label !== 'ID' || s.end - s.start < 5) continue;
    const r = ID_RANGE_AFTER.exec(text.slice(s.end, s.end + 10));
    if (r === null || r[0].length === 0) continue;
    const a = s.end + r[0].length, v = text.slice(s.start, s.end), w = text.slice(a, a + v.length);
    if (idShape(w) === idShape(v) && (w.match(/\d/g)?.length ?? 0) >= 4 && !/[A-Za-z0-9]/.test(text.charAt(a + v.length))) spans.push({ start: a, end: a + v.length, label: 'ID', score: s.score, rule: s.rule });
  }
  for (const s of spans) {
    if (s.label !== 'ID' || s.rule !== 'id-cue') continue;
    // the cue written last in the 40 characters before the number wins
    const before = text.slice(Math.max(0, s.start - 40), s.start);
    let last: string | null = null, lastEnd = 0;
    ID_LABEL_CUES.lastIndex = 0;
    for (let m = ID_LABEL_CUES.exec(before); m !== null; m = ID_LABEL_CUES.exec(before)) { last = m[0]; lastEnd = m.index + last.length; }
    if (last !== null && !GENERIC_ID_CUE.test(before.slice(lastEnd)) && !AM_CUE.test(before.slice(lastEnd))) s.label = idLabelOf(last);
  }
  // a number right after an id cue is that identifier, not a NIR without a valid key ("NDA 2024051400317": 13 digits), an SSN ("MRN: 100-47-2291")
  let w = 0;
  let idCue = false;
  for (const s of spans) if (s.rule === 'id-cue') { idCue = true; break; }
  if (!idCue) return;
  const covers = idCueCover(spans);
  for (let r = 0; r < spans.length; r++) {
    const s = spans[r]!;
    // (nor a number read as international from its "00", "Group #: 0074193-002")
    // (nor a health service's number in a phone's groups, "NHS number 943 476 5919")
    if (((s.label === 'NIR' && s.score < 1) || s.label === 'SSN' || (s.label === 'PHONE' && (text.startsWith('00', s.start) || endsWithMatch(HEALTH_NUMBER_CUE, text.slice(Math.max(0, s.start - 24), s.start)))))
      && s.rule !== 'id-cue' && covers(s)) continue;
    spans[w++] = s;
  }
  spans.length = w;
}
/** The cues of British, Canadian and Australian health numbers, right before a number (a sticky look-behind). */
const HEALTH_NUMBER_CUE = /(?<=(?:NHS|Medicare|[Hh]ealth [Cc]ard|OHIP|PHN|IHI|CHI)(?: [Nn]o\.?| [Nn]umber| #)?[^A-Za-z0-9\n]{0,4})/y;
/**
 * Whether a span lies inside an id-cue span (not a NIR's or an SSN's): the id-cue spans sorted by start with the running
 * maximum of their ends, so each question is one binary search (a text of a megabyte has thousands of spans).
 */
function idCueCover(spans: readonly Span[]): (s: Span) => boolean {
  const cues = spans.filter((t) => t.rule === 'id-cue' && t.label !== 'NIR' && t.label !== 'SSN').sort((a, b) => a.start - b.start);
  const starts = cues.map((t) => t.start), maxEnd: number[] = [];
  for (let i = 0; i < cues.length; i++) maxEnd.push(Math.max(i > 0 ? maxEnd[i - 1]! : -1, cues[i]!.end));
  return (s) => {
    let lo = 0, hi = starts.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (starts[mid]! <= s.start) lo = mid + 1; else hi = mid; }
    return lo > 0 && maxEnd[lo - 1]! >= s.end;
  };
}

/**
 * Runs of single digits separated by single spaces ("2 9 1 4 8 2 3 9 8 4 2 9 6 5 4"): real notes
 * type NIRs and dates this way, sometimes glued together. Segments the run greedily: a 15-digit NIR
 * (sex digit 1/2/3/4/7/8, month plausible) when it fits, else an 8- (or 7-/6-) digit date when
 * day and month are valid, else one digit is skipped.
 */
function nirLike(s: string): boolean { return /^[1-478]/.test(s); }
function dateLike(s: string): boolean { return dayMonthOk(+s.slice(0, 2), +s.slice(2, 4)) || dayMonthOk(+s.slice(2, 4), +s.slice(0, 2)); }
const SPACED_AT = /(?<![A-Za-z0-9À-ÿ])\d(?: \d){5,}(?![A-Za-z0-9À-ÿ])/y;
const SPACED_G = new RegExp(SPACED_AT.source, 'g');
function recognizeSpacedDigits(text: string, spans: Span[]): void {
  let m: RegExpExecArray | null;
  cur = 0;
  let from = 0;
  while ((m = referenceScan ? globalFrom(SPACED_G, text, from) : execAt(SPACED_AT, text, S_SPACED, from)) !== null) {
    from = m.index + m[0].length;
    const digits = m[0].replace(/ /g, '');
    const base = m.index;
    const n = digits.length;
    let k = 0;
    while (n - k >= 6) {
      const rest = n - k;
      if (rest >= 13 && rest <= 15 && nirLike(digits.slice(k))) {
        spans.push({ start: base + 2 * (k), end: base + 2 * (n - 1) + 1, label: 'NIR', score: checkNir(digits.slice(k)).keyValid ? 1 : 0.6, rule: 'nir-spaced' });
        break;
      }
      if (rest >= 19 && rest <= 23 && nirLike(digits.slice(k)) && dateLike(digits.slice(n - 8))) {
        spans.push({ start: base + 2 * (k), end: base + 2 * (n - 9) + 1, label: 'NIR', score: 0.6, rule: 'nir-spaced' });
        spans.push({ start: base + 2 * (n - 8), end: base + 2 * (n - 1) + 1, label: 'DATE', score: 0.5, rule: 'date-spaced' });
        break;
      }
      if (rest >= 15 && nirLike(digits.slice(k)) && (rest - 15 === 0 || rest - 15 >= 6 || !dateLike(digits.slice(k)))) {
        spans.push({ start: base + 2 * (k), end: base + 2 * (k + 14) + 1, label: 'NIR', score: checkNir(digits.slice(k, k + 15)).keyValid ? 1 : 0.6, rule: 'nir-spaced' });
        k += 15; continue;
      }
      if (dateLike(digits.slice(k))) {
        const len = Math.min(rest, 8);
        spans.push({ start: base + 2 * (k), end: base + 2 * (k + len - 1) + 1, label: 'DATE', score: 0.5, rule: 'date-spaced' });
        k += len; continue;
      }
      k++;
    }
  }
}

/**
 * A French postal code standing alone is a ZIP only in context: right after an address or a city
 * (", 13006", "75001"), after "dans le", "CP", "code postal". Runs only when such a context exists.
 */
const LOOSE_ZIP = /(?<![\dA-Za-z])((?:0[1-9]|[1-8]\d|9[0-8])\d{3})(?![\dA-Za-z])/g;
const LOOSE_ZIP_AT = new RegExp(LOOSE_ZIP.source, 'y');
// ('"cp": "33700"' in exported JSON; "Code postal du domicile : 67100", "Patient ZIP Code: 80226", "ZIP code of residence:")
/** Units of a dose or a count that may follow five digits in capitals (folded). */
const DOSE_UNITS = new Set(['UI', 'U', 'MUI', 'KUI', 'IU', 'MG', 'KG', 'ML', 'DL', 'MMOL', 'UNITES', 'UNITS', 'EUR', 'EUROS', 'GTT']);
const ZIP_CUE = /(?<=(?:dans le|\bCP|code postal|postal code|zip(?: ?code)?)(?: (?:du|de la|de l'|de|des|of the|of) [A-Za-zÀ-ÿ']+| (?:r[ée]sidence|domicile|patient|home|naissance))?"?\s*:?\s*"?)/iy;
function isZipAnchor(s: Span): boolean { return s.label === 'ADDRESS' || s.label === 'CITY' || s.label === 'HOSPITAL'; }
function isZip(s: Span): boolean { return s.label === 'ZIP'; }
function byStart(a: Span, b: Span): number { return a.start - b.start; }
function byEndPos(a: Span, b: Span): number { return a.end - b.end; }
export function recognizeLooseZips(text: string, spans: Span[]): void {
  spacedZipAfterAddress(text, spans);
  // every match is a 5-digit run: none in the text (the character pass's runs), nothing to do
  const runs = tokText === text && !referenceScan;
  if (runs && !anyRun(S_ZIP)) return;
  looseZips(text, spans, runs);
  lowerCityAfterZip(text, spans);
}
/**
 * A postal code written with a space after its département ("STUDIO 25, 92 100 BOULOGNE",
 * "PERULOGA, 94 403, QUOICOUBEY"): only right after an address (and its apartment or floor), before
 * a capitalized city (taken too) or the end of the line or field ("3 rue X, 12 500 patients" stays).
 */
const SPACED_ZIP_AFTER = /(?:,? (?:STUDIO|Studio|studio|APT|Apt|apt|App\.?|app\.?|Appartement|appartement|Bât\.?|bât\.?|Bâtiment|bâtiment|Esc\.?|esc\.?|Étage|étage) ?[A-Za-z0-9]{0,5})?[ ,]{0,3}((?:0[1-9]|[1-8]\d|9[0-8]) \d{3})(?![0-9])(?:,? ?((?:[A-ZÀ-Þ][A-Za-zÀ-ÿ'’]*[ \-]){0,3}[A-ZÀ-Þ][A-Za-zÀ-ÿ'’]*)|(?=\s*(?:[,;\n]|$)))/y;
function spacedZipAfterAddress(text: string, spans: Span[]): void {
  const n0 = spans.length;
  for (let q = 0; q < n0; q++) {
    const a = spans[q]!;
    if (a.label !== 'ADDRESS') continue;
    SPACED_ZIP_AFTER.lastIndex = a.end;
    const m = SPACED_ZIP_AFTER.exec(text);
    if (m === null) continue;
    const zs = a.end + m[0].indexOf(m[1]!);
    spans.push({ start: zs, end: zs + 6, label: 'ZIP', score: 0.6, rule: 'zip-spaced' });
    if (m[2] !== undefined) { const cs = a.end + m[0].length - m[2].length; spans.push({ start: cs, end: cs + m[2].length, label: 'CITY', score: 0.6, rule: 'zip-spaced' }); }
  }
}
/**
 * A city typed in lower case after a postal code ("33600 pessac", "17000 la rochelle"): one to
 * four words, the longest that is a city of the dictionary (a lower-case word there is no city otherwise).
 */
function lowerCityAfterZip(text: string, spans: Span[]): void {
  const n0 = spans.length;
  let lex: Lexicon | null = null;
  for (let q = 0; q < n0; q++) {
    const z = spans[q]!;
    if (z.label !== 'ZIP') continue;
    let a = z.end;
    if (cc(text, a) === 44) a++;
    if (cc(text, a) !== 32 || !isLowerCode(cc(text, a + 1))) continue;
    a++;
    lex ??= tokenLexicon();
    let best = -1, e = a;
    for (let w = 0; w < 4; w++) {
      while (e < text.length && (isLowerCode(text.charCodeAt(e)) || text.charCodeAt(e) === 39 || text.charCodeAt(e) === 8217)) e++;
      if (((lex.get(fold(text.slice(a, e))) ?? 0) & LEX_CITY) !== 0) best = e;
      const c = cc(text, e);
      if ((c === 45 || c === 32) && isLowerCode(cc(text, e + 1))) e++; else break;
    }
    if (best > 0) spans.push({ start: a, end: best, label: 'CITY', score: 0.7, rule: 'zip-city-lower' });
  }
}
function looseZips(text: string, spans: Span[], runs: boolean): void {
  const anchors = spans.filter(isZipAnchor);
  if (anchors.length === 0 && !/dans le|CP|code postal|postal code|zip/i.test(text)) return;
  // matches come in increasing position: ZIP spans (sorted by start) and anchors (sorted by end)
  // are walked with pointers, so a long document costs O(matches + spans), not their product
  const zips = spans.filter(isZip).sort(byStart);
  const byEnd = [...anchors].sort(byEndPos);
  let zi = 0, zipMaxEnd = -1, ai = 0;
  // the 5-digit runs of the character pass when it ran on this text (every match is one), else a scan
  LOOSE_ZIP.lastIndex = 0;
  cur = 0;
  let m: RegExpExecArray | null;
  while ((m = runs ? execAt(LOOSE_ZIP_AT, text, S_ZIP, 0) : LOOSE_ZIP.exec(text)) !== null) {
    const s = m.index;
    while (zi < zips.length && zips[zi]!.start <= s) { if (zips[zi]!.end > zipMaxEnd) zipMaxEnd = zips[zi]!.end; zi++; }
    if (zipMaxEnd > s) continue; // inside a ZIP span already found
    while (ai < byEnd.length && byEnd[ai]!.end <= s) ai++;
    let near = false;
    for (let j = ai - 1; j >= 0 && s - byEnd[j]!.end <= 12; j--) {
      if (/^[\s,(à]*(?:dans le\s*)?$/i.test(text.slice(byEnd[j]!.end, s))) { near = true; break; }
    }
    if (near || endsWithMatch(ZIP_CUE, text.slice(Math.max(0, s - 40), s))) spans.push({ start: s, end: s + 5, label: 'ZIP', score: 0.6, rule: 'zip-context' });
  }
}

/**
 * HL7 v2 segments pasted in a note or an export ("PID|1||123456^^^HOSP^MR||DOE^JOHN^A||19500105|M|…"):
 * the message's date (MSH), the identifying fields of the patient (PID), next-of-kin (NK1), guarantor (GT1) and insurance (IN1)
 * segments by their position, whatever their content — names in components ("DOE^JOHN^A") escape
 * the word rules. Field n is the text after the segment name's n-th '|'.
 */
/** MSH facilities that name no place: a kind of facility or of system. */
const HL7_NO_FACILITY = /^(?:LABO?|LABORATOIRE|LABORATORY|HOSP|HOSPITAL|HOPITAL|CLINIC|SYSTEM|HIS|RIS|LIS|EHR|EMR|DPI|SIH)$/i;
const HL7_FIELDS: Record<string, Record<number, TextLabel>> = {
  // (MSH-7, the message's date and time: MSH-1 is the field separator itself, so it is field 6 here; MSH-4 and MSH-6, the
  // sending and receiving facilities, hospitals or laboratories: "MSH|^~\&|EPIC|UCSF|…")
  MSH: { 3: 'HOSPITAL', 5: 'HOSPITAL', 6: 'DATE' },
  PID: { 2: 'ID', 3: 'ID', 4: 'ID', 5: 'NAME', 6: 'NAME', 7: 'BIRTHDATE', 9: 'NAME', 11: 'ADDRESS', 13: 'PHONE', 14: 'PHONE', 18: 'ID', 19: 'SSN', 20: 'ID', 21: 'ID', 23: 'CITY', 29: 'DATE' },
  NK1: { 2: 'NAME', 4: 'ADDRESS', 5: 'PHONE', 6: 'PHONE', 30: 'NAME', 31: 'PHONE', 32: 'ADDRESS', 33: 'ID', 37: 'SSN' },
  GT1: { 2: 'ID', 3: 'NAME', 4: 'NAME', 5: 'ADDRESS', 6: 'PHONE', 7: 'PHONE', 8: 'BIRTHDATE', 12: 'SSN', 16: 'NAME', 17: 'ADDRESS', 18: 'PHONE' },
  IN1: { 16: 'NAME', 18: 'BIRTHDATE', 19: 'ADDRESS', 36: 'ID', 49: 'ID' },
  // the carers (XCN fields: an id, a family name, given names) and the dates of orders, visits and results
  PV1: { 7: 'NAME', 8: 'NAME', 9: 'NAME', 17: 'NAME', 19: 'ID', 44: 'DATE', 45: 'DATE' },
  ORC: { 9: 'DATE', 10: 'NAME', 11: 'NAME', 12: 'NAME' },
  OBR: { 6: 'DATE', 7: 'DATE', 8: 'DATE', 16: 'NAME', 22: 'DATE', 28: 'NAME', 32: 'NAME', 33: 'NAME', 34: 'NAME' },
  OBX: { 14: 'DATE', 16: 'NAME' },
  // HPRIM Santé / ASTM E1394 (laboratory results sent to French practices): the header's sender (a laboratory), its
  // address and phone, the receiving doctor and the message's date (H.5, H.6, H.8, H.10, H.14: field n is H.(n+1)); the
  // patient record's ids, name, birth name, birth date, address, phone and attending doctor (P.3-P.8, P.11, P.13, P.14)
  H: { 4: 'HOSPITAL', 5: 'ADDRESS', 7: 'PHONE', 9: 'NAME', 13: 'DATE' },
  P: { 2: 'ID', 3: 'ID', 4: 'ID', 5: 'NAME', 6: 'NAME', 7: 'BIRTHDATE', 10: 'ADDRESS', 12: 'PHONE', 13: 'NAME' },
};
/** (HPRIM's H and P records only in their own shape: the delimiters after H, a sequence number after P) */
const HL7_SEGMENT = /(?:^|[\r\n])(MSH|PID|NK1|GT1|IN1|PV1|ORC|OBR|OBX|H(?=\|[\\^~&]{3,4}\|)|P(?=\|\d{1,4}\|))\|/g;
/** A line of HPRIM's header that holds a surname or first names: letters, spaces, hyphens, apostrophes. */
const HPRIM_NAME_LINE = /^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ' -]{0,39}$/;
/**
 * HPRIM Santé's text header (a laboratory's results file, its data between "****LAB****" and "****FIN****"):
 * the file's first lines are the record number, the patient's surname, first names, address, postal code and
 * town, birth date… — the 2nd and 3rd lines, from the text's start or after a leading marker line, are NAME.
 */
function hprimHeader(text: string, spans: Span[]): void {
  if (text.indexOf('****LAB****') < 0 && text.indexOf('****FIN****') < 0) return;
  const lines: [number, number][] = [];
  for (let a = 0; a < text.length && lines.length < 3;) {
    let e = text.indexOf('\n', a);
    if (e < 0) e = text.length;
    let z = e;
    while (z > a && (text.charCodeAt(z - 1) === 13 || text.charCodeAt(z - 1) === 32)) z--;
    // (empty lines and a marker line before the header are skipped)
    if (z > a && !(lines.length === 0 && text.startsWith('****', a))) lines.push([a, z]);
    a = e + 1;
  }
  for (const [a, z] of lines.slice(1)) if (HPRIM_NAME_LINE.test(text.slice(a, z))) spans.push({ start: a, end: z, label: 'NAME', score: 0.8, rule: 'hprim-header' });
}
/**
 * A field of people ("FONTAINE-MAURICE^Régis", "10004871203^DURAND^Paul^^^Dr"): its runs of components with a letter are
 * NAME, a component of digits alone is its id (ID).
 */
function hl7Names(text: string, k: number, e: number, spans: Span[]): void {
  let runStart = -1, runEnd = -1;
  for (let a = k; a <= e;) {
    let b = a;
    while (b < e && text.charCodeAt(b) !== 94 && text.charCodeAt(b) !== 126) b++;
    let digits = b > a, letters = false;
    for (let q = a; q < b; q++) { const c = text.charCodeAt(q); if (!isDigitCode(c)) digits = false; if (isWordLetter(c)) letters = true; }
    if (digits) spans.push({ start: a, end: b, label: 'ID', score: 0.9, rule: 'hl7' });
    if (letters && runStart < 0) runStart = a;
    if (letters) runEnd = b;
    if ((!letters && b > a) || b >= e || text.charCodeAt(b) === 126) {
      if (runStart >= 0) spans.push({ start: runStart, end: runEnd, label: 'NAME', score: 0.95, rule: 'hl7' });
      runStart = -1;
    }
    a = b + 1;
  }
}
export function recognizeHl7(text: string, spans: Span[]): void {
  if (text.indexOf('****') >= 0) hprimHeader(text, spans);
  if (text.indexOf('|') < 0) return;
  HL7_SEGMENT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HL7_SEGMENT.exec(text)) !== null) {
    const fields = HL7_FIELDS[m[1]!]!;
    let k = m.index + m[0].length, field = 1;
    for (;;) {
      let e = k;
      while (e < text.length) { const c = text.charCodeAt(e); if (c === 124 || c === 10 || c === 13) break; e++; }
      const label = fields[field];
      // (a field of only component separators holds nothing)
      if (label !== undefined && e > k && !/^[\^~&]*$/.test(text.slice(k, e))) {
        if (label === 'NAME') hl7Names(text, k, e, spans);
        // (a facility's placeholder or kind names none: "X", "LAB", "HOSP")
        else if (label !== 'HOSPITAL' || (e - k >= 3 && !HL7_NO_FACILITY.test(text.slice(k, e)))) spans.push({ start: k, end: e, label, score: 0.95, rule: 'hl7' });
      }
      if (e >= text.length || text.charCodeAt(e) !== 124) break;
      k = e + 1; field++;
    }
    HL7_SEGMENT.lastIndex = k;
  }
}

/** Care units and shifts, written before a nurse's credential ("CVICU RN", "L&D RN", "Charge RN"): no names. */
const UNIT_WORDS = new Set(['ICU', 'MICU', 'SICU', 'CVICU', 'CTICU', 'CCU', 'CICU', 'NICU', 'PICU', 'NSICU', 'TICU', 'BICU', 'PACU', 'PCU', 'IMC', 'IMU',
  'SDU', 'ED', 'ER', 'OR', 'PREOP', 'POSTOP', 'OPAT', 'ICN', 'SCN', 'LDRP', 'DELIVERY', 'TRIAGE', 'INFUSION', 'DIALYSIS', 'CATH', 'ENDO', 'IR', 'ONC',
  'ONCOLOGY', 'TELE', 'TELEMETRY', 'STEPDOWN', 'MEDSURG', 'REA', 'USIC', 'SAUV']);
/** After a name, an Arabic surname with its article ("Hamid al-Rashidi", "Omar el-Sayed") or its nasab ("Omar bin Yousef", "Ali ibn Sina"). */
const ARABIC_SURNAME_AFTER = /^(?: (?:al|el|ad|as|ash|at|az|ar|an|ul)-\p{Lu}[\p{L}'’]+(?:-\p{Lu}[\p{L}'’]+)?| (?:bin|ibn|bint|binti|abu) \p{Lu}[\p{L}'’-]+)/u;
const ARABIC_PARTICLE = /^(?:bin|ibn|bint|binti|abu|al|el)$/;
/**
 * Names extended over the Arabic surname after them, whose article or nasab in lower case ends the name rules' tokens:
 * "Dr. Hamid al-Rashidi" left "al-Rashidi", "Dr. bin Hamdan" left "Hamdan". The name span is pushed again, longer (the
 * overlap resolution keeps the longer).
 */
export function extendArabicSurnames(text: string, spans: Span[]): void {
  const n = spans.length;
  for (let i = 0; i < n; i++) {
    const sp = spans[i]!;
    if (sp.label !== 'NAME') continue;
    let end = sp.end;
    // (the cheap test first: a space or a hyphen, then a particle's first letter in lower case, or a span of five letters at most)
    const c1 = cc(text, end + 1);
    if (!(cc(text, end) === 32 && (c1 === 97 || c1 === 101 || c1 === 117 || c1 === 98 || c1 === 105)) && end - sp.start > 5) continue;
    // (a name that is the particle alone, after a title: "Dr. bin Hamdan")
    if (ARABIC_PARTICLE.test(text.slice(sp.start, end))) { const m = /^ \p{Lu}[\p{L}'’-]+/u.exec(text.slice(end, end + 40)); if (m) end += m[0].length; }
    const m = ARABIC_SURNAME_AFTER.exec(text.slice(end, end + 48));
    if (m) end += m[0].length;
    if (end > sp.end) spans.push({ start: sp.start, end, label: 'NAME', score: sp.score, rule: sp.rule });
  }
}

/** A record's header line of pipe-separated fields, as the i2b2 corpora write it: "418820537 | NGH | 20194877 | | 5540921 | 11/3/2093 …". */
const PIPE_HEADER = /\d{5,12} \| [A-Z]{2,8} \| [^\n]*/y;
/**
 * The fields of a record's header line: its numbers of five digits or more are identifiers, its second field (a code in
 * capitals) the hospital's.
 */
export function recognizePipeHeaders(text: string, spans: Span[]): void {
  if (!text.includes(' | ')) return;
  // (the lines that open with a digit only: a walk over the line starts, the expression tried there)
  for (let ls = 0; ls < text.length; ls++) {
    // (a line starts after \n, \r, U+2028 or U+2029)
    if (ls > 0) { const p = text.charCodeAt(ls - 1); if (p !== 10 && p !== 13 && p !== 0x2028 && p !== 0x2029) continue; }
    if (!isDigitCode(text.charCodeAt(ls))) continue;
    PIPE_HEADER.lastIndex = ls;
    const m = PIPE_HEADER.exec(text);
    if (m === null || m.index !== ls) continue;
    const fields = m[0].split('|');
    // (a record's header holds a date among six fields or more: not a table's row, "88231 | CBC | Platelets | 250000 | …")
    if (fields.length < 6 || !/\| ?\d{1,2}\/\d{1,2}\/\d{4}/.test(m[0])) continue;
    let at = m.index;
    fields.forEach((f, k) => {
      const t = f.trim(), s = at + f.indexOf(t);
      if (/^\d{5,12}$/.test(t)) spans.push({ start: s, end: s + t.length, label: 'ID', score: 0.7, rule: 'id-pipe-header' });
      else if (k === 1 && t.length > 0) spans.push({ start: s, end: s + t.length, label: 'HOSPITAL', score: 0.6, rule: 'hospital-pipe-header' });
      at += f.length + 1;
    });
  }
}
