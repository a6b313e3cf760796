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
import { tokenLexicon, shortUpperWords, LEX_STOP, LEX_ACRO, LEX_CRED, LEX_CUE, LEX_TITLE, LEX_TITLE_DOT, LEX_PROF, US_STATE_SET } from './recognizers.ts';
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
  dictationInitials(text, spans);
  const lex = tokenLexicon();
  tableColumns(text, spans, lex);
  // the found names' initials (two words or more), when the text has short upper-case words; and, when
  // the writer types names in lower case, the names' words
  const caps = shortUpperWords(text);
  const wantInitials = caps === null || caps.length > 0;
  let initials: string[] | null = null;
  let lowerTyped = false;
  for (let q = 0; q < n; q++) {
    const sp = spans[q]!;
    if (sp.label !== 'NAME') continue;
    const c0 = text.charCodeAt(sp.start);
    if (c0 >= 97 && c0 <= 122) lowerTyped = true;
    if (!wantInitials) continue;
    const ini = nameInitials(text, sp.start, sp.end);
    if (ini !== '') (initials ??= []).push(ini);
  }
  if (initials !== null) initialsOfNames(text, spans, initials, caps, lex);
  if (!lowerTyped) return;
  const seen = new Set<string>();
  for (let q = 0; q < n; q++) {
    const sp = spans[q]!;
    if (sp.label !== 'NAME') continue;
    for (let a = sp.start; a < sp.end;) {
      let e = a;
      while (e < sp.end) { const c = text.charCodeAt(e); if (isLetter(c) || (e > a && (c === 45 || c === 39))) e++; else break; }
      if (e - a >= 3) {
        const w = text.slice(a, e);
        if (!seen.has(w)) { seen.add(w); lowerAgain(text, spans, w, a, lex); }
      }
      a = e + 1;
    }
  }
}

/**
 * The initials of the name at [s, e) when it has two to four words: first and last (and the middle one
 * of three), the surname last ("TIERNEY, HUGH" → "HT"); '' otherwise.
 */
function nameInitials(text: string, s: number, e: number): string {
  const firsts: number[] = [];
  let comma = false;
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c === 44) comma = true;
    if (isLetter(c) && (k === s || !isLetter(text.charCodeAt(k - 1)) && text.charCodeAt(k - 1) !== 39 && text.charCodeAt(k - 1) !== 45)) firsts.push(k);
  }
  if (firsts.length < 2 || firsts.length > 4) return '';
  const order = comma ? [...firsts.slice(1), firsts[0]!] : firsts;
  const f = fold(text.charAt(order[0]!)), l = fold(text.charAt(order[order.length - 1]!));
  if (!isUpper(f.charCodeAt(0)) || !isUpper(l.charCodeAt(0))) return '';
  if (order.length === 3) { const m = fold(text.charAt(order[1]!)); if (isUpper(m.charCodeAt(0))) return `${f}${m}${l}|${f}${l}`; }
  return f + l;
}

