/**
 * Keyed pseudonyms: token = "v1:" + base32(HMAC-SHA-256(key, "anonymat/v1\0" + domain + "\0" + normalized value))[:26]
 * (130 bits). Versioned so the format can change without ambiguity. Deterministic: the same
 * key, domain and value always give the same token; without the key a token cannot be linked
 * back to the value (HMAC is a PRF).
 */
import type { PseudonymKey } from './key.ts';
import { checkNir, isPhone, isSsn, isValidIban } from '../health/identifiers/validators.ts';

/**
 * The tokens' version, in their prefix and in the HMAC's message. Still v1 after the normalization by each value's own
 * shape (2026-11-30): a person's id normalized as before (trimmed) keeps its token — a version in the message would have
 * changed every token, and an observatory's stored objections would no longer match its new uploads. Values whose
 * normalization changed (e-mail addresses, NIRs written with spaces, phones in other columns than the person key) got new
 * tokens under the same version: docs/pseudonymize.md says so.
 */
export const TOKEN_VERSION = 'v1';
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Uint8Array, chars: number): string {
  let out = '';
  let bits = 0, acc = 0;
  for (let i = 0; i < bytes.length && out.length < chars; i++) {
    acc = (acc << 8) | bytes[i]!;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += ALPHABET[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  return out;
}

/**
 * Normalization before hashing: identifiers written differently but equal map to one token. `auto` and `id` choose by the
 * value's own shape (shapeNormalizer): the same value always gets the same token, whatever its neighbours in the column,
 * the row order or the file.
 */
export type Normalizer = 'none' | 'trim' | 'identifier' | 'email' | 'name' | 'phone' | 'auto' | 'id';

/** An e-mail address's shape (any local part without spaces: "patrick.o'brien@x.org"); lower-cased whatever its column. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Groups of digits separated by single spaces, 7 digits or more ("100 034 567 89", "06 12 34 56 78"): one number. */
const DIGIT_GROUPS = /^\d+(?: \d+)+$/;
/** A name's shape: words of letters with hyphens, apostrophes, dots or commas between them, no digit ("Jean-Pierre O'Neil"). */
const NAME_SHAPE = /^\p{L}[\p{L}\p{M}'’ʼ.\-\u2010-\u2013]*(?:(?:,\s*|\s+)\p{L}[\p{L}\p{M}'’ʼ.\-\u2010-\u2013]*)*$/u;

/**
 * The normalization a value's own shape calls for: an e-mail address → `email`; a NIR/NIA (key-valid or not), an IBAN, a US
 * SSN, or a number written in groups of digits → `identifier`; a phone number → `phone`; words of letters → `name` (not for
 * `person`: a person's id is a code whose case matters, FHIR's ids are case-sensitive, and "pat-fr" and "PAT-FR" are two
 * patients); anything else → `trim`. Decided value by value: the column's detection read a sample, and which rows it held
 * (their order, the file) changed the tokens and the date offsets of a person's e-mail address.
 */
export function shapeNormalizer(value: string, person = false): Exclude<Normalizer, 'auto' | 'id'> {
  const t = value.trim();
  if (EMAIL_SHAPE.test(t)) return 'email';
  // (an SSN's shape whatever its area: an ITIN, 912-78-1234, is 912781234 as its SSN neighbours are)
  if (checkNir(t).wellFormed || isValidIban(t) || isSsn(t, false)) return 'identifier';
  if (isPhone(t)) return 'phone';
  if (DIGIT_GROUPS.test(t) && t.replace(/ /g, '').length >= 7) return 'identifier';
  if (!person && NAME_SHAPE.test(t)) return 'name';
  return 'trim';
}

/**
 * A phone number's digits: separators and parentheses out, the international prefix as "+" ("0033 6 …" = "+33 6 …"), the
 * trunk "(0)" after a country code out ("+33 (0)6 12 …" = "+33 6 12 …"), an extension kept after ";ext=". A national
 * number is not made international: "06 12 34 56 78" and "+33 6 12 34 56 78" stay two tokens (the country is not known).
 */
function phoneDigits(value: string): string {
  const t = value.trim();
  const ext = /\s*(?:x|ext\.?|extn|extension|poste|p\.)\s*(\d{1,6})$/i.exec(t);
  const main = ext !== null && ext.index > 0 ? t.slice(0, ext.index) : t;
  const intl = /^\s*(?:\+|00)/.test(main);
  const digits = main.replace(/^\s*(?:\+|00)/, '').replace(/^(\d{1,3})\s*\(0\)/, '$1').replace(/\D/g, '');
  return `${intl ? '+' : ''}${digits}${ext !== null && ext.index > 0 ? `;ext=${ext[1]}` : ''}`;
}

export function normalizeValue(value: string, how: Normalizer = 'trim'): string {
  switch (how) {
    case 'none': return value;
    case 'trim': return value.trim().normalize('NFC');
    // (a NIR without its key keeps its own token: appending the key, or dropping it, changed the tokens of other 13- or
    // 15-character identifiers of the same layout, and with them the linkage with earlier releases — review of s44)
    case 'identifier': return value.replace(/[\s.\-/\u00a0]/g, '').toUpperCase();
    case 'email': return value.trim().toLowerCase();
    // (a typographic apostrophe or hyphen is the plain one: N’DIAYE is N'DIAYE, Marie‑Claire is Marie-Claire)
    case 'name': return value.trim().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\u2018\u2019\u02bc\u00b4`]/g, "'").replace(/[\u2010-\u2013]/g, '-').replace(/\s+/g, ' ').toUpperCase();
    case 'phone': return phoneDigits(value);
    case 'auto': return normalizeValue(value, shapeNormalizer(value));
    case 'id': return normalizeValue(value, shapeNormalizer(value, true));
  }
}

export interface TokenOptions { domain?: string; normalize?: Normalizer }

export function pseudonym(key: PseudonymKey, value: string, options: TokenOptions = {}): string {
  const v = normalizeValue(value, options.normalize ?? 'trim');
  const mac = key.hmac(`anonymat/${TOKEN_VERSION}\0${options.domain ?? ''}\0${v}`);
  return `${TOKEN_VERSION}:${base32(mac, 26)}`;
}

export function isToken(s: string): boolean { return /^v\d+:[a-z2-7]{26}$/.test(s); }

/** What keyedInt needs of a key: a pseudorandom function of a message (HMAC-SHA-256 for a PseudonymKey). */
export interface Mac { hmac(message: string): Uint8Array }

/** A deterministic integer in [0, n) from the key and a message (rejection sampling, no modulo bias). */
export function keyedInt(key: Mac, message: string, n: number): number {
  if (!(n >= 1 && n <= 2 ** 32)) throw new RangeError('n must be in [1, 2^32]');
  const limit = Math.floor(2 ** 32 / n) * n;
  for (let ctr = 0; ; ctr++) {
    const mac = key.hmac(`${message}\0${ctr}`);
    for (let i = 0; i + 4 <= mac.length; i += 4) {
      const x = ((mac[i]! << 24) | (mac[i + 1]! << 16) | (mac[i + 2]! << 8) | mac[i + 3]!) >>> 0;
      if (x < limit) return x % n;
    }
  }
}
