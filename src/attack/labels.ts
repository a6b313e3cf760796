/**
 * Parser of generalized labels (docs/verdict.md §Generalized values).
 *
 * A released value may be a generalization of the original one: `[30-40[`, `[30, 40)`, `30-39`,
 * `>=90`, `90+`, `750**`, `{a,b}`, `*`, a year `1980` or month `1980-05` for a date. The attacks
 * compare an original value (34, 75011, 1984-03-02) with such a label through what the label
 * allows: a numeric interval (numbers and dates) or a set of categories.
 */

/** A numeric reading of a label: a closed interval (open bounds are nudged inward), or any/missing. */
export type NumericCell =
  | { kind: 'interval'; lo: number; hi: number }
  | { kind: 'any' }
  | { kind: 'missing' }
  | { kind: 'unreadable' };

/** A categorical reading of a label. */
export type CategoricalCell =
  | { kind: 'point'; value: string }
  | { kind: 'set'; values: string[] }
  | { kind: 'mask'; pattern: string }          // '*' = exactly one character
  | { kind: 'range'; lo: string; hi: string }  // inclusive, by code point, hi also covers hi's refinements (E14 → E14.9)
  | { kind: 'any' }
  | { kind: 'missing' };

const NUM = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?`;
const DATE = String.raw`\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+Z?)?`;
const DAY = 86_400_000;
const ANY = new Set(['*', '**', '***', '****', '*****', 'suppressed', '★']);

/** Bounds are made closed: an open bound moves inward by a relative 1e-9 (so 40 is outside `[30-40[`). */
function nudge(x: number, up: boolean): number {
  const eps = 1e-9 * Math.max(1, Math.abs(x));
  return up ? x + eps : x - eps;
}

function dayOf(s: string): number {
  const t = Date.parse(s.length === 10 ? s + 'T00:00:00Z' : s);
  return Number.isNaN(t) ? NaN : t / DAY;
}

/**
 * Reads a bound: a number, or for date columns a date, a month (YYYY-MM) or a year (YYYY).
 * Returns [start, endExclusive] of the value's extent (a year spans 365 or 366 days).
 */
function readBound(s: string, isDate: boolean): [number, number] | null {
  s = s.trim();
  if (isDate) {
    if (/^\d{4}-\d{2}-\d{2}/.test(s)) { const d = dayOf(s); return Number.isNaN(d) ? null : [Math.floor(d), Math.floor(d) + 1]; }
    if (/^\d{4}-Q[1-4]$/.test(s)) {
      const y = +s.slice(0, 4), q = +s.slice(6, 7);
      return [Date.UTC(y, 3 * (q - 1), 1) / DAY, Date.UTC(y, 3 * q, 1) / DAY];
    }
    if (/^\d{4}-\d{2}$/.test(s)) {
      const y = +s.slice(0, 4), m = +s.slice(5, 7);
      if (m < 1 || m > 12) return null;
      return [Date.UTC(y, m - 1, 1) / DAY, Date.UTC(y, m, 1) / DAY];
    }
    if (/^\d{4}$/.test(s)) { const y = +s; return [Date.UTC(y, 0, 1) / DAY, Date.UTC(y + 1, 0, 1) / DAY]; }
    return null;
  }
  if (!new RegExp(`^${NUM}$`).test(s)) return null;
  const x = Number(s);
  return Number.isFinite(x) ? [x, x] : null;
}

/**
 * Numeric reading of a label for a numeric or date column (dates in days since 1970-01-01).
 * A date's extent is [start, end[ (a whole year for `1980`); a number is a point.
 */
export function parseNumericLabel(label: string | null, isDate = false): NumericCell {
  if (label === null) return { kind: 'missing' };
  const s = label.trim();
  if (s === '') return { kind: 'missing' };
  if (ANY.has(s)) return { kind: 'any' };
  const point = readBound(s, isDate);
  if (point) return isDate ? { kind: 'interval', lo: point[0], hi: nudge(point[1], false) } : { kind: 'interval', lo: point[0], hi: point[1] };
  const B = isDate ? `(?:${DATE}|\\d{4}-Q[1-4]|\\d{4}-\\d{2}|\\d{4})` : NUM;
  // bracketed interval: [a, b[  [a-b[  ]a;b]  (a..b)  [a, b)
  let m = new RegExp(`^([\\[\\](])\\s*(${B})\\s*(?:,|;|\\.\\.|~|-|–|—)\\s*(${B})\\s*([\\[\\])])$`).exec(s);
  if (m) {
    const a = readBound(m[2]!, isDate), b = readBound(m[3]!, isDate);
    if (!a || !b) return { kind: 'unreadable' };
    const loOpen = m[1] !== '[';
    const hiOpen = m[4] !== ']';
    // for dates a closed upper bound covers the whole day/month/year; an open one stops at its start
    const lo = loOpen ? (isDate ? a[1] : nudge(a[0], true)) : a[0];
    const hi = hiOpen ? nudge(b[0], false) : (isDate ? nudge(b[1], false) : b[1]);
    return lo <= hi ? { kind: 'interval', lo, hi } : { kind: 'unreadable' };
  }
  // plain range a-b (closed), also "a to b", "a..b", "a~b"
  m = new RegExp(`^(${B})\\s*(?:-|–|—|\\.\\.|~|to)\\s*(${B})$`).exec(s);
  if (m) {
    const a = readBound(m[1]!, isDate), b = readBound(m[2]!, isDate);
    if (a && b && a[0] <= b[0]) return { kind: 'interval', lo: a[0], hi: isDate ? nudge(b[1], false) : b[1] };
  }
  // half-lines
  m = new RegExp(`^(>=|≥|=>|>|<=|≤|=<|<)\\s*(${B})$`).exec(s);
  if (m) {
    const a = readBound(m[2]!, isDate);
    if (!a) return { kind: 'unreadable' };
    switch (m[1]) {
      case '>=': case '≥': case '=>': return { kind: 'interval', lo: a[0], hi: Infinity };
      case '>': return { kind: 'interval', lo: isDate ? a[1] : nudge(a[0], true), hi: Infinity };
      case '<=': case '≤': case '=<': return { kind: 'interval', lo: -Infinity, hi: isDate ? nudge(a[1], false) : a[0] };
      default: return { kind: 'interval', lo: -Infinity, hi: nudge(a[0], false) };
    }
  }
  m = new RegExp(`^(${B})\\s*\\+$`).exec(s);
  if (m) { const a = readBound(m[1]!, isDate); if (a) return { kind: 'interval', lo: a[0], hi: Infinity }; }
  // digit masks: 750** → [75000, 75099]; for dates 198* → years 1980..1989
  m = /^([0-9]*)([*xX]+)$/.exec(s);
  if (m && m[1]!.length > 0) {
    const lo = Number(m[1] + '0'.repeat(m[2]!.length)), hi = Number(m[1] + '9'.repeat(m[2]!.length));
    if (isDate && m[1]!.length + m[2]!.length === 4) return { kind: 'interval', lo: Date.UTC(lo, 0, 1) / DAY, hi: nudge(Date.UTC(hi + 1, 0, 1) / DAY, false) };
    if (!isDate) return { kind: 'interval', lo, hi };
  }
  // a set of numbers: the hull
  m = /^\{(.*)\}$/.exec(s);
  if (m) {
    const parts = m[1]!.split(/[,;|]/).map((p) => readBound(p, isDate));
    if (parts.length > 0 && parts.every((p) => p !== null)) {
      let lo = Infinity, hi = -Infinity;
      for (const p of parts) { lo = Math.min(lo, p![0]); hi = Math.max(hi, isDate ? p![1] : p![1]); }
      return { kind: 'interval', lo, hi: isDate ? nudge(hi, false) : hi };
    }
  }
  return { kind: 'unreadable' };
}

/**
 * Categorical reading of a label. `literal` (original records): every label is a point.
 * Otherwise `*` is any, `{a,b}` a set, `750**` a mask, `A00-B99` a code range; other labels are points
 * (the attack space later reads a point unknown among the original values as a prefix: ICD-10 E11 → E11.9).
 * The attack space asks this reading only of labels no original table holds: one held literally (a birthday `03-15`)
 * is read with `literal`, as the value it is.
 */
export function parseCategoricalLabel(label: string | null, literal = false): CategoricalCell {
  if (label === null) return { kind: 'missing' };
  if (literal) return { kind: 'point', value: label };
  const s = label.trim();
  if (s === '') return { kind: 'missing' };
  if (ANY.has(s)) return { kind: 'any' };
  let m = /^\{([^,;|{}]+)\.\.([^,;|{}]+)\}$/.exec(s);
  if (m && m[1]! <= m[2]!) return { kind: 'range', lo: m[1]!, hi: m[2]! };
  m = /^\{(.*)\}$/.exec(s);
  if (m) return { kind: 'set', values: m[1]!.split(/[,;|]/).map((x) => x.trim()).filter((x) => x !== '') };
  if (/^[^*]+\*+$/.test(s) || /^[^*]*\*[^*]*$/.test(s) && s.length > 1) return { kind: 'mask', pattern: s };
  m = /^([A-Za-z]?\d[\w.]*)\s*-\s*([A-Za-z]?\d[\w.]*)$/.exec(s);
  if (m && m[1]! < m[2]! && /^[A-Za-z]/.test(m[1]!) === /^[A-Za-z]/.test(m[2]!) && (/^[A-Za-z]/.test(m[1]!) || m[1]!.length === m[2]!.length)) {
    return { kind: 'range', lo: m[1]!, hi: m[2]! };
  }
  return { kind: 'point', value: label };
}

/** Does a categorical cell allow the original value v? (prefix reading excluded; see the attack space) */
export function categoricalAllows(cell: CategoricalCell, v: string): boolean {
  switch (cell.kind) {
    case 'any': return true;
    case 'missing': return false;
    case 'point': return cell.value === v;
    case 'set': return cell.values.includes(v);
    case 'mask': {
      if (cell.pattern.length !== v.length) return false;
      for (let i = 0; i < v.length; i++) { const p = cell.pattern[i]; if (p !== '*' && p !== v[i]) return false; }
      return true;
    }
    case 'range': return v >= cell.lo && (v <= cell.hi || v.startsWith(cell.hi));
  }
}

/** Does a numeric cell allow x? */
export function numericAllows(cell: NumericCell, x: number): boolean {
  if (cell.kind === 'any') return true;
  if (cell.kind !== 'interval') return false;
  return x >= cell.lo && x <= cell.hi;
}

/**
 * Splits Mondrian's "value or missing" suffix: `[30-40]|NA` → {core: '[30-40]', orMissing: true}.
 */
export function splitMissing(label: string): { core: string; orMissing: boolean } {
  const m = /^(.*\S)\s*\|\s*(NA|null|missing)$/.exec(label);
  return m ? { core: m[1]!, orMissing: true } : { core: label, orMissing: false };
}
