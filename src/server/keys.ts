/**
 * The observatory key: read from a file (`--key-file`) or the ANONYMAT_OBSERVATORY_KEY environment
 * variable, held in memory, never written to the store or a log. A key check value (HMAC of a
 * fixed label) is kept in the store so that restarting with a different key is refused instead of
 * silently producing pseudonyms that no longer match earlier uploads and objections.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AnonymatError } from '../errors.ts';
import { keyFileShown } from '../pseudonymize/key.ts';

export const KEY_ENV = 'ANONYMAT_OBSERVATORY_KEY';

/** Decodes key text: 64+ hex digits, or base64/base64url of 32+ bytes. */
export function decodeKey(text: string, where: string): Uint8Array {
  const t = text.trim();
  let bytes: Buffer | null = null;
  if (/^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0) bytes = Buffer.from(t, 'hex');
  else if (/^[A-Za-z0-9+/_-]+=*$/.test(t)) bytes = Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64');
  if (!bytes || bytes.length < 32) {
    throw new AnonymatError('invalid-key', `the observatory key in ${where} must be at least 32 bytes, written as hex (64 digits) or base64; generate one with: openssl rand -hex 32`, [{ path: where, message: 'too short or not hex/base64' }]);
  }
  return new Uint8Array(bytes);
}

export function loadObservatoryKey(opts: { keyFile?: string; env?: NodeJS.ProcessEnv }): Uint8Array {
  if (opts.keyFile) {
    let text: string;
    try { text = readFileSync(opts.keyFile, 'utf8'); } catch (e) {
      // (not quoted when the argument may be the key itself, given in place of its file)
      const shown = keyFileShown(opts.keyFile);
      throw new AnonymatError('invalid-key', `cannot read the key file ${shown}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, [{ path: '--key-file', message: 'unreadable' }]);
    }
    return decodeKey(text, opts.keyFile);
  }
  const env = (opts.env ?? process.env)[KEY_ENV];
  if (env) return decodeKey(env, `$${KEY_ENV}`);
  throw new AnonymatError('invalid-key', `no observatory key: pass --key-file <file> or set ${KEY_ENV} (generate one with: openssl rand -hex 32)`, [{ path: '--key-file', message: 'missing' }]);
}

export function keyCheckValue(key: Uint8Array): string {
  return createHmac('sha256', key).update('anonymat observatory key check v1').digest('hex').slice(0, 16);
}

/**
 * A key derived from the observatory key for one purpose (HKDF-SHA-256, fixed salt, the purpose as info): never the
 * raw key, and never an HMAC of the raw key over a chosen message — pseudonyms are HMAC(key, value), so a value equal
 * to a label would have yielded the derived key. Held in memory only; never logged or written.
 */
export function deriveKey(key: Uint8Array, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, 'anonymat observatory derived key', `anonymat observatory ${purpose}`, 32));
}

/** The key of the audit anchor's MAC (HMAC-SHA-256 over its seq and hash). */
export function auditAnchorKey(key: Uint8Array): Buffer {
  return deriveKey(key, 'audit anchor mac v1');
}
