/**
 * makePermuteAndFlip: select an index of a utility vector (McKenna & Sheldon, NeurIPS 2020):
 * visit candidates in a uniformly random order and accept r with probability
 * exp(−(u* − u_r)/τ), τ a rational temperature. Privacy map (L∞ → pure DP): ε = 2d/τ.
 * Proof: makePermuteAndFlip.proof.md.
 */
import { type IntVectorDomain, type Measurement, precondition } from '../core.ts';
import { type Rational, div, mul, rat } from '../rational.ts';
import { type RandomSource, uniformInt } from '../random.ts';
import { sampleBernoulliExp } from '../samplers.ts';

export function makePermuteAndFlip(inputDomain: IntVectorDomain, inputMetric: 'linf', temperature: Rational): Measurement<bigint[], number> {
  precondition(inputDomain.kind === 'int-vector' && inputDomain.length >= 1, 'makePermuteAndFlip', 'input must be a non-empty integer vector');
  precondition(inputMetric === 'linf', 'makePermuteAndFlip', 'input metric must be L∞');
  precondition(temperature.num > 0n, 'makePermuteAndFlip', 'temperature must be > 0');
  return Object.freeze({
    kind: 'measurement' as const,
    name: `permute-and-flip(τ=${temperature.num}/${temperature.den})`,
    inputDomain,
    inputMetric,
    outputMeasure: 'pure-dp' as const,
    function: (u: bigint[], src: RandomSource): number => {
      const n = u.length;
      if (n !== inputDomain.length) throw new Error('vector length differs from the public length');
      let best = u[0]!;
      for (const v of u) if (v > best) best = v;
      const perm = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) { const j = uniformInt(src, i + 1); const t = perm[i]!; perm[i] = perm[j]!; perm[j] = t; }
      for (;;) { // the loop ends at the latest on a maximiser (accepted with probability 1)
        for (const r of perm) {
          const gap = best - u[r]!;
          if (sampleBernoulliExp(rat(gap * temperature.den, temperature.num), src)) return r;
        }
      }
    },
    privacyMap: (d: Rational) => ({ measure: 'pure-dp' as const, epsilon: div(mul(rat(2n), d), temperature) }),
  });
}
