/**
 * Keyed pseudonyms: token = "v1:" + base32(HMAC-SHA-256(key, "anonymat/v1\0" + domain + "\0" + normalized value))[:26]
 * (130 bits). Versioned so the format can change without ambiguity. Deterministic: the same
 * key, domain and value always give the same token; without the key a token cannot be linked
 * back to the value (HMAC is a PRF).
 */
import type { PseudonymKey } from './key.ts';

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

/** Normalization before hashing: identifiers written differently but equal map to one token. */
export type Normalizer = 'none' | 'trim' | 'identifier' | 'email' | 'name';

export function normalizeValue(value: string, how: Normalizer = 'trim'): string {
  switch (how) {
    case 'none': return value;
    case 'trim': return value.trim().normalize('NFC');
    case 'identifier': return value.replace(/[\s.\-/\u00a0]/g, '').toUpperCase();
    case 'email': return value.trim().toLowerCase();
    case 'name': return value.trim().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, ' ').toUpperCase();
  }
}

export interface TokenOptions { domain?: string; normalize?: Normalizer }

export function pseudonym(key: PseudonymKey, value: string, options: TokenOptions = {}): string {
  const v = normalizeValue(value, options.normalize ?? 'trim');
  const mac = key.hmac(`anonymat/${TOKEN_VERSION}\0${options.domain ?? ''}\0${v}`);
  return `${TOKEN_VERSION}:${base32(mac, 26)}`;
}

export function isToken(s: string): boolean { return /^v1:[a-z2-7]{26}$/.test(s); }

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
