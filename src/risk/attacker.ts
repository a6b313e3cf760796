/**
 * Attacker models (El Emam & Dankar 2008; ARX RiskModelSampleRisks / RiskModelSampleSummary):
 * prosecutor (the attacker knows the target is in the data), journalist (links against a
 * population register), marketer (re-identifies as many records as possible).
 * See docs/assessment.md and ../shared/reference/risk-models.md §1. All functions are O(classes).
 */

export interface ProsecutorRisk {
  /** Highest record risk R_B = 1 / smallest class (= 1/k). */
  readonly highest: number;
  /** Average record risk R_C = classes / records (the expected share re-identified). */
  readonly average: number;
  /** Lowest record risk R_M = 1 / largest class. */
  readonly lowest: number;
  /** Threshold τ used for records at risk (null: none declared). */
  readonly threshold: number | null;
  /** Records whose risk 1/f_j is above τ (null when no τ). */
  readonly recordsAboveThreshold: number | null;
  /** recordsAboveThreshold / records (R_A). */
  readonly recordsAboveThresholdShare: number | null;
}

/** Prosecutor risk from the sample class sizes f_j. */
export function prosecutorRisk(sizes: ArrayLike<number>, threshold: number | null = null): ProsecutorRisk {
  let n = 0, min = Infinity, max = 0, above = 0;
  for (let i = 0; i < sizes.length; i++) {
    const f = sizes[i]!;
    n += f;
    if (f < min) min = f;
    if (f > max) max = f;
    if (threshold !== null && 1 / f > threshold) above += f;
  }
  const u = sizes.length;
  if (n === 0) {
    return { highest: 0, average: 0, lowest: 0, threshold, recordsAboveThreshold: threshold === null ? null : 0, recordsAboveThresholdShare: threshold === null ? null : 0 };
  }
  return {
    highest: 1 / min, average: u / n, lowest: 1 / max, threshold,
    recordsAboveThreshold: threshold === null ? null : above,
    recordsAboveThresholdShare: threshold === null ? null : above / n,
  };
}

export type PopulationSource = 'population-table' | 'weights' | 'sampling-fraction' | 'sample';

export interface JournalistRisk {
  /** Where the population class sizes F_j come from. 'sample': none known, F_j = f_j (as ARX). */
  readonly source: PopulationSource;
  /** R_B = 1 / min_j F_j over the classes present in the sample. */
  readonly highest: number;
  /** R_C (ARX) = max(u / Σ F_j, (1/n) Σ f_j / F_j). */
  readonly average: number;
  readonly threshold: number | null;
  /** Records of classes with 1/F_j above τ. */
  readonly recordsAboveThreshold: number | null;
  readonly recordsAboveThresholdShare: number | null;
  /** Classes whose population count was below their sample count (a population that is not a superset); F_j was raised to f_j. */
  readonly inconsistentClasses: number;
}

/**
 * Journalist risk from sample sizes f_j and population sizes F_j (same class order).
 * F_j below f_j (a population table that is not a superset of the sample) is raised to f_j and counted.
 */
export function journalistRisk(
  sizes: ArrayLike<number>, populationSizes: ArrayLike<number>, threshold: number | null = null,
  source: PopulationSource = 'population-table',
): JournalistRisk {
  let n = 0, minF = Infinity, sumF = 0, sumRatio = 0, above = 0, inconsistent = 0;
  const u = sizes.length;
  for (let i = 0; i < u; i++) {
    const f = sizes[i]!;
    let F = populationSizes[i]!;
    if (!(F >= f)) { F = f; inconsistent++; }
    n += f; sumF += F; sumRatio += f / F;
    if (F < minF) minF = F;
    if (threshold !== null && 1 / F > threshold) above += f;
  }
  if (n === 0) {
    return { source, highest: 0, average: 0, threshold, recordsAboveThreshold: threshold === null ? null : 0, recordsAboveThresholdShare: threshold === null ? null : 0, inconsistentClasses: 0 };
  }
  return {
    source, highest: 1 / minF, average: Math.max(u / sumF, sumRatio / n), threshold,
    recordsAboveThreshold: threshold === null ? null : above,
    recordsAboveThresholdShare: threshold === null ? null : above / n,
    inconsistentClasses: inconsistent,
  };
}

/**
 * Journalist risk when the population sizes are only estimated (weights or a sampling fraction):
 * each class's record risk is a model estimate of E[1/F_j | f_j] (the Benedetti–Franconi posterior,
 * see individual.ts), not 1/F̂_j — a sample unique may well be a population unique, which 1/F̂_j
 * would hide. highest = max_j r_j; average = (1/n) Σ_j f_j r_j (also the marketer rate);
 * records above τ = Σ_{j: r_j > τ} f_j.
 */
export function journalistRiskFromRecordRisks(
  sizes: ArrayLike<number>, classRisk: ArrayLike<number>, threshold: number | null, source: PopulationSource,
): JournalistRisk {
  let n = 0, highest = 0, sum = 0, above = 0;
  for (let j = 0; j < sizes.length; j++) {
    const f = sizes[j]!, r = classRisk[j]!;
    n += f; sum += f * r;
    if (r > highest) highest = r;
    if (threshold !== null && r > threshold) above += f;
  }
  return {
    source, highest, average: n ? sum / n : 0, threshold,
    recordsAboveThreshold: threshold === null ? null : above,
    recordsAboveThresholdShare: threshold === null ? null : n ? above / n : 0,
    inconsistentClasses: 0,
  };
}

/** Marketer success rate (1/n) Σ f_j / F_j; with F_j = f_j (the sample is the population) it is u/n. */
export function marketerRisk(sizes: ArrayLike<number>, populationSizes?: ArrayLike<number>): number {
  let n = 0, s = 0;
  for (let i = 0; i < sizes.length; i++) {
    const f = sizes[i]!;
    const F = populationSizes ? Math.max(populationSizes[i]!, f) : f;
    n += f; s += f / F;
  }
  return n === 0 ? 0 : s / n;
}
