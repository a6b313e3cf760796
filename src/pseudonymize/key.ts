/**
 * Pseudonymization keys. A key is read from a file or an environment variable, decoded (hex,
 * base64 or raw bytes), and must be at least MIN_KEY_BYTES long. The key object never prints its
 * bytes: toString, toJSON and util.inspect all give "[redacted key]"; errors never quote it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { createHash, createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { AnonymatError } from '../errors.ts';

/** 32 bytes = 256 bits, the HMAC-SHA-256 block-size-independent recommendation (RFC 2104 §3: ≥ L = 32). */
export const MIN_KEY_BYTES = 32;
export const DEFAULT_KEY_ENV = 'ANONYMAT_KEY';

const secret = new WeakMap<PseudonymKey, Buffer>();

export class PseudonymKey {
  /** Short public fingerprint (first 8 hex chars of SHA-256 of SHA-256(key)) — lets reports say which key without revealing it. */
  readonly fingerprint: string;
  constructor(bytes: Uint8Array) {
    if (bytes.length < MIN_KEY_BYTES) {
      throw new AnonymatError('invalid-key', `the pseudonymization key is too short (${bytes.length} bytes; at least ${MIN_KEY_BYTES} bytes are required). Generate one with: openssl rand -hex 32 > key.txt`);
    }
    secret.set(this, Buffer.from(bytes));
    this.fingerprint = createHash('sha256').update(createHash('sha256').update(bytes).digest()).digest('hex').slice(0, 8);
  }
  toString(): string { return '[redacted key]'; }
  toJSON(): string { return '[redacted key]'; }
  [inspect.custom](): string { return `PseudonymKey [redacted, fingerprint ${this.fingerprint}]`; }
  /** HMAC-SHA-256 of a message under this key. */
  hmac(message: string | Uint8Array): Buffer {
    return createHmac('sha256', secret.get(this)!).update(message).digest();
  }
}

/**
 * Decodes key text: 64+ hex characters → bytes; base64 of ≥ 32 bytes → bytes; otherwise the UTF-8
 * bytes of the trimmed text (a passphrase must then be ≥ 32 bytes long). A key file that is not UTF-8
 * text is raw key bytes, taken as they are ("head -c 32 /dev/urandom > key": decoding them as text would
 * fold every invalid byte into one character). Hex of fewer than 32 bytes is too short, not a passphrase
 * ("openssl rand -hex 16" is a 128-bit key), and so is padded base64 of fewer than 32 bytes ("openssl rand -base64 16").
 */
export function decodeKey(text: string | Uint8Array): Uint8Array {
  if (typeof text !== 'string') {
    const bytes = Buffer.from(text);
    let utf8: string | null;
    try { utf8 = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { utf8 = null; }
    // (binary bytes, or text with control characters other than a final newline: raw key material)
    if (utf8 === null || /[\u0000-\u0008\u000e-\u001f\u007f]/.test(utf8.replace(/\r?\n$/, ''))) return bytes;
    text = utf8;
  }
  const t = text.trim();
  if (/^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0 && t.length >= 2 * MIN_KEY_BYTES) return Buffer.from(t, 'hex');
  if (/^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0 && t.length >= 16) {
    throw new AnonymatError('invalid-key', `the pseudonymization key is hex for ${t.length / 2} bytes; at least ${MIN_KEY_BYTES} bytes (${2 * MIN_KEY_BYTES} hex characters) are required. Generate one with: openssl rand -hex 32 > key.txt`);
  }
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(t) && t.length >= 43) {
    const b = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (b.length >= MIN_KEY_BYTES) return b;
  }
  // (base64 padded to whole groups of 4 — "openssl rand -base64 16", "…==" — is a key too short, not a passphrase; without
  // its padding it cannot be told from a passphrase — "Hopital2026RechercheCliniqueAnon" is one —, and 32 characters of it
  // hold 192 bits: taken as a passphrase of 32 bytes)
  if (/^[A-Za-z0-9+/]+={1,2}$/.test(t) && t.length % 4 === 0 && t.length >= 16) {
    const n = Buffer.from(t, 'base64').length;
    throw new AnonymatError('invalid-key', `the pseudonymization key is base64 for ${n} bytes; at least ${MIN_KEY_BYTES} bytes (${4 * Math.ceil(MIN_KEY_BYTES / 3)} base64 characters) are required. Generate one with: openssl rand -hex 32 > key.txt`);
  }
  return Buffer.from(t, 'utf8');
}

/**
 * Whether a command-line argument that names no readable file may be key material rather than a path or a name: 32 hex
 * characters or more, 40 base64 characters or more, or 32 characters or more unless a path in an existing folder.
 */
