import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  checkNir, nirKey, isValidNir, luhnValid, isValidRpps, isValidIban, isSsn, isFrenchPhone, isPhone, isEmail, isIpv4,
  isIpv6, isIp, isUrl, isBareUrl, isRuralAddress, isValidSiren, isValidSiret, checkFiness, isStreetAddress, mod97,
} from './validators.ts';

test('NIR: reference vectors (identifiers.md §1.1), Corsica 2A/2B', () => {
  assert.equal(isValidNir('2 55 08 14 168 025 38'), true);
  assert.equal(isValidNir('2 55 08 14 168 025 39'), false);
  assert.equal(isValidNir('1 85 02 2A 004 123 08'), true);
  assert.equal(isValidNir('1 85 02 2B 004 123 35'), true);
  assert.equal(isValidNir('1 85 02 2B 004 123 08'), false);
  assert.equal(nirKey('2550814168025'), 38);
  const c = checkNir('8 55 08 14 168 025');
  assert.deepEqual([c.wellFormed, c.hasKey, c.kind], [true, false, 'nia']);
  assert.equal(checkNir('5 55 08 14 168 025 38').wellFormed, false); // sex digit 5 does not exist
});

test('NIR key property: exactly one key in 1..97 validates any body', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 95 }), fc.integer({ min: 0, max: 999999 }), (s, y, m, d, rest) => {
      const body = `${s}${String(y).padStart(2, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(rest).padStart(6, '0')}`;
      let valid = 0;
      for (let k = 1; k <= 97; k++) if (isValidNir(body + String(k).padStart(2, '0'))) valid++;
      return valid === 1 && nirKey(body) === 97 - (Number(body) % 97);
    }), { numRuns: 200 });
});

test('Luhn, RPPS, SIREN/SIRET (La Poste), FINESS', () => {
  assert.equal(luhnValid('79927398713'), true);
  assert.equal(luhnValid('79927398710'), false);
  assert.equal(isValidRpps('10100534436'), true);
  assert.equal(isValidRpps('10001234565'), true);
  assert.equal(isValidRpps('10001234566'), false);
  assert.equal(isValidSiren('732 829 320'), true);
  assert.equal(isValidSiren('552 100 554'), true);
  assert.equal(isValidSiren('732 829 321'), false);
  assert.equal(isValidSiret('732 829 320 00074'), true);
  assert.equal(isValidSiret('35600000000048'), true);
  // La Poste: the sum of digits ≡ 0 (mod 5), not Luhn (these two pass Luhn, with sums 37 and 47)
  assert.equal(isValidSiret('35600000066155'), false);
  assert.equal(isValidSiret('35600000054789'), false);
  assert.equal(isValidSiret('35600000000056'), true); // sum 25
  assert.equal(checkFiness('2A0000001').wellFormed, true);
});

test('IBAN mod 97 (identifiers.md vectors) and mod97 of long strings', () => {
  assert.equal(isValidIban('FR76 3000 6000 0112 3456 7890 189'), true);
  assert.equal(isValidIban('FR14 2004 1010 0505 0001 3M02 606'), true);
  assert.equal(isValidIban('FR76 3000 6000 0112 3456 7890 188'), false);
  assert.equal(isValidIban('GB82 WEST 1234 5698 7654 32'), true);
  assert.equal(mod97('123456789012345678901234567890'), Number(123456789012345678901234567890n % 97n));
});

test('US SSN strict vs loose (Synthea 999-xx-xxxx)', () => {
  assert.equal(isSsn('123-45-6788'), true);
  assert.equal(isSsn('999-12-3456'), false);
  assert.equal(isSsn('999-12-3456', false), true);
  assert.equal(isSsn('666-12-3456'), false);
  assert.equal(isSsn('078-05-1120'), false);
  assert.equal(isSsn('123-00-4567'), false);
  assert.equal(isSsn('123-45 6789', false), false); // mixed delimiters
});

