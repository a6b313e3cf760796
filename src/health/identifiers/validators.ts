/**
 * Validators for direct identifiers (French, US and international). Each takes one raw value as it
 * may appear in a file or a note (spaces, dots, dashes allowed) and answers without throwing.
 *
 * Rules and test vectors: ../shared/reference/identifiers.md. Check keys RAISE confidence; callers
 * that redact text must not require them (real notes carry mistyped keys).
 */

/** Removes spaces, dots, dashes, slashes and non-breaking spaces. */
export function compact(value: string): string {
  return value.replace(/[\s.\-/\u00a0\u202f]/g, '');
}

/** Luhn check over a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  let dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (dbl) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

/** mod 97 of a decimal string of any length (no BigInt, chunked). */
export function mod97(digits: string): number {
  let r = 0;
  for (let i = 0; i < digits.length; i += 7) {
    r = Number(String(r) + digits.slice(i, i + 7)) % 97;
  }
  return r;
}

export interface NirCheck {
  /** Shape of a NIR/NIA: 13 characters (+ optional 2-digit key), sex digit 1-4/7/8, Corsica 2A/2B allowed. */
  wellFormed: boolean;
  /** True when a key is present and equals 97 − (N mod 97) (2A → 19, 2B → 18 for the key only). */
  keyValid: boolean;
  hasKey: boolean;
  /** 'nia' when the sex digit is 7 or 8 (temporary number), else 'nir'. */
  kind: 'nir' | 'nia' | null;
}


/** NIR key of the 13-character body (Corsica 2A/2B handled). */
export function nirKey(body13: string): number {
  const b = body13.toUpperCase().replace('2A', '19').replace('2B', '18');
  return 97 - mod97(b);
}

/** A character compact() removes: JS whitespace, '.', '-', '/' (U+00A0 and U+202F are whitespace). */
function isCompactSeparator(c: number): boolean {
  return c === 32 || c === 46 || c === 45 || c === 47 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
const NOT_NIR: NirCheck = Object.freeze({ wellFormed: false, keyValid: false, hasKey: false, kind: null });
/** Significant characters of a NIR candidate (digits 0-9, 10 for A, 11 for B), reused. */
const nirChars = new Int32Array(15);

/**
 * Checks a NIR / NIA (numéro de sécurité sociale, INS matricule). Same answer as matching
 * /^([1-478])([0-9]{2})(0[1-9]|1[0-2]|[2-9][0-9])(2[AB]|[0-9]{2})([0-9]{3})([0-9]{3})([0-9]{2})?$/
 * on compact(value).toUpperCase() and comparing the key with nirKey (the test holds that
 * definition), in one pass over the characters: this runs on every NIR-like number of every note.
 */
export function checkNir(value: string): NirCheck {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (isCompactSeparator(c)) continue;
    if (n === 15) return NOT_NIR;
    if (c >= 48 && c <= 57) nirChars[n++] = c - 48;
    else if (c === 65 || c === 97) nirChars[n++] = 10;
    else if (c === 66 || c === 98) nirChars[n++] = 11;
    else return NOT_NIR;
  }
  if (n !== 13 && n !== 15) return NOT_NIR;
  const d = nirChars;
  // [1-478] [0-9]{2} (0[1-9]|1[0-2]|[2-9][0-9]) (2[AB]|[0-9]{2}) [0-9]{3} [0-9]{3} ([0-9]{2})?
  const s = d[0]!;
  if (!(s === 1 || s === 2 || s === 3 || s === 4 || s === 7 || s === 8)) return NOT_NIR;
  for (let k = 1; k < n; k++) if (k !== 6 && d[k]! > 9) return NOT_NIR;
  const m1 = d[3]!, m2 = d[4]!;
  if (!((m1 === 0 && m2 >= 1) || (m1 === 1 && m2 <= 2) || m1 >= 2)) return NOT_NIR;
  if (d[6]! > 9 && d[5] !== 2) return NOT_NIR;
  // the key: 97 - (body mod 97), 2A → 19 and 2B → 18 (the body has 13 digits: exact in a double)
  let body = 0;
  for (let k = 0; k < 13; k++) {
    if (k === 5 && d[6]! > 9) { body = body * 100 + (d[6] === 10 ? 19 : 18); k++; continue; }
    body = body * 10 + d[k]!;
  }
  const kind = s === 7 || s === 8 ? 'nia' : 'nir';
  const hasKey = n === 15;
  const keyValid = hasKey && 97 - (body % 97) === d[13]! * 10 + d[14]!;
  return { wellFormed: true, keyValid, hasKey, kind };
}

export function isValidNir(value: string): boolean { return checkNir(value).keyValid; }

/** RPPS: 11 digits, Luhn check digit. */
export function isValidRpps(value: string): boolean {
  const v = compact(value);
  return /^[0-9]{11}$/.test(v) && luhnValid(v);
}

