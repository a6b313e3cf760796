/**
 * Names the document itself tells: the names the token pass found, used again for what no single
 * token shows. Runs after the recognizers, before overlap resolution (it reads their NAME spans).
 *
 * - the initials of a full name found in the document, written alone in brackets or after
 *   per/by/with ("Hugh Tierney" … "Per HT, wife Margaret…", "T. Ngata, CPhT (TN)");
 * - dictation initials at a line's end, the author's in upper case and the typist's in lower case
 *   ("DD: 08/20/2093 TD: 08/21/2093 DO/ms", "CR/ml" alone on its line);
 * - a found name typed again in lower case ("rdv pris par nadia" after "sa fille Nadia"), when the
 *   word is a dictionary name and no ordinary word;
 * - the cells of a delimited table's column (`|`, `;` or tab) whose header names people (nom,
 *   prénom, name, patient…) or whose other cells are names ("PARK, JI-HOON" among "YOUNG, HUNTER"
 *   and "PAGE, LORETTA"), when the cell has a name's shape (letters, no digit, no stop word only).
 */
import { fold } from './data.ts';
import { LEX_FIRST, LEX_SUR, LEX_AMBIG, LEX_WORDNAME, LEX_CITY } from './data.ts';
import { tokenLexicon, LEX_STOP, LEX_ACRO, LEX_CRED, LEX_CUE, LEX_TITLE, LEX_TITLE_DOT, LEX_PROF, US_STATE_SET } from './recognizers.ts';
import type { Span } from './types.ts';

/** Words before initials that make them a person's ("Per HT", "seen by NI", "discussed with JB"). */
const INITIALS_LEAD = new Set(['per', 'by', 'with', 'cc', 'from', 'to', 'and', 'par', 'avec', 'et', 'vu', 'Per', 'By', 'With', 'Cc', 'CC', 'Par', 'Vu']);
/** Units and counts written like dictation initials ("10 UI/ml", "UFC/ml"): not initials unless alone on their line. */
const UNIT_UPPER = new Set(['UI', 'IU', 'MUI', 'UFC', 'CFU', 'UA', 'GB', 'MB', 'KB', 'MG', 'ML', 'KG', 'MEQ', 'MMOL']);
const UNIT_LOWER = new Set(['ml', 'dl', 'cl', 'kg', 'mg', 'min', 'mn', 'sem', 'mol', 'h', 'j', 's', 'l', 'an', 'ans', 'jr', 'hr', 'hrs', 'wk', 'mo', 'yr', 'sec', 'cm', 'mm', 'dia', 'day', 'jour']);
/** Table headers of a column of people (folded, '_' and '-' read as spaces). */
const NAME_HEADERS = new Set(['NOM', 'NOMS', 'PRENOM', 'PRENOMS', 'NOM PRENOM', 'NOM ET PRENOM', 'NOM PRENOMS', 'NOM DE NAISSANCE', 'NOM NAISSANCE', 'NOM USUEL',
  'NOM D USAGE', 'PRENOM USUEL', 'NAME', 'NAMES', 'LAST', 'FIRST', 'LAST NAME', 'FIRST NAME', 'LASTNAME', 'FIRSTNAME', 'LNAME', 'FNAME', 'SURNAME', 'GIVEN',
  'GIVEN NAME', 'FULL NAME', 'PATIENT', 'PATIENT NAME', 'PT NAME', 'PATIENTE', 'MEDECIN', 'PRESCRIPTEUR', 'PROVIDER', 'DOCTOR', 'PHYSICIAN', 'CONTACT', 'AIDANT',
  'MEMBER', 'SUBSCRIBER', 'CLIENT', 'EMPLOYEE', 'NURSE', 'PRESCRIBER', 'REFERRING', 'ATTENDING', 'RESIDENT', 'SIGNED BY', 'AUTHOR', 'INFIRMIER', 'INFIRMIERE', 'PERSONNE', 'PERSON', 'PARENT', 'MOTHER', 'FATHER', 'MERE', 'PERE']);
const NON_NAME = LEX_STOP | LEX_ACRO | LEX_CRED | LEX_CUE | LEX_TITLE | LEX_PROF;

function isUpper(c: number): boolean { return c >= 65 && c <= 90; }
function isLetter(c: number): boolean { return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 192 && c <= 255 && c !== 215 && c !== 247); }
function isAlnum(c: number): boolean { return isLetter(c) || (c >= 48 && c <= 57); }
function at(t: string, i: number): number { return i >= 0 && i < t.length ? t.charCodeAt(i) : -1; }