test('phones, e-mail, IP, URL, street address', () => {
  for (const p of ['01 42 21 32 74', '01.42.21.32.74', '0142213274', '+33 1 42 21 32 74', '+33 (0)1 42 21 32 74', '0033142213274']) assert.equal(isFrenchPhone(p), true, p);
  assert.equal(isFrenchPhone('11 42 21 32 74'), false);
  assert.equal(isPhone('555-932-6916'), true);
  assert.equal(isPhone('+44 20 7946 0958'), true);
  assert.equal(isEmail('jean.dupont@chu-paris.fr'), true);
  assert.equal(isEmail('jean.dupont@'), false);
  assert.equal(isIpv4('192.168.1.20'), true);
  assert.equal(isIpv4('192.168.1.256'), false);
  assert.equal(isIpv6('2001:db8::1'), true);
  assert.equal(isIpv6('2001:db8::1::2'), false);
  assert.equal(isUrl('https://example.org/x?y=1'), true);
  assert.equal(isStreetAddress('12 rue de la Paix'), true);
  assert.equal(isStreetAddress('418 Olson Landing Apt 2'), true);
  assert.equal(isStreetAddress('Hypertension artérielle'), false);
});

/** The regex definition checkNir implements in one pass: NIR_SHAPE on compact(value).toUpperCase(). */
function checkNirByRegex(value: string): { wellFormed: boolean; keyValid: boolean; hasKey: boolean; kind: string | null } {
  const v = value.replace(/[\s.\-/\u00a0\u202f]/g, '').toUpperCase();
  const m = /^([1-478])([0-9]{2})(0[1-9]|1[0-2]|[2-9][0-9])(2[AB]|[0-9]{2})([0-9]{3})([0-9]{3})([0-9]{2})?$/.exec(v);
  if (!m) return { wellFormed: false, keyValid: false, hasKey: false, kind: null };
  const body = v.slice(0, 13).replace('2A', '19').replace('2B', '18');
  const key = 97 - Number(BigInt(body) % 97n);
  const hasKey = m[7] !== undefined;
  return { wellFormed: true, keyValid: hasKey && key === Number(m[7]), hasKey, kind: m[1] === '7' || m[1] === '8' ? 'nia' : 'nir' };
}

test('checkNir (one pass) answers as the regex definition on random strings of NIR characters', () => {
  const ch = fc.constantFrom(...'0123456789012345678901234567890123456789AaBb .-/\u00a0\u202f\t\u2009xé');
  const near = fc.array(ch, { minLength: 11, maxLength: 20 }).map((a) => a.join(''));
  // valid bodies with their key, then perturbed
  const valid = fc.tuple(fc.constantFrom('1', '2', '7', '8'), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 99 }), fc.constantFrom('2A', '2B', '75', '13'), fc.integer({ min: 0, max: 999999 }))
    .map(([s, y, mo, dep, rest]) => {
      const body = `${s}${String(y).padStart(2, '0')}${String(mo).padStart(2, '0')}${dep}${String(rest).padStart(6, '0')}`;
      const key = 97 - Number(BigInt(body.replace('2A', '19').replace('2B', '18')) % 97n);
      return `${body}${String(key).padStart(2, '0')}`;
    });
  fc.assert(fc.property(fc.oneof(near, valid, valid.map((v) => v.slice(0, 13)), valid.map((v) => v.replace(/(.)(..)(..)/, '$1 $2 $3 '))), (v) => {
    assert.deepEqual({ ...checkNir(v) }, checkNirByRegex(v), JSON.stringify(v));
  }), { numRuns: 20000 });
});

test('review 2026-11-30: IP addresses as servers log them, e-mail addresses with an apostrophe, phones with an extension, web addresses without a scheme, rural addresses', () => {
  for (const v of ['::ffff:147.85.119.210', 'fe80::1%eth0', '192.168.1.10:8080', '10.0.0.0/24', '[2001:db8::1]:443']) assert.ok(isIp(v), v);
  for (const v of ['1.2.3', '12:30:45', '1.2.3.4.5']) assert.ok(!isIp(v), v);
  assert.ok(isEmail("patrick.o'brien12@example.com"));
  assert.ok(!isEmail('x y@b.fr'));
  for (const v of ['(607) 394-5452 x3040', '01 45 67 89 10 poste 214']) assert.ok(isPhone(v), v);
  assert.ok(!isPhone('12 x3'));
  for (const v of ['facebook.com/ikaika.kahale.0', 'chu-lyon.fr/dossier?id=3']) assert.ok(isBareUrl(v), v);
  for (const v of ['example.com', '3.5/10', 'jean@x.fr/']) assert.ok(!isBareUrl(v), v);
  for (const v of ['Lieu-dit Les Granges', 'Le Bourg', 'Hameau de la Forge']) assert.ok(isRuralAddress(v), v);
  assert.ok(isStreetAddress('14 venelle de Roscoat'));
  // (rural addresses only under an address's header: "Route orale" is a drug's route)
  for (const v of ['Bourges', 'Routine', 'Route orale']) assert.ok(!isStreetAddress(v), v);
});
