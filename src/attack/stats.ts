/**
 * Success rates, Wilson intervals and the residual risk of an attack (docs/verdict.md §Statistics).
 *
 * - `wilson(k, n, c)` is Anonymeter's `success_rate`: the Wilson score centre and half-width.
 * - `attackFigures` turns attack / control (or baseline) counts into the reported figures:
 *   rates are plain k/n over the attacks actually made; the risk is
 *   (attack − control) / (1 − control); its 95 % interval is the MOVER-R interval built from the two
 *   95 % Wilson intervals (residualInterval: the ratio of the failure rates, Donner & Zou 2012).
 */

/** Φ⁻¹((1 + c) / 2): the two-sided normal quantile for a confidence level c in [0, 1). */
export function probit(c: number): number {
  if (!(c >= 0 && c < 1)) throw new RangeError('confidence level must be in [0, 1)');
  if (c === 0) return 0;
  return normalQuantile((1 + c) / 2);
}

/** Acklam's rational approximation refined by one Halley step (|error| < 1e-12). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const cc = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  let x: number;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((cc[0]! * q + cc[1]!) * q + cc[2]!) * q + cc[3]!) * q + cc[4]!) * q + cc[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - pl) {
    const q = p - 0.5, r = q * q;
    x = (((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((cc[0]! * q + cc[1]!) * q + cc[2]!) * q + cc[3]!) * q + cc[4]!) * q + cc[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  // Halley refinements with an accurate erfc
  for (let i = 0; i < 2; i++) {
    const e = 0.5 * erfc(-x / Math.SQRT2) - p;
    const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
    x = x - u / (1 + (x * u) / 2);
  }
  return x;
}

/** erfc to ~1e-13: Maclaurin series of erf for |x| < 3, Lentz continued fraction beyond. */
function erfc(x: number): number {
  const z = Math.abs(x);
  let r: number;
  if (z < 3) {
    let term = z, sum = z;
    for (let n = 1; n < 200; n++) {
      term *= (-z * z) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    r = 1 - (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    // erfc(z) = exp(−z²)/√π · 1/(z + 1/2/(z + 1/(z + 3/2/(z + …))))
    let f = z, C = z, D = 0;
    for (let n = 1; n < 300; n++) {
      const a = n / 2;
      D = z + a * D; D = D === 0 ? 1e-300 : 1 / D;
      C = z + a / C; if (C === 0) C = 1e-300;
      const delta = C * D;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    r = Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
  }
  return x >= 0 ? r : 2 - r;
}

export interface SuccessRate {
  /** Wilson centre (k + z²/2) / (n + z²) — Anonymeter's "rate". */
  readonly centre: number;
  /** Wilson half-width. */
  readonly error: number;
  /** Interval [centre − error, centre + error] clipped to [0, 1]. */
  readonly low: number;
  readonly high: number;
}

/** Wilson score interval of k successes in n trials at confidence c (Anonymeter's `success_rate`). */
export function wilson(k: number, n: number, c = 0.95): SuccessRate {
  if (!(n > 0)) throw new RangeError('wilson: n must be positive');
  if (!(k >= 0 && k <= n)) throw new RangeError('wilson: successes must lie in [0, n]');
  const z = probit(c);
  const z2 = z * z;
  const centre = (k + z2 / 2) / (n + z2);
  const error = (z / (n + z2)) * Math.sqrt((k * (n - k)) / n + z2 / 4);
  return { centre, error, low: clip01(centre - error), high: clip01(centre + error) };
}

export function clip01(x: number): number { return x < 0 ? 0 : x > 1 ? 1 : x; }

/** The figures reported for one attack (JSON field names are stable, see docs/verdict.md). */
export interface AttackFigures {
  /** Residual risk (attack − reference) / (1 − reference) on plain rates, clipped to [0, 1]. */
  risk: number;
  /** 95 % interval of the risk [low, high] (MOVER-R from the Wilson intervals), clipped to [0, 1]. */
  ci: [number, number];
  /** Successful main attacks / attacks made. */
  attackRate: number;
  baselineRate: number;
  /** Control successes / control attacks; null when no control attack was made (no control set). */
  controlRate: number | null;
  /** Main attacks actually made (the denominator). */
  attacks: number;
  successes: number;
  baselineAttacks: number;
  baselineSuccesses: number;
  controlAttacks: number;
  controlSuccesses: number;
  /** The rate the risk is measured against: 'control' when control attacks were made, else 'baseline' (no control set: a warning is raised). */
  reference: 'control' | 'baseline';
  /** Anonymeter's own estimate (Wilson centres, first-order error propagation, symmetric CI; without control the attack's Wilson centre), for comparison. */
  anonymeter: { risk: number; ci: [number, number] };
}

export interface AttackCounts {
  successes: number; attacks: number;
  baselineSuccesses: number; baselineAttacks: number;
  /** undefined when there is no control set. */
  controlSuccesses?: number; controlAttacks?: number;
}

/**
 * Computes the reported figures. With zero attacks made (nothing could be attempted), the risk is 0
 * with interval [0, 0] — the caller must explain why in its notes. Zero control attacks measure
 * nothing: they are no control (reference 'baseline', controlRate null), never a control rate of 0.
 */
export function attackFigures(c: AttackCounts, confidence = 0.95): AttackFigures {
  const hasControl = c.controlAttacks !== undefined && c.controlAttacks > 0;
  const refK = hasControl ? c.controlSuccesses! : c.baselineSuccesses;
  const refN = hasControl ? c.controlAttacks! : c.baselineAttacks;
  const rate = (k: number, n: number) => (n > 0 ? k / n : 0);
  const attackRate = rate(c.successes, c.attacks);
  const refRate = rate(refK, refN);
  const base = {
    attackRate, baselineRate: rate(c.baselineSuccesses, c.baselineAttacks),
    controlRate: hasControl ? refRate : null,
    attacks: c.attacks, successes: c.successes,
    baselineAttacks: c.baselineAttacks, baselineSuccesses: c.baselineSuccesses,
    controlAttacks: hasControl ? c.controlAttacks! : 0, controlSuccesses: hasControl ? c.controlSuccesses! : 0,
    reference: (hasControl ? 'control' : 'baseline') as 'control' | 'baseline',
  };
  if (c.attacks === 0) {
    return { ...base, risk: 0, ci: [0, 0], anonymeter: { risk: 0, ci: [0, 0] } };
  }
  const a = wilson(c.successes, c.attacks, confidence);
  let risk: number, low: number, high: number, am: { risk: number; ci: [number, number] };
  if (refN > 0) {
    const r = wilson(refK, refN, confidence);
    risk = residual(attackRate, refRate);
    if (refRate >= 1) { low = 0; high = 1; } else [low, high] = residualInterval(attackRate, a, refRate, r);
    // Anonymeter: centres and first-order propagation; without a control set, the attack's Wilson centre alone
    if (!hasControl) am = { risk: clip01(a.centre), ci: [a.low, a.high] };
    else if (r.centre < 1) {
      const point = (a.centre - r.centre) / (1 - r.centre);
      const err = Math.sqrt((a.error / Math.abs(1 - r.centre)) ** 2 + (r.error * (a.centre - 1) / (1 - r.centre) ** 2) ** 2);
      am = { risk: clip01(point), ci: [clip01(point - err), clip01(point + err)] };
    } else am = { risk: 0, ci: [0, 1] };
  } else {
    risk = attackRate; low = a.low; high = a.high;
    am = { risk: clip01(a.centre), ci: [a.low, a.high] };
  }
  return { ...base, risk: clip01(risk), ci: [clip01(Math.min(low, risk)), clip01(Math.max(high, risk))], anonymeter: am };
}

/**
 * The interval of the residual risk (a − c)/(1 − c) = 1 − θ, θ = (1 − a)/(1 − c) the ratio of the two failure rates:
 * MOVER-R (Donner & Zou 2012, the method of variance estimates recovery for a ratio of independent proportions) from
 * the Wilson limits of a and c, so [1 − U, 1 − L] for θ's interval [L, U]. Unlike the first-order propagation of
 * (a − c)/(1 − c) at its point estimate (whose derivative (1 − a)/(1 − c)² explodes as c nears 1), it stays inside the
 * values the two intervals allow: an attack far below a control near 1 gives [0, 0], not [0, 1]. Needs c < 1.
 */
export function residualInterval(a: number, aw: SuccessRate, c: number, cw: SuccessRate): [number, number] {
  // the failure rates p1 = 1 − a, p2 = 1 − c and their limits
  const p1 = 1 - a, l1 = 1 - aw.high, u1 = 1 - aw.low;
  const p2 = 1 - c, l2 = 1 - cw.high, u2 = 1 - cw.low;
  const P = p1 * p2;
  // L = (P − √(P² − A·D)) / D with A = l1(2p1 − l1), D = u2(2p2 − u2), written A / (P + √(P² − A·D)): D may be 0 or
  // negative (c's interval reaching 1 − 2p2), where the quotient form still holds; P² − A·D ≥ 0 (A ≤ p1², D ≤ p2²)
  const A = l1 * (2 * p1 - l1), D = u2 * (2 * p2 - u2);
  const L = P === 0 ? 0 : A / (P + Math.sqrt(Math.max(0, P * P - A * D)));
  // U = (P + √(P² − B·E)) / E with B = u1(2p1 − u1), E = l2(2p2 − l2) ≥ 0 (∞ when c's interval reaches 1)
  const B = u1 * (2 * p1 - u1), E = l2 * (2 * p2 - l2);
  const U = E > 0 ? (P + Math.sqrt(Math.max(0, P * P - B * E))) / E : Infinity;
  return [1 - U, 1 - L];
}

/** (a − r) / (1 − r); when r = 1 nothing can be measured beyond the reference: 0 if a ≤ r. */
export function residual(a: number, r: number): number {
  if (r >= 1) return a >= 1 ? 0 : 0;
  return (a - r) / (1 - r);
}