export function recognizeDocumentNames(text: string, spans: Span[]): void {
  const n = spans.length;
  let names = 0;
  for (let q = 0; q < n; q++) if (spans[q]!.label === 'NAME') names++;
  dictationInitials(text, spans);
  const lex = tokenLexicon();
  tableColumns(text, spans, lex);
  if (names === 0) return;
  const initials = new Set<string>();
  const words = new Map<string, number>();
  for (let q = 0; q < n; q++) {
    const sp = spans[q]!;
    if (sp.label !== 'NAME') continue;
    const value = text.slice(sp.start, sp.end);
    const parts = value.split(/[\s,]+/).filter((w) => w.length > 0);
    for (const w of parts) if (w.length >= 3 && /^[A-Za-zÀ-ÿ][a-zà-ÿ'’-]+$/.test(w) && !words.has(w)) words.set(w, text.indexOf(w, sp.start));
    if (parts.length < 2 || parts.length > 4) continue;
    // "TIERNEY, HUGH": the surname first
    const ordered = value.includes(',') ? [...parts.slice(1), parts[0]!] : parts;
    const first = fold(ordered[0]!).charAt(0), last = fold(ordered[ordered.length - 1]!).charAt(0);
    if (!isUpper(first.charCodeAt(0)) || !isUpper(last.charCodeAt(0))) continue;
    initials.add(first + last);
    if (ordered.length === 3) { const mid = fold(ordered[1]!).charAt(0); if (isUpper(mid.charCodeAt(0))) initials.add(first + mid + last); }
  }
  if (initials.size > 0) initialsOfNames(text, spans, initials, lex);
  for (const [w, origin] of words) lowerAgain(text, spans, w, origin, lex);
}

/** Upper-case tokens of 2-3 letters that are the initials of a found name, in brackets or after per/by/with. */
function initialsOfNames(text: string, spans: Span[], initials: Set<string>, lex: Map<string, number>): void {
  const re = /(?<![A-Za-z0-9À-ÿ])[A-Z]{2,3}(?![A-Za-z0-9À-ÿ])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const w = m[0];
    if (!initials.has(w) || ((lex.get(w) ?? 0) & NON_NAME) !== 0) continue;
    const s = m.index, e = s + w.length;
    let ok = at(text, s - 1) === 40 && at(text, e) === 41;
    // (a state's code only in brackets after a credential: "T. Ngata, CPhT (TN)", not "Memphis (TN)")
    if (US_STATE_SET.has(w) && !(ok && credentialBefore(text, s - 1, lex))) continue;
    if (!ok && at(text, s - 1) === 32) {
      let a = s - 1;
      while (a > 0 && isLetter(text.charCodeAt(a - 1))) a--;
      ok = INITIALS_LEAD.has(text.slice(a, s - 1)) && !isAlnum(at(text, a - 1));
    }
    if (ok) spans.push({ start: s, end: e, label: 'NAME', score: 0.6, rule: 'name-initials-of' });
  }
}

/** A credential right before the bracket at b ("CPhT (TN)"). */
function credentialBefore(text: string, b: number, lex: Map<string, number>): boolean {
  let e = b;
  while (e > 0 && text.charCodeAt(e - 1) === 32) e--;
  let a = e;
  while (a > 0 && (isLetter(text.charCodeAt(a - 1)) || text.charCodeAt(a - 1) === 45)) a--;
  return a < e && ((lex.get(fold(text.slice(a, e))) ?? 0) & LEX_CRED) !== 0;
}
/** "JS/kt" at a line's end: the author's and the typist's initials. */
function dictationInitials(text: string, spans: Span[]): void {
  if (text.indexOf('/') < 0) return;
  const re = /(?<![A-Za-z0-9À-ÿ/.])([A-Z]{2,3})\/([a-z]{2,3})(?=[ \t]*(?:\r?\n|$))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const s = m.index, up = m[1]!, low = m[2]!;
    const ls = text.lastIndexOf('\n', s - 1) + 1;
    const alone = text.slice(ls, s).trim() === '';
    // (a unit is initials only alone on its line: "CR/ml"; "10 UI/ml", "x 2/j" are not)
    if (alone ? UNIT_UPPER.has(up) && UNIT_LOWER.has(low) : UNIT_UPPER.has(up) || UNIT_LOWER.has(low)) continue;
    spans.push({ start: s, end: s + up.length, label: 'NAME', score: 0.6, rule: 'name-dictation' });
    spans.push({ start: s + up.length + 1, end: s + m[0].length, label: 'NAME', score: 0.6, rule: 'name-dictation' });
  }
}

/** The capitalized name word w found again typed in lower case, when it is a dictionary name and no ordinary word. */
function lowerAgain(text: string, spans: Span[], w: string, origin: number, lex: Map<string, number>): void {
  const key = fold(w);
  const bits = lex.get(key) ?? 0;
  if ((bits & (LEX_FIRST | LEX_SUR)) === 0 || (bits & (LEX_AMBIG | LEX_WORDNAME | LEX_CITY | NON_NAME)) !== 0) return;
  const low = w.toLowerCase();
  for (let p = text.indexOf(low); p >= 0; p = text.indexOf(low, p + 1)) {
    if (p === origin) continue;
    const b = at(text, p - 1), a = at(text, p + low.length);
    // a whole word, not inside an e-mail address or a web address
    if (isAlnum(b) || isAlnum(a) || b === 46 || b === 64 || a === 64 || (a === 46 && isAlnum(at(text, p + low.length + 1))) || b === 95 || a === 95) continue;
    spans.push({ start: p, end: p + low.length, label: 'NAME', score: 0.6, rule: 'name-again-lower' });
  }
}

