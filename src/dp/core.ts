/**
 * The five nouns of the DP core, after OpenDP (rust/src/core): domains, metrics, measures, and the
 * two record types built by `make*` constructors:
 *
 *   Transformation {inputDomain, inputMetric, outputDomain, outputMetric, function, stabilityMap}
 *   Measurement    {inputDomain, inputMetric, outputMeasure, function, privacyMap}
 *
 * A constructor checks its preconditions and is responsible (with its *.proof.md) for the map being
 * sound; chaining (makeChainTT / makeChainMT) checks that the spaces fit and composes the maps.
 *
 * Distances are exact rationals. Metrics:
 * - 'patient': number of patients added or removed (the privacy unit; all rows of a patient);
 * - 'l1':      L1 distance between integer vectors;
 * - 'l2sq':    the SQUARE of the L2 distance (kept squared so that it stays rational);
 * - 'linf':    L∞ distance (score vectors of selection mechanisms).
 */
import { AnonymatError } from '../errors.ts';
import type { Rational } from './rational.ts';
import type { RandomSource } from './random.ts';

export type MetricName = 'patient' | 'l1' | 'l2sq' | 'linf';
export type MeasureName = 'pure-dp' | 'zcdp' | 'approx-dp';

/** A privacy loss, in the measure of the measurement that produced it. */
export type PrivacyLoss =
  | { measure: 'pure-dp'; epsilon: Rational }
  | { measure: 'zcdp'; rho: Rational }
  | { measure: 'approx-dp'; epsilon: Rational; delta: Rational };

/** Fixed-point value bounds: values are integers in units of 10^-scale, in [lower, upper]. */
export interface ValueBounds { lower: bigint; upper: bigint; scale: number }

/** Rows of patients (the privacy unit); `value` present once a column has been clamped. */
export interface PatientRowsDomain { kind: 'patient-rows'; value?: ValueBounds }
/**
 * Rows assigned to cells with per-patient contribution bounds: at most `rowsPerCell` rows of a
 * patient in a cell, at most `cellsPerPatient` cells per patient. `cells` is the public number of
 * cells, or null when the keys come from the data (only a threshold mechanism may consume it).
 */
export interface BoundedCellsDomain {
  kind: 'bounded-cells'; cells: number | null; rowsPerCell: number; cellsPerPatient: number; value?: ValueBounds;
}
/** Integer vectors of a public length. */
export interface IntVectorDomain { kind: 'int-vector'; length: number }
export type Domain = PatientRowsDomain | BoundedCellsDomain | IntVectorDomain;

export interface Transformation<I, O> {
  readonly kind: 'transformation';
  readonly name: string;
  readonly inputDomain: Domain;
  readonly inputMetric: MetricName;
  readonly outputDomain: Domain;
  readonly outputMetric: MetricName;
  readonly function: (x: I) => O;
  /** d_in (input metric) → d_out (output metric), an upper bound. */
  readonly stabilityMap: (dIn: Rational) => Rational;
}

export interface Measurement<I, O> {
  readonly kind: 'measurement';
  readonly name: string;
  readonly inputDomain: Domain;
  readonly inputMetric: MetricName;
  readonly outputMeasure: MeasureName;
  /** The randomised function; `src` is node:crypto in the product, a seeded source in tests. */
  readonly function: (x: I, src: RandomSource) => O;
  /** d_in (input metric) → privacy loss, an upper bound. */
  readonly privacyMap: (dIn: Rational) => PrivacyLoss;
}

function domainKey(d: Domain): string {
  return JSON.stringify(d, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
}

export function domainsEqual(a: Domain, b: Domain): boolean { return domainKey(a) === domainKey(b); }

export function describeDomain(d: Domain): string { return domainKey(d); }

function mismatch(what: string, left: string, right: string): never {
  throw new AnonymatError('internal', `cannot chain ${left} into ${right}: ${what} do not match`);
}

/** t1 then t2 (a transformation). Fails unless t1's output space is t2's input space. */
export function makeChainTT<A, B, C>(t2: Transformation<B, C>, t1: Transformation<A, B>): Transformation<A, C> {
  if (!domainsEqual(t1.outputDomain, t2.inputDomain)) mismatch('domains', t1.name, t2.name);
  if (t1.outputMetric !== t2.inputMetric) mismatch('metrics', t1.name, t2.name);
  return Object.freeze({
    kind: 'transformation' as const,
    name: `${t1.name} >> ${t2.name}`,
    inputDomain: t1.inputDomain,
    inputMetric: t1.inputMetric,
    outputDomain: t2.outputDomain,
    outputMetric: t2.outputMetric,
    function: (x: A) => t2.function(t1.function(x)),
    stabilityMap: (d: Rational) => t2.stabilityMap(t1.stabilityMap(d)),
  });
}

/** t then m (a measurement). Fails unless t's output space is m's input space. */
export function makeChainMT<A, B, C>(m: Measurement<B, C>, t: Transformation<A, B>): Measurement<A, C> {
  if (!domainsEqual(t.outputDomain, m.inputDomain)) mismatch('domains', t.name, m.name);
  if (t.outputMetric !== m.inputMetric) mismatch('metrics', t.name, m.name);
  return Object.freeze({
    kind: 'measurement' as const,
    name: `${t.name} >> ${m.name}`,
    inputDomain: t.inputDomain,
    inputMetric: t.inputMetric,
    outputMeasure: m.outputMeasure,
    function: (x: A, src: RandomSource) => m.function(t.function(x), src),
    privacyMap: (d: Rational) => m.privacyMap(t.stabilityMap(d)),
  });
}

/** Precondition failure of a constructor (a programming or planning error, never user data). */
export function precondition(ok: boolean, constructor: string, message: string): asserts ok {
  if (!ok) throw new AnonymatError('internal', `${constructor}: ${message}`);
}
