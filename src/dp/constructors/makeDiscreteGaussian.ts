/**
 * makeDiscreteGaussian: add independent discrete Gaussian noise N_Z(0, σ²), σ² rational, to each
 * coordinate of an integer vector. Privacy map (squared L2 → zCDP): ρ = d/(2σ²) where d is the
 * squared L2 sensitivity. Proof: makeDiscreteGaussian.proof.md.
 */
import { type IntVectorDomain, type Measurement, precondition } from '../core.ts';
import { type Rational, div, mul, rat } from '../rational.ts';
import type { RandomSource } from '../random.ts';
import { sampleDiscreteGaussian } from '../samplers.ts';

export function makeDiscreteGaussian(inputDomain: IntVectorDomain, inputMetric: 'l2sq', sigma2: Rational): Measurement<bigint[], bigint[]> {
  precondition(inputDomain.kind === 'int-vector', 'makeDiscreteGaussian', 'input must be an integer vector');
  precondition(inputMetric === 'l2sq', 'makeDiscreteGaussian', 'input metric must be squared L2');
  precondition(sigma2.num > 0n, 'makeDiscreteGaussian', 'σ² must be > 0');
  return Object.freeze({
    kind: 'measurement' as const,
    name: `discrete-gaussian(σ²=${sigma2.num}/${sigma2.den})`,
    inputDomain,
    inputMetric,
    outputMeasure: 'zcdp' as const,
    function: (x: bigint[], src: RandomSource): bigint[] => {
      if (x.length !== inputDomain.length) throw new Error('vector length differs from the public length');
      return x.map((v) => v + sampleDiscreteGaussian(sigma2, src));
    },
    privacyMap: (d: Rational) => ({ measure: 'zcdp' as const, rho: div(d, mul(rat(2n), sigma2)) }),
  });
}