/** At least `k` occurrences of the character c in the text. */
function atLeast(text: string, c: string, k: number): boolean {
  let p = -1;
  for (let i = 0; i < k; i++) { p = text.indexOf(c, p + 1); if (p < 0) return false; }
  return true;
}

interface Cell { s: number; e: number }
/** Names in the columns of delimited tables ('|', ';' or tab between three columns or more, two lines or more). */
function tableColumns(text: string, spans: Span[], lex: Map<string, number>): void {
  const seps: number[] = [];
  if (atLeast(text, '|', 4)) seps.push(124);
  if (atLeast(text, ';', 4)) seps.push(59);
  if (atLeast(text, '\t', 4)) seps.push(9);
  if (seps.length === 0) return;
  // the lines, their cells per separator
  const lines: { s: number; e: number }[] = [];
  for (let s = 0; s <= text.length;) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    lines.push({ s, e: e > s && text.charCodeAt(e - 1) === 13 ? e - 1 : e });
    s = e + 1;
  }
  let covered: Uint8Array | null = null;
  for (const sep of seps) {
    const cellsOf = (l: { s: number; e: number }): Cell[] => {
      const cells: Cell[] = [];
      let a = l.s;
      for (let k = l.s; k <= l.e; k++) {
        if (k === l.e || text.charCodeAt(k) === sep) {
          let s = a, e = k;
          while (s < e && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9 || text.charCodeAt(s) === 34)) s++;
          while (e > s && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9 || text.charCodeAt(e - 1) === 34)) e--;
          cells.push({ s, e });
          a = k + 1;
        }
      }
      return cells;
    };
    let i = 0;
    while (i < lines.length) {
      const first = cellsOf(lines[i]!);
      if (first.length < 3) { i++; continue; }
      const block: Cell[][] = [first];
      let j = i + 1;
      while (j < lines.length) { const c = cellsOf(lines[j]!); if (c.length !== first.length) break; block.push(c); j++; }
      i = j;
      if (block.length < 2) continue;
      if (covered === null) {
        covered = new Uint8Array(text.length);
        for (const sp of spans) if (sp.label === 'NAME') covered.fill(1, sp.start, sp.end);
      }
      // (a header line of upper-case labels, none of them a name: "DATE | TIME | PATIENT | RX # | PRESCRIBER")
      const headed = first.every((c) => c.e === c.s || /^[A-Z][A-Z0-9 #/_.()'-]*$/.test(text.slice(c.s, c.e))) && first.every((c) => covered![c.s] !== 1);
      for (let col = 0; col < first.length; col++) nameColumn(text, block, col, covered, spans, lex, headed);
    }
  }
}

function nameColumn(text: string, block: Cell[][], col: number, covered: Uint8Array, spans: Span[], lex: Map<string, number>, headed: boolean): void {
  const head = block[0]![col]!;
  const header = headed || NAME_HEADERS.has(fold(text.slice(head.s, head.e)).replace(/[_\-.]+/g, ' ').trim());
  const named = headed ? NAME_HEADERS.has(fold(text.slice(head.s, head.e)).replace(/[_\-.]+/g, ' ').trim()) : header;
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
  if (!named && !(hits >= 2 && hits * 2 >= filled)) return;
  for (let r = header ? 1 : 0; r < block.length; r++) {
    const c = block[r]![col]!;
    if (c.e <= c.s || c.e - c.s > 60) continue;
    const v = text.slice(c.s, c.e);
    if (!/^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’. ,-]*$/.test(v)) continue;
    const ws = v.split(/[ ,.-]+/).filter((w) => w.length > 0);
    if (ws.length > 5 || NAME_HEADERS.has(fold(v).replace(/[_\-.]+/g, ' ').trim())) continue;
    // (a name: not every word a stop word, a title or a cue)
    if (ws.every((w) => ((lex.get(fold(w)) ?? 0) & NON_NAME) !== 0)) continue;
    // (a title before the name stays: "Dr. S. Mehta")
    let a = c.s;
    const t = /^([A-Za-z]+)\.? +/.exec(v);
    if (t !== null && ((lex.get(fold(t[1]!)) ?? 0) & (LEX_TITLE | LEX_TITLE_DOT)) !== 0) a += t[0].length;
    if (a < c.e) spans.push({ start: a, end: c.e, label: 'NAME', score: 0.6, rule: 'name-table-column' });
  }
}
