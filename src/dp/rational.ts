/**
 * Exact non-negative-or-signed rationals on BigInt, always reduced, denominator > 0.
 * Used for every privacy parameter (ε, ρ, δ, scales, variances) and for the ledger, so that
 * budgets compose exactly (no `0.1 + 0.9 > 1.0` surprises, OpenDP issue #2131).
 */
import { AnonymatError } from '../errors.ts';

export interface Rational { readonly num: bigint; readonly den: bigint }

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) { const t = a % b; a = b; b = t; }
  return a;
}

export function rat(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = BigInt(num), d = BigInt(den);
  if (d === 0n) throw new AnonymatError('internal', 'rational with a zero denominator');
  if (d < 0n) { n = -n; d = -d; }
  const g = gcd(n, d);
  return g > 1n ? { num: n / g, den: d / g } : { num: n, den: d };
}

export const ZERO = rat(0n);
export const ONE = rat(1n);

export const add = (a: Rational, b: Rational): Rational => rat(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rational, b: Rational): Rational => rat(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational): Rational => rat(a.num * b.num, a.den * b.den);
export function div(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new AnonymatError('internal', 'division of a rational by zero');
  return rat(a.num * b.den, a.den * b.num);
}
export const cmp = (a: Rational, b: Rational): number => {
  const l = a.num * b.den, r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const eq = (a: Rational, b: Rational): boolean => a.num === b.num && a.den === b.den;
export const isZero = (a: Rational): boolean => a.num === 0n;
export const isPositive = (a: Rational): boolean => a.num > 0n;
export const min = (a: Rational, b: Rational): Rational => (cmp(a, b) <= 0 ? a : b);
export const max = (a: Rational, b: Rational): Rational => (cmp(a, b) >= 0 ? a : b);

/** floor(a) as a BigInt (towards −∞). */
export function floor(a: Rational): bigint {
  const q = a.num / a.den;
  return a.num < 0n && q * a.den !== a.num ? q - 1n : q;
}
/** ceil(a) as a BigInt. */
export function ceil(a: Rational): bigint { return -floor(rat(-a.num, a.den)); }

/** "num/den" (or "num" when den = 1): the canonical text form stored in the ledger. */
export function toString(a: Rational): string { return a.den === 1n ? `${a.num}` : `${a.num}/${a.den}`; }

/** Nearest double, for display and confidence intervals only (never for noise or admission). */
export function toNumber(a: Rational): number {
  // scale so both parts fit comfortably before dividing
  const bits = Math.max(bitLength(a.num), bitLength(a.den)) - 900;
  if (bits > 0) return Number(a.num >> BigInt(bits)) / Number(a.den >> BigInt(bits));
  return Number(a.num) / Number(a.den);
}

export function bitLength(x: bigint): number { if (x < 0n) x = -x; return x === 0n ? 0 : x.toString(2).length; }

/**
 * Integer square root floor(√n) for n ≥ 0: Newton's iteration from a power of two above the root, which decreases to it in
 * O(log bits) steps. (A double's estimate is only good to 53 bits: above ~2^110 it fell below the root by up to
 * 2^(bits/2 − 53), and the exact correction climbed one step at a time — a zCDP quantile with ρ = 1e41, or a variance on a
 * fine grid, never finished, after its budget was charged; above 2^1024 the estimate was Infinity and threw.)
 */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new AnonymatError('internal', 'square root of a negative number');
  if (n < 2n) return n;
  if (n < 1n << 52n) {
    // (small: the double's root is exact or off by one, corrected exactly)
    let x = BigInt(Math.floor(Math.sqrt(Number(n))));
    while (x * x > n) x -= 1n;
    while ((x + 1n) * (x + 1n) <= n) x += 1n;
    return x;
  }
  let x = 1n << BigInt((bitLength(n) + 1) >> 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** floor(√a) for a rational a ≥ 0. */
export function floorSqrt(a: Rational): bigint { return isqrt(a.num / a.den); }

/** A rational ≤ √a with denominator `den` (rounded DOWN: used where a smaller value is safe). */
export function sqrtDown(a: Rational, den: bigint = 1_000_000n): Rational {
  return rat(isqrt((a.num * den * den) / a.den), den);
}

/**
 * Parses an exact rational from text: "1/2", "0.25", "3", "1e-6", "2.5E-3"; or from a JSON number,
 * whose shortest decimal form (what the user typed) is taken exactly ("0.1" → 1/10).
 * Returns null when the text is not such a number.
 */
export function parseRational(v: string | number): Rational | null {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v.trim();
  let m = /^([+-]?\d+)\s*\/\s*(\d+)$/.exec(s);
  if (m) { const d = BigInt(m[2]!); return d === 0n ? null : rat(BigInt(m[1]!), d); }
  m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const sign = m[1] === '-' ? -1n : 1n;
  const frac = m[3] ?? '';
  let num = BigInt((m[2] || '0') + frac) * sign;
  let den = 10n ** BigInt(frac.length);
  const e = m[4] ? Number(m[4]) : 0;
  if (Math.abs(e) > 400) return null;
  if (e > 0) num *= 10n ** BigInt(e); else if (e < 0) den *= 10n ** BigInt(-e);
  return rat(num, den);
}

/** Rational from a stored "num/den" string (ledger); throws on a corrupt value. */
export function fromString(s: string): Rational {
  const r = parseRational(s);
  if (!r) throw new AnonymatError('internal', 'corrupt rational in storage');
  return r;
}

/** Exact decimal text of `units · 10^-scale` (fixed-point release), e.g. (1234n, 2) → "12.34". */
export function fixedPoint(units: bigint, scale: number): string {
  if (scale <= 0) return (units * 10n ** BigInt(-scale)).toString();
  const neg = units < 0n;
  const s = (neg ? -units : units).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, -scale)}.${s.slice(-scale)}`;
}