/** ADELI: 9 digits (département 2 + profession 2 + order 4 + key 1). Luhn is not reliable → shape only. */
export function isAdeliShape(value: string): boolean {
  return /^(?:[0-9]{2}|2[AB])[0-9]{7}$/i.test(compact(value));
}

/** FINESS: 9 characters, département (2, incl. 2A/2B) + 6 + check; Luhn over digits (2A/2B: shape only). */
export function checkFiness(value: string): { wellFormed: boolean; keyValid: boolean } {
  const v = compact(value).toUpperCase();
  if (!/^(?:[0-9]{2}|2[AB])[0-9]{7}$/.test(v)) return { wellFormed: false, keyValid: false };
  return { wellFormed: true, keyValid: /^[0-9]{9}$/.test(v) && luhnValid(v) };
}

/**
 * SIREN (9) / SIRET (14) with Luhn; La Poste SIRETs (356000000…) use sum of digits ≡ 0 mod 5, and Luhn does not
 * apply to them (1 in 13 random ones would pass it): only the head office, 35600000000048, which fails the sum
 * rule, is valid by its Luhn key.
 */
export function isValidSiren(value: string): boolean {
  const v = compact(value);
  return /^[0-9]{9}$/.test(v) && luhnValid(v);
}
export function isValidSiret(value: string): boolean {
  const v = compact(value);
  if (!/^[0-9]{14}$/.test(v)) return false;
  if (v.startsWith('356000000')) {
    let s = 0;
    for (const c of v) s += c.charCodeAt(0) - 48;
    return s % 5 === 0 || v === '35600000000048';
  }
  return luhnValid(v);
}

/** IBAN (ISO 13616, mod 97-10 = 1), any country; length 15-34. */
export function isValidIban(value: string): boolean {
  const v = value.replace(/[\s\-.]/g, '').toUpperCase();
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(v)) return false;
  if (v.startsWith('FR') && v.length !== 27) return false;
  const r = v.slice(4) + v.slice(0, 4);
  let num = '';
  for (const ch of r) {
    const c = ch.charCodeAt(0);
    num += c >= 65 ? String(c - 55) : ch;
  }
  return mod97(num) === 1;
}

/**
 * US SSN. `strict` applies SSA issuance rules (area not 000/666/9xx, group ≠ 00, serial ≠ 0000,
 * known invalid numbers); non-strict accepts any AAA-GG-SSSS shape (Synthea uses 999-xx-xxxx).
 */
export function isSsn(value: string, strict = true): boolean {
  const m = /^([0-9]{3})([- ]?)([0-9]{2})\2([0-9]{4})$/.exec(value.trim());
  if (!m) return false;
  if (!strict) return true;
  const [area, group, serial] = [m[1]!, m[3]!, m[4]!];
  if (area === '000' || area === '666' || area[0] === '9') return false;
  if (group === '00' || serial === '0000') return false;
  const all = area + group + serial;
  if (/^(\d)\1{8}$/.test(all) || all === '123456789' || all === '078051120') return false;
  return true;
}

/** French phone numbers: national 0Z ZZ ZZ ZZ ZZ, +33 / 0033 (with optional (0)), DOM prefixes. */
export function isFrenchPhone(value: string): boolean {
  const v = value.replace(/[\s.\-/()\u00a0]/g, '');
  return /^(?:0[1-9][0-9]{8}|(?:\+|00)33(?:0)?[1-9][0-9]{8}|(?:\+|00)(?:262|590|594|596|269)(?:0)?[0-9]{9})$/.test(v);
}

/** International phone in E.164-like writing (+ or 00, 8-15 digits) or North-American 3-3-4. */
export function isPhone(value: string): boolean {
  // (an extension after the number: "(607) 394-5452 x3040", "01 45 67 89 10 poste 214", "555-0100 ext. 12")
  const ext = /\s*(?:x|ext\.?|extn|extension|poste|p\.)\s*\d{1,6}$/i.exec(value.trim());
  if (ext !== null && ext.index > 0) return isPhone(value.trim().slice(0, ext.index));
  if (isFrenchPhone(value)) return true;
  const t = value.trim();
  if (/^(?:\+|00)[1-9][0-9 .\-()]{6,20}$/.test(t)) {
    const d = t.replace(/[^0-9]/g, '').replace(/^00/, '');
    return d.length >= 8 && d.length <= 15;
  }
  // North-American numbers need separators: ten bare digits are too common to be called a phone
  return /^(?:\+?1[ .\-]?)?(?:\([2-9][0-9]{2}\) ?|[2-9][0-9]{2}[ .\-])[0-9]{3}[ .\-][0-9]{4}$/.test(t);
}

