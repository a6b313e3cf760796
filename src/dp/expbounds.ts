/**
 * Certified rational bounds on exp(−x) for rational x ≥ 0, used to derive partition-selection
 * thresholds from δ exactly (no floating point in a privacy decision).
 *
 * For 0 ≤ y ≤ 1/2 the alternating Taylor series of e^(−y) brackets it: partial sums ending on an
 * even power are upper bounds, on an odd power lower bounds. e^(−x) = (e^(−x/2^j))^(2^j) with
 * x/2^j ≤ 1/2; every intermediate value is rounded outward to a multiple of 2^−P.
 */
import { type Rational, rat, mul, add, sub, div, cmp } from './rational.ts';

const P = 192n;
const SCALE = 1n << P;

function roundUp(r: Rational): Rational { return rat((r.num * SCALE + r.den - 1n) / r.den, SCALE); }
function roundDown(r: Rational): Rational { return rat((r.num * SCALE) / r.den, SCALE); }

/** [lower, upper] with lower ≤ exp(−x) ≤ upper. */
export function expNegBounds(x: Rational): [Rational, Rational] {
  if (x.num < 0n) throw new RangeError('x must be ≥ 0');
  if (x.num === 0n) return [rat(1n), rat(1n)];
  let j = 0;
  let y = x;
  while (cmp(y, rat(1n, 2n)) > 0) { y = div(y, rat(2n)); j++; }
  // Taylor terms up to y^31/31! (error < (1/2)^32/32! — far below 2^−P after rounding)
  let term = rat(1n), lo = rat(1n), hi = rat(1n), sum = rat(1n);
  for (let i = 1; i <= 31; i++) {
    term = div(mul(term, y), rat(BigInt(i)));
    sum = i % 2 === 1 ? sub(sum, term) : add(sum, term);
    if (i % 2 === 1) lo = sum; else hi = sum;
  }
  // after i = 31 (odd) lo is the latest lower bound; hi the partial sum up to i = 30
  lo = roundDown(lo); hi = roundUp(hi);
  for (let s = 0; s < j; s++) { lo = roundDown(mul(lo, lo)); hi = roundUp(mul(hi, hi)); }
  return [lo, hi];
}

/** Upper bound on base^n for a rational base ≥ 0 (exponentiation by squaring, rounding up). */
export function powUp(base: Rational, n: bigint): Rational {
  let result = rat(1n), b = base, e = n;
  while (e > 0n) {
    if (e & 1n) result = roundUp(mul(result, b));
    b = roundUp(mul(b, b));
    e >>= 1n;
  }
  return result;
}
