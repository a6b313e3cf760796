/**
 * makeDiscreteLaplace: add independent discrete Laplace noise of rational scale b to each
 * coordinate of an integer vector. Privacy map (L1 → pure DP): ε = d/b. Proof:
 * makeDiscreteLaplace.proof.md.
 */
import { type IntVectorDomain, type Measurement, precondition } from '../core.ts';
import { type Rational, div } from '../rational.ts';
import type { RandomSource } from '../random.ts';
import { sampleDiscreteLaplace } from '../samplers.ts';

export function makeDiscreteLaplace(inputDomain: IntVectorDomain, inputMetric: 'l1', scale: Rational): Measurement<bigint[], bigint[]> {
  precondition(inputDomain.kind === 'int-vector', 'makeDiscreteLaplace', 'input must be an integer vector');
  precondition(inputMetric === 'l1', 'makeDiscreteLaplace', 'input metric must be L1');
  precondition(scale.num > 0n, 'makeDiscreteLaplace', 'scale must be > 0');
  return Object.freeze({
    kind: 'measurement' as const,
    name: `discrete-laplace(${scale.num}/${scale.den})`,
    inputDomain,
    inputMetric,
    outputMeasure: 'pure-dp' as const,
    function: (x: bigint[], src: RandomSource): bigint[] => {
      if (x.length !== inputDomain.length) throw new Error('vector length differs from the public length');
      return x.map((v) => v + sampleDiscreteLaplace(scale, src));
    },
    privacyMap: (d: Rational) => ({ measure: 'pure-dp' as const, epsilon: div(d, scale) }),
  });
}
