/**
 * Decoding text files that arrive in pieces (redact): UTF-8 by default, checked byte by byte so
 * that a Latin-1 file is an error with its line and column instead of silently mangled text (a
 * name cut by a replacement character is a name the recognizers miss); Latin-1 / Windows-1252 on
 * request; UTF-16 when the file starts with its byte-order mark.
 */
import { TextDecoder } from 'node:util';
import { AnonymatError } from '../errors.ts';

export type TextEncoding = 'utf-8' | 'latin-1';

/** The encodings --encoding accepts (Latin-1 is read as Windows-1252, its superset, as browsers do). */
export function textEncodingOf(name: string | undefined): TextEncoding {
  const n = (name ?? 'utf-8').toLowerCase().replace(/[_\s]/g, '-');
  if (n === 'utf-8' || n === 'utf8') return 'utf-8';
  if (['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'windows-1252', 'cp1252'].includes(n)) return 'latin-1';
  throw new AnonymatError('invalid-usage', `--encoding expects utf-8 or latin-1 (windows-1252), not ${JSON.stringify(name)}`);
}

/**
 * Length of the longest prefix of b[from..] that is valid UTF-8, and whether it stops at an
 * invalid byte (false: it stops at a sequence cut by the end of b, to be completed by the next piece).
 */
function validUtf8(b: Uint8Array, from: number): { end: number; invalid: boolean } {
  const n = b.length;
  let i = from;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) { i++; continue; }
    let need: number, lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) { need = 2; if (c === 0xe0) lo = 0xa0; else if (c === 0xed) hi = 0x9f; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; if (c === 0xf0) lo = 0x90; else if (c === 0xf4) hi = 0x8f; }
    else return { end: i, invalid: true };
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return { end: i, invalid: false };
      const d = b[i + k]!;
      if (d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return { end: i, invalid: true };
    }
    i += need + 1;
  }
  return { end: n, invalid: false };
}

/**
 * A decoder of one input's pieces: push(bytes) returns the text decoded so far (a sequence cut at
 * a piece's end waits for the next piece), end() the rest. Invalid UTF-8 throws an AnonymatError
 * naming the input, the line and the column, and the fix.
 */
export class PieceDecoder {
  private readonly label: string;
  private decoder: TextDecoder | undefined;
  private carry: Uint8Array = new Uint8Array(0);
  private first = true;
  private line = 1;
  private column = 1;

  private readonly fix: string;

  constructor(label: string, encoding: TextEncoding = 'utf-8', fix = 'the text is probably Latin-1 / Windows-1252: add --encoding latin-1, or save the file as UTF-8') {
    this.label = label;
    this.fix = fix;
    if (encoding !== 'utf-8') this.decoder = new TextDecoder('windows-1252');
  }

  push(piece: Uint8Array): string {
    let b: Uint8Array = piece;
    if (this.carry.length) { const m = new Uint8Array(this.carry.length + piece.length); m.set(this.carry); m.set(piece, this.carry.length); b = m; this.carry = new Uint8Array(0); }
    if (this.first) {
      if (b.length < 2) { this.carry = b; return ''; }
      this.first = false;
      // a UTF-32 byte-order mark: not read (its NULs would hide every identifier from the recognizers)
      if (b.length >= 4 && ((b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) || (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff))) {
        throw new AnonymatError('invalid-input', `${this.label}:1:1: the file is UTF-32`, [{ path: `${this.label}:1:1`, message: 'save it as UTF-8 (e.g. iconv -f utf-32 -t utf-8)' }]);
      }
      // a UTF-16 byte-order mark: the file says what it is
      if (b[0] === 0xff && b[1] === 0xfe) this.decoder = new TextDecoder('utf-16le');
      else if (b[0] === 0xfe && b[1] === 0xff) this.decoder = new TextDecoder('utf-16be');
      else this.decoder ??= new TextDecoder('utf-8');
    }
    return this.decodeBytes(b);
  }

  end(): string {
    let out = '';
    if (this.first) {
      this.first = false;
      this.decoder ??= new TextDecoder('utf-8');
      const c = this.carry;
      this.carry = new Uint8Array(0);
      if (c.length) out = this.decodeBytes(c);
    }
    // only a UTF-8 character cut by the end of the file is left over
    if (this.carry.length) this.fail(this.carry, 0, true);
    return out + this.track(this.decoder!.decode());
  }

  private decodeBytes(b: Uint8Array): string {
    // (a NUL byte is no character of a note: UTF-16 without its byte-order mark, or a binary file, whose identifiers no
    // recognizer would see)
    if (!this.decoder!.encoding.startsWith('utf-16')) { const z = b.indexOf(0); if (z >= 0) this.fail(b, z, false, true); }
    if (this.decoder!.encoding !== 'utf-8') return this.track(this.decoder!.decode(b, { stream: true }));
    const v = validUtf8(b, 0);
    if (v.invalid) this.fail(b, v.end);
    this.carry = b.slice(v.end);
    return this.track(this.decoder!.decode(b.subarray(0, v.end), { stream: true }));
  }

  /** Keeps the line and column of the next character (for the error message). */
  private track(text: string): string {
    for (let k = 0; k < text.length; k++) { if (text.charCodeAt(k) === 10) { this.line++; this.column = 1; } else this.column++; }
    return text;
  }

  private fail(b: Uint8Array, at: number, truncated = false, nul = false): never {
    this.track(new TextDecoder('utf-8').decode(b.subarray(0, at)));
    const where = `${this.label}:${this.line}:${this.column}`;
    if (nul) throw new AnonymatError('invalid-input', `${where}: a NUL byte (0x00): the file is not text, or is UTF-16 without its byte-order mark`, [{ path: where, message: 'save it as UTF-8 text (e.g. iconv -f utf-16le -t utf-8)' }]);
    const what = truncated ? 'the file ends inside a UTF-8 character' : `byte 0x${b[at]!.toString(16).toUpperCase().padStart(2, '0')} is not valid UTF-8`;
    throw new AnonymatError('invalid-input', `${where}: ${what}`, [{ path: where, message: this.fix }]);
  }
}

/** What to do with a file that is not UTF-8 where only UTF-8 is read (FHIR JSON is UTF-8 by definition). */
export const UTF8_ONLY_FIX = 'the file is probably Latin-1 / Windows-1252: save it as UTF-8 (e.g. iconv -f windows-1252 -t utf-8)';

/** A whole file's bytes as UTF-8 text (a byte-order mark dropped); invalid UTF-8 is an error with its line and column. */
export function decodeUtf8(bytes: Uint8Array, label: string, fix = UTF8_ONLY_FIX): string {
  const d = new PieceDecoder(label, 'utf-8', fix);
  return d.push(bytes) + d.end();
}