/** An e-mail address: its local part of RFC 5322's characters ("patrick.o'brien", "j.dupont+hcl"), a domain with a top level of letters. */
export function isEmail(value: string): boolean {
  return /^[A-Za-z0-9._%+\-'’!#$&*=?^`{|}~]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$/.test(value.trim());
}

export function isIpv4(value: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value.trim());
  return !!m && m.slice(1).every((p) => Number(p) <= 255 && (p.length === 1 || p[0] !== '0'));
}

export function isIpv6(value: string): boolean {
  const v = value.trim();
  if (!/^[0-9A-Fa-f:.]+$/.test(v) || !v.includes(':')) return false;
  const dbl = v.split('::');
  if (dbl.length > 2) return false;
  const groups = v.split(':').filter((g) => g !== '');
  if (groups.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return dbl.length === 2 ? groups.length < 8 : groups.length === 8;
}

/**
 * An IPv4 or IPv6 address, as servers log them: IPv4-mapped IPv6 ("::ffff:147.85.119.210"), with an IPv6 zone
 * ("fe80::1%eth0"), a port ("192.168.1.10:8080", "[2001:db8::1]:443") or a prefix length ("10.0.0.0/24").
 */
export function isIp(value: string): boolean {
  let v = value.trim().replace(/\/\d{1,3}$/, '');
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(v);
  if (bracketed) v = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(v)) v = v.slice(0, v.lastIndexOf(':'));
  v = v.replace(/%[\w.-]+$/, '');
  if (isIpv4(v) || isIpv6(v)) return true;
  // (an IPv6 address ending with an IPv4 address: "::ffff:1.2.3.4", "64:ff9b::192.0.2.33")
  const tail = /^([0-9A-Fa-f:]+:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(v);
  return tail !== null && isIpv4(tail[2]!) && isIpv6(`${tail[1]}0:0`);
}

export function isUrl(value: string): boolean {
  return /^(?:https?|ftp):\/\/[^\s/$.?#][^\s]*$/i.test(value.trim()) || /^www\.[^\s]+\.[a-z]{2,}[^\s]*$/i.test(value.trim());
}

/**
 * A web address without its scheme: a host name of two labels or more, a top level of letters, then a path
 * ("facebook.com/jean.dupont", "chu-lyon.fr/dossier?id=3"): a path is required — a bare "example.com" may be a company's.
 */
export function isBareUrl(value: string): boolean {
  return /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d{1,5})?\/\S*$/i.test(value.trim()) && !value.includes('@');
}

/** French postal code (5 digits, 01-95, 97x/98x; Corsica 20xxx). */
export function isFrenchPostalCode(value: string): boolean {
  return /^(?:0[1-9]|[1-8][0-9]|9[0-5]|97|98)[0-9]{3}$/.test(value.trim());
}

/** US ZIP or ZIP+4. */
export function isUsZip(value: string): boolean { return /^[0-9]{5}(?:-[0-9]{4})?$/.test(value.trim()); }

/** A street address: a number then a street word (FR or EN). */
const STREET = /^\s*\d{1,5}\s*(?:bis|ter|[a-z])?,?\s+(?:.*\s)?(?:rue|avenue|av\.?|boulevard|bd|place|all[ée]e|chemin|impasse|route|quai|cours|square|lotissement|hameau|lieu-dit|sentier|voie|rond-point|esplanade|r[ée]sidence|faubourg|venelle|ruelle|cit[ée]|villa|clos|mail|passage|traverse|promenade|chauss[ée]e|mont[ée]e|za|zi|zac|street|st\.?|road|rd\.?|lane|ln\.?|drive|dr\.?|court|ct\.?|way|boulevard|blvd\.?|place|pl\.?|landing|terrace|parkway|circle|trail|highway|hwy|avenue|ave\.?)\b/i;
/**
 * A French rural address without a number: a place called by its kind, "Lieu-dit Les Granges", "Hameau de la Forge", "Le
 * Bourg", "ZA des Estroublans", "Route de Kerhuon", "Lotissement Les Pins".
 */
const RURAL = /^\s*(?:lieu-?dit|hameau|le bourg|lotissement|r[ée]sidence|domaine|ferme|mas|moulin|ch[âa]teau|za|zi|zac|zone (?:artisanale|industrielle|d'activit[ée]s?)|route|chemin|impasse|all[ée]e|rue|avenue|place|quartier|cit[ée]|villa)(?![\p{L}])/iu;
/** A rural address without a number (RURAL): an address only where the header says so — "Route orale" is a drug's route. */
export function isRuralAddress(value: string): boolean { return RURAL.test(value); }
export function isStreetAddress(value: string): boolean {
  return STREET.test(value) || /^\s*\d{1,5}\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\s+(?:Street|St|Road|Rd|Lane|Ln|Drive|Dr|Court|Ct|Way|Boulevard|Blvd|Avenue|Ave|Landing|Terrace|Parkway|Circle|Trail)\b/.test(value);
}

/** UUID (Synthea MRNs and resource ids). */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value.trim());
}