export function mayBeKeyText(arg: string): boolean {
  const t = arg.trim();
  if (/[0-9a-fA-F]{32,}/.test(t)) return true;
  const keyLike = (w: string): boolean => w.length >= 40 && /^[A-Za-z0-9+/_=-]+$/.test(w) && /[A-Z]/.test(w) && /[a-z]/.test(w) && /\d/.test(w);
  const pathLike = /[/\\]/.test(t);
  // (a path in an existing folder, whose last part is no key)
  if (pathLike && !keyLike(basename(t)) && existsSync(dirname(t))) return false;
  if (keyLike(t)) return true;
  // (a passphrase — 32 bytes or more, as a key must be: accents count twice —, with spaces, or with neither a path's
  // separator nor a file's extension; "data/Exports/2024/patients_v2.csv" in a missing folder is a path)
  if (Buffer.byteLength(t, 'utf8') < 32) return false;
  // (a data or key file's name by its extension, without spaces: "Patients_Export_2024_03_15_final_version2.csv",
  // "data/Exports/2024/out.csv" in a missing folder; "Mon.Mot.De.Passe.Secret", "ma/phrase/secrete/de/32/octets" are not)
  return /\s/.test(t) || !FILE_EXTENSION.test(t);
}
/** A key file's argument as an error may show it: the path, or a word that it is not shown when it may be the key itself. */
export function keyFileShown(arg: string): string {
  return mayBeKeyText(arg) ? 'given (not shown: it looks like key material — pass the path of a file that holds the key, not the key)' : arg;
}
/** A message with what may be key material replaced (an unknown option's text, "--key=…", echoed by the argument parser). */
export function withoutKeyText(message: string): string {
  return message.replace(/(--[a-z-]*key[a-z-]*=)[^'"\n]+/gi, '$1[not shown]').replace(/[0-9a-fA-F]{32,}/g, HIDDEN)
    // (a base64 key: a word of 40 such characters or more mixing upper case, lower case and digits — not a path that exists
    // or whose folder exists, as an error about a file names it)
    // (a path's part before its file's extension is none: "data/Exports/2024/patients_export_final_v2" of ".csv")
    .replace(/(?<![^\s'"=:(\[])[A-Za-z0-9+/_-]{40,}={0,2}(?![^\s'"),.;:\]])(?!\.[A-Za-z][A-Za-z0-9]{0,7}\b)/g, (w) =>
      (!/[A-Z]/.test(w) || !/[a-z]/.test(w) || !/\d/.test(w) || existsSync(w) || (w.includes('/') && existsSync(dirname(w))) ? w : HIDDEN));
}
/**
 * A message with the command line's arguments that may be key material (mayBeKeyText: a passphrase too) replaced, wherever
 * the message quotes them — a key given as the input, --policy or --rekey is echoed as the path that cannot be read —, and
 * then withoutKeyText.
 */
export function withoutKeyArguments(message: string, argv: readonly string[]): string {
  let m = message;
  for (const a of argv) {
    const v = a.replace(/^--[A-Za-z-]+=/, '');
    if (Buffer.byteLength(v, 'utf8') >= 32 && m.includes(v) && !existsSync(v) && mayBeKeyText(v)) m = m.split(v).join(HIDDEN);
  }
  return withoutKeyText(m);
}
const HIDDEN = '[not shown: may be key material]';
const FILE_EXTENSION = /\.(?:csv|tsv|txt|json|jsonl|ndjson|parquet|arrow|feather|yaml|yml|xml|html|pdf|xlsx|xls|ods|docx|doc|odt|rtf|sas7bdat|sav|dta|gz|zip|bz2|xz|zst|tar|tgz|bak|key|pem|hex|b64|bin|db|duckdb|sqlite|log|md)$/i;

export function keyFromBytes(bytes: Uint8Array): PseudonymKey { return new PseudonymKey(bytes); }
export function keyFromText(text: string): PseudonymKey { return new PseudonymKey(decodeKey(text)); }

/** Loads a key from --key-file (preferred) or an environment variable (default ANONYMAT_KEY). */
export function loadKey(options: { keyFile?: string; keyEnv?: string; env?: NodeJS.ProcessEnv } = {}): PseudonymKey {
  const env = options.env ?? process.env;
  if (options.keyFile) {
    let content: Buffer;
    try { content = readFileSync(options.keyFile); } catch {
      // (the argument is not quoted when it may be the key itself, given in place of its file: "--key-file $ANONYMAT_KEY")
      const shown = keyFileShown(options.keyFile);
      throw new AnonymatError('invalid-key', `cannot read the key file ${shown}; check the path and permissions`, [{ path: mayBeKeyText(options.keyFile) ? '--key-file' : options.keyFile, message: 'unreadable key file' }]);
    }
    return new PseudonymKey(decodeKey(content));
  }
  const name = options.keyEnv ?? DEFAULT_KEY_ENV;
  const v = env[name];
  if (v === undefined || v.trim() === '') {
    // (a variable's name is letters, digits and '_': anything else may be the key given in place of its name, not quoted)
    const shown = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) && !mayBeKeyText(name) ? name : '<name> (the name given is not shown: it looks like key material — pass the name of the variable, not its value)';
    throw new AnonymatError('invalid-key', `no pseudonymization key: pass --key-file <file> or set the environment variable ${shown} (at least ${MIN_KEY_BYTES} bytes, e.g. openssl rand -hex 32)`);
  }
  return new PseudonymKey(decodeKey(v));
}
