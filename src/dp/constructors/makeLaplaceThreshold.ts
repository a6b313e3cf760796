/**
 * makeLaplaceThreshold: partition selection for keys that come from the data. Count distinct
 * patients per observed cell, add discrete Laplace noise of scale b, release the cells whose noisy
 * count is ≥ an integer threshold T (with their noisy counts). With k = cells per patient:
 * ε = k·d/b and δ = k·q^(T−1)/(1+q), q = e^(−1/b), bounded above exactly (expbounds.ts); d ≤ 1.
 * Proof: makeLaplaceThreshold.proof.md.
 */
import { type BoundedCellsDomain, type Measurement, precondition } from '../core.ts';
import type { BoundedCells } from './makeBoundedContributions.ts';
import { type Rational, add, cmp, div, mul, rat } from '../rational.ts';
import type { RandomSource } from '../random.ts';
import { sampleDiscreteLaplace } from '../samplers.ts';
import { expNegBounds, powUp } from '../expbounds.ts';

/** Exact upper bound on P[Z ≥ t] = q^t/(1+q) for discrete Laplace of scale b (t ≥ 1). */
export function laplaceTailUpper(scale: Rational, t: bigint): Rational {
  const [qLo, qHi] = expNegBounds(div(rat(1n), scale));
  return div(powUp(qHi, t), add(rat(1n), qLo));
}

/** δ of the threshold mechanism: k·P[Z ≥ T − 1], an exact rational upper bound. */
export function thresholdDelta(scale: Rational, threshold: bigint, cellsPerPatient: number): Rational {
  return mul(rat(BigInt(cellsPerPatient)), laplaceTailUpper(scale, threshold - 1n));
}

/**
 * Smallest integer T ≥ 2 whose certified δ is ≤ the target δ. The certified δ falls with T: doubling from 2 brackets it,
 * a bisection finds it — O(log T) certified bounds (stepping one by one from a guess took 0.69·b steps: 17 s at ε = 10⁻⁴).
 * A target below what the bounds can certify (their precision) is refused rather than searched for ever.
 */
export function thresholdFor(scale: Rational, delta: Rational, cellsPerPatient: number): bigint {
  const ok = (t: bigint): boolean => cmp(thresholdDelta(scale, t, cellsPerPatient), delta) <= 0;
  if (ok(2n)) return 2n;
  let lo = 2n, hi = 4n;
  for (let i = 0; !ok(hi); i++) {
    precondition(i < 80, 'thresholdFor', 'the target δ is below what the certified bounds can reach');
    lo = hi; hi *= 2n;
  }
  // (δ(lo) > target ≥ δ(hi))
  while (hi - lo > 1n) { const mid = (lo + hi) / 2n; if (ok(mid)) hi = mid; else lo = mid; }
  return hi;
}

export interface ThresholdOptions {
  scale: Rational;
  threshold: bigint;
  /** A δ to report instead of the certified bound; must be ≥ it (checked here, exactly). */
  delta?: Rational;
}

export function makeLaplaceThreshold(inputDomain: BoundedCellsDomain, inputMetric: 'patient', opts: ThresholdOptions): Measurement<BoundedCells, Map<number, bigint>> {
  precondition(inputDomain.kind === 'bounded-cells', 'makeLaplaceThreshold', 'input must be bounded cells');
  precondition(inputMetric === 'patient', 'makeLaplaceThreshold', 'input metric must be the patient metric');
  precondition(opts.scale.num > 0n, 'makeLaplaceThreshold', 'scale must be > 0');
  precondition(opts.threshold >= 2n, 'makeLaplaceThreshold', 'threshold must be ≥ 2');
  const k = inputDomain.cellsPerPatient;
  const certified = thresholdDelta(opts.scale, opts.threshold, k);
  precondition(opts.delta === undefined || cmp(certified, opts.delta) <= 0, 'makeLaplaceThreshold', 'the claimed δ is below the certified δ of this threshold');
  const delta = opts.delta ?? certified;
  return Object.freeze({
    kind: 'measurement' as const,
    name: `laplace-threshold(b=${opts.scale.num}/${opts.scale.den},T=${opts.threshold})`,
    inputDomain,
    inputMetric,
    outputMeasure: 'approx-dp' as const,
    function: (x: BoundedCells, src: RandomSource): Map<number, bigint> => {
      const counts = new Float64Array(x.cells);
      for (let r = 0; r < x.cell.length; r++) if (x.first[r] === 1) counts[x.cell[r]!]!++;
      const out = new Map<number, bigint>();
      for (let c = 0; c < counts.length; c++) {
        if (counts[c] === 0) continue; // a cell nobody is in does not exist in the data
        const noisy = BigInt(counts[c]!) + sampleDiscreteLaplace(opts.scale, src);
        if (noisy >= opts.threshold) out.set(c, noisy);
      }
      return out;
    },
    privacyMap: (d: Rational) => {
      if (cmp(d, rat(1n)) > 0) throw new Error('makeLaplaceThreshold: the privacy map is stated for d ≤ 1 patient');
      return { measure: 'approx-dp' as const, epsilon: div(rat(BigInt(k)), opts.scale), delta };
    },
  });
}