/** Upper-case words of 2-3 letters that are the initials of a found name, in brackets or after per/by/with. */
function initialsOfNames(text: string, spans: Span[], list: string[], caps: Int32Array | null, lex: Map<string, number>): void {
  const set = new Set<string>();
  for (const item of list) for (const w of item.split('|')) set.add(w);
  const starts: number[] = [];
  if (caps !== null) for (const s of caps) starts.push(s);
  else { const re = /(?<![A-Za-z0-9À-ÿ])[A-Z]{2,3}(?![A-Za-z0-9À-ÿ])/g; let m: RegExpExecArray | null; while ((m = re.exec(text)) !== null) starts.push(m.index); }
  for (const s of starts) {
    let e = s;
    while (e < text.length && isUpper(text.charCodeAt(e))) e++;
    if (e - s < 2 || e - s > 3 || isAlnum(at(text, e)) || isAlnum(at(text, s - 1))) continue;
    const w = text.slice(s, e);
    if (!set.has(w) || ((lex.get(w) ?? 0) & NON_NAME) !== 0) continue;
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
/** "JS/kt" at a line's end: the author's and the typist's initials (found from each '/'). */
function dictationInitials(text: string, spans: Span[]): void {
  for (let k = text.indexOf('/'); k >= 0; k = text.indexOf('/', k + 1)) {
    let a = k, e = k + 1;
    while (a > 0 && k - a < 4 && isUpper(text.charCodeAt(a - 1))) a--;
    while (e < text.length && e - k <= 4 && text.charCodeAt(e) >= 97 && text.charCodeAt(e) <= 122) e++;
    if (k - a < 2 || k - a > 3 || e - k - 1 < 2 || e - k - 1 > 3) continue;
    const b = at(text, a - 1);
    if (isAlnum(b) || b === 47 || b === 46 || isAlnum(at(text, e))) continue;
    // the line's end after it
    let z = e;
    while (z < text.length && (text.charCodeAt(z) === 32 || text.charCodeAt(z) === 9)) z++;
    if (!(z === text.length || text.charCodeAt(z) === 10 || text.charCodeAt(z) === 13)) continue;
    const up = text.slice(a, k), low = text.slice(k + 1, e);
    const ls = text.lastIndexOf('\n', a - 1) + 1;
    const alone = text.slice(ls, a).trim() === '';
    // (a unit is initials only alone on its line: "CR/ml"; "10 UI/ml", "x 2/j" are not)
    if (alone ? UNIT_UPPER.has(up) && UNIT_LOWER.has(low) : UNIT_UPPER.has(up) || UNIT_LOWER.has(low)) continue;
    spans.push({ start: a, end: k, label: 'NAME', score: 0.6, rule: 'name-dictation' });
    spans.push({ start: k + 1, end: e, label: 'NAME', score: 0.6, rule: 'name-dictation' });
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

interface Cell { s: number; e: number }
interface Line { s: number; e: number; seps: number }
/**
 * Names in the columns of delimited tables: runs of two lines or more, each with the same number
 * (two or more) of '|', ';' or tabs. The lines are found from the separators themselves (indexOf),
 * so a text without such lines costs a few searches.
 */
function tableColumns(text: string, spans: Span[], lex: Map<string, number>): void {
  let covered: Uint8Array | null = null;
  for (const sep of ['|', ';', '\t']) {
    let k = text.indexOf(sep);
    if (k < 0) continue;
    // the lines holding two separators or more, with their count
    const lines: Line[] = [];
    while (k >= 0) {
      const ls = text.lastIndexOf('\n', k) + 1;
      let le = text.indexOf('\n', k);
      if (le < 0) le = text.length;
      let seps = 0;
      for (let p = k; p >= 0 && p < le; p = text.indexOf(sep, p + 1)) seps++;
      if (seps >= 2) lines.push({ s: ls, e: le > ls && text.charCodeAt(le - 1) === 13 ? le - 1 : le, seps });
      k = text.indexOf(sep, le);
    }
    for (let i = 0; i < lines.length;) {
      let j = i + 1;
      while (j < lines.length && lines[j]!.seps === lines[i]!.seps && text.lastIndexOf('\n', lines[j]!.s - 2) + 1 === (lines[j - 1]!.s)) j++;
      if (j - i >= 2) {
        const block = lines.slice(i, j).map((l) => cellsOf(text, l, sep.charCodeAt(0)));
        if (covered === null) {
          covered = new Uint8Array(text.length);
          for (const sp of spans) if (sp.label === 'NAME') covered.fill(1, sp.start, sp.end);
        }
        const first = block[0]!;
        // (a header line of upper-case labels, none of them a name: "DATE | TIME | PATIENT | RX # | PRESCRIBER")
        const headed = first.every((c) => c.e === c.s || /^[A-Z][A-Z0-9 #/_.()'-]*$/.test(text.slice(c.s, c.e))) && first.every((c) => covered![c.s] !== 1);
        for (let col = 0; col < first.length; col++) nameColumn(text, block, col, covered, spans, lex, headed);
      }
      i = j;
    }
  }
}
/** The cells of a line (trimmed of spaces, tabs and quotes). */
function cellsOf(text: string, l: Line, sep: number): Cell[] {
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
