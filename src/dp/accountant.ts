/**
 * The accountant: turns the privacy losses of a query's measurements into one charge in the
 * ledger's measure, exactly (BigInt rationals), and converts zCDP to (ε, δ) for DISPLAY only.
 *
 * - Ledger measure 'zcdp' (default): ρ adds up (Bun & Steinke 2016, Lemma 2.3, adaptive). A pure
 *   ε-DP measurement costs ε²/2 (BS16 Prop. 1.4). A threshold measurement (ε, δ) costs ε²/2 in ρ
 *   and δ in the δ ledger ("approximate zCDP", BS16 Def. 1.1 with δ; δs add up).
 * - Ledger measure 'pure-dp': ε adds up (basic composition); δs add up; a zCDP measurement cannot
 *   be charged (it has no pure-DP guarantee) and is refused.
 * The (ε, δ) shown beside a ρ uses Canonne–Kamath–Steinke 2020 Cor. 13 (tight) in floating point,
 * rounded up; it never takes part in admission.
 */
import { AnonymatError } from '../errors.ts';
import type { PrivacyLoss } from './core.ts';
import { type Rational, add, mul, rat, ZERO, toNumber } from './rational.ts';

export type LedgerMeasure = 'zcdp' | 'pure-dp';

/** A charge against a ledger: ρ (zcdp) or ε (pure-dp), plus δ. */
export interface Charge { measure: LedgerMeasure; amount: Rational; delta: Rational }

export function charge(losses: PrivacyLoss[], measure: LedgerMeasure): Charge {
  let amount = ZERO, delta = ZERO;
  for (const l of losses) {
    if (measure === 'zcdp') {
      if (l.measure === 'zcdp') amount = add(amount, l.rho);
      else { amount = add(amount, mul(mul(l.epsilon, l.epsilon), rat(1n, 2n))); if (l.measure === 'approx-dp') delta = add(delta, l.delta); }
    } else {
      if (l.measure === 'zcdp') {
        throw new AnonymatError('invalid-query', 'a zCDP (rho) query cannot be charged to a pure-ε budget', [
          { path: '$.rho', message: 'use "epsilon" instead of "rho" for this client and data set' },
        ]);
      }
      amount = add(amount, l.epsilon);
      if (l.measure === 'approx-dp') delta = add(delta, l.delta);
    }
  }
  return { measure, amount, delta };
}

function deltaOf(rho: number, eps: number): number {
  // δ(ε) = inf_{α>1} exp((α−1)(αρ−ε) + α·ln(1−1/α) − ln(α−1))   (CKS20 Cor. 13)
  const g = (a: number) => (2 * a - 1) * rho - eps + Math.log1p(-1 / a);
  let lo = 1 + 1e-12, hi = Math.max(2, (eps + 1) / (2 * rho) + 2);
  while (g(hi) < 0) hi *= 2;
  for (let i = 0; i < 200; i++) { const mid = (lo + hi) / 2; if (g(mid) < 0) lo = mid; else hi = mid; }
  const a = (lo + hi) / 2;
  const logd = (a - 1) * (a * rho - eps) + a * Math.log1p(-1 / a) - Math.log(a - 1);
  return Math.min(1, Math.exp(logd));
}

/** ε such that ρ-zCDP implies (ε, δ)-DP (CKS20 Cor. 13), rounded UP to 1e-6. Display only. */
export function zcdpEpsilon(rho: number, delta: number): number {
  if (rho <= 0) return 0;
  let lo = 0, hi = rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
  for (let i = 0; i < 200; i++) { const mid = (lo + hi) / 2; if (deltaOf(rho, mid) > delta) lo = mid; else hi = mid; }
  return Math.ceil(hi * 1e6) / 1e6;
}

/** The simple Bun–Steinke conversion ε = ρ + 2√(ρ ln(1/δ)) (display only). */
export function zcdpEpsilonBS16(rho: number, delta: number): number {
  return rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
}

/** (ε, δ) display of a zCDP total plus its spent δ, at a display δ (default 1e-6). */
export function displayApproxDp(rho: Rational, spentDelta: Rational, displayDelta = 1e-6): { epsilon: number; delta: number } {
  if (rho.num === 0n) return { epsilon: 0, delta: toNumber(spentDelta) };
  return { epsilon: zcdpEpsilon(toNumber(rho), displayDelta), delta: displayDelta + toNumber(spentDelta) };
}
